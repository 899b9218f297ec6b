"""Which jobs count as skilled work experience, and how much of it there is.

Canadian experience (for the CEC and the CRS) must be paid work in Canada, in
a NOC 2021 TEER 0, 1, 2 or 3 occupation, done with temporary resident status and
authorization to work, not self-employed, and not while a full-time student
(IRPR s. 87.1(2)(a) and (3); Ministerial Instructions s. 15(7) for the CRS).
Foreign experience (CRS skill transferability, FSW) is paid skilled work
outside Canada.

The facts computed here are shared by the CEC verdict, the CRS and the FSW/FST
checks, and are computed once per assessment date.
"""

from checker import dates, hours
from checker.words import msg

# Why a job does not count towards Canadian experience, in the order we report them; the words are the
# messages "experience.canadian.<code>" and "experience.foreign.<code>".
CANADIAN_EXCLUSIONS = (
    ("outside_canada", lambda j, teers: not j["in_canada"]),
    ("teer", lambda j, teers: j["teer"] not in teers),
    ("unpaid", lambda j, teers: not j["paid"]),
    ("self_employed", lambda j, teers: j["self_employed"]),
    ("full_time_student", lambda j, teers: j["full_time_student"]),
    ("unauthorized", lambda j, teers: not j["authorized"]),
)

FOREIGN_EXCLUSIONS = (
    ("teer", lambda j, teers: j["teer"] not in teers),
    ("unpaid", lambda j, teers: not j["paid"]),
    ("self_employed", lambda j, teers: j["self_employed"]),
    ("full_time_student", lambda j, teers: j["full_time_student"]),
)


def exclusions(job, rules_list, teers, kind="canadian"):
    """[(code, message)] of the reasons ``job`` does not count."""
    return [(code, msg("experience.%s.%s" % (kind, code))) for code, test in rules_list if test(job, teers)]


def compute(facts, rules):
    """Hours and years of experience on the assessment date (and projections)."""
    as_of = facts["as_of"]
    day = facts["as_of_n"]
    req = rules.value("cec_requirements", "work_experience", as_of)
    crs_count = rules.value("crs_core_canadian_work", "counting", as_of)
    teers = req["eligible_teer"]
    cap = hours.week_cap_units(req["max_hours_per_week"])
    year_units = hours.hours_to_units(req["min_hours"])
    window = req["window_years"]
    window_start = dates.add_years(day, -window)

    canadian, foreign, job_notes = [], [], []
    for job in facts["jobs"]:
        if job["in_canada"]:
            why = exclusions(job, CANADIAN_EXCLUSIONS, teers)
            if not why:
                canadian.append(job)
        else:
            why = exclusions(job, FOREIGN_EXCLUSIONS, teers, "foreign")
            if not why:
                foreign.append(job)
            why = [("outside_canada", msg("experience.canadian.outside_canada"))] + why
        span = hours.spans_of([job])
        in_cec_window = hours.capped_units(span, window_start, day, cap)
        job_notes.append({
            "index": job["index"],
            "counts_for_cec": job["in_canada"] and not why,
            "counts_as_foreign": (not job["in_canada"]) and len(why) == 1,
            "reasons": [text for _code, text in why],
            "reason_codes": [code for code, _text in why],
            "hours_in_window": hours.units_to_hours(in_cec_window),
        })

    # Each counted job's part of the capped total, when jobs overlap (the cap is shared between them).
    counted = [j for j in canadian]
    parts = hours.shares(hours.spans_of(counted), window_start, day, cap) if len(counted) > 1 else None
    if parts is not None:
        whole = hours.whole_hours(parts)
        by_index = {j["index"]: (units, w) for j, units, w in zip(counted, parts, whole)}
    for note in job_notes:
        if note["counts_for_cec"]:
            if parts is None:
                note["hours_counted"] = note["hours_in_window"]
                note["hours_counted_whole"] = int(note["hours_in_window"])
            else:
                units, w = by_index[note["index"]]
                note["hours_counted"] = hours.units_to_hours(units)
                note["hours_counted_whole"] = w

    # The language threshold depends on the TEER: group the jobs by the level their TEER needs.
    minimum = rules.value("cec_requirements", "language_minimum", as_of)
    high = max(minimum.values())
    spans = hours.spans_of(canadian)
    spans_01 = hours.spans_of([j for j in canadian if minimum[str(j["teer"])] == high])
    spans_23 = hours.spans_of([j for j in canadian if minimum[str(j["teer"])] < high])
    units = hours.capped_units(spans, window_start, day, cap)
    if spans_01 and spans_23:
        units_01 = hours.capped_units(spans_01, window_start, day, cap)
        units_23 = hours.capped_units(spans_23, window_start, day, cap)
    else:  # all of the work is in one group
        units_01 = units if spans_01 else 0
        units_23 = units if spans_23 else 0

    # When is (or was) the work requirement met, and until when does it stay met?
    eligible_on = met_until = None
    if spans:
        if units >= year_units:
            first_start = min(s for s, _e, _r in spans)
            eligible_on = hours.run_start(spans, day, window, cap, year_units, first_start)
            ongoing = [sp for sp in spans if sp[1] is None]
            if not (ongoing and hours.capped_units(ongoing, window_start, day, cap) >= year_units):
                # (ongoing work that alone meets the requirement keeps meeting it: no need to search)
                ends = hours.run_end(spans, day, window, cap, year_units, _horizon(spans, day, window))
                met_until = None if ends is None else ends - 1
        else:
            eligible_on = hours.first_day_reaching(spans, day + 1, window, cap, year_units, _horizon(spans, day, window))

    crs_years_window = crs_count["window_years"]
    crs_year_units = hours.hours_to_units(crs_count["hours_per_year"])
    crs_cap = hours.week_cap_units(crs_count["max_hours_per_week"])
    canadian_units_10 = hours.in_window(spans, day, crs_years_window, crs_cap)
    foreign_spans = hours.spans_of(foreign)
    foreign_units_10 = hours.in_window(foreign_spans, day, crs_years_window, crs_cap)

    return {
        "as_of": as_of,
        "day": day,
        "cap": cap,
        "year_units": year_units,
        "window_years": window,
        "window_start": dates.to_iso(window_start),
        "spans": spans,
        "canadian_jobs": canadian,
        "foreign_jobs": foreign,
        "jobs": job_notes,
        "units": units,
        "units_teer_0_1": units_01,
        "units_teer_2_3": units_23,
        "eligible_on": None if eligible_on is None else dates.to_iso(eligible_on),
        "met_until": None if met_until is None else dates.to_iso(met_until),
        "canadian_years": canadian_units_10 // crs_year_units,
        "foreign_years": foreign_units_10 // crs_year_units,
        "crs_window_years": crs_years_window,
        "crs_year_units": crs_year_units,
        "crs_cap": crs_cap,
    }


