"""The checker page in headless Chromium: readiness, re-assessment time and transfer size.

Prints, side by side with a bare Brython page that loads the same brython.js in
the same run (cold = a fresh browser context; warm = the same context, reloaded;
median of 5):
- checker ready (data-checker-ready: the form is wired and answers are accepted),
  the rules engine ready in its web worker, and the first result shown;
- a full re-assessment after an input change, suggestions included: time in the
  engine, and from the change being sent to the result drawn;
- the page's total transfer, gzipped.
Goals (issue #4): ready cold <= 2x the bare page, warm <= 0.15 s; re-assessment <= 16 ms;
transfer <= 350 KB gzipped. Prints numbers; never fails.
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


def measure(browser, base, runs):
    rows = {}
    for label, url, extra in (("bare Brython page", base + "/_bare.html", ()),
                              ("checker page", base + "/checker/" + SAMPLE, ("data-engine-ms", "data-first-result-ms"))):
        cold, warm, cold_extra, warm_extra = [], [], {k: [] for k in extra}, {k: [] for k in extra}
        wait_for = "data-first-result-ms" if extra else "data-ready-ms"
        for _ in range(runs):
            ctx = browser.new_context()
            page = ctx.new_page()
            load(page, url, wait_for)
            cold.append(attr(page, "data-ready-ms"))
            for k in extra:
                cold_extra[k].append(attr(page, k))
            time.sleep(1.5)  # let Brython finish writing its IndexedDB cache
            page.reload()
            page.wait_for_selector(f"html[{wait_for}]", state="attached", timeout=60_000)
            warm.append(attr(page, "data-ready-ms"))
            for k in extra:
                warm_extra[k].append(attr(page, k))
            ctx.close()
        rows[label] = (cold, warm, cold_extra, warm_extra)
    return rows


def reassessment(browser, base, runs):
    ctx = browser.new_context()
    page = ctx.new_page()
    load(page, base + "/checker/" + SAMPLE, "data-first-result-ms")
    engine, round_trip = [], []
    for i in range(runs * 2):
        seq = page.get_attribute("html", "data-result-seq")
        page.fill("#job-2-hours", str(30 + i % 7))  # restored answers: the job block is job 2
        page.wait_for_function(f"() => document.documentElement.dataset.resultSeq !== '{seq}'"
                               " && !document.documentElement.dataset.pending", timeout=30_000)
        engine.append(attr(page, "data-assess-ms"))
        round_trip.append(attr(page, "data-result-ms"))
    ctx.close()
    return engine[2:], round_trip[2:]  # the first changes still warm up the engine


def transfer(browser, base):
    ctx = browser.new_context()
    page = ctx.new_page()
    sizes = []
    page.on("requestfinished", lambda req: sizes.append((req.url, req.sizes())))
    load(page, base + "/checker/", "data-first-result-ms")
    time.sleep(0.5)
    ctx.close()
    total = sum(s["responseBodySize"] + s["responseHeadersSize"] for _u, s in sizes)
    return total, [(u.rsplit("/", 1)[-1] or "index.html", s["responseBodySize"]) for u, s in sizes]


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
        engine, round_trip = reassessment(browser, base, args.runs)
        total, files = transfer(browser, base)
        browser.close()
    bare_cold = median(rows["bare Brython page"][0])
    print(f"Checker page, headless Chromium, loopback with gzip, median of {args.runs} (ms after navigation start)")
    print(f"{'':34}{'cold':>8}{'warm':>8}   goal")
    for label, (cold, warm, cold_x, warm_x) in rows.items():
        ratio = f"  ({median(cold) / bare_cold:.2f}x bare)" if label != "bare Brython page" else ""
        goal = "cold <= 2x bare, warm <= 150" if label == "checker page" else ""
        print(f"{label + ': ready':34}{median(cold):8.0f}{median(warm):8.0f}   {goal}{ratio}")
        for k, name in (("data-engine-ms", "  rules engine ready (worker)"), ("data-first-result-ms", "  first result shown")):
            if k in cold_x:
                print(f"{name:34}{median(cold_x[k]):8.0f}{median(warm_x[k]):8.0f}")
    print(f"Re-assessment after an input change (suggestions included), median of {len(engine)}:")
    print(f"  in the rules engine            {median(engine):8.1f} ms   goal <= 16 ms")
    print(f"  change sent -> result drawn    {median(round_trip):8.1f} ms   (after the 250 ms typing debounce)")
    print(f"Transfer for /checker/ (gzip): {total / 1024:.0f} KB   goal <= 350 KB")
    for name, size in sorted(files, key=lambda f: -f[1])[:6]:
        print(f"  {name:32} {size / 1024:7.1f} KB")


if __name__ == "__main__":
    main()
