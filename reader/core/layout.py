"""An article laid out in screen lines at a column width, lazily, without a terminal.

The reading pane asks for lines by index and shows only a screenful, so the layout works one
*unit* at a time (unit 0 is the article header, unit i + 1 is block i): a unit is wrapped the
first time one of its lines is needed, and the rest are wrapped in small chunks (`advance`)
so a 200,000-word interview paints at once and the layout completes without blocking input.
Until then, units not yet wrapped count an estimated number of lines, so `height` is exact only
once `complete` is true; prefix sums over the per-unit counts map a line to its unit by bisection.

Every line knows where its text comes from in the model, (block index, char offset into
`Block.text`), so the pane can keep the reader on the same sentence across resizes, measures
and themes. Line breaking itself is `reader.core.wrap`.

A picture (an image block's, or the header's) takes lines of its own above its caption:
as many as its half-block cells need at the column's width and at most `picture_height`
lines, counted from the picture's header alone (`PictureSizes`, the app's cache), never by
decoding it. Its lines name no character: they anchor to the start of their image block,
(block, 0), so a position on a picture is the picture, and jumping to its block shows it.
"""

from __future__ import annotations

from bisect import bisect_right
from collections.abc import Callable
from dataclasses import dataclass
from itertools import accumulate
from operator import attrgetter
from typing import Protocol

from reader.core import model as m
from reader.core.dates import format_date
from reader.core.times import format_clock
from reader.core.wrap import text_cells, wrap

HEADER = -1  # the block index of the header's lines (title, dek, byline, facts)
DEFAULT_MEASURE = 72
MIN_MEASURE, MAX_MEASURE, MEASURE_STEP = 40, 200, 4
MARGIN = 2  # cells kept free on each side of the column when the pane is narrow
PICTURE_HEIGHT = 20  # the tallest picture when the view's height is not known yet
PICTURE_COST = 2_000  # what laying out a picture counts in `advance` (a header to look up)
CHUNK_CHARS = 20_000  # characters wrapped per `advance()` call: a few milliseconds of work

Piece = tuple[str, str]  # (text, role) drawn before a line's text: label, quote bar, marker
_NO_PREFIX: tuple[Piece, ...] = ()
_SPEAKER_SLOTS = 6
_TEXT = attrgetter("text")

TITLE, DEK, BYLINE, META = "title", "dek", "byline", "meta"
QUESTION, ANSWER, NARRATION, HEADING = "question", "answer", "narration", "heading"
CAPTION, FOOTNOTE, CODE, QUOTE_BAR = "caption", "footnote", "code", "quote"
RULE, BLANK, PICTURE = "rule", "blank", "picture"
TIME = "time"  # a timed turn's time, before the speaker's name


def clamp_measure(measure: int) -> int:
    return max(MIN_MEASURE, min(MAX_MEASURE, measure))


def column_width(measure: int, pane: int) -> int:
    """The text column's width in a pane `pane` cells wide: the measure, narrower when the
    pane is (MARGIN cells kept free on each side) but at least one cell; the measure itself
    while the pane has no width yet."""
    return measure if pane <= 0 else max(1, min(measure, pane - 2 * MARGIN))


