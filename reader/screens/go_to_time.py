""": — go to a time in a timed transcript: a small box for `12:31` or `1:02:03`, dismissed
with the seconds typed (None: closed). Reading the time is core's (`timeline.read_time`); a
time that cannot be read keeps the box open and says why under it.
"""

from __future__ import annotations

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from reader.core.timeline import read_time


class GoToTimeScreen(ModalScreen[float | None]):
    """The box, and a line saying the recording's span (or what is wrong with the input)."""

    DEFAULT_CSS = """
    GoToTimeScreen {
        align: center middle;
        & > #go-to-time {
            width: 44;
            height: auto;
            border: round $primary;
            border-title-color: $text;
            background: $surface;
            padding: 0 1;
        }
        & #go-to-time-input { border: none; height: 1; padding: 0 1; }
        & #go-to-time-hint { height: 1; color: $text-muted; margin-top: 1; }
        & #go-to-time-hint.-error { color: $warning; }
    }
    """

    BINDINGS = [Binding("escape", "dismiss", "Close", show=False)]

    def __init__(self, span: str = "") -> None:
        super().__init__()
        self.span = span

    def compose(self) -> ComposeResult:
        with Vertical(id="go-to-time"):
            yield Input(placeholder="12:31 or 1:02:03", id="go-to-time-input")
            yield Static(self._hint(), id="go-to-time-hint", markup=False)

    def _hint(self) -> Content:
        return Content(
            f"the recording runs {self.span}" if self.span else "a time in the recording"
        )

    def on_mount(self) -> None:
        self.query_one("#go-to-time").border_title = "Go to a time"
        self.query_one(Input).focus()

    @on(Input.Changed)
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        hint = self.query_one("#go-to-time-hint", Static)
        hint.remove_class("-error")
        hint.update(self._hint())

    @on(Input.Submitted)
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        try:
            seconds = read_time(event.value)
        except ValueError as exc:
            hint = self.query_one("#go-to-time-hint", Static)
            hint.add_class("-error")
            hint.update(Content(str(exc)))
            return
        self.dismiss(seconds)
