"""Whisper / WhisperX JSON and Podcasting 2.0 JSON transcripts.

Both are lists of timed fragments (phrases, or single words in word-level files) that are
joined into running text per speaker turn, like caption cues. Values of the wrong type are
treated as missing, so any JSON yields a transcript or a one-line error.
"""

from __future__ import annotations

import json
import math
from typing import Any

from podcards.transcripts.turns import FormatMismatch, ParsedText, TurnBuilder


def parse_whisper_json(text: str) -> ParsedText:
    """`{"text", "segments": [{"start", "end", "text", "speaker"?, "words"?}]}`; a bare list too."""
    data = _load(text)
    segments = data.get("segments") if isinstance(data, dict) else data
    if not isinstance(segments, list) or not segments:
        if isinstance(data, dict) and isinstance(data.get("text"), str):
            segments = [{"text": data["text"]}]
        else:
            raise FormatMismatch("no 'segments' list and no 'text'")
    fragments = [
        (_speaker(item.get("speaker")), item.get("start"), item.get("end"), _whisper_text(item))
        for item in segments
        if isinstance(item, dict)
    ]
    return ParsedText(builder=_join(fragments), title=_title(data))


def parse_podcast_json(text: str) -> ParsedText:
    """Podcasting 2.0: `{"version", "segments": [{"speaker", "startTime", "endTime", "body"}]}`."""
    data = _load(text)
    segments = data.get("segments") if isinstance(data, dict) else data
    if not isinstance(segments, list):
        raise FormatMismatch("no 'segments' list")
    fragments = [
        (
            _speaker(item.get("speaker")),
            item.get("startTime"),
            item.get("endTime"),
            item.get("body"),
        )
        for item in segments
        if isinstance(item, dict)
    ]
    return ParsedText(builder=_join(fragments), title=_title(data))


def _load(text: str) -> Any:
    try:
        return json.loads(text)
    except RecursionError:
        raise FormatMismatch("JSON nested too deeply") from None
    except ValueError as error:
        raise FormatMismatch(f"invalid JSON: {error}") from None


def _join(fragments: list[tuple[str | None, Any, Any, Any]]) -> TurnBuilder:
    builder = TurnBuilder()
    for speaker, start, end, text in fragments:
        builder.start_turn(speaker)
        builder.add(text if isinstance(text, str) else "", _seconds(start), _seconds(end))
    return builder


def _whisper_text(item: dict) -> Any:
    """The segment's text, or its words joined when a file keeps only word timings."""
    if isinstance(item.get("text"), str):
        return item["text"]
    words = item.get("words")
    if isinstance(words, list):
        return " ".join(
            str(word.get("word", "")).strip() for word in words if isinstance(word, dict)
        )
    return ""


def _seconds(value: Any) -> float | None:
    """A finite, non-negative number of seconds, or None for anything else."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        try:
            value = float(value)
        except ValueError:
            return None
    if isinstance(value, int | float) and math.isfinite(value) and value >= 0:
        return float(value)
    return None


def _speaker(value: Any) -> str | None:
    if isinstance(value, str | int) and not isinstance(value, bool) and str(value).strip():
        return str(value).strip()
    return None


def _title(data: Any) -> str | None:
    if not isinstance(data, dict):
        return None
    for holder in (data, data.get("metadata")):
        if isinstance(holder, dict) and isinstance(holder.get("title"), str):
            return holder["title"].strip() or None
    return None
