"""Sentences, tokens, part-of-speech tags, noun phrases and key terms, with NLTK and offline.

With the NLTK data installed (`NLTK_DATA`) the pre-trained Punkt model, perceptron tagger and
stop-word list are used. Without it every piece falls back to something that needs no data:
Punkt trained on the transcript itself, a RegexpTagger built from closed-class word lists and
suffix rules, and a built-in stop-word list. One warning line says quality is reduced.
"""

from __future__ import annotations

import math
import re
import sys
from collections import Counter
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property
from itertools import pairwise
from typing import TYPE_CHECKING, Any, Protocol

if TYPE_CHECKING:
    from podcards.models import Transcript

NLTK_DATA_HINT = "python -m nltk.downloader punkt_tab averaged_perceptron_tagger_eng stopwords"

PUNKT_RESOURCE = "tokenizers/punkt_tab/english/"
TAGGER_RESOURCE = "taggers/averaged_perceptron_tagger_eng/"
STOPWORDS_RESOURCE = "corpora/stopwords/english"

# Treebank-style tokens (so the tagger sees "do" + "n't"), an order of magnitude faster than
# word_tokenize on a 90-minute transcript.
TOKEN_PATTERN = (
    r"\w+(?=n't)|n't|'(?:s|re|ve|ll|d|m)\b|\$?\d+(?:[.,:]\d+)*%?|\w+(?:[-'.]\w+)*|[^\w\s]"
)

ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs", "etc", "e.g", "i.e", "inc", "ltd",
    "co", "corp", "dept", "approx", "fig", "no", "vol", "u.s", "u.k", "a.m", "p.m", "ph.d",
}  # fmt: skip

MAX_SENTENCE_WORDS = 40
MIN_CLAUSE_WORDS = 8
UNPUNCTUATED_WORDS = 2 * MAX_SENTENCE_WORDS
UNPUNCTUATED_PIECE_WORDS = 20
CLAUSE_OPENING_WORDS = frozenset(
    [
        "so",
        "and",
        "but",
        "because",
        "which",
        "then",
        "now",
        "okay",
        "well",
        "whereas",
        "although",
        "though",
        "while",
        "when",
        "if",
        "since",
        "or",
        "after",
        "before",
        "until",
        "unless",
        "i",
        "we",
        "he",
        "she",
        "they",
        "it",
        "there",
        "yeah",
    ]
)
DISCOURSE_MARKERS = frozenset(["so", "but", "now", "okay", "well", "yeah", "because"])
LEADING_INTO_CLAUSE = frozenset(
    ["that", "what", "which", "who", "when", "where", "how", "why", "if", "because", "so", "and",
     "but", "or", "than", "as", "the", "a", "an", "to", "of", "in", "on", "for", "with", "like",
     "said", "think", "know", "mean", "guess", "say", "then", "whether", "until", "since"]
)  # fmt: skip
PIECE_DRIFT = 16
"""Words away from the ideal piece length that cost as much as one step of opening strength."""
CLAUSE_BOUNDARY = re.compile(
    r"[,;]\s+(?=(?:but|and so|so|whereas|although|though|which means|because|and then|and that's)\b)|;\s+"
)
STRETCH_SENTENCES = 20
"""Key terms are weighed by how many stretches of this many sentences they appear in."""

NOUN_PHRASE_PATTERN = "<JJ|JJR|JJS|VBG|VBN|NN.*>*<NN.*>+<CD>?"
"""A noun phrase, as a RegexpParser chunk rule: modifiers, nouns, an optional number."""

