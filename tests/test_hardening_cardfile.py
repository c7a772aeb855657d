"""Card-file safety cases the card-file tests leave out: JSON nested to exhaust the parser,
a second migration beside an earlier backup, a broken old file, and the real commands
refusing a broken card file without touching it."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest
from card_factory import EPISODE, make_card, make_card_file

from podcards.cardfile import load_card_file
from podcards.errors import InputError
from podcards.models import CARD_FILE_SCHEMA_VERSION


def old_schema_text(status: str = "approved") -> str:
    """A schema-0 card file: flat cards in the `extract --json` shape, no schema_version."""
    flat = {**make_card(0).as_candidate(), "status": status}
    return json.dumps({"episode": EPISODE.model_dump(), "cards": [flat]})


def test_card_file_nested_10000_deep_is_one_line_and_left_alone(tmp_path: Path) -> None:
    path = tmp_path / "deep.cards.json"
    content = '{"cards": ' + "[" * 10_000 + "]" * 10_000 + "}"
    path.write_text(content)
    with pytest.raises(InputError, match="nested too deep") as caught:
        load_card_file(path)
    assert "\n" not in str(caught.value)
    assert path.read_text() == content


def test_second_migration_keeps_the_first_backup(tmp_path: Path) -> None:
    path = tmp_path / "old.cards.json"
    earlier_backup = tmp_path / "old.cards.json.bak"
    earlier_backup.write_text("an earlier backup the user kept")
    path.write_text(old_schema_text())

    load_card_file(path)

    assert earlier_backup.read_text() == "an earlier backup the user kept"
    assert (tmp_path / "old.cards.json.bak.1").read_text() == old_schema_text()
    assert json.loads(path.read_text())["schema_version"] == CARD_FILE_SCHEMA_VERSION


def test_broken_old_file_is_neither_migrated_nor_backed_up(tmp_path: Path) -> None:
    path = tmp_path / "old.cards.json"
    broken = old_schema_text(status="maybe")
    path.write_text(broken)
    with pytest.raises(InputError, match=r"field 'cards\[0\]\.status'"):
        load_card_file(path)
    assert path.read_text() == broken
    assert sorted(p.name for p in tmp_path.iterdir()) == ["old.cards.json"]


@pytest.mark.parametrize(
    "command",
    [["review", "--approve-all"], ["export"], ["status"]],
    ids=["review", "export", "status"],
)
def test_commands_refuse_a_truncated_card_file_and_leave_it(tmp_path: Path, command) -> None:
    path = tmp_path / "tide.cards.json"
    make_card_file(path)
    truncated = path.read_bytes()[:300]
    path.write_bytes(truncated)
    done = subprocess.run(
        [sys.executable, "-m", "podcards", *command, path.name],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert "tide.cards.json" in done.stderr and "broken JSON at line" in done.stderr
    assert path.read_bytes() == truncated
    assert not list(tmp_path.glob("*.apkg")) and not list(tmp_path.glob("*.bak*"))


@pytest.mark.parametrize(
    "command",
    [["review"], ["review", "--approve-all"], ["export"], ["preview"]],
    ids=["review", "approve-all", "export", "preview"],
)
def test_a_mistyped_card_file_leaves_no_folder_or_lock_file_behind(tmp_path: Path, command) -> None:
    """Taking the lock of a card file that is not there made its folders and a hidden
    `.x.cards.json.lock` before the 'no such card file' error."""
    done = subprocess.run(
        [sys.executable, "-m", "podcards", *command, "typo/deep/x.cards.json"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr == "podcards: typo/deep/x.cards.json: no such card file\n"
    assert list(tmp_path.iterdir()) == []


@pytest.mark.parametrize("transcript", ["interview.srt", "whisper.json"])
@pytest.mark.parametrize(
    "command",
    [["review"], ["review", "--approve-all"], ["export"], ["preview"]],
    ids=["review", "approve-all", "export", "preview"],
)
def test_a_transcript_given_for_a_card_file_is_refused_and_left_alone(
    tmp_path: Path, fixtures: Path, command: list[str], transcript: str
) -> None:
    """`run` takes transcripts, so `review talk.srt` is an easy first mistake: it was refused,
    yet left a hidden `.talk.srt.lock` beside the user's transcript."""
    path = tmp_path / transcript
    path.write_bytes((fixtures / "transcripts" / transcript).read_bytes())
    done = subprocess.run(
        [sys.executable, "-m", "podcards", *command, transcript],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr.startswith(f"podcards: {transcript}: ")
    assert len(done.stderr.splitlines()) == 1
    assert list(tmp_path.iterdir()) == [path]
    assert path.read_bytes() == (fixtures / "transcripts" / transcript).read_bytes()
