"""When two passages state the same fact: overlap of their content words.

Used while ranking (one card per fact within an episode) and by batch runs to flag the same
fact across episodes. Needs no NLTK data, so it is cheap to call on many cards.
"""

from __future__ import annotations

import re
from functools import lru_cache

from podcards.cloze import with_answers
from podcards.models import Card

NEAR_DUPLICATE_SIMILARITY = 0.5
MIN_WORDS_TO_COMPARE = 4
MIN_SHARED_WORDS = 3
"""Cards sharing fewer content words ('use', 'space') share them by chance, however short."""

WORD = re.compile(r"[a-z0-9]+(?:'[a-z]+)?")
COMMON_WORDS = frozenset(
    [
        "a",
        "an",
        "the",
        "and",
        "or",
        "but",
        "so",
        "of",
        "in",
        "on",
        "at",
        "by",
        "for",
        "with",
        "from",
        "about",
        "into",
        "over",
        "to",
        "as",
        "is",
        "are",
        "was",
        "were",
        "be",
        "been",
        "being",
        "have",
        "has",
        "had",
        "do",
        "does",
        "did",
        "it",
        "its",
        "it's",
        "this",
        "that",
        "these",
        "those",
        "there",
        "they",
        "them",
        "their",
        "he",
        "she",
        "his",
        "her",
        "we",
        "our",
        "you",
        "your",
        "i",
        "me",
        "my",
        "not",
        "no",
        "yes",
        "yeah",
        "just",
        "really",
        "very",
        "also",
        "then",
        "than",
        "like",
        "what",
        "which",
        "who",
        "when",
        "where",
        "why",
        "how",
        "if",
        "because",
        "can",
        "could",
        "will",
        "would",
        "should",
        "may",
        "might",
        "must",
        "all",
        "any",
        "some",
        "more",
        "most",
        "much",
        "many",
        "one",
        "thing",
        "things",
        "lot",
        "kind",
        "sort",
        "know",
        "think",
        "mean",
        "get",
        "got",
        "go",
        "going",
        "make",
        "made",
        "say",
        "said",
        "actually",
        "basically",
        "um",
        "uh",
        "okay",
        "well",
        "right",
        "now",
        "even",
        "still",
        "only",
    ]
)


def stem(word: str) -> str:
    """A light suffix strip so 'model' and 'models', 'train' and 'training' meet."""
    for suffix in ("ing", "ed", "es", "s"):
        if word.endswith(suffix) and len(word) - len(suffix) >= 3:
            return word[: -len(suffix)]
    return word


@lru_cache(maxsize=4096)
def content_words(text: str) -> frozenset[str]:
    """Kept for the texts of about one talk (ranking asks for each sentence's words several
    times), not for all: a worker runs through a whole batch of episodes."""
    return frozenset(
        stem(word)
        for word in WORD.findall(text.lower().replace("\u2019", "'"))
        if word not in COMMON_WORDS
    )


def overlap(a: frozenset[str], b: frozenset[str]) -> float:
    """Share of the smaller set found in the other: a short restatement still counts (though a
    set of fewer than MIN_WORDS_TO_COMPARE words counts as that many)."""
    if not a or not b:
        return 0.0
    return len(a & b) / max(MIN_WORDS_TO_COMPARE, min(len(a), len(b)))


def near_duplicate(a: Card, b: Card) -> bool:
    """Whether two cards (from one episode or several) state the same fact: what they teach
    overlaps as passages must within an episode, in at least MIN_SHARED_WORDS words."""
    words_a, words_b = card_words(a), card_words(b)
    return (
        len(words_a & words_b) >= MIN_SHARED_WORDS
        and overlap(words_a, words_b) >= NEAR_DUPLICATE_SIMILARITY
    )


def card_words(card: Card) -> frozenset[str]:
    """The content words of what the card teaches, its text with cloze answers shown; not its
    quote, which in captions can run on for a minute of unrelated talk."""
    content = card.content
    return content_words(with_answers(f"{content.front} {content.back}"))
