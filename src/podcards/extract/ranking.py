"""Score passages for how well they would teach one fact, then pick a diverse best set.

A passage is one sentence, or two adjacent sentences of the same speaker turn when the claim
needs its neighbour; it is always contiguous transcript text, so its quote stays verbatim.
"""

from __future__ import annotations

import math
import re
from bisect import bisect_left, bisect_right, insort
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cached_property
from itertools import pairwise

from podcards.extract import detectors
from podcards.extract.dedupe import NEAR_DUPLICATE_SIMILARITY, content_words, overlap
from podcards.nlp import KeyTerms, Sentence, dummy_it, term_start
from podcards.nlp.discourse import (
    CONNECTIVES,
    DISCOURSE_MARKERS,
    FILLERS,
    SPOKEN_OPENERS,
    opening_run,
)
from podcards.nlp.terms import STRETCH_SENTENCES

IDEAL_WORDS = (10, 36)
LONG_PENALTY = 0.04
"""Per word past the ideal length. A long sentence is often a whole explanation, and its card
takes the one clause that holds the fact; at twice this, the seven talks we wrote found fewer
of their gold cards in the top 80 (0.726 against 0.735, eight talks in four formats)."""
MAX_PASSAGE_WORDS = 72
"""Two sentences of one turn that need each other are read together up to this length: a fact
said over two long sentences ('The fuel a ship burns goes up with the cube of the speed. So,
roughly, if you cut your speed by twenty percent...') is common in unscripted talk. At 48, the
thirteen tuning talks in four formats found recall@40 0.462 against 0.470 at 72 (held-out
0.406 against 0.430)."""
MAX_INTRODUCED_WORDS = 5
"""A term introduced at a sentence's end is a name of a few words, not a whole phrase."""
MIN_WORDS = 6
MAX_FACT_SCORE = 2.5
FACT_WEIGHT = 1.5
CHATTER_WEIGHT = 3.0
"""Twice a fact cue's weight: one 'thanks', 'I remember' or 'maybe' outweighs a fact cue, as
in our talks such sentences were rarely a gold card (at 1.5: r@40 0.491 against 0.505, prec@40
0.552 against 0.568, eight talks in four formats)."""
MAX_TERM_SCORE = 1.5
HOST_SETUP_PENALTY = 0.8
ASKER_SHARE = 0.5
SPECIFIC_WEIGHT = 0.2
MAX_SPECIFICS_SCORE = 0.6
GUEST_BONUS = 0.2
OPENING_PENALTY = 1.5
OPENING_SHARE = 0.1
MINOR_VOICE_SHARE = 0.1
MINOR_VOICE_PENALTY = 0.4
PAIR_PENALTY = 0.25
SOMEONE_PENALTY = 0.5
PERSON_PENALTY = 1.0
ADVERT_WEIGHT = -2.0
"""As much as a sponsor cue (detectors.SPONSOR), for each sentence of an advert."""
ADVERT_SENTENCES = 12
DEPENDENT_PENALTY = 0.8
REFUTED_PENALTY = -ADVERT_WEIGHT * CHATTER_WEIGHT
"""As much as an advert sentence: a refuted claim is no card at all."""
DIVERSITY_WEIGHT = 2.0
CROWDING_WORDS = 200
POOL_PER_PICK = 5
INFORMATION_WEIGHT = 0.3
MAX_INFORMATION = 8.0
TURN_WEIGHT = 0.4
CENTRALITY_WEIGHT = 1.0
TOPIC_WEIGHT = 0.2
TOPIC_SENTENCES = 20
CROWDING_WEIGHT = 0.5
DEFINITION_SHARE = 0.25
DEFINITION_LIFT = 3.0
CLEAR_DEFINITION = 0.8
CENTRAL_TERMS = 30
CENTRAL_DEFINITION_BONUS = 1.0
ASKED_BONUS = 2.0
ASKED_REACH = 5
SETUP_SENTENCES = 2
LONG_TURN_SENTENCES = 60
PSEUDO_TURN_SENTENCES = STRETCH_SENTENCES
"""A stand-in turn is as long as the stretch key terms are counted over: one notion of
'this part of the talk'."""

