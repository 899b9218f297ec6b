"""CEC scenarios: which work counts, each language threshold, tests, province, dates."""
from __future__ import annotations

import pytest

from helpers import answers, assess, celpip, condition, ielts, job


def cec(doc):
    return assess(doc)["cec"]


def hours(doc):
    return cec(doc)["qualifying_hours"]


# --- work -------------------------------------------------------------------

def test_full_time_year_qualifies_and_gives_the_date():
    # 40 h/week from Monday 2025-06-02: 52 full weeks at the 30-hour cap end on Sunday 2026-05-31, so the
    # requirement is met from Monday 2026-06-01 (a week only partly counted gives at most its share of 30 hours,
    # so working 40 hours a week does not get there sooner than working 30).
    result = cec(answers(jobs=[job(start="2025-06-02", hours=40)]))
    assert result["eligible"] is True
    assert result["eligible_on"] == "2026-06-01"
    assert condition({"cec": result}, "work_experience")["met"] is True


def test_ongoing_job_projects_the_date_of_qualifying():
    result = cec(answers(jobs=[job(start="2026-06-01", hours=40)]))  # a Monday
    assert result["eligible"] is False
    # 25 full weeks at the cap, then Monday and Tuesday before Wednesday 25 November: their share of the
    # week's 30 hours, 2 x 30/7 h (not 2 x 40/7 h)
    assert result["qualifying_hours"] == 25 * 30 + 8.57
    assert result["eligible_on"] == "2027-05-31"  # 52 full weeks from Monday 2026-06-01 end on Sunday 2027-05-30


def test_part_time_15_hours_needs_104_weeks():
    result = cec(answers(jobs=[job(start="2024-11-25", hours=15)]))  # Monday; 104 weeks end Sunday 2026-11-22
    assert result["qualifying_hours"] == 1564.28  # 1,560 + Monday and Tuesday at 15/7 h (4.2857, shown rounded down)
    assert result["eligible_on"] == "2026-11-23"


def test_two_jobs_over_30_hours_a_week_are_capped():
    doc = answers(jobs=[job(start="2026-06-01", hours=25), job(start="2026-06-01", hours=20)])
    assert hours(doc) == 25 * 30 + 8.57  # 45 h/week counted as 30 for 25 weeks, then 2 days at 30/7 h (the share)


def test_two_part_time_jobs_add_up_under_the_cap():
    doc = answers(jobs=[job(start="2026-06-01", hours=12), job(start="2026-06-01", hours=10)])
    assert hours(doc) == 25 * 22 + 6.28  # then Monday and Tuesday at 22/7 h


def test_job_straddling_the_3_year_window_counts_only_inside_it():
    # as_of 2026-11-25: window starts 2023-11-25 (a Saturday). Job 2023-01-02 to 2024-01-07 (Sunday), 30 h/week.
    doc = answers(jobs=[job(start="2023-01-02", end="2024-01-07", hours=30)])
    # inside the window: Sat 25 + Sun 26 Nov 2023 (2 days of 30/7 h) + 6 full weeks (27 Nov - 7 Jan)
    assert hours(doc) == 180 + 8.57


@pytest.mark.parametrize("flags,reason", [
    ({"full_time_student": True}, "full-time student"),
    ({"self_employed": True}, "self-employment"),
    ({"paid": False}, "unpaid"),
    ({"authorized": False}, "not authorized"),
    ({"in_canada": False}, "outside Canada"),
    ({"teer": 4}, "TEER 4 or 5"),
    ({"teer": 5}, "TEER 4 or 5"),
])
def test_work_that_does_not_count(flags, reason):
    teer = flags.pop("teer", 1)
    result = cec(answers(jobs=[job(start="2024-01-01", hours=40, teer=teer, **flags)]))
    assert result["qualifying_hours"] == 0
    assert result["eligible"] is False
    assert result["eligible_on"] is None
    assert result["jobs"][0]["counts"] is False
    assert any(reason in r for r in result["jobs"][0]["reasons"]), result["jobs"][0]["reasons"]


def test_student_work_then_pgwp_work_counts_only_after_graduation():
    doc = answers(jobs=[job(start="2022-09-05", end="2024-04-30", hours=20, full_time_student=True),
                        job(start="2024-06-03", hours=40)])
    result = cec(doc)
    assert result["jobs"][0]["counts"] is False and result["jobs"][1]["counts"] is True
    assert result["eligible_on"] == "2025-06-02"  # 52 full weeks from Monday 2024-06-03 end on Sunday 2025-06-01
    assert any("full-time student" in n for n in assess(doc)["notes"])


def test_old_work_outside_the_window_drops_out():
    doc = answers(jobs=[job(start="2019-01-07", end="2023-06-30", hours=40)])
    result = cec(doc)
    assert result["qualifying_hours"] == 0 and result["eligible"] is False
    assert result["eligible_on"] is None  # nothing ongoing: never, at these answers


def test_eligible_on_is_the_start_of_the_current_run_when_already_eligible():
    result = cec(answers(jobs=[job(start="2024-06-03", hours=30)]))  # exactly at the cap: 52 full weeks
    assert result["eligible"] is True and result["eligible_on"] == "2025-06-02"