# Closed-class words and function words: used as the stop-word list and to tag without data.
CLOSED_CLASS_TAGS: dict[str, str] = {
    "DT": "the a an this that these those every each some any no all both either neither another",
    "IN": "of in on at by for with from about into over under between through during before "
    "after above below since until against among without within upon via than because "
    "although though while whereas unlike if like as per",
    "TO": "to",
    "CC": "and or but nor yet",
    "PRP": "i you he she it we they me him her us them myself yourself itself themselves",
    "PRP$": "my your his its our their",
    "MD": "can could will would shall should may might must 'll 'd",
    "VBZ": "is has does 's",
    "VBP": "are am have do 're 've 'm",
    "VBD": "was were had did",
    "VB": "be",
    "VBN": "been",
    "VBG": "being",
    "WDT": "which whatever",
    "WP": "what who whom whose",
    "WRB": "when where why how",
    "RB": "not n't very really also just too only never always often sometimes already still "
    "even quite so then there here now again maybe perhaps probably actually basically",
    "EX": "there",
    "UH": "um uh oh yeah yes okay ok well hmm wow",
    "CD": "one two three four five six seven eight nine ten eleven twelve twenty thirty forty "
    "fifty hundred thousand million billion trillion",
}
EXTRA_STOPWORDS = (
    "am is are was were be been being have has had having do does did doing would should could "
    "ought i'm you're he's she's it's we're they're i've you've we've they've i'd you'd he'd "
    "she'd we'd they'd i'll you'll he'll she'll we'll they'll isn't aren't wasn't weren't "
    "hasn't haven't hadn't doesn't don't didn't won't wouldn't shan't shouldn't can't cannot "
    "couldn't mustn't let's that's who's what's here's there's when's where's why's how's "
    "own same other such more most few s t don just ours yours hers theirs ourselves "
    "yourselves himself herself once further out off up down"
)

SUFFIX_TAGS = [
    (r"^-?\$?\d+(?:[.,:]\d+)*%?$", "CD"),
    (r"^[^\w]+$", "."),
    (r"^[A-Z]{2,}s?$", "NNP"),
    (r".*ing$", "VBG"),
    (r".*ed$", "VBN"),
    (r".*ly$", "RB"),
    (r".*(?:able|ible|al|ous|ful|ive|ic|less|ish)$", "JJ"),
    (r".*(?:ness|ment|tion|sion|ity|ism|ist|ence|ance|er|or)s$", "NNS"),
    (r"^[A-Z][a-z]", "NNP"),
    (r".*[^s]s$", "NNS"),
    (r".*", "NN"),
]

VAGUE_NOUNS = set(
    [
        "thing",
        "things",
        "lot",
        "lots",
        "way",
        "ways",
        "kind",
        "kinds",
        "sort",
        "sorts",
        "people",
        "person",
        "guy",
        "guys",
        "stuff",
        "bit",
        "time",
        "times",
        "question",
        "questions",
        "point",
        "points",
        "yeah",
        "okay",
        "today",
        "year",
        "years",
        "day",
        "days",
        "week",
        "weeks",
        "example",
        "examples",
        "case",
        "cases",
        "idea",
        "ideas",
        "part",
        "parts",
        "fact",
        "sense",
        "something",
        "anything",
        "everything",
        "nothing",
        "someone",
        "anyone",
        "everyone",
        "one",
        "ones",
        "others",
        "number",
        "numbers",
        "end",
        "place",
        "places",
        "world",
        "reason",
        "reasons",
        "moment",
        "moments",
        "answer",
        "answers",
        "problem",
        "problems",
        "term",
        "terms",
        "matter",
        "level",
        "levels",
        "area",
        "areas",
        "side",
        "sides",
        "aspect",
        "aspects",
        "type",
        "types",
        "version",
        "versions",
        "show",
        "episode",
        "episodes",
        "podcast",
        "podcasts",
        "conversation",
        "guest",
        "host",
        "audience",
        "listener",
        "listeners",
        "thanks",
        "thank",
        "welcome",
        "hello",
        "congratulations",
        "bye",
        "order",
        "course",
        "deal",
    ]
)
NUMBER_WORDS = frozenset(CLOSED_CLASS_TAGS["CD"].split())


class Tagger(Protocol):
    def tag_sents(self, sentences: Sequence[Sequence[str]]) -> list[list[tuple[str, str]]]: ...


