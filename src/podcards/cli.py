"""The `podcards` command: a thin layer over the stage functions.

Only click is imported at start-up; every command imports its stage when it runs, so
`podcards --help` stays fast.
"""

from __future__ import annotations

import io
import signal
import sys
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

import click

from podcards import __version__
from podcards.errors import EXIT_BAD_INPUT, EXIT_INTERRUPTED, PodcardsError

if TYPE_CHECKING:
    from podcards.review import ReviewSummary

EXIT_CODES_HELP = "Exit codes: 0 ok, 1 nothing to do, 2 bad input, 130 interrupted."

FORMAT_CHOICES = ["text", "srt", "vtt", "whisper", "podcast-json"]

file_argument = click.Path(path_type=Path)
max_size_option = click.option(
    "--max-size",
    type=click.IntRange(min=1),
    metavar="MB",
    help="Refuse transcripts larger than this (default 50 MB, or max_size in config).",
)


def extraction_options(command: Callable) -> Callable:
    """SOURCES and the options of every command that extracts (extract, run), defined once."""
    options = [
        click.argument("sources", nargs=-1, required=True, type=click.Path(path_type=Path)),
        click.option(
            "--format", "format_", type=click.Choice(FORMAT_CHOICES), help="Force the input format."
        ),
        click.option(
            "--max",
            "max_cards",
            type=click.IntRange(min=1),
            help="Candidates kept per episode [default: two a minute of talk].",
        ),
        click.option(
            "--glossary",
            type=click.Path(path_type=Path),
            help="File of 'heard = right' spellings, applied to card text.",
        ),
        click.option(
            "--output-folder",
            type=click.Path(file_okay=False, path_type=Path),
            help="Where card files (and decks) go (default: decks).",
        ),
        max_size_option,
    ]
    for option in reversed(options):
        command = option(command)
    return command


QUIET_HELP = "Print only errors and results."
VERBOSE_HELP = "Print more about what happens."


def _set_verbosity(_context: click.Context, option: click.Parameter, given: bool) -> None:
    from podcards import ui

    if given:
        ui.set_verbosity(-1 if option.name == "quiet" else 1)


class PodcardsGroup(click.Group):
    """Takes -q and -v after a command's name too ('podcards extract talk.txt -q'), where
    users type them as often as before it."""

    def add_command(self, command: click.Command, name: str | None = None) -> None:
        command.params += [
            click.Option(["-q", "--quiet"], is_flag=True, expose_value=False,
                         callback=_set_verbosity, help=QUIET_HELP),
            click.Option(["-v", "--verbose"], is_flag=True, expose_value=False,
                         callback=_set_verbosity, help=VERBOSE_HELP),
        ]  # fmt: skip
        super().add_command(command, name)


@click.group(
    cls=PodcardsGroup,
    context_settings={"help_option_names": ["-h", "--help"]},
    epilog=EXIT_CODES_HELP,
)
@click.version_option(__version__, "--version", prog_name="podcards")
@click.option("-q", "--quiet", is_flag=True, help=QUIET_HELP)
@click.option("-v", "--verbose", is_flag=True, help=VERBOSE_HELP)
def cli(quiet: bool, verbose: bool) -> None:
    """Turn podcast and video transcripts into Anki flashcards worth studying."""
    from podcards import ui

    ui.set_verbosity(-1 if quiet else (1 if verbose else 0))


@cli.command()
@click.argument("file", type=file_argument)
@click.option(
    "--format", "format_", type=click.Choice(FORMAT_CHOICES), help="Force the input format."
)
@click.option("--json", "as_json", is_flag=True, help="Print the whole transcript as JSON.")
@click.option(
    "--segments",
    default=5,
    show_default=True,
    type=click.IntRange(min=0),
    help="How many segments to show.",
)
@max_size_option
def inspect(
    file: Path, format_: str | None, as_json: bool, segments: int, max_size: int | None
) -> None:
    """Show how FILE was read: format, speakers, duration, first segments."""
    from podcards import ui
    from podcards.config import resolve_settings
    from podcards.transcripts import read_transcript

    transcript = read_transcript(
        file, format_, max_bytes=resolve_settings(max_size=max_size).max_bytes
    )
    if as_json:
        click.echo(transcript.model_dump_json(indent=2))
    else:
        ui.show_transcript(transcript, segments)


@cli.command()
@extraction_options
@click.option(
    "-o",
    "--output",
    "card_file",
    type=click.Path(path_type=Path),
    help="Card file to write, for one transcript, ending in .cards.json (default: "
    "OUTPUT-FOLDER/<episode>.cards.json).",
)
@click.option(
    "--json",
    "as_json",
    is_flag=True,
    help="Also print the candidates as JSON, best first (several transcripts: one object each).",
)
def extract(
    sources: tuple[Path, ...],
    card_file: Path | None,
    max_cards: int | None,
    as_json: bool,
    format_: str | None,
    glossary: Path | None,
    output_folder: Path | None,
    max_size: int | None,
) -> None:
    """Find the key claims and definitions of SOURCES (transcript files or folders) and write
    each episode's candidate cards for review.

    Several transcripts are extracted in parallel, one card file each, with a summary table.
    Re-running keeps the decisions already made in the card files.
    """
    import json

    from podcards.batch import (
        candidates_json,
        extract_episodes,
        find_transcripts,
        raise_if_failed,
        report,
    )
    from podcards.config import resolve_settings

    settings = resolve_settings(
        max_cards=max_cards, glossary=glossary, output=output_folder, max_size=max_size
    )
    results = extract_episodes(
        find_transcripts(sources), settings, format=format_, card_file=card_file
    )
    if as_json:
        click.echo(json.dumps(candidates_json(results), indent=2, ensure_ascii=False))
    report(results, json_on_stdout=as_json)
    raise_if_failed(results)


