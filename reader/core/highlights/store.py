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

from reader.core.highlights.anchors import TextAnchor
from reader.core.highlights.model import COLOURS, Highlight, now_iso
from reader.core.kept_file import KeptFile, KeptFileError, is_int, parse_header

SCHEMA = "interview-reader/highlights"
VERSION = 1
FILE_NAME = "highlights.json"


class HighlightsError(KeptFileError):
    """The file exists but is not one this version can use."""


@dataclass(frozen=True)
class Kept:
    """A highlight as the file keeps it: `removed` is a tombstone (see the module)."""

    highlight: Highlight
    removed: bool = False


KeptHighlights = dict[str, dict[str, Kept]]  # identity → highlight id → kept highlight


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
        if all(is_int(v) and v >= 0 for v in value):
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


def parse_highlights(text: str) -> KeptHighlights:
    """identity → highlight id → kept highlight; raises HighlightsError saying what is wrong."""
    data = parse_header(text, SCHEMA, VERSION, "highlights", HighlightsError)
    articles = data.get("articles", {})
    if not isinstance(articles, dict):
        raise HighlightsError("'articles' is not a table")
    out: KeptHighlights = {}
    for article, entries in articles.items():
        if not isinstance(entries, list):
            raise HighlightsError(f"the highlights of {article} are not a list")
        kept = [_kept(article, entry) for entry in entries]
        out[article] = {k.highlight.id: k for k in kept}
    return out


def dump_highlights(articles: KeptHighlights) -> str:
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


class HighlightStore(KeptFile[KeptHighlights]):
    """Every article's highlights, the removed ones as tombstones (`highlights.json`, a
    `reader.core.kept_file.KeptFile`), and which of them changed here."""

    FILE_NAME = FILE_NAME
    FRESH = "highlights"

    def __init__(self, folder: Path) -> None:
        super().__init__(folder)
        self._dirty: set[tuple[str, str]] = set()  # (article, highlight id)

    # -- reading ---------------------------------------------------------------------------
    def of(self, article: str) -> list[Highlight]:
        """The highlights of one article (by identity), oldest first."""
        kept = self.contents.get(article, {}).values()
        return [k.highlight for k in sorted(kept, key=_created) if not k.removed]

    def articles(self) -> list[str]:
        return sorted(a for a in self.contents if self.of(a))

    def count(self, article: str) -> int:
        return len(self.of(article))

    def noted(self) -> list[Highlight]:
        """Every highlight that has a note (what the library search looks through)."""
        return [one for article in self.articles() for one in self.of(article) if one.note]

    # -- changing ----------------------------------------------------------------------------
    def put(self, highlight: Highlight, *, touch: bool = True) -> Highlight:
        """Add or change a highlight (`touch`: it counts as changed now, and wins a merge)."""
        if touch:
            highlight = replace(highlight, updated=now_iso())
        self.contents.setdefault(highlight.article, {})[highlight.id] = Kept(highlight)
        self._dirty.add((highlight.article, highlight.id))
        return highlight

    def remove(self, highlight: Highlight) -> None:
        gone = replace(highlight, updated=now_iso())
        self.contents.setdefault(highlight.article, {})[highlight.id] = Kept(gone, removed=True)
        self._dirty.add((highlight.article, highlight.id))

    @property
    def dirty(self) -> bool:
        return bool(self._dirty)

    # -- the file (reader.core.kept_file) ----------------------------------------------------
    def _parse(self, text: str) -> KeptHighlights:
        return parse_highlights(text)

    def _dump(self, contents: KeptHighlights) -> str:
        return dump_highlights(contents)

    def _empty(self) -> KeptHighlights:
        return {}

    def _saved(self) -> None:
        self._dirty.clear()

    def _not_saved(self, reason: str) -> None:
        self.warnings.add(f"cannot save highlights: {reason}; they are kept until you quit", "io")

    def _merged_with_disk(self) -> KeptHighlights:
        """The file as other instances left it, with our changed highlights on top where
        they are the newer (`updated`)."""
        disk = self._read()
        for article, one in self._dirty:
            mine = self.contents.get(article, {}).get(one)
            if mine is None:
                continue
            theirs = disk.get(article, {}).get(one)
            if theirs is None or theirs.highlight.updated <= mine.highlight.updated:
                disk.setdefault(article, {})[one] = mine
        return disk
