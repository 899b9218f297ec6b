"""`make rounds`: IRCC's feed into the rounds CSV and the pool distribution, refusing anything odd.

The fixture ``tests/fixtures/ee_rounds_excerpt.json`` holds ten rounds copied unchanged from a real
capture of IRCC's feed (7 August 2026), among them the newest (#434, with its pool distribution),
one of 2023 and "91a" (a non-numeric number from 2018); ``ee_round_names.csv`` lists the number,
date and name of every round of that capture dated from 2024 (see ``tests/fixtures/README.md``).
Every run of the script here writes to copies in ``tmp_path``; the committed files are only read.
"""
from __future__ import annotations

import copy
import csv
import importlib.util
import json
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "scripts" / "rounds_feed.py"
FIXTURES = Path(__file__).resolve().parent / "fixtures"
EXCERPT = FIXTURES / "ee_rounds_excerpt.json"
NAMES = FIXTURES / "ee_round_names.csv"
CSV = ROOT / "content" / "data" / "express-entry-rounds.csv"
POOL = ROOT / "content" / "data" / "pool-distribution.json"
FEED_URL = "https://www.canada.ca/content/dam/ircc/documents/json/ee_rounds_123_en.json"

spec = importlib.util.spec_from_file_location("rounds_feed", SCRIPT)
rounds_feed = importlib.util.module_from_spec(spec)
spec.loader.exec_module(rounds_feed)


def excerpt() -> dict:
    return json.loads(EXCERPT.read_text(encoding="utf-8"))


def committed_rows() -> dict[int, dict]:
    with open(CSV, newline="", encoding="utf-8") as f:
        return {int(r["round"]): r for r in csv.DictReader(f)}


def round_of(feed: dict, number: str) -> dict:
    return next(r for r in feed["rounds"] if r["drawNumber"] == number)


class Run:
    """The script run on a feed, against copies of the committed CSV (and, if given, a pool file)."""

    def __init__(self, tmp_path: Path, feed, csv_text: bytes | None = None, pool_text: bytes | None = None):
        self.dir = tmp_path
        self.feed = tmp_path / "feed.json"
        self.csv = tmp_path / "rounds.csv"
        self.pool = tmp_path / "pool.json"
        self.feed.write_text(feed if isinstance(feed, str) else json.dumps(feed, indent=4), encoding="utf-8")
        self.csv.write_bytes(CSV.read_bytes() if csv_text is None else csv_text)
        if pool_text is not None:
            self.pool.write_bytes(pool_text)

    def files(self) -> dict:
        return {p.name: p.read_bytes() for p in sorted(self.dir.iterdir()) if p.name != "feed.json"}

    def __call__(self) -> subprocess.CompletedProcess:
        return subprocess.run([sys.executable, str(SCRIPT), str(self.feed), "--csv", str(self.csv),
                               "--pool", str(self.pool)], capture_output=True, text=True, cwd=self.dir)


# --- the fixture is the committed data ------------------------------------------------------------

def test_the_fixture_parses_to_the_committed_rows_for_the_same_rounds():
    rows, pool = rounds_feed.parse_feed(excerpt())
    committed = committed_rows()
    # The 2023 round (#278) and "91a" (2018) are before the site's period and left out.
    assert [r["round"] for r in rows] == [285, 294, 388, 422, 431, 432, 433, 434]
    for r in rows:
        mine = committed[r["round"]]
        assert (r["date"], r["round_type"], r["invitations"], r["min_crs"]) == (
            mine["date"], mine["round_type"], int(mine["invitations"]), int(mine["min_crs"])), r["round"]


def test_the_fixture_values_are_ircc_s_as_published():
    # Transcribed from IRCC's rounds page for #433 and #294, not read back from the CSV.
    rows = {r["round"]: r for r in rounds_feed.parse_feed(excerpt())[0]}
    assert rows[433] == {"round": 433, "date": "2026-08-06", "round_type": "French-language proficiency (2026-V2)",
                         "invitations": 5000, "min_crs": 391, "feed_name": "French-Language proficiency 2026-Version 2"}
    assert rows[294]["round_type"] == "General" and rows[294]["invitations"] == 2095 and rows[294]["min_crs"] == 529


