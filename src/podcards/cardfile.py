"""The card file: one episode's candidates and every review decision, kept safe on disk.

It holds hours of a user's review work, so every write is atomic (a crash leaves the old
file or the new one, never half of each), every writer holds a lock (two processes never
interleave their writes), a broken file is reported and never overwritten, and an older
schema is migrated only after a `.bak` copy of the original is on disk.
"""

from __future__ import annotations

import contextlib
import json
import os
import time
from collections.abc import Callable, Iterator
from pathlib import Path

from pydantic import ValidationError

from podcards.errors import InputError, PodcardsError
from podcards.files import reading, write_atomically
from podcards.models import (
    CARD_FILE_SCHEMA_VERSION,
    Card,
    CardFile,
    EpisodeInfo,
    ReviewStatus,
)

LOCK_WAIT_SECONDS = 3.0
"""How long a second process waits for the lock before refusing: long enough to ride out
another process's single save, short enough not to look hung."""

_held_locks: dict[Path, int] = {}
"""Locks this process holds, with their depth, so nested writers (a review saving each
decision inside its session lock) do not deadlock on their own lock."""


class CardFileBusy(PodcardsError):
    """Another podcards process is working on the same card file."""


def lock_path(path: Path) -> Path:
    """A hidden file beside the card file: the OS lock needs an inode that atomic saves keep."""
    return path.with_name(f".{path.name}.lock")


@contextlib.contextmanager
def card_file_lock(path: Path, wait: float | None = None) -> Iterator[None]:
    """Hold the card file's lock: waits up to `wait` (default LOCK_WAIT_SECONDS) seconds,
    then refuses with CardFileBusy.

    Re-entrant within one process. The lock is an OS lock on `.<file>.lock`, so it is released
    when the process dies, however it dies: a crash never leaves a stale lock behind.
    """
    key = path.resolve()
    if key in _held_locks:
        _held_locks[key] += 1
        try:
            yield
        finally:
            _held_locks[key] -= 1
        return
    try:
        key.parent.mkdir(parents=True, exist_ok=True)
        fd = os.open(lock_path(key), os.O_RDWR | os.O_CREAT, 0o644)
    except FileExistsError:
        raise InputError(
            path, "cannot write the card file: a part of its folder is a file"
        ) from None
    except OSError as error:
        raise InputError(path, f"cannot write the card file here: {error.strerror}") from None
    try:
        _acquire(fd, key, LOCK_WAIT_SECONDS if wait is None else wait)
        with contextlib.suppress(OSError):  # a full disk: the pid only names us when busy
            os.ftruncate(fd, 0)
            os.write(fd, f"{os.getpid()}\n".encode())
        _held_locks[key] = 1
        try:
            yield
        finally:
            del _held_locks[key]
    finally:
        os.close(fd)  # closing the descriptor releases the OS lock


def _acquire(fd: int, path: Path, wait: float) -> None:
    import fcntl

    deadline = time.monotonic() + wait
    while True:
        try:
            fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
            return
        except BlockingIOError:
            if time.monotonic() >= deadline:
                holder = os.pread(fd, 32, 0).decode(errors="replace").strip()
                who = f" (pid {holder})" if holder.isdigit() else ""
                raise CardFileBusy(
                    f"{path}: another podcards process{who} is working on this card file; "
                    "try again when it has finished"
                ) from None
            time.sleep(0.05)


@contextlib.contextmanager
def locked_card_file(path: Path) -> Iterator[CardFile]:
    """The card file, read and checked, with its lock held until the block ends: what a command
    that writes decisions back works on.

    The file is checked before the lock is taken, so a refused command leaves nothing behind:
    a mistyped name no folders and no lock file, a transcript given by mistake no hidden
    `.<transcript>.lock` beside it. Under the lock it is read again, and parsed again only
    when another process changed it meanwhile (or it needs migrating, which writes it).
    """
    raw = _read(path)
    card_file = _parse_current(raw)
    if card_file is None:
        load_card_file(path, migrate=False)  # refuses what is no card file, before any lock
    with card_file_lock(path):
        if card_file is None or _read(path) != raw:
            card_file = load_card_file(path)
        yield card_file


