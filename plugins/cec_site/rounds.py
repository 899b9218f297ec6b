"""IRCC's rounds of invitations (content/data/express-entry-rounds.csv) and the pool distribution
(content/data/pool-distribution.json): the one copy of each that the site uses.

The CSV holds IRCC's published results: round number, date, round type,
invitations issued and the lowest CRS score invited; the pool file, the number of
candidates in each CRS range on one date. Both are kept current by ``make rounds``
(scripts/rounds_feed.py), never by the build, which only reads them. Nothing here
types a figure by hand: the charts, the tables and every number in the summary are
computed from these files when the site is built, and the nomination points that
PNP scores include come from the checker's rule data.

"Recent" figures use the checker's own window (``checker.rounds.window``: the
365 days ending on the newest round in the data), so a guide and the checker
quote the same rounds, and every sentence can name the window's dates.

It also renders, for the "Sources and method" page, the list of official pages
behind the checker's rule tables and how sure we are of each table.

Guides reach all of this through :func:`jinja_globals` (merged into the Jinja
globals by ``site_data.globals_``)::

    {{ rounds_chart() }}          an accessible SVG chart (role="img", <title>, <desc>)
    {{ rounds_table() }}          every round, newest first
    {% set s = rounds_stats() %}  figures for sentences: {{ s.cec_recent.low }}, {{ s.window.text }} …
    {{ cec_cutoffs() }}           CEC rounds of the window (list of dicts, newest first)
    {% set p = pool_stats() %}    the pool distribution for sentences (None when there is none)
    {{ pool_chart() }}            the pool distribution: an SVG bar chart and the same figures as a table
    {{ rule_sources_list() }}     every source URL in checker/data, with the tables that use it
    {{ rule_confidence_table() }} each rule table's confidence and verification date
"""
from __future__ import annotations

import csv
import datetime
import json
from html import escape
from pathlib import Path

from markupsafe import Markup

from checker import rounds as checker_rounds
from checker.words import msg

# One copy of the shared helpers: paths, month names, dates and rule loading live in site_data.
from .site_data import MONTHS, ROOT, RULE_DIR, load_rule_files, longdate
from .tables import Say, in_lang

ROUNDS_CSV = ROOT / "content" / "data" / "express-entry-rounds.csv"
POOL_JSON = ROOT / "content" / "data" / "pool-distribution.json"

# The chart and table start here: the site covers rounds since 2024.
SINCE = "2024-01-01"

# --- data -------------------------------------------------------------------------

def load_rounds(path: Path = ROUNDS_CSV) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as f:
        return [{"round": int(r["round"]), "date": r["date"], "round_type": r["round_type"],
                 "invitations": int(r["invitations"]), "min_crs": int(r["min_crs"])} for r in csv.DictReader(f)]


# The checker's kinds of round (checker.rounds.round_kind), grouped as the chart draws them: every
# occupation or other category id is "category", FSW- and FST-only rounds are "program".
_KIND_OF = {"cec": "cec", "pnp": "pnp", "general": "general", "french": "french", "fsw": "program", "fst": "program"}


def kind(round_type: str) -> str:
    """'cec', 'general', 'pnp', 'french', 'program' (FSW/FST-only) or 'category' (an occupation category)."""
    return _KIND_OF.get(checker_rounds.round_kind(round_type), "category")


def rounds_since(since: str = SINCE, rounds: list | None = None) -> list[dict]:
    """Rounds on or after ``since`` (ISO date), oldest first."""
    rounds = load_rounds() if rounds is None else rounds
    return sorted((r for r in rounds if r["date"] >= since), key=lambda r: (r["date"], r["round"]))


def latest_date(rounds: list | None = None) -> str | None:
    rounds = load_rounds() if rounds is None else rounds
    return checker_rounds.newest(rounds)


def data_window(rounds: list | None = None) -> tuple[str, str] | None:
    """(first, last) day of the window the checker uses when the data ends before the assessment date:
    the :data:`checker.rounds.WINDOW_DAYS` days ending on the newest round. None without rounds."""
    rounds = load_rounds() if rounds is None else rounds
    return checker_rounds.window(rounds)


def cec_cutoffs(rounds: list | None = None) -> list[dict]:
    """CEC rounds of :func:`data_window`, newest first.

    Each item is ``{"round", "date", "round_type", "invitations", "min_crs"}``.
    """
    rounds = load_rounds() if rounds is None else rounds
    span = checker_rounds.window(rounds)
    if span is None:
        return []
    return [dict(r) for r in checker_rounds.in_window(rounds, span, "cec")]


def _load_rule(name: str) -> dict:
    return json.loads((RULE_DIR / f"{name}.json").read_text(encoding="utf-8"))


