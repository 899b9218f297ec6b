"""Suggestions: each is a changed answers document, re-scored by the same rules, ranked by what a person can do."""
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
        if s["new_total"] is None:  # advice (a route, a check to do): it changes no answer
            assert s["changes"] == [] and s["points_gained"] == 0
            continue
        changed = apply_changes(doc, s["changes"])
        again = assess(changed, with_suggestions=False)
        assert again["crs"]["total"] == s["new_total"], s["id"]
        assert s["new_total"] - result["crs"]["total"] == s["points_gained"]
        if s["makes_cec_eligible"]:
            assert again["cec"]["eligible"] is True and result["cec"]["eligible"] is not True
    return result


EFFORT = ("time", "low", "medium", "high", "other_route")


def test_ranked_by_effort_then_points_with_the_nomination_last_and_replayable():
    result = check_replay(answers())
    ideas = result["suggestions"]
    keys = [(not (s["makes_cec_eligible"] or s["opens"]), EFFORT.index(s["effort"]), -s["points_gained"]) for s in ideas]
    assert keys == sorted(keys) and ideas
    assert ids(result)[-1] == "provincial_nomination"  # another route with its own conditions, not first
    assert all(s["effort"] in EFFORT for s in ideas)


def test_french_at_nclc_7_says_it_opens_french_rounds():
    result = assess(answers())  # IELTS CLB 9, no French
    french = next(s for s in result["suggestions"] if s["id"] == "second_language_french_7")
    assert french["opens"] == ["french"]


def test_a_spouse_test_and_the_principal_applicant_are_suggested():
    spouse = {"accompanying": True, "citizen_or_pr": False, "education_level": "phd", "language": None,
              "canadian_work_years": 0}
    result = check_replay(answers(spouse=spouse))
    assert {"spouse_language", "principal_applicant"} <= set(ids(result))


def test_a_route_to_eligibility_when_the_work_is_missing():
    # Self-employed only: no qualifying hours; a paid full-time job from 25 November 2026 (a Wednesday)
    # gives 30 hours a week; 52 weeks later, counting the first week's share, is 24 November 2027.
    result = assess(answers(jobs=[job(start="2024-01-01", self_employed=True)]))
    route = next(s for s in result["suggestions"] if s["id"] == "work_route")
    assert route["makes_cec_eligible"] is True and route["date"] == "2027-11-24"


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
