"""Guide tables rendered from the checker's rule data (never typed by hand).

Guides call these through jinja2content, e.g. ``{{ table("crs_core_age") }}``.
Each table carries ``data-rule="<file>.<parameter>"`` and the date its values
apply to, so the test suite can compare every rendered cell with the data.
"""
from __future__ import annotations

import functools

import datetime
import json
import re
from html import escape
from pathlib import Path

from markupsafe import Markup

from checker.page.render import in_french
from checker.words import Words, join as _join, msg

from .site_data import ROOT, load_catalog
from .site_data import longdate as _long  # '2026-11-25' -> '25 November 2026'

ABILITIES = ("reading", "writing", "listening", "speaking")
# The CRS grid's levels of education; their words are the catalogs' "guide.education.<level>".
EDUCATION_LEVELS = ("none", "secondary", "one_year", "two_year", "bachelors", "two_or_more", "masters", "phd")
TEST_NAMES = {"ielts_general": "IELTS General Training", "celpip_general": "CELPIP-General", "pte_core": "PTE Core",
              "tef_canada": "TEF Canada", "tcf_canada": "TCF Canada"}


def _num(value) -> str:
    if isinstance(value, float):
        return f"{value:.1f}"
    if isinstance(value, int) and abs(value) >= 1000:
        return f"{value:,}"
    return str(value)


def in_lang(functions: dict, lang: str) -> dict:
    """Template functions of a build plugin, each called in ``lang`` (every one takes ``lang=``)."""
    return {name: functools.partial(fn, lang=lang) for name, fn in functions.items()}


class Say:
    """The guides' words in one language: the checker's own catalog (``checker/catalog/<lang>.json``, messages
    ``guide.*``) and its formatter (``checker.words.Words``), so that a guide and the checker write numbers, money
    and dates alike. ``say("table.source", links=...)`` is the text of ``guide.table.source``.

    English keeps the formats the guides have always used (``_num``: "1,560", "7.0"; ``longdate``)."""

    def __init__(self, lang: str = "en"):
        self.lang = lang
        self.words = Words(load_catalog(lang))
        # The abbreviation of the language levels: CLB in English (NCLC for the French tests), NCLC in French.
        self.clb = "CLB" if lang == "en" else "NCLC"

    def __call__(self, key: str, **values) -> str:
        return self.words.text(msg("guide." + key, **values))

    def message(self, key: str, **values) -> str:
        """A message of the checker's catalog itself (``ability_start.reading``, ``category.name.trades``...)."""
        return self.words.text(msg(key, **values))

    def has(self, key: str) -> bool:
        return key in self.words.messages

    def num(self, value) -> str:
        """A number as the guides print it: "1,560" / "1 560"; a float with one decimal ("7.0" / "7,0")."""
        if self.lang == "en":
            return _num(value)
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            return str(value)
        if isinstance(value, float):
            return self.words.value(value, "tenths")
        return self.words.number(value)

    def date(self, value) -> str:
        """'2026-12-01' (or a date) -> '1 December 2026' / '1er décembre 2026'."""
        if self.lang == "en":
            return _long(value)
        if isinstance(value, (datetime.date, datetime.datetime)):
            value = value.isoformat()
        return self.words.date(str(value).strip()[:10])

    def money(self, value) -> str:
        """Whole dollars: "$15,263" / "15 263 $"."""
        if self.lang == "en":
            return "$" + _num(value)
        return self.words.value(value, "money")

    def and_list(self, items) -> str:
        return self.words.text(_join([str(i) for i in items], "and"))

    def or_list(self, items) -> str:
        return self.words.text(_join([str(i) for i in items], "or"))

    def education(self, level: str) -> str:
        return self("education." + level)

    def ability(self, ability: str) -> str:
        return self.message("ability_start." + ability)


