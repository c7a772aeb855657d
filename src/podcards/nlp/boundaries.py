"""Where sentences begin in captions that lost their punctuation and capitals.

Automatic captions are one unbroken stream of lower-case words. A logistic model reads the
words around each gap between two words (two before it, three after it) and gives the
probability that a sentence starts there. It was trained on punctuated transcripts we wrote,
with their punctuation taken away (`training/train_boundaries.py`). Only words that at least a
fifth of those talks use have weights of their own; every other word counts by its ending
('-ing', '-ly', ...). So what the model knows is mostly how speech is built ('so', 'and then',
'i think'), not what any talk was about.
"""

from __future__ import annotations

import json
import math
import re
from collections.abc import Sequence
from functools import cache
from importlib.resources import files

from podcards.nlp.discourse import SPOKEN_OPENERS

MODEL_FILE = "boundaries.json"
START_THRESHOLD = 0.45
"""A gap with at least this probability of a sentence start is cut. Chosen on the tuning talks'
captions, each cut by a model trained without it: 0.45 found more gold cards in the top 40 than
0.35 or 0.55."""
MIN_SENTENCE_WORDS = 8
"""No piece is cut shorter: a blind judgment of caption cards found the fragments 4-word pieces
allow ('of town b 15 km'), and preferred the old cutter's cards to them; with 8, as many cards
were worth keeping as with the old cutter."""
LEANING_WORDS = frozenset(
    ["that", "that's", "which", "who", "whose", "because", "than", "it", "it's", "its", "they",
     "they're", "them", "their", "these", "those", "this", "he", "she", "him", "her", "his"]
)  # fmt: skip
"""Words that lean on what came before: a piece cut to start with one cannot stand alone
(a wrong cut tears a clause from its head, a right one still needs the sentence before)."""
POINTING_WORDS = LEANING_WORDS - {"which", "who", "whose", "because", "than"}
"""Leaning words that point at what came before ('it', 'that's'): a clause may end before a
'which' or a 'because' that only adds to it, but one cut before 'it's' or 'that's' often
stops mid-thought ('since 2020 | it's officially...')."""
LEANING_DISCOUNT = 0.25
"""The start probability of a leaning word counts this much: below the threshold, so such a
word starts a piece only when a stretch must be cut and it is still the likeliest start. On
the tuning talks' captions (leave-one-out) this gained on every measure, and 0.03 more of the
top-40 cards pass lint."""
DISCOURSE_WORDS = (SPOKEN_OPENERS - {"yeah"}) | {"basically"}
"""What a caption's definition may start after ('...never so sharding is a way...'), and no
subject of one holds: with 'basically' ('so basically sharding is...'); without 'yeah', as the
rule was tuned."""
DEFINING_WORDS = frozenset(
    ["a", "an", "the", "when", "where", "basically", "essentially", "just", "simply"]
)
NO_SUBJECT = LEANING_WORDS | frozenset(
    ["there", "here", "what", "i", "you", "we", "my", "our", "your", "one", "all", "something",
     "nothing", "everything"]
)  # fmt: skip
"""Words a definition's subject does not open with: pointers and pronouns."""
SUBJECT_WORDS = 3
"""At most this many words between a definition's opening and its 'is' ('so a covering index
is when...')."""
PAUSE_MARKS = (",", ";", ":", "\u2014", "\u2013")
UNMARKED_DISCOUNT = 0.01
"""In a long stretch that kept its commas (a run-on sentence in a punctuated transcript, not
captions), a start where the writer marked no pause counts this much: the cut goes after a
comma, where the model finds one likely enough."""
CLAUSE_THRESHOLD = 0.3
"""A card shows the clauses around its answer: inside a caption piece, a gap with at least
this probability of a start is where a clause may begin. Lower than START_THRESHOLD, since a
card is cut only where it runs long, and a clause that leans back is shown with the one
before it."""
MIN_CLAUSE_WORDS = 5
SUFFIXES = ("ing", "ly", "ed", "s")
NOT_IN_WORD = re.compile(r"[^\w'%-]")


def plain_word(word: str) -> str:
    """The word as automatic captions spell it: lower case, no punctuation."""
    return NOT_IN_WORD.sub("", word).strip("-").lower()


def word_classes(words: Sequence[str], vocabulary: frozenset[str]) -> list[str]:
    """Each plain word itself when at least a fifth of the training talks use it, else its kind
    ('<w>ing', '<num>')."""
    return [
        word
        if word in vocabulary
        else "<num>"
        if word.isdigit()
        else "<w>" + next((suffix for suffix in SUFFIXES if word.endswith(suffix)), "")
        for word in words
    ]


