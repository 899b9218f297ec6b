"""Pelican settings for local development (`make html`, `make serve`).

Production overrides live in publishconf.py. Our own build steps (rule tables,
the rounds chart, the checker bundle) are in plugins/cec_site.
"""
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent
sys.path.insert(0, str(ROOT / "plugins"))

AUTHOR = "cec-pathways contributors"
SITENAME = "CEC Pathways"
SITESUBTITLE = "From study or work permit to permanent residence through the Canadian Experience Class"
SITEURL = ""
RELATIVE_URLS = True

PATH = "content"
THEME = "theme"
TIMEZONE = "America/Toronto"
DEFAULT_LANG = "en"
DEFAULT_DATE = "fs"
DEFAULT_PAGINATION = False

# Pages only: no blog machinery (articles, tags, categories, authors, archives).
ARTICLE_PATHS = []
PAGE_PATHS = ["pages"]
# The French pages (content/pages/fr) are built by the French site only; see I18N_SUBSITES.
PAGE_EXCLUDES = ["pages/fr"]
PAGE_URL = "{slug}/"
PAGE_SAVE_AS = "{slug}/index.html"
DIRECT_TEMPLATES = ["index", "404"]
INDEX_SAVE_AS = "index.html"
ARTICLE_SAVE_AS = ARTICLE_LANG_SAVE_AS = DRAFT_SAVE_AS = DRAFT_LANG_SAVE_AS = ""
AUTHOR_SAVE_AS = CATEGORY_SAVE_AS = TAG_SAVE_AS = ""
ARCHIVES_SAVE_AS = AUTHORS_SAVE_AS = CATEGORIES_SAVE_AS = TAGS_SAVE_AS = ""
PAGE_LANG_SAVE_AS = ""
FEED_ALL_ATOM = FEED_ALL_RSS = CATEGORY_FEED_ATOM = TRANSLATION_FEED_ATOM = None
AUTHOR_FEED_ATOM = AUTHOR_FEED_RSS = None

STATIC_PATHS = []
# Rendered with Jinja so the sitemap address can be absolute in production.
TEMPLATE_PAGES = {"extra/robots.txt": "robots.txt"}

# Abbreviations from content/data/glossary.json become <abbr title="…"> on every
# page; the plugin links the first one on each page to its glossary entry.
import json as _json

GLOSSARY = _json.loads((ROOT / "content" / "data" / "glossary.json").read_text(encoding="utf-8"))

MARKDOWN = {
    "extension_configs": {
        "markdown.extensions.extra": {},
        "markdown.extensions.abbr": {"glossary": {term: entry["expansion"] for term, entry in GLOSSARY.items()}},
        "markdown.extensions.toc": {"permalink": False},
        "markdown.extensions.meta": {},
        "markdown.extensions.smarty": {},
    },
    "output_format": "html5",
}

PLUGIN_PATHS = ["plugins"]
PLUGINS = ["pelican.plugins.jinja2content", "pelican.plugins.sitemap", "cec_site"]
# The checker page's interface is compiled to JavaScript at build time by Brython's own compiler,
# which needs Node.js. "auto" (here): without Node, say so and let the browser compile it (a slower
# start); "required" (publishconf.py): without Node, fail the build. The tests build with these
# settings and fail (tests/test_bundle.py) when the interface was not precompiled.
CHECKER_PRECOMPILE = "auto"
JINJA2CONTENT_TEMPLATES = ["../theme/templates"]

SITEMAP = {
    "format": "xml",
    "exclude": ["404.html"],
    "priorities": {"indexes": 1.0, "pages": 0.8, "articles": 0.5},
    "changefreqs": {"indexes": "weekly", "pages": "monthly", "articles": "monthly"},
}

# Where the source lives and where to report errors (footer, sources page).
REPOSITORY_URL = "https://github.com/cec-pathways/cec-pathways"
ISSUES_URL = REPOSITORY_URL + "/issues"

# Navigation: (title, slug) in the order a visitor needs them.
MAIN_NAV = [
    ("Students", "student-pathway"),
    ("Workers", "worker-pathway"),
    ("All guides", "guides"),
    ("Check my eligibility", "checker"),
]
