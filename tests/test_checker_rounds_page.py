"""Which rounds can invite me: the checker page's category verdicts and round-type comparisons (the
hooks of contract §5), for the francophone of issue 11, checked against IRCC's rounds as published.

The expected counts are worked out here from content/data/express-entry-rounds.csv (IRCC's own figures,
see content/data/README.md) with the rule the page states: the 365 days ending on the earlier of the
assessment date and the newest round, a round counted when its cut-off is at or below the score.
"""
from __future__ import annotations

import csv
import datetime as dt

from playwright.sync_api import Page, expect

from conftest import ROOT
from test_checker_page import cli, open_checker, settled

AS_OF = "2026-11-25"
# A francophone CEC candidate: TEF Canada at NCLC 7 in all four abilities (from 11 December 2023:
# reading 434, writing 428, listening 434, speaking 456), IELTS as first language, 18 months of TEER 1 work.
FRANCOPHONE = {
    "as_of": AS_OF, "birth_date": "1994-03-02", "intended_province": "ON",
    "education": {"level": "bachelors", "canadian": "none"},
    "languages": [{"test": "tef_canada", "test_date": "2026-02-10", "reading": 440, "writing": 430,
                   "listening": 440, "speaking": 460},
                  {"test": "ielts_general", "test_date": "2026-01-15", "reading": 6.0, "writing": 6.0,
                   "listening": 6.0, "speaking": 6.0}],
    "jobs": [{"title": "Analyst", "noc": "21222", "teer": 1, "start": "2024-06-03", "end": None,
              "hours_per_week": 37.5, "in_canada": True, "paid": True, "authorized": True,
              "full_time_student": False, "self_employed": False}],
    "certificate_of_qualification": False, "provincial_nomination": False, "sibling_in_canada": False,
    "job_offer": None, "spouse": None,
}


def ircc_rounds():
    with (ROOT / "content" / "data" / "express-entry-rounds.csv").open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def expected(rounds, as_of, score, name_starts):
    end = min(as_of, max(r["date"] for r in rounds))
    start = (dt.date.fromisoformat(end) - dt.timedelta(days=364)).isoformat()
    mine = [r for r in rounds if start <= r["date"] <= end and r["round_type"].lower().startswith(name_starts)]
    return len(mine), sum(1 for r in mine if int(r["min_crs"]) <= score), start, end


def test_a_francophone_sees_french_rounds_beside_cec_rounds(page: Page, console):
    result = cli(FRANCOPHONE, AS_OF)
    french = next(c for c in result["categories"] if c["id"] == "french")
    assert result["cec"]["eligible"] is True and french["eligible"] is True
    score = result["crs"]["total"]

    open_checker(page, FRANCOPHONE)
    settled(page)
    expect(page.locator('[data-result="category-french"]')).to_have_attribute("data-value", "yes")
    rounds = ircc_rounds()
    for kind, name in (("french", "french-language proficiency"), ("cec", "canadian experience class")):
        n, at_or_below, start, end = expected(rounds, AS_OF, score, name)
        assert n > 0, f"no {kind} round in the data's last year"
        shown = page.locator(f'[data-result="rounds"][data-round-type="{kind}"]')
        expect(shown).to_have_count(1)
        assert (shown.get_attribute("data-rounds"), shown.get_attribute("data-at-or-above")) == \
            (str(n), str(at_or_below)), kind
        text = " ".join(shown.inner_text().split())
        for day in (start, end):  # the text names the window's dates
            d = dt.date.fromisoformat(day)
            assert f"{d.strftime('%B')} {d.day}, {d.year}" in text or f"{d.day} {d.strftime('%B')} {d.year}" in text, \
                (day, text)

    # The best chance first: no comparison lists a larger share of rounds at or below the score than the first.
    shares = [int(e.get_attribute("data-at-or-above")) / int(e.get_attribute("data-rounds"))
              for e in page.locator('[data-result="rounds"]').all() if int(e.get_attribute("data-rounds"))]
    assert shares == sorted(shares, reverse=True), shares
    # No PNP rounds without a nomination.
    expect(page.locator('[data-result="rounds"][data-round-type="pnp"]')).to_have_count(0)


def test_every_category_in_force_has_a_verdict_hook_matching_the_cli(page: Page, console):
    result = cli(FRANCOPHONE, AS_OF)
    open_checker(page, FRANCOPHONE)
    settled(page)
    word = {True: "yes", False: "no", None: "unknown"}
    for c in result["categories"]:
        hook = page.locator(f'[data-result="category-{c["id"]}"]')
        expect(hook).to_have_count(1)
        expect(hook).to_have_attribute("data-value", word[c["eligible"]])
