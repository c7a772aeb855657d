"""Property tests for extraction: any transcript text gives grounded cards (or none), never a crash."""

from __future__ import annotations

from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st

from podcards.extract import extract_cards, warm_up
from podcards.models import Card, Segment, Transcript

FAST = settings(max_examples=100, deadline=None, suppress_health_check=[HealthCheck.too_slow])

# Words that make cue-bearing sentences ("X is called Y", "the reason is") likely, with the
# punctuation, digits, symbols and odd characters that break naive tokenisers.
VOCABULARY = st.sampled_from([
    "the", "a", "model", "is", "called", "means", "because", "so", "but", "which", "data",
    "learning", "rate", "tends", "to", "it", "that", "Mr.", "Dr.", "e.g.", "U.S.", "3.5", "10%",
    "$20", "'em", "n't", "'s", "...", "?", "!", ",", ";", ":", "-", "—", "(", ")", '"', "'",
    "<b>", "&", "über", "naïve", "東京", "🙂", "\u200b", "\t", "\n",
])  # fmt: skip
SENTENCES = st.lists(VOCABULARY, min_size=1, max_size=60).map(" ".join)
NOUN = st.sampled_from(
    ["gradient", "descent", "the", "learning", "rate", "a", "transformer", "tokenizer", "reward"]
)
CLAIMS = st.lists(
    st.builds("{} is called {} because it {} the {}.".format, NOUN, NOUN, VOCABULARY, NOUN),
    min_size=1,
    max_size=12,
).map(" ".join)
SEGMENT_TEXT = st.one_of(st.text(min_size=1, max_size=200), SENTENCES, CLAIMS)


@st.composite
def transcripts(draw) -> Transcript:
    texts = draw(st.lists(SEGMENT_TEXT, min_size=1, max_size=8))
    segments = []
    for index, text in enumerate(texts):
        start = draw(st.none() | st.floats(0, 1e6, allow_nan=False))
        segments.append(
            Segment(
                speaker=draw(st.none() | st.sampled_from(["Ann Lee", "Bo", "<v>", "../x"])),
                start=start,
                text=text.strip() or f"word{index}",
            )
        )
    title = draw(st.text(max_size=80))
    return Transcript(title=title or "t", source="gen.txt", format="text", segments=segments)


def setup_module() -> None:
    warm_up()  # NLTK's models load once, not inside the first example's time


def assert_grounded(cards: list[Card], transcript: Transcript) -> None:
    assert len({card.id for card in cards}) == len(cards)
    texts = [segment.text for segment in transcript.segments]
    for card in cards:
        assert card.quote and any(card.quote in text for text in texts)
        assert card.content.front.strip()
        assert Card.model_validate_json(card.model_dump_json()) == card


REPEATED_WORD = Transcript(
    title="t", source="gen.txt", format="text", segments=[Segment(text="model model model model")]
)  # once crashed NLTK's collocation scoring


@FAST
@given(transcripts())
@example(REPEATED_WORD)
def test_any_transcript_gives_grounded_cards_or_none(transcript):
    assert_grounded(extract_cards(transcript), transcript)


@FAST
@given(transcripts(), st.integers(1, 5))
def test_max_cards_is_a_ceiling(transcript, limit):
    cards = extract_cards(transcript, max_cards=limit)
    assert len(cards) <= limit
    assert_grounded(cards, transcript)