SENTENCE_ENDS = frozenset(".!?\"')…")
THIRD_PERSON = re.compile(r"\b(?:he|his|him|she|her|hers)\b", re.IGNORECASE)
"""'He', 'her': the passage is about someone (a caller's son, a colleague, a guest's career),
mostly a story rather than the subject; in eight of our talks such passages were a third as
often gold as the rest."""
SECOND_PERSON = re.compile(r"\b(?:you|your|you're|you've)\b", re.IGNORECASE)
TIMESTAMP = re.compile(r"\b\d{1,2}:\d{2}:\d{2}\b")
CLAUSE_OPENERS = CONNECTIVES | {
    "which", "because", "whereas", "although", "though", "while", "or", "then"
}  # fmt: skip
"""What a sentence in lower case may open with and still be a clause of its own (a run-on sentence
cut at ', which...'): the connectives and the words opening a subordinate clause. Not 'well',
'now' or 'okay', which open a sentence: one in lower case is taken as cut from its sentence."""
DEPENDENT_OPENERS = frozenset(
    ["it", "its", "this", "that", "these", "those", "they", "them", "he", "she", "which", "also",
     "whereas"]
)  # fmt: skip
"""Words a sentence opens with when it points back (tokens: 'it's' is 'it' + ''s')."""
ELABORATION = re.compile(
    r"\W*(?:and |but )?(?:so,? if|so,? for (?:example|instance)|for (?:example|instance)|in other words)\b",
    re.IGNORECASE,
)
"""A sentence working out the one before: 'So if the current is twice as fast, you get eight
times the power' is the example of the law just stated."""
SKIPPED_OPENERS = SPOKEN_OPENERS - FILLERS
"""What `first_word` reads past to a sentence's subject ('Yeah, so it...'); not the fillers,
as it was tuned."""
TITLES = frozenset(["dr", "doctor", "professor", "prof"])


@dataclass
class Passage:
    """A contiguous run of sentences from one segment, scored as a card candidate."""

    sentences: list[Sentence]
    text: str
    cues: dict[str, float]
    terms: list[str]
    words: frozenset[str]
    leans_back: bool = False
    """Explains a term the sentence before it introduced, without naming it."""
    refuted: bool = False
    """Says what the next words flatly deny (see `refuted_sentences`)."""
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

    @cached_property
    def own_counts(self) -> Counter[str]:
        """How many of the passage's own sentences use each word (to leave them out of counts;
        kept: centrality and topicality both need it)."""
        return Counter(word for sentence in self.sentences for word in sentence_words(sentence))

    @property
    def word_count(self) -> int:
        return sum(len(sentence.words) for sentence in self.sentences)


@dataclass(frozen=True)
class Talk:
    """What the whole talk says about its parts: who asks (a host's set-up weighs less than
    answers), how many sentences use each word and where (rarer repeated words carry the
    talk's topics; words crowding round a sentence are the subject of the moment) and the
    words of each speaker turn (a sentence on its turn's subject is its substance)."""

    askers: frozenset[str]
    names: frozenset[str]
    """The words of the speakers' names: a sentence about one of them ('Tomas is a marine
    engineer', 'Keiko Marsh is a staff engineer at...') introduces a person, not the subject."""
    opening: int
    """How many sentences a host says before anyone else speaks: the show's introduction."""
    minor_voices: frozenset[str]
    """Speakers with a small share of the words (callers, audience members): they ask and
    tell their own stories; the knowledge comes from the main voices."""
    sentence_counts: Counter[str]
    turns: list[int]
    """Each sentence's turn number (see `turn_numbers`)."""
    turn_counts: dict[int, Counter[str]]
    turn_sizes: Counter[int]
    sentences: int
    places: dict[str, list[int]]
    """For each word, the indexes of the sentences that use it."""
    asked: dict[int, str]
    """For each sentence, the questions just before it, lower case (see `asked_questions`):
    what it may have been asked to explain."""

    def information(self, words: frozenset[str]) -> float:
        """Inverse sentence frequency of the words the talk repeats: topic words weigh most,
        everyday words little, one-off words (often mishearings) nothing."""
        scale = math.log(max(2, self.sentences))
        return sum(
            math.log(self.sentences / self.sentence_counts[word]) / scale
            for word in words
            if self.sentence_counts[word] >= 2
        )

    def centrality(self, passage: Passage) -> float:
        """Share of the passage's words that the rest of its turn also uses."""
        if not passage.words:
            return 0.0
        turn = self.turn_counts[self.turns[passage.first.index]]
        own = passage.own_counts
        return sum(turn[word] > own[word] for word in passage.words) / len(passage.words)

    def topicality(self, passage: Passage) -> float:
        """How much the passage's words cluster around it: words the nearby talk uses far more
        than the talk as a whole are the subject of the moment, and a sentence made of them is
        on that subject (the turn does not matter, so it works for monologues too)."""
        low = max(0, passage.first.index - TOPIC_SENTENCES)
        high = min(self.sentences, passage.last.index + 1 + TOPIC_SENTENCES)
        nearby = high - low - len(passage.sentences)
        own = passage.own_counts
        total = 0.0
        for word in passage.words:
            count = self.sentence_counts[word]
            if count < 2:
                continue
            where = self.places[word]
            local = bisect_left(where, high) - bisect_left(where, low) - own[word]
            total += math.log((1 + local) / (1 + count * nearby / self.sentences))
        return total


def sentence_words(sentence: Sentence) -> frozenset[str]:
    return content_words(sentence.text)


