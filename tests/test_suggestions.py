"""Suggestions: each is a changed answers document, re-scored by the same rules, ranked by points."""
from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from checker.suggestions import apply_changes
from helpers import answers, assess, celpip, ielts, job
from strategies import answers_documents


def ids(result):
    return [s["id"] for s in result["suggestions"]]


def check_replay(doc):
    result = assess(doc)
    for s in result["suggestions"]:
        changed = apply_changes(doc, s["changes"])
        again = assess(changed, with_suggestions=False)
        assert again["crs"]["total"] == s["new_total"], s["id"]
        assert s["new_total"] - result["crs"]["total"] == s["points_gained"]
        if s["makes_cec_eligible"]:
            assert again["cec"]["eligible"] is True and result["cec"]["eligible"] is not True
    return result


def test_ranked_by_points_gained_and_replayable():
    result = check_replay(answers())
    gains = [s["points_gained"] for s in result["suggestions"]]
    assert gains == sorted(gains, reverse=True) and gains
    assert ids(result)[0] == "provincial_nomination"


@settings(max_examples=120, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(answers_documents())
def test_every_suggestion_replays_to_its_new_total(doc):
    check_replay(doc)


def test_no_job_offer_suggestion_after_25_march_2025():
    assert "job_offer" not in ids(assess(answers()))
    before = assess(answers(as_of="2025-03-24", languages=[ielts(date="2025-01-10")], jobs=[job(start="2024-01-01")]))
    assert "job_offer" in ids(before)
    s = next(s for s in before["suggestions"] if s["id"] == "job_offer")
    assert s["points_gained"] == 50


def test_one_more_clb_level_per_ability():
    result = check_replay(answers(languages=[celpip(8, 8, 8, 8)]))
    for a in ("reading", "writing", "listening", "speaking"):
        s = next(s for s in result["suggestions"] if s["id"] == f"first_language_{a}_up")
        assert s["points_gained"] == 31 - 23  # CLB 8 -> 9 for one ability, single


def test_reaching_clb_7_is_flagged_when_it_makes_a_person_eligible():
    result = check_replay(answers(languages=[celpip(7, 7, 7, 6)]))
    assert result["cec"]["eligible"] is False
    s = next(s for s in result["suggestions"] if s["id"] == "first_language_speaking_up")
    assert s["makes_cec_eligible"] is True


def test_other_official_language_at_level_7():
    result = check_replay(answers())
    s = next(s for s in result["suggestions"] if s["id"] == "second_language_french_7")
    # second language NCLC 7: 4 x 3 = 12; French bonus with English CLB 5+: 50
    assert s["points_gained"] == 62


def test_another_year_of_canadian_work_comes_with_its_date():
    result = check_replay(answers(jobs=[job(start="2025-11-24", hours=40)]))  # a Monday, 1 year by late Nov 2026
    s = next(s for s in result["suggestions"] if s["id"] == "canadian_work_year")
    assert s["date"] and s["date"] > "2026-11-25"


def test_expired_test_suggests_retaking_it():
    result = check_replay(answers(languages=[ielts(date="2024-01-10")]))
    assert "retake_ielts_general" in ids(result)


def test_nothing_for_someone_at_the_maximum_of_everything_but_pnp():
    from helpers import tef
    doc = answers(languages=[celpip(10), tef(546, 558, 546, 556)], education={"level": "phd", "canadian": "three_year_plus"},
                  jobs=[job(start="2019-01-07", hours=40)], sibling_in_canada=True, birth_date="2000-01-01")
    result = check_replay(doc)
    assert ids(result) == ["provincial_nomination"] or all(s["points_gained"] > 0 for s in result["suggestions"])
