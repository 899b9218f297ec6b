"""Privacy, security and a clean console, on every page of the site.

The promise is that nothing a visitor reads or types leaves their device. So, in Chromium:

- no page requests anything from another origin (every request of the page and its workers is recorded);
- no page sets a cookie or writes localStorage or sessionStorage, registers a service worker or fills the
  Cache Storage; IndexedDB is allowed only on the checker, where Brython caches its compiled modules;
  the checker is checked again after something has been typed into each of its fields;
- no page logs an error or a Python traceback (Brython logs those as console messages, not page
  errors), throws, or gets an HTTP error or a failed request;
- every page declares a strict Content-Security-Policy in a <meta> tag, before anything it loads:
  ``default-src 'none'``, nothing but 'self' (and data: images), never 'unsafe-inline', no script-src
  at all on the guides; the checker alone may add ``script-src 'self' 'unsafe-eval'`` (Brython
  compiles Python to JavaScript) and ``worker-src blob:`` (it runs the rules in a web worker).
  README.md ("Hosting: headers to send") says which HTTP headers a host should add.

Each page is opened in a fresh browser context (they cost milliseconds), so that a cookie or a database
is blamed on the page that made it; each page is loaded once and all its checks read that one visit.
"""
from __future__ import annotations

import functools
import http.server
import re
import threading
from dataclasses import dataclass, field
from html.parser import HTMLParser
from urllib.parse import urlsplit

import pytest

from qualitykit import CHECKER, CHECKERS, PAGES, ROOT, fail_on, file_of, open_page, page_id

# --- Content-Security-Policy (in the built HTML) -------------------------------------------------

