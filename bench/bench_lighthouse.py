"""Lighthouse (mobile: simulated slow 4G, 4x CPU slowdown) on every page of the production build.

Builds the site with publishconf.py into a temporary folder, serves it on loopback with gzip (as a real
host would: Lighthouse measures transfer sizes), runs Lighthouse 12.2.3 from bench/node_modules on each
page and prints: performance, accessibility, best practices, SEO, First Contentful Paint, Total
Blocking Time, bytes transferred and whether any JavaScript was loaded, beside the goals:

    accessibility, best practices, SEO   1.00 on every page
    performance                          1.00 on guides, >= 0.90 on the checker
    guides                               <= 40 KB transferred, no JavaScript

Under the table it lists every audit that cost a page points in accessibility, best practices or SEO.
Prints numbers; never fails (exit 0), unless Lighthouse itself cannot run.

    make bench-lighthouse                                   (installs Lighthouse into bench/node_modules)
    .venv/bin/python bench/bench_lighthouse.py [--pages / /crs/ checker] [--keep DIR] [--desktop]

CHROMIUM names the browser (default /usr/bin/chromium); Lighthouse gets it as CHROME_PATH.
"""
from __future__ import annotations

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
from serve import build_site, serve  # noqa: E402  (threaded loopback server that gzips text responses)

BENCH = Path(__file__).resolve().parent
LIGHTHOUSE = BENCH / "node_modules" / "lighthouse" / "cli" / "index.js"
CHROME_FLAGS = ("--headless --no-sandbox --disable-gpu --disable-quic --no-first-run "
                "--disable-background-networking --disable-component-update --disable-sync")
CATEGORIES = ["performance", "accessibility", "best-practices", "seo"]
CHECKER = "/checker/"
CHECKERS = (CHECKER, "/fr/verificateur/")  # the checker in each language
GUIDE_MAX_BYTES = 40 * 1024


def pages_of(site: Path) -> list[str]:
    urls = []
    for f in sorted(site.rglob("*.html")):
        rel = f.relative_to(site).as_posix()
        urls.append("/" + (rel[: -len("index.html")] if rel.endswith("index.html") else rel))
    return sorted(urls, key=lambda u: (u != "/", u in CHECKERS, u))


def normalise(page: str) -> str:
    page = page.strip()
    if page in ("", "/", "home", "index"):
        return "/"
    if page.endswith(".html"):
        return "/" + page.lstrip("/")
    return "/" + page.strip("/") + "/"


def run_lighthouse(url: str, out_json: Path, chrome: str, desktop: bool) -> dict:
    cmd = ["node", str(LIGHTHOUSE), url, "--quiet", f"--chrome-flags={CHROME_FLAGS}", "--output=json",
           f"--output-path={out_json}", "--only-categories=" + ",".join(CATEGORIES)]
    if desktop:
        cmd.append("--preset=desktop")
    proc = subprocess.run(cmd, env={**os.environ, "CHROME_PATH": chrome}, capture_output=True, text=True,
                          timeout=300)
    if proc.returncode != 0 or not out_json.is_file():
        raise RuntimeError(f"Lighthouse failed on {url} (exit {proc.returncode}):\n{proc.stderr[-3000:]}")
    return json.loads(out_json.read_text(encoding="utf-8"))


def summarise(page: str, report: dict) -> dict:
    cats = report["categories"]
    audits = report["audits"]
    requests = (audits.get("network-requests", {}).get("details") or {}).get("items", [])
    scripts = [r for r in requests
               if r.get("resourceType") == "Script" or "javascript" in (r.get("mimeType") or "")]
    row = {
        "page": page,
        "scores": {c: cats[c]["score"] for c in CATEGORIES},
        "fcp": audits["first-contentful-paint"]["numericValue"],
        "tbt": audits["total-blocking-time"]["numericValue"],
        "bytes": audits["total-byte-weight"]["numericValue"],
        "js_requests": len(scripts),
        "js_bytes": sum(r.get("transferSize", 0) for r in scripts),
        "runtime_error": (report.get("runtimeError") or {}).get("message"),
        "lost": [],
    }
    for c in CATEGORIES:
        for ref in cats[c]["auditRefs"]:
            audit = audits.get(ref["id"], {})
            if ref.get("weight", 0) > 0 and audit.get("score") is not None and audit["score"] < 1:
                detail = audit.get("displayValue") or ""
                row["lost"].append(f"{c}: {ref['id']} (score {audit['score']:.2f}) {audit.get('title', '')} {detail}".rstrip())
    return row


