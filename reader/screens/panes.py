"""The reading screen's panes as they come and go: library (left), reading pane (centre),
sidebar (right).

Responsive: at 140 columns and more all three panes show; narrower, the library collapses
(`l` brings it back); below 90 columns the sidebar becomes an overlay (`s`). Crossing one of
those widths returns the panes to that width's defaults. The width's class is set before the
panes mount, and the library pane is made only after the first frame where it does not show
at first (one bundle opened, a terminal under 140 columns): the first frame is laid out and
styled once, for this terminal, without the widgets nobody sees yet. `ReadingScreen` (the
reading commands) is built on this.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Generic, TypeVar

from textual import events, on
from textual.screen import Screen
from textual.widget import Widget

from reader.core.state import SavedProgress
from reader.widgets.article_view import ArticleView
from reader.widgets.footer import KeyFooter
from reader.widgets.library_list import LibraryList, LibraryPane
from reader.widgets.sidebar import Sidebar

if TYPE_CHECKING:
    from reader.core.catalog import Entry
    from reader.core.library import Library
    from reader.core.library_order import RowMarks

NARROW, MEDIUM, WIDE = "-narrow", "-medium", "-wide"
TOGGLES = ("-show-library", "-hide-library", "-show-sidebar", "-hide-sidebar")
COMPACT_FOOTER_BELOW = 120  # columns: a tighter footer, without the palette key
W = TypeVar("W", bound=Widget)


class One(Generic[W]):
    """A screen's one widget of a class, as an attribute: looked up when read, typed as
    that class."""

    def __init__(self, kind: type[W]) -> None:
        self.kind = kind

    def __get__(self, screen: Screen, owner: type | None = None) -> W:
        return screen.query_one(self.kind)


class Panes(Screen):
    HORIZONTAL_BREAKPOINTS = [(0, NARROW), (90, MEDIUM), (140, WIDE)]

    def __init__(self, times: bool, single: bool) -> None:
        """`times`: reading times shown ("12 min left"; config.toml `reading_times`);
        `single`: one bundle opened alone."""
        super().__init__(classes="-single" if single else None)
        self.times = times
        self._width_class: str | None = None
        # mounted in the first frame where it shows then, else by `scan_library` after it
        self._library = LibraryPane(id="library", times=times)

    # The widgets, for this screen (and tests): the app goes through the methods.
    view = One(ArticleView)
    sidebar = One(Sidebar)

    @property
    def library(self) -> LibraryPane:
        return self._library

    def width_class(self) -> None:
        """Set the class of the terminal's width before the panes mount (Textual adds it on
        the first resize, which would style every widget a second time)."""
        width = self.app.size.width
        self.add_class(
            next(c for least, c in reversed(self.HORIZONTAL_BREAKPOINTS) if width >= least)
        )

    def library_at_start(self) -> LibraryPane | None:
        """The library pane, where it shows in the first frame (None: mounted after it)."""
        return self._library if self.has_class(WIDE) and not self.has_class("-single") else None

    def footer(self) -> KeyFooter:
        return KeyFooter(compact=self.app.size.width < COMPACT_FOOTER_BELOW)

    def mount_library(self) -> None:
        """Mount the library pane, after the first frame where it does not show at first (one
        bundle opened, a terminal under 140 columns): mounting its list, filter box and bar
        is a fifth of the work before the first frame."""
        if not self._library.is_attached:
            self.query_one("#panes").mount(self._library, before="#reading")

    def scan_library(self, root: Path, library: Callable[[], Library]) -> None:
        """List the bundles under `root` through the cache `library()` gives (in the
        background, where it is called too; `LibraryPane.Loaded` at the end)."""
        self.mount_library()
        self._library.scan(root, library)

    def show_library_progress(self, marks: RowMarks) -> None:
        """Every row's progress and highlights, and which article is open."""
        self._library.set_progress(marks)

    def update_library_row(self, progress: Mapping[str, SavedProgress], key: str) -> None:
        """The open article's row after its progress was saved (the timer that saves can
        fire while the app is being taken down, when the list is already gone)."""
        for entry_list in self.query(LibraryList):
            entry_list.update_row(progress, key)

    def library_entries(self) -> list[Entry]:
        """The rows the library shows, in order (none before its pane is made)."""
        return [entry for lst in self.query(LibraryList) for entry in lst.shown()]

    def library_catalog(self) -> list[Entry]:
        """Every entry of the library, whatever its filter shows."""
        return [entry for lst in self.query(LibraryList) for entry in lst.entries]

    @on(LibraryList.OpenRequested)
    def _open_requested(self, event: LibraryList.OpenRequested) -> None:
        """A broken bundle says why here; any other goes on to the app, which opens it."""
        entry = event.entry
        if entry.broken:
            event.stop()
            self.notify(
                str(entry.problem), title="Cannot open this bundle", severity="error", markup=False
            )
            return
        if self.has_class(NARROW) or self.has_class(MEDIUM):
            self.remove_class("-show-library")
        self.view.focus()

    def action_go_to_library(self) -> None:
        """`l`: straight to the library list (shown if hidden); from the list, hide it."""
        if not self.library.is_mounted:  # a key before it is mounted, after the first frame
            return
        entry_list = self.library.entry_list
        if self.library.display and not entry_list.has_focus:
            self.set_focus(entry_list)  # now, so that keys typed after `l` go to it
        elif self._toggle(self.library, "library"):
            # Now as well: shown by a class, the pane is drawn only at the next frame.
            self.set_focus(entry_list, scroll_visible=False)
            self.call_after_refresh(entry_list.focus)  # (into view, once it has a place)

    def action_next_pane(self, step: int) -> None:
        """Tab and Shift+Tab: the next (previous) pane; said so when the text is all there
        is on screen, so that the key is never silent."""
        before = self.focused
        moved = self.focus_next() if step > 0 else self.focus_previous()
        if moved is before:
            self.notify("Only the text is shown: s shows the sidebar, l the library.", timeout=3)

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
        self.query_one(KeyFooter).set_compact(event.size.width < COMPACT_FOOTER_BELOW)
        width_class = next(
            (c for c in (WIDE, MEDIUM, NARROW) if self.has_class(c)), self._width_class
        )
        if self._width_class is not None and width_class != self._width_class:
            self.remove_class(*TOGGLES)
        self._width_class = width_class
