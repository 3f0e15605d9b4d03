"""Write a file so that a crash or a full disk never leaves it half written.

The data goes to a temporary file in the same folder (so the rename stays on one file
system), is flushed to disk, then replaces the target in one `os.replace`; the folder is
synced too, so the rename itself survives a power cut. Readers see the old file or the new
one, never a mix.
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from pathlib import Path


def atomic_write(path: Path, data: str | bytes) -> None:
    """Replace `path` with `data` (text is written as UTF-8). Raises OSError on failure."""
    path = Path(path)
    payload = data.encode("utf-8") if isinstance(data, str) else data
    fd, tmp = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=path.parent)
    try:
        with os.fdopen(fd, "wb") as handle:
            handle.write(payload)
            handle.flush()
            os.fsync(handle.fileno())
        os.replace(tmp, path)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    _sync_folder(path.parent)


def new_file(folder: Path, name: str, data: str | bytes) -> Path:
    """Write `data` atomically to `folder/name`, or to "stem (2).ext", "stem (3).ext", … when
    that name is taken: an existing file is never replaced. Returns the path written."""
    folder = Path(folder)
    folder.mkdir(parents=True, exist_ok=True)
    stem, suffix = Path(name).stem, Path(name).suffix
    path, number = folder / name, 1
    while path.exists():
        number += 1
        path = folder / f"{stem} ({number}){suffix}"
    atomic_write(path, data)
    return path


def remove_leftovers(path: Path) -> None:
    """Delete temporary files that writers killed mid-save left beside `path`. Only call it
    while holding the lock that serialises writers, when none of them can be in use."""
    for leftover in Path(path).parent.glob(f".{Path(path).name}.*.tmp"):
        with contextlib.suppress(OSError):
            leftover.unlink()


def _sync_folder(folder: Path) -> None:
    """fsync a folder so a rename in it is durable; not possible on every platform."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