def study_talk(sentences: Sequence[Sentence]) -> Talk:
    turns = turn_numbers(sentences)
    turn_counts: dict[int, Counter[str]] = {}
    sentence_counts: Counter[str] = Counter()
    places: dict[str, list[int]] = {}
    for sentence in sentences:
        words = sentence_words(sentence)
        sentence_counts.update(words)
        turn_counts.setdefault(turns[sentence.index], Counter()).update(words)
        for word in words:
            places.setdefault(word, []).append(sentence.index)
    askers, quiet = find_askers(sentences), minor_voices(sentences)
    return Talk(
        askers=askers,
        names=name_words(sentence.speaker for sentence in sentences),
        opening=opening_sentences(sentences, askers | quiet),
        minor_voices=quiet,
        sentence_counts=sentence_counts,
        turns=turns,
        turn_counts=turn_counts,
        turn_sizes=Counter(turns),
        sentences=len(sentences),
        places=places,
        asked=asked_questions(sentences),
    )


def asked_questions(sentences: Sequence[Sentence]) -> dict[int, str]:
    """For each sentence, what it may answer (lower case): the questions among the ASKED_REACH
    sentences before it ('So what is viscosity?'), each with the SETUP_SENTENCES before it
    ('Let's talk about lichen. [...] So what is it, really?'), and, in a turn's first
    ASKED_REACH sentences, the whole turn before when another speaker ended it on a question
    ('I want to talk about capacity factor [...] can you give us the proper definition?')."""
    asked: dict[int, str] = {}
    handed_over = ""
    turn_start = answer_start = 0
    questions_at = [detectors.is_question(sentence.text) for sentence in sentences]
    for position, sentence in enumerate(sentences):
        previous = sentences[position - 1] if position else None
        if previous is not None and previous.segment != sentence.segment:
            asker = previous.speaker
            handing = asker and asker != sentence.speaker and questions_at[position - 1]
            turn = sentences[turn_start:position] if handing else []
            handed_over = " ".join(said.lowered for said in turn)
            turn_start = answer_start = position
        questions = [
            " ".join(said.lowered for said in sentences[max(0, at - SETUP_SENTENCES) : at + 1])
            for at in range(max(0, position - ASKED_REACH), position)
            if questions_at[at]
        ]
        if handed_over and position - answer_start < ASKED_REACH:
            questions.append(handed_over)
        if questions:
            asked[sentence.index] = " ".join(questions)
    return asked


def turn_numbers(sentences: Sequence[Sentence]) -> list[int]:
    """Each sentence's turn: its segment, with a very long segment cut into runs of about a
    turn's length. Captions and ASR without speaker labels come as one segment for the whole
    talk, where 'the rest of the turn' would be the whole talk and tell nothing apart."""
    sizes = Counter(sentence.segment for sentence in sentences)
    turns: list[int] = []
    turn, run = -1, 0
    previous = None
    for sentence in sentences:
        run += 1
        long_turn = sizes[sentence.segment] > LONG_TURN_SENTENCES
        if sentence.segment != previous or (long_turn and run > PSEUDO_TURN_SENTENCES):
            turn, run = turn + 1, 1
        previous = sentence.segment
        turns.append(turn)
    return turns


def find_askers(sentences: Sequence[Sentence]) -> frozenset[str]:
    """Askers: the speaker whose turns most often end on a question (the first speaker on a
    tie), plus anyone whose turns mostly do, when several people talk. Questions inside a
    turn are often rhetorical; a turn that ends on one hands the floor over, as a host does."""
    turn_ends = [
        sentence
        for sentence, following in zip(sentences, [*sentences[1:], None], strict=False)
        if following is None or following.segment != sentence.segment
    ]
    asking = [sentence for sentence in turn_ends if detectors.is_question(sentence.text)]
    speakers = [sentence.speaker for sentence in sentences if sentence.speaker]
    if len(set(speakers)) < 2:
        return frozenset()
    questions = Counter(sentence.speaker for sentence in asking if sentence.speaker)
    turns = Counter(sentence.speaker for sentence in turn_ends if sentence.speaker)
    first_seen = {speaker: order for order, speaker in reversed(list(enumerate(speakers)))}
    host = max(set(speakers), key=lambda speaker: (questions[speaker], -first_seen[speaker]))
    askers = {host} | {
        speaker for speaker in turns if questions[speaker] >= ASKER_SHARE * turns[speaker]
    }
    return frozenset(askers)


def name_words(speakers: Iterable[str | None]) -> frozenset[str]:
    """The words of the speakers' names, lower case ('Dr.' and such aside)."""
    words = {word.strip(".,").lower() for name in set(speakers) if name for word in name.split()}
    return frozenset(word for word in words if len(word) > 2 and word.isalpha())


