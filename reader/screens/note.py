"""A note on a highlight: one line to write or change it, Enter to keep, Esc to leave it."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static

from reader.core.sanitize import clean_line

NOTE_CHARS = 2_000


class NoteScreen(ModalScreen[str | None]):
    """Dismissed with the note as written ("" removes it), or None when left with Esc."""

    DEFAULT_CSS = """
    NoteScreen {
        align: center middle;
        & > Vertical {
            width: 80%;
            max-width: 100;
            height: auto;
            border: round $primary;
            background: $surface;
            padding: 0 1;
        }
        & Input {
            border: none;
            height: 1;
            padding: 0 1;
            &:focus { border: none; }  /* (Input's own focus border left no row for text) */
        }
        & Static { color: $text-muted; }
    }
    """
    BINDINGS = [Binding("escape", "dismiss", "Leave the note as it was", show=False)]

    def __init__(self, words: str, note: str) -> None:
        super().__init__()
        self._words, self._note = words, note

    def compose(self) -> ComposeResult:
        with Vertical():
            yield Static(Content(f"“{clean_line(self._words)[:160]}”"))
            yield Input(
                self._note,
                placeholder="a note (Enter keeps it, Esc leaves it)",
                max_length=NOTE_CHARS,
                select_on_focus=False,
            )

    def on_mount(self) -> None:
        self.query_one(Vertical).border_title = "Note"
        self.query_one(Input).focus()

    def on_input_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.dismiss(event.value.strip())
