"""Ship Brython and the checker to output/js after every build.

- ``js/brython.js`` comes from the pinned ``brython`` package (never from a CDN).
- ``js/brython_modules.js`` is made by Brython's own ``make_modules`` in a
  staging folder that holds only what the page runs: the rule modules of
  ``checker`` (not the command line) and ``checker/ui.py`` under the top-level
  name ``cec_ui``, so the page can load its interface without compiling the
  rules on the main thread (they run in a web worker). The rules import no
  standard-library module, so the bundle holds our code and Brython's
  web-worker support only; Brython caches it compiled in IndexedDB.
"""
from __future__ import annotations

import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import brython

BRYTHON_DATA = Path(brython.__file__).resolve().parent / "data"
CHECKER = Path(__file__).resolve().parents[2] / "checker"
NOT_IN_BROWSER = {"cli.py", "__main__.py", "ui.py"}

# What the page imports; make_modules follows these imports to choose the bundle's modules.
ENTRY = """<script type="text/python">
from browser import worker
import checker.service
import cec_ui
</script>
"""


def build_bundle(out_dir: Path) -> Path:
    with tempfile.TemporaryDirectory(prefix="cec-bundle-") as tmp:
        stage = Path(tmp)
        (stage / "checker").mkdir()
        for src in sorted(CHECKER.glob("*.py")):
            if src.name not in NOT_IN_BROWSER:
                shutil.copyfile(src, stage / "checker" / src.name)
        shutil.copyfile(CHECKER / "ui.py", stage / "cec_ui.py")
        shutil.copyfile(BRYTHON_DATA / "brython_stdlib.js", stage / "brython_stdlib.js")
        (stage / "index.html").write_text(ENTRY, encoding="utf-8")
        proc = subprocess.run([sys.executable, "-m", "brython", "make_modules"], cwd=stage,
                              capture_output=True, text=True)
        bundle = stage / "brython_modules.js"
        if proc.returncode != 0 or not bundle.exists():
            raise RuntimeError("brython make_modules failed:\n" + proc.stdout + proc.stderr)
        text = bundle.read_text(encoding="utf-8")
        # make_modules records its own URL as "the last <script> of the document", which is wrong
        # for a deferred script; the web worker needs the real URL to load the same bundle.
        text = text.replace("$B.last(document.getElementsByTagName('script')).src", "document.currentScript.src")
        if "document.currentScript.src" not in text:
            raise RuntimeError("unexpected brython_modules.js header: cannot set the bundle URL for the worker")
        target = out_dir / "brython_modules.js"
        target.write_text(text, encoding="utf-8")
        return target


def finalized(pelican):
    out = Path(pelican.settings["OUTPUT_PATH"]) / "js"
    out.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(BRYTHON_DATA / "brython.js", out / "brython.js")
    build_bundle(out)
