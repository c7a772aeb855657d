"""SRT and WebVTT: cues joined into speaker turns, and YouTube's rolling repeats removed word-exactly."""

from __future__ import annotations

from pathlib import Path

import pytest

from podcards.transcripts import parse_text, read_transcript

SPOKEN_IN_YOUTUBE_FIXTURE = (
    "so today we look at how a compiler turns your code into code the chip can run and that "
    "is very very important for speed the first step is called parsing parsing means reading "
    "the text into a tree"
)


def read(fixtures: Path, name: str):
    return read_transcript(fixtures / "transcripts" / name)


def test_youtube_rolling_captions_keep_each_spoken_word_once_in_order(fixtures):
    transcript = read(fixtures, "youtube_auto.vtt")

    assert transcript.format == "vtt"
    assert [s.text for s in transcript.segments] == [SPOKEN_IN_YOUTUBE_FIXTURE]
    # Genuine repeats ("code ... code", "very very", "parsing parsing") survive.
    assert transcript.segments[0].text.split() == SPOKEN_IN_YOUTUBE_FIXTURE.split()


def test_youtube_captions_keep_the_time_of_the_cue_where_words_begin(fixtures):
    segment = read(fixtures, "youtube_auto.vtt").segments[0]
    assert segment.start == 0.0
    assert segment.time_at(segment.text.index("turns your code")) == 2.32
    assert segment.time_at(segment.text.index("the first step")) == 12.0
    assert segment.time_at(segment.text.index("into a tree")) == 16.51
    assert segment.end == 18.0


def test_rolling_captions_without_word_tags_are_also_deduplicated():
    cues = [
        ("00:00:00.000", "00:00:02.000", ["the moon has no air"]),
        ("00:00:02.000", "00:00:04.000", ["the moon has no air", "so the sky looks black"]),
        ("00:00:04.000", "00:00:06.000", ["so the sky looks black", "even at noon"]),
        ("00:00:06.000", "00:00:08.000", ["even at noon", "even at noon the stars shine"]),
        ("00:00:08.000", "00:00:10.000", ["even at noon the stars shine", "and the dust is grey"]),
    ]
    text = "WEBVTT\n\n" + "\n\n".join(f"{a} --> {b}\n" + "\n".join(lines) for a, b, lines in cues)
    segment = parse_text(text).segments[0]
    assert segment.text == (
        "the moon has no air so the sky looks black even at noon the stars shine "
        "and the dust is grey"
    )


@pytest.mark.parametrize(
    "timing", ["00:00:01.000 --> 00:00:04.000", "00:00:01,000 --> 00:00:04,000"]
)
def test_caption_entities_are_decoded_once(timing: str) -> None:
    header = "WEBVTT\n\n" if "." in timing else "1\n"
    text = f"{header}{timing}\nWrite &amp;lt;b&amp;gt; to show &lt;b&gt; on a page.\n"
    assert parse_text(text).segments[0].text == "Write &lt;b&gt; to show <b> on a page."


def test_a_sound_tag_in_a_rolling_caption_does_not_break_the_repeat():
    """YouTube shows '[Music] the lava cools' as the words are spoken, then 'the lava cools'
    in its snapshot and on top of the next cue: the words are still said once."""

    def timed(first: str, words: list[str], at: float) -> str:
        tags = "".join(f"<00:00:{at + 0.3 * n:06.3f}><c> {w}</c>" for n, w in enumerate(words))
        return first + tags

    cues = [
        ("00:00:00.000", "00:00:02.990", [" ", timed("so", ["basalt", "is", "runny"], 0.3)]),
        ("00:00:02.990", "00:00:03.000", ["so basalt is runny", " "]),
        (
            "00:00:03.000",
            "00:00:05.990",
            ["so basalt is runny", timed("[Music]", ["the", "lava", "cools"], 3.3)],
        ),
        ("00:00:05.990", "00:00:06.000", ["the lava cools", " "]),
        ("00:00:06.000", "00:00:08.990", ["the lava cools", timed("fast", ["at", "sea"], 6.3)]),
    ]
    text = "WEBVTT\n\n" + "\n\n".join(f"{a} --> {b}\n" + "\n".join(lines) for a, b, lines in cues)
    assert parse_text(text).segments[0].text == "so basalt is runny the lava cools fast at sea"


