"""Write reviewed cards as an .apkg that real Anki imports, and re-imports as updates.

Anki updates an existing note only from a package whose note times are newer, and genanki
stamps them in whole seconds, so each export's timestamp is at least one second after the
previous export of the same card files (kept as `last_export` in each file).
"""

from __future__ import annotations

import contextlib
import io
import itertools
import sqlite3
import tempfile
import time
import zipfile
from collections import Counter
from collections.abc import Sequence
from datetime import datetime, timezone
from pathlib import Path

from podcards.anki.notes import ExportNote, deck_id, plan_notes
from podcards.anki.notetypes import genanki_model
from podcards.cardfile import locked_card_file, save_card_file
from podcards.files import check_output_name, write_atomically
from podcards.models import CardFile, ExportResult
from podcards.paths import CARD_FILE_SUFFIX, distinct_paths, inside, slugify

DEFAULT_DECK_PATTERN = "Podcasts::{title}"
SEVERAL_EPISODES_NAME = "podcards"


def next_export_time(card_files: Sequence[CardFile], now: float | None = None) -> int:
    """Whole seconds, now or one after the latest earlier export of these files if that is later."""
    current = int(time.time() if now is None else now)
    earlier = [int(f.last_export.timestamp()) + 1 for f in card_files if f.last_export]
    return max([current, *earlier])


def build_package(
    card_files: Sequence[CardFile],
    output: Path,
    *,
    deck_pattern: str = DEFAULT_DECK_PATTERN,
    include_pending: bool = False,
    extra_tags: Sequence[str] = (),
    timestamp: int | None = None,
) -> ExportResult:
    """Write the exportable cards of `card_files` to `output` (atomically); card files untouched."""
    notes, skipped = plan_notes(
        card_files,
        deck_pattern=deck_pattern,
        include_pending=include_pending,
        extra_tags=extra_tags,
    )
    stamp = next_export_time(card_files) if timestamp is None else timestamp
    write_atomically(output, _apkg_bytes(notes, stamp))
    return ExportResult(
        path=output,
        notes_per_deck=dict(Counter(note.deck for note in notes)),
        skipped=[str(card) for card in skipped],
        timestamp=datetime.fromtimestamp(stamp, tz=timezone.utc),
    )


def export_decks(
    card_files: list[Path],
    output: Path,
    *,
    deck_pattern: str = DEFAULT_DECK_PATTERN,
    include_pending: bool = False,
    extra_tags: Sequence[str] = (),
) -> ExportResult:
    """Export card files to one package and record the export time in each of them.

    The files stay locked from reading to recording, so a review saving meanwhile cannot be
    overwritten with the decisions read here.
    """
    paths = distinct_paths(card_files)
    with contextlib.ExitStack() as locks:
        loaded = [locks.enter_context(locked_card_file(path)) for path in paths]
        result = build_package(
            loaded,
            output,
            deck_pattern=deck_pattern,
            include_pending=include_pending,
            extra_tags=extra_tags,
        )
        for path, card_file in zip(paths, loaded, strict=True):
            save_card_file(path, card_file.model_copy(update={"last_export": result.timestamp}))
    return result


def output_path(
    output: Path | None,
    card_files: Sequence[Path],
    folder: Path,
    suffix: str,
    default_suffix: str | None = None,
) -> Path:
    """The user's `output` if it is a file name ending in `suffix`; else a safe default in `folder`:
    `<slug><default_suffix>` for one card file, `podcards<default_suffix>` for several."""
    if output is not None:
        check_output_name(output, suffix)
        return output
    names = {path.name.removesuffix(CARD_FILE_SUFFIX) for path in card_files}
    name = slugify(names.pop()) if len(names) == 1 else SEVERAL_EPISODES_NAME
    return inside(folder, name + (default_suffix or suffix))


def _apkg_bytes(notes: Sequence[ExportNote], timestamp: int) -> bytes:
    """The package as bytes: genanki's collection in a zip (its own writer leaks a temp file).

    Fast deflate: a tenth of genanki's stored size at a third of the default level's time.
    """
    import genanki

    decks: dict[str, genanki.Deck] = {}
    for position, note in enumerate(notes):
        if note.deck not in decks:
            decks[note.deck] = genanki.Deck(deck_id(note.deck), note.deck)
        model = genanki_model(note.note_type)
        decks[note.deck].add_note(
            genanki.Note(model, fields=note.fields, tags=note.tags, guid=note.guid, due=position)
        )
    with tempfile.TemporaryDirectory() as scratch:
        database = Path(scratch) / "collection.anki2"
        with contextlib.closing(sqlite3.connect(database)) as connection:
            genanki.Package(list(decks.values())).write_to_db(
                connection.cursor(), timestamp, itertools.count(timestamp * 1000)
            )
            connection.commit()
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED, compresslevel=1) as apkg:
            apkg.write(database, "collection.anki2")
            apkg.writestr("media", "{}")
    return buffer.getvalue()