def test_result_is_the_same_whatever_the_order_of_jobs():
    jobs = [job(start="2024-02-05", end="2024-12-31", hours=20, teer=2), job(start="2025-01-06", hours=25, teer=1),
            job(start="2025-03-03", hours=10, teer=3)]
    a = assess(answers(jobs=jobs))
    b = assess(answers(jobs=list(reversed(jobs))))
    assert a["cec"]["qualifying_hours"] == b["cec"]["qualifying_hours"]
    assert a["cec"]["eligible_on"] == b["cec"]["eligible_on"] and a["crs"]["total"] == b["crs"]["total"]


# --- language ---------------------------------------------------------------

YEAR_TEER1 = [job(start="2024-06-03", hours=40, teer=1)]
YEAR_TEER3 = [job(start="2024-06-03", hours=40, teer=3)]


@pytest.mark.parametrize("jobs,level,met", [
    (YEAR_TEER1, 7, True), (YEAR_TEER1, 6, False),
    (YEAR_TEER3, 5, True), (YEAR_TEER3, 4, False), (YEAR_TEER3, 7, True),
])
def test_language_threshold_by_teer(jobs, level, met):
    result = assess(answers(jobs=jobs, languages=[celpip(level)]))
    assert condition(result, "language")["met"] is met
    assert result["cec"]["eligible"] is met


def test_lowest_ability_decides():
    result = assess(answers(jobs=YEAR_TEER1, languages=[celpip(9, 9, 9, 6)]))
    assert condition(result, "language")["met"] is False


def test_mixed_teer_with_clb_6_cannot_be_determined():
    jobs = [job(start="2024-06-03", end="2025-01-05", hours=40, teer=1), job(start="2025-01-06", hours=40, teer=3)]
    result = assess(answers(as_of="2025-08-04", jobs=jobs, languages=[celpip(6, date="2025-01-10")]))
    # TEER 2-3 alone: 30 weeks, short of 52; together: 61 weeks
    c = condition(result, "language")
    assert c["met"] is None and "Cannot determine" in c["detail"]
    assert result["cec"]["eligible"] is None


def test_mixed_teer_where_teer_3_alone_reaches_the_year_needs_only_clb_5():
    jobs = [job(start="2023-01-02", end="2023-12-31", hours=40, teer=1), job(start="2024-01-01", hours=40, teer=3)]
    result = assess(answers(jobs=jobs, languages=[celpip(5)]))
    assert condition(result, "language")["met"] is True and result["cec"]["eligible"] is True


def test_either_official_language_can_meet_the_threshold():
    from helpers import tef
    result = assess(answers(jobs=YEAR_TEER1, languages=[celpip(5), tef(434, 428, 434, 456)]))
    assert condition(result, "language")["met"] is True


@pytest.mark.parametrize("test_date,valid", [("2024-11-26", True), ("2024-11-25", False)])
def test_results_expire_two_years_after_the_test(test_date, valid):
    result = assess(answers(languages=[ielts(date=test_date)]))
    assert condition(result, "language_test_valid")["met"] is valid
    assert result["cec"]["eligible"] is valid
    from helpers import factor
    assert (factor(result, "first_language_reading") > 0) is valid  # an expired result earns no language points


def test_no_language_test():
    result = assess(answers(languages=[]))
    assert condition(result, "language")["met"] is False
    assert condition(result, "language_test_valid")["met"] is False


# --- province ---------------------------------------------------------------

def test_quebec_is_excluded():
    result = assess(answers(intended_province="QC"))
    assert condition(result, "intended_province")["met"] is False and result["cec"]["eligible"] is False


def test_missing_province_cannot_be_determined():
    doc = answers()
    del doc["intended_province"]
    result = assess(doc)
    assert condition(result, "intended_province")["met"] is None and result["cec"]["eligible"] is None


def test_work_in_quebec_counts_when_living_elsewhere():
    # Work location is not asked: work anywhere in Canada counts; only the intended residence matters.
    assert assess(answers(intended_province="NB"))["cec"]["eligible"] is True


# --- dates ------------------------------------------------------------------

def test_as_of_before_noc_2021_is_rejected():
    from checker import InvalidAnswers
    with pytest.raises(InvalidAnswers) as err:
        assess(answers(as_of="2022-11-15"))
    assert err.value.errors[0]["field"] == "as_of"


def test_missing_as_of_uses_today():
    doc = answers()
    del doc["as_of"]
    assert assess(doc)["as_of"] == "2026-11-25"


def test_conditions_have_ids_details_and_sources():
    result = assess(answers())
    ids = [c["id"] for c in result["cec"]["conditions"]]
    assert {"work_experience", "language", "intended_province"} <= set(ids)
    for c in result["cec"]["conditions"]:
        assert c["detail"] and c["sources"] and all(s.startswith("https://") for s in c["sources"])


def test_eligibility_that_will_lapse_says_until_when():
    # 40 h/week from Monday 2024-01-01 to Monday 2025-03-31: enough hours today, but they leave the window in 2027.
    # By hand: on 2 April 2027 the window starts Tuesday 2 April 2024: that week's share (6/7 x 30 = 25.71 h), 51
    # full weeks (1,530 h) and Monday 31 March 2025 (40/7 = 5.71 h) make 1,561.43; a day later the first week
    # holds 5 days (21.43 h): 1,557.14, short.
    result = cec(answers(jobs=[job(start="2024-01-01", end="2025-03-31", hours=40)]))
    assert result["eligible"] is True and result["met_until"] == "2027-04-02"
    assert "until 2 April 2027" in condition({"cec": result}, "work_experience")["detail"]
    ongoing = cec(answers(jobs=[job(start="2024-01-01", hours=40)]))
    assert ongoing["met_until"] is None
