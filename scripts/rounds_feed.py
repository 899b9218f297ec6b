#!/usr/bin/env python3
"""Bring IRCC's rounds of invitations up to date from IRCC's published feed.

    python scripts/rounds_feed.py [FEED] [--csv PATH] [--pool PATH]

FEED is the address of IRCC's JSON feed (the default, :data:`FEED_URL`, the
data behind IRCC's "Rounds of invitations" page) or a local copy of it. The
script is the only part of the project that reaches the network, and only when
FEED is an address; the site build reads the committed files alone.

It updates two files:

- ``content/data/express-entry-rounds.csv`` (``round,date,round_type,invitations,min_crs``,
  by round number): every recorded row is kept exactly as it is, even when the
  feed no longer lists it or now gives other values (the difference is printed
  as a notice); rounds dated on or after :data:`SINCE` that the CSV lacks are
  added, their type written in the CSV's naming (:func:`normalise_type`).
- ``content/data/pool-distribution.json``: the pool distribution (candidates by
  CRS range on a date) published with the newest round that has one, unless the
  file already holds a newer one.

The feed is checked before anything is written, and a feed that is not shaped as
expected (a missing or renamed field, text where a number should be, no rounds,
a pool whose sums do not add up) is refused with one line per problem, exit
status 2, and no file changed. Files are replaced atomically, and only when
their text changes, so a rerun on the same feed changes nothing.

Standard library only (and ``checker``, which is too): it runs from a fresh clone.
"""
from __future__ import annotations

import argparse
import csv
import datetime
import io
import json
import os
import re
import sys
import tempfile
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from checker.rounds import round_kind  # noqa: E402  (one classifier for the whole site)

FEED_URL = "https://www.canada.ca/content/dam/ircc/documents/json/ee_rounds_123_en.json"
CSV_PATH = ROOT / "content" / "data" / "express-entry-rounds.csv"
POOL_PATH = ROOT / "content" / "data" / "pool-distribution.json"

# The site covers rounds from this date on; older rounds in the feed are ignored (their numbers
# are not all numeric: "91a", "91b").
SINCE = "2024-01-01"

COLUMNS = ["round", "date", "round_type", "invitations", "min_crs"]
ROUND_FIELDS = ("drawNumber", "drawDate", "drawName", "drawSize", "drawCRS")
POOL_FIELDS = ("drawDistributionAsOn",) + tuple(f"dd{i}" for i in range(1, 19))
# Every field the feed had when this script was written; a missing field is reported with the
# fields we do not know, which is how a renamed field shows.
KNOWN_FIELDS = set(ROUND_FIELDS + POOL_FIELDS) | {
    "drawNumberURL", "drawDateFull", "drawDateTime", "drawCutOff", "drawText2", "mitext", "DrawText1"}

# The pool distribution: dd1 … dd17 are candidates by CRS range; dd3 and dd9 are subtotals of the
# ten-point ranges below them and dd18 the total. Only the disjoint ranges are kept, highest first.
RANGES = (("dd1", 601, 1200), ("dd2", 501, 600),
          ("dd4", 491, 500), ("dd5", 481, 490), ("dd6", 471, 480), ("dd7", 461, 470), ("dd8", 451, 460),
          ("dd10", 441, 450), ("dd11", 431, 440), ("dd12", 421, 430), ("dd13", 411, 420), ("dd14", 401, 410),
          ("dd15", 351, 400), ("dd16", 301, 350), ("dd17", 0, 300))
SUBTOTALS = (("dd3", ("dd4", "dd5", "dd6", "dd7", "dd8"), "451-500"),
             ("dd9", ("dd10", "dd11", "dd12", "dd13", "dd14"), "401-450"))
TOTAL = "dd18"

MONTHS = ["January", "February", "March", "April", "May", "June", "July",
          "August", "September", "October", "November", "December"]
CRS_MAX = 1200

_NUMBER = re.compile(r"[0-9]{1,3}(?:,[0-9]{3})+|[0-9]+")
_ISO = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")
_LONG_DATE = re.compile(r"(%s) ([0-9]{1,2}), ([0-9]{4})" % "|".join(MONTHS))


class Refused(Exception):
    """The input is not what the script expects; ``problems`` lists each problem in one line."""

    def __init__(self, problems):
        super().__init__("\n".join(problems))
        self.problems = list(problems)


# --- reading the feed --------------------------------------------------------------------

