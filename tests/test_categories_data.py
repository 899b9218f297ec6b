"""The Express Entry category rules (checker/data/ee_categories.json) against the transcribed sources, and the
"Category rounds in 2026" guide built from them.

Every expected list below is typed from the research report (research/categories.md, sections 3 to 6), itself
transcribed from the sources named in each comment, never copied from the data file: a code added to or dropped
from the data by mistake fails here. None of these lists was read on canada.ca (the category page is not in the
stored sources); see each category's note in the data.
"""
from __future__ import annotations

import csv
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker import rounds as checker_rounds  # noqa: E402
from checker.rules import load_rules  # noqa: E402

DATA = ROOT / "checker" / "data" / "ee_categories.json"
ROUNDS_CSV = ROOT / "content" / "data" / "express-entry-rounds.csv"
# The project's NOC 2021 copy; until it is committed, the shared research copy it is made from.
NOC_CSVS = [ROOT / "content" / "data" / "noc2021" / "unit_groups.csv",
            ROOT.parent / "shared" / "data" / "noc2021" / "unit_groups.csv"]
CONTRACT_IDS = ["french", "healthcare_social_services", "trades", "stem", "education", "transport", "physicians",
                "researchers", "senior_managers", "military", "agriculture"]
CONFIDENCE = ["official", "cross-checked", "secondary", "uncertain"]  # strongest first
OFFICIAL = ("https://www.canada.ca/", "https://laws-lois.justice.gc.ca/", "https://www.newswire.ca/")
V2025, V2026 = "2025-02-27", "2026-02-18"

# --- the expected lists, as transcribed ------------------------------------------------------------------

# 2025 healthcare and social services, 37 codes. research §3.2: the full list in samndp-FR/hero-docs-journey-98
# (src/components/ScoreAssessmentQuestionnaire.tsx); count of 37 on canvasimmigration.com; 24 of them on land2air.ca;
# the 2023-2024 list of 35 with IRCC's 8 additions and 6 removals (dfimmigration.ca) gives the same 37.
HEALTH_2025 = """31100 31101 31102 31103 31110 31111 31112 31120 31121 31200 31201 31202 31203 31209
31300 31301 31302 31303 32101 32102 32103 32104 32109 32111 32120 32121 32122 32123
32124 32129 32201 33101 33102 33103 41300 41301 42201""".split()
# 2025 STEM, 11 codes. research §3.3: sohi.law, casimmigration.com, canada.nohproblem.com, amnimmigration.ca,
# maplenews.org, gcmsnotesrequest.ca and two public code files.
STEM_2025 = "20011 21220 21300 21301 21310 21321 21331 22300 22301 22310 63100".split()
# 2025 trades, 25 codes, cooks (63200) included. research §3.4: visasavenue.com (all 25 with titles),
# unaimmi.com (24), hero-docs-journey-98 and one other code file (25).
TRADES_2025 = """22303 63200 70010 70011 72100 72102 72106 72200 72201 72300 72302 72310 72311 72320
72400 72401 72402 72422 72501 72999 73100 73110 73112 73113 82021""".split()
# 2025 education, 5 codes. research §3.5: makehomecanada.com, immilawglobal.com, cikh.ca, a CIC News
# syndication, bartlaw.ca (by name), two code files.
EDUCATION_2025 = "41220 41221 42202 42203 43100".split()
# 2025 agriculture and agri-food, 1 code. research §3.6: the 2023-2024 list of 3 minus the 2 IRCC removed
# (bartlaw.ca), canadianow.com, hero-docs-journey-98. (A code file listing 8 codes is contradicted: not used.)
AGRICULTURE_2025 = ["63201"]

