"""The rules stay pure: no I/O, no clock, no browser, no standard-library imports.

Brython compiles every imported module on the page, so the rule modules import
nothing but each other. Only the shells may do more: cli.py (files, streams,
the clock) and ui.py (the browser).
"""
from __future__ import annotations

import ast
import doctest
import importlib
from pathlib import Path

import pytest

CHECKER = Path(__file__).resolve().parent.parent / "checker"
SHELLS = {"cli.py", "__main__.py", "ui.py"}
RULE_MODULES = sorted(p for p in CHECKER.glob("*.py") if p.name not in SHELLS)
FORBIDDEN_CALLS = {"open", "print", "input", "eval", "exec", "__import__"}


def imports(tree):
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom):
            yield node.module or ""


@pytest.mark.parametrize("path", RULE_MODULES, ids=lambda p: p.name)
def test_rule_module_imports_only_the_checker(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    outside = [name for name in imports(tree) if name != "checker" and not name.startswith("checker.")]
    assert outside == [], f"{path.name} imports {outside}"


@pytest.mark.parametrize("path", RULE_MODULES, ids=lambda p: p.name)
def test_rule_module_does_no_io(path):
    tree = ast.parse(path.read_text(encoding="utf-8"))
    calls = {n.func.id for n in ast.walk(tree) if isinstance(n, ast.Call) and isinstance(n.func, ast.Name)}
    assert not calls & FORBIDDEN_CALLS, f"{path.name} calls {calls & FORBIDDEN_CALLS}"
    names = {n.attr for n in ast.walk(tree) if isinstance(n, ast.Attribute)}
    assert not names & {"today", "now", "utcnow", "isocalendar"}, f"{path.name} reads the clock or uses isocalendar"


def test_only_ui_imports_the_browser():
    offenders = []
    for path in CHECKER.glob("*.py"):
        names = set(imports(ast.parse(path.read_text(encoding="utf-8"))))
        if names & {"browser", "javascript"} or any(n.startswith("browser.") for n in names):
            offenders.append(path.name)
    assert offenders in ([], ["ui.py"]), offenders


@pytest.mark.parametrize("path", RULE_MODULES, ids=lambda p: p.name)
def test_doctests(path):
    module = importlib.import_module("checker." + path.stem if path.stem != "__init__" else "checker")
    failures, _ = doctest.testmod(module, verbose=False)
    assert failures == 0
