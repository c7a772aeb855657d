"""How long `podcards --help` takes, against a bare `python -c pass`, and what it imports.

Target: at most 0.3 s, and none of the heavy libraries imported; a slow --help means a
command module imports its stage at module level.

    python benchmarks/startup.py [--runs 10]
"""

from __future__ import annotations

import argparse
import subprocess
import sys
import time
from pathlib import Path

TARGET_SECONDS = 0.3
HEAVY_LIBRARIES = ("pydantic", "rich", "nltk", "genanki", "questionary", "prompt_toolkit")


def best_time(command: list[str], runs: int) -> float:
    """The fastest of `runs` wall-clock runs: the least disturbed by the rest of the machine."""
    timings = []
    for _ in range(runs):
        started = time.perf_counter()
        subprocess.run(command, check=True, stdout=subprocess.DEVNULL)
        timings.append(time.perf_counter() - started)
    return min(timings)


def podcards_command() -> list[str]:
    """The installed console script next to this interpreter (not a version-manager shim)."""
    script = Path(sys.executable).with_name("podcards")
    return [str(script)] if script.is_file() else [sys.executable, "-m", "podcards"]


def heavy_imports() -> list[str]:
    """Top-level names of heavy libraries that `--help` imports (from `python -X importtime`)."""
    result = subprocess.run(
        [sys.executable, "-X", "importtime", "-m", "podcards", "--help"],
        check=True,
        capture_output=True,
        text=True,
    )
    imported = {
        line.rsplit("|", 1)[-1].strip().split(".")[0] for line in result.stderr.splitlines()
    }
    return sorted(imported.intersection(HEAVY_LIBRARIES))


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=10)
    runs = parser.parse_args().runs

    bare = best_time([sys.executable, "-c", "pass"], runs)
    help_time = best_time([*podcards_command(), "--help"], runs)
    heavy = heavy_imports()
    print(f"python -c pass      {bare:.3f} s")
    print(f"podcards --help     {help_time:.3f} s  (target <= {TARGET_SECONDS} s)")
    print(f"ratio               {help_time / bare:.1f}x bare interpreter")
    print(f"heavy imports       {', '.join(heavy) or 'none'}")
    return 0 if help_time <= TARGET_SECONDS and not heavy else 1


if __name__ == "__main__":
    sys.exit(main())
