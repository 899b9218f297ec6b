"""The checker's result, read as the six people of the UX review (2026-12) would read it: the answer first, a
neutral empty form, Quebec, the personal timeline, two jobs at once, the suggestions and every CRS factor.

Each person's answers come as a shared link (``#a=``), or are typed into the form where the typing is the
point. The numbers expected come from the command line (``python -m checker assess``), from IRCC's rounds as
published (content/data/express-entry-rounds.csv) or are worked out by hand from IRCC's rules, never from the
page itself. Run with ``-s`` to see where the summary sits on a phone and on a desktop.
"""
from __future__ import annotations

import base64
import datetime as dt
import json
import re
from urllib.parse import urldefrag

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from conftest import ConsoleWatch
from test_checker_page import cli, fill_job, fill_test, hook, open_checker, settled
from test_checker_rounds_page import expected as rounds_expected, ircc_rounds

TODAY = "2026-11-25"


def job(teer, start, hours, end=None, **flags):
    return {"teer": teer, "start": start, "end": end, "hours_per_week": hours, **flags}


# The six people of the review, as of 25 November 2026.
# (a) A student: a barista job (TEER 4) while studying full time, then a web technician (TEER 2) on a PGWP
#     that ends on 15 December 2026. Two-year diploma from Canada; IELTS 6.5/6/7/6.5. Hand count of the
#     CRS (no spouse): age 26: 110, two-year credential: 98, CLB 8/7/7/8: 23+17+17+23 = 80, education with
#     CLB 7+: 13, two-year Canadian credential: 15; total 316.
STUDENT = {"as_of": TODAY, "birth_date": "2000-03-10", "intended_province": "ON",
           "education": {"level": "two_year", "canadian": "two_year"},
           "jobs": [job(4, "2023-09-05", 20, end="2025-12-31", title="Barista", full_time_student=True),
                    job(2, "2026-01-05", 40, title="Web technician")],
           "languages": [{"test": "ielts_general", "test_date": "2025-11-01", "reading": 6.5, "writing": 6,
                          "listening": 7, "speaking": 6.5}],
           "permit_end": "2026-12-15"}
# (b) An LMIA worker, TEER 1 for 2 years, CELPIP 9, with an accompanying spouse (bachelor's, no test). Hand
#     count (with spouse): age 34: 75, bachelor's: 112, CLB 9 x4: 116, 2 years in Canada: 46; spouse's
#     bachelor's: 8; education with CLB 9: 25, education with 2 years in Canada: 25; total 407.
LMIA = {"as_of": TODAY, "birth_date": "1992-06-01", "intended_province": "AB",
        "education": {"level": "bachelors", "canadian": "none"},
        "jobs": [job(1, "2024-11-04", 40, title="Civil engineer", noc="21300")],
        "languages": [{"test": "celpip_general", "test_date": "2025-06-20", "reading": 9, "writing": 9,
                       "listening": 9, "speaking": 9}],
        "spouse": {"accompanying": True, "citizen_or_pr": False, "education_level": "bachelors",
                   "language": None, "canadian_work_years": 0}}
# (c) A francophone cook (NOC 63200, TEER 3) in New Brunswick, TEF Canada at NCLC 7/7/8/7, IELTS at CLB 5.
#     The review's hand count: 99+120+74+4+40 core, 26 transferability, 50 for French; total 413.
FRANCO = {"as_of": TODAY, "birth_date": "1995-01-15", "intended_province": "NB",
          "education": {"level": "bachelors", "canadian": "none"},
          "jobs": [job(3, "2025-05-01", 40, title="Cook", noc="63200")],
          "languages": [{"test": "tef_canada", "test_date": "2025-03-01", "reading": 450, "writing": 440,
                         "listening": 470, "speaking": 460},
                        {"test": "ielts_general", "test_date": "2025-04-01", "reading": 4.0, "writing": 5.0,
                         "listening": 5.0, "speaking": 5.0}]}
# (d) Two part-time jobs at once, 25 h and 20 h a week, both from Monday 1 September 2025.
TWO_JOBS = {"as_of": TODAY, "birth_date": "1993-09-09", "intended_province": "BC",
            "education": {"level": "bachelors", "canadian": "none"},
            "jobs": [job(2, "2025-09-01", 25, title="Dental assistant"), job(3, "2025-09-01", 20, title="Cook")],
            "languages": [{"test": "celpip_general", "test_date": "2025-08-01", "reading": 8, "writing": 8,
                           "listening": 8, "speaking": 8}]}
