"""`python -m checker`: the result document on success, exit 2 and one line on bad input."""
from __future__ import annotations

import json
import re
import subprocess
import sys

from conftest import ROOT


def run(*args, stdin=None):
    return subprocess.run([sys.executable, "-m", "checker", *args], cwd=ROOT, input=stdin,
                          capture_output=True, text=True)


CONTRACT_EXAMPLE = {
    "as_of": "2026-11-25", "birth_date": "1998-04-12", "intended_province": "ON",
    "education": {"level": "bachelors", "canadian": "three_year_plus"},
    "languages": [{"test": "ielts_general", "test_date": "2026-02-01",
                   "reading": 7.5, "writing": 6.5, "listening": 8.0, "speaking": 7.0}],
    "jobs": [{"title": "Software developer", "noc": "21232", "teer": 1, "start": "2024-06-01", "end": None,
              "hours_per_week": 40, "in_canada": True, "paid": True, "self_employed": False,
              "full_time_student": False, "authorized": True}],
    "certificate_of_qualification": False, "provincial_nomination": False, "sibling_in_canada": False,
    "job_offer": None, "spouse": None,
}


def test_assess_file_prints_the_result_document(tmp_path):
    f = tmp_path / "answers.json"
    f.write_text(json.dumps(CONTRACT_EXAMPLE))
    proc = run("assess", str(f))
    assert proc.returncode == 0, proc.stderr
    result = json.loads(proc.stdout)
    assert set(result) >= {"as_of", "rules_in_force", "age", "clb", "cec", "crs", "fsw", "suggestions", "notes"}
    assert result["age"] == 28
    assert result["clb"]["english"] == {"reading": 9, "writing": 8, "listening": 9, "speaking": 9}
    assert result["clb"]["french"] is None
    assert result["cec"]["eligible"] is True
    crs = result["crs"]
    assert crs["total"] == crs["core"] + crs["spouse"] + crs["transferability"] + crs["additional"]
    # By hand: 110 + 120 + (31+23+31+31) + 53 = 399 core; 13 + 25 transferability; 30 Canadian education.
    assert (crs["core"], crs["transferability"], crs["additional"], crs["total"]) == (399, 38, 30, 467)
    assert {"id": "age", "section": "core", "points": 110, "detail": "Age 28"} in crs["factors"]
    assert proc.stderr == ""


def test_standard_input():
    proc = run("assess", "-", stdin=json.dumps(CONTRACT_EXAMPLE))
    assert proc.returncode == 0 and json.loads(proc.stdout)["crs"]["total"] == 467


def test_invalid_answers_exit_2_with_one_line():
    bad = dict(CONTRACT_EXAMPLE, languages=[dict(CONTRACT_EXAMPLE["languages"][0], reading=9.5)])
    proc = run("assess", "-", stdin=json.dumps(bad))
    assert proc.returncode == 2
    assert proc.stdout == ""
    assert proc.stderr.count("\n") == 1 and "languages[0].reading" in proc.stderr


def test_not_json_exit_2():
    proc = run("assess", "-", stdin="{not json")
    assert proc.returncode == 2 and proc.stdout == "" and "not valid JSON" in proc.stderr


def test_missing_file_exit_2(tmp_path):
    proc = run("assess", str(tmp_path / "nope.json"))
    assert proc.returncode == 2 and proc.stdout == "" and proc.stderr.count("\n") == 1


def test_help_explains_commands():
    proc = run("--help")
    assert proc.returncode == 0 and "assess" in proc.stdout
    proc = run("assess", "--help")
    assert proc.returncode == 0 and "standard input" in proc.stdout


def test_assess_help_describes_every_part_of_the_result():
    help_text = run("assess", "--help").stdout
    described = set(re.findall(r"[a-z_]+", help_text))
    result = json.loads(run("assess", "-", "--today", "2026-12-01", stdin=json.dumps(CONTRACT_EXAMPLE)).stdout)
    assert set(result) <= described, sorted(set(result) - described)
    assert result["categories"], "no category in force on 2026-12-01"
    assert {c["id"] for c in result["categories"]} <= described
    assert {"eligible", "detail", "hours", "eligible_on", "sources"} <= described


def test_today_option_is_used_without_as_of():
    doc = {k: v for k, v in CONTRACT_EXAMPLE.items() if k != "as_of"}
    proc = run("assess", "-", "--today", "2026-03-01", stdin=json.dumps(doc))
    assert json.loads(proc.stdout)["as_of"] == "2026-03-01"
