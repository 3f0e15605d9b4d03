"""How the reading pane's frame is drawn: the pages around the reader drawn ahead, the app's
colour filters on what reaches the screen, a scrollbar and readouts redrawn only when what
they show changes."""

from __future__ import annotations

import asyncio
import io

from rich.console import Console
from textual.app import App, ComposeResult
from textual.content import Content
from textual.geometry import Size
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.app import ReaderApp
from reader.paths import sample_library
from reader.widgets.article_view import DRAW_AHEAD_AFTER, ArticleView
from reader.widgets.quiet_scrollbar import move_scrollbar
from reader.widgets.readout import Readout
from tests.ui.test_article_view import Pane, settled


async def drawn_ahead(pilot, view: ArticleView) -> None:
    """Wait until the draw-ahead that the last frame set has run."""
    await asyncio.sleep(DRAW_AHEAD_AFTER)
    for _ in range(200):
        await pilot.pause()
        if not view._drawing_ahead:
            return
        await asyncio.sleep(0.01)
    raise AssertionError("the pages around were never drawn ahead")


def count_draws(view: ArticleView) -> list[int]:
    """Lines drawn afresh by each `render_lines` of `view` from now on."""
    styles, frames, drawn = view._lines.styles, [], [0]
    draw, render_lines = styles.draw, view.render_lines

    def counted_draw(*args):
        drawn[0] += 1
        return draw(*args)

    def counted_frame(crop):
        before = drawn[0]
        strips = render_lines(crop)
        frames.append(drawn[0] - before)
        return strips

    styles.draw, view.render_lines = counted_draw, counted_frame
    return frames


async def test_the_next_page_is_drawn_before_space_asks_for_it(long_article):
    async with Pane(long_article).run_test(size=(100, 30)) as pilot:
        view = await settled(pilot)
        await drawn_ahead(pilot, view)
        frames = count_draws(view)
        top = view.render_line(0).text
        for key in ("space", "space", "b"):
            mark = len(frames)
            await pilot.press(key)
            await pilot.pause()
            assert frames[mark:] and sum(frames[mark:]) == 0, f"{key}: {frames[mark:]}"
            await drawn_ahead(pilot, view)  # the reader pauses to read
        assert view.render_line(0).text != top  # it moved: one page down, the lines new


async def test_without_the_page_drawn_ahead_a_jump_draws_its_lines(long_article):
    async with Pane(long_article).run_test(size=(100, 30)) as pilot:
        view = await settled(pilot)
        frames = count_draws(view)
        await pilot.press("G")
        await pilot.pause()
        assert sum(frames) > 10  # the count above means something


async def test_what_reaches_the_screen_goes_through_the_apps_colour_filters(article, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")  # Textual then greys every colour (a line filter)
    async with Pane(article).run_test(size=(100, 20)) as pilot:
        view = await settled(pilot)
        strips = view.render_lines(view.size.region)
        colours = {s.style.color for strip in strips for s in strip if s.style and s.style.color}
        assert colours and all(len(set(c.triplet)) == 1 for c in colours if c.triplet)
        text = view.scrollable_content_region.width  # the scrollbar's cell is its own
        assert all(strip.cell_length == text for strip in strips)


class Long(ScrollView):
    def render_line(self, y: int) -> Strip:
        return Strip.blank(self.size.width)


class Bars(App):
    def compose(self) -> ComposeResult:
        yield Long()
        yield Readout()

    def on_mount(self) -> None:
        self.query_one(Long).virtual_size = Size(10, 1_000_000)


async def test_the_scrollbar_is_redrawn_only_when_its_thumb_moves():
    async with Bars().run_test(size=(40, 20)) as pilot:
        await pilot.pause()
        bar = pilot.app.query_one(Long).vertical_scrollbar
        redraws = []
        refresh = bar.refresh
        bar.refresh = lambda *a, **k: redraws.append(1) or refresh(*a, **k)
        move_scrollbar(bar, 100)  # a thousandth of a cell
        assert bar.position == 100 and not redraws
        move_scrollbar(bar, 200_000)  # a fifth of the way down
        assert bar.position == 200_000 and redraws


async def test_a_readout_is_redrawn_for_another_text_or_style_only():
    async with Bars().run_test(size=(40, 20)) as pilot:
        readout = pilot.app.query_one(Readout)
        shown = []
        update = readout.update
        readout.update = lambda content, **k: shown.append(content) or update(content, **k)
        plain = Content("12% · 3 min left")
        for content in (plain, Content("12% · 3 min left"), Content("13% · 3 min left")):
            readout.show(content)
        readout.show(Content.styled("13% · 3 min left", "bold"))
        assert [c.plain for c in shown] == ["12% · 3 min left", *["13% · 3 min left"] * 2]
        assert shown[-1].spans  # the same words, bold: drawn again
        await pilot.pause()
        assert "13%" in str(readout.render())


async def test_the_first_frame_of_a_long_piece_shows_its_text(monkeypatch):
    """The first frame is laid out before the compositor has the pane's scrollbar: the pane's
    lines, a cell short of its region then, must still be drawn (they were left out, and the
    text came a frame later)."""
    frames: list[str] = []
    display = ReaderApp._display

    def recorded(self, screen, update):
        if update is not None and not frames:
            console = Console(width=120, file=io.StringIO(), force_terminal=True)
            frames.append("".join(segment.text for segment in console.render(update)))
        display(self, screen, update)

    monkeypatch.setattr(ReaderApp, "_display", recorded)
    bundle = sample_library() / "the-seed-keeper"
    app = ReaderApp(bundle.parent, open_path=bundle)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert app.reading.view.show_vertical_scrollbar  # a piece longer than the pane
    assert "For thirty-eight years Winifred" in frames[0]