class HeadScan(HTMLParser):
    """The CSP <meta> tags of a page, and what the page loads before the first one."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.csp: list[str] = []
        self.before_csp: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if tag == "meta" and (a.get("http-equiv") or "").lower() == "content-security-policy":
            self.csp.append(a.get("content") or "")
        elif not self.csp and (tag in ("script", "style", "img", "iframe", "object", "embed", "base")
                               or (tag == "link" and a.get("href"))):
            self.before_csp.append(f"<{tag} {' '.join(f'{k}={v!r}' for k, v in attrs)}>")


def parse_csp(policy: str) -> tuple[dict[str, list[str]], list[str]]:
    directives, problems = {}, []
    for part in policy.split(";"):
        tokens = part.split()
        if not tokens:
            continue
        name = tokens[0].lower()
        if name in directives:
            problems.append(f"directive {name} appears twice (browsers ignore the second)")
            continue
        directives[name] = tokens[1:]
    return directives, problems


# What each directive may allow. Anything else (a host, a scheme such as https:, *, 'unsafe-inline',
# 'unsafe-hashes', 'strict-dynamic', a nonce or hash) fails.
ALLOWED = {"img-src": {"'self'", "data:"}, "font-src": {"'self'", "data:"}}
CHECKER_ALLOWED = {"script-src": {"'self'", "'unsafe-eval'"}, "worker-src": {"blob:", "'self'"}}
SCRIPT_DIRECTIVES = ("script-src", "script-src-elem", "script-src-attr", "worker-src")
META_IGNORED = ("frame-ancestors", "report-uri", "report-to", "sandbox")  # only work as HTTP headers


def csp_problems(policy: str, checker: bool) -> list[str]:
    directives, problems = parse_csp(policy)
    if "'unsafe-inline'" in policy.lower():
        problems.append("allows 'unsafe-inline'")
    if directives.get("default-src") != ["'none'"]:
        problems.append(f"default-src is {' '.join(directives.get('default-src', ['(missing)']))}, not 'none'")
    for name in ("base-uri", "form-action"):  # these do not fall back to default-src
        if directives.get(name) != ["'none'"]:
            problems.append(f"{name} should be 'none' (it does not fall back to default-src)")
    for name in META_IGNORED:
        if name in directives:
            problems.append(f"{name} is ignored in a <meta> policy (send it as an HTTP header)")
    for name, sources in directives.items():
        if name in META_IGNORED or name in ("upgrade-insecure-requests", "block-all-mixed-content"):
            continue
        if name in SCRIPT_DIRECTIVES and not checker:
            problems.append(f"has {name} {' '.join(sources)}: a guide runs no script, so it needs no script-src")
            continue
        allowed = {"'none'", "'self'"} | ALLOWED.get(name, set()) | (CHECKER_ALLOWED.get(name, set()) if checker else set())
        if checker and name in SCRIPT_DIRECTIVES and name not in CHECKER_ALLOWED:
            allowed = {"'none'"}
        extra = [s for s in sources if s.lower() not in allowed]
        if extra:
            problems.append(f"{name} allows {' '.join(extra)}")
        if "'none'" in sources and len(sources) > 1:
            problems.append(f"{name} mixes 'none' with other sources")
    return problems


def test_csp_checker_rejects_loose_policies():
    strict = "default-src 'none'; style-src 'self'; img-src 'self' data:; base-uri 'none'; form-action 'none'"
    assert csp_problems(strict, checker=False) == []
    assert csp_problems(strict + "; script-src 'self' 'unsafe-eval'; worker-src blob:", checker=True) == []
    assert csp_problems(strict + "; script-src 'self'", checker=False)
    assert csp_problems(strict.replace("style-src 'self'", "style-src 'self' 'unsafe-inline'"), checker=False)
    assert csp_problems(strict.replace("default-src 'none'", "default-src 'self'"), checker=False)
    assert csp_problems(strict + "; connect-src https://example.org", checker=True)
    assert csp_problems(strict + "; script-src 'self' https:", checker=True)
    assert csp_problems(strict + "; frame-ancestors 'none'", checker=False)
    assert csp_problems(strict.replace("; base-uri 'none'", ""), checker=False)


@pytest.mark.parametrize("url", PAGES, ids=page_id)
def test_page_declares_a_strict_content_security_policy(site_dir, url):
    scan = HeadScan()
    scan.feed(file_of(site_dir, url).read_text(encoding="utf-8"))
    if len(scan.csp) != 1:
        fail_on([f"{len(scan.csp)} Content-Security-Policy <meta> tags (want exactly 1)"], f"{url}: CSP")
    problems = csp_problems(scan.csp[0], checker=url in CHECKERS)
    problems += [f"loads {tag} before the CSP <meta>, so the policy does not cover it" for tag in scan.before_csp]
    fail_on(problems, f"{url}: Content-Security-Policy {scan.csp[0]!r}")


# --- one visit of each page in Chromium ------------------------------------------------------------

@dataclass
class Visit:
    requests: list[str] = field(default_factory=list)
    console: list[str] = field(default_factory=list)
    http_errors: list[str] = field(default_factory=list)
    cookies: list[dict] = field(default_factory=list)
    stages: list[tuple[str, dict, int]] = field(default_factory=list)


STORAGE_JS = """async () => ({
  localStorage: localStorage.length,
  sessionStorage: sessionStorage.length,
  indexedDB: indexedDB.databases ? (await indexedDB.databases()).map(d => d.name) : [],
  caches: self.caches ? await caches.keys() : [],
  serviceWorkers: navigator.serviceWorker ? (await navigator.serviceWorker.getRegistrations()).length : 0,
})"""

# Type something into every field of the checker, as a visitor would (events included), so that a
# request or a storage write made on input is caught too.
TYPE_EVERYWHERE_JS = """() => {
  let n = 0;
  const samples = {date: '2024-03-15', month: '2024-03', number: '7', email: 'a@example.org', tel: '5555555555'};
  for (const el of document.querySelectorAll('input, select, textarea')) {
    if (el.disabled || el.readOnly || el.type === 'hidden' || el.type === 'file' || el.type === 'submit'
        || el.type === 'button' || el.type === 'reset') continue;
    if (el.tagName === 'SELECT') { if (el.options.length > 1) el.selectedIndex = 1; }
    else if (el.type === 'checkbox' || el.type === 'radio') el.checked = true;
    else el.value = samples[el.type] || 'test';
    el.dispatchEvent(new Event('input', {bubbles: true}));
    el.dispatchEvent(new Event('change', {bubbles: true}));
    n++;
  }
  return n;
}"""


def record_visit(browser, base_url: str, url: str, prepare=None) -> Visit:
    visit = Visit()
    origin = "{0.scheme}://{0.netloc}".format(urlsplit(base_url))
    context = browser.new_context(base_url=base_url)
    if prepare:
        prepare(context)

    def on_request(request):
        target = request.url
        if target.startswith("data:") or target.startswith(f"blob:{origin}/") or target == "about:blank":
            visit.requests.append(f"same-origin {target[:80]}")
            return
        parts = urlsplit(target)
        if f"{parts.scheme}://{parts.netloc}" != origin:
            visit.requests.append(f"OTHER ORIGIN {request.method} {target}")

    def on_console(msg):
        text = msg.text or ""
        if msg.type == "error" or text.lstrip().startswith("Traceback") or "Traceback (most recent call last)" in text:
            visit.console.append(f"console {msg.type}: {text[:2000]}")

    context.on("request", on_request)
    context.on("requestfailed", lambda r: visit.http_errors.append(f"request failed ({r.failure}): {r.url}"))
    context.on("response", lambda r: visit.http_errors.append(f"HTTP {r.status}: {r.url}") if r.status >= 400 else None)
    page = context.new_page()
    page.on("console", on_console)
    page.on("pageerror", lambda exc: visit.console.append(f"page error: {exc}"))
    page.on("worker", lambda worker: worker.on("console", on_console))
    try:
        open_page(page, url)
        page.wait_for_load_state("networkidle")
        visit.stages.append(("after loading", page.evaluate(STORAGE_JS), len(context.cookies())))
        if url in CHECKERS:
            typed = page.evaluate(TYPE_EVERYWHERE_JS)
            page.wait_for_timeout(1500)  # the checker re-assesses as you type; let it
            page.wait_for_load_state("networkidle")
            visit.stages.append((f"after typing into its {typed} fields", page.evaluate(STORAGE_JS),
                                 len(context.cookies())))
        visit.cookies = context.cookies()
    finally:
        context.close()
    return visit


@pytest.fixture(scope="module")
def visits(browser, base_url):
    cache: dict[str, Visit] = {}

    def get(url: str) -> Visit:
        if url not in cache:
            cache[url] = record_visit(browser, base_url, url)
        return cache[url]
    return get


@pytest.mark.parametrize("url", PAGES, ids=page_id)
def test_no_request_leaves_the_site(visits, url):
    visit = visits(url)
    fail_on([r for r in visit.requests if r.startswith("OTHER ORIGIN")], f"{url}: requests to another origin")


@pytest.mark.parametrize("url", PAGES, ids=page_id)
def test_no_cookie_or_web_storage(visits, url):
    visit = visits(url)
    problems = [f"sets a cookie: {c['name']}={c['value'][:40]} (domain {c['domain']})" for c in visit.cookies]
    for stage, storage, cookies in visit.stages:
        if storage["localStorage"]:
            problems.append(f"{stage}: {storage['localStorage']} item(s) in localStorage")
        if storage["sessionStorage"]:
            problems.append(f"{stage}: {storage['sessionStorage']} item(s) in sessionStorage")
        if storage["indexedDB"] and url not in CHECKERS:
            problems.append(f"{stage}: IndexedDB database(s) {storage['indexedDB']} (only the checker may cache Brython)")
        if storage["caches"]:
            problems.append(f"{stage}: Cache Storage {storage['caches']}")
        if storage["serviceWorkers"]:
            problems.append(f"{stage}: registers {storage['serviceWorkers']} service worker(s)")
    fail_on(problems, f"{url}: stores data on the visitor's device")


@pytest.mark.parametrize("url", PAGES, ids=page_id)
def test_no_console_error_traceback_or_http_error(visits, url):
    visit = visits(url)
    fail_on(visit.console + visit.http_errors, f"{url}: console errors or failed requests")


def test_the_checker_was_typed_into(visits):
    """The privacy checks above cover typing only if the checker has fields to type into."""
    stages = [stage for stage, _, _ in visits(CHECKER).stages]
    assert len(stages) == 2, stages
    typed = int(re.search(r"(\d+) fields", stages[1]).group(1))
    assert typed > 0, f"{CHECKER}: no form field to type into, so typing was not checked"


LEAKY_PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>leaky</title></head><body>
<h1>leaky</h1><img src="https://tracker.invalid/pixel.gif" alt="">
<script>
document.cookie = "id=42"; localStorage.setItem("a", "1"); sessionStorage.setItem("b", "2");
indexedDB.open("mine");
console.error("Traceback (most recent call last):\\n  File x\\nZeroDivisionError");
</script></body></html>"""


