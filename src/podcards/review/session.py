"""The review loop: one card at a time, one key per decision, every change saved at once.

The whole session holds the card file's lock, so a second podcards process cannot write
decisions underneath it; each decision is saved atomically the moment it is made, so
quitting, Ctrl-C or a killed process costs at most the card on screen.
"""

from __future__ import annotations

import math
import re
import sys
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

from podcards import ui
from podcards.anki.notes import cloze_problem, note_problem
from podcards.cardfile import locked_card_file, save_card_file
from podcards.errors import EXIT_INTERRUPTED, NothingToDo, PodcardsError
from podcards.models import Card, CardContent, CardFile, CardKind, NoteType, ReviewStatus
from podcards.review.cloze import to_basic, to_cloze
from podcards.review.panel import FIX_FIRST, card_panel
from podcards.review.prompts import PromptCancelled, Prompter

ACTIONS = {
    "a": "approve",
    "r": "reject",
    "e": "edit",
    "c": "switch Q/A ↔ cloze",
    "s": "skip",
    "b": "back",
    "u": "undo the last change",
    "t": "tag",
    "A": "approve all remaining at or above a score",
    "o": "restore the original text",
    "?": "help",
    "q": "quit",
}
ALIASES = {"y": "a", "n": "r"}
"""`git add -p` habits: y approves, n rejects."""

PROMPT = f"Decide [{','.join(ACTIONS)}]"
END_ACTIONS = {"b": "back", "u": "undo", "enter": "finish", "q": "finish"}
END_PROMPT = "End of the queue: b goes back to the last card, u undoes, Enter or q finishes"


@dataclass
class DecisionCounts:
    pending: int = 0
    approved: int = 0
    rejected: int = 0
    edited: int = 0

    @classmethod
    def of(cls, cards: Iterable[Card]) -> DecisionCounts:
        counts = cls()
        for card in cards:
            setattr(counts, card.status.value, getattr(counts, card.status.value) + 1)
            counts.edited += card.is_edited
        return counts


@dataclass
class ReviewSummary:
    path: Path
    counts: DecisionCounts
    offered: int
    """Cards the session had to show (0: nothing matched, nothing to do)."""
    approved: int = 0
    """Cards the reviewer approved in this session (one decided twice counts once, as it ended)."""
    rejected: int = 0
    reopened: int = 0
    """Cards decided before the session and pending after it (o or c made them unapprovable)."""
    edited: int = 0
    """Cards whose text or tags the session left different from how it found them."""
    quit: bool = False
    """The reviewer pressed q before the end: stop, and resume later."""

    @property
    def decided(self) -> int:
        return self.approved + self.rejected

    def totals(self) -> str:
        counts = self.counts
        return (
            f"{self.path}: {counts.approved} approved, {counts.rejected} rejected, "
            f"{counts.pending} pending"
        )

    def line(self) -> str:
        """What this session did, then where the card file stands: 'Decided 2 cards (1 approved,
        1 rejected) and edited 1 card, all saved. tide.cards.json: ...'."""
        done = []
        if self.decided:
            done.append(
                f"decided {ui.plural(self.decided, 'card')} ({self.approved} approved, "
                f"{self.rejected} rejected)"
            )
        if self.reopened:
            done.append(f"put {ui.plural(self.reopened, 'card')} back to pending")
        if self.edited:
            done.append(f"edited {ui.plural(self.edited, 'card')}")
        did = f"{' and '.join(done).capitalize()}, all saved." if done else "Nothing changed."
        return f"{did} {self.totals()}"


@dataclass
class Change:
    """One change the reviewer made: the cards as they were before it, and the queue and
    position then (approving all above a score also moves cards in the queue)."""

    what: str
    cards: list[Card]
    index: int
    queue: list[Card]


def _held_note(held: int) -> str:
    """'; 2 cards left pending, no Anki card yet (in review: e edits, ...)', or '' for none."""
    if not held:
        return ""
    return f"; {ui.plural(held, 'card')} left pending, no Anki card yet (in review: {FIX_FIRST})"


class ReviewInterrupted(PodcardsError):
    """Ctrl-C or Ctrl-D: everything decided is already saved; exit 130 with the summary."""

    exit_code = EXIT_INTERRUPTED

    def __init__(self, summary: ReviewSummary):
        super().__init__(f"interrupted. {summary.line()}")
        self.summary = summary