def misses(row: dict) -> list[str]:
    s = row["scores"]
    out = [f"{c} {s[c]:.2f} < 1.00" for c in ("accessibility", "best-practices", "seo") if (s[c] or 0) < 1]
    if row["page"] in CHECKERS:
        if (s["performance"] or 0) < 0.90:
            out.append(f"performance {s['performance']:.2f} < 0.90")
    else:
        if (s["performance"] or 0) < 1:
            out.append(f"performance {s['performance']:.2f} < 1.00")
        if row["bytes"] > GUIDE_MAX_BYTES:
            out.append(f"{row['bytes'] / 1024:.1f} KB > 40 KB")
        if row["js_requests"]:
            out.append(f"loads JavaScript ({row['js_requests']} file(s))")
    return out


def fmt_score(x) -> str:
    return "  —" if x is None else f"{x:.2f}"


def print_table(rows: list[dict], mode: str) -> None:
    print(f"\nLighthouse 12.2.3, {mode}, production build served with gzip on loopback\n")
    head = f"{'page':<29} {'perf':>5} {'a11y':>5} {'b.p.':>5} {'SEO':>5} {'FCP':>6} {'TBT':>7} {'KB':>7} {'JS':>9}  goal"
    print(head)
    print("-" * (len(head) + 40))
    for r in rows:
        s = r["scores"]
        goal = ("perf >= 0.90, others 1.00" if r["page"] in CHECKERS else "all 1.00, <= 40 KB, no JS")
        verdict = misses(r)
        js = f"yes {r['js_bytes'] / 1024:.0f}KB" if r["js_requests"] else "no"
        print(f"{r['page']:<29} {fmt_score(s['performance']):>5} {fmt_score(s['accessibility']):>5} "
              f"{fmt_score(s['best-practices']):>5} {fmt_score(s['seo']):>5} {r['fcp'] / 1000:>5.1f}s "
              f"{r['tbt']:>5.0f}ms {r['bytes'] / 1024:>7.1f} {js:>9}  {goal}: "
              + ("met" if not verdict else "MISSED (" + "; ".join(verdict) + ")"))
    met = sum(1 for r in rows if not misses(r))
    print(f"\n{met} of {len(rows)} pages meet their goals.")
    lost = [(r["page"], line) for r in rows for line in r["lost"]]
    if lost:
        print("\nAudits that cost points (performance audits are listed too, for the record):")
        for page, line in lost:
            print(f"  {page}: {line}")
    errors = [(r["page"], r["runtime_error"]) for r in rows if r["runtime_error"]]
    for page, err in errors:
        print(f"  {page}: Lighthouse runtime error: {err}")


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--pages", nargs="+", metavar="PAGE",
                    help="only these pages, e.g. / /crs/ checker 404.html (default: every page)")
    ap.add_argument("--keep", type=Path, metavar="DIR", help="keep the Lighthouse JSON reports in DIR")
    ap.add_argument("--desktop", action="store_true", help="Lighthouse's desktop preset instead of mobile")
    args = ap.parse_args()

    if not LIGHTHOUSE.is_file():
        print(f"Lighthouse is not installed ({LIGHTHOUSE}): run `make bench-lighthouse`", file=sys.stderr)
        return 2
    if not shutil.which("node"):
        print("node is needed to run Lighthouse", file=sys.stderr)
        return 2
    chrome = os.environ.get("CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"

    site = build_site("publishconf.py")
    reports = args.keep or Path(tempfile.mkdtemp(prefix="cec-lighthouse-"))
    reports.mkdir(parents=True, exist_ok=True)
    try:
        all_pages = pages_of(site)
        pages = all_pages if not args.pages else [normalise(p) for p in args.pages]
        unknown = [p for p in pages if p not in all_pages]
        if unknown:
            print(f"no such page(s): {unknown}; the site has {all_pages}", file=sys.stderr)
            return 2
        rows = []
        started = time.perf_counter()
        with serve(site) as base:
            for i, page in enumerate(pages, 1):
                t0 = time.perf_counter()
                name = (page.strip("/").replace("/", "_").replace(".html", "") or "home")
                report = run_lighthouse(base + page, reports / f"{name}.json", chrome, args.desktop)
                rows.append(summarise(page, report))
                print(f"[{i}/{len(pages)}] {page} in {time.perf_counter() - t0:.1f} s", file=sys.stderr, flush=True)
        print_table(rows, "desktop preset" if args.desktop else "mobile (default)")
        print(f"\n{len(pages)} page(s) in {time.perf_counter() - started:.0f} s"
              + (f"; JSON reports in {reports}" if args.keep else ""))
    finally:
        shutil.rmtree(site, ignore_errors=True)
        if not args.keep:
            shutil.rmtree(reports, ignore_errors=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
