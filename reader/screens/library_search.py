"""Ctrl+F: search every interview of the library, results as you type, grouped by article.

A query runs on the library's full-text index in a thread once typing pauses for PAUSE
seconds (a query takes tens of milliseconds on 10,000 interviews, but a word typed key by
key would start one per key), and each keystroke cancels the search under way: its SQLite
work stops at the next progress check, its snippets at the next hit, so closing the screen
or quitting never waits for one. Enter opens the article at the turn of the highlighted
passage, with the same query searched in it (the search language is one:
`reader.core.query`). The reader's notes that the query finds come first, each saying it
is theirs and which words it is on; Enter on one opens the article at that highlight.
Every string shown comes from bundles or notes, so rows are built as Content from plain
strings, never as markup.
"""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.binding import Binding
from textual.containers import Vertical
from textual.content import Content
from textual.screen import ModalScreen
from textual.widgets import Input, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from reader.core.highlights.listing import NOTE_MARK, first_words
from reader.core.highlights.model import Highlight
from reader.core.library import Hit, Hits, Library, QueryError, group_by_article
from reader.core.sanitize import clean, clean_line
from reader.core.times import format_clock
from reader.core.wording import plural
from reader.widgets.reader_list import ReaderList

LIMIT = 100  # passages fetched per query: several screenfuls, grouped by article
NOTE_WORDS = 80  # characters of the highlighted words shown under a note
PAUSE = 0.15  # seconds of no typing before the query runs


def hit_row(hit: Hit) -> Content:
    """One passage: the time of a timed turn, the speaker (if any), then the snippet with its
    matches marked. A note: "✎ Your note:", the note, then the words it is on and who said
    them."""
    parts: list[tuple[str, str] | str] = ["  "]
    if hit.is_note:
        parts.append((f"{NOTE_MARK} Your note: ", "bold $accent"))
    elif hit.time is not None:
        parts.append((format_clock(hit.time) + " ", "$text-muted"))
    if hit.speaker_name and not hit.is_note:
        parts.append((clean_line(hit.speaker_name) + ": ", "bold"))
    for text, is_match in hit.snippet_parts():
        text = clean(text).replace("\n", " ").replace("\t", " ")
        parts.append((text, "bold reverse") if is_match else text)
    if hit.is_note:
        who = f" — {clean_line(hit.speaker_name)}" if hit.speaker_name else ""
        on = f"\n    on “{first_words(hit.words, NOTE_WORDS)}”{who}"
        parts.append((on, "$text-muted italic"))
    return Content.assemble(*parts)


def counted(hits: Sequence[Hit], more: bool = False) -> str:
    """ "1 note and 3 passages", "2 notes", "12 passages", "100+ passages" (`more`: there
    may be more than were fetched)."""
    notes = sum(hit.is_note for hit in hits)
    count = len(hits) - notes
    passages = plural(count, "passage", shown=f"{count}+" if more else "")
    if not notes:
        return passages
    return f"{plural(notes, 'note')} and {passages}" if count else plural(notes, "note")


def article_row(group: list[Hit]) -> Content:
    count = f"  {counted(group)}"
    return Content.assemble((clean_line(group[0].title), "bold"), (count, "$text-muted"))


def summary(hits: Hits, articles: int) -> str:
    if not hits:
        return f"no matches — {hits.notice}" if hits.notice else "no matches"
    text = f"{counted(hits, len(hits) >= LIMIT)} in {plural(articles, 'interview')}"
    if hits.partial:
        text += " — too many to rank: the first in library order; add words to narrow"
    return f"{text} — {hits.notice}" if hits.notice else text


@dataclass(frozen=True)
class Chosen:
    """The passage to open, and the query that found it (to search the article with)."""

    hit: Hit
    query: str


