"""What the reader remembers between runs: where you are in each article, and your settings.

Positions are kept in the model's coordinates (block index, char offset), so they survive a
resize, a theme or a measure change, and are clamped when a bundle was edited since. The
file is JSON written atomically; a file that cannot be understood is moved aside (never
deleted) and the app starts fresh; a folder that cannot be written warns once and the app
keeps working. Two instances may run at once: each save re-reads the file and merges it,
article by article, so the last writer wins per article rather than for the whole file.
"""

from __future__ import annotations

import errno
import json
import os
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path
from typing import TypeGuard

from reader.core.atomic import atomic_write, remove_leftovers
from reader.core.diagnostics import WARNING, Diagnostic
from reader.core.files import FileTooLarge, NotRegularFile, read_regular

try:
    import fcntl
except ImportError:  # Windows
    fcntl = None  # type: ignore[assignment]  # no module to type: saves go without the lock

SCHEMA = "interview-reader/state"
VERSION = 1
FILE_NAME = "state.json"
READ_PERCENT = 99.0  # from here on an article counts as read
# A state file holds a few hundred bytes per article; one larger than this is not ours, and
# is set aside before it is read (reading it whole could take gigabytes).
MAX_STATE_BYTES = 32_000_000
LOCK_WAIT = 0.2  # seconds a save waits for another instance's save to finish
FINAL_LOCK_WAIT = 2.0  # seconds the save on quitting waits, before it writes regardless
BUSY_WARN = 1.0  # seconds of a lock held elsewhere before the user is told
LOCK_POLL = 0.01


@dataclass
class SavedProgress:
    block: int = 0
    offset: int = 0
    percent: float = 0.0  # where the reader is
    opened: str = ""  # ISO 8601, UTC
    read: bool = False  # the end was reached once: stays true when the reader goes back


@dataclass
class State:
    articles: dict[str, SavedProgress] = field(default_factory=dict)
    last_article: str | None = None
    theme: str | None = None
    measure: int | None = None
    last_library: str | None = None  # the library folder opened last (a bare `reader` opens it)

    def last_read_under(self, root: str) -> str | None:
        """The article opened most recently inside the folder `root` (an article key)."""
        inside = [key for key in self.articles if Path(key).is_relative_to(root)]
        return max(inside, key=lambda key: self.articles[key].opened, default=None)


SETTINGS = ("last_article", "theme", "measure", "last_library")
_SURROGATE = re.compile("[\ud800-\udfff]")


def _reason(exc: Exception) -> str:
    return (exc.strerror if isinstance(exc, OSError) else None) or str(exc)


class StateError(ValueError):
    """The state file exists but is not one this version can use."""


def article_key(path: Path) -> str:
    """Articles are keyed by their resolved path, so `./x` and `/home/me/x` are one article."""
    return str(Path(path).expanduser().resolve())


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def progress_label(progress: SavedProgress | None) -> str:
    """ "unread", "42%", "read", or "read, at 42%" (read, and back in it), as the library
    list shows it: the same percent as the title bar (`reader.core.progress.progress_text`)."""
    if progress is None:
        return "unread"
    if not progress.read:
        return f"{int(progress.percent)}%"
    return "read" if progress.percent >= READ_PERCENT else f"read, at {int(progress.percent)}%"


def clamp_position(position: tuple[int, int], text_lengths: list[int]) -> tuple[int, int]:
    """A saved position made valid for the article as it is now (it may have been edited)."""
    if not text_lengths:
        return (0, 0)
    block = min(max(0, int(position[0])), len(text_lengths) - 1)
    offset = min(max(0, int(position[1])), text_lengths[block])
    return (block, offset)


def _is_int(value: object) -> TypeGuard[int]:
    return isinstance(value, int) and not isinstance(value, bool)


