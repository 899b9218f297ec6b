"""Express Entry category-based selection for the guides: the checker's rule data
(``checker/data/ee_categories.json``), Statistics Canada's NOC 2021 titles and IRCC's rounds.

Nothing here types a rule or a figure: each category, its condition, its NOC list and
how sure we are of it come from the rule data; titles and TEER from the NOC 2021
unit groups (``content/data/noc2021/unit_groups.csv``); cut-offs from the rounds CSV,
in the checker's own window (``checker.rounds.window``), so the category guide and the
"Recent rounds" guide quote the same rounds.

Guides reach it through :func:`jinja_globals` (merged by ``site_data.globals_``)::

    {% set cat = category_rules() %}     the version in force on the guides' date, and what changed
    {{ category_noc_table("trades") }}   a category's NOC list: code, title, TEER
                                         (data-rule="ee_categories.categories.trades")
    {% set cr = category_rounds() %}     each category's rounds in the window, for sentences
    {{ category_rounds_table() }}        the same as a table
    {{ category_confidence_table() }}    each category's list size and how sure we are of it
    {{ category_secondary_sources() }}   every non-government source behind the lists, as a list

Every function takes an optional ``on`` (ISO date); by default the rules in force on the
day the rule data was last verified, as for every other guide table.
"""
from __future__ import annotations

import csv
import functools
from html import escape
from pathlib import Path

from markupsafe import Markup

from checker import rounds as checker_rounds

from . import rounds as site_rounds
from .site_data import ROOT, load_rule_files, longdate, rules_last_verified
from .tables import Say, _short, in_lang

RULE_FILE = "ee_categories"
PARAMETER = "categories"

# The project's copy of Statistics Canada's NOC 2021 unit groups (content/data/noc2021/README.md).
NOC_CSV = ROOT / "content" / "data" / "noc2021" / "unit_groups.csv"
NOC_SOURCE = ("Statistics Canada, National Occupational Classification (NOC) 2021 Version 1.0. Contains information "
              "licensed under the Open Government Licence – Canada.")
NOC_SOURCE_URL = "https://open.canada.ca/en/open-government-licence-canada"
NOC_SOURCE_URL_FR = "https://ouvert.canada.ca/fr/licence-du-gouvernement-ouvert-canada"

PROGRAM_NAMES = {"cec": "Canadian Experience Class", "fsw": "Federal Skilled Worker Program",
                 "fst": "Federal Skilled Trades Program"}
CONFIDENCE_RANK = {"official": 0, "cross-checked": 1, "secondary": 2, "uncertain": 3}
# How sure we are of a category's list, in the guide's words (the rule data's four levels).
SURE_WORDS = {
    "official": "read on IRCC's own page",
    "cross-checked": "several separate sources agree; not read on IRCC's page",
    "secondary": "one or two secondary transcriptions only; not read on IRCC's page",
    "uncertain": "not confirmed",
}


# --- data --------------------------------------------------------------------------------

def noc_path() -> Path:
    if NOC_CSV.is_file():
        return NOC_CSV
    raise FileNotFoundError(f"NOC 2021 unit groups not found: expected {NOC_CSV.relative_to(ROOT)}")


def noc_units(path: Path | None = None, lang: str = "en") -> dict:
    """Every NOC 2021 unit group: code -> {"title": its title in ``lang`` (Statistics Canada's), "teer": int}."""
    with open(path or noc_path(), newline="", encoding="utf-8") as f:
        return {r["code"]: {"title": r["title_" + lang], "teer": int(r["teer"])} for r in csv.DictReader(f)}


def _versions(tables: dict) -> list:
    return tables[RULE_FILE]["parameters"][PARAMETER]["versions"]


def _version_on(tables: dict, on: str) -> dict | None:
    found = None
    for v in _versions(tables):
        if v["effective_from"] <= on:
            found = v
    return found


