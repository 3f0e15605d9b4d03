"""Lists of places in the article: the question outline and the picture captions.

Each row stands for a block; choosing one posts `BlockList.Jump` with that block's index,
and the outline marks the question being read as the reader scrolls. The outline's rows are
drawn on demand (`VirtualList`): a piece of 50,000 questions made 150,000 objects for its
rows and filled them in over two seconds, 500 a frame; the captions (a few rows of two
lines, a caption and its credit) are a `ReaderList`.
"""

from __future__ import annotations

from collections.abc import Sequence

from textual import on
from textual.content import Content
from textual.message import Message
from textual.widget import Widget
from textual.widgets.option_list import Option

from reader.core import model as m
from reader.core.sanitize import clean_line
from reader.core.times import format_clock
from reader.widgets.reader_list import ReaderList
from reader.widgets.virtual_list import VirtualList

FIRST_WORDS = 240  # characters of a question kept for its outline line (the row cuts the rest)


class BlockList(ReaderList):
    """Rows that each point at a block of the article."""

    CURSOR_ON_FOCUS = True

    class Jump(Message):
        """Go to `block`: row `row` of `origin` was chosen (None: a jump made by code)."""

        def __init__(
            self, block: int, origin: Widget | None = None, row: int | None = None
        ) -> None:
            super().__init__()
            self.block, self.origin, self.row = block, origin, row

        @property
        def control(self) -> Widget | None:
            return self.origin

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.blocks: list[int] = []
        self.row_of: dict[int, int] = {}  # block index -> row (the first row for that block)

    def set_rows(self, rows: Sequence[tuple[int, Content]]) -> None:
        """One row per (block, text) of `rows`, in order."""
        self.blocks = [block for block, _ in rows]
        self.row_of = {}
        for row, block in enumerate(self.blocks):
            self.row_of.setdefault(block, row)
        self.set_options([Option(prompt) for _, prompt in rows])
        self.display = bool(rows)

    @on(ReaderList.OptionSelected)
    def _selected(self, event: ReaderList.OptionSelected) -> None:
        event.stop()
        index = event.option_index
        self.post_message(self.Jump(self.blocks[index], self, index))


def question_line(block: m.Block, number: int, current: bool, digits: int = 1) -> Content:
    """ "▶ 12. 12:31 Where did you grow up?": the mark, the number (right-aligned to
    `digits`, so that the questions start in one column past 9 and past 99), the time of a
    timed turn (dimmed) and the question's first words; the row's width cuts the rest."""
    words = clean_line(block.text[: FIRST_WORDS * 2])[:FIRST_WORDS]
    time = f"{format_clock(block.start)} " if block.start is not None else ""
    return Content.assemble(
        ("▶ " if current else "  ", "$accent bold"),
        (f"{number:>{digits}}. ", "$foreground-muted"),
        (time, "$foreground-muted dim"),
        (words, "bold" if current else ""),
    )


def heading_line(block: m.Block) -> Content:
    return Content.assemble(("§ ", "$foreground-muted"), (clean_line(block.text), "bold $heading"))


class Outline(VirtualList):
    """One line per section heading and per question; the current question is marked.
    Its rows are drawn on demand (`VirtualList`): a piece of 50,000 questions shows its
    outline at once, with nothing made for the rows out of view."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.article: m.Article | None = None
        self.current: int | None = None
        self.blocks: list[int] = []  # row -> block index
        self.row_of: dict[int, int] = {}  # block index -> row
        self._numbers: dict[int, int] = {}  # block index -> question number
        self._digits = 1  # of the last number, to align them

    def show(self, article: m.Article) -> None:
        self.article, self.current = article, None
        blocks: list[int] = []
        questions = set(article.question_blocks())
        self._numbers = {}
        self._digits = len(str(len(questions)))
        for index, block in enumerate(article.blocks):
            if block.kind == m.HEADING:
                blocks.append(index)
            elif index in questions:
                self._numbers[index] = len(self._numbers) + 1
                blocks.append(index)
        self.blocks = blocks
        self.row_of = {block: row for row, block in enumerate(blocks)}
        self.set_rows(len(blocks), self._prompt_at)
        self.display = bool(blocks)

    def _prompt_at(self, row: int) -> Content:
        """Row `row`: a heading, or a question (marked if it is the one being read)."""
        assert self.article is not None
        index = self.blocks[row]
        block = self.article.blocks[index]
        if index in self._numbers:
            number = self._numbers[index]
            return question_line(block, number, index == self.current, self._digits)
        return heading_line(block)

    def mark(self, block: int | None) -> None:
        """Mark the question at `block` as the one being read (None: before the first)."""
        if block == self.current or self.article is None:
            return
        old, self.current = self.current, block
        for index in (old, block):
            if index in self._numbers:
                self.refresh_row(self.row_of[index])
        self._follow_current()

    def _follow_current(self) -> None:
        """The cursor on the question being read (not while the reader moves it)."""
        if self.current in self._numbers and not self.has_focus:
            self.move_cursor(self.row_of[self.current])

    @on(VirtualList.Selected)
    def _selected(self, event: VirtualList.Selected) -> None:
        event.stop()
        self.post_message(BlockList.Jump(self.blocks[event.row], self, event.row))


def caption_rows(article: m.Article) -> list[tuple[int, Content]]:
    """Every picture's caption and credit, pointing at its place in the text (or the top):
    row i is `article.images[i]`."""
    where = {b.image.file: i for i, b in enumerate(article.blocks) if b.image is not None}
    rows = []
    for image in article.images:
        caption = clean_line(image.caption) or clean_line(image.file)
        credit = clean_line(image.credit)
        parts: list[tuple[str, str] | str] = [(caption, "$caption")]
        if credit:
            parts += ["\n", (credit, "$foreground-muted italic")]
        rows.append((where.get(image.file, 0), Content.assemble(*parts)))
    return rows
