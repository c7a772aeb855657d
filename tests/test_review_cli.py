"""`podcards status`, and a review holding its card file against a second process."""

from __future__ import annotations

import json
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest
from card_factory import EPISODE, make_card, make_card_file

from podcards.cardfile import CardFileBusy, load_card_file, save_card_file, write_candidates
from podcards.models import CardContent, NoteType, ReviewStatus
from podcards.review import approve_all


def run_podcards(*args: str, cwd: Path | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "podcards", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        timeout=60,
    )


def test_status_counts_pending_approved_edited_rejected_per_file(tmp_path: Path) -> None:
    first = make_card_file(tmp_path / "first.cards.json", count=5)
    first.cards[0].status = ReviewStatus.APPROVED
    first.cards[1].status = ReviewStatus.REJECTED
    first.cards[2].edited = CardContent(note_type=NoteType.BASIC, front="New?", back="Yes.")
    save_card_file(tmp_path / "first.cards.json", first)
    make_card_file(tmp_path / "second.cards.json", count=2)
    (tmp_path / "notes.txt").write_text("not a card file")

    result = run_podcards("status", str(tmp_path))

    assert result.returncode == 0, result.stderr
    rows = [line.split("│")[1:-1] for line in result.stdout.splitlines() if ".cards.json" in line]
    cells = [[cell.strip() for cell in row] for row in rows]
    assert cells == [
        ["first.cards.json", "3", "1", "1", "1"],
        ["second.cards.json", "2", "0", "0", "0"],
    ]
    header = next(line for line in result.stdout.splitlines() if "card file" in line)
    assert re.findall(r"\w+", header)[2:] == ["pending", "approved", "rejected", "edited"]
    assert "edited: cards in your own wording, counted in their status too" in result.stdout


def test_status_of_one_card_file(tmp_path: Path) -> None:
    path = tmp_path / "tide.cards.json"
    make_card_file(path, count=3)
    approve_all(path, min_score=0.85)
    result = run_podcards("status", str(path))
    assert result.returncode == 0, result.stderr
    row = next(line for line in result.stdout.splitlines() if "tide.cards.json" in line)
    assert [cell.strip() for cell in row.split("│")[2:-1]] == ["1", "2", "0", "0"]


def test_status_names_a_broken_card_file_and_still_shows_the_others(tmp_path: Path) -> None:
    make_card_file(tmp_path / "good.cards.json", count=2)
    (tmp_path / "bad.cards.json").write_text('{"episode": [')
    result = run_podcards("status", str(tmp_path))
    assert result.returncode == 2
    assert "good.cards.json" in result.stdout
    assert "bad.cards.json" in result.stdout and "unreadable" in result.stdout
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.stderr
    assert "bad.cards.json: broken JSON at line 1" in result.stderr


def test_status_of_an_empty_folder_has_nothing_to_do(tmp_path: Path) -> None:
    result = run_podcards("status", str(tmp_path))
    assert result.returncode == 1
    assert "no *.cards.json card files" in result.stderr


