"""Hour counting: the weekly cap, windows, projections — against a day-by-day reference."""
from __future__ import annotations

import datetime as dt

from hypothesis import given, settings, strategies as st

from checker import dates, hours

CAP = hours.week_cap_units(30)


def d(iso):
    return dates.to_ordinal(iso)


def reference_units(spans, a, b, cap):
    """Obvious implementation: walk every day, bucket by Monday-to-Sunday week, cap each bucket at its share of
    the cap (a seventh for each of its days counted: a week only partly in a..b counts at most that share)."""
    weeks, days = {}, {}
    for day in range(a, b):
        rate = sum(r for s, e, r in spans if s <= day and (e is None or day < e))
        w = dt.date.fromordinal(day).isocalendar()[:2]  # CPython only: the reference, not the checker
        weeks[w] = weeks.get(w, 0) + rate
        days[w] = days.get(w, 0) + 1
    return sum(min(v, cap * days[w] // 7) for w, v in weeks.items())


def test_dates_round_trip_and_weekday_convention():
    for iso in ("0001-01-01", "1999-12-31", "2000-02-29", "2024-02-29", "2026-11-25", "2100-03-01"):
        n = dates.to_ordinal(iso)
        assert n == dt.date.fromisoformat(iso).toordinal()
        assert dates.to_iso(n) == iso
    assert dt.date.fromordinal(d("2024-06-03")).weekday() == 0  # ordinals and Mondays line up as in datetime
    # a calendar week runs Monday to Sunday: 24 hours on a Sunday and 24 on the Monday after count as two weeks
    # (48 hours), not one (capped at 30); the range counted is two whole weeks around them
    sunday = d("2024-06-02")
    assert hours.capped_units([(sunday, sunday + 2, 16800)], d("2024-05-27"), d("2024-06-10"), CAP) == 2 * 16800


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2200, 12, 31)), st.integers(-12, 12))
def test_add_years_matches_calendar(day, years):
    got = dates.to_iso(dates.add_years(day.toordinal(), years))
    try:
        expected = day.replace(year=day.year + years)
    except ValueError:  # 29 February into a common year
        expected = day.replace(year=day.year + years, day=28)
    assert got == expected.isoformat()


@given(st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)),
       st.dates(min_value=dt.date(1900, 1, 1), max_value=dt.date(2100, 1, 1)))
def test_age_on(birth, on):
    if birth >= on:
        return
    birthday = (birth.month, birth.day)
    if birthday == (2, 29) and not (on.year % 4 == 0 and (on.year % 100 != 0 or on.year % 400 == 0)):
        birthday = (2, 28)  # the same convention as add_years
    expected = on.year - birth.year - ((on.month, on.day) < birthday)
    assert dates.age_on(birth.isoformat(), on.isoformat()) == expected


def test_full_time_year_is_52_weeks_at_the_cap():
    mon = d("2024-06-03")
    spans = [(mon, None, 4000)]  # 40 h/week
    assert hours.capped_units(spans, mon, mon + 364, CAP) == hours.hours_to_units(1560)


def test_part_time_adds_up():
    mon = d("2024-06-03")
    spans = [(mon, None, 1500)]  # 15 h/week for 104 weeks = 1,560 hours
    assert hours.capped_units(spans, mon, mon + 728, CAP) == hours.hours_to_units(1560)


def test_two_jobs_together_are_capped_at_30_a_week():
    mon = d("2024-06-03")
    spans = [(mon, None, 2000), (mon, None, 2000)]  # 20 + 20 h/week
    assert hours.capped_units(spans, mon, mon + 7, CAP) == hours.hours_to_units(30)


def test_partial_weeks_count_the_days_worked():
    mon = d("2024-06-03")
    spans = [(mon + 5, mon + 7, 3500)]  # 35 h/week, Saturday and Sunday only, inside a whole counted week
    assert hours.capped_units(spans, mon, mon + 7, CAP) == 2 * 3500  # 10 hours: under the week's 30


def test_a_week_partly_in_the_window_counts_at_most_its_share_of_30_hours():
    # 40 h/week job; a window starting on a Thursday counts Thu-Sun: 4/7 of 30 hours (17.14), not 4 x 40/7 (22.86)
    mon = d("2024-06-03")
    spans = [(mon, None, 4000)]
    assert hours.capped_units(spans, mon + 3, mon + 7, CAP) == 4 * 3000
    assert hours.capped_units([(mon, None, 1400)], mon + 3, mon + 7, CAP) == 4 * 1400  # 14 h/week: under its share


def test_more_than_30_hours_a_week_never_reaches_1560_sooner():
    """The review's two-jobs case: from 1 September 2025 (a Monday), 30, 40 or 45 hours a week all reach 1,560
    hours on the same day, 31 August 2026, exactly 52 weeks later."""
    start = d("2025-09-01")
    days = {}
    for weekly in (30, 40, 45):
        spans = [(start, None, weekly * 100)]
        days[weekly] = hours.first_day_reaching(spans, start, 3, CAP, hours.hours_to_units(1560), start + 800)
    assert {dates.to_iso(x) for x in days.values()} == {"2025-09-01" if False else "2026-08-31"}


