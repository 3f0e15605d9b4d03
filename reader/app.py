"""ReaderApp: the Textual app that ties the library, the reading pane, state and themes.

The app owns what outlives a screen — the state store, the themes, the open article — and
the app-wide commands of `reader.commands` (the highlight commands in its base class,
`reader.highlight_commands`); the reading screen owns the panes. Loading a bundle happens in
a worker thread (a long piece shows its first part at once, then the rest), and every
problem reaches the user as a plain-text notification, never a crash.
"""

from __future__ import annotations

import asyncio
import os
import threading
from collections.abc import Callable, Iterable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from textual import events, work
from textual.app import App, SystemCommand
from textual.dom import DOMNode
from textual.notifications import SeverityLevel
from textual.screen import Screen
from textual.worker import get_current_worker

from reader import commands, gc_pause, shutdown
from reader.core import model as m
from reader.core.bundle import Loaded, load_bundle
from reader.core.config import FILE_NAME as CONFIG_FILE
from reader.core.config import choose_library, read_config, theme_problem
from reader.core.highlights.store import HighlightStore
from reader.core.pictures import PictureCache
from reader.core.progress import ReadingProgress
from reader.core.sanitize import clean_line
from reader.core.state import StateStore, article_key, clamp_position
from reader.early import Early
from reader.give_way import GiveWay
from reader.highlight_commands import HighlightCommands
from reader.palette import ArticleCommands, plain_markup
from reader.paths import config_dir, library_cache_path, sample_library, state_dir, theme_folders
from reader.screens.reading import ReadingScreen
from reader.stylesheet import ThemeStylesheet
from reader.themes import DEFAULT_THEME, THEME_VARIABLES, load_themes, next_theme
from reader.widgets.article_view import ArticleView
from reader.widgets.library_list import LibraryList, LibraryPane

if TYPE_CHECKING:
    from reader.core.catalog import Entry
    from reader.core.layout import Layout
    from reader.core.library import Library
    from reader.screens.library_search import Chosen

PREVIEW_CHARS = 30_000  # a longer body shows this much first, then the whole piece
SAVE_EVERY = 2.0  # seconds between saves of the reading position, when it changed
EARLY_WAIT = 0.25  # seconds the first frame may wait for the piece opened at start


