"""Many episodes at once: extract each into its own card file, in parallel across processes.

A season of episodes should run without babysitting: a broken transcript is reported in the
summary while the others are written, and a fact two episodes both state is flagged on the
later episode's card (`duplicate_of`) rather than studied twice.
"""

from __future__ import annotations

import hashlib
import itertools
import multiprocessing
import os
import signal
import threading
import time
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from podcards import ui
from podcards.errors import EXIT_BAD_INPUT, EXIT_INTERRUPTED, EXIT_OK, NothingToDo, PodcardsError
from podcards.files import check_output_name
from podcards.models import Card, CardFile, Config, EpisodeInfo, ReviewStatus
from podcards.paths import (
    CARD_FILE_SUFFIX,
    card_file_path,
    distinct_paths,
    numbered_slug,
    shown_path,
)

if TYPE_CHECKING:
    from rich.console import Console

TRANSCRIPT_SUFFIXES = {".txt", ".md", ".markdown", ".srt", ".vtt", ".json"}


@dataclass
class EpisodeResult:
    """What happened to one transcript of a batch: its card file, or why it failed."""

    source: Path
    episode: EpisodeInfo | None = None
    cards: list[Card] = field(default_factory=list)
    card_file: Path | None = None
    approved: int = 0
    """Approved cards in the card file once written (decisions of earlier runs kept)."""
    merged: CardFile | None = None
    """The card file as it will be written, earlier decisions kept: set once it is claimed."""
    error: str | None = None
    exit_code: int = EXIT_OK

    @property
    def ok(self) -> bool:
        return self.error is None

    @property
    def duplicates(self) -> int:
        return sum(card.duplicate_of is not None for card in self.cards)


def find_transcripts(paths: Iterable[Path]) -> list[Path]:
    """The transcript files named, with folders expanded to the transcripts directly in them.

    A folder yields its files with a transcript suffix, sorted, leaving out hidden files and
    podcards' own card files; a file named explicitly is always taken, whatever its suffix.
    A file named twice (`season/` and `/abs/season/a.txt`) is taken once, as first named:
    read twice, it would be a second episode of its title with every card a duplicate.
    """
    found: list[Path] = []
    for path in paths:
        if path.is_dir():
            found.extend(sorted(p for p in path.iterdir() if _looks_like_transcript(p)))
        else:
            found.append(path)
    if not found:
        raise NothingToDo("no transcripts found in " + ", ".join(str(p) for p in paths))
    return distinct_paths(found)


def _looks_like_transcript(path: Path) -> bool:
    return (
        path.is_file()
        and not path.name.startswith(".")
        and not path.name.endswith(CARD_FILE_SUFFIX)
        and path.suffix.lower() in TRANSCRIPT_SUFFIXES
    )


def extract_episodes(
    sources: list[Path],
    settings: Config,
    *,
    format: str | None = None,
    card_file: Path | None = None,
    workers: int | None = None,
) -> list[EpisodeResult]:
    """Extract every source and write (merge into) one card file per episode, in input order.

    `card_file` names the output of a single source (refused if another episode's);
    otherwise each lands in `settings.output/<slug>.cards.json`, or `<slug>-N.cards.json` when
    another episode has that. `workers` defaults to one process per core.
    """
    if card_file is not None and len(sources) != 1:
        raise PodcardsError("-o/--output names one card file: give a single transcript")
    if card_file is not None:
        check_output_name(card_file, CARD_FILE_SUFFIX)  # status and run look for the suffix
    try:
        results = _extract_all(sources, settings, format, workers or default_workers())
    except BatchInterrupted as stopped:
        if stopped.finished:  # an hour of a long batch is not thrown away
            _write_card_files(stopped.finished, settings, card_file)
            ui.info(
                f"Interrupted: wrote the card files of the {len(stopped.finished)} of"
                f" {len(sources)} transcripts finished."
            )
        raise
    _write_card_files(results, settings, card_file)
    return results


class BatchInterrupted(KeyboardInterrupt):
    """Ctrl-C during a batch, with the episodes finished before it (in input order)."""

    def __init__(self, finished: list[EpisodeResult]):
        super().__init__()
        self.finished = finished