def review_card_file(
    path: Path,
    *,
    revisit_all: bool = False,
    kinds: Iterable[CardKind | str] | None = None,
    min_score: float | None = None,
    episode: tuple[int, int] | None = None,
    input: Any = None,
    output: Any = None,
) -> ReviewSummary:
    """Walk the chosen cards best first and record each decision as it is made.

    `episode` (number, of how many) heads each card with 'episode 1 of 2: <title>', for a
    review of several episodes in turn.

    `input`/`output` are prompt_toolkit input and output objects (tests pass a pipe);
    without them the review needs a terminal, and refuses at once when there is none and
    there are cards to show (with none, it has nothing to ask, so scripts can re-run it).
    """
    with locked_card_file(path) as card_file:
        queue = choose_cards(card_file.cards, revisit_all, kinds, min_score)
        if queue and input is None and not sys.stdin.isatty():
            raise PodcardsError(
                f"{path}: interactive review needs a terminal; in scripts use "
                "`podcards review --approve-all [--min-score X]`"
            )
        header = (
            f"episode {episode[0]} of {episode[1]}: {card_file.episode.title}" if episode else None
        )
        session = ReviewSession(path, card_file, queue, Prompter(input, output), header)
        try:
            session.run()
        except (KeyboardInterrupt, EOFError):
            raise ReviewInterrupted(session.summary()) from None
        return session.summary()


def choose_cards(
    cards: list[Card],
    revisit_all: bool,
    kinds: Iterable[CardKind | str] | None,
    min_score: float | None,
) -> list[Card]:
    """Cards to show, best score first: the undecided ones, or all with `revisit_all`."""
    wanted_kinds = {CardKind(kind) for kind in kinds} if kinds else set(CardKind)
    chosen = [
        card
        for card in cards
        if (revisit_all or card.status == ReviewStatus.PENDING)
        and card.kind in wanted_kinds
        and (min_score is None or card.score >= min_score)
    ]
    return sorted(chosen, key=lambda card: -card.score)


def approvable(card: Card) -> bool:
    """A card the export can turn into an Anki card: an unclozed cloze (nothing hidden yet,
    left for the reviewer to edit) is not, so approving it would only have it dropped."""
    return note_problem(card) is None


@dataclass
class Approval:
    """What approving without asking did: how many cards it picked, how many it left pending
    as not approvable, and where the card file stands after it, earlier decisions included (so
    no caller reads the file again to know)."""

    picked: int
    counts: DecisionCounts
    held: int = 0

    def line(self, path: Path) -> str:
        return f"Approved {ui.plural(self.picked, 'card')} in {path}{_held_note(self.held)}."


def approve_all(
    path: Path,
    min_score: float | None = None,
    kinds: Iterable[CardKind | str] | None = None,
) -> Approval:
    """Approve every pending card (at or above `min_score`) that can make an Anki card: review
    for scripts, no terminal."""
    return approve_chosen(path, lambda cards: choose_cards(cards, False, kinds, min_score))


def approve_best(path: Path, count: int) -> Approval:
    """Approve the `count` best-scored cards not rejected (ties at the cut-off go in too);
    `picked` is how many that is.

    Counting the ones already approved keeps it idempotent: running the demo again gives the
    same deck, not one that grows by `count` each time.
    """

    def best(cards: list[Card]) -> list[Card]:
        kept = sorted(
            (card for card in cards if card.status != ReviewStatus.REJECTED and approvable(card)),
            key=lambda card: -card.score,
        )
        if not kept:
            raise NothingToDo(f"{path}: no candidates to approve")
        cut_off = kept[min(count, len(kept)) - 1].score
        return [card for card in kept if card.score >= cut_off]

    return approve_chosen(path, best)


def approve_chosen(path: Path, choose: Callable[[list[Card]], list[Card]]) -> Approval:
    """Approve the pending ones among the cards `choose` picks, but for those that cannot make
    an Anki card, in one read of the card file under its lock, saved once."""
    with locked_card_file(path) as card_file:
        chosen = choose(card_file.cards)
        held = [card for card in chosen if not approvable(card)]
        pending = [c for c in chosen if c.status == ReviewStatus.PENDING and c not in held]
        for card in pending:
            decide(card, ReviewStatus.APPROVED)
        if pending:
            save_card_file(path, card_file)
    return Approval(len(chosen) - len(held), DecisionCounts.of(card_file.cards), len(held))


def decide(card: Card, status: ReviewStatus) -> None:
    card.status = status
    card.decided_at = datetime.now(timezone.utc)


