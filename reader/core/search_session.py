"""The in-article search as the reader uses it: typing, stepping with n/N, wrapping, giving up.

A `SearchSession` holds one article's search: the hits of the query, the current hit, and
where the reader was when the search began (the *origin*). It says where the view should go
as a `SearchMove` and never moves anything itself, so every rule — "the first hit at or after
where the search began", "a query that finds nothing goes back to where it began", "n after
the last hit wraps to the first and says so", "n after scrolling away goes on from the
screen" — is tested here on plain data. What the search bar shows is a `SearchState`, kept
here with the session, so that the pane and the bar have it before the first frame while the
search itself (`reader.core.search`, `reader.core.query`) loads only when the index is built:
in a thread once the layout is complete, or at the first query.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, replace
from functools import cached_property
from typing import TYPE_CHECKING

from reader.core import model as m
from reader.core.layout import Line

if TYPE_CHECKING:
    from reader.core.search import ArticleIndex, Match, Matches

PAUSE_FROM = 2_000_000  # characters of text from which typing waits for a pause (see `pauses`)
Position = tuple[int, int]
Mark = tuple[int, int, bool]  # (start, end, is current) in a paragraph's offsets


@dataclass(frozen=True)
class SearchState:
    """What the search bar shows: `counter` is "3/17", "no match", or "" with no query."""

    query: str = ""
    current: int | None = None  # index into the hits
    total: int = 0
    wrapped: bool = False  # the last move went past the end (or the start) and came round
    error: str | None = None

    @property
    def counter(self) -> str:
        if not self.query.strip():
            return ""
        if not self.total or self.current is None:
            return "no match"
        return f"{self.current + 1}/{self.total}"


@dataclass(frozen=True)
class SearchMove:
    """What a search step means for the view."""

    state: SearchState
    reveal: Position | None = None  # bring this character into view (the current hit)
    back_to: Position | None = None  # put this position on top again (where it all began)


class SearchSession:
    def __init__(self, article: m.Article) -> None:
        self.article = article
        self._index: ArticleIndex | None = None
        self._matches: Matches | None = None
        self._current: tuple[int, Match] | None = None  # (index among the hits, hit)
        self._origin: Position | None = None
        self.state = SearchState()

    @property
    def index(self) -> ArticleIndex:
        """The article's text prepared for searching (built on first use, or by `prepare`)."""
        if self._index is None:
            from reader.core.search import ArticleIndex  # (not needed for a first frame)

            self._index = ArticleIndex(self.article)
        return self._index

    def prepare(self) -> None:
        """Build the index now (in the background), so the first keystroke is quick too."""
        _ = self.index

    @cached_property
    def pauses(self) -> bool:
        """Whether a search waits until typing pauses: in a very long article (from
        PAUSE_FROM characters, some 350,000 words) a query of common words costs tens of
        milliseconds or more, and a key typed meanwhile would wait for each one before it.
        Below that a keystroke is searched at once: "the" (16,000 hits) takes 18 ms at
        200,000 words, far less than the pause would. Counted once: every keystroke asks,
        and joining a 200,000-word article's text took 4 ms of each."""
        return sum(len(block.text) for block in self.article.blocks) >= PAUSE_FROM

    @property
    def matches(self) -> Sequence[Match]:
        """The hits of the query on screen (none without one)."""
        return self._matches if self._matches is not None else ()

    @property
    def current(self) -> Match | None:
        return self._current[1] if self._current else None

    def search(self, query: str, position: Position) -> SearchMove:
        """A new query, typed at `position`: the first hit at or after where this search
        began becomes current; no hit (or no query) goes back there."""
        if not query.strip():
            back = self._back(position)
            self._matches, self._current, self._origin = None, None, None
            return self._move(SearchState(query), back_to=back)
        from reader.core.query import QueryError, parse

        if self._origin is None:
            self._origin = position
        try:
            parsed = parse(query)
            self._matches = matches = self.index.search(parsed)
            error = self.index.error(parsed)
        except QueryError as exc:
            self._matches = matches = self.index.search("")
            error = str(exc)
        back = None if len(matches) else self._back(position)
        self._current = matches.first_from(self._origin)
        wrapped = self._current is None
        if wrapped:
            self._current = matches.first()
        state = SearchState(query, None, len(matches), wrapped, error)
        return self._show_current(state, back)

    def step(self, direction: int, position: Position, current_shown: bool) -> SearchMove:
        """n (1) or N (-1): the next or previous hit; from the screen (`position`) when the
        current hit is no longer shown; round the end, with `wrapped` set."""
        matches, current = self._matches, self._current
        if matches is None or current is None:
            return SearchMove(self.state)
        if current_shown:
            target = matches.step(current, direction)
        else:
            after = matches.first_from(position)
            if direction > 0:
                target = after
            else:
                target = matches.step(after, -1) if after is not None else matches.last()
        wrapped = target is None
        if wrapped:
            target = matches.first() if direction > 0 else matches.last()
        self._current = target
        return self._show_current(replace(self.state, wrapped=wrapped))

    def clear(self) -> SearchState:
        """No search any more (the view stays where it is)."""
        self._matches, self._current, self._origin = None, None, None
        self.state = SearchState()
        return self.state

    def marks(self, line: Line) -> tuple[Mark, ...]:
        """The hits on a layout line, in its paragraph's offsets."""
        if self._matches is None or line.paragraph is None:
            return ()
        current = self.current
        return tuple(
            (
                max(start - line.base, line.start),
                min(end - line.base, line.end),
                current is not None and (current.block, current.start) == (line.block, start),
            )
            for start, end in self._matches.spans_in(line.block, line.offset, line.offset_end)
        )

    def _back(self, position: Position) -> Position | None:
        return self._origin if self._origin is not None and self._origin != position else None

    def _show_current(self, state: SearchState, back: Position | None = None) -> SearchMove:
        if self._current is None:
            return self._move(replace(state, current=None), back_to=back)
        index, hit = self._current
        return self._move(replace(state, current=index), reveal=(hit.block, hit.start))

    def _move(self, state: SearchState, **where: Position | None) -> SearchMove:
        self.state = state
        return SearchMove(state, **where)
