"""Counting hours of work: the 30-hour weekly cap, windows of years, projections.

IRCC counts experience in hours: 1,560 hours is one year of full-time work,
and at most 30 hours a week count, across all jobs ("Working more than 30 hours
a week isn't counted"). Part-time work adds up over any number of jobs.

How a job's hours are placed in time (our interpretation, stated on the
"Counting your work hours" guide): each job's weekly hours are spread evenly
over the seven days of every week from its start date to its end date
(inclusive). The cap applies to each calendar week, Monday to Sunday, to the
hours of that week that fall inside the window being counted. A week only
partly inside the window (at its first or last day) counts at most its share
of the cap, a seventh of 30 hours for each of its days inside: the careful
reading, so that working more than 30 hours a week never reaches 1,560 hours
sooner than working 30.

To stay exact in every runtime, hours are integers in *units* of 1/700 hour:
a job of ``hours_c`` hundredths of an hour a week contributes ``hours_c`` units
a day (seven days make ``7 * hours_c`` units = ``hours_c / 100`` hours).

Sources: IRPR s. 87.1(2)(a) and (3); canada.ca, "Canadian Experience Class",
https://www.canada.ca/en/immigration-refugees-citizenship/services/immigrate-canada/express-entry/who-can-apply/canadian-experience-class.html

>>> monday = dates.to_ordinal("2024-06-03")
>>> full_time = [(monday, None, 4000)]          # 40 h/week from a Monday, ongoing
>>> capped_units(full_time, monday, monday + 7 * 52, week_cap_units(30)) // UNITS_PER_HOUR
1560
"""

from checker import dates

UNITS_PER_HOUR = 700      # 1 unit = 1/700 hour; a day of an h-hour week is 100*h units
DAYS_PER_WEEK = 7


def hours_to_units(hours):
    return hours * UNITS_PER_HOUR


