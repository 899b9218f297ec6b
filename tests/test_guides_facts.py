"""The facts of late 2026 (issue 10, audit of December 2026, section 4): dated process data and the guides.

Every corrected fact is tested on both sides of its date, with the expected values transcribed from the source
named in a comment (never read back from the data), and the rendered guides are checked for the new wording and
against the stale sentences they used to carry:

- the medical exam: needed before submitting from 21 August 2025, "may be rejected" from 21 October 2025;
- fees: the amounts reported for applications received from 30 April 2026, the 2024 table as history;
- settlement funds: the whole table by family size (2024 and 2025), never "add $X for each child";
- the CRS after 3 November 2026: no flat "a job offer gives no points" without the grid it describes;
- FSW and student work; remote work; the PGWP; the language tests; the 2026 categories;
- every cut-off range names the dates of the rounds it covers.

The helpers that read rendered pages and tables are tests/test_guides.py's, imported, not copied.
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import pytest

from test_guides import (Checker, Table, cell_number, csv_rounds, data_window, long_date, numbers, page_file, page_text,
                         sentences, tree)

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

# The guides this change owns (issue 10's "Facts to correct").
OWNED = ["express-entry", "canadian-experience-class", "crs", "student-pathway", "worker-pathway", "language-tests",
         "work-hours", "sources", "glossary"]
OFFICIAL = ("canada.ca", "gc.ca", "laws-lois.justice.gc.ca")
LABELS = {"official", "cross-checked", "secondary", "uncertain"}


def P(on=None):
    from cec_site.tables import process_values

    return process_values(on=on)


def text_of(site_dir, slug) -> str:
    """A page's visible text on one line per block, curly apostrophes made straight."""
    return page_text(page_file(site_dir, slug).read_text(encoding="utf-8")).replace("\u2019", "'")


def flat(site_dir, slug) -> str:
    return " ".join(text_of(site_dir, slug).split())


def paragraphs(site_dir, slug) -> list[str]:
    """The text of each paragraph, list item and table cell of a page's guide body, on one line."""
    root = tree(page_file(site_dir, slug).read_text(encoding="utf-8"))
    body = next((n for n in root.iter("div") if n.has_class("guide-body")), root)
    return [" ".join(n.text().replace("\u2019", "'").split()) for n in body.iter()
            if n.tag in ("p", "li", "td", "th", "dd", "caption")]


# --- the process data: dated versions, like the rule data --------------------------------------------------

def test_every_process_fact_is_a_list_of_dated_sourced_versions():
    from cec_site.tables import process_data

    data = process_data()
    assert "versions" in data["about"] and "never edit an old one" in data["about"]
    problems = []
    for name, fact in data["facts"].items():
        if set(fact) != {"title", "unit", "versions"} or not fact["versions"]:
            problems.append(f"{name}: keys {sorted(fact)}")
            continue
        starts = [v["effective_from"] for v in fact["versions"]]
        dated = [s for s in starts if s is not None]
        if starts[:len(starts) - len(dated)] != [None] * (len(starts) - len(dated)) or dated != sorted(set(dated)):
            problems.append(f"{name}: versions out of order {starts}")
        for v in fact["versions"]:
            where = f"{name} from {v['effective_from']}"
            if set(v) != {"effective_from", "value", "sources", "last_verified", "confidence", "note"}:
                problems.append(f"{where}: keys {sorted(v)}")
            if v["confidence"] not in LABELS:
                problems.append(f"{where}: confidence {v['confidence']!r}")
            if not re.fullmatch(r"\d{4}-\d{2}-\d{2}", v["last_verified"]):
                problems.append(f"{where}: last_verified {v['last_verified']!r}")
            host = v["sources"][0].split("://", 1)[-1].split("/", 1)[0] if v["sources"] else ""
            if not any(host == h or host.endswith("." + h) for h in OFFICIAL):
                problems.append(f"{where}: the first source is not an official page: {v['sources'][:1]}")
            if v["confidence"] != "official" and not v["note"]:
                problems.append(f"{where}: a {v['confidence']} value needs a note")
            if v["value"] is None and v["confidence"] != "uncertain":
                problems.append(f"{where}: a value that was not found must be labelled uncertain")
    assert not problems, "\n".join(problems)


