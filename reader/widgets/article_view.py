"""The reading pane: one interview drawn line by line (Textual's Line API), never a widget per
paragraph, so a 200,000-word interview opens as fast as a short one.

The pane keeps the reader's place as a model position — (block, char offset) of the first
visible character, plus how many lines above or below it the top is — and works out the
scroll offset from it whenever the layout changes: a new width, a new measure, or the
background layout replacing estimated line counts with exact ones. Colours come from the
theme through COMPONENT_CLASSES, whose CSS uses the variables in `THEME_VARIABLES`.
"""

from __future__ import annotations

import asyncio
import math
from bisect import bisect_left, bisect_right
from dataclasses import replace
from itertools import pairwise

from rich.segment import Segment
from rich.style import Style
from textual.cache import LRUCache
from textual.geometry import Region, Size
from textual.message import Message
from textual.scroll_view import ScrollView
from textual.strip import Strip

from reader.core import model as m
from reader.core.layout import BLANK, DEFAULT_MEASURE, Layout, Line, word_starts, words_after
from reader.core.model import WORDS_PER_MINUTE as WPM
from reader.core.search import ArticleIndex, Hit, Matches, SearchState, parse_query

MIN_MEASURE, MAX_MEASURE, MEASURE_STEP = 40, 200, 4
MARGIN = 2  # cells kept free on each side of the column when the pane is narrow

THEME_VARIABLES = {
    "question": "auto 95%",
    "answer": "auto 82%",
    "narration": "auto 70%",
    "heading": "auto 95%",
    "stage": "auto 55%",
    "caption": "auto 62%",
    "link": "#4a90d9",
    "quote": "auto 45%",
    "match": "#d7a93a 45%",
    "current-match": "#e8793a 85%",
    "speaker-1": "#4f9ddf",
    "speaker-2": "#d9708f",
    "speaker-3": "#3fae7a",
    "speaker-4": "#d9a13b",
    "speaker-5": "#9a7be0",
    "speaker-6": "#e0744f",
}
"""Colours the reading pane needs from a theme, with defaults that suit light and dark ones
(an app returns these from `get_theme_variable_defaults()`; a theme may set any of them)."""

_ROLES = ("title", "dek", "byline", "meta", "question", "answer", "narration", "heading")
_ROLES += ("caption", "footnote", "code", "quote", "rule", "blank")
_SPEAKERS = tuple(f"speaker-{i}" for i in range(1, 7))
_OVERLAYS = ("stage", "insert", "link", "footnote-ref", "match", "current-match")
_SPAN_CLASSES = {m.STAGE: "stage", m.INSERT: "insert", m.LINK: "link", m.CODE: "code"}
_SPAN_CLASSES[m.FOOTNOTE_REF] = "footnote-ref"
_SPAN_STYLES = {
    m.EMPHASIS: Style(italic=True),
    m.STRONG: Style(bold=True),
    m.STRIKE: Style(strike=True),
}


def _component(name: str) -> str:
    return f"article-view--{name}"


