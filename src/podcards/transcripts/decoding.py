"""Bytes to text: whatever encoding a transcript arrived in, or one clear refusal.

Transcripts come from Windows tools (UTF-16, cp1252), editors that add a BOM, and users who
pick the wrong file (a PDF, a zip, an audio file). Each is read correctly or refused with a
one-line InputError naming the problem.
"""

from __future__ import annotations

import codecs

from podcards.errors import InputError
from podcards.transcripts.cleanup import without_terminal_escapes

# Magic numbers of files people mistake for transcripts, with the advice worth giving.
BINARY_SIGNATURES: list[tuple[bytes, str]] = [
    (b"%PDF", "a PDF file; export or copy the transcript as text first"),
    (b"PK\x03\x04", "a zip archive (or .docx/.odt); save the transcript as plain text first"),
    (b"\x89PNG", "a PNG image, not a transcript"),
    (b"\xff\xd8\xff", "a JPEG image, not a transcript"),
    (b"GIF8", "a GIF image, not a transcript"),
    (b"ID3", "an MP3 audio file; transcribe it first (e.g. with Whisper)"),
    (b"RIFF", "a RIFF (WAV/AVI) media file, not a transcript"),
    (b"OggS", "an Ogg audio file; transcribe it first"),
    (b"fLaC", "a FLAC audio file; transcribe it first"),
    (b"\x1f\x8b", "a gzip-compressed file; decompress it first"),
    (b"\xd0\xcf\x11\xe0", "an old Word/Office document; save it as plain text first"),
]
# ISO media (mp4/m4a) keeps its signature at offset 4.
ISO_MEDIA = b"ftyp"

MAX_CONTROL_SHARE = 0.01


def decode_transcript(data: bytes, path: object) -> str:
    """The text of a transcript file; InputError when it is not text in a known encoding."""
    if not data.strip():
        raise InputError(path, "the file is empty")
    text = _decode_with_bom(data) or _decode_utf16_without_bom(data)
    if text is None:
        _refuse_binary(data, path)
        text = _decode_8bit(data, path)
    _refuse_control_characters(text, path)
    return text.replace("\r\n", "\n").replace("\r", "\n")


def _decode_with_bom(data: bytes) -> str | None:
    for bom, encoding in (
        (codecs.BOM_UTF8, "utf-8"),
        (codecs.BOM_UTF32_LE, "utf-32-le"),
        (codecs.BOM_UTF32_BE, "utf-32-be"),
        (codecs.BOM_UTF16_LE, "utf-16-le"),
        (codecs.BOM_UTF16_BE, "utf-16-be"),
    ):
        if data.startswith(bom):
            return data[len(bom) :].decode(encoding, errors="replace")
    return None


def _decode_utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text of mostly ASCII has a NUL in every other byte; binary files do not."""
    sample = data[:4096]
    if len(sample) < 4 or len(sample) % 2:
        return None
    even_nuls = sample[0::2].count(0) / (len(sample) / 2)
    odd_nuls = sample[1::2].count(0) / (len(sample) / 2)
    if odd_nuls > 0.6 and even_nuls < 0.05:
        return data.decode("utf-16-le", errors="replace")
    if even_nuls > 0.6 and odd_nuls < 0.05:
        return data.decode("utf-16-be", errors="replace")
    return None


def _refuse_binary(data: bytes, path: object) -> None:
    for signature, what in BINARY_SIGNATURES:
        if data.startswith(signature):
            raise InputError(path, f"this is {what}")
    if data[4:8] == ISO_MEDIA:
        raise InputError(path, "this is an MP4/M4A media file; transcribe it first")
    if b"\x00" in data[:65536]:
        raise InputError(path, "this is a binary file, not a text transcript")


def _decode_8bit(data: bytes, path: object) -> str:
    """UTF-8 when valid or mostly so, else Windows-1252 (what Word and old Windows tools save)."""
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    damaged = data.decode("utf-8", errors="replace")
    if _mostly_utf8(damaged):
        return damaged
    try:
        return data.decode("cp1252")
    except UnicodeDecodeError:
        raise InputError(path, "not readable as text (neither UTF-8, UTF-16 nor cp1252)") from None


def _mostly_utf8(damaged: str) -> bool:
    """UTF-8 with a few broken bytes (a cut download, a bad edit): its accented letters decode,
    and reading it all as cp1252 would garble every one of them ("café" -> "cafÃ©")."""
    broken = damaged.count("\ufffd")
    intact = sum(1 for char in damaged if ord(char) > 127) - broken
    return intact > broken


def _refuse_control_characters(text: str, path: object) -> None:
    """Binary data read as text is full of control characters; terminal escape sequences
    (colours, a window title) are text copied from a terminal, so they do not count."""
    sample = without_terminal_escapes(text[:65536])
    controls = sum(1 for char in sample if ord(char) < 32 and char not in "\t\n\r\f\v")
    if "\x00" in text or controls > MAX_CONTROL_SHARE * max(len(sample), 1):
        raise InputError(path, "this is a binary file, not a text transcript")
