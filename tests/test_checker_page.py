"""The checker page, used as a person would: fill the form, read the verdict, compare with the CLI."""
from __future__ import annotations

import base64
import json
import re
import subprocess
import sys

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from conftest import ROOT

TODAY = "2026-11-25"


def cli(answers: dict, today: str = TODAY) -> dict:
    proc = subprocess.run([sys.executable, "-m", "checker", "assess", "-", "--today", today], input=json.dumps(answers),
                          capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def address_answers(page: Page) -> dict:
    settled(page)
    fragment = page.evaluate("location.hash")
    assert fragment.startswith("#a="), fragment
    token = fragment[3:]
    return json.loads(base64.urlsafe_b64decode(token + "=" * (-len(token) % 4)).decode("utf-8"))


def open_checker(page: Page, answers: dict | None = None, wake: bool = True):
    """Open the checker (with these answers in a shared link), ready for input and its engine ready. On a plain
    visit the engine waits for the visitor's first move in the form: ``wake`` starts it through the page's
    hook (``cecEngine.start()``) without moving the focus; without it the engine is left waiting."""
    url = "/checker/"
    if answers is not None:
        token = base64.urlsafe_b64encode(json.dumps(answers, separators=(",", ":")).encode()).decode().rstrip("=")
        url += "#a=" + token
    page.goto(url)
    expect(page.locator("html")).to_have_attribute("data-checker-ready", "true", timeout=30_000)
    if answers is None:
        expect(page.locator("html")).to_have_attribute("data-checker-engine", "waiting")
        if not wake:
            return
        page.evaluate("() => window.cecEngine.start()")
    expect(page.locator("html")).to_have_attribute("data-checker-engine", "ready", timeout=30_000)


def settled(page: Page):
    """Wait until the page shows the result of the latest answers (typing is debounced)."""
    page.wait_for_function(
        "() => { const d = document.documentElement.dataset;"
        " return !d.pending && d.sentSeq && d.sentSeq === d.resultSeq; }", timeout=30_000)


def hook(page: Page, name: str) -> str:
    return page.locator(f'[data-result="{name}"]').first.inner_text().strip()


def check_against_cli(page: Page, expected_answers: dict | None = None):
    answers = address_answers(page)
    if expected_answers is not None:
        assert answers == expected_answers
    # Answers without an assessment date are assessed for the visitor's own date, as the page does.
    result = cli(answers, page.evaluate("(() => { const d = new Date(); return d.getFullYear() + '-' +"
                                        " String(d.getMonth() + 1).padStart(2, '0') + '-' +"
                                        " String(d.getDate()).padStart(2, '0'); })()"))
    crs = result["crs"]
    expect(page.locator('[data-result="crs-total"]')).to_have_text(str(crs["total"]), timeout=15_000)
    for part in ("core", "spouse", "transferability", "additional"):
        assert hook(page, "crs-" + part) == str(crs[part]), part
    verdict = {True: "yes", False: "no", None: "unknown"}[result["cec"]["eligible"]]
    expect(page.locator('[data-result="cec-eligible"]')).to_have_attribute("data-value", verdict)
    hours = result["cec"]["qualifying_hours"]
    shown = hook(page, "cec-hours").replace(",", "")
    assert int(shown) == int(hours)  # whole hours on the page, rounded down; exact in the result document
    return result


def fill_job(page: Page, n: int, title: str, teer: str, start: str, hours: str, end: str | None = None,
             noc: str | None = None, student=False, in_canada=True):
    job = page.locator("#jobs > li.job").nth(n - 1)
    job.get_by_label("Job title").fill(title)
    if noc:
        job.get_by_label("NOC 2021 code").fill(noc)
    else:
        job.get_by_label("TEER category").select_option(teer)
    job.get_by_label("Start date").fill(start)
    if end:
        job.get_by_label("End date").fill(end)
    job.get_by_label("Paid hours a week").fill(hours)
    if student:
        job.get_by_label("I was a full-time student").check()
    if not in_canada:
        job.get_by_label("I did this work in Canada").uncheck()


def fill_test(page: Page, block: str, test: str, date: str, scores: tuple):
    fs = page.locator(f"#{block}-block")
    fs.get_by_label(re.compile(r"^(Test|Their test)")).first.select_option(test)
    fs.get_by_label(re.compile(r"^(Test date|Their test date)")).fill(date)
    for ability, score in zip(("Reading", "Writing", "Listening", "Speaking"), scores):
        # each score's name says which test it belongs to: "Reading (Language test)"
        fs.get_by_label(re.compile("^" + ability + r" \(")).fill(score)


def test_student_after_graduation(page: Page, console):
    open_checker(page)
    page.get_by_label("Date of birth").fill("1999-03-10")
    page.get_by_label("Where in Canada do you plan to live?").select_option("ON")
    page.get_by_label("Date you would apply").fill(TODAY)
    fill_job(page, 1, "Co-op developer", "1", "2023-05-01", "40", end="2023-08-31", student=True)
    page.get_by_role("button", name="Add another job").click()
    expect(page.locator("#jobs > li.job")).to_have_count(2)
    expect(page.locator("#jobs > li.job").nth(1).get_by_label("Job title")).to_be_focused()
    fill_job(page, 2, "Software developer", "1", "2024-06-03", "37.5", noc="21232")
    fill_test(page, "l1", "ielts_general", "2026-01-20", ("7", "7", "8", "7"))
    page.get_by_label("Highest level of education", exact=True).select_option("bachelors")
    page.get_by_label("Post-secondary credential earned in Canada").select_option("three_year_plus")
    result = check_against_cli(page)
    assert result["cec"]["eligible"] is True
    expect(page.locator("#job-2-status, #jobs > li.job >> nth=0 >> [data-job-status]").first).to_contain_text("Does not count")
    expect(page.locator('[data-result="cec-eligible-on"]')).to_contain_text("2025")  # in the summary
    assert page.locator("#cec-conditions li.met").count() == 4


def test_worker_with_two_part_time_jobs(page: Page, console):
    open_checker(page)
    page.get_by_label("Date of birth").fill("1990-07-01")
    page.get_by_label("Where in Canada do you plan to live?").select_option("AB")
    page.get_by_label("Date you would apply").fill(TODAY)
    fill_job(page, 1, "Cook", "", "2025-01-06", "25", noc="63200")
    page.get_by_role("button", name="Add another job").click()
    fill_job(page, 2, "Food service supervisor", "", "2025-03-03", "20", noc="62020")
    fill_test(page, "l1", "celpip_general", "2025-12-01", ("5", "6", "6", "5"))
    page.get_by_label("Highest level of education", exact=True).select_option("two_year")
    result = check_against_cli(page)
    assert result["cec"]["qualifying_hours"] >= 1560
    assert result["cec"]["eligible"] is True  # TEER 2 and 3 work: CLB 5 is enough


def test_couple(page: Page, console):
    open_checker(page)
    page.get_by_label("Date of birth").fill("1994-02-02")
    page.get_by_label("Where in Canada do you plan to live?").select_option("BC")
    page.get_by_label("Date you would apply").fill(TODAY)
    fill_job(page, 1, "Accountant", "", "2023-09-04", "40", noc="11100")
    fill_test(page, "l1", "ielts_general", "2025-06-01", ("8", "7", "8.5", "7.5"))
    page.get_by_label("Highest level of education", exact=True).select_option("masters")
    page.get_by_label("Yes", exact=True).check()
    expect(page.locator("#spouse-details")).to_be_visible()
    page.get_by_label("Their highest level of education").select_option("bachelors")
    page.get_by_label("Their years of skilled work in Canada").fill("1")
    fill_test(page, "s", "celpip_general", "2025-09-01", ("7", "7", "7", "7"))
    result = check_against_cli(page)
    assert result["crs"]["with_spouse"] is True and result["crs"]["spouse"] == 8 + 12 + 5


def test_not_yet_eligible_shows_the_date(page: Page, console):
    open_checker(page)
    page.get_by_label("Date of birth").fill("2000-05-05")
    page.get_by_label("Where in Canada do you plan to live?").select_option("NS")
    page.get_by_label("Date you would apply").fill(TODAY)
    fill_job(page, 1, "Registered nurse", "", "2026-06-01", "36", noc="31301")
    fill_test(page, "l1", "pte_core", "2026-05-01", ("70", "72", "75", "80"))
    result = check_against_cli(page)
    assert result["cec"]["eligible"] is False and result["cec"]["eligible_on"] > TODAY
    expect(page.locator('[data-result="cec-eligible-on"]')).to_contain_text("2027")
    expect(page.locator("#suggestions li").first).to_be_visible()


def test_shared_link_restores_answers_and_start_over_clears_them(page: Page, console):
    answers = {"as_of": TODAY, "birth_date": "1998-04-12", "intended_province": "ON",
               "education": {"canadian": "three_year_plus", "level": "bachelors"},
               "jobs": [{"start": "2024-06-01", "end": None, "hours_per_week": 40, "title": "Software developer",
                         "teer": 1, "noc": "21232", "in_canada": True, "paid": True, "authorized": True,
                         "full_time_student": False, "self_employed": False}],
               "languages": [{"test": "ielts_general", "test_date": "2026-02-01", "reading": 7.5, "writing": 6.5,
                              "listening": 8, "speaking": 7}],
               "spouse": None, "provincial_nomination": False, "sibling_in_canada": False,
               "certificate_of_qualification": False, "job_offer": None}
    open_checker(page, answers)
    settled(page)
    expect(page.get_by_label("Date of birth")).to_have_value("1998-04-12")
    expect(page.locator('[data-result="crs-total"]')).to_have_text("467", timeout=15_000)
    check_against_cli(page, answers)
    page.get_by_role("button", name="Start over").click()
    expect(page.get_by_label("Date of birth")).to_have_value("")
    expect(page.get_by_label("Date of birth")).to_be_focused()
    assert page.evaluate("location.hash") == ""
    expect(page.locator('[data-result="cec-eligible"]')).to_have_attribute("data-value", "no")
    expect(page.locator("#jobs > li.job")).to_have_count(1)


def test_inline_errors_never_erase_what_was_typed(page: Page, console):
    open_checker(page)
    fill_test(page, "l1", "ielts_general", "2026-01-20", ("9.5", "7", "7", "7"))
    page.get_by_label("Date you would apply").click()  # leave the field: it counts as touched
    error = page.locator("#l1-reading-error")
    expect(error).to_contain_text("from 0 to 9", timeout=15_000)
    reading = page.locator("#l1-reading")
    expect(reading).to_have_value("9.5")
    expect(reading).to_have_attribute("aria-invalid", "true")
    assert "l1-reading-error" in reading.get_attribute("aria-describedby")
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    expect(summary.get_by_role("link")).to_contain_text("Reading")
    violations = Axe().run(page)
    assert violations.violations_count == 0, violations.generate_report()
    reading.fill("8")
    expect(error).to_have_count(0, timeout=15_000)
    expect(summary).to_be_hidden()


def test_score_fields_follow_the_test_and_its_date(page: Page, console):
    """Each test's own scale is stated beside its scores (the fields are text, so a letter is kept and reported,
    never dropped); TEF Canada's depends on the test date."""
    open_checker(page)
    note = page.locator("#l1-scale")
    page.locator("#l1-test").select_option("ielts_general")
    expect(note).to_have_text("(0–9, in steps of 0.5)")
    page.locator("#l1-test").select_option("tef_canada")
    page.locator("#l1-date").fill("2023-12-10")  # the old TEF scale: each ability has its own maximum
    expect(note).to_contain_text("reading 0–300")
    expect(note).to_contain_text("listening 0–360")
    page.locator("#l1-date").fill("2023-12-11")  # from this date, 0 to 699 in every ability
    expect(note).to_have_text("(0–699)")
    page.locator("#l1-reading").fill("400")
    expect(page.locator("#l1-status")).to_have_text("Enter the test date and all four scores to count this test.",
                                                   timeout=15_000)


def test_a_damaged_link_still_opens_the_checker(page: Page, console):
    open_checker(page, {"birth_date": "1998-04-12", "jobs": "not a list", "spouse": True, "languages": ["x"]})
    settled(page)
    expect(page.get_by_label("Date of birth")).to_have_value("1998-04-12")
    expect(page.locator("#jobs > li.job")).to_have_count(1)
    expect(page.locator('[data-result="cec-eligible"]')).to_have_attribute("data-value", "no")


def test_removing_a_job_moves_focus_and_updates_the_result(page: Page, console):
    open_checker(page)
    page.get_by_label("Date you would apply").fill(TODAY)
    fill_job(page, 1, "Developer", "1", "2024-01-01", "40")
    page.get_by_role("button", name="Add another job").click()
    fill_job(page, 2, "Second job", "1", "2024-01-01", "10")
    page.evaluate("""() => { window.said = []; new MutationObserver(() => window.said.push(
        document.getElementById("announce").textContent)).observe(document.getElementById("announce"),
        {childList: true, characterData: true, subtree: true}); }""")
    page.locator("#jobs > li.job").nth(1).get_by_role("button", name="Remove this job").click()
    expect(page.locator("#jobs > li.job")).to_have_count(1)
    expect(page.get_by_role("button", name="Add another job")).to_be_focused()
    page.wait_for_function("() => window.said.includes('Job removed.')")  # then the new result is announced
    check_against_cli(page)


def test_keyboard_only(page: Page, console):
    """Tab through the form and answer with the keyboard alone."""
    open_checker(page)

    def tab_to(ident, limit=80):
        for _ in range(limit):
            page.keyboard.press("Tab")
            if page.evaluate("document.activeElement && document.activeElement.id") == ident:
                return
        raise AssertionError(f"could not reach #{ident} with Tab")

    tab_to("f-birth-date")
    page.keyboard.type("04121998")  # month, day, year segments of the date field
    tab_to("f-province")
    page.keyboard.type("Ontario")
    tab_to("job-1-teer")
    page.keyboard.press("ArrowDown")
    page.keyboard.press("ArrowDown")  # TEER 1
    tab_to("job-1-start")
    page.keyboard.type("06032024")
    tab_to("job-1-hours")
    page.keyboard.type("40")
    tab_to("add-job")
    page.keyboard.press("Enter")
    expect(page.locator("#jobs > li.job")).to_have_count(2)
    expect(page.locator("#jobs > li.job").nth(1).get_by_label("Job title")).to_be_focused()
    tab_to("l1-test")
    page.keyboard.press("ArrowDown")  # the first approved test
    tab_to("l1-date")
    page.keyboard.type("02012026")
    for ability in ("reading", "writing", "listening", "speaking"):
        tab_to("l1-" + ability)
        page.keyboard.type("8")
    answers = address_answers(page)
    assert answers["birth_date"] == "1998-04-12" and answers["jobs"][0]["teer"] == 1
    assert answers["languages"][0]["reading"] == 8
    check_against_cli(page)
    # focus is always visible
    outline = page.evaluate("getComputedStyle(document.activeElement).outlineStyle")
    assert outline != "none"


def test_axe_on_empty_and_result_states(page: Page, console):
    open_checker(page)
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    open_checker(page, {"as_of": TODAY, "birth_date": "1990-01-01", "intended_province": "QC",
                        "jobs": [{"teer": 2, "start": "2025-01-06", "end": None, "hours_per_week": 30}],
                        "languages": [{"test": "tcf_canada", "test_date": "2025-10-10", "reading": 500, "writing": 12,
                                       "listening": 520, "speaking": 12}]})
    expect(page.locator('[data-result="cec-eligible"]')).to_have_attribute("data-value", "no", timeout=15_000)
    page.locator("#crs-details summary").click()
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_print_my_result(page: Page, console, tmp_path):
    from pypdf import PdfReader
    open_checker(page, {"as_of": TODAY, "birth_date": "1995-05-05", "intended_province": "MB",
                        "jobs": [{"teer": 1, "start": "2024-01-08", "end": None, "hours_per_week": 40}],
                        "languages": [{"test": "celpip_general", "test_date": "2025-10-10", "reading": 9, "writing": 9,
                                       "listening": 9, "speaking": 9}]})
    expect(page.locator('[data-result="cec-eligible"]')).to_have_attribute("data-value", "yes", timeout=15_000)
    page.emulate_media(media="print")
    pdf = tmp_path / "result.pdf"
    page.pdf(path=str(pdf), format="A4")
    text = " ".join(p.extract_text() for p in PdfReader(str(pdf)).pages)
    assert "Your answers" in text and "Canadian Experience Class" in text
    assert "https://www.canada.ca" in text or "laws-lois" in text
    assert "Rules:" in text
    assert "Date of birth" not in text  # the form is not printed, only the summary of answers


ENGINE_BUNDLE = "/js/checker_engine.js"


def test_a_plain_visit_loads_the_engine_only_once_the_visitor_comes_to_the_form(page: Page, console):
    """Without a shared link the rules engine (its worker and bundle) waits for the visitor's first move in
    the form: a reader who leaves never downloads it. Coming to a field starts it, and the empty form's result
    is drawn; a shared link pasted into the address bar starts it too."""
    catalog = json.loads((ROOT / "checker" / "catalog" / "en.json").read_text(encoding="utf-8"))["messages"]
    requested = []
    page.on("request", lambda req: requested.append(req.url))
    open_checker(page, wake=False)
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)
    assert not [u for u in requested if u.endswith(ENGINE_BUNDLE)], requested
    expect(page.locator("#results-status")).to_have_text(catalog["ui.answer_to_start"])
    page.get_by_label("Date of birth").focus()
    expect(page.locator("html")).to_have_attribute("data-checker-engine", "ready", timeout=30_000)
    settled(page)
    assert [u for u in requested if u.endswith(ENGINE_BUNDLE)]
    expect(page.locator("#results-status")).not_to_have_text(catalog["ui.answer_to_start"])
    expect(page.locator('[data-result="cec-eligible"]')).to_have_attribute("data-value", "no")  # the page had ""
    expect(page.locator("#summary-verdict")).to_have_text(catalog["page.verdict.empty"])

    answers = {"as_of": TODAY, "birth_date": "1995-05-05", "intended_province": "ON",
               "languages": [{"test": "celpip_general", "test_date": "2026-03-01", "reading": 9, "writing": 9,
                              "listening": 9, "speaking": 9}],
               "jobs": [{"title": "Analyst", "teer": 1, "start": "2024-01-01", "end": None, "hours_per_week": 40}]}
    other = page.context.new_page()
    other.goto("/checker/")
    expect(other.locator("html")).to_have_attribute("data-checker-engine", "waiting", timeout=30_000)
    token = base64.urlsafe_b64encode(json.dumps(answers, separators=(",", ":")).encode()).decode().rstrip("=")
    other.evaluate("(t) => { location.hash = '#a=' + t }", token)
    expect(other.locator("html")).to_have_attribute("data-checker-engine", "ready", timeout=30_000)
    settled(other)
    expect(other.locator('[data-result="crs-total"]')).to_have_text(str(cli(answers)["crs"]["total"]))
    other.close()
