"""The reading pane: one interview drawn line by line (Textual's Line API), never a widget per
paragraph, so a 200,000-word interview opens as fast as a short one.

The pane decides nothing about the text: a `reader.core.reading.Reading` knows the layout,
the reader's place, the search and the progress of the open article, and the pane draws its
lines from `Reading.top()`, passes keys on as movements, and reports what changed. Colours
come from the theme through the component classes of `widgets/pane_style.py`, whose CSS uses
the variables of `reader.themes.THEME_VARIABLES`; `PaneStyles.draw` draws a line, and a picture's
lines are half blocks from `PictureStrips`, blank until a worker thread has decoded it.
`PaneLines` keeps the lines as the screen shows them, and draws the next pages ahead.
"""

from __future__ import annotations

import asyncio
import time
from collections.abc import Sequence
from dataclasses import dataclass
from typing import TYPE_CHECKING

from textual.geometry import Region, Size
from textual.message import Message
from textual.reactive import var
from textual.scroll_view import ScrollView
from textual.selection import Selection as TextSelection
from textual.strip import Strip

from reader.commands import SELECTION, bindings
from reader.core import model as m
from reader.core.highlights.anchors import ArticleText, TextAnchor
from reader.core.layout import (
    DEFAULT_MEASURE,
    MEASURES,
    Layout,
    clamp_measure,
    column_width,
)
from reader.core.pictures import PictureCache
from reader.core.progress import NO_ARTICLE, ReadingProgress
from reader.core.reading import Reading, Shown, layout_ahead
from reader.core.search_session import SearchState
from reader.core.timeline import TimeJump, Timeline
from reader.widgets.messages import Latest
from reader.widgets.pane_lines import PaneLines
from reader.widgets.pane_style import PANE_CSS
from reader.widgets.quiet_scrollbar import move_scrollbar

if TYPE_CHECKING:
    from reader.core.search import Match

DRAW_AHEAD_AFTER = 0.01
"""Seconds from a paint to drawing the pages above and below (`PaneLines.ahead`). Textual
hands a frame to a thread that writes it; work begun at once would hold the interpreter's
lock, and the frame would wait up to 5 ms (Python's switch interval) to reach the terminal."""


LAYOUT_STEP = 0.008
"""Seconds of wrapping between two frames while the rest of a piece is laid out (after a
resize; a piece that opens comes laid out by its load). Each step ends in a new height for
the scrollbar, which costs the next frame a layout pass of the screen: steps of one
`Layout.advance` each (about a millisecond) made the 200k piece's layout take 320 ms
instead of 60. A key waits for one step at most, and its frame is the next."""


def _advance_for(layout: Layout, seconds: float) -> bool:
    """Wrap units of `layout` for about `seconds`; True once it is complete."""
    deadline = time.perf_counter() + seconds
    while not layout.advance():
        if time.perf_counter() >= deadline:
            return False
    return True