def test_the_normaliser_gives_the_committed_type_of_every_round_the_feed_and_the_csv_both_hold():
    committed = committed_rows()
    with open(NAMES, newline="", encoding="utf-8") as f:
        names = list(csv.DictReader(f))
    both = [n for n in names if int(n["drawNumber"]) in committed]
    assert len(both) == 156  # #279 (10 January 2024) to #434 (7 August 2026)
    wrong = [(n["drawNumber"], n["drawName"], rounds_feed.normalise_type(n["drawName"]),
              committed[int(n["drawNumber"])]["round_type"]) for n in both
             if rounds_feed.normalise_type(n["drawName"]) != committed[int(n["drawNumber"])]["round_type"]]
    assert not wrong
    for n in both:  # the names file is the feed's: its dates are the CSV's
        assert n["drawDate"] == committed[int(n["drawNumber"])]["date"], n["drawNumber"]


@pytest.mark.parametrize("ircc, ours", [
    ("French language proficiency (Version 1)", "French-language proficiency (V1)"),
    ("French-Language proficiency 2026-Version 2", "French-language proficiency (2026-V2)"),
    ("Healthcare and Social Services Occupations, 2026-Version 3", "Healthcare and social services (2026-V3)"),
    ("Healthcare and social services occupations (Version 2)", "Healthcare and social services (V2)"),
    ("Healthcare occupations (Version 1)", "Healthcare occupations (V1)"),
    ("Trades Occupations, 2026-Version 3", "Trades occupations (2026-V3)"),
    ("Physicians with Canadian Work Experience, 2026-Version 1", "Physicians with Canadian work experience (2026-V1)"),
    ("Agriculture and agri-food occupations (Version 1)", "Agriculture and agri-food (V1)"),
    ("STEM occupations (Version 1)", "STEM occupations (V1)"),
    ("Skilled Military Recruits, 2026-Version 1", "Skilled military recruits (2026-V1)"),
    ("Canadian Experience Class", "Canadian Experience Class"),
    ("Provincial Nominee Program", "Provincial Nominee Program"),
    ("General", "General"),
    # A category the feed has not used yet still gets the house style.
    ("Researchers with Canadian Work Experience, 2027-Version 1", "Researchers with Canadian work experience (2027-V1)"),
])
def test_round_names_are_written_in_the_csv_s_naming(ircc, ours):
    assert rounds_feed.normalise_type(ircc) == ours


def test_the_pool_distribution_is_ircc_s_for_the_newest_round(tmp_path):
    run = Run(tmp_path, excerpt())  # no pool file yet
    proc = run()
    assert proc.returncode == 0, proc.stderr
    assert "Pool distribution recorded: 229,100 candidates on 2026-08-03 (published with round #434)." in proc.stdout
    pool = json.loads(run.pool.read_text(encoding="utf-8"))
    # IRCC's figures for 3 August 2026, published with round #434 (dd1, dd2, dd4-dd8, dd10-dd17; dd18).
    assert (pool["source"], pool["round"], pool["as_of"], pool["total"]) == (FEED_URL, 434, "2026-08-03", 229100)
    assert [(b["min"], b["max"], b["count"]) for b in pool["ranges"]] == [
        (601, 1200, 500), (501, 600, 19705),
        (491, 500, 12939), (481, 490, 12890), (471, 480, 16368), (461, 470, 16057), (451, 460, 14845),
        (441, 450, 13595), (431, 440, 13267), (421, 430, 11942), (411, 420, 11326), (401, 410, 10775),
        (351, 400, 50107), (301, 350, 17101), (0, 300, 7683)]


def test_the_committed_pool_file_is_written_as_the_script_writes_it(tmp_path):
    committed = POOL.read_bytes()
    assert rounds_feed.pool_text(json.loads(committed)) == committed.decode("utf-8")
    run = Run(tmp_path, excerpt(), pool_text=committed)  # the feed's is the same or older: kept
    proc = run()
    assert proc.returncode == 0, proc.stderr
    assert run.pool.read_bytes() == committed


# --- merging -----------------------------------------------------------------------------------------

def test_a_rerun_on_the_same_feed_changes_nothing(tmp_path):
    run = Run(tmp_path, excerpt())
    first = run()
    assert first.returncode == 0, first.stderr
    assert "No new rounds." in first.stdout
    before = run.files()
    assert before["rounds.csv"] == CSV.read_bytes()  # nothing new: the CSV is left byte for byte
    mtimes = {p.name: p.stat().st_mtime_ns for p in (run.csv, run.pool)}
    second = run()
    assert second.returncode == 0, second.stderr
    assert run.files() == before
    assert {p.name: p.stat().st_mtime_ns for p in (run.csv, run.pool)} == mtimes  # not even rewritten
    assert "No file changed." in second.stdout
    assert sorted(before) == ["pool.json", "rounds.csv"]  # and no temporary file left behind


