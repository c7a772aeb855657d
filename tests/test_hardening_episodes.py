"""Two episodes with one title (so one slug, one default card file name) never share a card
file, while a re-extract of the same transcript, edited or moved, still merges into its own."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from podcards.batch import extract_episodes
from podcards.cardfile import load_card_file
from podcards.models import Config, ReviewStatus
from podcards.pipeline import run_job
from podcards.review import approve_all

TALKS = Path(__file__).resolve().parent / "fixtures" / "extract"


@pytest.fixture
def two_talks(tmp_path: Path) -> tuple[Path, Path]:
    """Two different talks, each saved as `transcript.txt` (the title comes from the name)."""
    paths = []
    for folder, talk in (("e1", "kitchen.txt"), ("e2", "tides.txt")):
        (tmp_path / folder).mkdir()
        paths.append(shutil.copy(TALKS / talk, tmp_path / folder / "transcript.txt"))
    return paths[0], paths[1]


def podcards(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "podcards", *args], cwd=cwd, capture_output=True, text=True
    )


def test_a_second_episode_with_the_same_title_gets_its_own_card_file(
    tmp_path: Path, two_talks: tuple[Path, Path]
) -> None:
    decks = tmp_path / "decks"
    assert podcards("extract", "e1/transcript.txt", cwd=tmp_path).returncode == 0
    approved = podcards("review", "decks/transcript.cards.json", "--approve-all", cwd=tmp_path)
    assert approved.returncode == 0, approved.stderr
    first = (decks / "transcript.cards.json").read_bytes()

    done = podcards("extract", "e2/transcript.txt", cwd=tmp_path)

    assert done.returncode == 0, done.stderr
    notice = [line for line in done.stderr.splitlines() if "another episode" in line]
    assert len(notice) == 1 and "decks/transcript-2.cards.json" in notice[0]
    assert (decks / "transcript.cards.json").read_bytes() == first
    own = load_card_file(decks / "transcript-2.cards.json")
    assert own.episode.source == "e2/transcript.txt"
    assert own.cards and all(card.status == ReviewStatus.PENDING for card in own.cards)


def test_the_same_relative_path_from_another_folder_is_another_episode(
    tmp_path: Path, two_talks: tuple[Path, Path]
) -> None:
    """'transcript.txt' typed in e1/ and then in e2/ names two files: the card file, which
    keeps the path as typed, must not take the second talk for the first."""
    decks = tmp_path / "decks"
    first_run = podcards(
        "extract", "transcript.txt", "--output-folder", str(decks), cwd=tmp_path / "e1"
    )
    assert first_run.returncode == 0, first_run.stderr
    approve_all(decks / "transcript.cards.json")
    first = (decks / "transcript.cards.json").read_bytes()

    done = podcards("extract", "transcript.txt", "--output-folder", str(decks), cwd=tmp_path / "e2")

    assert done.returncode == 0, done.stderr
    assert (decks / "transcript.cards.json").read_bytes() == first
    assert load_card_file(decks / "transcript-2.cards.json").cards


def test_each_episode_merges_back_into_its_own_card_file(
    tmp_path: Path, two_talks: tuple[Path, Path]
) -> None:
    settings = Config(output=tmp_path / "decks")
    first, second = two_talks
    [one] = extract_episodes([first], settings)
    [two] = extract_episodes([second], settings)
    approved = approve_all(two.card_file).picked

    again = [extract_episodes([source], settings)[0] for source in (second, first)]

    assert [result.card_file for result in again] == [two.card_file, one.card_file]
    assert [result.approved for result in again] == [approved, 0]
    assert sorted(path.name for path in settings.output.glob("*.cards.json")) == [
        "transcript-2.cards.json",
        "transcript.cards.json",
    ]


def test_a_lightly_edited_or_moved_transcript_still_merges_and_keeps_decisions(
    tmp_path: Path, two_talks: tuple[Path, Path]
) -> None:
    settings = Config(output=tmp_path / "decks")
    first, _ = two_talks
    [extracted] = extract_episodes([first], settings)
    approved = approve_all(extracted.card_file).picked
    first.write_text(first.read_text().replace("steak", "brisket"))
    moved = tmp_path / "moved" / "transcript.txt"
    moved.parent.mkdir()
    shutil.copy(first, moved)

    for source in (first, moved):
        [again] = extract_episodes([source], settings)
        assert again.card_file == extracted.card_file
        assert again.approved == approved
    assert list(settings.output.glob("*.cards.json")) == [extracted.card_file]


def test_output_naming_another_episodes_card_file_is_refused_and_left_alone(
    tmp_path: Path, two_talks: tuple[Path, Path]
) -> None:
    assert podcards("extract", "e1/transcript.txt", cwd=tmp_path).returncode == 0
    card_file = tmp_path / "decks" / "transcript.cards.json"
    first = card_file.read_bytes()

    done = podcards("extract", "e2/transcript.txt", "-o", str(card_file), cwd=tmp_path)

    assert done.returncode == 2
    errors = [line for line in done.stderr.splitlines() if line.startswith("podcards:")]
    assert len(errors) == 1 and "another episode" in errors[0], done.stderr
    assert "e1/transcript.txt" in errors[0] and "Traceback" not in done.stderr
    assert card_file.read_bytes() == first


def test_run_reviews_each_same_titled_episode_in_its_own_card_file(
    tmp_path: Path, two_talks: tuple[Path, Path]
) -> None:
    settings = Config(output=tmp_path / "decks")
    for source in two_talks:
        with create_pipe_input() as pipe:
            pipe.send_text("aq")  # approve the best card, quit
            run_job([source], settings, input=pipe, output=DummyOutput())

    files = [
        settings.output / name for name in ("transcript.cards.json", "transcript-2.cards.json")
    ]
    for card_file, source in zip(files, two_talks, strict=True):
        cards = load_card_file(card_file)
        assert cards.episode.source == str(source)
        assert sum(card.status == ReviewStatus.APPROVED for card in cards.cards) == 1
        assert not any(card.orphaned for card in cards.cards)
