"""Bad input: every file is read correctly or refused with one line naming it, exit code 2."""

from __future__ import annotations

import codecs
import json
import subprocess
import sys
import zlib
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from podcards.errors import InputError
from podcards.transcripts import parse_text, read_transcript

TEXT = "Lia Moon: 00:00:03 Café crème costs €4 — “cheap” for Zürich.\nLia Moon: 00:00:09 Señor Ruiz agrees.\n"
SPOKEN = 'Café crème costs €4 — "cheap" for Zürich. Señor Ruiz agrees.'
PNG_HEADER = b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR\x00\x00\x00\x01"


def run_inspect(path: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "podcards", "inspect", str(path)],
        capture_output=True,
        text=True,
        timeout=60,
    )


CP1252_TEXT = TEXT.replace("€4 — ", "4 euros - ")


@pytest.mark.parametrize(
    ("encoded", "spoken"),
    [
        (codecs.BOM_UTF8 + TEXT.encode("utf-8"), SPOKEN),
        (TEXT.encode("utf-16"), SPOKEN),  # with BOM
        (TEXT.encode("utf-16-le"), SPOKEN),
        (TEXT.encode("utf-16-be"), SPOKEN),
        (CP1252_TEXT.encode("cp1252"), SPOKEN.replace("€4 — ", "4 euros - ")),
        (TEXT.replace("\n", "\r\n").encode("utf-8"), SPOKEN),
    ],
    ids=["utf8-bom", "utf16-bom", "utf16le", "utf16be", "cp1252", "crlf"],
)
def test_common_encodings_are_read_correctly(tmp_path, encoded, spoken):
    path = tmp_path / "talk.txt"
    path.write_bytes(encoded)
    transcript = read_transcript(path)
    assert transcript.speakers == ["Lia Moon"]
    assert transcript.segments[0].text == spoken
    assert transcript.segments[0].start == 3.0


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        (b"", "the file is empty"),
        (b"  \n\n\t\n", "the file is empty"),
        (PNG_HEADER + bytes(range(256)), "PNG image"),
        (b"PK\x03\x04" + bytes(200), "zip archive"),
        (b"%PDF-1.7\n" + zlib.compress(b"x" * 500), "PDF"),
        (bytes(range(256)) * 4, "binary file"),
        (b"12\n\n3\n", "no transcript text found"),
    ],
    ids=["empty", "blank", "png", "zip", "pdf", "binary", "no-text"],
)
def test_bad_files_raise_one_line_input_errors(tmp_path, content, problem):
    path = tmp_path / "bad.txt"
    path.write_bytes(content)
    with pytest.raises(InputError) as caught:
        read_transcript(path)
    message = str(caught.value)
    assert message.startswith(str(path)) and problem in message and "\n" not in message


ESC = "\x1b"


def test_terminal_escape_sequences_are_removed_whole(tmp_path):
    """Only the ESC byte went: '[1m' and ']0;title' stayed in the words, and one window-title
    sequence in a short file was enough control characters to refuse it as binary."""
    bold, plain, title = f"{ESC}[1m", f"{ESC}[0m", f"{ESC}]0;a window title\a"
    path = tmp_path / "colours.txt"
    path.write_text(
        f"{bold}Lia Moon{plain}: 00:00:03 A fjord is a {bold}drowned{plain} valley.{title}\n"
        f"Lia Moon: 00:00:09 Glaciers carved it.{ESC}]2;done{ESC}\\\n",
        encoding="utf-8",
    )
    transcript = read_transcript(path)
    assert transcript.speakers == ["Lia Moon"]
    assert transcript.segments[0].text == "A fjord is a drowned valley. Glaciers carved it."
    whisper = json.dumps({"segments": [{"start": 1, "text": f"A {bold}fjord{plain} is deep."}]})
    assert parse_text(whisper).segments[0].text == "A fjord is deep."


