"""Sentences, tokens, part-of-speech tags, noun phrases and key terms, with NLTK and offline.

- `toolkit`: NLTK and its data, or a data-free stand-in for each part (and which are missing).
- `tagger`: NLTK's perceptron tagger run by our own code, the same tags twice as fast.
- `sentences`: sentences and clauses located in the transcript, tokenised and tagged.
- `boundaries`: where sentences start in captions that lost their punctuation.
- `terms`: noun phrases and the episode's key terms.
- `cleaning`: speech made readable for card text.
- `discourse`: the words speech opens a sentence with ('so', 'um'), one source for every rule.

No module imports NLTK until a function needs it, so `podcards --help` stays fast.
"""

from __future__ import annotations

from podcards.nlp import boundaries
from podcards.nlp.cleaning import clean_disfluencies, leading_filler, without_fillers
from podcards.nlp.sentences import (
    BE_FORMS,
    MAX_SENTENCE_WORDS,
    PERFECT_AUXILIARIES,
    Sentence,
    clause_spans,
    dummy_it,
    is_verb,
    opens_with_dummy_it,
    split_transcript,
    tag_text,
    tokenize,
    word_tokenizer,
)
from podcards.nlp.tagger import QuickPerceptron, quick_perceptron_or_nltk
from podcards.nlp.terms import (
    LABEL_NOUNS,
    LOOSE_MODIFIERS,
    NUMBER_WORDS,
    RATING_WORDS,
    VAGUE_NOUNS,
    KeyTerms,
    is_content_word,
    key_terms,
    noun_phrase_regex,
    term_start,
)
from podcards.nlp.toolkit import (
    NLTK_DATA_HINT,
    TAGGER_RESOURCE,
    Toolkit,
    builtin_stopwords,
    has_resource,
    load_toolkit,
    missing_data,
    nltk_module,
    pretrained_splitter,
    pretrained_stopwords,
    pretrained_tagger,
)


def warm_up() -> None:
    """Load NLTK and its models now (once per process), so the first extraction is not slower."""
    pretrained_splitter()
    pretrained_tagger()
    pretrained_stopwords()
    noun_phrase_regex()


__all__ = [
    "BE_FORMS",
    "LABEL_NOUNS",
    "LOOSE_MODIFIERS",
    "MAX_SENTENCE_WORDS",
    "NLTK_DATA_HINT",
    "NUMBER_WORDS",
    "PERFECT_AUXILIARIES",
    "RATING_WORDS",
    "TAGGER_RESOURCE",
    "VAGUE_NOUNS",
    "KeyTerms",
    "QuickPerceptron",
    "Sentence",
    "Toolkit",
    "boundaries",
    "builtin_stopwords",
    "clause_spans",
    "clean_disfluencies",
    "dummy_it",
    "has_resource",
    "is_content_word",
    "is_verb",
    "key_terms",
    "leading_filler",
    "load_toolkit",
    "missing_data",
    "nltk_module",
    "opens_with_dummy_it",
    "pretrained_tagger",
    "quick_perceptron_or_nltk",
    "split_transcript",
    "tag_text",
    "term_start",
    "tokenize",
    "warm_up",
    "without_fillers",
    "word_tokenizer",
]
