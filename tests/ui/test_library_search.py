"""Ctrl+F: library-wide search as you type, grouped by article; Enter opens at the turn."""

from __future__ import annotations

from itertools import groupby

from reader.app import ReaderApp
from reader.screens.library_search import LibrarySearchScreen
from tests.ui.conftest import MARKUP
from tests.ui.helpers import settle, visible_text


async def type_query(pilot, text: str) -> LibrarySearchScreen:
    screen = pilot.app.screen
    assert isinstance(screen, LibrarySearchScreen)
    await pilot.press(*text)
    await settle(pilot)
    return screen


def rows(screen: LibrarySearchScreen) -> list[tuple[str, bool]]:
    """(text, is a hit) for each row of the results."""
    return [(str(o.prompt), not o.disabled) for o in screen.results.options]


async def test_a_phrase_opens_its_article_at_the_turn_highlighted(samples):
    app = ReaderApp(samples)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+f")
        await pilot.pause()
        screen = await type_query(pilot, '"putting marks around words"')
        (header, hit_row) = rows(screen)
        assert header[0].startswith("Mind Your Brackets") and not header[1]
        assert "putting marks around words" in hit_row[0] and hit_row[1]
        hit = screen.highlighted
        assert hit is not None and hit.match == "putting marks around words"
        assert "1 passage in 1 interview" in visible_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is app.reading
        assert app.article.title == "Mind Your Brackets"
        view = app.reading.view
        state = view.search_state
        assert state.query == '"putting marks around words"' and state.total == 1
        block = app.article.blocks[hit.block]
        assert block.text[hit.offset :].startswith("putting marks around words")
        top, bottom = view.scroll_offset.y, view.scroll_offset.y + view.size.height
        assert top <= view.text_layout.line_of(hit.block, hit.offset) < bottom
        assert "putting marks around words" in visible_text(app)


async def test_results_group_by_article_and_follow_typing(samples):
    app = ReaderApp(samples)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+f")
        screen = await type_query(pilot, "music")
        found = rows(screen)
        assert found[0][1] is False and found[1][1] is True  # a header, then its passages
        assert found[0][0].startswith(screen.hits[0].title)  # the best passage's article first
        in_order = [screen.hits[int(o.id)].slug for o in screen.results.options if o.id]
        assert len([slug for slug, _ in groupby(in_order)]) == len(set(in_order)) >= 2
        await pilot.press("down", "down")  # two passages on from the first
        third = [o for o in screen.results.options if o.id][2]
        assert screen.highlighted is screen.hits[int(third.id)]
        before = len(screen.hits)
        await pilot.press("space", *"night")
        await settle(pilot)
        assert 0 < len(screen.hits) < before
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.reading


async def test_bad_queries_are_explained_not_raised(samples):
    app = ReaderApp(samples)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        app.push_screen(LibrarySearchScreen(samples, app.cache))
        await pilot.pause()
        screen = await type_query(pilot, "* ( )")
        assert "nothing to search for" in visible_text(app)
        await pilot.press("enter")  # nothing to open: the screen stays
        assert app.screen is screen
        await pilot.press(*["backspace"] * 5, *"zzqx")
        await settle(pilot)
        assert "no matches" in visible_text(app)


async def test_passages_show_markup_literally(hostile_library):
    app = ReaderApp(hostile_library)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        app.push_screen(LibrarySearchScreen(hostile_library, app.cache))
        await pilot.pause()
        await type_query(pilot, "literal")
        text = visible_text(app)
        assert MARKUP in text  # the article's title
        assert "Answerer [/]: Still literal: [/] and [b]x[/b]." in text
        await pilot.press(*["backspace"] * 7, *"love")
        await settle(pilot)
        assert "It is [love of] text. (laughs) [@click=app.quit]quit[/]" in visible_text(app)
        assert app.is_running


async def test_the_palette_opens_it_too(samples):
    app = ReaderApp(samples)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+p", *"whole library")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, LibrarySearchScreen)
        assert app.screen.focused is app.screen.input
