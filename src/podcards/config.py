"""Per-folder defaults: `podcards.toml`, or `[tool.podcards]` in `pyproject.toml`.

Precedence is command option > config file > built-in default, decided in one place
(`resolve_settings`) so every command that takes these options agrees.
"""

from __future__ import annotations

import sys
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from podcards.anki.notes import deck_pattern_problem
from podcards.errors import InputError
from podcards.files import reading
from podcards.models import Config

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on 3.10 only
    import tomli as tomllib

CONFIG_FILE = "podcards.toml"
PYPROJECT_FILE = "pyproject.toml"


def find_config(folder: Path) -> tuple[Path, dict[str, Any]] | None:
    """The config table that applies in `folder` and where it came from, if any.

    `podcards.toml` wins over `pyproject.toml`, so a project can keep its podcards settings
    apart; a pyproject without `[tool.podcards]` is not a config.
    """
    own_file = folder / CONFIG_FILE
    if own_file.is_file():
        return own_file, _read_toml(own_file)
    pyproject = folder / PYPROJECT_FILE
    if pyproject.is_file():
        table = _read_toml(pyproject).get("tool", {}).get("podcards")
        if table is not None:
            return pyproject, table
    return None


def load_config(folder: Path | None = None) -> Config:
    """The config of `folder` (default: the working folder), or the defaults when there is none."""
    found = find_config(folder or Path.cwd())
    if found is None:
        return Config()
    path, table = found
    return _validate(path, table)


def resolve_settings(folder: Path | None = None, **options: Any) -> Config:
    """The config with every option the user actually gave (not None) laid over it."""
    config = load_config(folder)
    given = {name: value for name, value in options.items() if value is not None}
    unknown = given.keys() - Config.model_fields.keys()
    if unknown:
        raise TypeError(f"not a config setting: {', '.join(sorted(unknown))}")
    return config.model_copy(update=given)


def _read_toml(path: Path) -> dict[str, Any]:
    try:
        with reading(path, "config file"), path.open("rb") as file:
            return tomllib.load(file)
    except tomllib.TOMLDecodeError as error:
        raise InputError(path, f"not valid TOML: {error}") from None
    except RecursionError:
        raise InputError(path, "not valid TOML: nested too deeply") from None


PLAIN_MESSAGES = {"path_type": "Input should be a path, as a string"}
"""Pydantic's own words where they name its internals ('...for <class 'pathlib.Path'>')."""


def _validate(path: Path, table: dict[str, Any]) -> Config:
    if not isinstance(table, dict):
        raise InputError(path, "[tool.podcards] must be a table")
    unknown = sorted(table.keys() - Config.model_fields.keys())
    if unknown:
        known = ", ".join(Config.model_fields)
        raise InputError(path, f"unknown key {unknown[0]!r} (known keys: {known})")
    try:
        config = Config.model_validate(table)
    except ValidationError as error:
        first = error.errors()[0]
        key = ".".join(str(part) for part in first["loc"])
        message = PLAIN_MESSAGES.get(first["type"], first["msg"])
        raise InputError(path, f"key {key!r}: {message}") from None
    deck_problem = deck_pattern_problem(config.deck)
    if deck_problem:
        raise InputError(path, f"key 'deck' {config.deck!r}: {deck_problem}")
    return config