def test_the_old_medical_and_fee_facts_are_replaced_by_versions():
    data = P()
    for gone in ("medical_upfront_ended", "medical_reported_change", "fee_2024_processing_principal", "fee_2024_rprf",
                 "fee_2026_rprf_reported", "fee_2026_processing_pnp_reported"):
        assert gone not in data and gone not in data["history"], gone


def test_process_values_quote_the_version_in_force_on_the_verification_date():
    from cec_site.tables import process_data, process_data_verified

    p = P()
    assert p["on"] == process_data_verified(process_data())
    assert p["on"] == min(v["last_verified"] for f in process_data()["facts"].values() for v in f["versions"])
    # A fact with one undated version: no _from; a dated one: its date, as the guides print it.
    assert p["ita_days"] == "60" and p["ita_days_from"] == "29 June 2021"  # completeness-check instructions
    assert "profile_validity_months_from" not in p
    # History lists every version, oldest first, and marks the one in force.
    history = p["history"]["fee_rprf"]
    assert [h["effective_from"] for h in history] == ["2024-04-30", "2026-04-30"]
    assert [h["in_force"] for h in history] == [False, True]
    assert history[0]["until_long"] == "29 April 2026" and history[0]["period"] == "30 April 2024 to 29 April 2026"
    # P.all lists every version of every fact (the sources page).
    assert len(p["all"]) == sum(len(v) for v in p["history"].values())


# --- the medical exam -----------------------------------------------------------------------------------------

def test_medical_exam_timing_on_each_side_of_21_august_2025():
    # IRCC completeness-check instructions (2023 text): "As of October 1, 2023, upfront medical examinations are no
    # longer required at the time of application for Express Entry."
    assert P("2025-08-20")["medical_exam_timing"] == "not needed before submitting"
    assert P("2025-08-20")["medical_exam_timing_from"] == "1 October 2023"
    assert P("2025-08-20")["medical_exam_timing_confidence"] == "official"
    # IRCC notice of 12 August 2025 as reported (immigratic.com, sehliglobal.ca, visajobscanada.com ...): from
    # 21 August 2025, do the exam after the invitation and upload proof with the e-APR. Cross-checked.
    assert P("2025-08-21")["medical_exam_timing"] == "needed before submitting"
    assert P("2025-08-21")["medical_exam_timing_from"] == "21 August 2025"
    assert P("2025-08-21")["medical_exam_timing_confidence"] == "cross-checked"


def test_missing_medical_exam_may_be_rejected_from_21_october_2025():
    # Immigratic, 21 October 2025 (and immigcanada, visaverge, effizient): "applications received on or after
    # October 21, 2025, without an IME may be rejected". "May", not "will".
    assert P("2025-10-20")["medical_exam_missing"] == "not rejected as incomplete during a transition period"
    assert P("2025-10-21")["medical_exam_missing"] == "may be rejected as incomplete"
    assert P("2025-10-21")["medical_exam_missing_confidence"] == "cross-checked"
    assert P("2025-08-20")["medical_exam_missing"] == "not rejected as incomplete"  # 2023 text: "should not reject"


def test_the_guides_give_the_2025_medical_practice_as_current(site_dir):
    ee = flat(site_dir, "express-entry")
    assert "Book the exam as soon as you are invited, and do it before you submit." in ee
    assert "Since 21 August 2025, Express Entry applicants do the medical exam after the invitation" in ee
    assert "An application IRCC receives from 21 October 2025 without that proof may be rejected as incomplete" in ee
    assert "both dates are cross-checked" in ee
    # The 2023 rule is kept, as history, with its dates.
    assert "The old rule. From 1 October 2023 to 20 August 2025, IRCC's instructions said" in ee
    # Only one uncertain box about the medical exam, and it is about the exact completeness wording.
    root = tree(page_file(site_dir, "express-entry").read_text(encoding="utf-8"))
    boxes = [n.text() for n in root.iter("div") if n.has_class("uncertain") and "medical" in n.text().lower()]
    assert len(boxes) == 1 and boxes[0].startswith("Not confirmed: the exact completeness rule."), boxes
    for slug in ("student-pathway", "worker-pathway"):
        text = flat(site_dir, slug)
        assert "Since 21 August 2025" in text and "received from 21 October 2025 without proof of it may be rejected" \
            " as incomplete" in text, slug
        assert "cross-checked" in text, slug
        assert "done after the invitation and before you submit" in text, slug  # the printable checklist