# (e) Self-employed only.
SELF = {"as_of": TODAY, "birth_date": "1990-02-02", "intended_province": "ON",
        "education": {"level": "masters", "canadian": "none"},
        "jobs": [job(1, "2024-01-08", 40, title="Consultant", self_employed=True)],
        "languages": [{"test": "ielts_general", "test_date": "2025-10-01", "reading": 8, "writing": 7,
                       "listening": 8, "speaking": 7}]}
# (f) Moving to Quebec: a software developer with 2.7 years in Canada, TCF Canada at NCLC 8, a master's.
QUEBEC = {"as_of": TODAY, "birth_date": "1991-04-04", "intended_province": "QC",
          "education": {"level": "masters", "canadian": "none"},
          "jobs": [job(1, "2024-03-04", 40, title="Software developer", noc="21232")],
          "languages": [{"test": "tcf_canada", "test_date": "2025-09-10", "reading": 500, "writing": 12,
                         "listening": 520, "speaking": 12}]}

HAND_COUNTED_CRS = {"student": 316, "lmia": 407, "franco": 413}


def show(page: Page, answers: dict, total: int):
    """Paste another shared link into the open checker (as a person pastes one into the address bar), and wait
    for its result: a CRS total of ``total``."""
    token = base64.urlsafe_b64encode(json.dumps(answers, separators=(",", ":")).encode()).decode().rstrip("=")
    page.evaluate("t => { location.hash = 'a=' + t; }", token)
    expect(page.locator('#summary [data-result="crs-total"]')).to_have_text(str(total), timeout=30_000)
    settled(page)


def words_date(iso: str) -> str:
    d = dt.date.fromisoformat(iso)
    return f"{d.day} {d.strftime('%B')} {d.year}"


def days_between(earlier: str, later: str) -> int:
    return (dt.date.fromisoformat(later) - dt.date.fromisoformat(earlier)).days


def text_of(page: Page, selector: str) -> str:
    return " ".join(page.locator(selector).inner_text().split())


def axe_clean(page: Page):
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def colour(page: Page, css_var: str) -> str:
    """The colour a CSS variable of the site resolves to, as getComputedStyle writes it."""
    return page.evaluate("""v => { const p = document.createElement('span'); p.style.color = `var(${v})`;
        document.body.append(p); const c = getComputedStyle(p).color; p.remove(); return c; }""", css_var)


def section_text(page: Page, href: str) -> str:
    """The text of the guide section a link leads to: from its heading to the next heading of its level or above."""
    url, anchor = urldefrag(href)
    assert anchor, href
    response = page.request.get(url)
    assert response.ok, url
    html = response.text()
    start = html.find(f'id="{anchor}"')
    assert start > 0, f"no #{anchor} in {url}"
    level = html.rfind("<h", 0, start)
    tag = html[level + 1:level + 3]
    end = html.find(f"<{tag} ", start)
    return re.sub(r"<[^>]+>", " ", html[start:end if end > 0 else len(html)]).lower()


# --- 1. the answer first -----------------------------------------------------------------------------------

