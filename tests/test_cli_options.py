"""Command options as the user meets them: what `--help` promises and what a bad value gets."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

SAMPLE = Path(__file__).resolve().parent.parent / "src" / "podcards" / "data" / "sample.txt"


def podcards(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "podcards", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=60,
    )


def help_text(command: str) -> str:
    """The help of `command` as one line, unwrapped (click also wraps after a hyphen)."""
    return re.sub(r"-\s+", "-", " ".join(podcards(command, "--help").stdout.split()))


def test_a_negative_segment_count_is_refused() -> None:
    done = podcards("inspect", str(SAMPLE), "--segments", "-3")
    assert done.returncode == 2
    assert "Invalid value for '--segments': -3 is not in the range x>=0" in done.stderr
    assert podcards("inspect", str(SAMPLE), "--segments", "0").returncode == 0


def test_run_help_gives_the_default_deck_for_one_episode_and_for_several() -> None:
    assert (
        "default: OUTPUT-FOLDER/<episode>.apkg; for several episodes, OUTPUT-FOLDER/podcards.apkg"
        in help_text("run")
    )


def test_review_help_says_kind_can_be_repeated() -> None:
    assert "repeat the option for several kinds" in help_text("review")


def test_quiet_and_verbose_also_work_after_the_command(tmp_path: Path) -> None:
    """Users type 'podcards extract talk.txt -q' as often as 'podcards -q extract talk.txt'."""
    shutil.copy(SAMPLE, tmp_path / "talk.txt")
    quiet = podcards("extract", "talk.txt", "-q", cwd=tmp_path)
    assert quiet.returncode == 0  # the result line only
    assert re.fullmatch(r"\d+ candidates from talk\.txt in decks/\S+\.cards\.json\n", quiet.stderr)
    loud = podcards("extract", "talk.txt", "-v", cwd=tmp_path)
    assert loud.returncode == 0 and "extracted talk.txt" in loud.stderr


def test_a_card_file_named_without_its_suffix_is_refused_before_extracting(tmp_path: Path) -> None:
    """status and run find card files by '.cards.json': one named otherwise would be lost."""
    shutil.copy(SAMPLE, tmp_path / "talk.txt")
    done = podcards("extract", "talk.txt", "-o", "notes.txt", cwd=tmp_path)
    assert done.returncode == 2
    assert done.stderr == ("podcards: notes.txt: output file name must end in .cards.json\n")
    assert not (tmp_path / "notes.txt").exists()
    assert "default: OUTPUT-FOLDER/<episode>.cards.json" in help_text("extract")


def test_counts_of_one_are_singular(tmp_path: Path) -> None:
    shutil.copy(SAMPLE, tmp_path / "talk.txt")
    extracted = podcards(
        "extract", "talk.txt", "--max", "1", "-o", "decks/talk.cards.json", cwd=tmp_path
    )
    assert extracted.stderr.startswith("1 candidate from talk.txt in ")
    approved = podcards("review", "decks/talk.cards.json", "--approve-all", cwd=tmp_path)
    assert approved.stderr == "Approved 1 card in decks/talk.cards.json.\n"
    exported = podcards("export", "decks/talk.cards.json", cwd=tmp_path)
    assert exported.stderr.endswith(": 1 note\n")
    previewed = podcards("preview", "decks/talk.cards.json", cwd=tmp_path)
    assert previewed.stderr == "1 card\n"
    assert "podcards preview: 1 card<" in (tmp_path / "decks/talk.preview.html").read_text()
