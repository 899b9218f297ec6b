"""The form <-> answers mapping (checker/form.py) with a dictionary standing in for the page."""
from __future__ import annotations

from checker import form


class FakeForm:
    """A form of named fields and checkboxes; job blocks get ids 1, 2, 3…"""

    def __init__(self):
        self.values, self.checks, self.jobs, self.next = {}, {}, [], 1

    def value(self, ident):
        return str(self.values.get(ident, "")).strip()

    def bad_number(self, ident):
        return False

    def checked(self, ident):
        return self.checks.get(ident, False)

    def set_value(self, ident, text):
        self.values[ident] = text

    def set_checked(self, ident, on):
        self.checks[ident] = on

    def job_ids(self):
        return list(self.jobs)

    def clear_jobs(self):
        self.jobs = []

    def add_job(self):
        uid = str(self.next)
        self.next += 1
        self.jobs.append(uid)
        for suffix in ("in-canada", "paid", "authorized"):  # the page's defaults
            self.checks[f"job-{uid}-{suffix}"] = True
        return uid


FULL = {
    "as_of": "2026-11-25", "birth_date": "1998-04-12", "intended_province": "ON",
    "education": {"canadian": "three_year_plus", "level": "bachelors"},
    "jobs": [{"start": "2024-06-01", "end": None, "hours_per_week": 37.5, "title": "Software developer", "teer": 1,
              "noc": "21232", "in_canada": True, "paid": True, "authorized": True, "full_time_student": False,
              "self_employed": False},
             {"start": "2019-01-07", "end": "2020-12-31", "hours_per_week": 40, "teer": 2, "in_canada": False,
              "paid": True, "authorized": True, "full_time_student": False, "self_employed": False}],
    "languages": [{"test": "ielts_general", "test_date": "2026-02-01", "reading": 7.5, "writing": 6.5, "listening": 8,
                   "speaking": 7},
                  {"test": "tef_canada", "test_date": "2025-05-05", "reading": 434, "writing": 428, "listening": 434,
                   "speaking": 456}],
    "spouse": {"accompanying": True, "citizen_or_pr": False, "education_level": "masters", "canadian_work_years": 2,
               "language": {"test": "celpip_general", "test_date": "2026-01-01", "reading": 9, "writing": 8,
                            "listening": 9, "speaking": 9}},
    "provincial_nomination": False, "sibling_in_canada": True, "certificate_of_qualification": False,
    "job_offer": {"teer": 0, "major_group_00": True},
}


def test_fill_then_collect_gives_the_same_answers():
    f = FakeForm()
    form.fill(f, FULL)
    answers, ids, statuses, order = form.collect(f)
    assert answers == FULL
    assert statuses == {} and order == ["1", "2"]
    assert ids["jobs[1].hours_per_week"] == "job-2-hours"
    assert ids["languages[1].speaking"] == "l2-speaking"
    assert ids["spouse.language.reading"] == "s-reading"


def test_incomplete_blocks_are_left_out_with_a_reason():
    f = FakeForm()
    form.fill(f, {})
    f.set_value("job-1-title", "Cook")
    f.set_value("l1-test", "ielts_general")
    f.set_value("l1-reading", "6")
    answers, _ids, statuses, order = form.collect(f)
    assert answers["jobs"] == [] and answers["languages"] == []
    assert statuses == {"1": form.INCOMPLETE_JOB, "l1": form.INCOMPLETE_TEST}
    assert order == []


def test_numbers_are_read_as_typed_never_coerced():
    f = FakeForm()
    f.set_value("x", "40")
    f.set_value("y", "37.5")
    f.set_value("z", "forty")
    assert form.number(f, "x") == 40 and isinstance(form.number(f, "x"), int)
    assert form.number(f, "y") == 37.5
    assert form.number(f, "z") == "forty"  # passed on: the checker reports it as not a number
    assert form.number(f, "missing") == ""


def test_empty_form_is_a_valid_empty_answers_document():
    f = FakeForm()
    form.fill(f, {})
    answers, _ids, _statuses, _order = form.collect(f)
    assert answers == {"jobs": [], "languages": [], "spouse": None, "provincial_nomination": False,
                       "sibling_in_canada": False, "certificate_of_qualification": False, "job_offer": None}


def test_scale_view_follows_the_test_and_its_date():
    scales = {"tef_canada": [{"from": "2020-11-16", "scale": {a: {"min": 0, "max": m, "step": 1} for a, m in
                                                              zip(form.ABILITIES, (300, 450, 360, 450))}},
                             {"from": "2023-12-11", "scale": {a: {"min": 0, "max": 699, "step": 1} for a in form.ABILITIES}}],
              "ielts_general": [{"from": "2020-11-16", "scale": {a: {"min": 0, "max": 9, "step": 0.5} for a in form.ABILITIES}}]}
    attrs, note = form.scale_view(scales, "tef_canada", "2023-12-10")
    assert attrs["listening"]["max"] == "360" and "reading 0–300" in note
    attrs, note = form.scale_view(scales, "tef_canada", "2024-01-01")
    assert attrs["reading"]["max"] == "699" and note == "(0–699)"
    assert form.scale_view(scales, "ielts_general", "2026-01-01")[1] == "(0–9, in steps of 0.5)"
    assert form.scale_view(scales, "", "2026-01-01") == ({}, "")


def test_error_targets_one_per_field_on_touched_fields():
    ids = {"jobs[0].hours_per_week": "job-1-hours", "jobs[0]": "job-1-title", "birth_date": "f-birth-date"}
    errors = [{"field": "jobs[0].hours_per_week", "message": "must be a number"},
              {"field": "jobs[0].in_canada", "message": "must be true or false"},
              {"field": "birth_date", "message": "must be before the assessment date"}]
    assert form.error_targets(errors, ids, {"job-1-hours"}, False) == [("job-1-hours", "must be a number")]
    assert form.error_targets(errors, ids, set(), True) == [
        ("job-1-hours", "must be a number"), ("job-1-title", "must be true or false"),
        ("f-birth-date", "must be before the assessment date")]
