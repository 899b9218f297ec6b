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
from checker.words import msg

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
        conditions.append(_condition("work_experience", True, msg("fst.work.met", years=mins["window_years"]), src))
    elif units_maybe >= need:
        conditions.append(_condition("work_experience", None, msg("fst.work.need_noc"), src))
    else:
        conditions.append(_condition("work_experience", False, msg("fst.work.short", hours=mins["min_hours"],
                                                                   years=mins["window_years"]), src))

    need_lang = mins["language"]
    ok = [e for e in lang["valid"] if all(e["clb"][a] >= need_lang[a] for a in clb.ABILITIES)]
    conditions.append(_condition("language", bool(ok), msg("fst.language.met", test=ok[0]["result"]["name"],
                                                           speaking=need_lang["speaking"], reading=need_lang["reading"])
                                 if ok else msg("fst.language.short", speaking=need_lang["speaking"],
                                                reading=need_lang["reading"]), src))

    if facts["coq"]:
        conditions.append(_condition("offer_or_certificate", True, msg("fst.offer.certificate"), src))
    elif facts["job_offer"]:
        conditions.append(_condition("offer_or_certificate", None, msg("fst.offer.check"), src))
    else:
        conditions.append(_condition("offer_or_certificate", False, msg("fst.offer.none"), src))
    province = facts["province"]
    conditions.append(_condition("intended_province", None if province is None else province != "QC",
                                 msg("fst.province.outside" if province != "QC" else "program.province.quebec"),
                                 rules.sources("cec_requirements", "residence", on)))
    eligible = verdict([c["met"] for c in conditions])
    return {"eligible": eligible, "conditions": conditions,
            "also_required": [funds_requirement(facts, rules, "fst")]}
