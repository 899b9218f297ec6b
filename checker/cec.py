"""The Canadian Experience Class: one condition per requirement, then the verdict.

IRPR s. 87.1(2): at least one year (1,560 hours) of skilled work in Canada in
the 3 years before applying, language results meeting the threshold for the
occupation, and (87.1(1)) the intention to live outside Quebec.

Each condition is ``met`` = True, False, or None ("cannot tell") with a plain
explanation and its sources. The verdict is False if any condition is not met,
None if none fails but one cannot be decided, and True otherwise.

Source: https://laws-lois.justice.gc.ca/eng/regulations/SOR-2002-227/section-87.1.html
"""

from checker import answers, clb, dates, hours


def fmt_hours(h):
    """1234.5 -> '1,234.5'; 1560.0 -> '1,560'."""
    if h == int(h):
        return "{:,}".format(int(h))
    whole = int(h)
    frac = ("%.2f" % (h - whole))[1:].rstrip("0")
    return "{:,}".format(whole) + frac


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
    window = "the %d years before %s (since %s)" % (req["window_years"], dates.long_date(as_of), dates.long_date(exp["window_start"]))
    excluded = [j for j in exp["jobs"] if not j["counts_for_cec"]]
    not_counted = ""
    if excluded:
        parts = []
        for j in excluded:
            job = facts["jobs"][[x["index"] for x in facts["jobs"]].index(j["index"])]
            parts.append("%s does not count: %s" % (_job_name(job), "; ".join(j["reasons"])))
        not_counted = " " + ". ".join(p[0].upper() + p[1:] for p in parts) + "."
    if exp["units"] >= exp["year_units"]:
        detail = ("You have %s hours of qualifying skilled work in %s; %s are needed (at most %d hours a week count)."
                  % (fmt_hours(have), window, fmt_hours(need), req["max_hours_per_week"]))
        if exp["met_until"]:
            detail += (" As older hours leave the %d-year window, you keep enough of them until %s unless you do more "
                       "qualifying work: IRCC counts them on the day it receives your application."
                       % (req["window_years"], dates.long_date(exp["met_until"])))
        return _condition("work_experience", True, detail + not_counted, src)
    if not facts["jobs"]:
        detail = ("You have not entered any work yet. You need %s hours (one year full time at %d hours a week) of paid, "
                  "authorized work in Canada in a TEER 0, 1, 2 or 3 occupation within %s."
                  % (fmt_hours(need), req["max_hours_per_week"], window))
        return _condition("work_experience", False, detail, src)
    detail = "You have %s of the %s hours of qualifying work needed in %s." % (fmt_hours(have), fmt_hours(need), window)
    if exp["eligible_on"]:
        detail += " If your current work continues, you will reach %s hours on %s." % (fmt_hours(need), dates.long_date(exp["eligible_on"]))
    return _condition("work_experience", False, detail + not_counted, src)


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
        return _condition("language", met,
                          "You need results from an approved test, less than %d years old, at CLB %d in all four abilities for "
                          "TEER 0 or 1 work, or CLB %d for TEER 2 or 3 work." % (lang["validity_years"], high, low), src)
    scale = "NCLC" if best["result"]["language"] == "french" else "CLB"
    name = best["result"]["name"]
    texts = {
        "high": "Your %s result is at %s %d or higher in all four abilities, enough for work in any TEER 0 to 3 "
                "occupation." % (name, scale, high),
        "below_low": "Your lowest %s ability is %s; you need at least %s %d in all four abilities (%d for TEER 0 or 1 "
                     "work)." % (name, clb.level_text(level, scale, points_floor(rules, facts["as_of"])), scale, low, high),
        "teer_2_3_year": "Your %s result is at %s %d or higher in all four abilities, and your TEER 2 or 3 work alone "
                         "reaches the required hours, so %s %d is enough." % (name, scale, low, scale, low),
        "mixed": "Cannot determine. Your lowest %s ability is %s %d. That is enough for TEER 2 or 3 work (%s %d) but "
                 "not for TEER 0 or 1 work (%s %d), and your year of experience needs hours from both. IRCC has not "
                 "published how it sets the threshold for a mix, so the careful reading is that you need %s %d; confirm "
                 "with IRCC before you apply." % (name, scale, level, scale, low, scale, high, scale, high),
        "teer_0_1_only": "Your lowest %s ability is %s %d. Your experience is in TEER 0 or 1 work, which needs %s %d in "
                         "all four abilities." % (name, scale, level, scale, high),
        "teer_2_3_so_far": "Your %s result is at %s %d or higher in all four abilities: enough for the TEER 2 or 3 work "
                           "you have so far. Work in TEER 0 or 1 would need %s %d." % (name, scale, low, scale, high),
        "no_work_yet": "Your lowest %s ability is %s %d: enough if your year of work is in TEER 2 or 3 occupations "
                       "(%s %d), but not for TEER 0 or 1 (%s %d)." % (name, scale, level, scale, low, scale, high),
    }
    return _condition("language", met, texts[case], src)


