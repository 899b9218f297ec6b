"""The CRS grid, row by row, single and with an accompanying spouse.

Expected points are transcribed from IRCC's "Comprehensive Ranking System
(CRS) criteria" page and the Ministerial Instructions (see rules.md §3), not
read from checker/data. Each test builds an answers document, runs the whole
assessment and reads one factor from the breakdown.
"""
from __future__ import annotations

import pytest

from helpers import answers, assess, birth_for_age, celpip, factor, ielts, job

SPOUSE = {"accompanying": True, "citizen_or_pr": False, "education_level": None, "language": None,
          "canadian_work_years": 0}

# age: (with spouse, without)
AGE = {17: (0, 0), 18: (90, 99), 19: (95, 105), 20: (100, 110), 21: (100, 110), 25: (100, 110), 29: (100, 110),
       30: (95, 105), 31: (90, 99), 32: (85, 94), 33: (80, 88), 34: (75, 83), 35: (70, 77), 36: (65, 72),
       37: (60, 66), 38: (55, 61), 39: (50, 55), 40: (45, 50), 41: (35, 39), 42: (25, 28), 43: (15, 17),
       44: (5, 6), 45: (0, 0), 50: (0, 0)}
EDUCATION = {"none": (0, 0), "secondary": (28, 30), "one_year": (84, 90), "two_year": (91, 98),
             "bachelors": (112, 120), "two_or_more": (119, 128), "masters": (126, 135), "phd": (140, 150)}
FIRST_LANGUAGE = {3: (0, 0), 4: (6, 6), 5: (6, 6), 6: (8, 9), 7: (16, 17), 8: (22, 23), 9: (29, 31), 10: (32, 34),
                  12: (32, 34)}
SECOND_LANGUAGE = {4: 0, 5: 1, 6: 1, 7: 3, 8: 3, 9: 6, 10: 6}
CANADIAN_WORK = {0: (0, 0), 1: (35, 40), 2: (46, 53), 3: (56, 64), 4: (63, 72), 5: (70, 80), 6: (70, 80)}
SPOUSE_EDUCATION = {"none": 0, "secondary": 2, "one_year": 6, "two_year": 7, "bachelors": 8, "two_or_more": 9,
                    "masters": 10, "phd": 10}
SPOUSE_LANGUAGE = {4: 0, 5: 1, 6: 1, 7: 3, 8: 3, 9: 5, 10: 5}
SPOUSE_WORK = {0: 0, 1: 5, 2: 7, 3: 8, 4: 9, 5: 10, 7: 10}

COLUMNS = [("with_spouse", 0), ("single", 1)]


def _doc(col, **kw):
    if col == "with_spouse":
        kw.setdefault("spouse", SPOUSE)
    return answers(**kw)


@pytest.mark.parametrize("col,i", COLUMNS)
@pytest.mark.parametrize("age", sorted(AGE))
def test_age(age, col, i):
    assert factor(assess(_doc(col, birth_date=birth_for_age(age))), "age") == AGE[age][i]


@pytest.mark.parametrize("as_of,expected", [("2026-06-14", 110), ("2026-06-15", 105)])
def test_age_points_drop_on_the_birthday(as_of, expected):
    # born 1996-06-15: 29 the day before the 30th birthday, 30 on it
    doc = answers(birth_date="1996-06-15", as_of=as_of)
    assert factor(assess(doc), "age") == expected


@pytest.mark.parametrize("col,i", COLUMNS)
@pytest.mark.parametrize("level", sorted(EDUCATION))
def test_education(level, col, i):
    assert factor(assess(_doc(col, education={"level": level, "canadian": "none"})), "education") == EDUCATION[level][i]


@pytest.mark.parametrize("col,i", COLUMNS)
@pytest.mark.parametrize("level", sorted(FIRST_LANGUAGE))
def test_first_official_language_per_ability(level, col, i):
    result = assess(_doc(col, languages=[celpip(level)]))
    for ability in ("reading", "writing", "listening", "speaking"):
        assert factor(result, "first_language_" + ability) == FIRST_LANGUAGE[level][i], ability


