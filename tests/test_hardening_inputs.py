"""Hostile input through the real command: each bad file gets one line naming it and exit 2,
each odd but readable file is read whole, and nothing ever prints a traceback."""

from __future__ import annotations

import io
import json
import struct
import subprocess
import sys
import time
import zipfile
import zlib
from pathlib import Path

import pytest

from podcards.extract import extract_cards, warm_up
from podcards.models import Transcript
from podcards.transcripts import read_transcript

CUES = [
    (1.0, 3.0, "Lanterns were lit at dusk."),
    (4.0, 6.0, "The keeper climbed the stairs."),
    (7.0, 9.0, "Ships saw the light at sea."),
]


def podcards(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "podcards", *args],
        cwd=cwd,
        capture_output=True,
        text=True,
        timeout=120,
    )


def assert_refused(result: subprocess.CompletedProcess[str], name: str, problem: str) -> None:
    """Exit 2 and exactly one stderr line naming the file and the problem."""
    assert result.returncode == 2, result.stderr
    assert "Traceback" not in result.stderr
    assert result.stderr.count("\n") == 1, result.stderr
    assert name in result.stderr and problem in result.stderr, result.stderr


def inspect_json(path: Path, *options: str) -> dict:
    result = podcards("inspect", "--json", *options, str(path), cwd=path.parent)
    assert result.returncode == 0, result.stderr
    assert "Traceback" not in result.stderr
    return json.loads(result.stdout)


def read_from_disk(path: Path, content: bytes) -> Transcript:
    """Odd but readable files: the reader alone (the command's exit paths are tested above)."""
    path.write_bytes(content)
    return read_transcript(path)


def png_bytes() -> bytes:
    """A real 1x1 PNG image."""

    def chunk(kind: bytes, data: bytes) -> bytes:
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    header = struct.pack(">IIBBBBB", 1, 1, 8, 0, 0, 0, 0)
    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", header)
        + chunk(b"IDAT", zlib.compress(b"\x00\x00"))
        + chunk(b"IEND", b"")
    )


def zip_bytes() -> bytes:
    """A real zip archive holding a transcript (what a downloaded bundle looks like)."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("talk.txt", "Ann: The keeper climbed the stairs.\n" * 50)
    return buffer.getvalue()


def srt(cues: list[tuple[str, str, str]]) -> str:
    return "\n".join(
        f"{number}\n{start} --> {end}\n{text}\n"
        for number, (start, end, text) in enumerate(cues, 1)
    )


def vtt_cues() -> str:
    return "\n".join(
        f"00:00:{start:06.3f} --> 00:00:{end:06.3f}\n{text}\n" for start, end, text in CUES
    )


SPOKEN = " ".join(text for _, _, text in CUES)

REFUSED = [
    ("empty.txt", b"", "the file is empty"),
    ("noise.txt", bytes(range(256)) * 40, "binary file"),
    ("bundle.txt", zip_bytes(), "zip archive"),
    ("picture.txt", png_bytes(), "PNG image"),
    ("nul.txt", b"Ann: The keeper \x00 climbed.\n" * 20, "binary file"),
    ("clock.txt", b"00:00:01\n[00:01:02]\n(1:03:04)\n\n00:10\n" * 20, "no transcript text found"),
    ("schema.json", b'{"episodes": [{"words": "not here"}]}', "not a Whisper JSON transcript"),
    ("types.json", b'{"segments": [{"start": "soon", "text": 5}, 7, null]}', "no transcript"),
    ("deep.json", b"[" * 10_000 + b"]" * 10_000, "nested too deeply"),
    ("deep-text.json", b'{"segments": [{"text": ' + b"[" * 10_000 + b"]" * 10_000 + b"}]}", "deep"),
    ("open.json", b'{"segments": [{"text": "cut off here', "invalid JSON"),
]


@pytest.mark.parametrize(("name", "content", "problem"), REFUSED, ids=[r[0] for r in REFUSED])
def test_unreadable_files_are_refused_in_one_line(tmp_path, name, content, problem):
    path = tmp_path / name
    path.write_bytes(content)
    assert_refused(podcards("inspect", str(path), cwd=tmp_path), name, problem)


def test_extract_refuses_too_and_writes_no_card_file(tmp_path):
    (tmp_path / "deep.json").write_bytes(b'{"segments": ' + b"[" * 10_000 + b"]" * 10_000 + b"}")
    result = podcards("extract", "deep.json", cwd=tmp_path)
    assert_refused(result, "deep.json", "nested too deeply")
    assert sorted(p.name for p in tmp_path.rglob("*")) == ["deep.json"]


@pytest.mark.parametrize(
    ("args", "problem"),
    [
        (["inspect", "folder.txt"], "is a folder, not a transcript file"),
        (["review", "folder.txt"], "is a folder, not a card file"),
        (["export", "folder.txt"], "is a folder, not a card file"),
        (["preview", "folder.txt"], "is a folder, not a card file"),
        (["extract", "talk.txt", "--glossary", "folder.txt"], "is a folder, not a glossary file"),
        (["extract", "talk.txt", "-o", "folder.txt"], "is a folder; give a file name ending"),
        (["run", "talk.txt", "-o", "folder.txt"], "is a folder; give a file name ending"),
    ],
    ids=["inspect", "review", "export", "preview", "glossary", "extract-o", "run-o"],
)
def test_a_folder_where_a_file_is_expected_is_one_line(tmp_path, args, problem):
    """click refused these itself, with its usage lines, before podcards' own one-line error."""
    (tmp_path / "folder.txt").mkdir()
    (tmp_path / "talk.txt").write_text(
        "".join(f"Ann: 00:00:0{int(start)} {text}\n" for start, _, text in CUES)
    )
    result = podcards(*args, cwd=tmp_path)
    assert_refused(result, "folder.txt", problem)
    assert sorted(p.name for p in tmp_path.iterdir()) == ["folder.txt", "talk.txt"]


