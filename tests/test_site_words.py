"""The build plugins' values in French: what a French guide prints through R, P, table(), the rounds, category
and NOC globals is French, written by the checker's own formatter (checker/catalog/fr.json), and English stays
as it was.

Expected figures come from the rule and process data and from the checker's Words, never from the plugins.
"""
from __future__ import annotations

import json
import re
import sys
from pathlib import Path

import pytest
from markupsafe import Markup

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from checker.words import Words  # noqa: E402
from cec_site import categories, noc, rounds, site_data, tables  # noqa: E402

NBSP = "\u00a0"
FR = Words(json.loads((ROOT / "checker" / "catalog" / "fr.json").read_text(encoding="utf-8")))
EN_MONTHS = re.compile(r"\b(January|February|March|April|May|June|July|August|September|October|November|December)\b")
# English words that no French value may hold (test names, URLs and codes aside).
ENGLISH = re.compile(r"\b(the|and|or more|or younger|years?|from|until|rounds?|with|without|points for|not found|"
                     r"official|cross-checked|secondary|uncertain|Source:|Used for|Category|Yes|No)\b")
TABLES = site_data.load_rule_files()
ON = site_data.rules_last_verified(TABLES)
RULE_TABLES = ["cec_language", "crs_core_age", "crs_core_education", "crs_core_first_language",
               "crs_core_second_language", "crs_core_canadian_work", "crs_spouse", "crs_transferability",
               "crs_additional", "job_offer_history", "crs_maximums", "fsw_grid", "settlement_funds",
               "settlement_funds_history"]
TESTS = ["ielts_general", "celpip_general", "pte_core", "tef_canada", "tcf_canada"]


def _value(table, name):
    found = None
    for v in TABLES[table]["parameters"][name]["versions"]:
        if v["effective_from"] <= ON:
            found = v
    return found


@pytest.fixture(scope="module")
def R():
    return {lang: tables.guide_values(TABLES, ON, lang=lang) for lang in ("en", "fr")}


@pytest.fixture(scope="module")
def P():
    return {lang: tables.process_values(lang=lang) for lang in ("en", "fr")}


def _globals(lang):
    return {**rounds.jinja_globals(lang), **categories.jinja_globals(lang), **noc.jinja_globals(lang)}


def _texts(html: str) -> str:
    """The words of rendered HTML: its text and the attributes a reader meets (aria-label, title)."""
    attrs = " ".join(re.findall(r'aria-label="([^"]*)"', html))
    no_links = re.sub(r'<a [^>]*>[^<]*</a>', " ", html)  # source links show addresses
    return re.sub(r"<[^>]+>", " ", no_links) + " " + attrs


def _strings(node, path=""):
    """Every (path, text) in a globals structure (dicts, lists, tuples)."""
    if isinstance(node, str):
        yield path, node
    elif isinstance(node, dict):
        for k, v in node.items():
            yield from _strings(v, f"{path}.{k}")
    elif isinstance(node, (list, tuple)):
        for i, v in enumerate(node):
            yield from _strings(v, f"{path}[{i}]")


# Values that are data, not words: codes, addresses, ISO dates, test names, English round names kept as data.
_DATA_KEYS = re.compile(r"\.(href|label|sources|source|file|parameter|id|kind|code|round_type|edition|ircc_round_name|"
                        r"effective_from|until|from|to|on|as_of|date|latest_iso|last_verified|note|level|unit|raw|"
                        r"statcan_url|dataset_url|licence_url|index_files|links|language|abilities|test_language|"
                        r"year|broad|title_en|noc|tests|names_en|round_date|confidence)\b")


def _shapes(a, b, path=""):
    """Every path where English has a value and French has none (or a different kind of thing)."""
    if isinstance(a, dict):
        assert isinstance(b, dict), path
        for k in a:
            assert k in b, f"French lacks {path}.{k}"
            _shapes(a[k], b[k], f"{path}.{k}")
    elif isinstance(a, list):
        assert isinstance(b, list) and len(a) == len(b), path
        for i, (x, y) in enumerate(zip(a, b)):
            _shapes(x, y, f"{path}[{i}]")
    elif a is not None:
        assert b is not None, f"French lacks {path}"