def test_the_summary_speaks_the_answer_for_each_of_the_six_people(page: Page, console):
    page.set_viewport_size({"width": 1280, "height": 900})
    rounds = ircc_rounds()
    open_checker(page)
    for name, answers in (("student", STUDENT), ("lmia", LMIA), ("franco", FRANCO), ("two_jobs", TWO_JOBS),
                          ("self", SELF), ("quebec", QUEBEC)):
        result = cli(answers, TODAY)
        cec, crs = result["cec"], result["crs"]
        if name in HAND_COUNTED_CRS:
            assert crs["total"] == HAND_COUNTED_CRS[name], (name, crs["total"])
        show(page, answers, crs["total"])
        summary = page.locator("#summary")
        verdict = page.locator("#summary-verdict")
        expect(verdict).to_have_attribute("data-value", {True: "yes", False: "no", None: "unknown"}[cec["eligible"]])
        said = " ".join(verdict.inner_text().split())
        # The summary comes first: above the timeline and every card, and it holds the score.
        assert summary.bounding_box()["y"] < page.locator("#timeline-card").bounding_box()["y"]
        assert page.evaluate("document.querySelector('#results .result-card').compareDocumentPosition("
                             "document.getElementById('summary')) & Node.DOCUMENT_POSITION_PRECEDING")
        expect(summary.locator('[data-result="crs-total"]')).to_have_text(str(crs["total"]))
        # The date they qualify, or will, or that no date is in sight.
        if cec["eligible_on"]:
            expect(summary.locator('[data-result="cec-eligible-on"]')).to_have_text(words_date(cec["eligible_on"]))
        else:
            expect(summary.locator('[data-result="cec-eligible-on"]')).to_have_text("not yet known")
        # The verdict in words, with its one reason when it is not a yes.
        if name in ("lmia", "franco", "two_jobs"):
            assert cec["eligible"] is True and said == "You meet the CEC requirements we can check", said
        elif name == "student":
            assert cec["eligible"] is False and cec["eligible_on"] > TODAY
            assert said.startswith("Not eligible yet") and f"{int(cec['qualifying_hours']):,} of the 1,560" in said
        elif name == "self":
            assert said.startswith("Not eligible") and "self-employment" in said and "yet" not in said, said
        else:
            assert said == "Not eligible: you plan to live in Quebec", said
        # The best kind of round, with IRCC's counts from the CSV.
        best = text_of(page, "#summary-rounds")
        if name == "franco":
            n, at_or_below, start, end = rounds_expected(rounds, TODAY, crs["total"], "french-language proficiency")
            assert at_or_below > 0
            assert "Best chance: French-language proficiency" in best and \
                f"{at_or_below} of the {n} rounds" in best and words_date(start) in best, best
        elif name in ("self", "quebec"):
            assert best.startswith("No round can invite you yet"), best
        else:
            n, at_or_below, start, end = rounds_expected(rounds, TODAY, crs["total"], "canadian experience class")
            lowest = min(int(r["min_crs"]) for r in rounds if start <= r["date"] <= end
                         and r["round_type"].lower().startswith("canadian experience class"))
            assert at_or_below == 0 and lowest > crs["total"]
            assert f"Best chance: Canadian Experience Class rounds, though none of its {n} rounds" in best and \
                f"the lowest was {lowest}" in best, best
        # On a 1280 x 900 screen the score is in view on the first screen, the result panel not scrolled.
        box = summary.locator('[data-result="crs-total"]').bounding_box()
        assert page.evaluate("[scrollY, document.getElementById('results').scrollTop]") == [0, 0]
        assert 0 <= box["y"] and box["y"] + box["height"] <= 900, (name, box)
        print(f"\n[1280x900] {name}: CRS total at y={box['y']:.0f}-{box['y'] + box['height']:.0f}, page not scrolled")
    # Further down the form (the person typing), the result panel stays beside it with the score in view.
    page.locator("#section-language").scroll_into_view_if_needed()
    box = page.locator('#summary [data-result="crs-total"]').bounding_box()
    assert page.evaluate("document.getElementById('results').scrollTop") == 0
    assert page.evaluate("scrollY") > 900 and 0 <= box["y"] and box["y"] + box["height"] <= 900, box
    print(f"[1280x900] quebec, page scrolled to {page.evaluate('scrollY'):.0f}: CRS total at y={box['y']:.0f}")


