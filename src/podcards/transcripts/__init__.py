"""Read a transcript in any common format into one Transcript.

Formats: "text" (plain text / markdown with speaker labels and timestamps), "srt", "vtt",
"whisper" (Whisper / WhisperX JSON) and "podcast-json" (Podcasting 2.0). The format is
detected from the content, with the file extension as a hint; `format` forces it.
"""

from __future__ import annotations

import json
import os
import re
from collections.abc import Callable
from pathlib import Path

from podcards.errors import InputError
from podcards.files import reading
from podcards.models import DEFAULT_MAX_SIZE_MB, MEGABYTE, Segment, Transcript
from podcards.transcripts.captions import parse_captions
from podcards.transcripts.cleanup import plain_line, readable_title, without_terminal_escapes
from podcards.transcripts.decoding import decode_transcript
from podcards.transcripts.jsonformats import parse_podcast_json, parse_whisper_json
from podcards.transcripts.plaintext import parse_plain_text
from podcards.transcripts.turns import FormatMismatch, ParsedText

__all__ = ["DEFAULT_MAX_BYTES", "FORMATS", "parse_text", "read_transcript"]

DEFAULT_MAX_BYTES = DEFAULT_MAX_SIZE_MB * MEGABYTE

PARSERS: dict[str, Callable[[str], ParsedText]] = {
    "text": parse_plain_text,
    "srt": parse_captions,
    "vtt": parse_captions,
    "whisper": parse_whisper_json,
    "podcast-json": parse_podcast_json,
}
FORMATS = tuple(PARSERS)
FORMAT_NAMES = {
    "text": "a text",
    "srt": "an SRT",
    "vtt": "a WebVTT",
    "whisper": "a Whisper JSON",
    "podcast-json": "a Podcasting 2.0 JSON",
}
"""Each format as a message names it, with its article: 'not an SRT transcript'."""
EXTENSION_HINTS = {".srt": "srt", ".vtt": "vtt", ".webvtt": "vtt"}

_CUE_TIMING = re.compile(r"^\s*(?:\d+:)?\d{1,2}:\d{2}[.,]\d{1,3}\s*-->", re.MULTILINE)
_SRT_TIMING = re.compile(r"^\s*\d+:\d{2}:\d{2},\d{3}\s*-->", re.MULTILINE)
_JSON_LIST = re.compile(r"\[(?!\s*\(?\d{1,2}:\d{2})")
"""A '[' opening a JSON list, not the '[00:01]' of a timestamped text line."""


def read_transcript(
    path: Path | str, format: str | None = None, *, max_bytes: int = DEFAULT_MAX_BYTES
) -> Transcript:
    """The transcript in `path`; InputError (one line, naming the file) when it cannot be read."""
    path = Path(path)
    text = decode_transcript(_read_bytes(path, max_bytes), path)
    return parse_text(text, source=str(path), format=format)


def parse_text(text: str, source: str = "<text>", format: str | None = None) -> Transcript:
    """A Transcript from already-decoded text: detection, parsing, title and duration. Terminal
    escape sequences go first, so a coloured 'Name:' is still a label."""
    text = without_terminal_escapes(text)
    if format is not None and format not in PARSERS:
        raise InputError(source, f"unknown format {format!r}; use one of {', '.join(FORMATS)}")
    chosen = format or detect_format(text, Path(source).suffix.lower())
    try:
        parsed = PARSERS[chosen](text)
    except FormatMismatch as problem:
        raise InputError(source, f"not {FORMAT_NAMES[chosen]} transcript ({problem})") from None
    segments = parsed.builder.finish()
    if not segments:
        read_as = FORMAT_NAMES[chosen].split(" ", 1)[1]
        raise InputError(source, f"no transcript text found (read as {read_as})")
    return Transcript(
        title=plain_line(parsed.title or "") or _title_from_file_name(source),
        source=source,
        format=chosen,
        url=parsed.url,
        duration=_duration(segments),
        speakers=list(dict.fromkeys(s.speaker for s in segments if s.speaker)),
        segments=segments,
    )


def detect_format(text: str, extension: str = "") -> str:
    """The format name for `text`: from its content first, then from the file extension."""
    head = text.lstrip()[:2000]
    if head.startswith("WEBVTT"):
        return "vtt"
    json_like = head.startswith(("{", "[")) or extension == ".json"
    if json_like and (found := _detect_json(text, broken=_broken_json_format(head, extension))):
        return found
    if _CUE_TIMING.search(head):
        return "srt" if _SRT_TIMING.search(head) else "vtt"
    return EXTENSION_HINTS.get(extension, "text")


def _detect_json(text: str, broken: str | None) -> str | None:
    """Which JSON transcript this is; `broken` when it does not parse."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError):
        return broken
    segments = data.get("segments") if isinstance(data, dict) else data
    first = segments[0] if isinstance(segments, list) and segments else None
    if isinstance(first, dict) and ("body" in first or "startTime" in first):
        return "podcast-json"
    return "whisper"


def _broken_json_format(head: str, extension: str) -> str | None:
    """What text opening with '{' or '[', or named .json, is read as when it does not parse:
    broken JSON (an error saying why) when it opens as JSON does; '[00:01] Name:' is text; and
    a .json file that is no JSON at all (an SRT, 'Name: text') is whatever its content is."""
    if head.startswith("{"):
        return "whisper"
    if extension != ".json":
        return "text"
    return "whisper" if _JSON_LIST.match(head) else None


def _read_bytes(path: Path, max_bytes: int) -> bytes:
    with reading(path, "transcript file"), path.open("rb") as file:
        if os.fstat(file.fileno()).st_size > max_bytes:
            _refuse_size(path, max_bytes)
        data = file.read(max_bytes + 1)  # a pipe or device has no size until read
    if len(data) > max_bytes:
        _refuse_size(path, max_bytes)
    return data


def _refuse_size(path: Path, max_bytes: int) -> None:
    """Refused before reading, so a huge file never fills memory; the user can raise the limit."""
    limit = f"{max_bytes / MEGABYTE:g} MB"
    raise InputError(
        path, f"larger than the {limit} limit for a transcript (raise it with --max-size MB)"
    )


def _duration(segments: list[Segment]) -> float | None:
    """The last time anything is known to happen: last end, last start or last inner mark."""
    times = [
        time
        for segment in segments
        for time in (segment.start, segment.end, *(mark.seconds for mark in segment.marks))
        if time is not None
    ]
    return max(times) if times else None


def _title_from_file_name(source: str) -> str:
    stem = Path(source).name.split(".")[0] if source != "<text>" else ""
    return readable_title(re.sub(r"[-_.]+", " ", stem)) or "Untitled transcript"
