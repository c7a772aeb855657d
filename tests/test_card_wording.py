"""Card wording: what a card says once the passage is made readable, on sentences written for
the tests."""

from __future__ import annotations

from podcards.extract.cards.common import usable_term


def test_a_term_never_opens_with_a_preposition() -> None:
    """A clause cut at 'because' leaves 'of some special local soil is a myth': no term."""
    assert usable_term("of some special local soil") is None
    assert usable_term("the hills of Darjeeling") == "the hills of Darjeeling"