def _read(path: Path) -> bytes:
    with reading(path, "card file"):
        return path.read_bytes()


def load_card_file(path: Path, *, migrate: bool = True) -> CardFile:
    """Read and check a card file, migrating an older schema (after keeping a `.bak`).

    Any problem is an InputError naming the line (broken JSON) or the field (wrong shape),
    and the file is left exactly as it was. Without `migrate`, an older schema is read as its
    migration would be but not written back: a command that only reads (status, preview)
    leaves the file, and no `.bak`, as it found them.
    """
    raw = _read(path)
    current = _parse_current(raw)
    if current is not None:
        return current
    data = _parse_json(path, raw)
    version = data.get("schema_version", 0)
    if not isinstance(version, int) or version < 0:
        raise InputError(path, f"field 'schema_version': expected a whole number, got {version!r}")
    if version > CARD_FILE_SCHEMA_VERSION:
        raise InputError(
            path,
            f"written by a newer podcards (card file schema {version}; this version reads up "
            f"to {CARD_FILE_SCHEMA_VERSION}); upgrade podcards",
        )
    migrated = _migrate(data, version)
    card_file = _validate(path, migrated)
    if migrate and version < CARD_FILE_SCHEMA_VERSION:
        with card_file_lock(path):
            _keep_backup(path)
            save_card_file(path, card_file)
    return card_file


def _parse_current(raw: bytes) -> CardFile | None:
    """The common case in one fast step: a sound file of the current schema (parsed and checked
    by pydantic's JSON parser). None sends anything else down the careful path, which names
    the problem or migrates."""
    try:
        card_file = CardFile.model_validate_json(raw)
    except ValueError:
        return None
    if card_file.schema_version != CARD_FILE_SCHEMA_VERSION:
        return None
    if len({card.id for card in card_file.cards}) != len(card_file.cards):
        return None
    return card_file


def _parse_json(path: Path, raw: bytes) -> dict:
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as error:
        raise InputError(path, f"not UTF-8 text (byte {error.start}); not a card file") from None
    if not text.strip():
        raise InputError(path, "card file is empty (0 bytes of JSON)")
    if text.lstrip()[0] not in "{[":  # a transcript given where a card file belongs
        raise InputError(
            path, "not a card file (not JSON): card files are what `podcards extract` writes"
        )
    try:
        data = json.loads(text)
    except json.JSONDecodeError as error:
        raise InputError(
            path,
            f"broken JSON at line {error.lineno}, column {error.colno}: {error.msg} "
            "(the file was left as it is; fix it or restore a .bak)",
        ) from None
    except RecursionError:
        raise InputError(path, "JSON nested too deep; not a card file") from None
    if not isinstance(data, dict):
        raise InputError(path, "not a card file: expected a JSON object at the top")
    return data


def _validate(path: Path, data: dict) -> CardFile:
    try:
        card_file = CardFile.model_validate(data)
    except ValidationError as error:
        first = error.errors()[0]
        raise InputError(path, f"{_describe_field(first['loc'], data)}: {first['msg']}") from None
    seen: set[str] = set()
    for index, card in enumerate(card_file.cards):
        if card.id in seen:
            raise InputError(path, f"field 'cards[{index}].id': duplicate card id {card.id!r}")
        seen.add(card.id)
    return card_file


def _describe_field(loc: tuple, data: dict) -> str:
    """`field 'cards[3].generated.front' (card 'x')`: where a validation error is, in the file's terms."""
    name = ""
    for part in loc:
        name += f"[{part}]" if isinstance(part, int) else (f".{part}" if name else str(part))
    description = f"field '{name}'"
    if len(loc) >= 2 and loc[0] == "cards" and isinstance(loc[1], int):
        card = data["cards"][loc[1]]
        if isinstance(card, dict) and isinstance(card.get("id"), str):
            description += f" (card {card['id']!r})"
    return description


