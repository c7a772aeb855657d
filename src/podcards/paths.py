"""Safe names and places for what podcards writes."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable
from pathlib import Path

MAX_SLUG_LENGTH = 60


def slugify(text: str, fallback: str = "episode") -> str:
    """A lowercase ASCII name with no path separators, dots runs or control characters."""
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    slug = re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")
    slug = slug[:MAX_SLUG_LENGTH].rstrip("-")
    return slug or fallback


def numbered_slug(slug: str, number: int) -> str:
    """`slug-N`, with the slug cut to make room for `-N`: cutting after the suffix would give
    every number the same name."""
    suffix = f"-{number}"
    return slug[: MAX_SLUG_LENGTH - len(suffix)].rstrip("-") + suffix


def inside(folder: Path, name: str) -> Path:
    """`folder/name`, refusing any name that would land outside `folder`."""
    folder = folder.resolve()
    target = (folder / name).resolve()
    if target.parent != folder:
        raise ValueError(f"unsafe output name: {name!r}")
    return target


DEFAULT_OUTPUT_FOLDER = Path("decks")
CARD_FILE_SUFFIX = ".cards.json"
DECK_SUFFIX = ".apkg"


def card_file_path(folder: Path, slug: str) -> Path:
    """Where an episode's card file lives by default: `folder/<slug>.cards.json`."""
    return inside(folder, slugify(slug) + CARD_FILE_SUFFIX)


def distinct_paths(paths: Iterable[Path]) -> list[Path]:
    """Each file once, as first named, however it is spelled (`a.txt`, `./x/../a.txt`, an
    absolute path): a file read twice would count as two episodes."""
    unique: dict[Path, Path] = {}
    for path in paths:
        unique.setdefault(path.resolve(), path)
    return list(unique.values())


def shown_path(path: Path) -> Path:
    """A path as the user would type it: relative to the working folder when inside it."""
    if path.is_absolute() and path.is_relative_to(Path.cwd()):
        return path.relative_to(Path.cwd())
    return path
