"""The NOC finder: index sizes, and search times in CPython and in Brython (headless Chromium).

Prints, for data/noc-en.json and data/noc-fr.json as the build writes them (plugins/cec_site/noc.py):
- each file's size, raw and gzipped (level 6; goal: at most 250 KB gzipped each);
- CPython: the time to load an index (checker.page.nocsearch.load) and to search ten common job titles,
  typed whole and one keystroke at a time;
- Brython, on the page's main thread as the checker would run it: JSON.parse and load (and its
  longest step), then the same searches (goal: results within 50 ms of a keystroke, on 2 cores).
- the finder on the built checker page (English): the time from focusing a NOC field to the finder
  ready (its bundle and index fetched and loaded), the bytes it fetched then, and from each keystroke
  of the ten titles to the list updated (the keydown event to the status line rewritten).
Medians, 95th percentiles and maxima in milliseconds. Prints numbers; never fails. Not part of the test suite.
"""
from __future__ import annotations

import argparse
import json
import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path[:0] = [str(ROOT), str(ROOT / "plugins"), str(Path(__file__).resolve().parent)]

from cec_site import noc  # noqa: E402
from checker.page import nocsearch  # noqa: E402

COMMON = {
    "en": ["cashier", "registered nurse", "software developer", "truck driver", "cook", "retail salesperson",
           "accountant", "electrician", "nurse aide", "early childhood educator"],
    "fr": ["caissière", "infirmière", "développeur de logiciels", "camionneur", "cuisinier", "vendeur",
           "comptable", "électricien", "préposé aux bénéficiaires", "éducatrice de la petite enfance"],
}
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]

PAGE = """<!doctype html><html lang="en"><head><meta charset="utf-8"><title>NOC finder bench</title>
<link rel="icon" href="data:,"><script src="brython.js"></script></head><body><pre id="out"></pre>
<script type="text/python">
from browser import document, window
import javascript
import nocsearch
now = window.performance.now
common = javascript.JSON.parse(document["common"].text)
runs = %(runs)d
out = {}
for lang in ("en", "fr"):
    req = window.XMLHttpRequest.new()
    req.open("GET", "data/noc-" + lang + ".json", False)
    req.send()
    t0 = now()
    data = javascript.JSON.parse(req.responseText)
    t1 = now()
    steps = []
    last = t1
    for index in nocsearch.load_steps(data):
        t = now()
        steps.append(t - last)
        last = t
    whole, keys = [], []
    for rep in range(runs):
        for q in common[lang]:
            a = now()
            nocsearch.search(index, q)
            whole.append(now() - a)
            for k in range(1, len(q) + 1):
                a = now()
                nocsearch.search(index, q[:k])
                keys.append(now() - a)
    out[lang] = {"parse": t1 - t0, "load": last - t1, "longest_step": max(steps), "steps": len(steps),
                 "whole": whole, "keys": keys}
document["out"].text = javascript.JSON.stringify(out)
document.documentElement.setAttribute("data-done", "true")
</script><script type="application/json" id="common">%(common)s</script></body></html>"""


def ms(xs):
    p95 = sorted(xs)[int(len(xs) * 0.95)]
    return f"median {statistics.median(xs):5.1f} ms, 95th percentile {p95:5.1f} ms, max {max(xs):5.1f} ms (n={len(xs)})"


def sizes():
    print("Index files (as the build writes them), gzip level 6; goal: <= 250 KB gzipped each")
    for lang in noc.LANGUAGES:
        raw, gz = noc.sizes(lang)
        data = noc.index_data(lang)
        print(f"  noc-{lang}.json  raw {raw:>9,} B   gzip {gz:>8,} B ({gz / 1024:.1f} KiB)   "
              f"{data['unit_groups']} unit groups, {data['example_titles']:,} example titles, "
              f"{len(data['markers'])} phrase markers")


def cpython(runs):
    print(f"CPython {sys.version.split()[0]}, {runs} runs")
    for lang in noc.LANGUAGES:
        data = json.loads(noc.index_json(lang))
        t = time.perf_counter()
        index = nocsearch.load(data)
        load_ms = (time.perf_counter() - t) * 1000
        whole, keys = [], []
        for _ in range(runs):
            for q in COMMON[lang]:
                t = time.perf_counter()
                nocsearch.search(index, q)
                whole.append((time.perf_counter() - t) * 1000)
                for k in range(1, len(q) + 1):
                    t = time.perf_counter()
                    nocsearch.search(index, q[:k])
                    keys.append((time.perf_counter() - t) * 1000)
        print(f"  {lang}: load {load_ms:.0f} ms; ten titles: {ms(whole)}; every keystroke: {ms(keys)}")


