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
from reader.core.bundle import Loaded
from reader.core.config import FILE_NAME as CONFIG_FILE
from reader.core.config import choose_library, read_config
from reader.core.highlights.model import COLOURS, Highlight, highlight, place
from reader.core.highlights.quote import attributed_quote, quoted_text
from reader.core.highlights.store import HighlightStore
from reader.core.progress import ReadingProgress
from reader.core.state import StateStore, article_key, clamp_position
from reader.paths import config_dir, sample_library, state_dir
from reader.screens.help import HelpScreen
from reader.screens.library_search import Chosen, LibrarySearchScreen
from reader.screens.note import NoteScreen
from reader.widgets.article_view import ArticleView
from reader.widgets.library_list import LibraryList, LibraryPane

PREVIEW_CHARS = 30_000  # a longer body shows this much first, then the whole piece
SAVE_EVERY = 2.0  # seconds between saves of the reading position, when it changed


class ReaderApp(App[None]):
    CSS_PATH = "reader.tcss"
    TITLE = "Interview Reader"
    BINDINGS = commands.bindings(commands.APP)
    COMMAND_PALETTE_BINDING = commands.get("palette").keys[0]

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
        self.highlights = HighlightStore(state_dir())
        self.highlights.load()
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
        self.reading.show_article(
            article, self._clamped(article, position), search, self._read(key)
        )
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
        else:  # for as long as there is nothing to read, say what a bundle is
            self.reading.show_nothing_to_read(self.library_root, len(shown))

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
        self._record(event.progress)

    def _remember_position(self) -> None:
        self._record(self.reading.progress)

    def _record(self, progress: ReadingProgress) -> None:
        if self.article is not None and self.article_key is not None and self.article.complete:
            key = self.article_key
            self.store.record(key, progress.position, progress.percent, progress.finished)

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
            self.push_screen(HelpScreen(self.config.keys))

    def action_library_search(self) -> None:
        if not isinstance(self.screen, LibrarySearchScreen):
            screen = LibrarySearchScreen(self.library_root, self.cache)
            self.push_screen(screen, callback=self._open_hit)

    def _open_hit(self, chosen: Chosen | None) -> None:
        """Open a library search hit's article at its turn, the query searched in it (a hit
        in the title or standfirst opens the article at its top)."""
        if chosen is not None:
            hit = chosen.hit
            position = (hit.block, hit.offset) if hit.block >= 0 else (0, 0)
            self.open_article(hit.path, position, search=chosen.query)

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
            keys = commands.keys_display(command, self.config.keys)
            yield SystemCommand(command.description, keys, callback)
        for name in self.reader_themes:
            # The palette reads titles as markup; a theme's name comes from a file.
            title = f"Theme: {escape_markup(name)}"
            yield SystemCommand(title, "Use this theme", partial(self.use_theme, name))