class ArticleView(ScrollView, can_focus=True):
    """Shows one `Article`, centred in a column `measure` cells wide.

    Interface (the app mounts this and drives it):

    - `ArticleView(article=None, *, measure=72, id=None, classes=None)`;
      `load(article, position=None)` shows another article at a position (block, offset):
      the first screen paints at once and the rest is wrapped in the background.
    - `position` (block, offset of the first visible character), `percent` (0–100, how far
      the view is scrolled), `minutes_left`; `go_to(block, offset=0, *, top=True)` puts that
      character on the top line, or with `top=False` just brings it into view (centred).
    - `measure`, `set_measure(n)` (40..200); actions `measure_wider/narrower/reset` (+ - =).
    - actions `line_down/up`, `page_down/up`, `half_page_down/up`, `top`, `bottom`,
      `next_question/prev_question` (] [: the next question turn to the top),
      `next_speaker/prev_speaker` (} {: the next change of speaker to the top).
    - search: `search(query) -> SearchState` on every keystroke (hits highlighted, the first
      at or after where the search began becomes current and is brought into view);
      `next_match()`, `prev_match()` (from the screen when the current hit is off it; going
      round the end sets `wrapped`); `clear_search()`; `search_state`.
    - messages: `ArticleView.PositionChanged(position, percent, current_question)` when the
      first visible block or the whole percent changes (current_question is the block index
      of the question being read, or None); `ArticleView.SearchChanged(state)`.

    The pane has no key bindings of its own: the command table (reader/commands.py) binds
    keys to these actions on the screen, so footer, palette and help always tell the truth.
    The mouse wheel scrolls.
    """

    COMPONENT_CLASSES = {_component(n) for n in _ROLES + _SPEAKERS + _OVERLAYS}
    ALLOW_SELECT = False  # the strips carry no text offsets, so a selection would copy nothing

    DEFAULT_CSS = """
    ArticleView {
        background: $background;
        color: $foreground;
        overflow-x: hidden;
        overflow-y: auto;
        & > .article-view--title { color: $heading; text-style: bold; }
        & > .article-view--dek { color: $narration; text-style: italic; }
        & > .article-view--byline { color: $narration; text-style: bold; }
        & > .article-view--meta { color: $caption; }
        & > .article-view--question { color: $question; text-style: bold; }
        & > .article-view--answer { color: $answer; }
        & > .article-view--narration { color: $narration; }
        & > .article-view--heading { color: $heading; text-style: bold underline; }
        & > .article-view--caption { color: $caption; text-style: italic; }
        & > .article-view--footnote { color: $caption; }
        & > .article-view--code { color: $answer; background: $boost; }
        & > .article-view--quote { color: $quote; }
        & > .article-view--rule { color: $quote; }
        & > .article-view--speaker-1 { color: $speaker-1; text-style: bold; }
        & > .article-view--speaker-2 { color: $speaker-2; text-style: bold; }
        & > .article-view--speaker-3 { color: $speaker-3; text-style: bold; }
        & > .article-view--speaker-4 { color: $speaker-4; text-style: bold; }
        & > .article-view--speaker-5 { color: $speaker-5; text-style: bold; }
        & > .article-view--speaker-6 { color: $speaker-6; text-style: bold; }
        & > .article-view--stage { color: $stage; text-style: dim italic; }
        & > .article-view--insert { text-style: italic; }
        & > .article-view--link { color: $link; text-style: underline; }
        & > .article-view--footnote-ref { color: $caption; }
        & > .article-view--match { background: $match; }
        & > .article-view--current-match { background: $current-match; text-style: bold; }
        &:nocolor > .article-view--match { text-style: underline; }
        &:nocolor > .article-view--current-match { text-style: reverse bold; }
    }
    """

    class PositionChanged(Message):
        """The reader moved: a new first visible block, or a new whole percent."""

        def __init__(
            self, position: tuple[int, int], percent: float, current_question: int | None
        ) -> None:
            super().__init__()
            self.position = position
            self.percent = percent
            self.current_question = current_question

    class SearchChanged(Message):
        """The search's hits, current hit or query changed."""

        def __init__(self, state: SearchState) -> None:
            super().__init__()
            self.state = state

    def __init__(
        self,
        article: m.Article | None = None,
        *,
        measure: int = DEFAULT_MEASURE,
        id: str | None = None,
        classes: str | None = None,
    ) -> None:
        super().__init__(id=id, classes=classes)
        self._measure = _clamp_measure(measure)
        self._article: m.Article | None = None
        self._layout: Layout | None = None
        self._anchor: tuple[tuple[int, int], int] = ((0, 0), 0)
        self._settling = False
        self._cache: LRUCache[tuple, Strip] = LRUCache(1024)
        self._styles: dict[str, Style] = {}
        self._index: ArticleIndex | None = None
        self._matches: Matches | None = None
        self._current: tuple[int, Hit] | None = None  # (index, hit)
        self._origin: tuple[int, int] | None = None
        self._search_state = SearchState()
        self._targets: tuple[list[int], list[int]] | None = None  # questions, speaker changes
        self._words: list[int] | None = None
        self._reported: tuple | None = None
        self._frame: tuple[int, Style] | None = None  # (width, background) of this paint
        self._report_pending = False
        if article is not None:
            self.load(article)

    # -- loading and layout --------------------------------------------------------------------
    @property
    def article(self) -> m.Article | None:
        return self._article

    def load(self, article: m.Article | None, position: tuple[int, int] | None = None) -> None:
        """Show `article` (None: nothing) with `position` on the top line (default: the top)."""
        self._article = article
        self._index = None
        self._words = None
        self._matches, self._current, self._origin = None, None, None
        self._search_state = SearchState()
        self._targets = None
        self._anchor = (position or (0, 0), 0)
        self._layout = Layout(article, self._column_width()) if article is not None else None
        self._relayout()
        if self.is_mounted:
            self.post_message(self.SearchChanged(self._search_state))

    def _pane_width(self) -> int:
        return self.scrollable_content_region.width if self.is_mounted else 0

    def _column_width(self) -> int:
        pane = self._pane_width()
        if pane <= 0:
            return self._measure
        return max(1, min(self._measure, pane - 2 * MARGIN))

    def _relayout(self) -> None:
        """After a new layout: clear the cache, settle the view, finish wrapping in the
        background."""
        self._cache.clear()
        self._settle()
        self.refresh()
        if self.is_mounted and self._layout is not None and not self._layout.complete:
            # Not exclusive: a replaced layout's worker sees it is stale and ends by itself.
            self.run_worker(self._complete_layout(self._layout), group="layout")

    async def _complete_layout(self, layout: Layout) -> None:
        """Wrap the rest of the article a few milliseconds at a time, yielding to input; then
        prepare the search index, so that the first keystroke of a search is quick too."""
        while layout is self._layout and not layout.advance():
            self._settle()
            await asyncio.sleep(0)
        if layout is self._layout:
            self._settle()
            await asyncio.sleep(0)
            if self._index is None and self._article is not None and layout is self._layout:
                self._index = ArticleIndex(self._article)

    def _settle(self) -> None:
        """Make the scrollable height the layout's and put the anchor on the top line."""
        layout = self._layout
        if layout is None:
            self.virtual_size = Size(self._pane_width(), 0)
            return
        (block, offset), delta = self._anchor
        y = max(0, layout.line_of(block, offset) + delta)
        for line in range(y, y + self._page_height()):  # wrap what will show before measuring
            layout.locate(line)
        self._settling = True
        try:
            self.virtual_size = Size(self._pane_width(), layout.height)
            self.scroll_to(y=y, animate=False, force=True)  # before layout shows a scrollbar
        finally:
            self._settling = False
        self._report_position()

    def on_mount(self) -> None:
        self._report_position()

    def on_resize(self) -> None:
        self._rewrap()

    def _rewrap(self) -> None:
        if self._article is None or self._layout is None:
            self._settle()
            return
        width = self._column_width()
        if width != self._layout.width:
            self._layout = Layout(self._article, width)
        self._relayout()

    def notify_style_update(self) -> None:
        super().notify_style_update()
        self._frame = None
        self._styles.clear()
        self._cache.clear()

    # -- where the reader is -------------------------------------------------------------------
    def watch_scroll_y(self, old_value: float, new_value: float) -> None:
        super().watch_scroll_y(old_value, new_value)
        if not self._settling and self._layout is not None:
            top = round(new_value)
            block, offset = self._layout.position_at(top)
            self._anchor = ((block, offset), top - self._layout.line_of(block, offset))
        self._report_position()

    @property
    def position(self) -> tuple[int, int]:
        """(block, offset) of the first visible character."""
        return self._anchor[0]

    @property
    def percent(self) -> float:
        """How much of the text lies above the top of the view (0 at the top), and 100 once the
        end is on screen: the same measure as `minutes_left`, so the two always agree."""
        if self._layout is None or self._article is None:
            return 0.0
        if self.scroll_offset.y >= self.max_scroll_y:
            return 100.0
        starts = self._word_starts()
        if not starts[-1]:
            return 0.0
        left = words_after(self._article, starts, self.position)
        return max(0.0, min(100.0, 100.0 * (1 - left / starts[-1])))

    @property
    def minutes_left(self) -> int:
        """Reading time from the top of the view; none once the end is on screen."""
        if self._article is None or self.scroll_offset.y >= self.max_scroll_y:
            return 0
        return math.ceil(words_after(self._article, self._word_starts(), self.position) / WPM)

    def _word_starts(self) -> list[int]:
        if self._words is None:
            self._words = word_starts(self._article)
        return self._words

    @property
    def current_question(self) -> int | None:
        """The block index of the question whose turn (or answer) is being read."""
        questions = self._jump_targets()[0]
        i = bisect_right(questions, self.position[0])
        return questions[i - 1] if i else None

    def _report_position(self) -> None:
        """Post PositionChanged once per burst of scrolling, when something changed."""
        if not self._report_pending and self.is_mounted:
            self._report_pending = True
            self.call_later(self._post_position)

    def _post_position(self) -> None:
        self._report_pending = False
        now = (self.position[0], round(self.percent))
        if now != self._reported:
            self._reported = now
            self.post_message(
                self.PositionChanged(self.position, self.percent, self.current_question)
            )

    # -- moving --------------------------------------------------------------------------------
    def _page_height(self) -> int:
        return max(1, self.scrollable_content_region.height) if self.is_mounted else 1

    def _scroll_by(self, lines: int) -> None:
        self.scroll_to(y=self.scroll_offset.y + lines, animate=False)

    def go_to(self, block: int, offset: int = 0, *, top: bool = True) -> None:
        """Show (block, offset): on the top line, or (top=False) anywhere on screen, centring
        it when it has to scroll."""
        if self._layout is None:
            return
        if top:
            self._anchor = ((block, offset), 0)
            self._settle()
            return
        y = self._layout.line_of(block, offset)
        first = self.scroll_offset.y
        if not first <= y < first + self._page_height():
            self._anchor = ((block, offset), -(self._page_height() // 2))
            self._settle()

    def action_line_down(self) -> None:
        self._scroll_by(1)

    def action_line_up(self) -> None:
        self._scroll_by(-1)

    def action_page_down(self) -> None:
        self._scroll_by(max(1, self._page_height() - 1))

    def action_page_up(self) -> None:
        self._scroll_by(-max(1, self._page_height() - 1))

    def action_half_page_down(self) -> None:
        self._scroll_by(max(1, self._page_height() // 2))

    def action_half_page_up(self) -> None:
        self._scroll_by(-max(1, self._page_height() // 2))

    def action_top(self) -> None:
        self.go_to(0, 0)

    def action_bottom(self) -> None:
        layout = self._layout
        if layout is None:
            return
        height = -1
        while height != layout.height:  # wrap the last screenful so the end is exact
            height = layout.height
            for y in range(max(0, height - self._page_height()), height):
                layout.locate(y)
        top = max(0, height - self._page_height())
        block, offset = layout.position_at(top)
        self._anchor = ((block, offset), top - layout.line_of(block, offset))
        self._settle()

    def action_next_question(self) -> None:
        self._jump(self._jump_targets()[0], forward=True)

    def action_prev_question(self) -> None:
        self._jump(self._jump_targets()[0], forward=False)

    def action_next_speaker(self) -> None:
        self._jump(self._jump_targets()[1], forward=True)

    def action_prev_speaker(self) -> None:
        self._jump(self._jump_targets()[1], forward=False)

    def _jump_targets(self) -> tuple[list[int], list[int]]:
        if self._targets is None:
            self._targets = _jump_targets(self._article)
        return self._targets

    def _jump(self, blocks: list[int], *, forward: bool) -> None:
        """Put the next (or previous) block of `blocks` on the top line."""
        layout = self._layout
        if layout is None or not blocks:
            return
        top = self.scroll_offset.y
        i = bisect_left(blocks, self.position[0])
        if forward:
            for block in blocks[max(i - 1, 0) :]:
                if layout.block_line(block) > top:
                    self._anchor = ((block, 0), layout.block_line(block) - layout.line_of(block))
                    self._settle()
                    return
        else:
            for block in reversed(blocks[: i + 1]):
                if layout.block_line(block) < top:
                    self._anchor = ((block, 0), layout.block_line(block) - layout.line_of(block))
                    self._settle()
                    return

    # -- measure -------------------------------------------------------------------------------
    @property
    def measure(self) -> int:
        """The reading measure: the column's width in cells (narrower when the pane is)."""
        return self._measure

    def set_measure(self, measure: int) -> None:
        self._measure = _clamp_measure(measure)
        self._rewrap()

    def action_measure_wider(self) -> None:
        self.set_measure(self._measure + MEASURE_STEP)

    def action_measure_narrower(self) -> None:
        self.set_measure(self._measure - MEASURE_STEP)

    def action_measure_reset(self) -> None:
        self.set_measure(DEFAULT_MEASURE)

    # -- search --------------------------------------------------------------------------------
    @property
    def search_state(self) -> SearchState:
        return self._search_state

    def search(self, query: str) -> SearchState:
        """Search as the reader types: highlight every hit and bring the first one at or after
        where this search began into view."""
        if self._article is None or not query.strip():
            self._return_to_origin()
            self._matches, self._current, self._origin = None, None, None
            return self._publish(SearchState(query))
        if self._index is None:
            self._index = ArticleIndex(self._article)
        if self._origin is None:
            self._origin = self.position
        parsed = parse_query(query)
        self._matches = matches = self._index.search(parsed)
        error = self._index.error(parsed)
        if not len(matches):  # nothing (yet): back to where the reader began this search
            self._return_to_origin()
        self._current = matches.first_from(self._origin)
        wrapped = self._current is None
        if wrapped:
            self._current = matches.first()
        return self._show_current(SearchState(query, None, len(matches), wrapped, error))

    def _return_to_origin(self) -> None:
        if self._origin is not None and self._origin != self.position:
            self.go_to(*self._origin)

    def next_match(self) -> SearchState:
        return self._step(1)

    def prev_match(self) -> SearchState:
        return self._step(-1)

    def clear_search(self) -> SearchState:
        self._matches, self._current, self._origin = None, None, None
        return self._publish(SearchState())

    def _step(self, direction: int) -> SearchState:
        matches, current, state = self._matches, self._current, self._search_state
        if matches is None or current is None:
            return state
        if self._on_screen(current[1]):
            target = matches.step(current, direction)
        else:  # the reader scrolled away: go on from the screen
            after = matches.first_from(self.position)
            if direction > 0:
                target = after
            else:
                target = matches.step(after, -1) if after is not None else matches.last()
        wrapped = target is None
        if wrapped:
            target = matches.first() if direction > 0 else matches.last()
        self._current = target
        return self._show_current(replace(state, wrapped=wrapped))

    def _on_screen(self, hit: Hit) -> bool:
        if self._layout is None:
            return False
        y = self._layout.line_of(hit.block, hit.start)
        return self.scroll_offset.y <= y < self.scroll_offset.y + self._page_height()

    def _show_current(self, state: SearchState) -> SearchState:
        """Bring the current hit into view and publish `state` with its index."""
        if self._current is None:
            return self._publish(replace(state, current=None))
        index, hit = self._current
        self.go_to(hit.block, hit.start, top=False)
        return self._publish(replace(state, current=index))

    def _publish(self, state: SearchState) -> SearchState:
        self._search_state = state
        self.refresh()
        if self.is_mounted:
            self.post_message(self.SearchChanged(state))
        return state

    # -- drawing -------------------------------------------------------------------------------
    def _style(self, name: str) -> Style:
        """The full style of a role (text colour and background, from the theme)."""
        style = self._styles.get(name)
        if style is None:
            style = self._styles[name] = self.get_component_rich_style(_component(name))
        return style

    def _overlay(self, name: str) -> Style:
        """Only what a component sets (a span or a match on top of the text's own style),
        with the values resolved against the theme (alpha and "auto" colours)."""
        key = "+" + name
        style = self._styles.get(key)
        if style is None:
            full = self.get_component_rich_style(_component(name))
            part = self.get_component_rich_style(_component(name), partial=True)
            colours = Style(
                color=full.color if part.color else None,
                bgcolor=full.bgcolor if part.bgcolor else None,
            )
            style = self._styles[key] = part.without_color + colours
        return style

    def render_lines(self, crop: Region) -> list[Strip]:
        # Measured once a frame: both cost more than drawing a line from the cache.
        self._frame = (self._pane_width(), self.rich_style)
        if self._layout is not None and self._layout.width != self._column_width():
            self.call_later(self._rewrap)  # Textual can resize a widget without a Resize event
        return super().render_lines(crop)

    def render_line(self, y: int) -> Strip:
        width, background = self._frame or (self._pane_width(), self.rich_style)
        layout = self._layout
        found = layout.locate(self.scroll_offset.y + y) if layout is not None else None
        if found is None or layout is None:
            return Strip.blank(width, background)
        line = layout.unit_lines(found[0])[found[1]]
        marks = self._marks(line)  # in the key: a new search redraws only the lines it marks
        key = (found, width, layout.width, marks)
        strip = self._cache.get(key)
        if strip is None:
            strip = self._cache[key] = self._render(line, marks, width, layout.width, background)
        return strip

    def _marks(self, line: Line) -> tuple[tuple[int, int, bool], ...]:
        """The search hits on a line: (start, end, is current) in paragraph offsets."""
        if self._matches is None or line.paragraph is None:
            return ()
        current = self._current[1] if self._current else None
        size = self._matches.size
        return tuple(
            (
                max(start - line.base, line.start),
                min(start + size - line.base, line.end),
                current is not None and (current.block, current.start) == (line.block, start),
            )
            for start in self._matches.starts_in(line.block, line.offset, line.offset_end)
        )

    def _render(self, line: Line, marks, width: int, column: int, background: Style) -> Strip:
        if line.role == BLANK:
            return Strip.blank(width, background)
        segments = [Segment(" " * max(0, (width - column) // 2), background)]
        for text, role in line.prefix:
            segments.append(Segment(text, self._style(role or line.role)))
        if line.paragraph is not None and line.end > line.start:
            segments.extend(self._text(line, marks))
        return Strip(segments).adjust_cell_length(width, background)

    def _text(self, line: Line, marks) -> list[Segment]:
        """The line's text, cut where spans and search hits begin and end."""
        para = line.paragraph
        assert para is not None
        start, end = line.start, line.end
        layers: list[tuple[int, int, Style]] = []
        for span in para.spans:
            if span.start < end and span.end > start:
                style = _SPAN_STYLES.get(span.kind) or self._overlay(_SPAN_CLASSES[span.kind])
                layers.append((max(span.start, start), min(span.end, end), style))
        for a, b, current in marks:
            layers.append((a, b, self._overlay("current-match" if current else "match")))
        base = self._style(line.role)
        if not layers:
            return [Segment(para.text[start:end], base)]
        cuts = sorted({start, end, *(a for a, _, _ in layers), *(b for _, b, _ in layers)})
        segments = []
        for a, b in pairwise(cuts):
            style = base
            for lo, hi, layer in layers:
                if lo <= a and b <= hi:
                    style = style + layer
            segments.append(Segment(para.text[a:b], style))
        return segments


def _clamp_measure(measure: int) -> int:
    return max(MIN_MEASURE, min(MAX_MEASURE, measure))


def _jump_targets(article: m.Article | None) -> tuple[list[int], list[int]]:
    """Block indices of the questions, and of the turns where the speaker changes."""
    if article is None:
        return [], []
    questions, changes = [], []
    speaker = None
    for i, block in enumerate(article.blocks):
        if block.kind != m.TURN or block.continued:
            continue
        if block.is_question:
            questions.append(i)
        if block.speaker != speaker:
            changes.append(i)
            speaker = block.speaker
    return questions, changes