STALE_MEDICAL = [
    "no longer do the medical exam upfront",
    "Many unofficial sources report that IRCC changed this",
    "Not confirmed: medical exam before or after you submit",
    "Check IRCC's current instructions for the medical exam",
    "Medical exam, when and as IRCC instructs",
    "see the note below on when",
    "if IRCC's current instructions ask for it at this stage",
]


@pytest.mark.parametrize("slug", OWNED)
def test_no_guide_presents_the_2023_medical_rule_as_current(site_dir, slug):
    text = flat(site_dir, slug)
    assert not [s for s in STALE_MEDICAL if s in text]
    for sentence in (s for block in paragraphs(site_dir, slug) for s in sentences(block)):
        if "www." in sentence or sentence.startswith("Source:"):
            continue  # a list of source addresses
        old_rule = re.search(r"\bupfront\b|IRCC's request after applying", sentence)
        if old_rule and "medical" not in sentence.lower() and "exam" not in sentence.lower():
            continue
        if old_rule:  # the 2023 rule may only appear with its end date or as out of date
            assert re.search(r"20 August 2025|out of date", sentence), sentence


# --- fees -------------------------------------------------------------------------------------------------------

def test_fees_on_each_side_of_30_april_2026():
    before, after = P("2026-04-29"), P("2026-04-30")
    # IRCC 2024 fee notice as reproduced (nairametrics 2024-04-04, weeklyvoice): RPRF $575, principal $950,
    # spouse $950, child $260, from 30 April 2024.
    assert (before["raw"]["fee_rprf"], before["raw"]["fee_processing_principal"],
            before["raw"]["fee_processing_spouse"], before["raw"]["fee_processing_child"]) == (575, 950, 950, 260)
    assert before["fee_rprf_from"] == "30 April 2024" and before["fee_rprf_confidence"] == "cross-checked"
    # Ansari Immigration (28 April 2026) quoting IRCC's notice of 27 March 2026: RPRF $575 -> $600; "Provincial
    # Nominee Program principal applicant" $950 -> $990. No spouse or child amounts: not found (None).
    assert (after["raw"]["fee_rprf"], after["raw"]["fee_processing_principal"]) == (600, 990)
    assert after["raw"]["fee_processing_spouse"] is None and after["raw"]["fee_processing_child"] is None
    assert after["fee_processing_spouse"] == "not found"
    assert after["fee_rprf_from"] == "30 April 2026"
    assert (after["fee_rprf_confidence"], after["fee_processing_principal_confidence"],
            after["fee_processing_spouse_confidence"]) == ("secondary", "secondary", "uncertain")


def test_the_fees_section_leads_with_the_2026_amounts_and_keeps_2024_as_history(site_dir):
    text = flat(site_dir, "express-entry")
    fees = text[text.index("Fees IRCC raised"):text.index("Check your own case Check your own case")]
    assert "applications received on or after 30 April 2026" in fees
    assert fees.index("$990") < fees.index("Earlier fees") < fees.index("Processing fee: principal applicant $950")
    assert "Processing fee: principal applicant $990 Reported by a law firm for the Provincial Nominee Program line, " \
           "which the CEC and FSW have shared; not confirmed on IRCC's fee list" in fees
    assert "(RPRF): principal applicant and spouse or partner (each) $600 Reported by a law firm, not confirmed on " \
           "IRCC's fee list" in fees
    assert "Processing fee: spouse or partner not found We found no amount" in fees
    assert "Processing fee: each dependent child not found We found no amount" in fees
    # Our arithmetic, labelled as such and as resting on the reported $990: 990 + 600 + 85 = 1,675.
    assert "$990 + $600 + $85 = $1,675. This total is our own arithmetic, not an IRCC figure, and it rests on the " \
           "reported $990" in fees
    # The 2024 table, dated as history: 950 + 575 + 85 = 1,610.
    assert "For applications received from 30 April 2024 to 29 April 2026" in fees
    assert "$950 + $575 + $85 = $1,610 (our arithmetic)" in fees
    assert "IRCC gave their period as April 2024 to March 2026" not in fees


