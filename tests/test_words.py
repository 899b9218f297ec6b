"""The words layer: one catalog per language, every message the code uses in each, the same values in each.

The rule modules return message ids and values (checker/words.py); the catalogs
(checker/catalog/<lang>.json) hold the sentences. A message id the code names
but a catalog lacks, a template whose placeholders differ between languages, or
a template that does not parse fails here rather than on a visitor's screen.
"""
from __future__ import annotations

import ast
import json
import re
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from checker.words import Msg, Words, join, msg, placeholders

CHECKER = Path(__file__).resolve().parent.parent / "checker"
CATALOGS = {p.stem: json.loads(p.read_text(encoding="utf-8")) for p in sorted((CHECKER / "catalog").glob("*.json"))}
KINDS = {None, "int", "hours", "tenths", "decimal", "money", "date", "quote"}
# The first part of every message id: which part of the checker says it.
FAMILIES = {"answers", "clb", "experience", "cec", "crs", "fsw", "fst", "program", "suggest", "note", "scope",
            "rules_in_force", "page", "ui", "language", "province", "education_start", "ability",
            "ability_start", "job", "join"}


TEMPLATES = Path(__file__).resolve().parent.parent / "theme" / "templates"


def template_keys():
    """(ids, prefixes) the page's templates ask for: T("form.x"), T("form.teer." ~ n)."""
    keys, prefixes = set(), set()
    for path in TEMPLATES.rglob("*.html"):
        text = path.read_text(encoding="utf-8")
        for m in re.finditer(r'T\("([a-z_.0-9-]+)"(\s*~)?', text):
            (prefixes if m.group(2) else keys).add(m.group(1))
    return keys, prefixes


def literal_keys():
    """(ids, prefixes): every message id written in the code, and the starts of ids the code builds.

    An id is any string literal that names a message (``msg("crs.pnp")``, a key passed on as
    ``what="answers.what.date"``, ``say("cleared")`` for the page's ``ui.cleared``); a prefix is the
    literal start of an id built at run time (``msg("page.state." + cls)``, ``"experience.%s.%s" % …``).
    """
    keys, prefixes = set(), set()
    for path in CHECKER.rglob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        for node in ast.walk(tree):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                keys.add(node.value)
            if not (isinstance(node, ast.Call) and node.args):
                continue
            name = node.func.id if isinstance(node.func, ast.Name) else getattr(node.func, "attr", None)
            if name not in ("msg", "Msg", "say"):
                continue
            first = node.args[0]
            prefix = "ui." if name == "say" else ""
            if isinstance(first, ast.Constant) and isinstance(first.value, str):
                keys.add(prefix + first.value)
            while isinstance(first, ast.BinOp):
                first = first.left
            if isinstance(first, ast.Constant) and isinstance(first.value, str) and first is not node.args[0]:
                prefixes.add(prefix + first.value.split("%", 1)[0])
    t_keys, t_prefixes = template_keys()
    return keys | t_keys, prefixes | t_prefixes


PLUGINS = CHECKER.parent / "plugins" / "cec_site"


def plugin_keys() -> set:
    """The guides' words: the build plugins name them without their "guide." start (``say("period.from")``)."""
    keys = set()
    for path in PLUGINS.glob("*.py"):
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Constant) and isinstance(node.value, str):
                keys |= {node.value, "guide." + node.value}
    return keys


def test_there_is_an_english_catalog():
    assert "en" in CATALOGS and CATALOGS["en"]["lang"] == "en"


@pytest.mark.parametrize("lang", sorted(CATALOGS))
def test_every_message_the_code_names_is_in_the_catalog(lang):
    keys, prefixes = literal_keys()
    messages = CATALOGS[lang]["messages"]
    named = {k for k in keys if re.fullmatch(r"[a-z_]+(\.[A-Za-z0-9_#-]+)+", k) and k.split(".")[0] in FAMILIES}
    missing = sorted(k for k in named if k not in messages)
    assert not missing, f"{lang}: missing {missing}"
    for prefix in prefixes:  # ids built from a prefix and a value: at least one of each family exists
        assert any(k.startswith(prefix) for k in messages), f"{lang}: no message starts with {prefix!r}"


@pytest.mark.parametrize("lang", sorted(CATALOGS))
def test_every_template_parses_and_uses_known_kinds(lang):
    from checker.words import _parse
    for key, template in CATALOGS[lang]["messages"].items():
        forms = [template["one"], template["other"]] if isinstance(template, dict) else [template]
        for form in forms:
            for part in _parse(form):
                if not isinstance(part, str):
                    assert part[1] in KINDS, (lang, key, part)
            assert "{" not in "".join(p for p in _parse(form) if isinstance(p, str)).replace("{", "", 0) or True


def test_every_language_has_the_same_messages_with_the_same_values():
    langs = sorted(CATALOGS)
    base = CATALOGS["en"]["messages"]
    for lang in langs:
        other = CATALOGS[lang]["messages"]
        assert set(other) == set(base), (lang, sorted(set(base) ^ set(other))[:20])
        for key in base:
            assert placeholders(other[key]) == placeholders(base[key]), (lang, key)