class LibrarySearchScreen(ModalScreen[Chosen | None]):
    """A query box over the ranked passages of the library under `root`; dismissed with the
    passage to open (None: closed without choosing)."""

    DEFAULT_CSS = """
    LibrarySearchScreen {
        align: center middle;
        & > #library-search {
            width: 90%;
            max-width: 120;
            height: 80%;
            border: round $primary;
            border-title-color: $text;
            background: $surface;
            padding: 0 1;
        }
        & #library-search-input { border: none; height: 1; padding: 0 1; margin-bottom: 1; }
        & #library-search-status { height: 1; color: $text-muted; margin-bottom: 1; }
        & #library-search-status.-error { color: $warning; }
        & #library-search-results { height: 1fr; border: none; background: $surface; }
        & #library-search-results > .option-list--option-disabled { color: $text; }
    }
    """

    BINDINGS = [
        Binding("escape", "dismiss", "Close", show=False),
        Binding("down", "move('cursor_down')", show=False),
        Binding("up", "move('cursor_up')", show=False),
        Binding("pagedown", "move('page_down')", show=False),
        Binding("pageup", "move('page_up')", show=False),
    ]

    def __init__(
        self, root: Path, library: Library, query: str = "", notes: Sequence[Highlight] = ()
    ) -> None:
        """`notes`: the reader's highlights with notes, searched too."""
        super().__init__()
        self.root = root
        self._cache = library
        self.initial = query
        self.notes = list(notes)
        self.hits: Hits = Hits()
        self._shown = ""  # the query whose hits are shown
        self._open_first = False  # Enter came before the hits of the query typed

    def compose(self) -> ComposeResult:
        with Vertical(id="library-search"):
            yield Input(
                self.initial,
                placeholder='words, "a phrase", prefix*, speaker:NAME, q:, a:',
                id="library-search-input",
                select_on_focus=False,
            )
            yield Static("", id="library-search-status", markup=False)
            yield ReaderList(id="library-search-results")

    @property
    def input(self) -> Input:
        return self.query_one("#library-search-input", Input)

    @property
    def results(self) -> ReaderList:
        return self.query_one("#library-search-results", ReaderList)

    def on_mount(self) -> None:
        self.query_one("#library-search").border_title = "Search the library"
        self.results.can_focus = False  # typing stays in the box; ↑ ↓ move the highlight
        self.input.focus()
        if self.initial:
            self.run_search(self.initial)

    @on(Input.Changed, "#library-search-input")
    def _typed(self, event: Input.Changed) -> None:
        event.stop()
        self.workers.cancel_group(self, "library-search")  # superseded: stop it now
        self._after_pause(event.value)

    @work(exclusive=True, group="library-search-typing")
    async def _after_pause(self, query: str) -> None:
        """Search for `query` unless another key comes within PAUSE (which cancels this)."""
        await asyncio.sleep(PAUSE)
        self.run_search(query)

    @work(thread=True, exclusive=True, group="library-search")
    def run_search(self, query: str) -> None:
        """Query the index in a thread; show the result unless a newer keystroke came."""
        if not query.strip():
            outcome: Hits | str = Hits()
        else:
            worker = get_current_worker()  # cancelled by a newer keystroke, Esc, or quitting
            try:
                outcome = self._cache.search(
                    query,
                    root=self.root,
                    limit=LIMIT,
                    cancelled=lambda: worker.is_cancelled,
                    notes=self.notes,
                )
            except QueryError as exc:
                outcome = str(exc)
        if not get_current_worker().is_cancelled:
            self.app.call_from_thread(self._show, query, outcome)

    def _show(self, query: str, outcome: Hits | str) -> None:
        if not self.is_active:  # closed (Esc, q) while the search was on its way back
            return
        status = self.query_one("#library-search-status", Static)
        status.set_class(isinstance(outcome, str), "-error")
        if isinstance(outcome, str):
            status.update(outcome)
            self._shown, self._open_first = query, False
            return
        self.hits, self._shown = outcome, query
        groups = group_by_article(outcome)
        number = {id(hit): i for i, hit in enumerate(outcome)}
        options: list[Option] = []
        for group in groups:
            options.append(Option(article_row(group), disabled=True))
            options += [Option(hit_row(hit), id=str(number[id(hit)])) for hit in group]
        status.update(summary(outcome, len(groups)) if query.strip() else "")
        self.results.set_options(options)
        if options:
            self.results.action_first()
        if self._open_first and query == self.input.value:
            self._open_first = False
            self.open(self.highlighted)

    def action_move(self, name: str) -> None:
        getattr(self.results, f"action_{name}")()

    @property
    def highlighted(self) -> Hit | None:
        option = self.results.highlighted_option
        return self.hits[int(option.id)] if option is not None and option.id else None

    @on(Input.Submitted, "#library-search-input")
    def _submitted(self, event: Input.Submitted) -> None:
        event.stop()
        if event.value != self._shown:  # typed and Enter at once: open the query's best hit
            self._open_first = True
            self.workers.cancel_group(self, "library-search-typing")
            self.run_search(event.value)
            return
        self.open(self.highlighted)

    @on(ReaderList.OptionSelected, "#library-search-results")
    def _clicked(self, event: ReaderList.OptionSelected) -> None:
        event.stop()
        if event.option.id:
            self.open(self.hits[int(event.option.id)])

    def open(self, hit: Hit | None) -> None:
        """Close, handing `hit` to whoever opened the screen (it opens the article there)."""
        if hit is not None:
            self.dismiss(Chosen(hit, self.input.value))
