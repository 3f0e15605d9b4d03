"""The one list widget of the app (library, outline, captions): an OptionList with j/k.

Options are always plain Content (never markup), so titles and captions from a bundle
show exactly as written.
"""

from __future__ import annotations

from textual.widgets import OptionList

from reader.commands import LIST, bindings


class ReaderList(OptionList):
    BINDINGS = bindings(LIST)
    CURSOR_ON_FOCUS = False  # a list of places: focused, the first row is under the cursor

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes, markup=False)

    def on_focus(self) -> None:
        if self.CURSOR_ON_FOCUS and self.highlighted is None and self.option_count:
            self.highlighted = 0  # so Enter always has a row to act on
