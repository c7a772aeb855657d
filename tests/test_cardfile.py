"""The card file on disk: round trip, merge on re-extract, broken files, migration, the lock."""

from __future__ import annotations

import json
import subprocess
import sys
import time
from pathlib import Path

import pytest
from card_factory import EPISODE, make_card, make_card_file

from podcards.cardfile import (
    CardFileBusy,
    card_file_lock,
    load_card_file,
    locked_card_file,
    save_card_file,
    write_candidates,
)
from podcards.errors import InputError
from podcards.models import (
    CARD_FILE_SCHEMA_VERSION,
    CardContent,
    NoteType,
    ReviewStatus,
)


def test_saved_card_file_loads_back_equal(tmp_path: Path) -> None:
    path = tmp_path / "tide.cards.json"
    written = make_card_file(path)
    assert load_card_file(path) == written
    assert json.loads(path.read_text())["schema_version"] == CARD_FILE_SCHEMA_VERSION
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")] == []


def test_write_candidates_creates_the_file_and_its_folder(tmp_path: Path) -> None:
    path = tmp_path / "decks" / "tide.cards.json"
    cards = [make_card(n) for n in range(3)]
    write_candidates(path, EPISODE, cards)
    assert [card.id for card in load_card_file(path).cards] == ["tide-000", "tide-001", "tide-002"]


def test_re_extract_keeps_decisions_edits_and_tags_of_the_same_ids(tmp_path: Path) -> None:
    path = tmp_path / "tide.cards.json"
    card_file = make_card_file(path, count=4)
    approved, edited, rejected, _untouched = card_file.cards
    approved.status = ReviewStatus.APPROVED
    approved.tags.append("favourite")
    edited.edited = CardContent(note_type=NoteType.CLOZE, front="A {{c1::tide pool}} holds water.")
    rejected.status = ReviewStatus.REJECTED
    save_card_file(path, card_file)

    fresh = [make_card(3, score=0.99), make_card(2), make_card(1), make_card(0), make_card(7)]
    fresh[0].generated.front = "Reworded by a newer extractor?"
    merged = write_candidates(path, EPISODE, fresh)

    by_id = {card.id: card for card in merged.cards}
    assert [card.id for card in merged.cards] == [card.id for card in fresh]
    assert by_id["tide-000"].status == ReviewStatus.APPROVED
    assert "favourite" in by_id["tide-000"].tags
    assert by_id["tide-001"].content.front == "A {{c1::tide pool}} holds water."
    assert by_id["tide-002"].status == ReviewStatus.REJECTED
    assert by_id["tide-003"].generated.front == "Reworded by a newer extractor?"
    assert by_id["tide-003"].score == 0.99
    assert by_id["tide-007"].status == ReviewStatus.PENDING
    assert load_card_file(path) == merged


def test_re_extract_rewords_pending_cards_but_never_a_decided_one(tmp_path: Path) -> None:
    """A newer extractor may word a card better: a pending card takes the new wording, while
    an approved card keeps the text the user approved, and an edit keeps its original."""
    path = tmp_path / "tide.cards.json"
    card_file = make_card_file(path, count=3)
    approved, edited, pending = card_file.cards
    approved.status = edited.status = ReviewStatus.APPROVED
    edited.edited = CardContent(note_type=NoteType.CLOZE, front="A {{c1::tide pool}} holds water.")
    save_card_file(path, card_file)

    fresh = [make_card(0), make_card(1), make_card(2)]
    for card in fresh:
        card.generated.front = "Reworded by a newer extractor, {{c1::tide}}."
    fresh[1].generated = edited.edited.model_copy()
    merged = {card.id: card for card in write_candidates(path, EPISODE, fresh).cards}

    assert merged[approved.id].content == approved.generated
    assert merged[edited.id].is_edited and merged[edited.id].generated == edited.generated
    assert merged[pending.id].content.front == "Reworded by a newer extractor, {{c1::tide}}."


