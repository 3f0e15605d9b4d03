"""The reader's notes, found by the library search (Ctrl+F, `reader search`) beside the
interviews' own words.

Notes are not in the search index: they live in the state folder's highlights.json (which
other app instances change too), not in the bundles the index is made from. So they are
searched where they are, in memory, each time — a reader has hundreds of notes, not
millions of paragraphs — and the index can never be out of date about them. What the
index does give is where each article is now: its bundles keep the article's identity,
which is what highlights are kept under, so a note is found in the library under the
folder searched even after the library moved or was renamed.

The query is the one search language (`reader.core.query`), matched as the index matches
a paragraph: all its words in the one note (phrases side by side, prefixes), in any case
and without accents. `speaker:NAME` keeps the notes on that speaker's words. `q:` and
`a:` narrow a search to the interview's questions or answers, which a note is neither: with
them, notes are left out.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from reader.core.highlights.model import Highlight
from reader.core.highlights.quote import quoted_text
from reader.core.library.fts import MARK_END, MARK_START, Hit, Hits
from reader.core.library.snippets import Snippet, matches, snippet
from reader.core.query import Query, names_match, speaker_words
from reader.core.sanitize import clean_line

NOTES_SEARCHED = (
    "The library search (Ctrl+F, reader search) finds your notes on highlights too, listed"
    " first; speaker:NAME keeps the notes on that speaker's words, q: and a: leave notes out."
)


@dataclass(frozen=True)
class Place:
    """A bundle an article is in, as the library cache knows it."""

    path: Path
    slug: str
    title: str


Where = Callable[[Iterable[str]], Mapping[str, Sequence[Place]]]  # identities → bundles


def note_snippet(query: Query, highlight: Highlight, start: str, end: str) -> Snippet | None:
    """The snippet of the note of `highlight` if the query finds it, its matches between
    `start` and `end`; else None."""
    note = clean_line(highlight.note)  # on one line, and nothing a terminal acts on
    if not note or query.questions or query.answers:
        return None
    if query.speakers:
        said_by = speaker_words("", highlight.speaker)
        if not any(names_match(term, said_by) for term in query.speakers):
            return None
    terms = list(query.terms)
    _, found = matches(note, terms)
    if len({n for _, _, n in found}) < len(terms):
        return None
    return snippet(note, terms, start, end)


def note_hits(query: Query, highlights: Iterable[Highlight], where: Where, limit: int) -> list[Hit]:
    """The notes `query` finds among `highlights` as hits (at most `limit`), one in each
    bundle of the library the note's article is in (`where`), by article title, then in
    reading order. A note's hit is at the highlight: its block and offset are where the
    highlighted words start."""
    found = [
        (one, cut) for one in highlights if (cut := note_snippet(query, one, MARK_START, MARK_END))
    ]
    if not found:
        return []
    places = where({one.article for one, _ in found})
    hits = [
        Hit(
            place.path,
            place.slug,
            place.title,
            one.anchor.start[0],
            "",
            one.speaker,
            "",
            cut.text,
            one.anchor.start[1],
            cut.match,
            highlight=one.id,
            words=quoted_text(one.anchor),
        )
        for one, cut in found
        for place in places.get(one.article, ())
    ]
    hits.sort(key=lambda hit: (hit.title.casefold(), str(hit.path), hit.block, hit.offset))
    return hits[:limit]


def notes_first(notes: list[Hit], passages: Hits, limit: int) -> Hits:
    """The reader's notes, then the passages, `limit` in all: a note is the reader's own
    word on the piece, the likeliest thing they are looking for."""
    merged = Hits([*notes, *passages][:limit])
    merged.partial, merged.notice = passages.partial, passages.notice
    return merged
