"""The rules stay pure: no I/O, no clock, no browser, no standard-library imports.

Brython compiles every imported module on the page, so the rule modules import
nothing but each other. Only the shells may do more: cli.py (files, streams,
the clock) and page/ui.py (the browser). The rule modules sit in checker/, the
page's in checker/page/.
"""
from __future__ import annotations

import ast
import doctest
import importlib
from pathlib import Path

import pytest

CHECKER = Path(__file__).resolve().parent.parent / "checker"
SHELLS = {"cli.py", "__main__.py", "page/ui.py"}
RULE_MODULES = sorted(p for p in CHECKER.rglob("*.py")
                      if p.relative_to(CHECKER).as_posix() not in SHELLS and "__pycache__" not in p.parts)
FORBIDDEN_CALLS = {"open", "print", "input", "eval", "exec", "__import__"}


def imports(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom):
            yield node.module or ""


def rel(p):
    return p.relative_to(CHECKER).as_posix()


@pytest.mark.parametrize("path", RULE_MODULES, ids=rel)
def test_rule_module_imports_only_the_checker(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    outside = [name for name in imports(tree) if name != "checker" and not name.startswith("checker.")]
    assert outside == [], f"{path.name} imports {outside}"


@pytest.mark.parametrize("path", RULE_MODULES, ids=rel)
def test_rule_module_does_no_io(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    calls = {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
    assert not calls & FORBIDDEN_CALLS, f"{path.name} calls {calls & FORBIDDEN_CALLS}"
    names = {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
    assert not names & {"today", "now", "utcnow", "isocalendar"}, f"{path.name} reads the clock or uses isocalendar"


BROWSER_MODULES = RULE_MODULES + [CHECKER / "page" / "ui.py"]


@pytest.mark.parametrize("path", BROWSER_MODULES, ids=rel)
def test_no_string_search_that_brython_gets_wrong(path):
    """Brython 3.15 (checked in headless Chromium): "abcabc".find("c", 0, 2) is 2, not -1 (the end is
    ignored), and "abcabc".rfind("a", 1) is 2, not 3 (a start other than 0 is miscounted)."""
    wrong = []
    for n in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if not (isinstance(n, ast.Call) and isinstance(n.func, ast.Attribute)):
            continue
        name, args = n.func.attr, n.args
        if name in ("find", "index") and len(args) >= 3:
            wrong.append(f"line {n.lineno}: .{name}() with an end")
        if name in ("rfind", "rindex") and len(args) >= 2 and not (isinstance(args[1], ast.Constant) and args[1].value == 0):
            wrong.append(f"line {n.lineno}: .{name}() with a start")
    assert not wrong, f"{rel(path)}: " + "; ".join(wrong)


def test_only_ui_imports_the_browser():
    offenders = []
    for path in CHECKER.rglob("*.py"):
        names = set(imports(ast.parse(path.read_text(encoding="utf-8"))))
        if names & {"browser", "javascript"} or any(n.startswith("browser.") for n in names):
            offenders.append(rel(path))
    assert offenders in ([], ["page/ui.py"]), offenders


def test_rules_and_page_live_in_their_own_folders():
    """A reader sees at once which files are rules and which are the page."""
    page = {p.name for p in (CHECKER / "page").glob("*.py")}
    assert page == {"__init__.py", "service.py", "view.py", "render.py", "form.py", "ui.py", "nocsearch.py"}
    assert not {"service.py", "render.py", "form.py", "ui.py", "page.py"} & {p.name for p in CHECKER.glob("*.py")}


@pytest.mark.parametrize("path", RULE_MODULES, ids=rel)
def test_doctests(path):
    dotted = ".".join(("checker",) + path.relative_to(CHECKER).with_suffix("").parts)
    module = importlib.import_module(dotted[:-len(".__init__")] if dotted.endswith(".__init__") else dotted)
    failures, _ = doctest.testmod(module, verbose=False)
    assert failures == 0
