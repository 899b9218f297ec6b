"""The other Express Entry programs: FSW minimums and 67-point grid; FST minimums.

Expected points are transcribed from IRCC's "Six selection factors" page and
IRPR ss. 78-83 (rules.md §4.2).
"""
from __future__ import annotations

import pytest

from helpers import answers, assess, birth_for_age, celpip, condition, ielts, job


def fsw_factor(result, fid):
    return next(f["points"] for f in result["fsw"]["factors"] if f["id"] == fid)


def test_contract_example_fsw_points():
    # language 6+5+6+6 = 23, bachelor's 21, 2 years 11, age 28 12, adaptability (study + work in Canada) capped 10
    doc = answers(birth_date="1998-04-12", education={"level": "bachelors", "canadian": "three_year_plus"},
                  languages=[ielts(7.5, 6.5, 8.0, 7.0, date="2026-02-01")], jobs=[job(start="2024-06-01")])
    result = assess(doc)
    assert [fsw_factor(result, f) for f in ("language", "education", "work_experience", "age", "arranged_employment",
                                             "adaptability")] == [23, 21, 11, 12, 0, 10]
    assert result["fsw"]["points"] == 77 and result["fsw"]["eligible"] is True
    assert "15,263" in result["fsw"]["also_required"][0]["detail"]


FSW_AGE = {17: 0, 18: 12, 35: 12, 36: 11, 37: 10, 38: 9, 39: 8, 40: 7, 41: 6, 42: 5, 43: 4, 44: 3, 45: 2, 46: 1, 47: 0}
FSW_EDU = {"secondary": 5, "one_year": 15, "two_year": 19, "bachelors": 21, "two_or_more": 22, "masters": 23, "phd": 25}


@pytest.mark.parametrize("age", sorted(FSW_AGE))
def test_fsw_age_points(age):
    assert fsw_factor(assess(answers(birth_date=birth_for_age(age))), "age") == FSW_AGE[age]


@pytest.mark.parametrize("level", sorted(FSW_EDU))
def test_fsw_education_points(level):
    assert fsw_factor(assess(answers(education={"level": level, "canadian": "none"})), "education") == FSW_EDU[level]


@pytest.mark.parametrize("levels,points", [((7, 7, 7, 7), 16), ((8, 8, 8, 8), 20), ((9, 10, 9, 12), 24), ((6, 9, 9, 9), 0)])
def test_fsw_first_language_points(levels, points):
    assert fsw_factor(assess(answers(languages=[celpip(*levels)])), "language") == points


def test_fsw_second_language_adds_4_with_clb_5_in_all_four():
    from helpers import tef
    assert fsw_factor(assess(answers(languages=[celpip(9), tef(352, 330, 352, 387)])), "language") == 28
    assert fsw_factor(assess(answers(languages=[celpip(9), tef(351, 330, 352, 387)])), "language") == 24


@pytest.mark.parametrize("weeks,points", [(52, 9), (104, 11), (156, 11), (208, 13), (260, 13), (312, 15), (400, 15)])
def test_fsw_work_experience_points(weeks, points):
    import datetime as dt
    end = dt.date(2026, 11, 22)  # a Sunday
    start = end - dt.timedelta(days=7 * weeks - 1)
    doc = answers(jobs=[job(start=start.isoformat(), end=end.isoformat(), hours=30, in_canada=False)])
    assert fsw_factor(assess(doc), "work_experience") == points


def test_fsw_needs_clb_7():
    result = assess(answers(languages=[celpip(6)]))
    assert condition(result, "language", "fsw")["met"] is False and result["fsw"]["eligible"] is False


def test_fsw_needs_a_continuous_year_in_one_occupation():
    # two unrelated half-years: 1,560 hours in total but not continuous in one occupation
    jobs = [job(start="2025-01-06", end="2025-07-06", hours=30, teer=1, in_canada=False, **{"noc": "21232"}),
            job(start="2025-07-07", end="2026-01-04", hours=30, teer=1, in_canada=False, **{"noc": "11100"})]
    result = assess(answers(jobs=jobs))
    assert condition(result, "work_experience", "fsw")["met"] is False
    same = [dict(j, noc="21232") for j in jobs]  # the same occupation back to back counts as continuous
    assert condition(assess(answers(jobs=same)), "work_experience", "fsw")["met"] is True


def test_fsw_funds_exemption_with_offer_and_work_authorization():
    result = assess(answers(job_offer={"teer": 1, "major_group_00": False}))
    assert "do not need to show settlement funds" in result["fsw"]["also_required"][0]["detail"]
    assert fsw_factor(result, "arranged_employment") == 10


def test_fsw_adaptability_is_capped_at_10():
    spouse = {"accompanying": True, "citizen_or_pr": False, "education_level": "bachelors",
              "language": celpip(5), "canadian_work_years": 2}
    result = assess(answers(spouse=spouse, sibling_in_canada=True, job_offer={"teer": 1, "major_group_00": False}))
    assert fsw_factor(result, "adaptability") == 10


# --- FST --------------------------------------------------------------------

COOK = "63200"
TWO_YEARS_COOKING = [dict(job(start="2024-06-03", hours=40, teer=3), noc=COOK)]


def test_fst_cook_with_certificate_is_eligible():
    result = assess(answers(jobs=TWO_YEARS_COOKING, certificate_of_qualification=True, languages=[celpip(4, 4, 5, 5)]))
    assert result["fst"]["eligible"] is True


@pytest.mark.parametrize("levels,ok", [((4, 4, 5, 5), True), ((4, 4, 4, 5), False), ((3, 4, 5, 5), False)])
def test_fst_language_minimums(levels, ok):
    result = assess(answers(jobs=TWO_YEARS_COOKING, certificate_of_qualification=True, languages=[celpip(*levels)]))
    assert condition(result, "language", "fst")["met"] is ok