# 2026 lists, research §4: A = leamss/LEAMSS backend/core/scrapers/ircc_ee_streams.py (d08c49af),
# B = ShauRya765/bearing-ai src/lib/crs/ruleset/noc-catalogue.ts (51dd5cb0), two transcriptions of the canada.ca
# category page that agree code for code.
# §4.2 healthcare (37): the same as 2025; A and B only.
HEALTH_2026 = """31100 31101 31102 31103 31110 31111 31112 31120 31121 31200 31201 31202 31203 31209
31300 31301 31302 31303 32101 32102 32103 32104 32109 32111 32120 32121 32122 32123
32124 32129 32201 33101 33102 33103 41300 41301 42201""".split()
# §4.3 STEM (11): the same as 2025; A and B only.
STEM_2026 = "20011 21220 21300 21301 21310 21321 21331 22300 22301 22310 63100".split()
# §4.4 trades (25): butchers in, cooks out. A, B, canadianow.com (3 March 2026), immigrant.today (round 408).
TRADES_2026 = """22303 63201 70010 70011 72100 72102 72106 72200 72201 72300 72302 72310 72311 72320
72400 72401 72402 72422 72501 72999 73100 73110 73112 73113 82021""".split()
# §4.5 education (5): A, B and a news feed quoting canada.ca.
EDUCATION_2026 = "41220 41221 42202 42203 43100".split()
# §4.6 transport (4): CIC News (two articles), makehomecanada.com, cicnewsupdate.com, land2air.ca, A, B.
TRANSPORT_2026 = "22313 72404 72410 72600".split()
# §4.7 physicians (3), Canadian experience: CIC News (manuleaf.com), open-canada.com, cwrvisa.ca, A, B.
PHYSICIANS_2026 = "31100 31101 31102".split()
# §4.8 researchers (2), Canadian experience: CIC News, makehomecanada.com, land2air.ca, cicnewsupdate.com, A, B.
RESEARCHERS_2026 = "41200 41201".split()
# §4.9 senior managers (4), Canadian experience: the same sources as §4.8. Strings: the zeros are the code.
SENIOR_MANAGERS_2026 = ["00012", "00013", "00014", "00015"]
# §4.10 skilled military recruits (3), for information (the gate is an offer from the Canadian Armed Forces).
MILITARY_2026 = "40042 42102 43204".split()

EXPECTED = {
    V2025: {"french": [], "healthcare_social_services": HEALTH_2025, "trades": TRADES_2025, "stem": STEM_2025,
            "education": EDUCATION_2025, "agriculture": AGRICULTURE_2025},
    V2026: {"french": [], "healthcare_social_services": HEALTH_2026, "trades": TRADES_2026, "stem": STEM_2026,
            "education": EDUCATION_2026, "transport": TRANSPORT_2026, "physicians": PHYSICIANS_2026,
            "researchers": RESEARCHERS_2026, "senior_managers": SENIOR_MANAGERS_2026, "military": MILITARY_2026},
}
COUNTS = {V2025: [37, 11, 25, 5, 1], V2026: [37, 11, 25, 5, 4, 3, 2, 4, 3]}
COUNTED = {V2025: ["healthcare_social_services", "stem", "trades", "education", "agriculture"],
           V2026: ["healthcare_social_services", "stem", "trades", "education", "transport", "physicians",
                   "researchers", "senior_managers", "military"]}
CANADA_ONLY_2026 = {"physicians", "researchers", "senior_managers"}

