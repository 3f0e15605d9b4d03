"""ReaderApp: the Textual app that ties the library, the reading pane, state and themes.

The app owns what outlives a screen — the state store, the themes, the open article — and
the app-wide commands of `reader.commands`; the reading screen owns the panes. Loading a
bundle happens in a worker thread (a long piece shows its first part at once, then the
rest), and every problem reaches the user as a plain-text notification, never a crash.
"""

from __future__ import annotations

import os
from collections.abc import Iterable
from dataclasses import replace
from functools import partial
from pathlib import Path

from textual import work
from textual.app import App, SystemCommand
from textual.dom import DOMNode
from textual.markup import escape as escape_markup
from textual.screen import Screen

from reader import commands
from reader.clipboard import local_copy
from reader.core import model as m
from reader.core.bundle import Loaded, load_bundle
from reader.core.highlights.model import COLOURS, Highlight, highlight, place
from reader.core.highlights.quote import attributed_quote, quoted_text
from reader.core.highlights.store import HighlightStore
from reader.core.library import Hit, Library
from reader.core.pictures import PictureCache
from reader.core.sanitize import clean_line
from reader.core.state import StateStore, article_key, clamp_position
from reader.paths import config_dir, library_cache_path, state_dir, themes_dir
from reader.screens.help import HelpScreen
from reader.screens.library_search import LibrarySearchScreen
from reader.screens.note import NoteScreen
from reader.screens.reading import ReadingScreen
from reader.themes import DEFAULT_THEME, THEME_VARIABLES, load_themes, next_theme
from reader.widgets.article_view import ArticleView
from reader.widgets.library_list import LibraryList, LibraryPane

PREVIEW_CHARS = 30_000  # a longer body shows this much first, then the whole piece
SAVE_EVERY = 2.0  # seconds between saves of the reading position, when it changed


