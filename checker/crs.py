"""The Comprehensive Ranking System (CRS): four sections, every factor listed.

A. Core / human capital: age, education, first and second official language,
   Canadian work experience (maximum 460 with an accompanying spouse, 500 without).
B. Spouse or common-law partner: education, language, Canadian work (40).
C. Skill transferability: education or foreign work combined with language or
   Canadian work, and a certificate of qualification (100).
D. Additional points: provincial nomination, job offer (none since 25 March 2025),
   Canadian education, French, sibling (600).

The "with spouse" columns apply only to a spouse or partner who comes to Canada
and is not a Canadian citizen or permanent resident. When both an English and
a French result are given, the checker tries both as "first official language"
and keeps the higher score.

The points are computed in one place (:func:`points`), from a grid of the rules
in force on the day resolved once (:func:`grid`); :func:`score` adds the
plain-language breakdown. Suggestions re-score many changed answers, so the
arithmetic is kept separate from the wording.

Sources: Ministerial Instructions respecting the Express Entry system;
https://www.canada.ca/en/immigration-refugees-citizenship/services/immigrate-canada/express-entry/check-score/crs-criteria.html
"""

from checker import clb, dates
from checker.rules import row_for
from checker.words import join, msg

ABILITIES = clb.ABILITIES
COLUMNS = ("with_spouse", "without_spouse")
MAX_LEVEL = 12      # CELPIP's top level; every chart maps at or below it
MAX_AGE = 130
MAX_YEARS = 60
CORE = ("age", "education", "first_language_reading", "first_language_writing", "first_language_listening",
        "first_language_speaking", "second_language", "canadian_work")
SPOUSE = ("spouse_education", "spouse_language", "spouse_canadian_work")
TRANSFERABILITY = ("education_with_language", "education_with_canadian_work", "foreign_work_with_language",
                   "foreign_work_with_canadian_work", "certificate_of_qualification")
ADDITIONAL = ("provincial_nomination", "arranged_employment", "canadian_education", "french", "sibling")
# The answers' Canadian credentials (contract §5), to the rows of the CRS table: a one- or a two-year
# credential is the same row, "1 or 2 years".
CANADIAN_EDUCATION_ROW = {"none": "none", "one_year": "one_or_two_year", "two_year": "one_or_two_year",
                          "one_or_two_year": "one_or_two_year", "three_year_plus": "three_year_plus"}
SECTIONS = (("core", CORE), ("spouse", SPOUSE), ("transferability", TRANSFERABILITY), ("additional", ADDITIONAL))


def _by_number(rows, key, col, top):
    """Expand a banded table ({key: minimum, col: points} rows) into a list indexed 0..top."""
    out = []
    for n in range(top + 1):
        row = row_for(rows, key, n)
        out.append((row[col] if col else row["points"]) if row else 0)
    return out


def _build_grid(rules, on):
    g = {"on": on}
    age = rules.value("crs_core_age", "points", on)
    edu = rules.value("crs_core_education", "points", on)
    first = rules.value("crs_core_first_language", "points_per_ability", on)
    second = rules.value("crs_core_second_language", "points_per_ability", on)
    work = rules.value("crs_core_canadian_work", "points", on)
    for col in COLUMNS:
        g[col] = {
            "age": _by_number(age, "min_age", col, MAX_AGE),
            "education": dict((k, v[col]) for k, v in edu.items()),
            "first": _by_number(first, "min_clb", col, MAX_LEVEL),
            "second": _by_number(second, "min_clb", col, MAX_LEVEL),
            "second_max": rules.value("crs_core_second_language", "maximum", on)[col],
            "work": _by_number(work, "min_years", col, MAX_YEARS),
        }
    g["maxima"] = rules.value("crs_core_sections", "maximums", on)
    g["spouse_education"] = rules.value("crs_spouse_factors", "education", on)
    g["spouse_language"] = _by_number(rules.value("crs_spouse_factors", "language_per_ability", on), "min_clb", None, MAX_LEVEL)
    g["spouse_work"] = _by_number(rules.value("crs_spouse_factors", "canadian_work", on), "min_years", None, MAX_YEARS)
    g["t_education"] = rules.value("crs_skill_transferability", "education", on)
    g["t_foreign"] = rules.value("crs_skill_transferability", "foreign_work", on)
    g["t_coq"] = rules.value("crs_skill_transferability", "certificate_of_qualification", on)
    g["t_levels"] = rules.value("crs_skill_transferability", "language_levels", on)
    g["t_work_levels"] = rules.value("crs_skill_transferability", "canadian_work_levels", on)
    g["spouse_rule"] = rules.value("crs_core_sections", "accompanying_spouse", on)
    g["t_max"] = rules.value("crs_skill_transferability", "maximum", on)
    g["pnp"] = rules.value("crs_additional_points", "provincial_nomination", on)
    g["offer"] = rules.version("crs_additional_points", "arranged_employment", on)
    g["canadian_education"] = rules.value("crs_additional_points", "canadian_education", on)
    g["french"] = rules.value("crs_additional_points", "french", on)
    g["sibling"] = rules.value("crs_additional_points", "sibling", on)
    g["a_max"] = rules.value("crs_additional_points", "maximum", on)
    return g


