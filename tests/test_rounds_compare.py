"""Comparing a score with the CEC rounds of the last 12 months."""
from __future__ import annotations

from checker.rounds import compare, needed
from plugins_path import load_rounds

ROUNDS = [
    {"round": 1, "date": "2025-11-10", "round_type": "Canadian Experience Class", "invitations": 1000, "min_crs": 540},
    {"round": 2, "date": "2025-12-01", "round_type": "Canadian Experience Class", "invitations": 2000, "min_crs": 520},
    {"round": 3, "date": "2026-03-01", "round_type": "Provincial Nominee Program", "invitations": 500, "min_crs": 700},
    {"round": 4, "date": "2026-09-15", "round_type": "Canadian Experience Class", "invitations": 2000, "min_crs": 510},
]


def test_last_12_months_of_cec_rounds():
    c = compare(515, ROUNDS, "2026-11-25")
    assert c["rounds"] == 2  # the November 2025 round is more than 12 months before 25 November 2026
    assert (c["lowest_cutoff"], c["highest_cutoff"]) == (510, 520)
    assert c["latest"] == {"date": "2026-09-15", "min_crs": 510, "invitations": 2000}
    assert c["rounds_at_or_below_score"] == 1
    assert c["data_until"] == "2026-09-15"


def test_no_rounds_in_the_period():
    assert compare(500, ROUNDS, "2023-01-01")["rounds"] == 0


def test_the_page_ships_only_what_compare_reads():
    real = load_rounds()
    shipped = needed(real)
    assert len(shipped) < len(real) and all(set(r) == {"date", "round_type", "min_crs", "invitations"} for r in shipped)
    for as_of in ("2024-03-01", "2025-01-15", "2025-06-30", "2026-02-01", "2026-11-25", "2027-06-01"):
        for total in (300, 450, 500, 550):
            assert compare(total, shipped, as_of) == compare(total, real, as_of), (as_of, total)
    # the latest round of any type is kept: it tells how recent the data is
    assert needed(ROUNDS)[-1]["date"] == "2026-09-15" and needed(ROUNDS[:3])[-1]["round_type"] == "Provincial Nominee Program"
