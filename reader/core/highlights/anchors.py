"""Where a highlight is, in a way that survives edits to the bundle.

A `TextAnchor` keeps the highlight's place (block and character offsets, as everywhere in
the reader), its exact text, about 32 characters before and after it, and a hash of the
blocks it spans. Re-finding it in the article as it is now (`locate`), in order:

1. the same place, when the blocks there still hash the same (the common case: nothing
   around it changed);
2. the exact text, wherever it occurs, the occurrence chosen by how well the text before
   and after it matches and how near it is to the old place;
3. the text with a few edits (at most one in four characters), scored the same way, and
   only if it scores better than every place where the exact text still occurs.

Either way a candidate counts only when a good part of the old context still touches it,
unchanged (`MIN_ADJACENT`: the characters right before and right after it that are the
same as before): the same words elsewhere, in other company, are other words, and a
highlight is never moved onto them.

Otherwise the highlight is orphaned: kept with its text, never painted on other words. The
scoring follows the Hypothesis annotation client (quote, prefix, suffix, distance).

Offsets here are into the article's *plain text*: every block's text joined by a blank line
(`ArticleText`), so a highlight may cross paragraphs, turns and speakers.
"""

from __future__ import annotations

import hashlib
import os
from bisect import bisect_right
from dataclasses import dataclass
from difflib import SequenceMatcher
from itertools import accumulate

from reader.core import model as m

CONTEXT = 32  # characters of text kept before and after a highlight
SEPARATOR = "\n\n"  # between two blocks in the plain text
MAX_ERROR_SHARE = 0.25  # edits allowed in a fuzzy match, per character of the quote
MIN_ADJACENT = 0.25  # share of the old context that must still touch a match, unchanged
FUZZY_WINDOW = 20_000  # characters either side of the old place searched first

Position = tuple[int, int]


class ArticleText:
    """An article's blocks as one string, with model positions ↔ offsets into it."""

    def __init__(self, article: m.Article) -> None:
        self.texts = [block.text for block in article.blocks]
        self.starts = [0, *accumulate(len(t) + len(SEPARATOR) for t in self.texts)][:-1]
        self.text = SEPARATOR.join(self.texts)

    def offset(self, position: Position) -> int:
        block, offset = position
        if not self.texts:
            return 0
        block = min(max(block, 0), len(self.texts) - 1)
        return self.starts[block] + min(max(offset, 0), len(self.texts[block]))

    def position(self, offset: int) -> Position:
        """The block and offset of a plain-text offset (one in a separator: its block's end)."""
        if not self.texts:
            return (0, 0)
        block = max(0, bisect_right(self.starts, offset) - 1)
        return block, min(offset - self.starts[block], len(self.texts[block]))

    def blocks_hash(self, first: int, last: int) -> str:
        joined = SEPARATOR.join(self.texts[first : last + 1])
        return hashlib.sha1(joined.encode("utf-8", "surrogatepass")).hexdigest()[:16]


@dataclass(frozen=True)
class TextAnchor:
    start: Position
    end: Position  # exclusive
    exact: str
    prefix: str
    suffix: str
    blocks_hash: str


@dataclass(frozen=True)
class Located:
    """Where an anchor is now; `anchor` is re-based on the text found (`moved` when it is not
    where it was, or its text changed)."""

    anchor: TextAnchor
    moved: bool
    fuzzy: bool = False


def make_anchor(text: ArticleText, start: Position, end: Position) -> TextAnchor:
    """The anchor of the text from `start` to `end` (in reading order)."""
    lo, hi = sorted((text.offset(start), text.offset(end)))
    return _anchor_at(text, lo, hi)


def _anchor_at(text: ArticleText, lo: int, hi: int) -> TextAnchor:
    start, end = text.position(lo), text.position(hi)
    return TextAnchor(
        start=start,
        end=end,
        exact=text.text[lo:hi],
        prefix=text.text[max(0, lo - CONTEXT) : lo],
        suffix=text.text[hi : hi + CONTEXT],
        blocks_hash=text.blocks_hash(start[0], end[0]),
    )