# Every NOC 2021 unit group code (Statistics Canada, NOC 2021 Version 1.0: 516 unit groups), from
# ../shared/data/noc2021/unit_groups.csv (sha256 eebf2b4e...f3870), so the check needs no other file in a fresh
# clone; test_the_code_list_is_statistics_canada_s compares it with the CSV whenever one is present.
NOC_2021_CODES = frozenset("""
00010 00011 00012 00013 00014 00015 10010 10011 10012 10019 10020 10021 10022 10029 10030 11100 11101 11102 11103
11109 11200 11201 11202 12010 12011 12012 12013 12100 12101 12102 12103 12104 12110 12111 12112 12113 12200 12201
12202 12203 13100 13101 13102 13110 13111 13112 13200 13201 14100 14101 14102 14103 14110 14111 14112 14200 14201
14202 14300 14301 14400 14401 14402 14403 14404 14405 20010 20011 20012 21100 21101 21102 21103 21109 21110 21111
21112 21120 21200 21201 21202 21203 21210 21211 21220 21221 21222 21223 21230 21231 21232 21233 21234 21300 21301
21310 21311 21320 21321 21322 21330 21331 21332 21390 21399 22100 22101 22110 22111 22112 22113 22114 22210 22211
22212 22213 22214 22220 22221 22222 22230 22231 22232 22233 22300 22301 22302 22303 22310 22311 22312 22313 30010
31100 31101 31102 31103 31110 31111 31112 31120 31121 31200 31201 31202 31203 31204 31209 31300 31301 31302 31303
32100 32101 32102 32103 32104 32109 32110 32111 32112 32120 32121 32122 32123 32124 32129 32200 32201 32209 33100
33101 33102 33103 33109 40010 40011 40012 40019 40020 40021 40030 40040 40041 40042 41100 41101 41200 41201 41210
41220 41221 41300 41301 41302 41310 41311 41320 41321 41400 41401 41402 41403 41404 41405 41406 41407 41409 42100
42101 42102 42200 42201 42202 42203 42204 43100 43109 43200 43201 43202 43203 43204 44100 44101 44200 45100 50010
50011 50012 51100 51101 51102 51110 51111 51112 51113 51114 51120 51121 51122 52100 52110 52111 52112 52113 52114
52119 52120 52121 53100 53110 53111 53120 53121 53122 53123 53124 53125 53200 53201 53202 54100 55109 60010 60020
60030 60031 60040 62010 62020 62021 62022 62023 62024 62029 62100 62101 62200 62201 62202 63100 63101 63102 63200
63201 63202 63210 63211 63220 63221 64100 64101 64200 64201 64300 64301 64310 64311 64312 64313 64314 64320 64321
64322 64400 64401 64409 64410 65100 65101 65102 65109 65200 65201 65202 65210 65211 65220 65229 65310 65311 65312
65320 65329 70010 70011 70012 70020 70021 72010 72011 72012 72013 72014 72020 72021 72022 72023 72024 72025 72100
72101 72102 72103 72104 72105 72106 72200 72201 72202 72203 72204 72205 72300 72301 72302 72310 72311 72320 72321
72400 72401 72402 72403 72404 72405 72406 72410 72411 72420 72421 72422 72423 72429 72500 72501 72600 72601 72602
72603 72604 72999 73100 73101 73102 73110 73111 73112 73113 73200 73201 73202 73209 73300 73301 73310 73311 73400
73401 73402 74100 74101 74102 74200 74201 74202 74203 74204 74205 75100 75101 75110 75119 75200 75201 75210 75211
75212 80010 80020 80021 80022 82010 82020 82021 82030 82031 83100 83101 83110 83120 83121 84100 84101 84110 84111
84120 84121 85100 85101 85102 85103 85104 85110 85111 85120 85121 90010 90011 92010 92011 92012 92013 92014 92015
92020 92021 92022 92023 92024 92100 92101 93100 93101 93102 93200 94100 94101 94102 94103 94104 94105 94106 94107
94110 94111 94112 94120 94121 94122 94123 94124 94129 94130 94131 94132 94133 94140 94141 94142 94143 94150 94151
94152 94153 94200 94201 94202 94203 94204 94205 94210 94211 94212 94213 94219 95100 95101 95102 95103 95104 95105
95106 95107 95109
""".split())


# --- helpers ----------------------------------------------------------------------------------------------

def _no_duplicates(pairs):
    keys = [k for k, _ in pairs]
    dupes = {k for k in keys if keys.count(k) > 1}
    if dupes:
        raise ValueError(f"duplicate keys {sorted(dupes)}")
    return dict(pairs)


@pytest.fixture(scope="module")
def table():
    return json.loads(DATA.read_text(encoding="utf-8"), object_pairs_hook=_no_duplicates)


@pytest.fixture(scope="module")
def versions(table):
    return {v["effective_from"]: v for v in table["parameters"]["categories"]["versions"]}


def cats(versions, date):
    return versions[date]["value"]["categories"]


