"""Data that templates and guides share: rule tables, dates, rounds."""
from __future__ import annotations

import datetime
import json
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
RULE_DIR = ROOT / "checker" / "data"

MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]


def longdate(value) -> str:
    """'2026-11-25' (or a date) -> '25 November 2026'."""
    if isinstance(value, (datetime.date, datetime.datetime)):
        d = value
    else:
        d = datetime.date.fromisoformat(str(value).strip()[:10])
    return f"{d.day} {MONTHS[d.month - 1]} {d.year}"


def load_rule_files() -> dict:
    """Every rule table in checker/data, by file stem."""
    return {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted(RULE_DIR.glob("*.json"))}


def _last_verified_dates(node):
    if isinstance(node, dict):
        for key, value in node.items():
            if key == "last_verified" and isinstance(value, str):
                yield value
            else:
                yield from _last_verified_dates(value)
    elif isinstance(node, list):
        for item in node:
            yield from _last_verified_dates(item)


def rules_last_verified(tables: dict) -> str:
    """The oldest verification date of any value: the date the site can vouch for."""
    dates = list(_last_verified_dates(tables))
    return min(dates) if dates else "unknown"


_H2 = re.compile(r'<h2 id="([^"]+)">(.*?)</h2>', re.S)
_TAGS = re.compile(r"<[^>]+>")


def headings(html: str) -> list:
    """(id, text) of every h2 in rendered HTML, for the "On this page" list."""
    return [(anchor, _TAGS.sub("", text).strip()) for anchor, text in _H2.findall(html)]


_ABBR = re.compile(r'<abbr title="[^"]*">([^<]+)</abbr>')
_NO_LINK_ZONES = re.compile(r"<a\b.*?</a>|<h[1-6]\b.*?</h[1-6]>|<caption\b.*?</caption>|<th\b.*?</th>|<summary\b.*?</summary>", re.S)


def link_first_abbreviations(html: str, glossary: dict, glossary_page: str = "pages/glossary.md") -> str:
    """Wrap the first <abbr> of each glossary term (outside links, headings and table headers) in a link."""
    zones = [m.span() for m in _NO_LINK_ZONES.finditer(html)]

    def inside(pos: int) -> bool:
        return any(a <= pos < b for a, b in zones)

    done = set()
    out = []
    last = 0
    for m in _ABBR.finditer(html):
        term = m.group(1)
        if term in done or term not in glossary or inside(m.start()):
            continue
        done.add(term)
        out.append(html[last:m.start()])
        out.append('<a class="term" href="{filename}/%s#%s">%s</a>' % (glossary_page, glossary[term]["anchor"], m.group(0)))
        last = m.end()
    out.append(html[last:])
    return "".join(out)


_LINK = re.compile(r'<a (?![^>]*\bclass=)([^>]*?)href="(https?://[^"]+)"')


def mark_external(html: str, siteurl: str = "") -> str:
    """Give every link to another site class="external" (a link to ``siteurl`` itself stays as it is)."""
    own = siteurl.rstrip("/") + "/" if siteurl.startswith("http") else None

    def repl(m):
        if own and m.group(2).startswith(own):
            return m.group(0)
        return '<a %sclass="external" href="%s"' % (m.group(1), m.group(2))

    return _LINK.sub(repl, html)


def in_nav_order(pages) -> list:
    """Pages that appear in navigation (Nav_order > 0), in that order."""
    listed = [p for p in pages if int(getattr(p, "nav_order", 0) or 0) > 0]
    return sorted(listed, key=lambda p: int(p.nav_order))


# Rule-table fields the engine never reads: left out of the copy embedded in the checker page.
_PAGE_DROP = {"title", "title_fr", "description", "description_fr", "legal_basis", "note", "confidence"}


def _strip(node):
    if isinstance(node, dict):
        return {k: _strip(v) for k, v in node.items() if k not in _PAGE_DROP}
    if isinstance(node, list):
        return [_strip(v) for v in node]
    return node


