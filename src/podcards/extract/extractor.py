"""From a transcript to ranked candidate cards: sentences, key terms, scores, selection, cards."""

from __future__ import annotations

import hashlib
import math
import re
from collections import Counter
from collections.abc import Sequence
from functools import cache

from podcards import nlp
from podcards.extract import detectors, ranking
from podcards.extract.cards import CardDraft, make_card
from podcards.extract.cards.common import (
    DEMONSTRATIVES,
    QUANTITY_OPENING,
    UNIT,
    is_count,
    usable_term,
)
from podcards.extract.dedupe import stem
from podcards.extract.glossary import apply_glossary
from podcards.models import Card, CardContent, Transcript
from podcards.paths import slugify

WORDS_PER_CANDIDATE = 75
MIN_CANDIDATES = 20
MAX_TAGS = 3
CONTEXT_SENTENCES = 3
MAX_TOPIC_WORDS = 4
KEY_POINT_MIDPOINT = 7.16
KEY_POINT_SPREAD = 2.26
"""A card's score is the chance that it holds one of the talk's key points: a logistic on its
ranking score, fitted on the cards of our seven tuning talks in four formats, a key point being
one that people marked on the talk (training/calibrate_scores.py). On the two held-out talks,
cards scored 0.2-0.3 held one 20% of the time, 0.5-0.6 53% and 0.7-0.8 74%."""


