"""The files the reader keeps in the state folder (reading positions, highlights): how each is
read, saved beside other app instances, and what happens to one that cannot be used.

`KeptFile` is what they share. Each is JSON with a schema name and a version, loaded once
and changed in memory; a save takes the state folder's lock, reads the file again, merges
what other instances wrote since with this instance's changes (the merge is the file's
own), and writes the result atomically. The lock is only waited for briefly (`lock_wait`),
so an instance stopped mid-save never freezes another; the last save, as the app quits,
writes without it rather than lose the changes.

Problems never raise: each becomes a warning (a Diagnostic about the file, some kinds said
only once) for the app to show, and the app keeps working from memory. A file that cannot
be understood is moved aside beside itself — `NAME.<time>.bad`, never deleted — so nothing
a reader made is lost, and the app starts that file afresh.
"""

from __future__ import annotations

import errno
import json
import os
import time
from collections.abc import Iterator
from contextlib import contextmanager
from datetime import datetime, timezone
from pathlib import Path
from typing import Generic, TypeGuard, TypeVar

from reader.core.atomic import atomic_write, remove_leftovers
from reader.core.diagnostics import WARNING, Diagnostic
from reader.core.files import FileTooLarge, NotRegularFile, read_regular

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]

LOCK_WAIT = 0.2  # seconds a save waits for another instance's save to finish
FINAL_LOCK_WAIT = 2.0  # seconds the save on quitting waits, before it writes regardless
BUSY_WARN = 1.0  # seconds of a lock held elsewhere before the user is told
LOCK_POLL = 0.01

Contents = TypeVar("Contents")


class Warnings:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.items: list[Diagnostic] = []
        self._said: set[str] = set()

    def add(self, message: str, kind: str | None = None) -> None:
        """A warning about the file; one of each `kind` (None: every time)."""
        if kind is not None:
            if kind in self._said:
                return
            self._said.add(kind)
        self.items.append(Diagnostic(self.path, 0, 0, WARNING, message))

    def take(self) -> list[Diagnostic]:
        items, self.items = self.items, []
        return items


def move_aside(path: Path, reason: str, warnings: Warnings, fresh: str) -> None:
    """Move an unusable file out of the way (`fresh`: what starts afresh, for the warning)."""
    stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
    target = path.with_name(f"{path.name}.{stamp}.bad")
    n = 1
    while target.exists():
        n += 1
        target = path.with_name(f"{path.name}.{stamp}-{n}.bad")
    try:
        os.replace(path, target)
    except OSError as exc:
        warnings.add(
            f"unusable ({reason}) and could not be moved aside ({exc.strerror or exc}); "
            f"{fresh} start afresh.",
            "move",
        )
        return
    warnings.add(f"unusable ({reason}); it was kept as {target.name} and {fresh} start afresh.")


class KeptFileError(ValueError):
    """The file exists but is not one this version can use (the message says why)."""


def is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def parse_header(
    text: str, schema: str, version: int, noun: str, error: type[KeptFileError] = KeptFileError
) -> dict:
    """The JSON object in `text` if it is a file of `schema` at `version` or before; raises
    `error` saying what is wrong ("written by a newer version (`noun` version 3)")."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:  # ValueError: JSON errors, 5,000-digit numbers
        raise error(f"not valid JSON ({exc})") from None
    if not isinstance(data, dict) or data.get("schema") != schema:
        raise error(f"not a {noun} file of this app")
    found = data.get("version")
    if not is_int(found) or found < 1:
        raise error("no valid version number")
    if found > version:
        raise error(f"written by a newer version ({noun} version {found})")
    return data


class LockBusy(OSError):
    """Another process has held the state folder's lock for longer than we may wait."""


@contextmanager
def folder_lock(
    folder: Path, wait: float = LOCK_WAIT, *, or_without: bool = False
) -> Iterator[bool]:
    """Hold an exclusive lock on `folder` while reading, merging and writing a kept file, so
    two instances' saves take turns instead of one overwriting the other's news. Where a
    folder cannot be locked (Windows, some network shares), saves still work, only without
    that guarantee. The lock is only tried for `wait` seconds, so that an instance stopped
    mid-save (Ctrl+Z) or a slow network disk never freezes this one: then LockBusy, or, with
    `or_without` (the last save, as the app quits), on without it. Yields whether it is held."""
    if fcntl is None:
        yield True
        return
    fd = os.open(folder, os.O_RDONLY)
    try:
        held, deadline = True, time.monotonic() + wait
        while True:
            try:
                fcntl.flock(fd, fcntl.LOCK_EX | fcntl.LOCK_NB)
                break
            except BlockingIOError:
                if time.monotonic() >= deadline:
                    if not or_without:
                        raise LockBusy(errno.EWOULDBLOCK, "another reader holds the lock") from None
                    held = False
                    break
                time.sleep(LOCK_POLL)
            except OSError:  # a file system without locks (some network shares)
                break
        yield held
    finally:
        os.close(fd)  # closing releases the lock


