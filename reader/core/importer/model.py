"""The records the import pipeline passes along: paragraphs of the source and what was decided.

Every stage reads and annotates the same `Para` list, so a decision can always be traced back
to a source line and to the rules (with their scores) that made it.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# Paragraph roles: what the evaluation set labels and the summary counts.
QUESTION = "question"
ANSWER = "answer"
NARRATION = "narration"
CAPTION = "caption"
BYLINE = "byline"
BOILERPLATE = "boilerplate"
HEADING = "heading"  # a section heading kept in the body
TITLE = "title"  # headline, dek or date lines that become metadata
ROLES = (QUESTION, ANSWER, NARRATION, CAPTION, BYLINE, BOILERPLATE, HEADING, TITLE)
TURN_ROLES = (QUESTION, ANSWER)

# Chrome verdicts that only say "probably not the article": a headline, date or byline at the
# top of the page may still be recognised in such a paragraph.
LEFT_OUT = "left out by trafilatura"
OUTSIDE = "outside the article"
LINKS = "mostly links"
SOFT_CHROME = (LEFT_OUT, OUTSIDE, LINKS)


@dataclass
class Para:
    """One paragraph of the source and the decision taken on it."""

    line: int  # 1-based source line where it starts
    text: str  # plain text, white space collapsed: what the rules read
    md: str  # the same as inline Markdown: what the bundle gets
    kind: str = "p"  # p, heading, caption, image, quote, list, code
    level: int = 0  # heading level
    styles: frozenset[str] = frozenset()  # "bold", "italic", "tag:h3", "class:question"
    label: str = ""  # a speaker label the segmenter found on a line of its own
    chrome: str = ""  # why the extractor thinks this is site chrome ("" for content)
    image: str = ""  # picture file or address, for captions and images
    credit: str = ""
    # decisions
    role: str = ""
    speaker: str = ""  # speaker key for turn paragraphs
    new_turn: bool = False  # starts a turn (labelled in the body)
    reasons: list[str] = field(default_factory=list)
    doubt: str = ""  # set when the decision was a close call: the warning to show

    @property
    def words(self) -> int:
        return len(self.text.split())


@dataclass
class Speaker:
    key: str
    name: str = ""
    role: str = "subject"
    bio: str = ""

    @property
    def asks(self) -> bool:
        return self.role in ("interviewer", "host", "moderator")


@dataclass
class Meta:
    """Metadata for the bundle; empty strings are left out of the TOML."""

    title: str = ""
    dek: str = ""
    publication: str = ""
    section: str = ""
    published: str = ""  # ISO date or datetime, already validated
    url: str = ""
    language: str = ""
    tags: list[str] = field(default_factory=list)
    authors: list[str] = field(default_factory=list)  # from metadata or "By …" lines