class ReaderApp(App[None]):
    CSS_PATH = "reader.tcss"
    TITLE = "Interview Reader"
    BINDINGS = commands.bindings(commands.APP)
    COMMAND_PALETTE_BINDING = commands.get("palette").keys[0]

    def __init__(self, library: Path, *, open_path: Path | None = None) -> None:
        # NO_COLOR: by default Textual only turns colours grey; in "ANSI colour" mode its
        # filter removes them, leaving bold, italic, dim and underline to tell things apart.
        super().__init__(ansi_color=True if "NO_COLOR" in os.environ else None)
        self.library_root = Path(library)
        self.open_path = Path(open_path) if open_path else None
        self.store = StateStore(state_dir())
        self.store.load()
        self.highlights = HighlightStore(state_dir())
        self.highlights.load()
        self.cache = Library(library_cache_path())  # opened on first use, in the scan's thread
        self.pictures = PictureCache(capacity=64)  # decoded pictures, for every screen
        self._reading = ReadingScreen(
            self.cache,
            self.store.state.measure,
            single=self.open_path is not None,
            pictures=self.pictures,
        )
        self.reader_themes: list[str] = []
        self.article: m.Article | None = None
        self.article_key: str | None = None
        self._saved_position: tuple[int, int] | None = None

    # -- themes and screens -------------------------------------------------------------

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return dict(THEME_VARIABLES)

    def get_default_screen(self) -> Screen:
        return self._reading

    @property
    def reading(self) -> ReadingScreen:
        return self._reading

    def on_mount(self) -> None:
        self._register_themes()
        self._report_state_problems()

    def on_ready(self) -> None:
        """The screen is composed: open the bundle given (or the last one read, without
        waiting for the library scan), and fill the library."""
        if self.open_path is not None:
            self.open_article(self.open_path)
        elif (last := self._last_article()) is not None:
            self.open_article(last)
        self.reading.scan_library(self.open_path or self.library_root)
        self.set_interval(SAVE_EVERY, self._autosave)

    def _last_article(self) -> Path | None:
        """The article read last, if it still exists and belongs to this library."""
        last = self.store.state.last_article
        if not last:
            return None
        path, root = Path(last), Path(article_key(self.library_root))
        return path if path.exists() and path.is_relative_to(root) else None

    def _register_themes(self) -> None:
        folders = [themes_dir(), config_dir() / "themes"]
        themes, problems = load_themes(folders, THEME_VARIABLES)
        for theme in themes.values():
            self.register_theme(theme)
        self.reader_themes = sorted(themes)
        for problem in problems:
            self.notify(str(problem), title="Theme not loaded", severity="warning", markup=False)
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
    ) -> None:
        """Open the bundle at `path` at `position` (default: where the reader left it),
        optionally with `search` highlighted. Called by the library and by other screens."""
        self._remember_position()
        self._load(Path(path), position, search)

    @work(thread=True, exclusive=True, group="open-article")
    def _load(self, path: Path, position: tuple[int, int] | None, search: str | None) -> None:
        first = load_bundle(path, preview_chars=PREVIEW_CHARS)
        if first.article is not None:  # so that laying it out never waits for a file
            self.pictures.read_headers(first.article)
        self.call_from_thread(self._show, first, position, search)
        if first.article is not None and not first.article.complete:
            whole = load_bundle(path)
            if whole.article is not None:
                self.pictures.read_headers(whole.article)
            self.call_from_thread(self._complete, whole)

    def _show(self, loaded: Loaded, position: tuple[int, int] | None, search: str | None) -> None:
        article = loaded.article
        if article is None:
            problem = next((str(d) for d in loaded.diagnostics if d.is_error), "cannot be read")
            self.notify(problem, title="Cannot open this bundle", severity="error", markup=False)
            return
        key = article_key(loaded.path)
        if position is None:
            saved = self.store.progress(key)
            position = (saved.block, saved.offset) if saved else None
        self._saved_position = position
        self.article, self.article_key = article, key
        self.store.opened(key)
        self.reading.show_article(article, self._clamped(article, position), search)
        self._show_highlights()
        self._refresh_library()

    def _complete(self, loaded: Loaded) -> None:
        """The whole piece after its preview: keep the reader's place (or the saved one)."""
        article = loaded.article
        if article is None or article_key(loaded.path) != self.article_key:
            return
        position = self.reading.progress.position
        saved, preview = self._saved_position, self.article
        if saved is not None and preview is not None and saved[0] >= len(preview.blocks) - 1:
            position = saved  # the saved place was beyond the preview
        self.article = article
        search = self.reading.search_query
        self.reading.show_article(article, self._clamped(article, position), search)
        self._show_highlights()

    @staticmethod
    def _clamped(article: m.Article, position: tuple[int, int] | None) -> tuple[int, int] | None:
        if position is None:
            return None
        return clamp_position(position, [len(b.text) for b in article.blocks])

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
        elif not shown:
            self.notify(
                f"No interviews in {clean_line(str(self.library_root))}. A bundle is a folder"
                " with article.toml and article.md, or a .md file with +++ front matter"
                " (docs/bundle-format.md); `reader import` makes one from a page or transcript.",
                title="Empty library",
                timeout=15,
                markup=False,
            )

    # -- highlights -----------------------------------------------------------------------

    def _show_highlights(self) -> None:
        """Place the open article's highlights in it as it is now (once it is complete: a
        preview lacks the end), keeping re-found places, and show them."""
        article = self.article
        if article is None or not article.complete:
            return
        placed = place(article, self.reading.article_text, self.highlights.of(article.identity))
        for one in placed:
            if one.located is not None and one.located.moved:
                self.highlights.put(one.highlight, touch=False)
        self.reading.show_highlights(placed)

    def on_article_view_keep(self, event: ArticleView.Keep) -> None:
        article, anchor = event.article, event.anchor
        if event.copy:
            self.copy_quote(attributed_quote(article, anchor))
            return
        made = highlight(article, self.reading.article_text, anchor)
        self.highlights.put(made)
        self._show_highlights()
        self._refresh_library()
        self.notify(f"Highlighted: {quoted_text(anchor)[:60]}", markup=False, timeout=3)

    def _highlight_in_view(self) -> Highlight | None:
        """The highlight on screen that a key acts on (none: say so)."""
        found = self.reading.highlight_in_view() if self.article is not None else None
        kept = {h.id: h for h in self.highlights.of(self.article.identity)} if found else {}
        if found is None or found not in kept:
            self.notify("No highlight on screen: select words with v, then h", timeout=3)
            return None
        return kept[found]

    def action_note(self) -> None:
        one = self._highlight_in_view()
        if one is not None:

            def write(note: str | None) -> None:
                if note is not None:
                    self.highlights.put(replace(one, note=note))

            self.push_screen(NoteScreen(quoted_text(one.anchor), one.note), callback=write)

    def action_colour(self) -> None:
        one = self._highlight_in_view()
        if one is not None:
            colour = COLOURS[(COLOURS.index(one.colour) + 1) % len(COLOURS)]
            self.highlights.put(replace(one, colour=colour))
            self._show_highlights()

    def action_quote(self) -> None:
        one = self._highlight_in_view()
        if one is not None and self.article is not None:
            self.copy_quote(attributed_quote(self.article, one.anchor))

    def action_unhighlight(self) -> None:
        one = self._highlight_in_view()
        if one is not None:
            self.highlights.remove(one)
            self._show_highlights()
            self._refresh_library()
            self.notify(f"Highlight removed: {quoted_text(one.anchor)[:60]}", markup=False)

    def copy_quote(self, quote: str) -> None:
        self.copy_to_clipboard(quote)
        self._copy_locally(quote)
        self.notify(quote[:200], title="Copied", markup=False, timeout=4)

    @work(thread=True, group="clipboard")
    def _copy_locally(self, text: str) -> None:
        local_copy(text)

    def _refresh_library(self) -> None:
        counts = {a: self.highlights.count(a) for a in self.highlights.articles()}
        self.reading.show_library_progress(self.store.state.articles, self.article_key, counts)

    # -- state --------------------------------------------------------------------------

    def on_article_view_position_changed(self, event: ArticleView.PositionChanged) -> None:
        if self.article is not None and self.article_key is not None and self.article.complete:
            self.store.record(self.article_key, event.progress.position, event.progress.percent)

    def _remember_position(self) -> None:
        if self.article is not None and self.article_key is not None and self.article.complete:
            progress = self.reading.progress
            self.store.record(self.article_key, progress.position, progress.percent)

    def save_state(self) -> None:
        if self.store.dirty:
            self.store.save()
        if self.highlights.dirty:
            self.highlights.save()
        self._report_state_problems()

    def _autosave(self) -> None:
        """Every few seconds: save if the reader moved, and show the new progress in the list."""
        moved = self.store.dirty
        self.save_state()
        if moved and self.article_key is not None:  # a save makes a new state: show it
            self.reading.update_library_row(self.store.state.articles, self.article_key)

    def _report_state_problems(self) -> None:
        for warning in self.store.take_warnings():
            self.notify(str(warning), title="Reading positions", severity="warning", markup=False)
        for warning in self.highlights.take_warnings():
            self.notify(str(warning), title="Highlights", severity="warning", markup=False)

    async def action_quit(self) -> None:
        self._remember_position()
        self.save_state()
        self.exit()

    def on_unmount(self) -> None:
        self.store.save()  # the screen is gone: nowhere to report a problem
        self.highlights.save()
        self.cache.close()

    # -- commands -----------------------------------------------------------------------

    def action_help(self) -> None:
        if not isinstance(self.screen, HelpScreen):
            self.push_screen(HelpScreen())

    def action_library_search(self) -> None:
        if not isinstance(self.screen, LibrarySearchScreen):
            screen = LibrarySearchScreen(self.library_root, self.cache)
            self.push_screen(screen, callback=self._open_hit)

    def _open_hit(self, hit: Hit | None) -> None:
        """Open a library search hit's article at its turn, the matched word highlighted."""
        if hit is not None:
            self.open_article(hit.path, (hit.block, hit.offset), search=hit.match.lower())

    def get_system_commands(self, screen: Screen) -> Iterable[SystemCommand]:
        """The command palette: the command table (what is available now), then themes."""
        for command in commands.COMMANDS:
            node: DOMNode | None = self
            if command.context != commands.APP:
                node = self.reading.palette_node(command.context)
            if node is None or command.id == "palette":
                continue
            if command.when and not self.reading.command_available(command.when):
                continue
            callback = partial(self.run_action, command.action, node)
            yield SystemCommand(command.description, commands.keys_display(command), callback)
        for name in self.reader_themes:
            # The palette reads titles as markup; a theme's name comes from a file.
            title = f"Theme: {escape_markup(name)}"
            yield SystemCommand(title, "Use this theme", partial(self.use_theme, name))
