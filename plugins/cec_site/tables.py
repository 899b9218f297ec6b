"""Guide tables rendered from the checker's rule data (never typed by hand).

Guides call these through jinja2content, e.g. ``{{ table("crs_core_age") }}``.
Each table carries ``data-rule="<file>.<parameter>"`` and the date its values
apply to, so the test suite can compare every rendered cell with the data.
"""
from __future__ import annotations

import datetime
import json
import re
from html import escape
from pathlib import Path

from markupsafe import Markup

from .site_data import ROOT
from .site_data import longdate as _long  # '2026-11-25' -> '25 November 2026'

ABILITIES = ("reading", "writing", "listening", "speaking")
EDUCATION_LABELS = {
    "none": "Less than secondary school (high school)",
    "secondary": "Secondary diploma (high school graduation)",
    "one_year": "One-year post-secondary credential",
    "two_year": "Two-year post-secondary credential",
    "bachelors": "Bachelor's degree, or another post-secondary credential of three years or longer",
    "two_or_more": "Two or more post-secondary credentials, one of them three years or longer",
    "masters": "Master's degree, or entry-to-practice professional degree (e.g. medicine, law, dentistry)",
    "phd": "Doctoral degree (PhD)",
}
TEST_NAMES = {"ielts_general": "IELTS General Training", "celpip_general": "CELPIP-General", "pte_core": "PTE Core",
              "tef_canada": "TEF Canada", "tcf_canada": "TCF Canada"}


def _num(value) -> str:
    if isinstance(value, float):
        return f"{value:.1f}"
    if isinstance(value, int) and abs(value) >= 1000:
        return f"{value:,}"
    return str(value)


