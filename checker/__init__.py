"""cec-pathways checker: the Canadian Experience Class and the CRS, as rules in plain Python.

Standard library only, no I/O, no clock: the same code runs under CPython (the
tests, ``python -m checker``) and under Brython in the browser. The shells read
the rule data (``checker/data/*.json``) and pass it to :func:`load_rules`.

    rules = load_rules(tables)
    result = assess(answers, rules, today="2026-11-25")
"""

from checker.answers import InvalidAnswers
from checker.assessment import assess, assess_facts
from checker.rules import RuleError, Rules, load_rules

__all__ = ["assess", "assess_facts", "load_rules", "Rules", "RuleError", "InvalidAnswers"]
__version__ = "0.1.0"