def test_condition(facts, rules, lang):
    as_of = facts["as_of"]
    src = rules.sources("language_tests", "validity_years", as_of)
    if lang["valid"]:
        parts = ["%s taken %s is valid until %s" % (e["result"]["name"], dates.long_date(e["result"]["test_date"]),
                                                     _day_before(e["valid_until"])) for e in lang["valid"]]
        return _condition("language_test_valid", True, "Your " + " and your ".join(parts) + ".", src)
    if lang["expired"]:
        return _condition("language_test_valid", False, "Your " + " and your ".join(
            unusable_text(e) for e in lang["expired"]) + ". Results must be from an approved test and less than %d years "
            "old when you apply." % lang["validity_years"], src)
    return _condition("language_test_valid", False, "You have not entered a language test. Approved tests: %s."
                      % approved_text(rules, as_of), src)


def unusable_text(entry):
    r = entry["result"]
    if entry["why"] == "not_accepted":
        return "%s taken %s cannot be used: IRCC did not accept this test for Express Entry on that date" % (
            r["name"], dates.long_date(r["test_date"]))
    return "%s taken %s expired on %s" % (r["name"], dates.long_date(r["test_date"]), dates.long_date(entry["valid_until"]))


def approved_text(rules, on):
    """'IELTS General Training, CELPIP-General or PTE Core in English; TEF Canada or TCF Canada in French'."""
    by_language = {}
    for info in clb.approved_tests(rules, on).values():
        by_language.setdefault(info["language"], []).append(info["name"])
    parts = []
    for language in ("english", "french"):
        names = by_language.get(language, [])
        if names:
            joined = names[0] if len(names) == 1 else ", ".join(names[:-1]) + " or " + names[-1]
            parts.append("%s in %s" % (joined, clb.LANGUAGE_NAMES[language]))
    return "; ".join(parts)


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
        return _condition("intended_province", None, "Tell us where in Canada you plan to live: the CEC is for people who plan "
                          "to live outside Quebec.", src)
    name = answers.PROVINCES[province]
    if province in rule["excluded_provinces"]:
        return _condition("intended_province", False, "You plan to live in Quebec, which selects its own skilled workers; the CEC "
                          "is for people who plan to live elsewhere in Canada. Quebec's own programs are the route.", src)
    return _condition("intended_province", True, "You plan to live in %s, outside Quebec." % name, src)


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
        "hours_teer_0_1": hours.units_to_hours(exp["units_teer_0_1"]),
        "hours_teer_2_3": hours.units_to_hours(exp["units_teer_2_3"]),
        "window_start": exp["window_start"],
        "eligible_on": exp["eligible_on"],
        "met_until": exp["met_until"],
        "jobs": [{"index": j["index"], "counts": j["counts_for_cec"], "hours_in_window": j["hours_in_window"],
                  "reasons": j["reasons"]} for j in exp["jobs"]],
        "also_required": also_required(rules, as_of),
    }


def also_required(rules, as_of):
    """Requirements the checker cannot test from the answers; shown so nobody mistakes a 'yes' for a visa."""
    src = rules.sources("cec_requirements", "work_experience", as_of)
    return [
        {"id": "duties_match_noc", "detail": "Your duties must match the lead statement and a substantial number of the main duties, "
         "including all essential duties, of the NOC 2021 occupation you claim, not just the job title.", "sources": src},
        {"id": "temporary_status", "detail": "You must have had temporary resident status during the work. Refugee claimants "
         "with work permits do not have that status, so their work does not count.", "sources": src},
        {"id": "admissibility", "detail": "You (and your family) must be admissible to Canada: medical exam, police certificates "
         "and security checks.", "sources": src},
    ]


def _job_name(job):
    if job.get("title"):
        return '"%s"' % job["title"]
    return "job %d" % (job["index"] + 1)


def points_floor(rules, on):
    """The first CLB level the CRS grid rewards (below it, "less than CLB 4")."""
    return rules.value("crs_core_first_language", "points_per_ability", on)[0]["min_clb"]


def _day_before(iso):
    return dates.long_date(dates.to_iso(dates.to_ordinal(iso) - 1))