class ArticleView(ScrollView, can_focus=True, inherit_bindings=False):
    """Shows one `Article`, centred in a column `measure` cells wide.

    Interface (the reading screen mounts this and drives it):

    - `ArticleView(article=None, *, measure=72, pictures=None, show_pictures=True, id=None,
      classes=None)`; `load(article, position=None)` shows another article at a position
      (block, offset): the first screen paints at once and the rest is wrapped later.
    - pictures (`pictures`: the app's `PictureCache`; None: captions only): `pictures_shown`,
      `show_pictures(on)`, `picture_in_view()` (for Enter).
    - `progress` (a `ReadingProgress`: position, percent, minutes left, current question),
      `position`; `go_to(block, offset=0, *, top=True)` puts that character on the top line,
      or with `top=False` just brings it into view.
    - `measure`, `set_measure(n)` (40..200).
    - `do(name)` for the reading keys (`MOVES`: `line_down`, `page_up`, `next_question`, …,
      and `measure_wider/narrower/reset` for + - =).
    - search: `search(query) -> SearchState` on every keystroke, `next_match()`,
      `prev_match()`, `clear_search()`, `search_state`.
    - times (a timed transcript): `timed`, `timeline`, `go_to_time(seconds) -> TimeJump`
      (the turn that covers it on top), `show_times` and `set_show_times(bool)` (the times
      before the speakers' names; the choice holds for the next article too).
    - `reported` (the progress the title bar and sidebar show) and `searched` (the search's
      state): set in the very call that changed them, so that a screen watching them draws
      everything a key changed in one frame; `PositionChanged(progress)` is posted beside
      `reported` for the app to keep the place (it replaces an unread one).

    The pane has no key bindings of its own, not even a scroll view's (arrows, PgDn):
    the command table (reader/commands.py) binds every key on the screen. The wheel scrolls.
    """

    DEFAULT_CSS = PANE_CSS
    BINDINGS = bindings(SELECTION)  # only while a selection is being made (check_action)

    reported: var[ReadingProgress | None] = var(None, always_update=True, init=False)
    searched: var[SearchState] = var(SearchState, always_update=True, init=False)

    @dataclass
    class PositionChanged(Latest):
        """The reader moved: another block on top, another whole percent or minute left."""

        progress: ReadingProgress

    @dataclass
    class Keep(Message):
        """The reader keeps a selection: as a highlight (`h`), or copied as a quote (`y`)."""

        article: m.Article
        anchor: TextAnchor
        copy: bool = False

    def __init__(
        self,
        article: m.Article | None = None,
        *,
        measure: int = DEFAULT_MEASURE,
        pictures: PictureCache | None = None,
        show_pictures: bool = True,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._measure = clamp_measure(measure)
        self._times = True
        self._reading: Reading | None = None
        self._kept: list[ArticleView.Keep] = []  # posted, not yet taken (take_kept)
        self._pictures, self._show_pictures = pictures, show_pictures
        self._lines = PaneLines(self, self._pane_width, pictures)
        self._drawing_ahead = False  # a draw-ahead waits for the frame to be written
        if article is not None:
            self.load(article)

    # -- loading and layout --------------------------------------------------------------------
    @property
    def article(self) -> m.Article | None:
        return self._reading.article if self._reading else None

    @property
    def text_layout(self) -> Layout | None:
        """The open article's lines at the pane's width (`Widget.layout` is Textual's)."""
        return self._reading.layout if self._reading else None

    def load(
        self,
        article: m.Article | None,
        position: tuple[int, int] | None = None,
        ahead: Layout | None = None,
    ) -> None:
        """Show `article` (None: nothing) with `position` on the top line (default: the top),
        with the layout `ahead` made by `layout_ahead` if the pane has kept its size."""
        width, page = self._column_width(), self._page_height()
        self._reading = None
        if article is not None:
            pictures = (self._pictures, self._show_pictures)
            self._reading = Reading(
                article, width, page, position, self._times, *pictures, ahead=ahead
            )
        self._relayout()
        if self.is_mounted:
            self.searched = self.search_state

    def layout_ahead(self, article: m.Article) -> Layout:
        """A layout of `article` as `load` would make it now, for the load's thread to wrap
        in full (`reader.core.reading.layout_ahead`). Called from that thread: the sizes it
        reads may be changing, and `load` then makes a layout of its own."""
        width, page = self._column_width(), self._page_height()
        pictures = (self._pictures, self._show_pictures)
        return layout_ahead(article, width, page, self._times, *pictures)

    def _pane_width(self) -> int:
        return self.scrollable_content_region.width if self.is_mounted else 0

    def _page_height(self) -> int:
        return max(1, self.scrollable_content_region.height) if self.is_mounted else 1

    def _column_width(self) -> int:
        return column_width(self._measure, self._pane_width())

    def _relayout(self) -> None:
        """After a new layout: clear the cache, show the place, wrap the rest in the
        background."""
        self._lines.clear()
        self._sync()
        self.refresh()
        reading = self._reading
        if self.is_mounted and reading is not None:
            # Not exclusive: a replaced layout's worker sees it is stale and ends by itself.
            self.run_worker(self._complete_layout(reading, reading.layout), group="layout")

    async def _complete_layout(self, reading: Reading, layout: Layout) -> None:
        """Wrap the rest of the article `LAYOUT_STEP` at a time, yielding to input between
        steps (a layout made ahead is complete already); then prepare the search index in a
        thread (folding 200k words is tens of milliseconds), so that the first keystroke of
        a search is quick too."""

        def current() -> bool:
            return reading is self._reading and layout is reading.layout

        await self.wait_for_refresh()  # the place at the new size on screen first
        while current() and not _advance_for(layout, LAYOUT_STEP):
            self._sync()
            await self.wait_for_refresh()  # a frame between two steps, and the keys
        if current():
            self._sync()
            await asyncio.sleep(0)
            if current():
                await asyncio.to_thread(reading.search.prepare)

    def _sync(self) -> None:
        """Scroll to the place the reading says, with the layout's height (the one way the
        view moves, except the wheel and the scrollbar, which `watch_scroll_y` follows)."""
        reading = self._reading
        if reading is None:
            self.virtual_size = Size(self._pane_width(), 0)
            return
        top = reading.top()
        self.virtual_size = Size(self._pane_width(), reading.layout.height)
        self.scroll_to(y=top, animate=False, force=True)
        self._report()

    def on_mount(self) -> None:
        self._report()

    def _size_updated(
        self, size: Size, virtual_size: Size, container_size: Size, layout: bool = True
    ) -> bool:
        # Every layout pass calls this; a Resize event does not follow every change of size
        # (showing the library pane can narrow this one without one), so wrap again here.
        resized = super()._size_updated(size, virtual_size, container_size, layout)
        if resized:
            self.call_next(self._rewrap)
        return resized

    def watch_show_vertical_scrollbar(self) -> None:
        self._rewrap()  # the scrollbar takes a column without a change of size

    def _rewrap(self) -> None:
        if self._reading is not None and self._reading.resize(
            self._column_width(), self._page_height()
        ):
            self._relayout()
        else:
            self._sync()

    def _fitted(self) -> Reading | None:
        """The reading, told the pane's size as it is now, before a key moves it: the last
        change of size may not have reached `_rewrap` yet."""
        self._rewrap()
        return self._reading

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._lines.restyle()

    # -- pictures ------------------------------------------------------------------------------
    @property
    def pictures_shown(self) -> bool:
        return self._show_pictures and self._pictures is not None

    def show_pictures(self, shown: bool) -> None:
        """Draw the pictures in the text, or only their captions (the place is kept)."""
        self._show_pictures = shown
        if self._reading is not None and self._reading.show_pictures(shown):
            self._relayout()

    def picture_in_view(self) -> m.Image | None:
        """The picture on screen that Enter opens (see `Reading.picture_in_view`)."""
        return reading.picture_in_view() if (reading := self._fitted()) is not None else None

    # -- where the reader is -------------------------------------------------------------------
    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        # ScrollView's, but the scrollbar is redrawn only when its thumb moves
        if self.show_vertical_scrollbar:
            move_scrollbar(self.vertical_scrollbar, new_value)
        if round(old_value) != round(new_value):
            self.refresh(self.size.region)
        if self._reading is not None and self._reading.scroll_to(round(new_value)):
            self._report()  # the wheel or the scrollbar moved the place

    @property
    def progress(self) -> ReadingProgress:
        return self._reading.progress() if self._reading else NO_ARTICLE

    @property
    def position(self) -> tuple[int, int]:
        """(block, offset) of the first visible character."""
        return self._reading.position if self._reading else (0, 0)

    def _report(self) -> None:
        """Set `reported` and post PositionChanged when what the title bar and sidebar show
        has changed (`Reading.report`)."""
        if self.is_mounted and self._reading and (progress := self._reading.report()):
            self.reported = progress
            self.post_message(self.PositionChanged(progress))

    # -- moving and the measure ----------------------------------------------------------------
    def do(self, name: str) -> None:
        """Run a reading key's command by its name in `MOVES` (the command table's view(…))."""
        if name == "select":
            self.select()
        elif name in MEASURES:
            self.set_measure(MEASURES[name](self._measure))
        elif (reading := self._fitted()) is not None:
            reading.move(name)
            self._sync()

    def go_to(self, block: int, offset: int = 0, *, top: bool = True) -> None:
        """Show (block, offset): on the top line, or (top=False) anywhere on screen, centring
        it when it has to scroll."""
        if (reading := self._fitted()) is not None:
            reading.nav.go_to((block, offset), top=top)
            self._sync()

    # -- times -------------------------------------------------------------------------------
    @property
    def timed(self) -> bool:
        """The open article has times (a transcript): "go to time" and the times key apply."""
        return self._reading is not None and self._reading.timeline.timed

    @property
    def timeline(self) -> Timeline | None:
        return self._reading.timeline if self._reading else None

    def go_to_time(self, seconds: float) -> TimeJump | None:
        """Put the turn that covers `seconds` on top; None when the article has no times."""
        if (reading := self._fitted()) is None:
            return None
        jump = reading.go_to_time(seconds)
        self._sync()
        return jump

    @property
    def show_times(self) -> bool:
        return self._times

    def set_show_times(self, times: bool) -> None:
        self._times = times
        if self._reading is not None and self._reading.show_times(times):
            self._relayout()

    @property
    def measure(self) -> int:
        """The reading measure: the column's width in cells (narrower when the pane is)."""
        return self._measure

    def set_measure(self, measure: int) -> None:
        self._measure = clamp_measure(measure)
        self._rewrap()

    # -- search --------------------------------------------------------------------------------
    @property
    def search_state(self) -> SearchState:
        return self._reading.search.state if self._reading else SearchState()

    @property
    def search_hits(self) -> Sequence[Match]:
        """The hits of the search on screen."""
        return self._reading.search.matches if self._reading else ()

    @property
    def search_pauses(self) -> bool:
        """Whether a search should wait for a pause in typing (a long article)."""
        return self._reading is not None and self._reading.search.pauses

    def search(self, query: str) -> SearchState:
        """Search as the reader types: every hit highlighted, the current one in view."""
        reading = self._fitted()
        return self._publish(reading.find(query) if reading else SearchState(query))

    def next_match(self) -> SearchState:
        reading = self._fitted()
        return self._publish(reading.next_match()) if reading else SearchState()

    def prev_match(self) -> SearchState:
        reading = self._fitted()
        return self._publish(reading.prev_match()) if reading else SearchState()

    def clear_search(self) -> SearchState:
        return self._publish(self._reading.search.clear() if self._reading else SearchState())

    def _publish(self, state: SearchState) -> SearchState:
        self._sync()
        self.refresh()  # the highlights changed
        if self.is_mounted:
            self.searched = state
        return state

    # -- drawing -------------------------------------------------------------------------------
    def render_lines(self, crop: Region) -> list[Strip]:
        """The lines from `PaneLines`, not through Textual's per-line styling, which has
        nothing to do while the pane has no border, padding, tint or opacity (if a stylesheet
        gives it one, Textual's way draws it). After the frame, the pages above and below
        are drawn ahead."""
        styles = self.styles
        if styles.gutter or styles.tint.a or self.opacity < 1 or styles.text_opacity < 1:
            return super().render_lines(crop)
        self._lines.new_frame()
        top, reading = self.scroll_offset.y, self._reading
        strips = [self._lines.shown(reading, top + y) for y in crop.line_range]
        width = self._pane_width()
        if crop.x or crop.right < width:
            strips = [strip.crop(crop.x, crop.right) for strip in strips]
        elif crop.right > width and not self.vertical_scrollbar.region:
            # The scrollbar's cell, in a frame laid out before the pane had its scrollbar
            # (the first of a long piece): a strip short of the region it is cut to would not
            # be drawn at all.
            strips = [self._lines.padded(strip, crop.right) for strip in strips]
        if not self._drawing_ahead:  # once the frame is written: see DRAW_AHEAD_AFTER
            self._drawing_ahead = True
            self.set_timer(DRAW_AHEAD_AFTER, self._draw_ahead)
        return strips

    def render_line(self, y: int) -> Strip:
        return self._lines.line(self._reading, self.scroll_offset.y + y)

    def _draw_ahead(self) -> None:
        self._drawing_ahead = False
        if self._reading is not None and self.is_mounted:
            top, page = self.scroll_offset.y, self._page_height()
            lines = range(max(0, top - page), min(self.virtual_size.height, top + 2 * page))
            self._lines.ahead(self._reading, lines, self.app.console)

    # -- selecting and keeping -----------------------------------------------------------------
    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        """The selection's keys work only while there is a selection; otherwise the key goes
        on to the screen (j and k move the text again)."""
        if action == "selecting":
            return self._reading is not None and self._reading.selection is not None
        return True

    def action_selecting(self, motion: str) -> None:
        """A key of the selection: extend it (`reader.core.selection.MOTIONS`), keep it, copy
        it, or let it go."""
        reading = self._reading
        if reading is None or reading.selection is None:
            return
        if (anchor := reading.selection_key(motion)) is not None:
            keep = self.Keep(reading.article, anchor, copy=motion == "copy")
            self._kept.append(keep)
            self.post_message(keep)
        self._sync()
        self.refresh()

    def take_kept(self) -> list[ArticleView.Keep]:
        """The selections kept (`Keep`) that nobody has taken yet, oldest first. Keys typed
        right after `h` can reach the app before its Keep message does: they take it first."""
        kept, self._kept = self._kept, []
        return kept

    @property
    def article_text(self) -> ArticleText:
        assert self._reading is not None, "no article open"
        return self._reading.text

    def show_highlights(self, shown: list[Shown]) -> None:
        if self._reading is not None:
            self._reading.highlights = shown
            self.refresh()

    def make_current(self, highlight: str) -> None:
        """The highlight (by id) just made or gone to: keys act on it while it is on screen
        (`Reading.highlight_in_view`)."""
        if self._reading is not None:
            self._reading.current_highlight = highlight

    def highlight_in_view(self) -> str | None:
        shown = self._reading.highlight_in_view() if self._fitted() and self._reading else None
        return shown.id if shown else None

    def select(self) -> None:
        """`v`: start a selection on the match shown, or the first word on top."""
        if (reading := self._fitted()) is not None:
            reading.select()
            self._sync()
            self.refresh()

    def selection_updated(self, selection: TextSelection | None) -> None:
        """The mouse selected cells (offsets given by `apply_offsets`: x the character from
        the strip's left, y the layout line): the same text as a selection of the model."""
        if (reading := self._reading) is not None and selection is not None:
            ends = [(at.y, at.x) if at else None for at in (selection.start, selection.end)]
            reading.select_cells(ends[0], ends[1], self._pane_width())
        self.refresh()

    def get_selection(self, selection: TextSelection) -> tuple[str, str] | None:
        anchor = self._reading.selected_anchor() if self._reading else None
        return (anchor.exact, "\n") if anchor is not None else None