def test_on_a_phone_the_result_bar_is_on_the_first_screen_and_stays_while_typing(browser, base_url):
    context = browser.new_context(base_url=base_url, viewport={"width": 390, "height": 844}, is_mobile=True,
                                  has_touch=True)
    page = context.new_page()
    watch = ConsoleWatch(page)
    try:
        open_checker(page)
        settled(page)
        bar = page.locator("#jump-to-result")

        def in_view(when):
            expect(bar).to_be_visible()
            box = bar.bounding_box()
            assert box["y"] >= 0 and box["y"] + box["height"] <= 844, (when, box)
            assert page.evaluate("getComputedStyle(document.getElementById('jump-to-result')).opacity") == "1"
            print(f"\n[390x844] result bar {when}: top at y={box['y']:.0f} (height {box['height']:.0f}), "
                  f"page scrolled to {page.evaluate('scrollY'):.0f}")
            return box

        in_view("on first load")
        # The LMIA worker types their answers.
        page.get_by_label("Date of birth").fill("1992-06-01")
        page.get_by_label("Where in Canada do you plan to live?").select_option("AB")
        page.get_by_label("Date you would apply").fill(TODAY)
        fill_job(page, 1, "Civil engineer", "1", "2024-11-04", "40")
        in_view("after filling the job")
        fill_test(page, "l1", "celpip_general", "2025-06-20", ("9", "9", "9", "9"))
        page.get_by_label("Highest level of education", exact=True).select_option("bachelors")
        settled(page)
        in_view("after filling the language test")
        result = cli({"as_of": TODAY, "birth_date": "1992-06-01", "intended_province": "AB",
                      "education": {"level": "bachelors", "canadian": "none"},
                      "jobs": [job(1, "2024-11-04", 40)], "languages": LMIA["languages"]}, TODAY)
        # The bar speaks the answer: the verdict and the score.
        expect(bar).to_contain_text("You meet the CEC requirements")
        expect(bar).to_contain_text(f"CRS {result['crs']['total']}")
        # It leads to the result: after the tap the summary is on screen, and the bar steps aside.
        bar.click()
        summary = page.locator("#summary")
        page.wait_for_function("() => { const r = document.getElementById('summary').getBoundingClientRect();"
                               " return r.top >= 0 && r.top < innerHeight; }")
        print(f"[390x844] after tapping the bar the summary's top is at y={summary.bounding_box()['y']:.0f}")
        expect(bar).to_be_hidden()
        assert watch.problems == [], watch.problems
    finally:
        context.close()


# --- 2. empty and half-filled ------------------------------------------------------------------------------

def test_an_empty_or_half_filled_form_is_neutral_and_says_what_to_add(page: Page, console):
    open_checker(page)
    settled(page)
    verdict = page.locator("#summary-verdict")
    bad = colour(page, "--bad")
    expect(verdict).to_have_attribute("data-state", "empty")
    expect(verdict).to_have_text(re.compile(r"^Add your work and a language test"))
    assert verdict.evaluate("e => getComputedStyle(e).color") != bad
    assert page.locator("#results .not-met").count() == 0  # nothing is "Not met" before anything is answered
    expect(page.locator("#cec-conditions li.todo")).to_have_count(3)
    expect(page.locator("#results")).not_to_contain_text("Not yet eligible")
    # The score beside its caveat: which answers it lacks (the CLI's crs.missing), in words, next to it.
    empty = cli({"as_of": TODAY}, TODAY)
    assert empty["crs"]["missing"] == ["birth_date", "education"]
    expect(page.locator("#summary-crs-note")).to_contain_text(
        "counts no points for your birth date and your education, which you have not given yet")
    axe_clean(page)

    # Half filled: a job but no language test yet.
    page.get_by_label("Date you would apply").fill(TODAY)
    fill_job(page, 1, "Developer", "1", "2025-01-06", "40")
    settled(page)
    expect(verdict).to_have_attribute("data-state", "incomplete")
    expect(verdict).to_have_text("Add a language test to see whether you qualify")
    assert verdict.evaluate("e => getComputedStyle(e).color") != bad
    assert page.locator("#cec-conditions .not-met").count() == 0
    expect(page.locator("#cec-conditions li.met")).to_contain_text("Skilled work experience")
    half = cli({"as_of": TODAY, "jobs": [job(1, "2025-01-06", 40)]}, TODAY)
    expect(page.locator('#summary [data-result="cec-eligible-on"]')).to_have_text(
        words_date(half["cec"]["eligible_on"]))
    # A birth date given: the score no longer says it lacks one.
    page.get_by_label("Date of birth").fill("1995-05-05")
    settled(page)
    note = page.locator("#summary-crs-note")
    expect(note).to_contain_text("counts no points for your education")
    expect(note).not_to_contain_text("birth date")
    # The test given: a real verdict, as the CLI gives it.
    fill_test(page, "l1", "celpip_general", "2025-12-01", ("9", "9", "9", "9"))
    settled(page)
    expect(verdict).to_have_attribute("data-state", "")
    expect(verdict).to_have_attribute("data-value", "unknown")  # the province is not given yet
    expect(verdict).to_have_text("Cannot tell yet: tell us where you plan to live")


# --- 3. Quebec ---------------------------------------------------------------------------------------------

