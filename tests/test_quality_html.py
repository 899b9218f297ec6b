"""Valid HTML and links, on every page of the site.

- the gates cover every page the build writes (the parametrized list is not a sample);
- the Nu HTML Checker (vnu.jar, installed into node_modules by `make test`) reports no error on any
  page; it runs once over every file, and each page then reports its own errors;
- every resource a page loads (src, srcset, href of <link>) is on the site (test_site.py checks
  <a> and <link> targets and anchors; this adds images, scripts and other sources, and id references);
- every external link is https; they are all written, page by page, to ``external-links.txt`` in the
  test's temporary folder (nothing is fetched: the tests run offline) and counted in the output.
"""
from __future__ import annotations

import json
import shutil
import subprocess
from collections import defaultdict
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

import pytest

from qualitykit import PAGES, ROOT, fail_on, file_of, page_id
from sitecheck import html_pages, resolve, url_of

VNU = ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def test_gates_cover_every_built_page(site_dir):
    built = {url_of(site_dir, p) for p in html_pages(site_dir)}
    gated = set(PAGES)
    assert built - gated == set(), f"pages built but not audited by the quality gates: {sorted(built - gated)}"
    assert gated - built == set(), f"pages the quality gates expect but the build did not write: {sorted(gated - built)}"


# --- Nu HTML Checker -------------------------------------------------------------------------------

@pytest.fixture(scope="module")
def vnu_messages(site_dir) -> dict[str, list[dict]]:
    """One run of vnu over every page: {page url: [error message, ...]}."""
    if not VNU.is_file():
        pytest.fail(f"The Nu HTML Checker is missing ({VNU.relative_to(ROOT)}): run `make test`, "
                    "or `npm ci` in the repository root", pytrace=False)
    java = shutil.which("java")
    if not java:
        pytest.fail("Java is needed to run the Nu HTML Checker (vnu.jar): install a JRE (e.g. openjdk-17-jre-headless)",
                    pytrace=False)
    files = {str(file_of(site_dir, url).resolve()): url for url in PAGES if file_of(site_dir, url).is_file()}
    proc = subprocess.run([java, "-jar", str(VNU), "--errors-only", "--format", "json", *files],
                          capture_output=True, text=True, timeout=300)
    out = (proc.stderr or proc.stdout).strip()  # vnu writes its report to stderr
    try:
        report = json.loads(out)
    except json.JSONDecodeError:
        pytest.fail(f"vnu did not produce a JSON report (exit {proc.returncode}):\n{proc.stdout}\n{proc.stderr}",
                    pytrace=False)
    by_page: dict[str, list[dict]] = defaultdict(list)
    for msg in report.get("messages", []):
        if msg.get("type") == "info":
            continue
        uri = msg.get("url", "")
        path = "/" + unquote(uri.removeprefix("file:")).lstrip("/")
        by_page[files.get(path, uri or "(no file)")].append(msg)
    return by_page


def describe(msg: dict) -> str:
    where = f"line {msg.get('lastLine', msg.get('firstLine', '?'))}"
    extract = " ".join((msg.get("extract") or "").split())
    return f"{where}: {msg.get('message')} [{extract}]"


@pytest.mark.parametrize("url", PAGES, ids=page_id)
def test_nu_html_checker_finds_no_errors(vnu_messages, url):
    errors = vnu_messages.get(url, [])
    fail_on([describe(m) for m in errors], f"{url}: the Nu HTML Checker reports errors")


def test_nu_html_checker_reports_only_known_pages(vnu_messages):
    strays = {k: v for k, v in vnu_messages.items() if k not in PAGES}
    assert not strays, "vnu errors not matched to a page: " + json.dumps(strays, indent=1)[:2000]


# --- links ---------------------------------------------------------------------------------------

