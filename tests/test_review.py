"""Interactive review through the real questionary prompts, fed keys by a prompt_toolkit pipe."""

from __future__ import annotations

import re
import subprocess
import sys
import threading
import time
from pathlib import Path

import pytest
from card_factory import FACTS, make_card, make_card_file
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput

from podcards.anki.notes import note_problem
from podcards.cardfile import load_card_file, save_card_file
from podcards.errors import NothingToDo
from podcards.models import CardContent, CardKind, NoteType, ReviewStatus
from podcards.review import (
    DecisionCounts,
    ReviewInterrupted,
    ReviewSummary,
    approve_all,
    approve_best,
    review_card_file,
)

ENTER = "\r"
CLEAR_LINE = "\x15"  # Ctrl-U: delete the pre-filled text before the cursor
CTRL_C = "\x03"
CTRL_D = "\x04"
ESC = "\x1b"


def review_with_keys(path: Path, keys: str, **options):
    with create_pipe_input() as pipe:
        pipe.send_text(keys)
        pipe.close()  # keys running out end the review (Ctrl-D) instead of hanging the test
        return review_card_file(path, input=pipe, output=DummyOutput(), **options)


def review_at_width(path: Path, keys: str, columns: int, monkeypatch: pytest.MonkeyPatch):
    """The review in a terminal `columns` wide (the console is made again for it and after)."""
    from podcards import ui

    monkeypatch.setenv("COLUMNS", str(columns))
    ui.console.cache_clear()
    try:
        return review_with_keys(path, keys)
    finally:
        ui.console.cache_clear()


def statuses(path: Path) -> dict[str, str]:
    return {card.id: card.status.value for card in load_card_file(path).cards}


@pytest.fixture
def card_path(tmp_path: Path) -> Path:
    path = tmp_path / "tide.cards.json"
    make_card_file(path, count=5)
    return path


def test_approve_reject_skip_then_quit_saves_each_decision(card_path: Path) -> None:
    summary = review_with_keys(card_path, "arsq")
    assert statuses(card_path) == {
        "tide-000": "approved",
        "tide-001": "rejected",
        "tide-002": "pending",
        "tide-003": "pending",
        "tide-004": "pending",
    }
    assert summary.decided == 2
    assert (summary.counts.approved, summary.counts.rejected, summary.counts.pending) == (1, 1, 3)
    decided = load_card_file(card_path).cards[0]
    assert decided.decided_at is not None


def test_summary_counts_cards_decided_and_edited_not_saves(card_path: Path) -> None:
    keys = (
        "a"  # the 1st approved
        "ca"  # the 2nd made a cloze and approved
        "br"  # back: the 2nd rejected instead
        f"t{CLEAR_LINE}shore{ENTER}cca"  # the 3rd tagged, switched and back, approved
        "q"
    )  # eight saves
    summary = review_with_keys(card_path, keys)
    assert (summary.approved, summary.rejected, summary.edited) == (2, 1, 2)
    assert summary.line().startswith(
        "Decided 3 cards (2 approved, 1 rejected) and edited 2 cards, all saved. "
    )


def test_a_session_that_changes_nothing_says_so(card_path: Path) -> None:
    summary = review_with_keys(card_path, f"e{ENTER}{ENTER}ssq")
    assert summary.line().startswith("Nothing changed. ")


def test_git_add_p_keys_y_and_n_approve_and_reject(card_path: Path) -> None:
    review_with_keys(card_path, "ynq")
    assert list(statuses(card_path).values())[:2] == ["approved", "rejected"]


def test_cards_come_best_score_first(card_path: Path) -> None:
    card_file = load_card_file(card_path)
    card_file.cards[4].score = 0.99
    save_card_file(card_path, card_file)
    review_with_keys(card_path, "aq")
    assert statuses(card_path)["tide-004"] == "approved"
    assert statuses(card_path)["tide-000"] == "pending"


def test_quit_half_way_then_resume_at_first_undecided(
    card_path: Path, capsys: pytest.CaptureFixture
) -> None:
    review_with_keys(card_path, "asq")
    capsys.readouterr()
    review_with_keys(card_path, "rq")
    shown = capsys.readouterr().out
    assert "1/4" in shown  # the skipped card and the three after it
    assert statuses(card_path)["tide-001"] == "rejected"  # the skipped card came first
    assert statuses(card_path)["tide-000"] == "approved"


