"""Reading and checking the answers document (``contract.md`` §1).

:func:`read_answers` turns the visitor's answers into the plain facts the rule
modules use, or reports every problem at once. Nothing is coerced: a string
where a number belongs, an unknown field, a score off the test's scale or an
end date before a start date is an error that names the field and says what is
allowed. Only absent optional fields take defaults (those the contract lists).
"""

from checker import clb, dates
from checker.words import join, msg

PROVINCES = {
    "AB": "Alberta", "BC": "British Columbia", "MB": "Manitoba", "NB": "New Brunswick",
    "NL": "Newfoundland and Labrador", "NS": "Nova Scotia", "NT": "Northwest Territories",
    "NU": "Nunavut", "ON": "Ontario", "PE": "Prince Edward Island", "QC": "Quebec",
    "SK": "Saskatchewan", "YT": "Yukon",
}

EDUCATION_LEVELS = ("none", "secondary", "one_year", "two_year", "bachelors", "two_or_more", "masters", "phd")
# "one_or_two_year" is the answer of shared links made before one- and two-year credentials were told
# apart (contract §5): "one or two years, not known which".
CANADIAN_EDUCATION = ("none", "one_year", "two_year", "one_or_two_year", "three_year_plus")

# The lowest highest-level that a Canadian credential of each length implies.
_CANADIAN_IMPLIES = {"one_year": "one_year", "two_year": "two_year", "one_or_two_year": "one_year",
                     "three_year_plus": "bachelors"}

TOP_FIELDS = ("as_of", "birth_date", "intended_province", "education", "languages", "jobs",
              "certificate_of_qualification", "provincial_nomination", "sibling_in_canada",
              "job_offer", "spouse", "permit_end", "family_size")
EDUCATION_FIELDS = ("level", "canadian")
RESULT_FIELDS = ("test", "test_date") + clb.ABILITIES
JOB_FIELDS = ("title", "noc", "teer", "start", "end", "hours_per_week", "in_canada", "paid",
              "self_employed", "full_time_student", "authorized")
JOB_DEFAULTS = (("in_canada", True), ("paid", True), ("self_employed", False),
                ("full_time_student", False), ("authorized", True))
JOB_OFFER_FIELDS = ("teer", "major_group_00", "noc")
SPOUSE_FIELDS = ("accompanying", "citizen_or_pr", "education_level", "language", "canadian_work_years")

MAX_JOBS = 30
MAX_HOURS_PER_WEEK = 168
MAX_AGE = 120
MAX_TITLE_LENGTH = 200
MAX_FAMILY_SIZE = 30
MAX_KEY_SHOWN = 40               # an unknown field's name is shown at most this long
MAX_LINE = 300                   # the command line's one-line message
LATEST_AS_OF = "2100-12-31"      # a sanity bound: dates far beyond it are typing mistakes
MAX_YEARS_AHEAD = 10             # jobs may be planned, but not decades ahead


class InvalidAnswers(Exception):
    """The answers break the contract; ``errors`` lists {"field", "message"} for each problem."""

    def __init__(self, errors):
        Exception.__init__(self, "; ".join("%s: %r" % (e["field"], e["message"]) for e in errors))
        self.errors = errors

    def texts(self, words):
        """The errors with their messages in words: [{"field", "message"}]."""
        return [{"field": e["field"], "message": words.text(e["message"])} for e in self.errors]

    def one_line(self, words):
        first = self.errors[0]
        more = len(self.errors) - 1
        tail = words.text(msg("answers.more_problems", n=more)) if more else ""
        line = words.text(msg("answers.one_line", field=first["field"], message=first["message"]))
        if len(line) + len(tail) > MAX_LINE:
            line = line[:MAX_LINE - len(tail) - 1] + "…"
        return line + tail


class _Problems:
    def __init__(self):
        self.errors = []

    def add(self, field, message):
        self.errors.append({"field": field, "message": message})


def _is_bool(v):
    return v is True or v is False


