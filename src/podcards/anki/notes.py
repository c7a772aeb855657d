"""Reviewed cards become note fields, tags and GUIDs: the one place card text turns into HTML.

Every transcript-derived string is escaped here, so the only markup Anki sees is our
templates' and the time link's. GUIDs and deck ids come from stable keys, never from text,
so a re-export after an edit updates the same note in Anki and keeps its review history.
"""

from __future__ import annotations

import hashlib
import html
import re
import unicodedata
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from string import Formatter
from urllib.parse import parse_qsl, urlencode, urlsplit, urlunsplit

from podcards.cloze import Deletion, cloze_numbers, deletions, replace_deletions
from podcards.errors import NothingToDo, PodcardsError
from podcards.models import Card, CardFile, EpisodeInfo, NoteType, ReviewStatus
from podcards.ui import format_time

DECK_PATTERN_FIELDS = {"title", "slug"}
TAG_UNSAFE = re.compile(r'[\s"\x00-\x1f\x7f]+')
GENERIC_SPEAKER = re.compile(r"(?:speaker|spk|spkr)[\s_-]*(?:\d+|[a-z])", re.IGNORECASE)
"""Diarisation's labels (SPEAKER_01, Speaker 1, spk_0, Speaker A): as tags they name no one,
and one per episode clutters a season's tag list."""
QUERY_TIME_HOSTS = ("youtube.com", "youtu.be", "vimeo.com")
"""Sites that take the offset as a `t=` query parameter; other URLs get a `#t=` media fragment."""


@dataclass(frozen=True)
class ExportNote:
    """One note as it goes into the package and the preview."""

    deck: str
    note_type: NoteType
    fields: list[str]
    tags: list[str]
    guid: str
    card_id: str

    @property
    def card_ordinals(self) -> list[int]:
        """The 1-based cards Anki makes of this note: 1 for basic, each cN for a cloze."""
        if self.note_type is NoteType.BASIC:
            return [1]
        return cloze_numbers(self.fields[0])


@dataclass(frozen=True)
class Skipped:
    """A card that would make a note with no Anki card, and why."""

    card_id: str
    episode: str
    reason: str

    def __str__(self) -> str:
        return f"{self.episode}: card {self.card_id!r} skipped: {self.reason}"


def exportable(card: Card, include_pending: bool) -> bool:
    """Approved cards (edited or not); pending ones only on request; rejected never."""
    return card.status is ReviewStatus.APPROVED or (
        include_pending and card.status is ReviewStatus.PENDING
    )


def escape_text(text: str) -> str:
    """Transcript or user text as HTML that shows exactly that text (line breaks kept)."""
    return html.escape(text.strip()).replace("\n", "<br>")


def cloze_problem(text: str) -> str | None:
    """Why a cloze text would make no card or a card Anki and genanki disagree on; None if fine."""
    opened = cloze_numbers(text)
    if not opened:
        return "cloze text has no {{c1::...}} deletion"
    found = deletions(text)
    complete = {deletion.number for deletion in found if deletion.answer.strip()}
    if 0 in opened or set(opened) != complete:
        return "cloze text has an empty, unclosed or c0 deletion"
    if _stray_braces(text, found):
        return "cloze text has an unclosed or stray {{ or }}"
    return None


def _stray_braces(text: str, found: list[Deletion]) -> bool:
    """Braces no whole deletion accounts for: an opening left unclosed ('{{c1::x}') or swallowed
    by the next deletion's closing, which Anki shows as typed."""
    inside = [piece for deletion in found for piece in (deletion.answer, deletion.hint or "")]
    outside = replace_deletions(text, "")
    return any("{{" in piece for piece in inside) or "{{" in outside or "}}" in outside


def note_problem(card: Card) -> str | None:
    """Why a card cannot become a note that yields an Anki card; None if it can."""
    content = card.content
    if not content.front.strip():
        return "its front is empty"
    if content.note_type is NoteType.CLOZE:
        return cloze_problem(content.front)
    if not content.back.strip():
        return "its answer is empty"  # a cloze switched to Q/A before anything was hidden
    return None


@lru_cache(maxsize=1024)
def anki_tag(text: str) -> str:
    """A tag Anki keeps as one tag: no spaces, quotes or control characters."""
    return TAG_UNSAFE.sub("_", text.strip()).strip("_:")


def note_tags(card: Card, episode: EpisodeInfo, extra_tags: Sequence[str] = ()) -> list[str]:
    """`podcards`, the episode slug, the kind, the speaker (when named), then the card's and
    extra tags."""
    speaker = card.speaker if card.speaker and not GENERIC_SPEAKER.fullmatch(card.speaker) else ""
    raw = ["podcards", episode.slug, card.kind.value, speaker, *card.tags, *extra_tags]
    unique: dict[str, str] = {}
    for tag in map(anki_tag, raw):
        if tag:
            unique.setdefault(tag.lower(), tag)
    return list(unique.values())


