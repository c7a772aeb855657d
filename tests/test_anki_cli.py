"""`podcards export` and `podcards preview` as a user runs them: real files, exit codes, one-line errors."""

from __future__ import annotations

import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest
from anki_cards import ferries_file, glass_file

from podcards.cardfile import load_card_file, save_card_file
from podcards.models import ReviewStatus


def podcards(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "podcards", *args], cwd=cwd, capture_output=True, text=True
    )


@pytest.fixture
def card_files(tmp_path: Path) -> list[Path]:
    paths = [tmp_path / "glass-harbors.cards.json", tmp_path / "night-ferries.cards.json"]
    save_card_file(paths[0], glass_file())
    save_card_file(paths[1], ferries_file())
    return paths


def test_export_one_file_to_default_deck(tmp_path: Path, card_files: list[Path]) -> None:
    done = podcards(tmp_path, "export", card_files[0].name)
    assert done.returncode == 0, done.stderr
    deck = tmp_path / "decks" / "glass-harbors.apkg"
    assert done.stdout.strip() == "decks/glass-harbors.apkg"  # as the user would type it
    assert "Podcasts::Glass Harbors: 3 notes" in done.stderr
    assert "card 'glass-6' skipped" in done.stderr
    assert zipfile.ZipFile(deck).namelist() == ["collection.anki2", "media"]
    assert load_card_file(card_files[0]).last_export is not None


def test_export_several_files_to_one_deck(tmp_path: Path, card_files: list[Path]) -> None:
    done = podcards(tmp_path, "-q", "export", *map(str, card_files), "--deck", "Shows::{slug}")
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "decks/podcards.apkg"
    assert "notes" not in done.stderr  # -q hides the summary


def test_export_with_explicit_output(tmp_path: Path, card_files: list[Path]) -> None:
    done = podcards(tmp_path, "export", card_files[1].name, "-o", "out/ferries.apkg")
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "out" / "ferries.apkg").is_file()


@pytest.mark.parametrize("command", ["export", "preview"])
def test_nothing_to_export_is_exit_1_in_one_line(
    tmp_path: Path, card_files: list[Path], command: str
) -> None:
    """The line names the command run: preview said 'no approved cards to export'."""
    undecided = ferries_file()
    undecided.cards[0].status = ReviewStatus.PENDING
    save_card_file(card_files[1], undecided)
    done = podcards(tmp_path, command, card_files[1].name)
    assert done.returncode == 1
    assert done.stderr.strip().splitlines() == [
        f"podcards: no approved cards to {command} in night-ferries "
        "(pending cards need --include-pending)"
    ]
    assert not (tmp_path / "decks").exists()
    assert podcards(tmp_path, command, card_files[1].name, "--include-pending").returncode == 0


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (["missing.cards.json"], "missing.cards.json: no such card file"),
        (["glass-harbors.cards.json", "-o", "deck.zip"], "deck.zip: output file name must end in .apkg"),
        (["glass-harbors.cards.json", "--deck", "P::{show}"], "only {title} and {slug} can be filled in"),
        (["glass-harbors.cards.json", "--deck", "P::{title.upper}"], "only {title} and {slug} can be filled in"),
        (["glass-harbors.cards.json", "--deck", "P::{title[0]}"], "only {title} and {slug} can be filled in"),
        (["glass-harbors.cards.json", "--deck", "P::{title"], "--deck 'P::{title': unclosed '{'"),
        (["glass-harbors.cards.json", "--deck", "P::{SLUG}"], "unknown field {SLUG}: names are case-sensitive; write {slug}"),
    ],
)  # fmt: skip
def test_bad_input_is_exit_2_in_one_line(
    tmp_path: Path, card_files: list[Path], args: list[str], message: str
) -> None:
    done = podcards(tmp_path, "export", *args)
    assert done.returncode == 2
    assert len(done.stderr.strip().splitlines()) == 1
    assert message in done.stderr


def unwritable_deck(tmp_path: Path, how: str) -> Path:
    """A deck path whose write fails: in a read-only folder, or with a name so long that the
    temp file written first is over the file system's limit (the way that works as root too)."""
    if how == "long name":
        return tmp_path / ("d" * 245 + ".apkg")
    if os.geteuid() == 0:
        pytest.skip("root writes into read-only folders")
    folder = tmp_path / "locked"
    folder.mkdir(mode=0o555)
    return folder / "deck.apkg"


@pytest.mark.parametrize("how", ["long name", "read-only folder"])
def test_a_deck_that_cannot_be_written_is_named_not_its_temp_file(
    tmp_path: Path, card_files: list[Path], how: str
) -> None:
    deck = unwritable_deck(tmp_path, how)
    done = podcards(tmp_path, "export", card_files[0].name, "-o", str(deck))
    assert done.returncode == 2
    assert done.stderr.startswith(f"podcards: {deck}: cannot be written (")
    assert ".tmp" not in done.stderr and len(done.stderr.splitlines()) == 1


def test_preview_page_is_self_contained_and_escaped(tmp_path: Path, card_files: list[Path]) -> None:
    done = podcards(tmp_path, "preview", *map(str, card_files), "-o", "look.html")
    assert done.returncode == 0, done.stderr
    page = (tmp_path / "look.html").read_text(encoding="utf-8")
    assert "podcards preview: 5 cards" in page
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in page
    assert "<script>alert" not in page
    assert ".pc-quote" in page and "Podcasts::Night Ferries" in page
    assert 'class="cloze">[...]</span>' in page
    assert "http" not in page.replace("https://example.org/shows/glass-harbors.mp3", "")
    assert load_card_file(card_files[0]).last_export is None  # a preview is not an export


def test_preview_default_path(tmp_path: Path, card_files: list[Path]) -> None:
    done = podcards(tmp_path, "preview", card_files[1].name)
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == "decks/night-ferries.preview.html"


@pytest.mark.parametrize("command", ["export", "preview"])
def test_a_card_file_named_twice_is_read_once(
    tmp_path: Path, card_files: list[Path], command: str
) -> None:
    """Export read a card file named twice (`decks/*.cards.json decks/a.cards.json`, a relative
    and an absolute path) once; preview read it twice and warned of every card as 'the same
    card is in another card file'."""
    done = podcards(tmp_path, command, card_files[1].name, str(card_files[1]))
    assert done.returncode == 0, done.stderr
    assert "skipped" not in done.stderr
