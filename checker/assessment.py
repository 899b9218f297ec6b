"""One assessment: answers in, the result document of ``contract.md`` §2 out."""

from checker import categories, cec, crs, dates, experience, fst, fsw, suggestions, timeline
from checker.answers import read_answers
from checker.words import join, msg

CRS_TABLES = ("crs_core_age", "crs_core_education", "crs_core_first_language", "crs_core_second_language",
              "crs_core_canadian_work", "crs_core_sections", "crs_spouse_factors", "crs_skill_transferability",
              "crs_additional_points")


def assess(answers, rules, today, with_suggestions=True, words=None):
    """Assess an answers document. ``today`` (ISO) is used only if the answers have no ``as_of``.

    With ``words`` (a :class:`checker.words.Words`) every message in the result is
    written in its language; without, the result holds the messages themselves.
    Raises :class:`checker.answers.InvalidAnswers` when the answers break the contract.
    """
    facts = read_answers(answers, rules, today)
    result = assess_facts(facts, rules, with_suggestions)
    return words.fill(result) if words is not None else result


def assess_in_steps(answers, rules, today, words=None):
    """The result of :func:`assess` in two steps: ``(result, suggest)``.

    ``result`` has every part but its suggestions (``"suggestions": None``, not worked out yet);
    ``suggest()`` returns them, as :func:`assess` would have given them (in ``words``' language when
    given). Re-scoring the profile for each idea is a third to a half of an assessment's work: the page
    draws the verdict, the score and the rounds first, then the ideas. Raises as :func:`assess` does.
    """
    facts = read_answers(answers, rules, today)
    result, suggest = _assess_in_steps(facts, rules)
    if words is not None:
        words.fill(result)
    return result, (lambda: words.fill(suggest()) if words is not None else suggest())


def assess_facts(facts, rules, with_suggestions=True):
    result, suggest = _assess_in_steps(facts, rules)
    result["suggestions"] = suggest() if with_suggestions else []
    return result


def _assess_in_steps(facts, rules):
    """The result without its suggestions, and a function that works them out from the same facts.

    Suggestions read the result's parts (conditions met, points, categories) but no text: the result
    may be written in words before they are worked out.
    """
    exp = experience.compute(facts, rules)
    lang = cec.language_status(facts, rules)
    cec_result = cec.assess(facts, rules, exp, lang)
    crs_result = crs.score(facts, rules, exp, lang)
    crs_result["caveat"] = crs_caveat(rules, facts["as_of"])
    notes = list(crs_result.pop("notes"))
    notes.extend(_notes(facts, rules, exp, lang, cec_result, crs_result))
    fsw_result = fsw.assess(facts, rules, exp, lang)
    fst_result = fst.assess(facts, rules, exp, lang)
    programs = {"cec": cec_result["eligible"], "fsw": fsw_result["eligible"], "fst": fst_result["eligible"]}
    in_categories = categories.assess(facts, rules, exp, lang, programs)
    if categories.in_force(rules, facts["as_of"]) is None:
        notes.append(msg("note.categories_not_modelled", since=_first_categories(rules)))
    result = {
        "as_of": facts["as_of"],
        "rules_in_force": rules_in_force(rules, facts["as_of"]),
        "rules_verified": rules.last_verified(),
        "age": facts["age"],
        "clb": _clb_summary(lang),
        "language_results": [_result_summary(e, False) for e in lang["valid"]] + [_result_summary(e, True) for e in lang["expired"]],
        "cec": cec_result,
        "crs": crs_result,
        "fsw": fsw_result,
        "fst": fst_result,
        "categories": in_categories,
        "timeline": timeline.build(facts, cec_result, lang, crs_result, rules, in_categories),
        "suggestions": None,
        "notes": notes,
    }
    return result, lambda: suggestions.build(facts, rules, exp, lang, cec_result, crs_result, in_categories, programs)


def crs_caveat(rules, on):
    """The warning that goes next to the score when a reported CRS change could not be confirmed, or None."""
    unconfirmed = rules.value_or_none("scope", "crs_unconfirmed_change", on)
    if not unconfirmed:
        return None
    return msg("scope." + unconfirmed["id"], since=unconfirmed["since"], grid_from=rules.latest_effective(CRS_TABLES, on))


def _first_categories(rules):
    """The first day the rule data models category-based selection."""
    return next(v["effective_from"] for v in rules.versions(categories.TABLE, "categories") if v["value"] is not None)


def rules_in_force(rules, on):
    crs_from = rules.latest_effective(CRS_TABLES, on)
    text = msg("rules_in_force", crs_from=crs_from)
    unconfirmed = rules.value_or_none("scope", "crs_unconfirmed_change", on)
    if unconfirmed:
        text = join([text, msg("rules_in_force.unconfirmed", since=unconfirmed["since"])], "none")
    return text


def _clb_summary(lang):
    out = {"english": None, "french": None}
    for e in lang["valid"]:
        out[e["result"]["language"]] = dict(e["clb"])
    return out


def _result_summary(entry, expired):
    r = entry["result"]
    return {"test": r["test"], "name": r["name"], "language": r["language"], "test_date": r["test_date"],
            "valid_until": entry["valid_until"], "expired": expired, "accepted": r["accepted"],
            "clb": dict(entry["clb"]) if entry["clb"] else None}


def _notes(facts, rules, exp, lang, cec_result, crs_result):
    notes = []
    if crs_result["missing"]:
        notes.append(msg("note.crs_incomplete", missing=join([msg("note.missing." + m) for m in crs_result["missing"]], "and_only")))
    for e in lang["expired"]:
        notes.append(msg("note.result_unusable", result=cec.unusable_text(e, "result")))
    if cec_result["eligible_on"] and cec_result["eligible"] is not True and lang["valid"]:
        until = max(e["valid_until"] for e in lang["valid"])
        if until <= cec_result["eligible_on"]:
            notes.append(msg("note.test_expires_first"))
    if any(j["full_time_student"] and j["in_canada"] for j in facts["jobs"]):
        notes.append(msg("note.student_work"))
    if any(not j["in_canada"] and j["full_time_student"] for j in facts["jobs"]):
        notes.append(msg("note.student_work_abroad"))
    if facts["canadian_education"] == "one_or_two_year":
        notes.append(msg("note.fsw_study_unknown_length"))
    return notes
