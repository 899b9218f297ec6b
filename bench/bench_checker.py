"""Assessments per second on CPython, suggestions included, over 1,000 generated answers documents.

Goal (issue #14): at least 5,000 a second on one core, suggestions and categories included. Prints numbers; never fails.
    .venv/bin/python bench/bench_checker.py [--n 1000] [--repeat 5]
"""
from __future__ import annotations

import argparse
import datetime as dt
import random
import statistics
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from checker import assess  # noqa: E402
from checker.cli import default_rules, default_words  # noqa: E402

LEVELS = ["none", "secondary", "one_year", "two_year", "bachelors", "two_or_more", "masters", "phd"]


def generate(rng: random.Random, as_of: dt.date) -> dict:
    """A plausible answers document: 0-4 jobs, 0-2 language results, maybe a spouse."""
    def date_between(a, b):
        return (a + dt.timedelta(days=rng.randint(0, (b - a).days))).isoformat()

    jobs = []
    for _ in range(rng.randint(0, 4)):
        start = as_of - dt.timedelta(days=rng.randint(0, 6 * 365))
        end = None if rng.random() < 0.5 else start + dt.timedelta(days=rng.randint(30, 3 * 365))
        jobs.append({"title": "job", "teer": rng.choice([0, 1, 1, 2, 3, 4]), "start": start.isoformat(),
                     "end": end.isoformat() if end else None, "hours_per_week": rng.choice([15, 20, 30, 37.5, 40]),
                     "in_canada": rng.random() < 0.8, "full_time_student": rng.random() < 0.15})
    langs = []
    if rng.random() < 0.9:
        langs.append({"test": "ielts_general", "test_date": date_between(as_of - dt.timedelta(days=800), as_of),
                      **{a: rng.choice([5.0, 5.5, 6.0, 6.5, 7.0, 7.5, 8.0, 8.5]) for a in
                         ("reading", "writing", "listening", "speaking")}})
    if rng.random() < 0.2:
        langs.append({"test": "tef_canada", "test_date": date_between(dt.date(2024, 1, 1), as_of),
                      **{a: rng.randint(300, 600) for a in ("reading", "writing", "listening", "speaking")}})
    level = rng.choice(LEVELS)
    doc = {"as_of": as_of.isoformat(),
           "birth_date": date_between(dt.date(1975, 1, 1), dt.date(2005, 1, 1)),
           "intended_province": rng.choice(["ON", "BC", "AB", "QC", "NS"]),
           "education": {"level": level, "canadian": "none" if LEVELS.index(level) < 4 else rng.choice(
               ["none", "one_or_two_year", "three_year_plus"])},
           "languages": langs, "jobs": jobs,
           "sibling_in_canada": rng.random() < 0.1, "provincial_nomination": rng.random() < 0.05}
    if rng.random() < 0.3:
        doc["spouse"] = {"accompanying": True, "citizen_or_pr": False, "education_level": rng.choice(LEVELS),
                         "language": None, "canadian_work_years": rng.randint(0, 3)}
    return doc


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--n", type=int, default=1000)
    ap.add_argument("--repeat", type=int, default=5)
    args = ap.parse_args()
    rng = random.Random(20261125)
    docs = [generate(rng, dt.date(2026, 11, 25)) for _ in range(args.n)]
    rules = default_rules()
    words = default_words("en")  # every text written, as the page and the command line need it
    for d in docs:  # warm-up: the per-date rule grids are built once, as in a page session
        assess(d, rules, "2026-11-25", words=words)
    rates = {}
    for label, kw in (("with suggestions", {"words": words}), ("without suggestions", {"with_suggestions": False, "words": words})):
        wall, cpu = [], []
        for _ in range(args.repeat):
            t0, c0 = time.perf_counter(), time.process_time()
            for d in docs:
                assess(d, rules, "2026-11-25", **kw)
            wall.append(args.n / (time.perf_counter() - t0))
            cpu.append(args.n / (time.process_time() - c0))
        rates[label] = (wall, cpu)
    print(f"checker on CPython {sys.version.split()[0]}, {args.n} generated answers documents, median of {args.repeat} runs, one core")
    for label, (wall, cpu) in rates.items():
        print(f"  {label:<20} {statistics.median(cpu):>7,.0f} assessments per CPU-second"
              f"   ({statistics.median(wall):,.0f}/s wall clock; best {max(wall):,.0f}, worst {min(wall):,.0f})")
    n_sugg = statistics.mean(len(assess(d, rules, "2026-11-25")["suggestions"]) for d in docs)
    print(f"  suggestions per assessment: {n_sugg:.1f} on average (categories, timeline and every text included)")
    best = statistics.median(rates["with suggestions"][1])
    print(f"Goal (issue #14): CPython, assessments per second with suggestions and categories: measured {best:,.0f}"
          f"   goal >= 5,000   met: {'yes' if best >= 5000 else 'NO'}")


if __name__ == "__main__":
    main()
