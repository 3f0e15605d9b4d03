"""The reading pane's lines as the screen shows them: drawn once, kept, and handed to Textual
as they are.

A key that pages down shows 38 lines the pane has not drawn before. Through Textual's own
path each of them would be drawn, then styled again line by line (border, padding, tint,
opacity: about 40 µs a line, though the pane has none of them), then filtered, then turned
into terminal output: a third of the key's frame. Here a line is drawn with `PaneStyles`,
given its offsets (for the mouse's selection) and passed through the app's line filters (its
colour modes), each step kept on the strip it came from. A line shown again is then the very
same strip, and Textual keeps its terminal output on it too; so `ahead` can draw the pages
above and below between keys, and the next Space only looks them up.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from functools import partial

from rich.console import Console
from rich.style import Style
from textual.cache import LRUCache
from textual.color import Color
from textual.filter import LineFilter
from textual.strip import Strip
from textual.widget import Widget

from reader.core.pictures import PictureCache
from reader.core.reading import Reading
from reader.widgets.pane_style import PaneStyles
from reader.widgets.picture import PictureStrips


@dataclass(frozen=True)
class _Frame:
    """What every line of a paint needs, measured once for the paint (each costs more than a
    line from the cache)."""

    width: int  # the text's width, without the scrollbar
    style: Style  # the pane's colours
    background: Color
    filters: Sequence[LineFilter]


class PaneLines:
    """The lines of `widget`, a pane `pane_width()` cells wide, and their pictures (None: the
    app shows captions only)."""

    def __init__(
        self, widget: Widget, pane_width: Callable[[], int], pictures: PictureCache | None
    ) -> None:
        self._widget, self._pane_width = widget, pane_width
        self._cache: LRUCache[tuple, Strip] = LRUCache(1024)
        self.styles = PaneStyles(widget)
        note = partial(self.styles.role, "picture-note")  # the theme's, when drawn
        self._pictures = PictureStrips(widget, pictures, note) if pictures is not None else None
        self._frame: _Frame | None = None

    def clear(self) -> None:
        """Forget every line drawn (a new layout)."""
        self._cache.clear()

    def restyle(self) -> None:
        """The widget's styles changed: measure again, and draw again for a new theme."""
        self._frame = None
        if self.styles.stale():  # a new theme, not a change of focus
            self._cache.clear()
            if self._pictures is not None:
                self._pictures.clear()

    def new_frame(self) -> None:
        """A paint begins: the pane's width and colours are measured again on first use."""
        self._frame = None

    def _measured(self) -> _Frame:
        if self._frame is None:
            widget = self._widget
            self._frame = _Frame(
                self._pane_width(),
                widget.rich_style,
                widget.background_colors[1],
                widget.get_line_filters(),
            )
        return self._frame

    def shown(self, reading: Reading | None, y: int) -> Strip:
        """Layout line `y` as the screen shows it, through the app's filters: as wide as the
        text, without the scrollbar's cell, so that the compositor writes this very strip
        (cut at the scrollbar, a wider one would be a new piece every frame)."""
        frame = self._measured()
        strip = self.line(reading, y)
        for line_filter in frame.filters:
            strip = strip.apply_filter(line_filter, frame.background)
        return strip

    def padded(self, strip: Strip, width: int) -> Strip:
        """`strip` (from `shown`) made `width` cells wide with the pane's background, through
        the app's filters as the rest of it."""
        frame = self._measured()
        pad = Strip.blank(width - strip.cell_length, frame.style)
        for line_filter in frame.filters:
            pad = pad.apply_filter(line_filter, frame.background)
        return Strip.join([strip, pad])

    def ahead(self, reading: Reading, lines: range, console: Console) -> None:
        """Draw `lines` as `shown` would, down to terminal output, before they are asked for
        (measured again: the pane may have been resized since the last paint)."""
        self.new_frame()
        for y in lines:
            self.shown(reading, y).render(console)

    def line(self, reading: Reading | None, y: int) -> Strip:
        """Layout line `y`, drawn (or from the cache) with its offsets for the selection."""
        frame = self._measured()
        width, background = frame.width, frame.style
        if reading is None or (at := reading.line_at(y)) is None:
            return Strip.blank(width, background)
        (found, line), layout = at, reading.layout
        pictures, column = reading.pictures, layout.width
        if line.picture is not None and self._pictures is not None and pictures is not None:
            picture = self._pictures.line(line.picture, pictures.base, layout, width, background)
            return picture.apply_offsets(0, y)  # (cached there)
        marks = reading.painted(line)  # in the key: a search redraws only lines it marks
        key = (found, width, column, marks)
        strip = self._cache.get(key)
        if strip is None:
            role = reading.text_role(line)
            strip = self.styles.draw(line, marks, width, column, background, role)
            self._cache[key] = strip
        return strip.apply_offsets(0, y)  # for the mouse's selection (kept on the strip)