def opening_sentences(sentences: Sequence[Sentence], hosts: frozenset[str]) -> int:
    """Sentences before a second voice first speaks, when a host (one who asks, or who says
    little but opens) speaks first: a show or a lecture starts with someone introducing the
    guest and the topic (who they are, what the talk covers), set-up, not knowledge. A
    lecturer who talks for long before the first question is no introduction: an opening is
    short (under OPENING_SHARE of the talk)."""
    first = sentences[0].speaker if sentences else None
    if first not in hosts:
        return 0
    opening = next((sentence.index for sentence in sentences if sentence.speaker != first), 0)
    return opening if opening <= OPENING_SHARE * len(sentences) else 0


def build_passages(
    sentences: Sequence[Sentence], terms: KeyTerms, adverts: set[int] | None = None
) -> list[Passage]:
    """Every sentence, and every pair of neighbours that could carry one fact together; the
    sentences of an advert (`adverts`, found here when not given: see `advert_sentences`)
    count as sponsor reads."""
    cues = [detectors.detect(sentence.text) for sentence in sentences]
    for index in advert_sentences(sentences) if adverts is None else adverts:
        cues[index][detectors.SPONSOR] = ADVERT_WEIGHT
    explained = explained_terms(sentences, terms.stopwords)
    refuted = refuted_sentences(sentences)
    passages = []
    for position, sentence in enumerate(sentences):
        passage = make_passage([sentence], [cues[position]], terms)
        passage.leans_back = position in explained
        passage.refuted = not refuted.isdisjoint(passage.span)
        passages.append(passage)
        following = sentences[position + 1] if position + 1 < len(sentences) else None
        if following is None:
            continue
        if position + 1 in explained or names_a_term(sentence, following):
            together = same_turn(sentence, following) and (
                len(sentence.words) + len(following.words) <= MAX_PASSAGE_WORDS
            )
        else:
            together = belong_together(sentence, following) and not (
                empty_lead_in(sentence, cues[position], terms) and not points_back(following)
            )
        if together:
            pair = [sentence, following]
            passage = make_passage(pair, cues[position : position + 2], terms)
            passage.refuted = not refuted.isdisjoint(passage.span)
            passages.append(passage)
    return passages


NAMES_A_TERM = re.compile(
    r"\b(?:called|(?:we|they|people|you|i) call|known as|named|stands? for|refers? to|the term|"
    r"the word)\b",
    re.IGNORECASE,
)
NAMES_WHAT_CAME_BEFORE = re.compile(
    r"\b(?:we|they|people|you|i|folks|[a-z]+(?:er|ist|ian)s) (?:call|term|dub|name)"
    r" (?:that|this|it|these|those|them)\b"
    r"|\b(?:that|this|it|these|those|they)(?:'s|'re| is| are| was| were) (?:what (?:\w+ ){0,2}"
    r"(?:call|called|mean)|(?:also |often |sometimes )?(?:called|known as|named|termed))\b",
    re.IGNORECASE,
)


def names_a_term(sentence: Sentence, following: Sentence) -> bool:
    """Two neighbours that together say what a term is: the first names it and the next goes
    on about it ('...what's called a subscription model. The health service pays...'), or the
    next names what the first described ('So by suppressing the small fires we built up the
    fuel. People call that the fire deficit.'). A name for what came before ('We call that
    phase diversity.') pairs with that, not with what follows."""
    names_ahead = NAMES_A_TERM.search(sentence.text) and not NAMES_WHAT_CAME_BEFORE.search(
        sentence.text
    )
    return bool(names_ahead or NAMES_WHAT_CAME_BEFORE.search(following.text))


def refuted_sentences(sentences: Sequence[Sentence]) -> set[int]:
    """Statements the next words flatly deny ('My starter is old, so it's better. Um. No.',
    'You need special equipment. You don't.') or say no longer hold ('That used to be true.'):
    a myth or a belief set up to be knocked down, which a card would teach as fact.
    Hesitations in between are skipped."""
    said = [sentence for sentence in sentences if not FILLERS.issuperset(sentence.lowered.split())]
    return {
        sentence.index
        for sentence, reply in pairwise(said)
        if (detectors.denies(reply.text) and detectors.deniable(sentence.text))
        or detectors.outdates(reply.text)
    }


NAMED_AT_END = re.compile(
    r"\b(?:called|call|known as|named|the term|the word)\b(?:\W+[\w-]+){1,6}\W*$", re.IGNORECASE
)
"""'So one part is what we call stimulus control.': the sentence ends on the name it gives."""
LISTED_AT_END = re.compile(
    "^"
    + opening_run(SPOKEN_OPENERS)
    + r"(?:the |one |another |an? )?(?:[\w-]+ ){0,3}"
    + r"(?:part|kind|type|one|mechanism|classic|treatment|way|step|system|pattern|technique|"
    + r"problem|first|second|third|last)\b[^.?!]{0,60}\b(?:is|are|was)\b",
    re.IGNORECASE,
)
"""'The other big part is sleep restriction.', 'The first is pahoehoe.': one of a list of
kinds, named at the end."""


