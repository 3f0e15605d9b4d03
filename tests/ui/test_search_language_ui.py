"""The one search language where people type it in the app: `/` in each article and Ctrl+F
over the library, on the table of tests/search_cases.py (`reader search` and the core are
in tests/unit/test_search_language.py). The first query of each is typed key by key; the
others are put in the box at once (the same Changed event, without a second per key)."""

from __future__ import annotations

from textual.widgets import Input

from reader.app import ReaderApp
from reader.core.bundle import load_bundle
from reader.screens.library_search import LibrarySearchScreen
from tests.search_cases import CASES, LIBRARY, found_in, in_text, same
from tests.ui.helpers import settle

ARTICLES = {path.stem: path for path in sorted(LIBRARY.iterdir())}


async def enter(pilot, box: Input, query: str, typed: bool) -> None:
    if typed:
        await pilot.press(*query)
    else:
        box.value = query
    await pilot.pause()


async def test_slash_in_each_article_finds_what_the_table_says():
    app = ReaderApp(LIBRARY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        found: dict[str, set] = {query: set() for query, _ in CASES}
        for slug, path in ARTICLES.items():
            app.open_article(path)
            await settle(pilot)
            view = app.reading.view
            await pilot.press("slash")
            for n, (query, _) in enumerate(CASES):
                await enter(pilot, app.reading.search_bar.input, query, typed=n == 0)
                found[query] |= {found_in(slug, app.article, h.block) for h in view.search_hits}
            await pilot.press("escape")
        for query, expected in CASES:
            assert same(found[query], in_text(expected)), (query, found[query])


async def test_ctrl_f_finds_what_the_table_says():
    articles = {slug: load_bundle(path).article for slug, path in ARTICLES.items()}
    app = ReaderApp(LIBRARY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+f")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, LibrarySearchScreen)
        for n, (query, expected) in enumerate(CASES):
            await enter(pilot, screen.input, query, typed=n == 0)
            await settle(pilot)
            found = {found_in(h.slug, articles[h.slug], h.block) for h in screen.hits}
            assert same(found, expected), (query, found)
