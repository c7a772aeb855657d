"""The whole job in one call: transcripts -> card files -> review -> one Anki deck.

`run_job` is `podcards run` (interactive review, resuming where the user left off);
`run_demo` is `podcards demo` (the bundled sample, top cards approved without asking).
Both end by telling the user where the deck is and how to get it into Anki.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from podcards import ui
from podcards.batch import extract_episodes, raise_if_failed, report
from podcards.errors import NothingToDo
from podcards.models import Config
from podcards.paths import shown_path

DEMO_APPROVED_CARDS = 15
"""How many of the sample's best candidates the demo approves: a deck worth a look."""

DEMO_DECK_NAME = "demo.apkg"


def run_job(
    sources: list[Path],
    settings: Config,
    *,
    deck: Path | None = None,
    format: str | None = None,
    review_all: bool = False,
    input: Any = None,
    output: Any = None,
) -> Path:
    """Extract every source (merging into existing card files), review each, export one deck.

    Review resumes at each card file's first undecided card, so running the same command
    again continues the job; quitting (q) stops reviewing every episode, not just the one on
    screen, and the deck gets what is approved so far. Each reviewed episode ends on a line
    saying what was decided and where its card file stands. `input`/`output` are prompt_toolkit's,
    for driving the review from tests. A transcript that failed is reported and the job goes
    on with the others; the exit code says so at the end (2). A bad deck file name or deck
    name pattern is refused before anything is extracted, not after the review.
    """
    from podcards.anki import check_deck_pattern
    from podcards.files import check_output_name
    from podcards.paths import DECK_SUFFIX
    from podcards.review import review_card_file

    check_deck_pattern(settings.deck)
    if deck is not None:
        check_output_name(deck, DECK_SUFFIX)
    results = extract_episodes(sources, settings, format=format)
    report(results)
    approved = {result.card_file: result.approved for result in results if result.ok}
    card_files = list(approved)
    if not card_files:
        raise_if_failed(results)
    if not any(result.cards for result in results) and not any(approved.values()):
        raise NothingToDo("no candidates found, so nothing to review and no deck written")
    for number, card_file in enumerate(card_files, 1):
        episode = (number, len(card_files)) if len(card_files) > 1 else None
        summary = review_card_file(
            card_file, revisit_all=review_all, episode=episode, input=input, output=output
        )
        approved[card_file] = summary.counts.approved  # the whole file, earlier runs too
        if summary.offered:
            ui.info(summary.line())
        if summary.quit:
            ui.info("Review stopped; run the same command again to go on where you left off.")
            break
    if not any(approved.values()):
        raise NothingToDo("no approved cards yet, so no deck written; run again to review")
    deck_path = _export(card_files, deck, settings)
    raise_if_failed(results)
    return deck_path


def run_demo(settings: Config, *, approve: int = DEMO_APPROVED_CARDS) -> Path:
    """The whole job on the bundled sample, approving its `approve` best candidates unasked."""
    from podcards.review import approve_best

    with sample_transcript() as sample:
        results = extract_episodes([sample], settings)
    raise_if_failed(results)
    card_file = results[0].card_file
    approval = approve_best(card_file, approve)
    best, approved = approval.picked, approval.counts.approved
    earlier = f" ({approved} approved in all, with earlier runs)" if approved > best else ""
    ui.info(
        f"{ui.plural(len(results[0].cards), 'candidate')} from the bundled sample in "
        f"{shown_path(card_file)}; approved the best {best}{earlier}"
    )
    return _export([card_file], settings.output / DEMO_DECK_NAME, settings)


@contextmanager
def sample_transcript() -> Iterator[Path]:
    """The sample conversation shipped in the package, as a file on disk."""
    from importlib.resources import as_file, files

    with as_file(files("podcards") / "data" / "sample.txt") as path:
        yield path


def _export(card_files: list[Path], deck: Path | None, settings: Config) -> Path:
    """Write the deck (default: named after the episode, in the output folder), say where it
    is (the result, on stdout) and how to import it."""
    from podcards.anki import export_decks, output_path
    from podcards.paths import DECK_SUFFIX

    deck_path = output_path(deck, card_files, settings.output, DECK_SUFFIX)
    deck_path.parent.mkdir(parents=True, exist_ok=True)
    result = export_decks(
        card_files, deck_path, deck_pattern=settings.deck, extra_tags=settings.tags
    )
    written = f"Wrote {ui.plural(result.note_count, 'note')} to {shown_path(result.path)}"
    ui.console().print(written, soft_wrap=True, markup=False)
    ui.info(IMPORT_HINT)
    return result.path


IMPORT_HINT = (
    "To study them, open Anki and choose File > Import..., then pick that file "
    "(or just double-click the .apkg)."
)
"""The last words of `run` and `demo`: guidance, not a result, so -q leaves it out."""
