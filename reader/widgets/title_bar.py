"""The top line: the open article's title on the left, progress and time left on the right —
and, in a timed transcript, the time in the recording at the top of the view."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import Horizontal
from textual.content import Content
from textual.widgets import Static

from reader.core.sanitize import clean_line
from reader.core.times import format_clock
from reader.widgets.readout import Readout

APP_NAME = "Interview Reader"


class TitleBar(Horizontal):
    def compose(self) -> ComposeResult:
        yield Static(Content.styled(APP_NAME, "bold"), id="title")
        yield Readout(id="progress")

    def show_title(self, title: str | None, timed: bool = False) -> None:
        text = clean_line(title) if title else APP_NAME
        self.set_class(timed, "-timed")  # a wider progress box, for the time
        self.query_one("#title", Static).update(Content.styled(text, "bold"))
        if not title:
            self.query_one("#progress", Readout).show(Content(""))

    def show_progress(self, text: str, time: float | None = None) -> None:
        """The progress as `reader.core.progress.progress_text` writes it, after the time at
        the top of the view in a timed transcript."""
        progress = f"{format_clock(time)} · {text}" if time is not None else text
        self.query_one("#progress", Readout).show(Content(progress))
