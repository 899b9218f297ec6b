"""The checker page in headless Chromium, English and French: readiness, first result, re-assessment, transfer.

Prints, side by side with a bare Brython page that loads the same brython.js in the same run (first visit
= a fresh browser context; second visit = the same context, reloaded; median of 5):
- the form ready (data-checker-ready: wired, answers accepted), the rules engine ready in its web worker,
  and the first result drawn from a shared link (#a=…): the verdict, score, categories, rounds and timeline
  (the engine's first message), and the whole result with the suggestions (its second); and the form ready
  on a plain visit (no link: the engine then starts only when the visitor comes to the form);
- a re-assessment after an input change, categories and suggestions included: from the change being sent
  to the whole result drawn (and the part spent in the engine; and to the first message drawn);
- the page's transfer on a first load, gzipped: a plain visit (until the network is idle) and a shared
  link (until its result is drawn);
then the goals of issue #14 beside each figure. Prints numbers; never fails.
"""
from __future__ import annotations

import argparse
import os
import statistics
import sys
import time
from pathlib import Path

from playwright.sync_api import sync_playwright

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serve import build_site, serve  # noqa: E402

ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
BARE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>bare</title><link rel="icon" href="data:,">
<script src="js/brython.js" defer></script></head><body>
<script type="text/python">
from browser import document, window
document.documentElement.setAttribute("data-ready-ms", "%.0f" % window.performance.now())
document.documentElement.setAttribute("data-checker-ready", "true")
</script></body></html>"""
SAMPLE = ("#a=eyJhc19vZiI6IjIwMjYtMTEtMjUiLCJiaXJ0aF9kYXRlIjoiMTk5OC0wNC0xMiIsImludGVuZGVkX3Byb3ZpbmNlIjoiT04iLCJlZHVjYXRpb2"
          "4iOnsibGV2ZWwiOiJiYWNoZWxvcnMiLCJjYW5hZGlhbiI6InRocmVlX3llYXJfcGx1cyJ9LCJsYW5ndWFnZXMiOlt7InRlc3QiOiJpZWx0c19nZW5lcmFs"
          "IiwidGVzdF9kYXRlIjoiMjAyNi0wMi0wMSIsInJlYWRpbmciOjcuNSwid3JpdGluZyI6Ni41LCJsaXN0ZW5pbmciOjgsInNwZWFraW5nIjo3fV0sImpvYn"
          "MiOlt7InRpdGxlIjoiU29mdHdhcmUgZGV2ZWxvcGVyIiwibm9jIjoiMjEyMzIiLCJ0ZWVyIjoxLCJzdGFydCI6IjIwMjQtMDYtMDEiLCJlbmQiOm51bGws"
          "ImhvdXJzX3Blcl93ZWVrIjo0MH1dfQ")


def median(xs):
    return statistics.median(xs) if xs else float("nan")


def attr(page, name):
    value = page.get_attribute("html", name)
    return float(value) if value else float("nan")


def load(page, url, wait_for):
    page.goto(url)
    page.wait_for_selector(f"html[{wait_for}]", state="attached", timeout=60_000)


PAGES = {"en": "/checker/", "fr": "/fr/verificateur/"}


def visits(browser, url, wait_for, extra, runs):
    """(first visits, second visits): each a dict of the page's timing attributes, one entry per run."""
    first, second = [], []
    for _ in range(runs):
        ctx = browser.new_context()
        page = ctx.new_page()
        load(page, url, wait_for)
        first.append({k: attr(page, k) for k in ("data-ready-ms",) + extra})
        time.sleep(1.5)  # let Brython finish writing its IndexedDB cache
        page.reload()
        page.wait_for_selector(f"html[{wait_for}]", state="attached", timeout=60_000)
        second.append({k: attr(page, k) for k in ("data-ready-ms",) + extra})
        ctx.close()
    return first, second


def measure(browser, base, runs):
    rows = {"bare": visits(browser, base + "/_bare.html", "data-ready-ms", (), runs)}
    for lang, path in PAGES.items():
        rows[lang] = visits(browser, base + path + SAMPLE, "data-first-complete-ms",
                            ("data-engine-ms", "data-first-result-ms", "data-first-complete-ms"), runs)
        rows[lang + " plain"] = visits(browser, base + path, "data-checker-ready", (), runs)
    return rows


def reassessment(browser, base, path, runs):
    ctx = browser.new_context()
    page = ctx.new_page()
    load(page, base + path + SAMPLE, "data-first-complete-ms")
    engine, round_trip, first_part = [], [], []
    for i in range(runs * 2 + 2):
        seq = page.get_attribute("html", "data-result-seq")
        page.fill("#job-2-hours", str(30 + i % 7))  # restored answers: the job block is job 2
        page.wait_for_function(f"() => document.documentElement.dataset.resultSeq !== '{seq}'"
                               " && !document.documentElement.dataset.pending", timeout=30_000)
        engine.append(attr(page, "data-assess-ms"))
        round_trip.append(attr(page, "data-result-ms"))
        first_part.append(attr(page, "data-result-first-ms"))
    ctx.close()
    return engine[2:], round_trip[2:], first_part[2:]  # the first changes still warm up the engine