def test_tags_removed_or_added_in_review_stay_as_the_user_left_them(tmp_path: Path) -> None:
    path = tmp_path / "tide.cards.json"
    card_file = make_card_file(path, count=3)
    approved, retagged, _untouched = card_file.cards
    approved.status = ReviewStatus.APPROVED
    approved.tags = ["favourite"]  # the generated tag removed, one of the user's added
    retagged.tags = []  # tags cleared, the card left pending
    save_card_file(path, card_file)

    fresh = [make_card(n) for n in (0, 1, 2, 7)]
    for card in fresh:
        card.tags = ["tide-pools-at-night", "new-key-term"]
    write_candidates(path, EPISODE, fresh)

    tags = {card.id: card.tags for card in load_card_file(path).cards}
    assert tags["tide-000"] == ["favourite"]
    assert tags["tide-001"] == []
    assert tags["tide-002"] == ["tide-pools-at-night"]
    assert tags["tide-007"] == ["tide-pools-at-night", "new-key-term"]


def test_vanished_candidates_keep_only_decisions_and_edits_as_orphans_at_the_end(
    tmp_path: Path,
) -> None:
    path = tmp_path / "tide.cards.json"
    card_file = make_card_file(path, count=4)
    card_file.cards[0].status = ReviewStatus.APPROVED
    card_file.cards[1].edited = CardContent(note_type=NoteType.BASIC, front="Edited?", back="Yes.")
    card_file.cards[2].status = ReviewStatus.REJECTED
    save_card_file(path, card_file)

    merged = write_candidates(path, EPISODE, [make_card(9), make_card(3)])

    assert [(card.id, card.orphaned) for card in merged.cards] == [
        ("tide-009", False),
        ("tide-003", False),
        ("tide-000", True),
        ("tide-001", True),
        ("tide-002", True),
    ]


@pytest.mark.parametrize("status", [ReviewStatus.APPROVED, ReviewStatus.REJECTED])
def test_orphan_found_again_is_no_longer_orphaned(tmp_path: Path, status: ReviewStatus) -> None:
    path = tmp_path / "tide.cards.json"
    card_file = make_card_file(path, count=1)
    card_file.cards[0].status = status
    save_card_file(path, card_file)
    write_candidates(path, EPISODE, [])
    merged = write_candidates(path, EPISODE, [make_card(0)])
    assert [(card.id, card.orphaned, card.status) for card in merged.cards] == [
        ("tide-000", False, status)
    ]


def test_a_quote_grown_or_shrunk_by_its_first_sentence_keeps_the_card_and_its_id(
    tmp_path: Path,
) -> None:
    """An id comes from the quote's first sentence, so a passage that now starts a sentence
    earlier (or later) has a new id: its card is found by the quote instead, and keeps the
    old id, which Anki's note GUID comes from. A card its id still finds is never taken."""
    path = tmp_path / "tide.cards.json"
    card_file = make_card_file(path, count=3)
    approved, edited, rejected = card_file.cards
    approved.status = ReviewStatus.APPROVED
    approved.tags.append("favourite")
    edited.quote = "The sea goes out twice a day. " + edited.quote
    edited.edited = CardContent(note_type=NoteType.BASIC, front="Tide pool?", back="Left water.")
    rejected.status = ReviewStatus.REJECTED
    save_card_file(path, card_file)

    grown, shrunk, holding_the_rejected = make_card(100), make_card(101), make_card(102)
    grown.quote = "Look down at night.  " + approved.quote
    shrunk.quote = edited.quote.removeprefix("The sea goes out twice a day. ")
    holding_the_rejected.quote = "Look closer. " + rejected.quote
    fresh = [grown, shrunk, holding_the_rejected, make_card(2)]
    merged = write_candidates(path, EPISODE, fresh)

    assert [(card.id, card.status, card.orphaned) for card in merged.cards] == [
        ("tide-000", ReviewStatus.APPROVED, False),
        ("tide-001", ReviewStatus.PENDING, False),
        ("tide-102", ReviewStatus.PENDING, False),
        ("tide-002", ReviewStatus.REJECTED, False),
    ]
    assert merged.cards[0].tags == ["tide-pools-at-night", "favourite"]
    assert merged.cards[0].quote == grown.quote
    assert merged.cards[1].content.front == "Tide pool?"