@dataclass
class Toolkit:
    """The NLTK parts in use: with data, or their data-free stand-ins."""

    splitter: Any
    tagger: Tagger
    stopwords: frozenset[str]
    missing: list[str] = field(default_factory=list)

    @property
    def complete(self) -> bool:
        return not self.missing


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
    """A timestamp written in a plain-text transcript stands between this sentence and the one
    before it, so a quote must not join them (captions and JSON keep words contiguous)."""
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
def nltk_module() -> Any:
    """Import nltk without scipy and numpy: they are optional to it and cost ~1.5 s to load."""
    blocked = [name for name in ("scipy", "numpy") if name not in sys.modules]
    for name in blocked:
        sys.modules[name] = None  # type: ignore[assignment]
    try:
        import nltk
        import nltk.collocations
    finally:
        for name in blocked:
            del sys.modules[name]
    return nltk


def has_resource(name: str) -> bool:
    try:
        nltk_module().data.find(name)
    except LookupError:
        return False
    return True


def missing_data() -> list[str]:
    """The NLTK data packages not installed, found without loading any model."""
    resources = {
        "punkt_tab": PUNKT_RESOURCE,
        "averaged_perceptron_tagger_eng": TAGGER_RESOURCE,
        "stopwords": STOPWORDS_RESOURCE,
    }
    return [name for name, resource in resources.items() if not has_resource(resource)]


def load_toolkit(training_text: str) -> Toolkit:
    """The best parts available offline; `training_text` trains Punkt when its model is absent."""
    missing = []
    splitter = pretrained_splitter()
    if splitter is None:
        missing.append("punkt_tab")
        splitter = trained_punkt(training_text)
    tagger = pretrained_tagger()
    if tagger is None:
        missing.append("averaged_perceptron_tagger_eng")
        tagger = fallback_tagger()
    stopwords = pretrained_stopwords()
    if stopwords is None:
        missing.append("stopwords")
        stopwords = builtin_stopwords()
    return Toolkit(splitter=splitter, tagger=tagger, stopwords=stopwords, missing=missing)


def warm_up() -> None:
    """Load NLTK and its models now (once per process), so the first extraction is not slower."""
    pretrained_splitter()
    pretrained_tagger()
    pretrained_stopwords()
    noun_phrase_regex()


@cache
def pretrained_splitter() -> Any | None:
    if not has_resource(PUNKT_RESOURCE):
        return None
    return nltk_module().tokenize.PunktTokenizer("english")


@cache
def pretrained_tagger() -> Tagger | None:
    if not has_resource(TAGGER_RESOURCE):
        return None
    return quick_perceptron_or_nltk(nltk_module().tag.PerceptronTagger())


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


@cache
def pretrained_stopwords() -> frozenset[str] | None:
    if not has_resource(STOPWORDS_RESOURCE):
        return None
    return frozenset(nltk_module().corpus.stopwords.words("english")) | builtin_stopwords()


def trained_punkt(text: str) -> Any:
    """Punkt learns abbreviations and sentence starters from the transcript itself."""
    punkt = nltk_module().tokenize.punkt
    trainer = punkt.PunktTrainer()
    trainer.train(text, finalize=False)
    trainer.finalize_training()
    params = trainer.get_params()
    params.abbrev_types.update(ABBREVIATIONS)
    return punkt.PunktSentenceTokenizer(params)


@cache
def fallback_tagger() -> Tagger:
    """Closed-class words by lookup, the rest by suffix: rough, but enough to find nouns."""
    tag = nltk_module().tag
    lookup = {
        word: name for name, words in reversed(CLOSED_CLASS_TAGS.items()) for word in words.split()
    }
    lookup.update({word.capitalize(): name for word, name in lookup.items()})
    return tag.UnigramTagger(model=lookup, backoff=tag.RegexpTagger(SUFFIX_TAGS))