def fetch(source: str) -> tuple[bytes, str]:
    """The feed's bytes and the address to cite as its source.

    An http(s) address is fetched (the only network access in the project); anything else is a
    local copy of IRCC's feed, cited as :data:`FEED_URL`.
    """
    if re.match(r"https?://", source):
        request = urllib.request.Request(source, headers={"User-Agent": "cec-pathways rounds update",
                                                          "Accept": "application/json"})
        with urllib.request.urlopen(request, timeout=60) as response:
            return response.read(), source
    return Path(source).read_bytes(), FEED_URL


def _iso(value: str) -> str | None:
    if not isinstance(value, str) or not _ISO.fullmatch(value):
        return None
    try:
        return datetime.date.fromisoformat(value).isoformat()
    except ValueError:
        return None


def _long_date(value: str) -> str | None:
    """'August 3, 2026' -> '2026-08-03' (None if it is not such a date)."""
    m = _LONG_DATE.fullmatch(value) if isinstance(value, str) else None
    if not m:
        return None
    try:
        return datetime.date(int(m.group(3)), MONTHS.index(m.group(1)) + 1, int(m.group(2))).isoformat()
    except ValueError:
        return None


class _Round:
    """Reads the fields of one round of the feed, collecting a problem for each field that is wrong."""

    def __init__(self, raw: dict, index: int, problems: list):
        self.raw, self.problems = raw, problems
        number = raw.get("drawNumber")
        self.name = f"round {number}" if isinstance(number, str) and number.strip() else f"rounds[{index}]"

    def problem(self, field: str, text: str):
        self.problems.append(f"{self.name}: {field}: {text}")

    def get(self, field: str):
        if field not in self.raw:
            unknown = sorted(k for k in self.raw if k not in KNOWN_FIELDS)
            self.problem(field, "missing" + (f" (the round has fields we do not know: {', '.join(unknown)})"
                                             if unknown else ""))
            return None
        value = self.raw[field]
        if not isinstance(value, str):
            self.problem(field, f"expected text, found {json.dumps(value)}")
            return None
        return value

    def number(self, field: str, low: int = 0, high: int | None = None) -> int | None:
        value = self.get(field)
        if value is None:
            return None
        if not _NUMBER.fullmatch(value.strip()):
            self.problem(field, f"expected a whole number such as \"1,500\", found {json.dumps(value)}")
            return None
        n = int(value.replace(",", ""))
        if n < low or (high is not None and n > high):
            self.problem(field, f"{n:,} is out of range ({low:,} to {high:,})" if high is not None
                         else f"{n:,} is below {low:,}")
            return None
        return n

    def date(self, field: str) -> str | None:
        value = self.get(field)
        if value is None:
            return None
        iso = _iso(value.strip())
        if iso is None:
            self.problem(field, f"expected a date written YYYY-MM-DD, found {json.dumps(value)}")
        return iso


def parse_feed(data) -> tuple[list[dict], dict | None]:
    """The feed's rounds dated on or after :data:`SINCE`, as CSV rows (ints for numbers), and the
    newest pool distribution in them (or None). Raises :class:`Refused` listing every problem."""
    problems: list[str] = []
    if not isinstance(data, dict):
        raise Refused(["the feed is not a JSON object (expected {\"rounds\": [...]})"])
    if "rounds" not in data:
        raise Refused(["rounds: missing (the feed has: %s)" % (", ".join(sorted(data)) or "nothing")])
    raw_rounds = data["rounds"]
    if not isinstance(raw_rounds, list):
        raise Refused([f"rounds: expected a list of rounds, found {type(raw_rounds).__name__}"])
    if not raw_rounds:
        raise Refused(["rounds: the feed lists no rounds"])

    rounds, pools = [], []
    for index, raw in enumerate(raw_rounds):
        if not isinstance(raw, dict):
            problems.append(f"rounds[{index}]: expected an object, found {json.dumps(raw)[:40]}")
            continue
        r = _Round(raw, index, problems)
        date = r.date("drawDate")
        if date is None or date < SINCE:
            continue  # before the site's period (or no date: reported above)
        number_text = r.get("drawNumber")
        number = None
        if number_text is not None:
            if re.fullmatch(r"[0-9]+", number_text.strip()):
                number = int(number_text)
            else:
                r.problem("drawNumber", f"expected a round number, found {json.dumps(number_text)}")
        name = r.get("drawName")
        if name is not None and not name.strip():
            r.problem("drawName", "empty")
            name = None
        size = r.number("drawSize", low=1)
        crs = r.number("drawCRS", high=CRS_MAX)
        pool = _pool_of(r, date)
        if None not in (number, name, size, crs):
            rounds.append({"round": number, "date": date, "round_type": normalise_type(name),
                           "invitations": size, "min_crs": crs, "feed_name": name})
            if pool is not None and pool["total"] > 0:
                pools.append({"round": number, "round_date": date, **pool})

    if not problems:
        if not rounds:
            problems.append(f"rounds: no round dated on or after {SINCE}")
        seen = {}
        for row in rounds:
            if row["round"] in seen:
                problems.append(f"round {row['round']}: drawNumber: listed twice "
                                f"({seen[row['round']]} and {row['date']})")
            seen[row["round"]] = row["date"]
    newest = max(pools, key=lambda p: (p["round_date"], p["round"]), default=None)
    if newest is not None and not problems:
        problems += _pool_sum_problems(newest)
    if problems:
        raise Refused(problems)
    rounds.sort(key=lambda row: row["round"])
    if newest is not None:
        newest = {k: newest[k] for k in ("round", "as_of", "total", "ranges")}
    return rounds, newest