# --- settlement funds --------------------------------------------------------------------------------------------

# IRCC's tables as reproduced by several independent sources (research/facts-2026.md section 3):
# from 28 May 2024: pelicanmigration.com, royalcanadianimmigration.com, parsis.ca; from 7 July 2025:
# businesstoday.in (2025-07-09), tribuneonlineng.com, cadimmigration.com.
FUNDS_2024 = [("1 person", 14690), ("2 people", 18288), ("3 people", 22483), ("4 people", 27297), ("5 people", 30690),
              ("6 people", 34917), ("7 people", 38875), ("Each additional person, beyond 7", 3958)]
FUNDS_2025 = [("1 person", 15263), ("2 people", 19001), ("3 people", 23360), ("4 people", 28362), ("5 people", 32168),
              ("6 people", 36280), ("7 people", 40392), ("Each additional person, beyond 7", 4112)]


FundsChecker = Checker  # the comparison of settlement_funds.amounts tables lives in test_guides.Checker


def funds_tables(site_dir, slug="express-entry"):
    root = tree(page_file(site_dir, slug).read_text(encoding="utf-8"))
    return [Table(t) for t in root.iter("table") if t.attrs.get("data-rule") == "settlement_funds.amounts"]


def test_the_funds_tables_show_the_transcribed_2024_and_2025_amounts(site_dir):
    tables = {t.caption: t for t in funds_tables(site_dir)}
    current = next(t for c, t in tables.items() if c.endswith("(from 7 July 2025)"))
    earlier = next(t for c, t in tables.items() if c.endswith("(from 28 May 2024 to 6 July 2025)"))
    assert len(tables) == 2
    for table, expected in ((current, FUNDS_2025), (earlier, FUNDS_2024)):
        assert [(label, numbers(cells[0])[0]) for label, cells in table.rows] == expected
    assert earlier.on == "2024-05-28"


def test_every_funds_table_on_the_site_matches_the_rule_data(site_dir, rule_tables):
    from sitecheck import english_pages

    problems, seen = [], 0
    for page in english_pages(site_dir):
        root = tree(page.read_text(encoding="utf-8"))
        for node in root.iter("table"):
            if node.attrs.get("data-rule") == "settlement_funds.amounts":
                seen += 1
                problems += FundsChecker(rule_tables, Table(node), page.parent.name).run().problems
    assert seen >= 2 and not problems, "\n".join(problems)


def test_the_funds_comparison_catches_a_changed_cell(rule_tables):
    from cec_site.tables import RuleTables

    html = str(RuleTables(rule_tables, "2026-11-25")("settlement_funds"))
    for old, new in (("$23,360", "$23,063"), ("$4,112", "$4,111")):
        assert old in html
        table = Table(next(tree(html.replace(old, new)).iter("table")))
        assert FundsChecker(rule_tables, table, "tampered").run().problems, f"{old} -> {new} went unnoticed"


def test_the_funds_section_says_who_counts_and_that_the_table_may_be_stale(site_dir):
    text = flat(site_dir, "express-entry")
    section = text[text.index("Proof of settlement funds The FSW"):text.index("Federal Skilled Trades Program 3,120")]
    # IRCC's proof-of-funds page as reproduced: "yourself, your spouse or partner, your dependent children and your
    # spouse's dependent children ... even if ... permanent residents or Canadian citizens ... not coming with you".
    for words in ("you, your spouse or partner, your dependent children and your spouse's dependent children",
                  "not coming to Canada with you", "already a Canadian citizen or permanent resident",
                  "unless you are authorized to work in Canada and have a valid job offer", "The CEC never asks for it",
                  "between May and July", "we found none for 2026", "do not rise by the same step"):
        assert words in section, words


