"""What the reader remembers between runs: where you are in each article, and your settings.

Positions are kept in the model's coordinates (block index, char offset), so they survive a
resize, a theme or a measure change, and are clamped when a bundle was edited since. The
file is JSON written atomically; a file that cannot be understood is moved aside (never
deleted) and the app starts fresh; a folder that cannot be written warns once and the app
keeps working. Two instances may run at once: each save re-reads the file and merges it,
article by article, so the last writer wins per article rather than for the whole file.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable
from dataclasses import asdict, dataclass, field, replace
from datetime import datetime, timezone
from pathlib import Path

from reader.core.kept_file import KeptFile, KeptFileError, is_int, parse_header

SCHEMA = "interview-reader/state"
VERSION = 1
FILE_NAME = "state.json"
READ_PERCENT = 99.0  # from here on an article counts as read


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


class StateError(KeptFileError):
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


def clamp_position(
    position: tuple[int, int], blocks: int, text_length: Callable[[int], int]
) -> tuple[int, int]:
    """A saved position made valid for an article of `blocks` blocks as it is now (it may
    have been edited); `text_length(i)`: the length of block i's text, asked of one block
    (a piece of 100,000 turns took 50 ms to measure them all)."""
    if not blocks:
        return (0, 0)
    block = min(max(0, int(position[0])), blocks - 1)
    offset = min(max(0, int(position[1])), text_length(block))
    return (block, offset)


def parse_state(text: str) -> State:
    """The state in `text`; raises StateError saying what is wrong."""
    data = parse_header(text, SCHEMA, VERSION, "state", StateError)
    state = State()
    for name in SETTINGS:
        value = data.get(name)
        wanted = int if name == "measure" else str
        if value is not None and not (is_int(value) if wanted is int else isinstance(value, str)):
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
    if not (is_int(block) and is_int(offset) and block >= 0 and offset >= 0):
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


class StateStore(KeptFile[State]):
    """Reading positions and settings (`state.json`, a `reader.core.kept_file.KeptFile`),
    with the changes made here since the last save, by kind."""

    FILE_NAME = FILE_NAME
    FRESH = "reading positions"

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        # Two kinds of change, merged differently with what other instances saved: an article
        # only opened here keeps their place (opening it here moved nothing), while a place
        # moved here is ours to write.
        self._opened: set[str] = set()
        self._moved: set[str] = set()
        self._dirty_settings: set[str] = set()
        # The place each article was last at here. A save brings in places other instances
        # moved to, but not into this instance's pane: a report of the place the pane was at
        # all along (leaving the article, say) moved nothing and must not overwrite theirs.
        self._here: dict[str, tuple[int, int, float]] = {}

    @property
    def state(self) -> State:
        return self.contents

    def progress(self, key: str) -> SavedProgress | None:
        return self.state.articles.get(key)

    def opened(self, key: str) -> None:
        """Note that an article was opened now, and that it is the last one."""
        entry = self.state.articles.setdefault(key, SavedProgress())
        entry.opened = now_iso()
        self._opened.add(key)
        self._here.pop(key, None)  # the pane opens at the place saved (`record` compares)
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
        before = self._here.get(key, (entry.block, entry.offset, entry.percent))
        self._here[key] = place
        if place == before and entry.read >= finished:
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

    # -- the file (reader.core.kept_file) ----------------------------------------------------
    def _parse(self, text: str) -> State:
        return parse_state(text)

    def _dump(self, contents: State) -> str:
        return dump_state(contents)

    def _empty(self) -> State:
        return State()

    def _saved(self) -> None:
        self._opened.clear()
        self._moved.clear()
        self._dirty_settings.clear()

    def _not_saved(self, reason: str) -> None:
        merged = self._merged_with_disk()
        self.warnings.add(
            f"cannot save reading positions: {reason}. "
            "The app keeps working; positions are kept until you quit.",
            "io",
        )
        self.contents = merged  # still dirty: the next save tries again

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
