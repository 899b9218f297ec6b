"""Express Entry category-based selection: the categories whose rounds can invite a person.

Since 2023 the Minister may invite candidates of a category (IRPA s. 10.3(1)(d)
and the Ministerial Instructions on category-based selection): strong French,
or recent work in one of a list of occupations. A category only ranks people who
are already in the pool, so it also needs eligibility for one Express Entry
program (CEC, FSW or FST). The categories, their NOC 2021 lists and the
experience rule are dated data (``checker/data/ee_categories.json``):

- from 27 February 2025: at least 6 months of continuous full-time work (or the
  same in part time) in one listed occupation in the last 3 years;
- from 18 February 2026: at least 12 months of full-time work (or the same in
  part time) in one listed occupation in the last 3 years, not necessarily
  continuous; in Canada for physicians, researchers and senior managers.

Months are counted as the CEC counts a year (our reading, stated on the
"Category rounds in 2026" guide; IRCC states months, not hours): at most 30
hours a week, so 12 months are 1,560 hours and 6 months 780. Work counts as it
does for the CEC: paid, authorized, not self-employed, not while a full-time
student; abroad too where the category does not require Canadian experience.

Source: https://www.canada.ca/en/immigration-refugees-citizenship/services/immigrate-canada/express-entry/rounds-invitations/category-based-selection.html
"""

from checker import cec, clb, dates, hours
from checker.experience import CANADIAN_EXCLUSIONS, FOREIGN_EXCLUSIONS, exclusions
from checker.words import join, msg

TABLE = "ee_categories"
MONTHS_PER_YEAR = 12


def in_force(rules, on):
    """The categories' rules in force on ``on`` (None before category-based selection is modelled)."""
    return rules.value_or_none(TABLE, "categories", on)


def program_gate(programs, listed):
    """True if eligible for one of the listed programs, None if one cannot be told and none is met, else False."""
    states = [programs.get(p) for p in listed]
    if True in states:
        return True
    if None in states:
        return None
    return False


def _entry(cid, eligible, detail, cat, hours_done=None, eligible_on=None):
    return {"id": cid, "eligible": eligible, "detail": detail, "hours": hours_done, "eligible_on": eligible_on,
            "sources": cat.get("sources", [])[:3]}


# --- French-language proficiency ------------------------------------------------------------

def french(cid, cat, facts, rules, lang):
    """NCLC 7 (the data's level) in all four abilities on a valid French result; no occupation."""
    rule = cat["language"]
    need = rule["min_nclc"]
    valid = [e for e in lang["valid"] if e["result"]["language"] == rule["test_language"]]
    if not valid:
        expired = [e for e in lang["expired"] if e["result"]["language"] == rule["test_language"]]
        if expired:
            return _entry(cid, False, msg("category.french.unusable", result=cec.unusable_text(expired[0]), nclc=need), cat)
        tests = [info["name"] for info in clb.approved_tests(rules, facts["as_of"]).values()
                 if info["language"] == rule["test_language"]]
        return _entry(cid, False, msg("category.french.none", tests=join(tests, "or"), nclc=need), cat)
    entry = valid[0]
    short = [a for a in rule["abilities"] if entry["clb"][a] < need]
    if short:
        return _entry(cid, False, msg("category.french.short", test=entry["result"]["name"], nclc=need,
                                      abilities=join([msg("ability." + a) for a in short], "and")), cat)
    return _entry(cid, True, msg("category.french.met", test=entry["result"]["name"], nclc=need), cat)


# --- occupation categories --------------------------------------------------------------------

def _counts(job, teers, canada_only):
    """Whether a job's hours can count for an occupation category (its code aside)."""
    if job["in_canada"]:
        return not exclusions(job, CANADIAN_EXCLUSIONS, teers)
    return not canada_only and not exclusions(job, FOREIGN_EXCLUSIONS, teers, "foreign")


def _runs(jobs):
    """Jobs in one occupation grouped into continuous periods (back to back, no gap)."""
    runs = []
    for job in sorted(jobs, key=lambda j: j["start_n"]):
        last = runs[-1] if runs else None
        if last and last[-1]["end_n"] is not None and job["start_n"] <= last[-1]["end_n"] + 1:
            last.append(job)
        else:
            runs.append([job])
    return runs


def _groups(jobs, continuous):
    """The sets of jobs whose hours add up: one occupation (continuous periods of it, for the 2025 rule)."""
    by_noc = {}
    for job in jobs:
        by_noc.setdefault(job["noc"], []).append(job)
    out = []
    for noc in sorted(by_noc):
        for group in (_runs(by_noc[noc]) if continuous else [by_noc[noc]]):
            out.append((noc, group))
    return out


def _reached_on(spans, day, years, cap, target):
    """The first day the target was met in the run of days that includes ``day`` (it is met on ``day``)."""
    first_start = min(s for s, _e, _r in spans)
    return hours.run_start(spans, day, years, cap, target, first_start)


def _horizon(spans, day, years):
    last = day
    for s, e, _r in spans:
        last = max(last, s, e if e is not None else s)
    return dates.add_years(last, years) + 7


