"""Library rows: the sort cycle and filter-as-you-type."""

from __future__ import annotations

from pathlib import Path

from reader.core.catalog import Entry
from reader.core.diagnostics import Diagnostic
from reader.core.library_order import SORTS, arrange, matches, next_sort
from reader.core.state import SavedProgress


def entry(slug, title, published="", words=1000, **kw) -> Entry:
    return Entry(Path("/lib") / slug, slug, title, published=published, words=words, **kw)


A = entry("a", "Bread and Salt", "2023-01-01", 3000, participants=("Tomás Reyes",), tags=("food",))
B = entry("b", "Atlas of Rain", "2024-05-01", 9000, publication="The Lantern")
C = entry("c", "Cold Harbour", "", 500)
TOML = Path("/lib/d/article.toml")
BROKEN = entry("d", "d", problem=Diagnostic(TOML, 1, 1, "error", "TOML: syntax error"))
ALL = [A, B, C, BROKEN]


def NONE(entry):
    return None


def titles(entries):
    return [e.title for e in entries]


def test_sort_cycle():
    assert [next_sort(s) for s in SORTS] == [*SORTS[1:], SORTS[0]]
    assert next_sort("nonsense") == "date"


def test_date_newest_first_undated_then_broken_last():
    assert titles(arrange(ALL, "date", "", NONE)) == [
        "Atlas of Rain",
        "Bread and Salt",
        "Cold Harbour",
        "d",
    ]


def test_title_and_length():
    assert titles(arrange(ALL, "title", "", NONE)) == [
        "Atlas of Rain",
        "Bread and Salt",
        "Cold Harbour",
        "d",
    ]
    assert titles(arrange(ALL, "length", "", NONE)) == [
        "Cold Harbour",
        "Bread and Salt",
        "Atlas of Rain",
        "d",
    ]


def test_progress_in_progress_first_then_unread_then_read():
    progress = {A: SavedProgress(percent=100, read=True), C: SavedProgress(percent=30)}
    assert titles(arrange(ALL, "progress", "", progress.get)) == [
        "Cold Harbour",
        "Atlas of Rain",
        "Bread and Salt",
        "d",
    ]


def test_filter_matches_title_participants_publication_tags_without_accents():
    assert matches(A, "tomas")
    assert matches(A, "FOOD bread")
    assert matches(B, "lantern")
    assert not matches(A, "bread lantern")  # every word must match
    assert matches(C, "   ")
    assert titles(arrange(ALL, "title", "rain", NONE)) == ["Atlas of Rain"]
