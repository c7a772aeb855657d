"""The exported package, imported into a fresh collection of real Anki (the `anki` package)."""

from __future__ import annotations

from pathlib import Path

import anki.lang
import pytest
from anki.collection import Collection
from anki.scheduler.v3 import CardAnswer
from anki.utils import strip_html
from anki_cards import RISKY_QUOTE, ferries_file, glass_file
from ankitools import import_package
from card_factory import make_card

from podcards.anki import BASIC_MODEL_ID, CLOZE_MODEL_ID, build_package, export_decks
from podcards.anki.notes import distinct_deck_names
from podcards.anki.preview import card_sides
from podcards.cardfile import load_card_file, save_card_file
from podcards.models import CardContent, CardFile, EpisodeInfo, NoteType, ReviewStatus

EXPECTED_NOTES = 4  # glass-1, glass-2, glass-3 (approved, whole) + ferry-1
EXPECTED_CARDS = 5  # glass-3 has two deletions


@pytest.fixture
def collection(tmp_path: Path):
    anki.lang.set_lang("en")  # strip_html needs Anki's translations set up
    col = Collection(str(tmp_path / "collection.anki2"))
    yield col
    col.close()


def note_by_guid(col: Collection, guid: str):
    note_id = col.db.scalar("select id from notes where guid = ?", guid)
    assert note_id, f"no note with guid {guid!r}"
    return col.get_note(note_id)


def note_by_card_id(col: Collection, episode_slug: str, card_id: str, note_type: str = "basic"):
    """Our GUID rule: the episode slug, the card id and the note type, never the text."""
    from genanki import guid_for

    return note_by_guid(col, guid_for(episode_slug, card_id, note_type))


@pytest.fixture
def imported(tmp_path: Path, collection: Collection):
    result = build_package([glass_file(), ferries_file()], tmp_path / "deck.apkg")
    log = import_package(collection, result.path)
    return collection, log, result


def test_counts_and_decks(imported) -> None:
    col, log, result = imported
    assert len(log.new) == EXPECTED_NOTES
    assert col.note_count() == EXPECTED_NOTES
    assert col.card_count() == EXPECTED_CARDS
    assert result.notes_per_deck == {"Podcasts::Glass Harbors": 3, "Podcasts::Night Ferries": 1}
    names = {deck.name for deck in col.decks.all_names_and_ids()}
    assert {"Podcasts", "Podcasts::Glass Harbors", "Podcasts::Night Ferries"} <= names
    assert result.skipped == [
        "glass-harbors: card 'glass-6' skipped: cloze text has no {{c1::...}} deletion"
    ]


def test_note_types_have_our_ids_and_fields(imported) -> None:
    col, _, _ = imported
    basic = col.models.get(BASIC_MODEL_ID)
    cloze = col.models.get(CLOZE_MODEL_ID)
    assert basic["name"] == "podcards Basic"
    assert cloze["name"] == "podcards Cloze"
    assert col.models.field_names(basic) == ["Front", "Back", "Quote", "Speaker", "Time", "Source"]
    assert col.models.field_names(cloze) == ["Text", "Extra", "Quote", "Speaker", "Time", "Source"]
    assert cloze["type"] == 1  # MODEL_CLOZE


def test_fields_tags_and_escaping(imported) -> None:
    col, _, _ = imported
    note = note_by_card_id(col, "glass-harbors", "glass-1")
    assert note["Front"] == "Why does old harbor glass turn green?"
    assert (
        note["Quote"]
        == "Old glass turns green from iron &lt;script&gt;alert(1)&lt;/script&gt; &amp; sand."
    )
    assert note["Speaker"] == "Ines Aldana"
    assert note["Time"] == '<a href="https://example.org/shows/glass-harbors.mp3#t=754">12:34</a>'
    assert note["Source"] == "Glass Harbors"
    assert note.tags == ["claim", "colour_theory", "glass-harbors", "Ines_Aldana", "podcards"]
    answer = note.cards()[0].answer()
    assert "<script>" not in answer
    assert RISKY_QUOTE in strip_html(answer)
    assert "12:34" in strip_html(answer) and "Ines Aldana" in strip_html(answer)


