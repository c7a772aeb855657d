"""The `podcards` command: a thin layer over the stage functions.

Only click is imported at start-up; every command imports its stage when it runs, so
`podcards --help` stays fast.
"""

from __future__ import annotations

import sys
from pathlib import Path

import click

from podcards import __version__
from podcards.errors import EXIT_INTERRUPTED, PodcardsError

EXIT_CODES_HELP = "Exit codes: 0 ok, 1 nothing to do, 2 bad input, 130 interrupted."

FORMAT_CHOICES = ["text", "srt", "vtt", "whisper", "podcast-json"]

existing_file = click.Path(exists=False, dir_okay=False, path_type=Path)


@click.group(context_settings={"help_option_names": ["-h", "--help"]}, epilog=EXIT_CODES_HELP)
@click.version_option(__version__, "--version", prog_name="podcards")
@click.option("-q", "--quiet", is_flag=True, help="Print only errors and results.")
@click.option("-v", "--verbose", is_flag=True, help="Print more about what happens.")
@click.pass_context
def cli(ctx: click.Context, quiet: bool, verbose: bool) -> None:
    """Turn podcast and video transcripts into Anki flashcards worth studying."""
    from podcards import ui

    ui.set_verbosity(-1 if quiet else (1 if verbose else 0))


@cli.command()
@click.argument("file", type=existing_file)
@click.option(
    "--format", "format_", type=click.Choice(FORMAT_CHOICES), help="Force the input format."
)
@click.option("--json", "as_json", is_flag=True, help="Print the whole transcript as JSON.")
@click.option("--segments", default=5, show_default=True, help="How many segments to show.")
def inspect(file: Path, format_: str | None, as_json: bool, segments: int) -> None:
    """Show how FILE was read: format, speakers, duration, first segments."""
    from podcards import ui
    from podcards.transcripts import read_transcript

    transcript = read_transcript(file, format_)
    if as_json:
        click.echo(transcript.model_dump_json(indent=2))
    else:
        ui.show_transcript(transcript, segments)


def main() -> None:
    """Entry point: one-line errors with their exit code, never a traceback."""
    try:
        cli.main(standalone_mode=False)
    except PodcardsError as error:
        click.echo(f"podcards: {error}", err=True)
        sys.exit(error.exit_code)
    except (KeyboardInterrupt, click.Abort):
        click.echo("podcards: interrupted", err=True)
        sys.exit(EXIT_INTERRUPTED)
    except click.ClickException as error:
        error.show()
        sys.exit(error.exit_code)
    except click.exceptions.Exit as done:
        sys.exit(done.exit_code)