def test_truncated_card_file_names_the_line_and_is_not_overwritten(tmp_path: Path) -> None:
    path = tmp_path / "tide.cards.json"
    make_card_file(path)
    text = path.read_text()
    broken = text[: len(text) // 2]
    path.write_text(broken)
    with pytest.raises(InputError, match=r"broken JSON at line \d+, column \d+"):
        load_card_file(path)
    with pytest.raises(InputError):
        write_candidates(path, EPISODE, [make_card(0)])
    assert path.read_text() == broken


def test_a_transcript_given_as_a_card_file_is_named_not_broken_json(tmp_path: Path) -> None:
    path = tmp_path / "bread.txt"
    path.write_text("Anna: 00:00:01 Bread rises when the yeast makes gas.\n")
    with pytest.raises(InputError, match=r"not a card file \(not JSON\).*podcards extract"):
        load_card_file(path)
    assert path.read_text().startswith("Anna:")


@pytest.mark.parametrize(
    ("card_index", "field", "value", "named"),
    [
        (2, "status", "maybe", r"field 'cards\[2\]\.status' \(card 'tide-002'\)"),
        (0, "stauts", "approved", r"field 'cards\[0\]\.stauts' \(card 'tide-000'\)"),
        (1, "score", "high", r"field 'cards\[1\]\.score'"),
    ],
)
def test_hand_broken_field_is_named_with_its_card(
    tmp_path: Path, card_index: int, field: str, value: str, named: str
) -> None:
    path = tmp_path / "tide.cards.json"
    make_card_file(path)
    data = json.loads(path.read_text())
    data["cards"][card_index][field] = value
    broken = json.dumps(data)
    path.write_text(broken)
    with pytest.raises(InputError, match=named):
        load_card_file(path)
    assert path.read_text() == broken


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "empty"),
        (b"[1, 2]", "expected a JSON object"),
        (b"\xff\xfe{}", "not UTF-8"),
        (b'{"schema_version": 99, "episode": {}}', "newer podcards"),
        (b'{"schema_version": 1, "episode": {}, "cards": [{"id": "a"}, {"id": "a"}]}', "field"),
    ],
)
def test_unreadable_card_files_give_one_clear_error(
    tmp_path: Path, content: bytes, problem: str
) -> None:
    path = tmp_path / "odd.cards.json"
    path.write_bytes(content)
    with pytest.raises(InputError, match=problem):
        load_card_file(path)
    assert path.read_bytes() == content


def test_duplicate_ids_are_refused(tmp_path: Path) -> None:
    path = tmp_path / "tide.cards.json"
    make_card_file(path)
    data = json.loads(path.read_text())
    data["cards"][1]["id"] = data["cards"][0]["id"]
    path.write_text(json.dumps(data))
    with pytest.raises(InputError, match="duplicate card id 'tide-000'"):
        load_card_file(path)


def test_schema_0_file_is_migrated_after_keeping_a_backup(tmp_path: Path) -> None:
    path = tmp_path / "old.cards.json"
    card = make_card(0)
    flat = {**card.as_candidate(), "status": "approved"}
    old_text = json.dumps({"episode": EPISODE.model_dump(), "cards": [flat]})
    path.write_text(old_text)

    card_file = load_card_file(path)

    assert (tmp_path / "old.cards.json.bak").read_text() == old_text
    assert card_file.cards[0].generated == card.generated
    assert card_file.cards[0].status == ReviewStatus.APPROVED
    assert json.loads(path.read_text())["schema_version"] == CARD_FILE_SCHEMA_VERSION
    assert load_card_file(path) == card_file


