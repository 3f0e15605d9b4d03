"""The app's lists of rows (library, captions, search results): an OptionList with j/k.
(The outline, one line a row and as many rows as questions, is a `VirtualList`.)

Options are always plain Content (never markup), so titles and captions from a bundle
show exactly as written.
"""

from __future__ import annotations

from collections.abc import Callable

from textual.content import Content
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, RulesMap, Visual, VisualType
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

    def _replace_option_prompt(self, index: int, prompt: VisualType) -> None:
        """A row for one of the same height forgets only its own drawing. Textual's forgets
        every row's height as well and measures the whole list again, on every row of the
        list (a library row's progress changes as the reader reads)."""
        option = self.get_option_at_index(index)
        old = option.prompt
        if not (isinstance(old, Row) and isinstance(prompt, Row) and old.height == prompt.height):
            super()._replace_option_prompt(index, prompt)
            return
        option._set_prompt(prompt)  # (OptionList's own way, as in the method it replaces)
        cache = self._option_render_cache
        for key in [key for key in cache.keys() if key[0] is option]:  # noqa: SIM118 - no __iter__
            cache.discard(key)
        self._redraw_row(index)

    def _redraw_row(self, index: int) -> None:
        """Redraw row `index` alone (the whole list where its lines are not known yet)."""
        line = self._index_to_line.get(index)
        if line is None:
            self.refresh()
        else:
            self.refresh_lines(line, self._heights.get(index, 1))


class Row(Visual):
    """A row whose height is known without laying it out, and whose text may be made only
    when it is drawn: a list measures every row to know where each one is, and a filter
    over thousands of library rows, or an outline of 50,000 questions, spent its time
    measuring (and making) rows nobody would see. `content`: the row's text, or a function
    that makes it; `height`: its lines (rows never wrap: text-wrap is nowrap)."""

    def __init__(self, content: Content | Callable[[], Content], height: int = 1) -> None:
        self._content = content
        self.height = height

    @property
    def content(self) -> Content:
        if not isinstance(self._content, Content):
            self._content = self._content()
        return self._content

    def __str__(self) -> str:
        return str(self.content)

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        return self.content.render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.content.get_optimal_width(rules, container_width)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self.height
