"""Turn a chosen passage into one card that makes sense alone.

Definitions become "What is X?", contrasts a question about the contrast, numbers a cloze on
the number, other claims a cloze on their key term. Card text is cleaned of disfluencies and a
leading pronoun is replaced by the topic it points back to; the quote is never touched.

- `common`: CardDraft and the text helpers every form shares (readable sentences, the topic a
  pronoun points to, usable terms, Q/A drafts).
- `questions`: the Q/A forms (definition, appositive, acronym, contrast, 'Why?'/'Because').
- `cloze`: cloze targets (quantities, named and key terms) and the clauses shown around them.

`make_card` chooses among them; it lives here because it needs both `questions` and `cloze`.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable
from dataclasses import replace

from podcards.extract.cards.cloze import STRONG_CLOZE, cloze_card, names_something, unclozed
from podcards.extract.cards.common import (
    CardDraft,
    proper_nouns,
    readable_sentences,
    resolve_pointer,
    without_leading_reply,
)
from podcards.extract.cards.questions import (
    acronym_card,
    answer_card,
    appositive_card,
    contrast_card,
    definition_card,
    introduced_term_card,
    why_answered,
    why_card,
)
from podcards.extract.ranking import Passage
from podcards.nlp import KeyTerms


def make_card(
    passage: Passage,
    terms: KeyTerms,
    topic: str | None,
    asked: str | None = None,
    answered: Counter[str] | None = None,
) -> CardDraft:
    """The first Q/A form that fits the passage, else a cloze on its most telling term in the
    clause that carries it (a cause becomes 'Why...?' when no quantity makes a better cloze).
    `asked` is the 'Why...?' question the passage answers ('Because...'), if any; `answered`
    counts the answers of the cards made before this one (lowercased)."""
    cleaned = without_leading_reply(readable_sentences(passage))
    said = [part for part in cleaned if part]
    own_words = " ".join(said)
    sentences = [resolve_pointer(said[0], topic), *said[1:]] if said else []
    text = " ".join(sentences)
    question = why_answered(asked, sentences)
    makers: list[Callable[[], CardDraft | None]] = [
        lambda: answer_card(question, sentences),
        lambda: definition_card(sentences, terms, proper_nouns(passage) - terms.uncapitalised),
        lambda: appositive_card(sentences, passage),
        lambda: introduced_term_card(cleaned, passage, terms, proper_nouns(passage)),
        lambda: acronym_card(own_words),  # not from the topic named in front
        lambda: contrast_card(sentences),
    ]
    for maker in makers:
        draft = maker()
        if draft is not None:
            return draft
    cloze = cloze_card(own_words, passage, terms, topic, answered or Counter())
    if cloze is not None and cloze.quality >= STRONG_CLOZE:
        return with_question(cloze, question)
    return why_card(sentences) or with_question(cloze or unclozed(text), question)


def with_question(draft: CardDraft, question: str | None) -> CardDraft:
    """A 'Because...' cloze whose answer was too long for a Q/A keeps the question it answers
    in front, so it makes sense alone (unless the question gives the hidden answer away)."""
    if question is None or (draft.answer and draft.answer.lower() in question.lower()):
        return draft
    front = f"{question} {draft.content.front}"
    return replace(draft, content=draft.content.model_copy(update={"front": front}))


__all__ = ["CardDraft", "make_card", "names_something", "readable_sentences", "unclozed"]
