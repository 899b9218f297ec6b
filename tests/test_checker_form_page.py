"""The checker page as a person meets it on paper, with odd links and odd typing, and without JavaScript.

Printing: the result of a typical profile fits on 3 A4 or Letter pages and the largest review persona on 5,
with the answers in words (never the answers document's codes), each source address once, and no page that
is empty or holds only a footer; every guide prints without internal link targets, without an empty last
page and without a heading alone at the foot of a page. The form: a damaged link, a link with values no
field can hold, too many jobs, a link pasted into an open checker, letters in a number, errors shown when a
field is left, Start over with Undo, Copy link, the spouse's status, the legacy credential value, the page
without JavaScript, the TEER select's width, and axe in the states these create (issues 12 and 15).

Expected values come from the rules, the catalog and the command line, never from the page itself.
Run with -s to see the page counts measured.
"""
from __future__ import annotations

import base64
import io
import json
import re
import subprocess
import sys
import time
import unicodedata

import pytest
from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect
from pypdf import PdfReader

from conftest import ROOT
from qualitykit import PAGES
from test_checker_page import address_answers, cli, fill_job, open_checker, settled

from checker import answers as answers_module

TODAY = "2026-11-25"
CATALOG = json.loads((ROOT / "checker" / "catalog" / "en.json").read_text(encoding="utf-8"))["messages"]
TESTS = json.loads((ROOT / "checker" / "data" / "language_tests.json").read_text(encoding="utf-8"))
TEST_NAMES = {code: info["name"] for v in TESTS["parameters"]["approved_tests"]["versions"]
              for code, info in v["value"].items()}
FORMATS = ("A4", "Letter")
PATHWAYS = ("/student-pathway/", "/worker-pathway/")

# One job, one test, no spouse.
TYPICAL = {"as_of": TODAY, "birth_date": "1995-05-05", "intended_province": "AB",
           "education": {"level": "bachelors", "canadian": "none"},
           "jobs": [{"title": "Software developer", "noc": "21232", "teer": 1, "start": "2024-01-08", "end": None,
                     "hours_per_week": 40}],
           "languages": [{"test": "celpip_general", "test_date": "2025-10-10", "reading": 9, "writing": 9,
                          "listening": 9, "speaking": 9}]}
# The review's largest persona, made larger: an LMIA worker with an accompanying spouse (with a test and
# education), two tests, four jobs (one abroad), a permit end, a family size, a sibling and a job offer.
LARGE = {"as_of": TODAY, "birth_date": "1988-03-14", "intended_province": "BC", "permit_end": "2027-03-01",
         "education": {"level": "masters", "canadian": "three_year_plus"},
         "jobs": [{"title": "Civil engineer", "noc": "21300", "teer": 1, "start": "2024-09-02", "end": None,
                   "hours_per_week": 40},
                  {"title": "Engineering technologist", "noc": "22300", "teer": 2, "start": "2023-01-09",
                   "end": "2024-08-30", "hours_per_week": 37.5},
                  {"title": "Surveying assistant", "noc": "22213", "teer": 2, "start": "2021-05-03",
                   "end": "2022-12-23", "hours_per_week": 35, "in_canada": False},
                  {"title": "Weekend cook", "noc": "63200", "teer": 3, "start": "2023-03-04", "end": "2024-06-30",
                   "hours_per_week": 12}],
         "languages": [{"test": "ielts_general", "test_date": "2025-06-20", "reading": 8, "writing": 7,
                        "listening": 8.5, "speaking": 7},
                       {"test": "tef_canada", "test_date": "2025-09-15", "reading": 310, "writing": 330,
                        "listening": 300, "speaking": 320}],
         "spouse": {"accompanying": True, "citizen_or_pr": False, "education_level": "two_year",
                    "canadian_work_years": 2,
                    "language": {"test": "celpip_general", "test_date": "2025-08-01", "reading": 7, "writing": 6,
                                 "listening": 8, "speaking": 7}},
         "family_size": 3, "sibling_in_canada": True, "job_offer": {"teer": 1, "noc": "21300"}}

# What the answers document says in codes, which paper must say in words.
CODES = ([code for code in TEST_NAMES] + [level for level in answers_module.EDUCATION_LEVELS if "_" in level or
                                           level in ("bachelors", "masters", "phd")]
         + [c for c in answers_module.CANADIAN_EDUCATION if c != "none"]
         + ["in_canada", "full_time_student", "self_employed", "citizen_or_pr", "hours_per_week", "true", "false"])


