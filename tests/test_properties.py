"""Properties over generated answers: no crash, caps respected, monotonic, order-independent."""
from __future__ import annotations

import copy

from hypothesis import HealthCheck, assume, given, settings, strategies as st

from checker import assess as _assess, clb
from checker.assessment import assess_in_steps
from checker.cli import default_words
from helpers import TODAY, assess, rules
from strategies import ABILITIES, SCALES, answers_documents

SETTINGS = settings(max_examples=250, deadline=None, suppress_health_check=[HealthCheck.too_slow])


@SETTINGS
@given(answers_documents())
def test_no_exception_and_every_section_within_its_cap(doc):
    result = assess(doc)
    crs = result["crs"]
    with_spouse = crs["with_spouse"]
    assert 0 <= crs["core"] <= (460 if with_spouse else 500)
    assert 0 <= crs["spouse"] <= (40 if with_spouse else 0)
    assert 0 <= crs["transferability"] <= 100
    assert 0 <= crs["additional"] <= 600
    assert 0 <= crs["total"] <= 1200
    assert crs["total"] == crs["core"] + crs["spouse"] + crs["transferability"] + crs["additional"]
    assert result["cec"]["eligible"] in (True, False, None)
    assert result["cec"]["qualifying_hours"] >= 0
    if result["cec"]["eligible"] is True:
        assert result["cec"]["qualifying_hours"] >= 1560
    for s in result["suggestions"]:
        if s["new_total"] is None:  # advice: a route or a check, no change of points
            assert s["points_gained"] == 0 and s["changes"] == []
            continue
        assert s["points_gained"] > 0 or s["makes_cec_eligible"]
        assert s["new_total"] == crs["total"] + s["points_gained"]


@SETTINGS
@given(answers_documents(), st.data())
def test_more_clb_never_lowers_the_score(doc, data):
    assume(doc["languages"])
    before = assess(doc)
    i = data.draw(st.integers(0, len(doc["languages"]) - 1))
    result = doc["languages"][i]
    ability = data.draw(st.sampled_from(ABILITIES))
    scales, _ = SCALES[result["test"]]
    chart = clb.chart(rules(), result["test"], result["test_date"])
    lo, hi, step = chart["scale"][ability]["min"], chart["scale"][ability]["max"], chart["scale"][ability]["step"]
    assume(result[ability] < hi)
    better = copy.deepcopy(doc)
    steps_up = data.draw(st.integers(1, 40))
    value = min(hi, result[ability] + steps_up * step)
    better["languages"][i][ability] = float(value) if step != 1 else int(value)
    after = assess(better)
    assert after["crs"]["total"] >= before["crs"]["total"]
    if before["cec"]["eligible"] is True:
        assert after["cec"]["eligible"] is True


@SETTINGS
@given(answers_documents(), st.sampled_from([0, 1, 2, 3]), st.sampled_from([10, 20, 30, 40]), st.integers(0, 1500))
def test_more_qualifying_hours_never_turn_eligible_into_ineligible(doc, teer, hours, days_before):
    before = assess(doc)
    import datetime as dt
    start = (dt.date.fromisoformat(doc["as_of"]) - dt.timedelta(days=days_before)).isoformat()
    more = copy.deepcopy(doc)
    more["jobs"].append({"teer": teer, "start": start, "end": None, "hours_per_week": hours})
    after = assess(more)
    assert after["cec"]["qualifying_hours"] >= before["cec"]["qualifying_hours"]
    if before["cec"]["eligible"] is True:
        assert after["cec"]["eligible"] is True


@SETTINGS
@given(answers_documents(), st.randoms())
def test_the_result_does_not_depend_on_the_order_of_jobs(doc, rnd):
    assume(len(doc["jobs"]) > 1)
    shuffled = copy.deepcopy(doc)
    rnd.shuffle(shuffled["jobs"])
    a, b = assess(doc), assess(shuffled)
    for key in ("eligible", "qualifying_hours", "hours_teer_0_1", "hours_teer_2_3", "eligible_on"):
        assert a["cec"][key] == b["cec"][key], key
    assert [c["met"] for c in a["cec"]["conditions"]] == [c["met"] for c in b["cec"]["conditions"]]
    assert {k: a["crs"][k] for k in ("total", "core", "spouse", "transferability", "additional")} == \
        {k: b["crs"][k] for k in ("total", "core", "spouse", "transferability", "additional")}
    assert a["fsw"]["points"] == b["fsw"]["points"] and a["fsw"]["eligible"] == b["fsw"]["eligible"]
    assert a["fst"]["eligible"] == b["fst"]["eligible"]
    assert [(s["id"], s["new_total"]) for s in a["suggestions"]] == [(s["id"], s["new_total"]) for s in b["suggestions"]]


@SETTINGS
@given(answers_documents(), st.sampled_from(["en", "fr", None]))
def test_a_result_in_two_steps_is_the_same_result(doc, lang):
    """The page draws a result before its suggestions (checker.assessment.assess_in_steps): the two steps
    together give exactly what one assessment gives, written in either language or left as messages, and
    the first step is complete without them."""
    words = default_words(lang) if lang else None
    whole = _assess(copy.deepcopy(doc), rules(), TODAY, words=words)
    first, suggest = assess_in_steps(copy.deepcopy(doc), rules(), TODAY, words=words)
    assert first["suggestions"] is None
    # (repr: messages not written in words compare by identity, their repr shows their id and values)
    assert repr({**first, "suggestions": whole["suggestions"]}) == repr(whole)
    first["suggestions"] = suggest()
    assert repr(first) == repr(whole)
