"""Ship Brython and the checker to output/js after every build.

Brython's own files come from the pinned ``brython`` package (never from a CDN).
"""
from __future__ import annotations

import shutil
from pathlib import Path

import brython

BRYTHON_DATA = Path(brython.__file__).resolve().parent / "data"


def finalized(pelican):
    out = Path(pelican.settings["OUTPUT_PATH"]) / "js"
    out.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(BRYTHON_DATA / "brython.js", out / "brython.js")
