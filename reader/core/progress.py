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
from dataclasses import dataclass, replace

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


def progress_text(percent: float, minutes_left: int, *, read: bool, times: bool = True) -> str:
    """ "42% · 12 min left", "100% · read", "30% · 5 min left · read" (read before, and
    back in it); without `times`, no minutes."""
    parts = [f"{int(percent)}%"]
    if times and minutes_left > 0:
        parts.append(f"{minutes_left} min left")
    if read:
        parts.append("read")
    return " · ".join(parts)


def in_whole(progress: ReadingProgress, share: float) -> ReadingProgress:
    """Progress in a preview that holds `share` (0 to 1) of the whole piece, as progress in
    the whole: the percent scaled down, and never finished (the rest is still to come).
    The place itself carries over: a preview's blocks are the whole piece's first blocks."""
    share = min(max(share, 0.0), 1.0)
    return replace(progress, percent=progress.percent * share, finished=False)


class ProgressMeter:
    """Words before each block of one article, counted once, and what they say of a place."""

    def __init__(self, article: m.Article) -> None:
        self._article = article

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
        if at_end:
            return 100.0
        if not self.total:
            return 0.0
        left = self.words_after(position)
        return max(0.0, min(100.0, 100.0 * (1 - left / self.total)))

    def minutes_left(self, position: Position, at_end: bool) -> int:
        if at_end:
            return 0
        return math.ceil(self.words_after(position) / m.WORDS_PER_MINUTE)
