"""The NOC finder: its index (built from content/data/noc2021), its search, and the "Find your NOC" guide.

- the build writes one index per language with all 516 unit groups, every example title of that language
  under a unit group that exists, nothing changed (the compact spelling round-trips), within 250 KB gzipped;
- ``checker.page.nocsearch.search`` finds the expected unit group for common job titles (expected codes read from
  the CSV rows themselves), ignores case and accents, lists codes for a code or its start, and returns
  nothing for an empty or unknown query; the same module gives the same results under Brython;
- /find-your-noc/ lists every unit group under its broad category with its TEER, takes the TEER that count
  for the CEC from the rule data, and carries the attribution the Open Government Licence – Canada asks for.
"""
from __future__ import annotations

import ast
import csv
import gzip
import hashlib
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

from cec_site import noc  # noqa: E402
from checker.page import nocsearch  # noqa: E402

DATA = ROOT / "content" / "data" / "noc2021"
BUDGET = noc.BUDGET_GZIP  # 250,000 bytes gzipped (level 6), each language


def rows(name):
    with open(DATA / name, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


UNITS = {r["code"]: r for r in rows("unit_groups.csv")}
EXAMPLES = rows("examples.csv")


def examples_of(lang):
    out = {}
    for r in EXAMPLES:
        if r["example_" + lang]:
            out.setdefault(r["code"], []).append(r["example_" + lang])
    return out


@pytest.fixture(scope="module", params=["en", "fr"])
def lang(request):
    return request.param


@pytest.fixture(scope="module")
def indexes():
    return {lang: nocsearch.load(noc.index_data(lang)) for lang in ("en", "fr")}


# --- the committed data ---------------------------------------------------------------------------

def test_the_committed_data_is_the_documented_copy():
    readme = (DATA / "README.md").read_text(encoding="utf-8")
    for name in ("unit_groups.csv", "structure.csv", "examples.csv"):
        digest = hashlib.sha256((DATA / name).read_bytes()).hexdigest()
        assert digest in readme, f"{name}: sha256 {digest} is not the one in content/data/noc2021/README.md"
    assert "Open Government Licence – Canada" in readme and "Statistics Canada" in readme


def test_the_build_reads_only_the_committed_copy():
    assert noc.DATA_DIR == DATA


# --- the index --------------------------------------------------------------------------------------

def test_index_has_every_unit_group_with_its_title(lang):
    data = noc.index_data(lang)
    index = nocsearch.load(data)
    assert data["format"] == nocsearch.FORMAT and data["lang"] == lang
    assert index.codes == sorted(UNITS) and len(index.codes) == 516 == data["unit_groups"]
    assert index.titles == [UNITS[c]["title_" + lang] for c in index.codes]
    assert len(index.categories) == 10


def test_teer_is_the_second_digit_and_the_broad_category_the_first(indexes):
    index = indexes["en"]
    for code in index.codes:
        u = nocsearch.unit_group(index, code)
        assert u["teer"] == int(code[1]) == int(UNITS[code]["teer"])
        assert u["category"] == code[0] == UNITS[code]["broad_category"]
        assert u["category_title"] == UNITS[code]["broad_category_title_en"]
        assert u["title"] == UNITS[code]["title_en"]
    assert nocsearch.unit_group(index, "99999") is None


def test_every_example_title_is_kept_under_its_unit_group(lang, indexes):
    """The compact spelling (phrase markers) gives back every published example title, and nothing else."""
    index = indexes[lang]
    published = examples_of(lang)
    assert set(published) <= set(UNITS), "examples.csv names a unit group that does not exist"
    total = 0
    for i, code in enumerate(index.codes):
        shipped = [nocsearch.expand(t, index.phrases) for t in index.raw[i].split(nocsearch.LINE)]
        assert sorted(shipped) == sorted(published[code]), code
        total += len(shipped)
    assert total == noc.index_data(lang)["example_titles"] == sum(1 for r in EXAMPLES if r["example_" + lang])
    assert total == {"en": 27935, "fr": 29767}[lang]  # the README's counts


def test_folded_text_keeps_markers_for_whole_words_and_lines_shortest_first(lang, indexes):
    index = indexes[lang]
    for i, code in enumerate(index.codes):
        shipped = [nocsearch.expand(t, index.phrases) for t in index.raw[i].split(nocsearch.LINE)]
        folded = [nocsearch.fold_text(t) for t in shipped]
        assert nocsearch.expand(index.groups[i], index.folded_phrases) == "| " + " | ".join(folded) + " |", code
        assert [len(f) for f in folded] == sorted(len(f) for f in folded), f"{code}: not shortest first"
        for marker, _ in index.phrases:  # a marker always stands for whole words
            assert not re.search(f"[a-z0-9]{re.escape(marker)}|{re.escape(marker)}[a-z0-9]", index.groups[i]), code


def test_index_files_are_written_by_the_build_within_budget(site_dir, lang):
    path = site_dir / "data" / f"noc-{lang}.json"
    raw = path.read_bytes()
    assert raw.decode("utf-8") == noc.index_json(lang)
    assert json.loads(raw)["format"] == nocsearch.FORMAT
    size = len(gzip.compress(raw, compresslevel=6, mtime=0))
    assert size <= BUDGET, f"noc-{lang}.json is {size:,} bytes gzipped, over {BUDGET:,}"
    assert noc.sizes(lang) == (len(raw), size)


def test_index_values_are_strings_or_counts(lang):
    """So that JSON.parse in Brython gives Python values with no conversion."""
    for key, value in noc.index_data(lang).items():
        assert isinstance(value, (str, int)), key


# --- search ---------------------------------------------------------------------------------------

# Ten common titles and the unit group each belongs to, transcribed from examples.csv / unit_groups.csv.
COMMON = [
    ("cashier", "65100"), ("registered nurse", "31301"), ("software developer", "21232"),
    ("truck driver", "73300"), ("cook", "63200"), ("retail salesperson", "64100"), ("accountant", "11100"),
    ("electrician", "72200"), ("nurse aide", "33102"), ("early childhood educator", "42202"),
]


@pytest.mark.parametrize("query,code", COMMON)
def test_the_expected_codes_come_from_the_noc_data(query, code):
    q = nocsearch.normalize(query)
    mine = [r["example_en"] for r in EXAMPLES if r["code"] == code and r["example_en"]] + [UNITS[code]["title_en"]]
    assert any(nocsearch.normalize(t).startswith(q) for t in mine), f"{query!r} is not a title of {code}"


@pytest.mark.parametrize("query,code", COMMON)
def test_common_titles_find_their_unit_group_first(indexes, query, code):
    results = nocsearch.search(indexes["en"], query)
    assert results and results[0]["code"] == code, [(r["code"], r["matched"]) for r in results]
    top = results[0]
    assert top == {"code": code, "title": UNITS[code]["title_en"], "teer": int(code[1]), "matched": top["matched"]}
    assert nocsearch.normalize(top["matched"]).startswith(nocsearch.normalize(query).split()[0]) or \
        nocsearch.normalize(query) in nocsearch.normalize(top["matched"])


def test_results_are_one_per_unit_group_with_what_matched(indexes, lang):
    index = indexes[lang]
    published = examples_of(lang)
    for query in ("s", "man", "opera", "aide", "technicien", "nurse", "de"):
        results = nocsearch.search(index, query)
        codes = [r["code"] for r in results]
        assert len(codes) == len(set(codes)) <= 8
        for r in results:
            assert set(r) == {"code", "title", "teer", "matched"}
            assert r["title"] == UNITS[r["code"]]["title_" + lang] and r["teer"] == int(r["code"][1])
            assert r["matched"] == r["title"] or r["matched"] in published[r["code"]]
            assert " " + nocsearch.normalize(query) in " " + nocsearch.normalize(r["matched"])


def test_word_prefixes_match_and_titles_come_before_examples(indexes):
    index = indexes["en"]
    soft = nocsearch.search(index, "soft")
    assert {"21231", "21232"} <= {r["code"] for r in soft[:2]}
    assert all(r["matched"] == r["title"] for r in soft[:2])
    dev = nocsearch.search(index, "Software develop")
    assert dev[0]["code"] == "21232"
    developers = nocsearch.search(index, "developer")
    assert [r["matched"] == r["title"] for r in developers[:3]] == [True, True, True]


def test_an_exact_title_comes_first_then_shorter_matches(indexes):
    cook = nocsearch.search(indexes["en"], "cook")
    assert cook[0]["code"] == "63200" and cook[0]["matched"] == "cook"
    # then the example titles with "cook" as a whole word, shorter first, then those where it only begins one
    whole = [" cook " in " " + nocsearch.normalize(r["matched"]) + " " for r in cook[1:]]
    assert whole == sorted(whole, reverse=True), [r["matched"] for r in cook]
    lengths = [len(nocsearch.normalize(r["matched"])) for r, w in zip(cook[1:], whole) if w]
    assert len(lengths) >= 2 and lengths == sorted(lengths)


def test_every_query_word_must_match(indexes):
    index = indexes["en"]
    assert nocsearch.search(index, "truck xyzzy") == []
    for r in nocsearch.search(index, "truck driver"):
        words = nocsearch.normalize(r["matched"]).split()
        assert any(w.startswith("truck") for w in words) and any(w.startswith("driver") for w in words)


@pytest.mark.parametrize("query", ["infirmière", "infirmiere", "INFIRMIÈRE", "Infirmier", "infirmier/infirmière"])
def test_french_is_accent_and_case_insensitive(indexes, query):
    results = nocsearch.search(indexes["fr"], query)
    assert results[0]["code"] == "31301", [(r["code"], r["matched"]) for r in results]
    assert results[0]["matched"] == "infirmier/infirmière"
    assert results[0]["title"] == UNITS["31301"]["title_fr"]


@pytest.mark.parametrize("query,code", [("caissière", "65100"), ("camionneur", "73300"), ("cuisinier", "63200"),
                                        ("developpeur de logiciels", "21232"), ("comptable", "11100"),
                                        ("électricien", "72200"), ("préposé aux bénéficiaires", "33102")])
def test_french_titles_find_their_unit_group(indexes, query, code):
    codes = [r["code"] for r in nocsearch.search(indexes["fr"], query)]
    assert code in codes[:3], codes


def test_phrases_spelt_as_markers_are_found_by_every_word(indexes):
    index = indexes["fr"]
    phrase_words = {w for _, words in index.phrase_words for w in words}
    assert "operatrice" in phrase_words  # "opérateur/opératrice" is one marker in the French index
    results = nocsearch.search(index, "opératrice de machines")
    assert results and all("opératrice" in r["matched"].lower() for r in results)
    assert nocsearch.search(index, "opérat")[0]["matched"] != ""


def test_code_queries_list_codes_in_order(indexes):
    index = indexes["en"]
    results = nocsearch.search(index, "212")
    assert [r["code"] for r in results] == sorted(c for c in UNITS if c.startswith("212"))[:8]
    assert all(r["matched"] == r["title"] for r in results)
    assert [r["code"] for r in nocsearch.search(index, " 21232 ")] == ["21232"]
    assert [r["code"] for r in nocsearch.search(index, "00010")] == ["00010"]
    assert nocsearch.search(index, "99999") == [] and nocsearch.search(index, "212321") == []
    assert len(nocsearch.search(index, "2", limit=3)) == 3


@pytest.mark.parametrize("query", ["", "   ", "—", "...", "xyzzy", "qqqq zzzz", "zzzzzzzzzzzzzzzzzzzzzzzz"])
def test_empty_and_nonsense_queries_find_nothing(indexes, lang, query):
    assert nocsearch.search(indexes[lang], query) == []


def test_limit_and_determinism(indexes):
    index = indexes["en"]
    assert nocsearch.search(index, "manager", limit=0) == []
    assert len(nocsearch.search(index, "manager", limit=3)) == 3
    assert nocsearch.search(index, "manager", limit=3) == nocsearch.search(index, "manager")[:3]
    assert nocsearch.search(index, "s") == nocsearch.search(index, "s")


def test_loading_in_steps_gives_the_same_index():
    data = noc.index_data("en")
    steps = list(nocsearch.load_steps(data))
    assert all(s is None for s in steps[:-1]) and len(steps) > 10
    assert steps[-1].groups == nocsearch.load(data).groups
    with pytest.raises(ValueError):
        nocsearch.load({**data, "format": "something else"})


def test_normalize_folds_accents_case_and_punctuation():
    assert nocsearch.normalize("Éducatrice  (petite-enfance)") == "educatrice petite enfance"
    assert nocsearch.normalize("Œuvre, R.N.") == "oeuvre rn"
    assert nocsearch.normalize("cook's") == "cook s"


def test_the_module_imports_nothing_and_avoids_brython_gaps():
    source = (ROOT / "checker" / "page" / "nocsearch.py").read_text(encoding="utf-8")
    tree = ast.parse(source)
    assert not [n for n in ast.walk(tree) if isinstance(n, (ast.Import, ast.ImportFrom))]
    names = {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
    assert not names & {"isdigit", "isnumeric", "isdecimal", "isocalendar", "pairwise", "replace", "translate"}
    assert not [n for n in ast.walk(tree) if isinstance(n, ast.Constant) and isinstance(n.value, float)]


# --- the same in Brython --------------------------------------------------------------------------

BRYTHON_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>NOC finder parity</title>
<link rel="icon" href="data:,"><script src="/js/brython.js"></script></head><body><pre id="out"></pre>
<script type="text/python">
from browser import document, window
import javascript
import nocsearch
out = {}
for lang, queries in javascript.JSON.parse(document["queries"].text).items():
    req = window.XMLHttpRequest.new()
    req.open("GET", "/data/noc-" + lang + ".json", False)
    req.send()
    index = nocsearch.load(javascript.JSON.parse(req.responseText))
    out[lang] = {q: nocsearch.search(index, q) for q in queries}
document["out"].text = javascript.JSON.stringify(out)
document.documentElement.setAttribute("data-done", "true")
</script><script type="application/json" id="queries">%s</script></body></html>"""
PARITY = {"en": [q for q, _ in COMMON] + ["soft", "s", "212", "sales manager", "xyzzy", "", "retail s", "registered n",
                                           "truck d", "machine operator f", "c", "reg"],
          "fr": ["infirmière", "caissier", "opératrice de machines", "aide", "s", "73300", "préposé aux b",
                 "opérateur de m", "conducteur de c", "vendeur s"]}


def test_search_gives_the_same_results_under_brython(page, base_url, indexes):
    page.route("**/noc-parity/index.html", lambda route: route.fulfill(
        content_type="text/html", body=BRYTHON_PAGE % json.dumps(PARITY)))
    page.route("**/noc-parity/nocsearch.py*", lambda route: route.fulfill(
        content_type="text/x-python", body=(ROOT / "checker" / "page" / "nocsearch.py").read_text(encoding="utf-8")))
    page.goto(base_url + "/noc-parity/index.html")
    page.wait_for_selector("html[data-done]", state="attached", timeout=60_000)
    got = json.loads(page.text_content("#out"))
    for lang, queries in PARITY.items():
        for q in queries:
            assert got[lang][q] == nocsearch.search(indexes[lang], q), (lang, q)


# --- the guide ------------------------------------------------------------------------------------

class Tables(HTMLParser):
    """The NOC tables of a page: category -> [(code, title, teer)], and the page's links and text."""

    def __init__(self):
        super().__init__()
        self.tables, self.links, self.text = {}, [], []
        self.category = None
        self.row = None
        self.cell = None
        self.attribution = None
        self.teer_rows = []
        self.in_teer = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "table" and "data-noc-category" in attrs:
            self.category = attrs["data-noc-category"]
            self.tables[self.category] = []
        if tag == "table" and "data-noc-teer" in attrs:
            self.in_teer = True
        if tag == "tr" and (self.category is not None or self.in_teer):
            self.row = []
        if tag in ("td", "th") and self.row is not None:
            self.cell = []
        if tag == "a":
            self.links.append(attrs.get("href", ""))
        if tag == "p" and "data-noc-attribution" in attrs:
            self.attribution = []

    def handle_endtag(self, tag):
        if tag in ("td", "th") and self.cell is not None:
            self.row.append(" ".join("".join(self.cell).split()))
            self.cell = None
        if tag == "tr" and self.row is not None:
            if self.row and self.row[0] != "Code" and self.category is not None:
                self.tables[self.category].append(tuple(self.row))
            elif self.in_teer and self.row and self.row[0].startswith("TEER "):
                self.teer_rows.append(tuple(self.row))
            self.row = None
        if tag == "table":
            self.category = None
            self.in_teer = False
        if tag == "p" and self.attribution is not None and not isinstance(self.attribution, str):
            self.attribution = " ".join("".join(self.attribution).split())

    def handle_data(self, data):
        if self.cell is not None:
            self.cell.append(data)
        if isinstance(self.attribution, list):
            self.attribution.append(data)
        self.text.append(data)


@pytest.fixture(scope="module")
def guide(site_dir):
    path = site_dir / "find-your-noc" / "index.html"
    assert path.is_file(), "/find-your-noc/ was not built"
    parser = Tables()
    html = path.read_text(encoding="utf-8")
    parser.feed(html)
    parser.html = html
    return parser


def test_guide_lists_all_unit_groups_by_broad_category(guide):
    assert sorted(guide.tables) == [str(d) for d in range(10)]
    seen = []
    for category, table in guide.tables.items():
        for code, title, teer in table:
            assert code[0] == category and teer == code[1], (code, teer)
            assert title == UNITS[code]["title_en"], code
            seen.append(code)
    assert sorted(seen) == sorted(UNITS) and len(seen) == 516
    for d in range(10):
        assert f'id="noc-category-{d}"' in guide.html and f'href="#noc-category-{d}"' in guide.html


def test_guide_tables_use_the_accessible_table_pattern(guide):
    wraps = re.findall(r'<div class="table-wrap" tabindex="0" role="region" aria-label="[^"]+"><table class="noc-table"',
                       guide.html)
    assert len(wraps) == 10
    assert guide.html.count('<th scope="col">Code</th>') == 10
    assert len(re.findall(r'<th scope="row">\d{5}</th>', guide.html)) == 516


def test_guide_takes_the_cec_teers_from_the_rule_data(guide, rule_tables):
    eligible = rule_tables["cec_requirements"]["parameters"]["work_experience"]["versions"][-1]["value"]["eligible_teer"]
    counts = {t: sum(1 for c in UNITS if int(c[1]) == t) for t in range(6)}
    assert [(r[0], r[2], r[3]) for r in guide.teer_rows] == [
        (f"TEER {t}", str(counts[t]), "Yes" if t in eligible else "No") for t in range(6)]
    text = " ".join(" ".join(guide.text).split())
    listed = ", ".join(str(t) for t in eligible[:-1]) + " or " + str(eligible[-1])
    assert f"only TEER {listed} work counts for the CEC" in text


def test_guide_carries_the_licence_attribution_and_official_links(guide):
    assert guide.attribution and "Statistics Canada" in guide.attribution
    assert "NOC) 2021 Version 1.0" in guide.attribution
    assert "Contains information licensed under the Open Government Licence – Canada." in guide.attribution
    assert noc.LICENCE_URL in guide.links
    assert "https://noc.esdc.gc.ca/" in guide.links
    assert ("https://www.canada.ca/en/immigration-refugees-citizenship/services/immigrate-canada/express-entry/"
            "eligibility/find-national-occupation-code.html") in guide.links
    assert any(re.search(r"(^|/)checker/?$", href) for href in guide.links)


def test_guide_is_listed_among_the_guides(site_dir):
    listing = (site_dir / "guides" / "index.html").read_text(encoding="utf-8")
    assert "find-your-noc/" in listing
