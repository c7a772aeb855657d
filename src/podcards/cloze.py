"""Anki's cloze syntax, `{{c1::answer}}` or `{{c1::answer::hint}}`: the one place it is read.

Extraction writes and lints clozes, review shows and converts them, the export checks and
previews them; all read a deletion as Anki does: it may span lines, and its answer ends at
the first `::`. Plain `re` only, so importing it keeps `podcards --help` light.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import NamedTuple

_OPENING = r"\{\{c(\d+)::"
CLOZE_OPENING = re.compile(_OPENING)
"""The start of a deletion, closed or not: an unclosed one is found too."""
CLOZE_DELETION = re.compile(_OPENING + r"(.*?)(?:::(.*?))?\}\}", re.DOTALL)
"""A whole deletion: its number, its answer, and its hint if it has one."""


class Deletion(NamedTuple):
    number: int
    answer: str
    hint: str | None
    """None without a `::hint`."""


def _deletion(match: re.Match[str]) -> Deletion:
    return Deletion(int(match[1]), match[2], match[3])


def deletions(text: str) -> list[Deletion]:
    """The text's deletions, in order."""
    return [_deletion(match) for match in CLOZE_DELETION.finditer(text)]


def cloze_numbers(text: str) -> list[int]:
    """The numbers of the deletions the text opens, closed or not, ascending, once each."""
    return sorted({int(number) for number in CLOZE_OPENING.findall(text)})


def replace_deletions(text: str, replacement: str | Callable[[Deletion], str]) -> str:
    """The text with each deletion replaced: by the string as it is, or by what the function
    makes of the deletion."""
    if isinstance(replacement, str):
        return CLOZE_DELETION.sub(lambda _: replacement, text)
    return CLOZE_DELETION.sub(lambda match: replacement(_deletion(match)), text)


def with_answers(text: str) -> str:
    """The text as it reads with every answer shown: '{{c1::Lisbon::a city}} is...' ->
    'Lisbon is...'."""
    return replace_deletions(text, lambda deletion: deletion.answer)


def split_cloze(text: str) -> list[tuple[str, bool]]:
    """The text as (piece, is_answer) runs, answers shown, for showing them highlighted."""
    pieces: list[tuple[str, bool]] = []
    position = 0
    for match in CLOZE_DELETION.finditer(text):
        pieces.append((text[position : match.start()], False))
        pieces.append((match[2], True))
        position = match.end()
    pieces.append((text[position:], False))
    return [piece for piece in pieces if piece[0]]
