"""Reading and writing the user's files safely: one place for what every stage needs.

Reading turns OS errors into one-line InputErrors naming the file; writing is atomic (a temp
file in the same folder, fsynced, then renamed), so a crash leaves the old file or the new
one, never half of each.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Iterator
from pathlib import Path

from podcards.errors import InputError


@contextlib.contextmanager
def reading(path: Path, kind: str) -> Iterator[None]:
    """OS errors raised while reading `path` (a `kind`, e.g. 'card file') as one line."""
    try:
        yield
    except FileNotFoundError:
        raise InputError(path, f"no such {kind}") from None
    except IsADirectoryError:
        raise InputError(path, f"is a folder, not a {kind}") from None
    except PermissionError:
        raise InputError(path, "cannot be read (permission denied)") from None
    except OSError as error:
        raise InputError(path, f"cannot be read ({error.strerror or error})") from None


def check_output_name(output: Path, suffix: str) -> None:
    """Refuse an output that is a folder, does not end in `suffix` or could not be written,
    before any work."""
    if output.is_dir():
        raise InputError(output, f"is a folder; give a file name ending in {suffix}")
    if not output.name.lower().endswith(suffix):
        raise InputError(output, f"output file name must end in {suffix}")
    check_writable(output)


def check_writable(path: Path) -> None:
    """Refuse, before any work, a file that could not be written after it: its folder, or the
    nearest one that exists (writing makes the rest), must allow writing. A full disk still
    shows only when writing."""
    folder = path.parent
    while not folder.exists() and folder != folder.parent:
        folder = folder.parent
    if not folder.is_dir():
        raise InputError(path, f"cannot be written ({folder} is not a folder)")
    if not os.access(folder, os.W_OK):
        raise InputError(path, f"cannot be written ({folder} does not allow writing)")
    try:
        _probe_temp_file(path, folder)
    except OSError as error:
        raise InputError(path, f"cannot be written ({error.strerror or error})") from None


def _probe_temp_file(path: Path, folder: Path) -> None:
    """Create and remove the temp file writing `path` will need, in `folder`: permission bits
    say nothing to root, who then fails in /proc or on a read-only mount, nor about a name
    too long for the temp file; only trying tells, and it must fail before a review, not
    after it."""
    fd, temp_name = tempfile.mkstemp(dir=folder, prefix=f".{path.name}.", suffix=".tmp")
    os.close(fd)
    os.unlink(temp_name)


def write_atomically(path: Path, payload: bytes) -> None:
    """Temp file in the same folder, write, flush, fsync, os.replace, then fsync the folder.

    An OS error (a read-only folder, a full disk, a name too long for its temp file) is one
    line naming `path`, the file the user asked for, not the temp file."""
    try:
        _replace_with(path, payload)
    except OSError as error:
        raise InputError(path, f"cannot be written ({error.strerror or error})") from None
    _fsync_folder(path.parent)


def _replace_with(path: Path, payload: bytes) -> None:
    path.parent.mkdir(parents=True, exist_ok=True)
    mode = path.stat().st_mode & 0o777 if path.exists() else _default_mode()
    fd, temp_name = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "wb") as temp:
            temp.write(payload)
            temp.flush()
            os.fsync(temp.fileno())
        os.chmod(temp_name, mode)
        os.replace(temp_name, path)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            os.unlink(temp_name)
        raise


def _default_mode() -> int:
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


def _fsync_folder(folder: Path) -> None:
    """Make the rename itself durable (POSIX); folders cannot be opened this way on Windows."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    finally:
        os.close(fd)