def test_cloze_cards_and_rendering(imported) -> None:
    col, _, _ = imported
    two = note_by_card_id(col, "glass-harbors", "glass-3", "cloze")
    assert sorted(card.ord for card in two.cards()) == [0, 1]
    first = min(two.cards(), key=lambda card: card.ord)
    assert "[...]" in strip_html(first.question())
    assert "Soda ash" not in strip_html(first.question())
    assert "silica & lime" in strip_html(first.question())
    assert "Soda ash" in strip_html(first.answer())
    assert "Both come from the beach." in strip_html(first.answer())
    one = note_by_card_id(col, "glass-harbors", "glass-2", "cloze")
    assert [card.ord for card in one.cards()] == [0]
    assert one["Time"].endswith(">21:30</a>")


def test_missing_speaker_time_and_url_leave_no_trace(imported) -> None:
    col, _, _ = imported
    note = note_by_card_id(col, "night-ferries", "ferry-1")
    assert (note["Speaker"], note["Time"]) == ("", "")
    answer = note.cards()[0].answer()
    assert 'class="pc-speaker"' not in answer and 'class="pc-time"' not in answer
    assert "night-ferries" in note.tags


def test_anki_generates_no_extra_card_and_no_empty_one(imported) -> None:
    col, _, _ = imported
    note_ids = list(col.find_notes(""))
    col.after_note_updates(note_ids, mark_modified=False, generate_cards=True)
    assert col.card_count() == EXPECTED_CARDS
    assert all(col.get_note(note_id).cards() for note_id in note_ids)
    assert not col.get_empty_cards().notes


def test_preview_renders_like_anki(imported) -> None:
    """The preview's own renderer shows the same text as Anki for every card."""
    from podcards.anki.notes import plan_notes

    col, _, _ = imported
    notes, _ = plan_notes(
        [glass_file(), ferries_file()], deck_pattern="Podcasts::{title}", include_pending=False
    )
    assert notes
    for note in notes:
        for ordinal in note.card_ordinals:
            question, answer = card_sides(note, ordinal)
            anki_cards = note_by_guid(col, note.guid).cards()
            anki_card = next(card for card in anki_cards if card.ord == ordinal - 1)
            assert strip_html(question).strip() == strip_html(anki_card.question()).strip()
            assert strip_html(answer).strip() == strip_html(anki_card.answer()).strip()


def test_pending_cards_only_on_request(tmp_path: Path, collection: Collection) -> None:
    result = build_package([glass_file()], tmp_path / "d.apkg", include_pending=True)
    import_package(collection, result.path)
    assert result.note_count == 4
    assert note_by_card_id(collection, "glass-harbors", "glass-4")["Back"] == "Deep blue."
    assert not collection.find_notes('"Front:Is glass a liquid?"')


def study(col: Collection, card) -> None:
    """Answer a card Good, as a user reviewing it would: a rep and a revlog entry."""
    card.start_timer()
    states = col._backend.get_scheduling_states(card.id)
    col.sched.answer_card(col.sched.build_answer(card=card, states=states, rating=CardAnswer.GOOD))


def edit_first_card(path: Path, front: str) -> None:
    card_file = load_card_file(path)
    edited = CardContent(note_type=NoteType.BASIC, front=front, back="Iron in the sand.")
    card_file.cards[0] = card_file.cards[0].model_copy(update={"edited": edited})
    save_card_file(path, card_file)


def test_reexport_after_edit_updates_in_place_and_keeps_history(
    tmp_path: Path, collection: Collection
) -> None:
    card_path = tmp_path / "glass-harbors.cards.json"
    save_card_file(card_path, glass_file())
    deck = tmp_path / "deck.apkg"
    first = export_decks([card_path], deck)
    import_package(collection, deck)
    studied = note_by_card_id(collection, "glass-harbors", "glass-1").cards()[0]
    study(collection, studied)
    assert load_card_file(card_path).last_export == first.timestamp

    edit_first_card(card_path, "What turns old harbor glass green?")
    second = export_decks([card_path], deck)  # at once: still a newer timestamp
    assert second.timestamp > first.timestamp
    log = import_package(collection, deck)

    assert not log.new
    assert collection.note_count() == 3
    note = note_by_card_id(collection, "glass-harbors", "glass-1")
    assert note["Front"] == "What turns old harbor glass green?"
    assert note.id in [updated.id.nid for updated in log.updated]
    card_after = note.cards()[0]
    assert card_after.id == studied.id and card_after.reps == 1
    assert collection.db.scalar("select count() from revlog where cid = ?", studied.id) == 1


