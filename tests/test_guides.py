"""The guides: complete, sourced, printable, and never in disagreement with the checker's rule data.

- every guide page has one h1, a meta description, a "Last reviewed" date, a link to the checker and a
  "Sources" section with at least one official link;
- every table carrying ``data-rule="<file>.<parameter>"`` shows exactly the checker's values for its
  ``data-on`` date (each row is matched by its label, not by its position, wherever the label says what
  it is: an age, a CLB level, years of work, a credential, a factor);
- no built page repeats one of the known wrong claims (work while a full-time student counts, a minimum
  income, only IELTS and TEF, NOC 0/A/B, job-offer points today, a single bachelor's degree in the upper
  transferability tier);
- the rounds chart, table and summary come from IRCC's data, the sources page lists every source in the
  rule data, and every glossary anchor exists;
- each pathway page prints (A4 and Letter) on at most 8 pages, with its title and source addresses and
  without the site navigation.
"""
from __future__ import annotations

import csv
import io
import json
import re
import sys
from html.parser import HTMLParser
from pathlib import Path

import pytest

from sitecheck import english_pages, html_pages, parse, url_of

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "plugins"))

GUIDES = ["canadian-experience-class", "student-pathway", "worker-pathway", "work-hours", "language-tests", "crs",
          "express-entry", "rounds", "category-rounds", "find-your-noc", "sources", "glossary"]
PATHWAYS = ["canadian-experience-class", "student-pathway", "worker-pathway"]
MAX_PRINTED_PAGES = 8
OFFICIAL_HOSTS = ("canada.ca", "laws-lois.justice.gc.ca")


# --- a small HTML tree -------------------------------------------------------------------

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param", "source", "track", "wbr"}


class Node:
    def __init__(self, tag, attrs, parent=None):
        self.tag, self.attrs, self.parent = tag, dict(attrs), parent
        self.children = []

    def iter(self, tag=None):
        """This node and every descendant element, in document order."""
        if tag is None or self.tag == tag:
            yield self
        for child in self.children:
            if isinstance(child, Node):
                yield from child.iter(tag)

    def find(self, tag, **attrs):
        for node in self.iter(tag):
            if all(node.attrs.get(k.rstrip("_")) == v for k, v in attrs.items()):
                return node
        return None

    def text(self):
        parts = []
        for child in self.children:
            parts.append(child.text() if isinstance(child, Node) else child)
        return " ".join(" ".join(parts).split())

    def has_class(self, name):
        return name in (self.attrs.get("class") or "").split()


class TreeBuilder(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", {})
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.stack[-1])
        self.stack[-1].children.append(node)
        if tag not in VOID:
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(Node(tag, attrs, self.stack[-1]))

    def handle_endtag(self, tag):
        for i in range(len(self.stack) - 1, 0, -1):
            if self.stack[i].tag == tag:
                del self.stack[i:]
                return

    def handle_data(self, data):
        if self.stack[-1].tag not in ("script", "style"):
            self.stack[-1].children.append(data)


def tree(html: str) -> Node:
    builder = TreeBuilder()
    builder.feed(html)
    builder.close()
    return builder.root


def page_file(site_dir: Path, slug: str) -> Path:
    return site_dir / slug / "index.html"


def guide_body(root: Node) -> Node | None:
    for node in root.iter("div"):
        if node.has_class("guide-body"):
            return node
    return None


# --- tables --------------------------------------------------------------------------------

NUMBER = re.compile(r"\d[\d,]*(?:\.\d+)?")


def numbers(text: str) -> list[float]:
    return [float(m.replace(",", "")) for m in NUMBER.findall(text)]


class Table:
    def __init__(self, node: Node):
        self.node = node
        self.rule = node.attrs.get("data-rule")
        self.on = node.attrs.get("data-on")
        cap = node.find("caption")
        self.caption = cap.text() if cap else ""
        self.head = []
        thead = node.find("thead")
        if thead:
            self.head = [th.text() for th in thead.iter("th")]
        self.rows = []  # (label, [cell texts])
        for tr in node.iter("tr"):
            if thead and any(tr is t for t in thead.iter("tr")):
                continue
            cells = [c for c in tr.children if isinstance(c, Node) and c.tag in ("th", "td")]
            if not cells:
                continue
            if cells[0].tag == "th":
                self.rows.append((cells[0].text(), [c.text() for c in cells[1:]]))
            else:
                self.rows.append(("", [c.text() for c in cells]))

    def column(self, *words) -> int | None:
        """Index (among the data cells) of the first column whose header contains all ``words``."""
        for i, h in enumerate(self.head[1:]):
            if all(w.lower() in h.lower() for w in words):
                return i
        return None


def tables_in(html: str) -> list[Table]:
    return [Table(t) for t in tree(html).iter("table")]


# --- comparing a table with the rule data ------------------------------------------------------

def version_on(rule_tables, file_id, parameter, on):
    found = None
    for v in rule_tables[file_id]["parameters"][parameter]["versions"]:
        if v["effective_from"] <= on:
            found = v
    return found


def value_on(rule_tables, file_id, parameter, on):
    v = version_on(rule_tables, file_id, parameter, on)
    return None if v is None else v["value"]


def by_min(rows, key, x, field):
    """The ``field`` of the last row whose ``key`` is <= x (0 below the first row)."""
    found = 0
    for row in rows:
        if row[key] <= x:
            found = row[field] if field else row
    return found


def label_range(label: str, top: int) -> list[int]:
    """The whole numbers a row label covers: 'Below CLB 4', 'CLB 4 or 5', '20 to 29', '45 or older', '1 year'."""
    text = label.lower()
    nums = [int(n) for n in re.findall(r"\d+", text.replace("clb", " ").replace("nclc", " "))]
    if not nums:
        raise ValueError(f"no number in row label {label!r}")
    if text.startswith("below") or text.startswith("less than") or "or younger" in text or "or less" in text:
        high = nums[0] - 1 if (text.startswith("below") or text.startswith("less than")) else nums[0]
        return list(range(0, high + 1))
    if "or more" in text or "or older" in text:
        return list(range(nums[0], top + 1))
    if len(nums) >= 2 and (" to " in text or " or " in text):
        return list(range(nums[0], nums[1] + 1))
    return [nums[0]]


