"""Sentences located by character offsets (quotes stay verbatim), tokenised and tagged; run-on
speech cut into clauses a card can quote alone."""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property, lru_cache
from itertools import pairwise
from typing import TYPE_CHECKING, Any

from podcards.nlp.boundaries import sentence_starts
from podcards.nlp.terms import noun_phrase_spans
from podcards.nlp.toolkit import (
    FINITE_VERB_TAGS,
    Toolkit,
    fallback_tagger,
    nltk_module,
    pretrained_tagger,
)

if TYPE_CHECKING:
    from podcards.models import Transcript

# Treebank-style tokens (so the tagger sees "do" + "n't"), an order of magnitude faster than
# word_tokenize on a 90-minute transcript.
TOKEN_PATTERN = (
    r"\w+(?=n['\u2019]t)|n['\u2019]t|['\u2019](?:s|re|ve|ll|d|m)\b|\$?\d+(?:[.,:]\d+)*%?"
    r"|\w+(?:[-.]\w+|['\u2019](?!(?:s|re|ve|ll|d|m)\b)\w+)*|[^\w\s]"
)
"""Penn Treebank tokens, as the tagger was trained on: 'it's' is 'it' + ''s' and 'don't' is
'do' + 'n't' (whole, a tagger reads 'it's' as an adjective and the words after it wrongly);
'o'clock' and 'O'Reilly' stay one word."""


MAX_SENTENCE_WORDS = 40
"""The longest piece automatic captions are cut into."""
MAX_RUN_ON_WORDS = 55
"""A punctuated sentence longer than this is a run-on, cut at its clauses. Spoken sentences
run long (a tenth of those in real, hand-punctuated episodes pass 40 words), and a fact often
sits in the clause after ', but' ('ideally one nurse to four patients, but on nights it's one to
twelve'): cut at 40 words, the first half outranked the whole."""
MIN_CLAUSE_WORDS = 8
UNPUNCTUATED_WORDS = 2 * MAX_SENTENCE_WORDS
CLAUSE_BOUNDARY = re.compile(
    r"[,;]\s+(?=(?:but|and so|so|whereas|although|though|which means|because|and then|and that's)\b)|;\s+"
)


@dataclass
class Sentence:
    """One sentence of a segment, located by character offsets so quotes stay verbatim."""

    segment: int
    start: int
    end: int
    text: str
    speaker: str | None
    index: int = 0
    offset: int = 0
    """Words spoken before this sentence: its place in the talk, with or without timestamps."""
    after_mark: bool = False
    """A timestamp written in a plain-text transcript, or a dropped sound ('[Laughter]'), stands
    between this sentence and the one before it, so a quote must not join them (captions and
    JSON otherwise keep words contiguous)."""
    tokens: list[str] = field(default_factory=list)
    tags: list[str] = field(default_factory=list)

    @cached_property
    def words(self) -> list[str]:
        """The tokens that are words (kept once computed: ranking asks for them often; the
        tokens are set once, by tagging, before anything reads them)."""
        return [token for token in self.tokens if token[0].isalnum()]

    @cached_property
    def lowered(self) -> str:
        """The words in lower case, space-separated (kept: each passage around the sentence
        looks its key terms up in it)."""
        return " ".join(word.lower() for word in self.words)

    @cached_property
    def chunks(self) -> list[tuple[int, int]]:
        """Token ranges of the sentence's noun phrases (parsed once: key terms and cards both
        need them)."""
        return noun_phrase_spans(self.tokens, self.tags)

    @property
    def phrases(self) -> list[str]:
        return [" ".join(self.tokens[start:end]) for start, end in self.chunks]


@cache
def word_tokenizer() -> Any:
    return nltk_module().tokenize.RegexpTokenizer(TOKEN_PATTERN)


@cache
def token_regex() -> Any:
    """TOKEN_PATTERN compiled by the engine NLTK's RegexpTokenizer uses (`regex`, so the tokens
    are the same) but without its per-call ReDoS timer: the pattern is our own and linear, and
    the timer cost half of tokenising a talk."""
    import regex

    return regex.compile(TOKEN_PATTERN, re.UNICODE | re.MULTILINE | re.DOTALL)


def tokenize(text: str) -> list[str]:
    return token_regex().findall(text)