def test_recorded_rounds_the_feed_does_not_list_are_kept(tmp_path):
    feed = excerpt()
    feed["rounds"] = [r for r in feed["rounds"] if r["drawNumber"] != "432"]
    run = Run(tmp_path, feed)
    proc = run()
    assert proc.returncode == 0, proc.stderr
    assert run.csv.read_bytes() == CSV.read_bytes()
    kept = {int(r["round"]) for r in csv.DictReader(run.csv.read_text(encoding="utf-8").splitlines())}
    assert {432, 435, 444} <= kept
    # Every recorded round but the seven the feed lists from 2024 on: #432 among them, and every round
    # recorded after the capture of the feed (#434 of 7 August 2026).
    notice = next(line for line in proc.stdout.splitlines() if "that the feed does not list" in line)
    assert notice.startswith(f"Notice: kept {len(committed_rows()) - 7} recorded rounds")
    assert ", #432, " in notice and notice.endswith(f", #435–#{max(committed_rows())}")


def test_new_rounds_are_added_in_order_with_their_type_in_the_csv_s_naming(tmp_path):
    lines = CSV.read_bytes().split(b"\r\n")
    without = b"\r\n".join(line for line in lines if not line.startswith((b"285,", b"433,", b"434,")))
    run = Run(tmp_path, excerpt(), csv_text=without)
    proc = run()
    assert proc.returncode == 0, proc.stderr
    assert run.csv.read_bytes() == CSV.read_bytes()  # put back exactly where and as they were
    assert "Added 3 rounds:" in proc.stdout
    assert "#433 2026-08-06 French-language proficiency (2026-V2): 5,000 invitations, cut-off 391" in proc.stdout
    assert "#285 2024-02-16 Agriculture and agri-food (V1): 150 invitations, cut-off 437" in proc.stdout


def test_a_round_newer_than_the_csv_is_appended(tmp_path):
    import datetime

    newest = max(committed_rows().values(), key=lambda r: int(r["round"]))
    number = int(newest["round"]) + 1
    day = datetime.date.fromisoformat(newest["date"]) + datetime.timedelta(days=14)
    as_of = day - datetime.timedelta(days=2)
    feed = excerpt()
    new = copy.deepcopy(round_of(feed, "434"))
    new.update({"drawNumber": str(number), "drawDate": day.isoformat(), "drawName": "Canadian Experience Class",
                "drawSize": "3,000", "drawCRS": "515",
                "drawDistributionAsOn": f"{as_of:%B} {as_of.day}, {as_of.year}"})
    feed["rounds"].insert(0, new)
    run = Run(tmp_path, feed)
    proc = run()
    assert proc.returncode == 0, proc.stderr
    row = f"{number},{day.isoformat()},Canadian Experience Class,3000,515\r\n".encode()
    assert run.csv.read_bytes() == CSV.read_bytes() + row
    assert (f"Added 1 round:\n  #{number} {day.isoformat()} Canadian Experience Class: 3,000 invitations, cut-off 515"
            in proc.stdout)
    pool = json.loads(run.pool.read_text(encoding="utf-8"))
    assert (pool["round"], pool["as_of"]) == (number, as_of.isoformat())


def test_a_recorded_round_that_the_feed_now_gives_differently_is_kept_as_recorded(tmp_path):
    feed = excerpt()
    round_of(feed, "432")["drawCRS"] = "600"
    run = Run(tmp_path, feed)
    proc = run()
    assert proc.returncode == 0, proc.stderr
    assert run.csv.read_bytes() == CSV.read_bytes()
    assert "round #432 differs in the feed (kept as recorded): min_crs '516' recorded, '600' in the feed" in proc.stdout


def test_rounds_before_2024_are_read_only_for_their_date(tmp_path):
    feed = excerpt()
    del round_of(feed, "278")["drawCRS"]  # an old round's other fields do not matter
    run = Run(tmp_path, feed)
    assert run().returncode == 0
    del round_of(feed, "91a")["drawDate"]  # but without a date it cannot be placed
    run = Run(tmp_path, feed)
    proc = run()
    assert proc.returncode == 2 and "round 91a: drawDate: missing" in proc.stderr


# --- refusing a feed that is not shaped as expected -------------------------------------------------

