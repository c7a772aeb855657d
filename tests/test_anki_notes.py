"""Note fields, tags, GUIDs, deck names, links and timestamps, before Anki sees them."""

from __future__ import annotations

import html
import re
from datetime import datetime, timezone

import pytest
from anki_cards import GLASS, card, glass_file
from hypothesis import given
from hypothesis import strategies as st

from podcards.anki import next_export_time
from podcards.anki.notes import (
    anki_tag,
    cloze_problem,
    deck_id,
    deck_name,
    escape_text,
    note_fields,
    note_guid,
    plan_notes,
    time_html,
    timestamp_url,
)
from podcards.anki.preview import render_cloze, render_template
from podcards.errors import NothingToDo, PodcardsError
from podcards.models import CardContent, NoteType, ReviewStatus


@given(st.text())
def test_escaped_text_holds_no_markup_and_reads_back_the_same(text: str) -> None:
    escaped = escape_text(text)
    assert "<" not in escaped.replace("<br>", "")
    assert html.unescape(escaped.replace("<br>", "\n")) == text.strip()


def test_cloze_escaping_keeps_the_deletion_markers() -> None:
    assert (
        escape_text("{{c1::a < b}} & {{c2::x::hint}}") == "{{c1::a &lt; b}} &amp; {{c2::x::hint}}"
    )


@pytest.mark.parametrize(
    ("text", "problem"),
    [
        ("A {{c1::lehr}} cools glass.", None),
        ("{{c1::one}} and {{c3::three}}", None),
        ("No deletion here.", "no {{c1::...}} deletion"),
        ("An {{c1::}} empty one.", "empty, unclosed or c0"),
        ("An {{c1::  ::hint}} blank one.", "empty, unclosed or c0"),
        ("An {{c1::open one.", "empty, unclosed or c0"),
        ("A {{c0::zero}} one.", "empty, unclosed or c0"),
        ("Reads are {{c1::slower}} and {{c1::x}", "unclosed or stray {{ or }}"),
        ("Reads are {{c1::slower and {{c1::x}}", "unclosed or stray {{ or }}"),
        ("Reads are }} {{c1::slower}}", "unclosed or stray {{ or }}"),
    ],
)
def test_cloze_problems(text: str, problem: str | None) -> None:
    found = cloze_problem(text)
    assert (found is None) if problem is None else (problem in found)


def test_tags_are_anki_safe_and_unique() -> None:
    assert anki_tag('  deep  "sea"\tlife ') == "deep_sea_life"
    assert anki_tag("::science::") == "science"
    tagged = card("t", "Front?", "Back.", speaker="Ana María Ruiz", tags=["PODCARDS", "x y"])
    note = plan_notes(
        [glass_file().model_copy(update={"cards": [tagged]})],
        deck_pattern="{slug}",
        include_pending=False,
        extra_tags=["from config"],
    )[0][0]
    assert note.tags == [
        "podcards", "glass-harbors", "claim", "Ana_María_Ruiz", "x_y", "from_config",
    ]  # fmt: skip


@pytest.mark.parametrize(
    ("speaker", "tagged"),
    [
        ("SPEAKER_01", False),
        ("Speaker 1", False),
        ("spk_0", False),
        ("Speaker A", False),
        ("Speakerman", True),
        ("Ana", True),
    ],
)
def test_a_diarisation_label_is_no_speaker_tag(speaker: str, tagged: bool) -> None:
    labelled = card("t", "Front?", "Back.", speaker=speaker)
    note = plan_notes(
        [glass_file().model_copy(update={"cards": [labelled]})],
        deck_pattern="{slug}",
        include_pending=False,
    )[0][0]
    assert (anki_tag(speaker) in note.tags) is tagged
    assert note.fields[3] == speaker  # the Speaker field still says who


def test_guid_comes_from_episode_and_card_id_not_text() -> None:
    original = card("glass-1", "Old question?", "Old answer.")
    edited = original.model_copy(
        update={"edited": CardContent(note_type=NoteType.BASIC, front="New question?")}
    )
    assert note_guid(GLASS, original) == note_guid(GLASS, edited)
    assert note_guid(GLASS, original) != note_guid(GLASS, card("glass-2", "Old question?"))
    as_cloze = original.model_copy(
        update={"edited": CardContent(note_type=NoteType.CLOZE, front="Old {{c1::question}}?")}
    )
    assert note_guid(GLASS, as_cloze) != note_guid(GLASS, original)  # Anki cannot switch a note


