"""Parity: the rule cases of this test suite give the same result under Brython as under CPython.

Every answers document the rule tests assessed (recorded by helpers.assess) is
sent to the checker engine exactly as the page runs it, in a Brython web worker
with the site's own bundle and worker glue, and the reply is compared with what
checker.page.service returns on CPython. So is what the page shows for them: a
snapshot of the form filled with each case (up to MAX_FORM_CASES), turned into
the answers and the page's view by checker.page.view in the same worker. When this
file runs alone, a fixed set of scenario documents is used instead.
"""
from __future__ import annotations

import html
import json
import re

import pytest
from playwright.sync_api import Page

import helpers
from checker.page.service import Service
from checker.cli import read_catalog
from plugins_path import load_rounds
from test_form import FakeForm

pytestmark = pytest.mark.parity

MAX_CASES = 700
MAX_FORM_CASES = 200
PAGE_DATA = ("rules-data", "rounds-data", "words-data", "pool-data", "page-data")  # what the page sends its engine


def _json_safe(doc) -> bool:
    """Cases a browser can receive as JSON (a test of NaN input is CPython-only)."""
    try:
        json.dumps(doc, allow_nan=False)
    except ValueError:
        return False
    return True


def corpus() -> list[dict]:
    docs = [d for d in helpers.RECORDED.values() if _json_safe(d)]
    if not docs:  # run on its own: a small fixed corpus
        docs = [helpers.answers(), helpers.answers(spouse={"accompanying": True, "citizen_or_pr": False,
                                                           "education_level": "masters", "language": helpers.celpip(8),
                                                           "canadian_work_years": 2}),
                helpers.answers(languages=[helpers.celpip(6)], jobs=[helpers.job(start="2026-03-02", teer=3)]),
                helpers.answers(intended_province="QC"), {"jobs": "x"}]
    if len(docs) > MAX_CASES:  # keep every k-th, deterministically
        step = len(docs) / MAX_CASES
        docs = [docs[int(i * step)] for i in range(MAX_CASES)]
    return [TIE] + docs


# A timeline mark exactly half-way between two tenths (389.95: see tests/test_render.py), which Brython
# and CPython once drew differently; first, so that it is among the form cases too.
TIE = helpers.answers(as_of="2027-01-23", birth_date="1998-11-10", jobs=[], languages=[helpers.ielts(date="2027-01-12")])


def normalise(value):
    """JSON as either runtime prints it: Brython has no separate float type for 2.0."""
    if isinstance(value, float) and value == int(value):
        return int(value)
    if isinstance(value, dict):
        return {k: normalise(v) for k, v in value.items() if k != "ms"}
    if isinstance(value, list):
        return [normalise(v) for v in value]
    return value


def first_difference(a, b, path="$"):
    if type(a) is not type(b):
        return f"{path}: {a!r} != {b!r}"
    if isinstance(a, dict):
        for k in sorted(set(a) | set(b)):
            if k not in a or k not in b:
                return f"{path}.{k}: only on one side"
            d = first_difference(a[k], b[k], f"{path}.{k}")
            if d:
                return d
        return None
    if isinstance(a, list):
        if len(a) != len(b):
            return f"{path}: {len(a)} items != {len(b)}"
        for i, (x, y) in enumerate(zip(a, b)):
            d = first_difference(x, y, f"{path}[{i}]")
            if d:
                return d
        return None
    return None if a == b else f"{path}: {a!r} (Brython) != {b!r} (CPython)"


def messages(docs) -> list[dict]:
    """An "assess" message for every case, and a "form" message (a snapshot of the page's form filled
    with the case, as checker/page/ui.py sends it) for every case the form can hold."""
    out = [{"type": "assess", "id": i, "answers": doc, "today": helpers.TODAY} for i, doc in enumerate(docs)]
    for doc in docs[:MAX_FORM_CASES]:
        try:
            snapshot = FakeForm().fill(doc).snapshot()
        except (AttributeError, TypeError, KeyError, IndexError, ValueError):
            continue  # not a document the form could have produced
        shared = len(out) % 2 == 0  # as from a shared link (every error shown), or as typed (errors on fields left)
        out.append({"type": "form", "id": len(out), "form": snapshot, "today": helpers.TODAY,
                    "touched": [] if shared else sorted(snapshot["values"])[::3], "show_all": shared,
                    "rounds_guide": "/rounds/"})
    return out


ENGLISH_PAGE, FRENCH_PAGE = "checker/index.html", "fr/verificateur/index.html"


def page_blocks(site_dir, checker_page=ENGLISH_PAGE) -> dict:
    """The JSON blocks the checker page hands its engine, as the page holds them."""
    checker_html = (site_dir / checker_page).read_text(encoding="utf-8")
    blocks = {}
    for ident in PAGE_DATA:
        m = re.search(r'<script type="application/json" id="%s">(.*?)</script>' % ident, checker_html, re.S)
        blocks[ident] = m.group(1)
    return blocks


