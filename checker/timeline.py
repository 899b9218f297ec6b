"""A personal timeline: the dated events that decide when a person can apply, sorted by date.

Each event is ``{"date", "id", "text", "warning"}`` (contract §5). The trap the
guides call the biggest is a work permit that ends before the year of work is
done: ``permit_end`` is a warning when it comes before ``cec_eligible``, or when
no date for the CEC work requirement is in sight. A language result that expires
before that day, and the day older hours start leaving the 3-year window, are
warnings too. Everything here is computed by the rules; the page only draws it.
"""

from checker import dates
from checker.words import msg


def _event(date, eid, text, warning=False, **values):
    return {"date": date, "id": eid, "text": text, "warning": warning, **values}


def build(facts, cec_result, lang, crs_result, rules, in_categories):
    """The timeline of one assessment (sorted by date, then id)."""
    as_of = facts["as_of"]
    need = cec_result["hours_needed"]
    qualifies = cec_result["eligible_on"]
    events = []
    if qualifies:
        future = qualifies > as_of
        events.append(_event(qualifies, "cec_eligible", msg("timeline.cec_eligible" if future else "timeline.cec_eligible_past",
                                                            need=need)))
    if cec_result.get("met_until"):
        events.append(_event(cec_result["met_until"], "cec_met_until", msg("timeline.cec_met_until", need=need,
                                                                            years=rules.value("cec_requirements",
                                                                                              "work_experience",
                                                                                              as_of)["window_years"]),
                             warning=True))
    permit = facts.get("permit_end")
    if permit:
        events.append(_permit_event(permit, qualifies, as_of, need))
    for e in lang["valid"]:
        expires = e["valid_until"]
        needed_until = qualifies if qualifies and qualifies > as_of else None
        late = needed_until is not None and expires <= needed_until
        text = (msg("timeline.test_expires_early", test=e["result"]["name"], qualifies=needed_until,
                    days=_days(dates.to_ordinal(needed_until) - dates.to_ordinal(expires))) if late
                else msg("timeline.test_expires", test=e["result"]["name"], years=lang["validity_years"]))
        events.append(_event(expires, "language_test_expires", text, warning=late))
    for c in in_categories:
        if c["eligible_on"] and c["eligible_on"] > as_of and c["eligible"] is not None:
            events.append(_event(c["eligible_on"], "category_eligible:" + c["id"],
                                 msg("timeline.category", category=msg("category.name." + c["id"]))))
    birthday = _age_points_drop(facts, rules, crs_result["with_spouse"])
    if birthday:
        events.append(_event(birthday[0], "crs_age_points", msg("timeline.age", age=birthday[1], points=birthday[2])))
    events.sort(key=lambda e: (e["date"], e["id"]))
    return events


def _days(n):
    return msg("timeline.days", n=n)


def _permit_event(permit, qualifies, as_of, need):
    """The permit's end: a warning when it comes before the work requirement is met (or none is in sight)."""
    if qualifies and qualifies <= as_of:
        return _event(permit, "permit_end", msg("timeline.permit_end"), warning=False)
    if qualifies is None:
        return _event(permit, "permit_end", msg("timeline.permit_end_no_date", need=need), warning=True)
    if permit < qualifies:
        days = dates.to_ordinal(qualifies) - dates.to_ordinal(permit)
        return _event(permit, "permit_end", msg("timeline.permit_end_early", need=need, qualifies=qualifies,
                                                days=_days(days)), warning=True, days_short=days)
    return _event(permit, "permit_end", msg("timeline.permit_end_after", need=need), warning=False)


def _age_points_drop(facts, rules, with_spouse):
    """(date, age, points lost) of the next birthday within two years that lowers CRS age points, if any."""
    birth = facts.get("birth_date")
    if not birth or facts["age"] is None:
        return None
    on = facts["as_of"]
    bands = rules.value("crs_core_age", "points", on)
    column = "with_spouse" if with_spouse else "without_spouse"

    def points(age):
        found = 0
        for row in bands:
            if row["min_age"] <= age:
                found = row[column]
        return found

    for years in (1, 2):
        age = facts["age"] + years
        day = dates.to_iso(dates.add_years(dates.to_ordinal(birth), age))
        lost = points(age - 1) - points(age)
        if day > on and lost > 0:
            return day, age, lost
    return None
