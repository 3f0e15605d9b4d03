"""A line of text that is set on every key but redrawn only when it changes.

The title bar's progress and the sidebar's time left are set each time the reader moves to
another block, and most moves leave "42% · 12 min left" as it was. Textual redraws a Static
on every `update`, and each redraw costs about half a millisecond of the key's frame.
"""

from __future__ import annotations

from textual.content import Content
from textual.widgets import Static


class Readout(Static):
    """A Static whose `show(content)` redraws it only for another text or style. Its size
    must be fixed in the stylesheet (a new text is drawn without a layout pass), and it is
    set through `show` alone (an `update` would not be remembered)."""

    _shown: tuple[str, tuple] | None = None

    def show(self, content: Content) -> None:
        # Content's == compares the text alone: a muted "No article open" is not a plain one.
        shown = (content.plain, tuple(content.spans))
        if shown != self._shown:
            self._shown = shown
            self.update(content, layout=False)