class ReviewSession:
    """The reviewer's place in the queue and the action behind each key."""

    def __init__(
        self,
        path: Path,
        card_file: CardFile,
        queue: list[Card],
        prompter: Prompter,
        header: str | None = None,
    ):
        self.path = path
        self.header = header
        self.card_file = card_file
        self.queue = queue
        self.prompter = prompter
        self.index = 0
        self.offered = list(queue)
        self.found = {card.id: card.model_copy(deep=True) for card in queue}
        """The cards as the session found them, to tell what the reviewer changed."""
        self.quit = False
        self.history: list[Change] = []
        """What each change replaced, last on top, for u."""
        self.handlers = {
            "a": self._approve,
            "r": self._reject,
            "e": self._edit,
            "c": self._switch,
            "s": self._skip,
            "b": self._back,
            "u": self._undo,
            "t": self._tag,
            "A": self._approve_above,
            "o": self._restore,
            "?": self._help,
        }

    def summary(self) -> ReviewSummary:
        """The file's counts, and what the reviewer changed: a card decided, edited or decided
        again counts once, however many saves that took."""
        found = self.found
        decided = [c for c in self.offered if c.decided_at != found[c.id].decided_at]
        edited = [c for c in self.offered if _text_and_tags(c) != _text_and_tags(found[c.id])]
        return ReviewSummary(
            self.path,
            DecisionCounts.of(self.card_file.cards),
            len(self.offered),
            approved=sum(card.status == ReviewStatus.APPROVED for card in decided),
            rejected=sum(card.status == ReviewStatus.REJECTED for card in decided),
            reopened=sum(card.status == ReviewStatus.PENDING for card in decided),
            edited=len(edited),
            quit=self.quit,
        )

    def run(self) -> None:
        """Card after card until q; the end of the queue is one more step, so that b can still
        change the last decision."""
        while not self.quit:
            if self.index < len(self.queue):
                self._offer(self.queue[self.index])
            elif not self.offered or self._finish():
                return

    def _offer(self, card: Card) -> None:
        counts = DecisionCounts.of(self.card_file.cards)
        ui.console().print(card_panel(card, self.index + 1, len(self.queue), counts, self.header))
        key = self.prompter.key(PROMPT, {**ACTIONS, **dict.fromkeys(ALIASES, "")})
        key = ALIASES.get(key, key)
        if key == "q":
            self.quit = True
            return
        try:
            self.handlers[key](card)
        except PromptCancelled:
            ui.info("Cancelled; the card is as it was.")

    def _finish(self) -> bool:
        """The end of the queue: True when the reviewer is done, False after b (back to the
        last card). q finishes like Enter: it ends this queue, not a whole `run`."""
        left = sum(card.status == ReviewStatus.PENDING for card in self.queue)
        ui.info(f"End of the queue{f'; {left} skipped, run again to see them' if left else ''}.")
        key = self.prompter.key(END_PROMPT, END_ACTIONS)
        if key == "b":
            self._back()
            return False
        if key == "u":
            self._undo()
            return False
        return True

    def save(self) -> None:
        save_card_file(self.path, self.card_file)

    @contextmanager
    def _change(self, cards: list[Card], what: str) -> Iterator[None]:
        """Around a change to the cards: note them as they are before it, and where the review
        stood, for u; then save the change."""
        before = [card.model_copy(deep=True) for card in cards]
        self.history.append(Change(what, before, self.index, list(self.queue)))
        yield
        self.save()

    def _approve(self, card: Card) -> None:
        problem = note_problem(card)
        if problem:
            ui.warn(f"not approved: {problem}; {FIX_FIRST}")
            return
        with self._change([card], "approving"):
            decide(card, ReviewStatus.APPROVED)
        self.index += 1

    def _reject(self, card: Card) -> None:
        with self._change([card], "rejecting"):
            decide(card, ReviewStatus.REJECTED)
        self.index += 1

    def _undo(self, card: Card | None = None) -> None:
        """Put back the cards the last change touched, and the review where it stood then."""
        if not self.history:
            ui.info("Nothing to undo in this review.")
            return
        change = self.history.pop()
        live = {live.id: live for live in self.card_file.cards}
        for before in change.cards:
            for field in type(before).model_fields:
                setattr(live[before.id], field, getattr(before, field))
        self.queue[:] = change.queue
        self.index = change.index
        self.save()
        ui.info(f"Undid {change.what} ({ui.plural(len(change.cards), 'card')}).")

    def _skip(self, card: Card) -> None:
        self.index += 1

    def _back(self, card: Card | None = None) -> None:
        if self.index == 0:
            ui.info("This is the first card.")
        else:
            self.index -= 1

    def _edit(self, card: Card) -> None:
        self._set_content(card, self._ask_content(card.content), "the edit")

    def _switch(self, card: Card) -> None:
        current = card.content
        target = NoteType.BASIC if current.note_type == NoteType.CLOZE else NoteType.CLOZE
        if card.generated.note_type == target:
            switched = card.generated
        elif target == NoteType.CLOZE:
            switched = to_cloze(current, card.quote)
        else:
            switched = to_basic(current)
        self._set_content(
            card, switched, f"the switch to {'cloze' if target == NoteType.CLOZE else 'Q/A'}"
        )

    def _restore(self, card: Card) -> None:
        self._set_content(card, card.generated, "restoring the original")

    def _set_content(self, card: Card, content: CardContent, what: str) -> None:
        edited = None if content == card.generated else content
        if edited != card.edited:
            with self._change([card], what):
                card.edited = edited
                _keep_approved_exportable(card)

    def _ask_content(self, current: CardContent) -> CardContent:
        if current.note_type == NoteType.CLOZE:
            front = self.prompter.text("Cloze text:", current.front, _valid_cloze, long_text=True)
            back = self.prompter.text("Extra (optional):", current.back, long_text=True)
        else:
            front = self.prompter.text("Front:", current.front, _not_empty, long_text=True)
            back = self.prompter.text("Back:", current.back, _not_empty, long_text=True)
        return CardContent(note_type=current.note_type, front=front.strip(), back=back.strip())

    def _tag(self, card: Card) -> None:
        answer = self.prompter.text("Tags (space separated):", " ".join(card.tags))
        tags = list(dict.fromkeys(_tags_typed(answer)))
        if tags != card.tags:
            with self._change([card], "the tags"):
                card.tags = tags

    def _approve_above(self, card: Card) -> None:
        answer = self.prompter.text(
            "Approve every remaining card scoring at least:", _score_at_most(card.score), _is_score
        )
        threshold = float(answer)
        remaining = self.queue[self.index :]
        scoring = [
            c for c in remaining if c.status == ReviewStatus.PENDING and c.score >= threshold
        ]
        chosen = {c.id: c for c in scoring if approvable(c)}
        if chosen:
            with self._change(list(chosen.values()), "approving all above a score"):
                for chosen_card in chosen.values():
                    decide(chosen_card, ReviewStatus.APPROVED)
            self._pass_over(list(chosen.values()))
        held = _held_note(len(scoring) - len(chosen))
        ui.info(f"Approved {ui.plural(len(chosen), 'card')} scoring {threshold:g} or more{held}.")

    def _pass_over(self, decided: list[Card]) -> None:
        """Move cards decided at once to just before the position, as if decided one by one:
        the queue keeps its length, so the counter keeps its total ('2/17' goes on to '5/17',
        where taking them out made it '2/14') and b revisits them."""
        ids = {card.id for card in decided}
        rest = [card for card in self.queue[self.index :] if card.id not in ids]
        self.queue[self.index :] = decided + rest
        self.index += len(decided)

    def _help(self, card: Card) -> None:
        from rich.table import Table

        table = Table(show_header=False, box=None, padding=(0, 2))
        for key, label in ACTIONS.items():
            table.add_row(f"[bold]{key}[/]", label)
        table.add_row("", "y and n work as a and r")
        table.add_row("Esc", "while typing (e, t, A): cancel, the card stays as it was")
        table.add_row("Ctrl-C", "while typing: cancel the same way; here: save and stop")
        ui.console().print(table)


