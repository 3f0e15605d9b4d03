"""A picture's half-block cells as Rich segments: the reading pane's strips and the
pictures of `reader show` (`HalfBlockPicture`, a renderable), in one place so both draw
the same `▀` runs with the same styles."""

from __future__ import annotations

from pathlib import Path

from rich.color import Color
from rich.console import Console, ConsoleOptions, RenderResult
from rich.segment import Segment
from rich.style import Style
from rich.text import Text

from reader.core.picture_decode import LIMITS, Cell, Cells, Colour, Limits, Refusal, picture_cells

HALF_BLOCK = "▀"

_STYLES: dict[Cell, Style] = {}


def _cell_style(cell: Cell) -> Style:
    style = _STYLES.get(cell)
    if style is None:
        if len(_STYLES) > 65_536:
            _STYLES.clear()
        style = Style(color=Color.from_rgb(*cell[0]), bgcolor=Color.from_rgb(*cell[1]))
        _STYLES[cell] = style
    return style


def segment_rows(cells: Cells) -> list[list[Segment]]:
    """Each row of cells as Rich segments of `▀` (runs of one colour pair merged)."""
    out = []
    for row in cells.rows:
        segments: list[Segment] = []
        run, count = None, 0
        for cell in row:
            if cell == run:
                count += 1
                continue
            if run is not None:
                segments.append(Segment(HALF_BLOCK * count, _cell_style(run)))
            run, count = cell, 1
        if run is not None:
            segments.append(Segment(HALF_BLOCK * count, _cell_style(run)))
        out.append(segments)
    return out


class HalfBlockPicture:
    """A Rich renderable: the picture as half blocks in the console's width and at most
    `max_height` rows, or its refusal note (dim) when it cannot be shown."""

    def __init__(
        self,
        path: Path,
        base: Path,
        max_height: int,
        background: Colour = (0, 0, 0),
        limits: Limits = LIMITS,
    ) -> None:
        self.path, self.base, self.max_height = path, base, max_height
        self.background, self.limits = background, limits

    def __rich_console__(self, console: Console, options: ConsoleOptions) -> RenderResult:
        cells = picture_cells(
            self.path, self.base, options.max_width, self.max_height, self.background, self.limits
        )
        if isinstance(cells, Refusal):
            yield Text(cells.note, style="dim italic")
            return
        for row in segment_rows(cells):
            yield from row
            yield Segment.line()
