"""Where a list scrolls to keep a row in view as it moves: a screenful at a time.

The outline follows the question being read. Scrolled a row at a time, it moved on every
other key while paging through a long piece, and every move redraws every row shown. Here
a row that leaves the view is brought back near the edge it did not leave by (a row of
context kept), so the list scrolls once per screenful of questions.
"""

from __future__ import annotations

CONTEXT = 1  # rows kept between the followed row and the edge of the view


def follow(line: int, height: int, top: int, shown: int, context: int = CONTEXT) -> int | None:
    """The new top line for a row at `line` (`height` lines) to be in a view of `shown` lines
    now starting at `top`, or None when it is in view already."""
    if shown <= 0 or top <= line and line + height <= top + shown:
        return None
    context = min(context, max(0, (shown - height) // 2))
    moved_up = line < top
    return max(0, line + height + context - shown if moved_up else line - context)