def test_the_visit_catches_a_leaky_page(browser, base_url):
    """The recorder itself: a page that does everything forbidden is caught on every count."""
    def prepare(context):
        context.route("**/leaky/", lambda route: route.fulfill(status=200, content_type="text/html", body=LEAKY_PAGE))
        context.route("https://tracker.invalid/**", lambda route: route.abort())
    visit = record_visit(browser, base_url, "/leaky/", prepare)
    storage = visit.stages[0][1]
    assert any(r.startswith("OTHER ORIGIN") and "tracker.invalid" in r for r in visit.requests), visit.requests
    assert [c["name"] for c in visit.cookies] == ["id"]
    assert storage["localStorage"] == 1 and storage["sessionStorage"] == 1 and "mine" in storage["indexedDB"]
    assert any("Traceback" in line for line in visit.console), visit.console
    assert any("tracker.invalid" in line for line in visit.http_errors), visit.http_errors


# --- the HTTP headers README.md recommends -----------------------------------------------------------

def readme_netlify_headers() -> dict[str, str]:
    """The headers of the `/*` rule in README.md's Netlify `_headers` example."""
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    section = readme.split("### Netlify", 1)[-1]
    block = re.search(r"```text\n(.*?)```", section, re.S)
    assert block, "README.md has no Netlify `_headers` example (a ```text block under \"### Netlify\")"
    headers, rule = {}, None
    for line in block.group(1).splitlines():
        if line and not line[0].isspace():
            rule = line.strip()
        elif line.strip() and rule == "/*":
            name, _, value = line.strip().partition(":")
            headers[name.strip()] = value.strip()
    return headers


