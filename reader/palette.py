"""Ctrl+P finds articles too: "Open: The Night Depot" by a word of its title, of a
participant's name, of the publication or of a tag — the library filter's own rule
(`reader.core.library_order.matches`), so the palette and `/` in the library agree.

Titles and names come from bundles and the palette reads plain strings as markup, so a
hit's prompt is `Content` built from plain text and its help line goes through
`plain_markup`. (Textual's own `escape` leaves `[$accent]` a style and doubles a backslash.)
"""

from __future__ import annotations

from collections.abc import Callable
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING, Protocol

from textual.command import Hit, Hits, Provider
from textual.content import Content

from reader.core.library_order import matches
from reader.core.sanitize import clean_line

if TYPE_CHECKING:
    from reader.core.catalog import Entry

MOST = 40  # hits offered at once: more words narrow the list


class Opens(Protocol):
    """What the provider needs of the app."""

    def palette_entries(self) -> list[Entry]: ...
    def open_article(self, path: Path) -> None: ...


def prompt(entry: Entry, offsets: tuple[int, ...] = ()) -> Content:
    """ "Open: TITLE", the letters that matched the query underlined."""
    title = Content(clean_line(entry.title))
    for offset in offsets:
        title = title.stylize("underline", offset, offset + 1)
    return Content.assemble(("Open: ", "dim"), title)


def plain_markup(text: str) -> str:
    """Markup that Textual's `Content.from_markup` shows as exactly `text`: every `[` is
    escaped as `\\[` (it alone opens a tag or a `$variable`), and a backslash before
    anything else is kept as it is."""
    return text.replace("[", "\\[")


def about(entry: Entry) -> str:
    """The help line under a hit: who, where, when (as markup: the palette reads it so)."""
    facts = [", ".join(entry.subjects), entry.publication, entry.published]
    return plain_markup(clean_line(" · ".join(fact for fact in facts if fact)))


class ArticleCommands(Provider):
    """The library's articles in the command palette."""

    def _app(self) -> Opens:
        return self.app  # type: ignore[return-value]  # the ReaderApp

    def _open(self, entry: Entry) -> Callable[[], None]:
        return partial(self._app().open_article, entry.path)

    async def search(self, query: str) -> Hits:
        matcher = self.matcher(query)
        found = []
        for entry in self._app().palette_entries():
            if entry.broken or not matches(entry, query):
                continue
            score, offsets = matcher.fuzzy_search.match(query, clean_line(entry.title))
            found.append((score, entry, offsets if score else ()))
        found.sort(key=lambda hit: -hit[0])
        for score, entry, offsets in found[:MOST]:
            # a match in the names or tags only (no fuzzy score) still counts, below titles
            yield Hit(
                max(score, 0.01),
                prompt(entry, tuple(offsets)),
                self._open(entry),
                text=f"Open: {clean_line(entry.title)}",
                help=about(entry),
            )

    # No `discover`: before the user types, the palette lists commands only (a library of
    # 10,000 articles would drown them).
