"""The floor: the least a Textual app can do to show an article — one Static holding the
file's text, no parsing. `python bench/apps/floor.py FILE` (bench/blackbox.py runs it)."""

import sys
from pathlib import Path

from textual.app import App, ComposeResult
from textual.content import Content
from textual.widgets import Static


class Floor(App[None]):
    def __init__(self, path: Path) -> None:
        super().__init__()
        self.path = path

    def compose(self) -> ComposeResult:
        yield Static(Content(self.path.read_text(encoding="utf-8")))


if __name__ == "__main__":
    Floor(Path(sys.argv[1])).run()
