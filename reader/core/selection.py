"""A selection of text in an article, made and extended from the keyboard.

A `Selection` has an `anchor` (where it began, fixed) and a `head` (the end that moves);
either may come first in reading order, and `span` puts them in order. The motions move the
head by a word, a sentence or a turn — across paragraphs, turns and speakers — over the
model's text alone; moving by a screen line needs the layout, so `Reading` does that one.
All positions are (block index, character offset into `Block.text`), ends exclusive.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass

from reader.core import model as m
from reader.core.layout import Line

Position = tuple[int, int]
_WORD = re.compile(r"\S+")
_SENTENCE_END = re.compile(r"[.!?…]+[\"”’)\]]*(?=\s|$)")


@dataclass(frozen=True)
class Selection:
    anchor: Position
    head: Position

    @property
    def span(self) -> tuple[Position, Position]:
        return (self.anchor, self.head) if self.anchor <= self.head else (self.head, self.anchor)

    @property
    def empty(self) -> bool:
        return self.anchor == self.head


def word_at(article: m.Article, position: Position) -> Selection:
    """The word at `position`, or the next one after it (a selection to start from)."""
    block, offset = position
    for b in range(max(block, 0), len(article.blocks)):
        text = article.blocks[b].text
        for found in _WORD.finditer(text, offset if b == block else 0):
            if found.end() > (offset if b == block else 0):
                return Selection((b, found.start()), (b, found.end()))
    return Selection(position, position)


def _forward(
    article: m.Article, head: Position, find: Callable[[str, int], int | None]
) -> Position:
    """The first place after `head` that `find(text, start)` gives, this block or later."""
    block, offset = head
    for b in range(block, len(article.blocks)):
        found = find(article.blocks[b].text, offset if b == block else 0)
        if found is not None:
            return (b, found)
    return head


def _backward(
    article: m.Article, head: Position, find: Callable[[str, int], int | None]
) -> Position:
    """The last place before `head` that `find(text, end)` gives, this block or earlier."""
    block, offset = head
    for b in range(min(block, len(article.blocks) - 1), -1, -1):
        text = article.blocks[b].text
        found = find(text, offset if b == block else len(text))
        if found is not None:
            return (b, found)
    return head


def _word_end(text: str, start: int) -> int | None:
    found = next((w for w in _WORD.finditer(text, start) if w.end() > start), None)
    return found.end() if found else None


def _word_start(text: str, end: int) -> int | None:
    starts = [w.start() for w in _WORD.finditer(text, 0, end) if w.start() < end]
    return starts[-1] if starts else None


def _sentence_end(text: str, start: int) -> int | None:
    found = next((s for s in _SENTENCE_END.finditer(text, start) if s.end() > start), None)
    if found is not None:
        return found.end()
    rest = text[start:].rstrip()
    return start + len(rest) if rest else None  # a paragraph's last words end a sentence


def _sentence_start(text: str, end: int) -> int | None:
    starts = [0, *(s.end() for s in _SENTENCE_END.finditer(text, 0, end))]
    starts = [len(text) - len(text[s:].lstrip()) if s else 0 for s in starts]
    before = [s for s in starts if s < end]
    return before[-1] if before else None


def next_word(article: m.Article, head: Position) -> Position:
    return _forward(article, head, _word_end)


def previous_word(article: m.Article, head: Position) -> Position:
    return _backward(article, head, _word_start)


def next_sentence(article: m.Article, head: Position) -> Position:
    return _forward(article, head, _sentence_end)


def previous_sentence(article: m.Article, head: Position) -> Position:
    return _backward(article, head, _sentence_start)


def next_turn(article: m.Article, head: Position) -> Position:
    """The end of the head's block, or of the next one when the head is already there."""
    block, offset = head
    if not article.blocks:
        return head
    if offset < len(article.blocks[block].text.rstrip()):
        return (block, len(article.blocks[block].text.rstrip()))
    nxt = min(block + 1, len(article.blocks) - 1)
    return (nxt, len(article.blocks[nxt].text.rstrip()))


def previous_turn(article: m.Article, head: Position) -> Position:
    """The start of the head's block, or of the one before when the head is already there."""
    block, offset = head
    if offset > 0:
        return (block, 0)
    return (max(block - 1, 0), 0)


Motion = Callable[[m.Article, Position], Position]
MOTIONS: dict[str, Motion] = {  # the selection keys' motions, by name (and `Reading.extend`)
    "word": next_word,
    "back_word": previous_word,
    "sentence": next_sentence,
    "back_sentence": previous_sentence,
    "turn": next_turn,
    "back_turn": previous_turn,
}


def on_line(line: Line, start: Position, end: Position) -> tuple[int, int] | None:
    """The part of a layout line inside start..end, in its paragraph's offsets (for painting
    a selection or a highlight)."""
    if line.paragraph is None or line.end <= line.start:
        return None
    first, last = (line.block, line.offset), (line.block, line.offset_end)
    if end <= first or start >= last:
        return None
    lo = start[1] - line.base if start > first else line.start
    hi = end[1] - line.base if end < last else line.end
    return (lo, hi) if lo < hi else None