class ReaderApp(HighlightCommands):
    CSS_PATH = "reader.tcss"
    TITLE = "Interview Reader"
    BINDINGS = commands.bindings(commands.APP)
    COMMAND_PALETTE_BINDING = commands.get("palette").keys[0]
    COMMANDS = App.COMMANDS | {ArticleCommands}

    def __init__(
        self,
        library: Path | None = None,
        *,
        open_path: Path | None = None,
        open_turn: int | None = None,
    ) -> None:
        """`library`: the folder to list (None: the one config.toml names, else the one used
        last, else the samples); `open_path`: one bundle to open alone, at `open_turn`."""
        # NO_COLOR: by default Textual only turns colours grey; in "ANSI colour" mode its
        # filter removes them, leaving bold, italic, dim and underline to tell things apart.
        super().__init__(ansi_color=True if "NO_COLOR" in os.environ else None)
        self.store = StateStore(state_dir())
        self.store.load()
        self.highlights = HighlightStore(state_dir())
        self.highlights.load()
        self.config, self._config_problems = read_config(
            config_dir() / CONFIG_FILE, commands.command_keys(), commands.key_name
        )
        self._library_notice: str | None = None
        if library is None:
            last = self.store.state.last_library
            library, self._library_notice = choose_library(self.config, last, sample_library())
        self.library_root = Path(library)
        self.open_path = Path(open_path) if open_path else None
        self.open_turn = open_turn  # `reader BUNDLE --turn N`: where to open it
        self._cache: Library | None = None  # made on first use (`cache`)
        self._making_cache = threading.Lock()  # the first use may be in the scan's thread
        self._scan_held = threading.Lock()  # the two below, set by the load's thread too
        self._reading_whole = False  # the whole of a long piece is being read
        self._scan_waits = False  # the library's scan waits until it is read
        self.pictures = PictureCache(capacity=64)  # decoded pictures, for every screen
        self._reading = ReadingScreen(
            self.config.width or self.store.state.measure,
            single=self.open_path is not None,
            times=self.config.reading_times,
            transcript_times=self.config.transcript_times,
            pictures=self.pictures,
            composed=self._show_waiting,
        )
        self.reader_themes: list[str] = []
        self._theme_problems: list[tuple[str, str]] = []  # (title, message), told on mount
        self._register_themes()  # before the first styling pass: one pass, not two
        # made again for the theme chosen, so that its sources are parsed once (see there)
        self.stylesheet = ThemeStylesheet(variables=self.get_css_variables())
        self.article: m.Article | None = None
        self.article_key: str | None = None
        self._saved_position: tuple[int, int] | None = None
        self._preview_opening: tuple[int, int] | None = None  # where a preview opened (`_show`)
        self._highlight_wanted: str | None = None  # a note's highlight to show once placed
        self._early = Early()  # loads that finish before the panes are mounted

    # -- themes and screens -------------------------------------------------------------

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return dict(THEME_VARIABLES)

    def get_default_screen(self) -> Screen:
        return self._reading

    @property
    def reading(self) -> ReadingScreen:
        return self._reading

    @property
    def cache(self) -> Library:
        """The library's cache, made on first use: after the first frame, which needs none
        (importing SQLite, the search index and the parsing pool was a twentieth of a start),
        by the scan's thread, so that the frames after the first do not wait for that import
        either. Its file is opened on first use too, in a worker thread."""
        with self._making_cache:
            if self._cache is None:
                from reader.core.library import Library

                self._cache = Library(library_cache_path())
            return self._cache

    def on_mount(self) -> None:
        # SIGTERM, SIGHUP, SIGINT or a vanished terminal: save the place, then leave
        self._undo_shutdown = shutdown.install(
            self.quit_saving, watch_terminal=not self.is_headless
        )
        self.set_keymap(dict(self.config.keys))
        for title, message in self._theme_problems:
            self.notify(message, title=title, severity="warning", markup=False)
        self._report_state_problems()
        for problem in self._config_problems:
            severity: SeverityLevel = "error" if problem.is_error else "warning"
            self.notify(str(problem), title="Settings", severity=severity, markup=False, timeout=12)
        if self._library_notice:
            self.notify(f"{self._library_notice}; here are the samples.", markup=False)
        # The screen is composed: the bundle given (or the last one read in this library)
        # is read while the first frame is drawn, not after it.
        if self.open_path is not None:
            self.open_article(self.open_path, turn=self.open_turn)
        else:
            self.store.set("last_library", article_key(self.library_root))
            if (last := self._last_article()) is not None:
                self.open_article(last)

    async def on_ready(self) -> None:
        """The first frame is drawn: mount what it did without, and fill the library once
        the sidebar is drawn (the library's pane and scan would keep it waiting)."""
        gc_pause.resume()
        await self.reading.mount_the_rest()
        self.call_after_refresh(self._scan_library)
        self.set_interval(SAVE_EVERY, self._autosave)

    def _scan_library(self) -> None:
        """Bring the library's list up to date. While the whole of a long piece is being
        read, the scan waits until it is (`_load` starts it then): opened as `reader PIECE`,
        the scan is of that piece, which it parsed a second time meanwhile, on the other
        core and against the load's thread (100,000 turns: 7.4 s to the end of the piece
        instead of 4.5)."""
        if self._exit:  # quit as the sidebar was mounted: the panes are being taken down
            return
        with self._scan_held:
            self._scan_waits = self._reading_whole
        if self._scan_waits:
            self.reading.mount_library()  # so that `l` shows it meanwhile
        else:
            self.reading.scan_library(self.open_path or self.library_root, lambda: self.cache)

    def _last_article(self) -> Path | None:
        """The article read last in this library, if it still exists: the last one read of
        all, or else the last one opened in this folder."""
        state, root = self.store.state, article_key(self.library_root)
        last = state.last_article
        if not (last and Path(last).is_relative_to(root)):
            last = state.last_read_under(root)
        return Path(last) if last and Path(last).exists() else None

    def _register_themes(self) -> None:
        themes, problems = load_themes(theme_folders(), THEME_VARIABLES)
        for theme in themes.values():
            self.register_theme(theme)
        self.reader_themes = sorted(themes)
        self._theme_problems += [("Theme not loaded", str(problem)) for problem in problems]
        wanted = self.config.theme or self.store.state.theme or DEFAULT_THEME
        if (missing := theme_problem(self.config, themes)) is not None:
            self._theme_problems.append(("Settings", str(missing)))
            wanted = self.store.state.theme or DEFAULT_THEME
        if wanted not in themes:
            wanted = DEFAULT_THEME if DEFAULT_THEME in themes else next(iter(themes), "")
        if wanted:
            self.theme = wanted

    def action_next_theme(self) -> None:
        self.use_theme(next_theme(self.reader_themes, self.theme))

    def use_theme(self, name: str) -> None:
        self.theme = name
        self.store.set("theme", name)
        self.notify(f"Theme: {name}", markup=False, timeout=2)

    def on_reading_screen_measure_changed(self, event: ReadingScreen.MeasureChanged) -> None:
        self.store.set("measure", event.measure)

    # -- opening articles ---------------------------------------------------------------

    def open_article(
        self,
        path: Path,
        position: tuple[int, int] | None = None,
        search: str | None = None,
        turn: int | None = None,
    ) -> None:
        """Open the bundle at `path` at `position` (default: where the reader left it) or at
        its turn number `turn`, optionally with `search` highlighted. Called by the library
        and by other screens."""
        self._remember_position()
        self.reading.opening()
        self._early.expect()
        self._load(Path(path), position, search, turn, GiveWay(asyncio.get_running_loop()))

    @work(thread=True, exclusive=True, group="open-article")
    def _load(
        self,
        path: Path,
        position: tuple[int, int] | None,
        search: str | None,
        turn: int | None,
        give_way: GiveWay,
    ) -> None:
        """Read the bundle, its preview first, and hand each to the app's thread."""
        worker = get_current_worker()  # cancelled by quitting or by opening another piece

        def stop() -> bool:
            return worker.is_cancelled

        def giving_way() -> bool:
            """`stop`, asked between slices of the whole piece, giving way to the app's
            thread first (reader/give_way.py). Not while the first part is read: the app
            may be waiting for it (`reader.early`)."""
            give_way()
            return worker.is_cancelled

        complete, scan = None, False
        with gc_pause.loading():  # no full collection while the piece is made: see there
            first = self._load_first(path, position, search, turn, stop)
            if first is not None and first.article is not None and not first.article.complete:
                complete, scan = self._read_whole(path, giving_way)
        if complete is not None and not stop() and not self._early.offer(complete):
            self.call_from_thread(self._hand_over, complete)
        if scan and not stop():
            self.call_from_thread(self._scan_library)  # the scan that waited for the piece

    def _read_whole(
        self, path: Path, stop: Callable[[], bool]
    ) -> tuple[Callable[[], None] | None, bool]:
        """`_load_whole`, the library's scan held meanwhile (`_scan_library`); and whether
        a scan waited for it."""
        self._reading_whole = True
        try:
            complete = self._load_whole(path, stop)
        finally:
            with self._scan_held:
                self._reading_whole, waited = False, self._scan_waits
        return complete, waited

    def _load_first(
        self,
        path: Path,
        position: tuple[int, int] | None,
        search: str | None,
        turn: int | None,
        stop: Callable[[], bool],
    ) -> Loaded | None:
        """The preview of a long piece (the whole of a short one), shown at once; None if
        the load was cancelled."""
        show = None
        try:
            # The whole piece when a turn is asked for: it may lie beyond the preview.
            preview = None if turn else PREVIEW_CHARS
            first = load_bundle(path, preview_chars=preview, cancelled=stop)
            if stop():
                return None
            if first.article is not None:  # so that laying it out never waits for a file
                self.pictures.read_headers(first.article)
                first.article.question_blocks()  # found here, not by the frame that needs them
                first.article.word_starts()
            show = partial(self._show, first, position, search, turn)
        finally:
            kept = self._early.offer(show)  # (None: the app waits for this load no longer)
        if not kept and show is not None:
            self.call_from_thread(self._hand_over, show)
        return first

    def _load_whole(self, path: Path, stop: Callable[[], bool]) -> Callable[[], None] | None:
        """The whole piece after its preview, laid out here at the pane's size, ready to be
        shown by `_complete`; None if the load was cancelled."""
        full = load_bundle(path, cancelled=stop)
        ahead = None
        if full.article is not None and not stop():
            self.pictures.read_headers(full.article)
            full.article.question_blocks()
            full.article.word_starts()
            ahead = self.reading.view.layout_ahead(full.article)
            while not stop() and not ahead.advance():
                pass  # wrapped here, not in steps of the app's thread
        return None if stop() else partial(self._complete, full, ahead)

    def _hand_over(self, show: Callable[[], None]) -> None:
        """Show a load's result (one that came after the panes were mounted)."""
        if self.is_running:  # else loaded as the app quits: nowhere to show it
            show()

    def _show_waiting(self) -> None:
        """The panes are mounted (`ReadingScreen`'s `composed`): show what was loaded while
        they were made, waiting a moment for a piece still being read (`reader.early`), so
        that the first frame has its text."""
        for show in self._early.take(timeout=EARLY_WAIT):
            show()

    def _show(
        self,
        loaded: Loaded,
        position: tuple[int, int] | None,
        search: str | None,
        turn: int | None = None,
    ) -> None:
        if self._exit:  # quitting: the screen may already be half taken down
            return
        article = loaded.article
        if article is None:
            problem = str(loaded.problem)
            self.notify(problem, title="Cannot open this bundle", severity="error", markup=False)
            return
        key = article_key(loaded.path)
        if turn is not None:
            block = article.turn_block(turn)
            if block is None:
                count = len(article.turn_starts())
                self.notify(f"There is no turn {turn}: this piece has {count}.", markup=False)
            else:
                position = (block, 0)
        if position is None:
            saved = self.store.progress(key)
            position = (saved.block, saved.offset) if saved else None
        self._saved_position = position
        self.article, self.article_key = article, key
        self.store.opened(key)
        self.reading.show_article(
            article, self._clamped(article, position), search, self._read(key)
        )
        # Where a preview opened, as its pane says it (not learnt from its first report, which
        # a key pressed as the piece appears can overtake): not moved from there, the saved
        # place is kept (it may lie beyond the preview).
        self._preview_opening = None if article.complete else self.reading.progress.position
        self._show_highlights()
        self._refresh_library()

    def _complete(self, loaded: Loaded, ahead: Layout | None = None) -> None:
        """The whole piece after its preview: keep the reader's place (or the saved one),
        with the layout made `ahead` in the load's thread. A whole piece that cannot be read
        (refused past the preview: a stretch too dense to keep) leaves the preview on
        screen, and says why."""
        article = loaded.article
        if self._exit or article_key(loaded.path) != self.article_key:
            return
        if article is None:
            problem = str(loaded.problem)
            self.notify(
                f"Only its beginning is shown. {problem}",
                title="The rest of this piece cannot be read",
                severity="error",
                markup=False,
                timeout=20,
            )
            return
        position = self.reading.progress.position
        saved, preview = self._saved_position, self.article
        if saved is not None and preview is not None and saved[0] >= len(preview.blocks) - 1:
            position = saved  # the saved place was beyond the preview
        self.article = article
        search, to_end = self.reading.search_query, self.reading.asked_for_the_end
        self.reading.show_article(
            article,
            self._clamped(article, position),
            search,
            self._read(self.article_key),
            ahead,
        )
        if to_end:  # G in the preview: the end of the whole piece
            self.reading.go_to_end()
        self._show_highlights()

    def _read(self, key: str | None) -> bool:
        """Whether the article was read to the end before."""
        saved = self.store.progress(key) if key else None
        return saved is not None and saved.read

    @staticmethod
    def _clamped(article: m.Article, position: tuple[int, int] | None) -> tuple[int, int] | None:
        if position is None:
            return None
        blocks = article.blocks
        return clamp_position(position, len(blocks), lambda block: len(blocks[block].text))

    def on_library_list_open_requested(self, event: LibraryList.OpenRequested) -> None:
        self.open_article(event.entry.path)

    def on_library_pane_loaded(self, event: LibraryPane.Loaded) -> None:
        for problem in event.problems:
            self.notify(str(problem), title="Library", severity="warning", markup=False)
        self._refresh_library()
        opening = any(w.group == "open-article" and w.is_running for w in self.workers)
        if self.article is not None or self.open_path is not None or opening:
            return
        shown = self.reading.library_entries()
        first = next((e for e in shown if not e.broken), None)
        if first is not None:  # a first visit: the newest piece rather than an empty pane
            self.open_article(first.path)
        else:  # for as long as there is nothing to read, say what a bundle is
            self.reading.show_nothing_to_read(self.library_root, len(shown))

    # -- state --------------------------------------------------------------------------

    def on_article_view_position_changed(self, event: ArticleView.PositionChanged) -> None:
        self._record(event.progress)

    def _remember_position(self) -> None:
        if self.article is not None:
            self._record(self.reading.progress)

    def _record(self, progress: ReadingProgress) -> None:
        article, key = self.article, self.article_key
        if article is None or key is None:
            return
        if not article.complete and progress.position == self._preview_opening:
            return  # a preview not moved in: keep the saved place
        self.store.record(key, progress.position, progress.percent, progress.finished)

    def save_state(self, *, final: bool = False) -> None:
        if self.store.dirty:
            self.store.save(final=final)
        if self.highlights.dirty:
            self.highlights.save(final=final)
        self._report_state_problems()

    def _autosave(self) -> None:
        """Every few seconds: save if the reader moved, and show the new progress in the list."""
        moved = self.store.dirty
        self.save_state()
        if moved and self.article_key is not None and not self._exit:  # show the new state
            self.reading.update_library_row(self.store.state.articles, self.article_key)

    def _report_state_problems(self) -> None:
        # long enough to be read: the reader must know that positions are not being kept
        for warning in self.store.take_warnings():
            self.notify(
                str(warning),
                title="Reading positions",
                severity="warning",
                markup=False,
                timeout=12,
            )
        for warning in self.highlights.take_warnings():
            self.notify(str(warning), title="Highlights", severity="warning", markup=False)

    async def action_quit(self) -> None:
        self.quit_saving()

    def quit_saving(self, return_code: int = 0) -> None:
        """Save the place and leave: `q`, and SIGTERM or SIGHUP (see reader.shutdown)."""
        self._remember_position()
        self.save_state(final=True)
        self.exit(return_code=return_code)

    def on_unmount(self) -> None:
        self._undo_shutdown()
        self.store.save(final=True)  # the screen is gone: nowhere to report a problem
        self.highlights.save(final=True)
        if self._cache is not None:
            self._cache.close()

    # -- commands -----------------------------------------------------------------------

    # The other screens are imported when first opened, and `reader.handoff` (webbrowser)
    # when something leaves the app: the first frame needs none of them.

    def action_help(self) -> None:
        from reader.screens.help import HelpScreen

        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen(self.config.keys))

    def action_library_search(self) -> None:
        from reader.screens.library_search import LibrarySearchScreen

        if not isinstance(self.screen, LibrarySearchScreen):
            notes = self.highlights.noted()
            screen = LibrarySearchScreen(self.library_root, self.cache, notes=notes)
            self.push_screen(screen, callback=self._open_hit)

    def action_open_original(self) -> None:
        """The page the interview was published on (its `url`), in a browser."""
        from reader import handoff

        url = self.article.url if self.article is not None else ""
        if url:
            handoff.open_link(self, url)
        else:
            self.notify("This interview names no original page.", title="Link", timeout=4)

    def deliver(self, name: str, text: str) -> Path | None:
        """Offer `text` to the reader as a file: a download in a browser tab, a file in the
        downloads folder in a terminal (reader/handoff.py). For exports."""
        from reader import handoff

        return handoff.deliver(self, name, text)

    def on_delivery_failed(self, event: events.DeliveryFailed) -> None:
        from reader import handoff

        if event.name == handoff.DELIVERY:
            problem = clean_line(str(event.exception))
            self.notify(problem, title="Download failed", severity="error", markup=False)

    def _open_hit(self, chosen: Chosen | None) -> None:
        """Open a library search hit's article at its turn, the query searched in it (a hit
        in the title or standfirst opens the article at its top)."""
        if chosen is None:
            return
        hit = chosen.hit
        if hit.is_note:  # at the highlight, where it is found now (the query is the note's)
            self._highlight_wanted = hit.highlight
            self.open_article(hit.path, (hit.block, hit.offset))
            return
        position = (hit.block, hit.offset) if hit.block >= 0 else (0, 0)
        self.open_article(hit.path, position, search=chosen.query)

    def palette_entries(self) -> list[Entry]:
        """The articles the palette can open (the library as listed, unfiltered)."""
        return self.reading.library_catalog()

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The command palette: the command table (what is available now, one entry for each
        action), then themes."""
        actions = set()
        for command in commands.COMMANDS:
            node: DOMNode | None = self
            if command.context != commands.APP:
                node = self.reading.palette_node(command.context)
            if node is None or command.id == "palette" or (command.action, node) in actions:
                continue
            actions.add((command.action, node))
            if command.when and not self.reading.command_available(command.when):
                continue
            callback = partial(self.run_action, command.action, node)
            keys = plain_markup(commands.keys_display(command, self.config.keys))
            yield SystemCommand(command.description, keys, callback)
        for name in self.reader_themes:
            # The palette reads titles as markup; a theme's name comes from a file.
            title = f"Theme: {plain_markup(name)}"
            yield SystemCommand(title, "Use this theme", partial(self.use_theme, name))
