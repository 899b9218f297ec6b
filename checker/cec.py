"""The Canadian Experience Class: one condition per requirement, then the verdict.

IRPR s. 87.1(2): at least one year (1,560 hours) of skilled work in Canada in
the 3 years before applying, language results meeting the threshold for the
occupation, and (87.1(1)) the intention to live outside Quebec.

Each condition is ``met`` = True, False, or None ("cannot tell") with a plain
explanation and its sources. The verdict is False if any condition is not met,
None if none fails but one cannot be decided, and True otherwise.

Source: https://laws-lois.justice.gc.ca/eng/regulations/SOR-2002-227/section-87.1.html
"""

from checker import clb, dates, hours
from checker.words import Msg, join, msg


def language_status(facts, rules):
    """Valid and expired results on the assessment date, with their CLB levels."""
    as_of = facts["as_of"]
    years = rules.value("language_tests", "validity_years", as_of)
    valid, expired = [], []
    for r in facts["results"]:
        until = dates.add_years(r["test_date_n"], years)
        if not r["accepted"]:  # older than any chart the checker holds, or taken before IRCC accepted the test
            why = "expired" if facts["as_of_n"] >= until else "not_accepted"
            expired.append({"result": r, "clb": None, "valid_until": dates.to_iso(until), "why": why})
            continue
        entry = {"result": r, "clb": clb.levels(r, rules), "valid_until": dates.to_iso(until), "why": "expired"}
        if facts["as_of_n"] < until:
            valid.append(entry)
        else:
            expired.append(entry)
    return {"valid": valid, "expired": expired, "validity_years": years, "as_of": as_of, "results": facts["results"]}


def _condition(cid, met, detail, sources):
    return {"id": cid, "met": met, "detail": detail, "sources": sources}


def work_condition(facts, rules, exp):
    as_of = facts["as_of"]
    req = rules.value("cec_requirements", "work_experience", as_of)
    src = rules.sources("cec_requirements", "work_experience", as_of)
    have = hours.units_to_hours(exp["units"])
    need = req["min_hours"]
    window = msg("cec.window", years=req["window_years"], as_of=as_of, start=exp["window_start"])
    excluded = [j for j in exp["jobs"] if not j["counts_for_cec"]]
    not_counted = ""
    if excluded:
        by_index = {x["index"]: x for x in facts["jobs"]}
        not_counted = join([msg("cec.job_excluded", job=job_name(by_index[j["index"]], True), reasons=join(j["reasons"], "sep_semicolon"))
                            for j in excluded], "sep_sentence")
        not_counted = msg("cec.not_counted", jobs=not_counted)
    if exp["units"] >= exp["year_units"]:
        detail = msg("cec.work.met", have=have, window=window, need=need, cap=req["max_hours_per_week"])
        if exp["met_until"]:
            detail = join([detail, msg("cec.work.met_until", years=req["window_years"], until=exp["met_until"])], "space")
        return _condition("work_experience", True, join([detail, not_counted], "none"), src)
    if not facts["jobs"]:
        detail = msg("cec.work.none", need=need, cap=req["max_hours_per_week"], window=window)
        return _condition("work_experience", False, detail, src)
    detail = msg("cec.work.short", have=have, need=need, window=window)
    if exp["eligible_on"]:
        detail = join([detail, msg("cec.work.will_reach", need=need, on=exp["eligible_on"])], "space")
    return _condition("work_experience", False, join([detail, not_counted], "none"), src)


def language_decision(facts, rules, exp, lang):
    """(met, case, best valid result, its lowest level, thresholds) for the CEC language requirement.

    IRPR 87.1(2)(d): the threshold the Minister set for the occupation. IRCC
    publishes CLB/NCLC 7 for TEER 0 and 1 and 5 for TEER 2 and 3, but not how to
    apply them when the year of work mixes both groups. Our reading, stated on
    the "Canadian Experience Class" guide: CLB 5 is enough only when the TEER 2-3
    hours alone reach the year; when the year needs TEER 0-1 hours as well and
    the level is 5 or 6, the answer is "cannot determine" (None), not a guess.
    """
    minimum = rules.value("cec_requirements", "language_minimum", facts["as_of"])
    high, low = max(minimum.values()), min(minimum.values())  # TEER 0-1 and TEER 2-3 thresholds
    if not lang["valid"]:
        return False, "no_valid_result", None, None, (high, low)
    best = max(lang["valid"], key=lambda e: clb.lowest(e["clb"]))
    level = clb.lowest(best["clb"])
    if level >= high:
        return True, "high", best, level, (high, low)
    if level < low:
        return False, "below_low", best, level, (high, low)
    if exp["units_teer_2_3"] >= exp["year_units"]:
        return True, "teer_2_3_year", best, level, (high, low)
    if exp["units_teer_0_1"] > 0 and exp["units_teer_2_3"] > 0:
        return None, "mixed", best, level, (high, low)
    if exp["units_teer_0_1"] > 0:
        return False, "teer_0_1_only", best, level, (high, low)
    if exp["units_teer_2_3"] > 0:  # a year still being built, all of it TEER 2 or 3 so far
        return True, "teer_2_3_so_far", best, level, (high, low)
    return None, "no_work_yet", best, level, (high, low)


def language_condition(facts, rules, exp, lang):
    src = rules.sources("cec_requirements", "language_minimum", facts["as_of"])
    met, case, best, level, (high, low) = language_decision(facts, rules, exp, lang)
    if case == "no_valid_result":
        return _condition("language", met, msg("cec.language.no_result", years=lang["validity_years"], high=high, low=low), src)
    scale = clb.scale_name(best["result"]["language"])
    name = best["result"]["name"]
    floor = points_floor(rules, facts["as_of"])
    args = {"test": name, "scale": scale, "high": high, "low": low, "level": level}
    if case == "below_low":
        args["level"] = clb.level_text(level, scale, floor)
    return _condition("language", met, Msg("cec.language." + case, args), src)