NAMING_LINKS = frozenset(["is", "are", "was", "called", "call", "named", "as", "term", "word"])
"""The word before a name given at the end ('...is called cache-aside', '...is sleep restriction')."""


EXPLANATION_OPENERS = (DISCOURSE_MARKERS - {"and", "but", "now"}) | {"basically", "essentially"}
"""What an explanation may open with: 'so', 'okay', 'well' and the words announcing one
('basically'); not 'and', 'but' or 'now', as it was tuned."""
EXPLANATION_LEAD = re.compile(
    "^"
    + opening_run(EXPLANATION_OPENERS)
    + r"(?:(?:the (?:\w+ )?idea is|the way (?:we|you|they|"
    + r"people) (?:define|describe|explain) (?:that|it|this) is|(?:it|this|that)(?:'s| is)|"
    + r"they(?:'re| are))(?: that)?,? |(?=you (?!know\b)))",
    re.IGNORECASE,
)
"""How an explanation of the term just named opens: 'The idea is...', 'It's a mask that...',
or what 'you' do ('You only use the bed for sleep...'). Anything else ('The famous one is...',
'A lot of newer phones...') goes on about something else."""


def explained_terms(sentences: Sequence[Sentence], stopwords: frozenset[str]) -> dict[int, str]:
    """The sentences that open by saying what the term named at the end of the sentence before
    them is, each with that term: 'So one part is what we call stimulus control.
    The idea is you only use the bed for sleep...'. The term must be new to the talk (one said
    before is no introduction), and the explanation must open like one (EXPLANATION_LEAD)."""
    explained = {}
    for before, sentence in pairwise(sentences):
        term = named_then_explained(before, sentence, stopwords)
        words = term.lower().split() if term else []
        said = " ".join(words[1:] if words[:1] and words[0] in detectors.ARTICLES else words)
        if said and not any(said in earlier.lowered for earlier in sentences[: before.index]):
            explained[sentence.index] = term
    return explained


def named_then_explained(
    before: Sentence, sentence: Sentence, stopwords: frozenset[str]
) -> str | None:
    """The term `before` ends by naming, when `sentence` (same turn) opens by explaining it."""
    if not (same_turn(before, sentence) and EXPLANATION_LEAD.match(sentence.text)):
        return None
    return term_named_at_end(before, stopwords)


def term_named_at_end(sentence: Sentence, stopwords: frozenset[str]) -> str | None:
    """The term a sentence ends on when it ends by naming one (see NAMED_AT_END and
    LISTED_AT_END), as the sentence writes it, with its article."""
    if not (NAMED_AT_END.search(sentence.text) or LISTED_AT_END.match(sentence.text)):
        return None
    words_end = len(sentence.tokens) - ends_on_mark(sentence)
    if not sentence.chunks or sentence.chunks[-1][1] != words_end:
        return None  # the sentence goes on past its last noun phrase
    low, high = sentence.chunks[-1]
    link = low - 1
    if link > 0 and sentence.tokens[link].lower() in detectors.ARTICLES:
        link -= 1
    if link < 0 or sentence.tokens[link].lower() not in NAMING_LINKS:
        return None
    start = term_start(sentence.tokens, sentence.tags, low, high, stopwords)
    if not 0 < high - start <= MAX_INTRODUCED_WORDS:
        return None
    article = start == low and link < low - 1  # 'a safety stop': its article, kept
    return " ".join(sentence.tokens[start - article : high])


def ends_on_mark(sentence: Sentence) -> int:
    """1 when the sentence's last token is punctuation."""
    return int(bool(sentence.tokens) and not sentence.tokens[-1][0].isalnum())


def same_turn(sentence: Sentence, following: Sentence) -> bool:
    """One speaker turn, no timestamp between: a quote may join them."""
    return following.segment == sentence.segment and not following.after_mark


def advert_sentences(sentences: Sequence[Sentence]) -> set[int]:
    """Indexes of the sentences that read an advert: from 'brought to you by...' or 'a word
    from our sponsor' to its last sales line ('...dot com slash show', 'use the code', 'free
    delivery') within ADVERT_SENTENCES, across the co-hosts' asides in between; the talk
    resumes after that line."""
    found: set[int] = set()
    for start, sentence in enumerate(sentences):
        if detectors.opens_advert(sentence.text):
            stretch = range(start, min(len(sentences), start + ADVERT_SENTENCES))
            last = max(index for index in stretch if sells(sentences[index].text))
            found.update(range(start, last + 1))
    return found


def sells(text: str) -> bool:
    return detectors.opens_advert(text) or detectors.is_sponsor_read(text)


