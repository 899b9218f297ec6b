"""Language test results to Canadian Language Benchmarks (CLB / NCLC).

IRCC converts each of the four abilities separately, with one equivalency chart
per approved test (``checker/data/clb_*.json``). A score between two rows of a
chart gives the lower level; a score below the lowest row is "below" it and is
returned as 0. TEF Canada has two charts, chosen by the date of the test.

Sources: IRCC language test equivalency charts,
https://www.canada.ca/en/immigration-refugees-citizenship/services/immigrate-canada/express-entry/documents/language-test.html

>>> rows = [{"clb": 8, "reading": 6.5}, {"clb": 7, "reading": 6.0}]
>>> level_for(rows, "reading", 7.0), level_for(rows, "reading", 6.0), level_for(rows, "reading", 5.5)
(8, 7, 0)
"""

from checker.words import msg

ABILITIES = ("reading", "writing", "listening", "speaking")



def chart(rules, test, test_date):
    """The equivalency chart (``scale`` and ``levels``) that applies to a test taken on ``test_date``."""
    return rules.value_or_none("clb_" + test, "equivalency", test_date)


def approved_tests(rules, on):
    """Tests approved on date ``on``: {test id: {"language", "name"}}."""
    return rules.value_or_none("language_tests", "approved_tests", on) or {}


def known_tests(rules):
    """Every test the rule data has ever listed as approved: {test id: {"language", "name"}}."""
    def build():
        known = {}
        for v in rules.versions("language_tests", "approved_tests"):
            known.update(v["value"])
        return known
    return rules.memo(("known_tests",), build)


def validation_chart(rules, test, test_date):
    """The chart whose scale checks a score: the one for the test date, else the test's earliest one."""
    table = chart(rules, test, test_date)
    if table is None:
        versions = rules.versions("clb_" + test, "equivalency")
        table = versions[0]["value"] if versions else None
    return table


def scale_problem(scale, score):
    """Why ``score`` is not a possible result on this scale (a message), or None if it is."""
    if isinstance(score, bool) or not isinstance(score, (int, float)) or score != score or score in (
            float("inf"), float("-inf")):
        return msg("clb.score.number")
    low, high, step = scale["min"], scale["max"], scale["step"]
    if score < low or score > high:
        return msg("clb.score.range", low=msg("clb.score_decimal", n=low), high=msg("clb.score_decimal", n=high))
    # Exact steps only: a score a hair below a step (6.999999999 for 7) is refused, never scored as
    # the step below. Every step of every chart (0.5 or 1) is exact in binary floating point.
    steps = (score - low) / step
    if steps != int(steps):
        if step == 1:
            return msg("clb.score.whole", low=msg("clb.score_decimal", n=low), high=msg("clb.score_decimal", n=high))
        return msg("clb.score.steps", low=msg("clb.score_decimal", n=low), high=msg("clb.score_decimal", n=high),
                   step=step)
    return None


def level_for(levels, ability, score):
    """Highest CLB level whose minimum ``score`` reaches (rows listed highest first); 0 if none."""
    for row in levels:
        if score >= row[ability]:
            return row["clb"]
    return 0


def levels(result, rules):
    """CLB/NCLC per ability for one (already validated) test result."""
    key = ("clb", result["test"], result["test_date"], result["reading"], result["writing"], result["listening"],
           result["speaking"])
    return dict(rules.memo(key, lambda: _levels(result, rules)))


def _levels(result, rules):
    rows = chart(rules, result["test"], result["test_date"])["levels"]
    return {a: level_for(rows, a, result[a]) for a in ABILITIES}


def minimum_score(table, ability, level):
    """The lowest score on a chart that gives ``level`` in ``ability`` (None if the chart has no such row)."""
    for row in table["levels"]:
        if row["clb"] == level:
            return row[ability]
    return None


def format_score(table, ability, score):
    """A score as the test prints it on this chart (a message): IELTS bands with one decimal (7.0), others whole.

    (In the browser, JSON numbers such as 7.0 arrive as integers, so the format
    follows the test's scale rather than the number's type.)
    """
    if table["scale"][ability]["step"] != 1:
        return msg("clb.score_tenths", n=score)
    return msg("clb.score_whole", n=score) if score == int(score) else str(score)


def lowest(clb):
    """The lowest of the four levels (None for no result)."""
    if not clb:
        return None
    return min(clb[a] for a in ABILITIES)


def scale_name(language):
    """The benchmark's name for a result in ``language`` (a message: CLB for English, NCLC for French)."""
    return msg("clb.scale." + language)


def level_text(level, scale, floor):
    """'CLB 7' (or 'NCLC 7'), or 'below CLB 4' under ``floor``, the first level the CRS grid rewards.

    ``scale`` is :func:`scale_name`'s message, or None for the level alone ('7', 'below 4').
    """
    if scale is None:
        return msg("clb.level_bare", level=level) if level >= floor else msg("clb.below_bare", floor=floor)
    return msg("clb.level", scale=scale, level=level) if level >= floor else msg("clb.below", scale=scale, floor=floor)
