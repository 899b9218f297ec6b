"""Hypothesis strategies for malformed answers documents, as bytes for the command line.

Each input starts from a valid answers document (``strategies.answers_documents``)
and breaks it at one or more paths of the contract: a wrong type, an odd number,
an odd date, digits from other scripts, deep nesting, a huge integer, control
characters or lone surrogates in keys and values, then sometimes odd bytes
(not UTF-8, a byte-order mark, a NUL, a cut). ``contract_problem`` says whether
the command line's answer to one input breaks contract §3.
"""
from __future__ import annotations

import io
import json

from hypothesis import strategies as st

from checker import answers as answers_module
from checker.cli import main
from strategies import answers_documents

PLACEHOLDER = "\u0000@@RAW@@\u0000"

ODD_DATES = ["2026-1-25", "2024-02-30", "20261201", "2026-W01-1", "0000-01-01", "9999-12-31", "2026-11-25T00:00",
             " 2026-11-25", "２０２６-１１-２５", "2026-11-25\n", "2026/11/25", "", "2022-11-15", "1800-01-01"]
ODD_TEXT = ["２１２３２", "2²232", "2₂232", "2١232", "\ud800", "a\udfffb", "\x1b[31m", "line\nbreak", "\u202e", "\x00",
            "ielts_general ", "IELTS_GENERAL", "QC ", "on", "1e3", "NaN", "true", "null", "⁴⁰"]
ODD_NUMBERS = [0, -1, -0.0, 0.5, 1e-9, 6.999999999, 7.0000000001, 1e308, 5e-324, 2 ** 63, -(2 ** 63), 10 ** 30,
               float("nan"), float("inf"), float("-inf"), 168.01, 0.001, 37.555, 4300]


def _raw(text):
    """A value written into the JSON text as it is (deep nesting, huge integer literals)."""
    return ("raw", text)


odd_raw = st.one_of(
    st.integers(900, 3000).map(lambda n: _raw("[" * n + "]" * n)),
    st.integers(900, 3000).map(lambda n: _raw('{"a":' * n + "1" + "}" * n)),
    st.integers(4301, 6000).map(lambda n: _raw("9" * n)),
    st.integers(300, 400).map(lambda n: _raw("1" + "0" * n)),   # a big but readable integer
    st.just(_raw("1e99999")), st.just(_raw("-1e99999")),
)

odd_value = st.one_of(
    st.none(), st.booleans(), st.integers(-10 ** 6, 10 ** 6), st.sampled_from(ODD_NUMBERS),
    st.floats(allow_nan=True, allow_infinity=True),
    st.sampled_from(ODD_DATES), st.sampled_from(ODD_TEXT),
    st.text(st.characters(codec=None, categories=["Cc", "Cs", "Nd", "No", "Zs", "Lo", "Sm"]), max_size=8),
    st.lists(st.integers(0, 3), max_size=3), st.dictionaries(st.sampled_from(["teer", "x", ""]), st.integers(), max_size=2),
    odd_raw,
)

odd_key = st.one_of(
    st.text(st.characters(codec=None, categories=["Cc", "Cs", "Lu", "Ll", "Nd", "Po", "Zs", "Cf"]), min_size=0, max_size=12),
    st.integers(41, 6000).map(lambda n: "k" * n),
    st.sampled_from(["a.b", "jobs[0]", '"', "\\", "__proto__", "constructor", "as_of "]),
)


def _paths(value, path=()):
    """Every place in a JSON value: the value itself and everything inside it."""
    yield path
    if isinstance(value, dict):
        for key, item in value.items():
            yield from _paths(item, path + (key,))
    elif isinstance(value, list):
        for i, item in enumerate(value):
            yield from _paths(item, path + (i,))


def _replace(doc, path, new):
    if not path:
        return new
    head, rest = path[0], path[1:]
    copy = dict(doc) if isinstance(doc, dict) else list(doc)
    copy[head] = _replace(copy[head], rest, new)
    return copy


@st.composite
def broken_document(draw):
    """A valid document broken at 1 to 3 places; raw JSON fragments are kept aside for ``to_bytes``."""
    doc = draw(answers_documents())
    raws = []
    for _ in range(draw(st.integers(1, 3))):
        places = list(_paths(doc))
        path = draw(st.sampled_from(places))
        target = doc
        for step in path:
            target = target[step]
        if isinstance(target, dict) and draw(st.booleans()):  # an odd extra key
            new = dict(target)
            new[draw(odd_key)] = draw(odd_value)
        else:
            new = draw(odd_value)
        if isinstance(new, tuple) and new and new[0] == "raw":
            raws.append(new[1])
            new = PLACEHOLDER
        doc = _replace(doc, path, new)
    return doc, raws