@cache
def builtin_stopwords() -> frozenset[str]:
    words = {
        word for name, text in CLOSED_CLASS_TAGS.items() if name != "CD" for word in text.split()
    }
    return frozenset(words | set(EXTRA_STOPWORDS.split()))


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
        for start, end in clause_spans(segment.text, sentence_start, sentence_end)
    ]
    tag_sentences(sentences, toolkit)
    spoken = 0
    previous_end = 0
    inline_times = transcript.format == "text"
    for index, sentence in enumerate(sentences):
        sentence.index = index
        sentence.offset = spoken
        spoken += len(sentence.words)
        if inline_times and index and sentences[index - 1].segment == sentence.segment:
            sentence.after_mark = any(
                previous_end <= mark.offset <= sentence.start
                for mark in transcript.segments[sentence.segment].marks
            )
        previous_end = sentence.end
    return sentences


def clause_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A run-on spoken sentence split where a new clause begins (', but', ';', ...), so each
    piece can be quoted alone; sentences of normal length stay whole. Text that lost its
    punctuation (automatic captions) is cut before clause-opening words instead."""
    if len(text[start:end].split()) <= MAX_SENTENCE_WORDS:
        return [(start, end)]
    spans = []
    piece_start = start
    for boundary in CLAUSE_BOUNDARY.finditer(text, start, end):
        if (
            len(text[piece_start : boundary.start()].split()) >= MIN_CLAUSE_WORDS
            and len(text[boundary.end() : end].split()) >= MIN_CLAUSE_WORDS
        ):
            spans.append((piece_start, boundary.start()))
            piece_start = boundary.end()
    spans.append((piece_start, end))
    return [piece for span in spans for piece in unpunctuated_spans(text, *span)]


def unpunctuated_spans(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """A stretch far longer than any spoken sentence has lost its punctuation: cut it into
    pieces of about a spoken sentence's length (at most MAX_SENTENCE_WORDS), each at the
    likeliest sentence start near that length (see `opening_strength`), when there is one."""
    if len(text[start:end].split()) <= UNPUNCTUATED_WORDS:
        return [(start, end)]
    spans_of_words = [match.span() for match in re.finditer(r"\S+", text[start:end])]
    words = [text[start + low : start + high].lower() for low, high in spans_of_words]
    spans = []
    first = 0
    while len(words) - first > MAX_SENTENCE_WORDS:
        target = first + UNPUNCTUATED_PIECE_WORDS
        window = range(first + MIN_CLAUSE_WORDS, first + MAX_SENTENCE_WORDS + 1)
        strengths = {position: opening_strength(words, position) for position in window}
        openers = [position for position, strength in strengths.items() if strength > 0]
        cut = max(
            openers,
            key=lambda position: strengths[position] - abs(position - target) / PIECE_DRIFT,
            default=target,
        )
        spans.append((start + spans_of_words[first][0], start + spans_of_words[cut - 1][1]))
        first = cut
    spans.append((start + spans_of_words[first][0], end))
    return spans


def opening_strength(words: list[str], position: int) -> float:
    """How surely a spoken sentence starts at this word: discourse markers ('so', 'but',
    'okay') most, other clause openers less, and nothing where the word before leads into it
    ('that i', 'what we', 'and so': the clause started earlier)."""
    word, before = words[position], words[position - 1]
    if word not in CLAUSE_OPENING_WORDS or before in LEADING_INTO_CLAUSE:
        return 0.0
    return 2.0 if word in DISCOURSE_MARKERS else 1.0


def tag_sentences(sentences: Iterable[Sentence], toolkit: Toolkit) -> None:
    sentences = list(sentences)
    token_lists = [tokenize(sentence.text) for sentence in sentences]
    for sentence, tagged in zip(sentences, toolkit.tagger.tag_sents(token_lists), strict=True):
        sentence.tokens = [token for token, _ in tagged]
        sentence.tags = verb_after_subject(sentence.tokens, [tag for _, tag in tagged])


AFTER_VERB_TAGS = frozenset(["RB", "IN", "DT", "TO", "PRP$", "PRP"])
FINITE_VERB_TAGS = frozenset(["VBZ", "VBP", "VBD", "MD"])


def verb_after_subject(tokens: list[str], tags: list[str]) -> list[str]:
    """'Water boils at...', 'Basalt cools quickly': a plural-looking word right after the
    sentence's first noun, before any verb and followed by an adverb, preposition or article,
    is its verb (taggers read it as a plural noun, and the noun phrase would swallow it); so
    is any noun-tagged word before an '-ly' adverb ('reefs recover slowly')."""
    for position in range(1, len(tags) - 1):
        if tags[position] in FINITE_VERB_TAGS:
            break
        plural_verb = (
            tags[position] == "NNS"
            and tags[position - 1] in ("NN", "NNP")
            and tags[position + 1] in AFTER_VERB_TAGS
        )
        before_adverb = (
            tags[position] in ("NN", "NNS")
            and tags[position + 1] == "RB"
            and tokens[position + 1].lower().endswith("ly")
        )
        if plural_verb or before_adverb:
            verb = "VBZ" if tokens[position].endswith("s") else "VBP"
            return [*tags[:position], verb, *tags[position + 1 :]]
    return tags


@cache
def noun_phrase_regex() -> re.Pattern[str]:
    """The chunk rule compiled by NLTK's own RegexpParser machinery (tag_pattern2re_pattern),
    applied straight to a sentence's tag string: the same chunks as RegexpParser.parse without
    building and walking a tree for each of a talk's ~1000 sentences (5x faster)."""
    regexp = nltk_module().chunk.regexp
    return re.compile(regexp.tag_pattern2re_pattern(NOUN_PHRASE_PATTERN))