def test_edited_content_is_what_gets_exported() -> None:
    edited = card("e", "Generated?", "Generated.").model_copy(
        update={"edited": CardContent(note_type=NoteType.BASIC, front="Mine?", back="Mine.")}
    )
    assert note_fields(edited, GLASS)[:2] == ["Mine?", "Mine."]


@pytest.mark.parametrize(
    ("url", "linked"),
    [
        ("https://example.org/a.mp3", "https://example.org/a.mp3#t=95"),
        ("https://example.org/a.mp3#t=3", "https://example.org/a.mp3#t=95"),
        ("https://www.youtube.com/watch?v=abc", "https://www.youtube.com/watch?v=abc&t=95"),
        ("https://youtu.be/abc?t=7", "https://youtu.be/abc?t=95"),
        ("https://vimeo.com/123", "https://vimeo.com/123?t=95"),
        ("javascript:alert(1)", None),
        ("file:///etc/passwd", None),
        ("not a url", None),
    ],
)
def test_timestamp_links(url: str, linked: str | None) -> None:
    assert timestamp_url(url, 95.7) == linked


def test_time_field_escapes_the_url_and_shows_plain_time_without_one() -> None:
    assert time_html(3725, 'https://example.org/x?a=1&b="2"') == (
        '<a href="https://example.org/x?a=1&amp;b=&quot;2&quot;#t=3725">1:02:05</a>'
    )
    assert time_html(65, None) == "1:05"
    assert time_html(None, "https://example.org/x") == ""


def test_deck_names_and_ids() -> None:
    tricky = GLASS.model_copy(update={"title": "C++::Templates  in  practice"})
    assert deck_name("Podcasts::{title}", tricky) == "Podcasts::C++:Templates in practice"
    assert deck_name("Shows::{slug}", GLASS) == "Shows::glass-harbors"
    with pytest.raises(PodcardsError, match=re.escape("only {title} and {slug}")):
        deck_name("Podcasts::{episode}", GLASS)
    with pytest.raises(PodcardsError, match="empty deck name part"):
        deck_name("Podcasts::::{title}", GLASS)
    with pytest.raises(PodcardsError) as refused:
        deck_name("{title}::{slug}::", GLASS)
    assert str(refused.value) == "--deck '{title}::{slug}::': makes an empty deck name part"
    assert deck_id("Podcasts::A") == deck_id("Podcasts::A") != deck_id("Podcasts::B")
    assert 1 < deck_id("Podcasts::A") < 2**53


def test_each_export_time_is_after_the_last_one() -> None:
    last = datetime(2030, 1, 1, tzinfo=timezone.utc)
    earlier_file = glass_file().model_copy(update={"last_export": last})
    assert next_export_time([earlier_file], now=last.timestamp()) == int(last.timestamp()) + 1
    assert (
        next_export_time([earlier_file], now=last.timestamp() + 50.9) == int(last.timestamp()) + 50
    )
    assert next_export_time([glass_file()], now=1000.5) == 1000


def test_nothing_to_export_says_so() -> None:
    rejected = glass_file()
    for each in rejected.cards:
        each.status = ReviewStatus.REJECTED
    with pytest.raises(NothingToDo, match="no approved cards to export in glass-harbors"):
        plan_notes([rejected], deck_pattern="{title}", include_pending=True)


def test_same_card_in_two_files_is_written_once() -> None:
    notes, skipped = plan_notes(
        [glass_file(), glass_file()], deck_pattern="{title}", include_pending=False
    )
    assert len(notes) == 3
    assert sum("in another card file" in str(line) for line in skipped) == 3


def test_renderer_sections_and_cloze() -> None:
    fields = {"A": "x", "B": ""}
    assert (
        render_template(
            "{{#A}}[{{A}}]{{/A}}{{#B}}<{{B}}>{{/B}}{{^B}}none{{/B}}", fields, 1, answer=False
        )
        == "[x]none"
    )
    text = "{{c1::Soda ash}} lowers {{c2::silica::a mineral}}"
    assert render_cloze(text, 2, answer=False) == (
        '<span class="cloze-inactive">Soda ash</span> lowers <span class="cloze">[a mineral]</span>'
    )
    assert render_cloze(text, 2, answer=True).endswith('<span class="cloze">silica</span>')
