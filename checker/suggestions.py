"""What would raise the CRS score: each idea is a changed set of answers, re-scored.

Every suggestion changes the visitor's answers in one concrete way (one more
CLB level in an ability, a result in the other official language at level 7,
another year of Canadian work, a second credential, a provincial nomination…),
runs the same rules again, and reports the points gained and the new total.
Nothing is suggested that the rules in force no longer reward: a job offer is
only suggested when the rule data gives it points on the assessment date.
"""

from checker import categories, cec, clb, crs, dates, experience, hours
from checker.fst import is_trade
from checker.words import join, msg

ABILITIES = clb.ABILITIES


def _copy(facts, **changes):
    new = dict(facts)
    new.update(changes)
    return new


def _with_result(facts, old, new):
    results = [new if r is old else r for r in facts["results"]]
    if old is None:
        results = results + [new]
    return _copy(facts, results=results)


def _rescore(facts, rules, exp, lang):
    if lang is None or lang["as_of"] != facts["as_of"] or lang["results"] is not facts["results"]:
        lang = cec.language_status(facts, rules)
    return crs.total(facts, rules, exp, lang), lang


class Context:
    """What every kind of suggestion reads: the answers' facts, the current result, and how to re-score."""

    def __init__(self, facts, rules, exp, lang, cec_now, crs_now, in_categories=(), programs=None):
        self.facts, self.rules, self.exp, self.lang = facts, rules, exp, lang
        self.cec, self.crs = cec_now, crs_now
        self.categories = list(in_categories)
        self.programs = programs or {"cec": cec_now["eligible"]}
        self.current = crs_now["total"]
        self.on = on = facts["as_of"]
        # A better language result can only make someone eligible if a language condition is what fails.
        language_met = all(c["met"] is True for c in cec_now["conditions"] if c["id"] in ("language", "language_test_valid"))
        self.not_eligible = cec_now["eligible"] is not True and not language_met
        # The levels the CRS rewards, from the rule data: the first row that earns points, the levels that
        # change skill transferability, the French level for the bonus, the most years of Canadian work that count.
        self.points_from, self.transfer_levels, self.other_target, self.most_years = rules.memo(
            ("suggestion_levels", on), lambda: (
                rules.value("crs_core_first_language", "points_per_ability", on)[0]["min_clb"],
                rules.value("crs_skill_transferability", "language_levels", on),
                rules.value("crs_additional_points", "french", on)["min_nclc"],
                rules.value("crs_core_canadian_work", "points", on)[-1]["min_years"]))
        self.valid = {e["result"]["language"]: e for e in lang["valid"]}
        self.first_lang = crs_now["first_language"]
        self.first = self.valid.get(self.first_lang) if self.first_lang else None

    def evaluate(self, new_facts, new_exp=None, check_cec=False):
        """(points gained, new total, makes CEC eligible) if worth suggesting, else None."""
        e = new_exp or self.exp
        new_total, new_lang = _rescore(new_facts, self.rules, e, self.lang)
        gain = new_total - self.current
        unlocks = False
        if check_cec and self.not_eligible:
            unlocks = cec.eligible(new_facts, self.rules, e, new_lang) is True
        if gain <= 0 and not unlocks:
            return None
        return gain, new_total, unlocks


# How much a person has to do for each kind of idea, easiest first (the page says it beside each idea):
# "time" (only waiting), "low", "medium" (weeks to months), "high" (months to years), and "other_route"
# (another selection with its own conditions, such as a provincial nomination), which comes last.
EFFORT_ORDER = ("time", "low", "medium", "high", "other_route")


def _idea(sid, outcome, title, detail, changes, date=None, effort="medium", opens=()):
    return {"id": sid, "title": title, "detail": detail, "points_gained": outcome[0], "new_total": outcome[1],
            "makes_cec_eligible": outcome[2], "date": date, "changes": changes, "effort": effort,
            "opens": list(opens)}


