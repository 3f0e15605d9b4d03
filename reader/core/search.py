"""In-article search over the model, not the screen, in the reader's one search language.

The language — words, "phrases", prefix*, `speaker:NAME`, `q:`, `a:` — is parsed by
`reader.core.query`, which the library search parses with too, so a query finds the same
paragraphs in an open article as in the whole library: every word in one paragraph, whole
words in any case and without regard to accents. In the article each occurrence of a term
in those paragraphs is a hit; a query of scopes alone (`speaker:Okafor`) has one hit per
turn in scope, on its first word.

Hits are (block, start, end) in model coordinates, so a match that the layout wraps across
two lines is still one hit, and a resize never invalidates a search. Speed: `ArticleIndex`
joins and folds the article's text once (case and accents, character for character so that
offsets carry over); a term is then one regular expression run in C over that one string,
and hits stay offsets until asked for (`Matches`), so a keystroke costs a few milliseconds
at 200,000 words. A query typed key by key repeats its earlier words, so each term's hits
are kept (the last TERMS_KEPT terms); several words meet only in the paragraphs of the
rarest, found by bisecting the others' hits once per such paragraph, not once per hit
(a 5 MB article took 1.5 s a keystroke for "a b c …", a word per letter).
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from itertools import accumulate
from typing import NamedTuple, overload

from reader.core import model as m
from reader.core.query import (
    Query,
    QueryError,
    Term,
    fold,
    names_match,
    parse,
    searchable,
    speaker_words,
)

TERMS_KEPT = 64  # terms whose hits an index keeps
_SEPARATOR = "\x00"  # between blocks; the loader removes NUL, so no text can contain it
_FIRST_WORD = re.compile(r"[^\W_]+")
# Between the words of a phrase: anything but letters, digits and the end of a paragraph.
_BETWEEN = r"(?:[^\w\n\x00]|_)+"
# Scripts written without spaces between words: kana, CJK ideographs, Thai, Lao, Khmer.
_UNSPACED = re.compile(
    "[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0eff\u1780-\u17ff]"
)


class Match(NamedTuple):
    """A match: `Block.text[start:end]` of block `block`."""

    block: int
    start: int
    end: int


def _pattern(term: Term) -> re.Pattern[str]:
    """A term as a regular expression over folded text: whole words, side by side. It
    starts with the first word itself, whose start is checked after it (a fixed-width look
    back), because a pattern that starts with a literal is searched for in C at full speed,
    and one that starts with an assertion ten times slower. Scripts written without spaces
    (Chinese, Japanese, Thai) have no word boundaries to check: their words are found
    anywhere in a run of text."""
    first, *rest = term.words
    start = "" if _UNSPACED.match(first) else rf"(?<![^\W_]{re.escape(first)})"
    body = "".join(f"{_BETWEEN}{re.escape(word)}" for word in rest)
    tail = r"[^\W_]*" if term.prefix else ""
    end = "" if _UNSPACED.match(term.words[-1][-1]) else r"(?![^\W_])"
    return re.compile(f"{re.escape(first)}{start}{body}{tail}{end}")


class Matches(Sequence[Match]):
    """The hits of one query, as sorted, non-overlapping (start, end) offsets into the
    index's joined text; a `Match` is built only when asked for. Counting, the first hit
    from a position, stepping and the hits on a line are bisections."""

    def __init__(self, index: ArticleIndex, starts: list[int], ends: list[int]) -> None:
        self._index = index
        self._starts = starts
        self._ends = ends

    def __len__(self) -> int:
        return len(self._starts)

    @overload
    def __getitem__(self, i: int) -> Match: ...
    @overload
    def __getitem__(self, i: slice) -> list[Match]: ...
    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        block, start = self._index.position(self._starts[i])
        return Match(block, start, start + self._ends[i] - self._starts[i])

    def first_from(self, position: tuple[int, int]) -> tuple[int, Match] | None:
        """(index, hit) of the first hit at or after `position`, or None."""
        i = bisect_left(self._starts, self._index.offset(position))
        return (i, self[i]) if i < len(self) else None

    def first(self) -> tuple[int, Match] | None:
        return (0, self[0]) if len(self) else None

    def last(self) -> tuple[int, Match] | None:
        return (len(self) - 1, self[-1]) if len(self) else None

    def step(self, current: tuple[int, Match], direction: int) -> tuple[int, Match] | None:
        """The hit after (direction 1) or before (-1) `current`, or None past either end."""
        j = current[0] + direction
        return (j, self[j]) if 0 <= j < len(self) else None

    def spans_in(self, block: int, start: int, end: int) -> list[tuple[int, int]]:
        """The hits that overlap `Block.text[start:end]`, as (start, end) in the block; none
        for a block the article does not have (the header's lines carry block -1)."""
        if not self._index.has_block(block):
            return []
        base = self._index.offset((block, 0))
        lo, hi = self._index.offset((block, start)), self._index.offset((block, end))
        first = bisect_right(self._ends, lo)
        last = bisect_left(self._starts, hi, first)
        return [
            (s - base, e - base)
            for s, e in zip(self._starts[first:last], self._ends[first:last], strict=True)
        ]


class ArticleIndex:
    """An article's text prepared once for many searches."""

    def __init__(self, article: m.Article):
        self.article = article
        texts = [b.text for b in article.blocks]
        self._lengths = [len(t) for t in texts]
        self._starts = [0, *accumulate(n + 1 for n in self._lengths)][:-1] or [0]
        self._text = fold(_SEPARATOR.join(texts))
        # where each paragraph starts in the joined text: all the words of a query must
        # occur in one paragraph, as in the library index (one row per paragraph)
        self._paragraphs: list[int] = []
        for start, block in zip(self._starts, article.blocks, strict=False):
            for offset in accumulate((len(p.text) + 1 for p in block.paragraphs), initial=0):
                self._paragraphs.append(start + offset)
        names = {key: s.name for key, s in article.speakers.items()}
        for block in article.blocks:
            if block.kind == m.TURN and block.speaker is not None:
                names.setdefault(block.speaker, block.speaker)
        self._names = {key: speaker_words(key, name) for key, name in names.items()}
        self._kept: dict[tuple[Term, tuple | None], tuple[list[int], list[int]]] = {}

    def has_block(self, block: int) -> bool:
        return 0 <= block < len(self._lengths)

    def offset(self, position: tuple[int, int]) -> int:
        """A model position as an offset into the joined text (kept inside its block)."""
        block = min(max(position[0], 0), len(self._starts) - 1)
        length = self._lengths[block] if self._lengths else 0
        return self._starts[block] + min(max(position[1], 0), length)

    def position(self, offset: int) -> tuple[int, int]:
        block = bisect_right(self._starts, offset) - 1
        return block, offset - self._starts[block]

    def speakers(self, query: Query) -> set[str]:
        """The keys of the speakers that the query's `speaker:` scopes name."""
        return {
            key
            for key, words in self._names.items()
            if any(names_match(term, words) for term in query.speakers)
        }

    def search(self, query: Query | str) -> Matches:
        """The hits of `query` (a string is parsed; QueryError for a bad one)."""
        if isinstance(query, str):
            query = parse(query)
        if query.empty or not self.article.blocks:
            return Matches(self, [], [])
        blocks = self._in_scope(searchable(query))
        if not query.terms:
            assert blocks is not None  # a query of scopes alone: a hit per turn in scope
            return self._first_words(blocks)
        ranges = None if blocks is None else self._ranges(blocks)
        found = [self._hits(term, ranges) for term in query.terms]
        if len(found) == 1:
            starts, ends = found[0]
            return Matches(self, starts, ends)
        return self._in_common(found)

    def error(self, query: Query) -> str | None:
        """Why a well-formed query cannot match anything, for the search bar."""
        if query.speakers and not self.speakers(query):
            names = " ".join(" ".join(term.words) for term in query.speakers)
            return f"no speaker {names!r}"
        return None

    def _hits(
        self, term: Term, ranges: list[tuple[int, int]] | None
    ) -> tuple[list[int], list[int]]:
        """The (starts, ends) of `term` in `ranges` (None: everywhere), kept for next time."""
        key = (term, None if ranges is None else tuple(ranges))
        found = self._kept.pop(key, None)
        if found is None:
            found = self._find(_pattern(term), ranges)
        self._kept[key] = found  # the most recent last
        if len(self._kept) > TERMS_KEPT:
            del self._kept[next(iter(self._kept))]
        return found

    def _find(
        self, pattern: re.Pattern[str], ranges: list[tuple[int, int]] | None
    ) -> tuple[list[int], list[int]]:
        text = self._text
        if ranges is None:
            spans = [hit.span() for hit in pattern.finditer(text)]
        else:
            spans = [hit.span() for lo, hi in ranges for hit in pattern.finditer(text, lo, hi)]
        return [s for s, _ in spans], [e for _, e in spans]

    def _in_common(self, found: list[tuple[list[int], list[int]]]) -> Matches:
        """The hits of every term in the paragraphs where every term occurs, in order; where
        two overlap, the first. The paragraphs are the rarest term's that hold a hit of each
        other term: a bisection per paragraph and term, however common the others are."""
        paragraphs = self._paragraphs
        rarest = min(found, key=lambda hits: len(hits[0]))
        common = sorted({bisect_right(paragraphs, s) for s in rarest[0]})
        end = len(self._text)
        bounds = [
            (paragraphs[n - 1], paragraphs[n] if n < len(paragraphs) else end) for n in common
        ]
        spans: list[tuple[int, int]] = []
        for starts, _ in found:
            bounds = [
                (lo, hi) for lo, hi in bounds if bisect_left(starts, lo) < bisect_left(starts, hi)
            ]
        for starts, ends in found:
            for lo, hi in bounds:
                first, last = bisect_left(starts, lo), bisect_left(starts, hi)
                spans += zip(starts[first:last], ends[first:last], strict=True)
        spans.sort()
        kept: list[tuple[int, int]] = []
        for s, e in spans:
            if not kept or s >= kept[-1][1]:
                kept.append((s, e))
        return Matches(self, [s for s, _ in kept], [e for _, e in kept])

    def _first_words(self, blocks: list[int]) -> Matches:
        """One hit per turn in scope, on the first word of its text."""
        starts, ends = [], []
        for block in blocks:
            start = self._starts[block]
            word = _FIRST_WORD.search(self._text, start, start + self._lengths[block])
            s, e = word.span() if word else (start, start)
            starts.append(s)
            ends.append(e)
        return Matches(self, starts, ends)

    def _in_scope(self, query: Query) -> list[int] | None:
        """The turns a scoped query searches; None when it has no scope."""
        if not query.scoped:
            return None
        keys = self.speakers(query) if query.speakers else None
        kinds = query.questions or query.answers
        return [
            i
            for i, block in enumerate(self.article.blocks)
            if block.kind == m.TURN
            and (keys is None or block.speaker in keys)
            and (
                not kinds
                or (query.questions and block.is_question)
                or (query.answers and block.is_answer)
            )
        ]

    def _ranges(self, blocks: list[int]) -> list[tuple[int, int]]:
        """The stretches of the joined text that `blocks` cover (neighbours joined)."""
        ranges: list[tuple[int, int]] = []
        for i in blocks:
            start = self._starts[i]
            end = start + self._lengths[i]
            if ranges and ranges[-1][1] + 1 == start:
                ranges[-1] = (ranges[-1][0], end)
            else:
                ranges.append((start, end))
        return ranges


def find(article: m.Article, query: Query | str) -> list[Match]:
    """The hits of `query` in `article`, in reading order (for one-off searches: a reader's
    search keeps its `ArticleIndex`)."""
    return list(ArticleIndex(article).search(query))


__all__ = ["ArticleIndex", "Match", "Matches", "QueryError", "find"]
