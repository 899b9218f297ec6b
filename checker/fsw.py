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
from checker.words import join, msg

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
    name = msg("program." + program)
    if exempt:
        text = msg("fsw.funds.exempt", program=name)
    elif amount is None:
        text = msg("fsw.funds.no_amount", program=name)
    else:
        if given:
            family = msg("fsw.funds.family", n=size) if size > 1 else msg("fsw.funds.one_person")
        else:
            family = msg("fsw.funds.ask_size_couple" if size == 2 else "fsw.funds.ask_size_alone")
        text = msg("fsw.funds.amount", amount=amount, family=family, since=version["effective_from"])
        latest = rules.versions("settlement_funds", "amounts")[-1]
        if version is latest:
            text = join([text, msg("fsw.funds.may_be_old")], "space")
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
        detail = msg("fsw.work.met", hours=mins["min_hours"], years=mins["window_years"])
    else:
        detail = msg("fsw.work.short", hours=mins["min_hours"], years=mins["window_years"],
                     longest=int(hours.units_to_hours(best_run)))
        study = study_jobs(facts, exp)
        if study and _best_run(skilled + study, day, mins["window_years"], cap) >= year_units:
            work_ok = None
            detail = join([detail, msg("fsw.work.study_may_count")], "space")
    conditions.append(_condition("work_experience", work_ok, detail, grid_src))

    # language: CLB 7 in all four abilities of one official language
    need = mins["min_first_language_clb"]
    firsts = [e for e in lang["valid"] if clb.lowest(e["clb"]) >= need]
    lang_ok = bool(firsts)
    if lang_ok:
        detail = msg("fsw.language.met", test=firsts[0]["result"]["name"], clb=need)
    elif lang["valid"]:
        detail = msg("fsw.language.low", clb=need)
    else:
        detail = msg("fsw.language.none", clb=need)
    conditions.append(_condition("language", lang_ok, detail, rules.sources(GRID, "language", on)))

    # education
    level = facts["education"]
    if level is None:
        conditions.append(_condition("education", None, msg("fsw.education.unknown"), rules.sources(GRID, "education", on)))
    else:
        edu_ok = level != "none"
        conditions.append(_condition("education", edu_ok, msg("fsw.education.met" if edu_ok else "fsw.education.none"),
                                     rules.sources(GRID, "education", on)))

    points, factors = grid_points(facts, rules, exp, lang)
    pass_mark = rules.value(GRID, "pass_mark", on)
    incomplete = facts["age"] is None or level is None
    if incomplete:
        met = None if points < pass_mark else True
        detail = msg("fsw.points.so_far", points=points, need=pass_mark)
    else:
        met = points >= pass_mark
        detail = msg("fsw.points", points=points, need=pass_mark)
        study = study_jobs(facts, exp) if not met else []
        if study and grid_points(facts, rules, exp, lang, study)[0] >= pass_mark:
            met = None
            detail = join([detail, msg("fsw.points.study_may_count")], "space")
    conditions.append(_condition("selection_points", met, detail, rules.sources(GRID, "pass_mark", on)))

    province = facts["province"]
    conditions.append(_condition("intended_province", None if province is None else province != "QC",
                                 msg("fsw.province.outside" if province != "QC" else "program.province.quebec"),
                                 rules.sources("cec_requirements", "residence", on)))
    eligible = verdict([c["met"] for c in conditions])
    return {"eligible": eligible, "points": points, "pass_mark": pass_mark, "conditions": conditions, "factors": factors,
            "also_required": [funds_requirement(facts, rules, "fsw")]}


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
    best = (0, msg("fsw.factor.language_none", clb=lrule["first_per_ability"][0]["min_clb"]))
    for first in lang["valid"]:
        if clb.lowest(first["clb"]) < lrule["first_per_ability"][0]["min_clb"]:
            continue
        pts = 0
        for a in clb.ABILITIES:
            row = row_for(lrule["first_per_ability"], "min_clb", first["clb"][a])
            pts += row["points"] if row else 0
        detail = msg("fsw.factor.first", test=first["result"]["name"])
        for second in lang["valid"]:
            if second is not first and clb.lowest(second["clb"]) >= lrule["second_min_clb"]:
                pts += lrule["second_points"]
                detail = msg("fsw.factor.first_second", test=first["result"]["name"], second=second["result"]["name"])
        if pts > best[0]:
            best = (pts, detail)
    factors.append({"id": "language", "points": min(best[0], lrule["maximum"]), "detail": best[1]})

    level = facts["education"]
    edu = rules.value(GRID, "education", on)[level] if level else 0
    factors.append({"id": "education", "points": edu, "detail": msg("education_start." + level) if level else msg("fsw.factor.not_given")})

    mins = rules.value(GRID, "minimums", on)
    cap = hours.week_cap_units(mins["max_hours_per_week"])
    units = skilled_units(exp["canadian_jobs"] + exp["foreign_jobs"] + list(more_jobs), facts["as_of_n"], mins["window_years"], cap)
    years = units // hours.hours_to_units(mins["min_hours"])
    row = row_for(rules.value(GRID, "work_experience", on), "min_years", years)
    factors.append({"id": "work_experience", "points": row["points"] if row else 0,
                    "detail": msg("fsw.factor.work", years=years, window=mins["window_years"])})

    age = facts["age"]
    row = row_for(rules.value(GRID, "age", on), "min_age", age) if age is not None else None
    factors.append({"id": "age", "points": row["points"] if row else 0,
                    "detail": msg("crs.age", age=age) if age is not None else msg("fsw.factor.not_given")})

    offer = rules.value(GRID, "arranged_employment", on) if facts["job_offer"] else 0
    factors.append({"id": "arranged_employment", "points": offer, "detail": msg("fsw.factor.offer" if offer else "crs.offer_none")})

    ad = rules.value(GRID, "adaptability", on)
    parts = []
    spouse = facts["spouse"]
    if spouse and spouse["accompanying"] and spouse["result"]:
        r = spouse["result"]
        if r["accepted"] and facts["as_of_n"] < dates.add_years(r["test_date_n"], lang["validity_years"]):
            if clb.lowest(clb.levels(r, rules)) >= ad["spouse_language_min_clb"]:
                parts.append("spouse_language_clb4")
    if facts["canadian_education"] in ("two_year", "three_year_plus"):  # 2 academic years of full-time study
        parts.append("own_study_in_canada")
    if exp["canadian_years"] >= ad["work_in_canada_min_years"]:
        parts.append("own_work_in_canada")
    if spouse and spouse["accompanying"] and spouse["canadian_work_years"] >= ad["work_in_canada_min_years"]:
        parts.append("spouse_work_in_canada")
    if facts["job_offer"]:
        parts.append("arranged_employment")
    if facts["sibling"]:
        parts.append("relative_in_canada")
    raw = sum(ad[key] for key in parts)
    factors.append({"id": "adaptability", "points": min(raw, ad["maximum"]),
                    "detail": join([msg("fsw.adaptability." + key) for key in parts], "sep") if parts
                    else msg("fsw.adaptability.none")})
    return sum(f["points"] for f in factors), factors