class Refs(HTMLParser):
    """Every URL in a page (with the tag and attribute it came from) and every id reference."""

    URL_ATTRS = {"href", "src", "action", "poster", "data", "cite", "formaction"}
    IDREF_ATTRS = {"for", "aria-labelledby", "aria-describedby", "aria-controls", "aria-owns", "list",
                   "aria-activedescendant", "aria-details", "aria-errormessage", "form", "headers"}

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.urls: list[tuple[str, str, str]] = []
        self.idrefs: list[tuple[str, str, str]] = []
        self.ids: set[str] = set()
        self.stack: list[str] = []

    def handle_starttag(self, tag, attrs):
        in_svg = tag == "svg" or "svg" in self.stack
        for name, value in attrs:
            if value is None:
                continue
            if name == "id":
                self.ids.add(value)
            elif name in self.URL_ATTRS or (in_svg and name == "xlink:href"):
                self.urls.append((tag, name, value.strip()))
            elif name in ("srcset", "imagesrcset"):
                for candidate in value.split(","):
                    if candidate.strip():
                        self.urls.append((tag, name, candidate.split()[0]))
            elif name in self.IDREF_ATTRS:
                for ref in value.split():
                    self.idrefs.append((tag, name, ref))
        if tag not in ("br", "img", "input", "meta", "link", "hr", "source", "wbr", "area", "col", "embed",
                       "param", "track", "base"):
            self.stack.append(tag)

    def handle_endtag(self, tag):
        if tag in self.stack:
            while self.stack and self.stack.pop() != tag:
                pass


def refs(site_dir: Path, url: str) -> Refs:
    parser = Refs()
    parser.feed(file_of(site_dir, url).read_text(encoding="utf-8"))
    return parser


def is_external(href: str) -> bool:
    """A link that leaves the site: any scheme (https:, http:, mailto:…) but data:, or a protocol-relative //."""
    scheme = urlsplit(href).scheme.lower()
    return (bool(scheme) and scheme != "data") or href.startswith("//")


@pytest.mark.parametrize("url", PAGES, ids=page_id)
def test_every_source_and_id_reference_resolves(site_dir, url):
    page = refs(site_dir, url)
    problems = []
    for tag, attr, value in page.urls:
        if attr == "href" and tag == "a":
            continue  # test_site.py::test_internal_links_and_anchors_resolve
        if value.startswith("data:"):
            continue
        if is_external(value):
            problems.append(f"<{tag} {attr}> loads from another origin: {value}")
            continue
        target = resolve(site_dir, file_of(site_dir, url), value)
        if target and not target[0].is_file():
            problems.append(f"<{tag} {attr}=\"{value}\"> -> missing {target[0].relative_to(site_dir)}")
    for tag, attr, ref in page.idrefs:
        if ref not in page.ids:
            problems.append(f"<{tag} {attr}=\"{ref}\"> names no element on the page")
    fail_on(problems, url)


def test_external_links_are_https_and_listed(site_dir, tmp_path_factory, capsys):
    by_page: dict[str, list[str]] = {}
    not_https = []
    for url in PAGES:
        links = sorted({v for tag, attr, v in refs(site_dir, url).urls if is_external(v)})
        by_page[url] = links
        for link in links:
            scheme = urlsplit(link).scheme.lower()
            if scheme != "https":
                not_https.append(f"{url}: {link}")
    unique = sorted({link for links in by_page.values() for link in links})
    report = tmp_path_factory.mktemp("links") / "external-links.txt"
    lines = [f"# {len(unique)} external links on {sum(1 for v in by_page.values() if v)} pages (not fetched)", ""]
    for url, links in by_page.items():
        lines.append(f"{url} ({len(links)})")
        lines += [f"  {link}" for link in links]
    lines += ["", "# every external address, once", *unique]
    report.write_text("\n".join(lines) + "\n", encoding="utf-8")
    with capsys.disabled():
        print(f"\nexternal links: {len(unique)} addresses on {sum(1 for v in by_page.values() if v)} pages, "
              f"listed in {report}")
    assert unique, "no external links at all: the guides are meant to link their official sources"
    fail_on(not_https, "external links that are not https")
