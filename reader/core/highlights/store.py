"""Highlights kept in the state folder (`highlights.json`), shared by every app instance.

The file is JSON, versioned, written atomically under the state folder's lock. Each save
re-reads the file and merges it highlight by highlight — the newer `updated` wins — so two
instances never overwrite each other's highlights; a removed highlight stays as a small
tombstone so that another instance cannot bring it back. A file that cannot be understood
is moved aside (never deleted) with a warning, and the app carries on with no highlights;
nothing here raises.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass, replace
from pathlib import Path

from reader.core.atomic import atomic_write, remove_leftovers
from reader.core.diagnostics import Diagnostic
from reader.core.files import FileTooLarge, NotRegularFile, read_regular
from reader.core.highlights.anchors import TextAnchor
from reader.core.highlights.model import COLOURS, Highlight, now_iso
from reader.core.kept_file import Warnings, move_aside
from reader.core.state import folder_lock, lock_wait

SCHEMA = "interview-reader/highlights"
VERSION = 1
FILE_NAME = "highlights.json"
MAX_BYTES = 32_000_000


class HighlightsError(ValueError):
    """The file exists but is not one this version can use."""


@dataclass(frozen=True)
class Kept:
    """A highlight as the file keeps it: `removed` is a tombstone (see the module)."""

    highlight: Highlight
    removed: bool = False


def _anchor(data: object) -> TextAnchor:
    if not isinstance(data, dict):
        raise HighlightsError("an anchor is not a table")
    texts = [data.get(k) for k in ("exact", "prefix", "suffix", "blocks_hash")]
    exact, prefix, suffix, blocks_hash = (t if isinstance(t, str) else None for t in texts)
    if exact is None or prefix is None or suffix is None or blocks_hash is None:
        raise HighlightsError("an anchor has no valid text")
    start, end = _position(data.get("start")), _position(data.get("end"))
    return TextAnchor(start, end, exact, prefix, suffix, blocks_hash)


def _position(value: object) -> tuple[int, int]:
    if isinstance(value, list) and len(value) == 2:
        block, offset = value
        if all(isinstance(v, int) and not isinstance(v, bool) and v >= 0 for v in value):
            return block, offset
    raise HighlightsError("an anchor has no valid place")


def _kept(article: str, data: object) -> Kept:
    if not isinstance(data, dict):
        raise HighlightsError("a highlight is not a table")
    texts = {k: data.get(k, "") for k in ("id", "note", "created", "updated", "title")}
    texts |= {k: data.get(k, "") for k in ("speaker", "path")}
    if not all(isinstance(v, str) for v in texts.values()) or not texts["id"]:
        raise HighlightsError("a highlight has no id, or a field of the wrong type")
    colour = data.get("colour", "yellow")
    if colour not in COLOURS:
        raise HighlightsError(f"unknown colour {colour!r}")
    removed = data.get("removed", False)
    if not isinstance(removed, bool):
        raise HighlightsError("'removed' must be true or false")
    one = Highlight(article=article, anchor=_anchor(data.get("anchor")), colour=colour, **texts)
    return Kept(one, removed)


def parse_highlights(text: str) -> dict[str, dict[str, Kept]]:
    """identity → highlight id → kept highlight; raises HighlightsError saying what is wrong."""
    try:
        data = json.loads(text)
    except (ValueError, RecursionError) as exc:
        raise HighlightsError(f"not valid JSON ({exc})") from None
    if not isinstance(data, dict) or data.get("schema") != SCHEMA:
        raise HighlightsError("not a highlights file of this app")
    version = data.get("version")
    if not isinstance(version, int) or isinstance(version, bool) or version < 1:
        raise HighlightsError("no valid version number")
    if version > VERSION:
        raise HighlightsError(f"written by a newer version (highlights version {version})")
    articles = data.get("articles", {})
    if not isinstance(articles, dict):
        raise HighlightsError("'articles' is not a table")
    out: dict[str, dict[str, Kept]] = {}
    for article, entries in articles.items():
        if not isinstance(entries, list):
            raise HighlightsError(f"the highlights of {article} are not a list")
        kept = [_kept(article, entry) for entry in entries]
        out[article] = {k.highlight.id: k for k in kept}
    return out


def dump_highlights(articles: dict[str, dict[str, Kept]]) -> str:
    data: dict[str, object] = {"schema": SCHEMA, "version": VERSION}
    rows: dict[str, list[dict]] = {}
    for article, kept in sorted(articles.items()):
        if kept:
            rows[article] = [_row(k) for k in sorted(kept.values(), key=_created)]
    data["articles"] = rows
    # Lone surrogates (from file names that are not UTF-8) stay escaped, as valid JSON.
    return json.dumps(data, ensure_ascii=True, indent=1) + "\n"


def _created(kept: Kept) -> tuple[str, str]:
    return kept.highlight.created, kept.highlight.id


def _row(kept: Kept) -> dict:
    row = asdict(kept.highlight)
    del row["article"]
    for end in ("start", "end"):
        row["anchor"][end] = list(row["anchor"][end])
    if kept.removed:
        row["removed"] = True
    return row


class HighlightStore:
    """The highlights file of one app instance: load once, change in memory, save merged."""

    def __init__(self, folder: Path) -> None:
        self.path = Path(folder) / FILE_NAME
        self._kept: dict[str, dict[str, Kept]] = {}
        self._dirty: set[tuple[str, str]] = set()  # (article, highlight id)
        self.warnings = Warnings(self.path)

    # -- reading ---------------------------------------------------------------------------
    def load(self) -> None:
        self._kept = self._read()

    def of(self, article: str) -> list[Highlight]:
        """The highlights of one article (by identity), oldest first."""
        kept = self._kept.get(article, {}).values()
        return [k.highlight for k in sorted(kept, key=_created) if not k.removed]

    def articles(self) -> list[str]:
        return sorted(a for a in self._kept if self.of(a))

    def count(self, article: str) -> int:
        return len(self.of(article))

    def take_warnings(self) -> list[Diagnostic]:
        return self.warnings.take()

    # -- changing ----------------------------------------------------------------------------
    def put(self, highlight: Highlight, *, touch: bool = True) -> Highlight:
        """Add or change a highlight (`touch`: it counts as changed now, and wins a merge)."""
        if touch:
            highlight = replace(highlight, updated=now_iso())
        self._kept.setdefault(highlight.article, {})[highlight.id] = Kept(highlight)
        self._dirty.add((highlight.article, highlight.id))
        return highlight

    def remove(self, highlight: Highlight) -> None:
        gone = replace(highlight, updated=now_iso())
        self._kept.setdefault(highlight.article, {})[highlight.id] = Kept(gone, removed=True)
        self._dirty.add((highlight.article, highlight.id))

    @property
    def dirty(self) -> bool:
        return bool(self._dirty)

    # -- saving ------------------------------------------------------------------------------
    def save(self, *, final: bool = False) -> bool:
        """Merge with what other instances wrote since, then write. False if it failed. A
        lock held by another instance is waited for as the state file's is (`final`: the
        last save, which then writes without it)."""
        if not self._dirty:
            return True
        try:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with folder_lock(self.path.parent, lock_wait(final, False), or_without=final) as held:
                merged = self._merged(self._read())
                if held:
                    remove_leftovers(self.path)
                atomic_write(self.path, dump_highlights(merged))
        except OSError as exc:
            reason = exc.strerror or exc
            self.warnings.add(
                f"cannot save highlights: {reason}; they are kept until you quit", "io"
            )
            return False
        self._kept = merged
        self._dirty.clear()
        return True

    def _merged(self, disk: dict[str, dict[str, Kept]]) -> dict[str, dict[str, Kept]]:
        for article, one in self._dirty:
            mine = self._kept.get(article, {}).get(one)
            if mine is None:
                continue
            theirs = disk.get(article, {}).get(one)
            if theirs is None or theirs.highlight.updated <= mine.highlight.updated:
                disk.setdefault(article, {})[one] = mine
        return disk

    def _read(self) -> dict[str, dict[str, Kept]]:
        try:
            return parse_highlights(read_regular(self.path, MAX_BYTES).decode("utf-8"))
        except FileNotFoundError:
            return {}
        except (FileTooLarge, NotRegularFile) as exc:  # a FIFO here must not hang the start
            reason = f"it {exc}"
        except UnicodeDecodeError:
            reason = "not UTF-8 text"
        except HighlightsError as exc:
            reason = str(exc)
        except OSError as exc:
            self.warnings.add(f"cannot read: {exc.strerror or exc}", "io")
            return {}
        move_aside(self.path, reason, self.warnings, "highlights")
        return {}
