"""`make serve`: Pelican's own development server, answering an unknown address with 404.html.

Pelican's server (``pelican --listen``) answers an address it cannot find with an
empty reply, which the browser shows as a connection error. A static host serves
the site's ``404.html`` with status 404 instead; this does the same, then runs
Pelican with the arguments it was given (``python scripts/serve.py content -o
output -s pelicanconf.py --listen --autoreload``).
"""
from __future__ import annotations

import http.server
import os
import sys

import pelican
from pelican.server import ComplexHTTPRequestHandler

_plain_get = ComplexHTTPRequestHandler.do_GET


def do_get_or_404(self):
    """Serve the file as Pelican does; when there is none, the site's 404.html (fr/404.html under /fr/) with
    status 404."""
    wanted = self.path.split("?", 1)[0]
    if self.get_path_that_exists(wanted) is not None:
        _plain_get(self)
        return
    # the French site's own page for an address under /fr/
    french = wanted.startswith("/fr/") and os.path.isfile(os.path.join(self.base_path, "fr", "404.html"))
    page = os.path.join(self.base_path, "fr", "404.html") if french else os.path.join(self.base_path, "404.html")
    if not os.path.isfile(page):
        self.send_error(404)
        return
    with open(page, "rb") as f:
        body = f.read()
    self.send_response(404)
    self.send_header("Content-Type", "text/html; charset=utf-8")
    self.send_header("Content-Length", str(len(body)))
    self.end_headers()
    self.wfile.write(body)


def patched():
    ComplexHTTPRequestHandler.do_GET = do_get_or_404
    return ComplexHTTPRequestHandler


def main(argv=None):
    patched()  # before Pelican forks its server process, so the server gets it too
    sys.argv[0] = "pelican"
    return pelican.main(argv)


if __name__ == "__main__":
    assert issubclass(ComplexHTTPRequestHandler, http.server.SimpleHTTPRequestHandler)
    sys.exit(main())