class _Work:
    """What every occupation category of one assessment reads: the work rule in force and the jobs whose hours
    can count, in Canada only or anywhere (worked out once, not once per category)."""

    def __init__(self, facts, rules):
        req = rules.value("cec_requirements", "work_experience", facts["as_of"])
        self.req = req
        self.cap = hours.week_cap_units(req["max_hours_per_week"])
        teers = req["eligible_teer"]
        self.counting = {flag: [j for j in facts["jobs"] if _counts(j, teers, flag)] for flag in (False, True)}


def occupation(cid, cat, experience, facts, rules, work=None):
    """At least the rule's months of work in ONE listed occupation in the window (continuous, in 2025)."""
    work = work or _Work(facts, rules)
    day = facts["as_of_n"]
    req = work.req
    cap = work.cap
    years = experience["window_years"]
    need_hours = req["min_hours"] * experience["months"] // MONTHS_PER_YEAR
    target = hours.hours_to_units(need_hours)
    listed = cat["noc"]  # a few jobs against a list: no set needed
    canada_only = cat.get("canada_only", False)
    counting = work.counting[canada_only]
    mine = [j for j in counting if j["noc"] is not None and j["noc"] in listed]
    best, best_group, reached, will_reach = 0, None, None, None
    for noc, group in _groups(mine, experience["continuous"]):
        spans = hours.spans_of(group)
        units = hours.in_window(spans, day, years, cap)
        if units > best:
            best, best_group = units, group
        if units >= target:
            found = _reached_on(spans, day, years, cap, target)
            reached = found if reached is None or found < reached else reached
        elif any(j["end_n"] is None or j["end_n"] > day for j in group):
            found = hours.first_day_reaching(spans, day + 1, years, cap, target, _horizon(spans, day, years))
            if found is not None and (will_reach is None or found < will_reach):
                will_reach = found
    done = hours.units_to_hours(best)
    rule = msg("category.rule.%s" % ("continuous" if experience["continuous"] else "total"), months=experience["months"],
               hours=need_hours, years=years)
    where = msg("category.canada_only") if canada_only else ""
    if reached is not None:
        job = cec.job_name(best_group[-1])
        return _entry(cid, True, join([msg("category.occupation.met", hours=done, job=job, noc=best_group[-1]["noc"],
                                           rule=rule), where], "space"), cat, done, dates.to_iso(reached))
    no_code = [j for j in counting if j["noc"] is None]
    listed_teers = {int(code[1]) for code in listed} if no_code else ()
    unknown = [j for j in no_code if j["teer"] in listed_teers]
    if unknown:
        return _entry(cid, None, join([msg("category.occupation.need_noc", job=cec.job_name(unknown[0]), rule=rule), where],
                                      "space"), cat, done if mine else None,
                      dates.to_iso(will_reach) if will_reach is not None else None)
    if not mine:
        return _entry(cid, False, join([msg("category.occupation.none", count=len(listed), rule=rule), where], "space"),
                      cat, None, None)
    detail = msg("category.occupation.short", hours=done, need=need_hours, rule=rule)
    if will_reach is not None:
        detail = join([detail, msg("category.occupation.will_reach", on=dates.to_iso(will_reach))], "space")
    return _entry(cid, False, join([detail, where], "space"), cat, done,
                  dates.to_iso(will_reach) if will_reach is not None else None)


# --- skilled military recruits ------------------------------------------------------------------

def military(cid, cat):
    """Recruits of the Canadian Armed Forces: the offer is the condition, and the checker does not ask about it."""
    return _entry(cid, None, msg("category.military"), cat)


# --- all of them ---------------------------------------------------------------------------------

def _with_gate(entry, gate):
    """A category also needs eligibility for one Express Entry program (``gate``)."""
    own = entry["eligible"]
    if own is False or gate is True:
        return entry
    if gate is False:
        entry["eligible"] = False
        entry["detail"] = join([entry["detail"], msg("category.no_program")], "space")
    elif own is True:
        entry["eligible"] = None
        entry["detail"] = join([entry["detail"], msg("category.program_unknown")], "space")
    return entry


def assess(facts, rules, exp, lang, programs, kinds=None):
    """One entry per category in force on the assessment date (contract §5 ``categories``), or [] before any.

    ``programs``: {"cec", "fsw", "fst"}: the verdict of each program (True, False or None).
    ``kinds``: only the categories of these kinds ("language", "occupation", "military"), or all.
    """
    rules_now = in_force(rules, facts["as_of"])
    if rules_now is None:
        return []
    gate = program_gate(programs, rules_now["programs"])
    work = _Work(facts, rules)
    out = []
    for cid, cat in rules_now["categories"].items():
        kind = cat["kind"]
        if kinds is not None and kind not in kinds:
            continue
        if kind == "language":
            entry = french(cid, cat, facts, rules, lang)
        elif kind == "occupation":
            entry = occupation(cid, cat, rules_now["experience"], facts, rules, work)
        else:
            entry = military(cid, cat)
        out.append(_with_gate(entry, gate))
    return out


def eligible_ids(categories):
    """The ids of the categories a person is eligible for now."""
    return [c["id"] for c in categories if c["eligible"] is True]