def _migrate_0_to_1(data: dict) -> dict:
    """Schema 0 (no `schema_version`): cards in the flat `extract --json` shape, with
    `note_type`/`front`/`back` on the card itself; schema 1 nests them under `generated`."""
    if not isinstance(data.get("cards"), list):
        return {**data, "schema_version": 1}
    cards = []
    for card in data["cards"]:
        if isinstance(card, dict) and "generated" not in card and "front" in card:
            card = dict(card)
            card["generated"] = {
                "note_type": card.pop("note_type", "basic"),
                "front": card.pop("front"),
                "back": card.pop("back", ""),
            }
        cards.append(card)
    return {**data, "cards": cards, "schema_version": 1}


MIGRATIONS: dict[int, Callable[[dict], dict]] = {0: _migrate_0_to_1}
"""Each step turns a card file of schema N into schema N + 1."""


def _migrate(data: dict, version: int) -> dict:
    for step in range(version, CARD_FILE_SCHEMA_VERSION):
        data = MIGRATIONS[step](data)
    return data


def _keep_backup(path: Path) -> Path:
    """Copy the file to `<file>.bak` (or `.bak.N` if a backup is there), durably, before a migration."""
    backup = path.with_name(path.name + ".bak")
    number = 1
    while backup.exists():
        backup = path.with_name(f"{path.name}.bak.{number}")
        number += 1
    write_atomically(backup, path.read_bytes())
    return backup


def save_card_file(path: Path, card_file: CardFile) -> None:
    """Write the card file atomically, under its lock: readers see the old or the new file."""
    text = card_file.model_dump_json(indent=2) + "\n"
    with card_file_lock(path):
        _remove_stale_temp_files(path)
        write_atomically(path, text.encode("utf-8"))


def _remove_stale_temp_files(path: Path) -> None:
    """Temp files a killed writer left behind: safe to remove, since we hold the lock."""
    for stale in path.parent.glob(f".{path.name}.*.tmp"):
        with contextlib.suppress(OSError):
            stale.unlink()


class OtherEpisode(PodcardsError):
    """The card file holds another episode's cards: merging would file one talk's decisions
    under the other's title."""


SHARED_IDS_FOR_SAME_TALK = 0.5
"""Share of the smaller card list whose ids must recur for a moved transcript to count as
the same talk: a light edit keeps nine in ten, two talks share at most a stock phrase."""
SHARED_IDS_FOR_SAME_FILE = 0.2
"""The same for a transcript at the path the card file names: a path as typed is relative
(another folder, another talk), and a file can be overwritten with next week's episode."""


def write_candidates(path: Path, episode: EpisodeInfo, cards: list[Card]) -> CardFile:
    """Write fresh candidates, merging into an existing card file so no decision is lost.

    Raises OtherEpisode, leaving the file as it is, when it belongs to another episode."""
    with card_file_lock(path):
        card_file = merged_card_file(path, episode, cards)
        save_card_file(path, card_file)
    return card_file


def merged_card_file(path: Path, episode: EpisodeInfo, cards: list[Card]) -> CardFile:
    """The card file `write_candidates` would write, without writing it: a batch looks at every
    episode's decisions before flagging one episode's card as another's duplicate.

    Raises OtherEpisode when the file at `path` belongs to another episode."""
    if not path.exists():
        return CardFile(episode=episode, cards=list(cards))
    old = load_card_file(path)
    if not same_episode(old, episode, cards):
        raise OtherEpisode(
            f"{path}: holds the cards of another episode ({old.episode.title!r}, "
            f"from {old.episode.source}); left as it is"
        )
    return CardFile(
        episode=episode, cards=merge_cards(old.cards, cards), last_export=old.last_export
    )


