"""Export reviewed cards to Anki (.apkg via genanki) and preview them as Anki will show them.

Named `podcards.anki`; the real Anki package (`anki`, used by the tests) is a different one.
"""

from podcards.anki.export import (
    DEFAULT_DECK_PATTERN,
    build_package,
    export_decks,
    next_export_time,
    output_path,
)
from podcards.anki.notes import check_deck_pattern
from podcards.anki.notetypes import BASIC_MODEL_ID, CLOZE_MODEL_ID
from podcards.anki.preview import preview_page, write_preview

__all__ = [
    "BASIC_MODEL_ID",
    "CLOZE_MODEL_ID",
    "DEFAULT_DECK_PATTERN",
    "build_package",
    "check_deck_pattern",
    "export_decks",
    "next_export_time",
    "output_path",
    "preview_page",
    "write_preview",
]