def column_indent(pane: int, column: int) -> int:
    """The cells left of a column `column` cells wide, centred in a pane `pane` cells wide."""
    return max(0, (pane - column) // 2)


MEASURES: dict[str, Callable[[int], int]] = {
    "measure_wider": lambda measure: clamp_measure(measure + MEASURE_STEP),
    "measure_narrower": lambda measure: clamp_measure(measure - MEASURE_STEP),
    "measure_reset": lambda _: DEFAULT_MEASURE,
}


def picture_height(page: int) -> int:
    """The most lines a picture in the text takes in a view `page` lines high: under half,
    so that a picture brought to the middle of the view keeps its caption in view."""
    return max(2, (page - 1) // 2)


class PictureSizes(Protocol):
    def rows(self, image: m.Image, width: int, max_rows: int) -> int:
        """The lines `image` takes at `width` columns and at most `max_rows` lines (one for
        a picture that will not be shown, for its note; 0 for none: caption only)."""
        ...


@dataclass(frozen=True, slots=True)
class PictureRow:
    """Line `row` of the `rows` lines that `image` takes."""

    image: m.Image
    row: int
    rows: int


@dataclass(frozen=True, slots=True)
class Line:
    """One screen line: `prefix` pieces, then `paragraph.text[start:end]` in the style `role`.

    `base` is the paragraph's offset in `Block.text`, so the line shows the block's characters
    `offset` to `offset_end`. Lines without a paragraph are blank lines, rules, a label on a
    line of its own or the "Notes" title; `anchor` is false for the lines that a position never
    names (blank lines and the header). A picture's lines carry `picture`.
    """

    block: int
    paragraph: m.Paragraph | None
    base: int
    start: int
    end: int
    role: str
    prefix: tuple[Piece, ...] = _NO_PREFIX
    anchor: bool = True
    picture: PictureRow | None = None

    @property
    def text(self) -> str:
        return self.paragraph.text[self.start : self.end] if self.paragraph else ""

    @property
    def offset(self) -> int:
        return self.base + self.start

    @property
    def offset_end(self) -> int:
        return self.base + self.end


def speaker_slot(article: m.Article, key: str | None) -> int:
    """1..6: the colour slot of a speaker (order of `[speakers]`; unknown labels by name)."""
    keys = list(article.speakers)
    if key in article.speakers:
        return keys.index(key) % _SPEAKER_SLOTS + 1
    return (len(keys) + sum(map(ord, key or ""))) % _SPEAKER_SLOTS + 1


def byline_text(article: m.Article) -> str:
    names = [b.name for b in article.bylines if b.name]
    if not names:
        return ""
    return "By " + (names[0] if len(names) == 1 else ", ".join(names[:-1]) + " and " + names[-1])


def block_role(block: m.Block) -> str:
    if block.kind == m.TURN:
        return QUESTION if block.is_question else ANSWER
    return {m.HEADING: HEADING, m.IMAGE: CAPTION, m.FOOTNOTES: FOOTNOTE}.get(block.kind, NARRATION)


def _cells(pieces: tuple[Piece, ...]) -> int:
    return sum(text_cells(text) for text, _ in pieces)


class Layout:
    """The lines of `article` wrapped `width` cells wide, computed unit by unit on demand;
    with `times`, a timed block's time stands before its label (or its first line); with
    `pictures`, its pictures are drawn at most `picture_height` lines tall."""

    def __init__(
        self,
        article: m.Article,
        width: int = DEFAULT_MEASURE,
        pictures: PictureSizes | None = None,
        picture_height: int = PICTURE_HEIGHT,
        *,
        times: bool = True,
    ):
        self.article = article
        self.width = max(1, width)
        self.pictures = pictures
        self.picture_height = max(1, picture_height)
        self.times = times
        count = len(article.blocks) + 1
        self._units: list[list[Line] | None] = [None] * count
        self._counts = [0, *self._estimates()]
        self._starts: list[int] | None = None
        self._todo = count
        self._cursor = 0
        self._lay(0)

    # -- state ---------------------------------------------------------------------------------
    @property
    def complete(self) -> bool:
        """True once every unit is wrapped: `height` and line numbers are then exact."""
        return self._todo == 0

    @property
    def height(self) -> int:
        return self._prefix()[-1]

    def unit_start(self, unit: int) -> int:
        return self._prefix()[unit]

    def advance(self, budget: int = CHUNK_CHARS) -> bool:
        """Wrap the next units in order, about `budget` characters' worth; True when complete."""
        done = 0
        while self._cursor < len(self._units) and done < budget:
            if self._units[self._cursor] is None:
                done += self._lay(self._cursor)
            self._cursor += 1
        return self.complete

    def ensure(self, upto_line: int) -> None:
        """Wrap every unit that starts at or before `upto_line`, so lines up to it are exact."""
        while self._cursor < len(self._units):
            if self._units[self._cursor] is None:
                if self._prefix()[self._cursor] > upto_line:
                    return
                self._lay(self._cursor)
            self._cursor += 1

    def finish(self) -> None:
        while not self.advance():
            pass

    @property
    def has_pictures(self) -> bool:
        """Pictures are drawn and the article has one: its lines depend on `picture_height`."""
        return self.pictures is not None and any(i.path is not None for i in self.article.images)

    # -- lines ---------------------------------------------------------------------------------
    def locate(self, y: int) -> tuple[int, int] | None:
        """(unit, line within the unit) of line `y`, wrapping its unit first; None past the end."""
        while True:
            starts = self._prefix()
            if not 0 <= y < starts[-1]:
                return None
            unit = bisect_right(starts, y) - 1
            if self._units[unit] is None:
                self._lay(unit)
                continue
            return unit, y - starts[unit]

    def line(self, y: int) -> Line | None:
        found = self.locate(y)
        return None if found is None else self.unit_lines(found[0])[found[1]]

    def unit_lines(self, unit: int) -> list[Line]:
        lines = self._units[unit]
        if lines is None:
            self._lay(unit)
            lines = self._units[unit]
        return lines  # type: ignore[return-value]

    # -- positions -----------------------------------------------------------------------------
    def position_at(self, y: int) -> tuple[int, int]:
        """The model position (block, offset) of the first character on line `y` (a blank line
        gives the start of what follows it; the header gives the start of the article)."""
        found = self.locate(min(max(y, 0), self.height - 1))
        if found is None or found[0] == 0:
            return (0, 0)
        unit, local = found
        lines = self.unit_lines(unit)
        for line in lines[local:]:
            if line.anchor:
                return (unit - 1, line.offset)
        return (unit - 1, lines[-1].offset_end)

    def line_of(self, block: int, offset: int = 0) -> int:
        """The line that shows the character at (block, offset); the start of the article,
        (0, 0), is line 0 so that the header shows above it."""
        blocks = len(self.article.blocks)
        if not blocks or block < 0 or (block, offset) <= (0, 0):
            return 0
        block = min(block, blocks - 1)
        lines = self.unit_lines(block + 1)
        best = -1
        for i, line in enumerate(lines):
            if line.anchor and (best < 0 or lines[best].offset < line.offset <= offset):
                best = i
        return self.unit_start(block + 1) + max(best, 0)

    def picture_rows(self, block: int) -> int:
        """The lines the picture of `block` (HEADER: the header picture) takes: 0 for none."""
        return sum(line.picture is not None for line in self.unit_lines(block + 1))

    def image_of(self, line: Line) -> m.Image | None:
        """The picture a line belongs to: one of its lines, or a line of its caption."""
        if line.picture is not None:
            return line.picture.image
        if line.role != CAPTION:
            return None
        if line.block == HEADER:
            return self.article.header_image
        return self.article.blocks[line.block].image

    def block_line(self, block: int) -> int:
        """The first line of a block that is not blank (its label, for a turn)."""
        block = min(max(block, 0), len(self.article.blocks) - 1)
        lines = self.unit_lines(block + 1)
        first = next((i for i, line in enumerate(lines) if line.anchor), 0)
        return self.unit_start(block + 1) + first

    # -- building ------------------------------------------------------------------------------
    def _prefix(self) -> list[int]:
        if self._starts is None:
            self._starts = [0, *accumulate(self._counts)]
        return self._starts

    def _lay(self, unit: int) -> int:
        """Wrap one unit; returns its number of characters (the work done)."""
        lines = self._header() if unit == 0 else self._block(unit - 1)
        self._units[unit] = lines
        self._todo -= 1
        if len(lines) != self._counts[unit]:
            self._counts[unit] = len(lines)
            self._starts = None
        cost = PICTURE_COST * any(line.picture is not None for line in lines)
        return 80 + cost + sum(line.end - line.start for line in lines)

    def _lead(self, b: int) -> int:
        return 2 if b and self.article.blocks[b].kind == m.HEADING else 1

    def _estimates(self) -> list[int]:
        """Line counts guessed from lengths alone (each paragraph's last line counted whole):
        cheap enough for every block of a long article before the first paint."""
        per_line = max(1, self.width - 4)
        picture = self.picture_height if self.pictures is not None else 0
        guesses = []
        for b, block in enumerate(self.article.blocks):
            paras = len(block.paragraphs)
            chars = sum(map(len, map(_TEXT, block.paragraphs)))
            extra = (block.kind == m.BREAK) + max(2 * paras - 1, 0)
            if block.image is not None and block.image.path is not None:
                extra += picture
            guesses.append(self._lead(b) + extra + chars // per_line)
        return guesses

    def _wrap(
        self,
        block: int,
        para: m.Paragraph,
        base: int,
        role: str,
        first: tuple[Piece, ...] = _NO_PREFIX,
        rest: tuple[Piece, ...] = _NO_PREFIX,
        anchor: bool = True,
    ) -> list[Line]:
        slices = wrap(para.text, self.width - _cells(rest), self.width - _cells(first))
        return [
            Line(block, para, base, s, e, role, first if i == 0 else rest, anchor)
            for i, (s, e) in enumerate(slices)
        ]

    def _header(self) -> list[Line]:
        a = self.article
        blank = Line(HEADER, None, 0, 0, 0, BLANK, anchor=False)
        lines: list[Line] = []

        def add(text: str, role: str, first=_NO_PREFIX, rest=_NO_PREFIX) -> None:
            if text:
                para = m.Paragraph(text, 0)
                lines.extend(self._wrap(HEADER, para, 0, role, first, rest, anchor=False))

        add(a.title, TITLE)
        add(a.dek, DEK)
        facts = " · ".join(x for x in (a.publication, a.section, format_date(a.published)) if x)
        if byline_text(a) or facts:
            lines.append(blank)
        add(byline_text(a), BYLINE)
        add(facts, META)
        image = a.header_image
        if image is not None:
            lines.append(blank)
            lines.extend(self._picture(HEADER, image))
            caption = " — ".join(x for x in (image.caption or image.file, image.credit) if x)
            add(caption, CAPTION, (("▣ ", CAPTION),), (("  ", CAPTION),))
        lines.append(blank)
        lines.append(Line(HEADER, None, 0, 0, 0, RULE, (("─" * self.width, RULE),), False))
        return lines

    def _block(self, b: int) -> list[Line]:
        block = self.article.blocks[b]
        blank = Line(b, None, 0, 0, 0, BLANK, anchor=False)
        lines = [blank] * self._lead(b)
        role = block_role(block)
        if block.kind == m.BREAK:
            stars = "* * *"
            pad = " " * max(0, (self.width - len(stars)) // 2)
            return [*lines, Line(b, None, 0, 0, 0, RULE, ((pad + stars, RULE),))]
        if block.kind == m.FOOTNOTES:
            lines.append(Line(b, None, 0, 0, 0, HEADING, (("Notes", HEADING),)))
        if block.image is not None:
            lines.extend(self._picture(b, block.image))
        label = self._clock(block)
        if block.kind == m.TURN and not block.continued:
            name = self.article.speaker_name(block.speaker)
            slot = f"speaker-{speaker_slot(self.article, block.speaker)}"
            inline = (name + ": ", slot)
            first_style = block.paragraphs[0].style if block.paragraphs else m.TEXT
            if first_style == m.TEXT and text_cells(inline[0]) <= self.width // 3:
                label = (*label, inline)
            else:
                lines.append(Line(b, None, 0, 0, 0, role, (*label, (name, slot))))
                label = ()
        base = 0
        previous = ""
        for i, para in enumerate(block.paragraphs):
            tight = para.style == previous and para.style in (m.LIST_ITEM, m.FOOTNOTE)
            if i and not tight:
                lines.append(blank)
            first, rest = self._indents(block, para)
            lines.extend(self._wrap(b, para, base, self._role(role, para), label + first, rest))
            label = ()
            base += len(para.text) + 1
            previous = para.style
        return lines

    def _clock(self, block: m.Block) -> tuple[Piece, ...]:
        """The time piece of a timed block ("12:31 "), drawn dimmed before its label."""
        if not self.times or block.start is None or block.continued:
            return _NO_PREFIX
        return ((format_clock(block.start) + " ", TIME),)

    def _picture(self, block: int, image: m.Image) -> list[Line]:
        """The lines the picture takes above its caption (none while pictures are hidden)."""
        if self.pictures is None:
            return []
        rows = self.pictures.rows(image, self.width, self.picture_height)
        anchor = block != HEADER
        return [
            Line(block, None, 0, 0, 0, PICTURE, anchor=anchor, picture=PictureRow(image, i, rows))
            for i in range(rows)
        ]

    @staticmethod
    def _role(role: str, para: m.Paragraph) -> str:
        return {m.CODE_BLOCK: CODE, m.FOOTNOTE: FOOTNOTE}.get(para.style, role)

    @staticmethod
    def _indents(block: m.Block, para: m.Paragraph) -> tuple[tuple[Piece, ...], tuple[Piece, ...]]:
        """The (first line, other lines) prefixes: quote bars, list markers, hanging indents."""
        if block.kind == m.IMAGE:
            return (("▣ ", CAPTION),), (("  ", CAPTION),)
        if para.style == m.QUOTE:
            bars = (("│ " * max(para.depth, 1), QUOTE_BAR),)
            return bars, bars
        if para.style in (m.LIST_ITEM, m.FOOTNOTE) or para.depth:
            indent = (
                "  " * max(para.depth - 1, 0) if para.style == m.LIST_ITEM else "  " * para.depth
            )
            marker = para.marker + " " if para.marker else ""
            hang = indent + " " * text_cells(marker)
            return ((indent + marker, ""),), ((hang, ""),)
        return _NO_PREFIX, _NO_PREFIX
