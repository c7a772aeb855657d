"""Real Anki for the tests: import a package into a collection as the Anki app does."""

from __future__ import annotations

from pathlib import Path

from anki.collection import Collection, ImportAnkiPackageOptions, ImportAnkiPackageRequest
from anki.import_export_pb2 import ImportAnkiPackageUpdateCondition as UpdateCondition


def import_package(
    col: Collection,
    path: Path,
    update=UpdateCondition.IMPORT_ANKI_PACKAGE_UPDATE_CONDITION_IF_NEWER,
):
    """Import the .apkg at `path` into `col`; returns Anki's import log (new/updated notes)."""
    options = ImportAnkiPackageOptions(
        merge_notetypes=True,
        update_notes=update,
        update_notetypes=update,
        with_scheduling=False,
        with_deck_configs=False,
    )
    request = ImportAnkiPackageRequest(package_path=str(path), options=options)
    return col.import_anki_package(request).log
