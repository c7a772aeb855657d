"""The whole job: `run` with real review prompts fed through a pipe, and `demo` into real Anki."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from anki.collection import Collection
from ankitools import import_package
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from podcards.cardfile import load_card_file
from podcards.errors import NothingToDo, PodcardsError
from podcards.models import Config, ReviewStatus
from podcards.pipeline import run_demo, run_job

SEASON = Path(__file__).resolve().parent / "fixtures" / "season"


@pytest.fixture
def collection(tmp_path: Path):
    col = Collection(str(tmp_path / "collection.anki2"))
    yield col
    col.close()


def run_with_keys(sources: list[Path], settings: Config, keys: str, **options) -> Path:
    """`podcards run`, answering the review prompts with `keys` (one key per decision)."""
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        pipe.close()  # keys running out end the review (Ctrl-D) instead of hanging the test
        return run_job(sources, settings, input=pipe, output=DummyOutput(), **options)


def statuses(card_file: Path) -> list[ReviewStatus]:
    cards = sorted(load_card_file(card_file).cards, key=lambda card: -card.score)
    return [card.status for card in cards]


def test_run_reviews_exports_and_resumes_where_it_left_off(
    tmp_path: Path, collection: Collection, capsys
) -> None:
    source = tmp_path / "bees.txt"
    shutil.copy(SEASON / "bees.txt", source)
    settings = Config(output=tmp_path / "decks")

    deck = run_with_keys([source], settings, "arsq")  # approve, reject, skip, quit
    card_file = next((tmp_path / "decks").glob("*.cards.json"))
    first = statuses(card_file)
    assert first[:3] == [ReviewStatus.APPROVED, ReviewStatus.REJECTED, ReviewStatus.PENDING]
    assert deck.is_file() and deck.parent == tmp_path / "decks"
    assert f"Wrote 1 note to {deck}\n" in capsys.readouterr().out
    log = import_package(collection, deck)
    assert len(log.new) == 1

    again = run_with_keys([source], settings, "aq")  # resumes at the first undecided card
    assert again == deck
    second = statuses(card_file)
    assert second[:3] == [ReviewStatus.APPROVED, ReviewStatus.REJECTED, ReviewStatus.APPROVED]
    log = import_package(collection, deck)
    assert len(log.new) == 1 and len(log.updated) + len(log.duplicate) == 1
    assert collection.note_count() == 2


def test_run_over_several_transcripts_makes_one_deck_with_a_subdeck_each(
    tmp_path: Path, collection: Collection
) -> None:
    sources = [SEASON / "bees.txt", SEASON / "volcanoes.srt"]
    settings = Config(output=tmp_path / "decks", max_cards=2)
    deck = run_with_keys(sources, settings, "ar\rar\r")  # each episode's two cards, Enter
    import_package(collection, deck)
    assert collection.note_count() == 2
    names = {deck.name for deck in collection.decks.all_names_and_ids()}
    assert sum(name.startswith("Podcasts::") for name in names) == 2


def test_run_over_several_episodes_says_which_one_is_on_screen(tmp_path: Path, capsys) -> None:
    sources = [SEASON / "bees.txt", SEASON / "volcanoes.srt"]
    run_with_keys(sources, Config(output=tmp_path / "decks", max_cards=2), "aa\raq")
    shown = capsys.readouterr().out
    card_files = [
        next((tmp_path / "decks").glob(f"*{name}*.cards.json")) for name in ("bee", "volc")
    ]
    titles = [load_card_file(path).episode.title for path in card_files]
    assert shown.index(f"episode 1 of 2: {titles[0]}") < shown.index(f"episode 2 of 2: {titles[1]}")
    assert shown.count("episode 1 of 2") == 2  # the header is on each of its cards


def test_run_says_what_was_decided_in_each_episode_even_after_quitting(
    tmp_path: Path, capsys
) -> None:
    sources = [SEASON / "bees.txt", SEASON / "volcanoes.srt"]
    run_with_keys(sources, Config(output=tmp_path / "decks", max_cards=2), "ar\raq")
    said = capsys.readouterr().err
    bees, volcanoes = (
        next((tmp_path / "decks").glob(f"*{name}*.cards.json")).name for name in ("bee", "volc")
    )
    assert re.search(
        rf"Decided 2 cards \(1 approved, 1 rejected\), all saved\. \S*{bees}: 1 approved, "
        r"1 rejected, 0 pending",
        said,
    )
    assert re.search(
        rf"Decided 1 card \(1 approved, 0 rejected\), all saved\. \S*{volcanoes}: 1 approved, "
        r"0 rejected, 1 pending",
        said,
    )
    assert said.index(bees) < said.index(volcanoes) < said.index("run the same command again")


def test_run_over_one_episode_needs_no_header(tmp_path: Path, capsys) -> None:
    run_with_keys([SEASON / "bees.txt"], Config(output=tmp_path / "decks", max_cards=2), "aq")
    assert "episode 1 of 1" not in capsys.readouterr().out


def test_quitting_stops_the_whole_run_and_the_next_run_resumes(tmp_path: Path, capsys) -> None:
    sources = [SEASON / "bees.txt", SEASON / "volcanoes.srt"]
    settings = Config(output=tmp_path / "decks", max_cards=2)
    run_with_keys(sources, settings, "aq")  # q on the first episode: the second is not shown
    card_files = sorted((tmp_path / "decks").glob("*.cards.json"))
    assert len(card_files) == 2
    decided = {path.name: statuses(path) for path in card_files}
    assert sorted(decided.values()) == [
        [ReviewStatus.APPROVED, ReviewStatus.PENDING],
        [ReviewStatus.PENDING, ReviewStatus.PENDING],
    ]
    assert "run the same command again" in capsys.readouterr().err

    run_with_keys(sources, settings, "r\raq")  # resumes at the first episode's second card
    after = {path.name: statuses(path) for path in card_files}
    assert sorted(after.values()) == [
        [ReviewStatus.APPROVED, ReviewStatus.PENDING],
        [ReviewStatus.APPROVED, ReviewStatus.REJECTED],
    ]


def test_run_with_nothing_approved_writes_no_deck(tmp_path: Path) -> None:
    with pytest.raises(NothingToDo, match="no approved cards yet"):
        run_with_keys([SEASON / "bees.txt"], Config(output=tmp_path), "rq")
    assert not list(tmp_path.glob("*.apkg"))


def test_quitting_still_exports_what_earlier_runs_approved_in_the_other_episodes(
    tmp_path: Path,
) -> None:
    sources = [SEASON / "bees.txt", SEASON / "volcanoes.srt"]
    settings = Config(output=tmp_path / "decks", max_cards=2)
    run_with_keys(sources, settings, "rr\raq")  # nothing from the bees, one volcano card
    deck = run_with_keys(sources, settings, "q", review_all=True)  # quit on the bees at once
    assert deck.is_file()


def podcards(cwd: Path, *args: str) -> subprocess.CompletedProcess:
    """The command as a cron job runs it: no terminal on stdin."""
    return subprocess.run(
        [sys.executable, "-m", "podcards", *args],
        cwd=cwd,
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=120,
    )


def test_run_without_a_terminal_refuses_only_while_cards_wait_for_review(tmp_path: Path) -> None:
    shutil.copy(SEASON / "bees.txt", tmp_path / "bees.txt")
    refused = podcards(tmp_path, "run", "bees.txt")
    assert refused.returncode == 2
    assert "needs a terminal" in refused.stderr
    assert not list((tmp_path / "decks").glob("*.apkg"))

    card_file = next((tmp_path / "decks").glob("*.cards.json"))
    assert podcards(tmp_path, "review", str(card_file), "--approve-all").returncode == 0
    again = podcards(tmp_path, "run", "bees.txt")  # nothing pending: straight to export
    assert again.returncode == 0, again.stderr
    deck = next((tmp_path / "decks").glob("*.apkg"))
    assert f"Wrote {statuses(card_file).count(ReviewStatus.APPROVED)} notes" in again.stdout
    assert str(deck.relative_to(tmp_path)) in again.stdout


@pytest.mark.parametrize(
    ("deck", "pattern", "message"),
    [
        ("season.zip", "Podcasts::{title}", "season.zip: output file name must end in .apkg"),
        ("season.apkg", "Podcasts::{title.upper}", "only {title} and {slug} can be filled in"),
        ("season.apkg", "Podcasts::{title[0]}", "only {title} and {slug} can be filled in"),
        (None, "Podcasts::{show}", "unknown field {show}: only {title} and {slug} can be filled in"),
        (None, "Podcasts::{title:d}", "only {title} and {slug} can be filled in"),
        (None, "Podcasts::{title!r}", "only {title} and {slug} can be filled in"),
        (None, "Podcasts::", "makes an empty deck name part"),
        (None, "Podcasts::{title", "unclosed '{': a field is written {title} or {slug}"),
        (None, "Podcasts::title}", "unmatched '}': a field is written {title} or {slug}"),
        (None, "Podcasts::{Title}", "unknown field {Title}: names are case-sensitive; write {title}"),
    ],
)  # fmt: skip
def test_run_refuses_a_bad_deck_file_or_pattern_before_extracting_and_reviewing(
    tmp_path: Path, deck: str | None, pattern: str, message: str
) -> None:
    settings = Config(output=tmp_path / "decks", deck=pattern)
    deck_path = tmp_path / deck if deck else None
    with pytest.raises(PodcardsError, match=re.escape(message)):  # before the review reads "a"
        run_with_keys([SEASON / "bees.txt"], settings, "aq", deck=deck_path)
    assert not (tmp_path / "decks").exists()


def test_run_names_the_deck_it_cannot_write_before_extracting_and_reviewing(
    tmp_path: Path,
) -> None:
    """A folder that allows writing is not enough (root may write anywhere, then fails in
    /proc): the deck was refused only after the whole review."""
    deck = tmp_path / ("d" * 245 + ".apkg")  # its temp file's name is over the limit
    with pytest.raises(PodcardsError) as refused:
        run_with_keys([SEASON / "bees.txt"], Config(output=tmp_path / "decks"), "aq", deck=deck)
    assert str(refused.value).startswith(f"{deck}: cannot be written (")
    assert not (tmp_path / "decks").exists()
    assert not list(tmp_path.iterdir())  # nor a probe left behind


def test_run_command_refuses_a_deck_it_cannot_write_in_one_line(tmp_path: Path) -> None:
    deck = tmp_path / "missing" / ("d" * 245 + ".apkg")
    done = subprocess.run(
        [sys.executable, "-m", "podcards", "run", str(SEASON / "bees.txt"), "-o", str(deck)],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 2
    assert done.stderr.startswith(f"podcards: {deck}: cannot be written (")
    assert len(done.stderr.splitlines()) == 1 and not (tmp_path / "decks").exists()


def test_demo_command_writes_a_deck_that_anki_imports(
    tmp_path: Path, collection: Collection
) -> None:
    done = subprocess.run(
        [sys.executable, "-m", "podcards", "demo"], cwd=tmp_path, capture_output=True, text=True
    )
    assert done.returncode == 0, done.stderr
    deck = tmp_path / "decks" / "demo.apkg"
    assert deck.is_file()
    assert "decks/demo.apkg" in done.stdout and "File > Import" in done.stderr
    log = import_package(collection, deck)
    assert len(log.new) >= 10
    assert f"approved the best {len(log.new)}" in done.stderr  # what it says is what it wrote
    assert collection.note_count() >= 10
    assert collection.card_count() >= collection.note_count()


def test_quiet_run_and_demo_print_the_deck_written_and_no_import_hint(tmp_path: Path) -> None:
    """-q prints only errors and results: how to import a deck is guidance, and was still
    printed after the deck line."""
    shutil.copy(SEASON / "bees.txt", tmp_path / "bees.txt")
    assert podcards(tmp_path, "extract", "bees.txt").returncode == 0
    card_file = next((tmp_path / "decks").glob("*.cards.json"))
    assert podcards(tmp_path, "review", str(card_file), "--approve-all").returncode == 0
    for command in (["run", "bees.txt", "-q"], ["-q", "demo", "--approve", "3"]):
        done = podcards(tmp_path, *command)
        assert done.returncode == 0, done.stderr
        assert re.fullmatch(r"Wrote \d+ notes to decks/\S+\.apkg\n", done.stdout), done.stdout
        assert "Anki" not in done.stderr


def test_demo_again_gives_the_same_deck(tmp_path: Path, monkeypatch, collection) -> None:
    monkeypatch.chdir(tmp_path)
    first = run_demo(Config(), approve=12)
    import_package(collection, first)
    notes = collection.note_count()
    again = run_demo(Config(), approve=12)
    assert again == first
    log = import_package(collection, again)
    assert collection.note_count() == notes >= 10
    assert not log.new


def test_demo_says_how_many_it_writes_after_a_larger_approve(
    tmp_path: Path, monkeypatch, capsys
) -> None:
    monkeypatch.chdir(tmp_path)
    run_demo(Config(), approve=20)
    capsys.readouterr()
    run_demo(Config(), approve=15)
    said = capsys.readouterr()
    written = int(re.search(r"Wrote (\d+) notes", said.out)[1])  # the notes in the deck
    assert written > 15
    best = re.search(
        r"approved the best (\d+) \((\d+) approved in all, with earlier runs\)", said.err
    )
    assert best, said.err
    assert 15 <= int(best[1]) < written  # ties at the cut-off go in too
    assert int(best[2]) == written


def test_demo_follows_the_config_of_the_working_folder(tmp_path: Path) -> None:
    (tmp_path / "podcards.toml").write_text('output = "study"\ndeck = "Trial::{title}"\n')
    done = subprocess.run(
        [sys.executable, "-m", "podcards", "-q", "demo", "--approve", "3"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0, done.stderr
    assert (tmp_path / "study" / "demo.apkg").is_file()
    assert not (tmp_path / "decks").exists()
    assert "study/demo.apkg" in done.stdout


def test_a_bad_config_key_stops_the_command_with_exit_2(tmp_path: Path) -> None:
    (tmp_path / "podcards.toml").write_text("max_candidates = 10\n")
    done = subprocess.run(
        [sys.executable, "-m", "podcards", "demo"], cwd=tmp_path, capture_output=True, text=True
    )
    assert done.returncode == 2
    assert "unknown key 'max_candidates'" in done.stderr
    assert "Traceback" not in done.stderr


def test_a_talk_without_facts_says_so_at_every_step(tmp_path: Path) -> None:
    """Small talk gives no candidates: each command says that, not 'run again to review' or
    'pending cards need --include-pending'."""
    (tmp_path / "hello.txt").write_text(
        "Ann: 00:00:01 Hello there.\nBo: 00:00:03 Hi, nice to see you.\n"
    )

    def podcards(*args: str) -> subprocess.CompletedProcess:
        return subprocess.run(
            [sys.executable, "-m", "podcards", *args], cwd=tmp_path, capture_output=True, text=True
        )

    extracted = podcards("extract", "hello.txt")
    assert extracted.returncode == 0
    assert extracted.stderr.startswith("No candidates from hello.txt (nothing in it read as")
    exported = podcards("export", "decks/hello.cards.json")
    assert exported.returncode == 1
    assert "no cards at all" in exported.stderr and "--include-pending" not in exported.stderr
    ran = podcards("run", "hello.txt")
    assert ran.returncode == 1
    assert ran.stderr.endswith(
        "\npodcards: no candidates found, so nothing to review and no deck written\n"
    )
