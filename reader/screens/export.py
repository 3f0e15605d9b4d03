"""S — save highlights as Markdown: the open article's, or every article's. A small list to
choose from, dismissed with the choice (None: closed); the app writes the Markdown
(`reader.core.highlights.export`) and hands it over (`ReaderApp.deliver`: a file in the
downloads folder in a terminal, a download in a browser).
"""

from __future__ import annotations

from dataclasses import dataclass

from textual import on
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Static
from textual.widgets.option_list import Option

from reader.core.sanitize import clean_line
from reader.core.wording import plural
from reader.widgets.reader_list import ReaderList

ARTICLE, EVERY = "article", "every"  # what the screen is dismissed with


@dataclass(frozen=True)
class Counts:
    """What there is to save: the open article's title and highlights ("" and 0 when none
    is open), and every highlight kept, in how many articles."""

    title: str
    here: int
    total: int
    articles: int


def choices(counts: Counts) -> list[Option]:
    """The open article's highlights (greyed when it has none), then every article's."""
    title = clean_line(counts.title)
    if counts.title:
        here = f"This article, {title}: {plural(counts.here, 'highlight')}"
    else:
        here = "This article: none is open"
    every = f"Every article: {plural(counts.total, 'highlight')}"
    every += f" in {plural(counts.articles, 'article')}"
    return [
        Option(Content(here), id=ARTICLE, disabled=not counts.here),
        Option(Content(every), id=EVERY, disabled=not counts.total),
    ]


class ExportScreen(ModalScreen[str | None]):
    """Which highlights to save: `ARTICLE` or `EVERY`."""

    DEFAULT_CSS = """
    ExportScreen {
        align: center middle;
        & > #export {
            width: 80%;
            max-width: 90;
            height: auto;
            border: round $primary;
            border-title-color: $text;
            background: $surface;
            padding: 0 1;
        }
        & #export-choices { height: auto; border: none; background: $surface; }
        & #export-hint { color: $text-muted; margin-top: 1; }
    }
    """

    BINDINGS = [Binding("escape,q", "dismiss", "Close", show=False)]

    def __init__(self, counts: Counts) -> None:
        super().__init__()
        self.counts = counts

    def compose(self) -> ComposeResult:
        with Vertical(id="export"):
            yield ReaderList(id="export-choices")
            yield Static(
                Content("Enter saves a Markdown file (quotes, speakers, notes) · Esc closes"),
                id="export-hint",
            )

    @property
    def choice_list(self) -> ReaderList:
        return self.query_one("#export-choices", ReaderList)

    def on_mount(self) -> None:
        self.query_one("#export").border_title = "Save highlights as Markdown"
        options = choices(self.counts)
        self.choice_list.set_options(options)
        first = next((i for i, option in enumerate(options) if not option.disabled), None)
        self.choice_list.highlighted = first
        self.choice_list.focus()

    @on(ReaderList.OptionSelected, "#export-choices")
    def _chosen(self, event: ReaderList.OptionSelected) -> None:
        event.stop()
        self.dismiss(event.option.id)