def _advice(sid, title, detail, date=None, effort="low", opens=(), makes_cec_eligible=False):
    """An idea that changes no points (a route, or a check worth doing)."""
    return {"id": sid, "title": title, "detail": detail, "points_gained": 0, "new_total": None,
            "makes_cec_eligible": makes_cec_eligible, "date": date, "changes": [], "effort": effort,
            "opens": list(opens)}


def first_language_steps(c):
    """One more level in each ability of the first official language, then the transferability levels in all four."""
    if not c.first:
        return
    r = c.first["result"]
    table = clb.chart(c.rules, r["test"], r["test_date"])
    scale = clb.scale_name(r["language"])
    for a in ABILITIES:
        now = c.first["clb"][a]
        if now >= table["levels"][0]["clb"]:  # already at the top of the chart
            continue
        target = c.points_from if now < c.points_from else now + 1
        score = clb.minimum_score(table, a, target)
        if score is None:
            continue
        new = dict(r)
        new[a] = score
        outcome = c.evaluate(_with_result(c.facts, r, new), check_cec=True)
        if outcome:
            yield _idea("first_language_%s_up" % a, outcome,
                        msg("suggest.ability_up", test=r["name"], ability=msg("ability." + a),
                            now=clb.level_text(now, scale, c.points_from), scale=scale, target=target),
                        msg("suggest.ability_up_detail", ability=msg("ability." + a), score=clb.format_score(table, a, score),
                            test=r["name"], scale=scale, target=target),
                        [_set(["languages", r["index"], a], score)], effort="medium")
    low = clb.lowest(c.first["clb"])
    for goal in (c.transfer_levels["clb7"], c.transfer_levels["clb9"]):
        below = [a for a in ABILITIES if c.first["clb"][a] < goal]
        if low >= goal or len(below) < 2:
            continue  # nothing to do, or the same change as a one-ability suggestion above
        new = dict(r)
        for a in below:
            new[a] = clb.minimum_score(table, a, goal)
        outcome = c.evaluate(_with_result(c.facts, r, new), check_cec=True)
        if outcome:
            yield _idea("first_language_all_%d" % goal, outcome,
                        msg("suggest.all_four", scale=scale, goal=goal, test=r["name"]),
                        msg("suggest.scores_needed", scores=_scores(table, new, below)),
                        [_set(["languages", r["index"], a], new[a]) for a in below], effort="medium")


def retake_expired(c):
    """An expired result taken again with the same scores."""
    if c.lang["valid"] or not c.lang["expired"]:
        return
    for e in c.lang["expired"]:
        r = e["result"]
        if clb.chart(c.rules, r["test"], c.on) is None or r["test"] not in clb.approved_tests(c.rules, c.on):
            continue
        new = dict(r, test_date=c.on, test_date_n=c.facts["as_of_n"], accepted=True)
        outcome = c.evaluate(_with_result(c.facts, r, new), check_cec=True)
        if outcome:
            yield _idea("retake_%s" % r["test"], outcome, msg("suggest.retake", test=r["name"]),
                        msg("suggest.retake_detail"), [_set(["languages", r["index"], "test_date"], c.on)], effort="low")


OTHER_LANGUAGE_TESTS = (("french", "tef_canada", "TEF Canada"), ("english", "ielts_general", "IELTS General Training"))


