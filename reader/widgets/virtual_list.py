"""A list of one-line rows drawn on demand (Textual's Line API), for the outline.

An OptionList keeps an object per row and measures every row to know where each one is:
the outline of a piece of 100,000 turns (50,000 questions) made 150,000 objects and took
two seconds of steps to fill after the piece was shown. Here a row is a number: its text
is asked of `prompt(row)` when the row is drawn, and nothing is kept for the rows nobody
sees. It looks and moves like the app's other lists (`ReaderList`): the same component
classes and cursor colours, j/k and the arrows, PgUp/PgDn, Home/End, Enter and a click.
"""

from __future__ import annotations

from collections.abc import Callable

from textual import events
from textual.binding import Binding
from textual.cache import LRUCache
from textual.content import Content
from textual.geometry import Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip
from textual.visual import Visual

from reader.commands import LIST, bindings
from reader.core.follow import follow

OPTION = "option-list--option"
HIGHLIGHTED = "option-list--option-highlighted"
HOVER = "option-list--option-hover"


class VirtualList(ScrollView, can_focus=True):
    """`count` rows, row i's text `prompt(i)` (`set_rows`); `highlighted` is the cursor."""

    DEFAULT_CSS = """
    VirtualList {
        color: $foreground;
        overflow-x: hidden;
        background: $surface;
        & > .option-list--option-highlighted {
            color: $foreground;
            background: $block-cursor-blurred-background;
            text-style: $block-cursor-blurred-text-style;
        }
        &:focus {
            background-tint: $foreground 5%;
            & > .option-list--option-highlighted {
                color: $block-cursor-foreground;
                background: $block-cursor-background;
                text-style: $block-cursor-text-style;
            }
        }
        & > .option-list--option-hover {
            background: $block-hover-background;
        }
    }
    """
    COMPONENT_CLASSES = {OPTION, HIGHLIGHTED, HOVER}
    BINDINGS = [
        Binding("down", "cursor_down", show=False),
        Binding("up", "cursor_up", show=False),
        Binding("pagedown", "page_down", show=False),
        Binding("pageup", "page_up", show=False),
        Binding("home", "first", show=False),
        Binding("end", "last", show=False),
        *bindings(LIST),
    ]
    CURSOR_ON_FOCUS = True  # focused, the first row is under the cursor (Enter acts on it)

    class Selected(Message):
        """Row `row` of `origin` was chosen (Enter or a click)."""

        def __init__(self, origin: VirtualList, row: int) -> None:
            super().__init__()
            self.origin, self.row = origin, row

        @property
        def control(self) -> VirtualList:
            return self.origin

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.option_count = 0
        self.highlighted: int | None = None
        self._prompt: Callable[[int], Content | Visual] = lambda row: Content("")
        self._hover: int | None = None
        self._drawn: LRUCache[tuple[int, str, int], Strip] = LRUCache(256)

    def set_rows(self, count: int, prompt: Callable[[int], Content | Visual]) -> None:
        """`count` rows, row i's text `prompt(i)` (asked when the row is drawn)."""
        self.option_count, self._prompt = count, prompt
        self.highlighted = self._hover = None
        self._drawn.clear()
        self.virtual_size = Size(self.virtual_size.width, count)
        self.scroll_to(y=0, animate=False, immediate=True)
        self.refresh()

    def row_text(self, row: int) -> str:
        """Row `row`'s text, as it is drawn (for a reader of the list, and tests)."""
        prompt = self._prompt(row)
        return prompt.plain if isinstance(prompt, Content) else str(prompt)

    def refresh_row(self, row: int | None) -> None:
        """Draw row `row` again (its text changed, or the cursor came or went)."""
        if row is None or not 0 <= row < self.option_count:
            return
        for key in [key for key in self._drawn.keys() if key[0] == row]:  # noqa: SIM118
            self._drawn.discard(key)
        self.refresh_line(row)  # (a line of the list: ScrollView finds it on screen)

    # -- drawing ---------------------------------------------------------------------------
    def render_line(self, y: int) -> Strip:
        row = self.scroll_offset.y + y
        width = self.scrollable_content_region.width
        if not 0 <= row < self.option_count:
            return Strip.blank(width, self.get_visual_style(OPTION).rich_style)
        state = HIGHLIGHTED if row == self.highlighted else HOVER if row == self._hover else ""
        key = (row, state + (":focus" if self.has_focus else ""), width)
        if (strip := self._drawn.get(key)) is None:
            style = self.get_visual_style(OPTION, state) if state else self.get_visual_style(OPTION)
            prompt = self._prompt(row)
            strips = Visual.to_strips(self, prompt, width, 1, style)
            strip = strips[0] if strips else Strip.blank(width)
            strip = strip.extend_cell_length(width, style.rich_style).crop(0, width)
            self._drawn[key] = strip = strip.apply_meta({"row": row})
        return strip

    def notify_style_update(self) -> None:
        self._drawn.clear()  # another theme, or the focus came or went
        super().notify_style_update()

    def _on_focus(self, event: events.Focus) -> None:
        self._drawn.clear()
        if self.CURSOR_ON_FOCUS and self.highlighted is None and self.option_count:
            self.move_cursor(0)
        self.refresh()

    def _on_blur(self, event: events.Blur) -> None:
        self._drawn.clear()
        self.refresh()

    # -- the cursor ------------------------------------------------------------------------
    def move_cursor(self, row: int) -> None:
        """Put the cursor on row `row` (clamped), kept in view a screenful at a time."""
        if not self.option_count:
            return
        row = min(max(row, 0), self.option_count - 1)
        old, self.highlighted = self.highlighted, row
        if old != row:
            self.refresh_row(old)
            self.refresh_row(row)
        self._keep_cursor_in_view()

    def _keep_cursor_in_view(self) -> None:
        if self.highlighted is None:
            return
        shown = self.scrollable_content_region.height
        top = follow(self.highlighted, 1, round(self.scroll_y), shown)
        if top is not None:
            self.scroll_to(y=top, animate=False, immediate=True)
            self.refresh()

    def on_resize(self) -> None:
        # The sections above the outline fold and open as the sidebar fills in: the cursor
        # put on the last row when the list was a row taller was left out of view.
        self._keep_cursor_in_view()

    def _step(self, rows: int) -> None:
        if self.highlighted is None:
            self.move_cursor(0 if rows > 0 else self.option_count - 1)
        else:
            self.move_cursor(self.highlighted + rows)

    def action_cursor_down(self) -> None:
        self._step(1)

    def action_cursor_up(self) -> None:
        self._step(-1)

    def action_page_down(self) -> None:
        self._step(max(1, self.scrollable_content_region.height))

    def action_page_up(self) -> None:
        self._step(-max(1, self.scrollable_content_region.height))

    def action_first(self) -> None:
        self.move_cursor(0)

    def action_last(self) -> None:
        self.move_cursor(self.option_count - 1)

    def action_select(self) -> None:
        if self.highlighted is not None:
            self.post_message(self.Selected(self, self.highlighted))

    # -- the mouse -------------------------------------------------------------------------
    async def _on_click(self, event: events.Click) -> None:
        row = event.style.meta.get("row")
        if row is not None:
            self.move_cursor(row)
            self.action_select()

    def _on_mouse_move(self, event: events.MouseMove) -> None:
        row = event.style.meta.get("row")
        if row != self._hover:
            old, self._hover = self._hover, row
            self.refresh_row(old)
            self.refresh_row(row)

    def _on_leave(self, event: events.Leave) -> None:
        old, self._hover = self._hover, None
        self.refresh_row(old)
