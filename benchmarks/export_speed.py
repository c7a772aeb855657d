"""Exporting 10,000 cards with podcards against the bare genanki calls for the same notes.

Ours, twice: `build_package` (cards in memory -> escaped fields, tags, GUIDs -> .apkg written
atomically), and `export_decks`, which also reads and checks the card file and records
`last_export` in it (the card-file stage's cost, reported beside it).
Bare genanki = `genanki.Note(model, fields, tags)` for the same finished fields and tags (the
GUID left to genanki, which hashes the fields, as plain genanki code does) and
`genanki.Package.write_to_file`. Target: ours at most 1.5x bare genanki. Each runs once
untimed first, then they take turns; each one's best of N runs counts.

    python benchmarks/export_speed.py [--cards 10000] [--runs 5]
"""

from __future__ import annotations

import argparse
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

TARGET_RATIO = 1.5
WORDS = [
    "harbor",
    "glass",
    "kiln",
    "tide",
    "ferry",
    "lantern",
    "cobalt",
    "silica",
    "beacon",
    "current",
    "delta",
    "reef",
    "salt",
    "marsh",
    "dune",
    "estuary",
    "channel",
    "buoy",
    "mooring",
    "quay",
]


def best_times(runs: int, *jobs: Callable[[], object]) -> list[tuple[float, float]]:
    """Each job's best (wall, CPU) seconds; the jobs take turns, so a busy machine slows all alike."""
    timings: list[list[tuple[float, float]]] = [[] for _ in jobs]
    for job in jobs:
        job()
    for _ in range(runs):
        for job, times in zip(jobs, timings, strict=True):
            wall, cpu = time.perf_counter(), time.process_time()
            job()
            times.append((time.perf_counter() - wall, time.process_time() - cpu))
    return [(min(wall for wall, _ in times), min(cpu for _, cpu in times)) for times in timings]


def synthetic_card_file(count: int):
    """`count` approved cards over five episodes' worth of made-up text; every fifth a cloze."""
    from podcards.models import (
        Card,
        CardContent,
        CardFile,
        CardKind,
        EpisodeInfo,
        NoteType,
        ReviewStatus,
    )

    def words(number: int, length: int) -> str:
        return " ".join(WORDS[(number * 7 + i) % len(WORDS)] for i in range(length))

    cards = []
    for number in range(count):
        if number % 5 == 0:
            content = CardContent(
                note_type=NoteType.CLOZE,
                front=f"The {{{{c1::{words(number, 2)}}}}} & {words(number, 9)}.",
            )
        else:
            content = CardContent(
                note_type=NoteType.BASIC,
                front=f"Why {words(number, 8)}?",
                back=words(number + 1, 6),
            )
        cards.append(
            Card(
                id=f"bench-{number:05d}",
                kind=CardKind.CLAIM,
                generated=content,
                quote=f"{words(number, 25)} <b>{number}</b>.",
                speaker=f"Speaker {number % 3}",
                start=float(number * 4),
                status=ReviewStatus.APPROVED,
                tags=[WORDS[number % len(WORDS)]],
            )
        )
    episode = EpisodeInfo(
        title="Benchmark Harbor", slug="benchmark-harbor", source="bench.txt", format="text",
        url="https://example.org/bench.mp3",
    )  # fmt: skip
    return CardFile(episode=episode, cards=cards)


def bare_genanki_export(notes, output: Path) -> None:
    """The floor: genanki itself writing the finished notes, one deck per podcards deck."""
    import genanki

    from podcards.anki.notes import deck_id
    from podcards.anki.notetypes import genanki_model

    decks: dict[str, genanki.Deck] = {}
    for note in notes:
        if note.deck not in decks:
            decks[note.deck] = genanki.Deck(deck_id(note.deck), note.deck)
        decks[note.deck].add_note(
            genanki.Note(genanki_model(note.note_type), fields=note.fields, tags=note.tags)
        )
    genanki.Package(list(decks.values())).write_to_file(str(output), timestamp=time.time())


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--cards", type=int, default=10_000)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()

    from podcards.anki import build_package, export_decks
    from podcards.anki.notes import plan_notes
    from podcards.cardfile import save_card_file

    card_file = synthetic_card_file(options.cards)
    notes, _ = plan_notes([card_file], deck_pattern="Podcasts::{title}", include_pending=False)
    with tempfile.TemporaryDirectory() as scratch:
        folder = Path(scratch)
        card_path = folder / "benchmark-harbor.cards.json"
        save_card_file(card_path, card_file)
        timings = best_times(
            options.runs,
            lambda: bare_genanki_export(notes, folder / "bare.apkg"),
            lambda: build_package([card_file], folder / "ours.apkg"),
            lambda: export_decks([card_path], folder / "ours.apkg"),
        )
        sizes = [(folder / name).stat().st_size // 1024 for name in ("bare.apkg", "ours.apkg")]
    (bare_wall, bare_cpu), *ours = timings
    print(f"{options.cards} cards ({len(notes)} notes), best of {options.runs}; wall / CPU seconds")
    print(f"  bare genanki:                  {bare_wall:5.2f} / {bare_cpu:5.2f}  ({sizes[0]} KB)")
    labels = ("build_package (cards -> .apkg)", "export_decks (+ card file I/O)")
    for label, (wall, cpu) in zip(labels, ours, strict=True):
        print(
            f"  {label:31s}{wall:5.2f} / {cpu:5.2f}  ratio {wall / bare_wall:.2f}x / {cpu / bare_cpu:.2f}x"
        )
    print(f"  ({sizes[1]} KB .apkg; target: cards -> .apkg at most {TARGET_RATIO}x bare genanki)")
    return 0 if ours[0][0] / bare_wall <= TARGET_RATIO else 1


if __name__ == "__main__":
    sys.exit(main())