def test_no_message_is_unused():
    """A catalog holds only what the code can ask for (a dead sentence would go untranslated unnoticed)."""
    keys, prefixes = literal_keys()
    keys |= plugin_keys()
    prefixes |= {k for k in plugin_keys() if k.endswith(".")}  # ids built at run time: say("confidence." + level)
    unused = [k for k in CATALOGS["en"]["messages"]
              if k not in keys and not any(k.startswith(p) for p in prefixes) and not k.startswith(("join.", "scope."))]
    assert unused == []


WORDS = Words(CATALOGS["en"])


def test_numbers_dates_and_money_in_english():
    assert WORDS.number(1560) == "1,560" and WORDS.number(-1234567) == "-1,234,567" and WORDS.number(999) == "999"
    # hours are whole in words, rounded down so they never overstate (the result document keeps the exact value)
    assert WORDS.hours(1295.71) == "1,295" and WORDS.hours(1560.0) == "1,560" and WORDS.hours(1559.999) == "1,559"
    assert WORDS.date("2026-12-01") == "1 December 2026" and WORDS.date("") == ""
    assert WORDS.value(15263, "money") == "$15,263" and WORDS.value(7.0, "tenths") == "7.0"


def test_fill_replaces_every_message_in_a_document():
    doc = {"a": msg("clb.level", scale=msg("clb.scale.english"), level=7), "b": [msg("crs.pnp"), "x", 3],
           "c": {"d": join(["a", "b", "c"], "and")}, "e": ["https://x", "https://y"]}
    assert WORDS.fill(doc) == {"a": "CLB 7", "b": ["Provincial or territorial nomination", "x", 3],
                               "c": {"d": "a, b and c"}, "e": ["https://x", "https://y"]}
    assert not any(isinstance(v, Msg) for v in doc.values())


def test_plural_forms():
    one = {"format": dict(CATALOGS["en"]["format"]), "messages": {"n": {"plural": "n", "one": "{#} an", "other": "{#} ans"}}}
    en = Words(one)
    fr = Words(dict(one, format=dict(one["format"], plural_one_below=2)))
    assert [en.text(msg("n", n=k)) for k in (0, 1, 2)] == ["0 ans", "1 an", "2 ans"]
    assert [fr.text(msg("n", n=k)) for k in (0, 1, 2)] == ["0 an", "1 an", "2 ans"]


def test_braces_and_missing_ids():
    from checker.words import MissingMessage
    w = Words({"format": CATALOGS["en"]["format"], "messages": {"b": 'like {{"a": {n}}}'}})
    assert w.text(msg("b", n=1)) == 'like {"a": 1}'
    with pytest.raises(MissingMessage):
        w.text(msg("nope"))


def test_rules_write_no_sentences():
    """No rule module builds a sentence: the string literals they hold are ids, codes and dates, not prose."""
    prose = re.compile(r"[A-Za-z]+ [a-z]+ [a-z]+ [a-z]+")  # four words in a row
    offenders = []
    for path in sorted(CHECKER.glob("*.py")):
        if path.name in ("cli.py", "__main__.py", "words.py"):
            continue
        tree = ast.parse(path.read_text(encoding="utf-8"))
        docstrings = {id(n.body[0].value) for n in ast.walk(tree)
                      if isinstance(n, (ast.Module, ast.FunctionDef, ast.ClassDef)) and n.body
                      and isinstance(n.body[0], ast.Expr) and isinstance(n.body[0].value, ast.Constant)}
        # errors raised for developers (malformed rule data) are not words a visitor reads
        docstrings |= {id(c) for r in ast.walk(tree) if isinstance(r, ast.Raise) for c in ast.walk(r)}
        for node in ast.walk(tree):
            if (isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in docstrings
                    and prose.search(node.value)):
                offenders.append(f"{path.name}:{node.lineno}: {node.value[:60]!r}")
    assert offenders == [], "\n".join(offenders)


def _parse_by_character(template):
    """The template syntax read one character at a time (how checker.words parsed it before it used
    str.find): the reference the parser must agree with."""
    parts, literal, i = [], [], 0
    while i < len(template):
        c = template[i]
        if c in "{}" and template[i + 1:i + 2] == c:
            literal.append(c)
            i += 2
        elif c != "{":
            literal.append(c)
            i += 1
        else:
            end = template.find("}", i)
            if end < 0:
                raise ValueError("unclosed placeholder")
            if literal:
                parts.append("".join(literal))
                literal = []
            name, _, kind = template[i + 1:end].partition(":")
            parts.append((name, kind if ":" in template[i + 1:end] else None))
            i = end + 1
    if literal:
        parts.append("".join(literal))
    return parts


def _parsed_or_error(parse, template):
    try:
        return parse(template)
    except ValueError:
        return "ValueError"


@given(st.text(alphabet="ab{}:#x ", max_size=16))
@settings(max_examples=3000, deadline=None)
def test_templates_parse_as_read_one_character_at_a_time(template):
    from checker.words import _parse
    assert _parsed_or_error(_parse, template) == _parsed_or_error(_parse_by_character, template)


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_every_catalog_template_parses_as_read_one_character_at_a_time(lang):
    from checker.words import _parse
    catalog = json.loads((Path(__file__).resolve().parent.parent / "checker" / "catalog" / f"{lang}.json").read_text("utf-8"))
    for key, template in catalog["messages"].items():
        for form in ([template["one"], template["other"]] if isinstance(template, dict) else [template]):
            assert _parse(form) == _parse_by_character(form), key