def transfer(browser, base, path, shared):
    """Bytes on the wire for a first load: a shared link until its result is drawn, or a plain visit (nobody
    touching the page) until the network has been idle for half a second."""
    ctx = browser.new_context()
    page = ctx.new_page()
    sizes = []
    page.on("requestfinished", lambda req: sizes.append((req.url, req.sizes())))
    if shared:
        load(page, base + path + SAMPLE, "data-first-complete-ms")
    else:
        load(page, base + path, "data-checker-ready")
        page.wait_for_load_state("networkidle")
    time.sleep(0.5)
    ctx.close()
    total = sum(s["responseBodySize"] + s["responseHeadersSize"] for _u, s in sizes)
    return total, [(u.rsplit("/", 1)[-1] or "index.html", s["responseBodySize"]) for u, s in sizes]


def med(rows, key):
    return median([r[key] for r in rows])


def report(rows, reassess, transfers, runs):
    bare_first, bare_second = med(rows["bare"][0], "data-ready-ms"), med(rows["bare"][1], "data-ready-ms")
    print(f"Checker page, headless Chromium, loopback with gzip, median of {runs} (ms after navigation start)")
    print(f"{'':40}{'first':>8}{'second':>8}  visit")
    print(f"{'bare Brython page: ready':40}{bare_first:8.0f}{bare_second:8.0f}")
    for lang in PAGES:
        first, second = rows[lang]
        for key, name in (("data-ready-ms", "form ready"), ("data-engine-ms", "rules engine ready (worker)"),
                          ("data-first-result-ms", "first result from a shared link"),
                          ("data-first-complete-ms", "  ... with its suggestions")):
            print(f"{PAGES[lang] + ': ' + name:40}{med(first, key):8.0f}{med(second, key):8.0f}")
        first, second = rows[lang + " plain"]
        name = "form ready, plain visit"
        print(f"{PAGES[lang] + ': ' + name:40}{med(first, 'data-ready-ms'):8.0f}{med(second, 'data-ready-ms'):8.0f}")
    print()
    print("Goals (issue #14), measured in this run:")
    print(f"  {'what':58}{'measured':>16}  {'goal':>22}  met")

    def line(what, value, shown, goal_text, ok):
        print(f"  {what:58}{shown:>16}  {goal_text:>22}  {'yes' if ok else 'NO'}")

    for lang in PAGES:
        first, second = rows[lang]
        fr1, fr2 = med(first, "data-first-result-ms"), med(second, "data-first-result-ms")
        line(f"[{lang}] first result from a shared link, first visit", fr1,
             f"{fr1:.0f} ms ({fr1 / bare_first:.2f}x)", f"<= 2.5x bare ({2.5 * bare_first:.0f} ms)", fr1 <= 2.5 * bare_first)
        line(f"[{lang}] first result from a shared link, second visit", fr2, f"{fr2:.0f} ms", "<= 300 ms", fr2 <= 300)
        fc1, fc2 = med(first, "data-first-complete-ms"), med(second, "data-first-complete-ms")
        print(f"  {'':4}(the whole result, suggestions drawn: first visit {fc1:.0f} ms ({fc1 / bare_first:.2f}x),"
              f" second visit {fc2:.0f} ms; goals met then: {'yes' if fc1 <= 2.5 * bare_first else 'NO'},"
              f" {'yes' if fc2 <= 300 else 'NO'})")
        for kind, (v1, v2) in (("plain visit", rows[lang + " plain"]), ("shared link", rows[lang])):
            ready1, ready2 = med(v1, "data-ready-ms"), med(v2, "data-ready-ms")
            line(f"[{lang}] form ready, first visit ({kind})", ready1, f"{ready1:.0f} ms ({ready1 / bare_first:.2f}x)",
                 f"<= 1.5x bare ({1.5 * bare_first:.0f} ms)", ready1 <= 1.5 * bare_first)
            line(f"[{lang}] form ready, second visit ({kind})", ready2, f"{ready2:.0f} ms", "<= 150 ms", ready2 <= 150)
        engine, drawn, first_part = reassess[lang]
        line(f"[{lang}] re-assessment after a change, drawn", median(drawn),
             f"{median(drawn):.1f} ms", "<= 16 ms", median(drawn) <= 16)
        print(f"  {'':4}(of which in the rules engine, in its worker: {median(engine):.1f} ms; the result but its"
              f" suggestions drawn after {median(first_part):.1f} ms)")
        for kind in ("plain visit", "shared link"):
            total = transfers[lang, kind][0]
            line(f"[{lang}] checker page transfer on first load, {kind} (gzip)", total, f"{total / 1024:.0f} KB",
                 "<= 350 KB", total <= 350 * 1024)
    for (lang, kind), (total, files) in transfers.items():
        print(f"Transfer for {PAGES[lang]}, {kind} (gzip): {total / 1024:.0f} KB:", ", ".join(
            f"{name} {size / 1024:.1f} KB" for name, size in sorted(files, key=lambda f: -f[1])[:7]))


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=5)
    args = ap.parse_args()
    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    site = build_site()
    (site / "_bare.html").write_text(BARE, encoding="utf-8")
    with serve(site) as base, sync_playwright() as p:
        browser = p.chromium.launch(executable_path=chromium, args=ARGS)
        rows = measure(browser, base, args.runs)
        reassess = {lang: reassessment(browser, base, path, args.runs) for lang, path in PAGES.items()}
        transfers = {(lang, kind): transfer(browser, base, path, kind == "shared link")
                     for lang, path in PAGES.items() for kind in ("plain visit", "shared link")}
        browser.close()
    report(rows, reassess, transfers, args.runs)


if __name__ == "__main__":
    main()
