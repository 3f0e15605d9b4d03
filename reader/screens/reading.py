"""The main screen: library (left), reading pane (centre), sidebar (right), as they come
and go in `reader.screens.panes`. The screen carries the reading commands of
`reader.commands` and routes them to the reading pane. Pictures are drawn in the text unless
`p` hides them or NO_COLOR is set; Enter opens the one on screen full size.
"""

from __future__ import annotations

import os
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from textual import on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.dom import DOMNode
from textual.message import Message
from textual.timer import Timer
from textual.widget import AwaitMount
from textual.widgets import Input, Static

from reader.commands import ARTICLE, LIBRARY, READING, SEARCHING, TIMED, bindings, condition_for
from reader.core import model as m
from reader.core.highlights.anchors import ArticleText
from reader.core.highlights.listing import orphan_notice, rows
from reader.core.highlights.model import Placed
from reader.core.layout import DEFAULT_MEASURE, Layout
from reader.core.pictures import PictureCache, bundle_folder
from reader.core.progress import ReadingProgress, progress_text
from reader.core.reading import Shown
from reader.core.search_session import SearchState
from reader.core.times import format_clock
from reader.screens.nothing_to_read import nothing_to_read
from reader.screens.panes import NARROW, Panes
from reader.widgets.article_view import ArticleView
from reader.widgets.highlight_list import HighlightList
from reader.widgets.library_list import LibraryList, LibraryPane
from reader.widgets.outline import BlockList
from reader.widgets.search_bar import SearchBar
from reader.widgets.sidebar import Sidebar
from reader.widgets.title_bar import TitleBar

SEARCH_PAUSE = 0.12  # seconds without a key before a long article is searched


