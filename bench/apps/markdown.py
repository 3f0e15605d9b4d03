"""Textual's Markdown widget in a minimal app (a VerticalScroll holding it, as
MarkdownViewer does): `python bench/apps/markdown.py FILE` (bench/blackbox.py runs it)."""

import sys
from pathlib import Path

from textual.app import App, ComposeResult
from textual.containers import VerticalScroll
from textual.widgets import Markdown


class MarkdownApp(App[None]):
    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        with VerticalScroll():
            yield Markdown(self.path.read_text(encoding="utf-8"))

    def on_mount(self) -> None:
        self.query_one(VerticalScroll).focus()  # PgDn scrolls it


if __name__ == "__main__":
    MarkdownApp(Path(sys.argv[1])).run()
