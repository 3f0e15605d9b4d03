"""Line breaking for the reading pane: where a paragraph breaks at a given width in cells.

Cell widths come from `rich.cells`, with a fast path for text whose characters are all one
cell wide (ASCII plus typographic punctuation, Latin, Greek and Cyrillic).

Wrapping rule (`wrap`): a paragraph breaks at "\n" (hard breaks), and otherwise greedily at a
run of spaces, after a dash between two non-space characters, or next to a wide (CJK)
character; a word longer than the line is broken between graphemes, so a wide character
never splits across the edge. The slices never overlap, never hold a "\n", and what lies
between two consecutive slices is only white space: the run of spaces a line broke at, plus
the "\n" of a hard break. So joining the slices with those gaps gives back the paragraph, and
no character other than a space or a newline is ever lost or shown twice.
"""

from __future__ import annotations

import unicodedata
from bisect import bisect_left, bisect_right
from itertools import accumulate

from rich.cells import cell_len, get_character_cell_size, split_graphemes

_DASHES = ("-", "—", "–")
_NO_BREAK_NEIGHBOURS = frozenset(" \n-—–")


# The fast path's characters: ASCII, typographic punctuation, Latin, Greek, Cyrillic, arrows…
_FAST_RANGES = (
    (0x20, 0x7E),
    (0xA0, 0x2FF),
    (0x370, 0x52F),
    (0x1E00, 0x1FFF),
    (0x2010, 0x2027),
    (0x2030, 0x205E),
    (0x20A0, 0x20C0),
    (0x2100, 0x214F),
    (0x2190, 0x21FF),
    (0x2500, 0x25FF),
)
# Those of them met so far, by whether they are one cell (2,215 at most). Each is measured
# when first met: measuring them all at import took 7 ms of every start.
_ONE_CELL: set[str] = set()
_NOT_ONE_CELL: set[str] = set()


def _in_fast_ranges(c: str) -> bool:
    code = ord(c)
    return any(lo <= code <= hi for lo, hi in _FAST_RANGES)


def _is_one_cell(c: str) -> bool:
    """A character of the fast ranges that Rich measures as one cell and that never joins its
    neighbours."""
    return get_character_cell_size(c) == 1 and unicodedata.category(c)[0] not in "MCZ" or c == " "


def _one_cell(text: str) -> bool:
    """Whether every character of `text` is one cell (and none joins its neighbours): the
    fast path, where a character's index is its cell."""
    if _ONE_CELL.issuperset(text):
        return True
    unknown = set(text).difference(_ONE_CELL)
    if not unknown.isdisjoint(_NOT_ONE_CELL) or not all(map(_in_fast_ranges, unknown)):
        return False
    for c in unknown:
        (_ONE_CELL if _is_one_cell(c) else _NOT_ONE_CELL).add(c)
    return _ONE_CELL.issuperset(unknown)


def text_cells(text: str) -> int:
    """The width of `text` in terminal cells."""
    return len(text) if _one_cell(text) else cell_len(text)


class _Graphemes:
    """Cell positions of a paragraph with wide or combining characters (the slow path)."""

    def __init__(self, text: str):
        spans: list[tuple[int, int, int]] = []
        offset = 0
        for part in text.split("\n"):  # Rich would fold a newline into the grapheme before it
            if offset:
                spans.append((offset - 1, offset, 0))
            spans.extend((s + offset, e + offset, c) for s, e, c in split_graphemes(part)[0])
            offset += len(part) + 1
        self.bounds = [start for start, _, _ in spans] + [len(text)]
        self.cells = [0, *accumulate(cells for _, _, cells in spans)]
        self.wide = sorted({x for start, end, cells in spans if cells > 1 for x in (start, end)})

    def fit(self, pos: int, avail: int) -> int:
        """The furthest grapheme boundary whose text from `pos` fits in `avail` cells."""
        first = bisect_left(self.bounds, pos)
        return self.bounds[bisect_right(self.cells, self.cells[first] + avail) - 1]

    def after(self, pos: int) -> int:
        return self.bounds[min(bisect_right(self.bounds, pos), len(self.bounds) - 1)]

    def floor(self, pos: int) -> int:
        """The grapheme boundary at or before `pos` (a mark may sit on a space or a dash)."""
        return self.bounds[bisect_right(self.bounds, pos) - 1]

    def last_wide_boundary(self, pos: int, lim: int) -> int:
        """The last boundary next to a wide character in (pos, lim], or -1."""
        i = bisect_right(self.wide, lim) - 1
        return self.wide[i] if i >= 0 and self.wide[i] > pos else -1


