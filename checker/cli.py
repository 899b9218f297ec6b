"""Command line: ``python -m checker assess FILE`` prints the result document.

This module and ``ui.py`` are the checker's shells: they do the I/O (files,
standard streams, the clock) so the rule modules never have to.
"""

import argparse
import datetime
import json
import os
import sys
from pathlib import Path

from checker import assess, dates, load_rules
from checker.answers import MAX_LINE, InvalidAnswers
from checker.words import Words

DATA_DIR = Path(__file__).resolve().parent / "data"
CATALOG_DIR = Path(__file__).resolve().parent / "catalog"
LANGUAGES = ("en", "fr")


def read_rule_tables(data_dir=DATA_DIR):
    """Every rule table in ``checker/data``, keyed by file name (without .json)."""
    tables = {}
    for path in sorted(Path(data_dir).glob("*.json")):
        tables[path.stem] = json.loads(path.read_text(encoding="utf-8"))
    return tables


_RULES = None


def default_rules():
    global _RULES
    if _RULES is None:
        _RULES = load_rules(read_rule_tables())
    return _RULES


def read_catalog(lang, catalog_dir=CATALOG_DIR):
    """The words of one language (``checker/catalog/<lang>.json``), decoded."""
    return json.loads((Path(catalog_dir) / (lang + ".json")).read_text(encoding="utf-8"))


_WORDS = {}


def default_words(lang="en"):
    if lang not in _WORDS:
        _WORDS[lang] = Words(read_catalog(lang))
    return _WORDS[lang]


RESULT_HELP = """\
The result document (contract.md sections 2 and 5) holds, for the assessment date (as_of):
  rules_in_force, rules_verified   the dates of the rules used and when they were last checked
  age, clb, language_results       your age, and each test result with its CLB levels and validity
  cec          the verdict (eligible: true, false or null for "cannot tell"), each condition
               with its sources, qualifying_hours and eligible_on (the date you would qualify)
  fsw, fst     the Federal Skilled Worker and Federal Skilled Trades verdicts
  crs          the CRS score: total, core, spouse, transferability, additional and every factor
  categories   one entry per Express Entry category in force on as_of (french, healthcare_social_services,
               trades, stem, education, transport, physicians, researchers, senior_managers, military,
               agriculture): id, eligible (true, false or null), detail, hours (in the best single
               listed occupation), eligible_on (when the current job will meet the rule) and sources;
               an empty list (and a note) before 2025-02-27, when categories are not modelled
  timeline     dated events, sorted: cec_eligible, cec_met_until, permit_end, language_test_expires,
               category_eligible:<id>, crs_age_points; each {date, id, text, warning}
  suggestions  what would raise your chances, most useful first (not with --no-suggestions)
  notes        what the checker could not know, and what it assumed
Texts are in the --lang language; ids, numbers and dates are the same in every language."""


def _parser():
    p = argparse.ArgumentParser(
        prog="python -m checker",
        description="Check Canadian Experience Class eligibility and compute the CRS score from an answers document "
                    "(JSON, see contract.md). Runs entirely offline.",
        epilog="Exit status: 0 on success, 2 when the answers are invalid (a one-line message names the field).")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    a = sub.add_parser("assess", help="print the result document for an answers file",
                       formatter_class=argparse.RawDescriptionHelpFormatter,
                       description="Print the result document (JSON) for an answers document.",
                       epilog=RESULT_HELP)
    a.add_argument("file", help="answers JSON file, or - for standard input")
    a.add_argument("--today", metavar="YYYY-MM-DD",
                   help="date to use when the answers have no as_of (default: today's date)")
    a.add_argument("--no-suggestions", action="store_true", help="skip the ranked suggestions")
    a.add_argument("--lang", choices=[lang for lang in LANGUAGES if (CATALOG_DIR / (lang + ".json")).exists()],
                   default="en", help="language of the texts (ids, numbers and dates are the same in every language)")
    a.add_argument("--indent", type=int, default=2, metavar="N", help="indent the JSON by N spaces (0 for one line)")
    return p


def read_text(name, stdin):
    """The text of a file, or of ``stdin`` (bytes) for "-", decoded as UTF-8 whatever the locale.

    Raises OSError or UnicodeDecodeError.
    """
    data = stdin.read() if name == "-" else Path(name).read_bytes()
    return data.decode("utf-8-sig")  # strict: bytes that are not UTF-8 are refused, never passed on


def parse_json(text):
    """The decoded document, or raise ValueError with a one-line reason."""
    try:
        return json.loads(text)
    except json.JSONDecodeError as exc:
        raise ValueError("not valid JSON (line %d, column %d: %s)" % (exc.lineno, exc.colno, exc.msg)) from None
    except RecursionError:
        raise ValueError("not an answers document: it is nested far too deeply") from None
    except ValueError:  # e.g. an integer of thousands of digits
        raise ValueError("not an answers document: it holds a number far too long to be an answer") from None


def fail(message, stderr):
    """Exit status 2 with one line on standard error (at most MAX_LINE characters), nothing on standard output."""
    line = " ".join(str(message).split())
    if len(line) > MAX_LINE:
        line = line[:MAX_LINE - 1] + "…"
    stderr.write(line + "\n")
    return 2


def main(argv=None, stdin=None, stdout=None, stderr=None):
    """Run the command line; ``stdin``/``stdout`` are binary streams, ``stderr`` a text one (default: the process's)."""
    stdin = stdin or sys.stdin.buffer
    stdout = stdout or sys.stdout.buffer
    stderr = stderr or sys.stderr
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command != "assess":
        parser.print_help()
        return 0 if args.command is None and argv is not None else 2
    shown_file = "standard input" if args.file == "-" else args.file
    try:
        text = read_text(args.file, stdin)
    except OSError as exc:
        return fail("cannot read %s: %s" % (shown_file, exc.strerror or exc), stderr)
    except UnicodeDecodeError:
        return fail("cannot read %s: it is not UTF-8 text" % shown_file, stderr)
    try:
        answers = parse_json(text)
    except ValueError as exc:
        return fail("invalid answers: %s" % exc, stderr)
    if args.today is not None and dates.parse_iso(args.today) is None:
        return fail("--today must be a date written YYYY-MM-DD, like 2026-11-25", stderr)
    today = args.today or datetime.date.today().isoformat()
    words = default_words(args.lang)
    try:
        result = assess(answers, default_rules(), today, with_suggestions=not args.no_suggestions, words=words)
    except InvalidAnswers as exc:
        return fail(exc.one_line(words), stderr)
    indent = args.indent if args.indent > 0 else None
    out = json.dumps(result, indent=indent, ensure_ascii=False) + "\n"
    try:
        data = out.encode("utf-8")
    except UnicodeEncodeError:  # cannot happen for valid answers (text is checked); never write half a document
        data = (json.dumps(result, indent=indent, ensure_ascii=True) + "\n").encode("ascii")
    stdout.write(data)
    stdout.flush()
    return 0


def run(argv=None):
    """``main`` for ``python -m checker``: a closed pipe (``| head -1``) ends quietly."""
    try:
        try:
            code = main(argv)
        except SystemExit as exc:  # argparse's --help and usage errors
            code = exc.code
        sys.stdout.flush()
        return code
    except BrokenPipeError:
        # Python would complain again when it flushes standard output at exit.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