EDUCATION_KEYWORDS = [("doctoral", "phd"), ("phd", "phd"), ("master", "masters"), ("two or more", "two_or_more"),
                      ("bachelor", "bachelors"), ("two-year", "two_year"), ("one-year", "one_year"),
                      ("less than secondary", "none"), ("secondary", "secondary")]


def education_key(label: str) -> str | None:
    text = label.lower()
    for word, key in EDUCATION_KEYWORDS:
        if word in text:
            return key
    return None


def spouse_columns(table: Table):
    w, wo = table.column("with"), table.column("without")
    if w == wo:  # "With a spouse or partner" also contains "with": take the first two columns
        w, wo = 0, 1
    return [("with_spouse", w), ("without_spouse", wo)]


def cell_number(cells, index):
    values = numbers(cells[index]) if index is not None and index < len(cells) else []
    return values[0] if values else None


class Checker:
    """Compares one rendered table with the rule data; ``problems`` lists every difference."""

    def __init__(self, rule_tables, table: Table, where: str):
        self.data, self.t, self.where = rule_tables, table, where
        self.problems: list[str] = []
        self.checked = 0

    def expect(self, label, what, got, want):
        self.checked += 1
        if got is None or want is None or abs(float(got) - float(want)) > 1e-9:
            self.problems.append(f"{self.where}: table {self.t.rule} (rules on {self.t.on}), row {label!r}, {what}: "
                                 f"shows {got}, the checker's data says {want}")

    def fail(self, message):
        self.problems.append(f"{self.where}: table {self.t.rule}: {message}")

    def value(self, file_id, parameter):
        return value_on(self.data, file_id, parameter, self.t.on)

    def run(self):
        rule, on = self.t.rule, self.t.on
        if not on:
            self.fail("no data-on date")
            return self
        file_id, _, parameter = rule.partition(".")
        if file_id not in self.data:
            self.fail(f"unknown rule file {file_id!r}")
            return self
        method = getattr(self, "check_" + (rule.replace(".", "__")), None)
        if method is None and file_id.startswith("clb_"):
            method = self.check_clb
        if method is None and file_id == "ee_categories":
            method = self.check_ee_categories
        if method is None:
            self.fail("the test suite has no comparison for this data-rule; add one to tests/test_guides.py")
            return self
        method()
        if not self.checked:
            self.fail("no row of the table could be compared with the data")
        return self

    # settlement funds and categories ---------------------------------------------------
    def check_settlement_funds__amounts(self):
        value = self.value("settlement_funds", "amounts")
        if value is None:
            self.fail(f"no settlement funds table in the data on {self.t.on}")
            return
        sizes = value["by_family_size"]
        seen = set()
        for label, cells in self.t.rows:
            if "additional" in label.lower():
                seen.add("additional")
                self.expect(label, "each additional person", cell_number(cells, 0), value["each_additional"])
            else:
                size = str(int(numbers(label)[0]))
                seen.add(size)
                self.expect(label, "funds", cell_number(cells, 0), sizes.get(size))
        if seen != set(sizes) | {"additional"}:
            self.fail(f"rows {sorted(seen)} differ from the data's family sizes {sorted(sizes)} and 'additional'")

    def check_ee_categories(self):
        """A category's NOC list: exactly the data's codes, in order (titles and TEER: tests/test_categories_data.py)."""
        cat_id = self.t.rule.split(".")[2]
        codes = self.value("ee_categories", "categories")["categories"][cat_id]["noc"]
        shown = [label for label, _ in self.t.rows]
        self.checked += len(shown)
        if shown != codes:
            self.fail(f"codes {shown} differ from the data's {codes}")

    # language ------------------------------------------------------------------------
    def check_clb(self):
        file_id = self.t.rule.split(".")[0]
        value = self.value(file_id, "equivalency")
        levels = {row["clb"]: row for row in value["levels"]}
        seen = set()
        for label, cells in self.t.rows:
            level = int(numbers(label)[0])
            seen.add(level)
            if level not in levels:
                self.fail(f"row {label!r}: no level {level} in the data")
                continue
            for ability in ("reading", "writing", "listening", "speaking"):
                col = self.t.column(ability)
                if col is None:
                    self.fail(f"no {ability} column")
                    continue
                self.expect(label, f"{ability} (lowest score)", cell_number(cells, col), levels[level][ability])
        if seen != set(levels):
            self.fail(f"levels shown {sorted(seen)} differ from the data's {sorted(levels)}")

    def check_cec_requirements__language_minimum(self):
        value = self.value("cec_requirements", "language_minimum")
        seen = set()
        for label, cells in self.t.rows:
            teer = str(int(numbers(label)[0]))
            seen.add(teer)
            self.expect(label, "minimum level", cell_number(cells, 0), value.get(teer))
        if seen != set(value):
            self.fail(f"TEER rows {sorted(seen)} differ from the data's {sorted(value)}")

    # CRS core ------------------------------------------------------------------------------
    def _ranged(self, rows, key, top, fields, zero_below=True):
        for label, cells in self.t.rows:
            for x in label_range(label, top):
                for field, col in fields:
                    want = by_min(rows, key, x, field)
                    self.expect(label, f"{field} at {x}", cell_number(cells, col), want)

    def check_crs_core_age__points(self):
        self._ranged(self.value("crs_core_age", "points"), "min_age", 70, spouse_columns(self.t))

    def check_crs_core_first_language__points_per_ability(self):
        self._ranged(self.value("crs_core_first_language", "points_per_ability"), "min_clb", 12,
                     spouse_columns(self.t))

    def check_crs_core_second_language__points_per_ability(self):
        rows = self.value("crs_core_second_language", "points_per_ability")
        if any(r["with_spouse"] != r["without_spouse"] for r in rows):
            self.fail("the data has different points with and without a spouse, but the table has one column")
        self._ranged(rows, "min_clb", 12, [("without_spouse", 0)])

    def check_crs_core_canadian_work__points(self):
        self._ranged(self.value("crs_core_canadian_work", "points"), "min_years", 10, spouse_columns(self.t))

    def _education(self, value, fields):
        seen = set()
        for label, cells in self.t.rows:
            key = education_key(label)
            if key is None or key not in value:
                self.fail(f"row {label!r} names no credential the data knows")
                continue
            seen.add(key)
            for field, col in fields:
                want = value[key][field] if field else value[key]
                self.expect(label, field or "points", cell_number(cells, col), want)
        return seen

    def check_crs_core_education__points(self):
        value = self.value("crs_core_education", "points")
        seen = self._education(value, spouse_columns(self.t))
        if seen != set(value):
            self.fail(f"credentials shown {sorted(seen)} differ from the data's {sorted(value)}")

    def check_crs_core_sections__maximums(self):
        m = self.value("crs_core_sections", "maximums")
        cols = spouse_columns(self.t)
        for label, cells in self.t.rows:
            text = label.lower()
            key = next((k for w, k in (("core", "core"), ("spouse", "spouse"), ("transferab", "transferability"),
                                       ("additional", "additional"), ("total", "total")) if w in text), None)
            if key is None:
                self.fail(f"row {label!r} names no section")
                continue
            own = {"transferability": ("crs_skill_transferability", "maximum"),
                   "additional": ("crs_additional_points", "maximum")}  # these sections keep their cap in their own table
            value = self.value(*own[key]) if key in own else m[key]
            for field, col in cols:
                want = value[field] if isinstance(value, dict) else value
                self.expect(label, field, cell_number(cells, col), want)

    # spouse ---------------------------------------------------------------------------------
    def check_crs_spouse_factors__education(self):
        value = self.value("crs_spouse_factors", "education")
        seen = self._education(value, [(None, 0)])
        if seen != set(value):
            self.fail(f"credentials shown {sorted(seen)} differ from the data's {sorted(value)}")

    def check_crs_spouse_factors__language_per_ability(self):
        self._ranged(self.value("crs_spouse_factors", "language_per_ability"), "min_clb", 12, [("points", 0)])

    def check_crs_spouse_factors__canadian_work(self):
        self._ranged(self.value("crs_spouse_factors", "canadian_work"), "min_years", 10, [("points", 0)])

    # skill transferability -----------------------------------------------------------------
    def _combination_columns(self, clb9):
        cols = []
        for i, h in enumerate(self.t.head[1:]):
            text = h.lower()
            if "canadian work" in text:
                cols.append((("with_canadian_work", "two_years" if re.search(r"\b2\b|two", text) else "one_year"), i))
            elif "clb" in text:
                cols.append((("with_language", "clb9" if f"clb {clb9} or more in all" in text else "clb7"), i))
        return cols

    def _transferability(self, parameter, tier_of_label):
        value = self.value("crs_skill_transferability", parameter)
        levels = self.value("crs_skill_transferability", "language_levels")
        cols = self._combination_columns(levels["clb9"])
        if len(cols) != 4:
            self.fail(f"expected 4 combination columns, found headers {self.t.head}")
            return
        for label, cells in self.t.rows:
            tier = tier_of_label(label, value)
            for (group, key), col in cols:
                want = 0 if tier is None else value[group][tier][key]
                self.expect(label, f"{group} {key}", cell_number(cells, col), want)

    def check_crs_skill_transferability__education(self):
        def tier(label, value):
            key = education_key(label)
            if label.lower().startswith(("secondary", "less than", "none")):
                return None
            if "two or more" in label.lower() or key in ("masters", "phd", "two_or_more"):
                if "bachelor" in label.lower() and "two or more" not in label.lower().split("bachelor")[0]:
                    self.fail(f"row {label!r} puts a bachelor's degree in the upper tier")
                return value["tiers"]["two_or_more"]
            return value["tiers"]["one_year"]
        self._transferability("education", tier)

    def check_crs_skill_transferability__foreign_work(self):
        def tier(label, value):
            nums = numbers(label)
            if not nums:
                return None
            return by_min(value["tiers"], "min_years", nums[0], "tier") or None
        self._transferability("foreign_work", tier)

    def check_crs_skill_transferability__certificate_of_qualification(self):
        value = self.value("crs_skill_transferability", "certificate_of_qualification")
        levels = self.value("crs_skill_transferability", "language_levels")
        for label, cells in self.t.rows:
            level = int(numbers(label)[0])
            key = next((k for k in ("clb7", "clb5") if levels[k] == level), None)
            if key is None:
                self.fail(f"row {label!r}: CLB {level} is not a level of this table")
                continue
            self.expect(label, "points", cell_number(cells, 0), value[key])

    # additional points -------------------------------------------------------------------------
    def check_crs_additional_points(self):
        v = lambda p: self.value("crs_additional_points", p)  # noqa: E731
        for label, cells in self.t.rows:
            text = label.lower()
            if "nomination" in text:
                want = v("provincial_nomination")
            elif "major group 00" in text:
                want = v("arranged_employment")["major_group_00"]
            elif "job offer" in text:
                want = v("arranged_employment")["other"]
            elif "nclc" in text or "french" in text:
                french = v("french")
                without = "or less" in text or "no english" in text
                want = french["without_english"] if without else french["with_english"]
            elif "one or two year" in text:
                want = v("canadian_education")["one_or_two_year"]
            elif "three years" in text:
                want = v("canadian_education")["three_year_plus"]
            elif "brother" in text or "sibling" in text:
                want = v("sibling")
            else:
                self.fail(f"row {label!r} names no additional factor")
                continue
            self.expect(label, "points", cell_number(cells, 0), want)

    def check_crs_additional_points__arranged_employment(self):
        versions = self.data["crs_additional_points"]["parameters"]["arranged_employment"]["versions"]
        by_label = {long_date(v["effective_from"]): v for v in versions}
        col00 = self.t.column("00")
        col_other = self.t.column("other")
        seen = set()
        for label, cells in self.t.rows:
            v = by_label.get(label)
            if v is None:
                self.fail(f"row {label!r} is not the start date of a version in the data")
                continue
            seen.add(label)
            self.expect(label, "major group 00", cell_number(cells, col00), v["value"]["major_group_00"])
            self.expect(label, "other offers", cell_number(cells, col_other), v["value"]["other"])
        if seen != set(by_label):
            self.fail(f"dates shown {sorted(seen)} differ from the data's {sorted(by_label)}")

    # FSW --------------------------------------------------------------------------------------
    def check_fsw_selection_grid(self):
        g = lambda p: self.value("fsw_selection_grid", p)  # noqa: E731
        lang, ad = g("language"), g("adaptability")
        adapt = [("spouse's language", "spouse_language_clb4"), ("spouse's past study", "spouse_study_in_canada"),
                 ("spouse's past work", "spouse_work_in_canada"), ("your past work", "own_work_in_canada"),
                 ("your past study", "own_study_in_canada"), ("job offer", "arranged_employment"),
                 ("relative", "relative_in_canada"), ("most you can get", "maximum")]
        for label, cells in self.t.rows:
            text = label.lower()
            got = cell_number(cells, 0)
            if text.startswith("adaptability"):
                key = next((k for w, k in adapt if w in text), None)
                if key is None:
                    self.fail(f"row {label!r} names no adaptability factor")
                    continue
                self.expect(label, "points", got, ad[key])
            elif text.startswith("first official language"):
                for clb in label_range(re.sub(r"^[^,]*,", "", label), 12):
                    self.expect(label, f"CLB {clb}", got, by_min(lang["first_per_ability"], "min_clb", clb, "points"))
            elif text.startswith("second official language"):
                self.expect(label, "points", got, lang["second_points"])
            elif text.startswith("age"):
                for age in label_range(label, 70):
                    self.expect(label, f"age {age}", got, by_min(g("age"), "min_age", age, "points"))
            elif "of work" in text:
                for years in label_range(label, 15):
                    self.expect(label, f"{years} years", got, by_min(g("work_experience"), "min_years", years, "points"))
            elif "job offer" in text or "arranged employment" in text:
                self.expect(label, "points", got, g("arranged_employment"))
            else:
                key = education_key(label)
                if key is None:
                    self.fail(f"row {label!r} names no factor of the grid")
                    continue
                self.expect(label, "points", got, g("education")[key])