def belong_together(sentence: Sentence, following: Sentence) -> bool:
    """Same turn with no timestamp between, short enough, and one needs the other: the second
    points back ('It...', 'Because...'), one is too short to stand alone, or both are pieces of
    one sentence cut for length (a run-on, or captions that lost their punctuation, where a
    cut can fall inside a fact). Two independent claims stay apart."""
    if not same_turn(sentence, following):
        return False
    if len(sentence.words) + len(following.words) > MAX_PASSAGE_WORDS:
        return False
    one_sentence = sentence.text.rstrip()[-1:] not in SENTENCE_ENDS
    return (
        points_back(following)
        or one_sentence
        or min(len(sentence.words), len(following.words)) < IDEAL_WORDS[0]
    )


def points_back(sentence: Sentence) -> bool:
    """Needs the sentence before it: 'It...', 'Because...', 'So if...'."""
    return (
        opens_dependent(sentence)
        or sentence.words[:1] in (["because"], ["which"])
        or bool(ELABORATION.match(sentence.text))
    )


def empty_lead_in(sentence: Sentence, cues: dict[str, float], terms: KeyTerms) -> bool:
    """A short sentence that names no key term and states nothing ('I hear that one a lot.',
    'Here's the thing.'): what follows is better alone than led in by it."""
    return (
        len(sentence.words) < IDEAL_WORDS[0]
        and sentence.text.rstrip()[-1:] in SENTENCE_ENDS
        and not terms.found_in([sentence])
        and not any(weight > 0 for weight in cues.values())
    )


def make_passage(
    sentences: list[Sentence], cues: list[dict[str, float]], terms: KeyTerms
) -> Passage:
    text = " ".join(sentence.text.strip() for sentence in sentences)
    merged: dict[str, float] = {}
    for found in cues:
        for kind, weight in found.items():
            current = merged.get(kind, 0.0)
            merged[kind] = max(current, weight) if weight > 0 else min(current, weight)
    return Passage(
        sentences=sentences,
        text=text,
        cues=merged,
        terms=terms.found_in(sentences),
        words=content_words(text),
    )


def score_passages(passages: Sequence[Passage], terms: KeyTerms, talk: Talk) -> None:
    """A passage's worth as a card: facts and key terms up, chatter and rambling down."""
    top_weight = max(terms.weights.values(), default=1.0)
    central = central_terms(terms)
    subjects = main_subjects(terms)
    for passage in passages:
        introduces = introduces_a_speaker(passage, talk)
        reasons = {
            "facts": FACT_WEIGHT
            * min(MAX_FACT_SCORE, sum(weight for weight in passage.cues.values() if weight > 0)),
            "chatter": CHATTER_WEIGHT
            * sum(weight for weight in passage.cues.values() if weight < 0),
            "terms": min(
                MAX_TERM_SCORE, sum(terms.weights[term] / top_weight for term in passage.terms)
            ),
            "specifics": min(MAX_SPECIFICS_SCORE, SPECIFIC_WEIGHT * specific_words(passage)),
            "length": length_fit(passage.word_count),
            "role": speaker_role(passage.first, talk, hedged=detectors.HEDGE in passage.cues),
            "information": INFORMATION_WEIGHT
            * min(MAX_INFORMATION, talk.information(passage.words)),
            "substance": TURN_WEIGHT
            * math.log(1 + talk.turn_sizes[talk.turns[passage.first.index]]),
            "centrality": CENTRALITY_WEIGHT * talk.centrality(passage),
            "topicality": TOPIC_WEIGHT * talk.topicality(passage),
            "artifact": -1.0 if TIMESTAMP.search(passage.text) else 0.0,
            "personal": -max(0.0, detectors.first_person_share(passage.text) - 0.1) * 6,
            "person": -PERSON_PENALTY if introduces else 0.0,
            "someone": -SOMEONE_PENALTY if THIRD_PERSON.search(passage.text) else 0.0,
            "dependent": -DEPENDENT_PENALTY
            if opens_dependent(passage.first) or passage.leans_back
            else 0.0,
            "fragment": -0.4 if is_fragment(passage.first) else 0.0,
            "pair": -PAIR_PENALTY if len(passage.sentences) > 1 else 0.0,
            "refuted": -REFUTED_PENALTY if passage.refuted else 0.0,
            "asked": ASKED_BONUS if answers_definition(passage, talk) else 0.0,
            "central": CENTRAL_DEFINITION_BONUS
            if defines_central(passage, central, subjects) and not introduces
            else 0.0,
        }
        passage.reasons = reasons
        passage.score = round(sum(reasons.values()), 4)


def answers_definition(passage: Passage, talk: Talk) -> bool:
    """Defines a term the other speaker just asked about: the answer to 'What is X?'."""
    question = talk.asked.get(passage.first.index)
    return (
        bool(question)
        and defines(passage)
        and any(f" {term} " in f" {question} " for term in passage.terms)
    )


def central_terms(terms: KeyTerms) -> frozenset[str]:
    """The talk's CENTRAL_TERMS heaviest key terms: what it is about. A listener must know
    what these are; in our eight talks with gold cards, a definition naming one was a
    must-have card about four times as often as other definitions (26% against 7%)."""
    ranked = sorted(terms.weights, key=lambda term: (-terms.weights[term], term))
    return frozenset(ranked[:CENTRAL_TERMS])


