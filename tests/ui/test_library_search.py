"""Ctrl+F: library-wide search as you type, grouped by article; Enter opens at the turn."""

from __future__ import annotations

from itertools import groupby

from reader.app import ReaderApp
from reader.screens.library_search import LibrarySearchScreen
from tests.helpers import make_single
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


async def test_a_note_is_found_says_it_is_yours_and_opens_at_its_highlight(tmp_path):
    turns = [f"Q: Question {i}?\n\nA: Answer {i}, plainly put.\n\n" for i in range(60)]
    body = "".join(turns[:30]) + "A: The lighthouse, halfway.\n\n" + "".join(turns[30:])
    make_single(tmp_path / "lib", "Q: Short?\n\nA: Short.\n", slug="another")
    path = make_single(tmp_path / "lib", body, slug="long")
    app = ReaderApp(path.parent, open_path=path)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"lighthouse", "enter", "v", "h", "escape")
        await pilot.press("a")
        await pilot.pause()  # the note's box is up
        await pilot.press(*"[love of] beacons", "enter", "g")
        await pilot.pause()
        await pilot.press("ctrl+f")
        screen = await type_query(pilot, "beacons")
        (header, note) = rows(screen)
        assert header[0].startswith("The Cartographer") and "1 note" in header[0]
        assert note[0].startswith("  ✎ Your note: [love of] beacons")
        assert "on “lighthouse”" in note[0]
        assert "1 note in 1 interview" in visible_text(app)
        await pilot.press("enter")
        await settle(pilot)
        assert app.screen is app.reading and not app.reading.searching
        view = app.reading.view
        (one,) = app.highlights.noted()
        assert view.text_layout.line_of(*one.anchor.start) == view.scroll_offset.y > 0
        assert app.reading.highlight_in_view() == one.id


async def test_a_note_opens_at_its_highlight_where_it_is_now_after_the_bundle_changed(tmp_path):
    turns = [f"Q: Question {i}?\n\nA: Answer {i}, plainly put.\n\n" for i in range(60)]
    body = "".join(turns[:30]) + "A: The lighthouse, halfway.\n\n" + "".join(turns[30:])
    path = make_single(tmp_path / "lib", body, slug="long")
    app = ReaderApp(path.parent, open_path=path)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"lighthouse", "enter", "v", "h", "escape", "a")
        await pilot.pause()
        await pilot.press(*"beacons", "enter", "q")
    text = path.read_text(encoding="utf-8")  # three turns more at the top: the place moved
    path.write_text(
        text.replace("Q: Question 0?", "Q: New?\n\nA: Yes.\n\nQ: More?\n\nQ: Question 0?")
    )
    make_single(tmp_path / "lib", "Q: Short?\n\nA: Short.\n", slug="another")
    again = ReaderApp(path.parent, open_path=tmp_path / "lib" / "another.md")
    async with again.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        await pilot.press("ctrl+f")
        await pilot.pause()
        await type_query(pilot, "beacons")
        await pilot.press("enter")
        await settle(pilot)
        view = again.reading.view
        lighthouse = next(i for i, b in enumerate(again.article.blocks) if "lighthouse" in b.text)
        assert view.text_layout.line_of(lighthouse, 4) == view.scroll_offset.y
