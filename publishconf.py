"""Production settings: `make publish` (optionally SITEURL=https://example.org/path)."""
import os
import sys

sys.path.append(os.curdir)
from pelicanconf import *  # noqa: E402,F401,F403

# An absolute SITEURL gives absolute links in the sitemap, canonical and Open Graph
# tags. Leave it empty to keep relative links (the site then works under any path).
SITEURL = os.environ.get("SITEURL", "").rstrip("/")
RELATIVE_URLS = not SITEURL
DELETE_OUTPUT_DIRECTORY = True
CHECKER_PRECOMPILE = "required"
