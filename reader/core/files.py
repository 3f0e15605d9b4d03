"""Reading a file that comes from the user's folders: only a regular file, never past a limit.

Every file the reader opens from a library, the state folder or the config folder goes
through `read_regular`. It opens with `O_NONBLOCK`, so a FIFO or a device in a file's place
cannot make the open hang, then checks what it opened (`fstat` of the open file, so a swap
after a check cannot fool it): anything but a regular file is refused, and so is a file
larger than the caller's limit — before a byte is read, and again if it grew meanwhile.
"""

from __future__ import annotations

import errno
import os
import stat
from pathlib import Path

_FLAGS = (
    os.O_RDONLY
    | getattr(os, "O_NONBLOCK", 0)
    | getattr(os, "O_NOCTTY", 0)
    | getattr(os, "O_CLOEXEC", 0)
    | getattr(os, "O_BINARY", 0)
)
_KINDS = (
    (stat.S_ISDIR, "a folder"),
    (stat.S_ISFIFO, "a FIFO"),
    (stat.S_ISCHR, "a character device"),
    (stat.S_ISBLK, "a block device"),
    (stat.S_ISSOCK, "a socket"),
)
_READ = 1 << 20


class NotRegularFile(OSError):
    """Something other than a regular file (a FIFO, a device, a folder) stands at the path."""

    def __init__(self, kind: str) -> None:
        super().__init__(f"is {kind}, not a regular file")
        self.kind = kind


class FileTooLarge(OSError):
    """The file is larger than the caller accepts; `size` as found (over `limit`)."""

    def __init__(self, size: int, limit: int) -> None:
        super().__init__(f"is {size / 1_000_000:.1f} MB, over the {limit / 1_000_000:g} MB limit")
        self.size, self.limit = size, limit


def kind_of(mode: int) -> str | None:
    """What a non-regular file is, in words; None for a regular file."""
    if stat.S_ISREG(mode):
        return None
    return next((name for test, name in _KINDS if test(mode)), "a special file")


def read_regular(path: Path, limit: int) -> bytes:
    """The bytes of the regular file at `path` (links followed), at most `limit` of them.

    Raises IsADirectoryError, NotRegularFile, FileTooLarge, or the OSError of the open or
    the read.
    """
    fd = os.open(path, _FLAGS)
    try:
        info = os.fstat(fd)
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", str(path))
        kind = kind_of(info.st_mode)
        if kind is not None:
            raise NotRegularFile(kind)
        if info.st_size > limit:
            raise FileTooLarge(info.st_size, limit)
        chunks: list[bytes] = []
        total = 0
        while total <= limit:
            chunk = os.read(fd, min(_READ, limit + 1 - total))
            if not chunk:
                break
            chunks.append(chunk)
            total += len(chunk)
        if total > limit:  # it grew since the fstat
            raise FileTooLarge(total, limit)
        return b"".join(chunks)
    finally:
        os.close(fd)


def absence(path: Path) -> str:
    """Why `path`, which is neither a regular file nor a folder, cannot be read, for a
    message: "no such file or folder", or what stands there instead ("is a FIFO, not a
    regular file or folder"), so a FIFO named on the command line is never "missing"."""
    try:
        mode = os.stat(path).st_mode
    except FileNotFoundError:
        return "no such file or folder"
    except OSError as exc:
        return f"cannot read: {exc.strerror or exc}"
    kind = kind_of(mode)
    if kind is None or kind == "a folder":
        return "no such file or folder"  # one appeared since the caller looked
    return f"is {kind}, not a regular file or folder"