PEAK_MB = {"inspect": 60, "extract": 150, "run": 150}
"""Python with podcards' reader is ~35 MB; extract and run load NLTK's models (~100 MB) first."""


def test_a_200_mb_file_is_refused_before_it_is_read(tmp_path):
    """Peak memory of the command stays far below the file: the size is checked, not read."""
    big = tmp_path / "huge.txt"
    with big.open("wb") as file:
        file.truncate(200_000_000)  # sparse: instant, and no disk space used
    measure = (
        "import resource, subprocess, sys\n"
        "done = subprocess.run([sys.executable, '-m', 'podcards', *sys.argv[1:]],"
        " capture_output=True, text=True)\n"
        "sys.stderr.write(done.stderr)\n"
        "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)\n"
        "sys.exit(done.returncode)\n"
    )
    for command in PEAK_MB:
        result = subprocess.run(
            [sys.executable, "-c", measure, command, str(big)],
            cwd=tmp_path,
            capture_output=True,
            text=True,
            timeout=120,
        )
        assert_refused(result, "huge.txt", "larger than the 50 MB limit")
        assert "--max-size" in result.stderr
        peak_mb = int(result.stdout) / 1000
        assert peak_mb < PEAK_MB[command], f"{command} peaked at {peak_mb:.0f} MB"


def test_max_size_option_and_config_raise_or_lower_the_limit(tmp_path):
    path = tmp_path / "long.txt"
    path.write_text("Ann: The keeper climbed the stairs again.\n" * 25_000)  # 1.1 MB
    refused = podcards("inspect", "--max-size", "1", str(path), cwd=tmp_path)
    assert_refused(refused, "long.txt", "larger than the 1 MB limit")
    (tmp_path / "podcards.toml").write_text("max_size = 1\n")
    assert_refused(podcards("inspect", str(path), cwd=tmp_path), "long.txt", "1 MB limit")
    assert inspect_json(path, "--max-size", "2")["speakers"] == ["Ann"]  # the option wins


