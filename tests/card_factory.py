"""Card files for the card-file and review tests, and talks for the extraction tests, built
from the models with original text."""

from __future__ import annotations

from pathlib import Path

from podcards.cardfile import save_card_file
from podcards.models import (
    Card,
    CardContent,
    CardFile,
    CardKind,
    EpisodeInfo,
    NoteType,
    Segment,
    Transcript,
)

EPISODE = EpisodeInfo(
    title="Tide Pools at Night", slug="tide-pools-at-night", source="tide.txt", format="text"
)

FACTS = [
    (
        "What do sea stars use to move?",
        "Hundreds of tiny tube feet.",
        "Sea stars move on hundreds of tiny tube feet.",
    ),
    (
        "What is a tide pool?",
        "Seawater left in rock hollows at low tide.",
        "A tide pool is seawater left in rock hollows at low tide.",
    ),
    (
        "Why do anemones close at low tide?",
        "To keep from drying out.",
        "Anemones close at low tide to keep from drying out.",
    ),
    (
        "What do hermit crabs live in?",
        "Empty snail shells.",
        "Hermit crabs live in empty snail shells they find.",
    ),
    (
        "When are tide pools richest?",
        "During the lowest spring tides.",
        "Tide pools are richest during the lowest spring tides.",
    ),
]


def make_card(number: int, score: float | None = None, kind: CardKind = CardKind.CLAIM) -> Card:
    front, back, quote = FACTS[number % len(FACTS)]
    return Card(
        id=f"tide-{number:03d}",
        kind=kind,
        generated=CardContent(note_type=NoteType.BASIC, front=front, back=back),
        quote=quote,
        speaker="Mara",
        start=60.0 * number + 5,
        score=score if score is not None else round(0.9 - number * 0.05, 2),
        tags=["tide-pools-at-night"],
    )


def make_card_file(path: Path, count: int = 5) -> CardFile:
    card_file = CardFile(episode=EPISODE, cards=[make_card(n) for n in range(count)])
    save_card_file(path, card_file)
    return card_file


def talk_of_turns(title: str, turns: list[tuple[str, str]]) -> Transcript:
    """A speaker-labelled talk: one segment per (speaker, text) turn."""
    return Transcript(
        title=title,
        source=f"{title.lower()}.txt",
        format="text",
        segments=[Segment(speaker=speaker, text=text) for speaker, text in turns],
    )