# --- R: rule values quoted in running text -----------------------------------------------------------------

def test_the_cec_hours_and_money_are_written_the_french_way(R):
    hours = _value("cec_requirements", "work_experience")["value"]["min_hours"]
    assert R["fr"]["cec_hours"] == FR.number(hours) == "1" + NBSP + "560"
    assert R["en"]["cec_hours"] == "1,560"
    funds = _value("settlement_funds", "amounts")["value"]["by_family_size"]["1"]
    assert R["fr"]["funds_single"] == FR.number(funds) and NBSP in R["fr"]["funds_single"]


def test_dates_are_french_with_1er_and_lowercase_months(R):
    fr = R["fr"]
    assert fr["job_offer_removed"] == FR.date(
        next(v for v in TABLES["crs_additional_points"]["parameters"]["arranged_employment"]["versions"]
             if v["value"]["other"] == 0)["effective_from"])
    for key, value in fr.items():
        if isinstance(value, str):
            assert not EN_MONTHS.search(value), (key, value)


def test_numbers_stay_numbers_for_the_guides_arithmetic(R):
    for key, value in R["en"].items():
        if isinstance(value, int):
            assert R["fr"][key] == value, key
    assert set(R["fr"]) == set(R["en"])


# --- P: process facts ----------------------------------------------------------------------------------------

def test_fees_are_french_money(P):
    fr = P["fr"]
    rprf = fr["raw"]["fee_rprf"]
    current = next(v for v in fr["history"]["fee_rprf"] if v["in_force"])
    assert current["shown"] == FR.value(rprf, "money") == f"{rprf}{NBSP}$"
    assert fr["fee_rprf"] == str(rprf)  # the guides write the currency sign themselves


def test_process_values_are_french_everywhere(P):
    fr, en = P["fr"], P["en"]
    _shapes(en, fr)
    assert fr["on_long"] == FR.date(fr["on"])
    for path, text in _strings(fr):
        if _DATA_KEYS.search(path):
            continue
        assert not EN_MONTHS.search(text), (path, text)
    for entry in fr["all"]:
        assert entry["title"] != next(e for e in en["all"] if e["name"] == entry["name"])["title"], entry["name"]
        assert not re.search(r"\b(to|from|until)\b", entry["period"]), entry["period"]
        assert entry["confidence"] in {"officiel", "recoupé", "de source secondaire", "incertain"}
        assert entry["level"] in {"official", "cross-checked", "secondary", "uncertain"}
    text = next(v for v in fr["history"]["medical_exam_timing"] if v["in_force"])
    assert text["value"] == fr["medical_exam_timing"] and "exigé" in text["value"]
    # English keeps the data's own confidence words (the guides and tests compare them)
    assert en["medical_exam_timing_confidence"] in {"official", "cross-checked", "secondary", "uncertain"}


def test_the_first_of_a_month_is_1er(P):
    pgwp = P["fr"]["history"]["pgwp_language_university"][0]
    assert pgwp["effective_from"] == "2024-11-01" and pgwp["from_long"] == "1er novembre 2024"
    assert P["fr"]["pgwp_field_of_study_from"] == "1er novembre 2024"  # a date-valued fact


def test_a_missing_value_is_introuvable(P):
    missing = [v for h in P["fr"]["history"].values() for v in h if v["raw"] is None]
    assert missing and all(v["value"] == v["shown"] == "introuvable" for v in missing)


# --- table(): the rule tables -----------------------------------------------------------------------------

@pytest.fixture(scope="module")
def T():
    return {lang: tables.RuleTables(TABLES, ON, lang=lang) for lang in ("en", "fr")}


def test_every_rule_table_is_french(T):
    rendered = [T["fr"](name) for name in RULE_TABLES] + [T["fr"]("clb", t) for t in TESTS]
    rendered.append(T["fr"]("clb", "tef_canada", "2023-01-01"))
    for html in rendered:
        assert isinstance(html, Markup)
        words = _texts(str(html))
        assert not EN_MONTHS.search(words), words[:300]
        assert not ENGLISH.search(words), (ENGLISH.search(words).group(0), words[:300])
        assert "CLB" not in words.replace("CLB/NCLC", ""), words[:200]