def noc_csv() -> Path | None:
    return next((p for p in NOC_CSVS if p.is_file()), None)


def csv_rounds():
    with open(ROUNDS_CSV, newline="", encoding="utf-8") as f:
        return [{"round": int(r["round"]), "date": r["date"], "round_type": r["round_type"],
                 "invitations": int(r["invitations"]), "min_crs": int(r["min_crs"])} for r in csv.DictReader(f)]


def edition(round_type):
    m = re.search(r"\(([^()]*)\)\s*$", round_type)
    return m.group(1) if m else None


def long_date(iso):
    months = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
              "November", "December"]
    y, m, d = (int(x) for x in iso.split("-"))
    return f"{d} {months[m - 1]} {y}"


# --- the file and its versions ----------------------------------------------------------------------------

def test_one_rule_table_with_three_dated_versions(table):
    assert table["id"] == "ee_categories" and list(table["parameters"]) == ["categories"]
    dates = [v["effective_from"] for v in table["parameters"]["categories"]["versions"]]
    assert dates == ["2022-11-16", V2025, V2026]


def test_before_27_february_2025_categories_are_not_modelled(table, versions):
    assert versions["2022-11-16"]["value"] is None
    rules = load_rules({"ee_categories": table})
    assert rules.value_or_none("ee_categories", "categories", "2025-02-26") is None
    assert rules.value("ee_categories", "categories", "2025-02-27") is versions[V2025]["value"]
    assert rules.value("ee_categories", "categories", "2026-02-17") is versions[V2025]["value"]
    assert rules.value("ee_categories", "categories", "2026-02-18") is versions[V2026]["value"]
    assert rules.value("ee_categories", "categories", "2026-12-01") is versions[V2026]["value"]


def test_every_version_verified_on_1_december_2026(versions):
    assert {v["last_verified"] for v in versions.values()} == {"2026-12-01"}


@pytest.mark.parametrize("date", [V2025, V2026])
def test_categories_in_force_and_in_the_contract_s_order(versions, date):
    ids = list(cats(versions, date))
    assert ids == list(EXPECTED[date])  # EXPECTED is written in the contract's order
    assert ids == [i for i in CONTRACT_IDS if i in ids]


def test_agriculture_is_a_2025_category_only(versions):
    assert "agriculture" in cats(versions, V2025)
    assert "agriculture" not in cats(versions, V2026)
    assert not {"transport", "physicians", "researchers", "senior_managers", "military"} & set(cats(versions, V2025))


# --- the lists ---------------------------------------------------------------------------------------------

@pytest.mark.parametrize("date,cat_id", [(d, c) for d in EXPECTED for c in EXPECTED[d]])
def test_each_list_is_the_transcribed_one(versions, date, cat_id):
    got = cats(versions, date)[cat_id].get("noc", [])
    assert sorted(got) == sorted(EXPECTED[date][cat_id])
    assert len(got) == len(set(got)), "a code listed twice"
    assert got == sorted(got), "codes in ascending order"


@pytest.mark.parametrize("date", [V2025, V2026])
def test_counts(versions, date):
    assert [len(cats(versions, date)[c]["noc"]) for c in COUNTED[date]] == COUNTS[date]


def test_cooks_left_trades_and_butchers_joined(versions):
    assert "63200" in cats(versions, V2025)["trades"]["noc"]
    assert "63200" not in cats(versions, V2026)["trades"]["noc"]
    assert "63201" in cats(versions, V2026)["trades"]["noc"]
    assert "63201" not in cats(versions, V2025)["trades"]["noc"]
    assert cats(versions, V2025)["agriculture"]["noc"] == ["63201"]
    assert not any("63200" in c.get("noc", []) for c in cats(versions, V2026).values())


def test_physicians_are_also_healthcare_codes(versions):
    c = cats(versions, V2026)
    assert set(c["physicians"]["noc"]) <= set(c["healthcare_social_services"]["noc"])