def test_back_revisits_the_previous_card_and_changes_its_decision(card_path: Path) -> None:
    review_with_keys(card_path, "aabrq")
    assert statuses(card_path)["tide-000"] == "approved"
    assert statuses(card_path)["tide-001"] == "rejected"
    assert statuses(card_path)["tide-002"] == "pending"


def test_back_at_the_end_of_the_queue_changes_the_last_decision(card_path: Path) -> None:
    summary = review_with_keys(card_path, f"aaaaabr{ENTER}")
    assert list(statuses(card_path).values()) == ["approved"] * 4 + ["rejected"]
    assert not summary.quit


def test_q_at_the_end_of_the_queue_finishes_it(card_path: Path) -> None:
    summary = review_with_keys(card_path, "aaaaaq")
    assert list(statuses(card_path).values()) == ["approved"] * 5
    assert not summary.quit  # in `run`, the next episode's review still comes


def test_back_on_the_first_card_stays_there(card_path: Path) -> None:
    review_with_keys(card_path, "brq")
    assert statuses(card_path)["tide-000"] == "rejected"


def test_edit_keeps_id_and_quote_and_the_generated_text_beside_it(card_path: Path) -> None:
    before = load_card_file(card_path).cards[0]
    keys = f"e{CLEAR_LINE}What moves a sea star?{ENTER}{CLEAR_LINE}Its tube feet.{ENTER}aq"
    review_with_keys(card_path, keys)
    card = load_card_file(card_path).cards[0]
    assert (card.id, card.quote) == (before.id, before.quote)
    assert card.content.front == "What moves a sea star?"
    assert card.content.back == "Its tube feet."
    assert card.generated == before.generated
    assert card.is_edited and card.status == ReviewStatus.APPROVED


def test_edit_starts_from_the_current_text(card_path: Path) -> None:
    review_with_keys(card_path, f"e really{ENTER} too{ENTER}q")
    card = load_card_file(card_path).cards[0]
    assert card.content.front == "What do sea stars use to move? really"
    assert card.content.back == "Hundreds of tiny tube feet. too"


def test_empty_front_is_refused_until_text_is_given(card_path: Path) -> None:
    review_with_keys(card_path, f"e{CLEAR_LINE}{ENTER}Q?{ENTER}{ENTER}q")
    assert load_card_file(card_path).cards[0].content.front == "Q?"


def test_switch_to_cloze_blanks_the_answer_in_the_quote(card_path: Path) -> None:
    review_with_keys(card_path, "caq")
    card = load_card_file(card_path).cards[0]
    assert card.content.note_type == NoteType.CLOZE
    assert card.content.front == "Sea stars move on {{c1::hundreds of tiny tube feet}}."
    assert card.status == ReviewStatus.APPROVED
    assert card.generated.note_type == NoteType.BASIC


def test_switch_to_cloze_hides_the_answer_after_a_letter_that_lower_case_lengthens(
    card_path: Path,
) -> None:
    """'İ' lower-cases to two characters, so finding the answer in the lower-cased quote put
    the deletion one character late: 'C{{c1::onstantinople }}until'."""
    card_file = load_card_file(card_path)
    card = card_file.cards[0]
    card.quote = "İstanbul was called Constantinople until 1930."
    card.generated = CardContent(
        note_type=NoteType.BASIC,
        front="What was İstanbul called until 1930?",
        back="Constantinople",
    )
    save_card_file(card_path, card_file)
    review_with_keys(card_path, "cq")
    card = load_card_file(card_path).cards[0]
    assert card.content.front == "İstanbul was called {{c1::Constantinople}} until 1930."


def test_switching_twice_restores_the_generated_card(card_path: Path) -> None:
    review_with_keys(card_path, "ccq")
    card = load_card_file(card_path).cards[0]
    assert card.edited is None