def same_episode(card_file: CardFile, episode: EpisodeInfo, cards: list[Card]) -> bool:
    """Whether fresh candidates of `episode` belong in `card_file`.

    Talks with one title share a slug (and so a default file name), so it takes the same
    cards as well (an id is the slug and a quote's first sentence, so it survives edits
    elsewhere in the talk): a fifth of them from the same transcript file, half from a moved
    one.
    """
    if card_file.episode.slug != episode.slug:
        return False
    old_ids = {card.id for card in card_file.cards}
    if not old_ids or not cards:
        return True  # nothing to lose, or nothing to tell the talks apart by
    same_path = Path(card_file.episode.source).resolve() == Path(episode.source).resolve()
    share = SHARED_IDS_FOR_SAME_FILE if same_path else SHARED_IDS_FOR_SAME_TALK
    shared = sum(card.id in old_ids for card in cards)
    return shared > 0 and shared >= share * min(len(old_ids), len(cards))


def merge_cards(old_cards: list[Card], new_cards: list[Card]) -> list[Card]:
    """New ranking first, carrying over the user's work on candidates that are still there.

    A re-found candidate keeps its decision (with the `duplicate_of` it was decided on), edit
    and tags; a pending one takes the new extraction wording and status (a batch may have
    flagged it a duplicate), a decided one keeps the wording it was decided on (an approved card
    never changes text under the user, nor does an edit come to equal the generated text and
    lose the original it restores to); a vanished one is kept, marked orphaned, when it
    carries work (decided or edited: a rejection kept means the card stays rejected if a
    later extraction finds it again); vanished undecided ones are dropped. A candidate is
    re-found by its id, or else by its quote (see `_ids_found_by_quote`).
    """
    old_by_id = {card.id: card for card in old_cards}
    by_quote = _ids_found_by_quote(old_cards, new_cards)
    merged = [
        _carry_over(old_by_id.get(by_quote.get(card.id, card.id)), card) for card in new_cards
    ]
    found_ids = {card.id for card in merged}
    orphans = [
        card.model_copy(update={"orphaned": True})
        for card in old_cards
        if card.id not in found_ids and _carries_work(card)
    ]
    return merged + orphans


def _ids_found_by_quote(old_cards: list[Card], new_cards: list[Card]) -> dict[str, str]:
    """New id -> old id, for candidates whose passage grew or shrank by a sentence at its
    start: the id (from the first sentence) changed, yet one quote holds the other.

    Only ids that found no exact match pair up, so a quote never takes another card's id. In
    ranking order, each new card takes the first such old card, one carrying work before one
    that does not, so the same files always pair the same way.
    """
    new_ids = {card.id for card in new_cards}
    old_ids = {card.id for card in old_cards}
    unmatched = sorted(
        (card for card in old_cards if card.id not in new_ids),
        key=lambda card: not _carries_work(card),
    )
    pairs: dict[str, str] = {}
    for new in new_cards:
        if new.id in old_ids:
            continue
        old = next(
            (card for card in unmatched if _one_holds_the_other(card.quote, new.quote)), None
        )
        if old is not None:
            unmatched.remove(old)
            pairs[new.id] = old.id
    return pairs


def _one_holds_the_other(a: str, b: str) -> bool:
    """Whether one quote holds the other (the same transcript text, whitespace aside)."""
    a, b = " ".join(a.split()), " ".join(b.split())
    return bool(a and b) and (a in b or b in a)


def _carries_work(card: Card) -> bool:
    """Decided or edited: what merging must never silently drop."""
    return card.status != ReviewStatus.PENDING or card.is_edited


def _carry_over(old: Card | None, new: Card) -> Card:
    """The fresh candidate with the user's work on it, under the old id (Anki's note GUID
    comes from it, so an approved card updates its note). Its tags are the card file's as they
    are, so a tag removed in review stays removed; pending cards too, since a tag edit leaves
    no other trace to tell an untouched card by."""
    if old is None:
        return new
    decided = old.status != ReviewStatus.PENDING
    return new.model_copy(
        update={
            "id": old.id,
            "kind": old.kind if decided else new.kind,
            "generated": old.generated if decided else new.generated,
            "status": old.status if decided else new.status,
            "duplicate_of": old.duplicate_of if decided else new.duplicate_of,
            "decided_at": old.decided_at,
            "edited": old.edited,
            "tags": list(old.tags),
            "orphaned": False,
        }
    )
