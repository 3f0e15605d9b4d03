"""The article model: what an interview *is* once loaded.

Everything that shows or searches an interview speaks in this model's coordinates —
(block index, character offset into `Block.text`) — never in screen lines, so a resize, a new
theme or a new reading measure never loses the reader's place. All strings here are already
cleaned of control characters by the loader.
"""

from __future__ import annotations

import hashlib
import math
import re
from bisect import bisect_right
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import accumulate
from pathlib import Path

from reader.core.sanitize import clean_line

WORDS_PER_MINUTE = 238

QUESTION_ROLES = frozenset({"interviewer", "host", "moderator"})
NEUTRAL_ROLES = frozenset({"translator"})

# Block kinds
TURN = "turn"
NARRATION = "narration"
HEADING = "heading"
IMAGE = "image"
BREAK = "break"
FOOTNOTES = "footnotes"

# Span kinds (inline styling kept as ranges over plain text, never as markup strings)
EMPHASIS = "emphasis"
STRONG = "strong"
CODE = "code"
LINK = "link"
STRIKE = "strike"
STAGE = "stage"  # (laughs), [inaudible]
INSERT = "insert"  # [love of], [1899–1951, Russian writer]
FOOTNOTE_REF = "footnote_ref"

# Paragraph styles
TEXT = "text"
QUOTE = "quote"
LIST_ITEM = "list_item"
CODE_BLOCK = "code_block"
FOOTNOTE = "footnote"
TABLE_ROW = "table_row"  # cells joined by " │ "

_WORD = re.compile(r"\w+(?:[’'\-]\w+)*")


def count_words(text: str) -> int:
    return len(_WORD.findall(text))


@dataclass(frozen=True, slots=True)
class Span:
    """Styling over `Paragraph.text[start:end]`."""

    start: int
    end: int
    kind: str
    href: str | None = None


@dataclass(frozen=True, slots=True)
class Paragraph:
    text: str
    line: int
    style: str = TEXT
    spans: tuple[Span, ...] = ()
    depth: int = 0  # nesting of quotes/lists
    marker: str = ""  # "•", "3.", "[1]" for list items and footnotes


@dataclass(frozen=True)
class Speaker:
    key: str
    name: str
    role: str = "subject"
    bio: str = ""
    implicit: bool = False  # the Q and A of a bundle without [speakers]: labels, not names

    @property
    def asks(self) -> bool:
        return self.role in QUESTION_ROLES


@dataclass(frozen=True)
class Byline:
    name: str
    bio: str = ""
    role: str = ""


@dataclass(frozen=True)
class Image:
    file: str
    caption: str = ""
    credit: str = ""
    header: bool = False
    path: Path | None = None  # resolved file inside the bundle, when it exists and is safe
    line: int = 0  # source line in the body (0 for `[[images]]` in the metadata)


@dataclass(slots=True)
class Block:
    """One unit of the piece. Its text is its paragraphs joined by a newline.

    Blocks, paragraphs and spans have slots: a long interview has hundreds of thousands of
    them, and a `__dict__` each would triple their memory."""

    kind: str
    line: int
    paragraphs: list[Paragraph] = field(default_factory=list)
    speaker: str | None = None  # speaker key, for turns
    role: str | None = None  # the speaker's role, for turns
    level: int = 0  # heading level
    image: Image | None = None
    continued: bool = False  # a turn resumed after an image block
    # Seconds into the recording where a timed turn or narration paragraph starts (and, when
    # the bundle says so, ends): `[00:12:31] ME: …` in the body. None when untimed.
    start: float | None = None
    end: float | None = None

    @property
    def text(self) -> str:
        paragraphs = self.paragraphs  # most blocks have one: read without a join
        return paragraphs[0].text if len(paragraphs) == 1 else "\n".join(p.text for p in paragraphs)

    @property
    def is_question(self) -> bool:
        return self.kind == TURN and self.role in QUESTION_ROLES

    @property
    def is_answer(self) -> bool:
        return (
            self.kind == TURN and self.role not in QUESTION_ROLES and self.role not in NEUTRAL_ROLES
        )