class RuleTables:
    """Renders tables of the rules in force on ``on`` (an ISO date)."""

    def __init__(self, tables: dict, on: str):
        self.tables = tables
        self.on = on

    # --- data access ------------------------------------------------------
    def version(self, table_id: str, name: str, on: str | None = None) -> dict | None:
        on = on or self.on
        found = None
        for v in self.tables[table_id]["parameters"][name]["versions"]:
            if v["effective_from"] <= on:
                found = v
        return found

    def value(self, table_id: str, name: str, on: str | None = None):
        v = self.version(table_id, name, on)
        return None if v is None else v["value"]

    def versions(self, table_id: str, name: str) -> list:
        return self.tables[table_id]["parameters"][name]["versions"]

    # --- html helpers -------------------------------------------------------
    def _wrap(self, rule: str, caption: str, head: list, rows: list, sources: list, on: str | None = None,
              numeric_from: int = 1) -> Markup:
        num = ' class="num"'
        th = "".join(f'<th scope="col"{num if i >= numeric_from else ""}>{escape(h)}</th>' for i, h in enumerate(head))
        body = []
        for row in rows:
            cells = [f'<th scope="row">{escape(str(row[0]))}</th>']
            cells += [f'<td class="num">{escape(str(c))}</td>' for c in row[1:]]
            body.append("<tr>" + "".join(cells) + "</tr>")
        src = ", ".join(f'<a href="{escape(u)}">{escape(_short(u))}</a>' for u in sources)
        html = (f'<div class="table-wrap" tabindex="0" role="region" aria-label="{escape(caption)}"><table data-rule="{escape(rule)}" data-on="{escape(on or self.on)}">'
                f"<caption>{escape(caption)}</caption><thead><tr>{th}</tr></thead><tbody>{''.join(body)}</tbody></table></div>\n"
                f'<p class="table-source">Source: {src}</p>')
        return Markup(html)

    # --- language -----------------------------------------------------------
    def clb(self, test: str, on: str | None = None) -> Markup:
        """A test's equivalency chart as score ranges per CLB level."""
        v = self.version("clb_" + test, "equivalency", on)
        value = v["value"]
        levels, scale = value["levels"], value["scale"]
        rows = []
        for i, row in enumerate(levels):
            cells = [f"{'NCLC' if test in ('tef_canada', 'tcf_canada') else 'CLB'} {row['clb']}"]
            for a in ABILITIES:
                low = row[a]
                high = scale[a]["max"] if i == 0 else levels[i - 1][a] - scale[a]["step"]
                cells.append(_range(low, high))
            rows.append(cells)
        level_word = "NCLC" if test in ("tef_canada", "tcf_canada") else "CLB"
        caption = f"{TEST_NAMES[test]}: scores for each {level_word} level"
        versions = self.versions("clb_" + test, "equivalency")
        if len(versions) > 1:
            later = [x for x in versions if x["effective_from"] > v["effective_from"]]
            caption += (f" (tests taken before {_long(later[0]['effective_from'])})" if later
                        else f" (tests taken on or after {_long(v['effective_from'])})")
        return self._wrap(f"clb_{test}.equivalency", caption, ["Level", "Reading", "Writing", "Listening", "Speaking"],
                          rows, v["sources"], on)

    # --- CEC ------------------------------------------------------------------
    def cec_language(self) -> Markup:
        v = self.version("cec_requirements", "language_minimum")
        value = v["value"]
        rows = [[f"TEER {t}", f"CLB {value[t]} (NCLC {value[t]})"] for t in sorted(value)]
        return self._wrap("cec_requirements.language_minimum", "CEC: minimum level in each of the four abilities",
                          ["Qualifying work in", "Minimum level"], rows, v["sources"])

    # --- CRS ------------------------------------------------------------------
    def crs_core_age(self) -> Markup:
        v = self.version("crs_core_age", "points")
        rows = []
        bands = v["value"]
        for i, band in enumerate(bands):
            low = band["min_age"]
            high = bands[i + 1]["min_age"] - 1 if i + 1 < len(bands) else None
            label = (f"{high} or younger" if low == 0 else f"{low} or older" if high is None
                     else str(low) if low == high else f"{low} to {high}")
            rows.append([label, band["with_spouse"], band["without_spouse"]])
        return self._wrap("crs_core_age.points", "CRS core points for age (age on the day the score is calculated)",
                          ["Age", "With a spouse or partner", "Without"], rows, v["sources"])

    def crs_core_education(self) -> Markup:
        v = self.version("crs_core_education", "points")
        rows = [[EDUCATION_LABELS[k], p["with_spouse"], p["without_spouse"]] for k, p in v["value"].items()]
        return self._wrap("crs_core_education.points", "CRS core points for level of education",
                          ["Highest credential", "With a spouse or partner", "Without"], rows, v["sources"])

    def _clb_bands(self, rows_in, start_label_below=None):
        out = []
        for i, row in enumerate(rows_in):
            low = row["min_clb"]
            high = rows_in[i + 1]["min_clb"] - 1 if i + 1 < len(rows_in) else None
            label = f"CLB {low} or more" if high is None else f"CLB {low}" if low == high else f"CLB {low} or {high}" if high == low + 1 else f"CLB {low} to {high}"
            out.append((label, row))
        return out

    def crs_core_first_language(self) -> Markup:
        v = self.version("crs_core_first_language", "points_per_ability")
        rows = [[f"Below CLB {v['value'][0]['min_clb']}", 0, 0]]
        rows += [[label, r["with_spouse"], r["without_spouse"]] for label, r in self._clb_bands(v["value"])]
        return self._wrap("crs_core_first_language.points_per_ability",
                          "CRS core points for the first official language, for each of the four abilities",
                          ["Level in the ability", "With a spouse or partner", "Without"], rows, v["sources"])

    def crs_core_second_language(self) -> Markup:
        v = self.version("crs_core_second_language", "points_per_ability")
        cap = self.value("crs_core_second_language", "maximum")
        rows = [[f"Below CLB {v['value'][0]['min_clb']}", 0]]
        rows += [[label, r["without_spouse"]] for label, r in self._clb_bands(v["value"])]
        caption = (f"CRS core points for the second official language, for each ability (at most {cap['with_spouse']} in all "
                   f"with a spouse or partner, {cap['without_spouse']} without)")
        return self._wrap("crs_core_second_language.points_per_ability", caption, ["Level in the ability", "Points"],
                          rows, v["sources"])

    def crs_core_canadian_work(self) -> Markup:
        v = self.version("crs_core_canadian_work", "points")
        rows = [["Less than 1 year", 0, 0]]
        for i, r in enumerate(v["value"]):
            last = i + 1 == len(v["value"])
            rows.append([f"{r['min_years']} year{'s' if r['min_years'] > 1 else ''}{' or more' if last else ''}",
                         r["with_spouse"], r["without_spouse"]])
        return self._wrap("crs_core_canadian_work.points", "CRS core points for Canadian work experience",
                          ["Skilled work in Canada", "With a spouse or partner", "Without"], rows, v["sources"])

    def crs_spouse(self) -> Markup:
        edu = self.version("crs_spouse_factors", "education")
        lang = self.version("crs_spouse_factors", "language_per_ability")
        work = self.version("crs_spouse_factors", "canadian_work")
        parts = [self._wrap("crs_spouse_factors.education", "Spouse or partner: level of education",
                            ["Spouse's highest credential", "Points"],
                            [[EDUCATION_LABELS[k], p] for k, p in edu["value"].items()], edu["sources"])]
        rows = [[f"Below CLB {lang['value'][0]['min_clb']}", 0]]
        rows += [[label, r["points"]] for label, r in self._clb_bands(lang["value"])]
        parts.append(self._wrap("crs_spouse_factors.language_per_ability",
                                "Spouse or partner: first official language, for each of the four abilities",
                                ["Level in the ability", "Points"], rows, lang["sources"]))
        rows = [["Less than 1 year", 0]]
        for i, r in enumerate(work["value"]):
            last = i + 1 == len(work["value"])
            rows.append([f"{r['min_years']} year{'s' if r['min_years'] > 1 else ''}{' or more' if last else ''}", r["points"]])
        parts.append(self._wrap("crs_spouse_factors.canadian_work", "Spouse or partner: Canadian work experience",
                                ["Spouse's skilled work in Canada", "Points"], rows, work["sources"]))
        return Markup("\n".join(parts))

    def crs_transferability(self) -> Markup:
        edu = self.version("crs_skill_transferability", "education")
        fw = self.version("crs_skill_transferability", "foreign_work")
        coq = self.version("crs_skill_transferability", "certificate_of_qualification")
        lv = self.value("crs_skill_transferability", "language_levels")
        head = ["", f"With CLB {lv['clb7']} or more in all four (one below {lv['clb9']})", f"With CLB {lv['clb9']} or more in all four",
                "With 1 year of Canadian work", "With 2 or more years of Canadian work"]
        rows = [["Secondary school or less", 0, 0, 0, 0]]
        for tier, label in (("post_secondary", "Post-secondary credential of one year or longer (a single bachelor's degree included)"),
                            ("advanced", "Two or more credentials (one of 3+ years), a master's, professional or doctoral degree")):
            rows.append([label, edu["value"]["with_language"][tier]["clb7"], edu["value"]["with_language"][tier]["clb9"],
                         edu["value"]["with_canadian_work"][tier]["one_year"], edu["value"]["with_canadian_work"][tier]["two_years"]])
        out = [self._wrap("crs_skill_transferability.education",
                          f"Skill transferability: education (at most {edu['value']['maximum']} points for education)",
                          ["Education"] + head[1:], rows, edu["sources"])]
        rows = [["None", 0, 0, 0, 0]]
        for tier, label in (("one_or_two", "1 or 2 years"), ("three_plus", "3 years or more")):
            rows.append([label, fw["value"]["with_language"][tier]["clb7"], fw["value"]["with_language"][tier]["clb9"],
                         fw["value"]["with_canadian_work"][tier]["one_year"], fw["value"]["with_canadian_work"][tier]["two_years"]])
        out.append(self._wrap("crs_skill_transferability.foreign_work",
                              f"Skill transferability: foreign work experience (at most {fw['value']['maximum']} points)",
                              ["Foreign skilled work"] + head[1:], rows, fw["sources"]))
        rows = [[f"CLB {lv['clb5']} or more in all four, one or more below {lv['clb7']}", coq["value"]["clb5"]],
                [f"CLB {lv['clb7']} or more in all four", coq["value"]["clb7"]]]
        out.append(self._wrap("crs_skill_transferability.certificate_of_qualification",
                              "Skill transferability: certificate of qualification in a trade, with first official language",
                              ["Language", "Points"], rows, coq["sources"]))
        return Markup("\n".join(out))

    def crs_additional(self) -> Markup:
        on = self.on
        pnp = self.version("crs_additional_points", "provincial_nomination")
        offer = self.version("crs_additional_points", "arranged_employment")
        ce = self.version("crs_additional_points", "canadian_education")
        fr = self.version("crs_additional_points", "french")
        sib = self.version("crs_additional_points", "sibling")
        frv = fr["value"]
        rows = [
            ["Provincial or territorial nomination", pnp["value"]],
            [f"Job offer in NOC major group 00 (since {_long(offer['effective_from'])})", offer["value"]["major_group_00"]],
            [f"Other job offer in TEER 0, 1, 2 or 3 (since {_long(offer['effective_from'])})", offer["value"]["other"]],
            ["Canadian post-secondary credential of one or two years", ce["value"]["one_or_two_year"]],
            ["Canadian credential of three years or longer, or a master's, professional or doctoral degree", ce["value"]["three_year_plus"]],
            [f"NCLC {frv['min_nclc']}+ in all four French abilities, and CLB {frv['min_english_clb'] - 1} or less in English (or no English test)",
             frv["without_english"]],
            [f"NCLC {frv['min_nclc']}+ in all four French abilities, and CLB {frv['min_english_clb']}+ in all four English abilities",
             frv["with_english"]],
            ["Brother or sister living in Canada (citizen or permanent resident, 18 or older)", sib["value"]],
        ]
        cap = self.value("crs_additional_points", "maximum")
        sources = sorted(set(pnp["sources"] + offer["sources"] + ce["sources"] + fr["sources"] + sib["sources"]))
        return self._wrap("crs_additional_points", f"CRS additional points (at most {cap} in all)", ["Factor", "Points"],
                          rows, sources)

    def job_offer_history(self) -> Markup:
        versions = self.versions("crs_additional_points", "arranged_employment")
        rows = [[_long(v["effective_from"]), v["value"]["major_group_00"], v["value"]["other"]] for v in versions]
        return self._wrap("crs_additional_points.arranged_employment", "CRS points for a job offer, by date",
                          ["From", "Senior management (major group 00)", "Other skilled offers"], rows,
                          sorted({s for v in versions for s in v["sources"]}))

    def crs_maximums(self) -> Markup:
        v = self.version("crs_core_sections", "maximums")
        m = v["value"]
        transfer = self.value("crs_skill_transferability", "maximum")
        additional = self.value("crs_additional_points", "maximum")
        rows = [["A. Core / human capital", m["core"]["with_spouse"], m["core"]["without_spouse"]],
                ["B. Spouse or partner factors", m["spouse"]["with_spouse"], m["spouse"]["without_spouse"]],
                ["C. Skill transferability", transfer, transfer],
                ["D. Additional points", additional, additional],
                ["Total", m["total"], m["total"]]]
        return self._wrap("crs_core_sections.maximums", "The four parts of the CRS and their maximums",
                          ["Part", "With a spouse or partner", "Without"], rows, v["sources"])

    # --- FSW ------------------------------------------------------------------
    def fsw_grid(self) -> Markup:
        g = "fsw_selection_grid"
        lang = self.version(g, "language")
        edu = self.version(g, "education")
        work = self.version(g, "work_experience")
        age = self.version(g, "age")
        offer = self.version(g, "arranged_employment")
        ad = self.version(g, "adaptability")
        pass_mark = self.value(g, "pass_mark")
        L = lang["value"]
        rows = [[f"First official language, each ability at CLB {r['min_clb']}{' or more' if i + 1 == len(L['first_per_ability']) else ''}", r["points"]]
                for i, r in enumerate(L["first_per_ability"])]
        rows.append([f"Second official language, CLB {L['second_min_clb']} or more in all four", L["second_points"]])
        rows += [[EDUCATION_LABELS[k], p] for k, p in edu["value"].items() if k != "none"]
        wv = work["value"]
        for i, r in enumerate(wv):
            nxt = wv[i + 1]["min_years"] - 1 if i + 1 < len(wv) else None
            label = (f"{r['min_years']} year{'s' if r['min_years'] > 1 else ''} of work" if nxt == r["min_years"]
                     else f"{r['min_years']} to {nxt} years of work" if nxt else f"{r['min_years']} or more years of work")
            rows.append([label, r["points"]])
        av = age["value"]
        for i, r in enumerate(av):
            if r["min_age"] == 0:
                continue
            nxt = av[i + 1]["min_age"] - 1 if i + 1 < len(av) else None
            label = (f"Age {r['min_age']}" if nxt == r["min_age"] else f"Age {r['min_age']} to {nxt}" if nxt
                     else f"Age {r['min_age']} or older")
            rows.append([label, r["points"]])
        rows.append(["Valid job offer (arranged employment)", offer["value"]])
        a = ad["value"]
        rows += [[f"Adaptability: your past work in Canada ({a['work_in_canada_min_years']} year or more)", a["own_work_in_canada"]],
                 ["Adaptability: your past study in Canada (2 academic years or more)", a["own_study_in_canada"]],
                 [f"Adaptability: spouse's language, CLB {a['spouse_language_min_clb']}+ in all four", a["spouse_language_clb4"]],
                 ["Adaptability: spouse's past study in Canada", a["spouse_study_in_canada"]],
                 ["Adaptability: spouse's past work in Canada", a["spouse_work_in_canada"]],
                 ["Adaptability: job offer", a["arranged_employment"]],
                 ["Adaptability: relative in Canada", a["relative_in_canada"]],
                 ["Adaptability: most you can get", a["maximum"]]]
        sources = sorted({s for v in (lang, edu, work, age, offer, ad) for s in v["sources"]})
        return self._wrap("fsw_selection_grid", f"Federal Skilled Worker selection grid (you need {pass_mark} of 100)",
                          ["Factor", "Points"], rows, sources)

    # --- settlement funds (FSW and FST) -----------------------------------------
    def settlement_funds(self, on: str | None = None) -> Markup:
        """IRCC's table of settlement funds by family size, as in force on ``on`` (default: the guides' date).

        One row per family size the data lists (1 to 7 today) and a last row for each additional person, so no
        guide has to describe the steps (they are not equal)."""
        on = on or self.on
        v = self.version("settlement_funds", "amounts", on)
        if v is None:
            return Markup(f"<p>We have no settlement funds table for {escape(_long(on))}.</p>")
        value = v["value"]
        sizes = sorted(value["by_family_size"], key=int)
        rows = [[f"{n} {'person' if n == '1' else 'people'}", f"${_num(value['by_family_size'][n])}"] for n in sizes]
        rows.append([f"Each additional person, beyond {sizes[-1]}", f"${_num(value['each_additional'])}"])
        later = [x for x in self.versions("settlement_funds", "amounts") if x["effective_from"] > v["effective_from"]]
        period = (f"from {_long(v['effective_from'])} to {_long(_day_before(later[0]['effective_from']))}" if later
                  else f"from {_long(v['effective_from'])}")
        return self._wrap("settlement_funds.amounts",
                          f"Settlement funds needed for the FSW and FST, by number of family members ({period})",
                          ["Family members", "Funds needed (Canadian dollars)"], rows, v["sources"], on=on)

    def settlement_funds_history(self) -> Markup:
        """The tables in force before the one the guides show, newest first (each at the date it took effect)."""
        current = self.version("settlement_funds", "amounts")
        older = [v for v in self.versions("settlement_funds", "amounts")
                 if current is not None and v["effective_from"] < current["effective_from"]]
        return Markup("\n".join(str(self.settlement_funds(v["effective_from"])) for v in reversed(older)))

    # --- dispatch -------------------------------------------------------------
    def __call__(self, name: str, *args) -> Markup:
        return getattr(self, name)(*args)


