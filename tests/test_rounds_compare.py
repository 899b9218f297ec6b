"""Comparing a score with IRCC's rounds: one window, named by its dates, round type by round type."""
from __future__ import annotations

from checker.rounds import compare, needed, pool_position, round_kind, window
from plugins_path import load_rounds

ROUNDS = [
    {"round": 1, "date": "2025-09-15", "round_type": "Canadian Experience Class", "invitations": 900, "min_crs": 560},
    {"round": 2, "date": "2025-09-16", "round_type": "Canadian Experience Class", "invitations": 1000, "min_crs": 540},
    {"round": 3, "date": "2025-12-01", "round_type": "Canadian Experience Class", "invitations": 2000, "min_crs": 520},
    {"round": 4, "date": "2026-03-01", "round_type": "Provincial Nominee Program", "invitations": 500, "min_crs": 700},
    {"round": 5, "date": "2026-06-02", "round_type": "French-language proficiency (2026-V2)", "invitations": 5000,
     "min_crs": 400},
    {"round": 6, "date": "2026-09-15", "round_type": "Canadian Experience Class", "invitations": 2000, "min_crs": 510},
]


def test_the_window_is_365_days_ending_on_the_newest_round_when_the_data_ends_before_the_assessment():
    # 365 days, both ends included: 16 September 2025 to 15 September 2026 (2026 is not a leap year).
    assert window(ROUNDS, "2026-11-25") == ("2025-09-16", "2026-09-15")
    c = compare(515, ROUNDS, "2026-11-25")
    assert (c["from"], c["to"]) == ("2025-09-16", "2026-09-15")
    assert c["rounds"] == 3  # rounds 2, 3 and 6; round 1 is a day too old
    assert (c["lowest_cutoff"], c["highest_cutoff"]) == (510, 540)
    assert c["latest"] == {"date": "2026-09-15", "min_crs": 510, "invitations": 2000}
    assert c["rounds_at_or_below_score"] == 1
    assert c["data_until"] == "2026-09-15" and c["stale_days"] == 71  # 15 September to 25 November


def test_the_window_ends_on_the_assessment_date_when_it_is_earlier():
    # 1 March 2026 back 365 days: 2 March 2025 to 1 March 2026 (the window crosses no 29 February).
    assert window(ROUNDS, "2026-03-01") == ("2025-03-02", "2026-03-01")
    c = compare(530, ROUNDS, "2026-03-01")
    assert c["rounds"] == 3 and c["stale_days"] == 0 and c["rounds_at_or_below_score"] == 1
    assert window(ROUNDS, "2024-03-01") == ("2023-03-03", "2024-03-01")  # 2024 is a leap year: 29 February inside


def test_each_round_type_is_compared_on_its_own():
    french = compare(413, ROUNDS, "2026-11-25", kind="french")
    assert french["rounds"] == 1 and french["rounds_at_or_below_score"] == 1
    assert compare(413, ROUNDS, "2026-11-25", kind="pnp")["rounds"] == 1
    assert compare(413, ROUNDS, "2026-11-25", kind="trades")["rounds"] == 0


def test_no_rounds():
    c = compare(500, [], "2026-01-01")
    assert c["rounds"] == 0 and c["from"] is None and c["data_until"] is None
    assert compare(500, ROUNDS, "2024-01-01")["rounds"] == 0


def test_every_round_type_in_the_data_has_a_kind():
    kinds = {r["round_type"]: round_kind(r["round_type"]) for r in load_rounds()}
    assert "other" not in kinds.values(), kinds
    assert kinds["Trades occupations (2026-V3)"] == kinds["Trade occupations (V1)"] == "trades"
    assert kinds["Healthcare occupations (V1)"] == "healthcare_social_services"
    assert kinds["Senior managers with Canadian work experience (2026-V1)"] == "senior_managers"
    assert round_kind("Federal Skilled Trades") == "fst" and round_kind("No Program Specified") == "general"
    assert round_kind("Something new") == "other"


def test_the_page_ships_what_compare_reads():
    real = load_rounds()
    shipped = needed(real)
    for as_of in ("2024-03-01", "2025-01-15", "2025-06-30", "2026-02-01", "2026-11-25", "2027-06-01"):
        for total in (300, 450, 500, 550):
            for kind in ("cec", "french", "general", "healthcare_social_services"):
                assert compare(total, shipped, as_of, kind) == compare(total, real, as_of, kind), (as_of, total, kind)


POOL = {"as_of": "2026-08-03", "total": 1000, "ranges": [
    {"min": 601, "max": 1200, "count": 10}, {"min": 501, "max": 600, "count": 90},
    {"min": 451, "max": 500, "count": 300}, {"min": 401, "max": 450, "count": 400}, {"min": 0, "max": 400, "count": 200}]}


def test_pool_position_gives_bounds_not_false_precision():
    p = pool_position(470, POOL)
    # everyone from 501 up has more (100); of the 300 between 451 and 500, some have more than 470
    assert (p["at_least"], p["at_most"]) == (100, 400) and p["own_range"] == {"min": 451, "max": 500, "count": 300}
    top = pool_position(500, POOL)  # the top of a range: nobody in it has more
    assert top["at_least"] == top["at_most"] == 100
    assert pool_position(1200, POOL)["at_most"] == 0
    assert pool_position(450, None) is None