def grid(rules, on):
    """Every CRS table in force on ``on``, resolved once and indexed for quick look-up."""
    return rules.memo(("crs_grid", on), lambda: _build_grid(rules, on))


def with_spouse_columns(facts, rule):
    """Whether the "with spouse" columns apply (Ministerial Instructions, "accompanying spouse")."""
    spouse = facts["spouse"]
    if not spouse:
        return False
    if rule["requires_accompanying"] and not spouse["accompanying"]:
        return False
    return not (rule["excludes_citizen_or_pr"] and spouse["citizen_or_pr"])


def _language_band(low, levels):
    """'clb9', 'clb7' or None from the lowest first-language ability."""
    if low is None:
        return None
    if low >= levels["clb9"]:
        return "clb9"
    if low >= levels["clb7"]:
        return "clb7"
    return None


def _canadian_band(years, levels):
    """'two_years', 'one_year' or None from the years of Canadian work."""
    if years >= levels["two_years"]:
        return "two_years"
    if years >= levels["one_year"]:
        return "one_year"
    return None


def _foreign_tier(tiers, years):
    row = row_for(tiers, "min_years", years)
    return row["tier"] if row else None


def _cap(value, maximum):
    return value if value < maximum else maximum


def points(facts, g, canadian_years, foreign_years, first, second, spouse_levels, french_first=False, factors=True):
    """Points for every factor, section subtotals and the total (numbers only).

    ``first`` and ``second`` are the CLB levels (dict by ability) of the first and
    second official language, or None; ``spouse_levels`` likewise for the spouse.
    With ``factors=False`` only the totals are returned (for re-scoring).
    """
    with_spouse = with_spouse_columns(facts, g["spouse_rule"])
    col = "with_spouse" if with_spouse else "without_spouse"
    t = g[col]
    age = facts["age"]
    p_age = t["age"][age if age < MAX_AGE else MAX_AGE] if age is not None else 0
    level = facts["education"]
    p_edu = t["education"][level] if level else 0
    if first:
        tf = t["first"]
        f_r, f_w, f_l, f_s = tf[first["reading"]], tf[first["writing"]], tf[first["listening"]], tf[first["speaking"]]
        low = min(first["reading"], first["writing"], first["listening"], first["speaking"])
    else:
        f_r = f_w = f_l = f_s = 0
        low = None
    p_second = 0
    if second:
        ts = t["second"]
        raw = ts[second["reading"]] + ts[second["writing"]] + ts[second["listening"]] + ts[second["speaking"]]
        p_second = raw if raw < t["second_max"] else t["second_max"]
    p_work = t["work"][canadian_years if canadian_years < MAX_YEARS else MAX_YEARS]

    s_edu = s_lang = s_work = 0
    if with_spouse:
        spouse = facts["spouse"]
        s_edu = g["spouse_education"][spouse["education"]] if spouse["education"] else 0
        if spouse_levels:
            sl = g["spouse_language"]
            s_lang = (sl[spouse_levels["reading"]] + sl[spouse_levels["writing"]] + sl[spouse_levels["listening"]]
                      + sl[spouse_levels["speaking"]])
        years = spouse["canadian_work_years"]
        s_work = g["spouse_work"][years if years < MAX_YEARS else MAX_YEARS]

    levels = g["t_levels"]
    band = _language_band(low, levels)
    cband = _canadian_band(canadian_years, g["t_work_levels"])
    edu = g["t_education"]
    tier = edu["tiers"].get(level) if level else None
    e_lang = edu["with_language"][tier][band] if tier and band else 0
    e_work = edu["with_canadian_work"][tier][cband] if tier and cband else 0
    fw = g["t_foreign"]
    ftier = _foreign_tier(fw["tiers"], foreign_years) if foreign_years else None
    x_lang = fw["with_language"][ftier][band] if ftier and band else 0
    x_work = fw["with_canadian_work"][ftier][cband] if ftier and cband else 0
    coq = 0
    if facts["coq"] and low is not None:
        if low >= levels["clb7"]:
            coq = g["t_coq"]["clb7"]
        elif low >= levels["clb5"]:
            coq = g["t_coq"]["clb5"]
        coq = _cap(coq, g["t_coq"]["maximum"])

    a_pnp = g["pnp"] if facts["pnp"] else 0
    offer = facts["job_offer"]
    a_offer = 0
    if offer:
        table = g["offer"]["value"]
        a_offer = table["major_group_00"] if offer["major_group_00"] else table["other"]
    a_edu = g["canadian_education"][CANADIAN_EDUCATION_ROW[facts["canadian_education"]]]
    a_french = _french_points(g["french"], first, second, french_first)
    a_sibling = g["sibling"] if facts["sibling"] else 0

    maxima = g["maxima"]
    core = _cap(p_age + p_edu + f_r + f_w + f_l + f_s + p_second + p_work, maxima["core"][col])
    spouse_total = _cap(s_edu + s_lang + s_work, maxima["spouse"][col])
    transfer = _cap(_cap(e_lang + e_work, edu["maximum"]) + _cap(x_lang + x_work, fw["maximum"]) + coq, g["t_max"])
    additional = _cap(a_pnp + a_offer + a_edu + a_french + a_sibling, g["a_max"])
    total = _cap(core + spouse_total + transfer + additional, maxima["total"])
    result = {"core": core, "spouse": spouse_total, "transferability": transfer, "additional": additional,
              "total": total, "with_spouse": with_spouse}
    if factors:
        result["factors"] = {
            "age": p_age, "education": p_edu, "first_language_reading": f_r, "first_language_writing": f_w,
            "first_language_listening": f_l, "first_language_speaking": f_s, "second_language": p_second,
            "canadian_work": p_work, "spouse_education": s_edu, "spouse_language": s_lang, "spouse_canadian_work": s_work,
            "education_with_language": e_lang, "education_with_canadian_work": e_work,
            "foreign_work_with_language": x_lang, "foreign_work_with_canadian_work": x_work,
            "certificate_of_qualification": coq, "provincial_nomination": a_pnp, "arranged_employment": a_offer,
            "canadian_education": a_edu, "french": a_french, "sibling": a_sibling,
        }
    return result