def _range(low, high) -> str:
    if low == high:
        return _num(low)
    return f"{_num(low)}–{_num(high)}"


def _short(url: str) -> str:
    """A readable label for a source link: host and the last path segment."""
    rest = url.split("://", 1)[-1]
    host, _, path = rest.partition("/")
    last = path.rstrip("/").rsplit("/", 1)[-1] if path else ""
    return f"{host}/…/{last}" if last else host


def guide_values(tables: dict, on: str) -> dict:
    """Rule values that guides quote in running text, formatted, keyed by a short name."""
    t = RuleTables(tables, on)
    cec = t.value("cec_requirements", "work_experience")
    lang = t.value("cec_requirements", "language_minimum")
    offer_versions = t.versions("crs_additional_points", "arranged_employment")
    removed = next(v for v in offer_versions if v["value"]["other"] == 0)
    before = [v for v in offer_versions if v["effective_from"] < removed["effective_from"]][-1]
    fr = t.value("crs_additional_points", "french")
    ce = t.value("crs_additional_points", "canadian_education")
    maxima = t.value("crs_core_sections", "maximums")
    fst = t.value("fst_requirements", "minimums")
    fsw = t.value("fsw_selection_grid", "minimums")
    funds = t.version("settlement_funds", "amounts")
    tef_new = t.versions("clb_tef_canada", "equivalency")[-1]["effective_from"]
    pte = t.versions("clb_pte_core", "equivalency")[0]["effective_from"]
    unconfirmed = t.value("scope", "crs_unconfirmed_change")
    cwork = t.value("crs_core_canadian_work", "counting")
    french_versions = t.versions("crs_additional_points", "french")
    french_now = t.version("crs_additional_points", "french")
    offer_first = next(v for v in offer_versions if v["value"]["other"])
    ages = t.value("crs_core_age", "points")
    top_age_points = max(band["without_spouse"] for band in ages)
    peak = [i for i, band in enumerate(ages) if band["without_spouse"] == top_age_points][-1]
    return {
        "cec_hours": _num(cec["min_hours"]),
        "cec_weekly_cap": cec["max_hours_per_week"],
        "cec_weeks": cec["min_hours"] // cec["max_hours_per_week"],
        "cec_window_years": cec["window_years"],
        "clb_teer_0_1": lang["0"],
        "clb_teer_2_3": lang["2"],
        "test_validity_years": t.value("language_tests", "validity_years"),
        "job_offer_removed": _long(removed["effective_from"]),
        "job_offer_points_00": before["value"]["major_group_00"],
        "job_offer_points_other": before["value"]["other"],
        "pnp_points": t.value("crs_additional_points", "provincial_nomination"),
        "sibling_points": t.value("crs_additional_points", "sibling"),
        "french_points_with_english": fr["with_english"],
        "french_points_without_english": fr["without_english"],
        "french_min_nclc": fr["min_nclc"],
        # The English level that separates the two French amounts: CLB french_min_english_clb+ in all four
        # English abilities gives french_points_with_english; french_low_english_clb or less (or no test) the other.
        "french_min_english_clb": fr["min_english_clb"],
        "french_low_english_clb": fr["min_english_clb"] - 1,
        "french_from": _long(french_versions[0]["effective_from"]),
        # The date the current French amounts were announced (their exact start date is uncertain: see the data note).
        "french_raised": _long(french_now["effective_from"]),
        "sibling_from": _long(t.version("crs_additional_points", "sibling")["effective_from"]),
        "canadian_education_from": _long(t.version("crs_additional_points", "canadian_education")["effective_from"]),
        "job_offer_points_from": _long(offer_first["effective_from"]),
        # Age points are highest up to crs_age_peak_until and drop on every birthday from crs_age_drop_from.
        "crs_age_peak_until": ages[peak + 1]["min_age"] - 1,
        "crs_age_drop_from": ages[peak + 1]["min_age"],
        "canadian_education_short": ce["one_or_two_year"],
        "canadian_education_long": ce["three_year_plus"],
        "crs_max_total": _num(maxima["total"]),
        "crs_max_core_single": maxima["core"]["without_spouse"],
        "crs_max_core_couple": maxima["core"]["with_spouse"],
        "crs_max_transferability": t.value("crs_skill_transferability", "maximum"),
        "crs_max_additional": t.value("crs_additional_points", "maximum"),
        "crs_work_window_years": cwork["window_years"],
        # Language levels the CRS grid names: the first that earns points, the top row, the transferability bands.
        "crs_clb_points_from": t.value("crs_core_first_language", "points_per_ability")[0]["min_clb"],
        "crs_clb_top": t.value("crs_core_first_language", "points_per_ability")[-1]["min_clb"],
        "transfer_clb_high": t.value("crs_skill_transferability", "language_levels")["clb9"],
        "fsw_pass_mark": t.value("fsw_selection_grid", "pass_mark"),
        "fsw_min_clb": fsw["min_first_language_clb"],
        "fsw_window_years": fsw["window_years"],
        "fst_hours": _num(fst["min_hours"]),
        "fst_window_years": fst["window_years"],
        "fst_clb_speaking": fst["language"]["speaking"],
        "fst_clb_reading": fst["language"]["reading"],
        "funds_single": _num(funds["value"]["by_family_size"]["1"]),
        "funds_couple": _num(funds["value"]["by_family_size"]["2"]),
        "funds_from": _long(funds["effective_from"]),
        "tef_new_scale_from": _long(tef_new),
        "pte_core_from": _long(pte),
        "crs_unconfirmed_since": _long(unconfirmed["since"]) if unconfirmed else None,
        "earliest_as_of": _long(t.value("scope", "earliest_as_of")),
        # IRCC moved Express Entry to NOC 2021 TEER categories on the same day the checker's scope begins.
        "noc2021_from": _long(t.version("scope", "earliest_as_of")["effective_from"]),
    }


