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


def test_the_timeline_places_each_date_in_exact_tenths():
    # The axis runs from x=14 (the date assessed) to x=426 (the last event). 2028-11-10 is 657 of the
    # 720 days from 2027-01-23 to 2029-01-12: 14 + 412 * 657 / 720 = 389.95 exactly, drawn at 390.0 (half
    # up). "%.1f" of the float gave 389.9 under CPython and 390.0 under Brython.
    result = {"as_of": "2027-01-23", "timeline": [{"date": "2028-11-10", "warning": False},
                                                  {"date": "2029-01-12", "warning": True}]}
    svg = render.timeline_svg(W, result)
    assert '<line x1="14.0" y1="30" x2="14.0" y2="62" class="tl-now"/>' in svg
    assert '<circle cx="390.0" cy="46" r="6" class="tl-mark"/>' in svg
    assert '<path d="M426.0 38 L418.0 54 L434.0 54 Z" class="tl-mark warning"/>' in svg