def noun_phrase_spans(tokens: Sequence[str], tags: Sequence[str]) -> list[tuple[int, int]]:
    """Token ranges of the noun phrases; two capitalised phrases joined by 'of' are one."""
    tag_string = "".join(f"<{tag}>" for tag in tags)
    spans: list[tuple[int, int]] = []
    for match in noun_phrase_regex().finditer(tag_string):
        position = tag_string.count("<", 0, match.start())
        end = position + match.group().count("<")
        if is_name_of_name(tokens, spans, position):
            spans[-1] = (spans[-1][0], end)
        else:
            spans.append((position, end))
    return spans


def is_name_of_name(tokens: Sequence[str], spans: list[tuple[int, int]], position: int) -> bool:
    """'Bay' + 'of' + 'Fundy': two capitalised phrases joined by 'of' are one name."""
    if not spans or spans[-1][1] != position - 1 or tokens[position - 1] != "of":
        return False
    low, high = spans[-1]
    return all(token[:1].isupper() for token in tokens[low:high]) and tokens[position][:1].isupper()


def tag_text(text: str) -> list[tuple[str, str]]:
    """Tokens and tags of a card's cleaned text, with the best tagger available offline."""
    tagger = pretrained_tagger() or fallback_tagger()
    tagged = tagger.tag_sents([tokenize(text)])[0]
    tags = verb_after_subject([token for token, _ in tagged], [tag for _, tag in tagged])
    return [(token, tag) for (token, _), tag in zip(tagged, tags, strict=True)]


def is_content_word(word: str, stopwords: frozenset[str]) -> bool:
    """A word that can name something: not a function word, a vague noun or a spelt number."""
    lowered = word.lower()
    return (
        lowered not in stopwords
        and lowered not in VAGUE_NOUNS
        and lowered not in NUMBER_WORDS
        and len(lowered) > 1
    )


