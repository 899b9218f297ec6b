"""Hypothesis strategies for valid answers documents."""
from __future__ import annotations

import datetime as dt

from hypothesis import strategies as st

LEVELS = ["none", "secondary", "one_year", "two_year", "bachelors", "two_or_more", "masters", "phd"]
PROVINCES = ["AB", "BC", "MB", "NB", "NL", "NS", "NT", "NU", "ON", "PE", "QC", "SK", "YT"]

# test: (scale per ability as (min, max, step)), earliest date
SCALES = {
    "ielts_general": ([(0, 9, 0.5)] * 4, dt.date(2020, 11, 16)),
    "celpip_general": ([(1, 12, 1)] * 4, dt.date(2020, 11, 16)),
    "pte_core": ([(10, 90, 1)] * 4, dt.date(2024, 1, 30)),
    "tef_canada": ([(0, 699, 1)] * 4, dt.date(2023, 12, 11)),
    "tcf_canada": ([(0, 699, 1), (0, 20, 1), (0, 699, 1), (0, 20, 1)], dt.date(2020, 11, 16)),
}
ENGLISH = ["ielts_general", "celpip_general", "pte_core"]
FRENCH = ["tef_canada", "tcf_canada"]
ABILITIES = ["reading", "writing", "listening", "speaking"]


def iso(d: dt.date) -> str:
    return d.isoformat()


@st.composite
def score(draw, scale):
    lo, hi, step = scale
    n = draw(st.integers(0, int(round((hi - lo) / step))))
    value = lo + n * step
    return float(value) if step != 1 else int(value)


@st.composite
def language_result(draw, tests, as_of):
    test = draw(st.sampled_from([t for t in tests if SCALES[t][1] <= as_of]))
    scales, earliest = SCALES[test]
    start = max(earliest, as_of - dt.timedelta(days=3 * 365))
    date = draw(st.dates(min_value=start, max_value=as_of))
    doc = {"test": test, "test_date": iso(date)}
    for ability, scale in zip(ABILITIES, scales):
        doc[ability] = draw(score(scale))
    return doc


@st.composite
def a_job(draw, as_of):
    start = draw(st.dates(min_value=as_of - dt.timedelta(days=12 * 365), max_value=as_of + dt.timedelta(days=200)))
    ongoing = draw(st.booleans())
    end = None if ongoing else start + dt.timedelta(days=draw(st.integers(0, 6 * 365)))
    hours = draw(st.sampled_from([5, 10, 15, 20, 25, 30, 35, 37.5, 40, 45, 60]))
    teer = draw(st.integers(0, 5))
    doc = {"title": "job", "teer": teer, "start": iso(start), "end": None if end is None else iso(end),
           "hours_per_week": hours, "in_canada": draw(st.booleans()), "paid": draw(st.booleans()),
           "self_employed": draw(st.booleans()), "full_time_student": draw(st.booleans()),
           "authorized": draw(st.booleans())}
    if draw(st.booleans()) and teer <= 3:
        doc["noc"] = draw(st.sampled_from({0: ["00012", "00015"], 1: ["21232", "11100"], 2: ["72310", "62200"],
                                           3: ["63200", "73300"]}[teer]))
    return doc


@st.composite
def answers_documents(draw):
    as_of = draw(st.dates(min_value=dt.date(2022, 11, 16), max_value=dt.date(2027, 12, 31)))
    doc = {"as_of": iso(as_of)}
    if draw(st.integers(0, 9)):
        doc["birth_date"] = iso(draw(st.dates(min_value=dt.date(1955, 1, 1), max_value=as_of - dt.timedelta(days=365 * 16))))
    if draw(st.integers(0, 9)):
        doc["intended_province"] = draw(st.sampled_from(PROVINCES))
    if draw(st.integers(0, 9)):
        level = draw(st.sampled_from(LEVELS))
        canadian = "none"
        if LEVELS.index(level) >= LEVELS.index("bachelors"):
            canadian = draw(st.sampled_from(["none", "one_or_two_year", "three_year_plus"]))
        elif LEVELS.index(level) >= LEVELS.index("one_year"):
            canadian = draw(st.sampled_from(["none", "one_or_two_year"]))
        doc["education"] = {"level": level, "canadian": canadian}
    langs = []
    if draw(st.integers(0, 5)):
        langs.append(draw(language_result(ENGLISH, as_of)))
    if draw(st.integers(0, 3)) == 0:
        langs.append(draw(language_result(FRENCH, as_of)))
    doc["languages"] = draw(st.permutations(langs))
    doc["jobs"] = draw(st.lists(a_job(as_of), max_size=5))
    doc["certificate_of_qualification"] = draw(st.booleans())
    doc["provincial_nomination"] = draw(st.integers(0, 5)) == 0
    doc["sibling_in_canada"] = draw(st.booleans())
    if draw(st.integers(0, 3)) == 0:
        teer = draw(st.integers(0, 3))
        doc["job_offer"] = {"teer": teer, "major_group_00": teer == 0 and draw(st.booleans())}
    else:
        doc["job_offer"] = None
    if draw(st.integers(0, 2)) == 0:
        doc["spouse"] = {"accompanying": draw(st.booleans()), "citizen_or_pr": draw(st.booleans()),
                         "education_level": draw(st.one_of(st.none(), st.sampled_from(LEVELS))),
                         "language": draw(st.one_of(st.none(), language_result(ENGLISH + FRENCH, as_of))),
                         "canadian_work_years": draw(st.integers(0, 8))}
    else:
        doc["spouse"] = None
    return doc