def token(answers) -> str:
    return base64.urlsafe_b64encode(json.dumps(answers, separators=(",", ":")).encode()).decode().rstrip("=")


def reopen(page: Page, fragment: str = ""):
    """Open the checker afresh (not a same-page jump) at /checker/<fragment>, ready for input."""
    page.goto("about:blank")
    page.goto("/checker/" + fragment)
    expect(page.locator("html")).to_have_attribute("data-checker-ready", "true", timeout=30_000)
    page.evaluate("() => window.cecEngine.start()")  # (a plain visit's engine waits for the visitor: start it)
    expect(page.locator("html")).to_have_attribute("data-checker-engine", "ready", timeout=30_000)
    settled(page)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def pdf_pages(page: Page, fmt: str) -> list[str]:
    """The text of each printed page (print media, as the browser prints)."""
    reader = PdfReader(io.BytesIO(page.pdf(format=fmt)))
    return [unicodedata.normalize("NFKC", p.extract_text() or "") for p in reader.pages]  # "ﬁ" is "fi"


def lines(text: str) -> list[str]:
    return [" ".join(line.split()) for line in text.splitlines() if line.strip()]


def content_lines(text: str) -> list[str]:
    """A printed page's lines, less the line that says where and when it was printed."""
    return [line for line in lines(text) if not line.startswith("Printed from")]


def sources_of(result) -> set[str]:
    found = set()

    def walk(node):
        if isinstance(node, dict):
            for key, value in node.items():
                if key == "sources" and isinstance(value, list):
                    found.update(v for v in value if isinstance(v, str))
                else:
                    walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)
    walk(result)
    return found


def long_date(iso: str) -> str:
    y, m, d = iso.split("-")
    months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December"]
    return f"{int(d)} {months[int(m) - 1]} {y}"


# --- 1. the printed result ----------------------------------------------------------------------------

def check_printed_result(page: Page, answers: dict, most_pages: int, counts: dict, name: str) -> list[str]:
    result = cli(answers)
    reopen(page, "#a=" + token(answers))
    expect(page.locator('[data-result="crs-total"]')).to_have_text(str(result["crs"]["total"]))
    page.emulate_media(media="print")
    problems = []
    for fmt in FORMATS:
        pages = pdf_pages(page, fmt)
        counts[(name, fmt)] = len(pages)
        where = f"{name}, {fmt}"
        if len(pages) > most_pages:
            problems.append(f"{where}: {len(pages)} pages, more than {most_pages}")
        text = "\n".join(pages)
        flat = " ".join(text.split())
        squeezed = squeeze(text)
        # page 1 holds the answer, not just the title; no page holds only the footer
        if str(result["crs"]["total"]) not in pages[0] or len(content_lines(pages[0])) < 8:
            problems.append(f"{where}: page 1 does not hold the result: {lines(pages[0])[:6]}")
        for i, p in enumerate(pages):
            if len(content_lines(p)) < 3:
                problems.append(f"{where}: page {i + 1} holds only {lines(p)}")
        # answers in words, with their labels; never the codes of the answers document
        for code in CODES:
            if re.search(r"(?<![\w-])" + re.escape(code) + r"(?![\w-])", flat):
                problems.append(f"{where}: the code {code!r} is printed")
        for code in answers_module.PROVINCES:
            if re.search(r"(?<![\w/.-])" + code + r"(?![\w/.-])", flat):
                problems.append(f"{where}: the province code {code!r} is printed")
        start, end = flat.find(CATALOG["form.your_answers"]), flat.rfind(CATALOG["form.sources"])
        if start < 0 or end < start:
            problems.append(f"{where}: no '{CATALOG['form.your_answers']}' then '{CATALOG['form.sources']}'")
            continue
        said = flat[start:end]
        expected = [CATALOG["province." + answers["intended_province"]],
                    CATALOG["form.education." + answers["education"]["level"]],
                    CATALOG["form.canadian." + answers["education"]["canadian"]], long_date(answers["birth_date"])]
        for job in answers["jobs"]:
            expected += [job["title"], "NOC " + job["noc"], long_date(job["start"])]
        for test in answers["languages"]:
            expected += [TEST_NAMES[test["test"]], long_date(test["test_date"])]
        spouse = answers.get("spouse")
        if spouse:
            expected += [CATALOG["page.summary.spouse"], CATALOG["page.summary.spouse.coming"],
                         CATALOG["form.education." + spouse["education_level"]],
                         TEST_NAMES[spouse["language"]["test"]], long_date(spouse["language"]["test_date"])]
        if answers.get("permit_end"):
            expected.append(long_date(answers["permit_end"]))
        for words in expected:
            if squeeze(words) not in squeeze(said):  # a line may end inside the words
                problems.append(f"{where}: the answers printed lack {words!r}")
        # each source once, in the list at the end; no other address printed
        urls = sources_of(result)
        for url in urls:
            inside = sum(squeeze(other).count(squeeze(url)) for other in urls if other != url)
            n = squeezed.count(squeeze(url)) - inside
            if n != 1:
                problems.append(f"{where}: {url} printed {n} times")
            elif squeezed.find(squeeze(url)) < squeezed.rfind(squeeze(CATALOG["form.sources"])):
                problems.append(f"{where}: {url} printed before the sources list")
        printed = len(re.findall(r"https?://", squeezed))
        if printed != len(urls):
            problems.append(f"{where}: {printed} addresses printed for {len(urls)} sources")
    page.emulate_media(media="screen")
    return problems