def _extract_all(
    sources: list[Path], settings: Config, format: str | None, workers: int
) -> list[EpisodeResult]:
    """Run extraction over the sources, in this process for one file, else in a process pool;
    on Ctrl-C, raise BatchInterrupted with the results finished so far."""
    from podcards.extract import load_glossary

    job = (format, settings.max_cards, settings.max_bytes)
    glossary = load_glossary(settings.glossary) if settings.glossary else None
    finished: dict[Path, EpisodeResult] = {}
    try:
        with _progress(len(sources)) as advance:
            if len(sources) == 1 or workers <= 1:
                _use_glossary(glossary)  # models load lazily: a refused file costs no NLTK loading
                for source in sources:
                    finished[source] = _extract_one(source, *job)
                    advance(source)
            else:
                for result in _extract_in_pool(sources, job, glossary, workers):
                    finished[result.source] = result
                    advance(result.source)
    except KeyboardInterrupt:
        raise BatchInterrupted([finished[s] for s in sources if s in finished]) from None
    return [finished[source] for source in sources]


POLL_SECONDS = 0.1
"""How often a batch looks for Ctrl-C while its workers extract."""


def _extract_in_pool(
    sources: list[Path], job: tuple, glossary: dict[str, str] | None, workers: int
) -> Iterator[EpisodeResult]:
    """Each source's result as a worker finishes it. Ctrl-C only sets a flag here, checked
    between results: raised wherever the main thread happened to be, it could land while the
    pool forks a worker, where Python ignores it and the batch went on; the workers ignore it
    and are stopped at once (the pool's exit terminates them)."""
    from podcards.extract.extractor import announce_missing_data

    announce_missing_data()
    with (
        _ctrl_c_flag() as stop,
        multiprocessing.Pool(
            min(workers, len(sources)), initializer=_start_worker, initargs=(glossary, os.getpid())
        ) as pool,
    ):
        results = pool.imap_unordered(_extract_job, [(source, *job) for source in sources])
        waiting = len(sources)
        while waiting:
            if stop.is_set():
                raise KeyboardInterrupt
            try:
                result = results.next(timeout=POLL_SECONDS)
            except multiprocessing.TimeoutError:
                continue
            waiting -= 1
            yield result


@contextmanager
def _ctrl_c_flag() -> Iterator[threading.Event]:
    stop = threading.Event()
    previous = signal.signal(signal.SIGINT, lambda *_: stop.set())
    try:
        yield stop
    finally:
        signal.signal(signal.SIGINT, previous)


def _extract_job(job: tuple) -> EpisodeResult:
    return _extract_one(*job)


_glossary: dict[str, str] | None = None
"""The glossary of the batch, handed once to each worker process by `_start_worker`."""


def _use_glossary(glossary: dict[str, str] | None) -> None:
    global _glossary
    _glossary = glossary


def _start_worker(glossary: dict[str, str] | None, parent: int) -> None:
    """Load what every extraction needs once per process (NLTK models), not once per file.

    A worker speaks through its results: the main process tells the user (once, not once
    per worker) what is missing."""
    from podcards import ui
    from podcards.extract import warm_up

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the main process stops the batch
    threading.Thread(target=_exit_with_parent, args=(parent,), daemon=True).start()
    ui.err_console().quiet = True
    warm_up()
    _use_glossary(glossary)


PARENT_CHECK_SECONDS = 0.5


def _exit_with_parent(parent: int) -> None:
    """End this worker once the main process is gone: killed (kill -9 skips the pool's
    shutdown), it leaves its workers waiting on the pool's queue for ever."""
    while os.getppid() == parent:
        time.sleep(PARENT_CHECK_SECONDS)
    os._exit(EXIT_INTERRUPTED)


def _extract_one(
    source: Path, format: str | None, max_cards: int | None, max_bytes: int
) -> EpisodeResult:
    """Read and extract one transcript; a bad one (or a bug) becomes a failed result, so the
    rest of the batch goes on."""
    from podcards.extract import extract_cards
    from podcards.transcripts import read_transcript

    try:
        transcript = read_transcript(source, format, max_bytes=max_bytes)
        cards = extract_cards(transcript, max_cards=max_cards, glossary=_glossary)
    except PodcardsError as error:
        return EpisodeResult(source, error=str(error), exit_code=error.exit_code)
    except Exception as error:  # a bug must not cost the other episodes of a long batch
        problem = (
            f"{source}: podcards failed on it ({type(error).__name__}: {error}); please report this"
        )
        return EpisodeResult(source, error=problem, exit_code=EXIT_BAD_INPUT)
    return EpisodeResult(source, episode=EpisodeInfo.from_transcript(transcript), cards=cards)


