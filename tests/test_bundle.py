"""The checker page's Python, compiled to JavaScript at build time, is what Brython itself would compile.

plugins/cec_site/brython_bundle.py runs Brython's compiler under Node and ships
the page's two main-thread modules (the interface and the form filler) already
compiled, without their Python source: the page compiles none of our Python on
its main thread. These tests check the bundle's layout and compare the shipped
code with what the same brython.js compiles from the same source in Chromium.
"""
from __future__ import annotations

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


def test_the_page_bundle_ships_its_python_compiled_and_nothing_else_of_ours(site_dir):
    scripts, tail = bundle_parts(site_dir)
    ours = {name for name in scripts if name.startswith("cec_") or name.startswith("checker")}
    assert ours == {"cec_ui", "cec_form"}, "the rules belong in the worker's bundle, not the page's"
    for name in ours:
        assert f"__BRYTHON__.precompiled[{json.dumps(name)}] = " in tail, \
            f"{name} is not precompiled: is Node.js installed? (see CHECKER_PRECOMPILE in pelicanconf.py)"
        assert scripts[name][1] == "", f"{name}: Python source shipped although the module is precompiled"
    engine = (site_dir / "js" / brython_bundle.ENGINE_BUNDLE).read_text(encoding="utf-8")
    _h, engine_scripts, _t = brython_bundle.split_bundle(engine)
    assert {"checker.page", "checker.page.view", "checker.page.render", "checker.page.form", "checker.page.service",
            "checker.crs", "checker.words"} <= set(engine_scripts)
    assert "checker.page.ui" not in engine_scripts and "checker.cli" not in engine_scripts


def canonical(js: str) -> str:
    """Compiled code with Brython's generated names (a name and a number from a counter that starts at
    random: ``el123456``, ``err123457``, ``lambda_<tag>_123458``) numbered by first appearance instead."""
    names = {}
    js = re.sub(r"lambda_[a-z0-9]+_(?=\d)", "lambda_", js)  # the tag is random too
    return re.sub(r"\b([A-Za-z_][\w$]*?)(\d{3,})\b",
                  lambda m: names.setdefault(m.group(0), f"{m.group(1)}#{len(names)}"), js)


def compacted(file_name):
    return brython_bundle.compact((CHECKER / file_name).read_text(encoding="utf-8"),
                                  brython_bundle.KEEP_GLOBALS.get(file_name.rsplit("/", 1)[-1]))


def test_precompiled_modules_match_brython_compiling_them_in_the_browser(tab, site_dir):
    tab.goto("/checker/")
    tab.wait_for_selector("html[data-checker-ready]", state="attached", timeout=30_000)
    for file_name, module in brython_bundle.PAGE_MODULES.items():
        shipped, compiled = tab.evaluate("""([name, src]) => {
            // Brython in the page, set as precompile.js sets it (no indentation)
            const B = __BRYTHON__, filename = "VFS." + name + ".py", tab = B.$options.js_tab;
            B.$options.js_tab = 0;
            B.url2name[filename] = name;
            try {
                const module = B.module.$factory(name, "", "");
                return [B.precompiled[name], B.py2js({src, filename, imported: true}, module, name, B.builtins_scope).to_js()];
            } finally {
                if (tab === undefined) delete B.$options.js_tab; else B.$options.js_tab = tab;
            }
        }""", [module, compacted(file_name)])
        assert shipped, f"{module} is not precompiled on the page: is Node.js installed? (see CHECKER_PRECOMPILE)"
        assert canonical(shipped) == canonical(compiled), \
            f"{module}: the shipped code differs from what Brython compiles in the page"


def test_the_worker_caches_the_compiled_rules_and_the_page_leaves_the_cache_alone(page, base_url):
    """Brython's IndexedDB cache stays on where it helps: the worker stores the rules it compiled, so a
    second visit starts the engine sooner; the page's main thread, whose modules come compiled, skips it."""
    page.goto("/checker/")
    page.wait_for_selector("html[data-first-result-ms]", state="attached", timeout=60_000)
    names = page.evaluate("""() => new Promise((resolve, reject) => {
        const deadline = Date.now() + 10000;
        const poll = () => {
            const req = indexedDB.open("brython-cache");
            req.onsuccess = () => {
                const db = req.result;
                if (!db.objectStoreNames.contains("modules")) { db.close(); return retry(); }
                const all = db.transaction("modules").objectStore("modules").getAllKeys();
                all.onsuccess = () => { db.close(); all.result.includes("checker.crs") ? resolve(all.result) : retry(); };
            };
            req.onerror = () => reject(req.error);
        };
        const retry = () => Date.now() < deadline ? setTimeout(poll, 200) : resolve([]);
        poll();
    })""")
    assert {"checker.crs", "checker.page.view", "checker.page.service"} <= set(names), names
    assert not {"cec_ui", "cec_form"} & set(names)
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