def test_french_captions_and_headers(T):
    cec = str(T["fr"]("cec_language"))
    assert "<caption>CEC" + NBSP + ": niveau minimal dans chacune des quatre capacités</caption>" in cec
    assert "FÉER 0" in cec and "NCLC 7" in cec
    assert "Source" + NBSP + ":" in cec
    age = str(T["fr"]("crs_core_age"))
    assert "Avec époux ou conjoint de fait" in age and "ans ou plus" in age
    funds = str(T["fr"]("settlement_funds"))
    amount = _value("settlement_funds", "amounts")["value"]["by_family_size"]["1"]
    assert f">{FR.value(amount, 'money')}<" in funds and "1 personne" in funds


def test_the_tables_keep_their_data_attributes_in_french(T):
    for name in RULE_TABLES:
        en, fr = str(T["en"](name)), str(T["fr"](name))
        assert re.findall(r'data-rule="[^"]+"', en) == re.findall(r'data-rule="[^"]+"', fr), name
        assert en.count("<tr>") == fr.count("<tr>"), name


# --- rounds, categories, NOC ---------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def G():
    return {lang: _globals(lang) for lang in ("en", "fr")}


def test_every_global_has_the_same_keys_in_french(G):
    assert set(G["fr"]) == set(G["en"])


def test_rounds_figures_in_french(G):
    en, fr = G["en"]["rounds_stats"](), G["fr"]["rounds_stats"]()
    _shapes(en, fr)
    assert fr["window"]["text"].startswith("les rondes d’IRCC du ")
    assert fr["invitations"] == FR.number(int(en["invitations"].replace(",", "")))
    for path, text in _strings(fr):
        assert not EN_MONTHS.search(text), (path, text)
    assert " to " not in fr["cec_recent"]["range"]
    assert all("occupations" not in n for n in fr["category_names"])


@pytest.mark.parametrize("name", ["rounds_chart", "rounds_table", "pool_chart", "rule_confidence_table",
                                  "rule_sources_list", "category_rounds_table", "category_confidence_table",
                                  "noc_teer_table", "noc_category_links", "noc_attribution"])
def test_html_globals_are_french(G, name):
    html = str(G["fr"][name]())
    words = _texts(html)
    assert not EN_MONTHS.search(words), EN_MONTHS.search(words).group(0)
    found = re.search(r"\b(the|and|rounds?|from|Round|Date of the round|Lowest|Candidates|Yes|No|Statistics Canada|"
                      r"Contains information)\b", words)
    assert not found, (found.group(0), words[max(0, found.start() - 80):found.end() + 80])


def _without_notes(title: str) -> str:
    """A part's title as the sources page shows it: without its bracketed notes for developers."""
    return " ".join(re.sub(r"\([^()]*\)", " ", title).split()).replace(" ,", ",").rstrip(" ,;:")


def test_rule_tables_and_their_parts_show_their_french_titles(G):
    """The sources page's confidence table and "used for" lines name each rule table and part by its title_fr."""
    html = str(G["fr"]["rule_confidence_table"]())
    for file_id, table in TABLES.items():
        body = re.search(rf'<tbody data-rule-file="{file_id}">(.*?)</tbody>', html, re.S).group(1)
        assert f">{Markup.escape(table['title_fr'])}</th>" in body, file_id
        for name, parameter in table["parameters"].items():
            assert f"<td>{Markup.escape(_without_notes(parameter['title_fr']))}</td>" in body, (file_id, name)
    sources = G["fr"]["all_rule_sources"]()
    assert {title for _, titles in sources for title in titles} == {table["title_fr"] for table in TABLES.values()}
    listed = str(G["fr"]["rule_sources_list"]())
    for url, titles in sources:
        assert f"Utilisé pour{NBSP}: {Markup.escape('; '.join(titles))}</span>" in listed, url