def _french_points(rule, first, second, french_first):
    """NCLC 7+ in all four French abilities: 50 with CLB 5+ in all four English ones, else 25."""
    french, english = (first, second) if french_first else (second, first)
    if not french or min(french.values()) < rule["min_nclc"]:
        return 0
    if english and min(english.values()) >= rule["min_english_clb"]:
        return rule["with_english"]
    return rule["without_english"]


def _orders(lang):
    """(valid results by language, the orders of first/second language to try); kept on ``lang``."""
    found = lang.get("_orders")
    if found is None:
        found = lang["_orders"] = _find_orders(lang)
    return found


def _find_orders(lang):
    valid = {}
    for entry in lang["valid"]:
        valid[entry["result"]["language"]] = entry
    if "english" in valid and "french" in valid:
        return valid, [("english", "french"), ("french", "english")]
    if "english" in valid:
        return valid, [("english", None)]
    if "french" in valid:
        return valid, [("french", None)]
    return valid, [(None, None)]


def spouse_levels(facts, rules, validity_years):
    """The spouse's CLB levels if their result is still valid, else None."""
    spouse = facts["spouse"]
    if not spouse or not spouse["result"]:
        return None
    r = spouse["result"]
    if r["accepted"] and facts["as_of_n"] < dates.add_years(r["test_date_n"], validity_years):
        return clb.levels(r, rules)
    return None


