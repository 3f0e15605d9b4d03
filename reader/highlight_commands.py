"""The reader's highlights as the app acts on them: placing the open article's highlights
in it, the keys that make, note, colour, quote and remove one, `S` (their export), and
copying a quote.

A mixin of `ReaderApp` rather than an object the app delegates to, because Textual looks up
actions (`action_note`), message handlers (`on_article_view_keep`) and `check_action` on the
app's own class, and `@work` runs on it: as a base class these are the app's without a
forwarding method each. It keeps app.py to what ties the app together (themes, opening
articles, state). Everything here reaches the panes through `ReaderApp.reading`, like the
rest of the app, and nothing but the app imports it (pyproject.toml's import contracts).
"""

from __future__ import annotations

from abc import abstractmethod
from dataclasses import replace
from pathlib import Path
from typing import TYPE_CHECKING

from textual import work
from textual.app import App
from textual.widgets import Input

from reader.clipboard import local_copy
from reader.commands import APP, in_context
from reader.core import model as m
from reader.core.highlights.listing import orphan_notice, rows
from reader.core.highlights.model import COLOURS, Highlight, highlight, place
from reader.core.highlights.quote import attributed_quote, quoted_text
from reader.core.highlights.store import HighlightStore
from reader.core.library_order import RowMarks
from reader.core.state import StateStore
from reader.screens.reading import ReadingScreen
from reader.widgets.article_view import ArticleView

if TYPE_CHECKING:
    from reader.core.library import Library


# the app's own highlight commands (a, c, y, x, S): they act on the reading pane
HIGHLIGHT_ACTIONS = frozenset(c.action for c in in_context(APP) if c.group == "Highlights")


