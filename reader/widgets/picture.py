"""Pictures on screen as half blocks: strips for any Line-API widget, and `HalfBlockView`,
a widget that shows one picture as large as it fits.

Decoding happens in `reader.core.pictures`, off the UI thread; this module only turns its
plain data (`Cells`, or a `Refusal` to print instead) into Textual strips:

    strips = picture_strips(cache.lookup(key), width, rows, background, note_style)

where `rows` is what `PictureCache.rows` said when the pane was laid out, so the picture
takes exactly the lines the layout gave it, whether it is ready, refused or still decoding.
"""

from __future__ import annotations

from pathlib import Path

from rich.segment import Segment
from rich.style import Style
from textual import work
from textual.strip import Strip
from textual.widget import Widget

from reader.core.pictures import Cells, PictureCache, Refusal, segment_rows

Colour = tuple[int, int, int]


def picture_strips(
    result: Cells | Refusal | None,
    width: int,
    rows: int,
    background: Style,
    note_style: Style,
) -> list[Strip]:
    """Exactly `rows` strips of `width` cells: the picture centred, or the refusal's note
    on the first line, or blank lines while it is still being decoded."""
    blank = Strip.blank(width, background)
    if isinstance(result, Refusal):
        note = Strip([Segment(result.note, background + note_style)])
        strips = [note.crop_extend(0, width, background)]
    elif isinstance(result, Cells):
        left = max(0, (width - result.width) // 2)
        pad = [Segment(" " * left, background)] if left else []
        strips = [
            Strip([*pad, *row]).crop_extend(0, width, background)
            for row in segment_rows(result)[:rows]
        ]
    else:
        strips = []
    return strips + [blank] * (rows - len(strips))


def rgb(style: Style) -> Colour:
    """A style's background as (r, g, b), for laying transparency on it."""
    colour = style.bgcolor
    if colour is None:
        return (0, 0, 0)
    triplet = colour.get_truecolor()
    return (triplet.red, triplet.green, triplet.blue)


class HalfBlockView(Widget):
    """One picture as large as the widget, centred (smaller ones enlarged with `enlarge`);
    decoded in a thread. A picture that cannot be shown says why on its first line."""

    DEFAULT_CSS = """
    HalfBlockView { width: 1fr; height: 1fr; }
    """

    def __init__(
        self,
        path: Path,
        base: Path,
        cache: PictureCache | None = None,
        *,
        enlarge: bool = False,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self.path, self.base, self.enlarge = path, base, enlarge
        self.cache = cache or PictureCache(capacity=4)
        self._strips: list[Strip] = []
        self._shown: tuple | None = None  # the cache key the strips were made for

    def _key(self) -> tuple:
        size = self.content_size
        background = rgb(self.rich_style)
        return self.cache.key(self.path, size.width, size.height, background, enlarge=self.enlarge)

    def render_line(self, y: int) -> Strip:
        key = self._key()
        if key != self._shown:
            result = self.cache.lookup(key)
            if result is None and self.cache.claim(key):
                self._decode(key)
            self._paint(key, result)
        return self._strips[y] if y < len(self._strips) else Strip.blank(self.size.width)

    def _paint(self, key: tuple, result: Cells | Refusal | None) -> None:
        size, style = self.content_size, self.rich_style
        note = Style(dim=True, italic=True)
        rows = result.height if isinstance(result, Cells) else 1
        top = max(0, (size.height - rows) // 2)
        strips = picture_strips(result, size.width, size.height - top, style, note)
        self._strips = [Strip.blank(size.width, style)] * top + strips
        self._shown = key if result is not None else None

    @work(thread=True, group="picture")
    def _decode(self, key: tuple) -> None:
        width, height, background = key[-4:-1]
        self.cache.render(self.path, self.base, width, height, background, enlarge=self.enlarge)
        self.app.call_from_thread(self.refresh)

    def on_resize(self) -> None:
        self._shown = None