@dataclass
class KeyTerms:
    """The episode's key terms (lowercased) with weights: frequent, specific noun phrases."""

    weights: dict[str, float]
    stopwords: frozenset[str] = frozenset()
    display: dict[str, str] = field(default_factory=dict)
    """How each term is most often written (its casing), for card text."""

    def shown(self, term: str) -> str:
        return self.display.get(term, term)

    @cached_property
    def spaced_terms(self) -> list[tuple[str, str]]:
        """Each term and its whole-word search string, made once: every passage asks."""
        return [(term, f" {term} ") for term in self.weights]

    def found_in(self, sentences: Iterable[Sentence]) -> list[str]:
        """Key terms these sentences contain (as whole words), heaviest first."""
        joined = " " + " ".join(sentence.lowered for sentence in sentences if sentence.words) + " "
        found = [term for term, spaced in self.spaced_terms if spaced in joined]
        return sorted(found, key=lambda term: (-self.weights[term], term))


def key_terms(
    sentences: Sequence[Sentence], stopwords: frozenset[str], limit: int = 80
) -> KeyTerms:
    """Repeated noun phrases and collocations that cluster in part of the talk.

    Speech has no background corpus to compare with here, so a term's weight is its frequency
    times how concentrated it is (an idf over stretches of the talk: the episode's overall
    subject is everywhere and tells no fact apart), with names, acronyms and compound terms
    favoured over common nouns; vague nouns never count.
    """
    counts: Counter[str] = Counter()
    stretches: dict[str, set[int]] = {}
    forms: dict[str, Counter[str]] = {}
    for sentence in sentences:
        for phrase in candidate_terms(sentence, stopwords):
            key = phrase.lower()
            counts[key] += 1
            stretches.setdefault(key, set()).add(sentence.index // STRETCH_SENTENCES)
            forms.setdefault(key, Counter())[phrase] += 1
    display = {key: written.most_common(1)[0][0] for key, written in forms.items()}
    for bigram, places in collocations(sentences, stopwords).items():
        counts[bigram] = max(counts[bigram], len(places))
        stretches.setdefault(bigram, set()).update(place // STRETCH_SENTENCES for place in places)
    total_stretches = (
        1 + max((sentence.index for sentence in sentences), default=0) // STRETCH_SENTENCES
    )
    weights = {}
    for term, count in counts.items():
        if count < 2:
            continue
        shape = 1.0
        if any(character.isupper() for character in display.get(term, term)):
            shape += 0.5
        if " " in term:
            shape += 0.5
        concentration = math.log(1 + total_stretches / len(stretches[term]))
        weights[term] = round(math.log2(1 + count) * concentration * shape, 4)
    best = sorted(weights, key=lambda term: (-weights[term], term))[:limit]
    return KeyTerms(
        weights={term: weights[term] for term in best},
        stopwords=stopwords,
        display={term: display.get(term, term) for term in best},
    )


def candidate_terms(sentence: Sentence, stopwords: frozenset[str]) -> list[str]:
    """Noun phrases trimmed of stop and vague words at their edges, plus their head nouns."""
    terms = []
    for phrase in sentence.phrases:
        words = phrase.split()
        while words and not is_content_word(words[0], stopwords):
            words.pop(0)
        while words and not is_content_word(words[-1], stopwords):
            words.pop()
        if not words or len(words) > 4:
            continue
        terms.append(" ".join(words))
        if len(words) > 1 and is_content_word(words[-1], stopwords):
            terms.append(words[-1])
    return terms


def collocations(
    sentences: Sequence[Sentence], stopwords: frozenset[str], top: int = 30
) -> dict[str, list[int]]:
    """Word pairs that occur together far more than chance (likelihood ratio), with the
    indexes of the sentences they occur in."""
    nltk = nltk_module()
    lowered = [[word.lower() for word in sentence.words] for sentence in sentences]
    finder = nltk.collocations.BigramCollocationFinder.from_documents(lowered)
    finder.apply_freq_filter(3)
    finder.apply_word_filter(lambda word: not is_content_word(word, stopwords) or word.isdigit())
    # "model model": overlapping counts make NLTK's contingency table negative (math domain error)
    finder.apply_ngram_filter(lambda first, second: first == second)
    measures = nltk.collocations.BigramAssocMeasures()
    places: dict[str, list[int]] = {
        " ".join(pair): [] for pair in finder.nbest(measures.likelihood_ratio, top)
    }
    for sentence, words in zip(sentences, lowered, strict=True):
        for pair in places.keys() & {f"{first} {second}" for first, second in pairwise(words)}:
            places[pair].append(sentence.index)
    return places


FILLERS = re.compile(
    r"(?:,\s*)?\b(?:um+|uh+|uhm|erm|er|ah|hmm+|you know|I mean|like(?=,)|I (?:think|guess)(?=,))\b(?:\s*,)?\s*"
    r"|(?<!\ba )(?<!\bthe )(?<!\bthis )(?<!\bthat )(?<!\bwhat )(?<!\bsome )(?<!\bany )(?<!\bone )"
    r"\b(?:sort|kind) of\s+",
    re.IGNORECASE,
)
LEADING_MARKERS = re.compile(
    r"^(?:(?:and|but|so|yeah|yes|no|well|okay|ok|oh|now|right|actually|basically|"
    r"honestly|anyway|also|then|like(?=,)|though(?=,))\b[,.]?\s+)+",
    re.IGNORECASE,
)
LEADING_HEDGES = re.compile(
    r"^(?:I (?:think|believe|guess|feel like|feel|would say|'d say|would argue|'d argue|suppose|"
    r"mean)|I'm (?:pretty |fairly )?sure|it seems(?: to me)?|in my (?:opinion|view)|to be honest|"
    r"of course|in fact|to be fair|that said|having said that|that being said|clearly|obviously|interestingly|honestly|frankly|surprisingly|"
    r"funnily enough|the thing is|the point is|what's interesting is|it turns out|you see(?=,)|look(?=,)|"
    r"it(?:'s| is) (?:really |very |kind of |sort of )?(?:interesting|fascinating|"
    r"funny|surprising|striking|clear|obvious|true) (?:because|that))(?: that)?,?\s+",
    re.IGNORECASE,
)
REPEATED_WORDS = re.compile(r"\b([\w']+(?: [\w']+)?)(?:,? \1\b)+", re.IGNORECASE)
LOWERCASE_I = re.compile(r"(?<![\w'.-])i(?=(?:'(?:m|ve|ll|d))?(?![\w'-]|\.\w))")
"""'i' as a word is the pronoun: captions written in lower case get it back as 'I'."""
FALSE_START = re.compile(r"^[^,.;]{1,25}?\s+(?:--|—|–)\s+")


def leading_filler(text: str) -> int:
    """How many characters of discourse markers and hedges open the text ('So yeah, I think
    ...'): a card's clause starts after them."""
    position = 0
    while True:
        found = LEADING_MARKERS.match(text[position:]) or LEADING_HEDGES.match(text[position:])
        if not found or not found.end():
            return position
        position += found.end()


def clean_disfluencies(text: str) -> str:
    """Speech made readable for a card: fillers, hedges, stutters and false starts removed.

    Only card text is cleaned; quotes keep the transcript's exact words.
    """
    cleaned = " ".join(text.split())
    cleaned = FALSE_START.sub("", cleaned)
    cleaned = FILLERS.sub(" ", cleaned)
    cleaned = REPEATED_WORDS.sub(r"\1", cleaned)
    cleaned = cleaned[leading_filler(cleaned) :]
    cleaned = re.sub(r"\s+", " ", cleaned)
    cleaned = re.sub(r"\s+([,.;:?!])", r"\1", cleaned)
    cleaned = re.sub(r",\s*([,.;:?!])", r"\1", cleaned)
    cleaned = re.sub(r"^[,;:\s]+", "", cleaned).strip()
    cleaned = LOWERCASE_I.sub("I", cleaned)
    return cleaned[:1].upper() + cleaned[1:]
