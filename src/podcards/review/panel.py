"""What the reviewer sees of one card: a rich panel that reads well at 80 columns."""

from __future__ import annotations

from typing import TYPE_CHECKING

from podcards import ui
from podcards.anki.notes import note_problem
from podcards.cloze import split_cloze
from podcards.models import Card, NoteType, ReviewStatus
from podcards.ui import format_time

if TYPE_CHECKING:
    from rich.panel import Panel
    from rich.table import Table
    from rich.text import Text

    from podcards.review.session import DecisionCounts

PANEL_WIDTH = 80
"""Reads well at 80 columns; a narrower terminal gets a panel as wide as it is."""

FIX_FIRST = "e edits it"
"""How to make a card approvable that no Anki card can be made of yet."""

STATUS_STYLES = {
    ReviewStatus.PENDING: "yellow",
    ReviewStatus.APPROVED: "green",
    ReviewStatus.REJECTED: "red",
}


def card_panel(
    card: Card, position: int, total: int, counts: DecisionCounts, episode: str | None = None
) -> Panel:
    """The card; `episode` heads it when several episodes are reviewed in turn (`run`)."""
    from rich.console import Group
    from rich.panel import Panel
    from rich.text import Text

    parts = [_card_fields(card), Text(""), _quote_text(card)]
    problem = note_problem(card)
    if problem:
        parts[1:1] = [Text(f"Not approvable yet: {problem}; {FIX_FIRST}", style="bold yellow")]
    if episode:
        parts[:0] = [Text(episode, style="bold", no_wrap=True, overflow="ellipsis"), Text("")]
    notes = _notes_text(card)
    if notes.plain:
        parts += [Text(""), notes]
    title = f"[bold]{position}/{total}[/] · {card.kind.value} · score {card.score:.2f}"
    width = min(PANEL_WIDTH, ui.console().width)
    return Panel(
        Group(*parts),
        title=title,
        title_align="left",
        subtitle=_counts_text(counts, width),
        subtitle_align="right",
        border_style=STATUS_STYLES[card.status],
        width=width,
        padding=(0, 1),
    )


COUNT_LABELS = (
    ("approved", "rejected", "pending", " in the file"),
    ("approved", "rejected", "pending", ""),
    ("appr.", "rej.", "pend.", ""),
)
"""The footer's words, longest first: ' in the file' goes first when the border is too narrow
for it, then the words are shortened, so that a narrow terminal cuts no count off (at 40
columns, three-digit counts ended 'pendi─╯')."""


def _counts_text(counts: DecisionCounts, width: int) -> Text:
    """The file's decisions for the panel's bottom border, in the longest words that fit."""
    from rich.text import Text

    for approved, rejected, pending, where in COUNT_LABELS:
        text = Text.from_markup(
            f"[green]{approved} {counts.approved}[/] · [red]{rejected} {counts.rejected}[/] · "
            f"{pending} {counts.pending}{where}"
        )
        if text.cell_len <= width - len("╰─  ─╯"):
            break
    return text


def _card_fields(card: Card) -> Table:
    """Label and text side by side, so wrapped lines keep a hanging indent."""
    from rich.table import Table
    from rich.text import Text

    content = card.content
    fields = Table.grid(padding=(0, 1))
    fields.add_column(style="bold cyan", no_wrap=True)
    fields.add_column()
    if content.note_type == NoteType.CLOZE:
        cloze = Text()
        for piece, deleted in split_cloze(content.front):
            cloze.append(
                f"[{piece}]" if deleted else piece, style="bold reverse" if deleted else ""
            )
        fields.add_row("Cloze", cloze)
        if content.back:
            fields.add_row("Extra", Text(content.back))
    else:
        fields.add_row("Q", Text(content.front))
        fields.add_row("A", Text(content.back))
    return fields


def _quote_text(card: Card) -> Text:
    from rich.text import Text

    text = Text(f"“{card.quote}”", style="italic")
    source = " — " + ", ".join(filter(None, [card.speaker, format_time(card.start)]))
    text.append(source, style="dim")
    return text


def _notes_text(card: Card) -> Text:
    """Status, edit, duplicate, orphan and tag notes: what differs from a fresh candidate."""
    from rich.text import Text

    notes = Text(style="dim")
    if card.status != ReviewStatus.PENDING:
        notes.append(card.status.value, style=STATUS_STYLES[card.status])
        notes.append("  ")
    if card.is_edited:
        notes.append("edited (o restores the original)  ")
    if card.duplicate_of:
        notes.append(f"states the same fact as {card.duplicate_of}  ")
    if card.orphaned:
        notes.append("no longer found by extract; kept for your decision  ")
    if card.tags:
        notes.append("tags: " + " ".join(card.tags))
    return notes