def test_quebec_gets_the_reason_quebecs_own_programs_and_what_applies_only_outside_it(page: Page, console):
    result = cli(QUEBEC, TODAY)
    province = next(c for c in result["cec"]["conditions"] if c["id"] == "intended_province")
    assert province["met"] is False and all(c["met"] for c in result["cec"]["conditions"] if c is not province)
    open_checker(page, QUEBEC)
    settled(page)
    expect(page.locator("#summary-verdict")).to_have_text("Not eligible: you plan to live in Quebec")
    reason = page.locator("#summary-reason")
    for words in ("Skilled Worker Selection Program (PSTQ)", "Arrima", "PEQ", "closed"):
        expect(reason).to_contain_text(words)
    pstq = reason.get_by_role("link", name="Skilled Worker Selection Program (PSTQ)")
    assert pstq.get_attribute("href").startswith("https://www.quebec.ca/")
    guide = reason.get_by_role("link", name="the CEC guide's Quebec section")
    assert "quebec" in section_text(page, guide.evaluate("a => a.href"))
    # The score, the rounds and the suggestions (a nomination among them) apply only outside Quebec.
    expect(page.locator("#summary-crs-note")).to_contain_text("apply only if you settle outside Quebec")
    expect(page.locator("#rounds .notice").first).to_have_text("This applies only if you settle outside Quebec.")
    suggestions = page.locator("#suggestions > li")
    expect(suggestions.first).to_have_text("This applies only if you settle outside Quebec.")
    expect(suggestions.last).to_contain_text("provincial or territorial nomination")
    expect(page.locator("#results")).not_to_contain_text("Not yet eligible")
    axe_clean(page)


# --- 4. the personal timeline ------------------------------------------------------------------------------

def timeline_dates(page: Page) -> list[str]:
    return [t.get_attribute("datetime") for t in page.locator("#timeline .timeline-list > li > time").all()]


def test_the_timeline_warns_of_a_permit_that_ends_too_early_with_the_guides_options(page: Page, console):
    result = cli(STUDENT, TODAY)
    qualifies = result["cec"]["eligible_on"]
    days = days_between(STUDENT["permit_end"], qualifies)  # 15 December 2026 to 4 January 2027
    assert qualifies == "2027-01-04" and days == 20
    open_checker(page, STUDENT)
    settled(page)
    # The list is the chart's text equivalent: the CLI's events, same dates, same order, a mark for each.
    events = result["timeline"]
    assert timeline_dates(page) == [e["date"] for e in events]
    chart = page.get_by_role("img", name=re.compile(r"^Your timeline: %d dated events" % len(events)))
    expect(chart).to_be_visible()
    assert chart.locator(".tl-mark").count() == len(events)
    assert chart.locator(".tl-mark.warning").count() == sum(e["warning"] for e in events)
    permit = page.locator("#timeline .timeline-list > li", has_text="work permit")
    expect(permit).to_have_class("tl-warning")
    expect(permit).to_contain_text(f"ends {days} days too early: you reach 1,560 hours only on {words_date(qualifies)}")
    # The options, each a section of the guides that speaks of it.
    for name, word in (("maintained status while a new permit is processed", "maintained status"),
                       ("a bridging open work permit once you have applied", "bridging"),
                       ("a new work permit", "permit")):
        href = permit.get_by_role("link", name=name).evaluate("a => a.href")
        assert word in section_text(page, href), (name, href)
    # The summary says it too, next to the date.
    expect(page.locator("#summary .summary-warning")).to_contain_text(
        f"ends on {words_date(STUDENT['permit_end'])}, {days} days too early")
    axe_clean(page)


