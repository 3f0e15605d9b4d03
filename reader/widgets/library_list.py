"""The library pane: one row per bundle, sorted and filtered as you type.

Rows arrive from a worker thread while the folder is scanned, so a large library shows its
first pieces at once; broken bundles are listed (greyed, with their first problem) rather
than stopping the rest. Selecting a row posts `LibraryList.OpenRequested`.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from pathlib import Path

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.strip import Strip
from textual.style import Style
from textual.visual import RenderOptions, RulesMap, Visual
from textual.widgets import Input, ProgressBar, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from reader.commands import LIBRARY, bindings
from reader.core.catalog import Entry
from reader.core.diagnostics import Diagnostic
from reader.core.library import Library, ScanStep
from reader.core.library_order import SORT_LABELS, SORTS, arrange, next_sort
from reader.core.sanitize import clean_line
from reader.core.state import SavedProgress, article_key, progress_label
from reader.widgets.reader_list import ReaderList


def short_problem(entry: Entry) -> str:
    """The first problem, with the bundle's own folder left out (it is long, and the row says
    which bundle it is): "article.toml:1:8: error: …"."""
    if entry.problem is None:
        return ""
    single = entry.path.suffix.lower() == ".md"
    return entry.problem.shown_from(entry.path.parent if single else entry.path)


def entry_row(
    entry: Entry,
    progress: SavedProgress | None,
    current: bool,
    highlights: int = 0,
    times: bool = True,
) -> Content:
    """Three lines: title; subjects and publication; date, length (unless reading times are
    hidden), progress, highlights."""
    marker = "▶ " if current else ""
    if entry.broken:
        return Content.assemble(
            (marker + clean_line(entry.slug), "$foreground-muted strike"),
            "\n",
            (short_problem(entry), "$foreground-muted italic"),
        )
    who = " · ".join(x for x in (", ".join(entry.subjects), entry.publication) if x)
    length = f"{entry.reading_minutes} min" if times else ""
    facts = [entry.published, length, progress_label(progress)]
    if highlights:
        facts.append(f"{highlights} highlight{'s' * (highlights != 1)}")
    return Content.assemble(
        (marker + clean_line(entry.title), "bold"),
        "\n",
        (clean_line(who) or "—", "$foreground-muted"),
        "\n",
        (" · ".join(x for x in facts if x), "$foreground-muted italic"),
    )


class Row(Visual):
    """A row whose height is known without laying it out: the filter rebuilds a list of
    thousands of rows on every keystroke, and measuring each one cost most of the time."""

    def __init__(self, content: Content) -> None:
        self.content = content
        self.height = content.plain.count("\n") + 1  # rows never wrap (text-wrap: nowrap)

    def render_strips(
        self, width: int, height: int | None, style: Style, options: RenderOptions
    ) -> list[Strip]:
        return self.content.render_strips(width, height, style, options)

    def get_optimal_width(self, rules: RulesMap, container_width: int) -> int:
        return self.content.get_optimal_width(rules, container_width)

    def get_height(self, rules: RulesMap, width: int) -> int:
        return self.height


def with_rules(options: list[Option]) -> list[Option | None]:
    """A thin rule under each row (None is OptionList's divider)."""
    return [item for option in options for item in (option, None)]


class LibraryList(ReaderList):
    """The rows. Owns the entries, the sort order and the filter text."""

    BINDINGS = bindings(LIBRARY)

    @dataclass
    class OpenRequested(Message):
        """Enter or a click on a row (a broken bundle's too: the screen says why not)."""

        entry: Entry

    class FilterRequested(Message):
        """`/` in the list: the pane opens its filter box."""

    class Sorted(Message):
        """`o`: the order changed (the pane's heading names it)."""

    def __init__(self, *, id: str | None = None, times: bool = True) -> None:
        super().__init__(id=id)
        self.times = times  # reading times shown in the rows
        self.entries: list[Entry] = []
        self._keys: dict[Entry, str] = {}  # entry -> article key (its resolved path)
        self._by_key: dict[str, Entry] = {}
        self._rows: dict[tuple[Entry, str, bool, int], Row] = {}
        self.sort = SORTS[0]
        self.filter_text = ""
        self.progress: Mapping[str, SavedProgress] = {}
        self.highlight_counts: Mapping[str, int] = {}  # by `Entry.identity`
        self.current: str | None = None  # key of the open article
        self._shown: list[Entry] = []

    def add_entries(self, entries: list[Entry]) -> None:
        for entry in entries:
            key = article_key(entry.path)
            if key not in self._by_key:  # one bundle reached by two links is listed once
                self.entries.append(entry)
                self._keys[entry], self._by_key[key] = key, entry
        self.refresh_rows()

    def _row(self, entry: Entry) -> Row:
        key = self._keys[entry]
        progress = self.progress.get(key)
        count = self.highlight_counts.get(entry.identity, 0)
        cache_key = (entry, progress_label(progress), key == self.current, count)
        row = self._rows.get(cache_key)
        if row is None:
            row = Row(entry_row(entry, progress, key == self.current, count, self.times))
            self._rows[cache_key] = row
        return row

    def entry_for(self, key: str) -> Entry | None:
        return self._by_key.get(key)

    def _progress_of(self, entry: Entry) -> SavedProgress | None:
        return self.progress.get(self._keys[entry])

    def refresh_rows(self, to_current: bool = False) -> None:
        """Rebuild the rows, keeping the cursor on its entry (or moving it to the open one)."""
        keep = self.highlighted_option.id if self.highlighted_option else None
        if to_current:
            keep = self.current
        self._shown = arrange(self.entries, self.sort, self.filter_text, self._progress_of)
        options = [Option(self._row(entry), id=self._keys[entry]) for entry in self._shown]
        self.set_options(with_rules(options))
        ids = [option.id for option in options]
        target = keep if keep in ids else self.current if self.current in ids else None
        if target is not None:
            self.highlighted = ids.index(target)
        elif options:
            self.highlighted = 0

    def update_row(self, progress: Mapping[str, SavedProgress], key: str) -> None:
        """Redraw one row with new progress (the open article's, after a save)."""
        self.progress = progress
        entry = self.entry_for(key)
        if entry is not None and entry in self._shown:
            self.replace_option_prompt(key, self._row(entry))

    def shown(self) -> list[Entry]:
        return list(self._shown)

    def action_sort(self) -> None:
        self.sort = next_sort(self.sort)
        self.refresh_rows()
        self.post_message(self.Sorted())

    def action_filter(self) -> None:
        self.post_message(self.FilterRequested())

    @on(ReaderList.OptionSelected)
    def _selected(self, event: ReaderList.OptionSelected) -> None:
        event.stop()
        entry = self._shown[event.option_index]
        self.post_message(self.OpenRequested(entry))


class LibraryPane(Vertical):
    """The heading (count and sort order), the filter box and the list."""

    @dataclass
    class Loaded(Message):
        """The scan has finished; `problems` are folder-level errors."""

        problems: list[Diagnostic]

    def __init__(self, library: Library, *, id: str | None = None, times: bool = True) -> None:
        super().__init__(id=id)
        self._cache = library
        self._times = times

    def compose(self) -> ComposeResult:
        yield Static(id="library-heading")
        yield ProgressBar(id="library-progress", show_eta=False)
        yield Input(placeholder="filter: title, name, publication, tag", id="library-filter")
        yield LibraryList(id="library-list", times=self._times)

    @property
    def entry_list(self) -> LibraryList:
        return self.query_one(LibraryList)

    @property
    def filter_box(self) -> Input:
        return self.query_one("#library-filter", Input)

    def on_mount(self) -> None:
        self.filter_box.display = False
        self.query_one(ProgressBar).display = False
        self._update_heading()

    @work(thread=True, exclusive=True, group="library-scan")
    def load(self, root: Path) -> None:
        """Scan `root` in a thread through the library cache (only new or changed bundles
        are parsed), handing rows to the list as they come; a long scan shows a progress bar."""

        def progress(step: ScanStep) -> None:
            self.app.call_from_thread(self._add, list(step.entries), step.done, step.total)

        worker = get_current_worker()  # cancelled when the app quits: stop parsing then
        catalog = self._cache.scan(root, progress, cancelled=lambda: worker.is_cancelled)
        if not worker.is_cancelled:
            self.post_message(self.Loaded(catalog.problems))

    def _add(self, entries: list[Entry], done: int, total: int) -> None:
        if not self.query(LibraryList):  # the app quit while this batch was on its way
            return
        if entries:
            self.entry_list.add_entries(entries)
        bar = self.query_one(ProgressBar)
        bar.display = done < total
        bar.update(total=total, progress=done)
        self._update_heading()

    def set_progress(
        self,
        progress: Mapping[str, SavedProgress],
        current: str | None,
        highlights: Mapping[str, int],
    ) -> None:
        self.entry_list.progress = progress
        self.entry_list.highlight_counts = highlights
        self.entry_list.current = current
        self.entry_list.refresh_rows(to_current=True)

    def _update_heading(self) -> None:
        lst = self.entry_list
        total, shown = len(lst.entries), len(lst.shown())
        count = f"{shown} of {total}" if lst.filter_text else f"{total}"
        heading = Content.assemble(("Library", "bold"), f"  {count} · {SORT_LABELS[lst.sort]}")
        self.query_one("#library-heading", Static).update(heading)

    @on(LibraryList.Sorted)
    def _sorted(self) -> None:
        self._update_heading()

    @on(LibraryList.FilterRequested)
    def open_filter(self) -> None:
        self.filter_box.display = True
        self.filter_box.focus()

    def close_filter(self, clear: bool) -> None:
        """Leave the filter box; `clear` also removes the filter."""
        if clear:
            self.filter_box.value = ""
            self.filter_box.display = False
        self.entry_list.focus()

    @on(Input.Changed, "#library-filter")
    def _filter_changed(self, event: Input.Changed) -> None:
        event.stop()
        self.entry_list.filter_text = event.value
        self.entry_list.refresh_rows()
        self._update_heading()

    @on(Input.Submitted, "#library-filter")
    def _filter_submitted(self, event: Input.Submitted) -> None:
        event.stop()
        self.filter_box.display = bool(event.value)
        self.entry_list.focus()
