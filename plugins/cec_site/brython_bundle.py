"""Ship Brython and the checker to output/js after every build.

- ``js/brython.js`` comes from the pinned ``brython`` package (never from a CDN), minified by terser
  (``minified_brython``).
- Two bundles are made by Brython's own ``make_modules``, each in a staging
  folder that holds only what it needs:
  - ``js/brython_modules.js``, loaded by the page: the interface
    (``checker/page/ui.py`` as ``cec_ui``, and the pure ``checker/page/form.py``, which
    fills the form from a shared link, as ``cec_form``) and Brython's web-worker
    support. Both modules are compiled to JavaScript here, with Brython's own
    compiler run by Node (``precompile.js``), then minified by terser
    (``minify_compiled``, as is every module below), so the page's main thread compiles
    no Python of ours: on a first visit that compilation was most of the wait
    before the form was ready, and blocked the page while it ran.
  - ``js/checker_engine.js``, loaded by the web worker: the modules of ``checker``
    (not the command line, not the interface) with ``checker.page.service``: the rules,
    the words, and ``checker.page.view``, which turns a snapshot of the form into what
    the page shows. They too are compiled to JavaScript here (``precompile_engine``): compiling
    them in the worker took it most of a second on a first visit, before the first result, and
    then the worker has nothing to keep in Brython's IndexedDB cache, which it leaves alone.
  - ``js/noc_finder.js``, loaded by the page only when someone starts to use a NOC field's
    search: ``checker/page/nocsearch.py`` as ``cec_noc``, compiled to JavaScript like the
    interface, added to Brython's modules when it arrives. Its index (``data/noc-<lang>.json``,
    see ``noc.py``) is fetched at the same moment, so the checker's first load carries neither.
  The checker imports no standard-library module, so no bundle carries any.
- The page's and the engine's bundles open with ``brython_speedups.js``: Brython's loops over dicts,
  ``enumerate`` and generators (and ``str.join``, ``all``) end without raising StopIteration, which made
  about a sixth of each re-assessment's time.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

import brython
import python_minifier

BRYTHON_DATA = Path(brython.__file__).resolve().parent / "data"
ROOT = Path(__file__).resolve().parents[2]
CHECKER = ROOT / "checker"
PAGE_MODULES = {"page/ui.py": "cec_ui", "page/form.py": "cec_form"}  # the page's main thread's, by bundle name
SHELLS = {"cli.py", "__main__.py", "page/ui.py"}  # not in the engine bundle
ENGINE_BUNDLE = "checker_engine.js"
FINDER_BUNDLE = "noc_finder.js"
FINDER_MODULE = ("page/nocsearch.py", "cec_noc")  # the NOC finder's search, loaded on first use
PRECOMPILE_JS = Path(__file__).resolve().parent / "precompile.js"
MINIFY_JS = Path(__file__).resolve().parent / "minify_modules.js"
STARTER_JS = Path(__file__).resolve().parent / "checker_start.js"  # starts the engine's worker before Brython
SPEEDUPS_JS = Path(__file__).resolve().parent / "brython_speedups.js"  # loops that end without an exception
PRECOMPILED = tuple(PAGE_MODULES.values())
KEEP_GLOBALS = {"ui.py": ("start",)}  # the interface is used only through start(); its other names may be shortened
VFS_START, VFS_END = "var scripts = ", "\n__BRYTHON__.update_VFS(scripts)"

# make_modules follows the imports of these scripts to choose each bundle's modules.
PAGE_ENTRY = """<script type="text/python">
from browser import worker
import cec_ui
import cec_form
</script>
"""
ENGINE_ENTRY = """<script type="text/python">
from browser import bind, self
import checker.page.service
</script>
"""
# make_modules records the bundle's own URL as "the last <script> of the document", which is
# wrong for a deferred script. Brython's worker loads the bundle found at that URL: point it to
# the engine bundle, next to this one.
MAKE_MODULES_URL = "$B.last(document.getElementsByTagName('script')).src"
ENGINE_URL = f'new URL("{ENGINE_BUNDLE}", document.currentScript.src).href'
# With its modules precompiled, the page's main thread has nothing for Brython to cache, so it need
# not open Brython's IndexedDB cache, which would read every module the web worker cached there
# (about 30 ms of a warm start). The worker, which compiles the rules, still uses the cache: it loads
# the engine bundle, not this one. Brython reads has_indexedDB when brython() runs, after this file.
SKIP_PAGE_CACHE = "if (typeof document !== 'undefined') { __BRYTHON__.has_indexedDB = false }\n"


class PrecompileUnavailable(RuntimeError):
    """No JavaScript runtime to run Brython's compiler at build time."""