def _is_number(v):
    return not _is_bool(v) and isinstance(v, (int, float)) and v == v and v not in (float("inf"), float("-inf"))


def is_ascii_digits(text, length):
    """Exactly ``length`` digits 0-9 (not other scripts' digits, nor superscripts that isdigit() accepts)."""
    return isinstance(text, str) and len(text) == length and all("0" <= c <= "9" for c in text)


def is_clean_text(text):
    """Text that can be written back as UTF-8 and shown as one line: no control characters, no lone surrogates."""
    if not isinstance(text, str):
        return False
    for c in text:
        o = ord(c)
        if o < 32 or 127 <= o < 160 or 0xD800 <= o <= 0xDFFF:
            return False
    return True


_PLAIN_KEY = "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789_-"


def shown_key(key):
    """An unknown field's name as an error shows it: on one line, without control codes, at most
    MAX_KEY_SHOWN characters. A name of anything but letters, digits, "_" and "-" (which could be
    mistaken for a path, or mislead a terminal) is shown as a quoted string, escaped as in JSON."""
    if not key or len(key) > MAX_KEY_SHOWN or any(c not in _PLAIN_KEY for c in key):
        out = []
        for c in key:
            o = ord(c)
            out.append(c if 32 <= o < 127 and c not in '"\\' else ("\\u%04x" % o if o < 0x10000 else "\\U%08x" % o))
        quoted = '"%s"' % "".join(out)
        key = quoted if len(quoted) <= MAX_KEY_SHOWN else quoted[:MAX_KEY_SHOWN - 2] + '…"'
    return key


def _describe_choices(choices):
    return ", ".join('"%s"' % c for c in choices)


def _choice(value, choices):
    """``value`` if it is one of ``choices`` (strings), else None (a list or object is never a choice)."""
    return value if isinstance(value, str) and value in choices else None


def _check_keys(obj, allowed, path, p):
    for key in obj:
        if key not in allowed:
            name = shown_key(key)
            p.add(path + name if not path else path + "." + name,
                  msg("answers.unknown_field", allowed=", ".join(allowed)))


def _date(value, field, p, what="answers.what.date"):
    if not isinstance(value, str) or dates.parse_iso(value) is None:
        p.add(field, msg("answers.bad_date", what=msg(what)))
        return None
    return value


def _bool(obj, key, default, path, p):
    """A true/false answer; only an absent one takes the default (null is not "absent")."""
    if key not in obj:
        return default
    value = obj[key]
    if not _is_bool(value):
        p.add(path + key, msg("answers.bool"))
        return default
    return value