def timestamp_url(url: str, seconds: float) -> str | None:
    """The episode URL opened at `seconds`, or None for a URL that is not http(s)."""
    base = _url_before_offset(url)
    return None if base is None else base + str(int(seconds))


@lru_cache(maxsize=64)
def _url_before_offset(url: str) -> str | None:
    """The URL ending in `t=`, ready for the offset (parsed once per episode, not per card)."""
    parts = urlsplit(url)
    if parts.scheme not in ("http", "https") or not parts.netloc:
        return None
    host = parts.hostname or ""
    if any(host == site or host.endswith("." + site) for site in QUERY_TIME_HOSTS):
        query = [(key, value) for key, value in parse_qsl(parts.query) if key != "t"]
        query_text = urlencode(query) + "&" if query else ""
        return urlunsplit(parts._replace(query=query_text + "t=", fragment=""))
    return urlunsplit(parts._replace(fragment="t="))


def time_html(seconds: float | None, url: str | None) -> str:
    """The card's time as H:MM:SS, linked to that moment of the episode when its URL is known."""
    if seconds is None:
        return ""
    label = format_time(seconds)
    link = timestamp_url(url, seconds) if url else None
    if link is None:
        return label
    return f'<a href="{html.escape(link, quote=True)}">{label}</a>'


def note_fields(card: Card, episode: EpisodeInfo) -> list[str]:
    """Field values in our note types' order: Front/Text, Back/Extra, Quote, Speaker, Time, Source."""
    content = card.content
    return [
        escape_text(content.front),
        escape_text(content.back),
        escape_text(card.quote),
        escape_text(card.speaker or ""),
        time_html(card.start, episode.url),
        escape_text(episode.title),
    ]


def check_deck_pattern(pattern: str) -> None:
    """Refuse, before any work, a pattern `deck_pattern_problem` finds fault with."""
    problem = deck_pattern_problem(pattern)
    if problem:
        raise PodcardsError(f"--deck {pattern!r}: {problem}")


def deck_pattern_problem(pattern: str) -> str | None:
    """Why a deck name pattern is refused: a brace that opens or closes no field, a field other
    than a plain {title} or {slug} (str.format would follow `{title.upper}`, `{title[0]}`,
    `{title!r}` or a format spec into a nonsense deck name), or an empty deck name part
    ('Podcasts::'); None if fine. Each in its own words: one message for all hid the mistake."""
    problem = _brace_problem(pattern)
    if problem:
        return problem
    try:
        fields = [
            (name, spec, conversion)
            for _, name, spec, conversion in Formatter().parse(pattern)
            if name is not None
        ]
    except ValueError:  # a field str.format cannot read, such as '{title!}'
        return ONLY_FIELDS
    for name, spec, conversion in fields:
        problem = _field_problem(name, spec, conversion)
        if problem:
            return problem
    if not all(_deck_parts(pattern.format(title="title", slug="slug"))):
        return "makes an empty deck name part"
    return None


ONLY_FIELDS = "only {title} and {slug} can be filled in"
PATTERN_BRACES = re.compile(r"\{\{|\}\}|\{[^{}]*(?:\{[^{}]*\}[^{}]*)*\}|[{}]")
"""A pattern's brace pieces as str.format reads them: an escaped brace, a field (its format
spec may hold fields, '{title:{slug}}'), or a lone brace."""


def _brace_problem(pattern: str) -> str | None:
    """A lone brace: 'Podcasts::{title' lacks its '}', though it names the right field."""
    for piece in PATTERN_BRACES.finditer(pattern):
        if piece[0] == "{":
            return "unclosed '{': a field is written {title} or {slug}"
        if piece[0] == "}":
            return "unmatched '}': a field is written {title} or {slug}"
    return None


def _field_problem(name: str, spec: str, conversion: str | None) -> str | None:
    """What is wrong with one field: an unknown name, named as written (with a hint when only
    its case is wrong: names are case-sensitive), or more than a plain name."""
    if name in DECK_PATTERN_FIELDS and not spec and not conversion:
        return None
    if re.split(r"[.\[]", name, maxsplit=1)[0] in DECK_PATTERN_FIELDS:
        return ONLY_FIELDS  # '{title.upper}', '{title:d}', '{title!r}'
    if name.lower() in DECK_PATTERN_FIELDS:
        return f"unknown field {{{name}}}: names are case-sensitive; write {{{name.lower()}}}"
    return f"unknown field {{{name}}}: {ONLY_FIELDS}"


