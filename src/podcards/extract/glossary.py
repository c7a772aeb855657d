"""Corrections for speech-recognition mistakes ('heard = right'), applied to card text only."""

from __future__ import annotations

import re
from functools import cache
from pathlib import Path

from podcards.errors import InputError
from podcards.files import reading

TABLE_HEADER = re.compile(r"^\[[\w.-]+\]$")
COMMENT = re.compile(r"(?:^|\s)#")


def load_glossary(path: Path | str) -> dict[str, str]:
    """Read `heard = right` lines ('#' comments and blank lines ignored).

    Quotes around either side are dropped, so a TOML table of strings (optionally under a
    `[glossary]` header) reads the same way.
    """
    path = Path(path)
    try:
        with reading(path, "glossary file"):
            lines = path.read_text(encoding="utf-8").splitlines()
    except UnicodeDecodeError as error:
        raise InputError(path, f"glossary is not UTF-8 text (byte {error.start})") from None
    glossary = {}
    for number, raw in enumerate(lines, start=1):
        line = COMMENT.split(raw, maxsplit=1)[0].strip()
        if not line or TABLE_HEADER.match(line):
            continue
        heard, equals, right = (part.strip().strip("\"'").strip() for part in line.partition("="))
        if not equals or not heard or not right:
            raise InputError(path, f"line {number}: expected 'heard = right', got {raw.strip()!r}")
        glossary[heard] = right
    return glossary


def apply_glossary(text: str, glossary: dict[str, str]) -> str:
    """Replace each heard spelling (whole words, any case) by the right one; longest first."""
    if not glossary or not text:
        return text
    pattern, lookup = glossary_pattern(tuple(glossary.items()))
    return pattern.sub(lambda match: lookup.get(match[0].casefold(), match[0]), text)


@cache
def glossary_pattern(pairs: tuple[tuple[str, str], ...]) -> tuple[re.Pattern[str], dict[str, str]]:
    """One pattern for the whole glossary, built once: every card field of every card asks."""
    # by case-folded spelling: what the case-insensitive pattern matches ('ſun' for 'sun')
    # folds to its key; a match that still finds none is left as it was
    lookup = {heard.casefold(): right for heard, right in pairs}
    alternatives = sorted(lookup, key=len, reverse=True)
    pattern = re.compile(
        r"(?<![\w-])(?:" + "|".join(re.escape(heard) for heard in alternatives) + r")(?![\w-])",
        re.IGNORECASE,
    )
    return pattern, lookup
