"""Train the model that finds sentence starts in unpunctuated captions (podcards.nlp.boundaries).

    python training/train_boundaries.py [--check]

Reads punctuated transcripts we wrote ourselves (training/boundaries/ and the tuning talks in
benchmarks/episodes/; never the held-out talks nor the dev episode), removes their punctuation
and capitals as automatic captions do, and fits a logistic regression by stochastic gradient
descent: is there a sentence start before this word? It writes the weights to
src/podcards/data/boundaries.json.

`--check` scores instead each training talk by a model trained without it (leave one out):
the share of cuts at a true sentence start and the share of true starts cut.
"""

from __future__ import annotations

import argparse
import json
import math
import random
import sys
from collections import Counter
from collections.abc import Sequence
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
TALKS = sorted(
    path
    for folder in (ROOT / "training" / "boundaries", ROOT / "benchmarks" / "episodes")
    for path in folder.iterdir()
    if path.suffix in {".txt", ".srt", ".vtt"}
)
MODEL = ROOT / "src" / "podcards" / "data" / "boundaries.json"
SENTENCE_END = (".", "?", "!", '."', '?"', '!"', "...")
VOCABULARY_SHARE = 0.2
"""A word has a weight of its own when at least this share of the talks use it."""
EPOCHS = 6
LEARNING_RATE = 0.1
DECAY = 0.7
SMALLEST_WEIGHT = 0.2
"""Weights smaller than this are left out of the shipped file: a fifth of its size, and as
many cuts at a true start (leave-one-out)."""

Example = tuple[list[str], bool]


def caption_words(path: Path) -> tuple[list[str], list[bool]]:
    """The talk's words as automatic captions give them, and whether a sentence starts at each
    (after a full stop, a question or exclamation mark, or at a new turn)."""
    from podcards.nlp.boundaries import plain_word
    from podcards.transcripts import read_transcript

    words: list[str] = []
    starts: list[bool] = []
    previous = ""
    for segment in read_transcript(path).segments:
        new_segment = True
        for raw in segment.text.split():
            word = plain_word(raw)
            if word:
                words.append(word)
                starts.append(new_segment or previous.endswith(SENTENCE_END))
                new_segment = False
            previous = raw
    return words, starts


def vocabulary_of(talks: Sequence[list[str]]) -> frozenset[str]:
    used_by = Counter(word for words in talks for word in set(words))
    least = max(2, math.ceil(VOCABULARY_SHARE * len(talks)))
    return frozenset(word for word, count in used_by.items() if count >= least)


def fit(talks: Sequence[tuple[list[str], list[bool]]]) -> tuple[frozenset[str], dict[str, float]]:
    from podcards.nlp.boundaries import gap_features, word_classes

    vocabulary = vocabulary_of([words for words, _ in talks])
    examples: list[Example] = []
    for words, starts in talks:
        classes = word_classes(words, vocabulary)
        examples += [(gap_features(classes, at), starts[at]) for at in range(1, len(words))]
    weights: dict[str, float] = {}
    rate = LEARNING_RATE
    shuffler = random.Random(1)
    for _ in range(EPOCHS):
        shuffler.shuffle(examples)
        for features, starts_here in examples:
            total = sum(weights.get(feature, 0.0) for feature in features)
            error = starts_here - 1 / (1 + math.exp(-max(-30.0, min(30.0, total))))
            for feature in features:
                weights[feature] = weights.get(feature, 0.0) + rate * error
        rate *= DECAY
    kept = {feature: round(weight, 2) for feature, weight in sorted(weights.items())}
    return vocabulary, {f: w for f, w in kept.items() if abs(w) >= SMALLEST_WEIGHT}


def check(talks: dict[str, tuple[list[str], list[bool]]]) -> None:
    from podcards.nlp import MAX_SENTENCE_WORDS, boundaries

    for name, (words, starts) in talks.items():
        model = fit([talk for other, talk in talks.items() if other != name])
        cuts = set(boundaries.sentence_starts(words, MAX_SENTENCE_WORDS, model))
        true = {position for position, start in enumerate(starts) if start and position}
        print(
            f"{name:36} cuts at a start {len(cuts & true) / len(cuts):.2f}  "
            f"starts cut {len(cuts & true) / len(true):.2f}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="leave-one-out scores, no write")
    args = parser.parse_args()
    talks = {path.name: caption_words(path) for path in TALKS}
    if args.check:
        check(talks)
        return 0
    vocabulary, weights = fit(list(talks.values()))
    model = {"trained_on": sorted(talks), "vocabulary": sorted(vocabulary), "weights": weights}
    MODEL.write_text(json.dumps(model, separators=(",", ":")) + "\n", encoding="utf-8")
    print(f"{len(weights)} weights from {len(talks)} talks written to {MODEL}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