def test_chart_text_alternatives_are_french(G):
    chart = str(G["fr"]["rounds_chart"]())
    desc = re.search(r"<desc[^>]*>(.*?)</desc>", chart, re.S).group(1)
    assert "Score SCG le plus bas invité" in desc and "catégorie de l’expérience canadienne" in desc
    assert re.search(r">(janv\.|juil\.) 20\d\d<", chart)
    pool = str(G["fr"]["pool_chart"]())
    assert "Candidats du bassin d’Entrée express" in pool and NBSP + "%" in pool


def test_category_names_are_the_checkers_french_names(G):
    cat = G["fr"]["category_rules"]()
    en = G["en"]["category_rules"]()
    _shapes({k: v for k, v in en.items() if k != "previous"}, {k: v for k, v in cat.items() if k != "previous"})
    for c in cat["categories"]:
        assert c["name"] == FR.text(__import__("checker.words", fromlist=["msg"]).msg("category.name." + c["id"]))
        assert c["confidence"] in {"official", "cross-checked", "secondary", "uncertain"}  # pages compare it
        assert c["confidence_words"] != next(e for e in en["categories"] if e["id"] == c["id"])["confidence_words"]
    assert "Catégorie de l’expérience canadienne" in cat["programs_text"] and " ou " in cat["programs_text"]
    names = [c["name"] for c in cat["categories"]]
    assert any(n.startswith("Professions de") for n in names) and any("Métiers" in n for n in names)
    cr = G["fr"]["category_rounds"]()
    assert cr["window"]["text"].startswith("les rondes d’IRCC du ")
    for path, text in _strings(cr):
        if not _DATA_KEYS.search(path):
            assert not EN_MONTHS.search(text), (path, text)


def test_noc_tables_use_french_titles(G):
    units = {u["code"]: u for u in noc.unit_groups()}
    table = str(G["fr"]["category_noc_table"]("trades"))
    first = re.search(r'<th scope="row">(\d{5})</th><td>([^<]*)</td>', table)
    assert first.group(2) == units[first.group(1)]["title_fr"].replace("'", "&#x27;").replace("&", "&amp;") or \
        first.group(2) == units[first.group(1)]["title_fr"]
    assert "Statistique Canada, Classification nationale des professions (CNP) 2021" in table
    assert "Liste" + NBSP + ":" in table
    assert G["fr"]["category_noc_source"].startswith("Statistique Canada")
    assert G["fr"]["NOC"]["title"].startswith("Classification nationale des professions")
    assert G["fr"]["NOC"]["cec_other_teers_text"] == "4 ou 5"
    assert G["fr"]["eligible_teer_text"]() == "0, 1, 2 ou 3"
    unit = G["fr"]["noc_unit"]("21232")
    assert unit["title"] == unit["title_fr"]
    big = str(G["fr"]["noc_tables"]())
    assert "Grande catégorie 0" + NBSP + ":" in big and "groupes de base" in big


def test_english_is_unchanged_by_the_language_argument():
    """The default (lang="en") and lang="en" give the same values as before the French site."""
    assert tables.guide_values(TABLES, ON) == tables.guide_values(TABLES, ON, lang="en")
    assert str(tables.RuleTables(TABLES, ON)("fsw_grid")) == str(tables.RuleTables(TABLES, ON, lang="en")("fsw_grid"))
    english = rounds.jinja_globals("en")  # every function bound to English writes what it writes unbound
    for name in ("rounds_chart", "rounds_table", "pool_chart", "rule_confidence_table", "rule_sources_list",
                 "rounds_stats", "pool_stats", "eligible_teer_text"):
        assert str(english[name]()) == str(getattr(rounds, name)()), name
    assert rounds.rounds_stats()["window"]["text"].startswith("IRCC's rounds from ")
    assert categories.category_rules()["programs_text"] == (
        "Canadian Experience Class, Federal Skilled Worker Program or Federal Skilled Trades Program")
    assert noc.summary()["cec_other_teers_text"] == "4 or 5"