@cli.command()
@extraction_options
@click.option(
    "-o",
    "--output",
    "deck",
    type=click.Path(path_type=Path),
    help="Deck file to write (default: OUTPUT-FOLDER/<episode>.apkg; for several episodes, "
    "OUTPUT-FOLDER/podcards.apkg).",
)
@click.option("--deck", "deck_pattern", help='Deck name pattern, e.g. "Podcasts::{title}".')
@click.option("--all", "review_all", is_flag=True, help="Revisit cards already decided.")
def run(
    sources: tuple[Path, ...],
    deck: Path | None,
    format_: str | None,
    max_cards: int | None,
    deck_pattern: str | None,
    glossary: Path | None,
    output_folder: Path | None,
    review_all: bool,
    max_size: int | None,
) -> None:
    """Extract, review and export SOURCES (transcript files or folders) into one deck.

    Running it again resumes the review where you left off.
    """
    from podcards.batch import find_transcripts
    from podcards.config import resolve_settings
    from podcards.pipeline import run_job

    settings = resolve_settings(
        max_cards=max_cards,
        deck=deck_pattern,
        glossary=glossary,
        output=output_folder,
        max_size=max_size,
    )
    run_job(find_transcripts(sources), settings, deck=deck, format=format_, review_all=review_all)


@cli.command()
@click.option(
    "--approve",
    default=15,
    show_default=True,
    type=click.IntRange(min=1),
    help="How many of the best candidates to approve.",
)
def demo(approve: int) -> None:
    """The whole job on a bundled sample conversation: writes decks/demo.apkg, asks nothing."""
    from podcards.config import resolve_settings
    from podcards.pipeline import run_demo

    run_demo(resolve_settings(), approve=approve)


@cli.command()
@click.argument("cardfile", type=file_argument)
@click.option("--all", "revisit_all", is_flag=True, help="Revisit cards already decided.")
@click.option(
    "--kind",
    "kinds",
    multiple=True,
    type=click.Choice(["claim", "definition"]),
    help="Only cards of this kind; repeat the option for several kinds.",
)
@click.option(
    "--min-score",
    type=click.FloatRange(0, 1),
    help="Only cards scoring at least this: a score is the chance, 0 to 1, that a card holds "
    "one of the talk's key points.",
)
@click.option(
    "--approve-all",
    is_flag=True,
    help="Approve every pending card (with --min-score: those at or above it); no terminal needed.",
)
def review(
    cardfile: Path,
    revisit_all: bool,
    kinds: tuple[str, ...],
    min_score: float | None,
    approve_all: bool,
) -> None:
    """Decide card by card, one key each: approve, edit, reject, skip, back, quit.

    Every decision is saved at once; run it again to resume at the first undecided card.
    """
    from podcards import review as review_stage
    from podcards import ui
    from podcards.errors import NothingToDo

    if approve_all:
        from podcards.config import resolve_settings

        threshold = resolve_settings(min_score=min_score).min_score
        approval = review_stage.approve_all(cardfile, min_score=threshold, kinds=kinds)
        ui.result(approval.line(cardfile))
        return
    summary = review_stage.review_card_file(
        cardfile, revisit_all=revisit_all, kinds=kinds, min_score=min_score
    )
    if not summary.offered:
        raise NothingToDo(_nothing_to_review(summary, revisit_all, kinds, min_score))
    ui.result(summary.line())


def _nothing_to_review(
    summary: ReviewSummary, revisit_all: bool, kinds: tuple[str, ...], min_score: float | None
) -> str:
    """Why review showed nothing: the filters left out every card there was, or none waits."""
    from podcards.ui import plural

    filters = [f"--kind {kind}" for kind in kinds]
    filters += [f"--min-score {min_score:g}"] if min_score is not None else []
    counts = summary.counts
    there = counts.approved + counts.rejected + counts.pending if revisit_all else counts.pending
    if filters and there:
        cards = plural(there, "card" if revisit_all else "pending card")
        return f"nothing to review in {summary.path}: {cards}, none match {' '.join(filters)}"
    hint = "" if revisit_all else " (--all revisits decided ones)"
    return f"nothing to review: {summary.totals()}{hint}"