class ReadingScreen(Panes):
    BINDINGS = bindings(READING)
    AUTO_FOCUS = "ArticleView"

    @dataclass
    class MeasureChanged(Message):
        """The reader chose another text width (for the app to remember)."""

        measure: int

    def __init__(
        self,
        measure: int | None = None,
        single: bool = False,
        times: bool = True,
        transcript_times: bool = True,
        pictures: PictureCache | None = None,
        composed: Callable[[], None] | None = None,
    ):
        """`composed`: called once the panes are mounted, before the first frame is drawn
        (an article shown then is in that frame)."""
        super().__init__(times, single)
        self._measure = measure
        self._pictures = pictures
        self._composed = composed
        self._transcript_times = transcript_times  # config.toml `transcript_times`
        self._read = False  # the open article was read to the end (before, or just now)
        self._end_asked_at: tuple[int, int] | None = None  # where G (End) left the reader
        # hidden until `/`: mounted after the first frame (`mount_the_rest`)
        self.search_bar = SearchBar(id="search")
        self.search_bar.display = False
        self._bar_mounting: AwaitMount | None = None

    def compose(self) -> ComposeResult:
        self.width_class()  # before the panes: the first frame is laid out for this width
        yield TitleBar(id="title-bar")
        with Horizontal(id="panes"):
            if (library := self.library_at_start()) is not None:
                yield library
            with Vertical(id="reading"):
                yield ArticleView(
                    measure=self._measure or DEFAULT_MEASURE,
                    pictures=self._pictures,
                    show_pictures="NO_COLOR" not in os.environ,
                    id="article",
                )
                yield Static(id="nothing-to-read")
            yield Sidebar(id="sidebar")
        yield self.footer()

    def on_mount(self) -> None:
        # Watched, not messages: a key's text, title bar, sidebar, highlights and counter
        # are all set before the frame it causes is drawn.
        self.watch(self.view, "reported", self._position_changed, init=False)
        self.watch(self.view, "searched", self._search_changed, init=False)
        self.view.set_show_times(self._transcript_times)
        self.query_one("#nothing-to-read").display = False
        if self._composed is not None:
            self._composed()

    async def mount_the_rest(self) -> None:
        """The first frame is drawn: mount what it did without, the sidebar's sections, then
        after the frame that shows them the search bar (hidden until `/`). Mounting them
        first cost a third of a start."""
        await self.sidebar.mount_the_rest()
        self.call_after_refresh(self._mount_search_bar)

    def _mount_search_bar(self) -> AwaitMount | None:
        """Mount the search bar if it is not yet; what to await for it (None: mounted)."""
        if self.search_bar.is_mounted:
            return None
        if self._bar_mounting is None:
            self._bar_mounting = self.query_one("#reading").mount(self.search_bar)
            self.watch(self.search_bar, "typed", self._search_typed, init=False)
        return self._bar_mounting

    # -- what the app asks of the screen ----------------------------------------------------

    def opening(self) -> None:
        """Another article is on its way (loaded in a thread): until it shows, the title
        bar's progress would be the last one's ("read" on a piece not yet opened). (The first
        article is on its way before the screen is composed: then there is no bar yet.)"""
        self._end_asked_at = None
        for bar in self.query(TitleBar):
            bar.show_progress("")

    def show_article(
        self,
        article: m.Article,
        position: tuple[int, int] | None,
        search: str | None = None,
        read: bool = False,
        ahead: Layout | None = None,
    ) -> None:
        """Show `article` at `position`; with `search`, its matches highlighted and the bar
        showing (the position stays on top if the view must choose). `read`: it was read
        to the end before (it stays read). `ahead`: its layout, made in the load's thread
        (`ArticleView.layout_ahead`)."""
        self._read = read
        self.query_one("#nothing-to-read").display = False
        self._sidebar_as_styled()
        self.view.display = True
        self.sidebar.show(article)  # first: the pane's report of its place marks the outline
        self.view.load(article, position, ahead)
        self.query_one(TitleBar).show_title(article.title, timed=self.view.timed)
        if search:
            self.search_bar.display = True
            self.view.search(search)
            if position is not None:
                self.view.go_to(*position)
        else:
            self._end_search()
        self.refresh_bindings()

    def _sidebar_as_styled(self) -> None:
        """The sidebar shown or hidden by the stylesheet again (the width, `s`), after
        `show_nothing_to_read` hid it. Its own style, not a class of the screen: a class
        that changes restyles every widget of the screen, 20-40 ms of the app's thread as
        the first article came."""
        if self.sidebar.styles.clear_rule("display"):
            self.sidebar.refresh(layout=True)

    def show_nothing_to_read(self, folder: Path, broken: int) -> None:
        """In place of an article, for as long as there is none: what a bundle is and how
        to make one (the library under `folder` has no bundle that opens)."""
        self.view.display = False
        self.sidebar.display = False  # no sidebar about no article (till `show_article`)
        message = self.query_one("#nothing-to-read", Static)
        message.update(nothing_to_read(folder, broken))
        message.display = True

    @property
    def article_text(self) -> ArticleText:
        """The open article's plain text, for anchors (the pane's reading holds it)."""
        return self.view.article_text

    def show_highlights(self, placed: list[Placed], current: str | None = None) -> None:
        """The open article's highlights, painted where they are found now and listed in
        the sidebar (orphaned ones too); `current`: the one just made or gone to (keys act
        on it while it is on screen)."""
        shown = [
            Shown(p.highlight.id, p.anchor.start, p.anchor.end, p.highlight.colour)
            for p in placed
            if p.located is not None
        ]
        self.view.show_highlights(shown)
        if current is not None:
            self.view.make_current(current)
        self.sidebar.show_highlights(rows(placed))

    def take_kept(self) -> list[ArticleView.Keep]:
        """The pane's kept selections not handled yet (`ArticleView.take_kept`)."""
        return self.view.take_kept()

    def go_to(self, position: tuple[int, int]) -> None:
        """Show `position` (block, offset) on the top line of the pane."""
        self.view.go_to(*position)

    def go_to_end(self) -> None:
        """The end of the article, as G goes there."""
        self.action_view("bottom")

    @property
    def asked_for_the_end(self) -> bool:
        """The reader's last key went to the end (G, End) and they have not moved since: in
        a preview, the end they asked for is the whole piece's, which comes later."""
        return self._end_asked_at is not None and self._end_asked_at == self.view.position

    def highlight_in_view(self) -> str | None:
        """The id of the highlight that a key without a selection acts on, if any: the
        sidebar's row under the cursor while its list has focus, else the one on screen."""
        listed = self.sidebar.highlight_list
        if listed.has_focus and (row := listed.row) is not None:
            return row.id
        return self.view.highlight_in_view()

    @property
    def progress(self) -> ReadingProgress:
        """Where the reader is in the open article."""
        return self.view.progress

    @property
    def search_query(self) -> str | None:
        """The query of the search on screen, if any."""
        return self.view.search_state.query if self.searching else None

    def palette_node(self, context: str) -> DOMNode | None:
        """Where a command of `context` runs when chosen from the palette (None: nowhere)."""
        if context == READING:
            return self
        focused = self.focused
        return focused if context == LIBRARY and isinstance(focused, LibraryList) else None

    def _position_changed(self, progress: ReadingProgress | None) -> None:
        if progress is None:
            return
        self._read = read = self._read or progress.finished  # read stays read
        text = progress_text(progress.percent, progress.minutes_left, read=read, times=self.times)
        self.query_one(TitleBar).show_progress(text, progress.time)
        self.sidebar.progress(progress, text)

    def _search_changed(self, state: SearchState) -> None:
        self.search_bar.show(state)  # whether n and N apply changes with the bar, not here

    # -- search bar -----------------------------------------------------------------------

    _search_waiting: Timer | None = None  # a search that waits for a pause in typing

    def _search_typed(self, query: str) -> None:
        self._stop_waiting_search()
        if self.view.search_pauses:  # a long article: search once typing pauses
            self._search_waiting = self.set_timer(SEARCH_PAUSE, partial(self._search_now, query))
        else:
            self.view.search(query)

    def _search_now(self, query: str) -> None:
        self._search_waiting = None
        self.view.search(query)

    def _stop_waiting_search(self) -> bool:
        """Drop the search that waits for a pause; whether there was one."""
        waiting, self._search_waiting = self._search_waiting, None
        if waiting is not None:
            waiting.stop()
        return waiting is not None

    @on(SearchBar.Submitted)
    def _search_submitted(self, event: SearchBar.Submitted) -> None:
        event.stop()
        if self._stop_waiting_search():  # Enter right after typing: search now
            self.view.search(event.query)
        if not event.query:
            self._end_search()
        self.view.focus()

    @on(SearchBar.Cancelled)
    def _search_cancelled(self, event: SearchBar.Cancelled) -> None:
        event.stop()
        self._end_search()
        self.view.focus()

    def _end_search(self) -> None:
        self._stop_waiting_search()
        self.view.clear_search()
        self.search_bar.display = False
        self.refresh_bindings()

    @property
    def searching(self) -> bool:
        """The search bar is open: a query is being typed or its matches are kept."""
        return bool(self.search_bar.display)

    # -- lists that jump ------------------------------------------------------------------

    @on(BlockList.Jump)
    def _jump(self, event: BlockList.Jump) -> None:
        """To a question or heading; for a picture's caption, to the picture, opened full
        size (Esc comes back to it in the text)."""
        event.stop()
        self.view.go_to(event.block)
        if self.has_class(NARROW):
            self.remove_class("-show-sidebar")
        self.view.focus()
        article = self.view.article
        origin, row = event.origin, event.row
        if origin is not None and origin.id == "captions" and row is not None and article:
            self._open_picture(article.images[row])

    @on(HighlightList.Chosen)
    def _highlight_chosen(self, event: HighlightList.Chosen) -> None:
        """To a highlight, its line on top (so a, c, y and x act on it); an orphaned one
        has no place to go: say so, with its words."""
        event.stop()
        row = event.row
        if row.at is None:
            self.notify(orphan_notice(row), title="Highlight", markup=False, timeout=8)
            return
        self.view.go_to(*row.at)
        self.view.make_current(row.id)
        if self.has_class(NARROW):
            self.remove_class("-show-sidebar")
        self.view.focus()

    # -- actions (from the command table) ---------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if not self.is_mounted:  # a key typed before the panes are made: nothing to act on
            return False
        if action == "search" and self._typing_elsewhere():
            return False  # `/` types into the box that has focus, or filters the library
        when = condition_for(READING, action)
        return True if when is None else self.command_available(when)

    def command_available(self, when: str) -> bool:
        """Whether a command's condition (`Command.when`) holds now."""
        if when == ARTICLE:
            return self.view.article is not None
        if when == SEARCHING:
            return self.searching
        if when == TIMED:
            return self.view.timed
        return True

    def _typing_elsewhere(self) -> bool:
        focused = self.focused
        if focused is None:
            return False
        return isinstance(focused, Input) or any(
            isinstance(node, LibraryPane) for node in focused.ancestors_with_self
        )

    def action_view(self, name: str) -> None:
        self.view.do(name)
        self._end_asked_at = self.view.position if name == "bottom" else None
        if name.startswith("measure"):
            self.post_message(self.MeasureChanged(self.view.measure))

    async def action_search(self) -> None:
        """`/`: the search bar, with the box focused. Just after the first frame the bar may
        still be being mounted: the keys typed after `/` wait for it, and go to the box."""
        if (mounting := self._mount_search_bar()) is not None:
            await mounting
        self.search_bar.open(self.view.search_state.query)

    def action_next_match(self) -> None:
        self.view.next_match()

    def action_prev_match(self) -> None:
        self.view.prev_match()

    def action_go_to_time(self) -> None:
        """`:` — ask for a time, then show the turn that covers it."""
        from reader.screens.go_to_time import GoToTimeScreen  # (not needed for a first frame)

        span = self.view.timeline.span() if self.view.timeline else ""
        self.app.push_screen(GoToTimeScreen(span), callback=self._go_to_time)

    def _go_to_time(self, seconds: float | None) -> None:
        if seconds is None:
            return
        jump = self.view.go_to_time(seconds)
        if jump is not None and jump.note:
            self.notify(f"{jump.note}: showing {format_clock(jump.start)}", markup=False)
        self.view.focus()

    def action_toggle_times(self) -> None:
        """`T` — show or hide the times before the speakers' names."""
        self.view.set_show_times(not self.view.show_times)
        shown = "shown" if self.view.show_times else "hidden"
        self.notify(f"Times {shown}", markup=False, timeout=2)

    def action_outline(self) -> None:
        shown = self.sidebar.display
        if not shown:
            self.remove_class("-hide-sidebar")
            self.add_class("-show-sidebar")
        if (outline := self.sidebar.outline) is None:  # (None in the first frame)
            return
        if shown:
            self.set_focus(outline)  # now, so that keys typed after `o` go to it
        else:
            self.call_after_refresh(outline.focus)  # once it shows

    def action_close(self) -> None:
        """Esc: the filter, then the search, then an overlay pane, then back to reading."""
        if self.library.is_mounted and self.focused is self.library.filter_box:
            self.library.close_filter(clear=True)
        elif self.searching:
            self._end_search()
            self.view.focus()
        elif self.has_class(NARROW) and (
            self.has_class("-show-sidebar") or self.has_class("-show-library")
        ):
            self.remove_class("-show-sidebar", "-show-library")
            self.view.focus()
        else:
            self.view.focus()

    def action_toggle_pictures(self) -> None:
        if "NO_COLOR" in os.environ:
            self.notify("Pictures stay hidden while NO_COLOR is set.", timeout=3)
            return
        shown = not self.view.pictures_shown
        self.view.show_pictures(shown)
        self.notify("Pictures shown" if shown else "Pictures hidden: captions only", timeout=2)

    def action_open_picture(self) -> None:
        image = self.view.picture_in_view()
        if image is None:
            self.notify("No picture on screen.", timeout=2)
        else:
            self._open_picture(image)

    def _open_picture(self, image: m.Image) -> None:
        from reader.screens.picture import PictureScreen  # (not needed for a first frame)

        article = self.view.article
        if article is not None and image.path is not None:  # else a caption alone: no view
            self.app.push_screen(PictureScreen(image, bundle_folder(article), self._pictures))
