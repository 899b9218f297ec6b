"""The NOC finder's data: Statistics Canada's NOC 2021 Version 1.0, from the committed copy in
``content/data/noc2021/`` (its README gives the provenance and the licence).

- After the build (``finalized``), one search index per language is written to the output:
  ``data/noc-en.json`` and ``data/noc-fr.json``, read in the browser by ``checker/page/nocsearch.py``
  (``nocsearch.load``). Each is a JSON object of strings, so that decoding it costs nothing in
  Brython: the 516 codes, their titles, the 10 broad categories, and each unit group's example
  titles in one string, shortest first (see :func:`index_data` and the ``nocsearch`` docstring for
  why this shape).
- Guides get, through :func:`jinja_globals` (merged by ``site_data.globals_``)::

    {{ noc_tables() }}          every unit group under its broad category: an h3 and a table each
    {{ noc_category_links() }}  a list of links to those 10 headings
    {{ noc_teer_table() }}      each TEER: what it usually takes, how many unit groups, whether it counts for the CEC
    {{ noc_attribution() }}     the attribution the Open Government Licence – Canada asks for
    {% set u = noc_unit("21232") %}   one unit group: u.code, u.title_en, u.teer, u.broad
    {{ NOC.unit_groups }}, {{ NOC.examples_en }}, {{ NOC.version }}...   figures for sentences

Nothing here reaches the network; the build reads only the committed CSV files.
"""
from __future__ import annotations

import csv
import functools
import gzip
import json
import re
from collections import Counter
from html import escape
from pathlib import Path

from markupsafe import Markup

from checker.page import nocsearch

from .site_data import ROOT, load_rule_files
from .tables import Say, in_lang

DATA_DIR = ROOT / "content" / "data" / "noc2021"
OUTPUT_DIR = "data"  # inside the site's output folder
LANGUAGES = ("en", "fr")
FILE_NAME = "noc-{lang}.json"
BUDGET_GZIP = 250 * 1000  # bytes, gzip level 6: the "at most 250 KB compressed"

PUBLISHER = "Statistics Canada"
VERSION = "NOC 2021 Version 1.0"
TITLE = {"en": "National Occupational Classification (NOC) 2021 Version 1.0",
         "fr": "Classification nationale des professions (CNP) 2021 version 1.0"}
LICENCE = "Open Government Licence – Canada"
LICENCE_URL = "https://open.canada.ca/en/open-government-licence-canada"
ATTRIBUTION = "Contains information licensed under the Open Government Licence – Canada."
STATCAN_URL = "https://www23.statcan.gc.ca/imdb/p3VD.pl?Function=getVD&TVD=1322554"
DATASET_URL = "https://open.canada.ca/data/en/dataset/1feee3b5-8068-4dbb-b361-180875837593"
# The same pages in French.
STATCAN_URL_FR = "https://www23.statcan.gc.ca/imdb/p3VD_f.pl?Function=getVD&TVD=1322554"
DATASET_URL_FR = "https://ouvert.canada.ca/data/fr/dataset/1feee3b5-8068-4dbb-b361-180875837593"
VERSION_FR = "CNP 2021 version 1.0"

# Marker characters for the index's short spelling of frequent phrases ("opérateur/opératrice" is one
# character): Latin-1 symbols and lower-case Greek and Cyrillic letters. None is ASCII (the finder takes an
# ASCII line to hold no marker), the NOC text uses none of them, lower() leaves them alone and JSON writes
# them as they are. The build drops any that appear in the data.
MARKER_CANDIDATES = ("¡¢£¤¥¦§¨©«¬®¯°±²³´¶·¸¹»¼½¾¿×÷"
                     + "".join(chr(c) for c in range(0x3B1, 0x3CA)) + "".join(chr(c) for c in range(0x430, 0x450)))
PHRASE_MIN_COUNT = 20

