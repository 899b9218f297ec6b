"""The checker page's Python, compiled to JavaScript at build time, is what Brython itself would compile.

plugins/cec_site/brython_bundle.py runs Brython's compiler under Node and ships
the page's two main-thread modules (the interface and the form filler) and the
rules engine's modules and glue (run in the web worker) already compiled, without
their Python source: neither the page nor its worker compiles any of our Python.
These tests check the bundles' layout and compare the shipped code with what the
same brython.js compiles from the same source in Chromium.
"""
from __future__ import annotations

import base64
import json
import re
from pathlib import Path

import plugins_path  # noqa: F401  (puts plugins/ on the path)
from cec_site import brython_bundle

CHECKER = brython_bundle.CHECKER


def bundle_parts(site_dir):
    text = (site_dir / "js" / "brython_modules.js").read_text(encoding="utf-8")
    _head, scripts, tail = brython_bundle.split_bundle(text)
    return scripts, tail


def engine_parts(site_dir):
    text = (site_dir / "js" / brython_bundle.ENGINE_BUNDLE).read_text(encoding="utf-8")
    _head, scripts, tail = brython_bundle.split_bundle(text)
    return scripts, tail


def test_the_page_bundle_ships_its_python_compiled_and_nothing_else_of_ours(site_dir):
    scripts, tail = bundle_parts(site_dir)
    ours = {name for name in scripts if name.startswith("cec_") or name.startswith("checker")}
    assert ours == {"cec_ui", "cec_form"}, "the rules belong in the worker's bundle, not the page's"
    for name in ours:
        assert f"__BRYTHON__.precompiled[{json.dumps(name)}] = " in tail, \
            f"{name} is not precompiled: is Node.js installed? (see CHECKER_PRECOMPILE in pelicanconf.py)"
        assert scripts[name][1] == "", f"{name}: Python source shipped although the module is precompiled"
    engine_scripts, _t = engine_parts(site_dir)
    assert {"checker.page", "checker.page.view", "checker.page.render", "checker.page.form", "checker.page.service",
            "checker.crs", "checker.words"} <= set(engine_scripts)
    assert "checker.page.ui" not in engine_scripts and "checker.cli" not in engine_scripts


def test_the_engine_bundle_ships_the_rules_and_the_glue_compiled(site_dir):
    scripts, tail = engine_parts(site_dir)
    ours = [name for name in scripts if name == "checker" or name.startswith("checker.")]
    assert len(ours) > 15
    for name in ours:
        assert scripts[name][1] == "", f"{name}: Python source shipped although the module is precompiled"
        assert f"__BRYTHON__.precompiled[{json.dumps(name)}] = " in tail, f"{name} is not precompiled"
    assert "__BRYTHON__.cec_glue = " in tail and tail.rstrip().endswith("__BRYTHON__.has_indexedDB = false")
    # the glue compiled is the glue the pages hold (else the worker compiles it itself)
    for page in ("checker/index.html", "fr/verificateur/index.html"):
        html = (site_dir / page).read_text(encoding="utf-8")
        assert brython_bundle.GLUE_RE.search(html).group(1) == brython_bundle.worker_glue(), page


def canonical(js: str) -> str:
    """Compiled code with Brython's generated names (a name and a number from a counter that starts at
    random: ``el123456``, ``err123457``, ``lambda_<tag>_123458``) numbered by first appearance instead."""
    names = {}
    js = re.sub(r"lambda_[a-z0-9]+_(?=\d)", "lambda_", js)  # the tag is random too
    return re.sub(r"\b([A-Za-z_][\w$]*?)(\d{3,})\b",
                  lambda m: names.setdefault(m.group(0), f"{m.group(1)}#{len(names)}"), js)


def as_shipped(name, js):
    """Code compiled in the browser, minified as the build minifies what it compiles."""
    return brython_bundle.minify_compiled({name: js}, cache=False)[name]


def compacted(file_name):
    return brython_bundle.compact((CHECKER / file_name).read_text(encoding="utf-8"),
                                  brython_bundle.KEEP_GLOBALS.get(file_name.rsplit("/", 1)[-1]))


COMPILE_IN_PAGE = """([name, src, isPackage, shipped]) => {
    // Brython in the page, set as precompile.js sets it (no indentation)
    const B = __BRYTHON__, filename = "VFS." + name + (isPackage ? "/__init__.py" : ".py"), tab = B.$options.js_tab;
    B.$options.js_tab = 0;
    B.url2name[filename] = name;
    try {
        const module = B.module.$factory(name, "", isPackage ? name : name.split(".").slice(0, -1).join("."));
        return [shipped ?? B.precompiled[name], B.py2js({src, filename, imported: true}, module, name, B.builtins_scope).to_js()];
    } finally {
        if (tab === undefined) delete B.$options.js_tab; else B.$options.js_tab = tab;
    }
}"""


