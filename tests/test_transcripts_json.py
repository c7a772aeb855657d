"""Whisper, WhisperX and Podcasting 2.0 JSON transcripts."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from podcards.errors import InputError
from podcards.transcripts import parse_text, read_transcript


def read(fixtures: Path, name: str, format: str | None = None):
    return read_transcript(fixtures / "transcripts" / name, format)


def test_whisper_segments_join_into_one_running_text(fixtures):
    transcript = read(fixtures, "whisper.json")

    assert transcript.format == "whisper"
    assert transcript.speakers == []
    (segment,) = transcript.segments
    assert segment.text == (
        "Octopuses have three hearts. Two pump blood through the gills, and one through the body."
    )
    assert (segment.start, segment.end, transcript.duration) == (0.0, 9.0, 9.0)
    assert segment.time_at(segment.text.index("Two pump")) == 2.4
    assert segment.time_at(segment.text.index("and one")) == 5.9


def test_whisperx_speakers_make_turns(fixtures):
    transcript = read(fixtures, "whisperx.json")
    assert transcript.speakers == ["SPEAKER_00", "SPEAKER_01"]
    assert [(s.speaker, s.start, s.end) for s in transcript.segments] == [
        ("SPEAKER_00", 0.5, 3.1),
        ("SPEAKER_01", 3.4, 9.2),
        ("SPEAKER_00", 9.5, 10.4),
    ]
    assert transcript.segments[1].text == (
        "Air scatters short blue wavelengths more than red ones. "
        "That effect is called Rayleigh scattering."
    )


def test_podcasting20_phrases(fixtures):
    transcript = read(fixtures, "podcast_phrases.json")
    assert transcript.format == "podcast-json"
    assert [(s.speaker, s.start, s.text) for s in transcript.segments] == [
        (
            "Wen Li",
            0.8,
            "Coffee beans are the seeds of a cherry. Roasting turns their sugars brown.",
        ),
        ("Raj Patel", 7.3, "Is darker roast stronger?"),
        ("Wen Li", 9.4, "No, a dark roast has slightly less caffeine by weight."),
    ]


def test_podcasting20_word_level_with_zero_length_and_equal_times(fixtures):
    transcript = read(fixtures, "podcast_words.json")
    first, second = transcript.segments
    assert first.text == "Salt lowers the freezing point. That's why roads get salted."
    assert second.text == "Clever!"
    assert first.time_at(first.text.index("That's")) == 1.5
    offsets = [mark.offset for mark in first.marks]
    seconds = [mark.seconds for mark in first.marks]
    assert offsets == sorted(offsets) and seconds == sorted(set(seconds))
    assert all(first.text[mark.offset - 1] == " " for mark in first.marks)


def test_forcing_a_json_format_on_other_text_is_a_clear_error(tmp_path):
    path = tmp_path / "notes.txt"
    path.write_text("Just some words.\n", encoding="utf-8")
    with pytest.raises(
        InputError, match=r"notes\.txt: not a Whisper JSON transcript \(invalid JSON"
    ):
        read_transcript(path, "whisper")


@pytest.mark.parametrize(
    ("content", "format", "speakers"),
    [
        ("1\n00:00:01,000 --> 00:00:04,000\nLichens grow slowly.\n", "srt", []),
        (
            "Mira Tal: Lichens grow slowly.\nTeo Ward: How slowly?\n",
            "text",
            ["Mira Tal", "Teo Ward"],
        ),
        ("[00:00:01] Mira Tal: Lichens grow slowly.\n", "text", ["Mira Tal"]),
    ],
    ids=["srt", "labels", "bracketed-time"],
)
def test_a_json_file_that_is_no_json_is_read_by_its_content(tmp_path, content, format, speakers):
    """The .json extension won over the content: an SRT saved as 'captions.json' was refused as
    'not a Whisper JSON transcript (invalid JSON: Extra data...)'."""
    path = tmp_path / "captions.json"
    path.write_text(content, encoding="utf-8")
    transcript = read_transcript(path)
    assert (transcript.format, transcript.speakers) == (format, speakers)
    assert "Lichens grow slowly." in transcript.segments[0].text


@pytest.mark.parametrize("content", ['{"segments": [', '[{"text": "cut off', '"just words"'])
def test_a_json_file_that_is_broken_json_is_still_refused_as_json(tmp_path, content):
    path = tmp_path / "broken.json"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(InputError) as refused:
        read_transcript(path)
    assert str(refused.value).startswith(f"{path}: not a Whisper JSON transcript (")
    assert "\n" not in str(refused.value)


@pytest.mark.parametrize(
    ("format", "message"),
    [
        ("srt", "not an SRT transcript (no caption cues"),
        ("vtt", "not a WebVTT transcript (no caption cues"),
        ("whisper", "not a Whisper JSON transcript (invalid JSON"),
        ("podcast-json", "not a Podcasting 2.0 JSON transcript (invalid JSON"),
    ],
)
def test_a_forced_format_is_named_as_people_write_it(tmp_path, format, message):
    """'not a srt transcript': the option's name, lower case, with the wrong article."""
    path = tmp_path / "notes.txt"
    path.write_text("Just some words.\n", encoding="utf-8")
    with pytest.raises(InputError) as refused:
        read_transcript(path, format)
    assert str(refused.value).startswith(f"{path}: {message}")


def test_no_text_found_names_the_format_read(tmp_path):
    path = tmp_path / "empty.srt"
    path.write_text("1\n00:00:01,000 --> 00:00:02,000\n\n", encoding="utf-8")
    with pytest.raises(InputError, match=r"no transcript text found \(read as SRT\)"):
        read_transcript(path)


@pytest.mark.parametrize(
    "data",
    [
        {"segments": [{"start": "soon", "end": None, "text": 5}]},
        {"segments": [1, "two", None]},
        {"version": "1.0.0", "segments": [{"speaker": True, "startTime": -1, "body": None}]},
        [],
        {"text": ""},
    ],
)
def test_json_with_wrong_types_gives_an_input_error_not_a_crash(data):
    with pytest.raises(InputError):
        parse_text(json.dumps(data), "odd.json")