def lock_wait(final: bool, busy: bool) -> float:
    """How long a save waits for the lock: FINAL_LOCK_WAIT for the last one, none while the
    lock is known to be held elsewhere, else LOCK_WAIT."""
    return FINAL_LOCK_WAIT if final else 0.0 if busy else LOCK_WAIT


class KeptFile(Generic[Contents]):
    """One kept file of one app instance: read and saved as the module says. A file type
    gives its name and size limit, what starts afresh (`FRESH`, for warnings) and how its
    contents are parsed, written and merged."""

    FILE_NAME = ""
    MAX_BYTES = 32_000_000  # larger is not ours: set aside before it is read, not read whole
    FRESH = ""  # "reading positions": what starts afresh, is kept, is not saved

    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / self.FILE_NAME
        self.warnings = Warnings(self.path)
        self._busy_since: float | None = None  # when a save first found the lock held
        # What this instance knows: the file as loaded or last saved, with the changes made
        # here since (each file type keeps track of which those are, for the merge).
        self.contents: Contents = self._empty()

    def load(self) -> Contents:
        """Read the file, once, as the instance starts; one that cannot be used starts empty
        (with a warning, and the file moved aside)."""
        self.contents = self._read()
        return self.contents

    def take_warnings(self) -> list[Diagnostic]:
        return self.warnings.take()

    # -- what each kind of file says -------------------------------------------------------
    def _parse(self, text: str) -> Contents:
        """The contents in `text`; raises KeptFileError (or a subclass) saying what is wrong."""
        raise NotImplementedError

    def _dump(self, contents: Contents) -> str:
        raise NotImplementedError

    def _empty(self) -> Contents:
        raise NotImplementedError

    @property
    def dirty(self) -> bool:
        """Changes made here since the last save."""
        raise NotImplementedError

    def _merged_with_disk(self) -> Contents:
        """The file as other instances left it (`_read`), with this instance's changes on top."""
        raise NotImplementedError

    def _saved(self) -> None:
        """`contents` is on disk now (merged with the other instances'): nothing to save."""
        raise NotImplementedError

    def _not_saved(self, reason: str) -> None:
        """A save failed (the changes stay, for the next one): say so."""
        raise NotImplementedError

    # -- reading and saving ----------------------------------------------------------------
    def _read(self) -> Contents:
        """The file's contents; empty when there is none, or it cannot be read or used."""
        try:
            return self._parse(read_regular(self.path, self.MAX_BYTES).decode("utf-8"))
        except FileNotFoundError:
            return self._empty()
        except (FileTooLarge, NotRegularFile) as exc:  # a FIFO here must not hang the start
            reason = f"it {exc}"
        except OSError as exc:
            self.warnings.add(f"cannot read: {exc.strerror or exc}", "io")
            return self._empty()
        except UnicodeDecodeError:
            reason = "not UTF-8 text"
        except KeptFileError as exc:
            reason = str(exc)
        move_aside(self.path, reason, self.warnings, self.FRESH)
        return self._empty()

    def save(self, *, final: bool = False) -> bool:
        """Merge with what other instances wrote since, then write. False if it failed.

        Never raises. While another instance holds the lock (stopped mid-save, or on a slow
        disk) a save waits LOCK_WAIT at most, and not at all again until the lock has been
        free once, so the app never freezes; the changes stay in memory for the next save,
        and a lock held for longer than BUSY_WARN is reported once. The `final` save, when
        the app quits, waits FINAL_LOCK_WAIT and then writes without the lock: changes that
        are never saved are worse than a rare lost merge."""
        if not self.dirty:
            return True
        wait = lock_wait(final, self._busy_since is not None)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with folder_lock(self.path.parent, wait, or_without=final) as held:
                merged = self._merged_with_disk()
                if held:  # (no other writer can be using a leftover then)
                    remove_leftovers(self.path)
                atomic_write(self.path, self._dump(merged))
        except LockBusy:
            self._held_elsewhere()
            return False
        except (OSError, ValueError) as exc:  # ValueError: text that cannot be encoded
            self._not_saved((exc.strerror if isinstance(exc, OSError) else None) or str(exc))
            return False
        self._busy_since = None
        self.contents = merged
        self._saved()
        return True

    def _held_elsewhere(self) -> None:
        now = time.monotonic()
        if self._busy_since is None:
            self._busy_since = now
        elif now - self._busy_since >= BUSY_WARN:
            self.warnings.add(
                f"another reader is holding the lock on {self.path.parent} (paused, or on a"
                f" slow disk): {self.FRESH} are kept and saved as soon as it lets go.",
                "lock",
            )
