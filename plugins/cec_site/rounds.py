"""IRCC's rounds of invitations (content/data/express-entry-rounds.csv): the one copy the site uses.

The CSV holds IRCC's published results: round number, date, round type,
invitations issued and the lowest CRS score invited.
"""
from __future__ import annotations

import csv
from pathlib import Path

ROUNDS_CSV = Path(__file__).resolve().parents[2] / "content" / "data" / "express-entry-rounds.csv"


def load_rounds(path: Path = ROUNDS_CSV) -> list[dict]:
    with open(path, newline="", encoding="utf-8") as f:
        return [{"round": int(r["round"]), "date": r["date"], "round_type": r["round_type"],
                 "invitations": int(r["invitations"]), "min_crs": int(r["min_crs"])} for r in csv.DictReader(f)]