def split_transcript(transcript: Transcript, toolkit: Toolkit) -> list[Sentence]:
    """Every sentence of every segment, in order, tokenised and tagged (run-on sentences of
    speech cut into their clauses)."""
    sentences = [
        Sentence(
            segment=number,
            start=start,
            end=end,
            text=segment.text[start:end],
            speaker=segment.speaker,
        )
        for number, segment in enumerate(transcript.segments)
        for sentence_start, sentence_end in toolkit.splitter.span_tokenize(segment.text)
        for piece_start, piece_end in clause_spans(segment.text, sentence_start, sentence_end)
        for start, end in cut_at(segment.text, piece_start, piece_end, segment.breaks)
    ]
    tag_sentences(sentences, toolkit)
    spoken = 0
    previous_end = 0
    inline_times = transcript.format == "text"
    for index, sentence in enumerate(sentences):
        sentence.index = index
        sentence.offset = spoken
        spoken += len(sentence.words)
        if index and sentences[index - 1].segment == sentence.segment:
            segment = transcript.segments[sentence.segment]
            stops = [*segment.breaks, *(mark.offset for mark in segment.marks if inline_times)]
            sentence.after_mark = any(previous_end <= stop <= sentence.start for stop in stops)
        previous_end = sentence.end
    return sentences


def cut_at(text: str, start: int, end: int, breaks: list[int]) -> list[tuple[int, int]]:
    """The span, cut where a sound was dropped from the text, each piece without its edge
    spaces (no sentence runs across a laugh or a jingle)."""
    pieces = []
    for stop in [*(offset for offset in breaks if start < offset < end), end]:
        low, high = start, stop
        while low < high and text[low].isspace():
            low += 1
        while high > low and text[high - 1].isspace():
            high -= 1
        if high > low:
            pieces.append((low, high))
        start = stop
    return pieces


def clause_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A run-on spoken sentence split where a new clause begins (', but', ';', ...), so each
    piece can be quoted alone; sentences of normal length stay whole. Text that lost its
    punctuation (automatic captions) is cut before clause-opening words instead."""
    if len(text[start:end].split()) <= MAX_RUN_ON_WORDS:
        return [(start, end)]
    spans = []
    piece_start = start
    for boundary in CLAUSE_BOUNDARY.finditer(text, start, end):
        if (
            len(text[piece_start : boundary.start()].split()) >= MIN_CLAUSE_WORDS
            and len(text[boundary.end() : end].split()) >= MIN_CLAUSE_WORDS
        ):
            spans.append((piece_start, boundary.start() + 1))  # with its comma: a card
            piece_start = boundary.end()  # joining it to the next reads as the sentence did
    spans.append((piece_start, end))
    return [piece for span in spans for piece in unpunctuated_spans(text, *span)]


def unpunctuated_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A stretch far longer than any spoken sentence has lost its punctuation (automatic
    captions): cut it where sentences most likely start (see `boundaries`), no piece longer
    than MAX_SENTENCE_WORDS."""
    if len(text[start:end].split()) <= UNPUNCTUATED_WORDS:
        return [(start, end)]
    spans_of_words = [match.span() for match in re.finditer(r"\S+", text[start:end])]
    words = [text[start + low : start + high] for low, high in spans_of_words]
    starts = [0, *sentence_starts(words, MAX_SENTENCE_WORDS), len(words)]
    return [
        (start + spans_of_words[first][0], start + spans_of_words[after - 1][1])
        for first, after in pairwise(starts)
    ]


def tag_sentences(sentences: Iterable[Sentence], toolkit: Toolkit) -> None:
    sentences = list(sentences)
    token_lists = [tokenize(sentence.text) for sentence in sentences]
    for sentence, tokens, tagged in zip(
        sentences,
        token_lists,
        toolkit.tagger.tag_sents([straight(tokens) for tokens in token_lists]),
        strict=True,
    ):
        sentence.tokens = tokens
        tags = verb_after_subject(sentence.tokens, [tag for _, tag in tagged])
        sentence.tags = participle_after_have(sentence.tokens, tags)


