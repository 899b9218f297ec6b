"""Every row of every CLB/NCLC chart, at its boundary.

The expected charts below are transcribed from IRCC's language test
equivalency charts (canada.ca, "Language test equivalency charts"; TEF Canada
has one chart for tests from 11 December 2023 and the "Équivalence ancien score"
chart before), independently of checker/data. For each level and ability the
lowest score of the row must give that level, and the score one step below it
the level underneath (or "below" the chart, 0).
"""
from __future__ import annotations

import pytest

from checker import clb
from helpers import rules

ABILITIES = ("reading", "writing", "listening", "speaking")

# level: (reading, writing, listening, speaking) lowest score of the row
IELTS = {10: (8.0, 7.5, 8.5, 7.5), 9: (7.0, 7.0, 8.0, 7.0), 8: (6.5, 6.5, 7.5, 6.5), 7: (6.0, 6.0, 6.0, 6.0),
         6: (5.0, 5.5, 5.5, 5.5), 5: (4.0, 5.0, 5.0, 5.0), 4: (3.5, 4.0, 4.5, 4.0)}
CELPIP = {lvl: (lvl,) * 4 for lvl in range(4, 11)}
PTE_CORE = {10: (88, 90, 89, 89), 9: (78, 88, 82, 84), 8: (69, 79, 71, 76), 7: (60, 69, 60, 68),
            6: (51, 60, 50, 59), 5: (42, 51, 39, 51), 4: (33, 41, 28, 42), 3: (24, 32, 18, 34)}
TEF_FROM_2023_12_11 = {10: (546, 558, 546, 556), 9: (503, 512, 503, 518), 8: (462, 472, 462, 494),
                       7: (434, 428, 434, 456), 6: (393, 379, 393, 422), 5: (352, 330, 352, 387),
                       4: (306, 268, 306, 328)}
TEF_ANCIEN_SCORE = {10: (263, 393, 316, 393), 9: (248, 371, 298, 371), 8: (233, 349, 280, 349),
                    7: (207, 310, 249, 310), 6: (181, 271, 217, 271), 5: (151, 226, 181, 226),
                    4: (121, 181, 145, 181)}
TCF = {10: (549, 16, 549, 16), 9: (524, 14, 523, 14), 8: (499, 12, 503, 12), 7: (453, 10, 458, 10),
       6: (406, 7, 398, 7), 5: (375, 6, 369, 6), 4: (342, 4, 331, 4)}

CHARTS = [
    ("ielts_general", "2026-01-15", IELTS, 0.5),
    ("celpip_general", "2026-01-15", CELPIP, 1),
    ("pte_core", "2026-01-15", PTE_CORE, 1),
    ("tef_canada", "2026-01-15", TEF_FROM_2023_12_11, 1),
    ("tef_canada", "2023-12-11", TEF_FROM_2023_12_11, 1),
    ("tef_canada", "2023-12-10", TEF_ANCIEN_SCORE, 1),
    ("tef_canada", "2022-06-01", TEF_ANCIEN_SCORE, 1),
    ("tcf_canada", "2026-01-15", TCF, 1),
]


def _cases():
    for test, date, chart, step in CHARTS:
        levels = sorted(chart)
        for level in levels:
            for i, ability in enumerate(ABILITIES):
                low = chart[level][i]
                below_level = levels[levels.index(level) - 1] if level != levels[0] else 0
                yield pytest.param(test, date, ability, low, level, id=f"{test}-{date}-{ability}-L{level}-reaches")
                yield pytest.param(test, date, ability, low - step, below_level,
                                   id=f"{test}-{date}-{ability}-L{level}-just-below")


@pytest.mark.parametrize("test,date,ability,score,expected", list(_cases()))
def test_chart_boundary(test, date, ability, score, expected):
    result = {"test": test, "test_date": date, "reading": 0, "writing": 0, "listening": 0, "speaking": 0}
    result[ability] = score
    assert clb.levels(result, rules())[ability] == expected


@pytest.mark.parametrize("score,expected", [(11, 10), (12, 10), (3, 0), (1, 0)])
def test_celpip_above_10_and_below_4(score, expected):
    result = {"test": "celpip_general", "test_date": "2026-01-15", "reading": score, "writing": 4,
              "listening": 4, "speaking": 4}
    assert clb.levels(result, rules())["reading"] == expected


@pytest.mark.parametrize("score,expected", [(9.0, 10), (6.5, 8), (5.5, 6), (0.0, 0)])
def test_ielts_between_rows_maps_down(score, expected):
    result = {"test": "ielts_general", "test_date": "2026-01-15", "reading": score, "writing": 4.0,
              "listening": 4.5, "speaking": 4.0}
    assert clb.levels(result, rules())["reading"] == expected


def test_ielts_listening_7_is_clb_7():
    """rules.md §2.1 example: listening 7.0 is CLB 7 (8.0 is needed for 9, 7.5 for 8)."""
    result = {"test": "ielts_general", "test_date": "2026-01-15", "reading": 6.0, "writing": 6.0,
              "listening": 7.0, "speaking": 6.0}
    assert clb.levels(result, rules()) == {"reading": 7, "writing": 7, "listening": 7, "speaking": 7}


@pytest.mark.parametrize("test,ability,score,ok", [
    ("ielts_general", "reading", 6.25, False), ("ielts_general", "reading", 9.5, False),
    ("ielts_general", "reading", 9.0, True), ("ielts_general", "reading", -0.5, False),
    ("celpip_general", "writing", 13, False), ("celpip_general", "writing", 7.5, False),
    ("pte_core", "speaking", 91, False), ("pte_core", "speaking", 9, False), ("pte_core", "speaking", 10, True),
    ("tef_canada", "reading", 700, False), ("tef_canada", "reading", 699, True),
    ("tcf_canada", "writing", 21, False), ("tcf_canada", "writing", 20, True), ("tcf_canada", "reading", 699, True),
])
def test_scale_validation(test, ability, score, ok):
    chart = clb.chart(rules(), test, "2026-01-15")
    assert (clb.scale_problem(chart["scale"][ability], score) is None) is ok


def test_old_tef_scale_is_used_for_tests_before_11_december_2023():
    chart = clb.chart(rules(), "tef_canada", "2023-12-10")
    assert chart["scale"]["reading"]["max"] == 300 and chart["scale"]["writing"]["max"] == 450
    assert chart["scale"]["listening"]["max"] == 360 and chart["scale"]["speaking"]["max"] == 450
    assert clb.chart(rules(), "tef_canada", "2023-12-11")["scale"]["reading"]["max"] == 699


def test_pte_core_has_no_chart_before_it_was_accepted():
    assert clb.chart(rules(), "pte_core", "2024-01-29") is None
    assert clb.chart(rules(), "pte_core", "2024-01-30") is not None
