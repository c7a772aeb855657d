"""Many episodes at once: a folder of transcripts, one broken, extracted across processes."""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from podcards.anki.notes import plan_notes
from podcards.batch import (
    EpisodeResult,
    extract_episodes,
    find_transcripts,
    flag_cross_episode_duplicates,
    raise_if_failed,
)
from podcards.cardfile import load_card_file, save_card_file
from podcards.errors import NothingToDo, PodcardsError
from podcards.models import Card, CardContent, CardKind, Config, EpisodeInfo, NoteType, ReviewStatus

SEASON = Path(__file__).resolve().parent / "fixtures" / "season"
GOOD_EPISODES = ["bees.txt", "sourdough.json", "volcanoes.srt"]


@pytest.fixture
def season(tmp_path: Path) -> Path:
    """A copy of the season folder: three good transcripts in three formats and a PNG as .txt."""
    folder = tmp_path / "season"
    shutil.copytree(SEASON, folder)
    return folder


def fact(card_id: str, quote: str, cloze: str | None = None) -> Card:
    """A cloze card on `quote`, its text the quote itself unless given."""
    return Card(
        id=card_id,
        kind=CardKind.CLAIM,
        generated=CardContent(note_type=NoteType.CLOZE, front=cloze or quote, back=""),
        quote=quote,
    )


def episode_result(slug: str, *cards: Card) -> EpisodeResult:
    info = EpisodeInfo(title=slug, slug=slug, source=f"{slug}.txt", format="text")
    return EpisodeResult(Path(info.source), episode=info, cards=list(cards))


def podcards(*args: str, cwd: Path) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "podcards", *args], cwd=cwd, capture_output=True, text=True
    )


def test_a_folder_yields_its_transcripts_sorted_without_card_files(season: Path) -> None:
    (season / "bees.cards.json").write_text("{}")
    (season / ".hidden.txt").write_text("x")
    (season / "notes.pdf").write_text("x")
    names = [path.name for path in find_transcripts([season])]
    assert names == ["bees.txt", "broken.txt", "sourdough.json", "volcanoes.srt"]


def test_a_transcript_named_twice_in_two_spellings_is_one_episode(
    season: Path, monkeypatch
) -> None:
    """`extract season/ /abs/season/bees.txt` read bees.txt twice: a second episode 'Bees (2)'
    with a card file of its own, every card in it rejected as a duplicate of the first."""
    monkeypatch.chdir(season.parent)
    found = find_transcripts([Path("season"), season / "bees.txt", Path("season/../season")])
    names = ["bees.txt", "broken.txt", "sourdough.json", "volcanoes.srt"]
    assert found == [Path("season") / name for name in names]  # each once, as first named


def test_an_empty_folder_is_nothing_to_do(tmp_path: Path) -> None:
    with pytest.raises(NothingToDo) as caught:
        find_transcripts([tmp_path])
    assert caught.value.exit_code == 1


def test_a_broken_file_is_reported_and_the_others_are_written(season: Path, tmp_path: Path) -> None:
    output = tmp_path / "decks"
    results = extract_episodes(find_transcripts([season]), Config(output=output), workers=2)

    by_name = {result.source.name: result for result in results}
    broken = by_name["broken.txt"]
    assert not broken.ok
    assert "broken.txt" in broken.error
    assert broken.card_file is None
    for name in GOOD_EPISODES:
        result = by_name[name]
        assert result.ok, result.error
        card_file = load_card_file(result.card_file)
        assert result.card_file.parent == output
        assert card_file.episode.source == str(result.source)
        assert len(card_file.cards) >= 3
    assert len({result.card_file for result in results if result.ok}) == 3

    with pytest.raises(PodcardsError, match=r"broken\.txt: this is a PNG") as caught:
        raise_if_failed(results)
    assert caught.value.exit_code == 2