MONTHS = ["January", "February", "March", "April", "May", "June", "July", "August", "September", "October",
          "November", "December"]


def long_date(iso: str) -> str:
    y, m, d = (int(x) for x in iso.split("-"))
    return f"{d} {MONTHS[m - 1]} {y}"


def check_table(rule_tables, table: Table, where: str) -> Checker:
    return Checker(rule_tables, table, where).run()


SUSPICIOUS_CAPTION = re.compile(r"\bpoints?\b|\bCLB\b|\bNCLC\b", re.I)


# --- known wrong claims -----------------------------------------------------------------------

NEGATION = re.compile(r"\b(?:no|not|never|none|nor|nothing|zero|without|cannot|neither)\b|n't\b", re.I)
HISTORY = re.compile(r"\b(?:before|until|used to|formerly|former|previously|older|old|history|historical|"
                     r"replaced|no longer|NOC 2016|was|were|had)\b", re.I)


class Claim:
    """A wrong claim: a pattern, and whether a negation in the sentence (or a historical sentence) excuses it."""

    def __init__(self, name, pattern, negatable=True, historical_ok=False, unless=None, flags=re.I):
        self.name, self.pattern = name, re.compile(pattern, flags)
        self.negatable, self.historical_ok = negatable, historical_ok
        self.unless = re.compile(unless, re.I) if unless else None

    def find(self, sentence: str):
        for m in self.pattern.finditer(sentence):
            before = sentence[max(0, m.start() - 40):m.start()]
            if self.negatable and (NEGATION.search(m.group(0)) or NEGATION.search(before)):
                continue
            if self.historical_ok and HISTORY.search(sentence):
                continue
            if self.unless and self.unless.search(sentence):
                continue
            return m.group(0)
        return None