def _guide_date(tables: dict, on: str | None) -> str:
    return on or rules_last_verified(tables)


def _codes(units: dict, codes: list) -> list:
    out = []
    for code in codes:
        unit = units.get(code)
        if unit is None:
            raise ValueError(f"{RULE_FILE}: {code} is not a NOC 2021 unit group")
        out.append({"code": code, "title": unit["title"], "teer": unit["teer"]})
    return out


def _name(cat_id: str, c: dict, S: Say) -> str:
    """A category's name: IRCC's English one from the rule data, or the checker's catalog's (category.name.<id>)."""
    if S.lang != "en" and S.has("category.name." + cat_id):
        return S.message("category.name." + cat_id)
    return c["name"]


def _sure(level: str, S: Say) -> str:
    key = "guide.sure." + level.replace("-", "_")
    return S(key[6:]) if S.has(key) else level


def _category(cat_id: str, c: dict, units: dict, S: Say | None = None) -> dict:
    S = S or Say("en")
    noc = _codes(units, c.get("noc", []))
    return {**c, "id": cat_id, "name": _name(cat_id, c, S), "codes": noc, "count": len(noc),
            "teers": sorted({n["teer"] for n in noc}),
            "confidence_words": _sure(c["confidence"], S),
            "links": [{"href": u, "label": _short(u)} for u in c["sources"]]}


def _program(p: str, S: Say) -> str:
    return S("round_type." + p) if S.has("guide.round_type." + p) else p


def _version_view(v: dict, units: dict, later: dict | None, S: Say | None = None) -> dict | None:
    S = S or Say("en")
    if v is None or v["value"] is None:
        return None
    value = v["value"]
    cats = [_category(cat_id, c, units, S) for cat_id, c in value["categories"].items()]
    for c in cats:  # codes this category shares with each other one (e.g. physicians: all 3 with healthcare)
        mine = {n["code"] for n in c["codes"]}
        c["shared"] = {o["id"]: len(mine & {n["code"] for n in o["codes"]}) for o in cats
                       if o is not c and mine & {n["code"] for n in o["codes"]}}
    exp = value["experience"]
    return {
        "from": v["effective_from"], "from_long": S.date(v["effective_from"]),
        "until_long": S.date(_day_before(later["effective_from"])) if later else None,
        "confidence": v["confidence"], "sources": v["sources"],
        "experience": exp,
        "programs": [_program(p, S) for p in value["programs"]],
        "programs_text": S.or_list([_program(p, S) for p in value["programs"]]),
        "categories": cats,
        "by_id": {c["id"]: c for c in cats},
        "count": len(cats),
        "occupation": [c for c in cats if c["kind"] == "occupation"],
        "canada_only": [c for c in cats if c.get("canada_only")],
        "canada_only_names": S.and_list([c["name"] for c in cats if c.get("canada_only")]) if any(
            c.get("canada_only") for c in cats) else "",
        "names": "; ".join(c["name"] for c in cats),
        "abroad_ok": [c for c in cats if c["kind"] == "occupation" and not c.get("canada_only")],
        "weakest": max((c["confidence"] for c in cats), key=lambda x: CONFIDENCE_RANK.get(x, 9)),
        "codes": len({n["code"] for c in cats if c["kind"] == "occupation" for n in c["codes"]}),
    }


def _day_before(iso: str) -> str:
    import datetime

    return (datetime.date.fromisoformat(iso) - datetime.timedelta(days=1)).isoformat()


def _or_list(items: list) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " or " + items[-1]


def _and_list(items: list) -> str:
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


