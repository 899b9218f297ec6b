"""How a CRS score compares with recent Canadian Experience Class rounds.

Past cut-offs are history, not a forecast: IRCC sets each round's size and
type, and the lowest score invited moves with the pool. The rounds data is
IRCC's published results (``content/data/express-entry-rounds.csv``), passed
in by the shell.
"""

from checker import dates

CEC_ROUND = "Canadian Experience Class"


def cec_rounds(rounds, as_of, years=1):
    """CEC-only rounds in the ``years`` before ``as_of`` (inclusive), newest first."""
    end = as_of
    start = dates.to_iso(dates.add_years(dates.to_ordinal(as_of), -years))
    picked = [r for r in rounds if r["round_type"] == CEC_ROUND and start < r["date"] <= end]
    picked.sort(key=lambda r: r["date"], reverse=True)
    return picked, start


def compare(total, rounds, as_of):
    """Summary of the last 12 months of CEC rounds against ``total``."""
    picked, start = cec_rounds(rounds, as_of)
    latest_any = max((r["date"] for r in rounds), default=None)
    if not picked:
        return {"rounds": 0, "from": start, "to": as_of, "data_until": latest_any}
    cutoffs = [r["min_crs"] for r in picked]
    return {
        "rounds": len(picked),
        "from": start,
        "to": as_of,
        "data_until": latest_any,
        "lowest_cutoff": min(cutoffs),
        "highest_cutoff": max(cutoffs),
        "latest": {"date": picked[0]["date"], "min_crs": picked[0]["min_crs"], "invitations": picked[0]["invitations"]},
        "rounds_at_or_below_score": sum(1 for c in cutoffs if c <= total),
        "score": total,
    }


def needed(rounds):
    """The part of ``rounds`` that :func:`compare` reads: every CEC round and the latest round of any
    type, with their date, type, cut-off and size. The checker page ships only this.
    """
    keep = [r for r in rounds if r["round_type"] == CEC_ROUND]
    latest = max(rounds, key=lambda r: r["date"], default=None)
    if latest is not None and latest["round_type"] != CEC_ROUND:
        keep.append(latest)
    return [{k: r[k] for k in ("date", "round_type", "min_crs", "invitations")} for r in keep]
