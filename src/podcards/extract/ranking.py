"""Score passages for how well they would teach one fact, then pick a diverse best set.

A passage is one sentence, or two adjacent sentences of the same speaker turn when the claim
needs its neighbour; it is always contiguous transcript text, so its quote stays verbatim.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

from podcards.extract import detectors
from podcards.extract.dedupe import NEAR_DUPLICATE_SIMILARITY, content_words, overlap
from podcards.nlp import KeyTerms, Sentence

IDEAL_WORDS = (10, 36)
MAX_PASSAGE_WORDS = 48
MIN_WORDS = 6
MAX_FACT_SCORE = 2.5
MAX_TERM_SCORE = 2.0
HOST_PENALTY = 0.8
GUEST_BONUS = 0.2
PAIR_PENALTY = 0.25
DIVERSITY_WEIGHT = 1.2
SELECTION_POOL = 400

DEPENDENT_OPENERS = frozenset(
    [
        "it",
        "it's",
        "its",
        "this",
        "that",
        "that's",
        "these",
        "those",
        "they",
        "they're",
        "them",
        "he",
        "she",
        "which",
        "also",
    ]
)


@dataclass
class Passage:
    """A contiguous run of sentences from one segment, scored as a card candidate."""

    sentences: list[Sentence]
    text: str
    cues: dict[str, float]
    terms: list[str]
    words: frozenset[str]
    score: float = 0.0
    reasons: dict[str, float] = field(default_factory=dict)

    @property
    def first(self) -> Sentence:
        return self.sentences[0]

    @property
    def last(self) -> Sentence:
        return self.sentences[-1]

    @property
    def span(self) -> range:
        return range(self.first.index, self.last.index + 1)

    @property
    def word_count(self) -> int:
        return sum(len(sentence.words) for sentence in self.sentences)


def find_host(sentences: Sequence[Sentence]) -> str | None:
    """The speaker who asks the most questions (the first speaker on a tie), when several talk."""
    speakers = [sentence.speaker for sentence in sentences if sentence.speaker]
    if len(set(speakers)) < 2:
        return None
    questions = Counter(
        sentence.speaker
        for sentence in sentences
        if sentence.speaker and detectors.is_question(sentence.text)
    )
    first_seen = {speaker: order for order, speaker in reversed(list(enumerate(speakers)))}
    return max(set(speakers), key=lambda speaker: (questions[speaker], -first_seen[speaker]))


def build_passages(sentences: Sequence[Sentence], terms: KeyTerms) -> list[Passage]:
    """Every sentence, and every pair of neighbours in one segment, that could carry a fact."""
    cues = [detectors.detect(sentence.text) for sentence in sentences]
    passages = []
    for position, sentence in enumerate(sentences):
        passages.append(make_passage([sentence], [cues[position]], terms))
        following = sentences[position + 1] if position + 1 < len(sentences) else None
        if following is not None and following.segment == sentence.segment:
            pair = [sentence, following]
            if sum(len(item.words) for item in pair) <= MAX_PASSAGE_WORDS:
                passages.append(make_passage(pair, cues[position : position + 2], terms))
    return passages


def make_passage(
    sentences: list[Sentence], cues: list[dict[str, float]], terms: KeyTerms
) -> Passage:
    text = " ".join(sentence.text.strip() for sentence in sentences)
    merged: dict[str, float] = {}
    for found in cues:
        for kind, weight in found.items():
            current = merged.get(kind, 0.0)
            merged[kind] = max(current, weight) if weight > 0 else min(current, weight)
    lowered = (
        " " + " ".join(word.lower() for sentence in sentences for word in sentence.tokens) + " "
    )
    present = [term for term in terms.weights if f" {term} " in lowered]
    present.sort(key=lambda term: (-terms.weights[term], term))
    return Passage(
        sentences=sentences, text=text, cues=merged, terms=present, words=content_words(text)
    )


def score_passages(passages: Sequence[Passage], terms: KeyTerms, host: str | None) -> None:
    """A passage's worth as a card: facts and key terms up, chatter and rambling down."""
    top_weight = max(terms.weights.values(), default=1.0)
    for passage in passages:
        reasons = {
            "facts": min(
                MAX_FACT_SCORE, sum(weight for weight in passage.cues.values() if weight > 0)
            ),
            "chatter": sum(weight for weight in passage.cues.values() if weight < 0),
            "terms": 0.8
            * min(
                MAX_TERM_SCORE,
                sum(min(1.0, terms.weights[term] / top_weight * 2) for term in passage.terms),
            ),
            "length": length_fit(passage.word_count),
            "role": speaker_role(passage.first.speaker, host),
            "personal": -max(0.0, detectors.first_person_share(passage.text) - 0.1) * 6,
            "dependent": -0.4 if opens_dependent(passage.first) else 0.0,
            "fragment": -0.4 if passage.text[:1].islower() else 0.0,
            "pair": -PAIR_PENALTY if len(passage.sentences) > 1 else 0.0,
        }
        passage.reasons = reasons
        passage.score = round(sum(reasons.values()), 4)


def length_fit(words: int) -> float:
    """Cards want one claim: long enough to hold it, short enough to read at a glance."""
    low, high = IDEAL_WORDS
    if words < MIN_WORDS:
        return -2.0
    if words < low:
        return -0.3 * (low - words)
    if words <= high:
        return 0.5
    return 0.5 - 0.08 * (words - high)


def speaker_role(speaker: str | None, host: str | None) -> float:
    if host is None or speaker is None:
        return 0.0
    return -HOST_PENALTY if speaker == host else GUEST_BONUS


def opens_dependent(sentence: Sentence) -> bool:
    """Starts by pointing back ('It is...', 'That's why...'), so alone it lacks its topic."""
    words = [word.lower() for word in sentence.words[:3]]
    while words and words[0] in ("and", "so", "but", "yeah", "well", "because"):
        words.pop(0)
    return bool(words) and words[0] in DEPENDENT_OPENERS


def select(passages: Sequence[Passage], limit: int) -> list[Passage]:
    """Best first, each new pick penalised by its likeness to those already picked (MMR).

    Passages sharing a sentence with a pick, or restating one, are skipped: one card per fact.
    """
    pool = sorted(
        passages, key=lambda passage: (-passage.score, passage.first.index, len(passage.sentences))
    )
    pool = [passage for passage in pool[:SELECTION_POOL] if passage.score > 0]
    chosen: list[Passage] = []
    used: set[int] = set()
    likeness = [0.0] * len(pool)
    while pool and len(chosen) < limit:
        best = max(
            range(len(pool)), key=lambda i: (pool[i].score - DIVERSITY_WEIGHT * likeness[i], -i)
        )
        pick = pool.pop(best)
        likeness.pop(best)
        chosen.append(pick)
        used.update(pick.span)
        keep = []
        for passage, similar in zip(pool, likeness, strict=True):
            if used.intersection(passage.span):
                continue
            closeness = overlap(passage.words, pick.words)
            if closeness >= NEAR_DUPLICATE_SIMILARITY:
                continue
            keep.append((passage, max(similar, closeness)))
        pool = [passage for passage, _ in keep]
        likeness = [similar for _, similar in keep]
    return chosen
