"""Issue 17, second pass: what an outside check still found in the app. A long passage's
snippet is cut from a bounded region; a library cache emptied or damaged without an error
is noticed by the search that finds nothing; palette text is shown as typed."""

from __future__ import annotations

import os

from textual.content import Content

from reader.core.library import Library
from reader.core.library import snippets as snippets_module
from reader.core.library.cache import REBUILT
from reader.core.library.snippets import REGION, snippet
from reader.core.query import parse
from reader.palette import plain_markup
from tests.hostile.test_cache_faults import write_library


def test_a_long_passage_s_snippet_is_cut_from_a_bounded_region(monkeypatch):
    seen: list[int] = []
    original = snippets_module.matches

    def counting(text, terms):
        seen.append(len(text))
        return original(text, terms)

    monkeypatch.setattr(snippets_module, "matches", counting)
    text = "filler words " * 20_000 + "the harbour master spoke" + " more" * 5000
    (term,) = parse('"harbour master"').terms
    cut = snippet(text, [term], "«", "»")
    assert "«harbour master»" in cut.text and cut.text.startswith("…")
    assert text[cut.offset :].startswith("harbour master") and cut.match == "harbour master"
    assert seen and max(seen) <= REGION  # never the whole 300,000 characters


def test_a_cache_emptied_under_a_running_search_is_rebuilt_and_said_once(tmp_path):
    root = write_library(tmp_path / "lib")
    path = tmp_path / "cache.sqlite3"
    with Library(path) as library:
        library.scan(root)
        assert library.search("tides", root=root)
        with library._lock:  # another program empties the index without a word
            library._conn.execute("DELETE FROM passages")
        results = [library.search(word, root=root) for word in ("harbours", "tides")]
        assert all(results), [len(r) for r in results]
        assert [r.notice for r in results] == [REBUILT, ""]


def test_a_cache_overwritten_in_place_never_gives_silent_empty_searches(tmp_path):
    root = write_library(tmp_path / "lib")
    path = tmp_path / "cache.sqlite3"
    with Library(path) as library:
        library.scan(root)
        library._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")
    size = os.path.getsize(path)
    with open(path, "r+b") as handle:  # the middle of the file zeroed while closed
        handle.seek(size // 4)
        handle.write(b"\0" * (size // 2))
    with Library(path) as library:
        results = [library.search(word, root=root) for word in ("harbours", "tides")]
        assert all(results), [len(r) for r in results]
        assert [r.notice for r in results] == [REBUILT, ""]


def test_palette_markup_shows_every_text_as_typed():
    for text in ("[$accent]Pub", "Pub\\", "a\\[b]", "[bold]x[/]", "[@click=app.quit]q[/]", "\\"):
        assert Content.from_markup(plain_markup(text)).plain == text