def test_the_timeline_warns_of_a_test_that_expires_first_and_of_old_hours_leaving_the_window(page: Page, console):
    # A test taken on 10 December 2024 stops counting on 10 December 2026 (2 years), before 1,560 hours.
    early_test = {"as_of": TODAY, "birth_date": "2000-03-10", "intended_province": "ON",
                  "jobs": [job(2, "2026-01-05", 40)], "permit_end": "2027-06-30",
                  "languages": [{"test": "ielts_general", "test_date": "2024-12-10", "reading": 7, "writing": 7,
                                 "listening": 7, "speaking": 7}]}
    result = cli(early_test, TODAY)
    qualifies = result["cec"]["eligible_on"]
    expires = next(e for e in result["timeline"] if e["id"] == "language_test_expires")["date"]
    assert expires == "2026-12-10" and qualifies > expires
    open_checker(page, early_test)
    settled(page)
    assert timeline_dates(page) == [e["date"] for e in result["timeline"]]
    test_line = page.locator("#timeline .timeline-list > li", has_text="IELTS")
    expect(test_line).to_have_class("tl-warning")
    expect(test_line).to_contain_text(f"stops counting {days_between(expires, qualifies)} days before you reach the "
                                      f"work requirement on {words_date(qualifies)}")
    expect(page.locator("#summary .summary-warning")).to_contain_text("IELTS General Training result stops counting")
    # The permit ends after the hours are reached: no warning for it.
    expect(page.locator("#timeline .timeline-list > li", has_text="work permit")).not_to_have_class("tl-warning")

    # Work that ended: from the day old hours leave the 3-year window, 1,560 are no longer there.
    ended = {"as_of": TODAY, "birth_date": "1995-01-01", "intended_province": "ON",
             "jobs": [job(1, "2023-06-05", 40, end="2025-03-31")], "languages": LMIA["languages"]}
    result = cli(ended, TODAY)
    until = result["cec"]["met_until"]
    assert until and until > TODAY
    show(page, ended, result["crs"]["total"])
    assert timeline_dates(page) == [e["date"] for e in result["timeline"]]
    window = page.locator("#timeline .timeline-list > li", has_text="3-year window")
    expect(window.locator("time")).to_have_attribute("datetime", until)
    expect(window).to_contain_text("apply by then")
    expect(page.locator("#summary-date")).to_contain_text(f"keep them until {words_date(until)}")

    # A category opens on a date: a nurse who started on 5 January 2026, after three years of other work.
    nurse = {"as_of": TODAY, "birth_date": "1996-05-05", "intended_province": "NS",
             "education": {"level": "bachelors", "canadian": "none"},
             "jobs": [job(1, "2023-01-02", 40, end="2025-12-31", noc="21232"), job(1, "2026-01-05", 36, noc="31301")],
             "languages": [{"test": "pte_core", "test_date": "2026-05-01", "reading": 70, "writing": 72,
                            "listening": 75, "speaking": 80}]}
    result = cli(nurse, TODAY)
    event = next(e for e in result["timeline"] if e["id"] == "category_eligible:healthcare_social_services")
    assert event["date"] == "2027-01-04"  # 52 weeks of 30 counted hours from Monday 5 January 2026
    show(page, nurse, result["crs"]["total"])
    assert timeline_dates(page) == [e["date"] for e in result["timeline"]]
    line = page.locator("#timeline .timeline-list > li", has_text="Healthcare and social services")
    expect(line.locator("time")).to_have_attribute("datetime", event["date"])


# --- 5. two jobs at once -----------------------------------------------------------------------------------

def test_two_jobs_at_once_show_whole_hours_that_add_up_and_more_than_30_hours_is_no_faster(page: Page, console):
    result = cli(TWO_JOBS, TODAY)
    cec = result["cec"]
    open_checker(page, TWO_JOBS)
    settled(page)
    total = int(hook(page, "cec-hours").replace(",", ""))
    assert total == int(cec["qualifying_hours"])
    counted = []
    for i, j in enumerate(cec["jobs"]):
        status = " ".join(page.locator(f"#jobs > li.job >> nth={i} >> [data-job-status]").inner_text().split())
        m = re.fullmatch(r"Counts: ([\d,]+) of its ([\d,]+) hours since 1 September 2025: the 30-hour weekly cap is "
                         r"shared with your other jobs\.", status)
        assert m, status
        counted.append(int(m.group(1).replace(",", "")))
        assert int(m.group(2).replace(",", "")) == int(j["hours_in_window"])  # what the job itself had
    assert sum(counted) == total, (counted, total)
    # Whole hours everywhere: no "1,628.57".
    body = page.locator("body").inner_text()
    assert not re.search(r"\d\.\d\d", body), re.search(r".{40}\d\.\d\d.{20}", body)
    axe_clean(page)

    # One job of 30 hours or more: the same day whether 30, 40 or 45 hours a week are typed (at most 30 a week
    # count, a partial week never more than its share). 52 weeks of 30 hours from Monday 1 September 2025 end on
    # Sunday 30 August 2026, so the requirement is met from 31 August 2026.
    page.locator("#jobs > li.job").nth(1).get_by_role("button", name="Remove this job").click()
    expect(page.locator("#jobs > li.job")).to_have_count(1)
    hours = page.locator("#jobs > li.job").first.get_by_label("Paid hours a week")
    one = cli(dict(TWO_JOBS, jobs=[job(2, "2025-09-01", 45)]), TODAY)["cec"]
    assert one["eligible_on"] == "2026-08-31"
    for typed in ("30", "40", "45"):
        hours.fill(typed)
        settled(page)
        expect(page.locator('#summary [data-result="cec-eligible-on"]')).to_have_text("31 August 2026")
        assert int(hook(page, "cec-hours").replace(",", "")) == int(one["qualifying_hours"]), typed