def flag_cross_episode_duplicates(results: list[EpisodeResult]) -> None:
    """Flag each pending card stating a fact another episode's card already states.

    The flagged card is rejected, with `duplicate_of` naming its twin: the fact is studied
    once, and `review --all` can still bring it back. The twin is a card kept: an approved one
    first, else a pending one of an episode earlier in the input order, never a rejected one.
    A card decided in an earlier run keeps its status and `duplicate_of`, so running a batch
    again, in any order, flags nothing new.
    """
    facts = _FactIndex()
    for result in results:
        for card in result.merged.cards if result.merged else result.cards:
            if card.status is ReviewStatus.APPROVED:
                facts.add(result.episode.slug, card)
    for result in results:
        slug = result.episode.slug
        for position, card in enumerate(_fresh_cards_as_merged(result)):
            if card.status is not ReviewStatus.PENDING:
                continue
            twin = facts.earliest_twin(card, other_than=slug)
            if twin is None:
                facts.add(slug, card)
            else:
                result.cards[position] = _as_duplicate(result.cards[position], twin)


def _fresh_cards_as_merged(result: EpisodeResult) -> list[Card]:
    """The fresh candidates as the card file will hold them, in the same order (merging puts
    them first, in order, before the orphans): with the decisions of earlier runs."""
    if result.merged is None:
        return result.cards
    return result.merged.cards[: len(result.cards)]


class _FactIndex:
    """The distinct facts seen so far, indexed by content word.

    Only cards sharing enough words can be near-duplicates, so each new card is compared with
    those alone, not with every earlier card: a season of episodes stays fast.
    """

    def __init__(self) -> None:
        self.facts: list[tuple[str, Card]] = []
        self.by_word: dict[str, list[int]] = defaultdict(list)

    def add(self, slug: str, card: Card) -> None:
        from podcards.extract.dedupe import card_words

        for word in card_words(card):
            self.by_word[word].append(len(self.facts))
        self.facts.append((slug, card))

    def earliest_twin(self, card: Card, other_than: str) -> str | None:
        """`<slug>:<id>` of the earliest fact `card` restates in an episode other than
        `other_than` (the card's own), if any."""
        from podcards.extract.dedupe import MIN_SHARED_WORDS, card_words, near_duplicate

        shared = Counter(index for word in card_words(card) for index in self.by_word.get(word, ()))
        for index in sorted(i for i, count in shared.items() if count >= MIN_SHARED_WORDS):
            slug, fact = self.facts[index]
            if slug != other_than and near_duplicate(card, fact):
                return f"{slug}:{fact.id}"
        return None


def _as_duplicate(card: Card, twin: str) -> Card:
    return card.model_copy(update={"duplicate_of": twin, "status": ReviewStatus.REJECTED})


def _write_card_files(
    results: list[EpisodeResult], settings: Config, card_file: Path | None
) -> None:
    """Claim each episode's card file, flag the facts another episode states, then merge each
    episode's candidates into its card file; two episodes never share one."""
    taken: set[Path] = set()
    claimed = [
        result
        for result in results
        if result.ok and _claim_card_file(result, settings.output, card_file, taken)
    ]
    flag_cross_episode_duplicates(claimed)
    for result in claimed:
        _write_claimed(result)


def _claim_card_file(
    result: EpisodeResult, folder: Path, card_file: Path | None, taken: set[Path]
) -> bool:
    """Find the episode's card file (`card_file` if given) and what it will hold; False, the
    result failed, when there is none to have."""
    from podcards.cardfile import merged_card_file

    try:
        if card_file is None:
            _claim_own_card_file(result, folder, taken)
        else:
            result.merged = merged_card_file(card_file, result.episode, result.cards)
            result.card_file = card_file
    except PodcardsError as error:
        _fail(result, error)
        return False
    return True


