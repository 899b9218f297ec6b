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
# Each page says its language (Lang:) and its twin in the other language shares its Key: (the English slug).
PAGE_TRANSLATION_ID = "key"
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
PLUGINS = ["pelican.plugins.jinja2content", "pelican.plugins.i18n_subsites", "cec_site"]
# The checker page's interface is compiled to JavaScript at build time by Brython's own compiler,
# which needs Node.js. "auto" (here): without Node, say so and let the browser compile it (a slower
# start); "required" (publishconf.py): without Node, fail the build. The tests build with these
# settings and fail (tests/test_bundle.py) when the interface was not precompiled.
CHECKER_PRECOMPILE = "auto"
JINJA2CONTENT_TEMPLATES = ["../theme/templates"]

# One sitemap for both languages, each page with its hreflang alternates (plugins/cec_site/sitemap.py).
SITEMAP_EXCLUDE = ["404.html"]

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

# --- languages ------------------------------------------------------------------------------------------
# The French site is a second Pelican run (pelican-i18n-subsites) into output/fr/ with these overrides; a
# page without a twin in the other language is left out of that language's site. Both sites share the
# theme's files, the checker's scripts and its data, which only the English run writes (output/theme,
# output/js, output/data).
MAIN_LANG = DEFAULT_LANG
LANG_TAGS = {"en": "en-CA", "fr": "fr-CA"}
LANG_NAMES = {"en": "English", "fr": "Français"}
LANG_PREFIX = ""          # this site's path from the main site's root
MAIN_SITE_PREFIX = ""     # the main site's root from this site's root (where the shared files are)
GLOSSARY_PAGE = "pages/glossary.md"
I18N_UNTRANSLATED_PAGES = "remove"
I18N_UNTRANSLATED_ARTICLES = "remove"
GLOSSARY_FR = _json.loads((ROOT / "content" / "data" / "glossary-fr.json").read_text(encoding="utf-8")) \
    if (ROOT / "content" / "data" / "glossary-fr.json").exists() else {}
MARKDOWN_FR = {
    "extension_configs": dict(MARKDOWN["extension_configs"], **{
        "markdown.extensions.abbr": {"glossary": {term: entry["expansion"] for term, entry in GLOSSARY_FR.items()}},
        # « » and ’ as French writes them
        "markdown.extensions.smarty": {"substitutions": {"left-double-quote": "«&#160;", "right-double-quote": "&#160;»"}},
    }),
    "output_format": "html5",
}
I18N_SUBSITES = {
    "fr": {
        "SITENAME": "Parcours CEC",
        "SITESUBTITLE": "Du permis d’études ou de travail à la résidence permanente par la catégorie de l’expérience canadienne",
        "LANG_PREFIX": "/fr",
        "MAIN_SITE_PREFIX": "/..",
        "GLOSSARY": GLOSSARY_FR,
        "GLOSSARY_PAGE": "pages/fr/glossaire.md",
        "MARKDOWN": MARKDOWN_FR,
        "MAIN_NAV": [
            ("Étudiants", "parcours-etudiant"),
            ("Travailleurs", "parcours-travailleur"),
            ("Tous les guides", "guides"),
            ("Vérifier mon admissibilité", "verificateur"),
        ],
        "TEMPLATE_PAGES": {},  # robots.txt is the main site's
        "DIRECT_TEMPLATES": ["index", "404"],
    },
}
