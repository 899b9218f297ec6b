"""Rule data hygiene: every value dated, sourced and verified; versions in order; no gaps."""
from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

DATA = Path(__file__).resolve().parent.parent / "checker" / "data"
FILES = sorted(DATA.glob("*.json"))
ISO = re.compile(r"^\d{4}-\d{2}-\d{2}$")
OFFICIAL = ("https://www.canada.ca/", "https://laws-lois.justice.gc.ca/", "https://www.cic.gc.ca/")
CONFIDENCE = {"official", "cross-checked", "secondary", "uncertain"}


def reject_duplicates(pairs):
    keys = [k for k, _ in pairs]
    dupes = {k for k in keys if keys.count(k) > 1}
    if dupes:
        raise ValueError(f"duplicate keys {sorted(dupes)}")
    return dict(pairs)


def load(path):
    return json.loads(path.read_text(encoding="utf-8"), object_pairs_hook=reject_duplicates)


def all_versions():
    for path in FILES:
        table = load(path)
        for name, param in table["parameters"].items():
            for i, v in enumerate(param["versions"]):
                yield pytest.param(path.stem, name, i, v, id=f"{path.stem}.{name}[{i}]")


def test_there_is_one_file_per_official_table():
    names = {p.stem for p in FILES}
    assert {"cec_requirements", "clb_ielts_general", "clb_celpip_general", "clb_pte_core", "clb_tef_canada",
            "clb_tcf_canada", "crs_core_age", "crs_core_education", "crs_core_first_language",
            "crs_core_second_language", "crs_core_canadian_work", "crs_spouse_factors", "crs_skill_transferability",
            "crs_additional_points", "fsw_selection_grid", "fst_requirements"} <= names


def french_title(fr: str, en: str) -> bool:
    """A title's French (title_fr, shown on the French site): written, not the English copied, with IRCC's
    French abbreviations (NCLC, not CLB) and a non-breaking space before a colon."""
    return bool(fr) and fr != en and "CLB" not in fr and " :" not in fr and not re.search(r"\S:", fr)


@pytest.mark.parametrize("path", FILES, ids=lambda p: p.stem)
def test_table_metadata(path):
    table = load(path)  # also fails on duplicate keys
    assert table["id"] == path.stem
    assert table["title"]
    assert french_title(table["title_fr"], table["title"])
    assert table["legal_basis"] and all(lb["href"].startswith("https://") and lb["title"] for lb in table["legal_basis"])
    assert table["parameters"]
    for name, param in table["parameters"].items():
        assert param["title"], name
        assert french_title(param["title_fr"], param["title"]), name
        # The sources page strips bracketed notes from a part's title: both languages keep the same notes.
        assert param["title_fr"].count("(") == param["title"].count("("), name
        dates = [v["effective_from"] for v in param["versions"]]
        assert dates == sorted(dates) and len(set(dates)) == len(dates), f"{name}: versions out of order"


@pytest.mark.parametrize("table,name,i,version", list(all_versions()))
def test_every_value_is_dated_sourced_and_verified(table, name, i, version):
    assert ISO.match(version["effective_from"]), "effective_from must be YYYY-MM-DD"
    assert "value" in version
    assert version["sources"], "at least one source"
    assert all(s.startswith("https://") for s in version["sources"])
    assert any(s.startswith(OFFICIAL) for s in version["sources"]), "cite canada.ca or the law first"
    assert ISO.match(version["last_verified"]) and version["last_verified"] >= version["effective_from"][:4]
    assert version["confidence"] in CONFIDENCE
    if version["confidence"] in ("secondary", "uncertain"):
        assert version.get("note"), "a value that is not officially confirmed must say why in a note"


def test_every_parameter_has_a_value_on_the_earliest_supported_date():
    earliest = load(DATA / "scope.json")["parameters"]["earliest_as_of"]["versions"][0]["value"]
    # Values that legitimately start later, with the reason.
    later = {("settlement_funds", "amounts"): "only the 2025 table is encoded; FSW/FST funds are informative",
             ("clb_pte_core", "equivalency"): "PTE Core results exist only from 30 January 2024 (by test date)"}
    gaps = []
    for path in FILES:
        for name, param in load(path)["parameters"].items():
            if (path.stem, name) in later:
                continue
            if param["versions"][0]["effective_from"] > earliest:
                gaps.append(f"{path.stem}.{name} starts {param['versions'][0]['effective_from']}")
    assert not gaps, gaps


def test_job_offer_points_end_on_25_march_2025():
    versions = load(DATA / "crs_additional_points.json")["parameters"]["arranged_employment"]["versions"]
    by_date = {v["effective_from"]: v["value"] for v in versions}
    assert by_date["2025-03-25"] == {"major_group_00": 0, "other": 0}
    assert [v for d, v in by_date.items() if d < "2025-03-25"][-1] == {"major_group_00": 200, "other": 50}


def test_unconfirmed_crs_change_is_flagged_not_encoded():
    versions = load(DATA / "scope.json")["parameters"]["crs_unconfirmed_change"]["versions"]
    flagged = [v for v in versions if v["value"]]
    assert flagged and flagged[0]["effective_from"] == "2026-11-03" and flagged[0]["confidence"] == "uncertain"
    # No CRS table has a version from that date: values were not invented.
    for path in FILES:
        if path.stem.startswith("crs_"):
            for param in load(path)["parameters"].values():
                assert all(v["effective_from"] < "2026-11-03" for v in param["versions"]), path.stem