def test_utf8_with_a_broken_byte_keeps_its_accents(tmp_path):
    damaged = "The café by the pier serves crème brûlée. ".encode() + b"\xff\xfe\x81 ok."
    text = read_from_disk(tmp_path / "cut.txt", damaged).segments[0].text
    assert text == "The café by the pier serves crème brûlée. \ufffd\ufffd\ufffd ok."


@pytest.mark.parametrize("encoding", ["utf-16", "utf-16-le", "utf-16-be", "utf-8-sig", "cp1252"])
def test_other_encodings_read_word_for_word(tmp_path, encoding):
    content = ("WEBVTT\n\n" + vtt_cues().replace("dusk", "dusk, café")).encode(encoding)
    transcript = read_from_disk(tmp_path / "talk.vtt", content)
    assert transcript.segments[0].text == SPOKEN.replace("dusk", "dusk, café")


@pytest.mark.parametrize(
    "header",
    ["", "WEBVT\n\n", "WEBVTT\n", "webvtt\n\n", "WEBVTTX garbage\n\n", "\ufeffWEBVTT -\x01\n\n"],
    ids=["missing", "typo", "no-blank-line", "lower-case", "junk-after", "bom-and-control"],
)
def test_vtt_with_a_broken_header_is_still_read_whole(tmp_path, header):
    transcript = read_from_disk(tmp_path / "captions.vtt", (header + vtt_cues()).encode())
    assert transcript.format == "vtt"
    assert [segment.text for segment in transcript.segments] == [SPOKEN]
    assert transcript.segments[0].start == 1.0


@pytest.mark.parametrize(
    "times",
    [
        [("00:00:01,000", "00:00:09,000"), ("00:00:02,000", "00:00:04,000"), ("00:00:03,000", "00:00:12,000")],
        [("00:00:07,000", "00:00:09,000"), ("00:00:01,000", "00:00:02,000"), ("00:00:04,000", "00:00:05,000")],
        [("-00:00:02,000", "00:00:01,000"), ("00:00:01,500", "-00:00:01,000"), ("00:00:03,000", "00:00:04,000")],
        [("00:00:05,000", "00:00:01,000"), ("00:00:05,000", "00:00:05,000"), ("99:00:00,000", "00:00:00,000")],
    ],
    ids=["overlapping", "out-of-order", "negative", "end-before-start"],
)  # fmt: skip
def test_srt_with_odd_times_keeps_every_word_in_file_order(tmp_path, times):
    cues = [(*pair, text) for pair, (_, _, text) in zip(times, CUES, strict=True)]
    transcript = read_from_disk(tmp_path / "odd.srt", srt(cues).encode())
    assert transcript.format == "srt"
    assert " ".join(segment.text for segment in transcript.segments) == SPOKEN
    for segment in transcript.segments:
        assert segment.start is None or segment.start >= 0
        seconds = [mark.seconds for mark in segment.marks]
        assert seconds == sorted(seconds) and all(s > (segment.start or 0) for s in seconds)


LIGHTHOUSE = (
    "a lighthouse is called a pharos because the first one stood on an island named Pharos "
    "and the keeper said the light turns once every ten seconds so ships know the coast"
)


@pytest.mark.parametrize(
    "clause",
    [LIGHTHOUSE + " but fog horns matter more in winter ", LIGHTHOUSE + ", but fog horns matter "],
    ids=["no-punctuation", "commas-only"],
)
def test_a_100000_character_line_without_a_full_stop_is_quick_and_sane(tmp_path, clause):
    line = (clause * (100_000 // len(clause) + 1))[:100_000].rsplit(" ", 1)[0]
    path = tmp_path / "ramble.txt"
    path.write_text(line + "\n")
    warm_up()
    started = time.perf_counter()
    transcript = read_transcript(path)
    cards = extract_cards(transcript)
    elapsed = time.perf_counter() - started
    assert elapsed < 10, f"took {elapsed:.1f} s"
    assert transcript.segments[0].text == line
    assert cards, "no candidate from a long unpunctuated line"
    for card in cards:
        assert card.quote in line and len(card.quote) <= 1000
        assert len(card.content.front) <= 1000
