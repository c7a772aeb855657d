"""The data that flows between the stages, in one place.

Every stage reads and writes these pydantic models, so a transcript read from any
format, a candidate card and a review decision all have one shape, and a card file
round-trips through JSON exactly.
"""

from __future__ import annotations

from datetime import datetime
from enum import Enum
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, StrictFloat, StrictInt

from podcards.paths import DEFAULT_OUTPUT_FOLDER

CARD_FILE_SCHEMA_VERSION = 1
MEGABYTE = 1_000_000
DEFAULT_MAX_SIZE_MB = 50
"""Largest transcript read unless raised: far above any talk (10 hours is ~5 MB), yet held
in memory without strain."""


class Model(BaseModel):
    """Base for all models: unknown fields are errors, so a typo in a hand-edited file shows."""

    model_config = ConfigDict(extra="forbid")


class TimeMark(Model):
    """A time known at a character offset of a segment's text (where a caption cue began)."""

    offset: int = Field(ge=0)
    seconds: float


class Segment(Model):
    """One speaker turn (or paragraph) of running text."""

    speaker: str | None = None
    start: float | None = None
    end: float | None = None
    text: str
    marks: list[TimeMark] = Field(default_factory=list)
    """Times inside the text, ascending by offset; lets each sentence carry the start of the
    cue it begins in. Empty when only the segment's start is known."""
    breaks: list[int] = Field(default_factory=list)
    """Offsets where a sound was dropped from the text ('[Laughter]', '(laughs)', music): the
    words either side were not said together, so no sentence or quote runs across one."""

    def time_at(self, offset: int) -> float | None:
        """Start time of the text at `offset`: the last mark at or before it, else the segment start."""
        best = self.start
        for mark in self.marks:
            if mark.offset > offset:
                break
            best = mark.seconds
        return best


class Transcript(Model):
    title: str
    source: str = Field(description="path of the file it was read from")
    format: str = Field(description="detected or forced input format, e.g. 'text', 'srt'")
    url: str | None = None
    duration: float | None = Field(default=None, description="seconds")
    speakers: list[str] = Field(default_factory=list)
    segments: list[Segment] = Field(default_factory=list)

    @property
    def slug(self) -> str:
        """Stable, filesystem-safe identity of the episode (used in ids, file names, tags)."""
        from podcards.paths import slugify

        return slugify(self.title)

    def word_count(self) -> int:
        return sum(len(segment.text.split()) for segment in self.segments)


class CardKind(str, Enum):
    """What the card teaches."""

    CLAIM = "claim"
    DEFINITION = "definition"


class NoteType(str, Enum):
    """How Anki shows it: a question and answer, or a cloze deletion."""

    BASIC = "basic"
    CLOZE = "cloze"


class ReviewStatus(str, Enum):
    PENDING = "pending"
    APPROVED = "approved"
    REJECTED = "rejected"


class CardContent(Model):
    """The studied text of a card. For a cloze, `front` holds the `{{c1::...}}` text and `back` the extra."""

    note_type: NoteType
    front: str
    back: str = ""


class Card(Model):
    """A candidate card and, once reviewed, the user's decision about it."""

    id: str = Field(description="stable: from transcript identity + quote, never from card wording")
    kind: CardKind
    generated: CardContent = Field(description="what extraction made; kept to show or restore")
    edited: CardContent | None = Field(default=None, description="the user's version, if edited")
    quote: str = Field(description="verbatim transcript text the card rests on")
    speaker: str | None = None
    start: float | None = Field(default=None, description="seconds into the episode")
    score: float = 0.0
    tags: list[str] = Field(default_factory=list)
    status: ReviewStatus = ReviewStatus.PENDING
    decided_at: datetime | None = None
    orphaned: bool = Field(
        default=False,
        description="its candidate vanished on a later extract; kept for its decision",
    )
    duplicate_of: str | None = Field(
        default=None, description="id (or 'slug:id') of a card that states the same fact"
    )

    @property
    def content(self) -> CardContent:
        """What gets studied and exported: the edit when there is one."""
        return self.edited or self.generated

    @property
    def is_edited(self) -> bool:
        return self.edited is not None and self.edited != self.generated

    def as_candidate(self) -> dict:
        """The flat JSON shape of `podcards extract --json` (and the scorer's input)."""
        content = self.content
        return {
            "id": self.id,
            "kind": self.kind.value,
            "note_type": content.note_type.value,
            "front": content.front,
            "back": content.back,
            "quote": self.quote,
            "speaker": self.speaker,
            "start": self.start,
            "score": self.score,
            "tags": list(self.tags),
        }


class EpisodeInfo(Model):
    """What a card file keeps of its transcript: enough to export without re-reading it."""

    title: str
    slug: str
    source: str
    format: str
    url: str | None = None
    duration: float | None = None

    @classmethod
    def from_transcript(cls, transcript: Transcript) -> EpisodeInfo:
        return cls(
            title=transcript.title,
            slug=transcript.slug,
            source=transcript.source,
            format=transcript.format,
            url=transcript.url,
            duration=transcript.duration,
        )


class Config(Model):
    """Defaults from `podcards.toml` or `[tool.podcards]`; command options override each one.

    Field names are the keys users write, so an unknown key is an error that names it. Numbers
    are strict: lax coercion would read `max_cards = true` as 1 and `max_size = "9"` as 9.
    """

    deck: str = Field(default="Podcasts::{title}", description="deck name pattern")
    tags: list[str] = Field(default_factory=list, description="extra tags on every note")
    glossary: Path | None = Field(default=None, description="heard spelling -> right spelling")
    max_cards: StrictInt | None = Field(
        default=None, ge=1, description="candidates kept per episode"
    )
    output: Path = Field(
        default=DEFAULT_OUTPUT_FOLDER, description="folder for card files and decks"
    )
    min_score: StrictFloat | None = Field(
        default=None, ge=0, le=1, description="threshold for auto-approval, 0 to 1"
    )
    max_size: StrictInt = Field(
        default=DEFAULT_MAX_SIZE_MB, ge=1, description="largest transcript file read, in MB"
    )

    @property
    def max_bytes(self) -> int:
        return self.max_size * MEGABYTE


class CardFile(Model):
    """The file review works on: one episode's candidates and every decision made on them."""

    schema_version: int = CARD_FILE_SCHEMA_VERSION
    episode: EpisodeInfo
    cards: list[Card] = Field(default_factory=list)
    last_export: datetime | None = None


class ExportResult(Model):
    """What an export wrote: the package, its notes per deck, and the cards it had to leave out."""

    path: Path
    notes_per_deck: dict[str, int]
    skipped: list[str] = Field(default_factory=list, description="one line per card left out")
    timestamp: datetime = Field(description="the package's note times; newer than the last export")

    @property
    def note_count(self) -> int:
        return sum(self.notes_per_deck.values())