@pytest.mark.parametrize(
    "refused",
    [
        "No deletion here",
        "Empty {{c1::}} deletion",
        "Hidden {{c0::feet}}",
        "Open {{c1::feet",
        "LSM reads are {{c1::slower}} and {{c1::x}",
    ],
)
def test_cloze_edit_refuses_what_export_would_leave_out(card_path: Path, refused: str) -> None:
    keys = f"ce{CLEAR_LINE}{refused}{ENTER}{CLEAR_LINE}Tube {{{{c1::feet}}}}{ENTER}{ENTER}q"
    review_with_keys(card_path, keys)
    card = load_card_file(card_path).cards[0]
    assert card.content.front == "Tube {{c1::feet}}"
    assert note_problem(card) is None


@pytest.fixture
def unclozed_path(card_path: Path) -> Path:
    """The best card a cloze with nothing hidden yet, as extraction leaves one to edit."""
    card_file = load_card_file(card_path)
    card = card_file.cards[0]
    card.generated = CardContent(note_type=NoteType.CLOZE, front=card.quote)
    save_card_file(card_path, card_file)
    return card_path


def test_a_cloze_with_nothing_hidden_cannot_be_approved_until_fixed(
    unclozed_path: Path, capsys: pytest.CaptureFixture
) -> None:
    review_with_keys(unclozed_path, "ayq")
    shown = capsys.readouterr()
    assert statuses(unclozed_path)["tide-000"] == "pending"
    assert "Not approvable yet: cloze text has no {{c1::...}} deletion" in shown.out
    refusal = "not approved: cloze text has no {{c1::...}} deletion; e edits it"
    assert shown.err.count(refusal) == 2
    review_with_keys(unclozed_path, "caq")  # as a Q/A it has no answer yet
    assert statuses(unclozed_path)["tide-000"] == "pending"
    assert "not approved: its answer is empty; e edits it" in capsys.readouterr().err
    review_with_keys(unclozed_path, f"e{ENTER}{CLEAR_LINE}Three feet{ENTER}aq")  # the answer
    assert statuses(unclozed_path)["tide-000"] == "approved"


@pytest.mark.parametrize(
    ("generated", "keys"),
    [
        # edited into a cloze and approved, then o brings back the cloze with nothing hidden
        (
            CardContent(note_type=NoteType.CLOZE, front=FACTS[0][2]),
            f"e{CLEAR_LINE}Sea stars move on {{{{c1::tube feet}}}}.{ENTER}{ENTER}abo",
        ),
        # a Q/A with no answer switched to a cloze and approved, then c switches back
        (CardContent(note_type=NoteType.BASIC, front=FACTS[0][0]), "cabc"),
    ],
    ids=["restore", "switch"],
)
def test_text_no_anki_card_can_be_made_of_puts_an_approved_card_back_to_pending(
    card_path: Path, capsys: pytest.CaptureFixture, generated: CardContent, keys: str
) -> None:
    """o and c used to leave such a card approved, for the export to drop with a warning."""
    card_file = load_card_file(card_path)
    card_file.cards[0].generated = generated
    save_card_file(card_path, card_file)
    review_with_keys(card_path, keys + "q")
    card = load_card_file(card_path).cards[0]
    assert (card.status, card.edited) == (ReviewStatus.PENDING, None)
    assert "back to pending: " in capsys.readouterr().err
    review_with_keys(card_path, "au" + keys + "uq")  # undo gives back text and approval
    card = load_card_file(card_path).cards[0]
    assert card.status == ReviewStatus.APPROVED and note_problem(card) is None
    summary = review_with_keys(card_path, f"{keys[-1]}q", revisit_all=True)
    assert summary.line().startswith("Put 1 card back to pending and edited 1 card, all saved.")


def test_approving_above_a_score_leaves_a_cloze_with_nothing_hidden_pending(
    unclozed_path: Path, capsys: pytest.CaptureFixture
) -> None:
    review_with_keys(unclozed_path, f"A{CLEAR_LINE}0.8{ENTER}q")
    assert list(statuses(unclozed_path).values())[:3] == ["pending", "approved", "approved"]
    assert "Approved 2 cards scoring 0.8 or more; 1 card left pending" in capsys.readouterr().err


def test_approve_all_leaves_a_cloze_with_nothing_hidden_pending(unclozed_path: Path) -> None:
    approval = approve_all(unclozed_path)
    assert (approval.picked, approval.held) == (4, 1)
    assert statuses(unclozed_path)["tide-000"] == "pending"
    assert approval.line(Path("tide.cards.json")).startswith(
        "Approved 4 cards in tide.cards.json; 1 card left pending, no Anki card yet"
    )


