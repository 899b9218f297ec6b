"""Command line: ``python -m checker assess FILE`` prints the result document.

This module and ``ui.py`` are the checker's shells: they do the I/O (files,
standard streams, the clock) so the rule modules never have to.
"""

import argparse
import datetime
import json
import sys
from pathlib import Path

from checker import assess, load_rules
from checker.answers import InvalidAnswers

DATA_DIR = Path(__file__).resolve().parent / "data"


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


def _parser():
    p = argparse.ArgumentParser(
        prog="python -m checker",
        description="Check Canadian Experience Class eligibility and compute the CRS score from an answers document "
                    "(JSON, see contract.md). Runs entirely offline.",
        epilog="Exit status: 0 on success, 2 when the answers are invalid (a one-line message names the field).")
    sub = p.add_subparsers(dest="command", metavar="COMMAND")
    a = sub.add_parser("assess", help="print the result document for an answers file",
                       description="Print the result document (JSON) for an answers document.")
    a.add_argument("file", help="answers JSON file, or - for standard input")
    a.add_argument("--today", metavar="YYYY-MM-DD",
                   help="date to use when the answers have no as_of (default: today's date)")
    a.add_argument("--no-suggestions", action="store_true", help="skip the ranked suggestions")
    a.add_argument("--indent", type=int, default=2, metavar="N", help="indent the JSON by N spaces (0 for one line)")
    return p


def main(argv=None):
    parser = _parser()
    args = parser.parse_args(argv)
    if args.command != "assess":
        parser.print_help()
        return 0 if args.command is None and argv is not None else 2
    try:
        if args.file == "-":
            text = sys.stdin.read()
        else:
            text = Path(args.file).read_text(encoding="utf-8")
    except OSError as exc:
        print("cannot read %s: %s" % (args.file, exc.strerror or exc), file=sys.stderr)
        return 2
    except UnicodeDecodeError:
        print("cannot read %s: it is not UTF-8 text" % args.file, file=sys.stderr)
        return 2
    try:
        answers = json.loads(text)
    except json.JSONDecodeError as exc:
        print("invalid answers: not valid JSON (line %d, column %d: %s)" % (exc.lineno, exc.colno, exc.msg), file=sys.stderr)
        return 2
    today = args.today or datetime.date.today().isoformat()
    try:
        datetime.date.fromisoformat(today)
    except ValueError:
        print("--today must be a date written YYYY-MM-DD, like 2026-11-25", file=sys.stderr)
        return 2
    try:
        result = assess(answers, default_rules(), today, with_suggestions=not args.no_suggestions)
    except InvalidAnswers as exc:
        print(exc.one_line(), file=sys.stderr)
        return 2
    indent = args.indent if args.indent > 0 else None
    json.dump(result, sys.stdout, indent=indent, ensure_ascii=False)
    sys.stdout.write("\n")
    return 0
