"""Anki's cloze syntax as every part of podcards reads it."""

from __future__ import annotations

from podcards.cloze import Deletion, cloze_numbers, deletions, split_cloze, with_answers


def test_a_deletion_is_its_number_answer_and_hint() -> None:
    text = "{{c2::Lisbon::a city}} lies on the {{c1::Tagus}}, {{c3::wide::river::mouth}}."
    assert deletions(text) == [
        Deletion(2, "Lisbon", "a city"),
        Deletion(1, "Tagus", None),
        Deletion(3, "wide", "river::mouth"),
    ]
    assert with_answers(text) == "Lisbon lies on the Tagus, wide."
    assert split_cloze("On the {{c1::Tagus}}.") == [
        ("On the ", False),
        ("Tagus", True),
        (".", False),
    ]


def test_numbers_count_every_opened_deletion_closed_or_not() -> None:
    assert cloze_numbers("{{c3::a}} {{c1::b}} {{c3::c}} {{c2::open") == [1, 2, 3]
    assert [deletion.number for deletion in deletions("{{c1::a\nb}} {{c2::open")] == [1]