@st.composite
def malformed_input(draw):
    """(bytes for standard input, the document they were made from or None)."""
    doc, raws = draw(broken_document())
    ascii_only = draw(st.booleans())
    text = json.dumps(doc, ensure_ascii=ascii_only, allow_nan=True)
    for raw in raws:
        text = text.replace(json.dumps(PLACEHOLDER, ensure_ascii=ascii_only), raw, 1)
    data = text.encode("utf-8", "surrogatepass")  # a lone surrogate written raw: bytes that are not UTF-8
    how = draw(st.integers(0, 9))
    if how == 0:
        data = b"\xef\xbb\xbf" + data
    elif how == 1:
        cut = draw(st.integers(0, len(data)))
        data = data[:cut]
    elif how == 2:
        at = draw(st.integers(0, len(data)))
        data = data[:at] + draw(st.sampled_from([b"\xff", b"\x00", b"\xc3", b"\xed\xa0\x80", b"\x80\x80"])) + data[at:]
    return data


def run_cli(data: bytes, suggestions: bool = True):
    """(exit status, standard output bytes, standard error text) of ``python -m checker assess -``."""
    out, err = io.BytesIO(), io.StringIO()
    args = ["assess", "-", "--today", "2026-12-01"] + ([] if suggestions else ["--no-suggestions"])
    code = main(args, stdin=io.BytesIO(data), stdout=out, stderr=err)
    return code, out.getvalue(), err.getvalue()


KNOWN_FIELDS = set(answers_module.TOP_FIELDS + answers_module.EDUCATION_FIELDS + answers_module.RESULT_FIELDS
                   + answers_module.JOB_FIELDS + answers_module.JOB_OFFER_FIELDS + answers_module.SPOUSE_FIELDS)
PARSE_MESSAGES = ("invalid answers: not valid JSON", "invalid answers: not an answers document",
                  "cannot read standard input: it is not UTF-8 text")


def _segments(path: str):
    """'jobs[0].noc' -> ['jobs', 0, 'noc']; a quoted name ("a.b") is one segment."""
    out, i = [], 0
    while i < len(path):
        c = path[i]
        if c == ".":
            i += 1
        elif c == "[":
            j = path.index("]", i)
            out.append(int(path[i + 1:j]))
            i = j + 1
        elif c == '"':
            j = i + 1
            while j < len(path) and not (path[j] == '"' and path[j - 1] != "\\"):
                j += 1
            out.append(path[i:j + 1])
            i = j + 1
        else:
            j = i
            while j < len(path) and path[j] not in ".[":
                j += 1
            out.append(path[i:j])
            i = j
    return out


def names_a_real_path(line: str, doc) -> bool:
    """The message names a place that exists in ``doc`` (the last step may be a missing contract field,
    or an unknown field as errors show it)."""
    if not line.startswith("invalid answers: "):
        return False
    rest = line[len("invalid answers: "):]
    if rest.startswith("(answers): "):
        return not isinstance(doc, dict)
    if rest.startswith('"'):  # an odd field name, quoted: it may hold ": "
        end = 1
        while end < len(rest) and not (rest[end] == '"' and rest[end - 1] != "\\"):
            end += 1
        path = rest[:end + 1]
    else:
        path = rest.split(": ", 1)[0]
    steps = _segments(path)
    target = doc
    for n, step in enumerate(steps):
        last = n == len(steps) - 1
        if isinstance(step, int):
            if not isinstance(target, list) or step >= len(target):
                return False
            target = target[step]
            continue
        if not isinstance(target, dict):
            return False
        if step in target:
            target = target[step]
            continue
        shown = {answers_module.shown_key(k): k for k in target}
        if step in shown:
            target = target[shown[step]]
            continue
        return last and step in KNOWN_FIELDS
    return True


def contract_problem(data: bytes):
    """None if the command line kept contract §3 for this input, else what went wrong."""
    try:
        code, out, err = run_cli(data)
    except Exception as exc:  # noqa: BLE001 - any exception is the problem being looked for
        return "raised %s: %s" % (type(exc).__name__, exc)
    if code == 0:
        if err:
            return "exit 0 with standard error: %r" % err[:200]
        try:
            result = json.loads(out.decode("utf-8"))
        except (UnicodeDecodeError, ValueError) as exc:
            return "exit 0 but standard output is not UTF-8 JSON: %s" % exc
        if not isinstance(result, dict) or "cec" not in result or "crs" not in result:
            return "exit 0 without a result document"
        return None
    if code != 2:
        return "exit status %r" % code
    if out:
        return "exit 2 with standard output"
    if not err.endswith("\n") or err.count("\n") != 1:
        return "exit 2 without exactly one line: %r" % err[:300]
    line = err[:-1]
    if len(line) > 300:
        return "a line of %d characters" % len(line)
    if any(ord(c) < 32 or 0xD800 <= ord(c) <= 0xDFFF for c in line):
        return "control characters or surrogates in the message: %r" % line[:200]
    if line.startswith(PARSE_MESSAGES):
        return None
    try:
        doc = json.loads(data.decode("utf-8-sig"))
    except (UnicodeDecodeError, ValueError, RecursionError):
        return "a field named for input that is not a JSON document: %r" % line
    if not names_a_real_path(line, doc):
        return "the message does not name a real path: %r" % line
    return None