def _drop(field, number):
    def change(feed):
        del round_of(feed, number)[field]
    return change


def _rename(field, to, number):
    def change(feed):
        r = round_of(feed, number)
        r[to] = r.pop(field)
    return change


def _set(field, value, number):
    def change(feed):
        round_of(feed, number)[field] = value
    return change


BROKEN = {
    "a missing field": (_drop("drawCRS", "433"), "round 433: drawCRS: missing"),
    "a renamed field": (_rename("drawSize", "drawITAs", "432"),
                        "round 432: drawSize: missing (the round has fields we do not know: drawITAs)"),
    "text for a number": (_set("drawSize", "5,000 ITAs", "433"), "round 433: drawSize: expected a whole number"),
    "a misplaced comma": (_set("drawCRS", "4,70", "434"), "round 434: drawCRS: expected a whole number"),
    "a JSON number": (_set("drawCRS", 470, "434"), "round 434: drawCRS: expected text, found 470"),
    "a score over 1,200": (_set("drawCRS", "1,470", "434"), "round 434: drawCRS: 1,470 is out of range"),
    "text in the pool": (_set("dd7", "n/a", "285"), "round 285: dd7: expected a whole number"),
    "a missing pool field": (_drop("dd18", "388"), "round 388: dd18: missing"),
    "a pool date in another form": (_set("drawDistributionAsOn", "2026-08-03", "434"),
                                    "round 434: drawDistributionAsOn: expected a date such as"),
    "a date in another form": (_set("drawDate", "August 7, 2026", "434"), "round 434: drawDate: expected a date"),
    "an impossible date": (_set("drawDate", "2026-02-30", "434"), "round 434: drawDate: expected a date"),
    "a letter in a round number": (_set("drawNumber", "434a", "434"), "round 434a: drawNumber: expected a round number"),
    "a round listed twice": (_set("drawNumber", "433", "434"), "round 433: drawNumber: listed twice"),
    "an empty list": (lambda feed: feed.update(rounds=[]), "rounds: the feed lists no rounds"),
    "no list": (lambda feed: feed.pop("rounds"), "rounds: missing"),
    "a list of something else": (lambda feed: feed.update(rounds={"434": {}}), "rounds: expected a list"),
    "not an object": (None, "the feed is not a JSON object"),
    "only old rounds": (lambda feed: feed.update(rounds=[round_of(feed, "278"), round_of(feed, "91a")]),
                        "rounds: no round dated on or after 2024-01-01"),
    # The pool's subtotals and total must add up.
    "a subtotal that does not add up": (_set("dd5", "12,891", "434"),
                                        "round 434: dd3: the 451-500 subtotal is 73,099 but dd4 + dd5 + dd6 + dd7 + dd8 = 73,100"),
    "a total that does not add up": (_set("dd17", "7,684", "434"),
                                     "round 434: dd18: the total is 229,100 but the ranges"),
    "a second subtotal that does not add up": (_set("dd9", "60,904", "434"), "round 434: dd9: the 401-450 subtotal"),
}


@pytest.mark.parametrize("what", BROKEN)
@pytest.mark.parametrize("with_pool", [False, True], ids=["no pool file", "a pool file"])
def test_a_feed_not_shaped_as_expected_is_refused_and_nothing_changes(tmp_path, what, with_pool):
    change, message = BROKEN[what]
    feed = excerpt()
    if change is None:
        feed = ["not", "an", "object"]
    else:
        change(feed)
    pool = POOL.read_bytes() if with_pool else None
    run = Run(tmp_path, feed, pool_text=pool)
    before = run.files()
    proc = run()
    assert proc.returncode == 2, proc.stdout + proc.stderr
    assert message in proc.stderr
    assert "nothing was changed" in proc.stderr and proc.stdout == ""
    assert run.files() == before


def test_every_problem_is_listed_one_line_each(tmp_path):
    feed = excerpt()
    del round_of(feed, "433")["drawCRS"]
    round_of(feed, "432")["drawSize"] = "lots"
    proc = Run(tmp_path, feed)()
    assert proc.returncode == 2
    problems = [line.strip() for line in proc.stderr.splitlines()[1:]]
    assert problems == ["round 433: drawCRS: missing", 'round 432: drawSize: expected a whole number such as "1,500", found "lots"']