def test_restore_original_drops_the_edit(card_path: Path) -> None:
    review_with_keys(card_path, f"e!{ENTER}{ENTER}oq")
    assert load_card_file(card_path).cards[0].edited is None


def test_tags_replace_the_card_tags(card_path: Path) -> None:
    review_with_keys(card_path, f"t{CLEAR_LINE}biology, shore  favourite{ENTER}q")
    assert load_card_file(card_path).cards[0].tags == ["biology", "shore", "favourite"]


def test_a_quoted_tag_is_one_tag(card_path: Path) -> None:
    review_with_keys(card_path, f't{CLEAR_LINE}"rock pools" shore \'kelp{ENTER}q')
    assert load_card_file(card_path).cards[0].tags == ["rock-pools", "shore", "kelp"]


def test_undo_puts_back_a_decision_and_shows_that_card_again(card_path: Path) -> None:
    review_with_keys(card_path, "aruuq")
    assert set(statuses(card_path).values()) == {"pending"}
    review_with_keys(card_path, "arurq")  # after undo, the rejected card is shown again
    assert list(statuses(card_path).values())[:3] == ["approved", "rejected", "pending"]


def test_undo_puts_back_an_edit_tags_and_a_bulk_approval(card_path: Path) -> None:
    before = load_card_file(card_path).cards[0]
    review_with_keys(card_path, f"t{CLEAR_LINE}mine{ENTER}e!{ENTER}{ENTER}uuq")
    after = load_card_file(card_path).cards[0]
    assert (after.tags, after.edited) == (before.tags, None)
    review_with_keys(card_path, f"A{CLEAR_LINE}0.8{ENTER}uq")
    assert set(statuses(card_path).values()) == {"pending"}


def test_undo_says_what_it_took_back(card_path: Path, capsys) -> None:
    review_with_keys(card_path, "cuq")
    assert "Undid the switch to cloze (1 card)." in capsys.readouterr().err
    assert load_card_file(card_path).cards[0].edited is None


def test_undo_at_the_end_of_the_queue_takes_back_the_last_decision(card_path: Path) -> None:
    review_with_keys(card_path, "aaaaauq")  # undo shows the last card again; q leaves it
    assert list(statuses(card_path).values()) == ["approved"] * 4 + ["pending"]


def test_approving_every_card_at_once_still_stops_at_the_end_for_undo(card_path: Path) -> None:
    review_with_keys(card_path, f"A{CLEAR_LINE}0{ENTER}buq")
    assert set(statuses(card_path).values()) == {"pending"}


def test_undo_with_nothing_to_undo_changes_nothing(card_path: Path) -> None:
    summary = review_with_keys(card_path, "uq")
    assert set(statuses(card_path).values()) == {"pending"} and summary.approved == 0


def test_approving_above_the_offered_score_takes_the_card_on_screen(card_path: Path) -> None:
    """The prompt offers the card's score rounded down: 0.9187 offered as 0.92 approved
    nothing, not even the card on screen."""
    card_file = load_card_file(card_path)
    card_file.cards[0].score = 0.9187
    save_card_file(card_path, card_file)
    review_with_keys(card_path, f"A{ENTER}q")
    assert list(statuses(card_path).values()) == ["approved"] + ["pending"] * 4


def test_approve_all_remaining_at_or_above_a_score(card_path: Path) -> None:
    # scores are 0.90, 0.85, 0.80, 0.75, 0.70
    review_with_keys(card_path, f"rA{CLEAR_LINE}0.8{ENTER}q")
    assert list(statuses(card_path).values()) == [
        "rejected",
        "approved",
        "approved",
        "pending",
        "pending",
    ]


def test_approving_above_a_score_keeps_the_queue_total_and_undo_keeps_it_too(
    card_path: Path, capsys: pytest.CaptureFixture
) -> None:
    """The counter counts one queue: approving at once moves on as approving one by one
    would. Taking the cards out turned '2/5' into '2/3', and u turned it back to '2/5', while
    the footer still counted all five."""
    # scores are 0.90, 0.85, 0.80, 0.75, 0.70: at the second card, A 0.8 takes it and the next
    review_with_keys(card_path, f"sA{CLEAR_LINE}0.8{ENTER}bbuq")
    positions = re.findall(r"(\d+/\d+) · claim", capsys.readouterr().out)
    assert positions == ["1/5", "2/5", "4/5", "3/5", "2/5", "2/5"]
    assert set(statuses(card_path).values()) == {"pending"}