class RuleTables:
    """Renders tables of the rules in force on ``on`` (an ISO date), in ``lang``."""

    def __init__(self, tables: dict, on: str, lang: str = "en"):
        self.tables = tables
        self.on = on
        self.lang = lang
        self.say = Say(lang)

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
        fmt = str if self.lang == "en" else self.say.num  # English tables have always printed 1200
        for row in rows:
            cells = [f'<th scope="row">{escape(str(row[0]))}</th>']
            cells += [f'<td class="num">{escape(c if isinstance(c, str) else fmt(c))}</td>' for c in row[1:]]
            body.append("<tr>" + "".join(cells) + "</tr>")
        src = ", ".join(self._source_link(u) for u in sources)
        html = (f'<div class="table-wrap" tabindex="0" role="region" aria-label="{escape(caption)}"><table data-rule="{escape(rule)}" data-on="{escape(on or self.on)}">'
                f"<caption>{escape(caption)}</caption><thead><tr>{th}</tr></thead><tbody>{''.join(body)}</tbody></table></div>\n"
                f'<p class="table-source">{self.say("table.source", links=src)}</p>')
        return Markup(html)

    def _source_link(self, url: str) -> str:
        """A table's source; on a French page, an address that is not in French says so (the rule data keeps
        the address it was verified on)."""
        link = f'<a href="{escape(url)}">{escape(_short(url))}</a>'
        if self.lang == "en" or in_french(url):
            return link
        return self.say("source_in_english", link=link)

    def _head(self, *keys) -> list:
        return [self.say("head." + k) for k in keys]

    def _years(self, n: int, last: bool) -> str:
        return self.say("years_or_more" if last else "years", n=n)

    # --- language -----------------------------------------------------------
    def clb(self, test: str, on: str | None = None) -> Markup:
        """A test's equivalency chart as score ranges per CLB level."""
        S = self.say
        v = self.version("clb_" + test, "equivalency", on)
        value = v["value"]
        levels, scale = value["levels"], value["scale"]
        level_word = "NCLC" if test in ("tef_canada", "tcf_canada") or self.lang != "en" else "CLB"
        rows = []
        for i, row in enumerate(levels):
            cells = [f"{level_word} {row['clb']}"]
            for a in ABILITIES:
                low = row[a]
                high = scale[a]["max"] if i == 0 else levels[i - 1][a] - scale[a]["step"]
                cells.append(_range(low, high, S.num))
            rows.append(cells)
        versions = self.versions("clb_" + test, "equivalency")
        if len(versions) > 1:
            later = [x for x in versions if x["effective_from"] > v["effective_from"]]
            caption = (S("clb.caption_before", test=TEST_NAMES[test], level=level_word,
                         date=S.date(later[0]["effective_from"])) if later
                       else S("clb.caption_from", test=TEST_NAMES[test], level=level_word, date=S.date(v["effective_from"])))
        else:
            caption = S("clb.caption", test=TEST_NAMES[test], level=level_word)
        return self._wrap(f"clb_{test}.equivalency", caption, [S("head.level")] + [S.ability(a) for a in ABILITIES],
                          rows, v["sources"], on)

    # --- CEC ------------------------------------------------------------------
    def cec_language(self) -> Markup:
        S = self.say
        v = self.version("cec_requirements", "language_minimum")
        value = v["value"]
        rows = [[S("teer", teer=t), S("cec_language.level", n=value[t])] for t in sorted(value)]
        return self._wrap("cec_requirements.language_minimum", S("cec_language.caption"),
                          self._head("qualifying_work", "minimum_level"), rows, v["sources"])

    # --- CRS ------------------------------------------------------------------
    def crs_core_age(self) -> Markup:
        S = self.say
        v = self.version("crs_core_age", "points")
        rows = []
        bands = v["value"]
        for i, band in enumerate(bands):
            low = band["min_age"]
            high = bands[i + 1]["min_age"] - 1 if i + 1 < len(bands) else None
            label = (S("age.or_younger", age=high) if low == 0 else S("age.or_older", age=low) if high is None
                     else str(low) if low == high else S("age.range", low=low, high=high))
            rows.append([label, band["with_spouse"], band["without_spouse"]])
        return self._wrap("crs_core_age.points", S("crs_core_age.caption"),
                          self._head("age", "with_spouse", "without"), rows, v["sources"])

    def crs_core_education(self) -> Markup:
        S = self.say
        v = self.version("crs_core_education", "points")
        rows = [[S.education(k), p["with_spouse"], p["without_spouse"]] for k, p in v["value"].items()]
        return self._wrap("crs_core_education.points", S("crs_core_education.caption"),
                          self._head("highest_credential", "with_spouse", "without"), rows, v["sources"])

    def _clb_bands(self, rows_in, start_label_below=None):
        S = self.say
        out = []
        for i, row in enumerate(rows_in):
            low = row["min_clb"]
            high = rows_in[i + 1]["min_clb"] - 1 if i + 1 < len(rows_in) else None
            label = (S("clb.or_more", clb=S.clb, low=low) if high is None else f"{S.clb} {low}" if low == high
                     else S("clb.or", clb=S.clb, low=low, high=high) if high == low + 1
                     else S("clb.range", clb=S.clb, low=low, high=high))
            out.append((label, row))
        return out

    def _below(self, level) -> str:
        return self.say("clb.below", clb=self.say.clb, n=level)

    def crs_core_first_language(self) -> Markup:
        v = self.version("crs_core_first_language", "points_per_ability")
        rows = [[self._below(v['value'][0]['min_clb']), 0, 0]]
        rows += [[label, r["with_spouse"], r["without_spouse"]] for label, r in self._clb_bands(v["value"])]
        return self._wrap("crs_core_first_language.points_per_ability", self.say("crs_core_first_language.caption"),
                          self._head("level_in_ability", "with_spouse", "without"), rows, v["sources"])

    def crs_core_second_language(self) -> Markup:
        v = self.version("crs_core_second_language", "points_per_ability")
        cap = self.value("crs_core_second_language", "maximum")
        rows = [[self._below(v['value'][0]['min_clb']), 0]]
        rows += [[label, r["without_spouse"]] for label, r in self._clb_bands(v["value"])]
        caption = self.say("crs_core_second_language.caption", with_spouse=cap["with_spouse"],
                           without_spouse=cap["without_spouse"])
        return self._wrap("crs_core_second_language.points_per_ability", caption, self._head("level_in_ability", "points"),
                          rows, v["sources"])

    def crs_core_canadian_work(self) -> Markup:
        v = self.version("crs_core_canadian_work", "points")
        rows = [[self.say("less_than_a_year"), 0, 0]]
        for i, r in enumerate(v["value"]):
            last = i + 1 == len(v["value"])
            rows.append([self._years(r["min_years"], last), r["with_spouse"], r["without_spouse"]])
        return self._wrap("crs_core_canadian_work.points", self.say("crs_core_canadian_work.caption"),
                          self._head("skilled_work_in_canada", "with_spouse", "without"), rows, v["sources"])

    def crs_spouse(self) -> Markup:
        S = self.say
        edu = self.version("crs_spouse_factors", "education")
        lang = self.version("crs_spouse_factors", "language_per_ability")
        work = self.version("crs_spouse_factors", "canadian_work")
        parts = [self._wrap("crs_spouse_factors.education", S("crs_spouse.education.caption"),
                            self._head("spouse_credential", "points"),
                            [[S.education(k), p] for k, p in edu["value"].items()], edu["sources"])]
        rows = [[self._below(lang['value'][0]['min_clb']), 0]]
        rows += [[label, r["points"]] for label, r in self._clb_bands(lang["value"])]
        parts.append(self._wrap("crs_spouse_factors.language_per_ability", S("crs_spouse.language.caption"),
                                self._head("level_in_ability", "points"), rows, lang["sources"]))
        rows = [[S("less_than_a_year"), 0]]
        for i, r in enumerate(work["value"]):
            last = i + 1 == len(work["value"])
            rows.append([self._years(r["min_years"], last), r["points"]])
        parts.append(self._wrap("crs_spouse_factors.canadian_work", S("crs_spouse.work.caption"),
                                self._head("spouse_work_in_canada", "points"), rows, work["sources"]))
        return Markup("\n".join(parts))

    def crs_transferability(self) -> Markup:
        S = self.say
        edu = self.version("crs_skill_transferability", "education")
        fw = self.version("crs_skill_transferability", "foreign_work")
        coq = self.version("crs_skill_transferability", "certificate_of_qualification")
        lv = self.value("crs_skill_transferability", "language_levels")
        head = ["", S("transfer.head.clb7", clb=S.clb, clb7=lv['clb7'], clb9=lv['clb9']),
                S("transfer.head.clb9", clb=S.clb, clb9=lv['clb9']),
                S("transfer.head.one_year"), S("transfer.head.two_years")]
        rows = [[S("transfer.secondary_or_less"), 0, 0, 0, 0]]
        for tier, label in (("post_secondary", S("transfer.post_secondary")), ("advanced", S("transfer.advanced"))):
            rows.append([label, edu["value"]["with_language"][tier]["clb7"], edu["value"]["with_language"][tier]["clb9"],
                         edu["value"]["with_canadian_work"][tier]["one_year"], edu["value"]["with_canadian_work"][tier]["two_years"]])
        out = [self._wrap("crs_skill_transferability.education",
                          S("transfer.education.caption", most=edu['value']['maximum']),
                          [S("head.education")] + head[1:], rows, edu["sources"])]
        rows = [[S("transfer.none"), 0, 0, 0, 0]]
        for tier, label in (("one_or_two", S("transfer.one_or_two_years")), ("three_plus", S("transfer.three_years_plus"))):
            rows.append([label, fw["value"]["with_language"][tier]["clb7"], fw["value"]["with_language"][tier]["clb9"],
                         fw["value"]["with_canadian_work"][tier]["one_year"], fw["value"]["with_canadian_work"][tier]["two_years"]])
        out.append(self._wrap("crs_skill_transferability.foreign_work",
                              S("transfer.foreign_work.caption", most=fw['value']['maximum']),
                              [S("head.foreign_work")] + head[1:], rows, fw["sources"]))
        rows = [[S("transfer.coq.clb5", clb=S.clb, clb5=lv['clb5'], clb7=lv['clb7']), coq["value"]["clb5"]],
                [S("transfer.coq.clb7", clb=S.clb, clb7=lv['clb7']), coq["value"]["clb7"]]]
        out.append(self._wrap("crs_skill_transferability.certificate_of_qualification", S("transfer.coq.caption"),
                              self._head("language", "points"), rows, coq["sources"]))
        return Markup("\n".join(out))

    def crs_additional(self) -> Markup:
        S = self.say
        pnp = self.version("crs_additional_points", "provincial_nomination")
        offer = self.version("crs_additional_points", "arranged_employment")
        ce = self.version("crs_additional_points", "canadian_education")
        fr = self.version("crs_additional_points", "french")
        sib = self.version("crs_additional_points", "sibling")
        frv = fr["value"]
        since = S.date(offer['effective_from'])
        rows = [
            [S("additional.pnp"), pnp["value"]],
            [S("additional.offer_00", date=since), offer["value"]["major_group_00"]],
            [S("additional.offer_other", date=since), offer["value"]["other"]],
            [S("additional.education_short"), ce["value"]["one_or_two_year"]],
            [S("additional.education_long"), ce["value"]["three_year_plus"]],
            [S("additional.french_low_english", nclc=frv['min_nclc'], clb=S.clb, english=frv['min_english_clb'] - 1),
             frv["without_english"]],
            [S("additional.french_with_english", nclc=frv['min_nclc'], clb=S.clb, english=frv['min_english_clb']),
             frv["with_english"]],
            [S("additional.sibling"), sib["value"]],
        ]
        cap = self.value("crs_additional_points", "maximum")
        sources = sorted(set(pnp["sources"] + offer["sources"] + ce["sources"] + fr["sources"] + sib["sources"]))
        return self._wrap("crs_additional_points", S("additional.caption", most=cap), self._head("factor", "points"),
                          rows, sources)

    def job_offer_history(self) -> Markup:
        S = self.say
        versions = self.versions("crs_additional_points", "arranged_employment")
        rows = [[S.date(v["effective_from"]), v["value"]["major_group_00"], v["value"]["other"]] for v in versions]
        return self._wrap("crs_additional_points.arranged_employment", S("job_offer_history.caption"),
                          self._head("from", "senior_management", "other_offers"), rows,
                          sorted({s for v in versions for s in v["sources"]}))

    def crs_maximums(self) -> Markup:
        S = self.say
        v = self.version("crs_core_sections", "maximums")
        m = v["value"]
        transfer = self.value("crs_skill_transferability", "maximum")
        additional = self.value("crs_additional_points", "maximum")
        rows = [[S("maximums.core"), m["core"]["with_spouse"], m["core"]["without_spouse"]],
                [S("maximums.spouse"), m["spouse"]["with_spouse"], m["spouse"]["without_spouse"]],
                [S("maximums.transferability"), transfer, transfer],
                [S("maximums.additional"), additional, additional],
                [S("maximums.total"), m["total"], m["total"]]]
        return self._wrap("crs_core_sections.maximums", S("maximums.caption"),
                          self._head("part", "with_spouse", "without"), rows, v["sources"])

    # --- FSW ------------------------------------------------------------------
    def fsw_grid(self) -> Markup:
        S = self.say
        g = "fsw_selection_grid"
        lang = self.version(g, "language")
        edu = self.version(g, "education")
        work = self.version(g, "work_experience")
        age = self.version(g, "age")
        offer = self.version(g, "arranged_employment")
        ad = self.version(g, "adaptability")
        pass_mark = self.value(g, "pass_mark")
        L = lang["value"]
        rows = [[S("fsw.first_language_or_more" if i + 1 == len(L['first_per_ability']) else "fsw.first_language",
                   clb=S.clb, n=r['min_clb']), r["points"]]
                for i, r in enumerate(L["first_per_ability"])]
        rows.append([S("fsw.second_language", clb=S.clb, n=L['second_min_clb']), L["second_points"]])
        rows += [[S.education(k), p] for k, p in edu["value"].items() if k != "none"]
        wv = work["value"]
        for i, r in enumerate(wv):
            nxt = wv[i + 1]["min_years"] - 1 if i + 1 < len(wv) else None
            label = (S("fsw.work_years", n=r['min_years']) if nxt == r["min_years"]
                     else S("fsw.work_range", low=r['min_years'], high=nxt) if nxt
                     else S("fsw.work_or_more", n=r['min_years']))
            rows.append([label, r["points"]])
        av = age["value"]
        for i, r in enumerate(av):
            if r["min_age"] == 0:
                continue
            nxt = av[i + 1]["min_age"] - 1 if i + 1 < len(av) else None
            label = (S("fsw.age", age=r['min_age']) if nxt == r["min_age"]
                     else S("fsw.age_range", low=r['min_age'], high=nxt) if nxt
                     else S("fsw.age_or_older", age=r['min_age']))
            rows.append([label, r["points"]])
        rows.append([S("fsw.job_offer"), offer["value"]])
        a = ad["value"]
        rows += [[S("fsw.adapt.own_work", n=a['work_in_canada_min_years']), a["own_work_in_canada"]],
                 [S("fsw.adapt.own_study"), a["own_study_in_canada"]],
                 [S("fsw.adapt.spouse_language", clb=S.clb, n=a['spouse_language_min_clb']), a["spouse_language_clb4"]],
                 [S("fsw.adapt.spouse_study"), a["spouse_study_in_canada"]],
                 [S("fsw.adapt.spouse_work"), a["spouse_work_in_canada"]],
                 [S("fsw.adapt.job_offer"), a["arranged_employment"]],
                 [S("fsw.adapt.relative"), a["relative_in_canada"]],
                 [S("fsw.adapt.maximum"), a["maximum"]]]
        sources = sorted({s for v in (lang, edu, work, age, offer, ad) for s in v["sources"]})
        return self._wrap("fsw_selection_grid", S("fsw.caption", pass_mark=pass_mark),
                          self._head("factor", "points"), rows, sources)

    # --- settlement funds (FSW and FST) -----------------------------------------
    def settlement_funds(self, on: str | None = None) -> Markup:
        """IRCC's table of settlement funds by family size, as in force on ``on`` (default: the guides' date).

        One row per family size the data lists (1 to 7 today) and a last row for each additional person, so no
        guide has to describe the steps (they are not equal)."""
        S = self.say
        on = on or self.on
        v = self.version("settlement_funds", "amounts", on)
        if v is None:
            return Markup(f"<p>{escape(S('funds.none', date=S.date(on)))}</p>")
        value = v["value"]
        sizes = sorted(value["by_family_size"], key=int)
        rows = [[S("funds.people", n=int(n)), S.money(value['by_family_size'][n])] for n in sizes]
        rows.append([S("funds.each_additional", n=sizes[-1]), S.money(value['each_additional'])])
        later = [x for x in self.versions("settlement_funds", "amounts") if x["effective_from"] > v["effective_from"]]
        period = (S("period.from_to", start=S.date(v['effective_from']), end=S.date(_day_before(later[0]['effective_from'])))
                  if later else S("period.from", start=S.date(v['effective_from'])))
        return self._wrap("settlement_funds.amounts", S("funds.caption", period=period),
                          self._head("family_members", "funds_needed"), rows, v["sources"], on=on)

    def settlement_funds_history(self) -> Markup:
        """The tables in force before the one the guides show, newest first (each at the date it took effect)."""
        current = self.version("settlement_funds", "amounts")
        older = [v for v in self.versions("settlement_funds", "amounts")
                 if current is not None and v["effective_from"] < current["effective_from"]]
        return Markup("\n".join(str(self.settlement_funds(v["effective_from"])) for v in reversed(older)))

    # --- dispatch -------------------------------------------------------------
    def __call__(self, name: str, *args) -> Markup:
        return getattr(self, name)(*args)


