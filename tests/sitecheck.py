"""Reading the built site in tests: pages, their links, ids and metadata."""
from __future__ import annotations

from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urljoin, urlsplit


class PageInfo(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.lang = None
        self.title = ""
        self.description = None
        self.h1 = 0
        self.headings = []
        self.links = []
        self.ids = set()
        self.scripts = []
        self.text_parts = []
        self.csp = None
        self._in_title = False
        self._skip = 0

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        if "id" in a:
            self.ids.add(a["id"])
        if tag == "html":
            self.lang = a.get("lang")
        elif tag == "title" and not self.title:
            self._in_title = True  # the document title, not an SVG <title> later on
        elif tag == "meta" and a.get("name") == "description":
            self.description = a.get("content")
        elif tag == "meta" and a.get("http-equiv", "").lower() == "content-security-policy":
            self.csp = a.get("content")
        elif tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
            self.headings.append(int(tag[1]))
            if tag == "h1":
                self.h1 += 1
        elif tag == "a" and "href" in a:
            self.links.append(a["href"])
        elif tag == "link" and "href" in a:
            self.links.append(a["href"])
        elif tag == "script":
            self.scripts.append(a)
        if tag in ("script", "style"):
            self._skip += 1

    def handle_endtag(self, tag):
        if tag == "title":
            self._in_title = False
        if tag in ("script", "style"):
            self._skip -= 1

    def handle_data(self, data):
        if self._in_title:
            self.title += data
        if not self._skip:
            self.text_parts.append(data)

    @property
    def text(self):
        return " ".join(" ".join(self.text_parts).split())


def parse(path: Path) -> PageInfo:
    info = PageInfo()
    info.feed(path.read_text(encoding="utf-8"))
    return info


def html_pages(site: Path) -> list[Path]:
    return sorted(site.rglob("*.html"))


def english_pages(site: Path) -> list[Path]:
    """The English site's pages (the French site, under fr/, gives the same tables from the same data in
    French formats: tests/test_site_words.py and tests/test_french.py check it)."""
    return [p for p in html_pages(site) if p.relative_to(site).parts[0] != "fr"]


def url_of(site: Path, page: Path) -> str:
    rel = page.relative_to(site).as_posix()
    if rel.endswith("index.html"):
        rel = rel[: -len("index.html")]
    return "/" + rel


def resolve(site: Path, page: Path, href: str):
    """The file (and fragment) an internal link points to, or None for external links."""
    parts = urlsplit(href)
    if parts.scheme or href.startswith("//") or href.startswith("mailto:") or href.startswith("data:"):
        return None
    base = url_of(site, page)
    target = urlsplit(urljoin("http://site" + base, href))
    path = target.path
    file = site / path.lstrip("/")
    if path.endswith("/") or file.is_dir():
        file = file / "index.html"
    return file, target.fragment