def _value_on(table: dict, parameter: str, on: str):
    found = None
    for v in table["parameters"][parameter]["versions"]:
        if v["effective_from"] <= on:
            found = v["value"]
    return found


def nomination_points(on: str) -> int | None:
    """CRS points a provincial nomination gave on ``on`` (from checker/data)."""
    return _value_on(_load_rule("crs_additional_points"), "provincial_nomination", on)


# --- formatting ---------------------------------------------------------------------

def _n(value: int, S: Say | None = None) -> str:
    return f"{value:,}" if S is None or S.lang == "en" else S.num(value)


def _range(values, S: Say | None = None) -> str:
    values = list(values)
    lo, hi = min(values), max(values)
    if lo == hi:
        return str(lo)
    return f"{lo} to {hi}" if S is None else S("range", low=lo, high=hi)


def _say(lang: str) -> Say:
    return Say(lang)


def round_name(round_type: str, S: Say) -> str:
    """IRCC's name of a round in the language: the CSV's English name, or in French the category's name from the
    checker's catalog (``category.name.<id>``) with the list edition ("(2026-V3)"), or the program's."""
    if S.lang == "en":
        return round_type
    k = checker_rounds.round_kind(round_type)
    if S.has("guide.round_type." + k):
        return S("round_type." + k)
    if S.has("category.name." + k):
        name = S.message("category.name." + k)
        if round_type.endswith(")") and "(" in round_type:
            name += " (" + round_type.rsplit("(", 1)[1]
        return name
    return round_type


# --- summary figures ----------------------------------------------------------------

def _span(rs: list[dict], S: Say | None = None) -> dict:
    """count, low, high (and low/high/latest as rounds) of a list of rounds; empty dict when none."""
    S = S or _say("en")
    if not rs:
        return {"count": 0}
    scores = [r["min_crs"] for r in rs]
    latest = max(rs, key=lambda r: (r["date"], r["round"]))
    return {"count": len(rs), "low": min(scores), "high": max(scores), "range": _range(scores, S),
            "first": S.date(min(r["date"] for r in rs)), "last": S.date(latest["date"]),
            "latest": {**latest, "long_date": S.date(latest["date"]), "invitations_text": _n(latest["invitations"], S),
                       "name": round_name(latest["round_type"], S)},
            "invitations": _n(sum(r["invitations"] for r in rs), S)}


def _window_text(span, S: Say | None = None) -> dict:
    S = S or _say("en")
    if span is None:
        return {"from": None, "to": None, "text": S("window.none")}
    start, end = span
    return {"from": start, "to": end, "from_long": S.date(start), "to_long": S.date(end),
            "days": checker_rounds.WINDOW_DAYS,
            "text": S("window.text", start=S.date(start), end=S.date(end))}


def rounds_stats(since: str = SINCE, lang: str = "en") -> dict:
    """Figures for sentences on the rounds page, all computed from the CSV (and the rule data for PNP).

    ``cec_recent`` covers ``window`` (the checker's window: :func:`data_window`), whose ``text`` names its
    dates ("IRCC's rounds from 17 September 2025 to 16 September 2026"); the other spans cover every
    round since ``since``.
    """
    S = _say(lang)
    everything = load_rounds()
    rounds = rounds_since(since, everything)
    end = latest_date(rounds)
    span = data_window(everything)
    by_kind: dict[str, list] = {}
    for r in rounds:
        by_kind.setdefault(kind(r["round_type"]), []).append(r)
    recent = cec_cutoffs(everything)
    cec_by_year = []
    for year in sorted({r["date"][:4] for r in by_kind.get("cec", [])}):
        cec_by_year.append({"year": year, **_span([r for r in by_kind["cec"] if r["date"].startswith(year)], S)})
    pnp = by_kind.get("pnp", [])
    pnp_without = [r["min_crs"] - (nomination_points(r["date"]) or 0) for r in pnp]
    categories = by_kind.get("category", []) + by_kind.get("program", [])
    newest = max(rounds, key=lambda r: (r["date"], r["round"])) if rounds else None
    return {
        "since": S.date(since),
        "first": S.date(rounds[0]["date"]) if rounds else None,
        "latest": S.date(end) if end else None,
        "latest_iso": end,
        "latest_round": newest["round"] if newest else None,
        "count": len(rounds),
        "invitations": _n(sum(r["invitations"] for r in rounds), S),
        # The window is 365 days; "months" stays for sentences written as "the 12 months to …".
        "months": 12,
        "window": _window_text(span, S),
        "window_start": S.date(span[0]) if span else None,
        "window_count": len(checker_rounds.in_window(everything, span)) if span else 0,
        "cec": _span(by_kind.get("cec", []), S),
        "cec_recent": _span(recent, S),
        "cec_by_year": cec_by_year,
        "general": _span(by_kind.get("general", []), S),
        "french": _span(by_kind.get("french", []), S),
        "category": _span(categories, S),
        "category_names": sorted({round_name(r["round_type"], S) for r in categories}),
        "pnp": {**_span(pnp, S), "nomination_points": nomination_points(end) if end else None,
                "range_without": _range(pnp_without, S) if pnp_without else None},
    }