def _claim_own_card_file(result: EpisodeResult, folder: Path, taken: set[Path]) -> None:
    """`<slug>.cards.json`, or, when another episode (of this batch or an earlier run) has
    that, the first `<slug>-N.cards.json` that is free or this episode's; the episode then
    becomes episode N of its title everywhere (see `_numbered_episode`)."""
    from podcards.cardfile import OtherEpisode, merged_card_file

    for number in itertools.count(1):
        episode, cards = _numbered_episode(result.episode, result.cards, number)
        path = card_file_path(folder, episode.slug)
        if path in taken:
            continue
        new_file = not path.exists()
        try:
            merged = merged_card_file(path, episode, cards)
        except OtherEpisode:
            continue
        break
    taken.add(path)
    if number > 1 and new_file:  # said once, when the numbered file is made
        ui.warn(
            f"{shown_path(card_file_path(folder, result.episode.slug))} holds another "
            f"episode's cards; those of {result.source} are in {shown_path(path)}, "
            f"titled {episode.title!r}"
        )
    result.episode, result.cards, result.card_file, result.merged = episode, cards, path, merged


def _numbered_episode(
    episode: EpisodeInfo, cards: list[Card], number: int
) -> tuple[EpisodeInfo, list[Card]]:
    """Episode `number` of a title (or slug) another episode has: `Title (N)` with slug
    `<slug>-N`, like its card file, and card ids of its own (each from that slug and the id
    it had), so its subdeck, tag, notes and `duplicate_of` names never mix with the other's
    (two talks share a sentence now and then). Number 1 is the episode as it is."""
    if number == 1:
        return episode, cards
    slug = numbered_slug(episode.slug, number)
    numbered = episode.model_copy(update={"title": f"{episode.title} ({number})", "slug": slug})
    return numbered, [card.model_copy(update={"id": _card_id_in(slug, card)}) for card in cards]


def _card_id_in(slug: str, card: Card) -> str:
    """A card's id in the numbered episode `slug`: stable as the id it is made from."""
    return hashlib.sha1(f"{slug}\n{card.id}".encode()).hexdigest()[: len(card.id)]


def _write_claimed(result: EpisodeResult) -> None:
    """Merge the candidates into the claimed card file (again under its lock: a review may
    have saved a decision since it was read)."""
    from podcards.cardfile import write_candidates

    try:
        merged = write_candidates(result.card_file, result.episode, result.cards)
    except PodcardsError as error:
        _fail(result, error)
        return
    result.approved = sum(card.status == ReviewStatus.APPROVED for card in merged.cards)
    _warn_of_approved_orphans(result.card_file, merged)


def _fail(result: EpisodeResult, error: PodcardsError) -> None:
    result.error, result.exit_code, result.card_file = str(error), error.exit_code, None


def _warn_of_approved_orphans(path: Path, card_file: CardFile) -> None:
    """Approved cards that extraction no longer finds (their passage changed, or it now ranks
    below the cut) are still exported, yet no other command mentions them: one line says so,
    while the user can still decide."""
    orphans = sum(
        card.orphaned and card.status == ReviewStatus.APPROVED for card in card_file.cards
    )
    if orphans:
        cards = "card is" if orphans == 1 else "cards are"
        ui.warn(
            f"{shown_path(path)}: {orphans} approved {cards} no longer among the candidates; "
            "kept and still exported (review --all shows them, marked orphaned)"
        )


class _progress:
    """A rich progress bar over the batch on stderr; nothing with -q or for a single file."""

    def __init__(self, total: int):
        self.total = total
        self.bar = None

    def __enter__(self) -> Callable[[Path], None]:
        if self.total > 1 and ui.verbosity() >= 0:
            from rich.progress import Progress

            self.bar = Progress(console=ui.err_console(), transient=True)
            self.bar.start()
            self.task = self.bar.add_task("Extracting", total=self.total)
        return self._advance

    def _advance(self, source: Path) -> None:
        ui.detail(f"extracted {source}")
        if self.bar is not None:
            self.bar.advance(self.task)

    def __exit__(self, *_exc_info: object) -> None:
        if self.bar is not None:
            self.bar.stop()


