"""The help screen: every key of the app, grouped, straight from the command table."""

from __future__ import annotations

from textual.app import ComposeResult
from textual.containers import VerticalScroll
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Footer, Static

from reader.commands import HELP, LIBRARY, LIST, bindings, groups, keys_display

KEY_COLUMN = 18
WHERE = {LIBRARY: "in the library list", LIST: "in any list"}


def help_text() -> Content:
    parts: list[tuple[str, str] | str] = [("Interview Reader — keys", "bold")]
    for group, commands in groups():
        parts += ["\n\n", (group, "bold $accent")]
        for command in commands:
            keys = keys_display(command)
            where = WHERE.get(command.context)
            parts += ["\n", (keys.ljust(KEY_COLUMN), "bold"), command.description]
            if where:
                parts.append((f" ({where})", "$foreground-muted"))
    parts += [
        "\n\n",
        ("Mouse: the wheel scrolls; a click on a library row opens it.", "$foreground-muted"),
    ]
    return Content.assemble(*parts)


class HelpScreen(ModalScreen[None]):
    BINDINGS = bindings(HELP)

    def compose(self) -> ComposeResult:
        with VerticalScroll(id="help"):
            yield Static(help_text(), id="help-text")
        yield Footer()

    def on_mount(self) -> None:
        self.query_one("#help").border_title = "Help"
        self.query_one("#help").focus()
