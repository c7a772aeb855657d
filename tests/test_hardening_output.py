"""What hostile transcripts make podcards write: markup stays text in real Anki, and hostile
titles or speaker names never steer a file name outside the output folder."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
from pathlib import Path

import anki.lang
import pytest
from anki.collection import Collection
from ankitools import import_package

from podcards.anki import DEFAULT_DECK_PATTERN, export_decks, write_preview
from podcards.cardfile import load_card_file, write_candidates
from podcards.extract import extract_cards
from podcards.models import EpisodeInfo
from podcards.paths import card_file_path
from podcards.review import approve_all
from podcards.transcripts import read_transcript

MARKUP_TALK = """\
Ann Lee: 00:00:05 A cross-site script is called an XSS attack because a tag like <script>alert("boo")</script> runs inside the page of a victim.
Bo Chen: 00:00:20 The fix is to escape markup, so <b>bold</b> shows as text and &amp; stays an ampersand rather than becoming markup.
Ann Lee: 00:00:41 Browsers trust whatever the server sends, which means one unescaped <img src=x onerror=alert(1)> can steal a session cookie.
Bo Chen: 00:01:02 Content security policy is a second line of defence because it tells the browser which scripts may run at all.
"""
RAW_MARKUP = re.compile(r"<(?:script|img|b)\b", re.IGNORECASE)


@pytest.fixture
def collection(tmp_path: Path):
    anki.lang.set_lang("en")
    col = Collection(str(tmp_path / "collection.anki2"))
    yield col
    col.close()


def test_markup_in_a_transcript_is_text_in_anki(tmp_path: Path, collection: Collection) -> None:
    source = tmp_path / "markup.txt"
    source.write_text(MARKUP_TALK)
    transcript = read_transcript(source)
    card_file = card_file_path(tmp_path / "decks", transcript.slug)
    write_candidates(card_file, EpisodeInfo.from_transcript(transcript), extract_cards(transcript))
    assert approve_all(card_file).picked >= 2
    result = export_decks([card_file], tmp_path / "decks" / "markup.apkg")
    import_package(collection, result.path)

    risky = [
        collection.get_note(note_id)
        for note_id in collection.find_notes("")
        if "&lt;script" in collection.get_note(note_id)["Quote"]
    ]
    assert risky, "the <script> sentence made no card"
    for note in risky:
        assert "&lt;script&gt;alert(&quot;boo&quot;)&lt;/script&gt;" in note["Quote"]
        for card in note.cards():
            shown = card.question() + card.answer()
            assert "&lt;script&gt;" in shown
            assert not RAW_MARKUP.search(shown)
    for note_id in collection.find_notes(""):
        note = collection.get_note(note_id)
        assert not any(RAW_MARKUP.search(value) for value in note.values())

    page = tmp_path / "decks" / "markup.preview.html"
    write_preview([card_file], page, deck_pattern=DEFAULT_DECK_PATTERN)
    assert "&lt;script&gt;alert(" in page.read_text()
    assert 'alert("boo")</script>' not in page.read_text()


HOSTILE_TITLE = "../../Evil/..\x00\x07\x1b[31m ::: Title " + "x" * 500
HOSTILE_SPEAKERS = ["../../etc/passwd", "a/b\\c", "Bell\x07\x1b[31mRed", "N" * 500]
TIDE_SENTENCES = [
    "A tide pool is called a rock pool because the sea leaves it behind when the water goes out.",
    "Sea stars can regrow a lost arm, which means a single injury rarely kills them.",
    "The reason barnacles glue themselves head first to rocks is that their larvae settle early.",
    "Kelp forests grow fastest in cold water because cold water holds more of the nutrients.",
    "An anemone is an animal, not a plant, even though it looks like a flower on a stone.",
    "Hermit crabs trade shells in a chain, so one new shell can give homes to a line of crabs.",
]
SAFE_NAME = re.compile(
    r"^\.?[a-z0-9-]{1,60}(?:\.cards\.json|\.cards\.json\.lock|\.apkg|\.preview\.html)$"
)


def podcards(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    done = subprocess.run(
        [sys.executable, "-m", "podcards", *args], cwd=cwd, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    assert "Traceback" not in done.stderr and "\x1b[31m" not in done.stdout + done.stderr
    return done


def tree(root: Path) -> set[Path]:
    return {path.relative_to(root) for path in root.rglob("*")}


def test_hostile_title_and_speakers_write_only_safe_names_in_the_output_folder(
    tmp_path: Path, collection: Collection
) -> None:
    work = tmp_path / "work" / "show"
    work.mkdir(parents=True)
    segments = [
        {"start": i * 10.0, "end": i * 10.0 + 9, "text": text, "speaker": HOSTILE_SPEAKERS[i % 4]}
        for i, text in enumerate(TIDE_SENTENCES)
    ]
    (work / "episode.json").write_text(json.dumps({"title": HOSTILE_TITLE, "segments": segments}))
    before = tree(tmp_path)

    podcards("extract", "episode.json", cwd=work)
    (card_file,) = (work / "decks").glob("*.cards.json")
    podcards("review", "--approve-all", str(card_file.relative_to(work)), cwd=work)
    podcards("export", str(card_file.relative_to(work)), cwd=work)
    podcards("preview", str(card_file.relative_to(work)), cwd=work)

    written = tree(tmp_path) - before
    assert written, "nothing was written"
    assert all(path.parts[:3] == ("work", "show", "decks") for path in written), written
    names = [path.name for path in written if len(path.parts) > 3]
    assert all(SAFE_NAME.match(name) for name in names), names
    assert {Path(name).suffix for name in names} >= {".json", ".apkg", ".html"}

    episode = load_card_file(card_file).episode
    assert not re.search(r"[\x00-\x1f\x7f]", episode.title)
    (deck,) = (work / "decks").glob("*.apkg")
    import_package(collection, deck)
    speakers = {collection.get_note(nid)["Speaker"] for nid in collection.find_notes("")}
    assert "../../etc/passwd" in speakers and not any("\x1b" in s for s in speakers)
    deck_names = [d.name for d in collection.decks.all_names_and_ids()]
    assert not any(re.search(r"[\x00-\x1f]", name) for name in deck_names)
    assert any(name.startswith("Podcasts::../../Evil/..") for name in deck_names), deck_names


@pytest.mark.parametrize(
    "command",
    [
        ["extract", "talk.txt", "-o", "notes.txt/talk.cards.json"],
        ["extract", "talk.txt", "--output-folder", "notes.txt/decks"],
    ],
    ids=["card-file", "output-folder"],
)
def test_an_output_place_that_cannot_be_made_is_one_line(tmp_path: Path, command) -> None:
    (tmp_path / "talk.txt").write_text(MARKUP_TALK)
    (tmp_path / "notes.txt").write_text("a file where a folder is expected")
    before = tree(tmp_path)
    done = subprocess.run(
        [sys.executable, "-m", "podcards", *command], cwd=tmp_path, capture_output=True, text=True
    )
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert done.stderr.count("\n") == 1, done.stderr
    assert done.stderr.startswith("podcards: ") and "notes.txt" in done.stderr
    assert ".lock" not in done.stderr  # the user's path, not our lock file
    assert tree(tmp_path) == before


@pytest.mark.parametrize("command", ["run", "export"])
def test_a_deck_that_could_not_be_written_is_refused_before_any_work(
    tmp_path: Path, command: str
) -> None:
    """'run -o' with a deck where nothing can be written used to fail only after the whole
    review: the deck's place is checked before extraction (or before reading card files)."""
    (tmp_path / "talk.txt").write_text(MARKUP_TALK)
    (tmp_path / "notes.txt").write_text("a file where a folder is expected")
    source = "talk.txt" if command == "run" else "decks/talk.cards.json"
    done = subprocess.run(
        [sys.executable, "-m", "podcards", command, source, "-o", "notes.txt/deck/x.apkg"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2, done.stderr
    assert done.stderr == (
        "podcards: notes.txt/deck/x.apkg: cannot be written (notes.txt is not a folder)\n"
    )
    assert not (tmp_path / "decks").exists()  # nothing extracted


def test_output_in_an_encoding_without_accents_has_them_replaced(tmp_path: Path) -> None:
    source = tmp_path / "accents.txt"
    talk = "Renée: 00:00:01 Café crème is a naïve déjà vu.\nJosé: 00:00:05 Señor, it is 20 °C.\n"
    source.write_bytes(talk.encode("cp1252"))
    done = subprocess.run(
        [sys.executable, "-m", "podcards", "inspect", str(source)],
        env={**os.environ, "PYTHONIOENCODING": "ascii"},
        capture_output=True,
        timeout=60,
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr == b""
    assert b"Caf? cr?me is a na?ve d?j? vu." in done.stdout


@pytest.mark.parametrize("options", [["--segments", "5000"], ["--json"]])
def test_a_reader_that_stops_early_ends_the_command_quietly(
    tmp_path: Path, options: list[str]
) -> None:
    source = tmp_path / "long.txt"
    turns = (
        f"Speaker {n % 2}: 00:{n // 60 % 60:02d}:{n % 60:02d} Remark {n} on the tides."
        for n in range(3000)
    )
    source.write_text("\n".join(turns))
    reading = subprocess.Popen(  # like `podcards inspect long.txt | head -1`
        [sys.executable, "-m", "podcards", "inspect", str(source), *options],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
    )
    assert reading.stdout.readline()
    reading.stdout.close()  # far more than a pipe holds is still to come
    errors = reading.stderr.read()
    reading.stderr.close()
    assert reading.wait(timeout=60) in (0, -signal.SIGPIPE)
    assert errors == b""


def test_square_brackets_in_titles_and_file_names_are_printed_as_they_are(
    tmp_path: Path,
) -> None:
    """Messages naming a file or a deck went through rich markup: '[live] show.txt' printed as
    ' show.txt', and a title with '[/]' made `export` end in a MarkupError traceback."""
    title = "Mailbag [/] part [live] [red]2"
    (tmp_path / "[live] show.txt").write_text(f"---\ntitle: {title}\n---\n{MARKUP_TALK}")
    extracted = podcards("extract", "[live] show.txt", cwd=tmp_path)
    assert "from [live] show.txt in" in extracted.stderr
    (card_file,) = (tmp_path / "decks").glob("*.cards.json")
    podcards("review", "--approve-all", str(card_file), cwd=tmp_path)
    exported = podcards("export", str(card_file), cwd=tmp_path)
    assert f"Podcasts::{title}: " in exported.stderr
