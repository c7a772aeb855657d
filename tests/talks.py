"""Transcripts written in a test: a talk of turns, each a text or a (speaker, text) pair."""

from __future__ import annotations

from podcards.models import Segment, Transcript


def transcript_of(*turns: str | tuple[str, str], format: str = "text") -> Transcript:
    segments = [
        Segment(text=turn) if isinstance(turn, str) else Segment(speaker=turn[0], text=turn[1])
        for turn in turns
    ]
    source = "t.txt" if format == "text" else f"t.{format}"
    return Transcript(title="t", source=source, format=format, segments=segments)
