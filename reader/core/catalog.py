"""A library's table of contents: one summary entry per bundle, broken ones included.

The library list, `reader list` and the metadata cache all use `Entry`, which holds only
what a list row needs, so a large library never keeps every article in memory.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.dates import format_date
from reader.core.diagnostics import Diagnostic
from reader.core.sanitize import clean_line

if TYPE_CHECKING:  # a cached list needs no Markdown parser: `reader search` reads none
    from reader.core.bundle import Loaded


@dataclass(frozen=True)
class Entry:
    path: Path
    slug: str
    title: str
    subjects: tuple[str, ...] = ()
    participants: tuple[str, ...] = ()
    publication: str = ""
    published: str = ""  # ISO date, sortable
    words: int = 0
    reading_minutes: int = 0
    tags: tuple[str, ...] = ()
    problem: Diagnostic | None = None  # the first error, for a broken bundle
    warnings: int = 0
    identity: str = ""  # `Article.identity`: what its highlights are kept under

    @property
    def broken(self) -> bool:
        return self.problem is not None


def entry_from(loaded: Loaded) -> Entry:
    article = loaded.article
    path = loaded.path
    # A folder bundle that lost its article.toml is named for its folder, not "article".
    named = path.parent if path.name == "article.md" else path
    slug = clean_line(named.stem if named.suffix.lower() == ".md" else named.name)
    if article is None:
        return Entry(path, slug, slug, problem=loaded.problem)
    published = article.published
    return Entry(
        path=path,
        slug=slug,
        title=article.title,
        subjects=tuple(s.name for s in article.subjects),
        participants=tuple(s.name for s in article.speakers.values()),
        publication=article.publication,
        published=format_date(published)[:10] if published else "",
        words=article.words,
        reading_minutes=article.reading_minutes,
        tags=tuple(article.tags),
        warnings=len(loaded.diagnostics),
        identity=article.identity,
    )


@dataclass
class Catalog:
    entries: list[Entry] = field(default_factory=list)
    problems: list[Diagnostic] = field(default_factory=list)  # folder-level ones


def subjects_label(entry: Entry) -> str:
    return ", ".join(entry.subjects)