def _range(low, high, num=_num) -> str:
    if low == high:
        return num(low)
    return f"{num(low)}–{num(high)}"


def _short(url: str) -> str:
    """A readable label for a source link: host and the last path segment."""
    rest = url.split("://", 1)[-1]
    host, _, path = rest.partition("/")
    last = path.rstrip("/").rsplit("/", 1)[-1] if path else ""
    return f"{host}/…/{last}" if last else host


def guide_values(tables: dict, on: str, lang: str = "en") -> dict:
    """Rule values that guides quote in running text, formatted in ``lang``, keyed by a short name.

    Numbers below 1,000 stay numbers (guides do arithmetic with them); larger ones and dates are text."""
    t = RuleTables(tables, on, lang)
    S = t.say
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
        "cec_hours": S.num(cec["min_hours"]),
        "cec_weekly_cap": cec["max_hours_per_week"],
        "cec_weeks": cec["min_hours"] // cec["max_hours_per_week"],
        "cec_window_years": cec["window_years"],
        "clb_teer_0_1": lang["0"],
        "clb_teer_2_3": lang["2"],
        "test_validity_years": t.value("language_tests", "validity_years"),
        "job_offer_removed": S.date(removed["effective_from"]),
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
        "french_from": S.date(french_versions[0]["effective_from"]),
        # The date the current French amounts were announced (their exact start date is uncertain: see the data note).
        "french_raised": S.date(french_now["effective_from"]),
        "sibling_from": S.date(t.version("crs_additional_points", "sibling")["effective_from"]),
        "canadian_education_from": S.date(t.version("crs_additional_points", "canadian_education")["effective_from"]),
        "job_offer_points_from": S.date(offer_first["effective_from"]),
        # Age points are highest up to crs_age_peak_until and drop on every birthday from crs_age_drop_from.
        "crs_age_peak_until": ages[peak + 1]["min_age"] - 1,
        "crs_age_drop_from": ages[peak + 1]["min_age"],
        "canadian_education_short": ce["one_or_two_year"],
        "canadian_education_long": ce["three_year_plus"],
        "crs_max_total": S.num(maxima["total"]),
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
        "fst_hours": S.num(fst["min_hours"]),
        "fst_window_years": fst["window_years"],
        "fst_clb_speaking": fst["language"]["speaking"],
        "fst_clb_reading": fst["language"]["reading"],
        "funds_single": S.num(funds["value"]["by_family_size"]["1"]),
        "funds_couple": S.num(funds["value"]["by_family_size"]["2"]),
        "funds_from": S.date(funds["effective_from"]),
        "tef_new_scale_from": S.date(tef_new),
        "pte_core_from": S.date(pte),
        "crs_unconfirmed_since": S.date(unconfirmed["since"]) if unconfirmed else None,
        "earliest_as_of": S.date(t.value("scope", "earliest_as_of")),
        # IRCC moved Express Entry to NOC 2021 TEER categories on the same day the checker's scope begins.
        "noc2021_from": S.date(t.version("scope", "earliest_as_of")["effective_from"]),
    }


