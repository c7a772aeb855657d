"""SRT and WebVTT captions (placeholder until the caption reader lands)."""

from __future__ import annotations

from podcards.transcripts.plaintext import ParsedText, parse_plain_text


def parse_captions(text: str) -> ParsedText:
    return parse_plain_text(text)