def test_approving_above_a_score_asks_again_for_one_outside_0_to_1(card_path: Path) -> None:
    """Scores are chances from 0 to 1: '80' is refused at the prompt, not taken to approve
    nothing."""
    review_with_keys(card_path, f"A{CLEAR_LINE}80{ENTER}{CLEAR_LINE}0.8{ENTER}q")
    assert list(statuses(card_path).values()) == ["approved"] * 3 + ["pending"] * 2


def test_ctrl_c_at_the_decision_prompt_keeps_earlier_decisions_and_exits_130(
    card_path: Path,
) -> None:
    with pytest.raises(ReviewInterrupted) as interrupted:
        review_with_keys(card_path, f"ar{CTRL_C}")
    assert interrupted.value.exit_code == 130
    assert "Decided 2 cards (1 approved, 1 rejected), all saved." in str(interrupted.value)
    assert list(statuses(card_path).values())[:3] == ["approved", "rejected", "pending"]


class Screen(DummyOutput):
    """What prompt_toolkit draws, so a test can type its next keys once a prompt is up."""

    def __init__(self) -> None:
        self.text = ""
        self.drawn = threading.Condition()

    def write(self, data: str) -> None:
        with self.drawn:
            self.text += data
            self.drawn.notify_all()

    write_raw = write

    def wait_for(self, shown: str, start: int) -> int:
        """Where `shown` ends, once it is drawn after `start` (give up after 30 s)."""
        with self.drawn:
            self.drawn.wait_for(lambda: shown in self.text[start:], timeout=30)
            return self.text.find(shown, start) + len(shown)


def review_answering(path: Path, keys: str, *steps: tuple[str, str]) -> ReviewSummary:
    """Type `keys`, then for each (shown, more keys) step wait until the prompt showing `shown`
    is up and type the keys: an Esc typed ahead would be read as the start of an Alt-key."""
    screen = Screen()
    with create_pipe_input() as pipe:

        def typist() -> None:
            position = 0
            for shown, more in steps:
                position = screen.wait_for(shown, position)
                pipe.send_text(more)
            pipe.close()

        pipe.send_text(keys)
        typing = threading.Thread(target=typist)
        typing.start()
        try:
            return review_card_file(path, input=pipe, output=screen)
        finally:
            typing.join()


def assert_second_card_rejected_unchanged(path: Path) -> None:
    before = make_card(1)
    cards = load_card_file(path).cards
    assert [card.status for card in cards[:3]] == [
        ReviewStatus.APPROVED,
        ReviewStatus.REJECTED,  # the card whose edit was cancelled, decided after it
        ReviewStatus.PENDING,
    ]
    assert (cards[1].edited, cards[1].tags) == (None, before.tags)


@pytest.mark.parametrize("prompt", ["e", f"e{ENTER}", "t", "A"])  # e: the Q, e Enter: the A
def test_ctrl_c_while_typing_cancels_just_that_and_the_review_goes_on(
    card_path: Path, prompt: str
) -> None:
    summary = review_with_keys(card_path, f"a{prompt}{CLEAR_LINE}9 typed{CTRL_C}rq")
    assert_second_card_rejected_unchanged(card_path)
    assert summary.quit  # ended by q, not interrupted


@pytest.mark.parametrize(
    ("prompt", "shown"),
    [("e", "Front:"), (f"e{ENTER}", "Back:"), ("t", "Tags"), ("A", "Approve every")],
)
def test_esc_while_typing_cancels_just_that(card_path: Path, prompt: str, shown: str) -> None:
    typed = f"a{prompt}{CLEAR_LINE}9 typed"
    review_answering(card_path, typed, (shown, ESC), ("Decide", "rq"))
    assert_second_card_rejected_unchanged(card_path)


def test_ctrl_c_at_the_card_after_a_cancelled_edit_ends_the_review(card_path: Path) -> None:
    with pytest.raises(ReviewInterrupted):
        review_with_keys(card_path, f"ae{CLEAR_LINE}half typed{CTRL_C}{CTRL_C}")
    cards = load_card_file(card_path).cards
    assert cards[0].status == ReviewStatus.APPROVED
    assert cards[1].edited is None