PROCESS_FACTS = ROOT / "content" / "data" / "process_facts.json"
_ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
# Prefixes a value is shown with on the sources page (and in P.history): "$990", "CLB/NCLC 7", "NCLC 7".
_UNIT_PREFIX = {"CAD": "$", "CLB/NCLC": "CLB/NCLC ", "NCLC": "NCLC "}
_BARE_UNITS = ("", "date", "text")
NOT_FOUND = "not found"  # the English words; each language's are the catalogs' guide.not_found
CONFIDENCE_WORDS = {
    "official": "official: read on an IRCC page or in the law",
    "cross-checked": "cross-checked: several independent reports agree, not read on canada.ca",
    "secondary": "reported by a secondary source, not confirmed by IRCC",
    "uncertain": "not confirmed",
}


def _key(word: str) -> str:
    """A data word as part of a message id: 'cross-checked' -> 'cross_checked', 'years of age' -> 'years_of_age'."""
    return word.replace("-", "_").replace(" ", "_").replace("/", "_")


def _confidence_words(S: Say, level: str) -> str:
    key = "confidence." + _key(level)
    return S(key) if S.has("guide." + key) else level


def _confidence_level(S: Say, level: str) -> str:
    """The level itself ("cross-checked"), in the language's words (English keeps the data's word)."""
    if S.lang == "en":
        return level
    key = "confidence_level." + _key(level)
    return S(key) if S.has("guide." + key) else level