# --- the chart ------------------------------------------------------------------------

# Colour-blind-safe hues (Okabe–Ito and Tol) with at least 3:1 contrast on both the light
# (#ffffff) and dark (#121417) page backgrounds; every series also has its own marker
# shape and line style, so the chart still reads in black-and-white print.
SERIES = [
    {"kind": "cec", "label": "Canadian Experience Class", "colour": "#0072B2", "marker": "circle", "filled": True,
     "line": "solid"},
    {"kind": "general", "label": "General (all programs)", "colour": "#D55E00", "marker": "square", "filled": True,
     "line": "dashed"},
    {"kind": "french", "label": "French-language category", "colour": "#009E73", "marker": "diamond", "filled": False,
     "line": None},
    {"kind": "category", "label": "Other categories", "colour": "#AA4499", "marker": "triangle", "filled": False,
     "line": None},
]
# FSW- or FST-only rounds (none since 2024) would join the "other" markers.
_SERIES_OF_KIND = {"cec": "cec", "general": "general", "french": "french", "category": "category", "program": "category"}

W, H = 480, 350                        # viewBox: scales down to 320 px wide and up to WIDTH
WIDTH = 600
LEFT, RIGHT, TOP, BOTTOM = 52, 468, 62, 300
FONT = 13


def _marker(shape: str, x: float, y: float, colour: str, filled: bool, size: float = 4.0, tip: str = "") -> str:
    fill = colour if filled else "none"
    common = f'fill="{fill}" stroke="{colour}" stroke-width="1.5"'
    title = f"<title>{escape(tip)}</title>" if tip else ""
    if shape == "circle":
        return f'<circle cx="{x:.1f}" cy="{y:.1f}" r="{size - 0.5:.1f}" {common}>{title}</circle>'
    if shape == "square":
        s = size - 0.6
        return f'<rect x="{x - s:.1f}" y="{y - s:.1f}" width="{2 * s:.1f}" height="{2 * s:.1f}" {common}>{title}</rect>'
    if shape == "diamond":
        s = size + 0.8
        pts = f"{x:.1f},{y - s:.1f} {x + s:.1f},{y:.1f} {x:.1f},{y + s:.1f} {x - s:.1f},{y:.1f}"
        return f'<polygon points="{pts}" {common}>{title}</polygon>'
    s = size + 0.8  # triangle
    pts = f"{x:.1f},{y - s:.1f} {x + s:.1f},{y + s * 0.8:.1f} {x - s:.1f},{y + s * 0.8:.1f}"
    return f'<polygon points="{pts}" {common}>{title}</polygon>'


def _month_year(iso: str, S: Say | None = None) -> str:
    months = MONTHS if S is None else S.words.format["months"]
    return f"{months[int(iso[5:7]) - 1]} {iso[:4]}"


def _ordinal(iso: str) -> int:
    return datetime.date.fromisoformat(iso).toordinal()


def chart_description(since: str = SINCE, lang: str = "en") -> str:
    """The chart's <desc>: what it shows and the trend, in words, from the data."""
    S = _say(lang)
    s = rounds_stats(since, lang)
    parts = [S("chart.desc.intro", first=s['first'], latest=s['latest'])]
    if s["cec"]["count"]:
        years = S.words.text(msg("join.sep_semicolon")).join(
            S("chart.desc.year", year=y['year'], range=y['range'], n=y['count']) for y in s["cec_by_year"])
        parts.append(S("chart.desc.cec_years", years=years))
        if s["cec_recent"]["count"]:
            latest = s["cec_recent"]["latest"]
            parts.append(S("chart.desc.cec_recent", window=s['window']['text'], n=s['cec_recent']['count'],
                           range=s['cec_recent']['range'], crs=latest['min_crs'], date=latest['long_date']))
    if s["general"]["count"]:
        parts.append(S("chart.desc.general", n=s['general']['count'], first=s['general']['first'],
                       last=s['general']['last'], range=s['general']['range']))
    if s["french"]["count"]:
        parts.append(S("chart.desc.french", range=s['french']['range']))
    if s["category"]["count"]:
        parts.append(S("chart.desc.category", range=s['category']['range']))
    if s["pnp"]["count"]:
        parts.append(S("chart.desc.pnp", points=s['pnp']['nomination_points']))
    parts.append(S("chart.desc.table_below"))
    return " ".join(parts)


