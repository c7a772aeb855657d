"""The dev episode in other formats, made at run time in a temporary folder (never kept):
quality must hold for the captions and ASR output users really have, not only for a tidy
speaker-labelled text.

- `srt`: 12-word subtitle cues, no speaker labels (the whole talk is one voice);
- `vtt`: YouTube-style automatic captions: lower case, no punctuation, rolling cues with
  word timings;
- `whisper`: Whisper JSON segments, no speakers.

Word times are spread evenly over each turn (the source has one timestamp per turn).
"""

from __future__ import annotations

import json
import re
from pathlib import Path

CUE_WORDS = 12
CAPTION_WORDS = 8
SECONDS_PER_WORD = 0.4
NOT_SPOKEN = re.compile(r"[^\w'%.,-]|(?<!\d)[.,]|[.,](?!\d)")
"""Punctuation automatic captions leave out; a number's own point or comma ('4.5', '1,000')
stays, as the captions write it."""


def timed_words(transcript_path: Path) -> list[tuple[float, str]]:
    """Every word of the transcript with an estimated start time."""
    from podcards.transcripts import read_transcript

    timed = []
    for segment in read_transcript(transcript_path).segments:
        words = segment.text.split()
        start = segment.start
        if start is None:  # a turn without a time follows the one before it
            start = timed[-1][0] + SECONDS_PER_WORD if timed else 0.0
        step = SECONDS_PER_WORD
        if segment.end is not None and words:
            step = max(0.05, (segment.end - start) / len(words))
        timed.extend((start + number * step, word) for number, word in enumerate(words))
    return timed


def clock(seconds: float, separator: str) -> str:
    hours, rest = divmod(seconds, 3600)
    minutes, whole = divmod(rest, 60)
    return f"{int(hours):02d}:{int(minutes):02d}:{int(whole):02d}{separator}{int(whole % 1 * 1000):03d}"


def chunks(items: list, size: int) -> list[list]:
    return [items[start : start + size] for start in range(0, len(items), size)]


def write_srt(words: list[tuple[float, str]], path: Path) -> None:
    blocks = []
    for number, cue in enumerate(chunks(words, CUE_WORDS), start=1):
        start, end = cue[0][0], cue[-1][0] + SECONDS_PER_WORD
        text = " ".join(word for _, word in cue)
        blocks.append(f"{number}\n{clock(start, ',')} --> {clock(end, ',')}\n{text}\n")
    path.write_text("\n".join(blocks), encoding="utf-8")


def write_auto_captions(words: list[tuple[float, str]], path: Path) -> None:
    """Each caption shows the previous line and the new one with word timings, then a 10 ms
    cue holding the finished line: the rolling layout YouTube's automatic captions use."""
    plain = [(time, NOT_SPOKEN.sub("", word).strip("-").lower()) for time, word in words]
    plain = [(time, word) for time, word in plain if word]
    lines = ["WEBVTT", "Kind: captions", "Language: en", ""]
    previous = " "
    for caption in chunks(plain, CAPTION_WORDS):
        start, end = caption[0][0], caption[-1][0] + SECONDS_PER_WORD
        timed = caption[0][1] + "".join(
            f"<{clock(time, '.')}><c> {word}</c>" for time, word in caption[1:]
        )
        finished = " ".join(word for _, word in caption)
        lines += [f"{clock(start, '.')} --> {clock(end, '.')} align:start position:0%"]
        lines += [previous, timed, ""]
        lines += [f"{clock(end, '.')} --> {clock(end + 0.01, '.')} align:start position:0%"]
        lines += [finished, " ", ""]
        previous = finished
    path.write_text("\n".join(lines), encoding="utf-8")


def write_whisper(words: list[tuple[float, str]], path: Path) -> None:
    segments = [
        {
            "id": number,
            "start": cue[0][0],
            "end": cue[-1][0] + SECONDS_PER_WORD,
            "text": " " + " ".join(word for _, word in cue),
        }
        for number, cue in enumerate(chunks(words, CUE_WORDS))
    ]
    text = " ".join(word for _, word in words)
    path.write_text(json.dumps({"text": text, "segments": segments}), encoding="utf-8")


WRITERS = {
    "srt": ("dev.srt", write_srt),
    "vtt": ("dev.vtt", write_auto_captions),
    "whisper": ("dev.whisper.json", write_whisper),
}


def write_variants(transcript_path: Path, folder: Path) -> dict[str, Path]:
    """Each variant's file in `folder`, by name."""
    words = timed_words(transcript_path)
    written = {}
    for name, (file_name, writer) in WRITERS.items():
        writer(words, folder / file_name)
        written[name] = folder / file_name
    return written