@pytest.mark.parametrize("slug", OWNED)
def test_no_guide_tells_readers_to_add_a_fixed_amount_per_child(site_dir, slug):
    text = flat(site_dir, slug)
    assert not re.search(r"add \$?[\d,]+ (?:for )?(?:each|every|per) (?:dependent )?(?:child|person|family member)",
                         text, re.I)
    assert "how much to add for each child" not in text


# --- the CRS after 3 November 2026 ---------------------------------------------------------------------------------

FLAT_OFFER = re.compile(r"\bjob offers?\b[^.]*\b(?:no|not)\b[^.]*\b(?:points?|ranking)\b|"
                        r"\b(?:no|not)\b[^.]*\bpoints?\b[^.]*\bjob offers?\b", re.I)


@pytest.mark.parametrize("slug", OWNED)
def test_every_no_points_for_a_job_offer_statement_names_its_grid(site_dir, slug):
    problems = []
    for block in paragraphs(site_dir, slug):
        for sentence in sentences(block):
            if FLAT_OFFER.search(sentence) and not re.search(r"\bFSW\b|Federal Skilled Worker|selection grid", sentence):
                if not re.search(r"grid", sentence) and not sentence.startswith("Before"):
                    problems.append(f"no grid named: {sentence}")
                elif "3 November 2026" not in block:  # the reported factor is mentioned with it
                    problems.append(f"the reported 3 November 2026 factor is not mentioned next to: {sentence}")
    assert not problems, "\n".join(problems)


def test_the_grid_wording_is_in_the_cec_and_crs_guides(site_dir):
    cec = flat(site_dir, "canadian-experience-class")
    assert ("Under the CRS grid in force from 25 March 2025 (the last one we could confirm), a job offer also adds no "
            "ranking points. A high-wage-occupation factor reported from 3 November 2026 may give points again to "
            "offers or Canadian work in listed occupations; that is not confirmed") in cec
    crs = flat(site_dir, "crs")
    assert "Job offers, under the grid in force from 25 March 2025." in crs
    assert "may be wrong in either direction" in crs
    assert "Maya" in crs and "Example 1: a single candidate" in crs  # the worked examples keep their grid label


# --- FSW and work while studying ---------------------------------------------------------------------------------

def test_fsw_student_work_follows_the_help_centre(site_dir):
    # IRCC Help Centre qnum 394: student work "counts towards the minimum requirements for the Federal Skilled
    # Worker Program if the work" is paid, continuous, meets the other requirements; "includes co-op terms";
    # "doesn't count towards the minimum requirements for the Canadian Experience Class or Federal Skilled Trades";
    # Canadian work as a full-time student "doesn't count towards the score".
    root = tree(page_file(site_dir, "express-entry").read_text(encoding="utf-8"))
    assert any("qnum=394" in (a.attrs.get("href") or "") for a in root.iter("a"))
    text = flat(site_dir, "express-entry")
    for words in ("counts toward the FSW's one-year minimum if it was paid, continuous and meets the program's other "
                  "requirements", "co-op terms and apprenticeships are included",
                  "student work never counts toward the minimum of the CEC or the FST",
                  "earns no CRS points for Canadian experience"):
        assert words in text, words
    student = flat(site_dir, "student-pathway")
    assert "paid, continuous student work, co-op terms included, counts toward its one-year minimum" in student


# --- remote work -----------------------------------------------------------------------------------------------------

def test_remote_work_counts_if_done_in_canada_with_authorization(site_dir):
    root = tree(page_file(site_dir, "canadian-experience-class").read_text(encoding="utf-8"))
    rows = {cells[0]: cells[1:] for t in root.iter("table") for _, cells in Table(t).rows if cells}
    # IRPR 87.1(2)(a): experience "acquired in Canada"; nothing on the employer's location.
    assert rows["Remote work"] == ["Only the work you did while physically in Canada, with authorization; the "
                                   "employer may be in Canada or abroad"]
    text = flat(site_dir, "canadian-experience-class")
    assert "section-87.1" in page_file(site_dir, "canadian-experience-class").read_text(encoding="utf-8")
    assert "as foreign experience for CRS points is disputed, and we do not suggest it" in text
    for slug in OWNED:
        assert "for a Canadian employer" not in flat(site_dir, slug), slug