def test_status_defaults_to_the_decks_folder(tmp_path: Path) -> None:
    make_card_file(tmp_path / "decks" / "tide.cards.json", count=2)
    result = run_podcards("status", cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert "tide.cards.json" in result.stdout


def test_status_before_any_extract_has_nothing_to_do_yet_but_a_missing_path_is_an_error(
    tmp_path: Path,
) -> None:
    fresh = run_podcards("status", cwd=tmp_path)
    assert fresh.returncode == 1
    assert "no card files yet" in fresh.stderr and "podcards extract" in fresh.stderr
    missing = run_podcards("status", "decks", cwd=tmp_path)
    assert missing.returncode == 2
    assert "decks: no such card file or folder" in missing.stderr


HOLDING_REVIEW = """
import sys, time
from pathlib import Path
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
import podcards.review.session as session

save_card_file = session.save_card_file

def save_and_report(target, card_file):
    save_card_file(target, card_file)
    print("SAVED", flush=True)

session.save_card_file = save_and_report
with create_pipe_input() as pipe:
    pipe.send_text("a")  # one decision, then the reviewer thinks about the next card
    session.review_card_file(Path(sys.argv[1]), input=pipe, output=DummyOutput())
"""


@pytest.fixture
def review_in_progress(tmp_path: Path):
    path = tmp_path / "tide.cards.json"
    make_card_file(path, count=3)
    review = subprocess.Popen(
        [sys.executable, "-c", HOLDING_REVIEW, str(path)], stdout=subprocess.PIPE, text=True
    )
    while not review.stdout.readline().startswith("SAVED"):
        pass
    yield path
    review.kill()
    review.wait()
    review.stdout.close()


def test_extract_refuses_while_a_review_holds_the_card_file(
    review_in_progress: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("podcards.cardfile.LOCK_WAIT_SECONDS", 0.2)
    before = review_in_progress.read_text()
    with pytest.raises(CardFileBusy, match="another podcards process"):
        write_candidates(review_in_progress, EPISODE, [make_card(7)])
    assert review_in_progress.read_text() == before
    assert load_card_file(review_in_progress).cards[0].status == ReviewStatus.APPROVED


def test_second_review_refuses_in_one_line(review_in_progress: Path) -> None:
    result = run_podcards("review", str(review_in_progress), "--approve-all")
    assert result.returncode == 2
    assert "another podcards process (pid" in result.stderr
    assert result.stderr.count("\n") == 1
    statuses = [card["status"] for card in json.loads(review_in_progress.read_text())["cards"]]
    assert statuses == ["approved", "pending", "pending"]


@pytest.mark.parametrize("command", ["status", "preview"])
def test_reading_commands_leave_an_old_schema_card_file_as_it_is(
    tmp_path: Path, command: str
) -> None:
    """status (and preview) migrated a schema 0 file and wrote a .bak, though they only read."""
    path = tmp_path / "old.cards.json"
    flat = [{**make_card(n).as_candidate(), "status": "approved"} for n in range(2)]
    old_text = json.dumps({"episode": EPISODE.model_dump(), "cards": flat})
    path.write_text(old_text)
    result = run_podcards(command, str(path), cwd=tmp_path)
    assert result.returncode == 0, result.stderr
    assert path.read_text() == old_text
    assert sorted(p.name for p in tmp_path.iterdir() if ".cards.json" in p.name) == [path.name]
    if command == "status":
        row = next(line for line in result.stdout.splitlines() if path.name in line)
        assert [cell.strip() for cell in row.split("│")[2:-1]] == ["0", "2", "0", "0"]
    load_card_file(path)  # a command that writes still migrates, after keeping a .bak
    assert (tmp_path / "old.cards.json.bak").read_text() == old_text


SEASON = Path(__file__).resolve().parent / "fixtures" / "season"


def run_in_columns(columns: int, *args: str, cwd: Path) -> str:
    """podcards' stdout in a terminal `columns` wide (rich reads COLUMNS), words single-spaced."""
    done = subprocess.run(
        [sys.executable, "-m", "podcards", *args],
        capture_output=True,
        text=True,
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        env={**os.environ, "COLUMNS": str(columns)},
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return done.stdout


def test_a_narrow_terminal_gets_rows_as_lines_not_a_table_of_word_pieces(tmp_path: Path) -> None:
    """At 40 columns the summary and status tables cut 'decks/bees.cards.json' into pieces of
    four letters, one a line."""
    sources = [str(SEASON / "bees.txt"), str(SEASON / "volcanoes.srt")]
    shown = run_in_columns(40, "extract", *sources, cwd=tmp_path)
    assert "│" not in shown
    assert re.search(
        r"\(text\): \d+ candidates, decks/\S+\.cards\.json, ok", " ".join(shown.split())
    )
    status = run_in_columns(40, "status", cwd=tmp_path)
    assert "│" not in status
    assert re.search(
        r"\.cards\.json: \d+ pending, 0 approved, 0 rejected, 0 edited", " ".join(status.split())
    )
    assert "│" in run_in_columns(80, "status", cwd=tmp_path)  # wide enough: the table
