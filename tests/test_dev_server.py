"""`make serve`: the development server answers an unknown address with 404.html, as a static host does."""
from __future__ import annotations

import threading
import urllib.error
import urllib.request

import pytest

from conftest import ROOT


@pytest.fixture
def dev_server(site_dir):
    import sys
    sys.path.insert(0, str(ROOT / "scripts"))
    import serve
    from pelican.server import RootedHTTPServer

    handler = serve.patched()
    handler.log_message = lambda *args: None
    httpd = RootedHTTPServer(str(site_dir), ("127.0.0.1", 0), handler)
    thread = threading.Thread(target=httpd.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{httpd.server_address[1]}"
    httpd.shutdown()
    httpd.server_close()


def test_unknown_address_gets_the_404_page(dev_server):
    with pytest.raises(urllib.error.HTTPError) as err:
        urllib.request.urlopen(dev_server + "/no/such/page/")
    assert err.value.code == 404
    body = err.value.read().decode("utf-8")
    assert "<h1>Page not found</h1>" in body
    with pytest.raises(urllib.error.HTTPError) as err:  # under /fr/, the French site's own page
        urllib.request.urlopen(dev_server + "/fr/pas/de/page/")
    assert err.value.code == 404
    body = err.value.read().decode("utf-8")
    assert "<h1>Page introuvable</h1>" in body and 'lang="fr-CA"' in body


def test_known_addresses_are_served_as_before(dev_server):
    with urllib.request.urlopen(dev_server + "/rounds/") as resp:
        assert resp.status == 200 and b"<h1>" in resp.read()
    with urllib.request.urlopen(dev_server + "/rounds") as resp:  # Pelican's own suffix search still works
        assert resp.status == 200
