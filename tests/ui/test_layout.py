"""The three panes at each width, the toggles, overlays, and tiny terminals."""

from __future__ import annotations

import pytest

from reader.app import ReaderApp
from tests.ui.helpers import settle, visible_text


def shown(app: ReaderApp) -> tuple[bool, bool]:
    return bool(app.reading.library.display), bool(app.reading.sidebar.display)


async def test_three_panes_when_wide(samples):
    app = ReaderApp(samples)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        assert shown(app) == (True, True)
        text = visible_text(app)
        assert "Library" in text and "Outline" in text and "Participants" in text
        assert app.article.title in text.splitlines()[0]  # the title bar
        assert "min left" in text.splitlines()[0]
        await pilot.press("l")  # shown already: l goes to it
        await pilot.pause()
        assert shown(app) == (True, True) and app.screen.focused.id == "library-list"
        await pilot.press("l")  # from the list: hides it
        await pilot.pause()
        assert shown(app) == (False, True)
        await pilot.press("s")
        await pilot.pause()
        assert shown(app) == (False, False)
        await pilot.press("l", "s")
        await pilot.pause()
        assert shown(app) == (True, True)


async def test_library_collapses_below_140_and_comes_back_with_l(samples):
    app = ReaderApp(samples)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert shown(app) == (False, True)
        await pilot.press("l")
        await pilot.pause()
        assert shown(app) == (True, True)
        assert app.screen.focused.id == "library-list"
        await pilot.press("l")
        await pilot.pause()
        assert shown(app) == (False, True)
        assert app.screen.focused is app.reading.view


async def test_sidebar_is_an_overlay_below_90(samples):
    app = ReaderApp(samples)
    async with app.run_test(size=(80, 30)) as pilot:
        await settle(pilot)
        assert shown(app) == (False, False)
        view_width = app.reading.view.size.width
        await pilot.press("s")
        await pilot.pause()
        assert shown(app) == (False, True)
        assert app.reading.view.size.width == view_width  # over the text, not beside it
        await pilot.press("escape")
        await pilot.pause()
        assert shown(app) == (False, False)
        await pilot.press("o")  # the outline brings the sidebar with it
        await pilot.pause()
        assert shown(app) == (False, True) and app.screen.focused.id == "outline"
        await pilot.press("enter")
        await pilot.pause()
        assert shown(app) == (False, False) and app.screen.focused is app.reading.view


async def test_crossing_a_width_restores_its_defaults(samples):
    app = ReaderApp(samples)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await pilot.press("s")
        await pilot.pause()
        assert shown(app) == (True, False)
        await pilot.resize_terminal(120, 40)
        await pilot.pause()
        assert shown(app) == (False, True)
        await pilot.resize_terminal(160, 45)
        await pilot.pause()
        assert shown(app) == (True, True)


async def test_position_survives_resizes(samples):
    app = ReaderApp(samples)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        await pilot.press("right_square_bracket", "right_square_bracket", "right_square_bracket")
        before = app.reading.view.position
        for size in ((60, 20), (40, 12), (200, 50), (160, 45)):
            await pilot.resize_terminal(*size)
            await pilot.pause()
        assert app.reading.view.position == before


@pytest.mark.parametrize("size", [(40, 12), (60, 20)])
async def test_tiny_terminals_work(samples, size):
    app = ReaderApp(samples)
    async with app.run_test(size=size) as pilot:
        await settle(pilot)
        for key in ("j", "space", "right_square_bracket", "s", "escape", "l", "escape"):
            await pilot.press(key)
        await pilot.press("slash", *"the", "enter", "n")
        await pilot.press("question_mark")
        await pilot.pause()
        await pilot.press("escape", "q")
    assert app.return_code == 0


async def test_single_bundle_opens_directly_without_library(samples):
    bundle = samples / "the-interval"
    app = ReaderApp(bundle, open_path=bundle)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        assert app.article.title == "The Interval"
        assert shown(app) == (False, True)
        await pilot.press("l")
        await pilot.pause()
        assert shown(app)[0]
        assert len(app.reading.library.entry_list.entries) == 1