def read_answers(answers, rules, today):
    """Validate ``answers`` and return the facts the rules use.

    ``today`` (ISO date) is used only when the answers have no ``as_of``.
    Raises :class:`InvalidAnswers` listing every problem.
    """
    p = _Problems()
    if not isinstance(answers, dict):
        p.add("(answers)", msg("answers.not_object"))
        raise InvalidAnswers(p.errors)
    _check_keys(answers, TOP_FIELDS, "", p)

    # --- assessment date
    earliest = rules.value("scope", "earliest_as_of", "9999-12-31")
    as_of = answers.get("as_of")
    if as_of is None:
        as_of = today
    if _date(as_of, "as_of", p) is None:
        raise InvalidAnswers(p.errors)
    if as_of < earliest:
        p.add("as_of", msg("answers.as_of_early", earliest=earliest))
        raise InvalidAnswers(p.errors)
    if as_of > LATEST_AS_OF:
        p.add("as_of", msg("answers.as_of_late", latest=LATEST_AS_OF))
        raise InvalidAnswers(p.errors)
    facts = {"as_of": as_of, "as_of_n": dates.to_ordinal(as_of)}

    # --- you
    birth = answers.get("birth_date")
    facts["birth_date"] = None
    facts["age"] = None
    if birth is not None and _date(birth, "birth_date", p) is not None:
        if birth >= as_of:
            p.add("birth_date", msg("answers.birth_after", as_of=as_of))
        else:
            age = dates.age_on(birth, as_of)
            if age > MAX_AGE:
                p.add("birth_date", msg("answers.birth_age", most=MAX_AGE))
            else:
                facts["birth_date"] = birth
                facts["age"] = age

    province = answers.get("intended_province")
    facts["province"] = None
    if province is not None:
        if _choice(province, PROVINCES):
            facts["province"] = province
        else:
            p.add("intended_province", msg("answers.province", codes=", ".join(sorted(PROVINCES))))

    # --- education
    facts["education"] = None
    facts["canadian_education"] = "none"
    edu = answers.get("education")
    if edu is not None:
        if not isinstance(edu, dict):
            p.add("education", msg("answers.education_object"))
        else:
            _check_keys(edu, EDUCATION_FIELDS, "education", p)
            level = edu.get("level")
            canadian = edu.get("canadian", "none")
            if canadian is None:
                canadian = "none"
            if level is not None and not _choice(level, EDUCATION_LEVELS):
                p.add("education.level", msg("answers.one_of", choices=_describe_choices(EDUCATION_LEVELS)))
                level = None
            if not _choice(canadian, CANADIAN_EDUCATION):
                p.add("education.canadian", msg("answers.one_of", choices=_describe_choices(CANADIAN_EDUCATION)))
                canadian = "none"
            if level is not None and canadian != "none":
                needed = _CANADIAN_IMPLIES[canadian]
                if EDUCATION_LEVELS.index(level) < EDUCATION_LEVELS.index(needed):
                    p.add("education.level", msg("answers.education_below", needed=needed, canadian=canadian))
            facts["education"] = level
            facts["canadian_education"] = canadian

    # --- languages
    facts["results"] = []
    langs = answers.get("languages")
    if langs is None:
        langs = []
    if not isinstance(langs, list):
        p.add("languages", msg("answers.languages_list"))
        langs = []
    elif len(langs) > 2:
        p.add("languages", msg("answers.languages_two"))
    seen = {}
    for i, result in enumerate(langs[:2]):
        path = "languages[%d]" % i
        r = _result(result, path, rules, as_of, p)
        if r is None:
            continue
        if r["language"] in seen:
            p.add(path + ".test", msg("answers.second_result", language=msg("language." + r["language"])))
            continue
        seen[r["language"]] = True
        r["index"] = i
        facts["results"].append(r)

    # --- jobs
    facts["jobs"] = []
    jobs = answers.get("jobs")
    if jobs is None:
        jobs = []
    if not isinstance(jobs, list):
        p.add("jobs", msg("answers.jobs_list"))
        jobs = []
    elif len(jobs) > MAX_JOBS:
        p.add("jobs", msg("answers.jobs_max", most=MAX_JOBS))
        jobs = jobs[:MAX_JOBS]
    latest_job_date = dates.to_iso(dates.add_years(facts["as_of_n"], MAX_YEARS_AHEAD))
    for i, job in enumerate(jobs):
        j = _job(job, "jobs[%d]" % i, p, latest_job_date)
        if j is not None:
            j["index"] = i
            facts["jobs"].append(j)

    # --- other factors
    facts["permit_end"] = None
    permit_end = answers.get("permit_end")
    if permit_end is not None and _date(permit_end, "permit_end", p, "answers.what.permit_end") is not None:
        facts["permit_end"] = permit_end
    facts["coq"] = _bool(answers, "certificate_of_qualification", False, "", p)
    facts["pnp"] = _bool(answers, "provincial_nomination", False, "", p)
    facts["sibling"] = _bool(answers, "sibling_in_canada", False, "", p)
    facts["job_offer"] = _job_offer(answers.get("job_offer"), p)
    facts["spouse"] = _spouse(answers.get("spouse"), rules, as_of, p)
    facts["family_size"] = _family_size(answers.get("family_size"), facts["spouse"] is not None, p)

    if p.errors:
        raise InvalidAnswers(p.errors)
    return facts