def test_precompiled_modules_match_brython_compiling_them_in_the_browser(tab, site_dir):
    tab.goto("/checker/")
    tab.wait_for_selector("html[data-checker-ready]", state="attached", timeout=30_000)
    for file_name, module in brython_bundle.PAGE_MODULES.items():
        shipped, compiled = tab.evaluate(COMPILE_IN_PAGE, [module, compacted(file_name), False, None])
        assert shipped, f"{module} is not precompiled on the page: is Node.js installed? (see CHECKER_PRECOMPILE)"
        assert canonical(shipped) == canonical(as_shipped(module, compiled)), \
            f"{module}: the shipped code differs from what Brython compiles in the page, minified"


def test_the_precompiled_engine_matches_brython_compiling_it_in_the_browser(tab, site_dir):
    """The same check for the worker's bundle (compiled here by the page's Brython: the same brython.js)."""
    scripts, tail = engine_parts(site_dir)
    shipped = {}
    for line in tail.splitlines():
        found = re.match(r'__BRYTHON__\.precompiled\[("[^"]+")\] = (.*)$', line)
        if found:
            code = json.loads(found.group(2))
            shipped[json.loads(found.group(1))] = code[0] if isinstance(code, list) else code
    tab.goto("/checker/")
    tab.wait_for_selector("html[data-checker-ready]", state="attached", timeout=30_000)
    for name, code in sorted(shipped.items()):
        is_package = len(scripts[name]) > 3 and bool(scripts[name][3])
        parts = name.split(".")[1:]  # checker.page.view: page/view.py; checker.page: page/__init__.py
        file_name = "/".join(parts + ["__init__.py"]) if is_package else "/".join(parts) + ".py"
        got, compiled = tab.evaluate(COMPILE_IN_PAGE, [name, compacted(file_name), is_package, code])
        assert canonical(got) == canonical(as_shipped(name, compiled)), \
            f"{name}: the shipped code differs from what Brython compiles, minified"
    glue = json.loads(re.search(r"^__BRYTHON__\.cec_glue = (.*)$", tail, re.M).group(1))
    compiled = tab.evaluate("""([name, src, file]) => {
        const B = __BRYTHON__, tab = B.$options.js_tab;
        B.$options.js_tab = 0;
        B.url2name[file] = name;  // as js/checker_start.js sets it in the worker
        try { return B.py2js({src, filename: file}, name).to_js() }
        finally { if (tab === undefined) delete B.$options.js_tab; else B.$options.js_tab = tab; }
    }""", [brython_bundle.GLUE_MODULE, glue["src"], brython_bundle.GLUE_FILE])
    assert glue["src"] == brython_bundle.worker_glue()
    assert canonical(glue["js"]) == canonical(compiled), "the worker's glue differs from what Brython compiles"


def test_the_engine_starts_before_brython_and_nothing_uses_the_cache(page, base_url):
    """For a shared link, js/checker_start.js starts the worker before the page's Brython, and hands it to the
    interface; with every module compiled, neither the page nor the worker opens Brython's IndexedDB cache."""
    page.goto("/checker/#a=" + base64.urlsafe_b64encode(b'{"birth_date":"1998-04-12"}').decode().rstrip("="))
    page.wait_for_selector("html[data-first-result-ms]", state="attached", timeout=60_000)
    assert page.evaluate("() => typeof window.cecEngine.connect") == "function"
    scripts = page.evaluate("() => [...document.scripts].map((s) => s.src.split('/').pop()).filter(Boolean)")
    assert scripts[:2] == ["checker_start.js", "brython.js"], scripts  # the worker starts before brython.js runs
    names = page.evaluate("""() => new Promise((resolve) => {
        // opening a database that does not exist creates it empty: then nothing was stored
        const req = indexedDB.open("brython-cache");
        req.onupgradeneeded = () => { req.transaction.abort(); resolve([]) };
        req.onerror = () => resolve([]);
        req.onsuccess = () => {
            const db = req.result;
            if (!db.objectStoreNames.contains("modules")) { db.close(); return resolve([]) }
            const all = db.transaction("modules").objectStore("modules").getAllKeys();
            all.onsuccess = () => { db.close(); resolve(all.result) };
        };
    })""")
    assert names == [], names
    assert page.evaluate("() => __BRYTHON__.idb_cx === undefined || __BRYTHON__.idb_cx === null")


def test_brython_ships_minified_from_the_pinned_package(site_dir):
    """js/brython.js is the pinned Brython runtime, minified by terser (the browser tests run on it)."""
    import gzip

    import brython

    original = (Path(brython.__file__).parent / "data" / "brython.js").read_bytes()
    shipped = (site_dir / "js" / "brython.js").read_bytes()
    assert shipped != original, "brython.js was shipped unminified (is terser installed? npm ci)"
    assert len(gzip.compress(shipped)) < 0.85 * len(gzip.compress(original))
    built = re.search(rb"compiled_date\s*=\s*[\"']([^\"']+)", original).group(1)  # when Brython built it
    assert re.search(rb"compiled_date=[\"']" + re.escape(built), shipped), "not the same Brython release"


