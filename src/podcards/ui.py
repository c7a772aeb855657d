"""Terminal output shared by the commands (rich, imported lazily).

The message lines name files, titles and speakers, so they are printed as plain text, never
read as rich markup: '[live] show.txt' keeps its brackets and a title with '[/]' is no error.
"""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

    from podcards.models import Transcript

_verbosity = 0


def set_verbosity(level: int) -> None:
    """-1 quiet, 0 normal, 1 verbose."""
    global _verbosity
    _verbosity = level


def verbosity() -> int:
    return _verbosity


@cache
def console() -> Console:
    from rich.console import Console

    return Console(highlight=False)


@cache
def err_console() -> Console:
    from rich.console import Console

    return Console(stderr=True, highlight=False)


def info(message: str) -> None:
    """A progress or status line, hidden by -q."""
    if _verbosity >= 0:
        err_console().print(message, soft_wrap=True, markup=False)


def result(message: str) -> None:
    """The line saying what a command made or decided: shown even with -q, which hides only
    progress and status lines ("-q prints only errors and results")."""
    err_console().print(message, soft_wrap=True, markup=False)


def detail(message: str) -> None:
    """A line only -v shows."""
    if _verbosity >= 1:
        err_console().print(message, style="dim", markup=False)


def warn(message: str) -> None:
    """One line the user should see even with -q."""
    from rich.markup import escape

    err_console().print(f"[yellow]podcards:[/] {escape(message)}", soft_wrap=True)


def print_table(out: Console, table: Table, lines: list[str]) -> None:
    """The table, or the same rows as `lines` (markup), one a row, when the terminal is too
    narrow for it: at 40 columns a five-column table cut 'decks/tides.cards.json' into
    five-letter pieces, one a line."""
    if _narrowest(out, table) > out.width:
        for line in lines:
            out.print(line, soft_wrap=True)  # the terminal wraps it; a path stays whole
    else:
        out.print(table)


FOLDED_WORD = 16
"""Columns this wide may fold a longer word (a path, a long title): narrower, they cut the
words of a table into pieces no one reads."""


def _narrowest(out: Console, table: Table) -> int:
    """The table's width with each column as wide as its longest word (up to FOLDED_WORD),
    borders and padding included."""
    from rich.measure import Measurement

    words = sum(
        max(
            min(Measurement.get(out, out.options, cell).minimum, FOLDED_WORD)
            for cell in [column.header, *column.cells]
        )
        for column in table.columns
    )
    return words + 3 * len(table.columns) + 1


def plural(count: int, noun: str) -> str:
    """'1 card', '2 cards': every count the user reads agrees with its number."""
    return f"{count} {noun}" if count == 1 else f"{count} {noun}s"


def format_time(seconds: float | None) -> str:
    """H:MM:SS (or M:SS under an hour); '--:--' when unknown."""
    if seconds is None:
        return "--:--"
    total = int(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


SEGMENT_PREVIEW_CHARS = 300


def show_transcript(transcript: Transcript, segments: int) -> None:
    """The `inspect` view: enough to see at a glance whether the file was read right."""
    from rich.markup import escape
    from rich.table import Table

    out = console()
    words = transcript.word_count()
    out.print(f"[bold]{escape(transcript.title)}[/]")
    out.print(f"  file      {escape(transcript.source)}")
    out.print(f"  format    {transcript.format}")
    if transcript.url:
        out.print(f"  url       {escape(transcript.url)}")
    out.print(f"  duration  {format_time(transcript.duration)}")
    out.print(f"  segments  {len(transcript.segments)}    words  {words}")
    if transcript.speakers:
        table = Table(title="Speakers", title_justify="left", box=None, pad_edge=False)
        table.add_column("speaker")
        table.add_column("words", justify="right")
        table.add_column("share", justify="right")
        for speaker, count in _words_by_speaker(transcript).items():
            table.add_row(escape(speaker), str(count), f"{count / max(words, 1):.0%}")
        out.print(table)
    for segment in transcript.segments[:segments]:
        text = segment.text
        if len(text) > SEGMENT_PREVIEW_CHARS:
            text = text[:SEGMENT_PREVIEW_CHARS].rsplit(" ", 1)[0] + " …"
        who = escape(segment.speaker or "(no speaker)")
        out.print(f"\n[cyan]{format_time(segment.start)}[/] [bold]{who}[/]")
        out.print(escape(text))
    if len(transcript.segments) > segments:
        out.print(f"\n[dim]… {plural(len(transcript.segments) - segments, 'more segment')}[/]")


def _words_by_speaker(transcript: Transcript) -> dict[str, int]:
    counts = dict.fromkeys(transcript.speakers, 0)
    for segment in transcript.segments:
        if segment.speaker:
            counts[segment.speaker] = counts.get(segment.speaker, 0) + len(segment.text.split())
    return counts
