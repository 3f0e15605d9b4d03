"""A selection as an attributed quote, the way a writer would cite it:

    “Words as said.” — Speaker Name, Title, Publication (2024-03-01)

The words are the article's own, stage directions and editor's inserts as written; a quote
across paragraphs keeps its paragraph breaks. Narration has no speaker, so its quote is
attributed to the piece alone.
"""

from __future__ import annotations

from reader.core import model as m
from reader.core.dates import format_date
from reader.core.highlights.anchors import SEPARATOR, TextAnchor
from reader.core.highlights.model import speakers_of


def quoted_text(anchor: TextAnchor) -> str:
    """The highlighted words, blocks set apart by one line break, ends trimmed."""
    return "\n".join(part.strip() for part in anchor.exact.split(SEPARATOR) if part.strip())


def attribution(article: m.Article, speaker: str) -> str:
    """ "Speaker Name, Title, Publication (date)", leaving out what the bundle does not say."""
    where = ", ".join(x for x in (speaker, article.title, article.publication) if x)
    when = format_date(article.published)[:10] if article.published else ""
    return f"{where} ({when})" if when else where


def attributed_quote(article: m.Article, anchor: TextAnchor) -> str:
    return f"“{quoted_text(anchor)}” — {attribution(article, speakers_of(article, anchor))}"