def test_ctrl_d_ends_like_ctrl_c(card_path: Path) -> None:
    with pytest.raises(ReviewInterrupted) as interrupted:
        review_with_keys(card_path, f"a{CTRL_D}")
    assert interrupted.value.exit_code == 130
    assert statuses(card_path)["tide-000"] == "approved"


def test_all_revisits_decided_cards(card_path: Path) -> None:
    review_with_keys(card_path, f"aaaaa{ENTER}")
    summary = review_with_keys(card_path, "q")
    assert summary.offered == 0
    review_with_keys(card_path, "rq", revisit_all=True)
    assert statuses(card_path)["tide-000"] == "rejected"


def test_kind_and_min_score_filters(tmp_path: Path) -> None:
    path = tmp_path / "mixed.cards.json"
    card_file = make_card_file(path, count=4)
    card_file.cards[2] = make_card(2, kind=CardKind.DEFINITION)
    save_card_file(path, card_file)
    review_with_keys(path, f"a{ENTER}", kinds=["definition"])
    assert statuses(path)["tide-002"] == "approved"
    review_with_keys(path, f"aa{ENTER}", min_score=0.85)
    assert list(statuses(path).values()) == ["approved", "approved", "approved", "pending"]


def test_panel_shows_position_kind_card_quote_speaker_time_and_counts(
    card_path: Path, capsys: pytest.CaptureFixture
) -> None:
    review_with_keys(card_path, "aq")
    shown = capsys.readouterr().out
    for expected in (
        "1/5",
        "claim",
        "What do sea stars use to move?",
        "Hundreds of tiny tube feet.",
        "“Sea stars move on hundreds of tiny tube feet.” — Mara, 0:05",
        "approved 1 · rejected 0 · pending 4 in the file",
    ):
        assert expected in shown
    assert max(len(line) for line in shown.splitlines()) <= 80


