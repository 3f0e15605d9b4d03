"""The help screen: every key of the app, grouped, straight from the command table."""

from __future__ import annotations

import textwrap
from collections.abc import Mapping

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.geometry import Size
from textual.screen import ModalScreen
from textual.widget import Widget

from reader.commands import HELP, LIBRARY, LIST, SELECTION, bindings, groups, keys_display
from reader.core.query import SYNTAX
from reader.widgets.footer import KeyFooter

MOUSE = "Mouse: the wheel scrolls; a click on a library row opens it; a drag selects words."
WHERE = {
    LIBRARY: "when the library list has focus",
    LIST: "in the library, outline, pictures",
    SELECTION: "after v, while words are selected",
}


Row = tuple[str, str]  # (keys or syntax, what it does)
Section = tuple[Content, list[Row]]  # a heading and its rows


def heading(title: str, where: str = "") -> Content:
    parts: list[tuple[str, str] | str] = [(title, "bold $accent")]
    if where:
        parts.append((f"  {where}", "$foreground-muted italic"))
    return Content.assemble(*parts)


def key_sections(keymap: Mapping[str, str]) -> list[Section]:
    """Each group of the command table: its heading and (keys, description) rows, with the
    keys of the user's keymap (config.toml)."""
    sections = []
    for group, commands in groups():
        where = next((WHERE[c.context] for c in commands if c.context in WHERE), "")
        rows = [(keys_display(c, keymap), c.description) for c in commands]
        sections.append((heading(group, where), rows))
    return sections


def search_section() -> Section:
    """The query language of `/`, Ctrl+F and `reader search` (one for all three)."""
    return heading("Searching", "/ Ctrl+F reader search"), list(SYNTAX)


def set_sections(sections: list[Section], width: int) -> Content:
    """The sections in `width` cells: the first column as wide as its longest entry, and a
    description too long for the rest of the line continued under itself (a hanging
    indent), never under the keys."""
    first = 2 + max((len(key) for _, rows in sections for key, _ in rows), default=0)
    room = max(12, width - first)
    blocks = []
    for title, rows in sections:
        parts: list[Content] = [title]
        for key, text in rows:
            lines = textwrap.wrap(text, room) or [""]
            parts.append(Content.assemble((key.ljust(first), "bold"), lines[0]))
            parts += [Content(" " * first + line) for line in lines[1:]]
        blocks.append(Content("\n").join(parts))
    return Content("\n\n").join(blocks)


class HelpColumn(Widget):
    """Sets of sections (each set aligned on its own first column) laid out for the
    column's width when it is drawn, with an optional footnote."""

    DEFAULT_CSS = "HelpColumn { height: auto; }"

    def __init__(self, *sets: list[Section], footnote: str = "", **kwargs) -> None:
        super().__init__(**kwargs)
        self.sets = sets
        self.footnote = footnote

    def text(self, width: int) -> Content:
        parts = [set_sections(sections, width) for sections in self.sets if sections]
        if self.footnote:
            note = "\n".join(textwrap.wrap(self.footnote, max(12, width)))
            parts.append(Content.styled(note, "$foreground-muted"))
        return Content("\n\n").join(parts)

    def get_content_height(self, container: Size, viewport: Size, width: int) -> int:
        return len(self.text(width).split())

    def render(self) -> Content:
        return self.text(self.content_region.width or self.size.width)


def help_columns(keymap: Mapping[str, str] | None = None) -> tuple[list[Section], list[Section]]:
    """The groups of keys in two columns of about equal length (shown one above the other
    when the screen is narrow)."""
    sections = key_sections(keymap or {})
    sizes = [len(rows) + 2 for _, rows in sections]
    half, running, split = sum(sizes) / 2, 0, len(sections)
    for i, size in enumerate(sizes):
        running += size
        if running >= half:
            split = i + 1
            break
    return sections[:split], sections[split:]


class HelpScreen(ModalScreen[None]):
    BINDINGS = bindings(HELP)
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    def __init__(self, keymap: Mapping[str, str] | None = None) -> None:
        super().__init__()
        self.keymap = keymap or {}

    def compose(self) -> ComposeResult:
        left, right = help_columns(self.keymap)
        with VerticalScroll(id="help"), Horizontal(id="help-columns"):
            yield HelpColumn(left, id="help-left")
            yield HelpColumn(right, [search_section()], footnote=MOUSE, id="help-right")
        yield KeyFooter()

    def on_mount(self) -> None:
        self.query_one("#help").border_title = "Interview Reader — keys"
        self.query_one("#help").focus()