def test_a_malformed_word_time_tag_is_dropped_and_the_repeat_still_matches():
    cues = [
        (
            "00:00:00.000",
            "00:00:02.990",
            ["so<00:00:00.400><c> queues</c><00:00:00.800><c> grow</c>"],
        ),
        ("00:00:02.990", "00:00:03.000", ["so queues grow"]),
        (
            "00:00:03.000",
            "00:00:05.990",
            ["so queues grow", "until<00:00:03.1000><c> memory</c><00:00:3.6x><c> runs</c>"],
        ),
        ("00:00:05.990", "00:00:06.000", ["until memory runs"]),
        ("00:00:06.000", "00:00:08.990", ["until memory runs", "out<00:00:06.400 ><c> fast</c>"]),
    ]
    text = "WEBVTT\n\n" + "\n\n".join(f"{a} --> {b}\n" + "\n".join(lines) for a, b, lines in cues)
    assert parse_text(text).segments[0].text == "so queues grow until memory runs out fast"


def test_a_cue_whose_timing_cannot_be_read_keeps_its_words():
    text = (
        "1\n00:00:01,000 --> 00:00:02,000\nThe tide turns twice a day.\n\n"
        "2\n00:00:03,000 --> garbage\nSpring tides follow the full moon.\n\n"
        "3\n00:00:05,000 --> 00:00:06,000\nNeap tides are weaker.\n"
    )
    segment = parse_text(text).segments[0]
    assert "Spring tides follow the full moon." in segment.text
    assert segment.time_at(segment.text.index("Spring")) == 2.0  # when the cue before ended


def test_a_sound_only_cue_does_not_hide_the_line_a_rolling_caption_repeats():
    def timed(first: str, words: list[str], at: float) -> str:
        tags = "".join(f"<00:00:{at + 0.3 * n:06.3f}><c> {w}</c>" for n, w in enumerate(words))
        return first + tags

    cues = [
        ("00:00:00.000", "00:00:02.990", [" ", timed("limpets", ["clamp", "down"], 0.3)]),
        ("00:00:02.990", "00:00:03.000", ["limpets clamp down", " "]),
        ("00:00:03.000", "00:00:03.500", ["[Applause]"]),
        (
            "00:00:03.500",
            "00:00:05.990",
            ["limpets clamp down", timed("and", ["stay", "wet"], 3.8)],
        ),
    ]
    text = "WEBVTT\n\n" + "\n\n".join(f"{a} --> {b}\n" + "\n".join(lines) for a, b, lines in cues)
    assert parse_text(text).segments[0].text == "limpets clamp down and stay wet"


@pytest.mark.parametrize("arrow", ["->", " ", "\u2014>", "\u2013", "\u2192"])
def test_an_srt_timing_line_written_loosely_still_opens_its_cue(arrow: str):
    text = (
        "1\n00:00:01,000 --> 00:00:02,000\nThe tide turns twice a day.\n\n"
        f"2\n00:00:04,000{arrow}00:00:07,000\nLimpets clamp onto the rock at low tide.\n\n"
        "3\n00:00:08,000 --> 00:00:09,000\nNeap tides are weaker.\n"
    )
    segment = parse_text(text).segments[0]
    assert "Limpets clamp onto the rock" in segment.text
    assert segment.time_at(segment.text.index("Limpets")) == 4.0


def test_ordinary_captions_are_not_deduplicated():
    text = (
        "1\n00:00:01,000 --> 00:00:02,000\nNo.\n\n"
        "2\n00:00:02,000 --> 00:00:03,000\nNo.\n\n"
        "3\n00:00:03,000 --> 00:00:04,000\nAbsolutely not.\n"
    )
    assert parse_text(text).segments[0].text == "No. No. Absolutely not."