def test_a_narrow_terminal_cuts_no_word_off_the_panel_footer(
    card_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    review_at_width(card_path, "aq", 50, monkeypatch)
    shown = capsys.readouterr().out
    footer = shown.splitlines()[-1]  # whole words: no 'pending 4 in the fi─╯'
    assert re.search(r"─ approved 1 · rejected 0 · pending 4( in the file)? ?─╯$", footer)
    assert max(len(line) for line in shown.splitlines()) <= 50


def test_cloze_panel_marks_the_deletion(card_path: Path, capsys: pytest.CaptureFixture) -> None:
    review_with_keys(card_path, "cq")
    assert "Sea stars move on [hundreds of tiny tube feet]." in capsys.readouterr().out


def test_approve_all_without_a_terminal_respects_min_score(card_path: Path) -> None:
    assert approve_all(card_path, min_score=0.8).picked == 3
    assert list(statuses(card_path).values()) == [
        "approved",
        "approved",
        "approved",
        "pending",
        "pending",
    ]
    assert approve_all(card_path).picked == 2


def test_approve_best_skips_rejected_counts_approved_and_is_idempotent(card_path: Path) -> None:
    card_file = load_card_file(card_path)
    card_file.cards[0].status = ReviewStatus.REJECTED
    card_file.cards[2].status = ReviewStatus.APPROVED
    save_card_file(card_path, card_file)

    approval = approve_best(card_path, 2)
    assert approval.picked == 2  # the best two not rejected: 2nd and 3rd
    assert approval.counts == DecisionCounts.of(load_card_file(card_path).cards)  # as saved
    assert list(statuses(card_path).values()) == [
        "rejected",
        "approved",
        "approved",
        "pending",
        "pending",
    ]
    assert approve_best(card_path, 2).picked == 2  # nothing more on a second run
    assert list(statuses(card_path).values()).count("approved") == 2


def test_approve_best_with_only_rejected_cards_has_nothing_to_do(tmp_path: Path) -> None:
    path = tmp_path / "tide.cards.json"
    card_file = make_card_file(path, count=2)
    for card in card_file.cards:
        card.status = ReviewStatus.REJECTED
    save_card_file(path, card_file)
    with pytest.raises(NothingToDo):
        approve_best(path, 3)


def podcards(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "podcards", *args],
        stdin=subprocess.DEVNULL,
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_review_without_a_terminal_refuses_in_one_line(card_path: Path) -> None:
    result = podcards("review", str(card_path))
    assert result.returncode == 2
    assert result.stderr.count("\n") == 1
    assert "needs a terminal" in result.stderr and "--approve-all" in result.stderr


def test_review_says_when_its_filters_leave_out_every_pending_card(card_path: Path) -> None:
    result = podcards("review", str(card_path), "--kind", "definition", "--min-score", "0.99")
    assert result.returncode == 1
    assert result.stderr == (
        f"podcards: nothing to review in {card_path}: 5 pending cards, "
        "none match --kind definition --min-score 0.99\n"
    )


def test_review_with_nothing_pending_points_to_all(card_path: Path) -> None:
    approve_all(card_path)
    result = podcards("review", str(card_path), "--kind", "claim")
    assert result.returncode == 1
    assert "0 pending (--all revisits decided ones)" in result.stderr


def test_approve_all_command_works_without_a_terminal(card_path: Path) -> None:
    result = podcards("review", str(card_path), "--approve-all", "--min-score", "0.85")
    assert result.returncode == 0, result.stderr
    assert list(statuses(card_path).values()).count("approved") == 2


def test_review_of_a_broken_card_file_is_one_line_exit_2(tmp_path: Path) -> None:
    path = tmp_path / "broken.cards.json"
    path.write_text('{"schema_version": 1, "episode": ')
    result = podcards("review", str(path), "--approve-all")
    assert result.returncode == 2
    assert "broken JSON at line 1" in result.stderr
    assert "Traceback" not in result.stderr


def test_enter_and_other_keys_do_not_decide(card_path: Path) -> None:
    review_with_keys(card_path, f"{ENTER}xz\ta{ENTER}q")
    assert list(statuses(card_path).values())[:2] == ["approved", "pending"]


CTRL_X, CTRL_E = "\x18", "\x05"


def test_ctrl_x_ctrl_e_typed_at_human_speed_opens_the_editor(
    card_path: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Text prompts waited only 0.05 s for the second key of any two-key binding (to take Esc
    at once), so Ctrl-E typed a tenth of a second after Ctrl-X never reached $EDITOR."""
    editor = tmp_path / "editor.py"
    editor.write_text(
        "import sys\nfrom pathlib import Path\n"
        "path = Path(sys.argv[1])\npath.write_text(path.read_text().strip() + ' (edited)')\n"
    )
    monkeypatch.setenv("VISUAL", f"{sys.executable} {editor}")
    with create_pipe_input() as pipe:

        def typist() -> None:
            pipe.send_text(f"e{CTRL_X}")
            time.sleep(0.3)
            pipe.send_text(CTRL_E)
            time.sleep(2)  # the editor runs, the edit is taken, the Back prompt comes up
            pipe.send_text(f"{ENTER}q")
            pipe.close()

        typing = threading.Thread(target=typist)
        typing.start()
        try:
            review_card_file(card_path, input=pipe, output=DummyOutput())
        finally:
            typing.join()
    assert load_card_file(card_path).cards[0].content.front == (
        "What do sea stars use to move? (edited)"
    )


def test_a_forty_column_terminal_shows_every_count_of_a_long_episode(
    tmp_path: Path, capsys: pytest.CaptureFixture, monkeypatch: pytest.MonkeyPatch
) -> None:
    """With counts of three digits (a 90-minute episode has about 200 candidates) the footer
    at 40 columns ended 'approved 120 · rejected 100 · pendi─╯'."""
    path = tmp_path / "long.cards.json"
    card_file = make_card_file(path, count=0)
    card_file.cards = [make_card(n, score=0.5) for n in range(370)]
    for card in card_file.cards[:120]:
        card.status = ReviewStatus.APPROVED
    for card in card_file.cards[120:220]:
        card.status = ReviewStatus.REJECTED
    save_card_file(path, card_file)
    review_at_width(path, "q", 40, monkeypatch)
    footer = capsys.readouterr().out.splitlines()[-1]
    assert re.search(r"─ appr\. 120 · rej\. 100 · pend\. 150 ?─╯$", footer), footer