PERFECT_AUXILIARIES = frozenset(["have", "has", "had", "'ve", "'d", "having"])
BE_FORMS = frozenset(["is", "are", "was", "were", "be", "been", "am", "'s", "'re", "'m"])
"""The forms of 'be', as tokens ('it's' is 'it' + ''s')."""
IRREGULAR_PARTICIPLES = frozenset(
    ["heard", "seen", "done", "gone", "known", "made", "found", "given", "taken", "got",
     "gotten", "read", "written", "said", "told", "thought", "brought", "bought", "built",
     "felt", "kept", "left", "lost", "meant", "met", "paid", "sent", "shown", "spent",
     "understood", "won", "become", "begun", "run", "come"]
)  # fmt: skip


def participle_after_have(tokens: list[str], tags: list[str]) -> list[str]:
    """'you might have heard of it': a word after 'have' (an adverb may come between) that
    looks like a past participle is one, though taggers often read it as a noun, which then
    becomes a key term or a cloze answer."""
    fixed = list(tags)
    for position in range(1, len(tokens)):
        before = position - 1
        if fixed[before] == "RB" and before > 0:
            before -= 1
        word = tokens[position].lower()
        participle = word in IRREGULAR_PARTICIPLES or word.endswith("ed")
        if (
            fixed[position].startswith("NN")
            and participle
            and tokens[before].lower().replace("\u2019", "'") in PERFECT_AUXILIARIES
        ):
            fixed[position] = "VBN"
    return fixed


AFTER_VERB_TAGS = frozenset(["RB", "RP", "IN", "DT", "TO", "PRP$", "PRP"])
CATENATIVE_VERBS = frozenset(
    ["tend", "tends", "seem", "seems", "need", "needs", "want", "wants", "appear", "appears",
     "happen", "happens", "fail", "fails", "manage", "manages", "start", "starts", "try", "tries"]
)  # fmt: skip
"""Verbs that take 'to' + a verb ('C-section babies tend to be colonised...'), which taggers
read as nouns after a noun."""
CLAUSE_LINKS = frozenset(["and", "but", "so", "because", "whereas", "while", "although", "if"])
"""Words that open a new clause, which needs a verb of its own."""


def verb_after_subject(tokens: list[str], tags: list[str]) -> list[str]:
    """'Water boils at...', 'Basalt cools quickly': in a clause with no verb yet, a
    plural-looking word right after a noun and followed by an adverb, preposition or article
    is the clause's verb (taggers read it as a plural noun, and the noun phrase would swallow
    it); so is any noun-tagged word before an '-ly' adverb ('reefs recover slowly'), and a
    verb like 'tend' after a noun and before 'to' + verb ('babies tend to be'). Each
    clause of a long spoken sentence gets its own look ('..., and so steel in seawater
    corrodes much faster')."""
    tags = list(tags)
    has_verb = False
    for position in range(1, len(tags) - 1):
        if tokens[position].lower() in CLAUSE_LINKS or tags[position] in (",", ":"):
            has_verb = False
            continue
        if has_verb or tags[position] in FINITE_VERB_TAGS:
            has_verb = True
            continue
        plural_verb = (
            tags[position] == "NNS"
            and tags[position - 1] in ("NN", "NNP", "VBG")  # 'loop unrolling copies the...'
            and tags[position + 1] in AFTER_VERB_TAGS
        )
        before_adverb = (
            tags[position] in ("NN", "NNS")
            and tags[position + 1] == "RB"
            and tokens[position + 1].lower().endswith("ly")
            and not verb_after_adverbs(tags, position + 1)
        )  # 'the native microbiome actually took longer': the verb comes after the adverb
        before_infinitive = (
            tags[position].startswith("NN")
            and tags[position - 1].startswith(("NN", "PRP"))
            and tokens[position].lower() in CATENATIVE_VERBS
            and tokens[position + 1].lower() == "to"
            and tags[position + 2 : position + 3] == ["VB"]
        )
        if plural_verb or before_adverb or before_infinitive:
            tags[position] = "VBZ" if tokens[position].endswith("s") else "VBP"
            has_verb = True
    return tags