def test_missing_file_and_folder(tmp_path):
    with pytest.raises(InputError, match="no such transcript file"):
        read_transcript(tmp_path / "nope.srt")
    with pytest.raises(InputError, match="is a folder"):
        read_transcript(tmp_path)


def test_size_limit_is_enforced_and_can_be_raised(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("Words said aloud. " * 100, encoding="utf-8")
    with pytest.raises(InputError, match="larger than the"):
        read_transcript(path, max_bytes=1000)
    assert read_transcript(path, max_bytes=10_000).word_count() == 300


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("missing.txt", None, "no such transcript file"),
        ("empty.txt", b"", "the file is empty"),
        ("image.png", PNG_HEADER, "PNG image"),
        ("broken.json", b'{"segments": [', "invalid JSON"),
    ],
)
def test_cli_prints_one_line_and_exits_2(tmp_path, name, content, problem):
    path = tmp_path / name
    if content is not None:
        path.write_bytes(content)
    result = run_inspect(path)
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1
    assert name in result.stderr and problem in result.stderr


def test_cli_inspect_shows_format_speakers_shares_and_first_segments():
    sample = Path(__file__).resolve().parent.parent / "src" / "podcards" / "data" / "sample.txt"
    result = run_inspect(sample)
    assert result.returncode == 0, result.stderr
    out = result.stdout
    for expected in (
        "Episode 42",
        "format    text",
        "duration  9:47",
        "Priya Raman",
        "Daniel Osei",
    ):
        assert expected in out
    assert "%" in out and "segments" in out and "words" in out
    assert "Hello and welcome to The Gradient Hour" in out


@settings(max_examples=200, deadline=None)
@given(st.binary(max_size=400))
def test_any_bytes_give_a_transcript_or_an_input_error(tmp_path_factory, data):
    path = tmp_path_factory.mktemp("fuzz") / "any.txt"
    path.write_bytes(data)
    try:
        transcript = read_transcript(path)
    except InputError as error:
        assert "\n" not in str(error)
        return
    assert transcript.segments and transcript.title


FORMAT_HEADS = st.sampled_from(
    ["", "WEBVTT\n\n", "1\n00:00:01,000 --> 00:00:02,000\n", "{", "- A: 00:00:01 "]
)


@settings(max_examples=300, deadline=None)
@given(
    FORMAT_HEADS,
    st.text(alphabet=st.sampled_from(list('ab :-->\n0123.,[]{}<>"/*#&;')), max_size=200),
)
def test_any_text_parses_or_raises_input_error(head, body):
    try:
        transcript = parse_text(head + body, "fuzz.txt")
    except InputError:
        return
    for segment in transcript.segments:
        assert segment.text and segment.text == segment.text.strip()
        assert all(0 < mark.offset < len(segment.text) for mark in segment.marks)


ZWJ, ZWNJ = "\u200d", "\u200c"


@pytest.mark.parametrize(
    "words",
    [
        f"The team 👩{ZWJ}💻 ships daily.",  # one emoji, woman technologist
        f"Love it ❤️{ZWJ}🔥 really.",
        f"من می{ZWNJ}خواهم بروم.",  # Persian: the non-joiner keeps 'mi-' apart, in one word
        f"क्{ZWJ}ष is a conjunct.",  # Devanagari: the joiner asks for the half form
    ],
)
def test_a_zero_width_joiner_that_joins_is_kept(words: str) -> None:
    """Stripping every joiner broke emoji sequences into two pictures and Persian or Indic
    words into other spellings."""
    for text in (f"Lia Moon: 00:00:03 {words}\n", f"1\n00:00:01,000 --> 00:00:03,000\n{words}\n"):
        assert parse_text(text).segments[0].text == words


def test_a_stray_zero_width_character_is_still_removed() -> None:
    text = f"Lia Moon: 00:00:03 {ZWJ}Trans{ZWJ}formers and {ZWNJ} tokens{ZWJ} 👍{ZWJ}.\n"
    assert parse_text(text).segments[0].text == "Transformers and tokens 👍."
