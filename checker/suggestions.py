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


def _rescore(facts, rules, exp, lang):
    if lang is None or lang["as_of"] != facts["as_of"] or lang["results"] is not facts["results"]:
        lang = cec.language_status(facts, rules)
    return crs.total(facts, rules, exp, lang), lang


def build(facts, rules, exp, lang, cec_now, crs_now):
    """Suggestions ranked by points gained (largest first).

    Each candidate is re-scored first; its wording is only written for the
    candidates worth showing (re-scoring is cheap, sentences are not).
    """
    ideas = []
    current = crs_now["total"]
    # A better language result can only make someone eligible if a language condition is what fails.
    language_met = all(c["met"] is True for c in cec_now["conditions"] if c["id"] in ("language", "language_test_valid"))
    not_eligible = cec_now["eligible"] is not True and not language_met

    def evaluate(new_facts, new_exp=None, check_cec=False):
        """(points gained, new total, makes CEC eligible) if worth suggesting, else None."""
        e = new_exp or exp
        new_total, new_lang = _rescore(new_facts, rules, e, lang)
        gain = new_total - current
        unlocks = False
        if check_cec and not_eligible:
            unlocks = cec.eligible(new_facts, rules, e, new_lang) is True
        if gain <= 0 and not unlocks:
            return None
        return gain, new_total, unlocks

    def add(sid, outcome, title, detail, changes, date=None):
        ideas.append({"id": sid, "title": title, "detail": detail, "points_gained": outcome[0],
                      "new_total": outcome[1], "makes_cec_eligible": outcome[2], "date": date, "changes": changes})

    on = facts["as_of"]
    # The levels the CRS rewards, from the rule data: the first row that earns points, the levels that
    # change skill transferability, the French level for the bonus, the most years of Canadian work that count.
    points_from, transfer_levels, other_target, most_years = rules.memo(("suggestion_levels", on), lambda: (
        rules.value("crs_core_first_language", "points_per_ability", on)[0]["min_clb"],
        rules.value("crs_skill_transferability", "language_levels", on),
        rules.value("crs_additional_points", "french", on)["min_nclc"],
        rules.value("crs_core_canadian_work", "points", on)[-1]["min_years"]))
    valid = {e["result"]["language"]: e for e in lang["valid"]}
    first_lang = crs_now["first_language"]
    first = valid.get(first_lang) if first_lang else None

    # --- one more level in each ability of the first official language
    if first:
        r = first["result"]
        table = clb.chart(rules, r["test"], r["test_date"])
        scale = "NCLC" if r["language"] == "french" else "CLB"
        for a in ABILITIES:
            now = first["clb"][a]
            if now >= table["levels"][0]["clb"]:  # already at the top of the chart
                continue
            target = points_from if now < points_from else now + 1
            score = clb.minimum_score(table, a, target)
            if score is None:
                continue
            new = dict(r)
            new[a] = score
            outcome = evaluate(_with_result(facts, r, new), check_cec=True)
            if outcome:
                add("first_language_%s_up" % a, outcome,
                    "Raise your %s %s from %s to %s %d" % (r["name"], a, clb.level_text(now, scale, points_from), scale, target),
                    "A %s score of %s or more on %s gives %s %d." % (
                        a, clb.format_score(table, a, score), r["name"], scale, target),
                    [_set(["languages", r["index"], a], score)])
        low = clb.lowest(first["clb"])
        for goal in (transfer_levels["clb7"], transfer_levels["clb9"]):
            below = [a for a in ABILITIES if first["clb"][a] < goal]
            if low >= goal or len(below) < 2:
                continue  # nothing to do, or the same change as a one-ability suggestion above
            new = dict(r)
            for a in below:
                new[a] = clb.minimum_score(table, a, goal)
            outcome = evaluate(_with_result(facts, r, new), check_cec=True)
            if outcome:
                add("first_language_all_%d" % goal, outcome,
                    "Reach %s %d in all four abilities of your %s" % (scale, goal, r["name"]),
                    "Scores needed: %s." % ", ".join(
                        "%s %s" % (a, clb.format_score(table, a, new[a])) for a in below),
                    [_set(["languages", r["index"], a], new[a]) for a in below])

    # --- an expired result taken again with the same scores
    if not lang["valid"] and lang["expired"]:
        for e in lang["expired"]:
            r = e["result"]
            if clb.chart(rules, r["test"], facts["as_of"]) is None:
                continue
            if r["test"] not in clb.approved_tests(rules, facts["as_of"]):
                continue
            new = dict(r, test_date=facts["as_of"], test_date_n=facts["as_of_n"], accepted=True)
            outcome = evaluate(_with_result(facts, r, new), check_cec=True)
            if outcome:
                add("retake_%s" % r["test"], outcome, "Take the %s again" % r["name"],
                    "Your result has expired. The same scores on a new test would count again.",
                    [_set(["languages", r["index"], "test_date"], facts["as_of"])])

    # --- the other official language at level 7
    any_result = {r["language"]: r for r in facts["results"]}
    for language, test, name in (("french", "tef_canada", "TEF Canada"), ("english", "ielts_general", "IELTS General Training")):
        if not valid or (first_lang == language and language in valid):
            continue
        other = valid.get(language)
        if other and clb.lowest(other["clb"]) >= other_target:
            continue
        base = any_result.get(language)  # an existing result in this language, valid or expired
        t = base["test"] if base else test
        tdate = base["test_date"] if other else facts["as_of"]  # an expired or new result is a new test today
        table = clb.chart(rules, t, tdate)
        if table is None:
            continue
        new = {"test": t, "test_date": tdate, "test_date_n": dates.to_ordinal(tdate), "language": language,
               "name": base["name"] if base else name, "index": base["index"] if base else len(facts["results"]),
               "accepted": True}
        for a in ABILITIES:
            keep = other is not None and other["clb"][a] >= other_target
            new[a] = base[a] if keep else clb.minimum_score(table, a, other_target)
        outcome = evaluate(_with_result(facts, base, new))
        if not outcome:
            continue
        if base:
            ops = [_set(["languages", base["index"], a], new[a]) for a in ABILITIES if new[a] != base[a]]
            if tdate != base["test_date"]:
                ops.append(_set(["languages", base["index"], "test_date"], tdate))
        else:
            ops = [{"op": "append", "path": ["languages"],
                    "value": dict([("test", t), ("test_date", tdate)] + [(a, new[a]) for a in ABILITIES])}]
        scale = "NCLC" if language == "french" else "CLB"
        add("second_language_%s_%d" % (language, other_target), outcome,
            "%s %s at %s %d in all four abilities" % ("Reach" if base else "Add", clb.LANGUAGE_NAMES[language], scale,
                                                     other_target),
            "With %s, that means at least %s." % (new["name"], ", ".join(
                "%s %s" % (a, clb.format_score(table, a, new[a])) for a in ABILITIES)),
            ops)

    # --- another year of Canadian work
    nxt = experience.next_canadian_year(exp) if exp["canadian_years"] < most_years else None
    if nxt:
        years, when = nxt
        later = _copy(facts, as_of=when, as_of_n=dates.to_ordinal(when))
        if facts["birth_date"]:
            later["age"] = dates.age_on(facts["birth_date"], when)
        validity = lang["validity_years"]
        renewed = []
        results = []
        for r in facts["results"]:
            expires = dates.add_years(r["test_date_n"], validity)
            if later["as_of_n"] >= expires > facts["as_of_n"]:
                r = dict(r, test_date=when, test_date_n=later["as_of_n"])
                renewed.append(r)
            results.append(r)
        later["results"] = results
        outcome = evaluate(later, new_exp=experience.crs_years(later, rules))
        if outcome:
            detail = "If your current work continues, you will have %d year%s of Canadian experience on %s." % (
                years, "" if years == 1 else "s", dates.long_date(when))
            if renewed:
                detail += (" This assumes you retake your %s with the same scores, since it expires before then."
                           % " and ".join(r["name"] for r in renewed))
            if later["age"] is not None and facts["age"] is not None and later["age"] != facts["age"]:
                detail += " It also counts your age on that date (%d)." % later["age"]
            add("canadian_work_year", outcome, "Keep working: %d year%s of Canadian experience" % (years, "" if years == 1 else "s"),
                detail, [_set(["as_of"], when)] + [_set(["languages", r["index"], "test_date"], when) for r in renewed],
                date=when)

    # --- education
    level = facts["education"]
    upgrades = {"one_year": ("bachelors", "Complete a credential of three years or more"),
                "two_year": ("bachelors", "Complete a credential of three years or more"),
                "bachelors": ("two_or_more", "Add a second post-secondary credential"),
                "two_or_more": ("masters", "Complete a master's degree")}
    if level in upgrades:
        new_level, title = upgrades[level]
        outcome = evaluate(_copy(facts, education=new_level))
        if outcome:
            add("education_" + new_level, outcome, title,
                "A Canadian credential, or a foreign one with an Educational Credential Assessment.",
                [_set(["education", "level"], new_level)])
    if level not in (None, "none", "secondary") and facts["canadian_education"] == "none":
        outcome = evaluate(_copy(facts, canadian_education="one_or_two_year"))
        if outcome:
            add("canadian_education", outcome, "Earn a one- or two-year post-secondary credential in Canada",
                "Study full time in Canada for at least 8 months. Work done while you are a full-time student does not "
                "count towards the CEC.", [_set(["education", "canadian"], "one_or_two_year")])

    # --- provincial nomination
    if not facts["pnp"]:
        outcome = evaluate(_copy(facts, pnp=True))
        if outcome:
            add("provincial_nomination", outcome, "Get a provincial or territorial nomination",
                "Through a province's Express Entry-aligned stream. Each province sets its own criteria.",
                [_set(["provincial_nomination"], True)])

    # --- job offer: only while the rules give it points
    if not facts["job_offer"] and rules.value("crs_additional_points", "arranged_employment", facts["as_of"])["other"] > 0:
        offer = {"teer": 1, "major_group_00": False}
        outcome = evaluate(_copy(facts, job_offer=offer))
        if outcome:
            add("job_offer", outcome, "Get a valid job offer in a TEER 0, 1, 2 or 3 occupation",
                "A qualifying offer, usually supported by a Labour Market Impact Assessment.", [_set(["job_offer"], offer)])

    # --- certificate of qualification, for people who work in a trade
    if not facts["coq"]:
        groups = rules.value("fst_requirements", "skilled_trades", facts["as_of"])
        if any(is_trade(j["noc"], groups) for j in facts["jobs"]):
            outcome = evaluate(_copy(facts, coq=True))
            if outcome:
                add("certificate_of_qualification", outcome, "Get a certificate of qualification in your trade",
                    "Issued by a province or territory after its trade exam.", [_set(["certificate_of_qualification"], True)])

    ideas.sort(key=lambda s: (-s["points_gained"], not s["makes_cec_eligible"], s["id"]))
    return ideas


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


