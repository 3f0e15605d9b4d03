"""The open article's highlights as the sidebar lists them: what each row says, in what
order, and where choosing it goes.

A row gives the highlight's first words, who says them, its colour and the start of its
note. Rows follow the reading order (the order `model.place` gives: where each starts in
the article as it is now); orphaned highlights — their words are gone from the bundle —
come last, by when they were made, with their words, and go nowhere: choosing one says why.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from reader.core.highlights.anchors import Position
from reader.core.highlights.model import Colour, Placed
from reader.core.highlights.quote import quoted_text
from reader.core.sanitize import clean_line

FIRST_WORDS = 70  # characters of the words a row shows (cut at a word, then "…")
ORPHAN_WORDS = 140  # an orphaned highlight shows more: its words are all that is left of it
NOTE_WORDS = 60
NOTE_MARK = "✎"
ORPHAN_MARK = "⚠"


@dataclass(frozen=True)
class HighlightRow:
    id: str
    words: str  # the first words, on one line
    speaker: str  # "" in narration
    colour: Colour
    note: str  # the note's first words, on one line ("" without a note)
    at: Position | None  # where the words start; None: orphaned

    @property
    def orphaned(self) -> bool:
        return self.at is None


def first_words(text: str, limit: int) -> str:
    """`text` on one line, cut after the last whole word within `limit` characters."""
    line = clean_line(text)
    if len(line) <= limit:
        return line
    cut = line[:limit].rsplit(" ", 1)[0] if " " in line[:limit] else line[:limit]
    return cut.rstrip(" ,;:.—-") + "…"


def rows(placed: Sequence[Placed]) -> list[HighlightRow]:
    """One row per highlight, in the order given (`model.place`: reading order, orphaned
    ones last)."""
    out = []
    for one in placed:
        highlight, located = one.highlight, one.located
        limit = FIRST_WORDS if located is not None else ORPHAN_WORDS
        out.append(
            HighlightRow(
                id=highlight.id,
                words=first_words(quoted_text(one.anchor), limit),
                speaker=clean_line(highlight.speaker),
                colour=highlight.colour,
                note=first_words(highlight.note, NOTE_WORDS),
                at=located.anchor.start if located is not None else None,
            )
        )
    return out


def orphan_notice(row: HighlightRow) -> str:
    """What going to an orphaned highlight says (its row chosen in the sidebar, or its note
    found by the library search): the words it kept, and why it goes nowhere."""
    return (
        f"“{row.words}” is no longer in this article (the bundle changed): the highlight and"
        " its note are kept, and `reader highlights` lists them."
    )