DUMMY_IT_VERBS = frozenset(
    ["seems", "seemed", "appears", "appeared", "turns", "turned", "happens", "depends"]
)
DUMMY_IT_AUXILIARIES = frozenset(
    ["'s", "is", "was", "be", "been", "'ll", "will", "would", "'d", "can", "could", "might",
     "may", "should", "must", "not", "n't"]
)  # fmt: skip
DUMMY_IT_REACH = 16
"""Words enough to see what follows an opening 'it' ('It's not really obvious, at first,
why...')."""
DUMMY_IT_LINKS = frozenset(["that", "whether", "how", "why", "what", "when", "if"])
RAISING_ADJECTIVES = frozenset(
    ["able", "unable", "likely", "unlikely", "supposed", "going", "about", "ready", "free",
     "due", "set", "meant", "designed", "used", "similar", "equivalent", "close", "next"]
)  # fmt: skip
"""'It's able to...', 'it's similar to...': the 'it' is the thing said before, not a dummy."""


def dummy_it(tokens: Sequence[str], tags: Sequence[str], position: int = 0) -> bool:
    """'It's easier for a model to find a wrong line than a missing one', 'it turns out
    that...': an 'it' (at position) standing for the clause after it, not pointing back, so
    a sentence opening with it still makes sense alone."""
    words = [token.lower().replace("\u2019", "'") for token in tokens]
    if words[position : position + 1] != ["it"]:
        return False
    if words[position + 1 : position + 2] and words[position + 1] in DUMMY_IT_VERBS:
        return True
    judgement = judgement_after_be(words, tags, position + 1)
    return judgement is not None and clause_follows(words, tags, judgement)


def judgement_after_be(words: list[str], tags: Sequence[str], at: int) -> int | None:
    """Where 'is / would (not) be (really)' puts its adjective ('easier', 'interesting')."""
    linked = False
    while at < len(words) and (words[at] in DUMMY_IT_AUXILIARIES or tags[at].startswith("RB")):
        linked = linked or (words[at] not in ("not", "n't") and not tags[at].startswith("RB"))
        at += 1
    if not linked or at >= len(words) or words[at] in RAISING_ADJECTIVES:
        return None
    return at if tags[at].startswith("JJ") or tags[at] == "VBG" else None


def clause_follows(words: list[str], tags: Sequence[str], judgement: int) -> bool:
    """A 'to' infinitive or a that- or wh-clause follows the adjective within a few words and
    no comma; after an '-ing' word only a that- or wh-clause does ('it's interesting how',
    but 'it's trying to' points back)."""
    for after in range(judgement + 1, min(len(words), judgement + 7)):
        if tags[after] in (",", ".", ":"):
            return False
        if words[after] in DUMMY_IT_LINKS and (words[after] != "that" or after == judgement + 1):
            return True  # 'that' further on may open a relative clause ('hard in a way that')
        infinitive = words[after] == "to" and after + 1 < len(words) and tags[after + 1] == "VB"
        if infinitive and tags[judgement] != "VBG":
            return True
    return False


@lru_cache(maxsize=1024)
def opens_with_dummy_it(text: str) -> bool:
    """A card's text that opens with a dummy 'it' (see dummy_it): its opening words tagged."""
    tokens, tags = zip(*tag_text(" ".join(text.split()[:DUMMY_IT_REACH])), strict=True)
    return dummy_it(tokens, tags)


def is_verb(tag: str) -> bool:
    """A verb or a modal, by its Penn Treebank tag."""
    return tag.startswith("VB") or tag == "MD"


def verb_after_adverbs(tags: list[str], position: int) -> bool:
    """A finite verb follows the adverbs from `position` on ('really only tells')."""
    while position < len(tags) and tags[position].startswith("RB"):
        position += 1
    return position < len(tags) and tags[position] in FINITE_VERB_TAGS


def tag_text(text: str) -> list[tuple[str, str]]:
    """Tokens and tags of a card's cleaned text, with the best tagger available offline."""
    tagger = pretrained_tagger() or fallback_tagger()
    tokens = tokenize(text)
    tags = verb_after_subject(tokens, [tag for _, tag in tagger.tag_sents([straight(tokens)])[0]])
    return list(zip(tokens, tags, strict=True))


QUOTATION_TOKENS = {'"': "``", "\u201c": "``", "\u201d": "''"}


def straight(tokens: list[str]) -> list[str]:
    """Typographic apostrophes made straight for the tagger ('it\u2019s' is 'it' + ''s'), and
    double quotation marks written as in its training text (a bare '"' it tags as a proper
    noun, which then opens a noun phrase: '"Well')."""
    return [QUOTATION_TOKENS.get(token, token.replace("\u2019", "'")) for token in tokens]