# Python that exercises every loop js/brython_speedups.js changes; it records what it sees in `out`, and
# must record the same under Brython (with the speedups) as under CPython.
LOOPS = r'''
out = []
d = {"a": 1, "b": 2, 3: "three", (4, 5): None}
out.append(repr([k for k in d]))
out.append(repr([k for k in d.keys()]) + repr([v for v in d.values()]))
out.append(repr([(k, v) for k, v in d.items()]))
out.append(repr([k for k in {}]) + repr(list({}.items())))
for i, (k, v) in enumerate(d.items(), 10):
    out.append("%d %r %r" % (i, k, v))
try:
    grow = {"x": 1}
    for k in grow:
        grow[k + "y"] = 2
except RuntimeError as exc:
    out.append("RuntimeError: " + str(exc))
try:
    grow = {"x": 1}
    for k, v in grow.items():
        grow["new"] = v
except RuntimeError as exc:
    out.append("RuntimeError: " + str(exc))

log = []
def numbers(n):
    try:
        for i in range(n):
            yield i
            log.append("after %d" % i)
        return "done"
    finally:
        log.append("finally")
out.append(repr(list(numbers(3))) + repr(log))
g = numbers(5)
for x in g:
    if x == 1:
        break
out.append("resumed %r" % next(g))
out.append(repr([x for x in g]) + repr([x for x in g]))
h = numbers(1)
next(h)
try:
    next(h)
except StopIteration as exc:
    out.append("returned %r" % exc.value)

def failing():
    yield 1
    raise ValueError("inside")
try:
    for x in failing():
        out.append("got %r" % x)
except ValueError as exc:
    out.append("ValueError: %s" % exc)
try:
    all(x < 5 for x in failing())
    out.append("all() swallowed the error")
except ValueError as exc:
    out.append("all() raised ValueError: %s" % exc)
out.append(repr([all([]), all(x > 0 for x in [1, 2]), all(x > 1 for x in [1, 2]), any(x > 1 for x in [1, 2])]))
for x in numbers(2):
    pass
else:
    out.append("else after a finished loop")

out.append(", ".join(str(i) for i in range(4)) + "|" + "-".join(["a", "b"]) + "|" + "".join(d.get(k, "") for k in "ab" if False) + "|" + "+".join({"p": 1, "q": 2}))
try:
    " ".join(["a", 1])
except TypeError as exc:
    out.append("TypeError: " + str(exc))
out.append(repr(sum(x for x in range(5))) + repr(sorted(k for k in {"b": 1, "a": 2})) + repr(dict((k, v) for k, v in [("z", 1)])))

class Countdown:
    def __init__(self, n):
        self.n = n
    def __iter__(self):
        return self
    def __next__(self):
        if self.n == 0:
            raise StopIteration
        self.n -= 1
        return self.n
class Pairs:
    def __iter__(self):
        yield "p"
        yield "q"
out.append(repr(list(Countdown(3))) + repr([x for x in Pairs()]) + repr(list(enumerate(Pairs()))))
'''


def test_loops_give_what_cpython_gives_with_the_speedups(tab, site_dir):
    """js/brython_speedups.js (at the top of the page's and the engine's bundles) ends loops over dicts,
    enumerate and generators without StopIteration: everything such loops see and raise is as in CPython
    (Brython's own all() returned True when the iteration failed), and the loops raise no StopIteration."""
    for bundle in ("brython_modules.js", brython_bundle.ENGINE_BUNDLE):
        assert (site_dir / "js" / bundle).read_text(encoding="utf-8").startswith("(function ($B) {"), bundle
    expected = {}
    exec(LOOPS, expected)
    tab.goto("/checker/")
    tab.wait_for_selector("html[data-checker-ready]", state="attached", timeout=30_000)
    got = tab.evaluate("""(src) => {
        __BRYTHON__.runPythonSource(src + "\\nfrom browser import window\\nwindow.cecLoops = out\\n");
        return Array.from(window.cecLoops);
    }""", LOOPS)
    assert tab.evaluate("() => __BRYTHON__.cec_speedups") is True
    assert got == expected["out"]
    raised = tab.evaluate("""(src) => {
        const B = __BRYTHON__, raise = B.RAISE;
        let stops = 0;
        B.RAISE = function (cls) { if (cls === B.builtins.StopIteration) stops++; return raise.apply(this, arguments) };
        try { B.runPythonSource(src) } finally { B.RAISE = raise }
        return stops;
    }""", "d = {'a': 1, 'b': 2}\nfor k, v in d.items(): pass\nfor i, k in enumerate(d): pass\n"
          "for x in (y for y in d.values()): pass\nok = all(k for k in d) and ' '.join(k for k in d)\n")
    assert raised == 0, f"{raised} StopIteration raised by loops over a dict, enumerate and generators"
