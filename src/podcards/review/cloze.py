"""Turning a question/answer card into a cloze and back, so one key switches the form."""

from __future__ import annotations

import re

from podcards.cloze import deletions, replace_deletions
from podcards.models import CardContent, NoteType

BLANK = "[...]"


def to_cloze(content: CardContent, quote: str) -> CardContent:
    """A cloze of the quote with the answer blanked when the quote says it; else the question
    followed by the answer as the deletion."""
    answer = content.back.strip().rstrip(".!?").strip()
    # matched in the quote itself: lower-casing the quote ('İ' -> 'i̇') could shift its offsets
    found = re.search(re.escape(answer), quote, re.IGNORECASE) if answer else None
    if found:
        start, end = found.span()
        text = f"{quote[:start]}{{{{c1::{quote[start:end]}}}}}{quote[end:]}"
    else:
        text = f"{content.front.strip()} {{{{c1::{content.back.strip() or '...'}}}}}"
    return CardContent(note_type=NoteType.CLOZE, front=text)


def to_basic(content: CardContent) -> CardContent:
    """A question with each deletion blanked, the deleted words as the answer."""
    answers = [deletion.answer for deletion in deletions(content.front)]
    question = replace_deletions(content.front, BLANK)
    back = "; ".join(answers) or content.back
    return CardContent(note_type=NoteType.BASIC, front=question, back=back)