TYPED_TAG = re.compile(r'"([^"]*)"|\'([^\']*)\'|([^\s,]+)')


def _tags_typed(answer: str) -> list[str]:
    """Tags split at spaces and commas; a quoted phrase is one tag with dashes for its spaces
    (Anki tags hold no spaces): '"tidal power" shore' -> ['tidal-power', 'shore']."""
    found = ("".join(match.groups(default="")) for match in TYPED_TAG.finditer(answer))
    return [tag for tag in ("-".join(words.strip("\"'").split()) for words in found) if tag]


def _keep_approved_exportable(card: Card) -> None:
    """Put an approved card back to pending when its new text can make no Anki card (o or c
    bringing back a cloze with nothing hidden): review would not approve such a card, and left
    approved the export would only drop it with a warning. u gives back text and approval."""
    problem = note_problem(card)
    if card.status == ReviewStatus.APPROVED and problem:
        card.status, card.decided_at = ReviewStatus.PENDING, None
        ui.warn(f"back to pending: {problem}; {FIX_FIRST}")


def _text_and_tags(card: Card) -> tuple[CardContent | None, list[str]]:
    return card.edited, card.tags


def _not_empty(text: str) -> bool | str:
    return bool(text.strip()) or "Cannot be empty."


def _valid_cloze(text: str) -> bool | str:
    """The export's own rule, so a cloze the edit accepts is never left out of the deck."""
    problem = cloze_problem(text)
    if problem is None:
        return True
    return f"{problem[0].upper()}{problem[1:]}; hide words like {{{{c1::the words to hide}}}}."


def _score_at_most(score: float) -> str:
    """The score to two decimals, rounded down: the card on screen passes its own threshold."""
    return f"{math.floor(score * 100) / 100:.2f}"


def _is_score(text: str) -> bool | str:
    try:
        score = float(text)
    except ValueError:
        score = math.nan
    return 0 <= score <= 1 or "A score from 0 to 1, like 0.6."