def _process_format(value, S: Say | None = None, texts: dict | None = None):
    S = S or Say("en")
    if value is None:
        return S("not_found")
    if isinstance(value, str) and _ISO_DATE.match(value):
        return S.date(value)
    if isinstance(value, str) and texts:
        return texts.get(value, value)
    return S.num(value)


def _shown(formatted: str, raw, unit: str, S: Say | None = None) -> str:
    S = S or Say("en")
    if raw is None:
        return S("not_found")
    if unit == "CAD":
        return S.money(raw)
    if unit in _UNIT_PREFIX:
        return (_UNIT_PREFIX[unit] if S.lang == "en" else S.clb + " ") + formatted
    if unit in _BARE_UNITS:
        return formatted
    key = "unit." + _key(unit)
    return S(key, value=formatted, n=raw) if S.has("guide." + key) else f"{formatted} {unit}"


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


def _formatted_versions(fact: dict, on: str, S: Say | None = None, texts: dict | None = None) -> list[dict]:
    S = S or Say("en")
    versions = fact["versions"]
    current = process_version(fact, on)
    out = []
    for i, v in enumerate(versions):
        nxt = versions[i + 1]["effective_from"] if i + 1 < len(versions) else None
        until = _day_before(nxt) if nxt else None
        start = v["effective_from"]
        value = _process_format(v["value"], S, texts)
        if start and until:
            period = S("period.range", start=S.date(start), end=S.date(until))
        elif start:
            period = S("period.from", start=S.date(start))
        elif until:
            period = S("period.until", end=S.date(until))
        else:
            period = S("period.no_start")
        out.append({"effective_from": start, "from_long": S.date(start) if start else "",
                    "until": until, "until_long": S.date(until) if until else "", "period": period,
                    "value": value, "raw": v["value"], "shown": _shown(value, v["value"], fact.get("unit", ""), S),
                    "confidence": _confidence_level(S, v["confidence"]), "level": v["confidence"],
                    "confidence_words": _confidence_words(S, v["confidence"]),
                    "sources": v["sources"], "links": [{"href": u, "label": _short(u)} for u in v["sources"]],
                    "last_verified": v["last_verified"], "note": v.get("note", ""),
                    "in_force": v is current, "later": bool(start) and start > on})
    return out


def process_values(path: Path | None = None, on: str | None = None, lang: str = "en") -> dict:
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

    In another ``lang`` than English, the words come from the catalog and from the data's ``lang`` section (each
    fact's title, and the text values): numbers "1 107", dates "1er octobre 2023", "shown" "600 $"; a fact's
    ``confidence`` (and ``P.name_confidence``) is its level in words ("recoupé"), ``level`` the data's level.
    """
    data = process_data(path)
    on = on or process_data_verified(data)
    S = Say(lang)
    own = data.get(lang, {}) if lang != "en" else {}
    titles, texts = own.get("titles", {}), own.get("values", {})
    out: dict = {"on": on, "on_long": S.date(on)}
    history: dict = {}
    raw: dict = {}
    listed = []
    for name, fact in data["facts"].items():
        versions = _formatted_versions(fact, on, S, texts)
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
            listed.append({"name": name, "title": titles.get(name, fact["title"]), "unit": unit, **v,
                           "effective_from_long": v["from_long"], "versions": len(versions)})
    out["history"] = history
    out["all"] = listed
    out["raw"] = raw  # numbers, for arithmetic
    return out
