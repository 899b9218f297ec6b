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
from html import escape
from pathlib import Path

from markupsafe import Markup

from checker import rounds as checker_rounds

from . import rounds as site_rounds
from .site_data import ROOT, load_rule_files, longdate, rules_last_verified
from .tables import _short

RULE_FILE = "ee_categories"
PARAMETER = "categories"

# The project's copy of Statistics Canada's NOC 2021 unit groups (content/data/noc2021/README.md).
NOC_CSV = ROOT / "content" / "data" / "noc2021" / "unit_groups.csv"
NOC_SOURCE = ("Statistics Canada, National Occupational Classification (NOC) 2021 Version 1.0. Contains information "
              "licensed under the Open Government Licence – Canada.")
NOC_SOURCE_URL = "https://open.canada.ca/en/open-government-licence-canada"

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


def noc_units(path: Path | None = None) -> dict:
    """Every NOC 2021 unit group: code -> {"title": English title, "teer": int}."""
    with open(path or noc_path(), newline="", encoding="utf-8") as f:
        return {r["code"]: {"title": r["title_en"], "teer": int(r["teer"])} for r in csv.DictReader(f)}


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


def _category(cat_id: str, c: dict, units: dict) -> dict:
    noc = _codes(units, c.get("noc", []))
    return {**c, "id": cat_id, "codes": noc, "count": len(noc),
            "teers": sorted({n["teer"] for n in noc}),
            "confidence_words": SURE_WORDS.get(c["confidence"], c["confidence"]),
            "links": [{"href": u, "label": _short(u)} for u in c["sources"]]}