PROCESS_FACTS = ROOT / "content" / "data" / "process_facts.json"
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Prefixes a value is shown with on the sources page (and in P.history): "$990", "CLB/NCLC 7", "NCLC 7".
_UNIT_PREFIX = {"CAD": "$", "CLB/NCLC": "CLB/NCLC ", "NCLC": "NCLC "}
_BARE_UNITS = ("", "date", "text")
NOT_FOUND = "not found"
CONFIDENCE_WORDS = {
    "official": "official: read on an IRCC page or in the law",
    "cross-checked": "cross-checked: several independent reports agree, not read on canada.ca",
    "secondary": "reported by a secondary source, not confirmed by IRCC",
    "uncertain": "not confirmed",
}


def _process_format(value):
    if value is None:
        return NOT_FOUND
    if isinstance(value, str) and _ISO_DATE.match(value):
        return _long(value)
    return _num(value)


def _shown(formatted: str, raw, unit: str) -> str:
    if raw is None:
        return NOT_FOUND
    if unit in _UNIT_PREFIX:
        return _UNIT_PREFIX[unit] + formatted
    return formatted if unit in _BARE_UNITS else f"{formatted} {unit}"


def _day_before(iso: str) -> str:
    return (datetime.date.fromisoformat(iso) - datetime.timedelta(days=1)).isoformat()