def _trim(text: str, pos: int, end: int) -> int:
    while end > pos and text[end - 1] == " ":
        end -= 1
    return end


def _last_dash(text: str, pos: int, lim: int) -> int:
    """The last dash in (pos, lim) with a non-space character on both sides, or -1."""
    while True:
        d = max(text.rfind(dash, pos + 1, lim) for dash in _DASHES)
        if d < 0:
            return -1
        if text[d - 1] not in _NO_BREAK_NEIGHBOURS and text[d + 1] not in _NO_BREAK_NEIGHBOURS:
            return d
        lim = d


def _break(text: str, pos: int, lim: int, graphemes: _Graphemes | None) -> tuple[int, int]:
    """(end of this line, start of the next) when the text from `pos` overflows at `lim`."""
    if text[lim] == " ":
        end = _trim(text, pos, lim)
        if end > pos:
            while lim < len(text) and text[lim] == " ":
                lim += 1
            return end, lim if graphemes is None else graphemes.floor(lim)
        return lim, lim
    end = nxt = pos
    space = text.rfind(" ", pos, lim)
    if space > pos and (trimmed := _trim(text, pos, space)) > pos:
        end, nxt = trimmed, space + 1
    dash = _last_dash(text, pos, lim)
    if dash + 1 > end:
        end = nxt = dash + 1
    if graphemes is not None:
        wide = graphemes.last_wide_boundary(pos, lim)
        if _trim(text, pos, wide) > end:
            end, nxt = _trim(text, pos, wide), wide
        end, nxt = graphemes.floor(end), graphemes.floor(nxt)
    return (end, nxt) if end > pos else (lim, lim)


def wrap(text: str, width: int, first: int | None = None) -> list[tuple[int, int]]:
    """Greedy line breaks for `text`: (start, end) slices, the first line `first` cells wide
    (default `width`), the others `width` (see the module docstring for the exact rule).

    Only a single grapheme wider than the whole line (a wide character in one cell) overflows.
    """
    graphemes = None if _one_cell(text) else _Graphemes(text)
    return _wrap(text, width, first, graphemes)


def _wrap(
    text: str, width: int, first: int | None, graphemes: _Graphemes | None
) -> list[tuple[int, int]]:
    """`wrap`, measuring by index (`graphemes` None: every character one cell) or by cells."""
    rest = max(1, width)
    avail = max(1, width if first is None else first)
    lines: list[tuple[int, int]] = []
    length = len(text)
    seg = 0
    while True:
        stop = text.find("\n", seg)
        stop = length if stop < 0 else stop
        pos = seg
        emitted = False
        while True:
            lim = pos + avail if graphemes is None else graphemes.fit(pos, avail)
            if lim >= stop:
                if pos < stop or not emitted:
                    lines.append((pos, _trim(text, pos, stop)))
                break
            if lim <= pos and graphemes is not None:  # a grapheme wider than the line: alone
                lim = graphemes.after(pos)
                if lim >= stop:
                    lines.append((pos, stop))
                    break
            start = pos
            end, pos = _break(text, start, lim, graphemes)
            lines.append((start, end))
            emitted = True
            avail = rest
        if stop >= length:
            return lines
        seg = stop + 1
        avail = rest


def wrap_address(address: str, width: int) -> list[str]:
    """A web address in lines of at most `width` cells, broken after a `/` where it can be
    (else after `-`, `_`, `.`, `?`, `&` or `=`, else anywhere): never mid-word when a
    separator is in reach."""
    width = max(8, width)
    lines: list[str] = []
    rest = address
    while len(rest) > width:
        cut = rest.rfind("/", 0, width) + 1
        if cut <= width // 3:
            cut = max(rest.rfind(sep, 0, width) for sep in "-_.?&=") + 1
        if cut <= width // 3:
            cut = width
        lines.append(rest[:cut])
        rest = rest[cut:]
    return [*lines, rest] if rest else lines
