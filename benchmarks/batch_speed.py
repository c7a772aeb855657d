"""Batch extraction of 10, 50 and 100 synthetic episodes: time, growth, and peak memory.

The episodes are made from the bundled sample's sentences, shuffled and recombined under
distinct titles to about 80 KB each (100 episodes = about 8 MB), in a temporary folder that
is deleted afterwards. Each size runs in a fresh process that reports its wall time and the
peak RSS of itself and of its worker processes.

Targets: 100 episodes in at most 60 s on 2 cores; time per MB about the same at every size
(linear growth); peak RSS of any process bounded (it must not grow with the batch). CPU
seconds (main process + workers) are shown too: on a busy machine wall time says little,
and CPU / cores is what the batch needs on an idle one.

    python benchmarks/batch_speed.py [--sizes 10 50 100] [--workers 2]
"""

from __future__ import annotations

import argparse
import json
import os
import random
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
EPISODE_BYTES = 80_000
TARGET_SECONDS_FOR_100 = 60.0
SPEAKERS = ("Host", "Guest")
TOPICS = (
    "Machines That Paint", "Goals Inside Goals", "The Doubling Clock", "Noise Into Pictures",
    "Agents at Work", "Why Models Resist", "Slow Samplers", "Longer Tasks",
)  # fmt: skip

if "NLTK_DATA" not in os.environ and (SHARED / "nltk_data").is_dir():
    os.environ["NLTK_DATA"] = str(SHARED / "nltk_data")


def sample_sentences() -> list[str]:
    """The bundled sample's sentences, split roughly at end punctuation (no NLTK needed here)."""
    from podcards.pipeline import sample_transcript
    from podcards.transcripts import read_transcript

    with sample_transcript() as path:
        transcript = read_transcript(path)
    text = " ".join(segment.text for segment in transcript.segments)
    return [s for s in re.split(r"(?<=[.!?])\s+", text) if len(s.split()) >= 4]


def synthetic_episode(number: int, sentences: list[str]) -> str:
    """One ~80 KB text transcript: a title, then speaker turns of shuffled sample sentences."""
    rng = random.Random(number)
    title = f"**{rng.choice(TOPICS)}, part {number}**"
    lines = [title, ""]
    size, seconds, turn = len(title), 0, 0
    while size < EPISODE_BYTES:
        text = " ".join(rng.sample(sentences, rng.randint(2, 6)))
        hours, rest = divmod(seconds, 3600)
        line = f"- {SPEAKERS[turn % 2]}: {hours:02d}:{rest // 60:02d}:{rest % 60:02d} {text}"
        lines.append(line)
        size += len(line) + 1
        seconds += 5 + len(text.split()) // 3
        turn += 1
    return "\n".join(lines) + "\n"


def write_episodes(folder: Path, count: int) -> int:
    """Write `count` episodes into `folder`; returns their total size in bytes."""
    sentences = sample_sentences()
    total = 0
    for number in range(1, count + 1):
        path = folder / f"episode-{number:03d}.txt"
        path.write_text(synthetic_episode(number, sentences), encoding="utf-8")
        total += path.stat().st_size
    return total


def measure_batch(sources: list[Path], output: Path, workers: int) -> dict[str, float]:
    """Run in a child process: time one batch extraction, report it and the peak RSS."""
    import resource

    from podcards import ui
    from podcards.batch import extract_episodes
    from podcards.models import Config

    ui.set_verbosity(-1)
    started = time.perf_counter()
    results = extract_episodes(sources, Config(output=output), workers=workers)
    seconds = time.perf_counter() - started
    own, workers_usage = (
        resource.getrusage(who) for who in (resource.RUSAGE_SELF, resource.RUSAGE_CHILDREN)
    )
    return {
        "seconds": seconds,
        "cpu_seconds": sum(u.ru_utime + u.ru_stime for u in (own, workers_usage)),
        "failed": sum(not result.ok for result in results),
        "cards": sum(len(result.cards) for result in results),
        "duplicates": sum(result.duplicates for result in results),
        "main_rss_mb": own.ru_maxrss / 1024,
        "worker_rss_mb": workers_usage.ru_maxrss / 1024,
    }


def run_size(folder: Path, count: int, workers: int) -> dict[str, float]:
    sources = sorted(folder.glob("episode-*.txt"))[:count]
    output = folder / f"out-{count}"
    child = subprocess.run(
        [sys.executable, __file__, "--child", str(workers), str(output), *map(str, sources)],
        check=True,
        capture_output=True,
        text=True,
    )
    report = json.loads(child.stdout)
    report["megabytes"] = sum(source.stat().st_size for source in sources) / 1e6
    return report


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[10, 50, 100])
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--child", nargs="+", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        workers, output, *sources = args.child
        print(json.dumps(measure_batch([Path(s) for s in sources], Path(output), int(workers))))
        return 0

    with tempfile.TemporaryDirectory(prefix="podcards-batch-") as temp:
        folder = Path(temp)
        total = write_episodes(folder, max(args.sizes))
        print(f"{max(args.sizes)} synthetic episodes, {total / 1e6:.1f} MB, {args.workers} workers")
        print(f"{'episodes':>8} {'MB':>6} {'seconds':>8} {'s/MB':>6} {'CPU s':>7} {'cards':>6} "
              f"{'dups':>6} {'failed':>6} {'main RSS':>9} {'worker RSS':>10}")  # fmt: skip
        reports = {}
        for count in args.sizes:
            report = reports[count] = run_size(folder, count, args.workers)
            print(
                f"{count:>8} {report['megabytes']:>6.1f} {report['seconds']:>8.1f} "
                f"{report['seconds'] / report['megabytes']:>6.2f} {report['cpu_seconds']:>7.1f} "
                f"{report['cards']:>6} "
                f"{report['duplicates']:>6} {report['failed']:>6} "
                f"{report['main_rss_mb']:>7.0f}MB {report['worker_rss_mb']:>8.0f}MB"
            )
    largest = reports[max(args.sizes)]
    if max(args.sizes) == 100:
        print(f"100 episodes in {largest['seconds']:.1f} s (target <= {TARGET_SECONDS_FOR_100} s)")
        return 0 if largest["seconds"] <= TARGET_SECONDS_FOR_100 else 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