def rounds_chart(since: str = SINCE, lang: str = "en") -> Markup:
    """An SVG line-and-marker chart of the lowest CRS score invited, by round type (PNP rounds left out)."""
    S = _say(lang)
    rounds = [r for r in rounds_since(since) if kind(r["round_type"]) != "pnp"]
    if not rounds:
        return Markup(f"<p>{escape(S('chart.no_rounds'))}</p>")
    start = datetime.date.fromisoformat(since)
    last = datetime.date.fromisoformat(rounds[-1]["date"])
    # The x axis runs from `since` to the first of the month after the latest round.
    end = datetime.date(last.year + (last.month == 12), last.month % 12 + 1, 1)
    x0, x1 = start.toordinal(), end.toordinal()
    scores = [r["min_crs"] for r in rounds]
    step = 50
    y0 = (min(scores) - 10) // step * step
    y1 = -((-(max(scores) + 10)) // step) * step

    def sx(iso):
        return LEFT + (RIGHT - LEFT) * (_ordinal(iso) - x0) / (x1 - x0)

    def sy(v):
        return BOTTOM - (BOTTOM - TOP) * (v - y0) / (y1 - y0)

    out = []
    # Gridlines and tick labels.
    for v in range(y0, y1 + 1, step):
        y = sy(v)
        out.append(f'<line class="gridline" x1="{LEFT}" y1="{y:.1f}" x2="{RIGHT}" y2="{y:.1f}" stroke="#d5d9df" stroke-width="1"/>')
        out.append(f'<text x="{LEFT - 6}" y="{y + 4:.1f}" text-anchor="end" font-size="{FONT}">{v}</text>')
    ticks = []
    for year in range(start.year, end.year + 1):
        for month in (1, 7):
            d = datetime.date(year, month, 1)
            if start <= d <= end:
                ticks.append(d)
    for d in ticks:
        x = sx(d.isoformat())
        out.append(f'<line class="gridline" x1="{x:.1f}" y1="{TOP}" x2="{x:.1f}" y2="{BOTTOM}" stroke="#d5d9df" stroke-width="1"/>')
        out.append(f'<text x="{x:.1f}" y="{BOTTOM + 18}" text-anchor="middle" font-size="{FONT}">'
                   f'{escape(S("month_short." + str(d.month)))} {d.year}</text>')
    out.append(f'<line class="axis-strong" x1="{LEFT}" y1="{BOTTOM}" x2="{RIGHT}" y2="{BOTTOM}" stroke="#4a5058" stroke-width="1.2"/>')
    out.append(f'<line class="axis-strong" x1="{LEFT}" y1="{TOP}" x2="{LEFT}" y2="{BOTTOM}" stroke="#4a5058" stroke-width="1.2"/>')
    # Axis titles.
    out.append(f'<text x="{(LEFT + RIGHT) / 2:.0f}" y="{BOTTOM + 40}" text-anchor="middle" font-size="{FONT}">'
               f'{escape(S("chart.x_axis"))}</text>')
    out.append(f'<text x="14" y="{(TOP + BOTTOM) / 2:.0f}" text-anchor="middle" font-size="{FONT}" '
               f'transform="rotate(-90 14 {(TOP + BOTTOM) / 2:.0f})">{escape(S("chart.y_axis"))}</text>')
    # Series: lines first, markers on top.
    present = [s for s in SERIES if any(_SERIES_OF_KIND[kind(r["round_type"])] == s["kind"] for r in rounds)]
    for s in present:
        pts = [r for r in rounds if _SERIES_OF_KIND[kind(r["round_type"])] == s["kind"]]
        if s["line"] and len(pts) > 1:
            coords = " ".join(f"{sx(r['date']):.1f},{sy(r['min_crs']):.1f}" for r in pts)
            dash = ' stroke-dasharray="6 4"' if s["line"] == "dashed" else ""
            out.append(f'<polyline points="{coords}" fill="none" stroke="{s["colour"]}" stroke-width="1.6"{dash}/>')
    for s in present:
        group = [f'<g data-series="{s["kind"]}">']
        for r in rounds:
            if _SERIES_OF_KIND[kind(r["round_type"])] != s["kind"]:
                continue
            tip = S("chart.tip", round=r['round'], date=S.date(r['date']), type=round_name(r['round_type'], S),
                    crs=r['min_crs'])
            group.append(_marker(s["marker"], sx(r["date"]), sy(r["min_crs"]), s["colour"], s["filled"], tip=tip))
        group.append("</g>")
        out.append("".join(group))
    # Legend: two columns above the plot.
    for i, s in enumerate(present):
        col, row = i % 2, i // 2
        lx, ly = LEFT + col * 225, 16 + row * 20
        if s["line"]:
            dash = ' stroke-dasharray="6 4"' if s["line"] == "dashed" else ""
            out.append(f'<line x1="{lx}" y1="{ly}" x2="{lx + 24}" y2="{ly}" stroke="{s["colour"]}" stroke-width="1.6"{dash}/>')
        out.append(_marker(s["marker"], lx + 12, ly, s["colour"], s["filled"]))
        out.append(f'<text x="{lx + 30}" y="{ly + 4}" font-size="{FONT}">{escape(S("series." + s["kind"]))}</text>')

    title = S("chart.title", start=_month_year(rounds[0]['date'], S), end=_month_year(rounds[-1]['date'], S))
    desc = chart_description(since, lang)
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {W} {H}" width="{WIDTH}" height="{WIDTH * H // W}" '
           f'role="img" aria-labelledby="rounds-chart-title rounds-chart-desc" class="rounds-chart" '
           f'font-family="system-ui, sans-serif">'
           f'<title id="rounds-chart-title">{escape(title)}</title><desc id="rounds-chart-desc">{escape(desc)}</desc>'
           + "".join(out) + "</svg>")
    caption = S("chart.caption")
    return Markup(f'<figure class="rounds-figure">{svg}<figcaption>{escape(caption)}</figcaption></figure>')


# --- the table ------------------------------------------------------------------------

def rounds_table(since: str = SINCE, lang: str = "en") -> Markup:
    """Every round since ``since``, newest first, with a caption."""
    S = _say(lang)
    rounds = list(reversed(rounds_since(since)))
    caption = S("table.caption", start=S.date(rounds[-1]['date']), end=S.date(rounds[0]['date']),
                n=len(rounds)) if rounds else S("table.no_rounds")
    head = (f'<thead><tr><th scope="col" class="num">{S("table.round")}</th><th scope="col">{S("table.date")}</th>'
            f'<th scope="col">{S("table.type")}</th>'
            f'<th scope="col" class="num">{S("table.invitations")}</th><th scope="col" class="num">{S("table.lowest")}</th>'
            '</tr></thead>')
    body = []
    for r in rounds:
        body.append(f'<tr data-kind="{kind(r["round_type"])}"><th scope="row" class="num">{r["round"]}</th>'
                    f'<td><time datetime="{r["date"]}">{S.date(r["date"])}</time></td>'
                    f'<td>{escape(round_name(r["round_type"], S))}</td><td class="num">{_n(r["invitations"], S)}</td>'
                    f'<td class="num">{r["min_crs"]}</td></tr>')
    return Markup(f'<div class="table-wrap" tabindex="0" role="region" aria-label="{escape(caption)}">'
                  f'<table class="rounds-table" data-rounds="content/data/express-entry-rounds.csv">'
                  f'<caption>{escape(caption)}</caption>{head}<tbody>{"".join(body)}</tbody></table></div>')


# --- the pool ---------------------------------------------------------------------------

def load_pool(path: Path = POOL_JSON) -> dict | None:
    """The pool distribution recorded by ``make rounds``, or None when there is none.

    Its ranges must not overlap and must add up to its total (the update script checks IRCC's
    sums; this catches a hand edit)."""
    if not path.exists():
        return None
    pool = json.loads(path.read_text(encoding="utf-8"))
    ranges = sorted(pool["ranges"], key=lambda b: b["min"], reverse=True)
    for upper, lower in zip(ranges, ranges[1:]):
        if lower["max"] >= upper["min"]:
            raise ValueError(f"{path.name}: the ranges {lower['min']}-{lower['max']} and "
                             f"{upper['min']}-{upper['max']} overlap")
    if sum(b["count"] for b in ranges) != pool["total"]:
        raise ValueError(f"{path.name}: the ranges do not add up to the total {pool['total']}")
    return {**pool, "ranges": ranges}


def _range_label(band: dict, dash: str | None = None, S: Say | None = None) -> str:
    if dash is None:
        return f"{_n(band['min'])} to {_n(band['max'])}" if S is None else S("range", low=_n(band['min'], S),
                                                                              high=_n(band['max'], S))
    return f"{_n(band['min'], S)}{dash}{_n(band['max'], S)}"


def _share(count: int, total: int, S: Say | None = None) -> str:
    share = 100 * count / total if total else 0
    if S is None or S.lang == "en":
        return "under 0.5%" if 0 < share < 0.5 else f"{share:.0f}%"
    return S("pool.share_small") if 0 < share < 0.5 else S("pool.share", n=f"{share:.0f}")


def pool_stats(pool: dict | None = None, rounds: list | None = None, lang: str = "en") -> dict | None:
    """The pool distribution for sentences and tables; None when there is none."""
    S = _say(lang)
    pool = load_pool() if pool is None else pool
    if not pool:
        return None
    rounds = load_rounds() if rounds is None else rounds
    published = next((r for r in rounds if r["round"] == pool["round"]), None)
    ranges = [{**b, "label": _range_label(b, S=S), "count_text": _n(b["count"], S),
               "share": _share(b["count"], pool["total"], S)} for b in pool["ranges"]]
    largest = max(ranges, key=lambda b: b["count"])
    return {
        "as_of": pool["as_of"], "as_of_long": S.date(pool["as_of"]),
        "total": pool["total"], "total_text": _n(pool["total"], S),
        "round": pool["round"], "source": pool["source"],
        "round_date": published["date"] if published else None,
        "round_date_long": S.date(published["date"]) if published else None,
        "ranges": ranges, "largest": largest,
        "widths": sorted({b["max"] - b["min"] + 1 for b in pool["ranges"]}),
        "above_500": _n(sum(b["count"] for b in pool["ranges"] if b["min"] > 500), S),
    }


POOL_COLOUR = "#0072B2"   # the CEC blue of the rounds chart: 5.2:1 on #ffffff, 3.6:1 on #121417
PW = 480
P_LEFT, P_RIGHT, P_TOP, P_ROW, P_BAR = 92, 408, 34, 22, 14


def _tick_step(high: int, most: int = 6) -> int:
    """A round step (1, 2 or 5 times a power of ten) giving at most ``most`` intervals up to ``high``."""
    power = 1
    while True:
        for f in (1, 2, 5):
            if f * power * most >= high:
                return f * power
        power *= 10


def pool_description(p: dict, lang: str = "en") -> str:
    """The chart's <desc>: every range and its count, in words."""
    S = _say(lang)
    counts = S.words.text(msg("join.sep_semicolon")).join(S("pool.count", range=b['label'], count=b['count_text'])
                                                         for b in p["ranges"])
    return S("pool.desc", date=p['as_of_long'], total=p['total_text'], counts=counts,
             largest=p['largest']['count_text'], largest_range=p['largest']['label'])


def pool_chart(pool: dict | None = None, lang: str = "en") -> Markup:
    """The pool distribution as a horizontal bar chart (role="img", <title>, <desc>) and as a table."""
    S = _say(lang)
    p = pool_stats(pool, lang=lang)
    if p is None:
        return Markup(f"<p>{escape(S('pool.none'))}</p>")
    ranges = p["ranges"]
    step = _tick_step(max(b["count"] for b in ranges))
    top = -(-max(b["count"] for b in ranges) // step) * step
    bottom = P_TOP + P_ROW * len(ranges)
    height = bottom + 52

    def sx(v):
        return P_LEFT + (P_RIGHT - P_LEFT) * v / top

    out = [f'<text x="{P_LEFT - 8}" y="{P_TOP - 10}" text-anchor="end" font-size="{FONT}">{escape(S("pool.crs_score"))}</text>']
    for v in range(0, top + 1, step):
        x = sx(v)
        out.append(f'<line class="gridline" x1="{x:.1f}" y1="{P_TOP}" x2="{x:.1f}" y2="{bottom}" stroke="#d5d9df" '
                   f'stroke-width="1"/>')
        out.append(f'<text x="{x:.1f}" y="{bottom + 18}" text-anchor="middle" font-size="{FONT}">{_n(v, S)}</text>')
    for i, b in enumerate(ranges):
        y = P_TOP + i * P_ROW + (P_ROW - P_BAR) / 2
        width = sx(b["count"]) - P_LEFT
        out.append(f'<text x="{P_LEFT - 8}" y="{y + P_BAR - 3:.1f}" text-anchor="end" font-size="{FONT}">'
                   f'{escape(_range_label(b, "–", S))}</text>')
        out.append(f'<rect class="pool-bar" x="{P_LEFT}" y="{y:.1f}" width="{width:.1f}" height="{P_BAR}" '
                   f'fill="{POOL_COLOUR}" data-min="{b["min"]}" data-max="{b["max"]}" data-count="{b["count"]}">'
                   f'<title>{escape(S("pool.bar_tip", range=b["label"], count=b["count_text"]))}</title></rect>')
        out.append(f'<text x="{P_LEFT + width + 5:.1f}" y="{y + P_BAR - 3:.1f}" font-size="{FONT}">{b["count_text"]}</text>')
    out.append(f'<line class="axis-strong" x1="{P_LEFT}" y1="{P_TOP}" x2="{P_LEFT}" y2="{bottom}" stroke="#4a5058" '
               f'stroke-width="1.2"/>')
    out.append(f'<text x="{(P_LEFT + P_RIGHT) / 2:.0f}" y="{bottom + 40}" text-anchor="middle" font-size="{FONT}">'
               f'{escape(S("pool.x_axis"))}</text>')
    title = S("pool.title", date=p['as_of_long'])
    svg = (f'<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {PW} {height}" width="{WIDTH}" '
           f'height="{WIDTH * height // PW}" role="img" aria-labelledby="pool-chart-title pool-chart-desc" '
           f'class="pool-chart" font-family="system-ui, sans-serif">'
           f'<title id="pool-chart-title">{escape(title)}</title><desc id="pool-chart-desc">{escape(pool_description(p, lang))}</desc>'
           + "".join(out) + "</svg>")
    published = (S("pool.round_dated", round=p['round'], date=p['round_date_long']) if p["round_date_long"]
                 else S("pool.round", round=p['round']))
    caption = S("pool.caption", date=p['as_of_long'], published=published)
    table_caption = S("pool.table_caption", date=p['as_of_long'])
    body = "".join(f'<tr data-min="{b["min"]}" data-max="{b["max"]}"><th scope="row">{escape(b["label"])}</th>'
                   f'<td class="num">{b["count_text"]}</td><td class="num">{escape(b["share"])}</td></tr>' for b in ranges)
    table = (f'<div class="table-wrap" tabindex="0" role="region" aria-label="{escape(table_caption)}">'
             f'<table class="pool-table" data-pool="content/data/pool-distribution.json">'
             f'<caption>{escape(table_caption)}</caption>'
             f'<thead><tr><th scope="col">{S("pool.crs_score")}</th><th scope="col" class="num">{S("pool.candidates")}</th>'
             f'<th scope="col" class="num">{S("pool.share_head")}</th></tr></thead><tbody>{body}</tbody>'
             f'<tfoot><tr><th scope="row">{S("pool.all_scores")}</th><td class="num">{p["total_text"]}</td>'
             f'<td class="num">{_share(1, 1, S)}</td></tr></tfoot></table></div>')
    return Markup(f'<figure class="rounds-figure">{svg}<figcaption>{escape(caption)}</figcaption></figure>{table}')


# --- sources and confidence (for the "Sources and method" page) ---------------------

CONFIDENCE_ORDER = ["official", "cross-checked", "secondary", "uncertain"]


def _title(node: dict, lang: str) -> str:
    """A rule table's or parameter's title in ``lang`` (its ``title_<lang>`` when the data has one)."""
    return node.get("title_" + lang, node["title"]) if lang != "en" else node["title"]


def all_rule_sources(tables: dict | None = None, lang: str = "en") -> list[tuple[str, list[str]]]:
    """Every URL in the rule data (``sources`` of every version and ``legal_basis``), with the titles of
    the tables that cite it; official government addresses first, then by address."""
    tables = load_rule_files() if tables is None else tables
    used: dict[str, list[str]] = {}
    for table in tables.values():
        urls = [lb["href"] for lb in table.get("legal_basis", []) if lb.get("href")]
        for parameter in table["parameters"].values():
            for version in parameter["versions"]:
                urls += version.get("sources", [])
        for url in urls:
            titles = used.setdefault(url, [])
            if _title(table, lang) not in titles:
                titles.append(_title(table, lang))
    return sorted(used.items(), key=lambda item: (not _is_official(item[0]), item[0]))


def _is_official(url: str) -> bool:
    host = url.split("://", 1)[-1].split("/", 1)[0].lower()
    return host.endswith("canada.ca") or host.endswith("gc.ca")


def rule_sources_list(lang: str = "en") -> Markup:
    S = _say(lang)
    items = []
    for url, titles in all_rule_sources(lang=lang):
        items.append(f'<li><a href="{escape(url)}">{escape(url)}</a><br>'
                     f'<span class="muted">{escape(S("sources.used_for", titles="; ".join(titles)))}</span></li>')
    return Markup(f'<ul class="source-list">{"".join(items)}</ul>')


def _version_on(parameter: dict, on: str) -> dict | None:
    found = None
    for v in parameter["versions"]:
        if v["effective_from"] <= on:
            found = v
    return found


def rule_confidence(on: str | None = None, tables: dict | None = None, lang: str = "en") -> list[dict]:
    """One row per rule parameter: the version in force on ``on`` (default: its newest version)."""
    tables = load_rule_files() if tables is None else tables
    rows = []
    for file_id, table in tables.items():
        for name, parameter in table["parameters"].items():
            v = _version_on(parameter, on) if on else parameter["versions"][-1]
            if v is None:
                continue
            rows.append({"file": file_id, "parameter": name, "table": _title(table, lang), "part": _title(parameter, lang),
                         "effective_from": v["effective_from"], "confidence": v["confidence"],
                         "last_verified": v["last_verified"], "versions": len(parameter["versions"])})
    return rows


def confidence_counts(on: str | None = None) -> dict:
    counts = {c: 0 for c in CONFIDENCE_ORDER}
    for row in rule_confidence(on):
        counts[row["confidence"]] = counts.get(row["confidence"], 0) + 1
    return counts


def _plain_part(title: str) -> str:
    """A parameter title without its bracketed notes for developers (e.g. "(each row applies from min_age …)")."""
    out, depth = [], 0
    for ch in title:
        if ch == "(":
            depth += 1
        elif ch == ")" and depth:
            depth -= 1
        elif not depth:
            out.append(ch)
    return " ".join("".join(out).split()).replace(" ,", ",").rstrip(" ,;:")


def rule_confidence_table(on: str | None = None, lang: str = "en") -> Markup:
    """A table of every rule table and its parts: confidence and when each was last verified."""
    from .tables import _confidence_level

    S = _say(lang)
    rows = rule_confidence(on, lang=lang)
    caption = S("confidence_table.caption")
    groups: dict[str, list] = {}
    for row in rows:
        groups.setdefault(row["file"], []).append(row)
    bodies = []
    for file_id, parts in groups.items():
        trs = []
        for i, row in enumerate(parts):
            head = (f'<th scope="rowgroup" rowspan="{len(parts)}">{escape(row["table"])}</th>' if i == 0 else "")
            trs.append(f'<tr data-confidence="{escape(row["confidence"])}">{head}<td>{escape(_plain_part(row["part"]))}</td>'
                       f'<td><time datetime="{row["effective_from"]}">{S.date(row["effective_from"])}</time></td>'
                       f'<td>{escape(_confidence_level(S, row["confidence"]))}</td>'
                       f'<td><time datetime="{row["last_verified"]}">{S.date(row["last_verified"])}</time></td></tr>')
        bodies.append(f'<tbody data-rule-file="{escape(file_id)}">{"".join(trs)}</tbody>')
    head = (f'<thead><tr><th scope="col">{S("confidence_table.table")}</th><th scope="col">{S("confidence_table.part")}</th>'
            f'<th scope="col">{S("confidence_table.from")}</th>'
            f'<th scope="col">{S("confidence_table.confidence")}</th><th scope="col">{S("confidence_table.verified")}</th>'
            '</tr></thead>')
    return Markup(f'<div class="table-wrap" tabindex="0" role="region" aria-label="{escape(caption)}">'
                  f'<table class="confidence-table"><caption>{escape(caption)}</caption>{head}'
                  f'{"".join(bodies)}</table></div>')


def eligible_teer_text(lang: str = "en") -> str:
    """'0, 1, 2 or 3' ('0, 1, 2 ou 3'): the TEER categories that count for the CEC, from the rule data."""
    table = _load_rule("cec_requirements")
    teers = table["parameters"]["work_experience"]["versions"][-1]["value"]["eligible_teer"]
    return _say(lang).or_list([str(t) for t in teers])


def cec_cutoffs_in(rounds: list | None = None, lang: str = "en") -> list[dict]:
    """:func:`cec_cutoffs` with each round's date and invitations written in ``lang`` (``long_date``,
    ``invitations_text``)."""
    S = _say(lang)
    return [{**r, "long_date": S.date(r["date"]), "invitations_text": _n(r["invitations"], S)}
            for r in cec_cutoffs(rounds)]


def jinja_globals(lang: str = "en") -> dict:
    """Everything this module offers to templates and Markdown guides, in ``lang``."""
    return {
        **in_lang({"rounds_chart": rounds_chart, "rounds_table": rounds_table, "rounds_stats": rounds_stats,
                   "cec_cutoffs": cec_cutoffs_in, "pool_stats": pool_stats, "pool_chart": pool_chart,
                   "all_rule_sources": all_rule_sources, "rule_sources_list": rule_sources_list,
                   "rule_confidence": rule_confidence, "rule_confidence_table": rule_confidence_table,
                   "eligible_teer_text": eligible_teer_text}, lang),
        "confidence_counts": confidence_counts,
    }
