"""How this terminal can draw a picture: kitty's graphics protocol, sixel, or half blocks.

Only the full-screen picture view uses a graphics protocol; everything else draws half
blocks, which any truecolor terminal shows. The protocols come from textual-image (the
`graphics` extra). It asks the terminal what it supports when it is imported, and that is
only possible before the app starts reading the keyboard, so `detect()` runs before the app
(reader/cli/open_cmd.py). It asks only terminals that name themselves as able to draw
pictures (kitty, WezTerm, ghostty, foot, Konsole, iTerm2, …), never in a pipe, inside tmux
or screen (which answer for themselves, not for the terminal outside), under textual-serve
(a browser: `App.is_web`; the picture screen draws half blocks there), or under NO_COLOR;
a question has a 0.1 s timeout and textual-image's complaints are kept off the screen.
`READER_GRAPHICS=kitty|sixel|off` overrides the guess; `READER_GRAPHICS=ask` asks any
terminal (xterm started with `-ti vt340` draws sixel but does not say so).
"""

from __future__ import annotations

import importlib.util
import logging
import os
import sys
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING, Any

from textual import work
from textual.widget import Widget
from textual.widgets import Static

if TYPE_CHECKING:
    import PIL.Image

    from reader.core.picture_decode import Refusal

HALF_BLOCKS, SIXEL, KITTY, ASK = "half blocks", "sixel", "kitty", "ask"
# Terminals that say who they are and draw kitty graphics or sixel: only these are asked
# which (most terminals have neither, and asking costs every start 0.1 s and three queries).
_CAPABLE_TERMS = ("xterm-kitty", "xterm-ghostty", "foot", "foot-extra", "mlterm", "contour")
_CAPABLE_PROGRAMS = ("WezTerm", "ghostty", "iTerm.app", "mintty", "vscode")
_CAPABLE_VARIABLES = ("KITTY_WINDOW_ID", "WEZTERM_EXECUTABLE", "KONSOLE_VERSION", "WT_SESSION")


def plan(environ: Mapping[str, str], interactive: bool, installed: bool) -> str:
    """What to do, from the environment alone: a protocol, half blocks, or ASK."""
    forced = environ.get("READER_GRAPHICS", "").strip().lower()
    if forced == "off" or not (interactive and installed) or "NO_COLOR" in environ:
        return HALF_BLOCKS
    if "web_driver" in environ.get("TEXTUAL_DRIVER", ""):
        return HALF_BLOCKS  # textual-serve: a browser at the other end, no terminal to ask
    if forced in (SIXEL, KITTY, ASK):
        return forced
    term = environ.get("TERM", "")
    if environ.get("TMUX") or environ.get("STY") or term.startswith(("screen", "tmux")):
        return HALF_BLOCKS  # a multiplexer answers for itself, not for the terminal outside
    capable = (
        term in _CAPABLE_TERMS
        or environ.get("TERM_PROGRAM") in _CAPABLE_PROGRAMS
        or any(environ.get(name) for name in _CAPABLE_VARIABLES)
    )
    return ASK if capable else HALF_BLOCKS


class _Chosen:
    mode = HALF_BLOCKS
    widget: Any = None  # the textual-image widget class for `mode`
    cell: tuple[int, int] = (10, 20)  # a cell's size in pixels, as the terminal says


def detect(environ: Mapping[str, str] = os.environ) -> str:
    """Decide once, before the app runs, and say what was decided."""
    streams = (sys.__stdin__, sys.__stdout__)
    interactive = all(s is not None and s.isatty() for s in streams)
    installed = importlib.util.find_spec("textual_image") is not None
    choice = plan(environ, interactive, installed)
    if choice == HALF_BLOCKS:
        return _Chosen.mode
    quiet = logging.getLogger("textual_image")  # it logs failed questions to the screen
    quiet.addHandler(logging.NullHandler())
    quiet.propagate = False
    try:
        import textual_image.renderable as found  # asks the terminal, 0.1 s at most a question
        import textual_image.widget as widgets
        from textual_image._terminal import get_cell_size
    except Exception:  # noqa: BLE001 - a library that fails to start only costs sharpness
        return _Chosen.mode
    if choice == ASK:
        choice = {found.SixelImage: SIXEL, found.TGPImage: KITTY}.get(found.Image, HALF_BLOCKS)
    _Chosen.widget = {SIXEL: widgets.SixelImage, KITTY: widgets.TGPImage}.get(choice)
    _Chosen.mode = choice if _Chosen.widget is not None else HALF_BLOCKS
    width, height = get_cell_size()
    _Chosen.cell = (width, height)
    return _Chosen.mode


def mode() -> str:
    return _Chosen.mode


def sharp_view(path: Path, base: Path, *, id: str | None = None) -> Widget | None:
    """A full-screen view through the terminal's graphics protocol, or None (half blocks)."""
    if _Chosen.widget is None:
        return None
    return SharpView(path, base, id=id)


class SharpView(Widget):
    """The picture decoded (safely, in a thread) to the view's size in pixels, then drawn
    by textual-image's widget for the chosen protocol."""

    DEFAULT_CSS = """
    SharpView { width: 1fr; height: 1fr; align: center middle; }
    """

    def __init__(self, path: Path, base: Path, *, id: str | None = None) -> None:
        super().__init__(id=id)
        self.path, self.base = path, base
        self._decoded_for: tuple[int, int] | None = None

    def on_resize(self) -> None:
        size = (self.content_size.width, self.content_size.height)
        if size != self._decoded_for and size[0] > 0 and size[1] > 0:
            self._decoded_for = size
            self._decode(size)

    @work(thread=True, exclusive=True, group="sharp-picture")
    def _decode(self, size: tuple[int, int]) -> None:
        from reader.core.picture_decode import load_picture  # (not needed before a picture)

        box = (size[0] * _Chosen.cell[0], size[1] * _Chosen.cell[1])
        background = self.rich_style.bgcolor
        red, green, blue = background.get_truecolor() if background else (0, 0, 0)
        picture = load_picture(self.path, self.base, box, (red, green, blue), enlarge=True)
        # mypy solves call_from_thread's `T | Awaitable[T]` as Never for a coroutine function
        self.app.call_from_thread(self._show, picture)  # type: ignore[arg-type]

    async def _show(self, picture: PIL.Image.Image | Refusal) -> None:
        from reader.core.picture_decode import Refusal

        await self.remove_children()
        if isinstance(picture, Refusal):
            await self.mount(Static(picture.note))
        else:
            await self.mount(_Chosen.widget(picture))