def units_to_hours(units):
    """Hours as a number with at most two decimals, rounded down (never overstates)."""
    hundredths = units // DAYS_PER_WEEK  # units are 1/700 h; //7 gives 1/100 h
    if hundredths % 100 == 0:
        return float(hundredths // 100)
    return hundredths / 100


def week_cap_units(max_hours_per_week):
    return max_hours_per_week * UNITS_PER_HOUR


def spans_of(jobs):
    """(first day, day after the last or None, units a day) for each job."""
    spans = []
    for job in jobs:
        end = job["end_n"]
        spans.append((job["start_n"], None if end is None else end + 1, job["hours_c"]))
    return spans


def week_share(cap, days):
    """The cap of a week only ``days`` of which are counted: its share, exact since a week's cap is 7 x a day's."""
    return cap * days // DAYS_PER_WEEK


def capped_units(spans, a, b, cap):
    """Units worked on days a <= d < b, counting at most ``cap`` units in any calendar week (its share of the cap
    in a week only partly inside a..b).

    Between consecutive start/end dates the set of active jobs (and so the daily
    rate) is constant, so whole weeks are counted in one step.
    """
    if b <= a or not spans:
        return 0
    first_week, last_week = (a - 1) // DAYS_PER_WEEK, (b - 2) // DAYS_PER_WEEK
    # the caps of the first and last weeks, when only part of them is counted
    head_cap = week_share(cap, min(b, first_week * DAYS_PER_WEEK + DAYS_PER_WEEK + 1) - a)
    tail_cap = week_share(cap, b - max(a, last_week * DAYS_PER_WEEK + 1))
    if len(spans) == 1:  # the common case: one job, one stretch of constant hours
        s, e, rate = spans[0]
        p = a if a > s else s
        q = b if e is None or e > b else e
        return _one_stretch(p, q, rate, cap, first_week, last_week, head_cap, tail_cap) if q > p else 0

    def cap_of(w):
        if w == first_week:
            return head_cap
        if w == last_week:
            return tail_cap
        return cap

    cuts = {a, b}
    for s, e, _rate in spans:
        if a < s < b:
            cuts.add(s)
        if e is not None and a < e < b:
            cuts.add(e)
    cuts = sorted(cuts)
    total = 0
    week = None
    acc = 0
    for i in range(len(cuts) - 1):
        p, q = cuts[i], cuts[i + 1]
        rate = 0
        for s, e, r in spans:
            if s <= p and (e is None or e > p):
                rate += r
        if rate == 0:
            continue
        w = (p - 1) // DAYS_PER_WEEK
        if w != week:
            if week is not None:
                c = cap_of(week)
                total += acc if acc < c else c
            acc = 0
            week = w
        next_week = w * DAYS_PER_WEEK + DAYS_PER_WEEK + 1
        stop = next_week if next_week < q else q
        acc += (stop - p) * rate
        d = stop
        if d < q:
            # d starts a new week: close the last one, count whole weeks at once (a whole week lies
            # inside a..b, so its cap is the full cap).
            c = cap_of(week)
            total += acc if acc < c else c
            full = (q - d) // DAYS_PER_WEEK
            if full:
                per_week = DAYS_PER_WEEK * rate
                total += full * (per_week if per_week < cap else cap)
                d += full * DAYS_PER_WEEK
            week = (d - 1) // DAYS_PER_WEEK
            acc = (q - d) * rate
    if week is not None:
        c = cap_of(week)
        total += acc if acc < c else c
    return total


def _one_stretch(p, q, rate, cap, first_week, last_week, head_cap, tail_cap):
    """Capped units for days p <= d < q at a constant daily ``rate``, with no other work around.

    ``first_week``/``last_week`` are the counted range's first and last weeks, whose caps are
    ``head_cap``/``tail_cap`` (their share of ``cap`` when only part of them is counted).
    """
    def cap_of(w):
        if w == first_week:
            return head_cap
        if w == last_week:
            return tail_cap
        return cap

    w0 = (p - 1) // DAYS_PER_WEEK
    first_week_end = (w0 + 1) * DAYS_PER_WEEK + 1
    if q <= first_week_end:  # all in one calendar week
        units = (q - p) * rate
        c = cap_of(w0)
        return units if units < c else c
    head = (first_week_end - p) * rate
    c = cap_of(w0)
    total = head if head < c else c
    w_last = (q - 2) // DAYS_PER_WEEK
    full = w_last - w0 - 1  # whole weeks between the first and the last
    per_week = DAYS_PER_WEEK * rate
    if full > 0:
        total += full * (per_week if per_week < cap else cap)
    tail = (q - (w_last * DAYS_PER_WEEK + 1)) * rate
    c = cap_of(w_last)
    return total + (tail if tail < c else c)


def in_window(spans, day, years, cap):
    """Capped units in the ``years`` years before ``day`` (the day itself excluded)."""
    return capped_units(spans, dates.add_years(day, -years), day, cap)


def _max_daily(spans, cap):
    rate = sum(r for _s, _e, r in spans)
    return rate if rate < cap else cap


def _safe_days(amount, step_max, cap):
    """How many days the window can move before the count changes by ``amount`` units.

    Moving the window by k days adds (or drops) k days at one end, and one more
    for each 29 February the window's start skips (the start is "the same day
    three years earlier", so from 28 February to 1 March it moves two days when
    29 February falls between: at most one in 1,461 days). Those days hold at most
    their daily rate each, and also at most the cap of each calendar week they
    touch (at most k/7 + 2 weeks, plus one for the extra day). Either bound is
    safe; use the larger.
    """
    days = amount // step_max
    by_rate = days - (days // 1461 + 1)
    by_weeks = DAYS_PER_WEEK * (amount // cap - 3)
    return by_rate if by_rate > by_weeks else by_weeks


def first_day_reaching(spans, start_day, years, cap, target, horizon):
    """The first day D >= start_day with in_window(D) >= target, or None before ``horizon``.

    The count can rise by at most the daily rate of all jobs each day, so when
    ``deficit`` units are missing no day earlier than deficit / rate can reach
    the target; jumping by that much is safe and converges quickly.
    """
    step_max = _max_daily(spans, cap)
    if step_max <= 0:
        return None
    day = start_day
    while day <= horizon:
        have = in_window(spans, day, years, cap)
        if have >= target:
            return day
        jump = _safe_days(target - have, step_max, cap)
        day += jump if jump > 0 else 1
    return None


def run_start(spans, day, years, cap, target, floor_day):
    """Earliest D <= day such that the target is met on every day from D to ``day``.

    Assumes it is met on ``day``. Going back one day removes at most one day of
    work from the head of the window, so a surplus of s units is safe for
    s / rate days.
    """
    step_max = _max_daily(spans, cap)
    have = in_window(spans, day, years, cap)
    while day > floor_day:
        back = _safe_days(have - target, step_max, cap) if step_max > 0 else 0
        if back > 0:
            candidate = day - back
            if candidate < floor_day:
                candidate = floor_day
            day = candidate
            have = in_window(spans, day, years, cap)
            continue
        before = in_window(spans, day - 1, years, cap)
        if before < target:
            return day
        day -= 1
        have = before
    return day


def run_end(spans, day, years, cap, target, horizon):
    """The first day after ``day`` on which the target is no longer met, or None up to ``horizon``.

    Assumes it is met on ``day``. Moving the window forward one day drops at most
    one day of work from its start, so a surplus of s units is safe for a while.
    """
    step_max = _max_daily(spans, cap)
    if step_max <= 0:
        return None
    have = in_window(spans, day, years, cap)
    while day < horizon:
        forward = _safe_days(have - target, step_max, cap)
        if forward > 0:
            day = day + forward if day + forward < horizon else horizon
            have = in_window(spans, day, years, cap)
            continue
        after = in_window(spans, day + 1, years, cap)
        if after < target:
            return day + 1
        day += 1
        have = after
    return None


def shares(spans, a, b, cap):
    """Each span's part of ``capped_units(spans, a, b, cap)``: in a week over the cap, the cap is shared between
    the jobs in proportion to their hours that week (the rest of a unit going to the largest). The parts add
    up to the capped total exactly, so each job can say how many of its hours counted.

    Whole weeks between two start or end dates share out alike, so each run of them is worked out once."""
    out = [0] * len(spans)
    if b <= a or not spans:
        return out
    first_week, last_week = (a - 1) // DAYS_PER_WEEK, (b - 2) // DAYS_PER_WEEK
    cuts = sorted({d for s, e, _r in spans for d in (s, e) if d is not None and a < d < b} | {b})
    c_i = 0
    w = first_week
    while w <= last_week:
        w_start = w * DAYS_PER_WEEK + 1
        lo = a if a > w_start else w_start
        hi = b if b < w_start + DAYS_PER_WEEK else w_start + DAYS_PER_WEEK
        run = 1
        if lo == w_start and hi == w_start + DAYS_PER_WEEK:  # a whole week: how many like it follow?
            while cuts[c_i] <= w_start:
                c_i += 1
            run = (cuts[c_i] - w_start) // DAYS_PER_WEEK
            if run < 1:
                run = 1  # a job starts or ends inside this week
        for i, units in enumerate(_week_parts(spans, lo, hi, cap)):
            out[i] += units * run
        w += run
    return out


def _week_parts(spans, lo, hi, cap):
    """Each span's counted units on days lo <= d < hi of one calendar week."""
    week = []
    for s, e, rate in spans:
        p = lo if lo > s else s
        q = hi if e is None or e > hi else e
        week.append((q - p) * rate if q > p else 0)
    total = sum(week)
    c = week_share(cap, hi - lo)
    if total <= c:
        return week
    parts = [units * c // total for units in week]
    rest = c - sum(parts)
    for i in sorted(range(len(week)), key=lambda i: -week[i])[:rest]:
        parts[i] += 1
    return parts


def whole_hours(units_list):
    """Whole hours for each of ``units_list`` that add up to the whole hours of their sum (largest remainder)."""
    total = sum(units_list) // UNITS_PER_HOUR
    whole = [u // UNITS_PER_HOUR for u in units_list]
    rest = total - sum(whole)
    for i in sorted(range(len(units_list)), key=lambda i: -(units_list[i] % UNITS_PER_HOUR))[:rest]:
        whole[i] += 1
    return whole
