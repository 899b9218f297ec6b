"""Federal Skilled Worker Program: minimum requirements and the 67-point grid.

A CEC candidate may also qualify for the FSW (IRPR ss. 75-83): one year of
continuous full-time (or equal part-time) skilled work in one occupation within
10 years, in Canada or abroad; CLB 7 in all four abilities of one official
language; a credential; and 67 of 100 selection points (language, education,
experience, age, arranged employment, adaptability). Settlement funds are also
needed unless the person can work in Canada and has a valid job offer; the
checker does not ask about savings, so funds are listed as a requirement to
confirm rather than tested.

Sources: https://www.canada.ca/en/immigration-refugees-citizenship/services/immigrate-canada/express-entry/who-can-apply/federal-skilled-workers/six-selection-factors-federal-skilled-workers.html
"""

from checker import clb, dates, hours
from checker.cec import verdict
from checker.rules import row_for

GRID = "fsw_selection_grid"


def _condition(cid, met, detail, sources):
    return {"id": cid, "met": met, "detail": detail, "sources": sources}


def occupation_runs(jobs):
    """Jobs grouped into continuous periods in one occupation (same NOC, back to back)."""
    runs = []
    for job in sorted(jobs, key=lambda j: (j["noc"] or "~%d" % j["index"], j["start_n"])):
        last = runs[-1] if runs else None
        if (last and job["noc"] and last[-1]["noc"] == job["noc"] and last[-1]["end_n"] is not None
                and job["start_n"] <= last[-1]["end_n"] + 1):
            last.append(job)
        else:
            runs.append([job])
    return runs


def skilled_units(jobs, day, years, cap):
    return hours.in_window(hours.spans_of(jobs), day, years, cap)


def funds_needed(facts, rules):
    amounts = rules.value_or_none("settlement_funds", "amounts", facts["as_of"])
    # IRCC counts a spouse or partner in the family size even if they are not coming or are
    # already a citizen or permanent resident (proof-of-funds page).
    size = 1 + (1 if facts["spouse"] else 0)
    if amounts is None:
        return None, size
    return amounts["by_family_size"][str(size)], size


def authorized_and_offer(facts):
    """Exempt from proof of funds: working in Canada with authorization now, and a valid job offer."""
    if not facts["job_offer"]:
        return False
    day = facts["as_of_n"]
    for job in facts["jobs"]:
        if job["in_canada"] and job["authorized"] and job["start_n"] <= day and (job["end_n"] is None or job["end_n"] >= day):
            return True
    return False


def funds_requirement(facts, rules, program):
    amount, size = funds_needed(facts, rules)
    exempt = authorized_and_offer(facts)
    return rules.memo(("funds_text", facts["as_of"], program, size, exempt),
                      lambda: _funds_text(facts, rules, program, amount, size, exempt))


def _funds_text(facts, rules, program, amount, size, exempt):
    src = rules.sources("settlement_funds", "amounts", facts["as_of"])
    if exempt:
        text = ("You do not need to show settlement funds for the %s if you are authorized to work in Canada and have a valid "
                "job offer when you apply." % program)
    elif amount is None:
        text = "You must show settlement funds for the %s; the checker has no amount for this date." % program
    else:
        extra = rules.value("settlement_funds", "amounts", facts["as_of"])["each_additional"]
        text = ("You must show at least $%s in settlement funds (for a family of %d; add $%s for each dependent child), "
                "unless you are authorized to work in Canada and have a valid job offer." % ("{:,}".format(amount), size, "{:,}".format(extra)))
    return {"id": "settlement_funds", "detail": text, "sources": src}


def assess(facts, rules, exp, lang):
    on = facts["as_of"]
    day = facts["as_of_n"]
    grid_src = rules.sources(GRID, "minimums", on)
    mins = rules.value(GRID, "minimums", on)
    cap = hours.week_cap_units(mins["max_hours_per_week"])
    year_units = hours.hours_to_units(mins["min_hours"])
    skilled = exp["canadian_jobs"] + exp["foreign_jobs"]
    conditions = []

    # work: one continuous year in one occupation within the window
    best_run = 0
    for run in occupation_runs(skilled):
        units = skilled_units(run, day, mins["window_years"], cap)
        best_run = max(best_run, units)
    work_ok = best_run >= year_units
    if work_ok:
        detail = ("You have at least one year (%s hours) of continuous skilled work in one occupation in the last %d years."
                  % ("{:,}".format(mins["min_hours"]), mins["window_years"]))
    else:
        detail = ("You need one year (%s hours) of continuous paid work in one TEER 0 to 3 occupation within the last %d years, "
                  "in Canada or abroad; your longest such period has %s hours."
                  % ("{:,}".format(mins["min_hours"]), mins["window_years"], _h(best_run)))
    conditions.append(_condition("work_experience", work_ok, detail, grid_src))

    # language: CLB 7 in all four abilities of one official language
    need = mins["min_first_language_clb"]
    firsts = [e for e in lang["valid"] if clb.lowest(e["clb"]) >= need]
    lang_ok = bool(firsts)
    if lang_ok:
        detail = "Your %s result is at CLB %d or higher in all four abilities." % (firsts[0]["result"]["name"], need)
    elif lang["valid"]:
        detail = "You need CLB %d in all four abilities of one official language." % need
    else:
        detail = "You need a valid approved test result at CLB %d in all four abilities." % need
    conditions.append(_condition("language", lang_ok, detail, rules.sources(GRID, "language", on)))

    # education
    level = facts["education"]
    if level is None:
        conditions.append(_condition("education", None, "Tell us your education: the FSW needs a credential (Canadian, or foreign "
                                     "with an Educational Credential Assessment).", rules.sources(GRID, "education", on)))
    else:
        edu_ok = level != "none"
        conditions.append(_condition("education", edu_ok, "You have a credential that can count (a foreign one needs an Educational "
                                     "Credential Assessment)." if edu_ok else "The FSW needs at least a secondary school credential.",
                                     rules.sources(GRID, "education", on)))

    points, factors = grid_points(facts, rules, exp, lang)
    pass_mark = rules.value(GRID, "pass_mark", on)
    incomplete = facts["age"] is None or level is None
    if incomplete:
        met = None if points < pass_mark else True
        detail = "%d points so far out of the %d needed; add your birth date and education for the full count." % (points, pass_mark)
    else:
        met = points >= pass_mark
        detail = "%d points on the selection grid; at least %d are needed." % (points, pass_mark)
    conditions.append(_condition("selection_points", met, detail, rules.sources(GRID, "pass_mark", on)))

    province = facts["province"]
    conditions.append(_condition("intended_province", None if province is None else province != "QC",
                                 "The FSW is for people who plan to live outside Quebec." if province != "QC"
                                 else "You plan to live in Quebec, which selects its own skilled workers.",
                                 rules.sources("cec_requirements", "residence", on)))
    eligible = verdict([c["met"] for c in conditions])
    return {"eligible": eligible, "points": points, "pass_mark": pass_mark, "conditions": conditions, "factors": factors,
            "also_required": [funds_requirement(facts, rules, "Federal Skilled Worker Program")]}


