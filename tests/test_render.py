"""The result as HTML (checker/page/render.py): escaped, complete, and faithful to the result document."""
from __future__ import annotations

from checker.cli import default_words
from checker.page import render
from helpers import answers, assess, job

W = default_words("en")


def test_view_shows_the_result_hooks_and_escapes_what_people_type():
    doc = answers(jobs=[job(start="2024-06-03", title='<script>alert("x")</script>')])
    result = assess(doc)
    view = render.view(W, result, doc, "2026-11-25", {"rounds": "/rounds/"}, {})
    assert view["hooks"]["crs-total"] == (str(result["crs"]["total"]), None)
    assert view["hooks"]["cec-eligible"][1] == "yes"
    assert view["announce"].startswith("You meet the CEC requirements") and str(result["crs"]["total"]) in view["announce"]
    summary = render.answers_summary_html(W, doc, "2026-11-25", {})
    assert "<script>" not in summary and "&lt;script&gt;" in summary
    for html in view["html"].values():
        assert "<script" not in html


def test_every_condition_and_source_is_shown():
    result = assess(answers(intended_province="QC"))
    html = render.conditions_html(W, result["cec"]["conditions"])
    assert html.count("<li") == len(result["cec"]["conditions"])
    assert "Not met" in html and "canada.ca" in html


def test_formatting():
    assert W.hours(1560.0) == "1,560" and W.hours(1234.5) == "1,234" and W.hours(761.99) == "761"  # whole, rounded down
    assert W.date("2026-11-03") == "3 November 2026"
    assert render.esc('a<b & "c"') == "a&lt;b &amp; &quot;c&quot;"