def locate(text: ArticleText, anchor: TextAnchor) -> Located | None:
    """The anchor in the article as it is now, or None when it cannot be found with
    confidence (the highlight is then orphaned)."""
    if not anchor.exact:
        return None
    first, last = anchor.start[0], anchor.end[0]
    if last < len(text.texts) and text.blocks_hash(first, last) == anchor.blocks_hash:
        lo, hi = text.offset(anchor.start), text.offset(anchor.end)
        if text.text[lo:hi] == anchor.exact:
            return Located(anchor, moved=False)
    hint = text.offset(anchor.start)
    starts = _occurrences(text, anchor.exact)
    # A fuzzy match must read better than every exact occurrence, even those in other
    # company: words that are still there, a little changed around, are never traded for
    # other words that only happen to sit in a context that repeats.
    rival = max(
        (_score(text, anchor, lo, lo + len(anchor.exact), 0, hint) for lo in starts), default=-1.0
    )
    found = _exact(text, anchor, hint, starts) or _fuzzy(text, anchor, hint, rival)
    if found is None:
        return None
    lo, hi, fuzzy = found
    new = _anchor_at(text, lo, hi)
    return Located(new, moved=new != anchor, fuzzy=fuzzy)


def _occurrences(text: ArticleText, exact: str) -> list[int]:
    starts = []
    at = text.text.find(exact)
    while at >= 0:
        starts.append(at)
        at = text.text.find(exact, at + 1)
    return starts


def _exact(
    text: ArticleText, anchor: TextAnchor, hint: int, starts: list[int]
) -> tuple[int, int, bool] | None:
    size = len(anchor.exact)
    kept = [lo for lo in starts if _adjacent(text, anchor, lo, lo + size) >= MIN_ADJACENT]
    if not kept:
        return None
    best = max(kept, key=lambda lo: _score(text, anchor, lo, lo + size, 0, hint))
    return best, best + size, False


def _fuzzy(
    text: ArticleText, anchor: TextAnchor, hint: int, rival: float
) -> tuple[int, int, bool] | None:
    """The best match with a few edits (near the old place first, then anywhere) if it
    scores above `rival`."""
    from reader.core.highlights.approx import search  # only for words edited since

    limit = max(1, int(len(anchor.exact) * MAX_ERROR_SHARE))
    lo = max(0, hint - FUZZY_WINDOW)
    window = text.text[lo : hint + FUZZY_WINDOW]
    near = [(a.start + lo, a.end + lo, a.errors) for a in search(anchor.exact, window, limit)]
    if not near and len(window) < len(text.text):
        near = [(a.start, a.end, a.errors) for a in search(anchor.exact, text.text, limit)]
    scored = [
        (_score(text, anchor, a, b, errors, hint), a, b)
        for a, b, errors in near
        if _adjacent(text, anchor, a, b) >= MIN_ADJACENT
    ]
    if not scored or max(scored)[0] <= rival:
        return None
    _, a, b = max(scored)
    return a, b, True


def _similar(a: str, b: str) -> float:
    if not a and not b:
        return 1.0
    return SequenceMatcher(None, a, b, autojunk=False).ratio()


def _around(text: ArticleText, anchor: TextAnchor, lo: int, hi: int) -> tuple[float, float]:
    """How much the text just before and just after lo..hi reads like the anchor's prefix
    and suffix (0..1 each; an empty prefix matches only the start of the article)."""
    before = text.text[max(0, lo - CONTEXT) : lo]
    after = text.text[hi : hi + CONTEXT]
    return _similar(before, anchor.prefix), _similar(after, anchor.suffix)


def _adjacent(text: ArticleText, anchor: TextAnchor, lo: int, hi: int) -> float:
    """The share of the anchor's context that still touches lo..hi unchanged: the common end
    of the old and new text before it, plus the common start of the old and new text after
    it (1.0 when the anchor had no context: it was the whole article)."""
    total = len(anchor.prefix) + len(anchor.suffix)
    if not total:
        return 1.0
    before = text.text[max(0, lo - len(anchor.prefix)) : lo]
    after = text.text[hi : hi + len(anchor.suffix)]
    same = len(os.path.commonprefix([before[::-1], anchor.prefix[::-1]]))
    same += len(os.path.commonprefix([after, anchor.suffix]))
    return same / total


def _score(
    text: ArticleText, anchor: TextAnchor, lo: int, hi: int, errors: int, hint: int
) -> float:
    """Quote 50, prefix and suffix 20 each, nearness to the old place 2."""
    quote = 1 - errors / max(1, len(anchor.exact))
    before, after = _around(text, anchor, lo, hi)
    near = 1 - abs(lo - hint) / max(1, len(text.text))
    return 50 * quote + 20 * before + 20 * after + 2 * near
