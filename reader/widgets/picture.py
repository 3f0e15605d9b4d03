"""Pictures on screen as half blocks: strips for any Line-API widget (`PictureStrips`, used
by the reading pane), and `HalfBlockView`, a widget that shows one picture as large as it
fits.

Decoding happens in `reader.core.picture_decode`, off the UI thread: `Decoder` runs a widget's
decodes one after another in one worker thread and refreshes the widget after each, so
many pictures coming into view at once neither stall the screen nor take every thread
(opening an article needs one too). This module turns their plain data (`Cells`, or a
`Refusal` to print instead) into Textual strips:

    strips = picture_strips(cache.lookup(key), width, rows, background, note_style)

where `rows` is what `PictureCache.rows` said when the pane was laid out, so the picture
takes exactly the lines the layout gave it, whether it is ready, refused or still decoding.
"""

from __future__ import annotations

import threading
from collections import deque
from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from rich.segment import Segment
from rich.style import Style
from textual.app import App
from textual.cache import LRUCache
from textual.strip import Strip
from textual.widget import Widget

from reader.core.layout import Layout, PictureRow
from reader.core.pictures import PictureCache

if TYPE_CHECKING:
    from reader.core.picture_decode import Cells, Refusal

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
    strips: list[Strip] = []
    if result is not None:  # decoded or refused (so picture_decode is loaded by now)
        from reader.core.picture_decode import Refusal
        from reader.core.picture_segments import segment_rows

        if isinstance(result, Refusal):
            note = Strip([Segment(result.note, background + note_style)])
            strips = [note.crop_extend(0, width, background)]
        else:
            left = max(0, (width - result.width) // 2)
            pad = [Segment(" " * left, background)] if left else []
            strips = [
                Strip([*pad, *row]).crop_extend(0, width, background)
                for row in segment_rows(result)[:rows]
            ]
    return strips + [blank] * (rows - len(strips))


def rgb(style: Style) -> Colour:
    """A style's background as (r, g, b), for laying transparency on it."""
    colour = style.bgcolor
    if colour is None:
        return (0, 0, 0)
    triplet = colour.get_truecolor()
    return (triplet.red, triplet.green, triplet.blue)


Job = tuple[Path, Path, int, int, Colour, bool]  # render's arguments: path … enlarge


class Decoder:
    """The pictures a widget asks for, from the cache or decoded in a worker thread.

    `get` answers at once: the `Cells` or `Refusal` when known, else None, and then the
    picture is queued (once: `PictureCache.claim`) for the widget's one decoding thread,
    which refreshes the widget after each picture. The worker belongs to the app, so a
    picture still decodes (and is kept) if its widget goes away first."""

    def __init__(self, widget: Widget, cache: PictureCache) -> None:
        self.widget, self.cache = widget, cache
        self._jobs: deque[tuple[tuple, Job]] = deque()
        self._lock = threading.Lock()
        self._running = False

    def get(
        self,
        path: Path,
        base: Path,
        width: int,
        max_rows: int,
        background: Colour,
        *,
        enlarge: bool = False,
    ) -> Cells | Refusal | None:
        key = self.cache.key(path, width, max_rows, background, enlarge=enlarge)
        found = self.cache.lookup(key)
        if found is None and self.cache.claim(key):
            with self._lock:
                self._jobs.append((key, (path, base, width, max_rows, background, enlarge)))
                start, self._running = not self._running, True
            if start:
                app = self.widget.app
                work = partial(self._work, app)
                app.run_worker(work, group="pictures", thread=True, exit_on_error=False)
        return found

    def _work(self, app: App) -> None:
        while True:
            with self._lock:
                if not self._jobs:
                    self._running = False
                    return
                key, (path, base, width, rows, background, enlarge) = self._jobs.popleft()
            try:
                self.cache.render(path, base, width, rows, background, enlarge=enlarge)
                app.call_from_thread(self.widget.refresh)
            except Exception:  # noqa: BLE001 - the app is closing; nothing to show it on
                with self._lock:
                    self._running = False
                    for dropped in [key, *(queued for queued, _ in self._jobs)]:
                        self.cache.release(dropped)
                    self._jobs.clear()
                return


class PictureStrips:
    """The lines of the pictures in a Line-API widget's text, one picture row at a time:
    blank while the picture decodes, then made once from its cells (or its refusal, in the
    style `note()` gives)."""

    def __init__(self, widget: Widget, cache: PictureCache, note: Callable[[], Style]) -> None:
        self.decoder = Decoder(widget, cache)
        self._note = note
        self._made: LRUCache[tuple, list[Strip]] = LRUCache(32)

    def line(
        self, picture: PictureRow, base: Path, layout: Layout, width: int, background: Style
    ) -> Strip:
        """`width` cells of the picture's row `picture.row`: the picture fitted in the
        layout's column and picture height, centred (its note at the column's left edge)."""
        path, column = picture.image.path, layout.width
        if path is None:
            return Strip.blank(width, background)
        note = self._note()
        key = (path, column, layout.picture_height, picture.rows, width, background, note)
        made = self._made.get(key)
        if made is None:
            fitted = (column, layout.picture_height)
            result = self.decoder.get(path, base, *fitted, rgb(background))
            if result is None:
                return Strip.blank(width, background)
            left = Strip.blank(max(0, (width - column) // 2), background)
            made = self._made[key] = [
                Strip.join([left, row]).adjust_cell_length(width, background)
                for row in picture_strips(result, column, picture.rows, background, note)
            ]
        return made[picture.row]

    def clear(self) -> None:
        """Forget the strips (a new theme: another background, another note style)."""
        self._made.clear()


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
    ) -> None:
        super().__init__(id=id)
        self.path, self.base, self.enlarge = path, base, enlarge
        self.decoder = Decoder(self, cache or PictureCache(capacity=4))
        self._strips: list[Strip] = []
        self._shown: tuple | None = None  # (size, style) the strips were made for

    def render_line(self, y: int) -> Strip:
        size, style = self.content_size, self.rich_style
        if (size, style) != self._shown:
            result = self.decoder.get(self.path, self.base, *size, rgb(style), enlarge=self.enlarge)
            self._paint(result)
            self._shown = (size, style) if result is not None else None
        return self._strips[y] if y < len(self._strips) else Strip.blank(self.size.width)

    def _paint(self, result: Cells | Refusal | None) -> None:
        size, style = self.content_size, self.rich_style
        from reader.core.picture_decode import Cells

        note = Style(dim=True, italic=True)
        rows = result.height if isinstance(result, Cells) else 1
        top = max(0, (size.height - rows) // 2)
        strips = picture_strips(result, size.width, size.height - top, style, note)
        self._strips = [Strip.blank(size.width, style)] * top + strips
