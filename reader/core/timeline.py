"""The times of a timed article (a transcript's turns, `[00:12:31] ME: …` in the bundle), as
everything that speaks of time needs them: the time at a place — the title bar, a search
hit, a quote — and the block that covers a time, for "go to time".

A block's time is its own start, or else the start of the last timed block above it: a turn
resumed after a picture, a heading between turns or an untimed paragraph says "at or after
12:31". Times that go back (which `reader check` warns about) never send a jump backwards:
the covering block is found over the running latest time.
"""

from __future__ import annotations

from bisect import bisect_right
from dataclasses import dataclass
from itertools import accumulate

from reader.core import model as m
from reader.core.times import format_clock, parse_time


@dataclass(frozen=True)
class TimeJump:
    """Where "go to time" lands: a block, the time it starts at, and a note when the time
    asked for lies outside the recording."""

    block: int
    start: float
    note: str = ""


class Timeline:
    """The timed blocks of one article, indexed once."""

    def __init__(self, article: m.Article) -> None:
        self._blocks: list[int] = []  # indices of the timed blocks, in order
        self._starts: list[float] = []
        for index, block in enumerate(article.blocks):
            if block.start is not None:
                self._blocks.append(index)
                self._starts.append(block.start)
        self._latest = list(accumulate(self._starts, max))  # never decreasing, for bisection
        ends = [b.end for b in article.blocks if b.end is not None]
        # Where the recording ends, when the bundle says (its duration, or the last end given).
        self.end: float | None = article.duration or max(ends, default=None)

    @property
    def timed(self) -> bool:
        return bool(self._blocks)

    @property
    def first(self) -> float | None:
        return self._starts[0] if self._starts else None

    def time_at(self, block: int) -> float | None:
        """The time of block `block`: its start, or that of the last timed block above it
        (None before the first)."""
        i = bisect_right(self._blocks, block) - 1
        return self._starts[i] if i >= 0 else None

    def covering(self, seconds: float) -> TimeJump | None:
        """The block being said at `seconds`: the last one that starts at or before it. Before
        the first time, the first timed block; past the end, the last (each with a note).
        None for an untimed article."""
        if not self._blocks:
            return None
        first = self._starts[0]
        if seconds < first:
            note = f"{format_clock(seconds)} is before the first time ({format_clock(first)})"
            return TimeJump(self._blocks[0], first, note)
        i = bisect_right(self._latest, seconds) - 1
        note = ""
        if self.end is not None and seconds > self.end:
            note = f"{format_clock(seconds)} is past the end ({format_clock(self.end)})"
        return TimeJump(self._blocks[i], self._starts[i], note)

    def span(self) -> str:
        """ "0:04 to 1:02:13", for the prompt of "go to time" ("" when untimed)."""
        if self.first is None:
            return ""
        end = self.end if self.end is not None else self._starts[-1]
        return f"{format_clock(self.first)} to {format_clock(end)}"


def read_time(text: str) -> float:
    """Seconds in a time the reader types (`12:31`, `1:02:03`, `00:12:31.5`); ValueError with
    a message for the reader otherwise."""
    if not text.strip():
        raise ValueError("type a time such as 12:31 or 1:02:03")
    return parse_time(text)