def wrong_claims(rule_tables) -> list[Claim]:
    offer_values = sorted({str(n) for v in rule_tables["crs_additional_points"]["parameters"]["arranged_employment"]
                           ["versions"] for n in v["value"].values() if n})
    offer = "|".join(offer_values)
    return [
        Claim("work while a full-time student counts",
              r"\bwork(?:ed|ing)?\b(?:\s+(?:done|experience|hours))?\s+(?:while|during)\s+(?:you\s+(?:are|were)\s+(?:a\s+)?|"
              r"your\s+)?(?:full-time\s+)?(?:studies|studying|study|student|school)\b[^.;]{0,40}?"
              r"\b(?:counts?|qualif(?:y|ies)|is counted|are counted)\b"),
        Claim("co-op or campus work counts for the CEC",
              r"\b(?:co-?op|on-campus|off-campus)\s+(?:work\s+|jobs?\s+|hours\s+|placements?\s+|terms?\s+)*"
              r"(?:also\s+)?(?:counts?|qualif(?:y|ies)|is counted|are counted)\b"),
        Claim("a minimum income or salary",
              r"\b(?:need|needs|require|requires|required|must\s+(?:have|earn|meet|show))\b(?:\s+to\s+(?:have|earn|meet|show))?"
              r"(?:\s+(?:a|an|the))?\s+minimum\s+(?:annual\s+|yearly\s+)?(?:income|salary|wage|earnings)\b"),
        Claim("a minimum income threshold",
              r"\bminimum\s+(?:annual\s+|yearly\s+)?(?:income|salary|earnings)\s+(?:requirement|threshold|of\s+\$)"),
        Claim("only IELTS and TEF",
              r"\bonly\s+(?:the\s+)?IELTS\s+(?:and|or|&)\s+(?:the\s+)?TEF\b|\bIELTS\s+and\s+TEF\s+(?:are|were)\s+the\s+only\b"),
        Claim("NOC 0/A/B instead of TEER",
              r"\bNOC\s+(?:0|A|B)\b(?!-)|\b[Ss]kill\s+(?:type|level)s?\s+(?:0|A|B)\b", negatable=False, historical_ok=True,
              flags=0),
        Claim("generic NOC codes instead of NOC 2021 TEER",
              r"\bNOC\s+codes?\b", negatable=False, unless=r"\b2021\b|\bTEER\b|\bNOC 2016\b"),
        Claim("job-offer points today",
              r"\bjob\s+offers?\b[^.;]{0,60}?\b(?:gives?|earns?|adds?|brings?|is\s+worth|are\s+worth|gets?\s+you)\b"
              r"(?:\s+(?:you|up\s+to|an?\s+extra|extra|additional))*\s+(?:" + offer + r")\b(?!\s*(?:%|hours?|weeks?))"),
        Claim("a single bachelor's degree in the upper transferability tier",
              r"\b(?:a\s+single|one|a)\s+bachelor'?s?\s+degree\b[^.;]{0,80}?\b(?:upper|higher|top|second)\s+(?:tier|level|row)"),
    ]


