"""QuickPerceptron must tag exactly as NLTK's PerceptronTagger: cards depend on every tag."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from podcards import nlp
from podcards.errors import PodcardsError
from podcards.transcripts import read_transcript

pytestmark = pytest.mark.skipif(
    not nlp.has_resource(nlp.TAGGER_RESOURCE), reason="NLTK's tagger data is not installed"
)


def nltk_tagger():
    return nlp.nltk_module().tag.PerceptronTagger()


@pytest.fixture(scope="module")
def taggers() -> tuple[object, nlp.QuickPerceptron]:
    tagger = nltk_tagger()
    return tagger, nlp.QuickPerceptron(tagger)


def token_lists(path: Path) -> list[list[str]]:
    transcript = read_transcript(path)
    toolkit = nlp.load_toolkit("\n".join(segment.text for segment in transcript.segments))
    return [nlp.tokenize(sentence.text) for sentence in nlp.split_transcript(transcript, toolkit)]


def test_the_pretrained_tagger_is_the_quick_one() -> None:
    assert isinstance(nlp.pretrained_tagger(), nlp.QuickPerceptron)


def test_every_fixture_transcript_gets_nltks_tags(fixtures: Path, taggers) -> None:
    tagger, quick = taggers
    checked = 0
    for path in sorted(fixtures.rglob("*.*")):
        try:
            sentences = token_lists(path)
        except PodcardsError:
            continue  # a deliberately broken fixture
        assert quick.tag_sents(sentences) == tagger.tag_sents(sentences), path.name
        checked += 1
    assert checked >= 15


def test_the_dev_episode_gets_nltks_tags(dev_transcript: Path, taggers) -> None:
    tagger, quick = taggers
    sentences = token_lists(dev_transcript)
    assert quick.tag_sents(sentences) == tagger.tag_sents(sentences)


WORDS = st.sampled_from(
    ["the", "The", "Qzx", "zorbling", "well-known", "2024", "42", "3.5", "-", "n't", "runs",
     "run", "quickly", ",", ".", "'s", "Glacier", "glaciers", "that", "to", "a", "AI", "e"]
)  # fmt: skip


@settings(max_examples=200, deadline=None)
@given(st.lists(st.one_of(WORDS, st.text(min_size=1, max_size=6)), max_size=12))
def test_any_tokens_get_nltks_tags(tokens: list[str]) -> None:
    tagger = nlp.pretrained_tagger()
    assert tagger.tag(tokens) == tagger.tagger.tag(tokens)


def test_an_nltk_with_other_features_is_used_as_it_is() -> None:
    class OtherFeatures(nlp.nltk_module().tag.PerceptronTagger):
        def _get_features(self, *args: object) -> dict[str, int]:
            features = super()._get_features(*args)
            features["i+3 word"] += 1
            return features

    other = OtherFeatures(load=False)
    other.model = nlp.pretrained_tagger().tagger.model
    assert nlp.quick_perceptron_or_nltk(other) is other


def test_an_nltk_without_the_features_method_is_used_as_it_is() -> None:
    class Reshaped(nlp.nltk_module().tag.PerceptronTagger):
        def _get_features(self, word: str) -> dict[str, int]:
            return {"bias": 1}

    other = Reshaped(load=False)
    other.model = nlp.pretrained_tagger().tagger.model
    assert nlp.quick_perceptron_or_nltk(other) is other


def test_a_class_no_feature_weighs_wins_over_negative_scores() -> None:
    """NLTK scores an unweighed class 0.0: it beats labels whose weights sum below zero."""
    toy = nlp.nltk_module().tag.PerceptronTagger(load=False)
    toy.model.weights = {"bias": {"NN": -1.0, "JJ": 0.5}, "i word zorb": {"JJ": -2.0}}
    toy.model.classes = {"NN", "JJ", "VB", "DT"}
    assert nlp.QuickPerceptron.computes_like(toy)
    assert nlp.QuickPerceptron(toy).tag(["zorb", "blip"]) == toy.tag(["zorb", "blip"])
    assert toy.tag(["zorb", "blip"]) == [("zorb", "VB"), ("blip", "JJ")]