def other_language(c):
    """A result in the other official language at the level of the French bonus, in all four abilities."""
    facts = c.facts
    any_result = {r["language"]: r for r in facts["results"]}
    for language, test, name in OTHER_LANGUAGE_TESTS:
        if not c.valid or (c.first_lang == language and language in c.valid):
            continue
        other = c.valid.get(language)
        if other and clb.lowest(other["clb"]) >= c.other_target:
            continue
        base = any_result.get(language)  # an existing result in this language, valid or expired
        t = base["test"] if base else test
        tdate = base["test_date"] if other else c.on  # an expired or new result is a new test today
        table = clb.chart(c.rules, t, tdate)
        if table is None:
            continue
        new = {"test": t, "test_date": tdate, "test_date_n": dates.to_ordinal(tdate), "language": language,
               "name": base["name"] if base else name, "index": base["index"] if base else len(facts["results"]),
               "accepted": True}
        for a in ABILITIES:
            keep = other is not None and other["clb"][a] >= c.other_target
            new[a] = base[a] if keep else clb.minimum_score(table, a, c.other_target)
        outcome = c.evaluate(_with_result(facts, base, new))
        if not outcome:
            continue
        if base:
            ops = [_set(["languages", base["index"], a], new[a]) for a in ABILITIES if new[a] != base[a]]
            if tdate != base["test_date"]:
                ops.append(_set(["languages", base["index"], "test_date"], tdate))
        else:
            ops = [{"op": "append", "path": ["languages"],
                    "value": dict([("test", t), ("test_date", tdate)] + [(a, new[a]) for a in ABILITIES])}]
        opens = _opens(c, _with_result(facts, base, new)) if language == "french" else []
        yield _idea("second_language_%s_%d" % (language, c.other_target), outcome,
                    msg("suggest.reach_language" if base else "suggest.add_language", language=msg("language." + language),
                        scale=clb.scale_name(language), level=c.other_target),
                    msg("suggest.with_test", test=new["name"], scores=_scores(table, new, ABILITIES)), ops,
                    effort="medium" if base else "high", opens=opens)


def canadian_work_year(c):
    """Another year of Canadian work, if the current work goes on (age and expiring results counted on that day)."""
    facts, exp = c.facts, c.exp
    nxt = experience.next_canadian_year(exp) if exp["canadian_years"] < c.most_years else None
    if not nxt:
        return
    years, when = nxt
    later = _copy(facts, as_of=when, as_of_n=dates.to_ordinal(when))
    if facts["birth_date"]:
        later["age"] = dates.age_on(facts["birth_date"], when)
    validity = c.lang["validity_years"]
    renewed = []
    results = []
    for r in facts["results"]:
        expires = dates.add_years(r["test_date_n"], validity)
        if later["as_of_n"] >= expires > facts["as_of_n"]:
            r = dict(r, test_date=when, test_date_n=later["as_of_n"])
            renewed.append(r)
        results.append(r)
    later["results"] = results
    outcome = c.evaluate(later, new_exp=experience.crs_years(later, c.rules))
    if not outcome:
        return
    detail = [msg("suggest.keep_working_detail", years=years, on=when)]
    if renewed:
        detail.append(msg("suggest.keep_working_retake", tests=join([r["name"] for r in renewed], "and_only")))
    if later["age"] is not None and facts["age"] is not None and later["age"] != facts["age"]:
        detail.append(msg("suggest.keep_working_age", age=later["age"]))
    yield _idea("canadian_work_year", outcome, msg("suggest.keep_working", years=years), join(detail, "space"),
                [_set(["as_of"], when)] + [_set(["languages", r["index"], "test_date"], when) for r in renewed], date=when,
                effort="time")


EDUCATION_UPGRADES = {"one_year": "bachelors", "two_year": "bachelors", "bachelors": "two_or_more", "two_or_more": "masters"}


def education(c):
    """A higher credential, and a Canadian one."""
    facts = c.facts
    level = facts["education"]
    if level in EDUCATION_UPGRADES:
        new_level = EDUCATION_UPGRADES[level]
        outcome = c.evaluate(_copy(facts, education=new_level))
        if outcome:
            yield _idea("education_" + new_level, outcome, msg("suggest.education." + new_level), msg("suggest.education_detail"),
                        [_set(["education", "level"], new_level)], effort="high")
    if level not in (None, "none", "secondary") and facts["canadian_education"] == "none":
        outcome = c.evaluate(_copy(facts, canadian_education="one_or_two_year"))
        if outcome:
            yield _idea("canadian_education", outcome, msg("suggest.canadian_education"),
                        msg("suggest.canadian_education_detail"), [_set(["education", "canadian"], "one_or_two_year")],
                        effort="high")