@pytest.mark.parametrize("col", ["with_spouse", "single"])
@pytest.mark.parametrize("level", sorted(SECOND_LANGUAGE))
def test_second_official_language_per_ability_and_cap(level, col):
    # English CLB 10 stays first; French at `level` in all four abilities is second.
    french = {4: (306, 268, 306, 328), 5: (352, 330, 352, 387), 6: (393, 379, 393, 422), 7: (434, 428, 434, 456),
              8: (462, 472, 462, 494), 9: (503, 512, 503, 518), 10: (546, 558, 546, 556)}[level]
    from helpers import tef
    result = assess(_doc(col, languages=[celpip(10), tef(*french)]))
    raw = 4 * SECOND_LANGUAGE[level]
    cap = 22 if col == "with_spouse" else 24
    assert factor(result, "second_language") == min(raw, cap)


def _work_years_doc(years, col, extra_day=False):
    # as_of is a Monday; a 30 h/week job ends the Sunday before and starts N*52 weeks earlier on a Monday
    import datetime as dt
    as_of = dt.date(2026, 11, 23)
    start = as_of - dt.timedelta(days=364 * years) + dt.timedelta(days=1 if extra_day else 0)
    jobs = [job(start=start.isoformat(), end=(as_of - dt.timedelta(days=1)).isoformat(), hours=30)] if years else []
    return _doc(col, as_of=as_of.isoformat(), jobs=jobs)


@pytest.mark.parametrize("col,i", COLUMNS)
@pytest.mark.parametrize("years", sorted(CANADIAN_WORK))
def test_canadian_work_experience(years, col, i):
    assert factor(assess(_work_years_doc(years, col)), "canadian_work") == CANADIAN_WORK[years][i]


@pytest.mark.parametrize("years", [1, 2, 3])
def test_canadian_work_one_day_short_of_a_year_counts_the_year_below(years):
    assert factor(assess(_work_years_doc(years, "single", extra_day=True)), "canadian_work") == CANADIAN_WORK[years - 1][1]


@pytest.mark.parametrize("level", sorted(SPOUSE_EDUCATION))
def test_spouse_education(level):
    result = assess(answers(spouse={**SPOUSE, "education_level": level}))
    assert factor(result, "spouse_education") == SPOUSE_EDUCATION[level]


@pytest.mark.parametrize("level", sorted(SPOUSE_LANGUAGE))
def test_spouse_language(level):
    result = assess(answers(spouse={**SPOUSE, "language": celpip(level)}))
    assert factor(result, "spouse_language") == 4 * SPOUSE_LANGUAGE[level]


@pytest.mark.parametrize("years", sorted(SPOUSE_WORK))
def test_spouse_canadian_work(years):
    result = assess(answers(spouse={**SPOUSE, "canadian_work_years": years}))
    assert factor(result, "spouse_canadian_work") == SPOUSE_WORK[years]


@pytest.mark.parametrize("spouse", [
    {**SPOUSE, "accompanying": False},
    {**SPOUSE, "citizen_or_pr": True},
])
def test_spouse_not_accompanying_or_canadian_uses_single_columns(spouse):
    result = assess(answers(spouse={**spouse, "education_level": "phd"}, birth_date=birth_for_age(25)))
    assert result["crs"]["with_spouse"] is False
    assert factor(result, "age") == 110 and result["crs"]["spouse"] == 0


def test_spouse_section_is_capped_at_40_and_adds_up():
    spouse = {**SPOUSE, "education_level": "phd", "language": celpip(10), "canadian_work_years": 5}
    result = assess(answers(spouse=spouse))
    assert result["crs"]["spouse"] == 10 + 20 + 10 == 40


# --- skill transferability -------------------------------------------------

@pytest.mark.parametrize("level,lang_level,expected", [
    ("secondary", 10, 0),
    ("one_year", 7, 13), ("one_year", 9, 25), ("two_year", 8, 13),
    ("bachelors", 7, 13), ("bachelors", 9, 25),        # a single bachelor's is in the first tier
    ("two_or_more", 7, 25), ("two_or_more", 9, 50), ("masters", 8, 25), ("masters", 10, 50), ("phd", 9, 50),
    ("masters", 6, 0),
])
def test_transferability_education_with_language(level, lang_level, expected):
    result = assess(answers(education={"level": level, "canadian": "none"}, languages=[celpip(lang_level)], jobs=[]))
    assert factor(result, "education_with_language") == expected


