"""How a CRS score compares with IRCC's recent rounds of invitations, round type by round type.

Past cut-offs are history, not a forecast: IRCC sets each round's size and
type, and the lowest score invited moves with the pool. The rounds data is
IRCC's published results (``content/data/express-entry-rounds.csv``, kept
current by ``make rounds``), passed in by the shell.

The window is the same everywhere the site quotes rounds (the checker and the
"Recent rounds" guide): the 365 days ending on the earlier of the assessment
date and the newest round in the data, so that a comparison never claims
rounds the data does not hold. The wording names the window's dates.

>>> window([{"date": "2026-09-16"}], "2026-12-01")
('2025-09-17', '2026-09-16')
>>> round_kind("Healthcare and social services (2026-V3)"), round_kind("Canadian Experience Class")
('healthcare_social_services', 'cec')
"""

from checker import dates

WINDOW_DAYS = 365

# How IRCC names its rounds, to the kind of round (a program, "general", or an Express Entry
# category id of contract §5). IRCC's spelling varies between years ("Trade occupations (V1)",
# "Trades occupations (2026-V3)"), so each kind is recognised by the start of the lower-cased name;
# the first match wins.
ROUND_KINDS = (
    ("canadian experience class", "cec"),
    ("provincial nominee", "pnp"),
    ("general", "general"),
    ("no program specified", "general"),
    ("federal skilled worker", "fsw"),
    ("federal skilled trade", "fst"),
    ("french", "french"),
    ("healthcare", "healthcare_social_services"),
    ("trade", "trades"),
    ("stem", "stem"),
    ("education", "education"),
    ("transport", "transport"),
    ("physician", "physicians"),
    ("researcher", "researchers"),
    ("senior manager", "senior_managers"),
    ("skilled military", "military"),
    ("agricultur", "agriculture"),
)
PROGRAM_KINDS = ("cec", "general", "pnp", "fsw", "fst")


_KINDS = {}  # round name -> kind: the same few dozen names are classified on every comparison


def round_kind(round_type):
    """'cec', 'general', 'pnp', 'fsw', 'fst', a category id, or 'other' for a name we do not know."""
    found = _KINDS.get(round_type)
    if found is None:
        found = "other"
        name = round_type.strip().lower()
        for prefix, kind in ROUND_KINDS:
            if name.startswith(prefix):
                found = kind
                break
        _KINDS[round_type] = found
    return found


_NEWEST = [None, 0, None]  # the rounds list last asked about (held, so it stays the same list), its length, its newest date


def newest(rounds):
    """The date of the newest round in the data (any type), or None."""
    if _NEWEST[0] is rounds and _NEWEST[1] == len(rounds):
        return _NEWEST[2]
    found = max((r["date"] for r in rounds), default=None)
    _NEWEST[0], _NEWEST[1], _NEWEST[2] = rounds, len(rounds), found
    return found


def window(rounds, as_of=None):
    """(first day, last day) of the comparison window, both included, or None when there are no rounds.

    The last day is the earlier of ``as_of`` and the newest round; the window is
    the :data:`WINDOW_DAYS` days ending on it.
    """
    end = newest(rounds)
    if end is None:
        return None
    if as_of is not None and as_of < end:
        end = as_of
    return dates.to_iso(dates.to_ordinal(end) - WINDOW_DAYS + 1), end


_PICKED = [None, 0, {}]  # the rounds list last asked about, its length, and what was picked from it (by window and kind)


def in_window(rounds, span, kind=None):
    """The rounds dated inside ``span`` (optionally of one kind), newest first (a list not to be changed: the
    same rounds come back for every comparison of an assessment, and of the next)."""
    if _PICKED[0] is not rounds or _PICKED[1] != len(rounds) or len(_PICKED[2]) > 500:
        _PICKED[0], _PICKED[1], _PICKED[2] = rounds, len(rounds), {}
    key = "%s %s %s" % (span[0], span[1], kind)
    if key in _PICKED[2]:
        return _PICKED[2][key]
    start, end = span
    picked = [r for r in rounds if start <= r["date"] <= end and (kind is None or round_kind(r["round_type"]) == kind)]
    picked.sort(key=lambda r: (r["date"], r.get("round", 0)), reverse=True)
    _PICKED[2][key] = picked
    return picked


def summary(total, picked):
    """Rounds, cut-off range, the latest round and how many cut-offs were at or below ``total``."""
    if not picked:
        return {"rounds": 0, "rounds_at_or_below_score": 0}
    cutoffs = [r["min_crs"] for r in picked]
    latest = picked[0]
    return {
        "rounds": len(picked),
        "lowest_cutoff": min(cutoffs),
        "highest_cutoff": max(cutoffs),
        "latest": {"date": latest["date"], "min_crs": latest["min_crs"], "invitations": latest["invitations"]},
        "rounds_at_or_below_score": sum(1 for c in cutoffs if c <= total),
    }


def compare(total, rounds, as_of, kind="cec"):
    """How ``total`` compares with the rounds of one kind in the window for ``as_of``.

    ``from``/``to`` are the window's dates, ``data_until`` the newest round of any
    type, and ``stale_days`` how many days older than ``as_of`` that round is.
    """
    span = window(rounds, as_of)
    until = newest(rounds)
    out = {"kind": kind, "score": total, "data_until": until}
    if span is None:
        out.update({"rounds": 0, "rounds_at_or_below_score": 0, "from": None, "to": None, "stale_days": None})
        return out
    out.update(summary(total, in_window(rounds, span, kind)))
    out["from"], out["to"] = span
    out["stale_days"] = dates.to_ordinal(as_of) - dates.to_ordinal(until) if as_of > until else 0
    return out


def needed(rounds):
    """The part of ``rounds`` the checker reads: date, type, cut-off and size of each round since the
    earliest window any supported assessment date can ask for. The checker page ships only this."""
    return [{k: r[k] for k in ("round", "date", "round_type", "min_crs", "invitations")} for r in rounds]


# --- the pool ---------------------------------------------------------------------------

def pool_position(total, pool):
    """Where ``total`` stands in IRCC's published pool distribution (candidates by CRS range on a date).

    IRCC publishes counts for score ranges only, so the number of candidates
    with a higher score is known only between two bounds: everyone in the ranges
    above yours (``at_least``), and perhaps everyone in your own range
    (``at_most``). Returns None when there is no distribution.
    """
    if not pool:
        return None
    above = 0
    own = None
    for band in pool["ranges"]:
        if band["min"] > total:
            above += band["count"]
        elif band["max"] >= total:
            own = band
    at_most = above + (own["count"] if own and own["max"] > total else 0)
    return {"as_of": pool["as_of"], "total": pool["total"], "at_least": above, "at_most": at_most,
            "own_range": {"min": own["min"], "max": own["max"], "count": own["count"]} if own else None}
