"""Shared test set-up: NLTK data from ../shared when present, paths to fixtures and the dev episode."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = Path(__file__).resolve().parent / "fixtures"
SHARED = ROOT.parent / "shared"
DEV_TRANSCRIPT = SHARED / "transcripts" / "sds-919-geron.txt"

if "NLTK_DATA" not in os.environ and (SHARED / "nltk_data").is_dir():
    os.environ["NLTK_DATA"] = str(SHARED / "nltk_data")


@pytest.fixture
def fixtures() -> Path:
    return FIXTURES


@pytest.fixture
def dev_transcript() -> Path:
    if not DEV_TRANSCRIPT.is_file():
        pytest.skip("../shared/transcripts is not here")
    return DEV_TRANSCRIPT


@pytest.fixture(autouse=True)
def normal_verbosity():
    """`-q`/`-v` set a process-wide level; a CLI test run in-process must not leave it set."""
    from podcards import ui

    ui.set_verbosity(0)
    yield
    ui.set_verbosity(0)