def parity_page(site_dir, cases, checker_page=ENGLISH_PAGE) -> str:
    checker_html = (site_dir / checker_page).read_text(encoding="utf-8")
    blocks = page_blocks(site_dir, checker_page)
    glue = re.search(r'(<script type="text/python" class="webworker" id="checker-engine">.*?</script>)', checker_html, re.S)
    data = json.dumps(cases).replace("</", "<\\/")
    return f"""<!doctype html><html lang="en"><head><meta charset="utf-8"><title>parity</title><link rel="icon" href="data:,">
<brython-options cache="true"></brython-options>
<script src="js/brython.js" defer></script><script src="js/brython_modules.js" defer></script></head><body>
<script type="application/json" id="rules-data">{blocks["rules-data"]}</script>
<script type="application/json" id="rounds-data">{blocks["rounds-data"]}</script>
<script type="application/json" id="words-data">{blocks["words-data"]}</script>
<script type="application/json" id="pool-data">{blocks["pool-data"]}</script>
<script type="application/json" id="page-data">{blocks["page-data"]}</script>
<script type="application/json" id="cases">{data}</script>
<pre id="out"></pre>
{glue.group(1)}
<script type="text/python">
from browser import document, window, worker
import javascript
cases = javascript.JSON.parse(document["cases"].text)
replies = []
W = {{}}

def send_next():
    i = len(replies)
    if i == len(cases):
        document["out"].text = javascript.JSON.stringify(replies)
        document.documentElement.setAttribute("data-done", "true")
        return
    W["w"].send(cases[i])

def on_message(ev):
    data = ev.data
    if data.get("step") == "suggestions":  # a form's second message: its view completes the first's
        for part, values in data["view"].items():
            replies[-1]["view"][part].update(values)
        del replies[-1]["more"]
    elif data["type"] != "ready":
        replies.append(data)
        if data.get("more"):
            return  # the suggestions follow
    send_next()

def on_ready(w):
    W["w"] = w
    w.send({{"type": "init", "rules": document["rules-data"].text, "rounds": document["rounds-data"].text,
             "words": document["words-data"].text, "pool": document["pool-data"].text,
             "page": document["page-data"].text}})

worker.create_worker("checker-engine", on_ready, on_message)
</script></body></html>"""


def replay(page: Page, site_dir, rule_tables, cases, lang="en") -> tuple[list, list]:
    """(mismatches, Brython's replies): the cases run in a Brython worker with the checker page's data in
    ``lang``, against checker.page.service on CPython with the same data."""
    checker_page = FRENCH_PAGE if lang == "fr" else ENGLISH_PAGE
    name = "_parity_%s.html" % lang
    (site_dir / name).write_text(parity_page(site_dir, cases, checker_page), encoding="utf-8")
    page.goto("/" + name)
    page.wait_for_selector("html[data-done]", state="attached", timeout=240_000)
    brython = json.loads(page.text_content("#out"))
    blocks = page_blocks(site_dir, checker_page)
    page_data, pool = json.loads(blocks["page-data"]), json.loads(blocks["pool-data"])
    service = Service(rule_tables, load_rounds(), read_catalog(lang), pool, page_data["links"], page_data["labels"])
    mismatches = []
    for i, message in enumerate(cases):
        expected = normalise(json.loads(json.dumps(service.handle(message))))
        got = normalise(brython[i]) if i < len(brython) else None
        if got != expected:
            mismatches.append(f"case {i} ({message['type']}): {first_difference(got, expected)}\n"
                              f"    message: {json.dumps(message)[:300]}")
    return mismatches, brython


def test_every_rule_case_gives_the_same_result_under_brython(page: Page, site_dir, rule_tables, console):
    cases = messages(corpus())
    mismatches, brython = replay(page, site_dir, rule_tables, cases)
    assert len(brython) == len(cases)
    assert not mismatches, f"{len(mismatches)} of {len(cases)} cases differ under Brython:\n" + "\n".join(mismatches[:10])
    forms = sum(1 for m in cases if m["type"] == "form")
    print(f"parity: {len(cases) - forms} assessments and {forms} form views identical under CPython and Brython")


def test_every_rule_case_gives_the_same_facts_in_french(rule_tables):
    """The CRS, verdicts, dates and hours of every rule case are the same with French texts (CPython)."""
    from checker import assess
    from checker.cli import default_words
    english, french = default_words("en"), default_words("fr")
    differ = []
    for doc in corpus():
        try:
            a = assess(doc, rule_tables, helpers.TODAY, words=english)
        except Exception as exc:  # a case the rules refuse is refused in both languages
            with pytest.raises(type(exc)):
                assess(doc, rule_tables, helpers.TODAY, words=french)
            continue
        b = assess(doc, rule_tables, helpers.TODAY, words=french)
        if helpers.facts(a) != helpers.facts(b):
            differ.append(first_difference(helpers.facts(b), helpers.facts(a)))
    assert not differ, f"{len(differ)} cases differ in French: {differ[:5]}"


def test_french_rule_cases_give_the_same_result_under_brython(page: Page, site_dir, rule_tables, console):
    """The French checker's engine under Brython: a quarter of the rule cases and their form views, with the
    French page's data, against CPython with the French catalog."""
    docs = corpus()
    cases = messages(docs[::4])
    mismatches, brython = replay(page, site_dir, rule_tables, cases, "fr")
    assert len(brython) == len(cases)
    assert not mismatches, f"{len(mismatches)} of {len(cases)} French cases differ under Brython:\n" + "\n".join(mismatches[:10])
    print(f"parity (fr): {len(cases)} French messages identical under CPython and Brython")
