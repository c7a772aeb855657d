"""Extraction quality on the dev episode, scored by ../shared/eval/score.py against its gold set.

Prints recall / must / precision at 20, 40 and 80, the grounded-quote rate, the median quote
length and the share of the top 40 cards passing lint, with NLTK data and without it (the
no-data run is a subprocess with NLTK_DATA pointing at an empty folder). With `--formats`,
also the same talk as SRT and Whisper JSON without speakers and as lower-case, unpunctuated
automatic captions (benchmarks/variants.py; grounding is checked against each file's words).

    python benchmarks/quality.py [TRANSCRIPT] [--gold GOLD.json] [--formats]
    python benchmarks/quality.py --all [--heldout | --folder DIR]

`--all` scores every talk at once, one line per talk and format, and their mean: the dev
episode (read from ../shared, never copied into the project) and the talks we wrote ourselves
with their gold sets in benchmarks/episodes/. `--heldout` scores benchmarks/heldout/ instead:
talks written by people who never saw the rules, which no rule was tuned on, so their numbers
estimate quality on talks we do not have. `--folder DIR` scores the talks whose gold sets are
in DIR (each names its transcript): real episodes, say, whose text may not be copied into the
project, kept and scored outside it.
"""

from __future__ import annotations

import argparse
import importlib.util
import json
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DEV_TRANSCRIPT = SHARED / "transcripts" / "sds-919-geron.txt"
DEV_GOLD = SHARED / "eval" / "sds-919-geron.gold.json"
SCORER = SHARED / "eval" / "score.py"
EPISODES = ROOT / "benchmarks" / "episodes"
CUTOFFS = [20, 40, 80]
LINT_TOP = 40


def candidates_and_lint(transcript: Path) -> dict:
    """Run extraction in this process: the candidates (best first) and the top-40 lint share."""
    from podcards.extract import extract_cards, lint
    from podcards.transcripts import read_transcript

    started = time.perf_counter()
    cards = extract_cards(read_transcript(transcript))
    seconds = time.perf_counter() - started
    top = cards[:LINT_TOP]
    return {
        "candidates": [card.as_candidate() for card in cards],
        "lint_pass": sum(not lint(card.content) for card in top) / max(1, len(top)),
        "seconds": seconds,
    }


def run_without_data(transcript: Path) -> dict:
    """The same run in a child process that finds no NLTK data."""
    with tempfile.TemporaryDirectory() as empty:
        done = subprocess.run(
            [sys.executable, __file__, str(transcript), "--child"],
            env={**os.environ, "NLTK_DATA": empty},
            capture_output=True,
            text=True,
            check=True,
        )
    return json.loads(done.stdout)


def load_scorer():
    spec = importlib.util.spec_from_file_location("score", SCORER)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


