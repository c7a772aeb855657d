"""Whisper and Podcasting 2.0 JSON (placeholder until the JSON reader lands)."""

from __future__ import annotations

from podcards.transcripts.plaintext import ParsedText, parse_plain_text


def parse_whisper_json(text: str) -> ParsedText:
    return parse_plain_text(text)


def parse_podcast_json(text: str) -> ParsedText:
    return parse_plain_text(text)