LOCK_HOLDER = """
import sys, time
from pathlib import Path
from podcards.cardfile import card_file_lock
with card_file_lock(Path(sys.argv[1])):
    print("locked", flush=True)
    time.sleep(float(sys.argv[2]))
"""


def start_lock_holder(path: Path, seconds: float) -> subprocess.Popen:
    holder = subprocess.Popen(
        [sys.executable, "-c", LOCK_HOLDER, str(path), str(seconds)],
        stdout=subprocess.PIPE,
        text=True,
    )
    assert holder.stdout.readline().strip() == "locked"
    return holder


def test_second_process_refuses_while_another_holds_the_lock(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr("podcards.cardfile.LOCK_WAIT_SECONDS", 0.3)
    path = tmp_path / "tide.cards.json"
    make_card_file(path)
    before = path.read_text()
    holder = start_lock_holder(path, 30)
    try:
        busy = rf"another podcards process \(pid {holder.pid}\)"
        with pytest.raises(CardFileBusy, match=busy), card_file_lock(path, wait=0.3):
            pass
        with pytest.raises(CardFileBusy):
            write_candidates(path, EPISODE, [make_card(9)])
        assert path.read_text() == before
    finally:
        holder.kill()
        holder.wait()


def test_second_process_waits_for_a_short_lock_and_loses_nothing(tmp_path: Path) -> None:
    path = tmp_path / "tide.cards.json"
    card_file = make_card_file(path, count=2)
    card_file.cards[0].status = ReviewStatus.APPROVED
    save_card_file(path, card_file)
    holder = start_lock_holder(path, 0.5)
    started = time.monotonic()
    merged = write_candidates(path, EPISODE, [make_card(0), make_card(5)])
    assert time.monotonic() - started >= 0.3
    holder.wait()
    assert merged.cards[0].status == ReviewStatus.APPROVED
    assert load_card_file(path) == merged


LOCK_HOLDER_SAVING = """
import sys, time
from pathlib import Path
from podcards.cardfile import card_file_lock, load_card_file, save_card_file
from podcards.models import ReviewStatus
path = Path(sys.argv[1])
with card_file_lock(path):
    print("locked", flush=True)
    time.sleep(0.5)
    card_file = load_card_file(path)
    card_file.cards[0].status = ReviewStatus.APPROVED
    save_card_file(path, card_file)
"""


def test_a_card_file_saved_while_waiting_for_its_lock_is_read_again(tmp_path: Path) -> None:
    """The file is checked before its lock is taken (a refused command leaves no lock file), so
    what another process saves in the meantime must still be what the command works on."""
    path = tmp_path / "tide.cards.json"
    make_card_file(path, count=2)
    holder = subprocess.Popen(
        [sys.executable, "-c", LOCK_HOLDER_SAVING, str(path)], stdout=subprocess.PIPE, text=True
    )
    assert holder.stdout.readline().strip() == "locked"
    with locked_card_file(path) as card_file:  # read before the other saves, then waits
        assert card_file.cards[0].status == ReviewStatus.APPROVED
    assert holder.wait() == 0


def test_lock_is_reentrant_within_one_process(tmp_path: Path) -> None:
    path = tmp_path / "tide.cards.json"
    with card_file_lock(path, wait=0.1), card_file_lock(path, wait=0.1):
        make_card_file(path)
    assert load_card_file(path).cards


def test_a_lock_file_that_cannot_take_the_pid_still_locks(tmp_path: Path, monkeypatch) -> None:
    """On a full disk, writing the pid into the lock file failed with an OSError naming no file
    ('podcards: No space left on device') before the card file was even read. The pid only
    names the holder in the 'busy' message: the lock holds without it."""
    import errno
    import os

    from podcards.review import approve_all

    path = tmp_path / "tide.cards.json"
    make_card_file(path)

    def full_disk(fd: int, data: bytes) -> int:
        raise OSError(errno.ENOSPC, "No space left on device")

    monkeypatch.setattr(os, "write", full_disk)
    assert approve_all(path).picked == len(load_card_file(path).cards)