# --- PGWP and the language tests ---------------------------------------------------------------------------------------

def test_pgwp_facts_on_each_side_of_their_dates():
    # Fragomen (Mondaq, 2024-10-08): from 1 November 2024, CLB/NCLC 7 for university graduates, 5 for college.
    assert "pgwp_language_university" not in P("2024-10-31") and P("2024-11-01")["pgwp_language_university"] == "7"
    assert P("2024-11-01")["pgwp_language_college"] == "5"
    # Live Mint via MENAFN (2026-01-18): IRCC website update of 15 January 2026, 1,107 programs, unchanged in 2026.
    assert "pgwp_field_list_programs" not in P("2026-01-14")
    assert P("2026-01-15")["pgwp_field_list_programs"] == "1,107"


def test_the_student_pathway_states_the_pgwp_rules_and_the_test_tip(site_dir):
    text = flat(site_dir, "student-pathway")
    for words in ("For PGWP applications from 1 November 2024, you need a language test result of at least CLB/NCLC 7 "
                  "in all four abilities if you graduate from a university, or CLB/NCLC 5 from a college",
                  "you applied for your study permit on or after 1 November 2024, it must also be in a field of study",
                  "IRCC reportedly said on 15 January 2026 that the list (1,107 programs) would not change in 2026",
                  "Your PGWP test can serve twice: an IELTS General Training, CELPIP-General or PTE Core result",
                  "if it is still less than 2 years old on the day you submit"):
        assert words in text, words
    assert "some graduates also need a language test result" not in text


def test_the_language_tests_guide_on_one_skill_retake_and_toefl_essentials(site_dir):
    text = flat(site_dir, "language-tests")
    assert "IELTS One Skill Retake. It is not among the tests IRCC lists for Express Entry." in text
    assert "Economic Mobility Pathways Pilot" not in text
    # ETS, 21 August 2025 (businesstoday.in, livemint, indiatoday): designation; IRCC not yet accepting results.
    assert P()["toefl_essentials_designated"] == "21 August 2025"
    assert "TOEFL Essentials by IRCC was announced on 21 August 2025" in text and "We found no start date" in text


# --- the 2026 categories ----------------------------------------------------------------------------------------------

def test_category_experience_rule_on_each_side_of_18_february_2026():
    # Financial Express copy of the canada.ca category page (2026-03-08): "As of February 18, 2026 ... at least 12
    # months of work experience in an eligible occupation within the last three years ... does not need to be
    # continuous; a shift from the previous requirement of six months of continuous work experience."
    before, after = P("2026-02-17"), P("2026-02-18")
    assert (before["category_experience_months"], before["category_experience_continuous"]) == ("6", "continuous")
    assert (after["category_experience_months"], after["category_experience_continuous"]) == (
        "12", "not necessarily continuous")
    assert after["category_window_years"] == "3" and after["category_french_nclc"] == "7"
    assert after["categories_2026_announced"] == "18 February 2026"
    assert after["categories_2026_announced_confidence"] == "official"  # IRCC news release, newswire.ca


def test_the_express_entry_guide_gives_the_2026_categories_and_their_rule(site_dir):
    text = flat(site_dir, "express-entry")
    for words in ("IRCC announced the 2026 categories on 18 February 2026",
                  "French-language proficiency: NCLC 7 or higher in all four abilities",
                  "healthcare and social services; science, technology, engineering and math (STEM); trades; "
                  "education; transport", "Occupations that need Canadian work experience: physicians, researchers "
                  "and senior managers", "Skilled military recruits", "Agriculture and agri-food is no longer a category",
                  "at least 12 months of full-time work (or the same amount part time) in one occupation on the "
                  "category's list, within the last 3 years. The months need not be continuous",
                  "before that, 6 months of continuous work were enough",
                  "So a worker with 6 to 11 months in a listed occupation no longer qualifies for its category",
                  "there was no round for STEM, education or researchers",
                  "known to us only from unofficial transcriptions"):
        assert words in text, words
    root = tree(page_file(site_dir, "express-entry").read_text(encoding="utf-8"))
    assert any((a.attrs.get("href") or "").endswith("/rounds-invitations/category-based-selection.html")
               for a in root.iter("a"))
    worker = flat(site_dir, "worker-pathway")
    assert "With 6 to 11 months in that occupation you do not qualify for its category" in worker