def brython(runs):
    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    try:
        import brython as brython_package
        from playwright.sync_api import sync_playwright
        from serve import serve
    except ImportError as err:
        print(f"Brython: skipped ({err})")
        return
    folder = Path(tempfile.mkdtemp(prefix="cec-bench-noc-"))
    (folder / "brython.js").write_bytes((Path(brython_package.__file__).parent / "data" / "brython.js").read_bytes())
    (folder / "nocsearch.py").write_text((ROOT / "checker" / "page" / "nocsearch.py").read_text(encoding="utf-8"), encoding="utf-8")
    noc.write_indexes(folder)
    (folder / "index.html").write_text(PAGE % {"runs": runs, "common": json.dumps(COMMON)}, encoding="utf-8")
    try:
        with serve(folder) as base, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=ARGS)
            page = browser.new_page()
            page.goto(base + "/index.html", wait_until="commit")
            page.wait_for_selector("html[data-done]", state="attached", timeout=300_000)
            result = json.loads(page.text_content("#out"))
            version = browser.version
            browser.close()
    except Exception as err:  # a benchmark reports, it does not fail
        print(f"Brython: not measured ({err})")
        return
    print(f"Brython {brython_package.__version__} in headless Chromium {version}, main thread, {runs} runs")
    for lang in noc.LANGUAGES:
        r = result[lang]
        print(f"  {lang}: JSON.parse {r['parse']:.0f} ms; load {r['load']:.0f} ms in {r['steps']} steps "
              f"(longest {r['longest_step']:.0f} ms)")
        print(f"      ten titles: {ms(r['whole'])}; every keystroke: {ms(r['keys'])}   goal: <= 50 ms")


LATENCY_JS = """() => {
  window.__lat = []; let t0 = 0;
  document.addEventListener('keydown', () => { t0 = performance.now(); }, true);
  new MutationObserver(() => { if (t0) { window.__lat.push(performance.now() - t0); t0 = 0; } })
    .observe(document.getElementById('job-1-noc-status'), {childList: true, characterData: true, subtree: true});
}"""


def checker_page(runs):
    """The finder as the checker page runs it: lazy loading, then keystroke to list."""
    chromium = os.environ.get("CHROMIUM", "/usr/bin/chromium")
    try:
        from playwright.sync_api import sync_playwright
        from serve import build_site, serve
    except ImportError as err:
        print(f"Checker page: skipped ({err})")
        return
    try:
        site = build_site()
        ready, fetched, lat, early = [], [], [], []
        with serve(site) as base, sync_playwright() as p:
            browser = p.chromium.launch(executable_path=chromium, args=ARGS)
            for _ in range(runs):
                ctx = browser.new_context()
                page = ctx.new_page()
                sizes = []
                page.on("requestfinished", lambda req: sizes.append((req.url, req.sizes()["responseBodySize"])))
                page.goto(base + "/checker/")
                page.wait_for_selector("html[data-first-result-ms]", state="attached", timeout=60_000)
                before = len(sizes)
                early.extend(u for u, _n in sizes if "noc" in u.rsplit("/", 1)[-1])
                page.evaluate(LATENCY_JS)
                t = page.evaluate("performance.now()")
                page.focus("#job-1-noc")
                page.wait_for_selector("html[data-noc-finder=ready]", state="attached", timeout=60_000)
                ready.append(page.evaluate("performance.now()") - t)
                fetched.append(sum(n for _u, n in sizes[before:]))
                for q in COMMON["en"]:
                    page.fill("#job-1-noc", "")
                    for ch in q:
                        page.keyboard.type(ch)
                        page.wait_for_timeout(60)
                lat.extend(page.evaluate("window.__lat"))
                ctx.close()
            version = browser.version
            browser.close()
    except Exception as err:  # a benchmark reports, it does not fail
        print(f"Checker page: not measured ({err})")
        return
    print(f"On the checker page (Chromium {version}, English, {runs} cold visits)")
    print(f"  focus to finder ready: median {statistics.median(ready):.0f} ms, max {max(ready):.0f} ms; "
          f"fetched then {statistics.median(fetched) / 1024:.0f} KiB (gzip); finder files fetched before: {len(early)}")
    print(f"  keystroke to list updated: {ms(lat)}   goal: <= 50 ms")


def main():
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--runs", type=int, default=3)
    args = ap.parse_args()
    sizes()
    cpython(args.runs)
    brython(args.runs)
    checker_page(args.runs)


if __name__ == "__main__":
    main()