def _pool_of(r: _Round, round_date: str | None) -> dict | None:
    """The pool distribution published with one round (every field checked), or None if one is wrong."""
    before = len(r.problems)
    as_of_text = r.get("drawDistributionAsOn")
    as_of = None
    if as_of_text is not None:
        as_of = _long_date(as_of_text.strip())
        if as_of is None:
            r.problem("drawDistributionAsOn", f"expected a date such as \"August 3, 2026\", found {json.dumps(as_of_text)}")
        elif round_date is not None and as_of > round_date:
            r.problem("drawDistributionAsOn", f"{as_of} is after the round's date ({round_date})")
    counts = {field: r.number(field) for field in POOL_FIELDS[1:]}
    if len(r.problems) > before:
        return None
    return {"as_of": as_of, "total": counts[TOTAL], "_counts": counts,
            "ranges": [{"min": lo, "max": hi, "count": counts[field]} for field, lo, hi in RANGES],
            "_name": r.name}


def _pool_sum_problems(pool: dict) -> list[str]:
    """IRCC's subtotals and total must be the sums of its ranges."""
    counts, out = pool["_counts"], []
    for field, parts, label in SUBTOTALS:
        total = sum(counts[p] for p in parts)
        if counts[field] != total:
            out.append(f"{pool['_name']}: {field}: the {label} subtotal is {counts[field]:,} but "
                       f"{' + '.join(parts)} = {total:,}")
    total = sum(band["count"] for band in pool["ranges"])
    if counts[TOTAL] != total:
        out.append(f"{pool['_name']}: {TOTAL}: the total is {counts[TOTAL]:,} but the ranges "
                   f"({', '.join(f for f, _, _ in RANGES)}) add up to {total:,}")
    return out


# --- IRCC's round names in the CSV's naming ------------------------------------------------

# Words kept capitalised inside a name; every other word is lower-cased, except acronyms ("STEM").
_PROPER = {"Canadian", "Canada", "French", "English", "Quebec"}
_VERSION = re.compile(r"^(?P<stem>.*?)[\s,]*\(?\s*(?:(?P<year>[0-9]{4})\s*-\s*)?version\s*(?P<n>[0-9]+)\s*\)?\s*$",
                      re.IGNORECASE)


def _word(part: str, first: bool) -> str:
    if len(part) > 1 and part.isupper():
        return part                       # an acronym: STEM
    if part.capitalize() in _PROPER:
        return part.capitalize()
    return part.capitalize() if first else part.lower()


def normalise_type(name: str) -> str:
    """IRCC's ``drawName`` written as the CSV writes round types.

    Program rounds ("Canadian Experience Class", "Provincial Nominee Program", "General") are kept
    as IRCC writes them. Category rounds (those with a version) are written in sentence case with
    the version as "(V1)" or "(2026-V3)"; "French language" is hyphenated, and the "occupations" of a
    two-part category name ("Healthcare and social services occupations") is dropped:

    >>> normalise_type("Healthcare and Social Services Occupations, 2026-Version 3")
    'Healthcare and social services (2026-V3)'
    >>> normalise_type("French language proficiency (Version 1)")
    'French-language proficiency (V1)'
    >>> normalise_type("STEM occupations (Version 1)")
    'STEM occupations (V1)'
    """
    name = " ".join(name.split())
    m = _VERSION.match(name)
    if not m:
        return name
    words = []
    for i, word in enumerate(m.group("stem").split()):
        words.append("-".join(_word(part, i == 0 and j == 0) for j, part in enumerate(word.split("-"))))
    stem = " ".join(words)
    stem = re.sub(r"\b(French|English) language\b", r"\1-language", stem)
    stem = re.sub(r"^(.+ and .+) occupations$", r"\1", stem)
    version = f"{m.group('year')}-V{m.group('n')}" if m.group("year") else f"V{m.group('n')}"
    return f"{stem} ({version})"