def gap_features(classes: Sequence[str], position: int) -> list[str]:
    """What the model reads about the gap before word `position` (of the stream's word
    classes): the words on each side alone and in pairs, and the three after it ('i think is'
    continues a clause, 'i think the' may start one)."""
    two_before, before, after, next_after, two_after = (
        classes[at] if 0 <= at < len(classes) else ("<s>" if at < 0 else "</s>")
        for at in range(position - 2, position + 3)
    )
    return [
        "bias",
        f"-2={two_before}",
        f"-1={before}",
        f"0={after}",
        f"1={next_after}",
        f"2={two_after}",
        f"-2-1={two_before}|{before}",
        f"-10={before}|{after}",
        f"01={after}|{next_after}",
        f"-101={before}|{after}|{next_after}",
        f"012={after}|{next_after}|{two_after}",
    ]


Model = tuple[frozenset[str], dict[str, float]]
"""The vocabulary (words with weights of their own) and the feature weights."""


@cache
def load_model() -> Model:
    """The model shipped with podcards."""
    model = json.loads((files("podcards") / "data" / MODEL_FILE).read_text(encoding="utf-8"))
    return frozenset(model["vocabulary"]), model["weights"]


def start_probabilities(plain: Sequence[str], model: Model | None = None) -> list[float]:
    """For each plain word (see `plain_word`), the probability that a sentence starts with it
    (the first word: 1)."""
    vocabulary, weights = model or load_model()
    classes = word_classes(plain, vocabulary)
    probabilities = [1.0]
    for position in range(1, len(classes)):
        total = sum(weights.get(feature, 0.0) for feature in gap_features(classes, position))
        probabilities.append(1 / (1 + math.exp(-max(-30.0, min(30.0, total)))))
    return probabilities


def sentence_starts(words: Sequence[str], max_words: int, model: Model | None = None) -> list[int]:
    """Where the sentences of an unpunctuated stream of words begin (after the first): each
    likely start at least MIN_SENTENCE_WORDS after the last, and the likeliest start in any
    stretch that would otherwise run past max_words (a leaning word counted at a discount)."""
    plain = [plain_word(word) for word in words]
    marked = any(word.endswith(PAUSE_MARKS) for word in words[:-1])
    probabilities = [
        max(
            chance
            * (LEANING_DISCOUNT if word in LEANING_WORDS else 1.0)
            * (UNMARKED_DISCOUNT if marked and not after_pause(words, position) else 1.0),
            START_THRESHOLD if opens_definition(plain, position) else 0.0,
        )
        for position, (word, chance) in enumerate(
            zip(plain, start_probabilities(plain, model), strict=True)
        )
    ]
    starts: list[int] = []
    last = 0
    for position in range(1, len(words)):
        if position - last >= MIN_SENTENCE_WORDS and probabilities[position] >= START_THRESHOLD:
            last = position
        elif position - last >= max_words:
            last = max(
                range(last + MIN_SENTENCE_WORDS, position + 1), key=probabilities.__getitem__
            )
        else:
            continue
        starts.append(last)
    return starts


def clause_starts(plain: Sequence[str], chances: Sequence[float]) -> dict[int, bool]:
    """Where the clauses of an unpunctuated piece (its `plain` words and each gap's
    `start_probabilities`) most likely begin (after the first), each with whether a sentence
    starts there: each gap with at least CLAUSE_THRESHOLD probability of a start that leaves
    MIN_CLAUSE_WORDS on either side, and a sentence start (START_THRESHOLD) however close to
    the piece's beginning, which then holds the end of the sentence before ('...the t word so
    for most of 2021 the fed...')."""
    starts: dict[int, bool] = {}
    last = 0
    for position, chance in enumerate(chances[1:], start=1):
        if plain[position] in POINTING_WORDS:
            chance *= LEANING_DISCOUNT  # '...there's no car | that's going to outrun it'
        sentence = chance >= START_THRESHOLD
        stub = sentence and not starts  # the tail of the sentence before, however short
        after_last = stub or position - last >= MIN_CLAUSE_WORDS
        if after_last and len(plain) - position >= MIN_CLAUSE_WORDS and chance >= CLAUSE_THRESHOLD:
            starts[position] = sentence
            last = position
    return starts


def opens_definition(plain: Sequence[str], position: int) -> bool:
    """'...i won't say never so sharding is a way to split...': after a discourse word, a
    subject of a few words, then 'is a', 'is the', 'is when'... A definition starts here, though
    the model, reading two words before the gap and three after, cannot see the 'is' that
    shows it. On the captions of our seven talks this found more gold cards in the top 40
    (0.438 -> 0.451) and more must-have ones (0.518 -> 0.571)."""
    if not 0 < position < len(plain) - 2 or plain[position - 1] not in DISCOURSE_WORDS:
        return False
    if plain[position] in NO_SUBJECT or plain[position] in DISCOURSE_WORDS:
        return False
    for after in range(position + 1, min(position + 1 + SUBJECT_WORDS + 1, len(plain) - 1)):
        if plain[after] in ("is", "are"):
            return plain[after + 1] in DEFINING_WORDS
        if plain[after] in DISCOURSE_WORDS or plain[after] in NO_SUBJECT:
            return False
    return False


def after_pause(words: Sequence[str], position: int) -> bool:
    return position > 0 and words[position - 1].endswith(PAUSE_MARKS)
