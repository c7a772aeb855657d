"""`podcards status`: how far review has got, per card file."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from podcards import ui
from podcards.cardfile import load_card_file
from podcards.errors import InputError, NothingToDo
from podcards.paths import CARD_FILE_SUFFIX
from podcards.review.session import DecisionCounts

COLUMNS = ("pending", "approved", "rejected", "edited")
"""The counts each card file's row shows, in order."""


@dataclass
class CardFileStatus:
    path: Path
    counts: DecisionCounts | None
    problem: str | None = None
    """Why the file could not be read; the other files are still shown."""


def card_file_statuses(target: Path) -> list[CardFileStatus]:
    """Counts for one card file, or for every card file in a folder."""
    if target.is_dir():
        paths = sorted(target.glob(f"*{CARD_FILE_SUFFIX}"))
        if not paths:
            raise NothingToDo(f"{target}: no *{CARD_FILE_SUFFIX} card files here")
    else:
        paths = [target]
    return [_status_of(path, single=not target.is_dir()) for path in paths]


def _status_of(path: Path, single: bool) -> CardFileStatus:
    try:
        cards = load_card_file(path, migrate=False).cards  # status only reads
    except InputError as error:
        if single:
            raise
        return CardFileStatus(path, None, error.problem)
    return CardFileStatus(path, DecisionCounts.of(cards))


def show_statuses(statuses: list[CardFileStatus]) -> None:
    """One row per card file, named without its folder (the title says where) to stay narrow."""
    from rich.markup import escape
    from rich.table import Table

    folders = sorted({_folder_name(status.path.parent) for status in statuses})
    table = Table(
        title=escape(f"Review status in {', '.join(folders)}"),
        caption="edited: cards in your own wording, counted in their status too",
    )
    table.add_column("card file", overflow="fold")
    for column in COLUMNS:
        table.add_column(column, justify="right")
    lines = [table.title]
    for status in statuses:
        row = _status_row(status)
        table.add_row(*row)
        counts = [f"{count} {column}" for count, column in zip(row[1:], COLUMNS, strict=True)]
        lines.append(f"{row[0]}: {', '.join(counts) if status.counts else row[1]}")
    ui.print_table(ui.console(), table, lines)


def _status_row(status: CardFileStatus) -> tuple[str, str, str, str, str]:
    """The file name and its counts, as markup."""
    from rich.markup import escape

    counts = status.counts
    if counts is None:
        return escape(status.path.name), "[red]unreadable[/]", "", "", ""
    return (
        escape(status.path.name),
        f"[yellow]{counts.pending}[/]",
        f"[green]{counts.approved}[/]",
        f"[red]{counts.rejected}[/]",
        str(counts.edited),
    )


def _folder_name(folder: Path) -> str:
    return "the current folder" if str(folder) == "." else str(folder)