def category_rules(on: str | None = None, tables: dict | None = None, units: dict | None = None,
                   lang: str = "en") -> dict | None:
    """The categories in force on ``on`` (default: the guides' date), the version before them and what changed.

    Returns None when no category version is modelled on that date. Keys: ``from``/``from_long``, ``experience``
    (the rule data's), ``programs_text``, ``categories`` (each with ``codes`` [{code, title, teer}], ``count``,
    ``confidence``, ``confidence_words``, ``links``), ``by_id``, ``count``, ``canada_only``, ``abroad_ok``,
    ``weakest``, ``previous`` (the same for the version before, or None) and ``changes``: ``added`` and
    ``removed`` categories, and ``lists``, one entry per category in both versions whose list changed, with the
    codes ``added`` and ``removed``.
    """
    S = Say(lang)
    tables = load_rule_files() if tables is None else tables
    units = noc_units(lang=lang) if units is None else units
    on = _guide_date(tables, on)
    versions = _versions(tables)
    current = _version_on(tables, on)
    if current is None or current["value"] is None:
        return None
    i = versions.index(current)
    later = versions[i + 1] if i + 1 < len(versions) else None
    view = _version_view(current, units, later, S)
    view["on"] = on
    previous = _version_view(versions[i - 1], units, current, S) if i > 0 else None
    for v in (view, previous):
        if v is not None:
            _add_counting(v, tables, S)
    view["previous"] = previous
    view["changes"] = _changes(previous, view, S) if previous else None
    return view


