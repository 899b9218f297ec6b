"""Express Entry categories (checker/categories.py): scenarios worked out by hand from IRCC's rules.

2025 rule (from 27 February 2025): 6 months of continuous full-time work (or the same
in part time) in one listed occupation within 3 years. 2026 rule (from 18 February
2026): 12 months, not necessarily continuous, in ONE listed occupation; in Canada for
physicians, researchers and senior managers. Months count as the CEC counts a year
(30 hours a week at most): 6 months = 780 hours, 12 months = 1,560 hours. Every
category also needs eligibility for the CEC, the FSW or the FST.
"""
from __future__ import annotations

import pytest

from helpers import answers, assess, condition, ielts, job, tef

# Food service supervisor (TEER 2), a year of it before: the CEC's 1,560 hours, so the program gate is open.
EARLIER = job(start="2023-03-01", end="2024-03-31", hours=40, teer=2, noc="62020", title="Supervisor")


def category(result, cid):
    return next(c for c in result["categories"] if c["id"] == cid)


def test_twelve_months_in_one_listed_occupation_qualifies_in_2026():
    # A registered nurse (31301, healthcare list) from 1 September 2025, 40 h a week: on 25 November 2026 that is
    # 64 weeks and 3 days; at 30 h a week counted, 1,560 hours were reached after exactly 52 weeks, on 31 August 2026.
    nurse = job(start="2025-09-01", hours=40, teer=1, noc="31301", title="Nurse")
    result = assess(answers(jobs=[nurse]))
    health = category(result, "healthcare_social_services")
    assert result["cec"]["eligible"] is True
    assert health["eligible"] is True and health["hours"] >= 1560 and health["eligible_on"] == "2026-08-31"
    assert "31301" in health["detail"]
    assert category(result, "stem")["eligible"] is False


TWO_LISTED = [EARLIER,
              job(start="2025-04-07", end="2025-11-02", hours=40, teer=1, noc="31301", title="Nurse"),
              job(start="2025-11-03", end="2026-06-01", hours=40, teer=2, noc="32101", title="Practical nurse")]


def test_seven_and_seven_months_in_two_listed_occupations_is_not_enough_in_2026():
    # 30 weeks in each (about 900 hours counted each): neither occupation reaches 1,560 hours on its own.
    result = assess(answers(as_of="2026-11-25", jobs=TWO_LISTED))
    health = category(result, "healthcare_social_services")
    assert result["cec"]["eligible"] is True  # 1,560 hours in the window, all occupations together
    assert health["eligible"] is False and 780 < health["hours"] < 1560 and health["eligible_on"] is None


def test_seven_months_continuous_in_one_listed_occupation_was_enough_under_the_2025_rule():
    # On 10 December 2025: the nurse job ran 30 weeks without a break (900 hours counted), more than 780.
    result = assess(answers(as_of="2025-12-10", jobs=TWO_LISTED, languages=[ielts(date="2025-01-15")]))
    health = category(result, "healthcare_social_services")
    assert result["cec"]["eligible"] is True
    assert health["eligible"] is True and health["hours"] >= 780
    assert "continuous" in health["detail"]


def test_a_cook_is_in_the_2025_trades_list_and_not_in_the_2026_one():
    cook = job(start="2024-01-08", hours=40, teer=3, noc="63200", title="Cook")
    in_2025 = assess(answers(as_of="2025-10-01", jobs=[cook], languages=[ielts(date="2025-01-15")]))
    assert category(in_2025, "trades")["eligible"] is True
    in_2026 = assess(answers(as_of="2026-11-25", jobs=[cook]))
    assert in_2026["cec"]["eligible"] is True
    trades = category(in_2026, "trades")
    assert trades["eligible"] is False and trades["hours"] is None  # cooks (63200) left the list on 18 February 2026


def test_a_physician_with_only_foreign_experience_is_not_in_the_physicians_category():
    doctor = job(start="2020-01-06", end="2026-06-30", hours=40, teer=1, noc="31102", in_canada=False, title="Doctor")
    result = assess(answers(jobs=[doctor], education={"level": "masters", "canadian": "none"}))
    physicians = category(result, "physicians")
    assert physicians["eligible"] is False and "in Canada" in physicians["detail"]
    assert result["fsw"]["eligible"] is True  # the pool gate is open through the FSW
    assert category(result, "healthcare_social_services")["eligible"] is True  # abroad counts there


def test_french_one_ability_short_of_nclc_7():
    # TEF Canada (from 11 December 2023): NCLC 7 needs reading 434, writing 428, listening 434, speaking 456.
    almost = tef(450, 440, 470, 455)  # speaking 455 is NCLC 6
    result = assess(answers(languages=[ielts(), almost]))
    french = category(result, "french")
    assert french["eligible"] is False and "speaking" in french["detail"]
    assert french["hours"] is None
    enough = assess(answers(languages=[ielts(), tef(450, 440, 470, 456)]))
    assert category(enough, "french")["eligible"] is True


def test_a_listed_job_without_its_noc_code_is_cannot_tell_not_no():
    unknown = job(start="2024-06-03", hours=40, teer=3, title="Butcher")
    result = assess(answers(jobs=[unknown]))
    trades = category(result, "trades")
    assert trades["eligible"] is None and "NOC" in trades["detail"]
    assert category(result, "physicians")["eligible"] is False  # TEER 3 cannot be one of its TEER 1 codes


def test_before_27_february_2025_there_are_no_categories():
    result = assess(answers(as_of="2025-02-26", languages=[ielts(date="2025-01-15")]))
    assert result["categories"] == []
    assert any("27 February 2025" in n for n in result["notes"])
    assert len(assess(answers(as_of="2025-02-27", languages=[ielts(date="2025-01-15")]))["categories"]) == 6


def test_without_an_express_entry_program_no_category():
    # Strong French but no qualifying work at all: no program, so no category either.
    result = assess(answers(jobs=[], languages=[tef(500, 500, 500, 500)]))
    french = category(result, "french")
    assert result["cec"]["eligible"] is False and french["eligible"] is False
    assert "Express Entry program" in french["detail"]


def test_military_is_cannot_tell():
    assert category(assess(answers()), "military")["eligible"] is None


def test_each_2026_category_is_listed_once_in_the_contract_order():
    ids = [c["id"] for c in assess(answers())["categories"]]
    assert ids == ["french", "healthcare_social_services", "trades", "stem", "education", "transport", "physicians",
                   "researchers", "senior_managers", "military"]
    assert condition(assess(answers()), "work_experience")["met"] is True