BLOCKS = {"p", "li", "h1", "h2", "h3", "h4", "h5", "h6", "td", "th", "caption", "dt", "dd", "div", "figcaption",
          "blockquote", "title", "desc", "summary", "label", "option", "legend", "pre", "section", "article", "nav",
          "header", "footer", "main", "ul", "ol", "table", "tr", "figure", "form", "fieldset", "details", "button"}


def block_text(node: Node) -> str:
    """The visible text of ``node``, with a line break at every block boundary (so a heading never runs into
    the next paragraph)."""
    parts = []
    for child in node.children:
        if isinstance(child, Node):
            if child.tag in ("script", "style"):
                continue
            inner = block_text(child)
            parts.append(f"\n{inner}\n" if child.tag in BLOCKS else inner)
        else:
            parts.append(child)
    return "".join(parts)


def page_text(html: str) -> str:
    root = tree(html)
    body = next(root.iter("body"), root)
    return block_text(body)


def sentences(text: str) -> list[str]:
    out = []
    for block in text.split("\n"):
        block = " ".join(block.replace("’", "'").split())
        out += [s.strip() for s in re.split(r"(?<=[.!?])\s+(?=[A-Z0-9“\"(])", block) if s.strip()]
    return out


def find_wrong_claims(text: str, claims) -> list[tuple[str, str, str]]:
    found = []
    for sentence in sentences(text):
        if sentence.endswith("?"):
            continue  # a question ("Does co-op work count?") claims nothing
        for claim in claims:
            hit = claim.find(sentence)
            if hit:
                found.append((claim.name, hit, sentence))
    return found


# =================================================================================================
# Tests
# =================================================================================================

# --- the matcher itself -------------------------------------------------------------------------

WRONG = [
    ("work while a full-time student counts", "Work done while you were a full-time student counts toward the CEC."),
    ("work while a full-time student counts", "Work during your studies counts for the Canadian Experience Class."),
    ("work while a full-time student counts", "Working while studying counts if it was paid."),
    ("co-op or campus work counts for the CEC", "Your co-op work term counts toward the 1,560 hours."),
    ("co-op or campus work counts for the CEC", "On-campus work also counts."),
    ("a minimum income or salary", "You need a minimum salary of $40,000 to qualify."),
    ("a minimum income or salary", "The CEC requires a minimum income."),
    ("a minimum income threshold", "There is a minimum income threshold for CEC applicants."),
    ("only IELTS and TEF", "IRCC accepts only IELTS and TEF results."),
    ("only IELTS and TEF", "IELTS and TEF are the only accepted tests."),
    ("NOC 0/A/B instead of TEER", "Your job must be NOC 0, A or B."),
    ("NOC 0/A/B instead of TEER", "Only skill type A jobs count."),
    ("generic NOC codes instead of NOC 2021 TEER", "Find your NOC code on the government site."),
    ("job-offer points today", "A valid job offer gives you 50 extra points."),
    ("job-offer points today", "A job offer in senior management adds 200 points to your score."),
    ("job-offer points today", "Job offers are worth 50 points."),
    ("a single bachelor's degree in the upper transferability tier",
     "A single bachelor's degree puts you in the upper tier of skill transferability."),
]

RIGHT = [
    "Work done while you were a full-time student does not count toward the CEC.",
    "Work during your studies doesn't count, even on campus.",
    "Co-op work terms never count for the CEC.",
    "Part-time work after you graduate counts.",
    "There is no minimum income or salary for the CEC.",
    "You do not need a minimum salary.",
    "CEC has no minimum income requirement.",
    "The work must be paid, but no minimum wage level applies.",
    "Five tests are accepted: IELTS General Training, CELPIP-General, PTE Core, TEF Canada and TCF Canada.",
    "It is not true that only IELTS and TEF are accepted.",
    "Before 16 November 2022 IRCC used NOC 2016 skill types 0, A and B.",
    "Your job must be in NOC 2021 TEER 0, 1, 2 or 3.",
    "Look up your NOC 2021 code and its TEER category.",
    "Since 25 March 2025, a job offer gives no CRS points.",
    "Before 25 March 2025, a job offer gave 50 or 200 points.",
    "A job offer no longer adds 50 points.",
    "A job offer still adds 10 points on the FSW grid.",
    "A single bachelor's degree is in the first tier, not the upper tier.",
    "Work 20 hours a week while you study full-time, but those hours do not count.",
]


@pytest.fixture(scope="module")
def claims(rule_tables):
    return wrong_claims(rule_tables)


@pytest.mark.parametrize("name, sentence", WRONG)
def test_wrong_claim_matcher_catches(claims, name, sentence):
    found = find_wrong_claims(sentence, claims)
    assert any(n == name for n, _hit, _s in found), f"{sentence!r} should be caught as {name!r}; found {found}"


@pytest.mark.parametrize("sentence", RIGHT)
def test_wrong_claim_matcher_lets_correct_sentences_pass(claims, sentence):
    assert find_wrong_claims(sentence, claims) == []


def test_no_built_page_repeats_a_known_wrong_claim(site_dir, claims):
    problems = []
    for page in english_pages(site_dir):
        for name, hit, sentence in find_wrong_claims(page_text(page.read_text(encoding="utf-8")), claims):
            problems.append(f"{url_of(site_dir, page)}: {name}: {hit!r} in {sentence[:200]!r}")
    assert not problems, "\n".join(problems)


# --- the table comparison itself ---------------------------------------------------------------

def rendered_guide_tables(rule_tables):
    from cec_site.tables import RuleTables
    from cec_site.site_data import rules_last_verified

    on = rules_last_verified(rule_tables)
    t = RuleTables(rule_tables, on)
    html = [t(name) for name in ("crs_core_age", "crs_core_education", "crs_core_first_language",
                                 "crs_core_second_language", "crs_core_canadian_work", "crs_spouse",
                                 "crs_transferability", "crs_additional", "job_offer_history", "crs_maximums",
                                 "fsw_grid", "cec_language")]
    html += [t("clb", test) for test in ("ielts_general", "celpip_general", "pte_core", "tef_canada", "tcf_canada")]
    html.append(t("clb", "tef_canada", "2023-01-01"))
    return "\n".join(str(h) for h in html)


