"""In-article search over the model, not the screen.

Hits are (block, start, end) in model coordinates, so a match that the layout wraps across two
lines is still one hit, and a resize never invalidates a search. The query language is small:

- smart case: a query in lower case ignores case; any capital letter makes it case-sensitive;
- `speaker:NAME words` searches the turns of one speaker, NAME being a speaker key or name
  (any case), or the start of the name or of one of its words; `speaker:"Mara Ellison"`;
- `q:` searches questions only, `a:` answers only;
- everything else is one literal phrase (white space collapsed; regex characters are plain).

Typographic quotes and apostrophes match their ASCII forms (“don't” finds “don’t”). Speed:
`ArticleIndex` joins and folds the article's text once; a search then runs in C over that one
string, and hits stay offsets until asked for (`Matches`), so a keystroke costs a few
milliseconds at 200,000 words.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from itertools import accumulate
from typing import NamedTuple, overload

from reader.core import model as m
from reader.core.sanitize import clean_line

_SEPARATOR = "\x00"  # between blocks; the loader removes NUL, so no query can contain it
_QUOTES = (("’", "'"), ("‘", "'"), ("ʼ", "'"), ("“", '"'), ("”", '"'), ("„", '"'))
_SCOPE = re.compile(r'(?:(?<=\s)|^)(?:speaker:(?:"([^"]*)"?|(\S*))|([qa]):)', re.IGNORECASE)


class Match(NamedTuple):
    """A match: `Block.text[start:end]` of block `block`."""

    block: int
    start: int
    end: int


@dataclass(frozen=True)
class Query:
    text: str  # the phrase, scopes removed and white space collapsed
    case_sensitive: bool = False
    speaker: str | None = None
    questions: bool = False
    answers: bool = False


@dataclass(frozen=True)
class SearchState:
    """What the search bar shows: `counter` is "3/17", "no match", or "" with no query."""

    query: str = ""
    current: int | None = None  # index into the hits
    total: int = 0
    wrapped: bool = False  # the last move went past the end (or the start) and came round
    error: str | None = None

    @property
    def counter(self) -> str:
        if not self.query.strip():
            return ""
        if not self.total or self.current is None:
            return "no match"
        return f"{self.current + 1}/{self.total}"


def parse_query(text: str) -> Query:
    text = clean_line(text)
    speaker = None
    kinds = set()
    for match in _SCOPE.finditer(text):
        if match.group(3):
            kinds.add(match.group(3).lower())
        else:
            speaker = " ".join((match.group(1) or match.group(2) or "").split())
    phrase = " ".join(_SCOPE.sub(" ", text).split())
    return Query(
        text=phrase,
        case_sensitive=any(c.isupper() for c in phrase),
        speaker=speaker,
        questions="q" in kinds,
        answers="a" in kinds,
    )


def _lower(text: str) -> str:
    """Lower case without changing the length, so offsets stay valid: "İ" (U+0130) is the one
    character whose `lower()` is two characters long."""
    return text.replace("\u0130", "i").lower()


def _plain_quotes(text: str) -> str:
    """Typographic quotes to ASCII, one character for one (`str.translate` is slower)."""
    for curly, plain in _QUOTES:
        if curly in text:
            text = text.replace(curly, plain)
    return text


def _overlaps_itself(needle: str) -> bool:
    """True when two occurrences of `needle` can overlap ("aa" in "aaa", "ana" in "anana")."""
    return any(needle[:k] == needle[-k:] for k in range(1, len(needle)))


class Matches(Sequence[Match]):
    """The hits of one query, as offsets into the index's joined text (a `Match` is built only
    when asked for). Counting, the first hit from a position, stepping and the hits on a line
    are all answered in C: by bisection over the offsets; or, for a phrase searched over the
    whole article that cannot overlap itself (one letter, most words), with no offsets at all,
    by `str.count`/`find`/`rfind` — exact then, since every occurrence is a hit. So even a
    one-letter query with a hundred thousand hits costs a few milliseconds."""

    def __init__(
        self, index: ArticleIndex, haystack: str, needle: str, offsets: list[int] | None
    ) -> None:
        self._index = index
        self._haystack = haystack
        self._needle = needle
        self._offsets = offsets
        self._count: int | None = None if offsets is None else len(offsets)
        self._pattern = re.compile(re.escape(needle))
        self.size = len(needle)

    def __len__(self) -> int:
        if self._count is None:
            self._count = self._haystack.count(self._needle) if self._needle else 0
        return self._count

    @overload
    def __getitem__(self, i: int) -> Match: ...
    @overload
    def __getitem__(self, i: slice) -> list[Match]: ...
    def __getitem__(self, i):
        if isinstance(i, slice):
            return [self[j] for j in range(*i.indices(len(self)))]
        return self._hit(self._all()[i])

    def first_from(self, position: tuple[int, int]) -> tuple[int, Match] | None:
        """(index, hit) of the first hit at or after `position`, or None."""
        offset = self._index.offset(position)
        if self._offsets is not None:
            i = bisect_left(self._offsets, offset)
            return (i, self._hit(self._offsets[i])) if i < len(self._offsets) else None
        found = self._haystack.find(self._needle, offset) if self._needle else -1
        return None if found < 0 else self._at(found)

    def first(self) -> tuple[int, Match] | None:
        return self.first_from((0, 0))

    def last(self) -> tuple[int, Match] | None:
        if not len(self):
            return None
        if self._offsets is not None:
            return len(self) - 1, self._hit(self._offsets[-1])
        return len(self) - 1, self._hit(self._haystack.rfind(self._needle))

    def step(self, current: tuple[int, Match], direction: int) -> tuple[int, Match] | None:
        """The hit after (direction 1) or before (-1) `current`, or None past either end."""
        i, hit = current
        j = i + direction
        if self._offsets is not None:
            return (j, self._hit(self._offsets[j])) if 0 <= j < len(self._offsets) else None
        offset = self._index.offset((hit.block, hit.start))
        if direction > 0:
            found = self._haystack.find(self._needle, offset + self.size)
        else:
            found = self._haystack.rfind(self._needle, 0, offset)
        return None if found < 0 else (j, self._hit(found))

    def starts_in(self, block: int, start: int, end: int) -> list[int]:
        """Where the hits that overlap `Block.text[start:end]` start, as offsets in the block."""
        base = self._index.offset((block, 0))
        lo, hi = self._index.offset((block, start)), self._index.offset((block, end))
        if self._offsets is not None:
            first = bisect_right(self._offsets, lo - self.size)
            found = self._offsets[first : bisect_left(self._offsets, hi, first)]
        else:
            window = (self._haystack, max(lo - self.size + 1, 0), hi + self.size - 1)
            found = [hit.start() for hit in self._pattern.finditer(*window)]
        return [offset - base for offset in found]

    def _hit(self, offset: int) -> Match:
        block, start = self._index.position(offset)
        return Match(block, start, start + self.size)

    def _at(self, offset: int) -> tuple[int, Match]:
        return self._haystack.count(self._needle, 0, offset), self._hit(offset)

    def _all(self) -> list[int]:
        if self._offsets is None:
            self._offsets = [hit.start() for hit in self._pattern.finditer(self._haystack)]
        return self._offsets


class ArticleIndex:
    """An article's text prepared once for many searches."""

    def __init__(self, article: m.Article):
        self.article = article
        texts = [b.text for b in article.blocks]
        self._lengths = [len(t) for t in texts]
        self._starts = [0, *accumulate(n + 1 for n in self._lengths)][:-1] or [0]
        self._exact = _plain_quotes(_SEPARATOR.join(texts))
        self._lower = _lower(self._exact)
        self._names = {key: s.name for key, s in article.speakers.items()}
        for block in article.blocks:
            if block.kind == m.TURN and block.speaker is not None:
                self._names.setdefault(block.speaker, block.speaker)

    def offset(self, position: tuple[int, int]) -> int:
        """A model position as an offset into the joined text (kept inside its block)."""
        block = min(max(position[0], 0), len(self._starts) - 1)
        length = self._lengths[block] if self._lengths else 0
        return self._starts[block] + min(max(position[1], 0), length)

    def position(self, offset: int) -> tuple[int, int]:
        block = bisect_right(self._starts, offset) - 1
        return block, offset - self._starts[block]

    def speakers(self, name: str) -> set[str]:
        """The speaker keys that `name` names (key, name, or the start of the name or a word)."""
        want = name.casefold()
        found: set[str] = set()
        if not want:
            return found
        for key, full in self._names.items():
            full = full.casefold()
            if want in (key.casefold(), full) or any(w.startswith(want) for w in full.split()):
                found.add(key)
        return found

    def search(self, query: Query | str) -> Matches:
        if isinstance(query, str):
            query = parse_query(query)
        needle = _plain_quotes(query.text)
        haystack = self._exact if query.case_sensitive else self._lower
        if not query.case_sensitive:
            needle = _lower(needle)
        ranges = self._ranges(query)
        if not needle or not self.article.blocks:
            return Matches(self, haystack, "", [])
        if ranges is None and not _overlaps_itself(needle):
            return Matches(self, haystack, needle, None)
        pattern = re.compile(re.escape(needle))
        if ranges is None:
            offsets = [hit.start() for hit in pattern.finditer(haystack)]
        else:
            found = (pattern.finditer(haystack, lo, hi) for lo, hi in ranges)
            offsets = [hit.start() for hits in found for hit in hits]
        return Matches(self, haystack, needle, offsets)

    def error(self, query: Query) -> str | None:
        """Why a well-formed query cannot match anything, for the search bar."""
        if query.speaker is not None and not self.speakers(query.speaker):
            return f"no speaker {query.speaker!r}" if query.speaker else "speaker: needs a name"
        return None

    def _ranges(self, query: Query) -> list[tuple[int, int]] | None:
        """The stretches of the joined text a scoped query searches (runs of turns in scope);
        None when the query has no scope."""
        if query.speaker is None and not (query.questions or query.answers):
            return None
        keys = self.speakers(query.speaker) if query.speaker is not None else None
        ranges: list[tuple[int, int]] = []
        for i, block in enumerate(self.article.blocks):
            if block.kind != m.TURN or (keys is not None and block.speaker not in keys):
                continue
            if (query.questions or query.answers) and not (
                (query.questions and block.is_question) or (query.answers and block.is_answer)
            ):
                continue
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
