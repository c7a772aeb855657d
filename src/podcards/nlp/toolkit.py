"""Load NLTK and its data, or a data-free stand-in for each part.

With the NLTK data installed (`NLTK_DATA`) the pre-trained Punkt model, perceptron tagger and
stop-word list are used. Without it every piece falls back to something that needs no data:
Punkt trained on the transcript itself, a RegexpTagger built from closed-class word lists and
suffix rules, and a built-in stop-word list. One warning line says quality is reduced.
"""

from __future__ import annotations

import sys
from dataclasses import dataclass, field
from functools import cache
from typing import Any

from podcards.nlp.tagger import Tagger, quick_perceptron_or_nltk

NLTK_DATA_HINT = "python -m nltk.downloader punkt_tab averaged_perceptron_tagger_eng stopwords"

PUNKT_RESOURCE = "tokenizers/punkt_tab/english/"
TAGGER_RESOURCE = "taggers/averaged_perceptron_tagger_eng/"
STOPWORDS_RESOURCE = "corpora/stopwords/english"


ABBREVIATIONS = {
    "mr", "mrs", "ms", "dr", "prof", "sr", "jr", "st", "vs", "etc", "e.g", "i.e", "inc", "ltd",
    "co", "corp", "dept", "approx", "fig", "no", "vol", "u.s", "u.k", "a.m", "p.m", "ph.d",
}  # fmt: skip


FINITE_VERB_TAGS = frozenset(["VBZ", "VBP", "VBD", "MD"])
"""Tags of a verb that makes a clause (not a participle, a gerund or a bare infinitive)."""


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
    "yourselves himself herself once further out off up down let ca wo sha"
)
"""Also the pieces split contractions leave ('let' of 'let's', 'ca' of 'can't', 'wo' of 'won't')."""


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
