"""Calendar arithmetic on ISO dates, without the ``datetime`` module.

The checker runs unchanged in the browser under Brython, where importing the
standard library costs hundreds of milliseconds and ``date.isocalendar`` is
broken. Dates are therefore handled as *ordinals*: whole numbers of days, with
1 = Monday 1 January of year 1 (the same numbering as ``date.toordinal()``).
All arithmetic is on integers, so it is exact in both runtimes.

>>> to_ordinal("2024-06-01") - to_ordinal("2024-05-31")
1
>>> to_iso(add_years(to_ordinal("2024-02-29"), 1))
'2025-02-28'
>>> age_on("1998-04-12", "2026-04-11"), age_on("1998-04-12", "2026-04-12")
(27, 28)
"""

_DAYS_BEFORE_MONTH = (0, 0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334)
_DAYS_IN_MONTH = (0, 31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31)


def is_leap(year):
    return year % 4 == 0 and (year % 100 != 0 or year % 400 == 0)


def days_in_month(year, month):
    if month == 2 and is_leap(year):
        return 29
    return _DAYS_IN_MONTH[month]


_PARSED = {}


def parse_iso(text):
    """'YYYY-MM-DD' -> (year, month, day), or None if it is not a real date."""
    found = _PARSED.get(text) if isinstance(text, str) else None
    if found is not None:
        return found
    found = _parse_iso(text)
    if found is not None:
        if len(_PARSED) > 20000:  # a memo of a pure function; keep it bounded
            _PARSED.clear()
        _PARSED[text] = found
    return found


def _parse_iso(text):
    if not isinstance(text, str) or len(text) != 10 or text[4] != "-" or text[7] != "-":
        return None
    parts = (text[0:4], text[5:7], text[8:10])
    for part in parts:
        if not part.isdigit() or not part.isascii():
            return None
    year, month, day = int(parts[0]), int(parts[1]), int(parts[2])
    if year < 1 or not 1 <= month <= 12 or not 1 <= day <= days_in_month(year, month):
        return None
    return (year, month, day)


def ordinal_from_ymd(year, month, day):
    y = year - 1
    days = y * 365 + y // 4 - y // 100 + y // 400 + _DAYS_BEFORE_MONTH[month] + day
    if month > 2 and is_leap(year):
        days += 1
    return days


def to_ordinal(text):
    """'YYYY-MM-DD' -> day ordinal. Raises ValueError on a malformed date."""
    ymd = parse_iso(text)
    if ymd is None:
        raise ValueError("not an ISO date: %r" % (text,))
    return ordinal_from_ymd(ymd[0], ymd[1], ymd[2])


def ymd_from_ordinal(n):
    """Day ordinal -> (year, month, day)."""
    n0 = n - 1
    n400, n0 = divmod(n0, 146097)
    n100, n0 = divmod(n0, 36524)
    n4, n0 = divmod(n0, 1461)
    n1, n0 = divmod(n0, 365)
    year = n400 * 400 + n100 * 100 + n4 * 4 + n1 + 1
    if n1 == 4 or n100 == 4:
        return (year - 1, 12, 31)
    month = 1
    while month < 12 and n0 >= _DAYS_BEFORE_MONTH[month + 1] + (1 if month + 1 > 2 and is_leap(year) else 0):
        month += 1
    day = n0 - _DAYS_BEFORE_MONTH[month] - (1 if month > 2 and is_leap(year) else 0) + 1
    return (year, month, day)


_ISO = {}


def to_iso(n):
    found = _ISO.get(n)
    if found is None:
        year, month, day = ymd_from_ordinal(n)
        found = "%04d-%02d-%02d" % (year, month, day)
        if len(_ISO) > 20000:  # a memo of a pure function; keep it bounded
            _ISO.clear()
        _ISO[n] = found
    return found


_ADD_YEARS = {}


def add_years(n, years):
    """The same calendar day ``years`` later (or earlier); 29 February becomes 28 February.

    Used for "within the three years before" windows and "less than two years old"
    validity. Mapping 29 February to 28 February is the usual convention for
    anniversaries and errs towards a shorter validity.
    """
    key = (n, years)
    found = _ADD_YEARS.get(key)
    if found is not None:
        return found
    year, month, day = ymd_from_ordinal(n)
    year += years
    if month == 2 and day == 29 and not is_leap(year):
        day = 28
    result = ordinal_from_ymd(year, month, day)
    if len(_ADD_YEARS) > 20000:  # a memo of a pure function; keep it bounded
        _ADD_YEARS.clear()
    _ADD_YEARS[key] = result
    return result


def age_on(birth_iso, on_iso):
    """Age in whole years on a date: it goes up on the birthday itself."""
    b = parse_iso(birth_iso)
    d = parse_iso(on_iso)
    return age_from_ymd(b, d)


def age_from_ymd(birth, on):
    """Whole years. Someone born on 29 February has a birthday on 28 February in common years,
    the same convention as :func:`add_years`."""
    month, day = birth[1], birth[2]
    if month == 2 and day == 29 and not is_leap(on[0]):
        day = 28
    years = on[0] - birth[0]
    if (on[1], on[2]) < (month, day):
        years -= 1
    return years


def long_date(iso):
    """'2026-11-25' -> '25 November 2026' (for messages)."""
    year, month, day = parse_iso(iso)
    return "%d %s %d" % (day, MONTH_NAMES[month - 1], year)


MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July",
               "August", "September", "October", "November", "December")
