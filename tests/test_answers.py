"""Bad input is reported field by field, never coerced, never a crash."""
from __future__ import annotations

import pytest

from checker import InvalidAnswers
from checker.cli import default_words
from helpers import answers, assess, ielts, job


def errors_for(doc):
    with pytest.raises(InvalidAnswers) as err:
        assess(doc)
    return {e["field"]: e["message"] for e in err.value.texts(default_words("en"))}


@pytest.mark.parametrize("change,field,words", [
    ({"as_of": "2026-13-01"}, "as_of", "YYYY-MM-DD"),
    ({"as_of": 20261125}, "as_of", "YYYY-MM-DD"),
    ({"birth_date": "2030-01-01"}, "birth_date", "before the assessment date"),
    ({"birth_date": "1890-01-01"}, "birth_date", "over 120"),
    ({"intended_province": "on"}, "intended_province", "capitals"),
    ({"intended_province": "Ontario"}, "intended_province", "two-letter"),
    ({"education": {"level": "college"}}, "education.level", '"bachelors"'),
    ({"education": {"level": "bachelors", "canadian": "yes"}}, "education.canadian", '"three_year_plus"'),
    ({"education": {"level": "one_year", "canadian": "three_year_plus"}}, "education.level", "bachelors"),
    ({"languages": [{"test": "ielts_academic", "test_date": "2026-01-01"}]}, "languages[0].test", "not accepted"),
    ({"languages": [ielts(r=6.25)]}, "languages[0].reading", "steps of 0.5"),
    ({"languages": [ielts(w="7")]}, "languages[0].writing", "number"),
    ({"languages": [ielts(date="2027-01-01")]}, "languages[0].test_date", "after the assessment date"),
    ({"languages": [ielts(), ielts()]}, "languages[1].test", "second English result"),
    ({"languages": [ielts(), ielts(), ielts()]}, "languages", "at most 2"),
    ({"languages": [ielts(r=float("nan"))]}, "languages[0].reading", "must be a number"),
    ({"jobs": [{**job(), "authorized": None}]}, "jobs[0].authorized", "true or false"),
    ({"sibling_in_canada": None}, "sibling_in_canada", "true or false"),
    ({"jobs": [job(start="2040-01-01")]}, "jobs[0].start", "10 years after"),
    ({"jobs": [job(hours=0.001)]}, "jobs[0].hours_per_week", "two decimal places"),
    ({"as_of": "2101-01-01"}, "as_of", "on or before"),
    ({"languages": [{"test": "celpip_general", "test_date": "2026-01-01", "reading": 9}]}, "languages[0].writing", "missing"),
    ({"jobs": [job(hours=-5)]}, "jobs[0].hours_per_week", "greater than 0"),
    ({"jobs": [job(hours=0)]}, "jobs[0].hours_per_week", "greater than 0"),
    ({"jobs": [job(hours="40")]}, "jobs[0].hours_per_week", "number"),
    ({"jobs": [job(hours=37.555)]}, "jobs[0].hours_per_week", "two decimal"),
    ({"jobs": [job(hours=200)]}, "jobs[0].hours_per_week", "168"),
    ({"jobs": [job(start="2025-05-01", end="2025-04-01")]}, "jobs[0].end", "before the start"),
    ({"jobs": [job(start="2025-02-30")]}, "jobs[0].start", "YYYY-MM-DD"),
    ({"jobs": [job(teer=6)]}, "jobs[0].teer", "0 to 5"),
    ({"jobs": [job(teer=True)]}, "jobs[0].teer", "0 to 5"),
    ({"jobs": [{**job(), "noc": 21232}]}, "jobs[0].noc", "text"),
    ({"jobs": [{**job(teer=2), "noc": "21232"}]}, "jobs[0].teer", "TEER 1"),
    ({"jobs": [{**job(), "paid": "yes"}]}, "jobs[0].paid", "true or false"),
    ({"jobs": [{**job(), "in_canada": 1}]}, "jobs[0].in_canada", "true or false"),
    ({"jobs": [{**job(), "employer": "X"}]}, "jobs[0].employer", "not a field"),
    ({"jobs": "none"}, "jobs", "list"),
    ({"job_offer": {"teer": 4}}, "job_offer.teer", "0, 1, 2 or 3"),
    ({"job_offer": {"teer": 1, "major_group_00": True}}, "job_offer.major_group_00", "TEER 0"),
    ({"spouse": {"accompanying": "yes"}}, "spouse.accompanying", "true or false"),
    ({"spouse": {"accompanying": True, "canadian_work_years": 1.5}}, "spouse.canadian_work_years", "whole number"),
    ({"spouse": {"accompanying": True, "language": ielts(r=10)}}, "spouse.language.reading", "from 0 to 9"),
    ({"provincial_nomination": "true"}, "provincial_nomination", "true or false"),
    ({"favourite_colour": "red"}, "favourite_colour", "not a field"),
])
def test_bad_input_names_the_field(change, field, words):
    errs = errors_for(answers(**change))
    assert field in errs, errs
    assert words in errs[field], errs[field]


