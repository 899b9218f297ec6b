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

Sources: Ministerial Instructions respecting the Express Entry system;
https://www.canada.ca/en/immigration-refugees-citizenship/services/immigrate-canada/express-entry/check-score/crs-criteria.html
"""

from checker import clb, dates
from checker.rules import row_for

ABILITIES = clb.ABILITIES
EDUCATION_NAMES = {
    "none": "less than secondary school", "secondary": "secondary school",
    "one_year": "a one-year post-secondary credential", "two_year": "a two-year post-secondary credential",
    "bachelors": "a bachelor's degree or other credential of three years or more",
    "two_or_more": "two or more post-secondary credentials, one of three years or more",
    "masters": "a master's or entry-to-practice professional degree", "phd": "a doctoral degree (PhD)",
}


def with_spouse_columns(facts, rules):
    spouse = facts["spouse"]
    return bool(spouse and spouse["accompanying"] and not spouse["citizen_or_pr"])


def _factor(fid, section, points, detail):
    return {"id": fid, "section": section, "points": points, "detail": detail}


def score(facts, rules, exp, lang):
    """The CRS with the better choice of first official language."""
    valid = {}
    for entry in lang["valid"]:
        valid[entry["result"]["language"]] = entry
    orders = []
    if "english" in valid and "french" in valid:
        orders = [("english", "french"), ("french", "english")]
    elif "english" in valid:
        orders = [("english", None)]
    elif "french" in valid:
        orders = [("french", None)]
    else:
        orders = [(None, None)]
    best = None
    for first, second in orders:
        result = _score_with(facts, rules, exp, lang, valid.get(first), valid.get(second))
        if best is None or result["total"] > best["total"]:
            best = result
    if len(orders) == 2:
        chosen = best["first_language"]
        other = "french" if chosen == "english" else "english"
        best["notes"].append("You gave results in both official languages. The score uses %s as your first official language "
                             "and %s as your second, the order that gives the higher score; choose the same in your profile."
                             % (clb.LANGUAGE_NAMES[chosen], clb.LANGUAGE_NAMES[other]))
    return best


def _score_with(facts, rules, exp, lang, first, second):
    on = facts["as_of"]
    col = "with_spouse" if with_spouse_columns(facts, rules) else "without_spouse"
    factors = []
    missing = []
    notes = []

    # --- A. core
    age = facts["age"]
    if age is None:
        missing.append("birth_date")
        age_points = 0
        factors.append(_factor("age", "core", 0, "Birth date not given"))
    else:
        age_points = row_for(rules.value("crs_core_age", "points", on), "min_age", age)[col]
        factors.append(_factor("age", "core", age_points, "Age %d" % age))

    level = facts["education"]
    if level is None:
        missing.append("education")
        edu_points = 0
        factors.append(_factor("education", "core", 0, "Education not given"))
    else:
        edu_points = rules.value("crs_core_education", "points", on)[level][col]
        factors.append(_factor("education", "core", edu_points, EDUCATION_NAMES[level][0].upper() + EDUCATION_NAMES[level][1:]))

    first_rows = rules.value("crs_core_first_language", "points_per_ability", on)
    first_points = 0
    for a in ABILITIES:
        level_a = first["clb"][a] if first else 0
        row = row_for(first_rows, "min_clb", level_a)
        pts = row[col] if row else 0
        first_points += pts
        detail = ("%s %s" % (_scale(first), _lvl(level_a))) if first else "No valid first-language result"
        factors.append(_factor("first_language_" + a, "core", pts, "%s: %s" % (a.capitalize(), detail)))

    second_points = 0
    if second:
        rows2 = rules.value("crs_core_second_language", "points_per_ability", on)
        cap2 = rules.value("crs_core_second_language", "maximum", on)[col]
        raw = 0
        parts = []
        for a in ABILITIES:
            row = row_for(rows2, "min_clb", second["clb"][a])
            pts = row[col] if row else 0
            raw += pts
            parts.append("%s %s" % (a, _lvl(second["clb"][a])))
        second_points = raw if raw < cap2 else cap2
        detail = "%s (%s: %s)" % (second["result"]["name"], _scale(second), ", ".join(parts))
        if raw > cap2:
            detail += ", capped at %d" % cap2
        factors.append(_factor("second_language", "core", second_points, detail))
    else:
        factors.append(_factor("second_language", "core", 0, "No valid result in the other official language"))

    years = exp["canadian_years"]
    work_row = row_for(rules.value("crs_core_canadian_work", "points", on), "min_years", years)
    work_points = work_row[col] if work_row else 0
    factors.append(_factor("canadian_work", "core", work_points, _years_text(years, "of Canadian skilled work in the last %d years"
                                                                              % exp["crs_window_years"])))

    maxima = rules.value("crs_core_sections", "maximums", on)
    core = age_points + edu_points + first_points + second_points + work_points
    core = min(core, maxima["core"][col])

    # --- B. spouse
    spouse_points = 0
    if col == "with_spouse":
        spouse_points = _spouse_section(facts, rules, lang, factors, notes)
        spouse_points = min(spouse_points, maxima["spouse"][col])

    # --- C. skill transferability
    transfer = _transferability(facts, rules, exp, first, factors)

    # --- D. additional
    additional = _additional(facts, rules, valid_by_language(first, second), factors, notes)

    total = core + spouse_points + transfer + additional
    total = min(total, maxima["total"])
    return {
        "total": total, "core": core, "spouse": spouse_points, "transferability": transfer, "additional": additional,
        "factors": factors, "with_spouse": col == "with_spouse",
        "first_language": first["result"]["language"] if first else None,
        "missing": missing, "complete": not missing, "notes": notes,
    }


def valid_by_language(first, second):
    out = {}
    for entry in (first, second):
        if entry:
            out[entry["result"]["language"]] = entry
    return out


def _spouse_section(facts, rules, lang, factors, notes):
    on = facts["as_of"]
    spouse = facts["spouse"]
    total = 0
    level = spouse["education"]
    pts = rules.value("crs_spouse_factors", "education", on)[level] if level else 0
    factors.append(_factor("spouse_education", "spouse", pts,
                           EDUCATION_NAMES[level][0].upper() + EDUCATION_NAMES[level][1:] if level else "Spouse's education not given"))
    total += pts

    result = spouse["result"]
    pts = 0
    detail = "No language result for your spouse or partner"
    if result:
        years = lang["validity_years"]
        if facts["as_of_n"] < dates.add_years(result["test_date_n"], years):
            levels = clb.levels(result, rules)
            rows = rules.value("crs_spouse_factors", "language_per_ability", on)
            parts = []
            for a in ABILITIES:
                row = row_for(rows, "min_clb", levels[a])
                pts += row["points"] if row else 0
                parts.append("%s %s" % (a, _lvl(levels[a])))
            detail = "%s: %s" % (result["name"], ", ".join(parts))
        else:
            detail = "Your spouse's %s result is more than %d years old" % (result["name"], years)
            notes.append("Your spouse's or partner's language result has expired, so it earns no points.")
    factors.append(_factor("spouse_language", "spouse", pts, detail))
    total += pts

    years = spouse["canadian_work_years"]
    row = row_for(rules.value("crs_spouse_factors", "canadian_work", on), "min_years", years)
    pts = row["points"] if row else 0
    factors.append(_factor("spouse_canadian_work", "spouse", pts, _years_text(years, "of Canadian work")))
    total += pts
    return total


def _language_band(first, levels_rule):
    """'clb9', 'clb7' or None from the lowest first-language ability."""
    if not first:
        return None
    low = clb.lowest(first["clb"])
    if low >= levels_rule["clb9"]:
        return "clb9"
    if low >= levels_rule["clb7"]:
        return "clb7"
    return None


def _canadian_band(years):
    if years >= 2:
        return "two_years"
    if years == 1:
        return "one_year"
    return None


def _transferability(facts, rules, exp, first, factors):
    on = facts["as_of"]
    levels_rule = rules.value("crs_skill_transferability", "language_levels", on)
    band = _language_band(first, levels_rule)
    cbands = _canadian_band(exp["canadian_years"])

    edu = rules.value("crs_skill_transferability", "education", on)
    tier = edu["tiers"].get(facts["education"]) if facts["education"] else None
    e_lang = edu["with_language"][tier][band] if tier and band else 0
    e_work = edu["with_canadian_work"][tier][cbands] if tier and cbands else 0
    e_total = min(e_lang + e_work, edu["maximum"])
    factors.append(_factor("education_with_language", "transferability", e_lang,
                           _combo_text("Education", tier, band)))
    factors.append(_factor("education_with_canadian_work", "transferability", e_work,
                           _combo_text("Education", tier, cbands)))

    fw = rules.value("crs_skill_transferability", "foreign_work", on)
    ftier_row = row_for(fw["tiers"], "min_years", exp["foreign_years"])
    ftier = ftier_row["tier"] if ftier_row else None
    f_lang = fw["with_language"][ftier][band] if ftier and band else 0
    f_work = fw["with_canadian_work"][ftier][cbands] if ftier and cbands else 0
    f_total = min(f_lang + f_work, fw["maximum"])
    factors.append(_factor("foreign_work_with_language", "transferability", f_lang,
                           _combo_text(_years_text(exp["foreign_years"], "of foreign skilled work"), ftier, band)))
    factors.append(_factor("foreign_work_with_canadian_work", "transferability", f_work,
                           _combo_text(_years_text(exp["foreign_years"], "of foreign skilled work"), ftier, cbands)))

    coq = rules.value("crs_skill_transferability", "certificate_of_qualification", on)
    c_points = 0
    if facts["coq"] and first:
        low = clb.lowest(first["clb"])
        if low >= levels_rule["clb7"]:
            c_points = coq["clb7"]
        elif low >= levels_rule["clb5"]:
            c_points = coq["clb5"]
    c_points = min(c_points, coq["maximum"])
    detail = "No certificate of qualification" if not facts["coq"] else (
        "Certificate of qualification with first-language CLB %s" % (_lvl(clb.lowest(first["clb"])) if first else "not given"))
    factors.append(_factor("certificate_of_qualification", "transferability", c_points, detail))

    total = e_total + f_total + c_points
    cap = rules.value("crs_skill_transferability", "maximum", on)
    return total if total < cap else cap


def _additional(facts, rules, valid, factors, notes):
    on = facts["as_of"]
    total = 0
    pnp = rules.value("crs_additional_points", "provincial_nomination", on) if facts["pnp"] else 0
    factors.append(_factor("provincial_nomination", "additional", pnp,
                           "Provincial or territorial nomination" if facts["pnp"] else "No provincial nomination"))
    total += pnp

    offer = facts["job_offer"]
    version = rules.version("crs_additional_points", "arranged_employment", on)
    pts = 0
    if offer:
        table = version["value"]
        pts = table["major_group_00"] if offer["major_group_00"] else table["other"]
        if pts == 0:
            detail = "Job offers earn no CRS points since %s (they still count for FSW points and FST)" % _long(version["effective_from"])
        else:
            detail = "Job offer in %s" % ("NOC major group 00 (senior management)" if offer["major_group_00"] else "TEER %d" % offer["teer"])
    else:
        detail = "No job offer"
    factors.append(_factor("arranged_employment", "additional", pts, detail))
    total += pts

    ce = rules.value("crs_additional_points", "canadian_education", on)
    pts = ce[facts["canadian_education"]]
    factors.append(_factor("canadian_education", "additional", pts, {
        "none": "No post-secondary credential from Canada",
        "one_or_two_year": "One- or two-year post-secondary credential from Canada",
        "three_year_plus": "Canadian credential of three years or more (or master's, professional or doctoral degree)"}[facts["canadian_education"]]))
    total += pts

    fr = rules.value("crs_additional_points", "french", on)
    pts = 0
    detail = "No French result at NCLC %d in all four abilities" % fr["min_nclc"]
    french = valid.get("french")
    if french and clb.lowest(french["clb"]) >= fr["min_nclc"]:
        english = valid.get("english")
        if english and clb.lowest(english["clb"]) >= fr["min_english_clb"]:
            pts = fr["with_english"]
            detail = "NCLC %d+ in French and CLB %d+ in English" % (fr["min_nclc"], fr["min_english_clb"])
        else:
            pts = fr["without_english"]
            detail = "NCLC %d+ in French (English below CLB %d in some ability, or no English result)" % (fr["min_nclc"], fr["min_english_clb"])
    factors.append(_factor("french", "additional", pts, detail))
    total += pts

    sib = rules.value("crs_additional_points", "sibling", on) if facts["sibling"] else 0
    factors.append(_factor("sibling", "additional", sib, "Brother or sister in Canada" if facts["sibling"] else "No sibling in Canada"))
    total += sib

    cap = rules.value("crs_additional_points", "maximum", on)
    return total if total < cap else cap


def _scale(entry):
    return "NCLC" if entry["result"]["language"] == "french" else "CLB"


def _lvl(level):
    return str(level) if level >= 4 else "below 4"


def _years_text(years, what):
    if years == 0:
        return "Less than 1 year " + what
    return "%d year%s %s" % (years, "" if years == 1 else "s", what)


def _combo_text(what, tier, band):
    if not tier or not band:
        return what + ": no points for this combination"
    names = {"clb7": "CLB 7+ in all four abilities", "clb9": "CLB 9+ in all four abilities",
             "one_year": "1 year of Canadian work", "two_years": "2+ years of Canadian work"}
    return "%s with %s" % (what, names[band])


def _long(iso):
    return dates.long_date(iso)