def process_data(path: Path | None = None) -> dict:
    return json.loads((path or PROCESS_FACTS).read_text(encoding="utf-8"))


def process_data_verified(data: dict) -> str:
    """The oldest ``last_verified`` of any version: the date the process data can vouch for."""
    return min(v["last_verified"] for fact in data["facts"].values() for v in fact["versions"])


def process_version(fact: dict, on: str) -> dict | None:
    """The version of a process fact in force on ``on`` (ISO date): the last one whose ``effective_from`` is null
    (in force before anything recorded) or on or before ``on``; None when every version starts later."""
    found = None
    for v in fact["versions"]:
        if v["effective_from"] is None or v["effective_from"] <= on:
            found = v
    return found


def _formatted_versions(fact: dict, on: str) -> list[dict]:
    versions = fact["versions"]
    current = process_version(fact, on)
    out = []
    for i, v in enumerate(versions):
        nxt = versions[i + 1]["effective_from"] if i + 1 < len(versions) else None
        until = _day_before(nxt) if nxt else None
        start = v["effective_from"]
        value = _process_format(v["value"])
        if start and until:
            period = f"{_long(start)} to {_long(until)}"
        elif start:
            period = f"from {_long(start)}"
        elif until:
            period = f"until {_long(until)}"
        else:
            period = "start date not recorded"
        out.append({"effective_from": start, "from_long": _long(start) if start else "",
                    "until": until, "until_long": _long(until) if until else "", "period": period,
                    "value": value, "raw": v["value"], "shown": _shown(value, v["value"], fact.get("unit", "")),
                    "confidence": v["confidence"], "confidence_words": CONFIDENCE_WORDS.get(v["confidence"], v["confidence"]),
                    "sources": v["sources"], "links": [{"href": u, "label": _short(u)} for u in v["sources"]],
                    "last_verified": v["last_verified"], "note": v.get("note", ""),
                    "in_force": v is current, "later": bool(start) and start > on})
    return out