def compact(source: str, keep_globals=None) -> str:
    """The same module, smaller: no docstrings, comments or annotations, short local names.

    python-minifier does it, with its options chosen to keep behaviour, and
    without literal hoisting (which makes the gzipped bundle larger). Module-level
    names are kept, since the modules use each other's, unless ``keep_globals``
    lists the only ones another module uses.
    The bundled code is tested as it ships (tests/test_parity.py runs the engine
    bundle, the page tests the interface); the readable source stays in checker/.
    """
    return python_minifier.minify(
        source, remove_literal_statements=True, hoist_literals=False, remove_asserts=False, remove_debug=False,
        rename_locals=True, rename_globals=keep_globals is not None, preserve_globals=list(keep_globals or ()),
        preserve_shebang=False) + "\n"


def _make_modules(files: dict[str, Path], entry: str) -> str:
    with tempfile.TemporaryDirectory(prefix="cec-bundle-") as tmp:
        stage = Path(tmp)
        for name, src in files.items():
            (stage / name).parent.mkdir(parents=True, exist_ok=True)
            (stage / name).write_text(compact(src.read_text(encoding="utf-8"), KEEP_GLOBALS.get(src.name)),
                                      encoding="utf-8")
        shutil.copyfile(BRYTHON_DATA / "brython_stdlib.js", stage / "brython_stdlib.js")
        (stage / "index.html").write_text(entry, encoding="utf-8")
        proc = subprocess.run([sys.executable, "-m", "brython", "make_modules"], cwd=stage,
                              capture_output=True, text=True)
        bundle = stage / "brython_modules.js"
        if proc.returncode != 0 or not bundle.exists():
            raise RuntimeError("brython make_modules failed:\n" + proc.stdout + proc.stderr)
        return bundle.read_text(encoding="utf-8")


def split_bundle(bundle: str) -> tuple[str, dict, str]:
    """A make_modules bundle as (what precedes its modules, {name: [ext, source, imports, ...]}, what follows)."""
    start = bundle.index(VFS_START) + len(VFS_START)
    end = bundle.index(VFS_END, start)
    return bundle[:start], json.loads(bundle[start:end].strip().rstrip(";")), bundle[end:]