def grid_points(facts, rules, exp, lang):
    on = facts["as_of"]
    factors = []

    # Language: the best choice of first official language for this grid.
    lrule = rules.value(GRID, "language", on)
    best = (0, "No valid result at CLB %d or higher in all four abilities" % lrule["first_per_ability"][0]["min_clb"])
    for first in lang["valid"]:
        if clb.lowest(first["clb"]) < lrule["first_per_ability"][0]["min_clb"]:
            continue
        pts = 0
        for a in clb.ABILITIES:
            row = row_for(lrule["first_per_ability"], "min_clb", first["clb"][a])
            pts += row["points"] if row else 0
        detail = "%s as first official language" % first["result"]["name"]
        for second in lang["valid"]:
            if second is not first and clb.lowest(second["clb"]) >= lrule["second_min_clb"]:
                pts += lrule["second_points"]
                detail += ", %s as second" % second["result"]["name"]
        if pts > best[0]:
            best = (pts, detail)
    factors.append({"id": "language", "points": min(best[0], lrule["maximum"]), "detail": best[1]})

    level = facts["education"]
    edu = rules.value(GRID, "education", on)[level] if level else 0
    factors.append({"id": "education", "points": edu, "detail": level or "not given"})

    mins = rules.value(GRID, "minimums", on)
    cap = hours.week_cap_units(mins["max_hours_per_week"])
    units = skilled_units(exp["canadian_jobs"] + exp["foreign_jobs"], facts["as_of_n"], mins["window_years"], cap)
    years = units // hours.hours_to_units(mins["min_hours"])
    row = row_for(rules.value(GRID, "work_experience", on), "min_years", years)
    factors.append({"id": "work_experience", "points": row["points"] if row else 0,
                    "detail": "%d year%s of skilled work in the last %d years" % (years, "" if years == 1 else "s", mins["window_years"])})

    age = facts["age"]
    row = row_for(rules.value(GRID, "age", on), "min_age", age) if age is not None else None
    factors.append({"id": "age", "points": row["points"] if row else 0, "detail": "Age %d" % age if age is not None else "not given"})

    offer = rules.value(GRID, "arranged_employment", on) if facts["job_offer"] else 0
    factors.append({"id": "arranged_employment", "points": offer, "detail": "Valid job offer" if offer else "No job offer"})

    ad = rules.value(GRID, "adaptability", on)
    parts = []
    spouse = facts["spouse"]
    if spouse and spouse["accompanying"] and spouse["result"]:
        r = spouse["result"]
        if r["accepted"] and facts["as_of_n"] < dates.add_years(r["test_date_n"], lang["validity_years"]):
            if clb.lowest(clb.levels(r, rules)) >= ad["spouse_language_min_clb"]:
                parts.append(("spouse_language_clb4", "spouse's language"))
    if facts["canadian_education"] == "three_year_plus":
        parts.append(("own_study_in_canada", "your study in Canada"))
    if exp["canadian_years"] >= ad["work_in_canada_min_years"]:
        parts.append(("own_work_in_canada", "your work in Canada"))
    if spouse and spouse["accompanying"] and spouse["canadian_work_years"] >= ad["work_in_canada_min_years"]:
        parts.append(("spouse_work_in_canada", "spouse's work in Canada"))
    if facts["job_offer"]:
        parts.append(("arranged_employment", "job offer"))
    if facts["sibling"]:
        parts.append(("relative_in_canada", "relative in Canada"))
    raw = sum(ad[key] for key, _label in parts)
    factors.append({"id": "adaptability", "points": min(raw, ad["maximum"]),
                    "detail": ", ".join(label for _k, label in parts) if parts else "none of the adaptability factors"})
    return sum(f["points"] for f in factors), factors


def _h(units):
    h = hours.units_to_hours(units)
    return "{:,}".format(int(h))
