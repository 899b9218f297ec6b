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

from . import brython_bundle, site_data, sitemap
from . import noc  # the NOC finder's indexes (data/noc-en.json, data/noc-fr.json)


def initialized(pelican):
    """Give this run (the English site, then the French one: pelican-i18n-subsites runs Pelican once per
    language) its language's filters and globals. The French run starts from a copy of the English settings,
    so the dictionaries are replaced, never updated in place."""
    settings = pelican.settings
    lang = settings["DEFAULT_LANG"]
    values = site_data.globals_(settings)
    settings["JINJA_FILTERS"] = {**settings.get("JINJA_FILTERS", {}), **site_data.filters(lang)}
    settings["JINJA_GLOBALS"] = {**settings.get("JINJA_GLOBALS", {}), **values}
    # Templates read UPPER_CASE settings directly, too.
    for key, value in values.items():
        if key.isupper():
            settings[key] = value


def main_site_only(step):
    """A build step for the files both languages share (scripts, data, stylesheets, the sitemap): run once,
    by the main (English) run, which pelican-i18n-subsites finishes after the French one."""
    def run(pelican):
        if pelican.settings["DEFAULT_LANG"] == pelican.settings.get("MAIN_LANG", "en"):
            step(pelican)
    run.__name__ = getattr(step, "__name__", "step")
    return run


def add_toc(content):
    """Give pages with ``Toc: yes`` a ``toc_items`` list of (anchor, title) for their h2 headings."""
    if str(getattr(content, "toc", "")).lower() == "yes":
        content.toc_items = site_data.headings(content._content or "")


def link_glossary(content):
    """Link the first use of each abbreviation on a page to its glossary entry."""
    glossary = content.settings.get("GLOSSARY") or {}
    if content._content and getattr(content, "key", getattr(content, "slug", "")) != "glossary":
        content._content = site_data.link_first_abbreviations(
            content._content, glossary, content.settings.get("GLOSSARY_PAGE", "pages/glossary.md"))


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
    signals.page_generator_finalized.connect(sitemap.remember)
    for step in SHARED_STEPS:
        signals.finalized.connect(step)


SHARED_STEPS = [main_site_only(brython_bundle.finalized), main_site_only(minify_stylesheets),
                main_site_only(noc.finalized), main_site_only(sitemap.write)]
