"""The library pane: one row per bundle, sorted and filtered as you type.

Rows arrive from a worker thread while the folder is scanned, so a large library shows its
first pieces at once; broken bundles are listed (greyed, with their first problem) rather
than stopping the rest. Selecting a row posts `LibraryList.OpenRequested`.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, replace
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import on, work
from textual.app import ComposeResult
from textual.containers import Vertical
from textual.content import Content
from textual.message import Message
from textual.widgets import Input, ProgressBar, Static
from textual.widgets.option_list import Option
from textual.worker import get_current_worker

from reader.commands import LIBRARY, bindings
from reader.core.diagnostics import Diagnostic
from reader.core.library_order import SORT_LABELS, SORTS, RowMarks, arrange, next_sort
from reader.core.sanitize import clean_line
from reader.core.state import SavedProgress, article_key, progress_label
from reader.widgets.reader_list import ReaderList, Row

if TYPE_CHECKING:
    from reader.core.catalog import Entry
    from reader.core.library import Library, ScanStep


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


def with_rules(options: list[Option]) -> list[Option | None]:
    """A thin rule under each row (None is OptionList's divider)."""
    return [item for option in options for item in (option, None)]


FIRST_ROWS = 60  # rows shown first from a large hand-over: more than a screen holds


def _keep_first_rows(library: Library, root: Path, entries: list[Entry], kept: list[Entry]) -> None:
    """Keep the rows a start shows on top of `root`'s list (its first order, no filter) for
    the next warm start to show before it reads the rest (`Library.first_rows`), unless
    they are the ones `kept` already."""
    first = arrange(entries, SORTS[0], "", lambda entry: None)[:FIRST_ROWS]
    top = [entry.path for entry in first]
    if top != [entry.path for entry in kept]:
        library.keep_first_rows(root, top)


class _Keys:
    """Entries' article keys, each resolved once when first asked (10,000 take a second)."""

    def __init__(self) -> None:
        self._keys: dict[int, str] = {}

    def __call__(self, entry: Entry) -> str:
        key = self._keys.get(id(entry))
        if key is None:
            key = self._keys[id(entry)] = article_key(entry.path)
        return key


def row_height(entry: Entry) -> int:
    """The lines of `entry_row`'s row (rows never wrap): a broken bundle's two, else three."""
    return 2 if entry.broken else 3


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

    def add_entries(
        self, entries: list[Entry], keys: list[str] | None = None, gone: tuple[Path, ...] = ()
    ) -> None:
        """New entries, or entries replacing those of the same path (a bundle changed since
        the cache knew it), and the paths of bundles gone; `keys`: their article keys, when
        the caller has them (resolving 10,000 paths is best done off the app's thread)."""
        keys = keys or [article_key(entry.path) for entry in entries]
        replaced: dict[Entry, Entry] = {}
        for entry, key in zip(entries, keys, strict=True):
            old = self._by_key.get(key)
            if old is None:
                self.entries.append(entry)
            elif old.path == entry.path:
                replaced[old] = entry
            else:
                continue  # one bundle reached by two links is listed once
            self._keys[entry], self._by_key[key] = key, entry
        if replaced or gone:
            going = set(gone)
            self.entries = [replaced.get(e, e) for e in self.entries if e.path not in going]
            self._keys = {entry: self._keys[entry] for entry in self.entries}
            self._by_key = {key: entry for entry, key in self._keys.items()}
        self.refresh_rows()

    def _row(self, entry: Entry) -> Row:
        key = self._keys[entry]
        progress = self.progress.get(key)
        count = self.highlight_counts.get(entry.identity, 0)
        cache_key = (entry, progress_label(progress), key == self.current, count)
        row = self._rows.get(cache_key)
        if row is None:  # made when drawn: a 10,000-bundle library shows 13 of them
            make = partial(entry_row, entry, progress, key == self.current, count, self.times)
            row = self._rows[cache_key] = Row(make, row_height(entry))
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

    def __init__(self, *, id: str | None = None, times: bool = True) -> None:
        """A pane mounted after the first frame is given its folder (`scan`) and progress
        (`set_progress`) before it is mounted: it keeps them until then."""
        super().__init__(id=id)
        self._scan: tuple[Path, Callable[[], Library]] | None = None
        self._marks: RowMarks | None = None
        self._expected = 0  # rows a warm start will show, while only its first ones are in
        self.counted = False  # a scan has handed rows over: the heading has a count to give
        # Held, not queried: the app may quit while the pane is being mounted (a key as it
        # starts), and then its on_mount runs with the children already taken away.
        self._heading = Static(id="library-heading")
        self._bar = ProgressBar(id="library-progress", show_eta=False)
        self._bar.display = False
        placeholder = "filter: title, name, publication, tag"
        self.filter_box = Input(placeholder=placeholder, id="library-filter")
        self.filter_box.display = False
        self.entry_list = LibraryList(id="library-list", times=times)

    def compose(self) -> ComposeResult:
        yield self._heading
        yield self._bar
        yield self.filter_box
        yield self.entry_list

    def on_mount(self) -> None:
        self._update_heading()
        if self._marks is not None:
            self.set_progress(self._marks)
        if self._scan is not None:
            self.load(*self._scan)

    def scan(self, root: Path, library: Callable[[], Library]) -> None:
        """List the bundles under `root` through the cache that `library()` gives (called in
        the scan's thread: the app makes its cache on first use, and importing it, with
        SQLite and the parsing pool, would hold up the frames after the first): now, or
        once mounted."""
        if self.is_mounted:
            self.load(root, library)
        else:
            self._scan = (root, library)

    @work(thread=True, exclusive=True, group="library-scan")
    def load(self, root: Path, cache: Callable[[], Library]) -> None:
        """Scan `root` in a thread through the library cache (only new or changed bundles
        are parsed), handing rows to the list as they come; a long scan shows a progress bar."""
        library = cache()
        from reader.core.library import ScanStep  # (imported by `cache()` in this thread)

        kept, total = ([], 0) if self.entry_list.entries else library.first_rows(root)
        if kept:  # a warm start: the rows on top last time, before the library is read
            step, keys = ScanStep(total, total, tuple(kept)), _Keys()
            self.app.call_from_thread(self._add, step, [keys(entry) for entry in kept], total)

        def progress(step: ScanStep) -> None:
            entries, keys = list(step.entries), _Keys()  # keys resolved here, off the app
            if not self.entry_list.is_attached:  # the app quits: the pane is being taken down
                return
            if len(entries) > 2 * FIRST_ROWS:  # a warm start's every row: those on top first
                lst = self.entry_list
                saved = lst.progress
                order = arrange(entries, lst.sort, lst.filter_text, lambda e: saved.get(keys(e)))
                top = order[:FIRST_ROWS]
                first = replace(step, entries=tuple(top), gone=())
                self.app.call_from_thread(self._add, first, [keys(e) for e in top])
                shown = {id(entry) for entry in top}
                entries = [entry for entry in entries if id(entry) not in shown]
            rest = replace(step, entries=tuple(entries))
            self.app.call_from_thread(self._add, rest, [keys(e) for e in entries])

        worker = get_current_worker()  # cancelled when the app quits: stop parsing then
        catalog = library.scan(root, progress, cancelled=lambda: worker.is_cancelled)
        if not worker.is_cancelled:
            self.post_message(self.Loaded(catalog.problems))
            _keep_first_rows(library, root, catalog.entries, kept)  # (may wait for a lock)

    def _add(self, step: ScanStep, keys: list[str], expected: int = 0) -> None:
        """A scan's rows; `expected`: how many there will be, when these are the first rows
        of a warm start (the heading counts them all meanwhile)."""
        if not self.entry_list.is_attached:  # the app quit while this batch was on its way
            return
        if step.entries or step.gone:
            self.entry_list.add_entries(list(step.entries), keys, step.gone)
        self._bar.display = step.done < step.total
        self._bar.update(total=step.total, progress=step.done)
        self._expected, self.counted = expected, True
        self._update_heading()

    def set_progress(self, marks: RowMarks) -> None:
        if not self.is_mounted:  # made after the first frame, on its way: shown once mounted
            self._marks = marks
            return
        self.entry_list.progress = marks.progress
        self.entry_list.highlight_counts = marks.highlights
        self.entry_list.current = marks.current
        self.entry_list.refresh_rows(to_current=True)

    def _update_heading(self) -> None:
        lst = self.entry_list
        total, shown = max(len(lst.entries), self._expected), len(lst.shown())
        count = f"{shown} of {total}" if lst.filter_text else f"{total}"
        if not self.counted:  # not "0" before the scan has said anything
            count = "…"
        heading = Content.assemble(("Library", "bold"), f"  {count} · {SORT_LABELS[lst.sort]}")
        self._heading.update(heading)

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
