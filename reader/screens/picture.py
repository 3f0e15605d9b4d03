"""One picture of the article, full screen, its caption and credit under it.

`app.push_screen(PictureScreen(image, bundle_folder(article)))` opens it; Esc, q or Enter
closes it. The picture is as large as the screen allows (a small one enlarged), drawn sharp
where the terminal has a graphics protocol (kitty's or sixel, see reader/graphics.py) and
as half blocks everywhere else (a browser too); under NO_COLOR it is not drawn and the
caption stays.
"""

from __future__ import annotations

import os
from pathlib import Path

from textual.app import ComposeResult
from textual.content import Content
from textual.screen import Screen
from textual.widget import Widget
from textual.widgets import Static

from reader import graphics
from reader.commands import PICTURE, bindings
from reader.core import model as m
from reader.core.pictures import PictureCache
from reader.core.sanitize import clean_line
from reader.widgets.footer import KeyFooter
from reader.widgets.picture import HalfBlockView


def caption_text(image: m.Image, note: str = "") -> Content:
    caption = clean_line(image.caption) or clean_line(image.file)
    parts: list[tuple[str, str] | str] = [(caption, "italic $caption")]
    if image.credit:
        parts += ["\n", (clean_line(image.credit), "$foreground-muted")]
    if note:
        parts += ["\n", (note, "$foreground-muted italic")]
    return Content.assemble(*parts)


class PictureScreen(Screen[None]):
    BINDINGS = bindings(PICTURE)
    DEFAULT_CSS = """
    PictureScreen { background: $background; layout: vertical; }
    PictureScreen #picture { height: 1fr; width: 1fr; }
    PictureScreen #picture-caption {
        height: auto; max-height: 4; padding: 0 2; text-align: center; width: 1fr;
    }
    """

    def __init__(self, image: m.Image, base: Path, cache: PictureCache | None = None) -> None:
        super().__init__()
        self.image, self.base, self.cache = image, base, cache

    def compose(self) -> ComposeResult:
        note = ""
        if "NO_COLOR" in os.environ:
            note = "Pictures are hidden while NO_COLOR is set."
            yield Static(id="picture")
        elif self.image.path is None:
            note = "This picture is not in the bundle."
            yield Static(id="picture")
        else:
            yield self._view(self.image.path)
        yield Static(caption_text(self.image, note), id="picture-caption")
        yield KeyFooter()

    def _view(self, path: Path) -> Widget:
        # In a browser (textual-serve) there is no terminal protocol: half blocks.
        sharp = None if self.app.is_web else graphics.sharp_view(path, self.base, id="picture")
        return sharp or HalfBlockView(path, self.base, self.cache, enlarge=True, id="picture")