def test_every_guide_table_the_site_can_render_matches_the_data(rule_tables):
    tables = [t for t in tables_in(rendered_guide_tables(rule_tables)) if t.rule]
    assert len(tables) >= 20
    problems = []
    for table in tables:
        problems += check_table(rule_tables, table, "renderer").problems
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("old, new", [("<td class=\"num\">110</td>", "<td class=\"num\">111</td>"),
                                      ("<td class=\"num\">7.0–7.5</td>", "<td class=\"num\">6.5–7.5</td>"),
                                      ("<td class=\"num\">17</td>", "<td class=\"num\">71</td>")])
def test_table_comparison_catches_a_changed_cell(rule_tables, old, new):
    html = rendered_guide_tables(rule_tables)
    assert old in html
    problems = []
    for table in tables_in(html.replace(old, new, 1)):
        if table.rule:
            problems += check_table(rule_tables, table, "tampered").problems
    assert problems, f"changing {old} to {new} went unnoticed"


# --- every guide page ---------------------------------------------------------------------------

@pytest.mark.parametrize("slug", GUIDES)
def test_guide_page_is_complete(site_dir, slug):
    path = page_file(site_dir, slug)
    assert path.is_file(), f"/{slug}/ was not built"
    html = path.read_text(encoding="utf-8")
    root = tree(html)
    problems = []
    h1 = list(root.iter("h1"))
    if len(h1) != 1:
        problems.append(f"{len(h1)} h1 elements (want exactly 1)")
    desc = next((m.attrs.get("content") for m in root.iter("meta") if m.attrs.get("name") == "description"), None)
    if not (desc or "").strip():
        problems.append("no meta description")
    reviewed = next((p for p in root.iter("p") if p.has_class("reviewed")), None)
    time = reviewed.find("time") if reviewed else None
    if not (reviewed and "Last reviewed" in reviewed.text() and time is not None
            and re.fullmatch(r"\d{4}-\d{2}-\d{2}", time.attrs.get("datetime", ""))):
        problems.append('no "Last reviewed" date')
    body = guide_body(root)
    if body is None:
        problems.append("no guide body")
    else:
        if not any(re.search(r"(^|/)checker/?(#.*)?$", a.attrs.get("href", "")) for a in body.iter("a")):
            problems.append("the guide text never links to the checker")
        section, official = None, []
        for node in body.iter():
            if node.tag == "h2":
                section = node.text()
            elif node.tag == "a" and section and section.startswith("Sources"):
                href = node.attrs.get("href", "")
                host = re.sub(r"^https://", "", href).split("/")[0] if href.startswith("https://") else ""
                if any(host == h or host.endswith("." + h) for h in OFFICIAL_HOSTS):
                    official.append(href)
        if not any(h2.text().startswith("Sources") for h2 in body.iter("h2")):
            problems.append('no "Sources" h2')
        elif not official:
            problems.append("the Sources section has no https link to canada.ca or laws-lois.justice.gc.ca")
    assert not problems, f"/{slug}/: " + "; ".join(problems)


@pytest.mark.parametrize("slug", GUIDES)
def test_guide_tables_match_the_checker_data(site_dir, rule_tables, slug):
    html = page_file(site_dir, slug).read_text(encoding="utf-8")
    problems = []
    for table in tables_in(html):
        if table.rule:
            problems += check_table(rule_tables, table, f"/{slug}/").problems
        elif SUSPICIOUS_CAPTION.search(table.caption):
            problems.append(f"/{slug}/: table {table.caption!r} shows points or language levels but has no data-rule: "
                            "render it from the rule data with table(...)")
    assert not problems, "\n".join(problems)


def test_every_data_rule_table_on_the_site_matches_the_checker_data(site_dir, rule_tables):
    """Pages outside the guides (the home page, the checker's no-script tables) follow the same rule."""
    problems = []
    for page in english_pages(site_dir):
        for table in tables_in(page.read_text(encoding="utf-8")):
            if table.rule:
                problems += check_table(rule_tables, table, url_of(site_dir, page)).problems
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize("slug", GUIDES)
def test_guide_pages_have_no_inline_styles_or_scripts(site_dir, slug):
    root = tree(page_file(site_dir, slug).read_text(encoding="utf-8"))
    styled = [n.tag for n in root.iter() if "style" in n.attrs]
    assert not styled, f"/{slug}/: style attributes on {styled} (the Content-Security-Policy blocks them)"
    assert not list(root.iter("style")) and not list(root.iter("script")), f"/{slug}/ has a <style> or <script>"


# --- rounds ---------------------------------------------------------------------------------------