@dataclass
class Article:
    title: str
    source: Path  # the bundle: a directory or a single .md file
    body_path: Path
    meta_path: Path
    dek: str = ""
    publication: str = ""
    section: str = ""
    published: date | datetime | None = None
    url: str = ""
    id: str = ""  # the bundle's own identity, when it gives one (see `identity`)
    language: str = ""
    tags: list[str] = field(default_factory=list)
    bylines: list[Byline] = field(default_factory=list)
    speakers: dict[str, Speaker] = field(default_factory=dict)
    images: list[Image] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)
    stage_directions: list[str] = field(default_factory=list)
    media: str = ""  # the recording the times refer to: a file in the bundle or an address
    duration: float | None = None  # the recording's length in seconds
    complete: bool = True  # False for a quick preview of the first part of a long body
    _block_words: list[int] | None = field(default=None, init=False, repr=False, compare=False)
    _questions: list[int] | None = field(default=None, init=False, repr=False, compare=False)
    _word_starts: list[int] | None = field(default=None, init=False, repr=False, compare=False)
    _turn_starts: list[int] | None = field(default=None, init=False, repr=False, compare=False)

    @property
    def identity(self) -> str:
        """What highlights and notes are kept under: the bundle's `id` when it has one, else
        its name and title, so moving or renaming the library folder loses nothing."""
        if self.id:
            return "id:" + self.id
        digest = hashlib.sha1(self.title.encode("utf-8", "surrogatepass")).hexdigest()[:12]
        return f"{self.slug}:{digest}"

    @property
    def slug(self) -> str:
        return clean_line(self.source.stem if self.source.is_file() else self.source.name)

    def speaker_name(self, key: str | None) -> str:
        if key is None:
            return ""
        speaker = self.speakers.get(key)
        return speaker.name if speaker else key

    @property
    def subjects(self) -> list[Speaker]:
        """The people interviewed, by name (not the anonymous `A` of a Q/A bundle)."""
        return [
            s
            for s in self.speakers.values()
            if s.role not in QUESTION_ROLES | NEUTRAL_ROLES and not s.implicit
        ]

    def block_words(self) -> list[int]:
        """The words of each block (a picture's caption counts none), counted once: the
        loader counts them, in its thread, so the sidebar and the list do not (a 100,000-turn
        interview took a second each time)."""
        if self._block_words is None:
            self._block_words = [count_words(b.text) if b.kind != IMAGE else 0 for b in self.blocks]
        return self._block_words

    def word_starts(self) -> list[int]:
        """Words (split at white space) before each block, and in all after the last: what
        the reading progress measures, counted once (in the loader's thread, by the app)."""
        if self._word_starts is None:
            self._word_starts = [0, *accumulate(len(b.text.split()) for b in self.blocks)]
        return self._word_starts

    @property
    def words(self) -> int:
        return sum(self.block_words())

    @property
    def reading_minutes(self) -> int:
        return max(1, math.ceil(self.words / WORDS_PER_MINUTE)) if self.words else 0

    def words_by_speaker(self) -> dict[str, int]:
        counts = dict.fromkeys(self.speakers, 0)
        for block, words in zip(self.blocks, self.block_words(), strict=True):
            if block.kind == TURN and block.speaker is not None:
                counts[block.speaker] = counts.get(block.speaker, 0) + words
        return counts

    def turn_starts(self) -> list[int]:
        """The blocks where turns start, as a reader counts turns: a turn resumed after a
        picture is not a new one (found once: `reader search` asks for each hit)."""
        if self._turn_starts is None:
            self._turn_starts = [
                i for i, b in enumerate(self.blocks) if b.kind == TURN and not b.continued
            ]
        return self._turn_starts

    def turns(self) -> list[Block]:
        return [self.blocks[i] for i in self.turn_starts()]

    def turn_number(self, block: int) -> int:
        """The number (from 1) of the turn that block `block` is part of or follows, as a
        reader counts turns; 0 before the first turn."""
        return bisect_right(self.turn_starts(), block)

    def turn_block(self, number: int) -> int | None:
        """The block where turn `number` (from 1) starts, or None if there is no such turn."""
        starts = self.turn_starts()
        return starts[number - 1] if 1 <= number <= len(starts) else None

    def question_blocks(self) -> list[int]:
        """Block indices of the real questions: the one definition that the outline, `]`/`[`
        and the counts share (`reader.core.questions` says what is and is not one)."""
        if self._questions is None:
            from reader.core.questions import question_blocks  # it builds on this module

            self._questions = question_blocks(self.blocks, self.block_words())
        return self._questions

    @property
    def questions(self) -> list[Block]:
        return [self.blocks[i] for i in self.question_blocks()]

    @property
    def answers(self) -> list[Block]:
        return [b for b in self.turns() if b.is_answer]

    @property
    def timed(self) -> bool:
        """Some block carries a time: a transcript's turns (go to time, times shown)."""
        return any(b.start is not None for b in self.blocks)

    @property
    def header_image(self) -> Image | None:
        return next((i for i in self.images if i.header), None)