def test_srt_speaker_prefixes_and_turn_markers(fixtures):
    transcript = read(fixtures, "interview.srt")

    assert transcript.format == "srt"
    assert transcript.speakers == ["Mara Quint", "Leo Brandt"]
    assert [(s.speaker, s.start, s.end, s.text) for s in transcript.segments] == [
        (
            "Mara Quint",
            1.0,
            6.2,
            "Welcome back to the workshop. Today we talk about sourdough. "
            "A starter is a colony of wild yeast and lactic acid bacteria.",
        ),
        (
            "Leo Brandt",
            6.4,
            11.0,
            "It eats flour and water, and it doubles in a few hours. "
            "That rise is how you know it's ready.",
        ),
        ("Mara Quint", 11.2, 13.0, "How warm should the kitchen be?"),
        (None, 11.2, 15.0, "Around twenty-four degrees."),
        ("Mara Quint", 15.2, 18.0, "Thanks, Leo. That's all for today."),
    ]
    first = transcript.segments[0]
    assert first.time_at(first.text.index("A starter")) == 3.6


def test_webvtt_voice_tags_notes_styles_settings_and_short_timestamps(fixtures):
    transcript = read(fixtures, "lecture.vtt")

    assert transcript.title == "Tides and the Moon"
    assert transcript.speakers == ["Dr. Ines Vale", "Sam Ortiz"]
    assert [(s.speaker, s.start, s.text) for s in transcript.segments] == [
        (
            "Dr. Ines Vale",
            1.0,
            "Tides rise twice a day because the Moon pulls on the oceans and the Earth is "
            "pulled away from the water on the far side.",
        ),
        ("Sam Ortiz", 8.4, "So the far side gets a bulge too?"),
        (
            "Dr. Ines Vale",
            10.1,
            "Exactly, which is why there are two high tides. "
            "When the Sun and Moon line up, we get spring tides.",
        ),
    ]
    everything = " ".join(s.text for s in transcript.segments)
    assert "color" not in everything and "edited by hand" not in everything
    assert transcript.duration == 15.9


def test_extension_is_only_a_hint_content_decides(tmp_path):
    path = tmp_path / "episode.txt"
    path.write_text("1\n00:00:01,500 --> 00:00:03,000\nHello there.\n", encoding="utf-8")
    transcript = read_transcript(path)
    assert (transcript.format, transcript.segments[0].start) == ("srt", 1.5)


def test_broadcast_turn_markers_open_turns():
    text = (
        "WEBVTT\n\n00:00:01.000 --> 00:00:03.000\n>> ZOE PARK: Rain is on the way.\n\n"
        "00:00:03.000 --> 00:00:05.000\nBring a coat.\n\n"
        "00:00:05.000 --> 00:00:07.000\n>> Thanks, Zoe.\n"
    )
    transcript = parse_text(text)
    assert [(s.speaker, s.text) for s in transcript.segments] == [
        ("ZOE PARK", "Rain is on the way. Bring a coat."),
        (None, "Thanks, Zoe."),
    ]


def test_youtube_escaped_turn_markers_open_turns_and_are_no_words():
    """YouTube writes its '>>' speaker changes as '&gt;&gt;': the marker was looked for before
    entities were decoded, so '>>' stayed in the words and the turns ran together."""
    text = (
        "WEBVTT\n\n00:00:00.000 --> 00:00:02.000\n"
        "&gt;&gt;<00:00:00.300><c> what</c><00:00:00.600><c> is</c><00:00:01.200><c> a moraine</c>\n\n"
        "00:00:02.000 --> 00:00:02.010\n&gt;&gt; what is a moraine\n \n\n"
        "00:00:02.010 --> 00:00:05.000\n&gt;&gt; what is a moraine\n"
        "&gt;&gt;<00:00:02.300><c> a</c><00:00:02.600><c> ridge</c><00:00:03.800><c> of rock</c>\n"
    )
    transcript = parse_text(text)
    assert [(s.start, s.text) for s in transcript.segments] == [
        (0.0, "what is a moraine"),
        (2.01, "a ridge of rock"),
    ]