def crs_years(facts, rules):
    """Only the CRS years of Canadian and foreign experience on the assessment date (for re-scoring)."""
    on = facts["as_of"]
    req = rules.value("cec_requirements", "work_experience", on)
    count = rules.value("crs_core_canadian_work", "counting", on)
    teers = req["eligible_teer"]
    canadian = [j for j in facts["jobs"] if j["in_canada"] and not exclusions(j, CANADIAN_EXCLUSIONS, teers)]
    foreign = [j for j in facts["jobs"] if not j["in_canada"] and not exclusions(j, FOREIGN_EXCLUSIONS, teers, "foreign")]
    cap = hours.week_cap_units(count["max_hours_per_week"])
    year = hours.hours_to_units(count["hours_per_year"])
    day = facts["as_of_n"]
    return {
        "canadian_years": hours.in_window(hours.spans_of(canadian), day, count["window_years"], cap) // year,
        "foreign_years": hours.in_window(hours.spans_of(foreign), day, count["window_years"], cap) // year,
    }


def _horizon(spans, day, window):
    """Beyond this day nothing new can happen: every job has started and the window has rolled over."""
    last = day
    for s, e, _r in spans:
        if s > last:
            last = s
        if e is not None and e > last:
            last = e
    return dates.add_years(last, window) + 7


def next_canadian_year(exp):
    """(years, ISO date) when CRS Canadian experience next reaches a new full year, if ongoing work gets there."""
    years = exp["canadian_years"]
    spans = exp["spans"]
    if not spans or not any(e is None or e > exp["day"] for _s, e, _r in spans):
        return None
    target = (years + 1) * exp["crs_year_units"]
    day = hours.first_day_reaching(spans, exp["day"] + 1, exp["crs_window_years"], exp["crs_cap"], target,
                                   _horizon(spans, exp["day"], exp["crs_window_years"]))
    if day is None:
        return None
    return (years + 1, dates.to_iso(day))