def test_condition(facts, rules, lang):
    as_of = facts["as_of"]
    src = rules.sources("language_tests", "validity_years", as_of)
    if lang["valid"]:
        parts = [msg("cec.test.valid_one", test=e["result"]["name"], taken=e["result"]["test_date"],
                     until=_day_before(e["valid_until"])) for e in lang["valid"]]
        return _condition("language_test_valid", True, msg("cec.test.valid", results=join(parts, "and_your")), src)
    if lang["expired"]:
        return _condition("language_test_valid", False, msg("cec.test.unusable", results=join(
            [unusable_text(e) for e in lang["expired"]], "and_your"), years=lang["validity_years"]), src)
    return _condition("language_test_valid", False, msg("cec.test.none", approved=approved_text(rules, as_of)), src)


def unusable_text(entry, form="taken"):
    """Why a result cannot be used: "IELTS … taken 1 May 2019 expired on …" (``form`` "result": "IELTS … result of …")."""
    r = entry["result"]
    key = "not_accepted" if entry["why"] == "not_accepted" else "expired"
    return msg("cec.test.%s_%s" % (key, form), test=r["name"], taken=r["test_date"], until=entry["valid_until"])


def approved_text(rules, on):
    """'IELTS General Training, CELPIP-General or PTE Core in English; TEF Canada or TCF Canada in French'."""
    by_language = {}
    for info in clb.approved_tests(rules, on).values():
        by_language.setdefault(info["language"], []).append(info["name"])
    parts = []
    for language in ("english", "french"):
        names = by_language.get(language, [])
        if names:
            parts.append(msg("cec.test.approved_in", tests=join(names, "or"), language=msg("language." + language)))
    return join(parts, "sep_semicolon")


def province_met(facts, rules):
    province = facts["province"]
    if province is None:
        return None
    return province not in rules.value("cec_requirements", "residence", facts["as_of"])["excluded_provinces"]


def eligible(facts, rules, exp, lang):
    """The verdict alone (True, False or None), from the same decisions as :func:`assess`."""
    return verdict([exp["units"] >= exp["year_units"], language_decision(facts, rules, exp, lang)[0],
                    bool(lang["valid"]), province_met(facts, rules)])


def verdict(states):
    """False if any condition is not met, None if none fails but one cannot be decided, else True."""
    if False in states:
        return False
    if None in states:
        return None
    return True


def province_condition(facts, rules):
    as_of = facts["as_of"]
    rule = rules.value("cec_requirements", "residence", as_of)
    src = rules.sources("cec_requirements", "residence", as_of)
    province = facts["province"]
    if province is None:
        return _condition("intended_province", None, msg("cec.province.unknown"), src)
    if province in rule["excluded_provinces"]:
        return _condition("intended_province", False, msg("cec.province.quebec"), src)
    return _condition("intended_province", True, msg("cec.province.outside", province=msg("province." + province)), src)


def assess(facts, rules, exp, lang):
    conditions = [
        work_condition(facts, rules, exp),
        language_condition(facts, rules, exp, lang),
        test_condition(facts, rules, lang),
        province_condition(facts, rules),
    ]
    as_of = facts["as_of"]
    return {
        "eligible": verdict([c["met"] for c in conditions]),
        "conditions": conditions,
        "qualifying_hours": hours.units_to_hours(exp["units"]),
        "hours_needed": rules.value("cec_requirements", "work_experience", as_of)["min_hours"],
        "weekly_cap": rules.value("cec_requirements", "work_experience", as_of)["max_hours_per_week"],
        "hours_teer_0_1": hours.units_to_hours(exp["units_teer_0_1"]),
        "hours_teer_2_3": hours.units_to_hours(exp["units_teer_2_3"]),
        "window_start": exp["window_start"],
        "eligible_on": exp["eligible_on"],
        "met_until": exp["met_until"],
        "jobs": [_job_line(j, facts) for j in exp["jobs"]],
        "also_required": also_required(rules, as_of),
    }


def _job_line(j, facts):
    """One job of the result: whether it counts, its hours in the window alone and its part of the capped total."""
    job = next(x for x in facts["jobs"] if x["index"] == j["index"])
    line = {"index": j["index"], "counts": j["counts_for_cec"], "hours_in_window": j["hours_in_window"],
            "reasons": j["reasons"], "start": job["start"]}
    if j["counts_for_cec"]:
        line["hours_counted"] = j["hours_counted"]
        line["hours_counted_whole"] = j["hours_counted_whole"]
    return line


def also_required(rules, as_of):
    """Requirements the checker cannot test from the answers; shown so nobody mistakes a 'yes' for a visa."""
    src = rules.sources("cec_requirements", "work_experience", as_of)
    return [{"id": rid, "detail": msg("cec.also." + rid), "sources": src}
            for rid in ("duties_match_noc", "temporary_status", "admissibility")]


def job_name(job, starts_sentence=False):
    """A job as the messages name it: its title in quotation marks, or "job 2" ("Job 2" to start a sentence)."""
    if job.get("title"):
        return msg("job.titled", title=job["title"])
    return msg("job.numbered_start" if starts_sentence else "job.numbered", n=job["index"] + 1)


def points_floor(rules, on):
    """The first CLB level the CRS grid rewards (below it, "less than CLB 4")."""
    return rules.value("crs_core_first_language", "points_per_ability", on)[0]["min_clb"]


def _day_before(iso):
    return dates.to_iso(dates.to_ordinal(iso) - 1)
