"""The built site: it builds without warnings, and every page is complete and linked."""
from __future__ import annotations

import pytest

from sitecheck import html_pages, parse, resolve, url_of


def test_site_builds_without_warnings(site_build):
    out, proc = site_build
    assert proc.returncode == 0, proc.stdout + proc.stderr
    log = proc.stdout + proc.stderr
    assert "WARNING" not in log and "ERROR" not in log, log


EXPECTED_PAGES = [
    "index.html", "404.html", "checker/index.html", "guides/index.html",
    "canadian-experience-class/index.html", "student-pathway/index.html", "worker-pathway/index.html",
    "work-hours/index.html", "language-tests/index.html", "crs/index.html", "express-entry/index.html",
    "rounds/index.html", "sources/index.html", "glossary/index.html", "category-rounds/index.html",
    "find-your-noc/index.html",
    "fr/index.html", "fr/404.html", "fr/verificateur/index.html", "fr/guides/index.html",
    "fr/experience-canadienne/index.html", "fr/parcours-etudiant/index.html", "fr/parcours-travailleur/index.html",
    "fr/heures-de-travail/index.html", "fr/tests-de-langue/index.html", "fr/scg/index.html",
    "fr/entree-express/index.html", "fr/rondes/index.html", "fr/sources/index.html", "fr/glossaire/index.html",
    "fr/rondes-par-categorie/index.html", "fr/trouver-votre-cnp/index.html",
]


@pytest.mark.parametrize("path", EXPECTED_PAGES)
def test_page_exists(site_dir, path):
    assert (site_dir / path).is_file(), f"{path} was not built"


def test_every_page_has_title_description_one_h1_and_lang(site_dir):
    problems = []
    for page in html_pages(site_dir):
        info = parse(page)
        name = url_of(site_dir, page)
        want = "fr-CA" if name.startswith("/fr/") else "en-CA"
        if info.lang != want:
            problems.append(f"{name}: <html lang> is {info.lang!r}, not {want!r}")
        if not info.title.strip():
            problems.append(f"{name}: empty <title>")
        if not (info.description or "").strip():
            problems.append(f"{name}: no meta description")
        if info.h1 != 1:
            problems.append(f"{name}: {info.h1} h1 elements (want exactly 1)")
    assert not problems, "\n".join(problems)


def test_titles_and_descriptions_are_unique(site_dir):
    seen_titles, seen_desc = {}, {}
    dupes = []
    for page in html_pages(site_dir):
        info = parse(page)
        name = url_of(site_dir, page)
        for seen, value in ((seen_titles, info.title.strip()), (seen_desc, info.description)):
            if value in seen:
                dupes.append(f"{name} repeats {seen[value]}: {value!r}")
            seen[value] = name
    assert not dupes, "\n".join(dupes)


def test_internal_links_and_anchors_resolve(site_dir):
    broken = []
    for page in html_pages(site_dir):
        info = parse(page)
        for href in info.links:
            target = resolve(site_dir, page, href)
            if target is None:
                continue
            file, fragment = target
            if not file.is_file():
                broken.append(f"{url_of(site_dir, page)}: {href} -> missing {file.relative_to(site_dir)}")
            elif fragment and fragment not in parse(file).ids:
                broken.append(f"{url_of(site_dir, page)}: {href} -> no element with id {fragment!r}")
    assert not broken, "\n".join(broken)


def test_only_the_checker_page_loads_javascript(site_dir):
    offenders = []
    for page in html_pages(site_dir):
        info = parse(page)
        scripts = [s for s in info.scripts if s.get("type") not in ("application/json", "application/ld+json")]
        if scripts and url_of(site_dir, page) not in ("/checker/", "/fr/verificateur/"):
            offenders.append(url_of(site_dir, page))
    assert not offenders, f"pages other than the checker load scripts: {offenders}"


def test_print_stylesheet_and_no_third_party_assets(site_dir):
    for page in html_pages(site_dir):
        html = page.read_text(encoding="utf-8")
        assert 'media="print"' in html and "print.css" in html, f"{url_of(site_dir, page)} lacks the print stylesheet"
        info = parse(page)
        for href in info.links:
            if href.startswith(("http://", "https://", "//")):
                continue  # ordinary links to sources are fine; assets are checked below
        for tag in ("<link rel=\"stylesheet\" href=\"http", "<script src=\"http", "<img src=\"http", "@import"):
            assert tag not in html, f"{url_of(site_dir, page)} loads a third-party asset ({tag})"


def test_sitemap_and_robots(site_dir):
    sitemap = (site_dir / "sitemap.xml").read_text(encoding="utf-8")
    assert "<loc>" in sitemap and "checker/" in sitemap and "404" not in sitemap
    robots = (site_dir / "robots.txt").read_text(encoding="utf-8")
    assert "User-agent: *" in robots


def test_footer_disclaimer_and_verification_date(site_dir, rules):
    html = (site_dir / "index.html").read_text(encoding="utf-8")
    assert "not affiliated with Immigration, Refugees and Citizenship Canada" in html
    assert "not legal advice" in html
    assert f'datetime="{rules.last_verified()}"' in html


def test_checker_help_links_go_to_the_section_that_explains(site_dir):
    """Each help text beside a checker question links to a section of a guide, not just to the guide."""
    import re

    html = (site_dir / "checker" / "index.html").read_text(encoding="utf-8")
    hints = re.findall(r'<p class="hint" id="([^"]+)-hint">(.*?)</p>', html, re.S)
    linked = [(ident, href) for ident, body in hints for href in re.findall(r'<a href="([^"]+)"', body)]
    assert len(linked) >= 15, linked
    assert [ident for ident, href in linked if "#" not in href] == []