def _deck_parts(name: str) -> list[str]:
    """The `::`-separated parts of a deck name, single-spaced."""
    return [" ".join(part.split()) for part in name.split("::")]


def deck_name(pattern: str, episode: EpisodeInfo) -> str:
    """The pattern filled with the episode's title and slug; `::` in a title is not a subdeck."""
    check_deck_pattern(pattern)
    title = re.sub(":{2,}", ":", episode.title)  # replace() leaves '::' of ':::' or '::::'
    name = pattern.format(title=title, slug=episode.slug)
    parts = _deck_parts(name)
    if not all(parts):  # a blank title or slug, in a hand-edited card file
        raise PodcardsError(f"episode {episode.slug!r}: deck name {name!r} has an empty part")
    return "::".join(parts)


def distinct_deck_names(names: Sequence[str]) -> list[str]:
    """The names with one that differs from an earlier one only in case numbered apart
    ('Rust basics' after 'Rust Basics' -> 'Rust basics (2)').

    Anki compares deck names without case: it would import the second episode's deck as
    'Rust Basics_'. Names spelled the same stay one deck (a pattern without {title} puts
    every episode in one deck on purpose)."""
    given: dict[str, str] = {}  # each deck name as the package spells it, by its Anki key
    asked = {_anki_deck_key(name) for name in names}
    renamed: dict[str, str] = {}
    for name in names:
        if name not in renamed:
            renamed[name] = _free_deck_name(name, given, asked)
            given[_anki_deck_key(renamed[name])] = renamed[name]
    return [renamed[name] for name in names]


def _free_deck_name(name: str, given: dict[str, str], asked: set[str]) -> str:
    """`name`, or `name (2)`, `(3)`...: the first Anki takes for no deck already given, nor,
    when numbered, for one another episode asks for by name."""
    if given.get(_anki_deck_key(name), name) == name:
        return name
    number = 2
    while _anki_deck_key(f"{name} ({number})") in asked | given.keys():
        number += 1
    return f"{name} ({number})"


def _anki_deck_key(name: str) -> str:
    """A deck name as Anki matches it: Unicode-normalised and without case."""
    return unicodedata.normalize("NFC", name).casefold()


def deck_id(name: str) -> int:
    """A stable id from the deck name, below 2**53 so every Anki client reads it exactly."""
    digest = hashlib.sha256(name.encode("utf-8")).digest()
    return (1 << 48) | int.from_bytes(digest[:6], "big")


def note_guid(episode: EpisodeInfo, card: Card) -> str:
    """The note's identity in Anki: episode slug + card id, so edits update and never duplicate.

    The note type is part of it because Anki cannot turn a note into the other kind: an import
    that tries (same GUID, basic <-> cloze) is refused whole. A card switched to the other kind
    becomes a new note instead.
    """
    from genanki import guid_for

    return guid_for(episode.slug, card.id, card.content.note_type.value)


def plan_notes(
    card_files: Sequence[CardFile],
    *,
    deck_pattern: str,
    include_pending: bool,
    extra_tags: Sequence[str] = (),
    action: str = "export",
) -> tuple[list[ExportNote], list[Skipped]]:
    """Every note the export writes, in card file order, and the cards left out with why.

    Raises NothingToDo when no card makes a note, so no empty deck is ever written; its
    message names the `action` the user asked for ('no approved cards to preview').
    """
    notes: list[ExportNote] = []
    skipped: list[Skipped] = []
    seen_guids: set[str] = set()
    decks = distinct_deck_names([deck_name(deck_pattern, f.episode) for f in card_files])
    for card_file, deck in zip(card_files, decks, strict=True):
        episode = card_file.episode
        for card in card_file.cards:
            if not exportable(card, include_pending):
                continue
            guid = note_guid(episode, card)
            problem = note_problem(card) or (
                "the same card is in another card file" if guid in seen_guids else None
            )
            if problem:
                skipped.append(Skipped(card.id, episode.slug, problem))
                continue
            seen_guids.add(guid)
            fields = note_fields(card, episode)
            tags = note_tags(card, episode, extra_tags)
            notes.append(ExportNote(deck, card.content.note_type, fields, tags, guid, card.id))
    if not notes:
        episodes = ", ".join(card_file.episode.slug for card_file in card_files)
        cards = [card for card_file in card_files for card in card_file.cards]
        hint = ""
        if not cards:
            hint = " (no cards at all: extraction found nothing worth a card)"
        elif not include_pending and any(card.status == ReviewStatus.PENDING for card in cards):
            hint = " (pending cards need --include-pending)"
        raise NothingToDo(f"no approved cards to {action} in {episodes}{hint}")
    return notes, skipped