def _result(result, path, rules, as_of, p):
    """A test result. One the rules cannot use (too old, or taken before IRCC accepted the test) is
    kept, with ``accepted`` False, so the checker can say why it does not count."""
    if not isinstance(result, dict):
        p.add(path, msg("answers.result_object"))
        return None
    _check_keys(result, RESULT_FIELDS, path, p)
    ok = True
    test = result.get("test")
    test_date = result.get("test_date")
    known = clb.known_tests(rules)
    if not _choice(test, known):
        p.add(path + ".test", msg("answers.test", choices=_describe_choices(sorted(known))))
        return None
    if _date(test_date, path + ".test_date", p, "answers.what.test_date") is None:
        return None
    if test_date > as_of:
        p.add(path + ".test_date", msg("answers.test_future", as_of=as_of))
        return None
    info = known[test]
    table = clb.validation_chart(rules, test, test_date)
    out = {"test": test, "test_date": test_date, "test_date_n": dates.to_ordinal(test_date),
           "language": info["language"], "name": info["name"],
           "accepted": test in clb.approved_tests(rules, test_date) and clb.chart(rules, test, test_date) is not None}
    for ability in clb.ABILITIES:
        score = result.get(ability)
        if score is None:
            p.add(path + "." + ability, msg("answers.score_missing"))
            ok = False
            continue
        problem = clb.scale_problem(table["scale"][ability], score)
        if problem:
            p.add(path + "." + ability, msg("answers.score", test=info["name"], problem=problem))
            ok = False
            continue
        out[ability] = score
    return out if ok else None


def _job(job, path, p, latest):
    if not isinstance(job, dict):
        p.add(path, msg("answers.job_object"))
        return None
    _check_keys(job, JOB_FIELDS, path, p)
    ok = True
    out = {}
    title = job.get("title")
    if title is not None and (not is_clean_text(title) or len(title) > MAX_TITLE_LENGTH):
        p.add(path + ".title", msg("answers.title", most=MAX_TITLE_LENGTH))
        ok = False
        title = None
    out["title"] = title

    noc = job.get("noc")
    teer = job.get("teer")
    out["noc"] = None
    if noc is not None:
        if not is_ascii_digits(noc, 5):
            p.add(path + ".noc", msg("answers.noc"))
            ok = False
        else:
            out["noc"] = noc
    if teer is not None:
        if _is_bool(teer) or not isinstance(teer, int) or not 0 <= teer <= 5:
            p.add(path + ".teer", msg("answers.teer"))
            ok = False
            teer = None
    if out["noc"] is not None:
        noc_teer = int(out["noc"][1])
        if teer is not None and teer != noc_teer:
            p.add(path + ".teer", msg("answers.teer_noc", teer=teer, noc=out["noc"], noc_teer=noc_teer))
            ok = False
        teer = noc_teer
    elif teer is None:
        p.add(path + ".teer", msg("answers.teer_missing"))
        ok = False
    out["teer"] = teer

    start = _date(job.get("start"), path + ".start", p, "answers.what.start")
    end = job.get("end")
    if end is not None:
        end = _date(end, path + ".end", p, "answers.what.end")
        if end is None:
            ok = False
    if start is None:
        ok = False
    elif end is not None and end < start:
        p.add(path + ".end", msg("answers.end_before", start=start))
        ok = False
    for key, value in (("start", start), ("end", end)):
        if value is not None and value > latest:
            p.add(path + "." + key, msg("answers.too_far", years=MAX_YEARS_AHEAD))
            ok = False
    out["start"], out["end"] = start, end

    hours = job.get("hours_per_week")
    hours_c = None
    if hours is None:
        p.add(path + ".hours_per_week", msg("answers.hours_missing"))
        ok = False
    elif not _is_number(hours) or hours <= 0 or hours > MAX_HOURS_PER_WEEK:
        p.add(path + ".hours_per_week", msg("answers.hours_range", most=MAX_HOURS_PER_WEEK))
        ok = False
    else:
        # Exact arithmetic: keep hundredths of an hour as an integer.
        hundredths = hours * 100
        hours_c = int(hundredths + 0.5)
        if abs(hundredths - hours_c) > 1e-6 or hours_c < 1:
            p.add(path + ".hours_per_week", msg("answers.hours_decimals"))
            ok = False
    out["hours_c"] = hours_c
    out["hours_per_week"] = hours

    for key, default in JOB_DEFAULTS:
        value = job.get(key, default)
        if not _is_bool(value):
            p.add(path + "." + key, msg("answers.bool"))
            ok = False
        out[key] = value
    if not ok:
        return None
    out["start_n"] = dates.to_ordinal(start)
    out["end_n"] = dates.to_ordinal(end) if end is not None else None
    return out


