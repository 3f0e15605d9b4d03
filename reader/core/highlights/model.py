"""A highlight, and what it says about the article it was made in.

A highlight is kept with its anchor and a few facts from when it was last seen (the title,
the speaker, the bundle's path), so one whose text is gone from the bundle — *orphaned* —
can still be listed, exported and removed. Whether it is anchored or orphaned is decided
afresh each time the article is loaded (`place`), never stored as a fact.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from datetime import datetime, timezone
from typing import Literal

from reader.core import model as m
from reader.core.highlights.anchors import ArticleText, Located, TextAnchor, locate

Colour = Literal["yellow", "green", "blue", "pink"]
COLOURS: tuple[Colour, ...] = ("yellow", "green", "blue", "pink")
ANCHORED, ORPHANED = "anchored", "orphaned"


def now_iso() -> str:
    return datetime.now(timezone.utc).isoformat(timespec="seconds")


def new_id() -> str:
    """A short id that stays the same for the life of the highlight (Markdown's `^id`)."""
    import secrets  # (not needed for a first frame)

    return secrets.token_hex(4)


@dataclass(frozen=True)
class Highlight:
    id: str
    article: str  # the bundle's identity (`Article.identity`)
    anchor: TextAnchor
    colour: Colour = "yellow"
    note: str = ""
    created: str = ""
    updated: str = ""
    # As last seen, for listing an orphaned highlight:
    title: str = ""
    speaker: str = ""
    path: str = ""  # the bundle


@dataclass(frozen=True)
class Placed:
    """A highlight checked against the article as it is now."""

    highlight: Highlight
    located: Located | None

    @property
    def state(self) -> str:
        return ANCHORED if self.located is not None else ORPHANED

    @property
    def anchor(self) -> TextAnchor:
        return self.located.anchor if self.located is not None else self.highlight.anchor


def speakers_of(article: m.Article, anchor: TextAnchor) -> str:
    """Who says the highlighted words: the names of the turns it spans, in order ("" for
    narration only)."""
    names: list[str] = []
    for block in article.blocks[anchor.start[0] : anchor.end[0] + 1]:
        name = article.speaker_name(block.speaker) if block.kind == m.TURN else ""
        if name and name not in names:
            names.append(name)
    return " and ".join(names)


def question_before(article: m.Article, block: int) -> m.Block | None:
    """The question a highlight in block `block` answers (None in a question or before any)."""
    if 0 <= block < len(article.blocks) and article.blocks[block].is_question:
        return None
    before = [i for i in article.question_blocks() if i < block]
    return article.blocks[before[-1]] if before else None


def highlight(
    article: m.Article,
    text: ArticleText,
    anchor: TextAnchor,
    colour: Colour = "yellow",
    note: str = "",
) -> Highlight:
    """A new highlight of `anchor` in `article`."""
    stamp = now_iso()
    return Highlight(
        id=new_id(),
        article=article.identity,
        anchor=anchor,
        colour=colour,
        note=note,
        created=stamp,
        updated=stamp,
        title=article.title,
        speaker=speakers_of(article, anchor),
        path=str(article.source),
    )


def place(article: m.Article, text: ArticleText, highlights: list[Highlight]) -> list[Placed]:
    """Each highlight of `article` located in it as it is now, in reading order (orphaned
    ones last, by creation)."""
    placed = []
    for one in highlights:
        located = locate(text, one.anchor)
        if located is not None and located.moved:
            new = located.anchor
            one = replace(one, anchor=new, speaker=speakers_of(article, new))
        placed.append(Placed(replace(one, title=article.title, path=str(article.source)), located))
    return sorted(placed, key=_order)


def _order(placed: Placed) -> tuple[int, tuple[int, int], str]:
    if placed.located is None:
        return (1, (0, 0), placed.highlight.created)
    return (0, placed.located.anchor.start, placed.highlight.created)
