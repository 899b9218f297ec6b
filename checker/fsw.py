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


def family_size(facts):
    """(size, given): the family size for the funds table and whether the answers gave it.

    IRCC counts you, your spouse or partner even if they are not coming or are
    already a citizen or permanent resident, and your dependent children
    (proof-of-funds page). Without ``family_size`` the checker knows only you
    and your spouse or partner.
    """
    if facts["family_size"] is not None:
        return facts["family_size"], True
    return 1 + (1 if facts["spouse"] else 0), False


def funds_needed(facts, rules):
    """(amount for the family size, size, size given) from the table in force, or (None, ...) without one.

    Beyond the table's last row, each further person adds ``each_additional``.
    """
    amounts = rules.value_or_none("settlement_funds", "amounts", facts["as_of"])
    size, given = family_size(facts)
    if amounts is None:
        return None, size, given
    rows = amounts["by_family_size"]
    largest = max(int(k) for k in rows)
    if size <= largest:
        return rows[str(size)], size, given
    return rows[str(largest)] + (size - largest) * amounts["each_additional"], size, given


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
    amount, size, given = funds_needed(facts, rules)
    exempt = authorized_and_offer(facts)
    return rules.memo(("funds_text", facts["as_of"], program, size, given, exempt),
                      lambda: _funds_text(facts, rules, program, amount, size, given, exempt))


def _funds_text(facts, rules, program, amount, size, given, exempt):
    on = facts["as_of"]
    src = rules.sources("settlement_funds", "amounts", on)
    version = rules.version("settlement_funds", "amounts", on)
    if exempt:
        text = ("You do not need to show settlement funds for the %s if you are authorized to work in Canada and have a valid "
                "job offer when you apply." % program)
    elif amount is None:
        text = "You must show settlement funds for the %s; the checker has no amount for this date." % program
    else:
        family = ("a family of %d" % size if size > 1 else "one person") if given else (
            "%s; tell us your family size to include dependent children, since each size has its own amount"
            % ("you and your spouse or partner" if size == 2 else "you alone"))
        text = ("You must show at least $%s in settlement funds (for %s), unless you are authorized to work in Canada and "
                "have a valid job offer. These are the amounts IRCC set from %s." % (
                    "{:,}".format(amount), family, dates.long_date(version["effective_from"])))
        latest = rules.versions("settlement_funds", "amounts")[-1]
        if version is latest:
            text += (" IRCC usually updates them each summer; we found no newer table, so check IRCC's proof-of-funds page "
                     "before you apply.")
    return {"id": "settlement_funds", "detail": text, "sources": src, "amount": amount if not exempt else None,
            "family_size": size}


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
    best_run = _best_run(skilled, day, mins["window_years"], cap)
    work_ok = best_run >= year_units
    if work_ok:
        detail = ("You have at least one year (%s hours) of continuous skilled work in one occupation in the last %d years."
                  % ("{:,}".format(mins["min_hours"]), mins["window_years"]))
    else:
        detail = ("You need one year (%s hours) of continuous paid work in one TEER 0 to 3 occupation within the last %d years, "
                  "in Canada or abroad; your longest such period has %s hours."
                  % ("{:,}".format(mins["min_hours"]), mins["window_years"], _h(best_run)))
        study = study_jobs(facts, exp)
        if study and _best_run(skilled + study, day, mins["window_years"], cap) >= year_units:
            work_ok = None
            detail += (" Cannot tell: with the work you did while a full-time student you would have that year. IRCC's FSW "
                       "page says work while studying may count if it was paid, continuous and meets the other requirements; "
                       "confirm with IRCC whether yours does.")
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
        study = study_jobs(facts, exp) if not met else []
        if study and grid_points(facts, rules, exp, lang, study)[0] >= pass_mark:
            met = None
            detail += (" Cannot tell: if IRCC counts the work you did while a full-time student, you would have enough "
                       "points.")
    conditions.append(_condition("selection_points", met, detail, rules.sources(GRID, "pass_mark", on)))

    province = facts["province"]
    conditions.append(_condition("intended_province", None if province is None else province != "QC",
                                 "The FSW is for people who plan to live outside Quebec." if province != "QC"
                                 else "You plan to live in Quebec, which selects its own skilled workers.",
                                 rules.sources("cec_requirements", "residence", on)))
    eligible = verdict([c["met"] for c in conditions])
    return {"eligible": eligible, "points": points, "pass_mark": pass_mark, "conditions": conditions, "factors": factors,
            "also_required": [funds_requirement(facts, rules, "Federal Skilled Worker Program")]}


def study_jobs(facts, exp):
    """Paid skilled jobs left out only because they were done during full-time study.

    The CEC never counts them (IRPR 87.1(3)(b)), but IRCC's FSW page says work
    while studying "may count" if it was paid and continuous and meets the other
    requirements, so for the FSW they make the answer "cannot tell", not "no".
    Source: https://www.canada.ca/en/immigration-refugees-citizenship/services/immigrate-canada/express-entry/eligibility/federal-skilled-workers.html
    """
    by_index = {j["index"]: j for j in facts["jobs"]}
    out = []
    for note in exp["jobs"]:
        codes = [c for c in note["reason_codes"] if c != "outside_canada"]
        if codes == ["full_time_student"]:
            out.append(by_index[note["index"]])
    return out


def _best_run(jobs, day, years, cap):
    best = 0
    for run in occupation_runs(jobs):
        units = skilled_units(run, day, years, cap)
        if units > best:
            best = units
    return best


def grid_points(facts, rules, exp, lang, more_jobs=()):
    """(points, factors) on the selection grid; ``more_jobs`` are counted as skilled work too."""
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
    units = skilled_units(exp["canadian_jobs"] + exp["foreign_jobs"] + list(more_jobs), facts["as_of_n"], mins["window_years"], cap)
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
    if facts["canadian_education"] in ("two_year", "three_year_plus"):  # 2 academic years of full-time study
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