def test_printed_result_fits_and_says_the_answers_in_words(page: Page, console):
    counts = {}
    problems = check_printed_result(page, TYPICAL, 3, counts, "typical")
    problems += check_printed_result(page, LARGE, 5, counts, "large")
    print("\nprinted checker result, pages:", ", ".join(f"{n} {f}: {c}" for (n, f), c in counts.items()))
    assert problems == [], "\n".join(problems)


# --- 2. the guides on paper ---------------------------------------------------------------------------

HEADINGS_JS = """() => [...document.querySelectorAll('main h2, main h3')].filter(h => h.checkVisibility())
  .map(h => h.textContent.replace(/\\s+/g, ' ').trim())"""
# Each visible link whose address print.css writes after it (a.external::after), as the print media shows it.
PRINTED_TARGETS_JS = """() => [...document.querySelectorAll('a[href]')].filter(a => a.checkVisibility())
  .filter(a => (getComputedStyle(a, '::after').content || '').includes('<')).map(a => a.getAttribute('href'))"""
FOOT = 170  # points above the bottom of the paper: a heading starting this low may have nothing after it


def outline(reader: PdfReader) -> list[tuple[str, int, float]]:
    """(title, page index, top in points from the bottom of the paper) of each heading in the PDF's outline."""
    found = []

    def walk(items):
        for item in items:
            if isinstance(item, list):
                walk(item)
            else:
                found.append((" ".join(item.title.split()), reader.get_destination_page_number(item),
                              float(item["/Top"])))
    walk(reader.outline)
    return found


def test_guides_print_without_internal_targets_empty_pages_or_stranded_headings(page: Page, console, base_url):
    """Every guide, A4 and Letter. A heading alone at the foot of a page is a page whose last printed line(s)
    are a heading: the outline (Chromium writes one for the headings) says which pages have a heading near
    the foot, and only those pages' text is read, so the check stays quick."""
    guides = [u for u in PAGES if u != "/checker/"]
    host = base_url.split("//", 1)[1]
    problems, counts = [], {}
    page.emulate_media(media="print")
    for url in guides:
        page.goto(url)
        headings = set(page.evaluate(HEADINGS_JS))
        for href in page.evaluate(PRINTED_TARGETS_JS):
            if not re.match(r"https?://", href) or host in href:
                problems.append(f"{url}: an internal link target is printed: <{href}>")
        for fmt in FORMATS:
            reader = PdfReader(io.BytesIO(page.pdf(format=fmt, outline=True)))
            n = len(reader.pages)
            counts[(url, fmt)] = n
            where = f"{url} {fmt}"
            texts = {}

            def text(i):
                if i not in texts:
                    texts[i] = unicodedata.normalize("NFKC", reader.pages[i].extract_text() or "")
                return texts[i]
            if not content_lines(text(n - 1)):
                problems.append(f"{where}: the last page holds only {lines(text(n - 1))}")
            for target in re.findall(r"<([^<>]{1,400})>", squeeze(text(n - 1))):
                if not re.match(r"https?://", target) or host in target:
                    problems.append(f"{where}: an internal link target is printed: <{target}>")
            low = sorted({i for title, i, top in outline(reader) if top < FOOT and i < n - 1 and title in headings})
            for i in low:
                tail = lines(text(i))
                for k in (1, 2, 3):
                    if " ".join(tail[-k:]) in headings:
                        problems.append(f"{where}: page {i + 1} ends with the heading {' '.join(tail[-k:])!r}")
            if url in PATHWAYS and n > 8:
                problems.append(f"{where}: {n} pages (at most 8)")
    print("\nprinted guides, pages (A4/Letter):",
          ", ".join(f"{u.strip('/') or 'home'} {counts[(u, 'A4')]}/{counts[(u, 'Letter')]}" for u in guides))
    assert problems == [], "\n".join(problems)


