"""Issue 17, second pass: what an outside check still found in the app. A long passage's
snippet is cut from a bounded region; a library cache emptied or damaged without an error
is noticed by the search that finds nothing; palette text is shown as typed; Ctrl+F runs
one search for a burst of typing, and Esc never waits for a search under way."""

from __future__ import annotations

import asyncio
import os
import threading
import time

from textual.content import Content

from reader.app import ReaderApp
from reader.core.library import Hits, Library
from reader.core.library import snippets as snippets_module
from reader.core.library.cache import REBUILT
from reader.core.library.snippets import REGION, snippet
from reader.core.query import parse
from reader.palette import plain_markup
from reader.paths import sample_library
from reader.screens import library_search
from reader.screens.library_search import LibrarySearchScreen
from tests.hostile.test_cache_faults import write_library
from tests.ui.helpers import settle


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


class TypingPause:
    """Stands in for the wait of Ctrl+F for a pause in typing (`library_search.asyncio`):
    every wait ends when the test says typing has paused, so a burst of keys stays a burst
    however slow the machine, and nothing depends on the clock."""

    def __init__(self) -> None:
        self.over = asyncio.Event()

    async def sleep(self, seconds: float) -> None:
        await self.over.wait()


def typing_pause(monkeypatch) -> TypingPause:
    """The search screen's pause in typing, over only when the test says so."""
    pause = TypingPause()
    monkeypatch.setattr(library_search, "asyncio", pause, raising=False)
    return pause


def searches_asked(monkeypatch) -> list[str]:
    """The queries the library cache is asked, in order (the real search still runs)."""
    asked: list[str] = []
    search = Library.search

    def counting(self, query, **options):
        asked.append(query)
        return search(self, query, **options)

    monkeypatch.setattr(Library, "search", counting)
    return asked


async def library_search_open(pilot) -> LibrarySearchScreen:
    await settle(pilot)
    await pilot.press("ctrl+f")
    await pilot.pause()
    screen = pilot.app.screen
    assert isinstance(screen, LibrarySearchScreen)
    return screen


async def test_a_burst_of_typing_in_ctrl_f_runs_one_search(monkeypatch):
    asked, pause = searches_asked(monkeypatch), typing_pause(monkeypatch)
    app = ReaderApp(sample_library())
    async with app.run_test(size=(140, 40)) as pilot:
        screen = await library_search_open(pilot)
        await pilot.press(*"music")
        await pilot.pause()
        assert asked == []  # typing: nothing searched yet, one key after another
        pause.over.set()
        await settle(pilot)
        assert asked == ["music"]
        assert screen.hits and all("music" in hit.snippet.lower() for hit in screen.hits)


async def test_esc_right_after_typing_never_searches(monkeypatch):
    asked, pause = searches_asked(monkeypatch), typing_pause(monkeypatch)
    app = ReaderApp(sample_library())
    async with app.run_test(size=(140, 40)) as pilot:
        await library_search_open(pilot)
        await pilot.press(*"music", "escape")
        await pilot.pause()
        assert app.screen is app.reading
        pause.over.set()  # the pause the search waited for comes after the screen closed
        await settle(pilot)
        assert asked == [] and app.screen is app.reading


async def test_esc_does_not_wait_for_the_search_under_way(monkeypatch):
    """A search that only stops when told to, and then takes its time: Esc closes the screen
    while it still runs, and it is told to stop."""
    started, told, finish = threading.Event(), threading.Event(), threading.Event()
    order: list[str] = []

    def endless(self, query, *, cancelled, **options):
        order.append("search started")
        started.set()
        while not cancelled():
            time.sleep(0.005)
        order.append("search told to stop")
        told.set()
        finish.wait(timeout=30)  # still busy a while after that
        order.append("search ended")
        return Hits()

    monkeypatch.setattr(Library, "search", endless)
    app = ReaderApp(sample_library())
    async with app.run_test(size=(140, 40)) as pilot:
        await library_search_open(pilot)
        await pilot.press(*"music")
        for _ in range(500):  # until the pause is over and the search runs
            if started.is_set():
                break
            await pilot.pause(0.02)
        assert started.is_set()
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.reading
        order.append("screen closed")
        assert told.wait(timeout=30)
        finish.set()
        await settle(pilot)
        assert order[0] == "search started" and order[-1] == "search ended"
        assert order.index("screen closed") < order.index("search ended")
        assert app.screen is app.reading
