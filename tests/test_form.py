"""The form <-> answers mapping, both ways, with a dictionary standing in for the page.

checker/page/form.py fills the form from an answers document (a shared link, on the
page's main thread); checker/page/view.py collects the answers from a snapshot of the
form (in the web worker).
"""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from checker.page import form
from checker.page import view as page


class FakeForm:
    """A form of named fields and checkboxes, as the page builds it; job blocks get ids 1, 2, 3…"""

    DEFAULT_TICKED = ("in-canada", "paid", "authorized")  # the job template's ticked boxes

    def __init__(self):
        self.values, self.ticked, self.jobs, self.next = {}, set(), [], 1

    def add_job(self):
        uid = str(self.next)
        self.next += 1
        self.jobs.append(uid)
        self.ticked.update(f"job-{uid}-{suffix}" for suffix in self.DEFAULT_TICKED)
        return uid

    def set(self, ident, value):
        if value is True or value is False:
            (self.ticked.add if value else self.ticked.discard)(ident)
        else:
            self.values[ident] = value

    def fill(self, answers):
        """What checker/ui.py does with form.fill's plan."""
        plan = form.fill(answers)
        self.jobs = []
        for job in plan["jobs"]:
            uid = self.add_job()
            for suffix, value in job.items():
                self.set(f"job-{uid}-{suffix}", value)
        for ident, value in plan["fields"].items():
            self.set(ident, value)
        return self

    def snapshot(self, bad=()):
        return {"values": dict(self.values), "checked": sorted(self.ticked), "bad": list(bad), "jobs": list(self.jobs)}

    def collect(self, bad=()):
        return page.collect(page.Snapshot(self.snapshot(bad)))


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
    f = FakeForm().fill(FULL)
    answers, ids, statuses, order = f.collect()
    assert answers == FULL
    assert statuses == {} and order == ["1", "2"]
    assert ids["jobs[1].hours_per_week"] == "job-2-hours"
    assert ids["languages[1].speaking"] == "l2-speaking"
    assert ids["spouse.language.reading"] == "s-reading"


def test_fill_names_every_field_and_keeps_one_empty_job_block():
    plan = form.fill({})
    assert plan["jobs"] == [{"title": "", "noc": "", "teer": "", "start": "", "end": "", "hours": ""}]
    assert plan["fields"]["f-spouse-no"] is True and plan["fields"]["f-spouse-yes"] is False
    assert plan["fields"]["f-canadian"] == "none" and plan["fields"]["f-job-offer"] == ""
    offer = form.fill({"job_offer": {"teer": 0, "major_group_00": True}})["fields"]["f-job-offer"]
    assert offer == "00" and form.fill({"job_offer": {"teer": 2, "major_group_00": False}})["fields"]["f-job-offer"] == "2"


def test_incomplete_blocks_are_left_out_with_a_reason():
    f = FakeForm().fill({})
    f.set("job-1-title", "Cook")
    f.set("l1-test", "ielts_general")
    f.set("l1-reading", "6")
    answers, _ids, statuses, order = f.collect()
    assert answers["jobs"] == [] and answers["languages"] == []
    assert statuses == {"1": page.INCOMPLETE_JOB, "l1": page.INCOMPLETE_TEST}
    assert order == []


def test_numbers_are_read_as_typed_never_coerced():
    port = page.Snapshot({"values": {"x": "40", "y": " 37.5 ", "z": "forty", "b": ""}, "bad": ["b"]})
    assert page.number(port, "x") == 40 and isinstance(page.number(port, "x"), int)
    assert page.number(port, "y") == 37.5
    assert page.number(port, "z") == "forty"  # passed on: the checker reports it as not a number
    assert page.number(port, "missing") == ""
    assert page.number(port, "b") == "not a number"  # the browser could not read what was typed


def test_empty_form_is_a_valid_empty_answers_document():
    answers, _ids, _statuses, _order = FakeForm().fill({}).collect()
    assert answers == {"jobs": [], "languages": [], "spouse": None, "provincial_nomination": False,
                       "sibling_in_canada": False, "certificate_of_qualification": False, "job_offer": None}


def test_a_hand_edited_link_fills_what_it_can():
    for broken in ({"jobs": "x"}, {"education": "bachelors"}, {"spouse": True}, {"job_offer": 5},
                   {"languages": ["x", {"test": "celpip_general", "reading": 9}]}, [], "text", None):
        f = FakeForm().fill(broken)
        answers, _ids, _statuses, _order = f.collect()
        assert answers["jobs"] == [] and answers["spouse"] is None and answers["job_offer"] is None
    assert FakeForm().fill({"birth_date": "1990-01-01", "jobs": "x"}).collect()[0]["birth_date"] == "1990-01-01"


def test_the_score_scale_follows_the_test_date():
    versions = [{"from": "2020-11-16", "note": "old"}, {"from": "2023-12-11", "note": "new"}]
    assert form.scale_for(versions, "2023-12-10")["note"] == "old"
    assert form.scale_for(versions, "2023-12-11")["note"] == "new"
    assert form.scale_for(versions, "2019-01-01")["note"] == "old"  # before every chart: the oldest
    assert form.scale_for([], "2026-01-01") is None and form.scale_for(None, "2026-01-01") is None


JSON = st.recursive(st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text(max_size=5),
                    lambda inner: st.lists(inner, max_size=3) | st.dictionaries(st.text(max_size=8), inner, max_size=4),
                    max_leaves=12)
KEYS = st.sampled_from(["as_of", "birth_date", "education", "jobs", "languages", "spouse", "job_offer", "level",
                        "canadian", "start", "teer", "test", "reading", "accompanying", "language", "major_group_00"])


@settings(max_examples=300, deadline=None)
@given(st.dictionaries(KEYS, JSON | st.dictionaries(KEYS, JSON, max_size=4) | st.lists(st.dictionaries(KEYS, JSON)),
                       max_size=8) | JSON)
def test_any_link_fills_the_form_without_failing(doc):
    """Whatever JSON a (hand-edited) link holds, the form is filled and reads back as an answers document."""
    plan = form.fill(doc)
    assert all(isinstance(v, (str, bool)) for v in plan["fields"].values())
    assert plan["jobs"] and all(isinstance(v, (str, bool)) for job in plan["jobs"] for v in job.values())
    FakeForm().fill(doc).collect()
