"""Building answers documents and reading results in rule tests."""
from __future__ import annotations

import copy
import json
import datetime as dt

from checker import assess as _assess
from checker.cli import default_rules, default_words

TODAY = "2026-11-25"


def rules():
    return default_rules()


def job(start="2024-01-01", end=None, hours=40, teer=1, **flags):
    j = {"title": "Job", "teer": teer, "start": start, "end": end, "hours_per_week": hours}
    j.update(flags)
    return j


def ielts(r=7.0, w=7.0, l=8.0, s=7.0, date="2026-01-15"):
    """IELTS General Training result; the defaults give CLB 9 in all four abilities."""
    return {"test": "ielts_general", "test_date": date, "reading": r, "writing": w, "listening": l, "speaking": s}


def celpip(r, w=None, l=None, s=None, date="2026-01-15"):
    """CELPIP-General result: the level equals the CLB for 4 to 10."""
    w = r if w is None else w
    l = r if l is None else l
    s = r if s is None else s
    return {"test": "celpip_general", "test_date": date, "reading": r, "writing": w, "listening": l, "speaking": s}


def tef(r, w, l, s, date="2026-01-15"):
    return {"test": "tef_canada", "test_date": date, "reading": r, "writing": w, "listening": l, "speaking": s}


def birth_for_age(age: int, as_of: str = TODAY) -> str:
    """A birth date giving ``age`` on ``as_of`` (birthday well before it in the year)."""
    d = dt.date.fromisoformat(as_of)
    return dt.date(d.year - age, 1, 1).isoformat() if (d.month, d.day) >= (1, 1) else None


def answers(**overrides) -> dict:
    """A complete, valid answers document for a single person; override any field."""
    doc = {
        "as_of": TODAY,
        "birth_date": "1997-06-15",
        "intended_province": "ON",
        "education": {"level": "bachelors", "canadian": "none"},
        "languages": [ielts()],
        "jobs": [job()],
        "certificate_of_qualification": False,
        "provincial_nomination": False,
        "sibling_in_canada": False,
        "job_offer": None,
        "spouse": None,
    }
    doc.update(copy.deepcopy(overrides))
    return doc


# Every answers document the rule tests assess, so tests/test_parity.py can run the same cases
# in the browser under Brython and compare (glyph's "test on both", brython-dev/brython#491).
RECORDED: dict = {}


def assess(doc: dict, **kw) -> dict:
    try:
        key = json.dumps(doc, sort_keys=True)
    except TypeError:
        key = None
    if key is not None and len(RECORDED) < 5000:
        RECORDED.setdefault(key, doc)
    kw.setdefault("words", default_words("en"))
    return _assess(doc, rules(), TODAY, **kw)


def factor(result: dict, fid: str) -> int:
    for f in result["crs"]["factors"]:
        if f["id"] == fid:
            return f["points"]
    raise KeyError(fid)


def condition(result: dict, cid: str, program: str = "cec") -> dict:
    for c in result[program]["conditions"]:
        if c["id"] == cid:
            return c
    raise KeyError(cid)


# The result document's sentences: every other value is the same in every language.
SENTENCES = {"text", "detail", "name", "title", "note", "rules_in_force", "caveat"}


def facts(node):
    """A result document without its sentences (ids, numbers, dates, booleans)."""
    if isinstance(node, dict):
        return {k: facts(v) for k, v in node.items() if k not in SENTENCES}
    if isinstance(node, list):
        return [facts(v) for v in node]
    return node