@pytest.mark.parametrize("level,years,expected", [
    ("bachelors", 0, 0), ("bachelors", 1, 13), ("bachelors", 2, 25), ("bachelors", 4, 25),
    ("masters", 1, 25), ("phd", 3, 50), ("secondary", 3, 0),
])
def test_transferability_education_with_canadian_work(level, years, expected):
    doc = _work_years_doc(years, "single")
    doc["education"] = {"level": level, "canadian": "none"}
    assert factor(assess(doc), "education_with_canadian_work") == expected


def test_transferability_education_subtotal_capped_at_50():
    doc = _work_years_doc(2, "single")
    doc.update(education={"level": "masters", "canadian": "none"}, languages=[celpip(9)])
    result = assess(doc)
    assert factor(result, "education_with_language") == 50 and factor(result, "education_with_canadian_work") == 50
    assert result["crs"]["transferability"] == 50


def _foreign(years):
    # 30 h/week abroad, whole years ending 2025-12-31
    import datetime as dt
    end = dt.date(2025, 12, 28)  # a Sunday
    start = end - dt.timedelta(days=364 * years - 1)
    return [job(start=start.isoformat(), end=end.isoformat(), hours=30, in_canada=False)] if years else []


@pytest.mark.parametrize("years,lang_level,expected", [
    (0, 9, 0), (1, 6, 0), (1, 7, 13), (2, 9, 25), (3, 8, 25), (4, 10, 50),
])
def test_transferability_foreign_work_with_language(years, lang_level, expected):
    result = assess(answers(jobs=_foreign(years), languages=[celpip(lang_level)]))
    assert factor(result, "foreign_work_with_language") == expected


def test_transferability_foreign_with_canadian_work_and_total_cap():
    # 3+ years abroad with CLB 9 (50) and 2 years in Canada (50): foreign subtotal capped at 50;
    # master's with CLB 9 and 2 years in Canada: education capped at 50; total capped at 100.
    doc = _work_years_doc(2, "single")
    doc["jobs"] += _foreign(3)
    doc.update(education={"level": "masters", "canadian": "none"}, languages=[celpip(9)])
    result = assess(doc)
    assert factor(result, "foreign_work_with_language") == 50
    assert factor(result, "foreign_work_with_canadian_work") == 50
    assert result["crs"]["transferability"] == 100


@pytest.mark.parametrize("levels,expected", [((5, 5, 6, 9), 25), ((7, 7, 7, 7), 50), ((4, 9, 9, 9), 0), ((10, 10, 10, 10), 50)])
def test_certificate_of_qualification(levels, expected):
    result = assess(answers(certificate_of_qualification=True, languages=[celpip(*levels)], jobs=[]))
    assert factor(result, "certificate_of_qualification") == expected


# --- additional points -----------------------------------------------------

def test_provincial_nomination_600():
    assert factor(assess(answers(provincial_nomination=True)), "provincial_nomination") == 600


@pytest.mark.parametrize("as_of,offer,expected", [
    ("2025-03-24", {"teer": 1, "major_group_00": False}, 50),
    ("2025-03-24", {"teer": 0, "major_group_00": True}, 200),
    ("2025-03-25", {"teer": 1, "major_group_00": False}, 0),
    ("2025-03-25", {"teer": 0, "major_group_00": True}, 0),
    ("2026-11-25", {"teer": 2, "major_group_00": False}, 0),
    ("2023-01-10", {"teer": 3, "major_group_00": False}, 50),
])
def test_job_offer_points_end_on_2025_03_25(as_of, offer, expected):
    doc = answers(as_of=as_of, job_offer=offer, languages=[ielts(date="2022-12-01")], jobs=[job(start="2022-01-01")])
    assert factor(assess(doc), "arranged_employment") == expected


@pytest.mark.parametrize("canadian,expected", [("none", 0), ("one_or_two_year", 15), ("three_year_plus", 30)])
def test_canadian_education(canadian, expected):
    assert factor(assess(answers(education={"level": "masters", "canadian": canadian})), "canadian_education") == expected


@pytest.mark.parametrize("french,english,expected", [
    ((434, 428, 434, 456), (9, 9, 9, 9), 50),     # NCLC 7 French + CLB 9 English
    ((434, 428, 434, 456), (5, 5, 5, 5), 50),     # English CLB 5 in all four is enough for 50
    ((434, 428, 434, 456), (4, 9, 9, 9), 25),     # English CLB 4 in one ability
    ((434, 428, 434, 456), None, 25),             # no English test
    ((433, 428, 434, 456), (9, 9, 9, 9), 0),      # French reading NCLC 6
])
def test_french_language_points(french, english, expected):
    from helpers import tef
    langs = [tef(*french)] + ([celpip(*english)] if english else [])
    assert factor(assess(answers(languages=langs)), "french") == expected


