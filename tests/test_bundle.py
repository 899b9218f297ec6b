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
        assert scripts[name][1] == "", f"{name}: Python source shipped although the module is precompiled"
        assert f"__BRYTHON__.precompiled[{json.dumps(name)}] = " in tail
    engine = (site_dir / "js" / brython_bundle.ENGINE_BUNDLE).read_text(encoding="utf-8")
    _h, engine_scripts, _t = brython_bundle.split_bundle(engine)
    assert {"checker.page", "checker.render", "checker.form", "checker.service", "checker.crs"} <= set(engine_scripts)
    assert "checker.ui" not in engine_scripts and "checker.cli" not in engine_scripts


def normalise(js: str) -> str:
    """Compiled code without what differs from one compilation to the next: layout and generated ids."""
    js = re.sub(r"lambda_[a-z0-9]+_\d+", "lambda_", js)  # lambda_<random>_<counter>
    js = re.sub(r"(?<=[A-Za-z_])\d+\b", "", js)  # names made unique with Brython's counter: el123, err456
    return re.sub(r"\s+", "", js)


def test_precompiled_modules_match_brython_compiling_them_in_the_browser(tab, site_dir):
    tab.goto("/checker/")
    tab.wait_for_selector("html[data-checker-ready]", state="attached", timeout=30_000)
    for file_name, module in brython_bundle.PAGE_MODULES.items():
        source = brython_bundle.compact((CHECKER / file_name).read_text(encoding="utf-8"),
                                        brython_bundle.KEEP_GLOBALS.get(file_name))
        shipped, compiled = tab.evaluate("""([name, src]) => {
            const B = __BRYTHON__, filename = "VFS." + name + ".py";
            B.url2name[filename] = name;
            const module = B.module.$factory(name, "", "");
            return [B.precompiled[name], B.py2js({src, filename, imported: true}, module, name, B.builtins_scope).to_js()];
        }""", [module, source])
        assert shipped, f"{module} is not precompiled on the page"
        assert normalise(shipped) == normalise(compiled), f"{module}: the shipped code differs from Brython's own"