def test_every_problem_is_reported_at_once():
    errs = errors_for(answers(intended_province="XX", jobs=[job(hours=-1), job(teer=9)], languages=[ielts(s=11)]))
    assert {"intended_province", "jobs[0].hours_per_week", "jobs[1].teer", "languages[0].speaking"} <= set(errs)


@pytest.mark.parametrize("doc", [None, [], "answers", 42])
def test_not_an_object(doc):
    with pytest.raises(InvalidAnswers):
        assess(doc)


def test_noc_gives_the_teer_when_teer_is_missing():
    j = {k: v for k, v in job().items() if k != "teer"}
    j["noc"] = "63200"  # cooks: TEER 3
    result = assess(answers(jobs=[j], languages=[ielts()]))
    assert result["cec"]["jobs"][0]["counts"] is True


def test_missing_teer_and_noc_is_an_error():
    j = {k: v for k, v in job().items() if k != "teer"}
    assert "jobs[0].teer" in errors_for(answers(jobs=[j]))


def test_defaults_for_missing_booleans():
    j = {"teer": 1, "start": "2024-06-03", "end": None, "hours_per_week": 30}
    result = assess({"as_of": "2026-11-25", "jobs": [j], "languages": [ielts()], "intended_province": "BC"})
    assert result["cec"]["eligible"] is True
    assert result["crs"]["complete"] is False and set(result["crs"]["missing"]) == {"birth_date", "education"}


def test_empty_answers_are_valid_and_not_eligible():
    result = assess({})
    assert result["cec"]["eligible"] is False
    assert result["crs"]["total"] == 0 or result["crs"]["complete"] is False


def test_one_line_message():
    with pytest.raises(InvalidAnswers) as err:
        assess(answers(jobs=[job(hours=-1)], intended_province="XX"))
    line = err.value.one_line(default_words("en"))
    assert "\n" not in line and line.startswith("invalid answers: ") and "1 more problem" in line


def test_results_the_rules_cannot_use_are_reported_not_rejected():
    """An IELTS from 2019 is long expired; a PTE Core from before 30 January 2024 was not accepted yet."""
    old = assess(answers(languages=[ielts(date="2019-05-01")]))
    from helpers import condition
    assert condition(old, "language_test_valid")["met"] is False
    assert "expired on 1 May 2021" in condition(old, "language_test_valid")["detail"]
    early = assess(answers(as_of="2024-06-01", languages=[{"test": "pte_core", "test_date": "2024-01-15", "reading": 80,
                                                           "writing": 80, "listening": 80, "speaking": 80}]))
    detail = condition(early, "language_test_valid")["detail"]
    assert condition(early, "language_test_valid")["met"] is False and "did not accept" in detail
    assert early["language_results"][0]["accepted"] is False and early["language_results"][0]["clb"] is None


@pytest.mark.parametrize("change,field,words", [
    ({"family_size": 0}, "family_size", "whole number from 1"),
    ({"family_size": 2.5}, "family_size", "whole number"),
    ({"family_size": True}, "family_size", "whole number"),
    ({"family_size": 1, "spouse": {"accompanying": True}}, "family_size", "from 2"),
    ({"permit_end": "2026-02-30"}, "permit_end", "YYYY-MM-DD"),
    ({"job_offer": {"teer": 1, "noc": "21232x"}}, "job_offer.noc", "five-digit"),
    ({"job_offer": {"teer": 2, "noc": "21232"}}, "job_offer.teer", "TEER 1"),
    ({"job_offer": {"teer": 0, "major_group_00": False, "noc": "00012"}}, "job_offer.major_group_00", "must be true"),
    ({"job_offer": {"teer": 0, "major_group_00": True, "noc": "10010"}}, "job_offer.major_group_00", "must be false"),
    ({"education": {"level": "one_year", "canadian": "two_year"}}, "education.level", "two_year"),
])
def test_december_2026_fields_are_checked(change, field, words):
    errs = errors_for(answers(**change))
    assert field in errs, errs
    assert words in errs[field], errs[field]


def test_december_2026_fields_are_accepted():
    result = assess(answers(family_size=3, permit_end="2027-03-31",
                            job_offer={"teer": 0, "major_group_00": True, "noc": "00012"},
                            education={"level": "two_year", "canadian": "two_year"}))
    assert result["crs"]["total"] > 0


@pytest.mark.parametrize("canadian", ["one_year", "two_year", "one_or_two_year"])
def test_one_and_two_year_canadian_credentials_score_as_the_crs_row_of_1_or_2_years(canadian):
    from helpers import factor
    result = assess(answers(education={"level": "two_year", "canadian": canadian}))
    assert factor(result, "canadian_education") == 15  # CRS criteria: 1- or 2-year credential in Canada, 15 points
