"""A selection as an attributed quote, the way a writer would cite it:

    “Words as said.” — Speaker Name, Title, Publication (2024-03-01)

The words are the article's own, stage directions and editor's inserts as written; a quote
across paragraphs keeps its paragraph breaks. Narration has no speaker, so its quote is
attributed to the piece alone. In a timed transcript the quote ends with the time it was
said ("…, at 12:31").
"""

from __future__ import annotations

from reader.core import model as m
from reader.core.dates import format_date
from reader.core.highlights.anchors import SEPARATOR, TextAnchor
from reader.core.highlights.model import speakers_of
from reader.core.timeline import Timeline
from reader.core.times import format_clock


def quoted_text(anchor: TextAnchor) -> str:
    """The highlighted words, blocks set apart by one line break, ends trimmed."""
    return "\n".join(part.strip() for part in anchor.exact.split(SEPARATOR) if part.strip())


def said_at(article: m.Article, anchor: TextAnchor) -> float | None:
    """When the words were said, in a timed transcript: the time of their turn."""
    return Timeline(article).time_at(anchor.start[0])


def attribution(article: m.Article, speaker: str, at: float | None = None) -> str:
    """The speaker, title, publication (date) and time said, leaving out what is unknown:
    "Speaker Name, Title, Publication (2024-03-01), at 12:31"."""
    where = ", ".join(x for x in (speaker, article.title, article.publication) if x)
    when = format_date(article.published)[:10] if article.published else ""
    said = f"{where} ({when})" if when else where
    return f"{said}, at {format_clock(at)}" if at is not None else said


def attributed_quote(article: m.Article, anchor: TextAnchor) -> str:
    who = attribution(article, speakers_of(article, anchor), said_at(article, anchor))
    return f"“{quoted_text(anchor)}” — {who}"