def best(facts, rules, exp, lang, factors=True):
    """(points dict, first language, second language) for the better order of the official languages."""
    g = grid(rules, facts["as_of"])
    valid, orders = _orders(lang)
    s_levels = spouse_levels(facts, rules, lang["validity_years"]) if facts["spouse"] else None
    top = None
    for first_lang, second_lang in orders:
        first = valid[first_lang]["clb"] if first_lang else None
        second = valid[second_lang]["clb"] if second_lang else None
        result = points(facts, g, exp["canadian_years"], exp["foreign_years"], first, second, s_levels,
                        first_lang == "french", factors)
        if top is None or result["total"] > top[0]["total"]:
            top = (result, first_lang, second_lang)
    return top


def total(facts, rules, exp, lang):
    """Just the CRS total, for re-scoring changed answers."""
    return best(facts, rules, exp, lang, False)[0]["total"]


def score(facts, rules, exp, lang):
    """The CRS with its breakdown: sections, every factor with a plain explanation, notes."""
    result, first_lang, second_lang = best(facts, rules, exp, lang)
    valid, orders = _orders(lang)
    first = valid.get(first_lang) if first_lang else None
    second = valid.get(second_lang) if second_lang else None
    g = grid(rules, facts["as_of"])
    details = _details(facts, rules, exp, lang, g, first, second, result)
    factors = []
    for section, ids in SECTIONS:
        if section == "spouse" and not result["with_spouse"]:
            continue
        for fid in ids:
            factors.append({"id": fid, "section": section, "points": result["factors"][fid], "detail": details[fid]})
    missing = []
    if facts["age"] is None:
        missing.append("birth_date")
    if facts["education"] is None:
        missing.append("education")
    notes = []
    if len(orders) == 2:
        other = "french" if first_lang == "english" else "english"
        notes.append(msg("crs.note.language_order", first=msg("language." + first_lang), second=msg("language." + other)))
    spouse = facts["spouse"]
    if result["with_spouse"] and spouse["result"] and spouse_levels(facts, rules, lang["validity_years"]) is None:
        notes.append(msg("crs.note.spouse_expired"))
    return {
        "total": result["total"], "core": result["core"], "spouse": result["spouse"],
        "transferability": result["transferability"], "additional": result["additional"],
        "factors": factors, "with_spouse": result["with_spouse"], "first_language": first_lang,
        "missing": missing, "complete": not missing, "notes": notes,
    }