# --- 3. links and typing that could break the form (issue 15, P1–P6) -----------------------------------

def notice(page: Page):
    return page.locator("#link-notice")


def test_a_damaged_link_says_so_and_opens_an_empty_form(page: Page, console):
    good = token(TYPICAL)
    for fragment in ("#a=garbage%%%", "#a=" + good[:len(good) // 2 + 1], "#a=" + token([1, 2]),
                     "#a=" + base64.urlsafe_b64encode(b'{"as_of": "2026').decode()):
        reopen(page, fragment)
        expect(notice(page)).to_be_visible()
        expect(page.locator("#link-notice-text")).to_have_text(CATALOG["ui.link_damaged"])
        expect(page.get_by_label("Date of birth")).to_have_value("")
        expect(page.locator("#jobs > li.job")).to_have_count(1)
        expect(page.locator('[data-result="cec-eligible"]')).not_to_have_attribute("data-value", "yes")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_link_values_no_field_can_hold_are_errors_with_the_links_text(page: Page, console):
    answers = json.loads(json.dumps(TYPICAL))
    answers["languages"][0]["test"] = "IELTS_GENERAL"   # no such test in the select
    answers["languages"][0]["test_date"] = "2026-02-31"  # no such day
    answers["jobs"][0]["start"] = "2024-02-30"
    answers["as_of"] = "2026-1-25"
    fragment = "#a=" + token(answers)
    reopen(page, fragment)
    expect(notice(page)).to_be_visible()
    expect(page.locator("#link-notice-text")).to_have_text(CATALOG["ui.link_partly"])
    shown = {"#l1-test": "IELTS_GENERAL", "#l1-date": "2026-02-31", "#f-as-of": "2026-1-25",
             "#jobs > li.job >> nth=0 >> input[id$='-start']": "2024-02-30"}
    for selector, text in shown.items():
        field = page.locator(selector)
        ident = field.get_attribute("id")
        expect(field).to_have_attribute("aria-invalid", "true")
        expect(page.locator(f"#{ident}-error")).to_contain_text(f"“{text}”")
        expect(page.locator("#error-summary")).to_contain_text(f"“{text}”")
    # what every field could hold is kept
    expect(page.get_by_label("Date of birth")).to_have_value("1995-05-05")
    expect(page.locator("#l1-reading")).to_have_value("9")
    assert page.evaluate("location.hash") == fragment  # not rewritten before the person changes something
    results = Axe().run(page)  # the link notice and the errors are shown
    assert results.violations_count == 0, results.generate_report()
    page.get_by_label("Date you would apply").fill(TODAY)
    page.get_by_label("Date you would apply").blur()
    settled(page)
    assert page.evaluate("location.hash") != fragment
    assert address_answers(page)["as_of"] == TODAY
    expect(page.locator("#f-as-of-error")).to_have_count(0)
    expect(page.locator("#l1-test-error")).to_contain_text("“IELTS_GENERAL”")  # still to be entered again


def test_the_31st_job_cannot_be_added_and_a_link_with_1600_jobs_is_refused(page: Page, console):
    most = answers_module.MAX_JOBS
    reopen(page)
    add = page.get_by_role("button", name="Add another job")
    for n in range(2, most + 1):
        add.click()
    expect(page.locator("#jobs > li.job")).to_have_count(most)
    expect(add).to_be_disabled()
    expect(page.locator("#jobs-limit")).to_be_visible()
    expect(page.locator("#jobs-limit")).to_have_text(CATALOG["form.jobs_limit"].replace("{most}", str(most)))
    job = TYPICAL["jobs"][0]
    for count in (most + 1, 1600):
        answers = dict(TYPICAL, jobs=[dict(job, title=f"Job {i}") for i in range(count)])
        started = time.monotonic()
        reopen(page, "#a=" + token(answers))
        took = time.monotonic() - started
        expect(notice(page)).to_be_visible()
        expect(page.locator("#link-notice-text")).to_have_text(
            re.compile(re.escape(CATALOG["ui.link_too_many_jobs"]) + "|" + re.escape(CATALOG["ui.link_too_long"])))
        expect(page.locator("#jobs > li.job")).to_have_count(1)
        expect(page.get_by_label("Date of birth")).to_have_value("")
        assert took < 10, f"a link with {count} jobs took {took:.1f} s to open"


def test_a_link_pasted_into_the_open_checker_replaces_the_answers_with_undo(page: Page, console):
    open_checker(page, TYPICAL)
    settled(page)
    before = page.evaluate("location.hash")
    page.evaluate("h => { location.hash = h; }", "#a=" + token(LARGE))
    expect(page.locator("#jobs > li.job")).to_have_count(len(LARGE["jobs"]))
    expect(page.get_by_label("Date of birth")).to_have_value(LARGE["birth_date"])
    expect(notice(page)).to_be_visible()
    expect(page.locator("#link-notice-text")).to_have_text(CATALOG["ui.link_replaced"])
    expect(page.locator('[data-result="crs-total"]')).to_have_text(str(cli(LARGE)["crs"]["total"]))
    page.get_by_role("button", name="Undo").click()
    expect(page.get_by_label("Date of birth")).to_have_value(TYPICAL["birth_date"])
    expect(page.locator("#jobs > li.job")).to_have_count(1)
    expect(notice(page)).to_be_hidden()
    assert cli(address_answers(page)) == cli(TYPICAL)  # the address holds the previous answers again
    expect(page.locator('[data-result="crs-total"]')).to_have_text(str(cli(TYPICAL)["crs"]["total"]))
    # a damaged link pasted in: said so, the form emptied, and Undo brings the answers back
    page.evaluate("h => { location.hash = h; }", "#a=" + before[3:20])
    expect(page.locator("#link-notice-text")).to_have_text(CATALOG["ui.link_damaged"])
    expect(page.get_by_label("Date of birth")).to_have_value("")
    page.get_by_role("button", name="Undo").click()
    expect(page.get_by_label("Date of birth")).to_have_value(TYPICAL["birth_date"])
    assert cli(address_answers(page)) == cli(TYPICAL)


def test_letters_in_hours_are_an_error_and_a_decimal_comma_is_read(page: Page, console):
    reopen(page)
    page.get_by_label("Date you would apply").fill(TODAY)
    fill_job(page, 1, "Developer", "1", "2024-01-08", "")
    hours = page.locator("#jobs > li.job").first.get_by_label("Paid hours a week")
    hours.click()
    page.keyboard.type("4o")
    settled(page)
    expect(page.locator(".field-error")).to_have_count(0)  # not while typing
    page.keyboard.press("Tab")
    settled(page)
    error = page.locator(f"#{hours.get_attribute('id')}-error")
    expect(error).to_be_visible()
    expect(hours).to_have_value("4o")  # kept as typed, never read as 4 or 40
    answers = address_answers(page)
    assert answers["jobs"][0]["hours_per_week"] == "4o"
    refused = subprocess.run([sys.executable, "-m", "checker", "assess", "-", "--today", TODAY],
                             input=json.dumps(answers), capture_output=True, text=True, cwd=ROOT)
    assert refused.returncode == 2 and "hours_per_week" in refused.stderr  # the checker refuses it too
    expect(page.locator("#results-status")).to_have_text(CATALOG["page.status.fix"]["one"])
    for typed in ("37,5", "37.5"):
        hours.fill(typed)
        hours.blur()
        settled(page)
        expect(error).to_have_count(0)
        answers = address_answers(page)
        assert answers["jobs"][0]["hours_per_week"] == 37.5
        hours_shown = page.locator('[data-result="cec-hours"]').first.inner_text().replace(",", "")
        assert int(hours_shown) == int(cli(answers)["cec"]["qualifying_hours"])


def test_errors_show_when_a_field_is_left_in_plain_words_and_the_summary_links_to_them(page: Page, console):
    reopen(page)
    page.get_by_label("Date you would apply").fill(TODAY)
    fill_job(page, 1, "Developer", "1", "2025-01-06", "40")
    end = page.locator("#jobs > li.job").first.get_by_label("End date")
    end.fill("2024-12-01")
    settled(page)
    end_error = page.locator(f"#{end.get_attribute('id')}-error")
    birth = page.get_by_label("Date of birth")
    birth.fill("2027-01-01")
    settled(page)
    expect(page.locator("#f-birth-date-error")).to_have_count(0)  # still in the field
    birth.blur()
    settled(page)
    expect(page.locator("#f-birth-date-error")).to_contain_text(long_date(TODAY))
    expect(end_error).to_contain_text(long_date("2025-01-06"))
    summary = page.locator("#error-summary")
    expect(summary).to_be_visible()
    for text in (page.locator("#f-birth-date-error").inner_text(), end_error.inner_text(), summary.inner_text()):
        assert not re.search(r"\d{4}-\d{2}-\d{2}", text), text  # dates as the results write them
        assert not re.search(r"\b(null|true|false|as_of|birth_date|jobs\[)", text), text
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()
    for link in summary.get_by_role("link").all():
        target = link.get_attribute("href")[1:]
        link.click()
        assert page.evaluate("document.activeElement.id") == target


# --- 4. Start over, Undo, Copy link -------------------------------------------------------------------

def test_start_over_can_be_undone_and_copy_link_says_it_copied(page: Page, console):
    page.context.grant_permissions(["clipboard-read", "clipboard-write"])
    open_checker(page, TYPICAL)
    settled(page)
    page.get_by_role("button", name="Copy link").click()
    feedback = page.locator("#action-feedback")
    expect(feedback).to_have_text(CATALOG["ui.link_copied"])
    expect(feedback).to_be_visible()
    assert page.evaluate("navigator.clipboard.readText()") == page.evaluate("location.href")
    page.get_by_role("button", name="Start over").click()
    expect(page.get_by_label("Date of birth")).to_have_value("")
    assert page.evaluate("location.hash") == ""
    expect(notice(page)).to_be_visible()
    page.get_by_role("button", name="Undo").click()
    expect(page.get_by_label("Date of birth")).to_have_value(TYPICAL["birth_date"])
    assert cli(address_answers(page)) == cli(TYPICAL)
    expect(page.locator('[data-result="crs-total"]')).to_have_text(str(cli(TYPICAL)["crs"]["total"]))
    # a browser that refuses the clipboard: the page says how to copy the link by hand
    page.add_init_script("if (navigator.clipboard) navigator.clipboard.writeText = () => Promise.reject(new Error('refused'));")
    reopen(page, "#a=" + token(TYPICAL))
    page.get_by_role("button", name="Copy link").click()
    expect(feedback).to_have_text(CATALOG["ui.copy_by_hand"])
    expect(feedback).to_be_visible()


# --- 5. the spouse's status and the Canadian credential ------------------------------------------------

def test_spouse_status_is_one_choice_that_round_trips_and_credentials_are_told_apart(page: Page, console):
    reopen(page)
    page.get_by_label("Date you would apply").fill(TODAY)
    fill_job(page, 1, "Accountant", "", "2023-09-04", "40", noc="11100")
    page.get_by_label("Yes", exact=True).check()
    group = page.locator("#spouse-details fieldset.radios").first
    radios = group.get_by_role("radio")
    expect(radios).to_have_count(3)
    assert len({r.get_attribute("name") for r in radios.all()}) == 1  # one choice, not boxes that contradict
    page.get_by_label("Their highest level of education").select_option("bachelors")
    links = {}
    for radio in radios.all():
        radio.check()
        settled(page)
        assert sum(r.is_checked() for r in radios.all()) == 1
        answers = address_answers(page)
        result = cli(answers)
        ident = radio.get_attribute("id")
        expected = {"f-spouse-coming": True, "f-spouse-not-coming": False, "f-spouse-citizen": False}[ident]
        assert result["crs"]["with_spouse"] is expected, (ident, answers.get("spouse"))
        links[ident] = page.evaluate("location.hash")
    for ident, fragment in links.items():
        reopen(page, fragment)
        expect(page.locator("#" + ident)).to_be_checked()
        expect(page.locator("#spouse-details")).to_be_visible()
    canadian = page.get_by_label("Post-secondary credential earned in Canada")
    values = canadian.locator("option").evaluate_all("os => os.map(o => o.value)")
    assert {"one_year", "two_year"} <= set(values)
    for value in ("one_year", "two_year"):
        assert CATALOG["form.canadian." + value] in canadian.locator(f"option[value={value}]").inner_text()
    legacy = dict(TYPICAL, education={"level": "two_year", "canadian": "one_or_two_year"})
    reopen(page, "#a=" + token(legacy))
    expect(canadian).to_have_value("one_or_two_year")
    expect(canadian).not_to_have_attribute("aria-invalid", "true")
    expect(notice(page)).to_be_hidden()
    expect(page.locator("#error-summary")).to_be_hidden()
    expect(page.locator('[data-result="crs-total"]')).to_have_text(str(cli(legacy)["crs"]["total"]))


# --- 6. without JavaScript ------------------------------------------------------------------------------

def test_without_javascript_the_form_is_not_offered_and_the_notice_links_to_the_guides(browser, base_url):
    context = browser.new_context(base_url=base_url, java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto("/checker/")
        expect(page.locator("#checker-form")).to_be_hidden()
        expect(page.locator("#results")).to_be_hidden()
        expect(page.get_by_role("button")).to_have_count(0)  # nothing offered that cannot work
        expect(page.get_by_role("textbox")).to_have_count(0)
        warning = page.locator("main .warning")
        expect(warning).to_be_visible()
        expect(warning).to_contain_text(CATALOG["form.nojs_strong"])
        hrefs = warning.get_by_role("link").evaluate_all("as => as.map(a => new URL(a.href).pathname)")
        for guide in ("/canadian-experience-class/", "/work-hours/", "/language-tests/", "/crs/") + PATHWAYS:
            assert guide in hrefs, (guide, hrefs)
            assert page.request.get(guide).ok
    finally:
        context.close()


# --- 7. widths: the TEER select and the job fields -------------------------------------------------------

FIT_JS = """() => {
  const s = document.querySelector('#jobs > li.job select[id$="-teer"]');
  const cs = getComputedStyle(s), ctx = document.createElement('canvas').getContext('2d');
  ctx.font = cs.font;
  const room = s.clientWidth - parseFloat(cs.paddingLeft) - parseFloat(cs.paddingRight) - 24;  // the arrow
  return {room, scroll: s.scrollWidth, client: s.clientWidth,
          options: [...s.options].map(o => [o.text, Math.ceil(ctx.measureText(o.text).width)])};
}"""
INSIDE_JS = """() => [...document.querySelectorAll('#jobs > li.job input, #jobs > li.job select, #jobs > li.job button,'
  + ' #jobs > li.job label, #jobs > li.job .hint')].filter(e => e.checkVisibility()).map(e => {
  const r = e.getBoundingClientRect(); return [e.id || e.tagName, Math.floor(r.left), Math.ceil(r.right)]; })
  .filter(([, left, right]) => left < 0 || right > document.documentElement.clientWidth)"""


def test_teer_options_fit_and_job_fields_stay_inside_the_viewport(browser, base_url):
    for width in (1280, 390, 320):
        context = browser.new_context(base_url=base_url, viewport={"width": width, "height": 900})
        try:
            page = context.new_page()
            page.goto("/checker/")
            expect(page.locator("html")).to_have_attribute("data-checker-ready", "true", timeout=30_000)
            fit = page.evaluate(FIT_JS)
            expected = [CATALOG["form.teer.choose"]] + [CATALOG[f"form.teer.{n}"] for n in range(6)]
            assert [t for t, _ in fit["options"]] == expected
            if width in (1280, 390):
                assert fit["scroll"] <= fit["client"]
                clipped = [(t, w) for t, w in fit["options"] if w > fit["room"]]
                assert not clipped, f"at {width} px the TEER select shows {fit['room']:.0f} px of text: {clipped}"
            outside = page.evaluate(INSIDE_JS)
            assert not outside, f"at {width} px these job fields leave the viewport: {outside}"
            assert page.evaluate("document.documentElement.scrollWidth <= document.documentElement.clientWidth")
        finally:
            context.close()
