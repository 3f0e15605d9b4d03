"""Where the reader is in an article, and where the movement keys take them, on plain data.

The place is an `Anchor`: the model position (block, offset) of a character, and how many
lines the top of the view lies below that character's line. It is the one truth about the
place: the top line is always worked out from it (`Navigator.top`), so a new width, a new
measure, or the background layout replacing estimated line counts with exact ones never
moves the reader off their sentence. Every movement sets a new anchor; the reading pane only
scrolls to `top`. Modelled on Textual's `DocumentNavigator`: movement outside the widget,
tested without a terminal.

A picture's lines all stand for the start of its block, so a view whose top is inside a
picture, or on the caption under it, is tied to that start and a delta; when a new layout
gives the picture another height (a resize, pictures hidden or shown), `use` counts the
delta again so the same line stays on top (`MOVES` names every movement for the keys).
"""

from __future__ import annotations

from bisect import bisect_left, bisect_right
from collections.abc import Callable
from dataclasses import dataclass

from reader.core import model as m
from reader.core.layout import Layout

Position = tuple[int, int]  # (block index, character offset into Block.text)


@dataclass(frozen=True)
class Anchor:
    position: Position = (0, 0)
    delta: int = 0  # lines from the line showing `position` to the top of the view


@dataclass(frozen=True)
class JumpTargets:
    """Block indices that `]`/`[` (questions) and `}`/`{` (changes of speaker) stop at."""

    questions: list[int]
    speaker_changes: list[int]

    @classmethod
    def of(cls, article: m.Article) -> JumpTargets:
        changes: list[int] = []
        speaker: str | None = None
        for i, block in enumerate(article.blocks):
            if block.kind == m.TURN and not block.continued and block.speaker != speaker:
                changes.append(i)
                speaker = block.speaker
        return cls(article.question_blocks(), changes)