def parse_state(text: str) -> State:
    """The state in `text`; raises StateError saying what is wrong."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:  # ValueError: JSON errors, 5,000-digit numbers
        raise StateError(f"not valid JSON ({exc})") from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise StateError("not a state file of this app")
    version = data.get("version")
    if not _is_int(version) or version < 1:
        raise StateError("no valid version number")
    if version > VERSION:
        raise StateError(f"written by a newer version (state version {version})")
    state = State()
    for name in SETTINGS:
        value = data.get(name)
        wanted = int if name == "measure" else str
        if value is not None and not (_is_int(value) if wanted is int else isinstance(value, str)):
            raise StateError(f"'{name}' has the wrong type")
        setattr(state, name, value)
    articles = data.get("articles", {})
    if not isinstance(articles, dict):
        raise StateError("'articles' is not a table")
    for key, entry in articles.items():
        state.articles[key] = _parse_progress(key, entry)
    return state


def _parse_progress(key: str, entry: object) -> SavedProgress:
    if not isinstance(entry, dict):
        raise StateError(f"the entry for {key} is not a table")
    block, offset, percent = entry.get("block"), entry.get("offset"), entry.get("percent", 0.0)
    opened = entry.get("opened", "")
    if not (_is_int(block) and _is_int(offset) and block >= 0 and offset >= 0):
        raise StateError(f"the entry for {key} has no valid position")
    if isinstance(percent, bool) or not isinstance(percent, (int, float)) or percent != percent:
        # (percent != percent: NaN, which JSON readers accept and int() refuses)
        raise StateError(f"the entry for {key} has no valid percent")
    if not isinstance(opened, str):
        raise StateError(f"the entry for {key} has no valid date")
    percent = float(min(max(percent, 0.0), 100.0))
    read = entry.get("read", percent >= READ_PERCENT)  # files before `read` was kept
    if not isinstance(read, bool):
        raise StateError(f"the entry for {key} has no valid 'read'")
    return SavedProgress(block, offset, percent, opened, read)


def dump_state(state: State) -> str:
    """The state as JSON text. Keys are paths, and a file name need not be UTF-8: its odd
    bytes are lone surrogates in the key (Python's surrogateescape), which UTF-8 cannot
    encode, so they are written as `\\udcXX` escapes — valid JSON, which `parse_state`
    reads back to the very same key."""
    data = {"schema": SCHEMA, "version": VERSION}
    data.update({name: getattr(state, name) for name in SETTINGS})
    data["articles"] = {key: asdict(p) for key, p in sorted(state.articles.items())}
    text = json.dumps(data, ensure_ascii=False, indent=1) + "\n"
    return _SURROGATE.sub(lambda found: f"\\u{ord(found.group()):04x}", text)


class LockBusy(OSError):
    """Another process has held the state folder's lock for longer than we may wait."""


@contextmanager
def folder_lock(
    folder: Path, wait: float = LOCK_WAIT, *, or_without: bool = False
) -> Iterator[bool]:
    """Hold an exclusive lock on `folder` while reading, merging and writing the state, so
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


class StateStore:
    """The state file of one app instance: load once, change in memory, save merged.

    Problems never raise: they become `warnings` (each kind reported once), diagnostics
    about the state file for the app to show, and the app keeps working from memory.
    """

    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / FILE_NAME
        self.state = State()
        self.warnings: list[Diagnostic] = []
        # Two kinds of change, merged differently with what other instances saved: an article
        # only opened here keeps their place (opening it here moved nothing), while a place
        # moved here is ours to write.
        self._opened: set[str] = set()
        self._moved: set[str] = set()
        self._dirty_settings: set[str] = set()
        self._warned: set[str] = set()
        self._busy_since: float | None = None  # when a save first found the lock held

    def load(self) -> State:
        self.state = self._read()
        return self.state

    def take_warnings(self) -> list[Diagnostic]:
        warnings, self.warnings = self.warnings, []
        return warnings

    def progress(self, key: str) -> SavedProgress | None:
        return self.state.articles.get(key)

    def opened(self, key: str) -> None:
        """Note that an article was opened now, and that it is the last one."""
        entry = self.state.articles.setdefault(key, SavedProgress())
        entry.opened = now_iso()
        self._opened.add(key)
        self.set("last_article", key)

    def record(
        self, key: str, position: tuple[int, int], percent: float, finished: bool = False
    ) -> None:
        """Where the reader is; `finished`: they reached the end (the article stays read)."""
        entry = self.state.articles.get(key)
        if entry is None:
            entry = self.state.articles[key] = SavedProgress(opened=now_iso())
            self._opened.add(key)
        place = (int(position[0]), int(position[1]), float(min(max(percent, 0.0), 100.0)))
        if place == (entry.block, entry.offset, entry.percent) and entry.read >= finished:
            return  # the place as it was (restored on opening): nothing of ours to merge
        entry.block, entry.offset, entry.percent = place
        entry.read = entry.read or finished
        self._moved.add(key)

    def set(self, name: str, value: object) -> None:
        if name not in SETTINGS:
            raise KeyError(name)
        setattr(self.state, name, value)
        self._dirty_settings.add(name)

    @property
    def dirty(self) -> bool:
        return bool(self._opened or self._moved or self._dirty_settings)

    def save(self, *, final: bool = False) -> bool:
        """Merge with what other instances wrote since, then write. False if it failed.

        Never raises. While another instance holds the lock (stopped mid-save, or on a slow
        disk) a save waits LOCK_WAIT at most, and not at all again until the lock has been
        free once, so the app never freezes; the changes stay in memory for the next save,
        and a lock held for longer than BUSY_WARN is reported once. The `final` save, when
        the app quits, waits FINAL_LOCK_WAIT and then writes without the lock: a place that
        is never saved is worse than a rare lost merge."""
        if not self.dirty:
            return True
        wait = lock_wait(final, self._busy_since is not None)
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with folder_lock(self.path.parent, wait, or_without=final) as held:
                merged = self._merged_with_disk()
                if held:  # (no other writer can be using a leftover then)
                    remove_leftovers(self.path)
                atomic_write(self.path, dump_state(merged))
        except LockBusy:
            self._held_elsewhere()
            return False
        except (OSError, ValueError) as exc:  # ValueError: text that cannot be encoded
            merged = self._merged_with_disk()
            self._warn(
                "io",
                f"cannot save reading positions: {_reason(exc)}. "
                "The app keeps working; positions are kept until you quit.",
            )
            self.state = merged  # still dirty: the next save tries again
            return False
        self._busy_since = None
        self.state = merged
        self._opened.clear()
        self._moved.clear()
        self._dirty_settings.clear()
        return True

    def _held_elsewhere(self) -> None:
        now = time.monotonic()
        if self._busy_since is None:
            self._busy_since = now
        elif now - self._busy_since >= BUSY_WARN:
            self._warn(
                "lock",
                f"another reader is holding the lock on {self.path.parent} (paused, or on a"
                " slow disk): reading positions are kept and saved as soon as it lets go.",
            )

    def _warn(self, kind: str | None, message: str) -> None:
        """A warning about the state file; one of each `kind` (None: every time)."""
        if kind is None or kind not in self._warned:
            if kind is not None:
                self._warned.add(kind)
            self.warnings.append(Diagnostic(self.path, 0, 0, WARNING, message))

    def _merged_with_disk(self) -> State:
        """The file as other instances left it, with our unsaved changes on top."""
        merged = self._read()
        for key in self._opened | self._moved:
            ours, theirs = self.state.articles.get(key), merged.articles.get(key)
            if ours is None:
                continue
            if theirs is None:
                merged.articles[key] = replace(ours)
            elif key in self._moved:  # our place, their "read" and the later opening
                opened = max(ours.opened, theirs.opened)
                merged.articles[key] = replace(ours, opened=opened, read=ours.read or theirs.read)
            else:  # opened here only: their place
                merged.articles[key] = replace(theirs, opened=max(ours.opened, theirs.opened))
        for name in self._dirty_settings:
            setattr(merged, name, getattr(self.state, name))
        return merged

    def _read(self) -> State:
        try:
            return parse_state(read_regular(self.path, MAX_STATE_BYTES).decode("utf-8"))
        except FileNotFoundError:
            return State()
        except (FileTooLarge, NotRegularFile) as exc:  # a FIFO here must not hang the start
            reason = f"it {exc}"
        except OSError as exc:
            self._warn("io", f"cannot read: {exc.strerror or exc}")
            return State()
        except UnicodeDecodeError:
            reason = "not UTF-8 text"
        except StateError as exc:
            reason = str(exc)
        self._move_aside(reason)
        return State()

    def _move_aside(self, reason: str) -> None:
        stamp = datetime.now(timezone.utc).strftime("%Y%m%dT%H%M%SZ")
        target = self.path.with_name(f"{self.path.name}.{stamp}.bad")
        n = 1
        while target.exists():
            n += 1
            target = self.path.with_name(f"{self.path.name}.{stamp}-{n}.bad")
        try:
            os.replace(self.path, target)
        except OSError as exc:
            self._warn(
                "move",
                f"unusable ({reason}) and could not be moved aside "
                f"({exc.strerror or exc}); starting with a fresh state.",
            )
            return
        self._warn(
            None,
            f"unusable ({reason}); it was kept as {target.name} "
            "and reading positions start afresh.",
        )