# --- 6. suggestions ----------------------------------------------------------------------------------------

def test_suggestions_realistic_first_with_effort_spouse_test_french_rounds_and_a_route_to_eligibility(
        page: Page, console):
    result = cli(LMIA, TODAY)
    ids = [s["id"] for s in result["suggestions"]]
    assert ids[-1] == "provincial_nomination" and "spouse_language" in ids
    open_checker(page, LMIA)
    settled(page)
    items = page.locator("#suggestions > li")
    expect(items).to_have_count(len(ids))
    for i in range(items.count()):
        expect(items.nth(i).locator(".effort")).to_have_text(re.compile(r"^(Effort: .+|Another route, with its own "
                                                                        r"conditions)\.$"))
    expect(items.first).not_to_contain_text("nomination")
    expect(items.last).to_contain_text("Get a provincial or territorial nomination")
    expect(items.last.locator(".effort")).to_have_text("Another route, with its own conditions.")
    spouse = page.locator("#suggestions > li", has_text="Have your spouse or partner take a language test")
    spouse_points = next(s["points_gained"] for s in result["suggestions"] if s["id"] == "spouse_language")
    assert spouse_points == 12  # CLB 7 in four abilities, with a spouse: 3 points each (IRCC's spouse grid)
    expect(spouse).to_contain_text(f"+{spouse_points} points")
    french = page.locator("#suggestions > li", has_text="Add French at NCLC 7")
    expect(french).to_contain_text("It opens French-language proficiency rounds")

    # Self-employed only: the first suggestion is a route to eligibility. A full-time job as an employee from
    # 25 November 2026: 52 weeks of 30 hours end on 23 November 2027, so the requirement is met on the 24th.
    result = cli(SELF, TODAY)
    route = result["suggestions"][0]
    assert route["id"] == "work_route" and route["date"] == "2027-11-24"
    show(page, SELF, result["crs"]["total"])
    first = page.locator("#suggestions > li").first
    expect(first).to_contain_text("Start paid, full-time work in a TEER 0, 1, 2 or 3 occupation, as an employee")
    expect(first).to_contain_text(f"on {words_date(route['date'])}")
    expect(first).to_contain_text("This would also make you eligible for the CEC")
    expect(page.locator("#summary-verdict")).to_have_attribute("data-value", "no")
    axe_clean(page)


# The suggestions list, each time it is marked busy or not: its items and the score then shown.
RECORD_SUGGESTIONS = """new MutationObserver((changes) => {
  for (const c of changes) {
    if (c.target.id !== "suggestions") continue;
    (window.suggestionSteps = window.suggestionSteps || []).push({
      busy: c.target.getAttribute("aria-busy"),
      items: [...c.target.children].map((li) => li.textContent.trim()),
      crs: document.querySelector('#summary [data-result="crs-total"]').textContent.trim()});
  }
}).observe(document, {subtree: true, attributes: true, attributeFilter: ["aria-busy"]});"""


