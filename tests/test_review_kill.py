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
import random, sys, threading, time
from pathlib import Path
from prompt_toolkit.input import create_pipe_input
from prompt_toolkit.output import DummyOutput
import podcards.review.session as session

path = Path(sys.argv[1])
save_card_file = session.save_card_file

def save_and_report(target, card_file):
    save_card_file(target, card_file)
    print("SAVED", *(f"{c.id}={c.status.value}" for c in card_file.cards), flush=True)

session.save_card_file = save_and_report

def keep_typing(pipe):
    while True:
        pipe.send_text(random.choice("aars"))
        time.sleep(0.001)

with create_pipe_input() as pipe:
    threading.Thread(target=keep_typing, args=(pipe,), daemon=True).start()
    session.review_card_file(path, input=pipe, output=DummyOutput())
"""

ROUNDS = 20


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_sigkill_at_random_moments_never_loses_a_reported_decision(tmp_path: Path) -> None:
    rng = random.Random(919)
    path = tmp_path / "tide.cards.json"
    environment = {**os.environ, "PYTHONUNBUFFERED": "1"}
    checked = 0
    for _ in range(ROUNDS):
        make_card_file(path, count=400)
        review = subprocess.Popen(
            [sys.executable, "-c", DRIVER, str(path)],
            stdout=subprocess.PIPE,
            stderr=subprocess.DEVNULL,
            env=environment,
            text=True,
        )
        lines = [review.stdout.readline()]
        while lines[-1] and not lines[-1].startswith("SAVED"):
            lines.append(review.stdout.readline())
        assert lines[-1], "the review driver saved nothing"
        time.sleep(rng.uniform(0, 0.15))
        review.send_signal(signal.SIGKILL)
        review.wait()
        lines += review.stdout.read().splitlines(keepends=True)
        review.stdout.close()
        reports = [line for line in lines if line.startswith("SAVED") and line.endswith("\n")]

        on_disk = {card.id: card.status.value for card in load_card_file(path).cards}
        reported = dict(pair.split("=") for pair in reports[-1].split()[1:])
        for card_id, status in reported.items():
            if status != "pending":
                assert on_disk[card_id] == status, f"lost the decision on {card_id}"
                checked += 1
    assert checked > ROUNDS  # the kills landed after real decisions, not before any

    approve_all(path)  # the next writer clears any temp file a killed writer left
    assert [p.name for p in tmp_path.iterdir() if p.suffix == ".tmp"] == []
