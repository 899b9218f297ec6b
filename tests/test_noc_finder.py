"""The NOC finder on the checker page, used by keyboard as a person would: each NOC field is an ARIA 1.2
combobox whose list of NOC 2021 unit groups opens as a job title is typed; choosing one fills the code and
the job's TEER. Its search and index load only when a NOC field is first used."""
from __future__ import annotations

from axe_playwright_python.sync_playwright import Axe
from playwright.sync_api import Page, expect

from test_checker_page import address_answers, open_checker, settled
from test_noc import COMMON

FINDER_FILES = ("noc_finder.js", "noc-en.json")


def options(page: Page, field: str = "job-1-noc") -> list[str]:
    return [" ".join(t.split()) for t in page.locator(f"#{field}-list [role=option]").all_text_contents()]


def type_in_finder(page: Page, text: str, field: str = "job-1-noc"):
    page.locator("#" + field).fill("")
    page.locator("#" + field).press_sequentially(text)


def wait_for_list(page: Page, field: str = "job-1-noc"):
    expect(page.locator("html")).to_have_attribute("data-noc-finder", "ready", timeout=30_000)
    expect(page.locator(f"#{field}-list [role=option]").first).to_be_visible(timeout=10_000)


def test_the_finder_loads_nothing_until_a_noc_field_is_used(page: Page, console):
    requested = []
    page.on("request", lambda req: requested.append(req.url.rsplit("/", 1)[-1]))
    open_checker(page)
    settled(page)
    assert not [f for f in requested if f in FINDER_FILES], "the finder's files were loaded before it was used"
    page.locator("#job-1-noc").focus()
    expect(page.locator("html")).to_have_attribute("data-noc-finder", "ready", timeout=30_000)
    assert sorted(f for f in requested if f in FINDER_FILES) == sorted(FINDER_FILES)


def test_a_job_is_filled_from_its_title_by_keyboard_only(page: Page, console):
    open_checker(page)
    page.locator("#job-1-title").focus()
    page.keyboard.press("Tab")
    field = page.locator("#job-1-noc")
    expect(field).to_be_focused()
    assert field.get_attribute("role") == "combobox"
    assert field.get_attribute("aria-autocomplete") == "list"
    assert field.get_attribute("aria-expanded") == "false"
    listbox = page.locator("#" + field.get_attribute("aria-controls"))
    assert listbox.get_attribute("role") == "listbox" and listbox.get_attribute("aria-label")

    page.keyboard.type("nurse aide")
    wait_for_list(page)
    expect(field).to_have_attribute("aria-expanded", "true")
    first = options(page)[0]
    assert first.startswith("33102 Nurse aides, orderlies and patient service associates, TEER 3"), first
    expect(page.locator("#job-1-noc-status")).to_contain_text("occupations match")
    assert field.get_attribute("aria-activedescendant") is None  # no option is active until an arrow key

    page.keyboard.press("ArrowDown")
    expect(field).to_have_attribute("aria-activedescendant", "job-1-noc-opt-0")
    expect(page.locator("#job-1-noc-opt-0")).to_have_attribute("aria-selected", "true")
    page.keyboard.press("ArrowDown")
    expect(field).to_have_attribute("aria-activedescendant", "job-1-noc-opt-1")
    expect(page.locator("#job-1-noc-opt-0")).to_have_attribute("aria-selected", "false")
    page.keyboard.press("ArrowUp")
    expect(field).to_have_attribute("aria-activedescendant", "job-1-noc-opt-0")
    page.keyboard.press("ArrowUp")  # wraps round to the last option
    last = len(options(page)) - 1
    expect(field).to_have_attribute("aria-activedescendant", f"job-1-noc-opt-{last}")
    page.keyboard.press("ArrowDown")  # and back to the first
    page.keyboard.press("Enter")

    expect(field).to_have_value("33102")
    expect(page.locator("#job-1-teer")).to_have_value("3")
    expect(field).to_have_attribute("aria-expanded", "false")
    expect(page.locator("#job-1-noc-list")).to_be_hidden()
    expect(page.locator("#job-1-noc-status")).to_have_text("Chosen: 33102, Nurse aides, orderlies and patient "
                                                           "service associates (TEER 3).")
    expect(field).to_be_focused()

    # The rest of the job, still by keyboard: the answers carry the chosen code and TEER.
    page.locator("#job-1-start").focus()
    page.keyboard.type("03012024")
    page.locator("#job-1-hours").focus()
    page.keyboard.type("35")
    page.keyboard.press("Tab")
    job = address_answers(page)["jobs"][0]
    assert job["noc"] == "33102" and job["teer"] == 3 and job["start"] == "2024-03-01", job


def test_escape_and_tab_close_the_list_without_choosing(page: Page, console):
    open_checker(page)
    page.locator("#job-1-noc").focus()
    type_in_finder(page, "cook")
    wait_for_list(page)
    page.keyboard.press("ArrowDown")
    page.keyboard.press("Escape")
    expect(page.locator("#job-1-noc-list")).to_be_hidden()
    expect(page.locator("#job-1-noc")).to_have_value("cook")
    expect(page.locator("#job-1-noc")).to_have_attribute("aria-expanded", "false")
    page.keyboard.press("ArrowDown")  # opens the list again, first option active
    wait_for_list(page)
    expect(page.locator("#job-1-noc")).to_have_attribute("aria-activedescendant", "job-1-noc-opt-0")
    page.keyboard.press("Tab")
    expect(page.locator("#job-1-noc-list")).to_be_hidden()
    expect(page.locator("#job-1-noc")).to_have_value("cook")


def test_a_search_left_unchosen_is_an_error_that_says_what_to_do(page: Page, console):
    open_checker(page)
    page.locator("#job-1-teer").select_option("3")
    page.locator("#job-1-start").fill("2024-03-01")
    page.locator("#job-1-hours").fill("35")
    page.locator("#job-1-noc").focus()
    type_in_finder(page, "cashier")
    wait_for_list(page)
    page.keyboard.press("Tab")
    settled(page)
    error = page.locator("#job-1-noc-error")
    expect(error).to_contain_text("choose your occupation from the list")
    expect(page.locator("#job-1-noc")).to_have_attribute("aria-invalid", "true")


def test_ten_common_titles_offer_their_unit_group_first(page: Page, console):
    open_checker(page)
    page.locator("#job-1-noc").focus()
    wrong = []
    for query, code in COMMON:
        type_in_finder(page, query)
        wait_for_list(page)
        first = page.locator("#job-1-noc-opt-0")
        expect(first).to_contain_text(query.split()[0], ignore_case=True)  # the list is for this query
        got = (first.locator(".noc-code").inner_text(), first.locator(".noc-teer").inner_text())
        if got != (code, f"TEER {code[1]}"):
            wrong.append(f"{query!r}: first option {got}, expected {code}")
    assert not wrong, "\n".join(wrong)


def test_codes_are_confirmed_or_refused_as_typed(page: Page, console):
    open_checker(page)
    page.locator("#job-1-noc").focus()
    type_in_finder(page, "212")
    wait_for_list(page)
    assert [o[:5] for o in options(page)][:3] == ["21200", "21201", "21202"]
    type_in_finder(page, "21232")
    expect(page.locator("#job-1-noc-status")).to_have_text("21232: Software developers and programmers (TEER 1).")
    expect(page.locator("#job-1-noc-list")).to_be_hidden()
    expect(page.locator("#job-1-teer")).to_have_value("1")
    type_in_finder(page, "99999")
    expect(page.locator("#job-1-noc-status")).to_have_text("No NOC 2021 unit group has the code 99999.")
    type_in_finder(page, "zzzq")
    expect(page.locator("#job-1-noc-status")).to_contain_text("No occupation matches “zzzq”")


def test_an_option_can_be_clicked_and_the_job_offer_has_a_finder_too(page: Page, console):
    open_checker(page)
    page.locator("#f-job-offer-noc").focus()
    type_in_finder(page, "electrician", "f-job-offer-noc")
    wait_for_list(page, "f-job-offer-noc")
    page.locator("#f-job-offer-noc-opt-0").click()
    expect(page.locator("#f-job-offer-noc")).to_have_value("72200")
    expect(page.locator("#f-job-offer-noc")).to_be_focused()


def test_the_open_list_passes_axe(page: Page, console):
    open_checker(page)
    page.locator("#job-1-noc").focus()
    type_in_finder(page, "software")
    wait_for_list(page)
    page.keyboard.press("ArrowDown")
    results = Axe().run(page)
    assert results.violations_count == 0, results.generate_report()


def test_the_page_credits_statistics_canada_under_the_licence(page: Page):
    open_checker(page)
    credit = page.locator("[data-noc-attribution]")
    expect(credit).to_contain_text("Statistics Canada")
    expect(credit).to_contain_text("Contains information licensed under the Open Government Licence – Canada")
    assert credit.locator("a", has_text="Open Government Licence – Canada").get_attribute("href") == \
        "https://open.canada.ca/en/open-government-licence-canada"