class HighlightCommands(App[None]):
    """The highlight commands of `ReaderApp`, which sets these attributes in its
    `__init__` and defines the two members below."""

    store: StateStore
    highlights: HighlightStore
    article: m.Article | None
    article_key: str | None
    _highlight_wanted: str | None  # a note's highlight to show once placed

    @property
    @abstractmethod
    def reading(self) -> ReadingScreen:
        """The reading screen, the app's one door to the panes."""

    @property
    @abstractmethod
    def cache(self) -> Library:
        """The library's cache (where the highlights' bundles are now)."""

    @abstractmethod
    def deliver(self, name: str, text: str) -> Path | None:
        """Offer `text` to the reader as a file (a download in a browser tab)."""

    def _show_highlights(self, current: str | None = None) -> None:
        """Place the open article's highlights in it as it is now (once it is complete: a
        preview lacks the end), keeping re-found places, and show them; `current`: the one
        just made, which keys act on next (a note's, opened from the library search, too)."""
        article = self.article
        if article is None or not article.complete:
            return
        kept = self.highlights.of(article.identity)
        # (the article as one text only for highlights to place: 50 ms at 100,000 turns)
        placed = place(article, self.reading.article_text, kept) if kept else []
        wanted, self._highlight_wanted = self._highlight_wanted, None
        for one in placed:
            if one.located is not None and one.located.moved:
                self.highlights.put(one.highlight, touch=False)
            if one.highlight.id == wanted and one.located is not None:
                self.reading.go_to(one.located.anchor.start)
                current = wanted
            elif one.highlight.id == wanted:  # a note found, on words the bundle lost since
                (row,) = rows([one])
                self.notify(orphan_notice(row), title="Highlight", markup=False, timeout=8)
        self.reading.show_highlights(placed, current)

    def on_article_view_keep(self, event: ArticleView.Keep) -> None:
        self._take_kept()

    def _take_kept(self) -> None:
        """Keep what the pane kept and nobody took yet, in order: its Keep messages, and
        before a key acts on a highlight (`h` then `c` typed at once: the `c` can arrive
        before the message, and must colour the words just kept)."""
        for keep in self.reading.take_kept():
            article, anchor = keep.article, keep.anchor
            if keep.copy:
                self.copy_quote(attributed_quote(article, anchor))
                continue
            made = highlight(article, self.reading.article_text, anchor)
            self.highlights.put(made)
            self._show_highlights(current=made.id)  # a, c, y and x act on it next
            self._refresh_library()
            self.notify(f"Highlighted: {quoted_text(anchor)[:60]}", markup=False, timeout=3)

    def _highlight_in_view(self) -> Highlight | None:
        """The highlight on screen that a key acts on (none: say so)."""
        self._take_kept()
        article = self.article
        found = self.reading.highlight_in_view() if article is not None else None
        kept = {h.id: h for h in self.highlights.of(article.identity)} if article and found else {}
        if found is None or found not in kept:
            self.notify("No highlight on screen: select words with v, then h", timeout=3)
            return None
        return kept[found]

    def check_action(self, action: str, parameters: tuple[object, ...]) -> bool | None:
        if action in HIGHLIGHT_ACTIONS and not self.reading.is_mounted:
            return False  # a key typed before the panes are made: no highlight to act on
        # `a` runs at once (reader.commands), but types into a box that has focus
        return not (action == "note" and isinstance(self.focused, Input))

    # The note and export screens are imported when first opened, and so is the export
    # itself (reader.core.highlights.export, collect): the first frame needs none of them.

    def action_note(self) -> None:
        from reader.screens.note import NoteScreen

        one = self._highlight_in_view()
        if one is not None:

            def write(note: str | None) -> None:
                if note is not None:
                    self.highlights.put(replace(one, note=note))
                    self._show_highlights()  # the sidebar's note mark

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

    def action_export_highlights(self) -> None:
        """`S`: the open article's highlights, or every article's, as Markdown."""
        from reader.screens.export import Counts, ExportScreen

        article = self.article
        here = self.highlights.count(article.identity) if article is not None else 0
        articles = self.highlights.articles()
        total = sum(self.highlights.count(identity) for identity in articles)
        if not total:
            self.notify("No highlights yet: select words with v, then h", timeout=4)
            return
        counts = Counts(article.title if article else "", here, total, len(articles))
        self.push_screen(ExportScreen(counts), callback=self._export_highlights)

    def _export_highlights(self, which: str | None) -> None:
        from reader.core.highlights.export import ArticleHighlights, to_markdown
        from reader.screens.export import ARTICLE, EVERY

        article = self.article
        if which == ARTICLE and article is not None:
            name = f"{article.slug}-highlights.md"
            if article.complete:  # placed as the pane shows them
                kept = self.highlights.of(article.identity)
                placed = place(article, self.reading.article_text, kept)
                group = ArticleHighlights(article.title, str(article.source), article, placed)
                self.deliver(name, to_markdown([group]))
            else:
                self._write_highlights(
                    {article.identity: self.highlights.of(article.identity)}, name
                )
        elif which == EVERY:
            every = self.highlights.articles()
            self._write_highlights({a: self.highlights.of(a) for a in every}, "highlights.md")

    @work(thread=True, group="export")
    def _write_highlights(self, kept: dict[str, list[Highlight]], name: str) -> None:
        """Place the highlights in their bundles — loaded where the library has them now, else
        where they were last seen (in a thread: it reads files) — then deliver them."""
        from reader.core.highlights import collect
        from reader.core.highlights.export import to_markdown

        places = self.cache.places(kept)
        paths = {identity: str(found[0].path) for identity, found in places.items()}
        if self.article is not None:
            paths[self.article.identity] = str(self.article.source)
        text = to_markdown(collect.grouped(kept, paths))
        self.call_from_thread(self.deliver, name, text)

    def copy_quote(self, quote: str) -> None:
        self.copy_to_clipboard(quote)
        if not self.is_web:  # in a browser tab the server's clipboard is not the reader's
            self._copy_locally(quote)
        self.notify(quote[:200], title="Copied", markup=False, timeout=4)

    @work(thread=True, group="clipboard")
    def _copy_locally(self, text: str) -> None:
        local_copy(text)

    def _refresh_library(self) -> None:
        counts = {a: self.highlights.count(a) for a in self.highlights.articles()}
        marks = RowMarks(self.store.state.articles, self.article_key, counts)
        self.reading.show_library_progress(marks)