def report(label: str, run: dict, gold: dict, transcript_text: str) -> None:
    result = load_scorer().score(gold, run["candidates"], CUTOFFS, transcript_text)
    print(
        f"{label}: {result['candidates']} candidates in {run['seconds']:.2f} s, grounded "
        f"{result['grounded']:.3f}, median quote {result['median_quote_words']} words, "
        f"top-{LINT_TOP} lint pass {run['lint_pass']:.2f}"
    )
    for cutoff in map(str, CUTOFFS):
        at = result["at"][cutoff]
        missed = f"  must missed: {', '.join(at['must_missed'])}" if at["must_missed"] else ""
        print(
            f"  @{cutoff:>3}: recall {at['recall']:.3f}  must {at['must']:.3f}  "
            f"precision {at['precision']:.3f}{missed}"
        )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("transcript", nargs="?", type=Path, default=DEV_TRANSCRIPT)
    parser.add_argument("--gold", type=Path, default=DEV_GOLD)
    parser.add_argument("--formats", action="store_true", help="also score other formats")
    parser.add_argument("--all", action="store_true", help="every talk and format, one line each")
    parser.add_argument("--heldout", action="store_true", help="with --all: the held-out talks")
    parser.add_argument("--folder", type=Path, help="with --all: the talks with gold sets in DIR")
    parser.add_argument("--child", action="store_true", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        print(json.dumps(candidates_and_lint(args.transcript)))
        return 0
    if not (args.transcript.is_file() and args.gold.is_file() and SCORER.is_file()):
        print(f"needs {args.transcript}, {args.gold} and {SCORER}", file=sys.stderr)
        return 1
    if "NLTK_DATA" not in os.environ and (SHARED / "nltk_data").is_dir():
        os.environ["NLTK_DATA"] = str(SHARED / "nltk_data")
    if args.all:
        folder = args.folder or (ROOT / "benchmarks" / "heldout" if args.heldout else None)
        report_all(talks(folder))
        return 0
    gold = json.loads(args.gold.read_text(encoding="utf-8"))
    text = args.transcript.read_text(encoding="utf-8")
    report("with NLTK data", candidates_and_lint(args.transcript), gold, text)
    report("without NLTK data", run_without_data(args.transcript), gold, text)
    if args.formats:
        report_formats(args.transcript, gold)
    return 0


def report_formats(transcript: Path, gold: dict) -> None:
    """The talk as captions and ASR output, made in a temporary folder and scored alike."""
    from variants import write_variants

    with tempfile.TemporaryDirectory() as folder:
        for name, path in write_variants(transcript, Path(folder)).items():
            words = " ".join(spoken_words(path))
            report(f"as {name}", candidates_and_lint(path), gold, words)


def talks(folder: Path | None = None) -> list[tuple[Path, Path]]:
    """(transcript, gold) of the talks in `folder` (a gold set's transcript path is absolute or
    relative to the project); by default the dev episode, when ../shared has it, and our own
    talks in benchmarks/episodes/."""
    found = [(DEV_TRANSCRIPT, DEV_GOLD)] if folder is None and DEV_GOLD.is_file() else []
    for gold in sorted((folder or EPISODES).glob("*.gold.json")):
        found.append((ROOT / json.loads(gold.read_text(encoding="utf-8"))["transcript"], gold))
    return found


def answer_agreement(scorer, gold: dict, candidates: list[dict], top: int = LINT_TOP) -> float:
    """Of the top cards that match a gold item, the share whose cloze answer (or Q/A back)
    shares a content word with that item's answer: a proxy for 'the card asks for the fact',
    the defect blind reviews find most (a cloze hiding a word next to the fact)."""
    from podcards.cloze import deletions
    from podcards.extract.dedupe import content_words

    matched = agreeing = 0
    for candidate in candidates[:top]:
        items = [
            item for item in gold["items"] if scorer.matches(scorer.candidate_text(candidate), item)
        ]
        if not items:
            continue
        answers = [deletion.answer for deletion in deletions(candidate["front"])]
        hidden = " ".join(answers) or candidate["back"]
        matched += 1
        agreeing += any(content_words(hidden) & content_words(item["card"][1]) for item in items)
    return agreeing / max(1, matched)


def report_all(scored: list[tuple[Path, Path]]) -> None:
    """One line per talk and format: recall at each cut-off, must@40, precision@40 and the
    answer agreement at 40 (see `answer_agreement`)."""
    from variants import write_variants

    scorer = load_scorer()
    header = " ".join(f"r@{cutoff:<4}" for cutoff in CUTOFFS)
    print(f"{'talk':32} {'format':8} {header} must@40 prec@40 ans@40")
    rows = []
    with tempfile.TemporaryDirectory() as folder:
        for transcript, gold_path in scored:
            gold = json.loads(gold_path.read_text(encoding="utf-8"))
            variants_folder = Path(folder) / transcript.stem
            variants_folder.mkdir()
            versions = {"text": transcript, **write_variants(transcript, variants_folder)}
            for name, path in versions.items():
                run = candidates_and_lint(path)
                at = scorer.score(gold, run["candidates"], CUTOFFS)["at"]
                row = [at[str(cutoff)]["recall"] for cutoff in CUTOFFS]
                row += [at["40"]["must"], at["40"]["precision"]]
                row += [answer_agreement(scorer, gold, run["candidates"])]
                rows.append(row)
                print(f"{transcript.stem[:32]:32} {name:8} " + " ".join(f"{v:<6.3f}" for v in row))
    means = [sum(column) / len(rows) for column in zip(*rows, strict=True)]
    print(f"{'mean':32} {'':8} " + " ".join(f"{v:<6.3f}" for v in means))


def spoken_words(path: Path) -> list[str]:
    """The words a reader finds in the file, for the grounding check."""
    from podcards.transcripts import read_transcript

    return [word for segment in read_transcript(path).segments for word in segment.text.split()]


if __name__ == "__main__":
    sys.exit(main())