# --- the recorded data ------------------------------------------------------------------------

def read_csv(path: Path) -> tuple[list[dict], str]:
    """The recorded rows (values as written) and the file's line ending. Raises :class:`Refused`."""
    if not path.exists():
        raise Refused([f"{path}: not found (give the rounds CSV with --csv)"])
    text = path.read_bytes().decode("utf-8")  # as written: keep its line endings
    newline = "\r\n" if "\r\n" in text else "\n"
    reader = csv.reader(io.StringIO(text, newline=""))
    header = next(reader, None)
    if header != COLUMNS:
        raise Refused([f"{path.name}: the header is {header}, expected {COLUMNS}"])
    rows, problems, seen = [], [], set()
    for line, fields in enumerate(reader, start=2):
        if len(fields) != len(COLUMNS):
            problems.append(f"{path.name} line {line}: {len(fields)} fields, expected {len(COLUMNS)}")
            continue
        row = dict(zip(COLUMNS, fields))
        if not (row["round"].isdigit() and row["invitations"].isdigit() and row["min_crs"].isdigit()
                and _iso(row["date"]) and row["round_type"].strip()):
            problems.append(f"{path.name} line {line}: not a round: {','.join(fields)}")
            continue
        if int(row["round"]) in seen:
            problems.append(f"{path.name} line {line}: round {row['round']} is recorded twice")
        seen.add(int(row["round"]))
        rows.append(row)
    if problems:
        raise Refused(problems)
    return rows, newline


def csv_text(rows: list[dict], newline: str = "\r\n") -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator=newline)
    writer.writerow(COLUMNS)
    for row in rows:
        writer.writerow([row[c] for c in COLUMNS])
    return out.getvalue()


def merge(recorded: list[dict], feed_rounds: list[dict]) -> tuple[list[dict], list[dict], list[str]]:
    """(every row, sorted by round; the rows added; notices). Recorded rows are never changed."""
    by_number = {int(r["round"]): r for r in recorded}
    added, notices = [], []
    for f in feed_rounds:
        row = {"round": str(f["round"]), "date": f["date"], "round_type": f["round_type"],
               "invitations": str(f["invitations"]), "min_crs": str(f["min_crs"])}
        mine = by_number.get(f["round"])
        if mine is None:
            added.append(row)
            if round_kind(row["round_type"]) == "other":
                notices.append(f"round #{row['round']}: the type {row['round_type']!r} (IRCC: {f['feed_name']!r}) "
                               f"is not one the checker knows; it counts as 'other' until checker/rounds.py names it")
            continue
        diffs = [f"{c} {mine[c]!r} recorded, {row[c]!r} in the feed" for c in COLUMNS[1:] if mine[c] != row[c]]
        if diffs:
            notices.append(f"round #{row['round']} differs in the feed (kept as recorded): " + "; ".join(diffs))
    listed = {f["round"] for f in feed_rounds}
    missing = sorted(n for n in by_number if n not in listed)
    if missing:
        notices.append(f"kept {len(missing)} recorded round{'s' * (len(missing) != 1)} that the feed does not list: "
                       + _number_ranges(missing))
    rows = sorted(recorded + added, key=lambda r: int(r["round"]))
    return rows, added, notices


def _number_ranges(numbers: list[int]) -> str:
    """[435, 436, 437, 440] -> '#435–#437, #440'."""
    spans, start = [], None
    for i, n in enumerate(numbers):
        if start is None:
            start = n
        if i + 1 == len(numbers) or numbers[i + 1] != n + 1:
            spans.append(f"#{start}" if start == n else f"#{start}–#{n}")
            start = None
    return ", ".join(spans)


def read_pool(path: Path) -> dict | None:
    """The recorded pool distribution, or None when there is no file. Raises :class:`Refused`."""
    if not path.exists():
        return None
    try:
        pool = json.loads(path.read_text(encoding="utf-8"))
        assert isinstance(pool, dict)
        assert isinstance(pool["round"], int) and _iso(pool["as_of"]) and isinstance(pool["total"], int)
        assert isinstance(pool["source"], str) and isinstance(pool["ranges"], list)
    except (ValueError, KeyError, AssertionError, TypeError) as e:
        raise Refused([f"{path.name}: not a pool distribution ({type(e).__name__} {e})".replace(" ()", "")])
    return pool


def pool_text(pool: dict) -> str:
    """The pool file: one range a line, so a change reads well in a diff."""
    head = {k: pool[k] for k in ("source", "round", "as_of", "total")}
    lines = [f"  {json.dumps(k)}: {json.dumps(v)}," for k, v in head.items()]
    ranges = ",\n".join("    " + json.dumps({k: band[k] for k in ("min", "max", "count")}) for band in pool["ranges"])
    return "{\n" + "\n".join(lines) + '\n  "ranges": [\n' + ranges + "\n  ]\n}\n"


