"""A review killed with SIGKILL at random moments never leaves a broken card file or loses a
decision that was reported saved before the kill."""

from __future__ import annotations

import os
import random
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest
from card_factory import make_card_file

from podcards.cardfile import load_card_file
from podcards.review import approve_all

DRIVER = """
import os, random, sys, threading, time
from pathlib import Path
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
from podcards import ui
import podcards.review.session as session

ui.console().file = open(os.devnull, "w")
save_card_file = session.save_card_file
reported = {}

def save_and_report(target, card_file):
    save_card_file(target, card_file)
    changed = [c for c in card_file.cards if reported.get(c.id, "pending") != c.status.value]
    reported.update((c.id, c.status.value) for c in changed)
    print("SAVED", *(f"{c.id}={c.status.value}" for c in changed), flush=True)

session.save_card_file = save_and_report

def keep_typing(pipe):
    while True:
        pipe.send_text(random.choice("aars"))
        time.sleep(0.001)

with create_pipe_input() as pipe:
    threading.Thread(target=keep_typing, args=(pipe,), daemon=True).start()
    session.review_card_file(Path(sys.argv[1]), input=pipe, output=DummyOutput())
"""

ROUNDS = 20
AT_ONCE = 5
"""Reviews killed side by side, so 20 kills cost about four process start-ups."""
TIME_BUDGET = 15.0
"""Seconds: a loaded machine stops after the batch that passes it (two batches at least)."""


def start_review(path: Path) -> subprocess.Popen:
    make_card_file(path, count=200)
    return subprocess.Popen(
        [sys.executable, "-c", DRIVER, str(path)],
        stdout=subprocess.PIPE,
        stderr=subprocess.DEVNULL,
        env={**os.environ, "PYTHONUNBUFFERED": "1"},
        text=True,
    )


def reported_decisions(review: subprocess.Popen, first_line: str) -> dict[str, str]:
    """Every decision the review said it had saved, from complete lines only."""
    lines = [first_line, *review.stdout.read().splitlines(keepends=True)]
    review.stdout.close()
    decisions: dict[str, str] = {}
    for line in lines:
        if line.startswith("SAVED") and line.endswith("\n"):
            decisions.update(pair.split("=") for pair in line.split()[1:])
    return decisions


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_at_random_moments_never_loses_a_reported_decision(tmp_path: Path) -> None:
    rng = random.Random(919)
    checked = 0
    started = time.monotonic()
    for batch in range(ROUNDS // AT_ONCE):
        if batch >= 2 and time.monotonic() - started > TIME_BUDGET:
            break
        paths = [tmp_path / f"round-{batch}-{n}.cards.json" for n in range(AT_ONCE)]
        reviews = [start_review(path) for path in paths]
        first_lines = [review.stdout.readline() for review in reviews]
        assert all(line.startswith("SAVED") for line in first_lines), "a driver saved nothing"
        for review in reviews:
            time.sleep(rng.uniform(0, 0.12))
            review.send_signal(signal.SIGKILL)
        for path, review, first_line in zip(paths, reviews, first_lines, strict=True):
            review.wait()
            on_disk = {card.id: card.status.value for card in load_card_file(path).cards}
            for card_id, status in reported_decisions(review, first_line).items():
                assert on_disk[card_id] == status, f"{path.name}: lost the decision on {card_id}"
                checked += 1
    assert checked > 2 * AT_ONCE  # the kills landed after real decisions, not before any

    for path in tmp_path.glob("*.cards.json"):
        approve_all(path)  # the next writer clears any temp file a killed writer left
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []
