"""The command line keeps its contract whatever it is sent (issue: every input answered).

Contract §3: exit 0 with the result document (valid UTF-8 JSON) on standard output,
or exit 2 with one line on standard error naming the field, and nothing on
standard output. Each case here is one that once broke it.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest

from conftest import ROOT

ALLOWED_TOP = "as_of, birth_date"


def run(*args, stdin: bytes | str = b"", env=None):
    data = stdin.encode("utf-8", "surrogatepass") if isinstance(stdin, str) else stdin
    return subprocess.run([sys.executable, "-m", "checker", *args], cwd=ROOT, input=data, capture_output=True,
                          env={**os.environ, **(env or {})})


def assert_refused(proc, field_words):
    """Exit 2, nothing on standard output, one line on standard error that names the field."""
    assert proc.returncode == 2, (proc.returncode, proc.stdout[:200], proc.stderr)
    assert proc.stdout == b""
    err = proc.stderr.decode("utf-8")
    assert err.endswith("\n") and err.count("\n") == 1, err
    assert len(err) <= 301, len(err)
    assert "Traceback" not in err
    assert field_words in err, err
    return err


@pytest.mark.parametrize("doc,field", [
    ('{"intended_province":[]}', "intended_province:"),                                      # C1
    ('{"intended_province":{"a":1}}', "intended_province:"),
    ('{"languages":[{"test":[]}]}', "languages[0].test:"),                                    # C2
    ('{"spouse":{"accompanying":true,"language":{"test":{}}}}', "spouse.language.test:"),
    ('{"education":{"level":[],"canadian":{}}}', "education.level:"),
    ('{"spouse":{"accompanying":true,"education_level":["x"]}}', "spouse.education_level:"),
])
def test_a_list_or_object_where_a_choice_belongs_is_refused(doc, field):
    assert_refused(run("assess", "-", stdin=doc), field)


@pytest.mark.parametrize("noc", ["2²232", "2₂232", "２１２３２", "2١232", "21 32", "2123"])
def test_a_noc_code_is_five_ascii_digits(noc):                                              # C3, C4
    doc = {"as_of": "2026-11-25", "jobs": [{"noc": noc, "start": "2024-01-01", "hours_per_week": 40}]}
    err = assert_refused(run("assess", "-", stdin=json.dumps(doc)), "jobs[0].noc:")
    assert "five-digit" in err
    offer = {"as_of": "2026-11-25", "job_offer": {"teer": 1, "noc": noc}}
    assert_refused(run("assess", "-", stdin=json.dumps(offer)), "job_offer.noc:")


def test_deeply_nested_json_is_refused():                                                   # C5
    assert_refused(run("assess", "-", stdin="[" * 1000 + "]" * 1000), "nested")
    assert_refused(run("assess", "-", stdin='{"jobs":' + "[" * 5000 + "]" * 5000 + "}"), "nested")


def test_an_integer_of_thousands_of_digits_is_refused():                                    # C6
    assert_refused(run("assess", "-", stdin='{"family_size": ' + "9" * 5000 + "}"), "number")
    assert_refused(run("assess", "-", stdin='{"family_size": ' + "9" * 400 + "}"), "family_size:")


def test_a_lone_surrogate_never_reaches_standard_output():                                  # C7
    doc = '{"as_of":"2026-11-25","jobs":[{"title":"\\ud800","teer":5,"start":"2024-01-01","hours_per_week":40}]}'
    assert_refused(run("assess", "-", stdin=doc), "jobs[0].title:")


@pytest.mark.parametrize("locale", ["C", "C.UTF-8"])
def test_bytes_that_are_not_utf8_are_refused_in_any_locale(locale):                          # C8
    data = b'{"jobs":[{"title":"caf\xe9","teer":1,"start":"2024-01-01","hours_per_week":40}]}'
    err = assert_refused(run("assess", "-", stdin=data, env={"LC_ALL": locale, "LANG": locale,
                                                               "PYTHONIOENCODING": ""}), "UTF-8")
    assert "standard input" in err


@pytest.mark.parametrize("key", ["a\nb", "\x1b[31mred", "k" * 5000, "a.b", "jobs[0]", "\u202etxt"])
def test_unknown_keys_are_shown_on_one_short_line_without_control_codes(key):                # C9
    err = assert_refused(run("assess", "-", stdin=json.dumps({key: 1})), "is not a field")
    assert "\x1b" not in err and "\u202e" not in err and len(err) <= 301
    assert err.startswith('invalid answers: "')  # an odd name is quoted, so it never reads as a path


def test_met_until_is_the_last_day_the_hours_still_reach_1560():                             # C10
    """30 h a week from 26 March 2022 to 30 April 2025. The window's start moves two days from 28 February
    to 1 March 2024 (29 February), so by hand: on 2 May 2027 the window starts on 2 May 2024 and holds
    exactly 52 weeks of 30 hours (1,560); on 3 May 2027 it holds 1,555.71."""
    doc = {"as_of": "2026-11-25", "jobs": [{"teer": 2, "start": "2022-03-26", "end": "2025-04-30", "hours_per_week": 30}]}
    result = json.loads(run("assess", "-", "--no-suggestions", stdin=json.dumps(doc)).stdout)
    assert result["cec"]["met_until"] == "2027-05-02"
    for day, hours in (("2027-05-02", 1560.0), ("2027-05-03", 1555.71)):
        later = json.loads(run("assess", "-", "--no-suggestions", stdin=json.dumps({**doc, "as_of": day})).stdout)
        assert later["cec"]["qualifying_hours"] == hours


@pytest.mark.parametrize("today", ["20261201", "2026-W01-1", "2026-12-1", "tomorrow"])
def test_a_bad_today_option_is_blamed_on_the_option(today):                                  # C11
    err = assert_refused(run("assess", "-", "--today", today, stdin="{}"), "--today")
    assert "as_of" not in err


@pytest.mark.parametrize("args", [[], ["--help"], ["assess", "--help"], ["assess", "-"]])
def test_a_closed_pipe_ends_quietly(args):
    """``python -m checker | head -1``: the reader goes away before the output is written."""
    doc = json.dumps({"as_of": "2026-11-25", "jobs": [{"teer": 1, "start": "2024-01-01", "hours_per_week": 40}]})
    proc = subprocess.Popen([sys.executable, "-m", "checker", *args], cwd=ROOT, stdin=subprocess.PIPE,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    proc.stdout.close()  # closed before the program (still starting) writes anything
    _out, err = proc.communicate(doc.encode())
    assert b"Traceback" not in err and b"BrokenPipeError" not in err, err.decode()


@pytest.mark.parametrize("score", [6.999999999, 7.0000000001, 6.75])
def test_scores_must_be_exact_steps(score):
    """A score a hair from a step is refused: it is never scored as the step below (IELTS steps are 0.5)."""
    doc = {"as_of": "2026-11-25", "languages": [{"test": "ielts_general", "test_date": "2026-01-15",
                                                 "reading": score, "writing": 7, "listening": 8, "speaking": 7}]}
    err = assert_refused(run("assess", "-", stdin=json.dumps(doc)), "languages[0].reading:")
    assert "steps of 0.5" in err


def test_a_long_message_is_cut_to_one_line_of_300_characters():
    doc = {"k%03d" % i: 1 for i in range(40)}
    err = assert_refused(run("assess", "-", stdin=json.dumps(doc)), "more problems")
    assert len(err.rstrip("\n")) <= 300