def test_a_feed_that_is_not_json_is_refused(tmp_path):
    run = Run(tmp_path, "<html>Page not found</html>")
    before = run.files()
    proc = run()
    assert proc.returncode == 2 and "the feed is not JSON" in proc.stderr
    assert run.files() == before


def test_a_feed_that_cannot_be_read_fails_without_changing_anything(tmp_path):
    run = Run(tmp_path, excerpt())
    run.feed.unlink()
    before = run.files()
    proc = run()
    assert proc.returncode == 1 and "Could not read the feed" in proc.stderr
    assert run.files() == before


# --- the pool distribution -----------------------------------------------------------------------------

def _pool(as_of, number, total=100):
    return (json.dumps({"source": FEED_URL, "round": number, "as_of": as_of, "total": total,
                        "ranges": [{"min": 0, "max": 1200, "count": total}]}, indent=2) + "\n").encode()


def test_a_newer_recorded_pool_distribution_is_kept(tmp_path):
    newer = _pool("2026-09-14", 442)
    run = Run(tmp_path, excerpt(), pool_text=newer)
    proc = run()
    assert proc.returncode == 0, proc.stderr
    assert run.pool.read_bytes() == newer
    assert "Kept the recorded pool distribution of 2026-09-14" in proc.stdout


def test_an_older_recorded_pool_distribution_is_replaced(tmp_path):
    run = Run(tmp_path, excerpt(), pool_text=_pool("2026-07-19", 430))
    proc = run()
    assert proc.returncode == 0, proc.stderr
    pool = json.loads(run.pool.read_text(encoding="utf-8"))
    assert (pool["round"], pool["as_of"], pool["total"]) == (434, "2026-08-03", 229100)
    assert "Pool distribution updated: 229,100 candidates on 2026-08-03 (published with round #434); it was 2026-07-19" in proc.stdout


def test_the_pool_is_the_newest_round_s_that_has_one(tmp_path):
    feed = excerpt()
    for number in ("434", "433"):  # as the 2015 rounds publish it: no distribution, all zeros
        r = round_of(feed, number)
        r.update({f"dd{i}": "0" for i in range(1, 19)})
    pool = rounds_feed.parse_feed(feed)[1]
    assert pool["round"] == 432 and pool["as_of"] == "2026-08-03" and pool["total"] == 229100


def test_a_broken_pool_file_is_refused(tmp_path):
    run = Run(tmp_path, excerpt(), pool_text=b'{"round": "434"}\n')
    before = run.files()
    proc = run()
    assert proc.returncode == 2 and "pool.json: not a pool distribution" in proc.stderr
    assert run.files() == before


# --- make rounds and the workflow -------------------------------------------------------------------------

def test_make_rounds_runs_the_script_on_the_given_feed(tmp_path):
    # A feed that is refused changes nothing, so this runs the real target safely.
    feed = tmp_path / "feed.json"
    feed.write_text('{"rounds": []}', encoding="utf-8")
    before = (CSV.read_bytes(), POOL.read_bytes())
    # VENV: this interpreter's environment, so make never has to create one.
    proc = subprocess.run(["make", "--no-print-directory", "rounds", f"FEED={feed}", f"VENV={sys.prefix}"], cwd=ROOT,
                          capture_output=True, text=True)
    assert proc.returncode != 0
    assert "rounds: the feed lists no rounds" in proc.stderr
    assert (CSV.read_bytes(), POOL.read_bytes()) == before


def test_the_weekly_workflow_runs_make_rounds_and_proposes_the_change():
    text = (ROOT / ".github" / "workflows" / "rounds.yml").read_text(encoding="utf-8")
    assert "schedule:" in text and "cron:" in text and "workflow_dispatch:" in text
    assert "make rounds" in text
    assert "contents: write" in text and "pull-requests: write" in text
    assert "peter-evans/create-pull-request@v" in text
    for path in ("content/data/express-entry-rounds.csv", "content/data/pool-distribution.json"):
        assert path in text


def test_only_the_update_script_reaches_the_network():
    # The site build reads committed files only: no build step opens a URL.
    build_files = [ROOT / "pelicanconf.py", ROOT / "publishconf.py", *sorted((ROOT / "plugins").rglob("*.py")),
                   *sorted((ROOT / "checker").rglob("*.py"))]
    for path in build_files:
        text = path.read_text(encoding="utf-8")
        for needle in ("urllib.request", "urlopen", "http.client", "import requests", "import socket"):
            assert needle not in text, f"{path.relative_to(ROOT)} uses {needle}"
