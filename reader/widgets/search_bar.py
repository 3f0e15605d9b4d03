"""The in-article search bar: a query box and a counter ("3/17", "no match", "search wrapped").

It only reports what the reader does — `typed` (the query, set in the keystroke's own call, so
that a screen watching it searches and draws the hits, the counter and the box in one frame),
`Submitted(query)` on Enter, `Cancelled()` on Esc (after clearing and hiding itself) — and the
screen wires those to `ArticleView.search` / `clear_search` and gives focus back to the
article. The query itself belongs to the article's search session: `show(state)` puts it in
the box (without setting `typed`) and the counter beside it; the query is never read as
markup.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual.app import ComposeResult
from textual.binding import Binding
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.reactive import var
from textual.widget import Widget
from textual.widgets import Input, Label

from reader.core.search_session import SearchState


class QueryBox(Input):
    """Textual's Input, without a layout pass for each keystroke while the query fits in the
    box: Input sizes its scrolling to the text's length, and that new size costs the whole
    screen a layout pass (and its scrollbars a second frame) a key."""

    def validate_virtual_size(self, size: Size) -> Size:
        room = self.content_region.width
        return Size(room, size.height) if 0 < size.width <= room else size


class SearchBar(Widget):
    """An Input and a counter label, docked by the screen under the reading pane."""

    DEFAULT_CSS = """
    SearchBar {
        height: 1;
        layout: horizontal;
        background: $panel;
        & > Input {
            width: 1fr;
            height: 1;
            border: none;
            padding: 0 1;
            background: $panel;
            &:focus { border: none; }
        }
        & > Label {
            width: auto;
            padding: 0 1;
            color: $text-muted;
        }
        & > Label.-no-match { color: $warning; }
    }
    """

    BINDINGS = [Binding("escape", "cancel", "Cancel search", show=False)]
    typed: var[str] = var("", always_update=True, init=False)  # the query as edited

    @dataclass
    class Submitted(Message):
        """Enter: keep the highlights and go back to reading."""

        query: str

    class Cancelled(Message):
        """Esc: the bar has cleared and hidden itself; clear the highlights."""

    def __init__(self, *, id: str | None = None) -> None:
        super().__init__(id=id)
        # Held, not queried: the bar is mounted after the first frame, and when the app quits
        # meanwhile its on_mount runs with the children already taken away.
        placeholder = 'search: words, "a phrase", prefix*, speaker:NAME, q:, a:'
        self.input: Input = QueryBox(placeholder=placeholder, select_on_focus=False)
        self._label = Label("", markup=False)

    def compose(self) -> ComposeResult:
        yield self.input
        yield self._label

    @property
    def value(self) -> str:
        return self.input.value

    _putting = False  # the bar is putting a query in the box: not typed
    _counter = ""  # the counter shown
    _shown: SearchState | None = None  # a search shown before the bar was mounted

    def on_mount(self) -> None:
        self.watch(self.input, "value", self._edited, init=False)
        if self._shown is not None:
            self.show(self._shown)

    def _edited(self, value: str) -> None:
        if not self._putting:
            self.typed = value

    def _put(self, query: str) -> None:
        """Put `query` in the box without reporting it as typed."""
        if self.input.value != query:
            self._putting = True
            try:
                with self.input.prevent(Input.Changed):
                    self.input.value = query
            finally:
                self._putting = False

    def open(self, query: str = "") -> None:
        """Show the bar with `query` in the box, selected (so typing starts a new search and
        Enter keeps the old one), and focus the box."""
        self.display = True
        self._put(query)
        # Focus now, not on the next idle (Widget.focus): the letters typed right after `/`
        # are already queued and must reach the box, not the reading keys.
        self.screen.set_focus(self.input)
        self.input.select_all()

    def focus(self, scroll_visible: bool = True) -> SearchBar:
        self.input.focus(scroll_visible)
        return self

    def show(self, state: SearchState) -> None:
        """Show a search: its query in the box, and "3/17", "no match", the error, and
        "search wrapped" beside it (while the reader types, the box is theirs)."""
        if not self.is_mounted:  # (the screen mounts the bar after the first frame)
            self._shown = state
            return
        if not self.input.has_focus:
            self._put(state.query)
        label = self._label
        text = state.error or state.counter
        if state.wrapped and state.total:
            text = f"{text}  search wrapped"
        # A counter as wide as before needs no layout pass (one a keystroke, at 200k words
        # the slowest part of drawing a search).
        label.update(Content(text), layout=len(text) != len(self._counter))
        self._counter = text
        label.set_class(bool(state.query.strip()) and not state.total, "-no-match")

    def on_input_changed(self, event: Input.Changed) -> None:
        event.stop()  # `typed` has said it already

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.post_message(self.Submitted(event.value))

    def action_cancel(self) -> None:
        self._put("")
        self._label.update(Content(""))
        self._counter = ""
        self.display = False
        self.post_message(self.Cancelled())
