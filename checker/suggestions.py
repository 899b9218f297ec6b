"""What would raise the CRS score: each idea is a changed set of answers, re-scored.

Every suggestion changes the visitor's answers in one concrete way (one more
CLB level in an ability, a result in the other official language at level 7,
another year of Canadian work, a second credential, a provincial nomination…),
runs the same rules again, and reports the points gained and the new total.
Nothing is suggested that the rules in force no longer reward: a job offer is
only suggested when the rule data gives it points on the assessment date.
"""

from checker import cec, clb, crs, dates, experience
from checker.fst import is_trade

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


def _rescore(facts, rules, exp):
    lang = cec.language_status(facts, rules)
    return crs.score(facts, rules, exp, lang), lang


def _cec_eligible(facts, rules, exp, lang):
    return cec.assess(facts, rules, exp, lang)["eligible"]


def build(facts, rules, exp, lang, cec_now, crs_now):
    """Suggestions ranked by points gained (largest first)."""
    ideas = []
    current = crs_now["total"]

    def consider(sid, title, detail, new_facts, new_exp=None, check_cec=False, date=None, changes=None):
        e = new_exp or exp
        scored, new_lang = _rescore(new_facts, rules, e)
        gain = scored["total"] - current
        if gain <= 0 and not check_cec:
            return
        unlocks = False
        if check_cec and cec_now["eligible"] is not True:
            unlocks = _cec_eligible(new_facts, rules, e, new_lang) is True
        if gain <= 0 and not unlocks:
            return
        ideas.append({"id": sid, "title": title, "detail": detail, "points_gained": gain, "new_total": scored["total"],
                      "makes_cec_eligible": unlocks, "date": date, "changes": changes or {}})

    valid = {e["result"]["language"]: e for e in lang["valid"]}
    first_lang = crs_now["first_language"]
    first = valid.get(first_lang) if first_lang else None

    # --- one more level in each ability of the first official language
    if first:
        r = first["result"]
        scale = "NCLC" if r["language"] == "french" else "CLB"
        for a in ABILITIES:
            now = first["clb"][a]
            target = 4 if now < 4 else now + 1
            if now >= 10:
                continue
            score = clb.minimum_score(rules, r["test"], r["test_date"], a, target)
            if score is None:
                continue
            new = dict(r)
            new[a] = score
            consider("first_language_%s_up" % a,
                     "Raise your %s %s from %s to %s %d" % (r["name"], a, _lvl(scale, now), scale, target),
                     "A %s score of %s or more on %s gives %s %d." % (a, _num(score), r["name"], scale, target),
                     _with_result(facts, r, new), check_cec=True,
                     changes={"languages": {"test": r["test"], "ability": a, "score": score}})
        low = clb.lowest(first["clb"])
        for goal in (7, 9):
            if low < goal:
                new = dict(r)
                parts = []
                for a in ABILITIES:
                    if first["clb"][a] < goal:
                        new[a] = clb.minimum_score(rules, r["test"], r["test_date"], a, goal)
                        parts.append("%s %s" % (a, _num(new[a])))
                if len(parts) < 2:
                    continue  # the same change as a one-ability suggestion above
                consider("first_language_all_%d" % goal,
                         "Reach %s %d in all four abilities of your %s" % (scale, goal, r["name"]),
                         "Scores needed: %s." % ", ".join(parts), _with_result(facts, r, new), check_cec=True,
                         changes={"languages": {"test": r["test"], "clb": goal}})

    # --- an expired result taken again with the same scores
    if not lang["valid"] and lang["expired"]:
        for e in lang["expired"]:
            r = e["result"]
            new = dict(r)
            new["test_date"] = facts["as_of"]
            new["test_date_n"] = facts["as_of_n"]
            if clb.chart(rules, r["test"], new["test_date"]) is None:
                continue
            consider("retake_%s" % r["test"], "Take the %s again" % r["name"],
                     "Your result has expired. The same scores on a new test would count again.",
                     _with_result(facts, r, new), check_cec=True, changes={"languages": {"test": r["test"], "test_date": facts["as_of"]}})

    # --- the other official language at level 7
    for language, test, name in (("french", "tef_canada", "TEF Canada"), ("english", "ielts_general", "IELTS General Training")):
        if not valid or (first_lang == language and language in valid):
            continue
        other = valid.get(language)
        if other and clb.lowest(other["clb"]) >= 7:
            continue
        base = other["result"] if other else None
        t = base["test"] if base else test
        tdate = base["test_date"] if base else facts["as_of"]
        if clb.chart(rules, t, tdate) is None:
            continue
        new = {"test": t, "test_date": tdate, "test_date_n": dates.to_ordinal(tdate), "language": language,
               "name": base["name"] if base else name}
        for a in ABILITIES:
            level_now = other["clb"][a] if other else 0
            new[a] = base[a] if base and level_now >= 7 else clb.minimum_score(rules, t, tdate, a, 7)
        scale = "NCLC" if language == "french" else "CLB"
        consider("second_language_%s_7" % language,
                 "%s %s at %s 7 in all four abilities" % ("Reach" if other else "Add", clb.LANGUAGE_NAMES[language], scale),
                 ("With %s, that means at least %s." % (new["name"], ", ".join("%s %s" % (a, _num(new[a])) for a in ABILITIES))),
                 _with_result(facts, base, new), changes={"languages": {"test": t, "clb": 7}})

    # --- another year of Canadian work
    nxt = experience.next_canadian_year(exp)
    if nxt and exp["canadian_years"] < 5:
        years, when = nxt
        later = _copy(facts, as_of=when, as_of_n=dates.to_ordinal(when))
        if facts["birth_date"]:
            later["age"] = dates.age_on(facts["birth_date"], when)
        validity = lang["validity_years"]
        renewed = []
        results = []
        for r in facts["results"]:
            if later["as_of_n"] >= dates.add_years(r["test_date_n"], validity) and facts["as_of_n"] < dates.add_years(r["test_date_n"], validity):
                r = dict(r, test_date=when, test_date_n=later["as_of_n"])
                renewed.append(r["name"])
            results.append(r)
        later["results"] = results
        later_exp = experience.compute(later, rules)
        detail = "If your current work continues, you will have %d year%s of Canadian experience on %s." % (
            years, "" if years == 1 else "s", dates.long_date(when))
        if renewed:
            detail += " This assumes you retake your %s with the same scores, since it expires before then." % " and ".join(renewed)
        if later["age"] is not None and facts["age"] is not None and later["age"] != facts["age"]:
            detail += " It also counts your age on that date (%d)." % later["age"]
        consider("canadian_work_year", "Keep working: %d year%s of Canadian experience" % (years, "" if years == 1 else "s"),
                 detail, later, new_exp=later_exp, date=when, changes={"as_of": when})

    # --- education
    level = facts["education"]
    upgrades = {"one_year": ("bachelors", "Complete a credential of three years or more"),
                "two_year": ("bachelors", "Complete a credential of three years or more"),
                "bachelors": ("two_or_more", "Add a second post-secondary credential"),
                "two_or_more": ("masters", "Complete a master's degree")}
    if level in upgrades:
        new_level, title = upgrades[level]
        consider("education_" + new_level, title,
                 "A Canadian credential, or a foreign one with an Educational Credential Assessment.",
                 _copy(facts, education=new_level), changes={"education": {"level": new_level}})
    if level not in (None, "none", "secondary") and facts["canadian_education"] == "none":
        consider("canadian_education", "Earn a one- or two-year post-secondary credential in Canada",
                 "Study full time in Canada for at least 8 months. Work done while you are a full-time student does not count "
                 "towards the CEC.", _copy(facts, canadian_education="one_or_two_year"),
                 changes={"education": {"canadian": "one_or_two_year"}})

    # --- provincial nomination
    if not facts["pnp"]:
        consider("provincial_nomination", "Get a provincial or territorial nomination",
                 "Through a province's Express Entry-aligned stream. Each province sets its own criteria.",
                 _copy(facts, pnp=True), changes={"provincial_nomination": True})

    # --- job offer: only while the rules give it points
    offer_points = rules.value("crs_additional_points", "arranged_employment", facts["as_of"])
    if not facts["job_offer"] and offer_points["other"] > 0:
        consider("job_offer", "Get a valid job offer in a TEER 0, 1, 2 or 3 occupation",
                 "A qualifying offer, usually supported by a Labour Market Impact Assessment.",
                 _copy(facts, job_offer={"teer": 1, "major_group_00": False}), changes={"job_offer": {"teer": 1}})

    # --- certificate of qualification, for people who work in a trade
    groups = rules.value("fst_requirements", "skilled_trades", facts["as_of"])
    if not facts["coq"] and any(is_trade(j["noc"], groups) for j in facts["jobs"]):
        consider("certificate_of_qualification", "Get a certificate of qualification in your trade",
                 "Issued by a province or territory after its trade exam.", _copy(facts, coq=True),
                 changes={"certificate_of_qualification": True})

    ideas.sort(key=lambda s: (-s["points_gained"], not s["makes_cec_eligible"], s["id"]))
    return ideas


def _lvl(scale, level):
    return "%s %d" % (scale, level) if level >= 4 else "below %s 4" % scale


def _num(score):
    if isinstance(score, float) and score == int(score):
        return "%.1f" % score
    return str(score)