class Navigator:
    """The view over a `Layout`: `page` lines high, its top tied to an `Anchor`."""

    def __init__(self, layout: Layout, page: int = 1, anchor: Anchor | None = None) -> None:
        self.layout = layout
        self.page = max(1, page)
        self.anchor = anchor or Anchor()
        self._targets: JumpTargets | None = None

    # -- the place ---------------------------------------------------------------------------
    @property
    def position(self) -> Position:
        """(block, offset) of the character the view is tied to: the first one on top."""
        return self.anchor.position

    @property
    def targets(self) -> JumpTargets:
        if self._targets is None:
            self._targets = JumpTargets.of(self.layout.article)
        return self._targets

    def max_top(self) -> int:
        return max(0, self.layout.height - self.page)

    def top(self) -> int:
        """The first line of the view: the anchor's line, wrapped with the page below it
        (so the height is right where the reader is), kept inside the article."""
        layout = self.layout
        y = max(0, layout.line_of(*self.anchor.position) + self.anchor.delta)
        for line in range(y, y + self.page):
            layout.locate(line)
        return min(y, self.max_top())

    def at_end(self) -> bool:
        """The last line of the article is on screen (exact once the layout is complete)."""
        return self.top() >= self.max_top()

    def shows(self, position: Position) -> bool:
        top = self.top()
        return top <= self.layout.line_of(*position) < top + self.page

    def current_question(self) -> int | None:
        """The block index of the question whose turn (or answer) is being read: the last one
        that begins at or before the top line, or, once the end is on screen, before the
        last line (the view cannot scroll on, so the last questions are read from there)."""
        questions = self.targets.questions
        block = self.position[0]
        if self.at_end() and self.layout.height:
            block = self.layout.position_at(self.layout.height - 1)[0]
        i = bisect_right(questions, block)
        return questions[i - 1] if i else None

    def use(self, layout: Layout) -> None:
        """Go on in a new layout of the same article with the same line on top: the anchor's
        position holds, and its delta is counted again where it crosses a picture."""
        old, self.layout = self.layout, layout
        position, delta = self.anchor.position, self.anchor.delta
        if delta >= 0:  # (a negative one lies above its position: no picture to cross)
            self.anchor = Anchor(
                position, _recount(layout, position, *_count(old, position, delta))
            )

    # -- moving ------------------------------------------------------------------------------
    def scroll_to(self, y: int) -> None:
        """Put line `y` on top (kept inside the article), tied to its first character."""
        y = min(max(0, y), self.max_top())
        position = self.layout.position_at(y)
        self.anchor = Anchor(position, y - self.layout.line_of(*position))

    def scroll_by(self, lines: int) -> None:
        self.scroll_to(self.top() + lines)

    def page_down(self) -> None:
        self.scroll_by(max(1, self.page - 1))

    def page_up(self) -> None:
        self.scroll_by(-max(1, self.page - 1))

    def half_page_down(self) -> None:
        self.scroll_by(max(1, self.page // 2))

    def half_page_up(self) -> None:
        self.scroll_by(-max(1, self.page // 2))

    def go_to(self, position: Position, *, top: bool = True) -> None:
        """Show `position`: on the top line, or (top=False) anywhere on screen, centring it
        when the view has to move."""
        if top:
            self.anchor = Anchor(position, 0)
        elif not self.shows(position):
            self.anchor = Anchor(position, -(self.page // 2))

    def home(self) -> None:
        self.anchor = Anchor()

    def end(self) -> None:
        """The last screenful, with the lines on it wrapped so the end is exact."""
        layout = self.layout
        height = -1
        while height != layout.height:
            height = layout.height
            for y in range(max(0, height - self.page), height):
                layout.locate(y)
        self.scroll_to(max(0, height - self.page))

    def next_question(self) -> None:
        self._jump(self.targets.questions, forward=True)

    def prev_question(self) -> None:
        self._jump(self.targets.questions, forward=False)

    def next_speaker(self) -> None:
        self._jump(self.targets.speaker_changes, forward=True)

    def prev_speaker(self) -> None:
        self._jump(self.targets.speaker_changes, forward=False)

    def show_block(self, block: int) -> None:
        """Put the first line of `block` on top: the label line of a turn, which lies before
        the line of its first character."""
        line = self.layout.block_line(block)
        self.anchor = Anchor((block, 0), line - self.layout.line_of(block))

    def _jump(self, blocks: list[int], *, forward: bool) -> None:
        """Show the next (or previous) block of `blocks` that starts below (above) the top."""
        layout = self.layout
        if not blocks:
            return
        top = self.top()
        i = bisect_left(blocks, self.position[0])
        candidates = blocks[max(i - 1, 0) :] if forward else list(reversed(blocks[: i + 1]))
        for block in candidates:
            line = layout.block_line(block)
            if (line > top) if forward else (line < top):
                self.show_block(block)
                return


def _count(layout: Layout, position: Position, delta: int) -> tuple[int, float | None]:
    """The top line, `delta` lines below `position`'s, as (lines between that are not a
    picture's, how far into a picture the top line is: 0..1, or None on any other line)."""
    start = layout.line_of(*position)
    plain = 0
    for y in range(start, start + delta):
        line = layout.line(y)
        if line is None:
            break
        plain += line.picture is None
    top = layout.line(start + delta)
    inside = top.picture.row / top.picture.rows if top and top.picture else None
    return plain, inside


def _recount(layout: Layout, position: Position, plain: int, inside: float | None) -> int:
    """The delta that `_count` measured, in `layout`: past `plain` lines that are not a
    picture's, then as far into the picture there (if it was inside one and one is there)."""
    start = y = layout.line_of(*position)
    passed = 0
    while (line := layout.line(y)) is not None:
        picture = line.picture
        if picture is not None:
            first = y - picture.row
            if inside is not None and passed == plain:
                return first + min(picture.rows - 1, round(inside * picture.rows)) - start
            y = first + picture.rows
            continue
        if passed == plain:
            break
        passed += 1
        y += 1
    return y - start


MOVES: dict[str, Callable[[Navigator], None]] = {
    "line_down": lambda nav: nav.scroll_by(1),
    "line_up": lambda nav: nav.scroll_by(-1),
    "page_down": Navigator.page_down,
    "page_up": Navigator.page_up,
    "half_page_down": Navigator.half_page_down,
    "half_page_up": Navigator.half_page_up,
    "top": Navigator.home,
    "bottom": Navigator.end,
    "next_question": Navigator.next_question,
    "prev_question": Navigator.prev_question,
    "next_speaker": Navigator.next_speaker,
    "prev_speaker": Navigator.prev_speaker,
}
