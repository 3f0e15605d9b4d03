"""The sidebar's list of the open article's highlights: one row each, as
`reader.core.highlights.listing` words it; choosing a row posts `HighlightList.Chosen`.

The words come from the bundle and the notes from the reader, so every row is Content
built from plain strings (never markup): "[love of]" shows as written.
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.content import Content
from textual.message import Message
from textual.widgets.option_list import Option

from reader.core.highlights.listing import NOTE_MARK, ORPHAN_MARK, HighlightRow
from reader.widgets.reader_list import ReaderList


def highlight_line(row: HighlightRow) -> Content:
    """The words in the highlight's colour (an orphaned one's marked and dimmed), then who
    says them and the start of the note."""
    parts: list[tuple[str, str] | str] = []
    if row.orphaned:
        parts += [(f"{ORPHAN_MARK} ", "$warning"), (f"“{row.words}”", "$foreground-muted")]
    else:
        parts.append((f"“{row.words}”", f"on $highlight-{row.colour}"))
    about = ["gone from the text"] if row.orphaned else []  # first: the row is cut at its width
    if row.speaker:
        about.append(row.speaker)
    if about or row.note:
        parts += ["\n", (" · ".join(about), "$foreground-muted")]
    if row.note:
        note = f"{' · ' if about else ''}{NOTE_MARK} {row.note}"
        parts.append((note, "$foreground-muted italic"))
    return Content.assemble(*parts)


class HighlightList(ReaderList):
    """The rows of the open article's highlights, in the order given."""

    CURSOR_ON_FOCUS = True

    DEFAULT_CSS = """
    HighlightList {
        height: auto;
        max-height: 12;
        border: none;
        padding: 0;
        margin-bottom: 1;
        background: $surface;
        text-wrap: nowrap;  /* a row is two lines, whatever the width: the words, then who */
        text-overflow: ellipsis;
        &:focus { border: none; }  /* the sidebar's edge says where the focus is */
        & > .option-list--option { padding: 0; }
    }
    """

    @dataclass
    class Chosen(Message):
        """The reader chose this row (Enter or a click)."""

        row: HighlightRow

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.rows: list[HighlightRow] = []

    def show(self, rows: list[HighlightRow]) -> None:
        """List `rows`, the cursor staying on the same highlight when it is still there."""
        current = self.highlighted_option.id if self.highlighted_option is not None else None
        self.rows = list(rows)
        self.set_options([Option(highlight_line(row), id=row.id) for row in rows])
        ids = [row.id for row in rows]
        if current in ids:
            self.highlighted = ids.index(current)

    @property
    def row(self) -> HighlightRow | None:
        """The row under the cursor."""
        index = self.highlighted
        return self.rows[index] if index is not None and index < len(self.rows) else None

    @on(ReaderList.OptionSelected)
    def _selected(self, event: ReaderList.OptionSelected) -> None:
        event.stop()
        self.post_message(self.Chosen(self.rows[event.option_index]))
