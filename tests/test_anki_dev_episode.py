"""Done-when for the export: the dev episode's deck in real Anki, then updated in place.

The transcript is read from ../shared (skipped when absent); nothing of it is written here.
"""

from __future__ import annotations

from pathlib import Path

import anki.lang
import pytest
from anki.collection import Collection
from anki.utils import strip_html
from ankitools import import_package

from podcards.anki import export_decks
from podcards.anki.notes import note_guid
from podcards.cardfile import load_card_file, save_card_file
from podcards.models import CardFile, EpisodeInfo, ReviewStatus
from podcards.ui import format_time

EPISODE_URL = "https://example.org/episodes/dev.mp3"
EDITED = 3


@pytest.fixture
def dev_card_file(tmp_path: Path, dev_transcript: Path) -> Path:
    """Every candidate of the dev episode approved, with a made-up episode URL for the links."""
    from podcards.extract import extract_cards
    from podcards.transcripts import read_transcript

    transcript = read_transcript(dev_transcript)
    cards = extract_cards(transcript)
    for card in cards:
        card.status = ReviewStatus.APPROVED
    episode = EpisodeInfo.from_transcript(transcript).model_copy(update={"url": EPISODE_URL})
    path = tmp_path / f"{episode.slug}.cards.json"
    save_card_file(path, CardFile(episode=episode, cards=cards))
    return path


def notes_by_guid(col: Collection) -> dict:
    return {col.get_note(note_id).guid: col.get_note(note_id) for note_id in col.find_notes("")}


def test_dev_episode_deck_imports_whole_and_updates_in_place(
    tmp_path: Path, dev_card_file: Path
) -> None:
    anki.lang.set_lang("en")
    col = Collection(str(tmp_path / "collection.anki2"))
    try:
        deck = tmp_path / "dev.apkg"
        first = export_decks([dev_card_file], deck)
        log = import_package(col, deck)
        card_file = load_card_file(dev_card_file)
        approved = [card for card in card_file.cards if card.status is ReviewStatus.APPROVED]
        assert len(approved) >= 20
        assert len(log.new) == first.note_count == len(approved) - len(first.skipped)
        assert col.note_count() == first.note_count
        assert not col.get_empty_cards().notes

        notes = notes_by_guid(col)
        exported = [card for card in approved if note_guid(card_file.episode, card) in notes]
        assert len(exported) == first.note_count
        for card in exported:
            answer = strip_html(notes[note_guid(card_file.episode, card)].cards()[0].answer())
            assert " ".join(card.quote.split()) in " ".join(answer.split())
            assert format_time(card.start) in answer
            link = f'{EPISODE_URL}#t={int(card.start)}"'
            assert link in notes[note_guid(card_file.episode, card)]["Time"]

        for card in exported[:EDITED]:
            card.edited = card.content.model_copy(update={"back": "My own note."})
        save_card_file(dev_card_file, card_file)
        second = export_decks([dev_card_file], deck)
        assert second.timestamp > first.timestamp
        log = import_package(col, deck)
        assert not log.new
        assert col.note_count() == first.note_count
        notes = notes_by_guid(col)
        for card in exported[:EDITED]:
            assert notes[note_guid(card_file.episode, card)].fields[1] == "My own note."
    finally:
        col.close()
