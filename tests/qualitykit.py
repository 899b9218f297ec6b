"""Shared by the quality gates (tests/test_quality_*.py): every page of the site, and how to open one.

The gates are parametrized by page so a failure names the page. Parameters are
fixed at collection time, before the site is built, so the list of pages comes
from the sources (the direct templates and the ``Slug`` of each Markdown page);
``test_quality_html.py::test_gates_cover_every_built_page`` fails if the build
writes a page that is not on this list, so no page escapes the gates.
"""
from __future__ import annotations

from pathlib import Path

import pytest
from playwright.sync_api import Error as PlaywrightError
from playwright.sync_api import Page

ROOT = Path(__file__).resolve().parent.parent
CHECKER = "/checker/"
CHECKER_READY_MS = 30_000
# The main navigation as it reads on screen (pelicanconf.MAIN_NAV).
MAIN_NAV_TEXT = "Students Workers All guides Check my eligibility"


def _metadata(md: Path) -> dict[str, str]:
    meta = {}
    for line in md.read_text(encoding="utf-8").splitlines():
        if not line.strip():
            break
        key, sep, value = line.partition(":")
        if sep:
            meta[key.strip().lower()] = value.strip()
    return meta


def page_urls() -> list[str]:
    """The address of every HTML page the build writes, in English then in French (under /fr/): home, 404,
    then each Markdown page."""
    urls = []
    for prefix, folder in (("", ROOT / "content" / "pages"), ("/fr", ROOT / "content" / "pages" / "fr")):
        urls += [prefix + "/", prefix + "/404.html"]
        for md in sorted(folder.glob("*.md")):
            meta = _metadata(md)
            if meta.get("status", "published").lower() in ("draft", "hidden", "skip"):
                continue
            urls.append(f"{prefix}/{meta.get('slug', md.stem)}/")
    return urls


PAGES = page_urls()
CHECKERS = (CHECKER, "/fr/verificateur/")
GUIDES = [u for u in PAGES if u not in CHECKERS]


def page_id(url: str) -> str:
    """A short test id: 'home', '404.html', 'checker', 'work-hours', 'fr', 'fr/scg'…"""
    return url.strip("/") or "home"


def file_of(site_dir: Path, url: str) -> Path:
    rel = url.lstrip("/")
    return site_dir / (rel + "index.html" if rel.endswith("/") or not rel else rel)


def open_page(page: Page, url: str) -> None:
    """Load a page and wait until it is ready to audit (the checker: until Brython has run)."""
    page.goto(url, wait_until="load")
    if url in CHECKERS:
        try:
            page.wait_for_selector('html[data-checker-ready="true"]', state="attached", timeout=CHECKER_READY_MS)
        except PlaywrightError:
            pytest.fail(f"{url}: <html> never got data-checker-ready=\"true\" within {CHECKER_READY_MS // 1000} s, "
                        "so the page could not be audited", pytrace=False)


def fail_on(problems: list[str], heading: str) -> None:
    """Fail with the heading (which names the page) and one problem a line, without a Python traceback."""
    if problems:
        pytest.fail(f"{heading}: {len(problems)} problem(s):\n  " + "\n  ".join(problems), pytrace=False)
