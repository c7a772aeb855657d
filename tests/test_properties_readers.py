"""Property tests for every transcript reader: any input gives a Transcript or a podcards
error (never a crash), and valid files built from random cues read back word for word."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from podcards.errors import PodcardsError
from podcards.models import Transcript
from podcards.transcripts import FORMATS, parse_text, read_transcript

FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])
FORMAT_OR_DETECT = st.sampled_from([*FORMATS, None])

# Pieces of every format, so random text often looks almost right to a reader.
FORMAT_PIECES = st.sampled_from(
    [
        "WEBVTT",
        "WEBVTT - A title",
        "NOTE a comment",
        "1",
        "00:00:01,000 --> 00:00:02,000",
        "00:01.500 --> 00:00.250",
        "99:59:59.999 --> 00:00:00.000",
        "9" * 400 + ":00:00,000 --> 00:00:01,000",
        "<v Ann Lee>",
        "<00:00:01.234><c> word</c>",
        ">> ",
        "- [Bob] ",
        "Ann Lee: ",
        "[00:01:02] ",
        "(applause) ",
        "&amp;lt;b&amp;gt;",
        '{"segments": [',
        '{"startTime": "x", "body": 5}',
        '"speaker": null',
        "]}",
        "\ufeff",
        "\x00",
        "\u202e",
    ]
)
LINES = st.lists(st.one_of(FORMAT_PIECES, st.text(max_size=20)), max_size=20)

JSON_KEYS = st.sampled_from(
    ["segments", "text", "start", "end", "speaker", "words", "word", "body", "startTime",
     "endTime", "title", "metadata", "version"]
) | st.text(max_size=6)  # fmt: skip
JSON_SCALARS = (
    st.none()
    | st.booleans()
    | st.integers()
    | st.floats()
    | st.text(max_size=20)
    | st.sampled_from(["NaN", "-1", "1e400", "00:01"])
)
JSON_VALUES = st.recursive(
    JSON_SCALARS,
    lambda inner: st.lists(inner, max_size=4) | st.dictionaries(JSON_KEYS, inner, max_size=5),
    max_leaves=30,
)


def parse_or_refuse(text: str, source: str, format: str | None) -> Transcript | None:
    """The transcript, or None when podcards refused it with its own one-line error."""
    try:
        return parse_text(text, source, format=format)
    except PodcardsError as error:
        assert "\n" not in str(error)
        return None


CONTROL = re.compile(r"[\x00-\x1f\x7f-\x9f]")


def assert_sound(transcript: Transcript) -> None:
    """What every stage after reading relies on, and an exact JSON round trip."""
    assert transcript.segments and transcript.title
    shown = [transcript.title, *transcript.speakers, *(s.text for s in transcript.segments)]
    assert not any(CONTROL.search(text) for text in shown)  # nothing that drives a terminal
    for segment in transcript.segments:
        assert segment.text and segment.text == segment.text.strip()
        offsets = [mark.offset for mark in segment.marks]
        assert offsets == sorted(offsets) and all(0 < o < len(segment.text) for o in offsets)
    assert Transcript.model_validate_json(transcript.model_dump_json()) == transcript


@FAST
@given(FORMAT_OR_DETECT, st.text(max_size=300))
def test_any_text_in_any_format_reads_or_is_refused(format, text):
    transcript = parse_or_refuse(text, "any.txt", format)
    if transcript is not None:
        assert_sound(transcript)


@FAST
@given(FORMAT_OR_DETECT, LINES)
def test_near_miss_files_read_or_are_refused(format, lines):
    transcript = parse_or_refuse("\n".join(lines), "near.srt", format)
    if transcript is not None:
        assert_sound(transcript)


@FAST
@given(st.sampled_from(["whisper", "podcast-json", None]), JSON_VALUES)
def test_any_json_value_reads_or_is_refused(format, value):
    transcript = parse_or_refuse(json.dumps(value), "any.json", format)
    if transcript is not None:
        assert_sound(transcript)


@FAST
@given(st.sampled_from(["any.txt", "any.srt", "any.vtt", "any.json"]), st.binary(max_size=600))
def test_any_bytes_on_disk_read_or_are_refused(tmp_path_factory, name, data):
    path = tmp_path_factory.mktemp("bytes") / name
    path.write_bytes(data)
    try:
        transcript = read_transcript(path)
    except PodcardsError as error:
        assert str(error).startswith(str(path)) and "\n" not in str(error)
        return
    assert_sound(transcript)


# Valid files from random cues: plain lowercase words (nothing a cleaner would change), each
# cue ending in a word of its own number so no two cues repeat (that would be rolling captions).
WORD = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=1, max_size=8)
SPEAKERS = ["Ann Lee", "Bo Chen", "Cleo Diaz"]


@dataclass
class Cue:
    speaker: str
    start_ms: int
    end_ms: int
    text: str


@st.composite
def cues(draw) -> list[Cue]:
    count = draw(st.integers(min_value=1, max_value=12))
    gaps = draw(st.lists(st.integers(1, 90_000), min_size=count, max_size=count))
    made, start = [], draw(st.integers(0, 10_000_000))
    for index, gap in enumerate(gaps):
        words = draw(st.lists(WORD, min_size=1, max_size=6))
        text = " ".join([*words, f"cue{index}"])
        duration = draw(st.integers(1, 10_000))
        made.append(Cue(draw(st.sampled_from(SPEAKERS)), start, start + duration, text))
        start += gap
    return made


def clock(ms: int, separator: str) -> str:
    hours, rest = divmod(ms, 3_600_000)
    minutes, rest = divmod(rest, 60_000)
    seconds, millis = divmod(rest, 1000)
    return f"{hours:02d}:{minutes:02d}:{seconds:02d}{separator}{millis:03d}"


def as_srt(made: list[Cue]) -> str:
    blocks = [
        f"{number}\n{clock(cue.start_ms, ',')} --> {clock(cue.end_ms, ',')}\n{cue.text}\n"
        for number, cue in enumerate(made, 1)
    ]
    return "\n".join(blocks)


def as_vtt(made: list[Cue]) -> str:
    blocks = [
        f"{clock(cue.start_ms, '.')} --> {clock(cue.end_ms, '.')}\n<v {cue.speaker}>{cue.text}\n"
        for cue in made
    ]
    return "WEBVTT\n\n" + "\n".join(blocks)


def as_whisper(made: list[Cue]) -> str:
    segments = [
        {"start": c.start_ms / 1000, "end": c.end_ms / 1000, "text": c.text, "speaker": c.speaker}
        for c in made
    ]
    return json.dumps({"text": "", "segments": segments})


def as_podcast_json(made: list[Cue]) -> str:
    segments = [
        {
            "speaker": c.speaker,
            "startTime": c.start_ms / 1000,
            "endTime": c.end_ms / 1000,
            "body": c.text,
        }
        for c in made
    ]
    return json.dumps({"version": "1.0.0", "segments": segments})


def as_plain_text(made: list[Cue]) -> str:
    return "".join(f"{c.speaker}: {clock(c.start_ms, '.')[:8]} {c.text}\n" for c in made)


def turns(made: list[Cue], by_speaker: bool) -> list[list[Cue]]:
    """The cues grouped as the reader should join them: one turn per run of one speaker."""
    grouped: list[list[Cue]] = []
    for cue in made:
        if grouped and (not by_speaker or grouped[-1][-1].speaker == cue.speaker):
            grouped[-1].append(cue)
        else:
            grouped.append([cue])
    return grouped


def assert_read_back(
    transcript: Transcript, made: list[Cue], by_speaker: bool, whole_seconds=False
):
    """Words in order, one segment per turn, each cue's start findable at its first word."""
    expected = turns(made, by_speaker)
    assert [s.text for s in transcript.segments] == [" ".join(c.text for c in t) for t in expected]
    for segment, turn in zip(transcript.segments, expected, strict=True):
        assert segment.speaker == (turn[0].speaker if by_speaker else None)
        offset = 0
        for cue in turn:
            seconds = (cue.start_ms // 1000) if whole_seconds else cue.start_ms / 1000
            assert segment.time_at(offset) == pytest.approx(seconds, abs=1e-6)
            offset += len(cue.text) + 1
    assert_sound(transcript)


WRITERS = [
    (as_srt, "random.srt", "srt", False),
    (as_vtt, "random.vtt", "vtt", True),
    (as_whisper, "random.json", "whisper", True),
    (as_podcast_json, "random.json", "podcast-json", True),
    (as_plain_text, "random.txt", "text", True),
]


@pytest.mark.parametrize(
    ("write", "name", "format", "by_speaker"), WRITERS, ids=[w[2] for w in WRITERS]
)
@FAST
@given(made=cues())
def test_files_built_from_random_cues_read_back(write, name, format, by_speaker, made):
    transcript = parse_text(write(made), name)
    assert transcript.format == format
    whole_seconds = format == "text"  # plain-text timestamps carry no milliseconds or ends
    assert_read_back(transcript, made, by_speaker, whole_seconds)
    last = (
        max(c.start_ms // 1000 for c in made)
        if whole_seconds
        else max(c.end_ms for c in made) / 1000
    )
    assert transcript.duration == pytest.approx(last)


@FAST
@given(cues(), st.sampled_from(["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be"]))
def test_files_on_disk_in_any_common_encoding_read_back(tmp_path_factory, made, encoding):
    path = tmp_path_factory.mktemp("encoded") / "random.vtt"
    path.write_bytes(as_vtt(made).encode(encoding))
    assert_read_back(read_transcript(path), made, by_speaker=True)
