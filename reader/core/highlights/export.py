"""Highlights written out for other tools: Markdown, JSON (with a W3C Web Annotation
target) and the CSV that Readwise imports (Highlight, Title, Author, URL, Note, Location,
Date).

Every form says who said the words and in which piece; an orphaned highlight (its words are
gone from the bundle) is written with the words it had and marked as such.
"""

from __future__ import annotations

import csv
import io
from dataclasses import dataclass, field

from reader.core import model as m
from reader.core.dates import format_date
from reader.core.highlights.model import ORPHANED, Placed, question_before
from reader.core.highlights.quote import quoted_text, said_at
from reader.core.sanitize import clean, clean_line
from reader.core.times import format_clock

FORMATS = ("markdown", "json", "csv")
READWISE_COLUMNS = ("Highlight", "Title", "Author", "URL", "Note", "Location", "Date")
QUESTION_WORDS = 160  # characters of the question a highlight answers, in the exports


@dataclass
class ArticleHighlights:
    """One bundle's highlights; `article` is None when the bundle could not be loaded."""

    title: str
    path: str
    article: m.Article | None
    placed: list[Placed] = field(default_factory=list)


def _question(group: ArticleHighlights, placed: Placed) -> str:
    if group.article is None or placed.located is None:
        return ""
    block = question_before(group.article, placed.anchor.start[0])
    return clean_line(block.text)[:QUESTION_WORDS] if block is not None else ""


def _facts(article: m.Article | None) -> list[str]:
    if article is None:
        return []
    when = format_date(article.published)[:10] if article.published else ""
    return [x for x in (article.publication, when, article.url) if x]


def to_markdown(groups: list[ArticleHighlights]) -> str:
    out: list[str] = []
    for group in groups:
        out += [f"# {clean_line(group.title)}", ""]
        if facts := _facts(group.article):
            out += [" · ".join(clean_line(x) for x in facts), ""]
        for placed in group.placed:
            one = placed.highlight
            out += ["> " + line if line else ">" for line in _quote_lines(placed)]
            who = clean_line(one.speaker)
            article = group.article
            at = said_at(article, placed.anchor) if article and placed.located else None
            if at is not None:
                who = ", ".join(x for x in (who, f"at {format_clock(at)}") if x)
            out += [">", f"> — {who} ^{one.id}" if who else f"> ^{one.id}", ""]
            if question := _question(group, placed):
                out += [f"In answer to: *{question}*", ""]
            if one.note.strip():
                out += [f"Note: {clean(one.note).strip()}", ""]
            if placed.state == ORPHANED:
                out += ["*No longer found in the bundle.*", ""]
    return "\n".join(out).rstrip() + "\n" if out else ""


def _quote_lines(placed: Placed) -> list[str]:
    paragraphs = quoted_text(placed.anchor).split("\n")
    lines: list[str] = []
    for i, paragraph in enumerate(paragraphs):
        if i:
            lines.append("")
        lines.append(clean_line(paragraph))
    return lines


def to_records(groups: list[ArticleHighlights]) -> list[dict]:
    """One JSON object per highlight (docs/highlights.md describes the fields)."""
    records = []
    for group in groups:
        article = group.article
        for placed in group.placed:
            one, anchor = placed.highlight, placed.anchor
            source = (article.url if article else "") or group.path
            at = said_at(article, anchor) if article is not None and placed.located else None
            records.append(
                {
                    "id": one.id,
                    "text": quoted_text(anchor),
                    "speaker": one.speaker,
                    "article": group.title,
                    "bundle": group.path,
                    "block": anchor.start[0],
                    "offset": anchor.start[1],
                    "end": {"block": anchor.end[0], "offset": anchor.end[1]},
                    "question": _question(group, placed) or None,
                    "time": at,
                    "note": one.note,
                    "colour": one.colour,
                    "created": one.created,
                    "updated": one.updated,
                    "state": placed.state,
                    "target": {
                        "source": source,
                        "selector": [
                            {
                                "type": "TextQuoteSelector",
                                "exact": anchor.exact,
                                "prefix": anchor.prefix,
                                "suffix": anchor.suffix,
                            }
                        ],
                    },
                }
            )
    return records


def to_readwise_csv(groups: list[ArticleHighlights]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(READWISE_COLUMNS)
    for group in groups:
        article = group.article
        author = ""
        if article is not None:
            author = ", ".join(b.name for b in article.bylines) or article.publication
        for placed in group.placed:
            one = placed.highlight
            note = "\n".join(x for x in (f"— {one.speaker}" if one.speaker else "", one.note) if x)
            writer.writerow(
                (
                    clean(quoted_text(placed.anchor)),
                    clean_line(group.title),
                    clean_line(author),
                    article.url if article else "",
                    clean(note),
                    placed.anchor.start[0] + 1,
                    one.created[:10],
                )
            )
    return buffer.getvalue()