def compile_to_js(sources: dict[str, str]) -> dict[str, str]:
    """{module name: Python source} -> {module name: the JavaScript Brython compiles it to}."""
    node = shutil.which("node") or shutil.which("nodejs")
    if node is None:
        raise PrecompileUnavailable("node was not found")
    proc = subprocess.run([node, str(PRECOMPILE_JS), str(BRYTHON_DATA / "brython.js")],
                          input=json.dumps(sources), capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError("precompiling the page's modules failed:\n" + proc.stderr)
    return json.loads(proc.stdout)


def minify_compiled(compiled: dict[str, str], mode: str = "required", cache: bool = True) -> dict[str, str]:
    """{module name: JavaScript Brython compiled} -> the same code minified by terser (``minify_modules.js``).

    A third smaller (about a tenth once gzipped) and less for the browser to parse. Brython's compiled
    code is the same for the same source (``precompile.js`` fixes its counter), so the result is kept in
    ``.build-cache/``, keyed by the code and the terser version: terser takes about 6 s on the engine.
    With ``mode`` "auto" and no terser (no ``npm ci`` yet), the code is shipped as Brython compiled it.
    ``cache`` False: nothing is kept (code compiled elsewhere, such as by a browser in the tests).
    """
    command = terser_command()
    if command is None:
        if mode != "auto":
            raise RuntimeError("terser was not found in node_modules: run `npm ci` (CHECKER_PRECOMPILE = 'required')")
        return compiled
    version = json.loads((ROOT / "node_modules" / "terser" / "package.json").read_text(encoding="utf-8"))["version"]
    payload = json.dumps(compiled, sort_keys=True)
    key = hashlib.sha256((payload + version + MINIFY_JS.read_text(encoding="utf-8")).encode("utf-8")).hexdigest()
    cached = ROOT / ".build-cache" / f"modules-{key[:24]}.min.json"
    if cache and cached.is_file():
        return json.loads(cached.read_text(encoding="utf-8"))
    proc = subprocess.run([command[0], str(MINIFY_JS), str(ROOT / "node_modules" / "terser")],
                          input=payload, capture_output=True, text=True)
    if proc.returncode != 0:
        raise RuntimeError("terser failed on the compiled modules:\n" + proc.stderr)
    if not cache:
        return json.loads(proc.stdout)
    cached.parent.mkdir(exist_ok=True)
    partial = cached.with_name(f"{cached.stem}.{os.getpid()}.part")  # builds side by side: see minified_brython
    partial.write_text(proc.stdout, encoding="utf-8")
    partial.replace(cached)
    return json.loads(proc.stdout)


def precompile(bundle: str, names, mode: str = "required") -> str:
    """The bundle with the given modules handed to Brython already compiled to JavaScript, minified.

    Brython then runs them without compiling them in the browser. Their Python
    source is left out of the bundle, which keeps the download small.
    """
    head, scripts, tail = split_bundle(bundle)
    compiled = minify_compiled(compile_to_js({n: scripts[n][1] for n in names}), mode)
    for n in names:
        scripts[n][1] = ""
    return (head + json.dumps(scripts) + tail.rstrip("\n") + "\n"
            + "".join(f"__BRYTHON__.precompiled[{json.dumps(n)}] = {json.dumps(compiled[n])}\n" for n in names)
            + SKIP_PAGE_CACHE)


# The engine bundle is loaded only by the web worker, whose modules all come compiled: Brython's
# IndexedDB cache would hold nothing new (brython() in a worker opens it when has_indexedDB is true).
SKIP_WORKER_CACHE = "__BRYTHON__.has_indexedDB = false\n"


# The worker's glue: the Python of <script class="webworker" id="checker-engine"> in the checker page's
# template, which js/checker_start.js hands to the worker. The worker runs it as this module, from this file
# name (both fixed, so that both languages' pages share one compiled glue).
CHECKER_TEMPLATE = ROOT / "theme" / "templates" / "checker.html"
GLUE_RE = re.compile(r'<script type="text/python" class="webworker" id="checker-engine">\n(.*?)</script>', re.S)
GLUE_MODULE, GLUE_FILE = "checker_engine_worker", "checker-engine.py"


def worker_glue() -> str:
    """The glue's Python, as the page holds it (the text of its script element, first newline dropped)."""
    found = GLUE_RE.search(CHECKER_TEMPLATE.read_text(encoding="utf-8"))
    if found is None:
        raise RuntimeError(f"no <script class=\"webworker\" id=\"checker-engine\"> in {CHECKER_TEMPLATE}")
    return found.group(1)


def precompile_engine(bundle: str, mode: str = "required") -> str:
    """The engine bundle with its modules (every ``checker`` module) compiled to JavaScript and minified,
    without their Python source; packages are stored as Brython stores them in its cache (the code in a
    list). The worker's glue comes compiled too (``__BRYTHON__.cec_glue``: its source and its code, not
    minified: a script's code is run otherwise; the worker runs the code only if the page hands it that
    same source, and compiles what it is handed otherwise)."""
    head, scripts, tail = split_bundle(bundle)
    names = sorted(n for n in scripts if n == "checker" or n.startswith("checker."))
    packages = {n for n in names if len(scripts[n]) > 3 and scripts[n][3]}
    glue = worker_glue()
    sources = {n: {"src": scripts[n][1], "package": True} if n in packages else scripts[n][1] for n in names}
    sources[GLUE_MODULE] = {"src": glue, "script": GLUE_FILE}
    compiled = compile_to_js(sources)
    compiled.update(minify_compiled({n: compiled[n] for n in names}, mode))
    for n in names:
        scripts[n][1] = ""
    return (head + json.dumps(scripts) + tail.rstrip("\n") + "\n"
            + "".join(f"__BRYTHON__.precompiled[{json.dumps(n)}] = "
                      f"{json.dumps([compiled[n]] if n in packages else compiled[n])}\n" for n in names)
            + f"__BRYTHON__.cec_glue = {json.dumps({'src': glue, 'js': compiled[GLUE_MODULE]})}\n"
            + SKIP_WORKER_CACHE)


def finder_bundle(precompile_mode: str = "required") -> str:
    """The NOC finder's bundle: a script that adds the ``cec_noc`` module to Brython's modules, compiled to
    JavaScript (or, without Node and with ``precompile_mode`` "auto", as Python for Brython to compile)."""
    src, name = FINDER_MODULE
    _head, scripts, _tail = split_bundle(_make_modules({name + ".py": CHECKER / src}, f"""<script type="text/python">
import {name}
</script>
"""))
    entry = scripts[name]
    try:
        compiled = minify_compiled(compile_to_js({name: entry[1]}), precompile_mode)[name]
    except PrecompileUnavailable:
        if precompile_mode != "auto":
            raise
        return f"__BRYTHON__.update_VFS({json.dumps({name: entry})})\n"
    entry[1] = ""
    return (f"__BRYTHON__.update_VFS({json.dumps({name: entry})})\n"
            f"__BRYTHON__.precompiled[{json.dumps(name)}] = {json.dumps(compiled)}\n")


def build_bundles(out_dir: Path, precompile_mode: str = "required", engine_compiled: bool = True) -> None:
    """Write the page's, the engine's and the NOC finder's bundles, and the engine's starter, to ``out_dir``.

    ``engine_compiled`` (the CHECKER_PRECOMPILE_ENGINE setting, on by default): ship the engine compiled
    to JavaScript and minified (about 120 KB more once gzipped, and about a second less before a shared link's first
    result on a first visit), or as Python for the worker to compile and cache in IndexedDB."""
    page = _make_modules({name + ".py": CHECKER / src for src, name in PAGE_MODULES.items()}, PAGE_ENTRY)
    if MAKE_MODULES_URL not in page or VFS_START not in page or VFS_END not in page:
        raise RuntimeError("unexpected brython_modules.js layout: cannot point the web worker at the engine bundle")
    page = page.replace(MAKE_MODULES_URL, ENGINE_URL)
    try:
        page = precompile(page, PRECOMPILED, precompile_mode)
    except PrecompileUnavailable as exc:
        if precompile_mode != "auto":
            raise RuntimeError(f"{exc}: Node.js is needed to compile the checker page's interface "
                               "(CHECKER_PRECOMPILE = 'required')") from None
        # A notice, not a warning: the development build runs with --fatal warnings.
        print(f"note: {exc}: the checker page will compile its interface in the browser (a slower start); "
              "install Node.js to compile it at build time", file=sys.stderr)
    speedups = "".join(line + "\n" for line in SPEEDUPS_JS.read_text(encoding="utf-8").splitlines()
                       if not line.lstrip().startswith("//"))  # its comments stay in the source
    (out_dir / "brython_modules.js").write_text(speedups + page, encoding="utf-8")
    rules = {}
    for p in sorted(CHECKER.rglob("*.py")):
        rel = p.relative_to(CHECKER).as_posix()
        if rel not in SHELLS and "__pycache__" not in rel:
            rules[f"checker/{rel}"] = p
    engine = _make_modules(rules, ENGINE_ENTRY)
    if engine_compiled:
        try:
            engine = precompile_engine(engine, precompile_mode)
        except PrecompileUnavailable:
            if precompile_mode != "auto":
                raise
            # (the notice above has said so: the worker compiles the rules, and caches them)
    (out_dir / ENGINE_BUNDLE).write_text(speedups + engine, encoding="utf-8")
    (out_dir / FINDER_BUNDLE).write_text(finder_bundle(precompile_mode), encoding="utf-8")
    shutil.copyfile(STARTER_JS, out_dir / STARTER_JS.name)


def terser_command() -> list[str] | None:
    """How to run terser (the project's pinned copy in node_modules), or None when it is not installed."""
    node = shutil.which("node") or shutil.which("nodejs")
    cli = ROOT / "node_modules" / "terser" / "bin" / "terser"
    return [node, str(cli)] if node and cli.is_file() else None


def minified_brython(mode: str = "required") -> Path:
    """Brython's runtime as the site ships it: ``brython.js`` minified by terser (about 50 KB less once
    gzipped: Brython's own build keeps every local name whole).

    Terser renames local variables and drops dead code; it keeps property names, which Brython's compiled
    code relies on, and the whole test suite runs on the minified file. Minifying takes terser about 20 s,
    so the result is kept in ``.build-cache/``, keyed by the Brython and terser versions. With
    ``mode`` "auto" and no terser (no ``npm ci`` yet), the unminified file is used and a notice says so.
    """
    source = BRYTHON_DATA / "brython.js"
    command = terser_command()
    if command is None:
        if mode != "auto":
            raise RuntimeError("terser was not found in node_modules: run `npm ci` (CHECKER_PRECOMPILE = 'required')")
        print("note: terser is not installed (npm ci): brython.js is shipped unminified", file=sys.stderr)
        return source
    version = json.loads((ROOT / "node_modules" / "terser" / "package.json").read_text(encoding="utf-8"))["version"]
    cached = ROOT / ".build-cache" / f"brython-{brython.__version__}-terser-{version}.min.js"
    if not cached.is_file():
        cached.parent.mkdir(exist_ok=True)
        # a file of this process's own: builds running side by side (the test suite's workers) each write
        # theirs, and the last rename wins with the same content
        partial = cached.with_name(f"{cached.stem}.{os.getpid()}.part")
        proc = subprocess.run(command + [str(source), "--compress", "--mangle", "--output", str(partial)],
                              capture_output=True, text=True)
        if proc.returncode != 0:
            raise RuntimeError("terser failed on brython.js:\n" + proc.stderr)
        partial.replace(cached)
    return cached


def finalized(pelican):
    out = Path(pelican.settings["OUTPUT_PATH"]) / "js"
    out.mkdir(parents=True, exist_ok=True)
    mode = pelican.settings.get("CHECKER_PRECOMPILE", "required")
    shutil.copyfile(minified_brython(mode), out / "brython.js")
    build_bundles(out, mode, bool(pelican.settings.get("CHECKER_PRECOMPILE_ENGINE", True)))
