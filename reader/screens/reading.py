"""The main screen: library (left), reading pane (centre), sidebar (right).

Responsive: at 140 columns and more all three panes show; narrower, the library collapses
(`l` brings it back); below 90 columns the sidebar becomes an overlay (`s`). Crossing one of
those widths returns the panes to that width's defaults. The screen carries the reading
commands of `reader.commands` and routes them to the reading pane.
"""

from __future__ import annotations

from textual import events, on
from textual.app import ComposeResult
from textual.containers import Horizontal, Vertical
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Footer, Input

from reader.commands import READING, bindings, condition_for
from reader.core import model as m
from reader.core.layout import DEFAULT_MEASURE
from reader.widgets.article_view import ArticleView
from reader.widgets.library_list import LibraryList, LibraryPane
from reader.widgets.outline import BlockList, Outline
from reader.widgets.search_bar import SearchBar
from reader.widgets.sidebar import Sidebar
from reader.widgets.title_bar import TitleBar

NARROW, MEDIUM, WIDE = "-narrow", "-medium", "-wide"
TOGGLES = ("-show-library", "-hide-library", "-show-sidebar", "-hide-sidebar")
COMPACT_FOOTER_BELOW = 120  # columns: a tighter footer, without the palette key


class ReadingScreen(Screen):
    BINDINGS = bindings(READING)
    HORIZONTAL_BREAKPOINTS = [(0, NARROW), (90, MEDIUM), (140, WIDE)]
    AUTO_FOCUS = "ArticleView"

    def __init__(self, measure: int | None = None) -> None:
        super().__init__()
        self._measure = measure
        self._width_class: str | None = None

    def compose(self) -> ComposeResult:
        yield TitleBar(id="title-bar")
        with Horizontal(id="panes"):
            yield LibraryPane(id="library")
            with Vertical(id="reading"):
                yield ArticleView(measure=self._measure or DEFAULT_MEASURE, id="article")
                yield SearchBar(id="search")
            yield Sidebar(id="sidebar")
        yield Footer()

    @property
    def view(self) -> ArticleView:
        return self.query_one(ArticleView)

    @property
    def library(self) -> LibraryPane:
        return self.query_one(LibraryPane)

    @property
    def sidebar(self) -> Sidebar:
        return self.query_one(Sidebar)

    @property
    def search_bar(self) -> SearchBar:
        return self.query_one(SearchBar)

    def on_mount(self) -> None:
        self.search_bar.display = False

    # -- showing an article -------------------------------------------------------------

    def show_article(
        self, article: m.Article, position: tuple[int, int] | None, search: str | None = None
    ) -> None:
        """Show `article` at `position`; with `search`, its matches highlighted and the bar
        showing (the position stays on top if the view must choose)."""
        self.view.load(article, position)
        self.sidebar.show(article)
        self.query_one(TitleBar).show_title(article.title)
        if search:
            self.search_bar.display = True
            self.search_bar.value = search
            self.view.search(search)
            if position is not None:
                self.view.go_to(*position)
        else:
            self._end_search()
        self._show_progress()  # the view reports only changes: a new article may not be one
        self.refresh_bindings()

    @property
    def search_query(self) -> str | None:
        """The query of the search on screen, if any."""
        return self.search_bar.value if self.searching else None

    @on(ArticleView.PositionChanged)
    def _position_changed(self) -> None:
        self._show_progress()

    def _show_progress(self) -> None:
        view = self.view
        self.query_one(TitleBar).show_progress(view.percent, view.minutes_left)
        self.sidebar.progress(view.minutes_left, view.percent, view.current_question)

    @on(ArticleView.SearchChanged)
    def _search_changed(self, event: ArticleView.SearchChanged) -> None:
        self.search_bar.show(event.state)
        self.refresh_bindings()

    # -- search bar -----------------------------------------------------------------------

    @on(SearchBar.Changed)
    def _search_typed(self, event: SearchBar.Changed) -> None:
        event.stop()
        if event.query == self.view.search_state.query:
            return  # set from code (show_article): already searched
        if event.query:
            self.view.search(event.query)
        else:
            self.view.clear_search()

    @on(SearchBar.Submitted)
    def _search_submitted(self, event: SearchBar.Submitted) -> None:
        event.stop()
        if not event.query:
            self._end_search()
        self.view.focus()

    @on(SearchBar.Cancelled)
    def _search_cancelled(self, event: SearchBar.Cancelled) -> None:
        event.stop()
        self._end_search()
        self.view.focus()

    def _end_search(self) -> None:
        self.view.clear_search()
        self.search_bar.value = ""
        self.search_bar.display = False
        self.refresh_bindings()

    @property
    def searching(self) -> bool:
        return bool(self.search_bar.display)

    # -- lists that jump ------------------------------------------------------------------

    @on(BlockList.Jump)
    def _jump(self, event: BlockList.Jump) -> None:
        event.stop()
        self.view.go_to(event.block)
        if self.has_class(NARROW):
            self.remove_class("-show-sidebar")
        self.view.focus()

    @on(LibraryList.OpenRequested)
    def _open_requested(self, event: LibraryList.OpenRequested) -> None:
        event.stop()
        entry = event.entry
        if entry.broken:
            self.notify(
                entry.error, title="Cannot open this bundle", severity="error", markup=False
            )
            return
        if self.has_class(NARROW) or self.has_class(MEDIUM):
            self.remove_class("-show-library")
        self.app.open_article(entry.path)
        self.view.focus()

    # -- actions (from the command table) ---------------------------------------------------

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action == "search" and self._typing_elsewhere():
            return False  # `/` types into the box that has focus, or filters the library
        when = condition_for(READING, action)
        return True if when is None else self.app.command_available(when)

    def _typing_elsewhere(self) -> bool:
        focused = self.focused
        if focused is None:
            return False
        return isinstance(focused, Input) or any(
            isinstance(node, LibraryPane) for node in focused.ancestors_with_self
        )

    def action_view(self, name: str) -> None:
        getattr(self.view, f"action_{name}")()
        if name.startswith("measure"):
            self.app.remember_measure(self.view.measure)

    def action_search(self) -> None:
        self.search_bar.open(self.view.search_state.query)

    def action_next_match(self) -> None:
        self.view.next_match()

    def action_prev_match(self) -> None:
        self.view.prev_match()

    def action_outline(self) -> None:
        if not self.sidebar.display:
            self.remove_class("-hide-sidebar")
            self.add_class("-show-sidebar")
        self.call_after_refresh(self.query_one(Outline).focus)

    def action_close(self) -> None:
        """Esc: the filter, then the search, then an overlay pane, then back to reading."""
        if self.focused is self.library.filter_box:
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

    def action_toggle_library(self) -> None:
        if self._toggle(self.library, "library"):
            self.call_after_refresh(self.library.list.focus)

    def action_toggle_sidebar(self) -> None:
        self._toggle(self.sidebar, "sidebar")

    def _toggle(self, pane: Widget, name: str) -> bool:
        """Show `pane` if hidden, else hide it; True if it is now shown."""
        if pane.display:
            self.remove_class(f"-show-{name}")
            self.add_class(f"-hide-{name}")
            if self.focused is not None and pane in self.focused.ancestors_with_self:
                self.view.focus()
            return False
        self.remove_class(f"-hide-{name}")
        self.add_class(f"-show-{name}")
        return True

    def on_resize(self, event: events.Resize) -> None:
        footer = self.query_one(Footer)
        footer.compact = event.size.width < COMPACT_FOOTER_BELOW
        footer.show_command_palette = event.size.width >= COMPACT_FOOTER_BELOW
        width_class = next(
            (c for c in (WIDE, MEDIUM, NARROW) if self.has_class(c)), self._width_class
        )
        if self._width_class is not None and width_class != self._width_class:
            self.remove_class(*TOGGLES)
        self._width_class = width_class
