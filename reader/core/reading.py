"""One article as the reading pane shows it: everything the pane knows about it, in one object.

`Reading` holds the layout at the pane's column width, the navigator (the reader's place and
the movement keys), the search session and the progress meter of one article. The pane keeps
exactly one of these and replaces it whole when another article opens, so nothing of the
previous article (a search, a place, cached targets) can leak into the next. Every method
here is a plain computation; the pane draws `layout` from `top()` and reports `progress()`.
"""

from __future__ import annotations

from reader.core import model as m
from reader.core.layout import Layout
from reader.core.navigation import Anchor, Navigator
from reader.core.progress import ProgressMeter, ReadingProgress
from reader.core.search import SearchState
from reader.core.search_session import SearchMove, SearchSession

Position = tuple[int, int]


class Reading:
    def __init__(
        self, article: m.Article, width: int, page: int = 1, position: Position | None = None
    ) -> None:
        self.article = article
        self.layout = Layout(article, width)
        self.nav = Navigator(self.layout, page, Anchor(position or (0, 0)))
        self.search = SearchSession(article)
        self.meter = ProgressMeter(article)

    # -- size ----------------------------------------------------------------------------------
    def resize(self, width: int, page: int) -> bool:
        """A new column width or page height; True when the text had to be wrapped again."""
        self.nav.page = max(1, page)
        if max(1, width) == self.layout.width:
            return False
        self.layout = self.nav.layout = Layout(self.article, width)
        return True

    # -- where the reader is -------------------------------------------------------------------
    @property
    def position(self) -> Position:
        return self.nav.position

    def top(self) -> int:
        return self.nav.top()

    def progress(self) -> ReadingProgress:
        at_end = self.nav.at_end()
        position = self.nav.position
        return ReadingProgress(
            position,
            self.meter.percent(position, at_end),
            self.meter.minutes_left(position, at_end),
            self.nav.current_question(),
        )

    # -- search --------------------------------------------------------------------------------
    def find(self, query: str) -> SearchState:
        """Search as the reader types (hits highlighted; the current one brought into view)."""
        return self._apply(self.search.search(query, self.nav.position))

    def next_match(self) -> SearchState:
        return self._step(1)

    def prev_match(self) -> SearchState:
        return self._step(-1)

    def _step(self, direction: int) -> SearchState:
        current = self.search.current
        shown = current is not None and self.nav.shows((current.block, current.start))
        return self._apply(self.search.step(direction, self.nav.position, shown))

    def _apply(self, move: SearchMove) -> SearchState:
        if move.back_to is not None:
            self.nav.go_to(move.back_to)
        if move.reveal is not None:
            self.nav.go_to(move.reveal, top=False)
        return move.state