def test_the_verdict_and_score_come_first_then_the_suggestions_in_place_of_a_busy_line(page: Page, console):
    """The engine answers a form in two messages: the result without its suggestions (the list marked busy,
    saying they are being worked out, or still showing the ideas before the change), then the suggestions.
    Both steps make the command line's result."""
    result = cli(LMIA, TODAY)
    page.add_init_script(RECORD_SUGGESTIONS)
    open_checker(page, LMIA)
    settled(page)
    steps = page.evaluate("window.suggestionSteps")
    assert [s["busy"] for s in steps] == ["true", "false"], steps
    assert steps[0]["items"] == ["Working out what would raise your score\u2026"]
    assert steps[0]["crs"] == str(result["crs"]["total"])  # the score was drawn with the busy line
    assert len(steps[1]["items"]) == len(result["suggestions"])
    for item, idea in zip(steps[1]["items"], result["suggestions"]):
        assert item.startswith(idea["title"]), (item, idea["title"])
    expect(page.locator("#suggestions")).to_have_attribute("aria-busy", "false")
    # A change: the list is busy again, then the new ideas replace the old ones.
    page.fill("#f-birth-date", "1990-04-12")
    settled(page)
    steps = page.evaluate("window.suggestionSteps")
    assert steps[2]["busy"] == "true" and steps[-1]["busy"] == "false", steps
    assert steps[2]["items"] == steps[1]["items"]  # the ideas shown stay until the new ones replace them
    older = cli({**LMIA, "birth_date": "1990-04-12"}, TODAY)
    assert steps[-1]["crs"] == str(older["crs"]["total"]) != str(result["crs"]["total"])
    assert len(steps[-1]["items"]) == len(older["suggestions"])


# The engine's messages with their suggestions held back while window.holdIdeas is true (as when a newer change
# comes in before they are worked out): the page's worker is wrapped as js/checker_start.js creates it.
HOLD_IDEAS = """window.holdIdeas = true;
const RealWorker = window.Worker;
window.Worker = function (url, options) {
  const worker = new RealWorker(url, options);
  let handler = null;
  Object.defineProperty(worker, "onmessage", {
    get() { return handler; },
    set(fn) {
      handler = fn;
      worker.addEventListener("message", (ev) => {
        if (!(window.holdIdeas && ev.data && ev.data.step === "suggestions")) handler.call(worker, ev);
      });
    }});
  return worker;
};
window.Worker.prototype = RealWorker.prototype;  // Brython tells a worker's messages by instanceof Worker"""


def test_answers_not_valid_yet_end_the_working_out_line_and_the_ideas_come_with_the_next_result(page: Page, console):
    page.add_init_script(HOLD_IDEAS)
    open_checker(page, LMIA)
    ideas = page.locator("#suggestions")
    expect(ideas).to_have_attribute("aria-busy", "true")
    expect(ideas.locator("li")).to_have_text(["Working out what would raise your score\u2026"])
    page.fill("#f-birth-date", "2027-01-01")  # after the assessment date: no result until it is corrected
    page.locator("#f-birth-date").blur()
    expect(page.locator("#f-birth-date-error")).to_contain_text("before the assessment date")
    expect(ideas).to_have_attribute("aria-busy", "false")
    expect(ideas.locator("li")).to_have_count(0)  # nothing is being worked out any more
    page.evaluate("window.holdIdeas = false")
    page.fill("#f-birth-date", "1990-04-12")
    settled(page)
    result = cli({**LMIA, "birth_date": "1990-04-12"}, TODAY)
    expect(ideas).to_have_attribute("aria-busy", "false")
    expect(ideas.locator("> li")).to_have_count(len(result["suggestions"]))
    expect(ideas.locator("> li").first).to_contain_text(result["suggestions"][0]["title"])


# --- 7. every factor ---------------------------------------------------------------------------------------

def test_every_factor_row_reads_differently_and_names_its_combination(page: Page, console):
    open_checker(page)
    page.locator("#crs-details summary").click()
    for answers in (LMIA, STUDENT):
        result = cli(answers, TODAY)
        show(page, answers, result["crs"]["total"])
        rows = [" ".join(r.inner_text().split()) for r in page.locator("#crs-factors tbody tr").all()]
        assert len(rows) == len(result["crs"]["factors"])
        assert len(set(rows)) == len(rows), [r for r in rows if rows.count(r) > 1]
        by_id = dict(zip((f["id"] for f in result["crs"]["factors"]), rows))
        # IRCC's skill transferability combinations, each named, with or without points.
        for fid, name in (("education_with_language", "Education with language"),
                          ("education_with_canadian_work", "Education with Canadian work experience"),
                          ("foreign_work_with_language", "Foreign work experience with language"),
                          ("foreign_work_with_canadian_work", "Foreign work experience with Canadian work experience")):
            assert by_id[fid].startswith(name), by_id[fid]
        points = {f["id"]: f["points"] for f in result["crs"]["factors"]}
        assert points["foreign_work_with_language"] == points["foreign_work_with_canadian_work"] == 0
        if answers is LMIA:
            assert by_id["spouse_education"].startswith("Your spouse's or partner's education")