@pytest.mark.parametrize("date", [V2025, V2026])
def test_every_code_is_a_noc_2021_unit_group_in_teer_0_to_3(versions, date):
    for cat_id, c in cats(versions, date).items():
        for code in c.get("noc", []):
            assert isinstance(code, str) and re.fullmatch(r"\d{5}", code), f"{cat_id}: {code!r} is not 5 digits"
            assert code in NOC_2021_CODES, f"{cat_id}: {code} is not a NOC 2021 unit group"
            assert code[1] in "0123", f"{cat_id}: {code} is TEER {code[1]}"


def test_the_code_list_is_statistics_canada_s():
    assert len(NOC_2021_CODES) == 516
    path = noc_csv()
    if path is None:
        pytest.skip("no NOC 2021 CSV in this checkout: the committed list of codes is used alone")
    with open(path, newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    assert {r["code"] for r in rows} == NOC_2021_CODES
    assert all(int(r["teer"]) == int(r["code"][1]) for r in rows), "TEER is the code's second digit"


# --- conditions ----------------------------------------------------------------------------------------------

def test_experience_rules(versions):
    e25, e26 = versions[V2025]["value"]["experience"], versions[V2026]["value"]["experience"]
    # 2025: at least 6 months of full-time, continuous work (or an equal amount part time) in one listed
    # occupation within 3 years (research §2). 2026: 12 months, not necessarily continuous.
    assert e25 == {"months": 6, "hours": None, "continuous": True, "part_time_counts": True, "window_years": 3,
                   "single_occupation": True}
    assert e26 == {"months": 12, "hours": None, "continuous": False, "part_time_counts": True, "window_years": 3,
                   "single_occupation": True}


@pytest.mark.parametrize("date", [V2025, V2026])
def test_kinds_and_canada_only(versions, date):
    value = versions[date]["value"]
    assert value["programs"] == ["cec", "fsw", "fst"]
    for cat_id, c in value["categories"].items():
        if cat_id == "french":
            assert c["kind"] == "language" and "noc" not in c
            assert c["language"] == {"min_nclc": 7, "abilities": ["reading", "writing", "listening", "speaking"],
                                     "test_language": "french"}
        elif cat_id == "military":
            assert c["kind"] == "military" and c["requires"] == "caf_offer" and "canada_only" not in c
        else:
            assert c["kind"] == "occupation"
            want = date == V2026 and cat_id in CANADA_ONLY_2026
            assert c["canada_only"] is want, f"{date} {cat_id}: canada_only should be {want}"


def test_names_as_ircc_writes_them(versions):
    names = {i: c["name"] for i, c in cats(versions, V2026).items()}
    assert names == {
        "french": "French-language proficiency",
        "healthcare_social_services": "Healthcare and social services occupations",
        "trades": "Trade occupations",
        "stem": "Science, Technology, Engineering and Math (STEM) occupations",
        "education": "Education occupations",
        "transport": "Transport occupations",
        "physicians": "Physicians with Canadian work experience",
        "researchers": "Researchers with Canadian work experience",
        "senior_managers": "Senior managers with Canadian work experience",
        "military": "Skilled military recruits",
    }
    assert cats(versions, V2025)["agriculture"]["name"] == "Agriculture and agri-food occupations"


# --- confidence and sources --------------------------------------------------------------------------------------

@pytest.mark.parametrize("date", [V2025, V2026])
def test_confidence_per_category_and_the_weakest_for_the_version(versions, date):
    v = versions[date]
    levels = [c["confidence"] for c in v["value"]["categories"].values()]
    assert set(levels) <= set(CONFIDENCE)
    assert "official" not in levels, "no list was read on canada.ca"
    assert v["confidence"] == max(levels, key=CONFIDENCE.index)


def test_lists_known_only_from_two_code_transcriptions_are_secondary(versions):
    c = cats(versions, V2026)
    assert {i for i, x in c.items() if x["confidence"] == "secondary"} == {"healthcare_social_services", "stem"}
    for i in ("healthcare_social_services", "stem"):
        assert "transcription" in c[i]["note"] and "not read on canada.ca" in c[i]["note"]


@pytest.mark.parametrize("date", [V2025, V2026])
def test_every_category_says_where_its_list_comes_from(versions, date):
    v = versions[date]
    for cat_id, c in v["value"]["categories"].items():
        assert c["note"] and "canada.ca" in c["note"], cat_id
        assert c["sources"] and c["sources"][0].startswith("https://www.canada.ca/"), cat_id
        assert set(c["sources"]) <= set(v["sources"]), f"{cat_id}: every source is also the version's"
    official = [s.startswith(OFFICIAL) for s in v["sources"]]
    assert official == sorted(official, reverse=True), "official pages and IRCC releases come first"


def test_the_physicians_decision_is_documented(versions):
    note = versions[V2025]["note"]
    assert "8 December 2025" in note and "19 February 2026" in note and "no version of its own" in note
    assert "continuous" in cats(versions, V2026)["physicians"]["note"]


def test_hours_are_not_invented(versions):
    for date in (V2025, V2026):
        assert versions[date]["value"]["experience"]["hours"] is None
        assert "30 hours a week" in versions[date]["note"]


# --- IRCC's round names ---------------------------------------------------------------------------------------------

def test_round_editions_match_the_rounds_data(versions):
    """Every category round in the CSV during a version carries that version's list edition ("(2026-V3)"), except
    the French rounds renamed "2026-V2" on 6 February 2026, 12 days before the 2026 rules (research §5)."""
    renamed_early = {("french", "2026-V2")}
    problems = []
    for r in csv_rounds():
        kind = checker_rounds.round_kind(r["round_type"])
        if kind not in CONTRACT_IDS or r["date"] < V2025:
            continue
        date = V2026 if r["date"] >= V2026 else V2025
        c = cats(versions, date).get(kind)
        if c is None:
            problems.append(f"round {r['round']} ({r['round_type']}) has no category in force")
        elif edition(r["round_type"]) != c["round_edition"] and (kind, edition(r["round_type"])) not in renamed_early:
            problems.append(f"round {r['round']} ({r['round_type']}): edition is not {c['round_edition']}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("date", [V2025, V2026])
def test_ircc_round_names_go_with_editions(versions, date):
    for cat_id, c in cats(versions, date).items():
        assert (c["round_edition"] is None) == (c["ircc_round_name"] is None), cat_id
        if c["round_edition"]:
            number = c["round_edition"].rsplit("V", 1)[1]
            assert f"Version {number}" in c["ircc_round_name"], cat_id
            assert checker_rounds.round_kind(c["ircc_round_name"]) == cat_id, cat_id


# --- the guide -----------------------------------------------------------------------------------------------------

class _Tables(HTMLParser):
    """Every <table data-rule> of a page: its rule, date and rows (cell texts)."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.tables, self._row, self._cell, self._body = [], None, None, False
        self._in = None  # the data-rule table being read

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "table":
            self._in = {"rule": a["data-rule"], "on": a.get("data-on"), "rows": []} if a.get("data-rule") else None
            if self._in:
                self.tables.append(self._in)
        elif self._in and tag == "tbody":
            self._body = True
        elif self._in and self._body and tag == "tr":
            self._row = []
        elif self._row is not None and tag in ("th", "td"):
            self._cell = []

    def handle_endtag(self, tag):
        if tag in ("th", "td") and self._cell is not None:
            self._row.append(" ".join("".join(self._cell).split()))
            self._cell = None
        elif tag == "tr" and self._row is not None:
            self._in["rows"].append(self._row)
            self._row = None
        elif tag == "table":
            self._in, self._body = None, False

    def handle_data(self, data):
        if self._cell is not None:
            self._cell.append(data)


def rule_tables_in(html):
    p = _Tables()
    p.feed(html)
    return p.tables


def text_of(html):
    body = html.split("<main", 1)[-1]
    return " ".join(re.sub(r"<[^>]+>", " ", body).replace("&nbsp;", " ").replace("&#39;", "'").split())


@pytest.fixture(scope="module")
def guide(site_dir):
    path = site_dir / "category-rounds" / "index.html"
    assert path.is_file(), "/category-rounds/ was not built"
    return path.read_text(encoding="utf-8")


@pytest.fixture(scope="module")
def units():
    path = noc_csv()
    assert path is not None, "no NOC 2021 unit groups CSV to read titles from"
    with open(path, newline="", encoding="utf-8") as f:
        return {r["code"]: r for r in csv.DictReader(f)}


def check_category_table(table_json, t, units):
    """Problems with one rendered `data-rule="ee_categories.categories.<id>"` table: its rows must be exactly
    the data's codes for its data-on date, in order, each with Statistics Canada's English title and TEER.
    (tests/test_guides.py can call this for its site-wide data-rule check.)"""
    file_id, parameter, cat_id = t["rule"].split(".")
    assert (file_id, parameter) == ("ee_categories", "categories")
    version = None
    for v in table_json["parameters"]["categories"]["versions"]:
        if v["effective_from"] <= t["on"]:
            version = v
    codes = version["value"]["categories"][cat_id]["noc"]
    problems = []
    if [r[0] for r in t["rows"]] != codes:
        problems.append(f"{t['rule']} on {t['on']}: codes {[r[0] for r in t['rows']]} differ from the data's {codes}")
    for row in t["rows"]:
        unit = units.get(row[0])
        if unit is None or row[1:] != [unit["title_en"], unit["teer"]]:
            problems.append(f"{t['rule']}: row {row} differs from NOC 2021 ({unit and unit['title_en']}, "
                            f"TEER {unit and unit['teer']})")
    return problems


def test_the_guide_shows_every_2026_list_from_the_data(guide, table, units):
    tables = [t for t in rule_tables_in(guide) if t["rule"].startswith("ee_categories.")]
    shown = {t["rule"].rsplit(".", 1)[1]: t for t in tables if t["on"] >= V2026}
    for cat_id, codes in EXPECTED[V2026].items():
        if not codes:
            continue
        assert cat_id in shown, f"no table for {cat_id}"
        assert [r[0] for r in shown[cat_id]["rows"]] == sorted(codes)
    problems = [p for t in tables for p in check_category_table(table, t, units)]
    assert not problems, "\n".join(problems)


def test_the_guide_names_every_2026_code(guide):
    text = text_of(guide)
    for cat_id, codes in EXPECTED[V2026].items():
        for code in codes:
            assert re.search(rf"\b{code}\b", text), f"{cat_id}: {code} is not on the page"


def test_the_guide_names_the_rounds_window_and_its_counts(guide, table):
    rounds = csv_rounds()
    span = checker_rounds.window(rounds)
    text = text_of(guide)
    assert f"from {long_date(span[0])} to {long_date(span[1])}" in text
    for cat_id in EXPECTED[V2026]:
        n = len(checker_rounds.in_window(rounds, span, cat_id))
        row = re.search(rf'<tr data-category="{cat_id}" data-rounds="(\d+)">', guide)
        assert row and int(row.group(1)) == n, f"{cat_id}: {n} rounds in the window"


def test_the_guide_flags_the_secondary_lists_next_to_them(guide, versions):
    for cat_id, c in cats(versions, V2026).items():
        table_at = guide.find(f'data-rule="ee_categories.categories.{cat_id}" data-on="')
        if not c.get("noc"):
            continue
        heading_at = guide.rfind("<h3", 0, table_at)
        between = guide[heading_at:table_at]
        flagged = re.search(r'<div class="uncertain">\s*<p><strong>How sure we are of this list', between)
        assert bool(flagged) == (c["confidence"] == "secondary"), cat_id


def test_the_guide_is_complete(guide):
    assert guide.count("<h1") == 1
    assert re.search(r'<meta name="description" content="[^"]+"', guide)
    assert re.search(r'href="[^"]*checker/?(#[^"]*)?"', guide)
    sources = guide.split('id="sources"', 1)[1]
    assert 'href="https://www.canada.ca/' in sources
    assert "Open Government Licence" in sources
    assert not re.search(r"\bstyle=|<script\b", guide.split("<body", 1)[1])