MAIN_SUBJECT_OPENING = "^" + opening_run(detectors.DEFINITION_OPENERS - {"basically"})
"""What a definition of a main subject may open with: what any definition may, but 'basically',
as it was tuned."""


def main_subjects(terms: KeyTerms) -> re.Pattern[str] | None:
    """A sentence that opens by saying what one of the talk's most frequent terms is ('So, a
    transaction is...', 'Probiotics are...'). Those terms are everywhere, so they weigh
    little and are rarely central, but they are what the talk is about."""
    if not terms.frequent:
        return None
    named = "|".join(re.escape(term) for term in sorted(terms.frequent, key=len, reverse=True))
    return re.compile(
        MAIN_SUBJECT_OPENING + rf"(?:a |an |the )?(?:{named}) (?:is|are)\b",
        re.IGNORECASE,
    )


def defines_central(
    passage: Passage, central: frozenset[str], subjects: re.Pattern[str] | None = None
) -> bool:
    """Defines a central term or a main subject, and is no chatter ('my dog, who is called
    Basalt')."""
    names_one = bool(central.intersection(passage.terms)) or bool(
        subjects and subjects.match(passage.sentences[0].text)
    )
    return defines(passage) and names_one and all(weight > 0 for weight in passage.cues.values())


def introduces_a_speaker(passage: Passage, talk: Talk) -> bool:
    """Says who one of the speakers is: no fact of the subject, nor a term to define."""
    return any(about_a_speaker(sentence, talk) for sentence in passage.sentences)


def about_a_speaker(sentence: Sentence, talk: Talk) -> bool:
    """The sentence's subject is one of the people talking ('Tomas is a marine engineer')."""
    return first_word(sentence, skipping=SKIPPED_OPENERS | TITLES) in talk.names


def length_fit(words: int) -> float:
    """Cards want one claim: long enough to hold it, short enough to read at a glance."""
    low, high = IDEAL_WORDS
    if words < MIN_WORDS:
        return -2.0
    if words < low:
        return -0.3 * (low - words)
    if words <= high:
        return 0.5
    return 0.5 - LONG_PENALTY * (words - high)


def minor_voices(sentences: Sequence[Sentence]) -> frozenset[str]:
    """Speakers with less than MINOR_VOICE_SHARE of the talk's words."""
    words: Counter[str] = Counter()
    for sentence in sentences:
        if sentence.speaker:
            words[sentence.speaker] += len(sentence.words)
    total = max(1, sum(words.values()))
    return frozenset(
        speaker for speaker, count in words.items() if count < MINOR_VOICE_SHARE * total
    )


def speaker_role(sentence: Sentence, talk: Talk, hedged: bool = False) -> float:
    """Guests' answers carry the knowledge; a host's questions, addressing and musing ('it
    seems like maybe...', 'I feel like...') are set-up, but a host who explains (a chart, a
    number, a term) states facts like anyone else; a caller or audience member mostly asks or
    tells their own story."""
    askers = talk.askers
    if not askers or sentence.speaker is None:
        return 0.0
    if sentence.index < talk.opening:
        return -OPENING_PENALTY
    if sentence.speaker in askers:
        addressing = SECOND_PERSON.search(sentence.text) or detectors.is_question(sentence.text)
        return -HOST_SETUP_PENALTY if addressing or hedged else 0.0
    return -MINOR_VOICE_PENALTY if sentence.speaker in talk.minor_voices else GUEST_BONUS


def is_fragment(sentence: Sentence) -> bool:
    """Starts mid-sentence (a page break or a cut caption), not at a clause of its own."""
    return (
        sentence.text[:1].islower()
        and sentence.words[:1] != []
        and sentence.words[0].lower() not in CLAUSE_OPENERS
    )


def specific_words(passage: Passage) -> int:
    """Names, acronyms and numbers past the first word: the specifics a fact is made of."""
    found = {
        token.lower()
        for sentence in passage.sentences
        for position, (token, tag) in enumerate(zip(sentence.tokens, sentence.tags, strict=True))
        if position > 0 and (tag.startswith("NNP") or tag == "CD") and token[0].isalnum()
    }
    return len(found)


def opens_dependent(sentence: Sentence) -> bool:
    """Starts by pointing back ('It is...', 'That's why...', or past a fronted phrase: 'For
    most of us it runs...', 'If it's confirmed...'), so alone it lacks its topic."""
    opener = first_word(sentence, skipping=SKIPPED_OPENERS)
    if opener in FRONTING_WORDS:
        return fronts_a_pointer(sentence)
    if opener != "it":
        return opener in DEPENDENT_OPENERS
    position = next(at for at, token in enumerate(sentence.tokens) if token.lower() == "it")
    return not dummy_it(sentence.tokens, sentence.tags, position)