@pytest.fixture(scope="module")
def headers_base_url(site_dir):
    """The built site served with the README's recommended headers on every response."""
    extra = readme_netlify_headers()

    class Handler(http.server.SimpleHTTPRequestHandler):
        extensions_map = {**http.server.SimpleHTTPRequestHandler.extensions_map,
                          ".js": "text/javascript", ".json": "application/json"}

        def end_headers(self):
            for name, value in extra.items():
                self.send_header(name, value)
            super().end_headers()

        def log_message(self, *args):
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(Handler, directory=str(site_dir)))
    threading.Thread(target=server.serve_forever, daemon=True).start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()
    server.server_close()


def test_readme_headers_are_complete_and_strict():
    headers = readme_netlify_headers()
    problems = [f"missing {name}" for name in ("Content-Security-Policy", "X-Content-Type-Options", "Referrer-Policy",
                                               "Permissions-Policy", "Cache-Control") if name not in headers]
    csp = headers.get("Content-Security-Policy", "")
    directives, _ = parse_csp(csp)
    if directives.get("frame-ancestors") != ["'none'"]:
        problems.append("the CSP header lacks frame-ancestors 'none'")
    problems += csp_problems("; ".join(f"{k} {' '.join(v)}" for k, v in directives.items() if k != "frame-ancestors"),
                             checker=True)
    if headers.get("X-Content-Type-Options") != "nosniff":
        problems.append("X-Content-Type-Options is not nosniff")
    if headers.get("Referrer-Policy") != "no-referrer":
        problems.append("Referrer-Policy is not no-referrer")
    allowed = {"clipboard-write=(self)"}  # the checker's "copy link" button
    for feature in (headers.get("Permissions-Policy") or "").split(","):
        feature = feature.strip()
        if not feature.endswith("=()") and feature not in allowed:
            problems.append(f"Permissions-Policy allows {feature}")
    fail_on(problems, "README.md, Hosting: headers to send")


@pytest.mark.parametrize("url", PAGES, ids=page_id)
def test_page_works_under_the_readme_headers(browser, headers_base_url, url):
    visit = record_visit(browser, headers_base_url, url)  # waits for the checker to be ready
    fail_on(visit.console + visit.http_errors + [r for r in visit.requests if r.startswith("OTHER ORIGIN")],
            f"{url}: served with the headers README.md recommends")
