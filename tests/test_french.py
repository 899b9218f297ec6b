"""The French site (issue 13): every page has its French twin under /fr/ and back, with the same sections,
hreflang alternates, a language switch and one sitemap listing both; the French pages are in French, with
IRCC's French terms (content/data/terms.json) and French number and date formats; the French checker gives
the command line's French result and its language switch keeps the answers (#a=)."""
from __future__ import annotations

import base64
import json
import os
import re
import subprocess
import sys
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit

import pytest
from playwright.sync_api import Page, expect

from conftest import ROOT
from helpers import facts
from sitecheck import html_pages, url_of

TERMS = json.loads((ROOT / "content" / "data" / "terms.json").read_text(encoding="utf-8"))["terms"]
FR_CATALOG = json.loads((ROOT / "checker" / "catalog" / "fr.json").read_text(encoding="utf-8"))["messages"]


class _Page(HTMLParser):
    """What these tests read from a page: its language, alternates, switch, heading ids and French text."""

    SKIP = {"script", "style", "code", "pre", "svg"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lang, self.alternates, self.switch, self.ids, self.text = None, {}, None, [], []
        self.h2_ids = []
        self._skip = 0
        self._external = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "html":
            self.lang = a.get("lang")
        if tag == "link" and a.get("rel") == "alternate" and a.get("hreflang"):
            self.alternates[a["hreflang"]] = a.get("href")
        if tag == "a" and a.get("id") == "lang-switch":
            self.switch = a
        if tag in ("h2", "h3") and a.get("id"):
            self.ids.append(a["id"])
            if tag == "h2":
                self.h2_ids.append(a["id"])
        if tag in self.SKIP:
            self._skip += 1
        if tag == "a":
            # an English source's own title, said to be in English, and the switch's "English"
            english = "external" in (a.get("class") or "") or a.get("hreflang", "").startswith("en") \
                or a.get("lang", "").startswith("en")
            self._external += 1 if english else 0
            self._a_stack = getattr(self, "_a_stack", []) + [english]

    def handle_endtag(self, tag):
        if tag in self.SKIP:
            self._skip -= 1
        if tag == "a" and getattr(self, "_a_stack", None):
            if self._a_stack.pop():
                self._external -= 1

    def handle_data(self, data):
        if not self._skip and not self._external:
            self.text.append(data)


def read(path: Path) -> _Page:
    parsed = _Page()
    parsed.feed(path.read_text(encoding="utf-8"))
    return parsed


def target(site_dir: Path, page: Path, href: str) -> Path:
    """The file a link on ``page`` leads to."""
    base = "http://site/" + page.relative_to(site_dir).as_posix()
    path = urlsplit(urljoin(base, href)).path.lstrip("/")
    return site_dir / (path + "index.html" if path.endswith("/") or not path else path)


def english_pages(site_dir):
    return [p for p in html_pages(site_dir) if not url_of(site_dir, p).startswith("/fr/")]


def french_pages(site_dir):
    return [p for p in html_pages(site_dir) if url_of(site_dir, p).startswith("/fr/")]


def test_every_page_has_its_twin_in_the_other_language_and_back(site_dir):
    problems = []
    for page in english_pages(site_dir):
        name = url_of(site_dir, page)
        info = read(page)
        if name == "/404.html":  # a missing page: its switch leads to the French home page
            french_404 = read(site_dir / "fr" / "404.html")
            assert target(site_dir, page, info.switch["href"]) == site_dir / "fr" / "index.html"
            assert french_404.switch["href"] == "/"
            continue
        if info.switch is None:
            problems.append(f"{name}: no language switch")
            continue
        twin = target(site_dir, page, info.switch["href"])
        if not twin.is_file():
            problems.append(f"{name}: its French twin {twin} was not built")
            continue
        back = read(twin)
        if back.lang != "fr-CA" or info.switch.get("hreflang") != "fr-CA" or back.switch is None:
            problems.append(f"{name}: the twin is not marked fr-CA or has no switch")
            continue
        if target(site_dir, twin, back.switch["href"]) != page:
            problems.append(f"{url_of(site_dir, twin)}: its switch does not lead back to {name}")
        if back.switch.get("lang") != "en-CA" or back.switch.get("hreflang") != "en-CA":
            problems.append(f"{url_of(site_dir, twin)}: the switch is not marked as English")
        if info.alternates or back.alternates:  # relative addresses: hreflang needs full ones
            problems.append(f"{name}: hreflang alternates in a build without an absolute SITEURL")
    assert len(french_pages(site_dir)) == len(english_pages(site_dir))
    assert not problems, "\n".join(problems)


@pytest.fixture(scope="module")
def published(tmp_path_factory):
    """The production build at an absolute address (make publish SITEURL=…), where hreflang alternates appear."""
    out = tmp_path_factory.mktemp("published")
    env = dict(os.environ, SITEURL=PUBLISHED)
    proc = subprocess.run([sys.executable, "-m", "pelican", "content", "-o", str(out), "-s", "publishconf.py",
                           "--fatal", "warnings"], cwd=ROOT, capture_output=True, text=True, env=env)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    return out


PUBLISHED = "https://example.org/cec-pathways"


def test_hreflang_pairs_are_complete_and_absolute_in_the_published_site(published):
    """Each page names itself and its twin with full addresses, and the twin names the same two."""
    def address_of(page):
        return PUBLISHED + "/" + url_of(published, page).lstrip("/")

    problems = []
    for page in english_pages(published):
        name = url_of(published, page)
        info = read(page)
        if name == "/404.html":
            if info.alternates:
                problems.append("/404.html has hreflang alternates")
            continue
        if set(info.alternates) != {"en-CA", "fr-CA"} or info.alternates["en-CA"] != address_of(page):
            problems.append(f"{name}: alternates {info.alternates}")
            continue
        french = info.alternates["fr-CA"]
        assert french.startswith(PUBLISHED + "/fr/"), french
        twin = published / (urlsplit(french).path[len(urlsplit(PUBLISHED).path) + 1:] + "index.html")
        back = read(twin)
        if back.alternates != info.alternates:
            problems.append(f"{name}: its twin's alternates differ: {back.alternates}")
    assert not problems, "\n".join(problems)


def test_twins_have_the_same_sections_with_the_same_ids(site_dir):
    """Links into a section (the checker's help links, the guides' cross-links) work in both languages."""
    problems = []
    for page in english_pages(site_dir):
        info = read(page)
        if info.switch is None or url_of(site_dir, page) == "/404.html":
            continue
        twin = read(target(site_dir, page, info.switch["href"]))
        glossary = url_of(site_dir, page) == "/glossary/"  # entries have French ids; the sections do not
        mine, theirs = (info.h2_ids, twin.h2_ids) if glossary else (info.ids, twin.ids)
        if mine != theirs:
            problems.append(f"{url_of(site_dir, page)}: {sorted(set(mine) ^ set(theirs))}")
    assert not problems, "\n".join(problems)


# Words that French never uses on its own and English uses in nearly every sentence.
ENGLISH = {"the", "and", "you", "your", "with", "which", "when", "this", "that", "is", "are", "not", "for",
           "from", "have", "has", "will", "would", "can", "must", "of", "to", "in", "or", "if", "be", "an"}
FRENCH = {"le", "la", "les", "de", "des", "du", "et", "vous", "votre", "vos", "un", "une", "pour", "dans",
          "est", "sont", "pas", "qui", "que", "au", "aux", "en", "sur", "par", "ou", "si", "ne", "ce"}
MONTHS = r"\b(January|February|March|April|June|July|August|September|October|November|December)\b"


def english_runs(text: str) -> list[str]:
    """Stretches of a French page that read as English: three English function words and no French one."""
    found = []
    for sentence in re.split(r"(?<=[.!?:;])\s+|\n+", text):
        words = re.findall(r"[A-Za-zÀ-ÿ’']+", sentence.lower())
        english = [w for w in words if w in ENGLISH]
        if len(english) >= 3 and not any(w in FRENCH for w in words):
            found.append(" ".join(sentence.split())[:120])
    return found


def test_french_pages_are_written_in_french_with_french_formats(site_dir):
    problems = []
    for page in french_pages(site_dir):
        name = url_of(site_dir, page)
        text = " ".join(read(page).text)
        problems += [f"{name}: English: {run!r}" for run in english_runs(text)]
        for m in re.finditer(MONTHS, text):
            problems.append(f"{name}: an English month: {text[max(0, m.start() - 40):m.end() + 10]!r}")
        for m in re.finditer(r"\b\d{1,3}(,\d{3})+\b", text):
            problems.append(f"{name}: a number written the English way: {m.group(0)!r}")
        for m in re.finditer(r"(?<!\d[\u00a0\u202f ])\$\s?\d", text):
            problems.append(f"{name}: an amount with $ first: {text[m.start():m.end() + 8]!r}")
    assert not problems, "\n".join(problems[:60]) + (f"\n… {len(problems)} in all" if len(problems) > 60 else "")


def test_the_french_site_uses_irccs_french_terms(site_dir):
    """content/data/terms.json: no variant IRCC does not use, on any French page or in the French catalog."""
    texts = {url_of(site_dir, p): " ".join(read(p).text) for p in french_pages(site_dir)}
    texts["checker/catalog/fr.json"] = json.dumps(FR_CATALOG, ensure_ascii=False)
    problems = []
    for term in TERMS:
        for variant in term["avoid"]:
            pattern = re.escape(variant).replace("’", "['’]")
            for where, text in texts.items():
                if re.search(pattern, text):
                    problems.append(f"{where}: {variant!r} (IRCC writes {term['fr']!r})")
    assert not problems, "\n".join(problems)


def test_one_sitemap_lists_both_languages_with_alternates(site_dir):
    sitemap = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    locs = re.findall(r"<loc>([^<]+)</loc>", sitemap)
    english = {url_of(site_dir, p) for p in english_pages(site_dir)} - {"/404.html"}
    french = {url_of(site_dir, p) for p in french_pages(site_dir)} - {"/fr/404.html"}
    assert {urlsplit(u).path for u in locs} == english | french
    entries = re.findall(r"<url>(.*?)</url>", sitemap, re.S)
    for entry in entries:
        langs = re.findall(r'hreflang="([^"]+)"', entry)
        assert sorted(langs) == ["en-CA", "fr-CA"], entry


# --- the French checker ---------------------------------------------------------------------------------

TODAY = "2026-11-25"
ANSWERS = {
    "as_of": TODAY, "birth_date": "1996-04-02", "intended_province": "ON",
    "jobs": [{"title": "Aide-infirmière", "noc": "33102", "teer": 3, "start": "2024-09-02", "hours_per_week": 37.5}],
    "languages": [{"test": "tef_canada", "test_date": "2026-03-10", "reading": 460, "writing": 460,
                   "listening": 460, "speaking": 460}],
    "education": {"level": "two_year", "canadian": "two_year"},
}


def cli(answers: dict, lang: str) -> dict:
    proc = subprocess.run([sys.executable, "-m", "checker", "assess", "-", "--today", TODAY, "--lang", lang],
                          input=json.dumps(answers), capture_output=True, text=True, cwd=ROOT)
    assert proc.returncode == 0, proc.stderr
    return json.loads(proc.stdout)


def token(answers: dict) -> str:
    return base64.urlsafe_b64encode(json.dumps(answers, separators=(",", ":")).encode()).decode().rstrip("=")


def ready(page: Page):
    """The page ready and showing the result of its answers (on a plain visit, once the visitor comes to the
    form: here, to the date of birth)."""
    expect(page.locator("html")).to_have_attribute("data-checker-ready", "true", timeout=30_000)
    if page.get_attribute("html", "data-checker-engine") == "waiting":
        page.get_by_label("Date de naissance").focus()
    expect(page.locator("html")).to_have_attribute("data-checker-engine", "ready", timeout=30_000)
    page.wait_for_function("() => { const d = document.documentElement.dataset;"
                           " return !d.pending && d.sentSeq && d.sentSeq === d.resultSeq; }", timeout=30_000)


def test_the_command_line_gives_the_same_result_in_french_with_french_texts():
    english, french = cli(ANSWERS, "en"), cli(ANSWERS, "fr")
    assert facts(english) == facts(french)  # ids, numbers, dates: only the sentences differ
    details = [c["detail"] for c in french["cec"]["conditions"]]
    assert details != [c["detail"] for c in english["cec"]["conditions"]]
    assert all(not english_runs(d) for d in details), details


@pytest.mark.browser
def test_the_french_checker_gives_the_french_result_and_the_switch_keeps_the_answers(page: Page, console):
    french, english = cli(ANSWERS, "fr"), cli(ANSWERS, "en")
    page.goto("/fr/verificateur/#a=" + token(ANSWERS))
    ready(page)
    expect(page.locator("html")).to_have_attribute("lang", "fr-CA")
    expect(page.locator('[data-result="crs-total"]')).to_have_text(str(french["crs"]["total"]))
    results = page.locator("#results").inner_text()
    for condition in french["cec"]["conditions"]:
        assert " ".join(condition["detail"].split()) in " ".join(results.split()), condition["id"]
    assert not english_runs(results), english_runs(results)
    hours = page.locator('[data-result="cec-hours"]').first.inner_text()
    assert int(hours.replace("\u00a0", "").replace("\u202f", "").replace(" ", "")) == int(french["cec"]["qualifying_hours"])
    # the switch leads to the same answers in English, and back
    switch = page.locator("#lang-switch")
    expect(switch).to_have_attribute("href", re.compile(re.escape("#a=" + token(ANSWERS)) + "$"))
    switch.click()
    page.wait_for_url(re.compile(r"/checker/#a="))
    ready(page)
    expect(page.locator("html")).to_have_attribute("lang", "en-CA")
    expect(page.locator('[data-result="crs-total"]')).to_have_text(str(english["crs"]["total"]))
    condition = english["cec"]["conditions"][0]["detail"]
    assert " ".join(condition.split()) in " ".join(page.locator("#results").inner_text().split())
    # a change made in English travels back to French
    page.get_by_label("Date of birth").fill("1990-04-02")
    page.get_by_label("Date of birth").blur()
    ready(page)
    page.locator("#lang-switch").click()
    page.wait_for_url(re.compile(r"/fr/verificateur/#a="))
    ready(page)
    expect(page.get_by_label("Date de naissance")).to_have_value("1990-04-02")
    changed = dict(ANSWERS, birth_date="1990-04-02")
    expect(page.locator('[data-result="crs-total"]')).to_have_text(str(cli(changed, "fr")["crs"]["total"]))


@pytest.mark.browser
def test_the_french_noc_finder_lists_french_titles(page: Page, console):
    page.goto("/fr/verificateur/")
    ready(page)
    field = page.locator("#job-1-noc")
    field.focus()
    expect(page.locator("html")).to_have_attribute("data-noc-finder", "ready", timeout=30_000)
    field.press_sequentially("aide-infirm")
    options = page.locator("#job-1-noc-list [role=option]")
    expect(options.first).to_be_visible()
    texts = options.all_inner_texts()
    assert any("33102" in t and "infirmi" in t.lower() for t in texts), texts
    assert not any("Nurse" in t for t in texts), texts
    options.filter(has_text="33102").first.click()
    expect(page.locator("#job-1-teer")).to_have_value("3")
    expect(page.locator("#job-1-noc-status")).to_contain_text("33102")
    assert not english_runs(page.locator("#job-1-noc-status").inner_text())
