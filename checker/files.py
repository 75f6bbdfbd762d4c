"""Writing files safely: atomically, under a lock, and safe to open in a spreadsheet.

Every file the tool writes goes to a temporary file in the same folder, is flushed to
disk, and is renamed over the target, so a crash or a full disk leaves the old file whole.
"""

from __future__ import annotations

import contextlib
import os
import re
import stat
import tempfile
from pathlib import Path

_NUMBER = re.compile(r"^[-+]?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?$")


_KINDS = (
    (stat.S_ISFIFO, "a named pipe"),
    (stat.S_ISSOCK, "a socket"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISDIR, "a folder"),
)


def kind_of(mode: int) -> str:
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def read_regular(path: Path, limit: int | None = None) -> bytes:
    """The bytes of a regular file. Anything else (a named pipe, a device, a folder) is an
    OSError naming what it is, raised before it is opened: reading a pipe would block."""
    mode = os.stat(path).st_mode
    if not stat.S_ISREG(mode):
        raise OSError(f"not a regular file ({kind_of(mode)})")
    # O_NONBLOCK: should the file be swapped for a pipe after the check, opening it does
    # not wait for a writer; fstat then sees what was opened.
    descriptor = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0))
    with os.fdopen(descriptor, "rb") as stream:
        opened = os.fstat(stream.fileno()).st_mode
        if not stat.S_ISREG(opened):
            raise OSError(f"not a regular file ({kind_of(opened)})")
        if limit is not None and os.fstat(stream.fileno()).st_size > limit:
            raise OSError(f"above the limit of {limit} bytes")
        return stream.read()


def write_atomic(path: Path, text: str | bytes) -> None:
    """Replace ``path`` with ``text`` in one rename; the old file stays if anything fails.

    A target that exists and is not a regular file (``/dev/null``, ``/dev/stdout``, a named
    pipe) is written to, never replaced: renaming over it would destroy the device."""
    path = Path(path)
    data = text.encode("utf-8") if isinstance(text, str) else text
    try:
        mode = os.stat(path).st_mode
    except (FileNotFoundError, NotADirectoryError):
        mode = None
    if mode is not None and not stat.S_ISREG(mode):
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(21, "it is a folder", str(path))
        with open(path, "wb") as stream:
            stream.write(data)
        return
    path.parent.mkdir(parents=True, exist_ok=True)
    handle, temporary = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(handle, "wb") as stream:
            stream.write(data)
            stream.flush()
            os.fsync(stream.fileno())
        if path.exists():
            os.chmod(temporary, path.stat().st_mode & 0o777)
        else:
            os.chmod(temporary, 0o644)
        os.replace(temporary, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(temporary)
        raise


@contextlib.contextmanager
def locked(path: Path):
    """Hold an exclusive lock for updating ``path``: a sibling .lock file, through filelock,
    which locks the same way on Linux, macOS and Windows."""
    from filelock import FileLock

    lock_path = Path(path).with_name(Path(path).name + ".lock")
    lock_path.parent.mkdir(parents=True, exist_ok=True)
    with FileLock(lock_path):
        yield


def spreadsheet_safe(cell: str) -> str:
    """Neutralise a cell a spreadsheet would run as a formula (=, +, -, @, tab, CR),
    unless it is a plain number; the apostrophe prefix is what spreadsheets themselves use."""
    if cell and cell[0] in "=+-@\t\r" and not _NUMBER.match(cell):
        return "'" + cell
    return cell
