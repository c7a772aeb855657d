"""Card files for the Anki tests, built from the models with original text (no transcript)."""

from __future__ import annotations

from podcards.models import (
    Card,
    CardContent,
    CardFile,
    CardKind,
    EpisodeInfo,
    NoteType,
    ReviewStatus,
)

GLASS = EpisodeInfo(
    title="Glass Harbors",
    slug="glass-harbors",
    source="glass.txt",
    format="text",
    url="https://example.org/shows/glass-harbors.mp3",
)
FERRIES = EpisodeInfo(title="Night Ferries", slug="night-ferries", source="ferry.txt", format="srt")

RISKY_QUOTE = "Old glass turns green from iron <script>alert(1)</script> & sand."


def card(
    card_id: str,
    front: str,
    back: str = "",
    *,
    note_type: NoteType = NoteType.BASIC,
    status: ReviewStatus = ReviewStatus.APPROVED,
    quote: str | None = None,
    speaker: str | None = "Ines Aldana",
    start: float | None = 754.0,
    kind: CardKind = CardKind.CLAIM,
    tags: list[str] | None = None,
) -> Card:
    return Card(
        id=card_id,
        kind=kind,
        generated=CardContent(note_type=note_type, front=front, back=back),
        quote=quote or f"{front} {back}".strip(),
        speaker=speaker,
        start=start,
        status=status,
        tags=tags or [],
    )


def glass_file() -> CardFile:
    """Approved basic + two clozes (3 deletions), one pending, one rejected, one broken cloze."""
    return CardFile(
        episode=GLASS,
        cards=[
            card("glass-1", "Why does old harbor glass turn green?", "Iron in the sand.",
                 quote=RISKY_QUOTE, tags=["colour theory"]),
            card("glass-2", "A {{c1::lehr}} is the oven where glass cools slowly.",
                 note_type=NoteType.CLOZE, kind=CardKind.DEFINITION, start=1290.5,
                 quote="We call it a lehr, the oven where the glass cools down slowly."),
            card("glass-3", "{{c1::Soda ash}} lowers the melting point of {{c2::silica}} & lime.",
                 "Both come from the beach.", note_type=NoteType.CLOZE,
                 quote="Soda ash brings down the melting point of the silica, and of lime too."),
            card("glass-4", "What colour is cobalt glass?", "Deep blue.",
                 status=ReviewStatus.PENDING),
            card("glass-5", "Is glass a liquid?", "No.", status=ReviewStatus.REJECTED),
            card("glass-6", "Annealing happens after the glass is blown.",
                 note_type=NoteType.CLOZE),
        ],
    )  # fmt: skip


def ferries_file() -> CardFile:
    """One approved card with no speaker, no time and no episode URL."""
    return CardFile(
        episode=FERRIES,
        cards=[
            card("ferry-1", "Why do night ferries sound their horn twice?", "To say they are leaving.",
                 speaker=None, start=None),
        ],
    )  # fmt: skip