CATALOG_DIR = ROOT / "checker" / "catalog"


def load_catalog(lang: str = "en") -> dict:
    return json.loads((CATALOG_DIR / f"{lang}.json").read_text(encoding="utf-8"))


# Each guide's slug in French (its Key: is the English slug); section ids are the same in both languages.
FRENCH_SLUGS = {
    "canadian-experience-class": "experience-canadienne", "work-hours": "heures-de-travail",
    "student-pathway": "parcours-etudiant", "worker-pathway": "parcours-travailleur", "crs": "scg",
    "language-tests": "tests-de-langue", "express-entry": "entree-express", "find-your-noc": "trouver-votre-cnp",
    "sources": "sources", "category-rounds": "rondes-par-categorie", "rounds": "rondes", "glossary": "glossaire",
    "checker": "verificateur", "guides": "guides",
}


def in_language(path: str, lang: str = "en") -> str:
    """A path from the site's root written with the English slug ("work-hours/#the-rule"), in ``lang``'s site."""
    if lang == "en" or path.startswith(("http:", "https:")):
        return path
    slug, sep, rest = path.partition("/")
    return FRENCH_SLUGS.get(slug, slug) + sep + rest


# Addresses outside the site that exist in each language.
_ADDRESSES = {
    "pstq": {"en": "https://www.quebec.ca/en/immigration/permanent/skilled-workers/skilled-worker-selection-program/about",
             "fr": "https://www.quebec.ca/immigration/permanente/travailleurs-qualifies/programme-selection-travailleurs-qualifies"},
}

# Where the result's links lead: paths from the site's root (each language's site has its own), or addresses.
_ENGLISH_LINKS = {
    "rounds": "rounds/",
    "quebec": "canadian-experience-class/#5-you-plan-to-live-outside-quebec",
    "pstq": _ADDRESSES["pstq"]["en"],
    "maintained_status": "worker-pathway/#maintained-status-working-after-your-permits-expiry-date",
    "bridging": "worker-pathway/#when-your-permit-is-expiring",
    "new_permit": "student-pathway/#if-your-pgwp-ends-before-your-year-is-done",
    "categories": "category-rounds/",
}
def checker_links(lang: str = "en") -> dict:
    """The result's links in ``lang``'s site (French slugs, the same section ids; Quebec's page in French)."""
    return {name: _ADDRESSES[name][lang] if name in _ADDRESSES else in_language(path, lang)
            for name, path in _ENGLISH_LINKS.items()}


# Words the engine never says: the interface's (sent apart), the form's and the site's (in the HTML).
PAGE_ONLY_PREFIXES = ("ui.", "form.", "site.", "guide.")


def checker_page_data(tables: dict, lang: str = "en", pool: dict | None = None) -> dict:
    """What the checker page embeds: the rule data, IRCC's rounds and pool, each test's score scales, the words
    of the page's language (the engine's messages for the web worker; the interface's own ``ui.*`` ones
    apart), the result's links and the labels of answer values (for the printed answers), and ``T``, which
    gives the page's template its words."""
    from checker import answers as checker_answers, rounds as checker_rounds
    from checker.page import form, view
    from checker.words import Words, msg

    from . import rounds

    scales = {}
    for name, table in tables.items():
        if name.startswith("clb_"):
            versions = table["parameters"]["equivalency"]["versions"]
            scales[name[4:]] = [{"from": v["effective_from"], "scale": v["value"]["scale"]} for v in versions]
    approved = tables["language_tests"]["parameters"]["approved_tests"]["versions"][-1]["value"]

    def embed(value):  # JSON that is safe inside <script type="application/json">
        return json.dumps(value, separators=(",", ":"), ensure_ascii=False).replace("</", "<\\/")

    catalog = load_catalog(lang)
    words = Words(catalog)
    engine = dict(catalog, messages={k: v for k, v in catalog["messages"].items()
                                     if not k.startswith(PAGE_ONLY_PREFIXES)})
    ui_words = {k: v for k, v in catalog["messages"].items() if k.startswith("ui.")}

    def T(key, **values):
        return words.text(msg(key, **values))

    provinces = sorted(checker_answers.PROVINCES, key=lambda code: T("province." + code))
    labels = {"province": {code: T("province." + code) for code in provinces},
              "education": {level: T("form.education." + level) for level in checker_answers.EDUCATION_LEVELS},
              "canadian": {value: T("form.canadian." + value) for value in checker_answers.CANADIAN_EDUCATION},
              "test": {test: info["name"] for test, info in approved.items()}}
    return {
        "rules_json": embed(_strip(tables)),
        "rounds_json": embed(checker_rounds.needed(rounds.load_rounds())),
        "pool_json": embed(pool if pool is not None else rounds.load_pool()),
        "scales_json": embed(view.scale_versions(scales, words)),
        "words_json": embed(engine),
        "ui_words_json": embed(ui_words),
        "page_json": embed({"links": checker_links(lang), "labels": labels, "max_jobs": form.MAX_JOBS}),
        "tests": approved,
        "T": T,
        "lang": lang,
        "provinces": provinces,
        "education_levels": checker_answers.EDUCATION_LEVELS,
        "canadian_education": ("none", "one_year", "two_year", "three_year_plus", "one_or_two_year"),
        "max_jobs": form.MAX_JOBS,
    }


