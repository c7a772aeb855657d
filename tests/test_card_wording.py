"""Card wording: what a card says once the passage is made readable, on sentences written for
the tests."""

from __future__ import annotations

import pytest
from test_extract_parts import card_for

from podcards.cloze import with_answers
from podcards.extract.cards.common import usable_term, without_restarts


@pytest.mark.parametrize(
    ("spoken", "card"),
    [
        (
            "The claim that you can only grow real Darjeeling tea in Darjeeling is, that's a myth.",
            "The claim that you can only grow real Darjeeling tea in Darjeeling is a myth.",
        ),
        (
            "Dead reckoning is, honestly, it's guessing where you are from speed and time.",
            "Dead reckoning is guessing where you are from speed and time.",
        ),
        (
            "The oldest of those lighthouses, the one everyone paints, is, it used to be called"
            " the North Light.",
            "The oldest of those lighthouses, the one everyone paints, used to be called the"
            " North Light.",
        ),
        (
            "The council just, it starts selling the land to pay its bills.",
            "The council just starts selling the land to pay its bills.",
        ),
        (
            "The gap between the two is just, it's absurd, a glacier moves a million times slower.",
            "The gap between the two is just absurd, a glacier moves a million times slower.",
        ),
        (
            "The short version is, a ketch has two masts and a sloop has one.",
            "A ketch has two masts and a sloop has one.",
        ),
    ],
)
def test_a_card_drops_the_words_a_speaker_restarted(spoken: str, card: str) -> None:
    """'X is, that's a myth', 'the council just, it starts...': the speaker began the clause
    twice, and the card says it once."""
    assert without_restarts(spoken) == card


@pytest.mark.parametrize(
    "spoken",
    [
        "The problem is, it's too cold for the seeds to sprout in March.",
        "The thing about basalt is, it cools fast.",
        "What's interesting is, it's cheaper than steel.",
        "All I know is, it works on every boat we tried.",
        "It's, you see, complicated.",
        "They laughed at it, it's a toy, they said.",
        "If you think coldly of what moods are, it's a state that colours how you reason.",
    ],
)
def test_a_clause_that_only_frames_the_next_is_no_restart(spoken: str) -> None:
    """'The problem is, it's too cold': 'it' is not the problem, so nothing is dropped."""
    assert without_restarts(spoken) == spoken


def test_a_cloze_card_reads_the_restarted_clause_once() -> None:
    front = card_for(
        "The claim that you can only grow real Darjeeling tea in the hills of Darjeeling because"
        " of some special local soil is, that's a myth."
    ).front
    assert "is, that's" not in front and " is a myth." in with_answers(front), front


def test_a_term_never_opens_with_a_preposition() -> None:
    """A clause cut at 'because' leaves 'of some special local soil is a myth': no term."""
    assert usable_term("of some special local soil") is None
    assert usable_term("the hills of Darjeeling") == "the hills of Darjeeling"


@pytest.mark.parametrize(
    ("text", "hidden"),
    [
        (
            "Say you've got a 40% return rate, which means two in five parcels come back to the"
            " warehouse.",
            "two in five",  # 'Say...' sets up a case: its figure is given, not the fact
        ),
        (
            "If the tide is low and the wind is, say, 20 knots, the ferry stays in the harbour"
            " for two hours.",
            "two hours",  # ', say,' gives an example of the condition's figure
        ),
        (
            "If you keep the kiln hot, around 900 degrees, the glaze melts in about forty minutes.",
            "forty minutes",  # ', around...,' estimates the condition's figure
        ),
        (
            "If you heat the brine, about half of the water evaporates within an hour.",
            "about half",  # no closing comma: 'about half' opens the result
        ),
    ],
)
def test_a_cloze_hides_the_result_not_the_figure_a_case_is_set_up_with(
    text: str, hidden: str
) -> None:
    assert "{{c1::" + hidden + "}}" in card_for(text).front


@pytest.mark.parametrize(
    ("spoken", "card"),
    [
        (
            "I'd add one point, which is the point that matters most, which is that the pump"
            " only runs at night.",
            "The pump only runs at night.",
        ),
        ("The big lesson, which is that rust never sleeps, took us years.", None),
        ("The old pump, which is that green one, only runs at night.", None),
    ],
)
def test_a_claim_announced_by_a_frame_is_said_without_it(spoken: str, card: str | None) -> None:
    """'One thing that matters, which is that X' says X; a 'which is that' after a thing
    ('the old pump, which is that green one') or one that goes on past the claim stays."""
    assert without_restarts(spoken) == (card or spoken)


@pytest.mark.parametrize(
    ("front", "shown"),
    [
        (
            "Because the {{c1::crew}} is the same whether the ship carries ten boxes or ten"
            " thousand.",
            "The {{c1::crew}} is the same whether the ship carries ten boxes or ten thousand.",
        ),
        (
            "Because there's a myth about oak, which is that it {{c1::never rots}}.",
            "There's a myth about oak, which is that it {{c1::never rots}}.",
        ),
        (
            "Because the air is thin, climbers {{c1::tire}} fast.",
            "Because the air is thin, climbers {{c1::tire}} fast.",
        ),
        (
            "Because of the {{c1::frost}}, nothing grew.",
            "Because of the {{c1::frost}}, nothing grew.",
        ),
    ],
)
def test_a_reason_given_as_an_answer_is_stated_without_its_because(front: str, shown: str) -> None:
    """'Because the crew is the same...' answers a 'why' the card does not ask: alone, it is a
    statement. 'Because X, Y' gives Y's reason, and keeps it."""
    from podcards.extract.cards.common import without_pointing_opener

    assert without_pointing_opener(front) == shown
