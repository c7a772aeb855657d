"""Turning a question/answer card into a cloze and back, so one key switches the form."""

from __future__ import annotations

import re

from podcards.models import CardContent, NoteType

CLOZE_DELETION = re.compile(r"\{\{c(\d+)::(.*?)(?:::(.*?))?\}\}", re.DOTALL)
"""`{{c1::answer}}` or `{{c1::answer::hint}}`, as Anki writes them."""

BLANK = "[...]"


def split_cloze(text: str) -> list[tuple[str, bool]]:
    """The cloze text as (piece, is_deleted) runs, for showing the deletion highlighted."""
    pieces: list[tuple[str, bool]] = []
    position = 0
    for match in CLOZE_DELETION.finditer(text):
        pieces.append((text[position : match.start()], False))
        pieces.append((match.group(2), True))
        position = match.end()
    pieces.append((text[position:], False))
    return [piece for piece in pieces if piece[0]]


def to_cloze(content: CardContent, quote: str) -> CardContent:
    """A cloze of the quote with the answer blanked when the quote says it; else the question
    followed by the answer as the deletion."""
    answer = content.back.strip().rstrip(".!?").strip()
    found = quote.lower().find(answer.lower()) if answer else -1
    if found >= 0:
        end = found + len(answer)
        text = f"{quote[:found]}{{{{c1::{quote[found:end]}}}}}{quote[end:]}"
    else:
        text = f"{content.front.strip()} {{{{c1::{content.back.strip() or '...'}}}}}"
    return CardContent(note_type=NoteType.CLOZE, front=text)


def to_basic(content: CardContent) -> CardContent:
    """A question with each deletion blanked, the deleted words as the answer."""
    answers = [match.group(2) for match in CLOZE_DELETION.finditer(content.front)]
    question = CLOZE_DELETION.sub(BLANK, content.front)
    back = "; ".join(answers) or content.back
    return CardContent(note_type=NoteType.BASIC, front=question, back=back)