def test_fst_needs_offer_or_certificate():
    result = assess(answers(jobs=TWO_YEARS_COOKING, languages=[celpip(7)]))
    assert condition(result, "offer_or_certificate", "fst")["met"] is False


def test_fst_without_noc_cannot_tell_whether_a_job_is_a_trade():
    result = assess(answers(jobs=[job(start="2024-06-03", hours=40, teer=3)], certificate_of_qualification=True))
    assert condition(result, "work_experience", "fst")["met"] is None


@pytest.mark.parametrize("noc,is_trade", [("72310", True), ("73300", True), ("63200", True), ("62200", True),
                                          ("72600", False), ("93200", False), ("21232", False), ("63201", True)])
def test_fst_trade_groups(noc, is_trade):
    from checker.fst import is_trade as check
    from helpers import rules
    assert check(noc, rules().value("fst_requirements", "skilled_trades", "2026-11-25")) is is_trade


def test_job_offer_still_counts_for_fsw_after_crs_points_ended():
    result = assess(answers(job_offer={"teer": 2, "major_group_00": False}))
    assert fsw_factor(result, "arranged_employment") == 10
    assert next(f for f in result["crs"]["factors"] if f["id"] == "arranged_employment")["points"] == 0


# --- settlement funds: the table in force on the assessment date, by family size -----------------------
# Amounts transcribed from IRCC's proof-of-funds table as reproduced for each year (2024: from 28 May 2024;
# 2025: from 7 July 2025; see checker/data/settlement_funds.json for the sources).

def funds_text(result):
    return result["fsw"]["also_required"][0]["detail"]


@pytest.mark.parametrize("as_of,size,amount", [
    ("2024-05-28", 1, "14,690"), ("2025-07-06", 3, "22,483"), ("2025-07-06", 7, "38,875"),
    ("2025-07-07", 3, "23,360"), ("2025-07-07", 4, "28,362"), ("2026-11-25", 2, "19,001"),
    ("2026-11-25", 9, "48,616"),   # 40,392 for 7 + 2 x 4,112
    ("2025-01-10", 8, "42,833"),   # 38,875 for 7 + 3,958
])
def test_funds_are_the_row_of_the_family_size(as_of, size, amount):
    result = assess(answers(as_of=as_of, family_size=size, jobs=[job(start="2020-01-06", in_canada=False)],
                            languages=[ielts(date=as_of)]))
    assert result["fsw"]["also_required"][0]["amount"] == int(amount.replace(",", ""))
    assert "$" + amount in funds_text(result)


def test_before_the_first_recorded_table_there_is_no_amount():
    result = assess(answers(as_of="2024-05-27", languages=[ielts(date="2024-01-15")]))
    assert "no amount for this date" in funds_text(result) and result["fsw"]["also_required"][0]["amount"] is None


def test_without_a_family_size_the_text_asks_for_it():
    text = funds_text(assess(answers(spouse={"accompanying": False})))
    assert "$19,001" in text and "family size" in text and "each dependent child" not in text
    assert "no newer table" in text


def test_family_size_counts_the_spouse_even_when_not_coming():
    from checker import InvalidAnswers
    with pytest.raises(InvalidAnswers) as err:
        assess(answers(spouse={"accompanying": False}, family_size=1))
    assert err.value.errors[0]["field"] == "family_size"


# --- FSW and work done while studying (IRCC Help Centre, qnum 394: it counts if paid and continuous) ----

def test_fsw_with_only_study_work_is_cannot_tell_not_no():
    study = [job(start="2024-09-02", end="2025-12-31", hours=30, teer=1, full_time_student=True, noc="21232")]
    result = assess(answers(jobs=study))
    work = condition(result, "work_experience", "fsw")
    assert work["met"] is None and "full-time student" in work["detail"]
    assert result["cec"]["eligible"] is False  # the CEC never counts it (IRPR 87.1(3)(b))
    # Master's 23 + CLB 9 24 + age 29 12 = 59 without the study work; its year adds 9: 68 of 67.
    strong = assess(answers(jobs=study, education={"level": "masters", "canadian": "none"}, birth_date="1997-01-01"))
    points = condition(strong, "selection_points", "fsw")
    assert strong["fsw"]["points"] == 59 and points["met"] is None and strong["fsw"]["eligible"] is None


def test_fsw_without_the_study_work_still_short_is_no():
    study = [job(start="2025-09-01", end="2025-12-31", hours=20, teer=1, full_time_student=True)]
    assert condition(assess(answers(jobs=study)), "work_experience", "fsw")["met"] is False


def test_fst_never_counts_study_work():
    cook = [dict(job(start="2023-01-02", end="2025-12-31", hours=40, teer=3, full_time_student=True), noc=COOK)]
    result = assess(answers(jobs=cook, certificate_of_qualification=True))
    assert condition(result, "work_experience", "fst")["met"] is False


# --- Canadian credentials of one and two years (contract §5) --------------------------------------------

@pytest.mark.parametrize("canadian,adaptability_study", [("one_year", 0), ("two_year", 5), ("three_year_plus", 5),
                                                         ("one_or_two_year", 0)])
def test_fsw_study_in_canada_needs_two_years(canadian, adaptability_study):
    doc = answers(education={"level": "bachelors", "canadian": canadian}, jobs=[job(start="2025-06-02", in_canada=False)])
    detail = next(f["detail"] for f in assess(doc)["fsw"]["factors"] if f["id"] == "adaptability")
    assert ("your study in Canada" in detail) == bool(adaptability_study)
