"""Pages open in Chromium without console errors; Python runs on the checker page."""
from __future__ import annotations

import re

from playwright.sync_api import Page, expect


def watch_console(page: Page) -> list[str]:
    """Collect console errors, including Python tracebacks that Brython logs (they are not page errors)."""
    errors: list[str] = []
    page.on("pageerror", lambda exc: errors.append(f"page error: {exc}"))
    page.on("console", lambda msg: errors.append(f"console {msg.type}: {msg.text}")
            if msg.type == "error" or msg.text.startswith("Traceback") else None)
    page.on("requestfailed", lambda req: errors.append(f"request failed: {req.url}"))
    page.on("response", lambda resp: errors.append(f"HTTP {resp.status}: {resp.url}") if resp.status >= 400 else None)
    return errors


def test_home_page_has_no_console_errors(page: Page):
    errors = watch_console(page)
    page.goto("/")
    expect(page.locator("h1")).to_have_count(1)
    expect(page.get_by_role("link", name="Check my eligibility").first).to_be_visible()
    assert errors == []


def test_checker_page_runs_python(page: Page):
    errors = watch_console(page)
    page.goto("/checker/")
    expect(page.locator("html")).to_have_attribute("data-checker-ready", "true", timeout=30_000)
    assert errors == []