def test_no_2026_round_for_stem_education_or_researchers_in_the_data(site_dir):
    """The Express Entry guide says so for the rounds from 18 February 2026 to the newest one: when `make rounds`
    adds such a round, this fails and the sentence must change."""
    _, end = data_window()
    held = [r for r in csv_rounds() if "2026-02-18" <= r["date"] <= end
            and re.search(r"STEM|Education|Research", r["round_type"], re.I)]
    assert held == []
    assert f"In IRCC's rounds from 18 February 2026 to {long_date(end)}" in flat(site_dir, "express-entry")


# --- rounds: every range names its dates -------------------------------------------------------------------------------

@pytest.mark.parametrize("slug", OWNED)
def test_cut_off_ranges_name_the_dates_of_the_rounds(site_dir, slug):
    text = flat(site_dir, slug)
    assert not re.search(r"\b12 months to\b|\bmonths to \d", text), slug


def test_the_cec_guide_names_the_rounds_window_and_warns(site_dir):
    start, end = data_window()  # the 365 days ending on the newest round in the CSV (computed in test_guides)
    cec = [int(r["min_crs"]) for r in csv_rounds()
           if r["round_type"] == "Canadian Experience Class" and start <= r["date"] <= end]
    text = flat(site_dir, "canadian-experience-class")
    assert (f"In IRCC's rounds from {long_date(start)} to {long_date(end)} (the newest round in our data), the lowest "
            f"score invited in CEC-only rounds ranged from {min(cec)} to {max(cec)}. Our data may be out of date, and "
            f"cut-offs after 3 November 2026 may not compare with earlier ones") in text
    crs = flat(site_dir, "crs")
    assert f"rounds from {long_date(start)} to {long_date(end)}, the newest round in our data (the lowest was " \
           f"{min(cec)};" in crs


# --- the sources page and the templates ----------------------------------------------------------------------------------

def test_the_sources_page_lists_every_version_of_every_process_fact(site_dir):
    root = tree(page_file(site_dir, "sources").read_text(encoding="utf-8"))
    table = next(n for n in root.iter("table") if n.has_class("process-table"))
    rows = [tr for tr in table.iter("tr") if tr.attrs.get("data-fact")]
    assert len(rows) == len(P()["all"])
    medical = [Table(table).rows[i] for i, tr in enumerate(rows) if tr.attrs["data-fact"] == "medical_exam_timing"]
    assert [cells[:2] for _, cells in medical] == [
        ["not needed before submitting", "1 October 2023 to 20 August 2025 (earlier)"],
        ["needed before submitting", "from 21 August 2025 (the one the guides quote)"]]
    text = flat(site_dir, "sources")
    assert "Unless it has your family size, the checker counts only you and your spouse or partner" in text
    assert "how much to add for each child" not in text


def test_no_guide_uses_a_process_or_rule_value_that_does_not_exist():
    """Jinja prints an unknown name as nothing, so a renamed fact would silently leave a gap in a sentence."""
    from cec_site.site_data import load_rule_files, rules_last_verified
    from cec_site.tables import guide_values

    tables = load_rule_files()
    p, r = P(), guide_values(tables, rules_last_verified(tables))
    problems = []
    for page in sorted((ROOT / "content" / "pages").glob("*.md")):
        source = page.read_text(encoding="utf-8")
        for m in re.finditer(r"\bP\.(\w+)(?:\.(\w+))?", source):
            name, sub = m.groups()
            if name in ("history", "raw") and sub and sub not in p[name]:
                problems.append(f"{page.name}: {m.group(0)}")
            elif name not in p:
                problems.append(f"{page.name}: {m.group(0)}")
        problems += [f"{page.name}: R.{n}" for n in re.findall(r"\bR\.(\w+)", source) if n not in r]
    assert not problems, "\n".join(problems)
