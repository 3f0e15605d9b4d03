"""Moving a scrollbar without redrawing it when its thumb stays in the same cells.

Textual redraws a scrollbar, every row of it, whenever its position changes. In a long
interview a page moves the thumb by a fraction of an eighth of a cell (at 200,000 words a
cell is some forty pages), so the pane's scrollbar would be redrawn on every key for nothing:
about 2 ms of each key's frame, as much as a fifth of it.
"""

from __future__ import annotations

from math import ceil

from textual.scrollbar import ScrollBar


def move_scrollbar(bar: ScrollBar, position: float) -> None:
    """Set `bar.position`, redrawing the bar only when the thumb it draws moves."""
    if _thumb(bar, bar.position) == _thumb(bar, position):
        bar.set_reactive(ScrollBar.position, bar.validate_position(position))  # for a drag
    else:
        bar.position = position


def _thumb(bar: ScrollBar, position: float) -> tuple[str, ...]:
    """The glyphs the bar's renderer draws at `position`, and which of them are the thumb."""
    virtual = bar.window_virtual_size
    segments = bar.renderer.render_bar(
        size=bar.size.height if bar.vertical else bar.size.width,
        virtual_size=ceil(virtual),
        window_size=ceil(bar.window_size if bar.window_size < virtual else 0),
        position=bar.validate_position(position),
        thickness=bar.thickness,
        vertical=bar.vertical,
    ).segments
    return tuple(f"{s.text}{s.style.reverse if s.style else ''}" for s in segments)