def _details(facts, rules, exp, lang, g, first, second, result):
    """The plain explanation (a message) of every factor's points."""
    d = {}
    floor = rules.value("crs_core_first_language", "points_per_ability", facts["as_of"])[0]["min_clb"]
    age = facts["age"]
    d["age"] = msg("crs.age", age=age) if age is not None else msg("crs.age_missing")
    level = facts["education"]
    d["education"] = msg("education_start." + level) if level else msg("crs.education_missing")
    for a in ABILITIES:
        d["first_language_" + a] = (msg("crs.first_language", ability=msg("ability_start." + a),
                                        level=clb.level_text(first["clb"][a], _scale(first), floor))
                                    if first else msg("crs.first_language_missing", ability=msg("ability_start." + a)))
    if second:
        parts = join([msg("crs.ability_level", ability=msg("ability." + a), level=clb.level_text(second["clb"][a], None, floor))
                      for a in ABILITIES], "sep")
        col = "with_spouse" if result["with_spouse"] else "without_spouse"
        raw = sum(g[col]["second"][second["clb"][a]] for a in ABILITIES)
        d["second_language"] = msg("crs.second_language_capped" if raw > g[col]["second_max"] else "crs.second_language",
                                   test=second["result"]["name"], scale=_scale(second), levels=parts,
                                   cap=g[col]["second_max"])
    else:
        d["second_language"] = msg("crs.second_language_missing")
    d["canadian_work"] = _years_text(exp["canadian_years"], "crs.years.canadian_skilled", window=exp["crs_window_years"])

    spouse = facts["spouse"]
    if spouse:
        level = spouse["education"]
        d["spouse_education"] = msg("education_start." + level) if level else msg("crs.spouse_education_missing")
        levels = spouse_levels(facts, rules, lang["validity_years"])
        if levels:
            d["spouse_language"] = msg("crs.spouse_language", test=spouse["result"]["name"], levels=join(
                [msg("crs.ability_level", ability=msg("ability." + a), level=clb.level_text(levels[a], None, floor))
                 for a in ABILITIES], "sep"))
        elif spouse["result"]:
            d["spouse_language"] = msg("crs.spouse_language_old", test=spouse["result"]["name"], years=lang["validity_years"])
        else:
            d["spouse_language"] = msg("crs.spouse_language_missing")
        d["spouse_canadian_work"] = _years_text(spouse["canadian_work_years"], "crs.years.canadian")

    low = clb.lowest(first["clb"]) if first else None
    band = _language_band(low, g["t_levels"])
    cband = _canadian_band(exp["canadian_years"], g["t_work_levels"])
    tier = g["t_education"]["tiers"].get(facts["education"]) if facts["education"] else None
    ftier = _foreign_tier(g["t_foreign"]["tiers"], exp["foreign_years"])
    foreign = _years_text(exp["foreign_years"], "crs.years.foreign")
    d["education_with_language"] = _combo_text(msg("crs.combo.education"), tier, band, g)
    d["education_with_canadian_work"] = _combo_text(msg("crs.combo.education"), tier, cband, g)
    d["foreign_work_with_language"] = _combo_text(foreign, ftier, band, g)
    d["foreign_work_with_canadian_work"] = _combo_text(foreign, ftier, cband, g)
    if not facts["coq"]:
        d["certificate_of_qualification"] = msg("crs.coq_none")
    else:
        d["certificate_of_qualification"] = (msg("crs.coq", level=clb.level_text(low, clb.scale_name("english"), floor))
                                             if low is not None else msg("crs.coq_no_language"))

    d["provincial_nomination"] = msg("crs.pnp" if facts["pnp"] else "crs.pnp_none")
    offer = facts["job_offer"]
    if not offer:
        d["arranged_employment"] = msg("crs.offer_none")
    elif result["factors"]["arranged_employment"] == 0:
        d["arranged_employment"] = msg("crs.offer_no_points", since=g["offer"]["effective_from"])
    else:
        d["arranged_employment"] = msg("crs.offer_00") if offer["major_group_00"] else msg("crs.offer_teer", teer=offer["teer"])
    d["canadian_education"] = msg("crs.canadian_education." + facts["canadian_education"])
    fr = g["french"]
    pts = result["factors"]["french"]
    if pts == fr["with_english"]:
        d["french"] = msg("crs.french_with_english", nclc=fr["min_nclc"], clb=fr["min_english_clb"])
    elif pts:
        d["french"] = msg("crs.french_without_english", nclc=fr["min_nclc"], clb=fr["min_english_clb"])
    else:
        d["french"] = msg("crs.french_none", nclc=fr["min_nclc"])
    d["sibling"] = msg("crs.sibling" if facts["sibling"] else "crs.sibling_none")
    return d


def _scale(entry):
    return clb.scale_name(entry["result"]["language"])


def _years_text(years, what, **args):
    """'Less than 1 year of …', '1 year of …', '3 years of …' (``what``: the message id of the kind of work)."""
    return msg("crs.years", years=years, what=msg(what, **args)) if years else msg("crs.years_none", what=msg(what, **args))


def _combo_text(what, tier, band, g):
    if not tier or not band:
        return msg("crs.combo.none", what=what)
    levels = {"clb7": g["t_levels"]["clb7"], "clb9": g["t_levels"]["clb9"],
              "one_year": g["t_work_levels"]["one_year"], "two_years": g["t_work_levels"]["two_years"]}
    return msg("crs.combo.with", what=what, band=msg("crs.band." + band, n=levels[band]))
