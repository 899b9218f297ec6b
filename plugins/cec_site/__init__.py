"""cec_site: the project's own Pelican build steps.

- Jinja filters and globals shared by templates and by Markdown guides (through
  jinja2content): the rule data from ``checker/data`` (so guide tables are rendered
  from the same numbers the checker uses) and the rounds data.
- After the build, the Brython runtime and the ``checker`` package are shipped to
  ``output/js`` (see ``brython_bundle``), and the stylesheets are minified (rcssmin):
  the commented source stays in ``theme/static/css``.
"""
from pathlib import Path

import rcssmin
from pelican import signals

from . import brython_bundle, site_data
from . import noc  # the NOC finder's indexes (data/noc-en.json, data/noc-fr.json)


def initialized(pelican):
    settings = pelican.settings
    settings.setdefault("JINJA_FILTERS", {}).update(site_data.filters())
    settings.setdefault("JINJA_GLOBALS", {}).update(site_data.globals_(settings))
    # Templates read UPPER_CASE settings directly, too.
    for key, value in site_data.globals_(settings).items():
        if key.isupper():
            settings[key] = value


def add_toc(content):
    """Give pages with ``Toc: yes`` a ``toc_items`` list of (anchor, title) for their h2 headings."""
    if str(getattr(content, "toc", "")).lower() == "yes":
        content.toc_items = site_data.headings(content._content or "")


def link_glossary(content):
    """Link the first use of each abbreviation on a page to its glossary entry."""
    glossary = content.settings.get("GLOSSARY") or {}
    if content._content and getattr(content, "slug", "") != "glossary":
        content._content = site_data.link_first_abbreviations(content._content, glossary)


def mark_external_links(content):
    """Mark the links that leave the site (class "external"), so that print shows their addresses and no others."""
    if content._content:
        content._content = site_data.mark_external(content._content, content.settings.get("SITEURL", ""))


def minify_stylesheets(pelican):
    """Stylesheets without their comments and spacing (a sixth smaller once gzipped)."""
    for css in (Path(pelican.settings["OUTPUT_PATH"]) / pelican.settings["THEME_STATIC_DIR"]).rglob("*.css"):
        css.write_text(rcssmin.cssmin(css.read_text(encoding="utf-8")), encoding="utf-8")


def register():
    signals.initialized.connect(initialized)
    signals.content_object_init.connect(add_toc)
    signals.content_object_init.connect(link_glossary)
    signals.content_object_init.connect(mark_external_links)
    signals.finalized.connect(brython_bundle.finalized)
    signals.finalized.connect(minify_stylesheets)
    signals.finalized.connect(noc.finalized)