def csv_rounds():
    with open(ROOT / "content" / "data" / "express-entry-rounds.csv", newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


def test_rounds_table_is_the_csv_newest_first(site_dir):
    root = tree(page_file(site_dir, "rounds").read_text(encoding="utf-8"))
    table = next((Table(t) for t in root.iter("table") if "data-rounds" in t.attrs), None)
    assert table is not None, "the rounds page has no rounds table"
    assert table.caption
    rows = sorted((r for r in csv_rounds() if r["date"] >= "2024-01-01"), key=lambda r: r["date"], reverse=True)
    shown = [(int(numbers(label)[0]), cells) for label, cells in table.rows]
    assert [n for n, _ in shown] == [int(r["round"]) for r in rows]
    for (number, cells), r in zip(shown, rows):
        assert cells[0] == long_date(r["date"]), number
        assert cells[1] == r["round_type"], number
        assert numbers(cells[2])[0] == int(r["invitations"]), number
        assert numbers(cells[3])[0] == int(r["min_crs"]), number


def rounds_chart_svg(root):
    return next((n for n in root.iter("svg") if n.has_class("rounds-chart")), None)


def test_rounds_chart_is_accessible_and_drawn_from_the_data(site_dir):
    root = tree(page_file(site_dir, "rounds").read_text(encoding="utf-8"))
    svg = rounds_chart_svg(root)
    assert svg is not None
    assert svg.attrs.get("role") == "img" and svg.attrs.get("viewbox")
    labelled = svg.attrs.get("aria-labelledby", "").split()
    ids = {n.attrs.get("id"): n for n in svg.iter() if n.attrs.get("id")}
    assert [ids[i].tag for i in labelled] == ["title", "desc"]
    desc = ids[labelled[1]].text()
    cec = [int(r["min_crs"]) for r in csv_rounds() if r["round_type"] == "Canadian Experience Class"]
    assert str(min(cec)) in desc and str(max(cec)) in desc
    drawn = sum(1 for g in svg.iter("g") if g.attrs.get("data-series") for n in g.children
                if isinstance(n, Node) and n.tag in ("circle", "rect", "polygon"))
    expected = sum(1 for r in csv_rounds() if r["date"] >= "2024-01-01" and r["round_type"] != "Provincial Nominee Program")
    assert drawn == expected
    # Colour is never the only cue: each series has its own marker shape.
    def shape(node):  # a polygon's shape is its number of corners (diamond 4, triangle 3)
        return (node.tag, len(node.attrs.get("points", "").split()))

    shapes = {g.attrs["data-series"]: frozenset(shape(n) for n in g.children if isinstance(n, Node))
              for g in svg.iter("g") if g.attrs.get("data-series")}
    assert all(len(s) == 1 for s in shapes.values()), shapes
    assert len(set(shapes.values())) == len(shapes), f"two series share a marker shape: {shapes}"


def data_window():
    """The window the checker uses once the data is older than the assessment: the 365 days (both ends
    included) ending on the newest round in the CSV, computed here with datetime, not by the checker."""
    import datetime

    end = max(r["date"] for r in csv_rounds())
    start = (datetime.date.fromisoformat(end) - datetime.timedelta(days=364)).isoformat()
    return start, end


def window_cec_cutoffs():
    start, end = data_window()
    return [int(r["min_crs"]) for r in csv_rounds()
            if r["round_type"] == "Canadian Experience Class" and start <= r["date"] <= end]


def test_the_rounds_window_is_the_checker_s():
    from checker.rounds import compare, window
    from cec_site import rounds

    data = rounds.load_rounds()
    assert window(data) == data_window()
    assert rounds.data_window() == data_window()
    # For an assessment after the newest round, the checker compares with the same rounds as the guide.
    c = compare(520, data, "2026-12-01")
    assert (c["from"], c["to"]) == data_window()
    assert (c["rounds"], c["lowest_cutoff"], c["highest_cutoff"]) == (
        len(window_cec_cutoffs()), min(window_cec_cutoffs()), max(window_cec_cutoffs()))


def test_cec_cutoffs_are_the_cec_rounds_of_the_checker_s_window():
    from cec_site import rounds

    picked = rounds.cec_cutoffs()
    assert picked and all(r["round_type"] == "Canadian Experience Class" for r in picked)
    assert [r["date"] for r in picked] == sorted((r["date"] for r in picked), reverse=True)
    assert sorted(r["min_crs"] for r in picked) == sorted(window_cec_cutoffs())
    stats = rounds.rounds_stats()
    start, end = data_window()
    assert (stats["window"]["from"], stats["window"]["to"]) == (start, end)
    assert stats["window"]["text"] == f"IRCC's rounds from {long_date(start)} to {long_date(end)}"
    assert (stats["cec_recent"]["low"], stats["cec_recent"]["high"]) == (min(window_cec_cutoffs()), max(window_cec_cutoffs()))


def test_the_round_classifier_is_the_checker_s():
    from cec_site import rounds

    kinds = {r["round_type"]: rounds.kind(r["round_type"]) for r in csv_rounds()}
    assert kinds["Canadian Experience Class"] == "cec" and kinds["Provincial Nominee Program"] == "pnp"
    assert kinds["General"] == "general" and kinds["French-language proficiency (2026-V2)"] == "french"
    assert kinds["Healthcare and social services (2026-V3)"] == "category"
    assert rounds.kind("Federal Skilled Trades") == "program"
    assert "General (all programs)" not in kinds  # one name for the general rounds (#294 was the odd one)


def rounds_page_text(site_dir) -> str:
    return " ".join(page_text(page_file(site_dir, "rounds").read_text(encoding="utf-8")).replace("’", "'").split())


def test_the_rounds_page_names_the_dates_of_every_cut_off_range(site_dir):
    text = rounds_page_text(site_dir)
    start, end = data_window()
    named = f"IRCC's rounds from {long_date(start)} to {long_date(end)}"
    cec = window_cec_cutoffs()
    # The CEC range of the window, with the window's dates, in the summary and in "Reading your own chances".
    assert f"Among {named} (the 365 days up to the latest round in our data), {len(cec)} were only for CEC candidates" in text
    assert f"ranged from {min(cec)} to {max(cec)}" in text
    assert f"the highest CEC cut-off among {named} ({max(cec)})" in text
    assert f"For an assessment dated {long_date(end)} or later, that is {named}" in text
    # The ranges over all the data name its dates; no sentence counts months back from a date.
    first = min(r["date"] for r in csv_rounds())
    assert f"In IRCC's rounds from {long_date(first)} to {long_date(end)}, they ranged from" in text
    assert f"our data holds {len(csv_rounds())} rounds, from {long_date(first)} to {long_date(end)}" in text
    assert not re.search(r"\b12 months\b|\bmonths (up )?to\b", text)


def test_the_rounds_page_says_where_its_data_ends(site_dir):
    text = rounds_page_text(site_dir)
    newest = max(csv_rounds(), key=lambda r: r["date"])
    assert f"Our data ends with round {newest['round']}, held on {long_date(newest['date'])}." in text
    assert f"Rounds IRCC held after that date are not in it, so the figures on this page may be out of date" in text
    assert "once a week an automatic check reads that data" in text


def pool_file():
    return json.loads((ROOT / "content" / "data" / "pool-distribution.json").read_text(encoding="utf-8"))


def test_the_pool_file_adds_up():
    pool = pool_file()
    ranges = pool["ranges"]
    assert sum(b["count"] for b in ranges) == pool["total"]
    assert [b["min"] for b in ranges] == sorted((b["min"] for b in ranges), reverse=True)
    assert all(lower["max"] + 1 == upper["min"] for upper, lower in zip(ranges, ranges[1:]))  # no gap, no overlap
    assert ranges[0]["max"] == 1200 and ranges[-1]["min"] == 0


def test_the_pool_chart_is_accessible_and_drawn_from_the_pool_file(site_dir):
    root = tree(page_file(site_dir, "rounds").read_text(encoding="utf-8"))
    pool = pool_file()
    svg = next((n for n in root.iter("svg") if n.has_class("pool-chart")), None)
    assert svg is not None and svg.attrs.get("role") == "img"
    ids = {n.attrs.get("id"): n for n in svg.iter() if n.attrs.get("id")}
    title, desc = (ids[i] for i in svg.attrs["aria-labelledby"].split())
    assert (title.tag, desc.tag) == ("title", "desc")
    assert long_date(pool["as_of"]) in title.text()
    bars = [n for n in svg.iter("rect") if n.has_class("pool-bar")]
    assert [(int(b.attrs["data-min"]), int(b.attrs["data-max"]), int(b.attrs["data-count"])) for b in bars] == [
        (r["min"], r["max"], r["count"]) for r in pool["ranges"]]
    # Bar lengths are proportional to the counts.
    widths = [float(b.attrs["width"]) for b in bars]
    for bar, r in zip(widths, pool["ranges"]):
        assert abs(bar / max(widths) - r["count"] / max(x["count"] for x in pool["ranges"])) < 0.005
    # The description says every number in words.
    words = desc.text()
    assert f"{pool['total']:,} in all" in words
    for r in pool["ranges"]:
        assert f"{r['min']:,} to {r['max']:,}: {r['count']:,}" in words
    # The table says the same.
    table = next(Table(t) for t in root.iter("table") if "data-pool" in t.attrs)
    assert long_date(pool["as_of"]) in table.caption
    rows = [(numbers(label), numbers(cells[0])[0]) for label, cells in table.rows]
    assert rows[:-1] == [([r["min"], r["max"]], r["count"]) for r in pool["ranges"]]
    assert rows[-1][1] == pool["total"]


def _luminance(hex_colour: str) -> float:
    def channel(c):
        c = int(c, 16) / 255
        return c / 12.92 if c <= 0.03928 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (channel(hex_colour[i:i + 2]) for i in (1, 3, 5))
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def _contrast(a: str, b: str) -> float:
    la, lb = sorted((_luminance(a), _luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def test_the_pool_bars_contrast_with_the_light_and_dark_backgrounds(site_dir):
    css = (ROOT / "theme" / "static" / "css" / "site.css").read_text(encoding="utf-8")
    backgrounds = re.findall(r"--bg:\s*(#[0-9a-fA-F]{6})", css)
    assert len(backgrounds) == 2, backgrounds  # the light scheme's and the dark scheme's
    root = tree(page_file(site_dir, "rounds").read_text(encoding="utf-8"))
    fills = {n.attrs["fill"] for n in root.iter("rect") if n.has_class("pool-bar")}
    assert fills
    for fill in fills:
        for bg in backgrounds:
            assert _contrast(fill, bg) >= 3, (fill, bg)


def test_the_rounds_page_gives_the_pool_s_date_and_source(site_dir):
    text = rounds_page_text(site_dir)
    pool = pool_file()
    published = next(r for r in csv_rounds() if int(r["round"]) == pool["round"])
    assert f"On {long_date(pool['as_of'])}, there were {pool['total']:,} candidates" in text
    assert f"published with round {pool['round']} of {long_date(published['date'])}" in text
    assert "IRCC publishes ranges, not exact scores" in text


# --- sources and glossary -----------------------------------------------------------------------------

def test_sources_page_lists_every_source_in_the_rule_data(site_dir, rule_tables):
    root = tree(page_file(site_dir, "sources").read_text(encoding="utf-8"))
    hrefs = {a.attrs.get("href") for a in root.iter("a")}
    urls = set()
    for table in rule_tables.values():
        urls |= {lb["href"] for lb in table.get("legal_basis", []) if lb.get("href")}
        for parameter in table["parameters"].values():
            for version in parameter["versions"]:
                urls |= set(version.get("sources", []))
    missing = sorted(urls - hrefs)
    assert not missing, "sources in checker/data not linked from /sources/:\n" + "\n".join(missing)


def test_sources_page_states_verification_date_and_how_to_report(site_dir, rules):
    html = page_file(site_dir, "sources").read_text(encoding="utf-8")
    body = guide_body(tree(html))
    text = body.text()
    assert long_date(rules.last_verified()) in text
    import pelicanconf

    assert any(a.attrs.get("href") == pelicanconf.ISSUES_URL for a in body.iter("a")), "no link to the issues page"
    for word in ("official", "cross-checked", "secondary", "uncertain"):
        assert word in text.lower()


def test_glossary_has_an_anchor_for_every_term(site_dir):
    glossary = json.loads((ROOT / "content" / "data" / "glossary.json").read_text(encoding="utf-8"))
    ids = parse(page_file(site_dir, "glossary")).ids
    missing = [term for term, entry in glossary.items() if entry["anchor"] not in ids]
    assert not missing, f"glossary entries without an element id: {missing}"


# --- printing ---------------------------------------------------------------------------------------

@pytest.mark.parametrize("slug", PATHWAYS)
def test_pathway_page_prints_well(page, slug):
    from pypdf import PdfReader

    page.goto(f"/{slug}/")
    title = " ".join(page.locator("h1").inner_text().split())
    page.emulate_media(media="print")
    for fmt in ("A4", "Letter"):
        reader = PdfReader(io.BytesIO(page.pdf(format=fmt, print_background=False)))
        text = "\n".join(p.extract_text() or "" for p in reader.pages)
        flat = " ".join(text.split())
        compact = re.sub(r"\s+", "", text)
        problems = []
        if len(reader.pages) > MAX_PRINTED_PAGES:
            problems.append(f"{len(reader.pages)} pages (at most {MAX_PRINTED_PAGES})")
        if "https://www.canada.ca" not in compact and "https://laws-lois.justice.gc.ca" not in compact:
            problems.append("no official source address in the printed text")
        if re.search(r"Students\s*Workers\s*All guides", text):
            problems.append("the site navigation is printed")
        if title not in flat:
            problems.append(f"the title {title!r} is not printed")
        assert not problems, f"/{slug}/ printed on {fmt}: " + "; ".join(problems)