def process_values(path: Path | None = None, on: str | None = None) -> dict:
    """Process figures the guides quote (content/data/process_facts.json), formatted, keyed by name.

    These are not rules of the checker: ITA deadline, profile and ECA validity, biometrics, fees, the medical exam,
    PGWP facts, category rules. Each fact is a list of dated versions, like the rule data; the guides quote the
    version in force on ``on`` (default: the data's verification date, its oldest ``last_verified``):

    - ``P.name``: its formatted value ("60", "1,107", "1 October 2023"; no "$"; "not found" for a null value);
    - ``P.name_from``: the date that version took effect, when known;
    - ``P.name_confidence``: its confidence label;
    - ``P.history.name``: every version, oldest first, formatted (value, shown, period, from_long, until_long,
      confidence, confidence_words, links, note, in_force, later), for history tables;
    - ``P.all``: every version of every fact with its sources, confidence and verification date (sources page);
    - ``P.raw.name``: the value in force, unformatted (numbers for arithmetic; None when not found);
    - ``P.on``, ``P.on_long``: the date the values apply to.
    """
    data = process_data(path)
    on = on or process_data_verified(data)
    out: dict = {"on": on, "on_long": _long(on)}
    history: dict = {}
    raw: dict = {}
    listed = []
    for name, fact in data["facts"].items():
        versions = _formatted_versions(fact, on)
        history[name] = versions
        current = next((v for v in versions if v["in_force"]), None)
        if current is not None:
            out[name] = current["value"]
            out[name + "_confidence"] = current["confidence"]
            if current["effective_from"]:
                out[name + "_from"] = current["from_long"]
            raw[name] = current["raw"]
        unit = fact.get("unit", "")
        for v in versions:
            listed.append({"name": name, "title": fact["title"], "unit": unit, **v,
                           "effective_from_long": v["from_long"], "versions": len(versions)})
    out["history"] = history
    out["all"] = listed
    out["raw"] = raw  # numbers, for arithmetic
    return out
