"""Which library rows to show, in which order: the sort cycle and filter-as-you-type, and
what the rows show beside their entries (`RowMarks`).

Pure functions over catalog entries and saved progress, so the library list widget only
draws what this returns. Broken bundles always sort last, whatever the order.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Callable, Mapping
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from reader.core.state import SavedProgress

if TYPE_CHECKING:
    from reader.core.catalog import Entry

SORTS = ("date", "title", "progress", "length")
SORT_LABELS = {
    "date": "newest first",
    "title": "by title",
    "progress": "in progress first",
    "length": "shortest first",
}


@dataclass(frozen=True)
class RowMarks:
    """What the library's rows show beside their entries: the reader's saved progress (by
    article key), which article is open (its key), and highlight counts (by identity)."""

    progress: Mapping[str, SavedProgress]
    current: str | None
    highlights: Mapping[str, int]


def next_sort(current: str) -> str:
    return SORTS[(SORTS.index(current) + 1) % len(SORTS)] if current in SORTS else SORTS[0]


@lru_cache(maxsize=1 << 16)
def _without_accents(text: str) -> str:
    """Lower case without accents, so "tomas" finds "Tomás"."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    return "".join(ch for ch in decomposed if not unicodedata.combining(ch))


def matches(entry: Entry, query: str) -> bool:
    """Every word of `query` occurs in the title, a participant, the publication or a tag."""
    words = _without_accents(query).split()
    if not words:
        return True
    fields = (entry.title, entry.slug, entry.publication, *entry.participants, *entry.tags)
    haystack = _without_accents("\n".join(fields))
    return all(word in haystack for word in words)


def _progress_rank(progress: SavedProgress | None) -> tuple[int, float]:
    if progress is None:
        return (1, 0.0)
    if progress.read:
        return (2, 0.0)
    return (0, -progress.percent)


def arrange(
    entries: list[Entry],
    sort: str,
    query: str,
    progress_of: Callable[[Entry], SavedProgress | None],
) -> list[Entry]:
    """The entries that match `query`, in `sort` order (ties broken by title);
    `progress_of` gives an entry's saved progress, for the progress order."""
    shown = [e for e in entries if matches(e, query)]
    shown.sort(key=lambda e: (_without_accents(e.title), e.slug))
    if sort == "date":
        # newest first; undated pieces after dated ones
        shown.sort(key=lambda e: e.published or "", reverse=True)
        shown.sort(key=lambda e: not e.published)
    elif sort == "progress":
        shown.sort(key=lambda e: _progress_rank(progress_of(e)))
    elif sort == "length":
        shown.sort(key=lambda e: e.words)
    shown.sort(key=lambda e: e.broken)
    return shown