def choose_pool(recorded: dict | None, feed_pool: dict | None, source: str) -> tuple[dict | None, str]:
    """The distribution to write (None: leave the recorded file as it is), and a sentence saying why."""
    if feed_pool is None:
        return None, "The feed has no pool distribution; " + (
            f"kept the recorded one of {recorded['as_of']}." if recorded else "none recorded.")
    new = {"source": source, "round": feed_pool["round"], "as_of": feed_pool["as_of"],
           "total": feed_pool["total"], "ranges": feed_pool["ranges"]}
    described = f"{new['total']:,} candidates on {new['as_of']} (published with round #{new['round']})"
    if recorded is not None and (recorded["as_of"], recorded["round"]) > (new["as_of"], new["round"]):
        return None, (f"Kept the recorded pool distribution of {recorded['as_of']} (round #{recorded['round']}): "
                      f"the feed's is older ({new['as_of']}).")
    if recorded == new:
        return None, f"Pool distribution unchanged: {described}."
    if recorded is not None:
        return new, f"Pool distribution updated: {described}; it was {recorded['as_of']} (round #{recorded['round']})."
    return new, f"Pool distribution recorded: {described}."


# --- writing ------------------------------------------------------------------------------------

def write_atomic(path: Path, text: str) -> bool:
    """Replace ``path`` with ``text`` (a temporary file in the same folder, then a rename), unless it
    already holds exactly that text. True when the file changed."""
    data = text.encode("utf-8")
    if path.exists() and path.read_bytes() == data:
        return False
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as f:
            f.write(data)
            f.flush()
            os.fsync(f.fileno())
        if path.exists():
            os.chmod(tmp, path.stat().st_mode & 0o777)
        else:
            os.chmod(tmp, 0o644)
        os.replace(tmp, path)
    except BaseException:
        if os.path.exists(tmp):
            os.unlink(tmp)
        raise
    return True


def describe(row: dict) -> str:
    return (f"#{row['round']} {row['date']} {row['round_type']}: {int(row['invitations']):,} invitations, "
            f"cut-off {row['min_crs']}")


def _shown(path: Path) -> str:
    try:
        return str(path.resolve().relative_to(Path.cwd()))
    except ValueError:
        return str(path)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description="Update the rounds CSV and the pool distribution from IRCC's feed.")
    parser.add_argument("feed", nargs="?", default=FEED_URL, help=f"address or file of the feed (default {FEED_URL})")
    parser.add_argument("--csv", type=Path, default=CSV_PATH, help="the rounds CSV to update")
    parser.add_argument("--pool", type=Path, default=POOL_PATH, help="the pool distribution file to update")
    args = parser.parse_args(argv)

    try:
        raw, source = fetch(args.feed)
    except (OSError, ValueError) as e:  # urllib's errors are OSErrors
        print(f"Could not read the feed {args.feed}: {e}", file=sys.stderr)
        return 1
    try:
        try:
            data = json.loads(raw.decode("utf-8-sig"))
        except (UnicodeDecodeError, ValueError) as e:
            raise Refused([f"the feed is not JSON: {e}"])
        feed_rounds, feed_pool = parse_feed(data)
        recorded, newline = read_csv(args.csv)
        recorded_pool = read_pool(args.pool)
    except Refused as e:
        print(f"Refused {args.feed}: nothing was changed.", file=sys.stderr)
        for problem in e.problems:
            print(f"  {problem}", file=sys.stderr)
        return 2

    rows, added, notices = merge(recorded, feed_rounds)
    pool, pool_message = choose_pool(recorded_pool, feed_pool, source)

    changed = [p for p, text in ((args.csv, csv_text(rows, newline)), (args.pool, pool_text(pool) if pool else None))
               if text is not None and write_atomic(p, text)]

    newest_feed = feed_rounds[-1]
    print(f"Feed: {len(feed_rounds)} rounds from {SINCE} on, the newest #{newest_feed['round']} of {newest_feed['date']}.")
    for notice in notices:
        print(f"Notice: {notice}")
    if added:
        print(f"Added {len(added)} round{'s' * (len(added) != 1)}:")
        for row in added:
            print(f"  {describe(row)}")
    else:
        print("No new rounds.")
    print(pool_message)

    print("Updated " + ", ".join(_shown(p) for p in changed) + "." if changed else "No file changed.")
    return 0


if __name__ == "__main__":
    sys.exit(main())
