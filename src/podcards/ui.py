"""Terminal output shared by the commands (rich, imported lazily)."""

from __future__ import annotations

from functools import cache
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from rich.console import Console

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
        err_console().print(message)


def detail(message: str) -> None:
    """A line only -v shows."""
    if _verbosity >= 1:
        err_console().print(message, style="dim")


def warn(message: str) -> None:
    """One line the user should see even with -q."""
    err_console().print(f"[yellow]podcards:[/] {message}")


def format_time(seconds: float | None) -> str:
    """H:MM:SS (or M:SS under an hour); '--:--' when unknown."""
    if seconds is None:
        return "--:--"
    total = int(seconds)
    hours, rest = divmod(total, 3600)
    minutes, secs = divmod(rest, 60)
    return f"{hours}:{minutes:02d}:{secs:02d}" if hours else f"{minutes}:{secs:02d}"


def show_transcript(transcript: Transcript, segments: int) -> None:
    """The `inspect` view."""
    raise NotImplementedError
