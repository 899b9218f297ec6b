"""What the checker page shows for a snapshot of its form (checker/page/view.py, run in the page's web worker)."""
from __future__ import annotations

from checker.cli import default_words
from checker.page import render
from checker.page import view as page
from helpers import TODAY, answers, assess, job, rules

W = default_words("en")
from test_form import FULL, FakeForm

ROUNDS = [{"date": "2026-09-15", "round_type": "Canadian Experience Class", "invitations": 2000, "min_crs": 510}]


def respond(f, **extra):
    message = {"form": f.snapshot(), "today": TODAY, "touched": [], "show_all": False, "rounds_guide": "/rounds/"}
    message.update(extra)
    return page.respond(message, rules(), ROUNDS, W)


def test_a_complete_form_gives_the_answers_and_every_part_of_the_result():
    f = FakeForm().fill(answers(jobs=[job(start="2024-06-03", title="Cook"), job(start="2019-01-01", end="2019-06-30")]))
    empty, partial = f.add_job(), f.add_job()
    f.set(f"job-{partial}-title", "Baker")  # a title only: not complete yet
    reply = respond(f)
    result = assess(reply["answers"])
    view = reply["view"]
    assert view["hooks"]["crs-total"] == (str(result["crs"]["total"]), None)
    assert view["hooks"]["cec-eligible"][1] == "yes" and not view["stale"] and view["errors"] == []
    assert view["attrs"]["cec-progress"]["max"] == "1560"
    assert view["text"]["results-status"] == "Updated as you type."
    assert "Cook" in view["html"]["answers-summary-body"]
    status = view["statuses"]
    hours = W.hours(result["cec"]["jobs"][0]["hours_in_window"])
    # the CEC window: the 3 years before 25 November 2026 (IRPR 87.1(2)(a)); the job started after its first day
    assert status["job-1-status"] == (f"Counts: {hours} qualifying hours since 3 June 2024.", "job-status counts")
    assert status["job-2-status"] == (
        "Qualifying work, but none of it is since 25 November 2023, so it adds no hours for the CEC now.", "job-status")
    assert status[f"job-{empty}-status"] == ("", "job-status")
    assert status[f"job-{partial}-status"] == (W.text(page.INCOMPLETE_JOB), "job-status")
    assert status["l1-status"] == ("", "block-status") and status["s-status"] == ("", "block-status")
    assert view["announce"].startswith("You meet the CEC requirements")


def test_errors_show_on_fields_left_and_all_of_them_for_a_shared_link():
    f = FakeForm().fill(FULL)
    f.set("f-birth-date", "2030-01-01")
    f.set("job-1-hours", "-5")
    quiet = respond(f)["view"]
    assert quiet["stale"] and quiet["errors"] == [] and quiet["announce"] == ""
    assert quiet["text"]["results-status"] == "Keep going: some answers are not complete yet."
    touched = respond(f, touched=["job-1-hours"])["view"]
    assert [ident for ident, _ in touched["errors"]] == ["job-1-hours"]
    assert touched["announce"] == "1 answer needs checking."
    shared = respond(f, show_all=True)["view"]
    assert {ident for ident, _ in shared["errors"]} == {"f-birth-date", "job-1-hours"}
    assert "hooks" in shared and shared["hooks"] == {}  # the last result stays, marked stale
    assert "job-1-status" not in shared["statuses"]  # a counted job keeps its line until there is a result


def test_a_test_not_complete_yet_says_what_it_lacks():
    f = FakeForm().fill(answers())
    f.set("l2-test", "tef_canada")
    f.set("l2-reading", "400")
    view = respond(f)["view"]
    assert view["statuses"]["l2-status"] == (W.text(page.INCOMPLETE_TEST), "block-status")
    assert view["statuses"]["l1-status"] == ("", "block-status")


def test_numbers_the_browser_cannot_read_are_reported_not_guessed():
    f = FakeForm().fill(answers())
    reply = respond(f, form=f.snapshot(bad=["job-1-hours"]), touched=["job-1-hours"])
    assert reply["answers"]["jobs"][0]["hours_per_week"] == "not a number"
    assert reply["view"]["errors"][0][0] == "job-1-hours"


def test_error_targets_one_per_field_on_touched_fields():
    ids = {"jobs[0].hours_per_week": "job-1-hours", "jobs[0]": "job-1-title", "birth_date": "f-birth-date"}
    errors = [{"field": "jobs[0].hours_per_week", "message": "must be a number"},
              {"field": "jobs[0].in_canada", "message": "must be true or false"},
              {"field": "birth_date", "message": "must be before the assessment date"}]
    assert page.error_targets(errors, ids, {"job-1-hours"}, False) == [("job-1-hours", "must be a number")]
    assert page.error_targets(errors, ids, set(), True) == [
        ("job-1-hours", "must be a number"), ("job-1-title", "must be true or false"),
        ("f-birth-date", "must be before the assessment date")]


def test_scale_versions_follow_each_chart():
    abilities = ("reading", "writing", "listening", "speaking")
    scales = {"tef_canada": [{"from": "2020-11-16", "scale": {a: {"min": 0, "max": m, "step": 1} for a, m in
                                                              zip(abilities, (300, 450, 360, 450))}},
                             {"from": "2023-12-11", "scale": {a: {"min": 0, "max": 699, "step": 1} for a in abilities}}],
              "ielts_general": [{"from": "2020-11-16", "scale": {a: {"min": 0, "max": 9, "step": 0.5} for a in abilities}}]}
    v = page.scale_versions(scales, W)
    old, new = v["tef_canada"]
    assert old["from"] == "2020-11-16" and old["attrs"]["listening"]["max"] == "360" and "reading 0–300" in old["note"]
    assert new["from"] == "2023-12-11" and new["attrs"]["reading"]["max"] == "699" and new["note"] == "(0–699)"
    assert v["ielts_general"][0]["note"] == "(0–9, in steps of 0.5)"
    assert v["ielts_general"][0]["attrs"]["speaking"] == {"min": "0", "max": "9", "step": "0.5"}


def test_a_value_no_field_could_hold_is_reported_not_a_crash():
    f = FakeForm().fill(answers())
    f.set("job-1-teer", "True")
    f.set("f-job-offer", "x")
    reply = respond(f, show_all=True)
    assert reply["answers"]["jobs"][0]["teer"] == "True" and reply["answers"]["job_offer"]["teer"] == "x"
    assert {ident for ident, _ in reply["view"]["errors"]} >= {"job-1-teer", "f-job-offer"}
