"""One article as the reading pane shows it: everything the pane knows about it, in one object.

`Reading` holds the layout at the pane's column width, the navigator (the reader's place and
the movement keys), the search session, the progress meter and the timeline (times of a
transcript's turns) of one article, whether its pictures are drawn, and the selection
(`reader.core.selection`, imported once there is a selection to make or a highlight to
paint). The pane keeps exactly one of these and replaces it whole when another article
opens, so nothing of the previous article (a search, a place, cached targets) can leak into
the next. Every method here is a plain computation; the pane draws `layout` from `top()` and
reports `progress()`.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import TYPE_CHECKING

from reader.core import model as m
from reader.core.highlights.anchors import ArticleText, TextAnchor, make_anchor
from reader.core.layout import QUESTION, Layout, Line, column_indent, picture_height, speaker_slot
from reader.core.navigation import MOVES, Anchor, Navigator
from reader.core.pictures import ArticlePictures, PictureCache
from reader.core.progress import ProgressMeter, ReadingProgress
from reader.core.search_session import SearchMove, SearchSession, SearchState
from reader.core.timeline import TimeJump, Timeline

if TYPE_CHECKING:
    from reader.core.selection import Selection

Position = tuple[int, int]

# The moves that go on through the text: one that ends with the end on screen finishes the
# piece (so does scrolling there). Jumps (the outline, a search hit, a turn asked for, the
# place it was left at) and a new layout (pictures hidden, a narrower window) do not: a
# reader who has not read to the end has not finished.
FORWARD = frozenset(
    {"line_down", "page_down", "half_page_down", "bottom", "next_question", "next_speaker"}
)


@dataclass(frozen=True)
class Shown:
    """A highlight as the pane paints it."""

    id: str
    start: Position
    end: Position
    colour: str


Painted = tuple[int, int, str]  # (start, end, what) in a paragraph's offsets


def layout_ahead(
    article: m.Article,
    width: int,
    page: int,
    times: bool = True,
    pictures: PictureCache | None = None,
    show_pictures: bool = True,
) -> Layout:
    """The layout that `Reading` makes with these arguments, for the load's thread to wrap
    in full before the reading is made (`Reading`'s `ahead`): wrapped there, a long piece's
    layout is no longer done in steps by the app's thread, each step a frame of its own
    (60 ms of wrapping took 140 ms of the app at 200k words)."""
    sizes = None
    if pictures is not None and show_pictures:
        sizes = ArticlePictures.of(pictures, article)
    return Layout(article, width, sizes, picture_height(page), times=times)


class Reading:
    """`pictures`: the app's picture cache (None: captions only); `show_pictures`: whether
    they are drawn now (`show_pictures()` switches)."""

    def __init__(
        self,
        article: m.Article,
        width: int,
        page: int = 1,
        position: Position | None = None,
        times: bool = True,
        pictures: PictureCache | None = None,
        show_pictures: bool = True,
        ahead: Layout | None = None,
    ) -> None:
        """`ahead`: a layout made by `layout_ahead` (in the load's thread, wrapped in full
        there), taken if it was made for this article and these settings."""
        self.article = article
        self.times = times  # whether turns show their time before the speaker's name
        self.pictures = ArticlePictures.of(pictures, article) if pictures is not None else None
        self.pictures_shown = show_pictures and self.pictures is not None
        if ahead is not None and self._made_for(ahead, width, page):
            self.layout = ahead
        else:
            self.layout = self._layout(width, page)
        self.nav = Navigator(self.layout, page, Anchor(position or (0, 0)))
        self.search = SearchSession(article)
        self.meter = ProgressMeter(article)
        self.selection: Selection | None = None
        self._text: ArticleText | None = None
        self.highlights: list[Shown] = []
        self.current_highlight: str | None = None  # the one just made or gone to (its id)
        self.timeline = Timeline(article)
        self._reached_end = False  # the reader went on to the end (a forward move, a scroll)
        self._reported: tuple[int, int, int, bool] | None = None  # what `report` last said

    # -- size and pictures ---------------------------------------------------------------------
    def _layout(self, width: int, page: int) -> Layout:
        sizes = self.pictures if self.pictures_shown else None
        return Layout(self.article, width, sizes, picture_height(page), times=self.times)

    def _made_for(self, layout: Layout, width: int, page: int) -> bool:
        """`layout` is what `_layout(width, page)` would make (the picture sizes come from
        the same cache either way)."""
        return (
            layout.article is self.article
            and layout.width == max(1, width)
            and layout.times == self.times
            and (layout.pictures is not None) == self.pictures_shown
            and layout.picture_height == picture_height(page)
        )

    def resize(self, width: int, page: int) -> bool:
        """A new column width or page height; True when the text had to be laid out again
        (another width, or another picture height when pictures are drawn)."""
        self.nav.page = max(1, page)
        layout = self.layout
        same_pictures = not layout.has_pictures or layout.picture_height == picture_height(page)
        if max(1, width) == layout.width and same_pictures:
            return False
        self._relayout(width)
        return True

    def show_times(self, times: bool) -> bool:
        """Show or hide the times before the speakers' names; True when the text had to be
        laid out again (the place is kept: it is a model position)."""
        changed, self.times = times != self.times, times
        return self._relayout_if(changed)

    def show_pictures(self, shown: bool) -> bool:
        """Draw the pictures or only their captions; True when the layout changed."""
        shown = shown and self.pictures is not None
        changed, self.pictures_shown = shown != self.pictures_shown, shown
        return self._relayout_if(changed)

    def _relayout_if(self, changed: bool) -> bool:
        """After a setting of the layout was set: lay out again if it `changed`; say whether."""
        if changed:
            self._relayout(self.layout.width)
        return changed

    def _relayout(self, width: int) -> None:
        self.layout = self._layout(width, self.nav.page)
        self.nav.use(self.layout)

    def picture_in_view(self) -> m.Image | None:
        """The picture that Enter opens: of those in the bundle with lines on screen (its
        own or its caption's), the one with the most; the first of them on a tie."""
        seen: dict[m.Image, int] = {}
        top = self.nav.top()
        for y in range(top, top + self.nav.page):
            line = self.layout.line(y)
            if line is None:
                break
            image = self.layout.image_of(line)
            if image is not None and image.path is not None:
                seen[image] = seen.get(image, 0) + 1
        return max(seen, key=seen.__getitem__, default=None)

    # -- where the reader is -------------------------------------------------------------------
    @property
    def position(self) -> Position:
        return self.nav.position

    def top(self) -> int:
        return self.nav.top()

    def move(self, name: str) -> None:
        """Make a move of the `MOVES` table by its name (`page_down`, `next_question`, …)."""
        MOVES[name](self.nav)
        self.moved(name)

    def moved(self, name: str) -> None:
        """A move of the `MOVES` table was made (after it): going on to the end finishes."""
        if name in FORWARD and self.nav.at_end():
            self._reached_end = True

    def scroll_to(self, top: int) -> bool:
        """The wheel or the scrollbar put line `top` on top: True when that moved the reader
        (not when it is the line on top already, as after the pane scrolled to `top()`).
        Scrolling to the end finishes."""
        if top == self.nav.top():
            return False
        self.nav.scroll_to(top)
        if self.nav.at_end():
            self._reached_end = True
        return True

    def finished(self) -> bool:
        """The end is on screen and the reader went on to it, by a key or by scrolling (a
        preview's end is not the piece's)."""
        return self.article.complete and self.nav.at_end() and self._reached_end

    def progress(self) -> ReadingProgress:
        finished = self.finished()
        position = self.nav.position
        return ReadingProgress(
            position,
            self.meter.percent(position, finished),
            self.meter.minutes_left(position, finished),
            self.nav.current_question(),
            self.timeline.time_at(self.layout.position_at(self.top())[0]),  # on screen, on top
            finished,
        )

    def report(self) -> ReadingProgress | None:
        """The progress when what the title bar and sidebar show of it changed since the last
        report (the block on top, the whole percent, the minutes left, finished), else None:
        a scroll within a block reports nothing."""
        progress = self.progress()
        shown = (progress.position[0], round(progress.percent), progress.minutes_left)
        if (*shown, progress.finished) == self._reported:
            return None
        self._reported = (*shown, progress.finished)
        return progress

    def line_at(self, y: int) -> tuple[tuple[int, int], Line] | None:
        """Layout line `y` and where the layout keeps it (its unit and row in the unit, which
        name the line for as long as the layout lives: a key for its drawing)."""
        found = self.layout.locate(y)
        return None if found is None else (found, self.layout.unit_lines(found[0])[found[1]])

    # -- time ----------------------------------------------------------------------------------
    def go_to_time(self, seconds: float) -> TimeJump | None:
        """Show the turn that covers `seconds` on top (None: the article has no times)."""
        jump = self.timeline.covering(seconds)
        if jump is not None:
            self.nav.show_block(jump.block)
        return jump

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

    # -- selection -----------------------------------------------------------------------------
    @property
    def text(self) -> ArticleText:
        """The article's plain text, for anchors (made on first use)."""
        if self._text is None:
            self._text = ArticleText(self.article)
        return self._text

    @property
    def end(self) -> Position:
        blocks = self.article.blocks
        return (len(blocks) - 1, len(blocks[-1].text)) if blocks else (0, 0)

    def selected_anchor(self) -> TextAnchor | None:
        """The selection as an anchor that can be kept, its ends trimmed of white space."""
        if self.selection is None or self.selection.empty:
            return None
        start, end = self.selection.span
        anchor = make_anchor(self.text, start, end)
        lo, hi = self.text.offset(anchor.start), self.text.offset(anchor.end)
        words = self.text.text[lo:hi]
        lo, hi = lo + len(words) - len(words.lstrip()), hi - len(words) + len(words.rstrip())
        if lo >= hi:
            return None
        return make_anchor(self.text, self.text.position(lo), self.text.position(hi))

    def select(self) -> Selection:
        """Start a selection: on the current search match when one is shown, else on the
        first word of the top line."""
        from reader.core import selection as sel

        hit = self.search.current
        if hit is not None and self.nav.shows((hit.block, hit.start)):
            self.selection = sel.Selection((hit.block, hit.start), (hit.block, hit.end))
        else:
            line = self._text_line(self.top(), 1)
            start = (line.block, line.offset) if line is not None else self.position
            self.selection = sel.word_at(self.article, start)
        return self.selection

    def selection_key(self, motion: str) -> TextAnchor | None:
        """A key of the selection: `cancel` lets it go; `keep` and `copy` end it and give what
        it selected, to keep (None: only white space); any other extends it (`extend`)."""
        if motion in ("cancel", "keep", "copy"):
            anchor = self.selected_anchor() if motion != "cancel" else None
            self.selection = None
            return anchor
        self.extend(motion)
        return None

    def extend(self, motion: str) -> Selection | None:
        """Move the selection's head by `motion` (a key of `selection.MOTIONS`, or "line" or
        "back_line"), keeping it in view."""
        from reader.core.selection import MOTIONS, Selection

        current = self.selection
        if current is None:
            return None
        if motion in ("line", "back_line"):
            head = self._line_motion(current.head, 1 if motion == "line" else -1)
        else:
            head = MOTIONS[motion](self.article, current.head)
        self.selection = Selection(current.anchor, head)
        self.nav.go_to(head, top=False)
        return self.selection

    def _line_motion(self, head: Position, step: int) -> Position:
        """The end of the next screen line with text (step 1), or the start of the previous."""
        line = self._text_line(self.layout.line_of(*head) + step, step)
        if line is None:
            return head
        return (line.block, line.offset_end) if step > 0 else (line.block, line.offset)

    def _text_line(self, y: int, step: int) -> Line | None:
        """The first line from `y` (going `step`) that shows text of the article."""
        while 0 <= y < self.layout.height:
            line = self.layout.line(y)
            if line is not None and line.block >= 0 and line.end > line.start:
                return line
            y += step
        return None

    def position_of_cell(self, y: int, x: int, left: int) -> Position | None:
        """The model position of the character drawn at cell `x` of layout line `y`, the
        line's text starting after `left` cells and its prefix (None: no text there)."""
        line = self.layout.line(y)
        if line is None or line.paragraph is None:
            return None
        before = left + sum(len(text) for text, _ in line.prefix)
        at = min(max(line.start + x - before, line.start), line.end)
        return (line.block, line.base + at)

    def select_cells(
        self, start: tuple[int, int] | None, end: tuple[int, int] | None, pane: int
    ) -> None:
        """The mouse selected from cell `start` to cell `end` ((line, x) as drawn in a pane
        `pane` cells wide, the column centred in it; None: the article's start, or its end):
        the same text as a selection of the model, none when an end is on no text."""
        left = column_indent(pane, self.layout.width)
        first = self.position_of_cell(*start, left) if start else (0, 0)
        last = self.position_of_cell(*end, left) if end else self.end
        if first is not None and last is not None:
            from reader.core.selection import Selection

            self.selection = Selection(first, last)

    def highlight_in_view(self) -> Shown | None:
        """The highlight a key without a selection acts on: the one just made or gone to
        (`current_highlight`) while it is on screen, else the first that starts on screen,
        else one that runs through the top line."""
        top = self.position
        on_screen = [h for h in self.highlights if self.nav.shows(h.start)]
        current = next((h for h in self.highlights if h.id == self.current_highlight), None)
        if current is not None and (current in on_screen or current.start <= top < current.end):
            return current
        if on_screen:
            return min(on_screen, key=lambda h: h.start)
        return next((h for h in self.highlights if h.start <= top < h.end), None)

    def text_role(self, line: Line) -> str:
        """The role that styles a line's text: a question's is its asker's, `question-N`
        (each host a colour of their own: the pane's QUESTIONS), any other line's its own."""
        if line.role != QUESTION:
            return line.role
        return f"question-{speaker_slot(self.article, self.article.blocks[line.block].speaker)}"

    def painted(self, line: Line) -> tuple[Painted, ...]:
        """What is painted over a layout line's text, bottom layer first: search hits
        ("match", "current-match"), highlights ("highlight-COLOUR"), the selection."""
        marks: list[Painted] = [
            (a, b, "current-match" if current else "match")
            for a, b, current in self.search.marks(line)
        ]
        chosen = self.selection
        if not self.highlights and chosen is None:
            return tuple(marks)
        from reader.core.selection import on_line

        for shown in self.highlights:
            if part := on_line(line, shown.start, shown.end):
                marks.append((*part, f"highlight-{shown.colour}"))
        if chosen is not None and not chosen.empty and (part := on_line(line, *chosen.span)):
            marks.append((*part, "selection"))
        return tuple(marks)