def _job_offer(offer, p):
    if offer is None:
        return None
    if not isinstance(offer, dict):
        p.add("job_offer", msg("answers.offer_object"))
        return None
    _check_keys(offer, JOB_OFFER_FIELDS, "job_offer", p)
    teer = offer.get("teer")
    if _is_bool(teer) or not isinstance(teer, int) or not 0 <= teer <= 3:
        p.add("job_offer.teer", msg("answers.offer_teer"))
        return None
    group_00 = offer.get("major_group_00", False)
    if not _is_bool(group_00):
        p.add("job_offer.major_group_00", msg("answers.bool"))
        return None
    if group_00 and teer != 0:
        p.add("job_offer.major_group_00", msg("answers.offer_00"))
        return None
    noc = offer.get("noc")
    if noc is not None:
        if not is_ascii_digits(noc, 5):
            p.add("job_offer.noc", msg("answers.noc"))
            return None
        if int(noc[1]) != teer:
            p.add("job_offer.teer", msg("answers.teer_noc", teer=teer, noc=noc, noc_teer=noc[1]))
            return None
        if noc.startswith("00") != group_00:
            p.add("job_offer.major_group_00", msg("answers.offer_00_noc", value="true" if noc.startswith("00") else "false", noc=noc))
            return None
    return {"teer": teer, "major_group_00": group_00, "noc": noc}


def _family_size(size, has_spouse, p):
    """The settlement-funds table's family size: you, your spouse or partner (coming or not) and your
    dependent children. None when not given."""
    if size is None:
        return None
    least = 2 if has_spouse else 1
    if _is_bool(size) or not isinstance(size, int) or not least <= size <= MAX_FAMILY_SIZE:
        p.add("family_size", msg("answers.family_size_spouse" if has_spouse else "answers.family_size", least=least,
                                 most=MAX_FAMILY_SIZE))
        return None
    return size


def _spouse(spouse, rules, as_of, p):
    if spouse is None:
        return None
    if not isinstance(spouse, dict):
        p.add("spouse", msg("answers.spouse_object"))
        return None
    _check_keys(spouse, SPOUSE_FIELDS, "spouse", p)
    out = {}
    accompanying = spouse.get("accompanying")
    if not _is_bool(accompanying):
        p.add("spouse.accompanying", msg("answers.spouse_accompanying"))
        accompanying = False
    out["accompanying"] = accompanying
    out["citizen_or_pr"] = _bool(spouse, "citizen_or_pr", False, "spouse.", p)
    level = spouse.get("education_level")
    if level is not None and not _choice(level, EDUCATION_LEVELS):
        p.add("spouse.education_level", msg("answers.one_of", choices=_describe_choices(EDUCATION_LEVELS)))
        level = None
    out["education"] = level
    lang = spouse.get("language")
    out["result"] = None
    if lang is not None:
        out["result"] = _result(lang, "spouse.language", rules, as_of, p)
    years = spouse.get("canadian_work_years", 0)
    if years is None:
        years = 0
    if _is_bool(years) or not isinstance(years, int) or not 0 <= years <= 60:
        p.add("spouse.canadian_work_years", msg("answers.spouse_years"))
        years = 0
    out["canadian_work_years"] = years
    return out