# What each TEER category usually takes, in our words (NOC 2021's TEER categories; see the guide's sources).
TEER_MEANING = {
    0: "Management occupations",
    1: "Usually a university degree",
    2: "Usually a college diploma or apprenticeship of two years or more, or a supervisory or "
       "safety-related job",
    3: "Usually a college diploma or apprenticeship of less than two years, or more than six months "
       "of on-the-job training",
    4: "Usually a high school diploma, or several weeks of on-the-job training",
    5: "Usually a short work demonstration and no formal education",
}


# --- the data ---------------------------------------------------------------------------------------

_CACHED = []  # the lru_cache'd readers below, cleared by _fresh() when a CSV file changes
_stamp = None


def _cached(fn):
    fn = functools.lru_cache(maxsize=None)(fn)
    _CACHED.append(fn)
    return fn


def _fresh() -> None:
    """Forget what was read if a CSV file changed since (``make serve`` rebuilds in the same process)."""
    global _stamp
    stamp = tuple((p.name, p.stat().st_mtime_ns) for p in sorted(DATA_DIR.glob("*.csv")))
    if stamp != _stamp:
        for fn in _CACHED:
            fn.cache_clear()
        _stamp = stamp


def _rows(name: str) -> list:
    with open(DATA_DIR / name, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


@_cached
def unit_groups() -> tuple:
    """The 516 unit groups in code order: dicts with code, title_en, title_fr, teer (int), broad (str)."""
    rows = sorted(_rows("unit_groups.csv"), key=lambda r: r["code"])
    return tuple({"code": r["code"], "title_en": r["title_en"], "title_fr": r["title_fr"],
                  "teer": int(r["code"][1]), "broad": r["code"][0]} for r in rows)


@_cached
def broad_categories() -> tuple:
    """The 10 broad categories in code order: dicts with code, title_en, title_fr."""
    return tuple({"code": r["code"], "title_en": r["title_en"], "title_fr": r["title_fr"]}
                 for r in sorted(_rows("structure.csv"), key=lambda r: r["code"]) if r["level"] == "1")


@_cached
def _all_examples() -> dict:
    out: dict = {lang: {} for lang in LANGUAGES}
    with open(DATA_DIR / "examples.csv", newline="", encoding="utf-8") as f:
        rows = csv.reader(f)
        head = next(rows)
        code, en, fr = head.index("code"), head.index("example_en"), head.index("example_fr")
        for row in rows:
            for lang, col in (("en", en), ("fr", fr)):
                if row[col]:
                    out[lang].setdefault(row[code], []).append(row[col])
    return out


def examples(lang: str) -> dict:
    """code -> the example titles of that language, as published."""
    return _all_examples()[lang]


# --- the search index ---------------------------------------------------------------------------------

def _check_characters(text: str) -> None:
    """nocsearch.fold_text handles these characters only: refuse data with any other."""
    allowed = set("abcdefghijklmnopqrstuvwxyz0123456789./") | set(nocsearch.FOLD) | set(nocsearch.SPACES)
    unknown = sorted(set(text.lower()) - allowed - {nocsearch.LINE, nocsearch.GROUP})
    if unknown:
        raise ValueError(f"NOC data holds characters the finder does not fold: {unknown!r} "
                         "(add them to checker/page/nocsearch.py FOLD or SPACES)")


# The commonest repetitions: "masculine/feminine" word pairs (most French titles have one; English has a
# few, "foreman/woman") and qualifiers after " - " ("- fabrication de chaussures", "- retail").
PAIR = re.compile(r"[^\s/\-'(),.|\"]+/[^\s/\-'(),.|\"]+")
QUALIFIER = re.compile(r"(?<= )- [^|\n]+")
# A phrase is written as a marker only where it stands between word boundaries ("." is not one: the finder
# drops it), so that in the folded text a marker is always a whole number of words.
BOUNDARY = set(" \t\n\u00a0-'(),/\"|")


def _at_boundaries(text: str, m: re.Match) -> bool:
    before = text[m.start() - 1] if m.start() else " "
    after = text[m.end()] if m.end() < len(text) else " "
    return (m.group()[0] in BOUNDARY or before in BOUNDARY) and (m.group()[-1] in BOUNDARY or after in BOUNDARY)


def _choose_phrases(text: str, everything: str) -> tuple:
    """(marker, phrase) pairs: the commonest qualifiers "- ..." and word pairs "a/b" of ``text``, each to be
    written as one marker (a character found nowhere in ``everything``), and ``text`` so written. Saves
    about 17 KB gzipped in French. Qualifiers are written first, then the pairs left outside them."""
    markers = [m for m in MARKER_CANDIDATES if m not in everything and m.lower() == m and not m.isascii()]
    counts = Counter(m.group() for regex in (QUALIFIER, PAIR) for m in regex.finditer(text) if _at_boundaries(text, m))
    ranked = sorted((p for p, c in counts.items() if c >= PHRASE_MIN_COUNT), key=lambda p: (-counts[p] * (len(p) - 1), p))
    chosen = dict(zip(ranked, markers))

    def write(m):
        return chosen[m.group()] if m.group() in chosen and _at_boundaries(m.string, m) else m.group()

    for regex in (QUALIFIER, PAIR):
        text = regex.sub(write, text)
    used = [(marker, phrase) for phrase, marker in chosen.items() if marker in text]
    return used, text


def _sorted_examples(titles: list) -> list:
    """A unit group's example titles, shortest first as the finder folds them (then by folded text)."""
    folded = nocsearch.fold_text(nocsearch.LINE.join(titles)).split(" " + nocsearch.LINE + " ")
    return [t for _, _, t in sorted(zip([len(f) for f in folded], folded, titles))]


@_cached
def index_data(lang: str) -> dict:
    """The search index of one language, as written to ``data/noc-<lang>.json``.

    All values are strings (or counts), in the order of ``codes``: ``titles`` and ``examples`` hold one
    line per unit group (``"\\n"`` between them); a group's example titles are separated by ``"|"``,
    shortest first; each character of ``markers`` stands for the phrase at the same place in ``phrases``
    (``"|"`` between them).
    """
    units = unit_groups()
    ex = examples(lang)
    missing = [u["code"] for u in units if not ex.get(u["code"])]
    if missing:
        raise ValueError(f"NOC unit groups without {lang} examples: {missing}")
    unknown = sorted(set(ex) - {u["code"] for u in units})
    if unknown:
        raise ValueError(f"NOC examples for unknown unit groups: {unknown}")
    titles = [u["title_" + lang] for u in units]
    groups = [nocsearch.LINE.join(_sorted_examples(ex[u["code"]])) for u in units]
    text = nocsearch.GROUP.join(groups)
    everything = text + nocsearch.GROUP + nocsearch.GROUP.join(titles)
    _check_characters(everything)
    phrases, text = _choose_phrases(text, everything)
    return {
        "format": nocsearch.FORMAT,
        "lang": lang,
        "source": f"{PUBLISHER}, {TITLE[lang]}",
        "attribution": ATTRIBUTION,
        "licence": LICENCE,
        "licence_url": LICENCE_URL,
        "unit_groups": len(units),
        "example_titles": sum(len(v) for v in ex.values()),
        "codes": " ".join(u["code"] for u in units),
        "titles": nocsearch.GROUP.join(titles),
        "categories": nocsearch.GROUP.join(c["title_" + lang] for c in broad_categories()),
        "examples": text,
        "markers": "".join(m for m, _ in phrases),
        "phrases": nocsearch.LINE.join(p for _, p in phrases),
    }


@_cached
def index_json(lang: str) -> str:
    return json.dumps(index_data(lang), ensure_ascii=False, separators=(",", ":"))


def sizes(lang: str) -> tuple:
    """(raw bytes, gzip level 6 bytes) of a language's index file."""
    raw = index_json(lang).encode("utf-8")
    return len(raw), len(gzip.compress(raw, compresslevel=6, mtime=0))


def write_indexes(output_path: Path) -> list:
    """Write data/noc-en.json and data/noc-fr.json under output_path; return their paths."""
    _fresh()
    folder = Path(output_path) / OUTPUT_DIR
    folder.mkdir(parents=True, exist_ok=True)
    written = []
    for lang in LANGUAGES:
        path = folder / FILE_NAME.format(lang=lang)
        text = index_json(lang)
        if not path.is_file() or path.read_text(encoding="utf-8") != text:
            path.write_text(text, encoding="utf-8")
        written.append(path)
    return written


def finalized(pelican):
    write_indexes(pelican.settings["OUTPUT_PATH"])


# --- the guide ------------------------------------------------------------------------------------------

def cec_teers() -> list:
    """The TEER categories whose work counts for the CEC, from the rule data (as eligible_teer_text)."""
    table = load_rule_files()["cec_requirements"]
    return list(table["parameters"]["work_experience"]["versions"][-1]["value"]["eligible_teer"])


def _table(caption: str, head: list, rows: list, attrs: str = "") -> str:
    th = "".join(f'<th scope="col"{cls}>{escape(h)}</th>' for h, cls in head)
    body = "".join("<tr>" + "".join(cells) + "</tr>" for cells in rows)
    return (f'<div class="table-wrap" tabindex="0" role="region" aria-label="{escape(caption)}">'
            f'<table{attrs}><caption>{escape(caption)}</caption><thead><tr>{th}</tr></thead>'
            f"<tbody>{body}</tbody></table></div>")


def category_anchor(code: str) -> str:
    return f"noc-category-{code}"


def noc_tables(lang: str = "en") -> Markup:
    """Every unit group under its broad category: an h3 and a table (code, title, TEER) for each of the 10."""
    S = Say(lang)
    title = "title_" + lang
    units = unit_groups()
    parts = []
    num = ' class="num"'
    for cat in broad_categories():
        members = [u for u in units if u["broad"] == cat["code"]]
        caption = S("noc.broad_caption", code=cat['code'], title=cat[title], n=len(members))
        rows = [[f'<th scope="row">{u["code"]}</th>', f"<td>{escape(u[title])}</td>", f'<td class="num">{u["teer"]}</td>']
                for u in members]
        parts.append(f'<h3 id="{category_anchor(cat["code"])}">{escape(cat["code"])}. {escape(cat[title])}</h3>\n'
                     + _table(caption, [(S("noc.code"), ""), (S("noc.unit_group"), ""), (S("noc_table.teer"), num)], rows,
                              f' class="noc-table" data-noc-category="{escape(cat["code"])}"'))
    return Markup("\n".join(parts))


def noc_category_links(lang: str = "en") -> Markup:
    title = "title_" + lang
    items = "".join(f'<li><a href="#{category_anchor(c["code"])}">{escape(c["code"])}. {escape(c[title])}</a></li>'
                    for c in broad_categories())
    return Markup(f'<ul class="noc-categories">{items}</ul>')


def teer_meaning(teer: int, lang: str = "en") -> str:
    """What a TEER category usually takes, in ``lang`` (English: :data:`TEER_MEANING`)."""
    if lang == "en":
        return TEER_MEANING[teer]
    return Say(lang)(f"teer_meaning.{teer}")


def noc_teer_table(lang: str = "en") -> Markup:
    """TEER 0 to 5: what each usually takes, how many unit groups, and whether its work counts for the CEC."""
    S = Say(lang)
    counts = Counter(u["teer"] for u in unit_groups())
    eligible = set(cec_teers())
    num = ' class="num"'
    rows = [[f'<th scope="row">{escape(S("teer", teer=t))}</th>', f"<td>{escape(teer_meaning(t, lang))}</td>",
             f'<td class="num">{counts[t]}</td>', f"<td>{S('yes') if t in eligible else S('no')}</td>"]
            for t in sorted(TEER_MEANING)]
    return Markup(_table(S("noc.teer_caption"), [(S("noc_table.teer"), ""), (S("noc.teer_takes"), ""),
                                                 (S("noc.unit_groups"), num), (S("noc.counts_for_cec"), "")],
                         rows, ' class="teer-table" data-noc-teer'))


ATTRIBUTION_WORDS = {
    "en": ("The NOC 2021 codes and titles on this page", "are from", "Contains information licensed under the"),
    "fr": ("Les codes et les appellations de la CNP 2021 de cette page", "proviennent de",
           "Contient des informations visées par la"),
}
PUBLISHER_FR = "Statistique Canada"
LICENCE_FR = "Licence du gouvernement ouvert – Canada"
LICENCE_URL_FR = "https://ouvert.canada.ca/fr/licence-du-gouvernement-ouvert-canada"


def noc_attribution(what: str = "", lang: str = "en") -> Markup:
    """The source and the statement the Open Government Licence – Canada asks for ("Contains information
    licensed under the Open Government Licence – Canada", with a link to the licence), in ``lang``;
    ``what`` names what comes from the NOC (by default, the page's codes and titles)."""
    default, verb, statement = ATTRIBUTION_WORDS[lang]
    publisher, licence, url = ((PUBLISHER, LICENCE, LICENCE_URL) if lang == "en"
                               else (PUBLISHER_FR, LICENCE_FR, LICENCE_URL_FR))
    statcan = STATCAN_URL if lang == "en" else STATCAN_URL_FR
    return Markup(f'<p class="attribution" data-noc-attribution>{escape(what or default)} {verb} '
                  f'{escape(publisher)}, <a href="{escape(statcan)}">{escape(TITLE[lang])}</a>. '
                  f'{statement} <a href="{escape(url)}">{escape(licence)}</a>.</p>')


def _or_list(items: list) -> str:
    items = [str(t) for t in items]
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def noc_unit(code: str, lang: str = "en") -> dict:
    """A unit group by code (code, title_en, title_fr, teer, broad, and ``title``: the title in ``lang``), for a
    guide's example sentence."""
    for u in unit_groups():
        if u["code"] == code:
            return u if lang == "en" else {**u, "title": u["title_" + lang]}
    raise KeyError(f"no NOC 2021 unit group {code}")


def summary(lang: str = "en") -> dict:
    units = unit_groups()
    counts = Counter(u["teer"] for u in units)
    eligible = cec_teers()
    en = lang == "en"
    others = [t for t in sorted(counts) if t not in eligible]
    return {
        "cec_other_teers_text": _or_list(others) if en else Say(lang).or_list(others),  # "4 or 5"
        "unit_groups": len(units),
        "broad_categories": len(broad_categories()),
        "examples_en": sum(len(v) for v in examples("en").values()),
        "examples_fr": sum(len(v) for v in examples("fr").values()),
        "teer_counts": {t: counts[t] for t in sorted(counts)},
        "version": VERSION if en else VERSION_FR,
        "title": TITLE[lang],
        "publisher": PUBLISHER if en else PUBLISHER_FR,
        "licence": LICENCE if en else LICENCE_FR,
        "licence_url": LICENCE_URL if en else LICENCE_URL_FR,
        "statcan_url": STATCAN_URL if en else STATCAN_URL_FR,
        "dataset_url": DATASET_URL if en else DATASET_URL_FR,
        "index_files": [f"{OUTPUT_DIR}/{FILE_NAME.format(lang=lang)}" for lang in LANGUAGES],
    }


def jinja_globals(lang: str = "en") -> dict:
    """Everything this module offers to templates and Markdown guides, in ``lang``."""
    _fresh()
    return {**in_lang({"noc_tables": noc_tables, "noc_category_links": noc_category_links,
                       "noc_teer_table": noc_teer_table, "noc_attribution": noc_attribution, "noc_unit": noc_unit},
                      lang),
            "NOC": summary(lang)}