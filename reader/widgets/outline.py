"""Lists of places in the article: the question outline and the picture captions.

Each row stands for a block; choosing one posts `BlockList.Jump` with that block's index,
and the outline marks the question being read as the reader scrolls. An outline row's text
is made when it is first drawn (`Row`): a piece of 50,000 questions opens without making
50,000 of them (that took seconds, with the app frozen).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from functools import partial

from textual import on
from textual.content import Content
from textual.message import Message
from textual.visual import Visual
from textual.widgets.option_list import Option

from reader.core import model as m
from reader.core.sanitize import clean_line
from reader.core.times import format_clock
from reader.widgets.reader_list import ReaderList, Row

FIRST_WORDS = 240  # characters of a question kept for its outline line (the row cuts the rest)
FILL_AT_ONCE = 500  # rows added to a list in one step (a frame's worth of work)


class BlockList(ReaderList):
    """Rows that each point at a block of the article."""

    CURSOR_ON_FOCUS = True

    class Jump(Message):
        """Go to `block`: row `row` of `origin` was chosen (None: a jump made by code)."""

        def __init__(
            self, block: int, origin: BlockList | None = None, row: int | None = None
        ) -> None:
            super().__init__()
            self.block, self.origin, self.row = block, origin, row

        @property
        def control(self) -> BlockList | None:
            return self.origin

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.blocks: list[int] = []
        self.row_of: dict[int, int] = {}  # block index -> row (the first row for that block)
        self._prompt: Callable[[int], Content | Visual] = lambda row: Content("")
        self._filling = 0  # the fill under way (a new list stops an old one)

    def set_rows(self, rows: Sequence[tuple[int, Content | Visual]]) -> None:
        self.set_blocks([block for block, _ in rows], [prompt for _, prompt in rows].__getitem__)

    def set_blocks(self, blocks: list[int], prompt: Callable[[int], Content | Visual]) -> None:
        """One row per block of `blocks` (in order), row i's text `prompt(i)`. A long list
        fills in `FILL_AT_ONCE` rows a step, a step a frame: the outline of a piece of
        100,000 turns took the app's thread 0.9 s to make at once."""
        self.blocks = blocks
        self.row_of = {}
        for row, block in enumerate(blocks):
            self.row_of.setdefault(block, row)
        self._prompt = prompt
        self._filling += 1
        self.set_options([Option(prompt(row)) for row in range(min(len(blocks), FILL_AT_ONCE))])
        self.display = bool(blocks)
        if len(blocks) > FILL_AT_ONCE:
            self.call_after_refresh(self._fill, self._filling)

    def _fill(self, filling: int) -> None:
        if filling != self._filling or not self.is_attached:
            return  # another list has replaced it, or the app is quitting
        start = self.option_count
        end = min(len(self.blocks), start + FILL_AT_ONCE)
        self.add_options([Option(self._prompt(row)) for row in range(start, end)])
        self.rows_added(start, end)
        if end < len(self.blocks):
            self.call_after_refresh(self._fill, filling)

    def rows_added(self, start: int, end: int) -> None:
        """Rows `start` to `end` have just been added (for a list that marks one of them)."""

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


class Outline(BlockList):
    """One line per section heading and per question; the current question is marked."""

    def __init__(self, *, id: str | None = None, classes: str | None = None) -> None:
        super().__init__(id=id, classes=classes)
        self.article: m.Article | None = None
        self.current: int | None = None
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
        self.set_blocks(blocks, self._prompt_at)

    def _prompt_at(self, row: int) -> Row:
        """Row `row`: a heading, or a question (marked if it is the one being read)."""
        assert self.article is not None
        index = self.blocks[row]
        if index in self._numbers:
            return self._row(index, index == self.current)
        return Row(partial(heading_line, self.article.blocks[index]))

    def _row(self, index: int, current: bool) -> Row:
        """The question at block `index`, its text made when drawn."""
        assert self.article is not None
        block, number = self.article.blocks[index], self._numbers[index]
        return Row(partial(question_line, block, number, current, self._digits))

    def mark(self, block: int | None) -> None:
        """Mark the question at `block` as the one being read (None: before the first)."""
        if block == self.current or self.article is None:
            return
        for index, is_current in ((self.current, False), (block, True)):
            if index in self._numbers and self.row_of[index] < self.option_count:
                self.replace_option_prompt_at_index(
                    self.row_of[index], self._row(index, is_current)
                )  # (a row still to come is made marked or not when it comes)
        self.current = block
        self._follow_current()

    def rows_added(self, start: int, end: int) -> None:
        if self.current in self._numbers and start <= self.row_of[self.current] < end:
            self._follow_current()

    def _follow_current(self) -> None:
        """The cursor on the question being read, once its row is in the list."""
        block = self.current
        if block not in self._numbers or self.has_focus:
            return
        if (row := self.row_of[block]) < self.option_count:
            self.move_cursor(row)


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
