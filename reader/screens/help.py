"""The help screen: every key of the app, grouped, straight from the command table."""

from __future__ import annotations

from collections.abc import Mapping

from textual.app import ComposeResult
from textual.containers import Horizontal, VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from reader.commands import HELP, LIBRARY, LIST, SELECTION, Command, bindings, groups, keys_display
from reader.core.query import SYNTAX

WHERE = {
    LIBRARY: "when the library list has focus",
    LIST: "in the library, outline, pictures",
    SELECTION: "after v, while words are selected",
}


def group_text(
    group: str, commands: list[Command], key_width: int, keymap: Mapping[str, str]
) -> Content:
    where = next((WHERE[c.context] for c in commands if c.context in WHERE), "")
    parts: list[tuple[str, str] | str] = [(group, "bold $accent")]
    if where:
        parts.append((f"  {where}", "$foreground-muted italic"))
    for command in commands:
        keys = keys_display(command, keymap)
        parts += ["\n", (keys.ljust(key_width), "bold"), command.description]
    return Content.assemble(*parts)


def help_columns(keymap: Mapping[str, str] | None = None) -> tuple[Content, Content]:
    """The groups in two columns of about equal length (shown one above the other when
    the screen is narrow), with the keys of the user's keymap (config.toml)."""
    keymap = keymap or {}
    all_groups = groups()
    key_width = 2 + max(len(keys_display(c, keymap)) for _, cmds in all_groups for c in cmds)
    texts = [group_text(name, cmds, key_width, keymap) for name, cmds in all_groups]
    sizes = [len(cmds) + 2 for _, cmds in all_groups]
    half, running, split = sum(sizes) / 2, 0, len(texts)
    for i, size in enumerate(sizes):
        running += size
        if running >= half:
            split = i + 1
            break
    left = Content("\n\n").join(texts[:split])
    right = Content("\n\n").join(texts[split:])
    mouse = Content.styled(
        "Mouse: the wheel scrolls; a click on a library row opens it; a drag selects words.",
        "$foreground-muted",
    )
    return left, Content("\n\n").join([right, search_language(), mouse])


def search_language() -> Content:
    """The query language of `/`, Ctrl+F and `reader search` (one for all three)."""
    width = 2 + max(len(syntax) for syntax, _ in SYNTAX)
    parts: list[tuple[str, str] | str] = [("Searching", "bold $accent")]
    parts.append(("  / Ctrl+F reader search", "$foreground-muted italic"))
    for syntax, meaning in SYNTAX:
        parts += ["\n", (syntax.ljust(width), "bold"), meaning]
    return Content.assemble(*parts)


class HelpScreen(ModalScreen[None]):
    BINDINGS = bindings(HELP)
    HORIZONTAL_BREAKPOINTS = [(0, "-narrow"), (100, "-wide")]

    def __init__(self, keymap: Mapping[str, str] | None = None) -> None:
        super().__init__()
        self.keymap = keymap or {}

    def compose(self) -> ComposeResult:
        left, right = help_columns(self.keymap)
        with VerticalScroll(id="help"), Horizontal(id="help-columns"):
            yield Static(left, id="help-left")
            yield Static(right, id="help-right")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#help").border_title = "Interview Reader — keys"
        self.query_one("#help").focus()
