"""Fit the scale of card scores (podcards.extract.extractor.KEY_POINT_MIDPOINT and _SPREAD).

    python training/calibrate_scores.py

A card's score is the chance that it holds one of the talk's key points. This script extracts
the cards of our tuning talks (benchmarks/episodes/) as text, SRT, Whisper JSON and automatic
captions, labels each card by whether it holds a gold item (the scorer's own match, on its
front, back and quote), and fits a logistic on the ranking score. It prints the fitted
midpoint and spread, and how often cards in each band of the current scores held a key point,
on the tuning talks and on the held-out talks (benchmarks/heldout/), which the fit never sees.
The ranking score is recovered from the card's score by inverting the current scale.
"""

from __future__ import annotations

import importlib.util
import json
import math
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SCORER = ROOT.parent / "shared" / "eval" / "score.py"
NEWTON_STEPS = 30

Example = tuple[float, float, bool]
"""A card's ranking score, its score (the chance), and whether it holds a key point."""


def labelled_cards(folder: Path) -> list[Example]:
    sys.path.insert(0, str(ROOT / "benchmarks"))
    from variants import write_variants

    from podcards.extract import extract_cards
    from podcards.extract.extractor import KEY_POINT_MIDPOINT, KEY_POINT_SPREAD
    from podcards.transcripts import read_transcript

    spec = importlib.util.spec_from_file_location("score", SCORER)
    scorer = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(scorer)
    examples = []
    with tempfile.TemporaryDirectory() as scratch:
        for gold_path in sorted(folder.glob("*.gold.json")):
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            talk = ROOT / gold["transcript"]
            variants = Path(scratch) / talk.stem
            variants.mkdir()
            for version in [talk, *write_variants(talk, variants).values()]:
                for card in extract_cards(read_transcript(version)):
                    text = scorer.candidate_text(card.as_candidate())
                    held = any(scorer.matches(text, item) for item in gold["items"])
                    chance = min(max(card.score, 1e-4), 1 - 1e-4)
                    ranking = KEY_POINT_MIDPOINT + KEY_POINT_SPREAD * math.log(
                        chance / (1 - chance)
                    )
                    examples.append((ranking, card.score, held))
    return examples


def fit(examples: list[Example]) -> tuple[float, float]:
    """Logistic regression of holding a key point on the ranking score, by Newton's method:
    the midpoint (where the chance is one half) and the spread (1 / slope)."""
    bias, slope = 0.0, 0.0
    for _ in range(NEWTON_STEPS):
        grad_bias = grad_slope = h_bb = h_bs = h_ss = 0.0
        for score, _, held in examples:
            chance = 1 / (1 + math.exp(-(bias + slope * score)))
            weight = chance * (1 - chance)
            grad_bias += chance - held
            grad_slope += (chance - held) * score
            h_bb, h_bs, h_ss = h_bb + weight, h_bs + weight * score, h_ss + weight * score**2
        determinant = h_bb * h_ss - h_bs**2
        bias -= (h_ss * grad_bias - h_bs * grad_slope) / determinant
        slope -= (h_bb * grad_slope - h_bs * grad_bias) / determinant
    return -bias / slope, 1 / slope


def report(label: str, examples: list[Example]) -> None:
    print(f"{label}: {len(examples)} cards")
    for band in range(10):
        held = [key for _, chance, key in examples if band <= chance * 10 < band + 1]
        if held:
            share = sum(held) / len(held)
            print(
                f"  scored {band / 10:.1f}-{(band + 1) / 10:.1f}: {len(held):4d} cards, {share:.2f} held a key point"
            )


def main() -> int:
    tuning = labelled_cards(ROOT / "benchmarks" / "episodes")
    midpoint, spread = fit(tuning)
    print(
        f"fitted on the tuning talks: KEY_POINT_MIDPOINT = {midpoint:.2f}, KEY_POINT_SPREAD = {spread:.2f}"
    )
    report("tuning talks, current scores", tuning)
    report("held-out talks, current scores", labelled_cards(ROOT / "benchmarks" / "heldout"))
    return 0


if __name__ == "__main__":
    sys.exit(main())