def extract_cards(
    transcript: Transcript,
    *,
    max_cards: int | None = None,
    glossary: dict[str, str] | None = None,
) -> list[Card]:
    """The transcript's best card candidates, best first.

    Without `max_cards`, about one candidate per 75 words of talk, two a minute (at least
    20): a listener reviews best first and stops when they like. Fewer when the transcript
    holds fewer facts worth a card.
    """
    toolkit = nlp.load_toolkit("\n".join(segment.text for segment in transcript.segments))
    if toolkit.missing:
        warn_missing_data(tuple(toolkit.missing))
    sentences = nlp.split_transcript(transcript, toolkit)
    adverts = ranking.advert_sentences(sentences)
    terms = talk_terms(transcript, sentences, toolkit.stopwords, adverts)
    passages = ranking.build_passages(sentences, terms, adverts)
    ranking.score_passages(passages, terms, ranking.study_talk(sentences))
    occurrences = occurrence_indexes(sentences)
    limit = (
        max_cards
        if max_cards is not None
        else max(MIN_CANDIDATES, transcript.word_count() // WORDS_PER_CANDIDATE)
    )
    chosen = ranking.select(passages, limit)
    answered: Counter[str] = Counter()
    drafts = []
    expansions = spelled_out(sentences)
    for passage in chosen:
        topic = topic_before(passage, sentences, terms, expansions)
        draft = make_card(passage, terms, topic, question_before(passage, sentences), answered)
        answered[draft.answer.lower()] += 1
        drafts.append(draft)
    return [
        card_for(
            passage, draft, transcript, terms, occurrences[passage.first.index], glossary or {}
        )
        for passage, draft in needing_edits_last(chosen, drafts)
    ]


def needing_edits_last(
    chosen: list[ranking.Passage], drafts: list[CardDraft]
) -> list[tuple[ranking.Passage, CardDraft]]:
    """A passage whose card found nothing to ask or hide would make the reviewer write the
    card: it goes after the others, its score no higher than theirs. A weak cloze stays where
    its passage ranks, to be edited there."""
    pairs = list(zip(chosen, drafts, strict=True))
    ready = [pair for pair in pairs if pair[1].asks_something]
    needing_edits = [pair for pair in pairs if not pair[1].asks_something]
    if ready:
        lowest = ready[-1][0].score
        for passage, _ in needing_edits:
            passage.score = min(passage.score, lowest)
    return ready + needing_edits


def announce_missing_data() -> None:
    """Say it here, once, before worker processes start that would each say it."""
    missing = nlp.missing_data()
    if missing:
        warn_missing_data(tuple(missing))


def talk_terms(
    transcript: Transcript,
    sentences: Sequence[nlp.Sentence],
    stopwords: frozenset[str],
    adverts: set[int] | None = None,
) -> nlp.KeyTerms:
    """Key terms of what the talk teaches: not its adverts (`adverts`, found here when not
    given), nor its speakers' names."""
    if adverts is None:
        adverts = ranking.advert_sentences(sentences)
    return nlp.key_terms(
        [
            sentence
            for sentence in sentences
            if sentence.index not in adverts and not detectors.is_sponsor_read(sentence.text)
        ],
        stopwords,
        # from the segments: a Transcript built in code need not list its speakers
        names=ranking.name_words(segment.speaker for segment in transcript.segments),
    )


@cache
def warn_missing_data(missing: tuple[str, ...]) -> None:
    """Once per process: which NLTK data is missing and how to install it."""
    from podcards import ui

    ui.warn(
        f"NLTK data not found ({', '.join(missing)}): extraction quality is reduced. "
        f"Install it with: {nlp.NLTK_DATA_HINT}"
    )


def card_for(
    passage: ranking.Passage,
    draft: CardDraft,
    transcript: Transcript,
    terms: nlp.KeyTerms,
    occurrence: int,
    glossary: dict[str, str],
) -> Card:
    segment = transcript.segments[passage.first.segment]
    content = CardContent(
        note_type=draft.content.note_type,
        front=apply_glossary(draft.content.front, glossary),
        back=apply_glossary(draft.content.back, glossary),
    )
    return Card(
        id=card_id(transcript.slug, passage.first.text, occurrence),
        kind=draft.kind,
        generated=content,
        quote=segment.text[passage.first.start : passage.last.end],
        speaker=passage.first.speaker,
        start=segment.time_at(passage.first.start),
        score=key_point_chance(passage.score),
        tags=tags_for(passage, terms, glossary),
    )


def key_point_chance(score: float) -> float:
    """The ranking's score as a chance from 0 to 1 (see KEY_POINT_MIDPOINT): a scale that
    `--min-score` can mean the same on every talk."""
    return round(1 / (1 + math.exp((KEY_POINT_MIDPOINT - score) / KEY_POINT_SPREAD)), 4)


def topic_before(
    passage: ranking.Passage,
    sentences: Sequence[nlp.Sentence],
    terms: nlp.KeyTerms,
    expansions: dict[str, str],
) -> str | None:
    """What 'it' most likely means: the first thing named in the nearest sentence before the
    passage that names one (see `first_named_thing`); an acronym the talk spells out is shown
    spelled out ('write-ahead log (WAL)')."""
    for sentence in reversed(
        sentences[max(0, passage.first.index - CONTEXT_SENTENCES) : passage.first.index]
    ):
        subject = first_named_thing(sentence, terms)
        if subject:
            return with_acronym(subject, expansions)
    return None


def with_acronym(subject: str, expansions: dict[str, str]) -> str:
    """'WAL' and 'write-ahead log' both as 'write-ahead log (WAL)', when the talk spells it out."""
    if subject in expansions:
        return f"{expansions[subject]} ({subject})"
    acronym = next(
        (short for short, long in expansions.items() if long.lower() == subject.lower()), None
    )
    return f"{subject} ({acronym})" if acronym else subject


OF_BEFORE = re.compile(r"\bof(?: (?:the|a|an))?$", re.IGNORECASE)


def first_named_thing(sentence: nlp.Sentence, terms: nlp.KeyTerms) -> str | None:
    """The sentence's subject, when it names a thing ('But a stool sample only tells you...'
    -> 'stool sample'): what an 'it' after it most likely stands for. None when the subject
    is itself a pronoun ('It's not a great picture...') or missing ('Go to your GP...'). After
    a subject that only picks a part ('the key mechanism is the WAL'), the thing it is."""
    tokens, tags = sentence.tokens, sentence.tags
    verb = next((n for n, tag in enumerate(tags) if nlp.is_verb(tag)), None)
    if verb is None:
        return None  # 'Like a, like a montage.': a fragment has no subject to point back to
    before = [(low, high) for low, high in sentence.chunks if high <= verb]
    for low, high in before:
        if any(tags[n] == "PRP" or tokens[n].lower() in DEMONSTRATIVES for n in range(low)):
            return None
        if OF_BEFORE.search(" ".join(tokens[:low])):
            return None  # 'the flip side of the coin was...': the subject is the vague 'side'
        phrase = named_thing(sentence, low, high, terms)
        if phrase:
            return phrase
    if not before or tokens[verb].lower() not in nlp.BE_FORMS:
        return None
    after = [(low, high) for low, high in sentence.chunks if low > verb][:1]
    return next((named_thing(sentence, low, high, terms) for low, high in after), None)


def named_thing(sentence: nlp.Sentence, low: int, high: int, terms: nlp.KeyTerms) -> str | None:
    """The noun phrase tokens[low:high] as a topic, if it names a thing."""
    article = low > 0 and sentence.tokens[low - 1].lower() in detectors.ARTICLES
    if usable_term(" ".join(sentence.tokens[low - article : high])) is None:
        return None  # 'the key mechanism', 'the number people cite'
    start = nlp.term_start(sentence.tokens, sentence.tags, low, high, terms.stopwords)
    words = sentence.tokens[start:high]
    if not words or len(words) > MAX_TOPIC_WORDS or not words[-1][:1].isalnum():
        return None
    if terms.names.issuperset(word.lower() for word in words):
        return None
    if words[-1].lower() in nlp.VAGUE_NOUNS or usable_term(" ".join(words)) is None:
        return None
    phrase = " ".join(words)
    return terms.shown(phrase.lower()) if phrase.lower() in terms.weights else phrase


def spelled_out(sentences: Sequence[nlp.Sentence]) -> dict[str, str]:
    """Each acronym the talk spells out, with its first spelling ('WAL': 'write-ahead log')."""
    expansions: dict[str, str] = {}
    for sentence in sentences:
        found = detectors.acronym_expansion(sentence.text)
        if found:
            expansions.setdefault(*found)
    return expansions


def question_before(passage: ranking.Passage, sentences: Sequence[nlp.Sentence]) -> str | None:
    """The sentence just before the passage when it is a question: a 'Because...' passage
    answers it, whoever asked."""
    if passage.first.index == 0:
        return None
    before = sentences[passage.first.index - 1].text
    return before if before.rstrip().endswith("?") else None


def tags_for(passage: ranking.Passage, terms: nlp.KeyTerms, glossary: dict[str, str]) -> list[str]:
    """The passage's key terms said as noun phrases, as tags; a term led by a figure ('50%
    accuracy') or a unit alone ('percent', 'hours', 'tens') is no topic to browse by, nor a
    part of a longer term there ('factor' beside 'capacity factor', 'tree' beside 'b-tree'),
    nor the plural of one already there ('shards' beside 'shard')."""
    topics = [
        term
        for term in passage.terms
        if term in terms.phrases and not led_by_figure(term) and not a_unit(term)
    ]
    tags, seen = [], set()
    for term in topics:
        if any(term != other and f" {term} " in f" {other.replace('-', ' ')} " for other in topics):
            continue
        tag = slugify(apply_glossary(terms.shown(term), glossary), fallback="")
        said = "-".join(stem(part) for part in tag.split("-"))  # 'shard' and 'shards': one tag
        if tag and said not in seen:
            tags.append(tag)
            seen.add(said)
    return tags[:MAX_TAGS]


def a_unit(term: str) -> bool:
    return bool(UNIT.fullmatch(term)) or is_count(term.removesuffix("s"))


def led_by_figure(term: str) -> bool:
    return bool(QUANTITY_OPENING.match(term.split()[0].rstrip("%")))


def normalised_text(text: str) -> str:
    return " ".join(re.findall(r"[a-z0-9]+", text.lower()))


def card_id(slug: str, first_sentence: str, occurrence: int) -> str:
    """Stable across re-runs and rule changes: the episode, the words of the quote's first
    sentence and which occurrence of those words it is; never the card's wording, and not the
    quote's length (a rule that adds or drops a following sentence keeps the id)."""
    source = f"{slug}\n{normalised_text(first_sentence)}\n{occurrence}"
    return hashlib.sha1(source.encode("utf-8")).hexdigest()[:12]


def occurrence_indexes(sentences: Sequence[nlp.Sentence]) -> dict[int, int]:
    """For each sentence (by index), how many earlier sentences have the same words."""
    seen: Counter[str] = Counter()
    indexes = {}
    for sentence in sentences:
        key = normalised_text(sentence.text)
        indexes[sentence.index] = seen[key]
        seen[key] += 1
    return indexes
