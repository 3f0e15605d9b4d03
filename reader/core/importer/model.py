"""The records the import stages pass along: the source's paragraphs, and decisions about them.

A `Para` is what a reader stage (text, Markdown, HTML, a transcript) found; it is never
changed afterwards. Each classifying stage returns `Decision`s keyed by paragraph index, each
with the reasons that made it, so any role in a bundle can be traced back to a source line and
to the rules behind it. Speakers are the article model's `Speaker` (reader.core.model).
"""

from __future__ import annotations

import sys
from dataclasses import dataclass
from typing import Literal

if sys.version_info >= (3, 11):
    from enum import StrEnum
else:  # Python 3.10: 3.11's StrEnum, whose members print and format as their value
    from enum import Enum

    class StrEnum(str, Enum):
        __str__ = str.__str__


class Role(StrEnum):
    """What the evaluation set labels and the summary counts. A member is a `str` equal to its
    value (`Role.ANSWER == "answer"`, `f"{Role.ANSWER}"` is "answer"), so roles reach JSON,
    TOML, the summary and the label files as the plain words."""

    QUESTION = "question"
    ANSWER = "answer"
    NARRATION = "narration"
    CAPTION = "caption"
    BYLINE = "byline"
    BOILERPLATE = "boilerplate"
    HEADING = "heading"  # a section heading kept in the body
    TITLE = "title"  # headline, dek or date lines that become metadata


TURN_ROLES = (Role.QUESTION, Role.ANSWER)

Kind = Literal["p", "heading", "caption", "image", "quote", "list", "code"]
# Formatting a reader stage saw: the whole paragraph bold or italic, one of the stacked lines at
# the top of a text file, an element that calls itself a standfirst, a block of `Key: value`
# lines (an oral history's header), a `---` rule just before it.
Style = Literal["bold", "italic", "header", "dek", "fields", "after-rule"]

# Chrome verdicts that only say "probably not the article": a headline, date or byline at the
# top of the page may still be recognised in such a paragraph.
LEFT_OUT = "left out by the extractor"
OUTSIDE = "outside the article"
LINKS = "mostly links"
SOFT_CHROME = (LEFT_OUT, OUTSIDE, LINKS)


@dataclass(frozen=True)
class Para:
    """One paragraph of the source, as its reader found it."""

    line: int  # 1-based source line where it starts
    text: str  # plain text, white space collapsed: what the rules read
    md: str  # the same as inline Markdown: what the bundle gets
    col: int = 1  # 1-based column on that line (it matters in one-line HTML)
    kind: Kind = "p"
    level: int = 0  # heading level
    styles: frozenset[Style] = frozenset()
    tag: str = ""  # the HTML element it came from, when that says something ("h3", "li")
    classes: frozenset[str] = frozenset()  # the words of its element's class and id
    label: str = ""  # a speaker label its reader found on a line of its own
    chrome: str = ""  # why the extractor thinks this is site chrome ("" for content)
    image: str = ""  # picture file or address, for captions and images
    credit: str = ""
    start: float | None = None  # seconds into the recording where it is said (a timed turn)

    @property
    def words(self) -> int:
        return len(self.text.split())

    @property
    def looks(self) -> frozenset[str]:
        """Every visual mark a group of questions could share: "bold", "tag:h3", "class:q"."""
        marks: set[str] = {s for s in self.styles if s in ("bold", "italic")}
        if self.tag:
            marks.add(f"tag:{self.tag}")
        return frozenset(marks | {f"class:{c}" for c in self.classes})


@dataclass(frozen=True)
class Decision:
    """What a stage decided about one paragraph, and why."""

    role: Role
    reasons: tuple[str, ...]
    speaker: str = ""  # speaker key, for turn paragraphs
    new_turn: bool = False  # starts a turn (gets a label in the body)
    doubt: str = ""  # a close call: the warning to show


@dataclass(frozen=True)
class Note:
    """A warning about a paragraph that is not a close call on its role (a guessed name)."""

    index: int  # the paragraph it concerns
    message: str


@dataclass(frozen=True)
class Meta:
    """Metadata for the bundle; empty strings are left out of the TOML. Stages that learn
    something (a date line, a "By …" line) return a new one (`dataclasses.replace`)."""

    title: str = ""
    dek: str = ""
    publication: str = ""
    section: str = ""
    published: str = ""  # ISO date or datetime, already validated
    url: str = ""
    language: str = ""
    tags: tuple[str, ...] = ()
    authors: tuple[str, ...] = ()  # from metadata or "By …" lines
    duration: float | None = None  # a transcript's recording, in seconds
