"""Joining fragments (caption cues, timestamped lines, page-break pieces) into speaker turns.

Every reader feeds its fragments here, so all formats share one rule for what a segment is:
one speaker turn of running text, with a TimeMark wherever a timed fragment began inside it.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from podcards.models import Segment, TimeMark
from podcards.transcripts.cleanup import plain_line, speech_pieces

# Fragments that attach to the previous word without a space (word-level JSON, split cues).
_NO_SPACE_BEFORE = tuple(",.;:!?)]}%…")
_CLITICS = ("'s", "'re", "'ll", "'t", "'ve", "'m", "'d", "n't")


class FormatMismatch(ValueError):
    """The content is not in the format a reader was asked to read (said in a few words)."""


class TurnBuilder:
    """Collects cleaned fragments into Segments: a new segment whenever the speaker changes."""

    def __init__(self) -> None:
        self.segments: list[Segment] = []
        self._speaker: str | None = None
        self._parts: list[str] = []  # joined on close: appending to one str would be quadratic
        self._length = 0
        self._start: float | None = None
        self._end: float | None = None
        self._marks: list[TimeMark] = []
        self._breaks: list[int] = []
        self._pending_time: float | None = None
        self._pending_break = False

    def start_turn(self, speaker: str | None, *, force: bool = False) -> None:
        """Begin a turn of `speaker`; the same speaker again continues the open turn unless forced."""
        if speaker is not None:
            speaker = plain_line(speaker) or None
        if speaker == self._speaker and not force:
            return
        self._close()
        self._speaker = speaker

    def break_here(self) -> None:
        """What is added next does not run on from what came before in the source (a speaker's
        label again, between two paragraphs of one turn): no sentence or quote spans it."""
        self._pending_break = self._pending_break or bool(self._parts)

    def add(self, text: str, start: float | None = None, end: float | None = None) -> None:
        """Append a fragment to the open turn; its start becomes a mark where it lands, and
        each sound dropped from it ('[Laughter]') a break."""
        start, end = _known_time(start), _known_time(end)
        time = start if start is not None else self._pending_time
        if end is not None:
            self._end = end if self._end is None else max(self._end, end)
        for number, piece in enumerate(speech_pieces(text)):
            self._pending_break = self._pending_break or number > 0
            if piece:
                self._append(piece, time)
                time = None
        if time is not None:
            self._pending_time = time

    def _append(self, cleaned: str, time: float | None) -> None:
        self._pending_time = None
        attaches = bool(self._parts) and _attaches(cleaned) and not self._pending_break
        separator = "" if attaches or not self._parts else " "
        offset = self._length + len(separator)
        self._parts.append(separator + cleaned)
        self._length = offset + len(cleaned)
        if self._pending_break and offset > 0:
            self._breaks.append(offset)
        self._pending_break = False
        if not attaches:  # a time on a lone comma or "'s" would split a word from its sentence
            self._record_time(offset, time)

    @property
    def last_fragment(self) -> str:
        """The open turn's latest text (readers check whether it ends a sentence)."""
        return self._parts[-1] if self._parts else ""

    def finish(self) -> list[Segment]:
        self._close()
        return self.segments

    def _record_time(self, offset: int, time: float | None) -> None:
        if time is None:
            return
        if offset == 0:
            self._start = time
            return
        last = self._marks[-1].seconds if self._marks else self._start
        if last is None or time > last:
            self._marks.append(TimeMark(offset=offset, seconds=time))

    def _close(self) -> None:
        if self._parts:
            self.segments.append(
                Segment(
                    speaker=self._speaker,
                    start=self._start,
                    end=self._end,
                    text="".join(self._parts),
                    marks=self._marks,
                    breaks=self._breaks,
                )
            )
        self._parts = []
        self._length = 0
        self._start = self._end = None
        self._marks = []
        self._breaks = []
        self._pending_break = False


def _known_time(seconds: float | None) -> float | None:
    """None for a time no clock shows (an hour count past float range reads as infinity),
    which JSON cannot hold either, so a saved transcript would not read back the same."""
    return seconds if seconds is not None and math.isfinite(seconds) else None


def _attaches(fragment: str) -> bool:
    return fragment.startswith(_NO_SPACE_BEFORE) or fragment.lower().startswith(_CLITICS)


@dataclass
class ParsedText:
    """What a reader found: the turns, plus title and URL when the file names them."""

    builder: TurnBuilder
    title: str | None = None
    url: str | None = None