job_spans = st.lists(
    st.tuples(st.integers(0, 900), st.one_of(st.none(), st.integers(1, 700)), st.integers(1, 6000)),
    min_size=0, max_size=5)


@settings(max_examples=300, deadline=None)
@given(job_spans, st.integers(0, 1000), st.integers(0, 800))
def test_capped_units_equals_day_by_day_reference(raw, a_off, length):
    base = d("2020-01-01")
    spans = [(base + s, None if e is None else base + s + e, r) for s, e, r in raw]
    a = base + a_off
    b = a + length
    assert hours.capped_units(spans, a, b, CAP) == reference_units(spans, a, b, CAP)


@settings(max_examples=150, deadline=None)
@given(job_spans, st.integers(1, 5000))
def test_first_day_reaching_is_the_first_such_day(raw, target_hours):
    base = d("2023-01-02")
    spans = [(base + s, None if e is None else base + s + e, r) for s, e, r in raw]
    target = hours.hours_to_units(min(target_hours, 1560))
    start = base + 400
    horizon = start + 2000
    got = hours.first_day_reaching(spans, start, 3, CAP, target, horizon)
    if got is None:
        for day in range(start, horizon + 1, 37):
            assert hours.in_window(spans, day, 3, CAP) < target
    else:
        assert hours.in_window(spans, got, 3, CAP) >= target
        for day in range(start, got):
            assert hours.in_window(spans, day, 3, CAP) < target


@settings(max_examples=100, deadline=None)
@given(job_spans, st.integers(1, 1560))
def test_run_start_is_the_start_of_the_current_run(raw, target_hours):
    base = d("2021-01-04")
    spans = [(base + s, None if e is None else base + s + e, r) for s, e, r in raw]
    target = hours.hours_to_units(target_hours)
    day = base + 1500
    if not spans or hours.in_window(spans, day, 3, CAP) < target:
        return
    floor = min(s for s, _e, _r in spans)
    start = hours.run_start(spans, day, 3, CAP, target, floor)
    for x in range(start, day + 1):
        assert hours.in_window(spans, x, 3, CAP) >= target
    if start > floor:
        assert hours.in_window(spans, start - 1, 3, CAP) < target


def test_units_to_hours_never_overstates():
    assert hours.units_to_hours(hours.hours_to_units(1560)) == 1560.0
    assert hours.units_to_hours(2 * 4000) == 11.42  # 80/7 = 11.428... h, shown as 11.42


@settings(max_examples=100, deadline=None)
@given(job_spans, st.integers(1, 1560))
def test_run_end_is_the_first_day_the_target_is_missed(raw, target_hours):
    base = d("2021-01-04")
    spans = [(base + s, None if e is None else base + s + e, r) for s, e, r in raw]
    target = hours.hours_to_units(target_hours)
    day = base + 1200
    if not spans or hours.in_window(spans, day, 3, CAP) < target:
        return
    horizon = day + 1200
    end = hours.run_end(spans, day, 3, CAP, target, horizon)
    stop = horizon if end is None else end
    for x in range(day, stop):
        assert hours.in_window(spans, x, 3, CAP) >= target
    if end is not None:
        assert hours.in_window(spans, end, 3, CAP) < target


# --- how the weekly cap is shared between jobs (hours.shares) ---------------------------------------

from hypothesis import given, settings, strategies as st  # noqa: E402

SPAN = st.tuples(st.integers(739000, 740500), st.one_of(st.none(), st.integers(1, 1200)),
                 st.sampled_from([700, 1500, 2000, 2500, 3000, 3750, 4000, 4500, 6000]))


def week_by_week(spans, a, b, cap):
    """The sharing written out one calendar week at a time: the definition hours.shares must match."""
    out = [0] * len(spans)
    if b <= a or not spans:
        return out
    for w in range((a - 1) // 7, (b - 2) // 7 + 1):
        lo, hi = max(a, w * 7 + 1), min(b, w * 7 + 8)
        week = [max(0, min(hi, e or hi) - max(lo, s)) * rate for s, e, rate in spans]
        c = hours.week_cap_units(30) * (hi - lo) // 7
        if sum(week) > c:
            parts = [u * c // sum(week) for u in week]
            for i in sorted(range(len(week)), key=lambda i: -week[i])[:c - sum(parts)]:
                parts[i] += 1
            week = parts
        out = [o + u for o, u in zip(out, week)]
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(SPAN, min_size=1, max_size=4), st.integers(739000, 740500), st.integers(0, 1300))
def test_shares_are_the_week_by_week_sharing_and_add_up_to_the_capped_total(raw, a, length):
    spans = [(s, None if e is None else s + e, rate) for s, e, rate in raw]
    cap = hours.week_cap_units(30)
    got = hours.shares(spans, a, a + length, cap)
    assert got == week_by_week(spans, a, a + length, cap)
    assert sum(got) == hours.capped_units(spans, a, a + length, cap)