def site_words(lang: str = "en"):
    from checker.words import Words
    return Words(load_catalog(lang))


def site_text(lang: str = "en"):
    """``T("site.footer.heading")``: a template's words in the site's language."""
    from checker.words import msg
    words = site_words(lang)

    def T(key, **values):
        return words.text(msg(key, **values))
    return T


def filters(lang: str = "en") -> dict:
    words = site_words(lang)

    def date_in_language(value):
        if lang == "en":
            return longdate(value)
        iso = value.isoformat()[:10] if isinstance(value, (datetime.date, datetime.datetime)) else str(value).strip()[:10]
        return words.date(iso)

    def num(value):  # "1 560" in French; a fraction keeps its decimals ("62,4")
        return words.decimal(value) if isinstance(value, float) else words.number(value)

    return {"longdate": date_in_language, "in_nav_order": in_nav_order, "num": num,
            "in_language": lambda path: in_language(path, lang), "address": address}


def address(url: str) -> str:
    """A link with its "." and ".." steps resolved ("https://x.org/fr/../crs/" is "https://x.org/crs/")."""
    import posixpath
    from urllib.parse import urlsplit, urlunsplit
    parts = urlsplit(url)
    path = posixpath.normpath(parts.path) if parts.path else parts.path
    if parts.path.endswith("/") and not path.endswith("/"):
        path += "/"
    if parts.scheme and not path.startswith("/"):
        path = "/" + path
    return urlunsplit(parts._replace(path=path))


def globals_(settings) -> dict:
    from . import categories, noc, rounds
    from .tables import RuleTables, guide_values, process_values

    lang = settings.get("DEFAULT_LANG", "en")
    tables = load_rule_files()
    verified = rules_last_verified(tables)
    extra = {**rounds.jinja_globals(lang), **categories.jinja_globals(lang), **noc.jinja_globals(lang)}
    return {
        **extra,
        "RULES": tables,
        "RULES_LAST_VERIFIED": verified,
        # Settings that Markdown guides may quote (jinja2content sees only JINJA_GLOBALS).
        "ISSUES_URL": settings.get("ISSUES_URL", ""),
        "REPOSITORY_URL": settings.get("REPOSITORY_URL", ""),
        "LANG": lang,
        "LANG_TAG": settings.get("LANG_TAGS", {}).get(lang, lang),
        "T": site_text(lang),
        "LINKS": checker_links(lang),
        # Guides show the rules in force on the day the data was last verified.
        "table": RuleTables(tables, verified, lang),
        "CHECKER_PAGE": checker_page_data(tables, lang),
        "R": guide_values(tables, verified, lang),
        "P": process_values(lang=lang),
    }
