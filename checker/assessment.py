"""One assessment: answers in, the result document of ``contract.md`` §2 out."""

from checker import cec, crs, dates, experience, fst, fsw, suggestions
from checker.answers import read_answers
from checker.clb import LANGUAGE_NAMES

CRS_TABLES = ("crs_core_age", "crs_core_education", "crs_core_first_language", "crs_core_second_language",
              "crs_core_canadian_work", "crs_core_sections", "crs_spouse_factors", "crs_skill_transferability",
              "crs_additional_points")


def assess(answers, rules, today, with_suggestions=True):
    """Assess an answers document. ``today`` (ISO) is used only if the answers have no ``as_of``.

    Raises :class:`checker.answers.InvalidAnswers` when the answers break the contract.
    """
    facts = read_answers(answers, rules, today)
    return assess_facts(facts, rules, with_suggestions)


def assess_facts(facts, rules, with_suggestions=True):
    exp = experience.compute(facts, rules)
    lang = cec.language_status(facts, rules)
    cec_result = cec.assess(facts, rules, exp, lang)
    crs_result = crs.score(facts, rules, exp, lang)
    notes = list(crs_result.pop("notes"))
    ideas = suggestions.build(facts, rules, exp, lang, cec_result, crs_result) if with_suggestions else []
    notes.extend(_notes(facts, rules, exp, lang, cec_result, crs_result))
    return {
        "as_of": facts["as_of"],
        "rules_in_force": rules_in_force(rules, facts["as_of"]),
        "rules_verified": rules.last_verified(),
        "age": facts["age"],
        "clb": _clb_summary(lang),
        "language_results": [_result_summary(e, False) for e in lang["valid"]] + [_result_summary(e, True) for e in lang["expired"]],
        "cec": cec_result,
        "crs": crs_result,
        "fsw": fsw.assess(facts, rules, exp, lang),
        "fst": fst.assess(facts, rules, exp, lang),
        "suggestions": ideas,
        "notes": notes,
    }


def rules_in_force(rules, on):
    crs_from = rules.latest_effective(CRS_TABLES, on)
    text = "CRS grid in force from %s; CEC rules of IRPR s. 87.1" % crs_from
    unconfirmed = rules.value_or_none("scope", "crs_unconfirmed_change", on)
    if unconfirmed:
        text += "; reported CRS change of %s not included (values unconfirmed)" % unconfirmed["since"]
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
    unconfirmed = rules.value_or_none("scope", "crs_unconfirmed_change", facts["as_of"])
    if unconfirmed:
        notes.append(unconfirmed["text"])
    if crs_result["missing"]:
        names = {"birth_date": "your birth date", "education": "your education"}
        notes.append("The CRS score is incomplete: add %s." % " and ".join(names[m] for m in crs_result["missing"]))
    for e in lang["expired"]:
        notes.append("Your %s, so it earns no points." % cec.unusable_text(e).replace(" taken ", " result of ", 1))
    if cec_result["eligible_on"] and cec_result["eligible"] is not True and lang["valid"]:
        until = max(e["valid_until"] for e in lang["valid"])
        if until <= cec_result["eligible_on"]:
            notes.append("Your language result expires before you reach the work requirement; plan a new test.")
    if any(j["full_time_student"] and j["in_canada"] for j in facts["jobs"]):
        notes.append("Work done while you were a full-time student does not count for the CEC or for CRS Canadian experience, "
                     "even on a co-op term or during breaks.")
    if any(not j["in_canada"] and j["full_time_student"] for j in facts["jobs"]):
        notes.append("Work abroad during full-time study was not counted as foreign experience; IRCC may count it in some cases.")
    if facts["canadian_education"] == "one_or_two_year":
        notes.append("For FSW adaptability points, study in Canada counts only after 2 academic years of full-time study; "
                     "the checker did not count your one- or two-year credential there.")
    return notes
