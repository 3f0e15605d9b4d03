"""How far through an article the reader is, and how long the rest takes to read.

Percent and minutes left come from one measure — the words from the top of the view to the
end — so the two always agree: 0% at the top, 100% (and no minutes left) once the reader
has reached the end (`Reading` says when: a piece that fits on one screen is at its end
from the start, but is read only once the reader moves on). `progress_text` is the one way
the title bar and the sidebar write it, and `reader.core.state.progress_label` the library
row's, with the same percent. Words are counted by white space here, a fast estimate made
once per article.
"""

from __future__ import annotations

import math
import os
from dataclasses import dataclass

from reader.core import model as m

Position = tuple[int, int]  # (block index, character offset into Block.text)


@dataclass(frozen=True)
class ReadingProgress:
    """Where the reader is, as the title bar, the sidebar and the saved state need it."""

    position: Position
    percent: float
    minutes_left: int
    current_question: int | None  # block index of the question being read, or None
    time: float | None = None  # the time in the recording at the top of the view (timed only)
    finished: bool = False  # the reader has reached the end


NO_ARTICLE = ReadingProgress((0, 0), 0.0, 0, None)  # what is reported with no article open


def progress_text(percent: float, minutes_left: int, *, read: bool, times: bool = True) -> str:
    """ "42% · 12 min left", "100% · read", "30% · 5 min left · read" (read before, and
    back in it); without `times`, no minutes."""
    parts = [f"{int(percent)}%"]
    if times and minutes_left > 0:
        parts.append(f"{minutes_left} min left")
    if read:
        parts.append("read")
    return " · ".join(parts)


def preview_share(article: m.Article) -> float:
    """How much of its body file a preview holds (characters shown over the file's bytes):
    1 for a whole piece."""
    if article.complete:
        return 1.0
    try:
        size = os.stat(article.body_path).st_size
    except OSError:
        return 1.0
    return min(1.0, sum(len(block.text) for block in article.blocks) / max(size, 1))


class ProgressMeter:
    """Words before each block of one article, counted once, and what they say of a place.

    In a preview (the first part of a long body, shown while the rest is parsed) the figures
    are of the whole piece: the percent is scaled by the share the preview holds, the minutes
    count the words still to come, and its end is not the piece's end (never 100%, never
    read). A preview's blocks are the whole piece's first blocks, so its places carry over."""

    def __init__(self, article: m.Article) -> None:
        self._article = article
        self.share = preview_share(article)

    def _word_starts(self) -> list[int]:
        return self._article.word_starts()

    @property
    def total(self) -> int:
        return self._word_starts()[-1]

    def words_after(self, position: Position) -> int:
        """Words from `position` to the end."""
        block, offset = position
        blocks = self._article.blocks
        if not blocks or block >= len(blocks):
            return 0
        starts = self._word_starts()
        return starts[-1] - starts[block + 1] + len(blocks[block].text[offset:].split())

    def percent(self, position: Position, at_end: bool) -> float:
        """How much of the text lies above `position` (0–100); 100 once the end shows."""
        if at_end and self.share == 1.0:
            return 100.0
        if not self.total:
            return 0.0
        left = self.words_after(position)
        return max(0.0, min(100.0, 100.0 * (1 - left / self.total))) * self.share

    def minutes_left(self, position: Position, at_end: bool) -> int:
        if at_end and self.share == 1.0:
            return 0
        to_come = self.total * (1 / self.share - 1) if self.share > 0 else 0  # after a preview
        return math.ceil((self.words_after(position) + to_come) / m.WORDS_PER_MINUTE)