def test_quiet_failures_do_not_point_at_a_summary_they_hide(tmp_path: Path) -> None:
    for name in ("one.txt", "two.txt"):
        (tmp_path / name).write_bytes(b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    loud = podcards("extract", "one.txt", "two.txt", cwd=tmp_path)
    quiet = podcards("-q", "extract", "one.txt", "two.txt", cwd=tmp_path)
    assert loud.returncode == quiet.returncode == 2
    assert "(and 1 more, see the summary)" in loud.stderr
    assert "(and 1 more)" in quiet.stderr and "summary" not in quiet.stderr


def test_processes_give_the_same_cards_as_one_process(season: Path, tmp_path: Path) -> None:
    sources = [season / name for name in GOOD_EPISODES]
    parallel = extract_episodes(sources, Config(output=tmp_path / "a"), workers=2)
    serial = extract_episodes(sources, Config(output=tmp_path / "b"), workers=1)
    assert [r.cards for r in parallel] == [r.cards for r in serial]


def test_the_same_fact_in_two_episodes_is_flagged_not_kept_twice() -> None:
    first = episode_result(
        "harbor",
        fact("h1", "Sea glass takes twenty years of tumbling in surf to lose its shine."),
        fact("h2", "Lighthouse keepers wound the lamp clockwork every four hours."),
    )
    second = episode_result(
        "beaches",
        fact("b1", "Sand dunes migrate inland a few metres every windy season."),
        fact(
            "b2", "It takes twenty years of tumbling in the surf for sea glass to lose its shine."
        ),
    )
    third = episode_result(
        "coasts", fact("c1", "Sea glass loses its shine after twenty years tumbling in surf.")
    )
    flag_cross_episode_duplicates([first, second, third])

    assert [card.duplicate_of for card in first.cards] == [None, None]
    assert second.cards[0].duplicate_of is None
    assert second.cards[1].duplicate_of == "harbor:h1"
    assert second.cards[1].status == ReviewStatus.REJECTED
    assert third.cards[0].duplicate_of == "harbor:h1"  # the earliest statement, not b2
    assert second.duplicates == 1


def test_a_fact_shared_by_two_transcripts_is_flagged_in_the_batch(
    season: Path, tmp_path: Path
) -> None:
    sources = [season / "bees.txt", season / "sourdough.json"]
    bees, sourdough = extract_episodes(sources, Config(output=tmp_path), workers=2)
    flagged = [card for card in load_card_file(sourdough.card_file).cards if card.duplicate_of]
    assert flagged, "the honey fact is in both transcripts"
    slug, card_id = flagged[0].duplicate_of.split(":")
    assert slug == bees.episode.slug
    twin = next(card for card in bees.cards if card.id == card_id)
    assert "honey" in twin.quote.lower() and "honey" in flagged[0].quote.lower()


def test_episodes_of_one_title_are_told_apart_everywhere_not_only_by_file_name(
    season: Path, tmp_path: Path, capsys: pytest.CaptureFixture
) -> None:
    """Two `talk` files in two folders: the second is `Talk (2)`, slug `talk-2`, in every
    place the slug goes (card ids, duplicate_of, subdeck), and stays so on later runs."""
    first_talk, second_talk = tmp_path / "a" / "talk.txt", tmp_path / "b" / "talk.json"
    first_talk.parent.mkdir()
    second_talk.parent.mkdir()
    untitled_bees = (season / "bees.txt").read_text().split("\n", 1)[1]
    first_talk.write_text(untitled_bees)
    shutil.copy(season / "sourdough.json", second_talk)
    settings = Config(output=tmp_path / "decks")

    (first,) = extract_episodes([first_talk], settings, workers=1)
    (second,) = extract_episodes([second_talk], settings, workers=1)
    assert (first.episode.title, first.episode.slug) == ("Talk", "talk")
    assert (second.episode.title, second.episode.slug) == ("Talk (2)", "talk-2")
    assert capsys.readouterr().err.count("holds another episode's cards") == 1

    first, second = extract_episodes([first_talk, second_talk], settings, workers=1)
    assert load_card_file(second.card_file).episode == second.episode
    first_ids = {card.id for card in first.cards}
    assert not first_ids & {card.id for card in second.cards}
    twins = [card.duplicate_of for card in load_card_file(second.card_file).cards]
    assert {twin.split(":")[0] for twin in twins if twin} == {"talk"}
    assert {twin.split(":")[1] for twin in twins if twin} <= first_ids
    card_files = [load_card_file(result.card_file) for result in (first, second)]
    notes, skipped = plan_notes(card_files, deck_pattern="Podcasts::{title}", include_pending=True)
    assert {note.deck for note in notes} == {"Podcasts::Talk", "Podcasts::Talk (2)"}
    assert not skipped
    (again,) = extract_episodes([second_talk], settings, workers=1)
    assert again.card_file == second.card_file
    assert load_card_file(again.card_file) == card_files[1]
    assert "holds another episode's cards" not in capsys.readouterr().err  # said once, when made


def test_a_batch_run_again_in_another_order_keeps_each_duplicate_as_it_was(
    season: Path, tmp_path: Path
) -> None:
    bees, sourdough = season / "bees.txt", season / "sourdough.json"
    settings = Config(output=tmp_path)
    extract_episodes([bees, sourdough], settings, workers=1)
    before = {path.name: load_card_file(path) for path in tmp_path.glob("*.cards.json")}
    assert any(card.duplicate_of for card in before["sourdough.cards.json"].cards)

    again = extract_episodes([sourdough, bees], settings, workers=1)

    assert {path.name: load_card_file(path) for path in tmp_path.glob("*.cards.json")} == before
    assert [result.duplicates for result in again] == [0, 0]


def test_a_rejected_card_is_no_twin_and_an_approved_one_is_the_first() -> None:
    honey = "Bees make a kilogram of honey from nectar of four million flowers."
    rejected = fact("r1", honey).model_copy(update={"status": ReviewStatus.REJECTED})
    approved = fact("a1", honey).model_copy(update={"status": ReviewStatus.APPROVED})
    pending = episode_result("meadows", fact("m1", honey))
    flag_cross_episode_duplicates([episode_result("orchards", rejected), pending])
    assert pending.cards[0].duplicate_of is None
    flag_cross_episode_duplicates([pending, episode_result("hives", approved)])
    assert pending.cards[0].duplicate_of == "hives:a1"


def test_extract_command_over_a_folder_shows_the_summary_and_exits_2(
    season: Path, tmp_path: Path
) -> None:
    done = podcards("extract", str(season), "--output-folder", "out", cwd=tmp_path)
    assert done.returncode == 2, done.stderr
    assert "Traceback" not in done.stderr
    assert "broken.txt" in done.stderr
    assert "failed" in done.stdout
    assert len(list((tmp_path / "out").glob("*.cards.json"))) == 3


def test_quiet_prints_no_table_and_verbose_names_each_file(season: Path, tmp_path: Path) -> None:
    good = [str(season / name) for name in GOOD_EPISODES[:2]]
    quiet = podcards("-q", "extract", *good, "--output-folder", "q", cwd=tmp_path)
    assert quiet.returncode == 0, quiet.stderr
    assert quiet.stdout == ""
    # only the result and warnings get through -q (without NLTK data: the line saying so)
    said = [line for line in quiet.stderr.splitlines() if "NLTK data not found" not in line]
    assert len(said) == 1
    assert re.fullmatch(r"\d+ candidates from 2 transcripts, 2 card files in q", said[0])
    verbose = podcards("-v", "extract", *good, "--output-folder", "v", cwd=tmp_path)
    assert verbose.returncode == 0, verbose.stderr
    assert all(f"extracted {path}" in verbose.stderr.replace("\n", "") for path in good)
    assert "Candidates" in verbose.stdout


def test_missing_nltk_data_is_said_once_per_batch_not_once_per_worker(
    season: Path, tmp_path: Path
) -> None:
    good = [str(season / name) for name in GOOD_EPISODES]
    empty = tmp_path / "no-nltk-data"
    empty.mkdir()
    done = subprocess.run(
        [sys.executable, "-m", "podcards", "extract", *good, "--output-folder", "out"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        env={**os.environ, "NLTK_DATA": str(empty)},
    )
    assert done.returncode == 0, done.stderr
    assert done.stderr.count("NLTK data not found") == 1
    assert len(list((tmp_path / "out").glob("*.cards.json"))) == len(good)


def test_version() -> None:
    from podcards import __version__

    done = podcards("--version", cwd=Path.cwd())
    assert done.returncode == 0
    assert done.stdout.strip() == f"podcards, version {__version__}"


TALKS = Path(__file__).resolve().parent / "fixtures" / "extract"
LONG_NAME = "the-kitchen-science-podcast-with-alice-host-season-two-episode-{}.txt"
"""Two file names (so titles) that differ only after the 60 characters a slug keeps."""


def test_episodes_whose_slugs_share_60_characters_get_numbered_card_files(
    tmp_path: Path,
) -> None:
    folder = tmp_path / "long"
    folder.mkdir()
    shutil.copy(TALKS / "kitchen.txt", folder / LONG_NAME.format("101-bread"))
    shutil.copy(TALKS / "tides.txt", folder / LONG_NAME.format("102-tides"))
    done = subprocess.run(
        [sys.executable, "-m", "podcards", "-q", "extract", str(folder), "--output-folder", "out"],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    slug = "the-kitchen-science-podcast-with-alice-host-season-two-episo"
    names = sorted(path.name for path in (tmp_path / "out").glob("*.cards.json"))
    assert names == [f"{slug[:58]}-2.cards.json", f"{slug}.cards.json"]
    sources = {load_card_file(tmp_path / "out" / name).episode.source for name in names}
    assert {Path(source).name for source in sources} == {
        LONG_NAME.format("101-bread"),
        LONG_NAME.format("102-tides"),
    }


def test_json_over_several_transcripts_is_one_document_an_object_per_episode(
    season: Path, tmp_path: Path
) -> None:
    sources = [str(season / name) for name in ("bees.txt", "broken.txt", "volcanoes.srt")]
    done = podcards("extract", *sources, "--output-folder", "out", "--json", cwd=tmp_path)

    assert done.returncode == 2
    episodes = json.loads(done.stdout)  # nothing but the JSON on stdout
    assert [episode["source"] for episode in episodes] == sources
    bees, broken, volcanoes = episodes
    assert broken["card_file"] is None and "PNG" in broken["error"]
    assert broken["candidates"] == []
    for episode in (bees, volcanoes):
        card_file = load_card_file(Path(episode["card_file"]))
        assert episode["episode"] == card_file.episode.title
        assert episode["error"] is None
        assert [card["id"] for card in episode["candidates"]] == [
            card.id for card in card_file.cards
        ]
    assert "Candidates" in done.stderr  # the summary table went to stderr


def test_json_for_one_transcript_is_still_its_list_of_candidates(
    season: Path, tmp_path: Path
) -> None:
    done = podcards("extract", str(season / "bees.txt"), "--json", cwd=tmp_path)
    assert done.returncode == 0, done.stderr
    [card_file] = (tmp_path / "decks").glob("*.cards.json")
    ids = [card.id for card in load_card_file(card_file).cards]
    assert [candidate["id"] for candidate in json.loads(done.stdout)] == ids


def children_of(pid: int) -> list[int]:
    """The processes whose parent is `pid`, from /proc."""
    found = []
    for stat in Path("/proc").glob("[0-9]*/stat"):
        try:
            parent = int(stat.read_text().rsplit(")", 1)[1].split()[1])
        except (OSError, IndexError, ValueError):
            continue
        if parent == pid:
            found.append(int(stat.parent.name))
    return found


def running(pid: int) -> bool:
    """Whether `pid` is there and not a zombie (orphans may wait for a reaper that never comes)."""
    try:
        return Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()[0] != "Z"
    except (OSError, IndexError):
        return False


def wait_for(condition: Callable[[], object], seconds: float) -> object:
    deadline = time.monotonic() + seconds
    while not (result := condition()) and time.monotonic() < deadline:
        time.sleep(0.05)
    return result


def start_batch(tmp_path: Path, copies: int, flag: str, **popen_options) -> subprocess.Popen:
    """podcards extracting `copies` copies of one talk, in worker processes, into out/."""
    folder = tmp_path / "many"
    folder.mkdir()
    for number in range(copies):
        shutil.copy(TALKS / "kitchen.txt", folder / f"talk-{number:02}.txt")
    return subprocess.Popen(
        [sys.executable, "-m", "podcards", flag, "extract", str(folder), "--output-folder", "out"],
        cwd=tmp_path,
        stdout=subprocess.DEVNULL,
        **popen_options,
    )


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: no worker processes")
def test_workers_end_when_the_batch_is_killed(tmp_path: Path) -> None:
    batch = start_batch(tmp_path, 8, "-q", stderr=subprocess.DEVNULL)

    def workers() -> list[int]:
        return [pid for pid in children_of(batch.pid) if running(pid)]

    assert wait_for(lambda: len(workers()) >= 2, 30), "no worker processes started"
    orphans = workers()
    try:
        assert batch.poll() is None, "the batch ended before it was killed"
        batch.kill()
        batch.wait()
        assert wait_for(lambda: not any(running(pid) for pid in orphans), 10), orphans
    finally:
        for pid in filter(running, orphans):
            os.kill(pid, signal.SIGKILL)


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads processes from /proc")
@pytest.mark.skipif((os.cpu_count() or 1) < 2, reason="one core: no worker processes")
def test_ctrl_c_stops_a_batch_at_once_and_keeps_the_episodes_finished(tmp_path: Path) -> None:
    """Ctrl-C reaches the whole process group, workers too: the batch stops with one line and
    exit code 130 (never a traceback, never going on), and writes what was done."""
    batch = start_batch(
        tmp_path, 12, "-v", stderr=subprocess.PIPE, text=True, start_new_session=True
    )
    lines: list[str] = []
    threading.Thread(target=lambda: lines.extend(batch.stderr), daemon=True).start()
    assert wait_for(lambda: any(line.startswith("extracted") for line in lines), 60), lines
    workers = [pid for pid in children_of(batch.pid) if running(pid)]
    os.killpg(batch.pid, signal.SIGINT)
    batch.wait(timeout=30)
    assert wait_for(lambda: lines and lines[-1] == "podcards: interrupted\n", 5), lines
    assert batch.returncode == 130
    assert not any("Traceback" in line or "Exception" in line for line in lines), lines
    assert wait_for(lambda: not any(running(pid) for pid in workers), 10), workers
    kept = sorted((tmp_path / "out").glob("*.cards.json"))
    assert 1 <= len(kept) < 12
    assert all(load_card_file(path).cards for path in kept)


def test_an_approved_card_whose_passage_is_gone_is_named_at_extract(tmp_path: Path, capsys) -> None:
    """Export still writes an orphaned approved card and no other command mentions it."""
    talk = tmp_path / "kilns.txt"
    turns = [
        "Ines: A kiln is an oven that fires clay at over a thousand degrees Celsius.",
        "Ines: Bisque firing hardens the clay before the glaze goes on.",
        "Ines: Stoneware is fired hotter than earthenware, so it holds water without a glaze.",
    ]
    talk.write_text("\n".join(turns) + "\n")
    settings = Config(output=tmp_path)
    (result,) = extract_episodes([talk], settings, workers=1)
    card_file = load_card_file(result.card_file)
    for card in card_file.cards:
        card.status = ReviewStatus.APPROVED
    save_card_file(result.card_file, card_file)
    capsys.readouterr()

    talk.write_text("\n".join(turns[:2]) + "\n")
    extract_episodes([talk], settings, workers=1)

    assert "1 approved card is no longer among the candidates" in capsys.readouterr().err


def test_a_short_card_is_no_duplicate_of_a_long_caption_sharing_two_of_its_words() -> None:
    """What a card teaches is compared, not its quote: a caption quote can run on for a minute
    and hold, by chance, most words of any short card."""
    caption = (
        "so today we talk about hives a queen bee lays up to two thousand eggs a day and the "
        "workers use wax to build the comb and they need a lot of space so beekeepers add "
        "boxes in spring and the drones only live a few weeks and they never sting anyone"
    )
    queen = fact("q1", caption, "A {{c1::queen bee}} lays up to two thousand eggs a day.")
    hives = episode_result("hives", queen)
    space = "That sounds like it could use a lot of space."
    lofts = episode_result(
        "lofts",
        fact("l1", space, space.replace("space", "{{c1::space}}")),
        fact("l2", "Queens lay as many as two thousand eggs every day."),
    )
    flag_cross_episode_duplicates([hives, lofts])

    assert [card.duplicate_of for card in lofts.cards] == [None, "hives:q1"]
