"""Shared fixtures: the rule data, a built site served on loopback, and Chromium.

The site is built once per test session into a temporary folder and served by
a thread of the pytest process on a free 127.0.0.1 port, so nothing is left
running. Playwright drives the system Chromium (it cannot download its own
browser here): ``CHROMIUM`` names it, as ``make test`` does.
"""
from __future__ import annotations

import functools
import http.server
import os
import shutil
import subprocess
import sys
import threading
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.cli import read_rule_tables  # noqa: E402
from checker.rules import load_rules  # noqa: E402

CHROMIUM_ARGS = [
    "--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def chromium_path() -> str:
    for candidate in (os.environ.get("CHROMIUM"), shutil.which("chromium"), "/usr/bin/chromium"):
        if candidate and Path(candidate).exists():
            return candidate
    pytest.fail("No Chromium found: run the tests with `make test` (it installs one) or set CHROMIUM=/path/to/chromium",
                pytrace=False)


@pytest.fixture(scope="session")
def rule_tables():
    return read_rule_tables()


@pytest.fixture(scope="session")
def rules(rule_tables):
    return load_rules(rule_tables)


def build_site(out: Path, settings: str = "pelicanconf.py") -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "pelican", "content", "-o", str(out), "-s", settings, "--fatal", "warnings"],
        cwd=ROOT, capture_output=True, text=True)


@pytest.fixture(scope="session")
def site_build(tmp_path_factory):
    """(output folder, completed Pelican process) for one build of the whole site."""
    out = tmp_path_factory.mktemp("site")
    proc = build_site(out)
    return out, proc


@pytest.fixture(scope="session")
def site_dir(site_build) -> Path:
    out, proc = site_build
    if proc.returncode != 0:
        pytest.fail("The site did not build:\n" + proc.stdout + proc.stderr, pytrace=False)
    return out


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                      ".js": "text/javascript", ".json": "application/json", ".py": "text/x-python"}

    def log_message(self, *args):
        pass


@pytest.fixture(scope="session")
def base_url(site_dir):
    """Overrides pytest-playwright's base_url, so tests can page.goto('/checker/')."""
    handler = functools.partial(_QuietHandler, directory=str(site_dir))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    return {**browser_type_launch_args, "executable_path": chromium_path(), "args": CHROMIUM_ARGS}


@pytest.fixture(scope="module")
def module_context(browser, base_url):
    """One browser context for a test module (the quality gates visit every page in it)."""
    ctx = browser.new_context(base_url=base_url)
    yield ctx
    ctx.close()


@pytest.fixture
def tab(module_context):
    """A fresh page in the module's shared context."""
    page = module_context.new_page()
    yield page
    page.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item, call):
    """A skipped browser test is a failed browser test."""
    outcome = yield
    report = outcome.get_result()
    if report.skipped and ("page" in getattr(item, "fixturenames", ()) or item.get_closest_marker("browser")):
        report.outcome = "failed"
        report.longrepr = f"browser test skipped ({report.longrepr}); browser tests must run"


def pytest_collection_modifyitems(items):
    for item in items:
        if "page" in getattr(item, "fixturenames", ()) or "browser" in getattr(item, "fixturenames", ()):
            item.add_marker(pytest.mark.browser)
    # The parity test replays the cases the rule tests assessed: run it last.
    items.sort(key=lambda item: item.get_closest_marker("parity") is not None)


class ConsoleWatch:
    """Console errors, Python tracebacks (Brython logs them as console messages, not page errors),
    page errors, failed requests and HTTP errors, from the page and from its web workers."""

    def __init__(self, page):
        self.problems: list[str] = []
        page.on("console", self._console)
        page.on("pageerror", lambda exc: self.problems.append(f"page error: {exc}"))
        page.on("requestfailed", lambda req: self.problems.append(f"request failed: {req.url}"))
        page.on("response", lambda resp: self.problems.append(f"HTTP {resp.status}: {resp.url}")
                if resp.status >= 400 else None)
        page.on("worker", lambda w: w.on("console", self._console))

    def _console(self, msg):
        if msg.type == "error" or "Traceback (most recent call last)" in msg.text:
            self.problems.append(f"console {msg.type}: {msg.text}")


@pytest.fixture
def console(page):
    """Fails the test if the page logs an error or a Python traceback."""
    watch = ConsoleWatch(page)
    yield watch
    assert watch.problems == [], "\n".join(watch.problems)