FRONTING_WORDS = frozenset(["for", "in", "if", "when", "once", "on", "at", "after", "before"])
FRONTED_REACH = 6
"""Words a fronted phrase takes before the subject ('For most of us it...')."""


def fronts_a_pointer(sentence: Sentence) -> bool:
    """'it' or 'they' in the few words after a fronted phrase: the subject, pointing back."""
    words = [token.lower() for token in sentence.tokens[:FRONTED_REACH]]
    return any(
        word in ("it", "they") and not dummy_it(sentence.tokens, sentence.tags, position)
        for position, word in enumerate(words)
    )


def first_word(sentence: Sentence, skipping: frozenset[str]) -> str:
    """The sentence's first word (lower case) past the discourse markers and such it opens
    with ('And so, Dr. Ruiz...' -> 'ruiz')."""
    return next((word.lower() for word in sentence.words if word.lower() not in skipping), "")


def select(passages: Sequence[Passage], limit: int) -> list[Passage]:
    """Best first, each new pick penalised by its likeness to those already picked (MMR) and
    by crowding: a talk spreads its knowledge over its whole length, so a stretch that already
    holds more picks than its fair share yields to stretches that hold fewer.

    Definitions get a lift while they hold under DEFINITION_SHARE of the picks: number-rich
    claims stack more cues, but a deck that teaches a talk needs its terms defined too.
    Passages sharing a sentence with a pick, or restating one, are skipped: one card per fact.
    A pick's score becomes its penalised value (never above the pick before it), so scores
    fall along the ranking.
    """
    pool = sorted(
        (passage for passage in passages if passage.score > 0),
        key=lambda passage: (-passage.score, passage.first.index, len(passage.sentences)),
    )[: POOL_PER_PICK * limit]
    talk_words = max(1, max((passage.last.offset for passage in passages), default=0))
    rivals = Rivals(pool)
    chosen: list[Passage] = []
    places: list[int] = []
    while len(chosen) < limit:
        fair_share = len(chosen) * 2 * CROWDING_WORDS / talk_words
        lift = definition_lift(chosen)
        best, best_value = None, -math.inf
        for number, passage in enumerate(pool):
            if not rivals.open[number]:
                continue  # a pick (its score now penalised) or a closed passage
            if passage.score + lift <= best_value:
                break  # penalties only lower a value: no later passage can beat the best
            if not rivals.catch_up(number, chosen):
                continue
            value = (
                passage.score
                - DIVERSITY_WEIGHT * rivals.likeness[number]
                - CROWDING_WEIGHT * max(0.0, neighbours(places, passage.first.offset) - fair_share)
                + (lift if defines(passage) else 0.0)
            )
            if value > best_value:
                best, best_value = number, value
        if best is None:
            break
        pick = pool[best]
        rivals.remove(best)
        pick.score = round(min(best_value, chosen[-1].score if chosen else best_value), 4)
        chosen.append(pick)
        insort(places, pick.first.offset)
        rivals.used.update(pick.span)
    return chosen


def defines(passage: Passage) -> bool:
    return passage.cues.get(detectors.DEFINITION, 0.0) >= CLEAR_DEFINITION


def definition_lift(chosen: list[Passage]) -> float:
    """How much a definition gains now: more the fewer of the picks so far define."""
    share = sum(map(defines, chosen)) / len(chosen) if chosen else 0.0
    return DEFINITION_LIFT * max(0.0, DEFINITION_SHARE - share)


class Rivals:
    """Which pool passages are still open and how like the picks they are, brought up to date
    only when a passage is looked at (its value only falls as picks are added, so the picks
    it has not met yet matter only if it could still win)."""

    def __init__(self, pool: list[Passage]) -> None:
        self.pool = pool
        self.open = [True] * len(pool)
        self.likeness = [0.0] * len(pool)
        self.met = [0] * len(pool)
        self.used: set[int] = set()

    def remove(self, number: int) -> None:
        self.open[number] = False

    def catch_up(self, number: int, chosen: list[Passage]) -> bool:
        """Whether the passage is still open once compared with the picks it has not met:
        sharing a sentence with a pick or restating one closes it (a definition and a claim
        on the same topic are two facts, however many words they share)."""
        passage = self.pool[number]
        if self.used.intersection(passage.span):
            self.open[number] = False
            return False
        for pick in chosen[self.met[number] :]:
            closeness = overlap(passage.words, pick.words)
            if closeness >= NEAR_DUPLICATE_SIMILARITY and defines(passage) == defines(pick):
                self.open[number] = False
                return False
            self.likeness[number] = max(self.likeness[number], closeness)
        self.met[number] = len(chosen)
        return True


def neighbours(places: list[int], offset: int) -> int:
    """How many picks lie within CROWDING_WORDS of this place in the talk."""
    return bisect_right(places, offset + CROWDING_WORDS) - bisect_left(
        places, offset - CROWDING_WORDS
    )