def test_sibling_15():
    assert factor(assess(answers(sibling_in_canada=True)), "sibling") == 15


def test_additional_points_capped_at_600():
    from helpers import tef
    doc = answers(provincial_nomination=True, sibling_in_canada=True,
                  education={"level": "masters", "canadian": "three_year_plus"},
                  languages=[celpip(9), tef(546, 558, 546, 556)])
    assert assess(doc)["crs"]["additional"] == 600


# --- worked examples, totals computed by hand from the grid -----------------

def test_worked_example_rules_md_single_29_bachelors_clb9_one_year():
    """rules.md §3.5: 110 + 120 + 124 + 40 = 394 core; 25 + 13 = 38 transferability; 432."""
    doc = _work_years_doc(1, "single")
    doc.update(birth_date=birth_for_age(29, doc["as_of"]), education={"level": "bachelors", "canadian": "none"},
               languages=[ielts(date="2026-01-15")])
    crs = assess(doc)["crs"]
    assert (crs["core"], crs["spouse"], crs["transferability"], crs["additional"], crs["total"]) == (394, 0, 38, 0, 432)


def test_worked_example_couple():
    """Age 31 with spouse 90; master's 126; CLB 10 x4 = 128; 3 years Canada 56 -> core 400.
    Spouse: bachelor's 8, CLB 7 x4 = 12, 1 year Canada 5 -> 25.
    Transferability: education 50 + 50 capped 50; foreign 2 years 25 + 25 = 50 -> 100.
    Additional: Canadian credential 3+ years 30, sibling 15 -> 45. Total 570."""
    doc = _work_years_doc(3, "with_spouse")
    doc["jobs"] += _foreign(2)
    doc.update(birth_date=birth_for_age(31, doc["as_of"]), education={"level": "masters", "canadian": "three_year_plus"},
               languages=[celpip(10)], sibling_in_canada=True,
               spouse={**SPOUSE, "education_level": "bachelors", "language": celpip(7), "canadian_work_years": 1})
    crs = assess(doc)["crs"]
    assert (crs["core"], crs["spouse"], crs["transferability"], crs["additional"], crs["total"]) == (400, 25, 100, 45, 570)


def test_worked_example_french_second_language():
    """Age 35: 77; two-year 98; English CLB 7 x4 = 68; French NCLC 7 x4 second = 12; 1 year Canada 40 -> core 295.
    Transferability 13 + 13 = 26. French points with English CLB 5+: 50. Total 371."""
    from helpers import tef
    doc = _work_years_doc(1, "single")
    doc.update(birth_date=birth_for_age(35, doc["as_of"]), education={"level": "two_year", "canadian": "none"},
               languages=[celpip(7), tef(434, 428, 434, 456)])
    crs = assess(doc)["crs"]
    assert (crs["core"], crs["transferability"], crs["additional"], crs["total"]) == (295, 26, 50, 371)


def test_worked_example_job_offer_before_and_after_removal():
    """Age 30: 105; bachelor's 120; CLB 8 x4 = 92 -> 317; transferability 13; offer 50 before 25 March 2025."""
    base = dict(birth_date="1994-06-01", education={"level": "bachelors", "canadian": "none"},
                languages=[celpip(8, date="2025-01-10")], jobs=[], job_offer={"teer": 1, "major_group_00": False})
    assert assess(answers(as_of="2025-03-24", **base))["crs"]["total"] == 380
    assert assess(answers(as_of="2025-03-25", **base))["crs"]["total"] == 330


def test_two_languages_use_the_better_order_and_say_so():
    from helpers import tef
    # French NCLC 10, English CLB 5: French first gives 4x34 + 4x1 = 140; English first 4x6 + 4x6 = 48.
    result = assess(answers(languages=[celpip(5), tef(546, 558, 546, 556)]))
    assert result["crs"]["first_language"] == "french"
    assert factor(result, "first_language_reading") == 34
    assert factor(result, "second_language") == 4
    assert any("first official language" in n for n in result["notes"])