def _version_view(v: dict, units: dict, later: dict | None) -> dict | None:
    if v is None or v["value"] is None:
        return None
    value = v["value"]
    cats = [_category(cat_id, c, units) for cat_id, c in value["categories"].items()]
    for c in cats:  # codes this category shares with each other one (e.g. physicians: all 3 with healthcare)
        mine = {n["code"] for n in c["codes"]}
        c["shared"] = {o["id"]: len(mine & {n["code"] for n in o["codes"]}) for o in cats
                       if o is not c and mine & {n["code"] for n in o["codes"]}}
    exp = value["experience"]
    return {
        "from": v["effective_from"], "from_long": longdate(v["effective_from"]),
        "until_long": longdate(_day_before(later["effective_from"])) if later else None,
        "confidence": v["confidence"], "sources": v["sources"],
        "experience": exp,
        "programs": [PROGRAM_NAMES.get(p, p) for p in value["programs"]],
        "programs_text": _or_list([PROGRAM_NAMES.get(p, p) for p in value["programs"]]),
        "categories": cats,
        "by_id": {c["id"]: c for c in cats},
        "count": len(cats),
        "occupation": [c for c in cats if c["kind"] == "occupation"],
        "canada_only": [c for c in cats if c.get("canada_only")],
        "canada_only_names": _and_list([c["name"] for c in cats if c.get("canada_only")]) if any(
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


def category_rules(on: str | None = None, tables: dict | None = None, units: dict | None = None) -> dict | None:
    """The categories in force on ``on`` (default: the guides' date), the version before them and what changed.

    Returns None when no category version is modelled on that date. Keys: ``from``/``from_long``, ``experience``
    (the rule data's), ``programs_text``, ``categories`` (each with ``codes`` [{code, title, teer}], ``count``,
    ``confidence``, ``confidence_words``, ``links``), ``by_id``, ``count``, ``canada_only``, ``abroad_ok``,
    ``weakest``, ``previous`` (the same for the version before, or None) and ``changes``: ``added`` and
    ``removed`` categories, and ``lists``, one entry per category in both versions whose list changed, with the
    codes ``added`` and ``removed``.
    """
    tables = load_rule_files() if tables is None else tables
    units = noc_units() if units is None else units
    on = _guide_date(tables, on)
    versions = _versions(tables)
    current = _version_on(tables, on)
    if current is None or current["value"] is None:
        return None
    i = versions.index(current)
    later = versions[i + 1] if i + 1 < len(versions) else None
    view = _version_view(current, units, later)
    view["on"] = on
    previous = _version_view(versions[i - 1], units, current) if i > 0 else None
    for v in (view, previous):
        if v is not None:
            _add_counting(v, tables)
    view["previous"] = previous
    view["changes"] = _changes(previous, view) if previous else None
    return view


def _add_counting(view: dict, tables: dict) -> None:
    """The experience in hours as the checker counts it (the CEC's way: IRCC states months only), and the
    French tests IRCC accepts, both from the rule data in force on the version's first day."""
    cec = _value_on(tables, "cec_requirements", "work_experience", view["from"])
    months = view["experience"]["months"]
    view["hours_as_counted"] = f"{cec['min_hours'] * months // 12:,}"
    view["weekly_cap"] = cec["max_hours_per_week"]
    tests = _value_on(tables, "language_tests", "approved_tests", view["from"]) or {}
    for c in view["categories"]:
        if c["kind"] == "language":
            names = [t["name"] for t in tests.values() if t["language"] == c["language"]["test_language"]]
            c["tests"], c["tests_text"] = names, _or_list(names) if names else ""


def _value_on(tables: dict, file_id: str, parameter: str, on: str):
    found = None
    for v in tables[file_id]["parameters"][parameter]["versions"]:
        if v["effective_from"] <= on:
            found = v["value"]
    return found


def _changes(old: dict, new: dict) -> dict:
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
            summary = f"Its only occupation, {moved[0]['text']}, is now on the {moved[0]['now_in']} list."
        else:
            summary = f"Its list held {_and_list([_titled(n) for n in c['codes']])}." + "".join(
                f" {m['text']} is now on the {m['now_in']} list." for m in moved)
        removed.append({**c, "moved": moved, "summary": summary})
    return {"added": added, "added_names": _and_list([c["name"] for c in added]) if added else "",
            "removed": removed, "removed_names": _and_list([c["name"] for c in removed]) if removed else "",
            "lists": lists, "unchanged": unchanged,
            "unchanged_names": _and_list([c["name"] for c in unchanged]) if unchanged else ""}


def _titled(n: dict) -> str:
    return f"{n['title']} ({n['code']})"


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


def category_rounds(on: str | None = None, tables: dict | None = None, rounds: list | None = None) -> dict | None:
    """Each category in force on ``on``: its rounds in the checker's window (the 365 days to the newest round).

    ``window``: ``from``/``to`` (ISO), ``from_long``/``to_long``, ``text`` ("IRCC's rounds from … to …");
    ``categories``: per category (data order) ``id``, ``name``, ``rounds`` (newest first), ``count``, ``low``,
    ``high``, ``range``, ``latest`` (round, date, long_date, min_crs, invitations), ``earlier_list`` (its rounds in
    the window held under an earlier list edition) and ``first_current`` (the first round ever held under the
    current edition, or None); ``held`` and ``not_held``: the categories with and without rounds in the window.
    """
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
        entry = {"id": cat_id, "name": c["name"], "edition": edition, "count": len(picked),
                 "rounds": [_round(r) for r in picked],
                 "earlier_list": [_round(r) for r in picked if _edition_of(r["round_type"]) != edition],
                 "first_current": _round(ever[0]) if ever else None}
        s = checker_rounds.summary(0, picked)
        if picked:
            entry.update({"low": s["lowest_cutoff"], "high": s["highest_cutoff"],
                          "range": (str(s["lowest_cutoff"]) if s["lowest_cutoff"] == s["highest_cutoff"]
                                    else f"{s['lowest_cutoff']} to {s['highest_cutoff']}"),
                          "latest": _round(picked[0])})
        out.append(entry)
    return {
        "window": {"from": start, "to": end, "from_long": longdate(start), "to_long": longdate(end),
                   "days": checker_rounds.WINDOW_DAYS,
                   "text": f"IRCC's rounds from {longdate(start)} to {longdate(end)}"},
        "categories": out,
        "by_id": {e["id"]: e for e in out},
        "held": [e for e in out if e["count"]],
        "not_held": [e for e in out if not e["count"]],
        "not_held_names": _and_list([e["name"] for e in out if not e["count"]]) if any(
            not e["count"] for e in out) else "",
    }


def _round(r: dict) -> dict:
    return {**r, "long_date": longdate(r["date"]), "invitations_text": f"{r['invitations']:,}"}


# --- html ----------------------------------------------------------------------------------

def _source_line(urls: list) -> str:
    return ", ".join(f'<a href="{escape(u)}">{escape(_short(u))}</a>' for u in urls)


def category_noc_table(cat_id: str, on: str | None = None, tables: dict | None = None,
                       units: dict | None = None) -> Markup:
    """One category's NOC 2021 list as in force on ``on``: code, English title and TEER, from the rule data and NOC.

    The table carries ``data-rule="ee_categories.categories.<id>"`` and ``data-on``, like the other rule tables."""
    tables = load_rule_files() if tables is None else tables
    units = noc_units() if units is None else units
    on = _guide_date(tables, on)
    v = _version_on(tables, on)
    if v is None or v["value"] is None or cat_id not in v["value"]["categories"]:
        return Markup(f"<p>No {escape(cat_id)} category was in force on {escape(longdate(on))}.</p>")
    c = _category(cat_id, v["value"]["categories"][cat_id], units)
    if not c["codes"]:
        return Markup("")
    if c["kind"] == "military":
        what = f"the {c['count']} occupations IRCC lists, for information (NOC 2021 unit groups)"
    elif c["count"] == 1:
        what = "the only eligible occupation (a NOC 2021 unit group)"
    else:
        what = f"the {c['count']} eligible occupations (NOC 2021 unit groups)"
    caption = f"{c['name']}: {what}, from {longdate(v['effective_from'])}"
    rows = "".join(f'<tr><th scope="row">{escape(n["code"])}</th><td>{escape(n["title"])}</td>'
                   f'<td class="num">{n["teer"]}</td></tr>' for n in c["codes"])
    head = ('<thead><tr><th scope="col">NOC 2021 code</th><th scope="col">Occupation (unit group)</th>'
            '<th scope="col" class="num">TEER</th></tr></thead>')
    rule = f"{RULE_FILE}.{PARAMETER}.{cat_id}"
    html = (f'<div class="table-wrap" tabindex="0" role="region" aria-label="{escape(caption)}">'
            f'<table data-rule="{escape(rule)}" data-on="{escape(on)}"><caption>{escape(caption)}</caption>{head}'
            f'<tbody>{rows}</tbody></table></div>\n'
            f'<p class="table-source">List: {_source_line(c["sources"])}. Titles and TEER: '
            f'{escape(NOC_SOURCE)}</p>')
    return Markup(html)


def category_rounds_table(on: str | None = None) -> Markup:
    """Each category in force: rounds in the window, cut-off range and the latest round."""
    cr = category_rounds(on)
    if cr is None:
        return Markup("<p>No category rounds to show.</p>")
    caption = f"Rounds for each category from {cr['window']['from_long']} to {cr['window']['to_long']}"
    head = ('<thead><tr><th scope="col">Category</th><th scope="col" class="num">Rounds</th>'
            '<th scope="col" class="num">Lowest score invited</th><th scope="col" class="num">Highest</th>'
            '<th scope="col">Latest round</th></tr></thead>')
    body = []
    for e in cr["categories"]:
        if e["count"]:
            latest = e["latest"]
            cells = (f'<td class="num">{e["count"]}</td><td class="num">{e["low"]}</td><td class="num">{e["high"]}</td>'
                     f'<td><time datetime="{latest["date"]}">{latest["long_date"]}</time>: round {latest["round"]}, '
                     f'{latest["invitations_text"]} invitations, lowest score {latest["min_crs"]}</td>')
        else:
            cells = '<td class="num">0</td><td class="num">–</td><td class="num">–</td><td>none in this period</td>'
        body.append(f'<tr data-category="{escape(e["id"])}" data-rounds="{e["count"]}"><th scope="row">'
                    f'{escape(e["name"])}</th>{cells}</tr>')
    return Markup(f'<div class="table-wrap" tabindex="0" role="region" aria-label="{escape(caption)}">'
                  f'<table class="category-rounds" data-rounds="content/data/express-entry-rounds.csv">'
                  f'<caption>{escape(caption)}</caption>{head}<tbody>{"".join(body)}</tbody></table></div>')


def category_confidence_table(on: str | None = None) -> Markup:
    """How sure we are of each category in force: its list's size and its confidence, from the rule data."""
    cat = category_rules(on)
    if cat is None:
        return Markup("")
    caption = f"How sure we are of each category's conditions and list (in force from {cat['from_long']})"
    head = ('<thead><tr><th scope="col">Category</th><th scope="col" class="num">Occupations listed</th>'
            '<th scope="col">How sure we are</th></tr></thead>')
    body = "".join(f'<tr data-category="{escape(c["id"])}" data-confidence="{escape(c["confidence"])}">'
                   f'<th scope="row">{escape(c["name"])}</th>'
                   f'<td class="num">{c["count"] if c["kind"] != "language" else "none"}</td>'
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


def jinja_globals() -> dict:
    return {
        "category_rules": category_rules,
        "category_rounds": category_rounds,
        "category_noc_table": category_noc_table,
        "category_rounds_table": category_rounds_table,
        "category_confidence_table": category_confidence_table,
        "category_secondary_sources": category_secondary_sources,
        "category_noc_source": NOC_SOURCE,
        "category_noc_licence": NOC_SOURCE_URL,
        "category_where": where_else,
    }