def provincial_nomination(c):
    if not c.facts["pnp"]:
        outcome = c.evaluate(_copy(c.facts, pnp=True))
        if outcome:
            yield _idea("provincial_nomination", outcome, msg("suggest.pnp"), msg("suggest.pnp_detail"),
                        [_set(["provincial_nomination"], True)], effort="other_route")


def job_offer(c):
    """A job offer: only while the rules give it points."""
    if not c.facts["job_offer"] and c.rules.value("crs_additional_points", "arranged_employment", c.on)["other"] > 0:
        offer = {"teer": 1, "major_group_00": False}
        outcome = c.evaluate(_copy(c.facts, job_offer=offer))
        if outcome:
            yield _idea("job_offer", outcome, msg("suggest.job_offer"), msg("suggest.job_offer_detail"),
                        [_set(["job_offer"], offer)], effort="medium")


def certificate_of_qualification(c):
    """A certificate of qualification, for people who work in a trade."""
    if c.facts["coq"]:
        return
    groups = c.rules.value("fst_requirements", "skilled_trades", c.on)
    if any(is_trade(j["noc"], groups) for j in c.facts["jobs"]):
        outcome = c.evaluate(_copy(c.facts, coq=True))
        if outcome:
            yield _idea("certificate_of_qualification", outcome, msg("suggest.coq"), msg("suggest.coq_detail"),
                        [_set(["certificate_of_qualification"], True)], effort="medium")


def _opens(c, new_facts):
    """The ids of the categories that ``new_facts`` would make the person eligible for, that they are not now."""
    now = {x["id"] for x in c.categories if x["eligible"] is True}
    if not c.categories:
        return []
    new_lang = cec.language_status(new_facts, c.rules)
    # Only language results change here, and only the language categories read them (the others read the
    # jobs, and the programs' verdicts are the current ones): the others cannot open.
    after = categories.assess(new_facts, c.rules, c.exp, new_lang, c.programs, kinds=("language",))
    return [x["id"] for x in after if x["eligible"] is True and x["id"] not in now]


SPOUSE_TEST = ("celpip_general", "CELPIP-General")


def spouse_language(c):
    """A language test for an accompanying spouse or partner without a valid one (spouse points, up to 20)."""
    facts = c.facts
    spouse = facts["spouse"]
    if not c.crs["with_spouse"] or spouse is None or crs.spouse_levels(facts, c.rules, c.lang["validity_years"]):
        return
    test, name = SPOUSE_TEST
    table = clb.chart(c.rules, test, c.on)
    if table is None:
        return
    target = c.transfer_levels["clb7"]
    result = {"test": test, "test_date": c.on, "test_date_n": facts["as_of_n"], "language": "english", "name": name,
              "accepted": True, "index": 0}
    for a in ABILITIES:
        result[a] = clb.minimum_score(table, a, target)
    outcome = c.evaluate(dict(facts, spouse=dict(spouse, result=result)))
    if outcome:
        yield _idea("spouse_language", outcome, msg("suggest.spouse_language", level=target),
                    msg("suggest.spouse_language_detail", test=name, scores=_scores(table, result, ABILITIES)),
                    [_set(["spouse", "language"], {"test": test, "test_date": c.on, **{a: result[a] for a in ABILITIES}})],
                    effort="medium")


EDUCATION_ORDER = ("none", "secondary", "one_year", "two_year", "bachelors", "two_or_more", "masters", "phd")


def principal_applicant(c):
    """When the spouse or partner has more education, they may score higher as the principal applicant."""
    spouse = c.facts["spouse"]
    mine, theirs = c.facts["education"], spouse and spouse["education"]
    if not c.crs["with_spouse"] or not mine or not theirs:
        return
    if EDUCATION_ORDER.index(theirs) > EDUCATION_ORDER.index(mine):
        yield _advice("principal_applicant", msg("suggest.principal"), msg("suggest.principal_detail"), effort="low")


