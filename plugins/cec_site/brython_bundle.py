"""Ship Brython and the checker to output/js after every build.

- ``js/brython.js`` comes from the pinned ``brython`` package (never from a CDN).
- Two bundles are made by Brython's own ``make_modules``, each in a staging
  folder that holds only what it needs:
  - ``js/brython_modules.js``, loaded by the page: the interface
    (``checker/ui.py`` as ``cec_ui``, with the pure ``checker/form.py`` and
    ``checker/render.py`` as ``cec_form`` and ``cec_render``, loaded in later
    tasks) and Brython's web-worker support. Keeping the rules out of it keeps the
    main thread's work small.
  - ``js/checker_engine.js``, loaded by the web worker: the rule modules of
    ``checker`` (not the command line) and ``checker.service``.
  The rules import no standard-library module, so neither bundle carries any.
  Brython caches both, compiled, in IndexedDB.
"""
from __future__ import annotations

import ast
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import brython

BRYTHON_DATA = Path(brython.__file__).resolve().parent / "data"
CHECKER = Path(__file__).resolve().parents[2] / "checker"
PAGE_MODULES = {"ui.py": "cec_ui", "form.py": "cec_form", "render.py": "cec_render"}  # the page's, by bundle name
SHELLS = {"cli.py", "__main__.py"} | set(PAGE_MODULES)  # not rules: not in the engine bundle
ENGINE_BUNDLE = "checker_engine.js"

# make_modules follows the imports of these scripts to choose each bundle's modules.
PAGE_ENTRY = """<script type="text/python">
from browser import worker
import cec_ui
import cec_form
import cec_render
</script>
"""
ENGINE_ENTRY = """<script type="text/python">
from browser import bind, self
import checker.service
</script>
"""
# make_modules records the bundle's own URL as "the last <script> of the document", which is
# wrong for a deferred script. Brython's worker loads the bundle found at that URL: point it to
# the engine bundle, next to this one.
MAKE_MODULES_URL = "$B.last(document.getElementsByTagName('script')).src"
ENGINE_URL = f'new URL("{ENGINE_BUNDLE}", document.currentScript.src).href'


def compact(source: str) -> str:
    """The same module without docstrings and comments: less for Brython to compile in the browser.

    The behaviour is unchanged (tests/test_parity.py runs the bundled engine); the
    readable source stays in checker/.
    """
    tree = ast.parse(source)
    for node in ast.walk(tree):
        if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef, ast.AsyncFunctionDef)):
            body = node.body
            if body and isinstance(body[0], ast.Expr) and isinstance(body[0].value, ast.Constant) \
                    and isinstance(body[0].value.value, str):
                node.body = body[1:] or [ast.Pass()]
    return ast.unparse(tree) + "\n"


def _make_modules(files: dict[str, Path], entry: str) -> str:
    with tempfile.TemporaryDirectory(prefix="cec-bundle-") as tmp:
        stage = Path(tmp)
        for name, src in files.items():
            (stage / name).parent.mkdir(parents=True, exist_ok=True)
            (stage / name).write_text(compact(src.read_text(encoding="utf-8")), encoding="utf-8")
        shutil.copyfile(BRYTHON_DATA / "brython_stdlib.js", stage / "brython_stdlib.js")
        (stage / "index.html").write_text(entry, encoding="utf-8")
        proc = subprocess.run([sys.executable, "-m", "brython", "make_modules"], cwd=stage,
                              capture_output=True, text=True)
        bundle = stage / "brython_modules.js"
        if proc.returncode != 0 or not bundle.exists():
            raise RuntimeError("brython make_modules failed:\n" + proc.stdout + proc.stderr)
        return bundle.read_text(encoding="utf-8")


def build_bundles(out_dir: Path) -> None:
    page = _make_modules({name + ".py": CHECKER / src for src, name in PAGE_MODULES.items()}, PAGE_ENTRY)
    if MAKE_MODULES_URL not in page:
        raise RuntimeError("unexpected brython_modules.js header: cannot point the web worker at the engine bundle")
    (out_dir / "brython_modules.js").write_text(page.replace(MAKE_MODULES_URL, ENGINE_URL), encoding="utf-8")
    rules = {f"checker/{p.name}": p for p in sorted(CHECKER.glob("*.py")) if p.name not in SHELLS}
    (out_dir / ENGINE_BUNDLE).write_text(_make_modules(rules, ENGINE_ENTRY), encoding="utf-8")


def finalized(pelican):
    out = Path(pelican.settings["OUTPUT_PATH"]) / "js"
    out.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(BRYTHON_DATA / "brython.js", out / "brython.js")
    build_bundles(out)
