"""Checks that a card is good to study: one short fact, asked plainly, readable alone."""

from __future__ import annotations

import re

from podcards.cloze import deletions, replace_deletions, with_answers
from podcards.models import CardContent, NoteType
from podcards.nlp import opens_with_dummy_it
from podcards.nlp.cleaning import has_filler

MAX_ANSWER_WORDS = 12
MAX_CLOZE_WORDS = 6

LEADING_PRONOUN = re.compile(
    r"^\W*(?:it|this|that|they|these|those|he|she|him|her|them)\b", re.IGNORECASE
)
YES_NO_OPENER = re.compile(
    r"^(?:is|are|was|were|do|does|did|can|could|will|would|should|has|have|had|may|might|must|shall)\b",
    re.IGNORECASE,
)

UNFINISHED_QUESTION = re.compile(
    r"[\s,](?:and|or|but|so|of|to|the|a|an|with|for|because|that|which)\?$", re.IGNORECASE
)


def lint(card_content: CardContent) -> list[str]:
    """The card's problems, one short phrase each; empty when it passes."""
    front = card_content.front.strip()
    problems = []
    if not front:
        return ["empty front"]
    if has_filler(front) or has_filler(card_content.back):
        problems.append("contains filler words")  # what cleaning removes: one notion of filler
    if LEADING_PRONOUN.match(front) and not opens_with_dummy_it(with_answers(front)):
        problems.append("starts with a pronoun whose referent is missing")
    if card_content.note_type is NoteType.CLOZE:
        problems.extend(cloze_problems(front))
    else:
        problems.extend(question_problems(front, card_content.back))
    return problems


def cloze_problems(front: str) -> list[str]:
    found = deletions(front)
    if len(found) != 1:
        return [f"needs exactly one cloze deletion, has {len(found)}"]
    hidden = found[0].answer.split()
    if not hidden:
        return ["empty cloze deletion"]
    if len(hidden) > MAX_CLOZE_WORDS:
        return [f"cloze deletion has {len(hidden)} words (at most {MAX_CLOZE_WORDS})"]
    if not replace_deletions(front, "").strip(" .,;:!?"):
        return ["nothing around the cloze deletion"]
    return []


def question_problems(front: str, back: str) -> list[str]:
    problems = []
    if not front.endswith("?"):
        problems.append("question does not end with '?'")
    elif UNFINISHED_QUESTION.search(front):
        problems.append("question ends mid-phrase")
    if YES_NO_OPENER.match(front):
        problems.append("yes/no question")
    answer = back.split()
    if not answer:
        problems.append("empty answer")
    elif len(answer) > MAX_ANSWER_WORDS:
        problems.append(f"answer has {len(answer)} words (at most {MAX_ANSWER_WORDS})")
    return problems
