"""Federal Skilled Trades Program: minimum requirements.

IRPR s. 87.2: two years of full-time (or equal part-time) work in a skilled
trade within the 5 years before applying; CLB 5 in speaking and listening and
CLB 4 in reading and writing; and a full-time job offer of at least one year or
a Canadian certificate of qualification in that trade. Whether an occupation is
a skilled trade depends on its NOC 2021 code, so jobs entered with a TEER only
cannot be classified.

Source: https://www.canada.ca/en/immigration-refugees-citizenship/services/immigrate-canada/express-entry/who-can-apply/federal-skilled-trades.html
"""

from checker import clb, hours
from checker.cec import verdict
from checker.fsw import funds_requirement

TABLE = "fst_requirements"


def is_trade(noc, groups):
    if not noc:
        return False
    if any(noc.startswith(p) for p in groups["exclude_prefixes"]):
        return False
    return any(noc.startswith(p) for p in groups["include_prefixes"])


def _condition(cid, met, detail, sources):
    return {"id": cid, "met": met, "detail": detail, "sources": sources}


def assess(facts, rules, exp, lang):
    on = facts["as_of"]
    mins = rules.value(TABLE, "minimums", on)
    groups = rules.value(TABLE, "skilled_trades", on)
    src = rules.sources(TABLE, "minimums", on)
    cap = hours.week_cap_units(mins["max_hours_per_week"])
    skilled = exp["canadian_jobs"] + exp["foreign_jobs"]
    trades = [j for j in skilled if is_trade(j["noc"], groups)]
    unknown = [j for j in skilled if not j["noc"] and j["teer"] in (2, 3)]
    units = hours.in_window(hours.spans_of(trades), facts["as_of_n"], mins["window_years"], cap)
    units_maybe = hours.in_window(hours.spans_of(trades + unknown), facts["as_of_n"], mins["window_years"], cap)
    need = hours.hours_to_units(mins["min_hours"])
    conditions = []
    if units >= need:
        conditions.append(_condition("work_experience", True, "You have two years of skilled-trade work in the last %d years."
                                     % mins["window_years"], src))
    elif units_maybe >= need:
        conditions.append(_condition("work_experience", None, "Add the NOC 2021 codes of your TEER 2 and 3 jobs: only some "
                                     "occupations are skilled trades for this program.", src))
    else:
        conditions.append(_condition("work_experience", False, "You need two years (%s hours) of paid work in a skilled trade "
                                     "(such as construction, industrial, electrical or mechanical trades, cooks, bakers and chefs) "
                                     "in the last %d years." % ("{:,}".format(mins["min_hours"]), mins["window_years"]), src))

    need_lang = mins["language"]
    ok = [e for e in lang["valid"] if all(e["clb"][a] >= need_lang[a] for a in clb.ABILITIES)]
    conditions.append(_condition("language", bool(ok),
                                 "Your %s result meets the minimums (CLB %d speaking and listening, %d reading and writing)."
                                 % (ok[0]["result"]["name"], need_lang["speaking"], need_lang["reading"]) if ok else
                                 "You need CLB %d in speaking and listening and CLB %d in reading and writing in one official "
                                 "language." % (need_lang["speaking"], need_lang["reading"]), src))

    if facts["coq"]:
        conditions.append(_condition("offer_or_certificate", True, "You have a Canadian certificate of qualification.", src))
    elif facts["job_offer"]:
        conditions.append(_condition("offer_or_certificate", None, "Your job offer counts only if it is full time, for at least one "
                                     "year, in the same skilled trade, from up to two employers; check it against IRCC's rules.", src))
    else:
        conditions.append(_condition("offer_or_certificate", False, "You need a full-time job offer of at least one year or a "
                                     "Canadian certificate of qualification in your trade.", src))
    province = facts["province"]
    conditions.append(_condition("intended_province", None if province is None else province != "QC",
                                 "The FST is for people who plan to live outside Quebec." if province != "QC"
                                 else "You plan to live in Quebec, which selects its own skilled workers.",
                                 rules.sources("cec_requirements", "residence", on)))
    eligible = verdict([c["met"] for c in conditions])
    return {"eligible": eligible, "conditions": conditions,
            "also_required": [funds_requirement(facts, rules, "Federal Skilled Trades Program")]}
