"""One sitemap for both languages (sitemaps.org, with Google's xhtml:link hreflang alternates).

Each language's Pelican run (pelican-i18n-subsites) reports its pages here; the main run, which finishes
last, writes ``sitemap.xml`` at the root listing every page of both sites, each with the addresses of
itself and its twin. (pelican-sitemap writes one file per site and its alternates carry ``ref=`` for
``href=``, which is why the site does this itself.)
"""
from __future__ import annotations

from pathlib import Path
from xml.sax.saxutils import quoteattr

_SITES: dict = {}  # lang -> {"siteurl", "tag", "pages": [(key, url)]}


def remember(generator):
    """page_generator_finalized: note this language's pages (its twins are found by their Key)."""
    settings = generator.settings
    lang = settings["DEFAULT_LANG"]
    excluded = set(settings.get("SITEMAP_EXCLUDE", ()))
    pages = [(getattr(p, "key", p.slug), p.url) for p in generator.pages if p.url not in excluded]
    _SITES[lang] = {"siteurl": settings.get("SITEURL", "").rstrip("/"),
                    "tag": settings.get("LANG_TAGS", {}).get(lang, lang), "pages": [("", "")] + pages}


def _address(site: dict, url: str) -> str:
    return site["siteurl"] + "/" + url


def document() -> str:
    """The sitemap's XML: every page of every language, with its alternates."""
    by_key: dict = {}
    for lang, site in _SITES.items():
        for key, url in site["pages"]:
            by_key.setdefault(key, {})[lang] = _address(site, url)
    rows = []
    for lang, site in _SITES.items():
        for key, url in site["pages"]:
            twins = by_key[key]
            alternates = "".join(
                '\n    <xhtml:link rel="alternate" hreflang="%s" href=%s/>' % (_SITES[other]["tag"], quoteattr(address))
                for other, address in sorted(twins.items())) if len(twins) > 1 else ""
            rows.append("  <url>\n    <loc>%s</loc>%s\n  </url>" % (_address(site, url).replace("&", "&amp;"), alternates))
    return ('<?xml version="1.0" encoding="utf-8"?>\n'
            '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n'
            + "\n".join(rows) + "\n</urlset>\n")


def write(pelican):
    Path(pelican.settings["OUTPUT_PATH"], "sitemap.xml").write_text(document(), encoding="utf-8")
    _SITES.clear()
