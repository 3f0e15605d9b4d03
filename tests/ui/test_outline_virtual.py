"""The outline draws its rows on demand (widgets/virtual_list.py): a piece of many questions
has its whole outline at once, and the outline moves, marks and jumps as a list does."""

from __future__ import annotations

from contextlib import asynccontextmanager

from textual import events

from reader.app import ReaderApp
from reader.widgets.library_list import LibraryList, LibraryPane
from reader.widgets.outline import Outline
from reader.widgets.sidebar import Section
from tests.helpers import make_single
from tests.ui.helpers import settle, visible_text

QUESTIONS = 5_000


def many_questions(folder, count: int = QUESTIONS):
    body = "".join(
        f"ME: What happened in the year {1000 + i}?\n\nOV: A quiet year, number {i}.\n\n"
        for i in range(count)
    )
    return make_single(folder, body)


@asynccontextmanager
async def opened(folder, count: int = QUESTIONS):
    """The app at 140x40 with a piece of `count` questions read whole: (app, pilot, outline)."""
    path = many_questions(folder, count)
    app = ReaderApp(path, open_path=path)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        yield app, pilot, app.reading.query_one(Outline)


async def test_every_question_is_in_the_outline_as_soon_as_the_piece_is(tmp_path):
    async with opened(tmp_path) as (app, pilot, outline):
        assert app.article.complete and outline.option_count == QUESTIONS
        assert outline.row_text(QUESTIONS - 1).strip().startswith(f"{QUESTIONS}. What happened")
        assert outline.row_text(0).startswith("▶    1. ")  # marked, aligned to four digits
        await pilot.press("G")  # the end of the piece: the last question marked, in view
        await pilot.pause()
        assert outline.current == outline.blocks[-1]
        assert outline.highlighted == QUESTIONS - 1
        assert f"▶ {QUESTIONS}. What happened" in visible_text(app)
        assert not outline.row_text(0).startswith("▶")


async def test_the_outline_pages_goes_to_its_ends_and_jumps(tmp_path):
    async with opened(tmp_path) as (app, pilot, outline):
        await pilot.press("o")
        await pilot.pause()
        assert app.screen.focused is outline and outline.highlighted == 0
        await pilot.press("pagedown")
        page = outline.scrollable_content_region.height
        assert outline.highlighted == page
        await pilot.press("j", "j", "k")
        assert outline.highlighted == page + 1
        await pilot.press("end")
        await pilot.pause()
        assert outline.highlighted == QUESTIONS - 1
        assert outline.scroll_y == outline.max_scroll_y  # the last row in view
        await pilot.press("home", "down", "enter")
        await pilot.pause()
        assert app.reading.view.position[0] == outline.blocks[1]
        assert app.screen.focused is app.reading.view


async def test_a_click_on_a_row_jumps_there(tmp_path):
    async with opened(tmp_path, 50) as (app, pilot, outline):
        await pilot.click(outline, offset=(4, 3))  # the fourth row
        await pilot.pause()
        assert app.reading.view.position[0] == outline.blocks[3]
        assert outline.current == outline.blocks[3] and "▶" in outline.row_text(3)


async def test_g_before_the_whole_piece_came_shows_the_last_question_in_the_outline(tmp_path):
    """G in the preview goes to the end of the whole piece when it comes: the outline, made
    again for the whole piece, has its last question marked and in view."""
    path = many_questions(tmp_path)
    app = ReaderApp(path, open_path=path)
    async with app.run_test(size=(140, 40)) as pilot:
        for _ in range(500):  # the preview on screen
            if app.article is not None and app.reading.view.text_layout is not None:
                break
            await pilot.pause(0.01)
        assert not app.article.complete
        await pilot.press("G")
        await settle(pilot)
        outline = app.reading.query_one(Outline)
        assert app.article.complete and outline.highlighted == QUESTIONS - 1
        assert outline.scroll_y == outline.max_scroll_y > 0
        assert f"▶ {QUESTIONS}. What happened" in visible_text(app)


async def test_the_cursor_stays_in_view_when_the_outline_gets_shorter(tmp_path):
    """The sections above fold and open as the sidebar fills in (or by hand): the row under
    the cursor (the last, here) stays in view when the outline loses rows to them."""
    async with opened(tmp_path, 300) as (app, pilot, outline):
        people = app.reading.query_one("#people", Section)
        people.collapsed = True
        await pilot.press("G")
        await pilot.pause()
        assert outline.highlighted == 299 and outline.scroll_y == outline.max_scroll_y
        people.collapsed = False  # the outline is shorter by the section's rows
        await pilot.pause()
        top, shown = round(outline.scroll_y), outline.scrollable_content_region.height
        assert top <= 299 < top + shown
        assert "▶ 300. What happened" in visible_text(app)


async def test_keys_typed_right_after_o_or_l_go_to_the_list(samples):
    """`o j j j` or `l j` typed in one go (before a frame): the keys after `o` or `l` move
    the list's cursor, not the text (the focus moved when the next frame was drawn)."""
    app = ReaderApp(samples)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        outline, view = app.reading.query_one(Outline), app.reading.view
        place = view.position
        for key in ("o", "j", "j", "j"):
            app.post_message(events.Key(key, key))
        await pilot.pause()
        assert app.screen.focused is outline and outline.highlighted == 2
        assert view.position == place
        entries = app.reading.query_one(LibraryList)
        assert entries.display and entries.highlighted is not None
        row = entries.highlighted
        for key in ("l", "j"):
            app.post_message(events.Key(key, key))
        await pilot.pause()
        assert app.screen.focused is entries and entries.highlighted == row + 1


async def test_keys_typed_right_after_l_go_to_the_list_it_shows(samples):
    """At 120 columns the library is hidden: `l j` typed in one go shows it and moves its
    cursor, not the text (the focus moved once the list was drawn)."""
    app = ReaderApp(samples)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        pane, view = app.reading.query_one(LibraryPane), app.reading.view
        entries = pane.entry_list
        assert not pane.display and entries.highlighted is not None
        place, row = view.position, entries.highlighted
        for key in ("l", "j"):
            app.post_message(events.Key(key, key))
        await pilot.pause()
        assert pane.display and app.screen.focused is entries
        assert view.position == place and entries.highlighted == row + 1