def _add_counting(view: dict, tables: dict, S: Say | None = None) -> None:
    """The experience in hours as the checker counts it (the CEC's way: IRCC states months only), and the
    French tests IRCC accepts, both from the rule data in force on the version's first day."""
    cec = _value_on(tables, "cec_requirements", "work_experience", view["from"])
    months = view["experience"]["months"]
    S = S or Say("en")
    view["hours_as_counted"] = S.num(cec['min_hours'] * months // 12)
    view["weekly_cap"] = cec["max_hours_per_week"]
    tests = _value_on(tables, "language_tests", "approved_tests", view["from"]) or {}
    for c in view["categories"]:
        if c["kind"] == "language":
            names = [t["name"] for t in tests.values() if t["language"] == c["language"]["test_language"]]
            c["tests"], c["tests_text"] = names, S.or_list(names) if names else ""


def _value_on(tables: dict, file_id: str, parameter: str, on: str):
    found = None
    for v in tables[file_id]["parameters"][parameter]["versions"]:
        if v["effective_from"] <= on:
            found = v["value"]
    return found


def _changes(old: dict, new: dict, S: Say | None = None) -> dict:
    S = S or Say("en")
    _and_list = S.and_list
    _titled = functools.partial(_titled_in, S=S)
    lists = []
    unchanged = []
    for c in new["categories"]:
        before = old["by_id"].get(c["id"])
        if before is None or c["kind"] != "occupation":
            continue
        was = {n["code"] for n in before["codes"]}
        now = {n["code"] for n in c["codes"]}
        if was == now:
            unchanged.append(c)
        else:
            lists.append({"id": c["id"], "name": c["name"],
                          "added": [n for n in c["codes"] if n["code"] not in was],
                          "removed": [n for n in before["codes"] if n["code"] not in now]})
    for entry in lists:
        entry["added_text"] = _and_list([_titled(n) for n in entry["added"]]) if entry["added"] else ""
        entry["removed_text"] = _and_list([_titled(n) for n in entry["removed"]]) if entry["removed"] else ""
        entry["count"] = new["by_id"][entry["id"]]["count"]
    added = [c for c in new["categories"] if c["id"] not in old["by_id"]]
    removed = []
    for c in old["categories"]:
        if c["id"] in new["by_id"]:
            continue
        moved = []
        for n in c["codes"]:
            now = [x["name"] for x in new["categories"] if n["code"] in {m["code"] for m in x["codes"]}]
            if now:
                moved.append({**n, "text": _titled(n), "now_in": _and_list(now)})
        if len(c["codes"]) == 1 and moved:
            summary = S("changes.only_moved", job=moved[0]['text'], now_in=moved[0]['now_in'])
        else:
            summary = S("changes.held", jobs=_and_list([_titled(n) for n in c['codes']])) + "".join(
                " " + S("changes.moved", job=m['text'], now_in=m['now_in']) for m in moved)
        removed.append({**c, "moved": moved, "summary": summary})
    return {"added": added, "added_names": _and_list([c["name"] for c in added]) if added else "",
            "removed": removed, "removed_names": _and_list([c["name"] for c in removed]) if removed else "",
            "lists": lists, "unchanged": unchanged,
            "unchanged_names": _and_list([c["name"] for c in unchanged]) if unchanged else ""}


def _titled(n: dict) -> str:
    return f"{n['title']} ({n['code']})"


def _titled_in(n: dict, S: Say) -> str:
    return S("titled", title=n['title'], code=n['code'])


def where_else(code: str, on: str | None = None, tables: dict | None = None) -> list:
    """Ids of the categories, in force on ``on``, whose list holds ``code``."""
    tables = load_rule_files() if tables is None else tables
    v = _version_on(tables, _guide_date(tables, on))
    if v is None or v["value"] is None:
        return []
    return [i for i, c in v["value"]["categories"].items() if code in c.get("noc", [])]


# --- rounds ------------------------------------------------------------------------------

def _edition_of(round_type: str) -> str | None:
    """'2026-V3' from 'Trades occupations (2026-V3)': the list edition in the CSV's round name, if any."""
    if round_type.endswith(")") and "(" in round_type:
        return round_type.rsplit("(", 1)[1][:-1]
    return None


def category_rounds(on: str | None = None, tables: dict | None = None, rounds: list | None = None,
                    lang: str = "en") -> dict | None:
    """Each category in force on ``on``: its rounds in the checker's window (the 365 days to the newest round).

    ``window``: ``from``/``to`` (ISO), ``from_long``/``to_long``, ``text`` ("IRCC's rounds from … to …");
    ``categories``: per category (data order) ``id``, ``name``, ``rounds`` (newest first), ``count``, ``low``,
    ``high``, ``range``, ``latest`` (round, date, long_date, min_crs, invitations), ``earlier_list`` (its rounds in
    the window held under an earlier list edition) and ``first_current`` (the first round ever held under the
    current edition, or None); ``held`` and ``not_held``: the categories with and without rounds in the window.
    """
    S = Say(lang)
    tables = load_rule_files() if tables is None else tables
    rounds = site_rounds.load_rounds() if rounds is None else rounds
    v = _version_on(tables, _guide_date(tables, on))
    span = checker_rounds.window(rounds)
    if v is None or v["value"] is None or span is None:
        return None
    start, end = span
    out = []
    for cat_id, c in v["value"]["categories"].items():
        picked = checker_rounds.in_window(rounds, span, cat_id)
        edition = c.get("round_edition")
        ever = sorted((r for r in rounds if checker_rounds.round_kind(r["round_type"]) == cat_id
                       and edition and _edition_of(r["round_type"]) == edition), key=lambda r: (r["date"], r["round"]))
        entry = {"id": cat_id, "name": _name(cat_id, c, S), "edition": edition, "count": len(picked),
                 "rounds": [_round(r, S) for r in picked],
                 "earlier_list": [_round(r, S) for r in picked if _edition_of(r["round_type"]) != edition],
                 "first_current": _round(ever[0], S) if ever else None}
        s = checker_rounds.summary(0, picked)
        if picked:
            entry.update({"low": s["lowest_cutoff"], "high": s["highest_cutoff"],
                          "range": (str(s["lowest_cutoff"]) if s["lowest_cutoff"] == s["highest_cutoff"]
                                    else S("range", low=s['lowest_cutoff'], high=s['highest_cutoff'])),
                          "latest": _round(picked[0], S)})
        out.append(entry)
    return {
        "window": {"from": start, "to": end, "from_long": S.date(start), "to_long": S.date(end),
                   "days": checker_rounds.WINDOW_DAYS,
                   "text": S("window.text", start=S.date(start), end=S.date(end))},
        "categories": out,
        "by_id": {e["id"]: e for e in out},
        "held": [e for e in out if e["count"]],
        "not_held": [e for e in out if not e["count"]],
        "not_held_names": S.and_list([e["name"] for e in out if not e["count"]]) if any(
            not e["count"] for e in out) else "",
    }


def _round(r: dict, S: Say | None = None) -> dict:
    S = S or Say("en")
    return {**r, "long_date": S.date(r["date"]), "invitations_text": S.num(r['invitations']),
            "name": site_rounds.round_name(r["round_type"], S)}


# --- html ----------------------------------------------------------------------------------

def _source_line(urls: list) -> str:
    return ", ".join(f'<a href="{escape(u)}">{escape(_short(u))}</a>' for u in urls)


def _noc_source(S: Say) -> str:
    return NOC_SOURCE if S.lang == "en" else S("noc.source")


def category_noc_table(cat_id: str, on: str | None = None, tables: dict | None = None,
                       units: dict | None = None, lang: str = "en") -> Markup:
    """One category's NOC 2021 list as in force on ``on``: code, English title and TEER, from the rule data and NOC.

    The table carries ``data-rule="ee_categories.categories.<id>"`` and ``data-on``, like the other rule tables."""
    S = Say(lang)
    tables = load_rule_files() if tables is None else tables
    units = noc_units(lang=lang) if units is None else units
    on = _guide_date(tables, on)
    v = _version_on(tables, on)
    if v is None or v["value"] is None or cat_id not in v["value"]["categories"]:
        return Markup(f"<p>{escape(S('noc_table.none', id=cat_id, date=S.date(on)))}</p>")
    c = _category(cat_id, v["value"]["categories"][cat_id], units, S)
    if not c["codes"]:
        return Markup("")
    if c["kind"] == "military":
        what = S("noc_table.military", n=c['count'])
    elif c["count"] == 1:
        what = S("noc_table.only")
    else:
        what = S("noc_table.eligible", n=c['count'])
    caption = S("noc_table.caption", name=c['name'], what=what, date=S.date(v['effective_from']))
    rows = "".join(f'<tr><th scope="row">{escape(n["code"])}</th><td>{escape(n["title"])}</td>'
                   f'<td class="num">{n["teer"]}</td></tr>' for n in c["codes"])
    head = (f'<thead><tr><th scope="col">{S("noc_table.code")}</th><th scope="col">{S("noc_table.occupation")}</th>'
            f'<th scope="col" class="num">{S("noc_table.teer")}</th></tr></thead>')
    rule = f"{RULE_FILE}.{PARAMETER}.{cat_id}"
    html = (f'<div class="table-wrap" tabindex="0" role="region" aria-label="{escape(caption)}">'
            f'<table data-rule="{escape(rule)}" data-on="{escape(on)}"><caption>{escape(caption)}</caption>{head}'
            f'<tbody>{rows}</tbody></table></div>\n'
            f'<p class="table-source">{S("noc_table.sources", links=_source_line(c["sources"]))} '
            f'{escape(_noc_source(S))}</p>')
    return Markup(html)


def category_rounds_table(on: str | None = None, lang: str = "en") -> Markup:
    """Each category in force: rounds in the window, cut-off range and the latest round."""
    S = Say(lang)
    cr = category_rounds(on, lang=lang)
    if cr is None:
        return Markup(f"<p>{escape(S('category_rounds.none'))}</p>")
    caption = S("category_rounds.caption", start=cr['window']['from_long'], end=cr['window']['to_long'])
    head = (f'<thead><tr><th scope="col">{S("head.category")}</th><th scope="col" class="num">{S("category_rounds.rounds")}</th>'
            f'<th scope="col" class="num">{S("table.lowest")}</th><th scope="col" class="num">{S("category_rounds.highest")}</th>'
            f'<th scope="col">{S("category_rounds.latest")}</th></tr></thead>')
    body = []
    for e in cr["categories"]:
        if e["count"]:
            latest = e["latest"]
            cells = (f'<td class="num">{e["count"]}</td><td class="num">{e["low"]}</td><td class="num">{e["high"]}</td>'
                     f'<td>{S("category_rounds.latest_cell", date=_time(latest), round=latest["round"], invitations=latest["invitations_text"], crs=latest["min_crs"])}</td>')
        else:
            cells = f'<td class="num">0</td><td class="num">–</td><td class="num">–</td><td>{S("category_rounds.none_in_period")}</td>'
        body.append(f'<tr data-category="{escape(e["id"])}" data-rounds="{e["count"]}"><th scope="row">'
                    f'{escape(e["name"])}</th>{cells}</tr>')
    return Markup(f'<div class="table-wrap" tabindex="0" role="region" aria-label="{escape(caption)}">'
                  f'<table class="category-rounds" data-rounds="content/data/express-entry-rounds.csv">'
                  f'<caption>{escape(caption)}</caption>{head}<tbody>{"".join(body)}</tbody></table></div>')


def _time(r: dict) -> str:
    return f'<time datetime="{r["date"]}">{r["long_date"]}</time>'


def category_confidence_table(on: str | None = None, lang: str = "en") -> Markup:
    """How sure we are of each category in force: its list's size and its confidence, from the rule data."""
    S = Say(lang)
    cat = category_rules(on, lang=lang)
    if cat is None:
        return Markup("")
    caption = S("category_confidence.caption", date=cat['from_long'])
    head = (f'<thead><tr><th scope="col">{S("head.category")}</th><th scope="col" class="num">{S("category_confidence.listed")}</th>'
            f'<th scope="col">{S("category_confidence.sure")}</th></tr></thead>')
    body = "".join(f'<tr data-category="{escape(c["id"])}" data-confidence="{escape(c["confidence"])}">'
                   f'<th scope="row">{escape(c["name"])}</th>'
                   f'<td class="num">{c["count"] if c["kind"] != "language" else S("category_confidence.none")}</td>'
                   f'<td>{escape(c["confidence_words"])}</td></tr>' for c in cat["categories"])
    return Markup(f'<div class="table-wrap" tabindex="0" role="region" aria-label="{escape(caption)}">'
                  f'<table class="confidence-table"><caption>{escape(caption)}</caption>{head}<tbody>{body}</tbody>'
                  f'</table></div>')


def _official(url: str) -> bool:
    host = url.split("://", 1)[-1].split("/", 1)[0].lower()
    return host.endswith("canada.ca") or host.endswith("gc.ca") or host == "www.newswire.ca"


def category_secondary_sources(tables: dict | None = None) -> Markup:
    """Every source of the category data that is not a government page or an IRCC release, as a list."""
    tables = load_rule_files() if tables is None else tables
    urls = []
    for v in _versions(tables):
        for u in v["sources"]:
            if not _official(u) and u not in urls:
                urls.append(u)
    items = "".join(f'<li><a href="{escape(u)}">{escape(u)}</a></li>' for u in urls)
    return Markup(f'<ul class="source-list">{items}</ul>')


def jinja_globals(lang: str = "en") -> dict:
    """Everything this module offers to templates and Markdown guides, in ``lang``."""
    return {
        **in_lang({"category_rules": category_rules, "category_rounds": category_rounds,
                   "category_noc_table": category_noc_table, "category_rounds_table": category_rounds_table,
                   "category_confidence_table": category_confidence_table}, lang),
        "category_secondary_sources": category_secondary_sources,
        "category_noc_source": _noc_source(Say(lang)),
        "category_noc_licence": NOC_SOURCE_URL_FR if lang == "fr" else NOC_SOURCE_URL,
        "category_where": where_else,
    }