def show_summary(results: list[EpisodeResult], console: Console) -> None:
    """The batch table: episode, format, candidates, card file, status, then what the
    near-duplicate flags mean."""
    from rich.table import Table

    table = Table()
    for column in ("Episode", "Format", "Candidates", "Card file", "Status"):
        table.add_column(
            column, justify="right" if column == "Candidates" else "left", overflow="fold"
        )
    rows = [_summary_row(result) for result in results]
    for row in rows:
        table.add_row(*row)
    lines = [
        f"{episode} ({form}): {count} candidates, {card_file}, {status}"
        if result.ok
        else f"{episode}: {status}"
        for result, (episode, form, count, card_file, status) in zip(results, rows, strict=True)
    ]
    ui.print_table(console, table, lines)
    duplicates = sum(result.duplicates for result in results)
    if duplicates:
        ui.info(
            f"Rejected {ui.plural(duplicates, 'candidate')} restating a fact of another "
            "episode, with duplicate_of naming it (review --all shows them)."
        )


def _summary_row(result: EpisodeResult) -> tuple[str, str, str, str, str]:
    from rich.markup import escape

    if not result.ok:
        problem = result.error.removeprefix(f"{result.source}: ")  # the row names the file
        failure = f"[red]failed[/]: {escape(problem)}"
        return (escape(result.source.name), "-", "-", "-", failure)
    status = f"ok, {ui.plural(result.duplicates, 'duplicate')}" if result.duplicates else "ok"
    return (
        escape(result.episode.title),
        result.episode.format,
        str(len(result.cards)),
        escape(str(shown_path(result.card_file))),
        status,
    )


def report(results: list[EpisodeResult], *, json_on_stdout: bool = False) -> None:
    """The summary table for several transcripts (on stdout, unless JSON is there; with -q,
    one line of totals), one line for one."""
    if len(results) > 1:
        if ui.verbosity() >= 0:
            show_summary(results, ui.err_console() if json_on_stdout else ui.console())
        else:
            ui.result(_totals_line(results))
    elif results[0].ok:
        result = results[0]
        found = ui.plural(len(result.cards), "candidate") if result.cards else "No candidates"
        why = "" if result.cards else " (nothing in it read as a claim or a definition)"
        ui.result(f"{found} from {result.source}{why} in {shown_path(result.card_file)}")


def _totals_line(results: list[EpisodeResult]) -> str:
    """A batch in one line: candidates, card files and where they are."""
    written = [result for result in results if result.card_file is not None]
    folders = sorted({str(shown_path(result.card_file.parent)) for result in written})
    where = f" in {', '.join(folders)}" if folders else ""
    candidates = ui.plural(sum(len(result.cards) for result in written), "candidate")
    card_files = ui.plural(len(written), "card file")
    return f"{candidates} from {ui.plural(len(results), 'transcript')}, {card_files}{where}"


def candidates_json(results: list[EpisodeResult]) -> list[dict]:
    """What `extract --json` prints: one transcript's candidates, best first (the shape
    scripts and the scorer read); for several, an object per episode, so each candidate's
    episode and card file are known."""
    if len(results) == 1:
        return [card.as_candidate() for card in results[0].cards]
    return [_episode_as_json(result) for result in results]


def _episode_as_json(result: EpisodeResult) -> dict:
    episode = result.episode
    return {
        "source": str(result.source),
        "episode": episode.title if episode else None,
        "slug": episode.slug if episode else None,
        "card_file": str(result.card_file) if result.card_file else None,
        "error": result.error,
        "candidates": [card.as_candidate() for card in result.cards],
    }


def raise_if_failed(results: list[EpisodeResult]) -> None:
    """Exit non-zero (2 for unreadable transcripts) when any transcript failed, even though the
    others' card files were written."""
    failed = [result for result in results if not result.ok]
    if failed:
        where = "" if ui.verbosity() < 0 else ", see the summary"  # -q prints no summary
        more = f" (and {len(failed) - 1} more{where})" if len(failed) > 1 else ""
        exit_code = max(result.exit_code for result in failed) or EXIT_BAD_INPUT
        raise PodcardsError(failed[0].error + more, exit_code)


def default_workers() -> int:
    """Worker processes for a batch: the cores there are, at least one."""
    return max(1, os.cpu_count() or 1)
