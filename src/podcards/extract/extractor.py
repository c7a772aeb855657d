"""From a transcript to ranked candidate cards: sentences, key terms, scores, selection, cards."""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Sequence
from functools import cache

from podcards import nlp
from podcards.extract import detectors, ranking
from podcards.extract.cards import CardDraft, make_card
from podcards.extract.glossary import apply_glossary
from podcards.models import Card, CardContent, Transcript
from podcards.paths import slugify

WORDS_PER_CANDIDATE = 75
MIN_CANDIDATES = 20
MAX_TAGS = 3
CONTEXT_SENTENCES = 3


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
    terms = talk_terms(transcript, sentences, toolkit.stopwords)
    passages = ranking.build_passages(sentences, terms)
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
    """A passage whose card found nothing to ask or hide (quality 0) would make the reviewer
    write the card: it goes after the others, its score no higher than theirs."""
    pairs = list(zip(chosen, drafts, strict=True))
    ready = [pair for pair in pairs if pair[1].quality > 0]
    needing_edits = [pair for pair in pairs if pair[1].quality <= 0]
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
    transcript: Transcript, sentences: Sequence[nlp.Sentence], stopwords: frozenset[str]
) -> nlp.KeyTerms:
    """Key terms of what the talk teaches: not its adverts, nor its speakers' names."""
    return nlp.key_terms(
        [sentence for sentence in sentences if not detectors.is_sponsor_read(sentence.text)],
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
        score=passage.score,
        tags=tags_for(passage, terms, glossary),
    )


def topic_before(
    passage: ranking.Passage,
    sentences: Sequence[nlp.Sentence],
    terms: nlp.KeyTerms,
    expansions: dict[str, str],
) -> str | None:
    """The heaviest key term of the few sentences before the passage: what 'it' most likely
    means; an acronym the talk spells out is shown spelled out ('write-ahead log (WAL)')."""
    for sentence in reversed(
        sentences[max(0, passage.first.index - CONTEXT_SENTENCES) : passage.first.index]
    ):
        found = terms.found_in([sentence])
        if found:
            shown = terms.shown(found[0])
            return f"{expansions[shown]} ({shown})" if shown in expansions else shown
    return None


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
    tags = []
    for term in passage.terms:
        tag = slugify(apply_glossary(terms.shown(term), glossary), fallback="")
        if tag and tag not in tags:
            tags.append(tag)
    return tags[:MAX_TAGS]


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