def work_route(c):
    """When the CEC's work requirement fails and no ongoing job will meet it: the day a new qualifying job,
    started on the assessment date, would."""
    work = next(x for x in c.cec["conditions"] if x["id"] == "work_experience")
    if work["met"] is not False or c.cec["eligible_on"]:
        return
    req = c.rules.value("cec_requirements", "work_experience", c.on)
    rate = req["max_hours_per_week"] * 100  # a full-time week, in the units of hours.spans_of
    spans = c.exp["spans"] + [(c.facts["as_of_n"], None, rate)]
    target = hours.hours_to_units(req["min_hours"])
    day = hours.first_day_reaching(spans, c.facts["as_of_n"] + 1, req["window_years"], c.exp["cap"], target,
                                   c.facts["as_of_n"] + 4 * 366)
    if day is None:
        return
    others = all(x["met"] is True for x in c.cec["conditions"] if x["id"] != "work_experience")
    yield _advice("work_route", msg("suggest.work_route"), msg("suggest.work_route_detail", on=dates.to_iso(day),
                                                                hours=req["min_hours"], cap=req["max_hours_per_week"]),
                  date=dates.to_iso(day), effort="time", makes_cec_eligible=others)


def category_by_work(c):
    """Keeping a job in a listed occupation until the day a category's experience is met."""
    for x in c.categories:
        if x["eligible"] is False and x["eligible_on"] and x["eligible_on"] > c.on:
            yield _advice("category_" + x["id"], msg("suggest.category_work", category=msg("category.name." + x["id"]),
                                                     on=x["eligible_on"]),
                          msg("suggest.category_work_detail", category=msg("category.name." + x["id"])),
                          date=x["eligible_on"], effort="time", opens=[x["id"]])


# Every kind of suggestion, each its own function of a Context yielding ideas.
KINDS = (first_language_steps, retake_expired, other_language, canadian_work_year, spouse_language, work_route,
         category_by_work, principal_applicant, education, provincial_nomination, job_offer,
         certificate_of_qualification)


def build(facts, rules, exp, lang, cec_now, crs_now, in_categories=(), programs=None):
    """Suggestions ranked by what a person can realistically do: what makes them eligible first, then by effort
    (waiting, low, medium, high; other routes such as a nomination last), then by points gained.

    Each candidate is re-scored first; its wording is a message, written only for
    the ideas shown.
    """
    c = Context(facts, rules, exp, lang, cec_now, crs_now, in_categories, programs)
    ideas = [idea for kind in KINDS for idea in kind(c)]
    ideas.sort(key=lambda s: (not s["makes_cec_eligible"] and not s["opens"], EFFORT_ORDER.index(s["effort"]),
                              -s["points_gained"], s["id"]))
    return ideas


def _scores(table, result, abilities):
    """'reading 7.0, writing 7.0': the scores a result needs, as the test prints them."""
    return join([msg("crs.ability_level", ability=msg("ability." + a), level=clb.format_score(table, a, result[a]))
                 for a in abilities], "sep")


def _set(path, value):
    return {"op": "set", "path": path, "value": value}


def apply_changes(answers, changes):
    """A copy of an answers document with a suggestion's changes applied.

    Each change is {"op": "set", "path": [...], "value": v} or {"op": "append", "path": [...], "value": v};
    paths are lists of keys and list indexes into the answers document.
    """
    doc = _deep_copy(answers)
    for change in changes:
        path = change["path"]
        target = doc
        for i, key in enumerate(path[:-1]):
            nxt = path[i + 1]
            if isinstance(target, dict) and (key not in target or target[key] is None):
                target[key] = [] if isinstance(nxt, int) else {}
            target = target[key]
        last = path[-1]
        if change["op"] == "append":
            if target.get(last) is None:
                target[last] = []
            target[last].append(_deep_copy(change["value"]))
        else:
            target[last] = _deep_copy(change["value"])
    return doc


def _deep_copy(value):
    if isinstance(value, dict):
        return {k: _deep_copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_deep_copy(v) for v in value]
    return value