@cli.command()
@click.argument("target", required=False, type=click.Path(path_type=Path))
def status(target: Path | None) -> None:
    """Show pending, approved, edited and rejected cards per card file (TARGET: file or folder;
    default: the output folder, decks/ unless podcards.toml says otherwise)."""
    from podcards.config import resolve_settings
    from podcards.errors import InputError, NothingToDo
    from podcards.review import card_file_statuses, show_statuses

    if target is None:
        target = resolve_settings().output
        if not target.exists():  # a fresh folder: nothing extracted yet, nothing wrong
            raise NothingToDo(
                f"no card files yet (no {target} folder here); "
                "run `podcards extract TRANSCRIPT` to make some"
            )
    if not target.exists():
        raise InputError(target, "no such card file or folder")
    statuses = card_file_statuses(target)
    show_statuses(statuses)
    unreadable = [status for status in statuses if status.counts is None]
    if unreadable:
        more = f" (and {len(unreadable) - 1} more unreadable)" if len(unreadable) > 1 else ""
        raise InputError(unreadable[0].path, f"{unreadable[0].problem}{more}")


def card_export_options(output_help: str):
    """CARDFILES, -o/--output, --deck and --include-pending: what export and preview share."""
    decorators = [
        click.argument("cardfiles", nargs=-1, required=True, type=file_argument),
        click.option("-o", "--output", type=click.Path(path_type=Path), help=output_help),
        click.option(
            "--deck",
            "deck_pattern",
            help='Deck name pattern with {title} or {slug} (default: "Podcasts::{title}").',
        ),
        click.option("--include-pending", is_flag=True, help="Also take cards not reviewed yet."),
    ]

    def apply(command):
        for decorator in reversed(decorators):
            command = decorator(command)
        return command

    return apply


@cli.command()
@card_export_options("Deck file (default: decks/<episode>.apkg, decks/podcards.apkg for several).")
def export(
    cardfiles: tuple[Path, ...],
    output: Path | None,
    deck_pattern: str | None,
    include_pending: bool,
) -> None:
    """Write the approved cards of CARDFILES to one Anki deck, a subdeck per episode.

    Importing a later export updates the notes in Anki (review history kept), never duplicates.
    """
    from podcards.anki import export_decks, output_path
    from podcards.config import resolve_settings
    from podcards.paths import DECK_SUFFIX
    from podcards.ui import plural

    settings = resolve_settings(deck=deck_pattern)
    result = export_decks(
        list(cardfiles),
        output_path(output, cardfiles, settings.output, DECK_SUFFIX),
        deck_pattern=settings.deck,
        include_pending=include_pending,
        extra_tags=settings.tags,
    )
    counts = [f"{deck}: {plural(count, 'note')}" for deck, count in result.notes_per_deck.items()]
    _show_written(result.path, counts, result.skipped)


@cli.command()
@card_export_options("HTML file (default: decks/<episode>.preview.html).")
def preview(
    cardfiles: tuple[Path, ...],
    output: Path | None,
    deck_pattern: str | None,
    include_pending: bool,
) -> None:
    """Write one HTML page showing each card that export would write, as Anki will show it."""
    from podcards.anki import output_path, write_preview
    from podcards.config import resolve_settings
    from podcards.ui import plural

    settings = resolve_settings(deck=deck_pattern)
    target = output_path(output, cardfiles, settings.output, ".html", ".preview.html")
    shown, skipped = write_preview(
        list(cardfiles),
        target,
        deck_pattern=settings.deck,
        include_pending=include_pending,
        extra_tags=settings.tags,
    )
    _show_written(target, [plural(shown, "card")], skipped)


def _show_written(path: Path, summary: list[str], skipped: list[str]) -> None:
    """Warnings for skipped cards, the summary lines (hidden by -q), then the written path,
    as the user would type it."""
    from podcards import ui
    from podcards.paths import shown_path

    for line in skipped:
        ui.warn(line)
    for line in summary:
        ui.info(line)
    click.echo(shown_path(path))


def _forgiving_output() -> None:
    """No traceback for where output goes: a character the terminal's encoding lacks prints as
    '?' (not a UnicodeEncodeError), and a reader that stops early (`| head`) ends the command
    silently, as it ends `cat` (SIGPIPE, exit 141), instead of an error from each writer.
    podcards opens no sockets, which a default SIGPIPE would also cut short."""
    for stream in (sys.stdout, sys.stderr):
        if isinstance(stream, io.TextIOWrapper):
            stream.reconfigure(errors="replace")
    if hasattr(signal, "SIGPIPE"):  # not on Windows
        signal.signal(signal.SIGPIPE, signal.SIG_DFL)


def main() -> None:
    """Entry point: one-line errors with their exit code, never a traceback."""
    _forgiving_output()
    try:
        cli.main(standalone_mode=False)
    except PodcardsError as error:
        click.echo(f"podcards: {error}", err=True)
        sys.exit(error.exit_code)
    except OSError as error:  # a folder that cannot be made, a full disk, a read-only mount
        where = f"{error.filename}: " if error.filename else ""
        click.echo(f"podcards: {where}{error.strerror or error}", err=True)
        sys.exit(EXIT_BAD_INPUT)
    except (KeyboardInterrupt, click.Abort):
        click.echo("podcards: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