def test_same_timestamp_is_not_an_update(tmp_path: Path, collection: Collection) -> None:
    """Why every export needs a newer timestamp: Anki skips notes that are not newer."""
    glass = glass_file()
    build_package([glass], tmp_path / "a.apkg", timestamp=1_700_000_000)
    import_package(collection, tmp_path / "a.apkg")
    edited = CardContent(note_type=NoteType.BASIC, front="Changed?", back="Yes.")
    glass.cards[0] = glass.cards[0].model_copy(update={"edited": edited})
    build_package([glass], tmp_path / "b.apkg", timestamp=1_700_000_000)
    log = import_package(collection, tmp_path / "b.apkg")
    assert not log.updated and not log.new
    assert note_by_card_id(collection, "glass-harbors", "glass-1")["Front"] != "Changed?"


def test_switching_a_card_to_cloze_makes_a_new_note_and_the_import_succeeds(
    tmp_path: Path, collection: Collection
) -> None:
    """Anki refuses a whole import that turns a basic note into a cloze one (same GUID)."""
    glass = glass_file()
    build_package([glass], tmp_path / "a.apkg", timestamp=1_700_000_000)
    import_package(collection, tmp_path / "a.apkg")
    switched = CardContent(note_type=NoteType.CLOZE, front="Old glass turns {{c1::green}}.")
    glass.cards[0] = glass.cards[0].model_copy(update={"edited": switched})
    build_package([glass], tmp_path / "b.apkg", timestamp=1_700_000_001)
    log = import_package(collection, tmp_path / "b.apkg")
    assert len(log.new) == 1 and len(log.updated) == 2
    new_note = note_by_card_id(collection, "glass-harbors", "glass-1", "cloze")
    assert new_note["Text"] == "Old glass turns {{c1::green}}."


def test_titles_differing_only_in_case_get_two_decks_anki_keeps_apart(
    tmp_path: Path, collection: Collection
) -> None:
    """Anki matches deck names without case: it imported 'Podcasts::rust basics' beside
    'Podcasts::Rust Basics' as 'Podcasts::Rust Basics_'."""
    episodes = [("Rust Basics", "rust-basics"), ("rust basics", "rust-basics-2")]
    card_files = []
    for title, slug in episodes:
        card = make_card(0)
        card.status = ReviewStatus.APPROVED
        episode = EpisodeInfo(title=title, slug=slug, source=f"{slug}.txt", format="text")
        card_files.append(CardFile(episode=episode, cards=[card]))
    result = build_package(card_files, tmp_path / "deck.apkg")
    import_package(collection, result.path)
    decks = {deck.name: deck.id for deck in collection.decks.all_names_and_ids()}
    expected = ["Podcasts::Rust Basics", "Podcasts::rust basics (2)"]
    assert set(expected) <= decks.keys()
    assert not [name for name in decks if name.endswith("_")]
    for (_, slug), name in zip(episodes, expected, strict=True):
        [card_id] = collection.find_cards(f'"deck:{name}"')
        assert note_by_card_id(collection, slug, "tide-000").id == collection.get_card(card_id).nid


def test_deck_names_spelled_alike_stay_one_deck_and_numbers_are_free() -> None:
    names = ["S::Rust Basics", "S::rust basics", "S::Rust Basics", "S::rust basics (2)", "S::X"]
    assert distinct_deck_names(names) == [
        "S::Rust Basics",
        "S::rust basics (3)",  # not (2): another episode's deck is called that
        "S::Rust Basics",
        "S::rust basics (2)",
        "S::X",
    ]
