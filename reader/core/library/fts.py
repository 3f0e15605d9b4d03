"""Library-wide full-text search: what is indexed, and the user's query as a safe FTS5 query.

Every paragraph is indexed with its article, block, offset, speaker and time (a timed
transcript's turn start), so a hit opens the article at the right turn and says when it was
said; the title and the standfirst are indexed too (block `HEADER`). Users type the
reader's one search language (`reader.core.query`: words, "phrases", prefix*,
`speaker:NAME`, `q:`, `a:`), never FTS5 syntax: `to_match` quotes every word, so nothing
they type can raise an FTS5 syntax error, and `scope_filter` turns `q:` and `a:` into a
condition on the role column. A query with nothing searchable in it is a `QueryError` with
a plain message.
"""

from __future__ import annotations

import os
import re
import sqlite3
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

from reader.core import model as m
from reader.core.library.records import UNDER_ROOT, entry_from_json, key_range
from reader.core.library.snippets import snippet
from reader.core.library.store import ROW_BITS
from reader.core.query import Query, QueryError, Term, parse, searchable
from reader.core.timeline import Timeline

# Around each match in `Hit.snippet`. Control characters never occur in cleaned article text.
MARK_START, MARK_END = "\x02", "\x03"
RANK_SECONDS = 0.02  # time allowed to rank every match before giving up on ranking
FIRST_SECONDS = 0.5  # time allowed to find the first matches in library order
CHECK_STEPS = 2000  # SQLite steps between two looks at the clock
MAX_LIMIT = 1000  # hits one search may return
MAX_PASSAGES = (1 << ROW_BITS) - 1
_WORD = re.compile(r"[^\W_]+")
HEADER = -1  # the block of the title and standfirst passages (the top of the article)
_ASKING = tuple(sorted(m.QUESTION_ROLES))
_NOT_ANSWERING = tuple(sorted(m.QUESTION_ROLES | m.NEUTRAL_ROLES))


@dataclass(frozen=True)
class Hit:
    path: Path
    slug: str
    title: str
    block: int
    speaker: str  # the speaker's key, "" outside turns
    speaker_name: str
    role: str
    snippet: str  # matches between MARK_START and MARK_END
    offset: int  # character offset of the first match in the block's text
    match: str  # the text of that first match, as the article has it ("Café" for "cafe")
    time: float | None = None  # seconds into the recording (a timed transcript), else None
    turn: int = 0  # the number of the turn it is in or follows (`Article.turn_number`)
    # A hit on the reader's own note (`reader.core.library.notes`): the highlight's id and
    # the words it is on; the snippet is the note's, block and offset where the words start.
    highlight: str = ""
    words: str = ""

    @property
    def is_note(self) -> bool:
        return bool(self.highlight)

    def snippet_parts(self) -> list[tuple[str, bool]]:
        """The snippet as (text, is_match) pieces, for styling without markup."""
        parts = []
        for i, piece in enumerate(re.split(f"[{MARK_START}{MARK_END}]", self.snippet)):
            if piece:
                parts.append((piece, i % 2 == 1))
        return parts

    def marked(self, start: str = "«", end: str = "»") -> str:
        return self.snippet.replace(MARK_START, start).replace(MARK_END, end)


def passages(article: m.Article) -> Iterator[tuple]:
    """Rows to index: (seq, text, who, speaker, speaker name, role, block, start offset,
    time — the time of the turn, or None — and the turn's number, 0 before the first); the
    title and the standfirst first, as block `HEADER`."""
    seq = 0
    timeline = Timeline(article)
    for text in (article.title, article.dek):
        if text.strip():
            yield seq, text, "", "", "", "", HEADER, 0, None, 0
            seq += 1
    for index, block in enumerate(article.blocks):
        key = (block.speaker or "") if block.kind == m.TURN else ""
        name = article.speaker_name(key) if key else ""
        who = f"{key} {name}" if key else ""
        start = 0
        for para in block.paragraphs:
            if para.text.strip() and seq < MAX_PASSAGES:
                when, turn = timeline.time_at(index), article.turn_number(index)
                yield seq, para.text, who, key, name, block.role or "", index, start, when, turn
                seq += 1
            start += len(para.text) + 1


def _quote(term: Term) -> str:
    """A term as an FTS5 string: its words (letters and digits only, so never syntax)."""
    return '"' + " ".join(term.words) + '"' + (" *" if term.prefix else "")


def _name(term: Term) -> str:
    """speaker:NAME as a condition on the `who` column (key and name): each word of NAME is
    a word of theirs, in any order, as `reader.core.query.names_match` says."""
    *whole, last = term.words
    words = [_quote(Term((word,))) for word in whole] + [_quote(Term((last,), term.prefix))]
    return "who : (" + " ".join(words) + ")"


def to_match(query: str | Query, speaker: str | None = None) -> str:
    """The FTS5 MATCH expression for a query (all terms must occur in one passage; the
    speaker scopes name any of their speakers). Raises QueryError for one that cannot be
    searched."""
    if isinstance(query, str):
        query = parse(query, speaker)
    searchable(query)
    parts = []
    if query.terms:
        parts.append("text : (" + " ".join(map(_quote, query.terms)) + ")")
    if query.speakers:
        names = [_name(term) for term in query.speakers]
        parts.append(names[0] if len(names) == 1 else "(" + " OR ".join(names) + ")")
    return " AND ".join(parts)


def scope_filter(query: Query) -> tuple[str, list[str]]:
    """The SQL condition (and its arguments) for `q:` and `a:`: the questions are the turns
    of the asking roles, the answers the turns of every role but those and translators."""
    conditions: list[str] = []
    args: list[str] = []
    if query.questions:
        conditions.append(f"role IN ({', '.join('?' * len(_ASKING))})")
        args += _ASKING
    if query.answers:
        marks = ", ".join("?" * len(_NOT_ANSWERING))
        conditions.append(f"(speaker != '' AND role NOT IN ({marks}))")
        args += _NOT_ANSWERING
    return (" AND (" + " OR ".join(conditions) + ")" if conditions else ""), args


class Hits(list):
    """Hits, best first. `partial`: there were too many matches to rank in time, so these
    are the first ones in library order (the user should add words). `notice`: something
    the user should know about this search (the index was damaged and rebuilt)."""

    partial = False
    notice = ""


def search(
    conn: sqlite3.Connection,
    query: str,
    *,
    root: Path | None = None,
    speaker: str | None = None,
    limit: int = 50,
    cancelled: Callable[[], bool] | None = None,
) -> Hits:
    """The best `limit` hits (bm25) for `query`, under `root` when given. SQLite only finds
    and ranks the passages, under a deadline (and `cancelled`, asked as often) that its
    progress handler enforces; the snippets are made here, for the hits returned."""
    parsed = parse(query, speaker)
    scope, scope_args = scope_filter(parsed)
    where = "passages MATCH ?" + scope
    args: list[str | bytes | int] = [to_match(parsed), *scope_args]
    terms = list(parsed.terms)
    limit = min(max(1, int(limit)), MAX_LIMIT)
    if root is not None and _others_cached(conn, root):
        where += f" AND (rowid >> {ROW_BITS}) IN (SELECT id FROM bundles WHERE {UNDER_ROOT})"
        args += key_range(root)
    select = (
        "SELECT rowid, block, start, speaker, speaker_name, role, time, turn, text"
        f" FROM passages WHERE {where}"
    )
    hits = Hits()
    stop = cancelled or (lambda: False)
    # Ranking means scoring every match: cheap for real queries, seconds for "the".
    rows = _within(conn, RANK_SECONDS, stop, f"{select} ORDER BY rank LIMIT ?", [*args, limit])
    if rows is None and not stop():
        hits.partial = True
        rows = _within(conn, FIRST_SECONDS, stop, f"{select} LIMIT ?", [*args, limit])
    bundles: dict[int, tuple[Path, str, str]] = {}
    for rowid, block, start, key, name, role, when, turn, text in rows or ():
        if stop():
            break
        bundle_id = rowid >> ROW_BITS
        if bundle_id not in bundles:
            bundles[bundle_id] = _bundle(conn, bundle_id)
        path, slug, title = bundles[bundle_id]
        cut = snippet(text, terms, MARK_START, MARK_END)
        offset, match = start + cut.offset, cut.match
        hit = Hit(path, slug, title, block, key, name, role, cut.text, offset, match, when, turn)
        hits.append(hit)
    return hits


def first_word(text: str) -> str | None:
    """The first word of `text` as an FTS5 query (quoted), or None when it has none."""
    word = _WORD.search(text)
    return f'"{word.group()}"' if word is not None else None


def _others_cached(conn: sqlite3.Connection, root: Path) -> bool:
    """Whether the cache holds bundles outside `root` (three index probes), so the search
    must be scoped; usually it holds one library, and scoping would cost a pass over it."""
    exact, low, high = key_range(root)
    found = conn.execute(
        "SELECT EXISTS (SELECT 1 FROM bundles WHERE path < ?)"
        " OR EXISTS (SELECT 1 FROM bundles WHERE path > ? AND path < ?)"
        " OR EXISTS (SELECT 1 FROM bundles WHERE path >= ?)",
        (exact, exact, low, high),
    ).fetchone()[0]
    return bool(found)


def _within(
    conn: sqlite3.Connection, seconds: float, stop: Callable[[], bool], sql: str, args: list
) -> list | None:
    """The rows of `sql`, or None when it takes longer than `seconds` or `stop()` is true."""
    deadline = time.monotonic() + seconds
    conn.set_progress_handler(lambda: time.monotonic() > deadline or stop(), CHECK_STEPS)
    try:
        return conn.execute(sql, args).fetchall()
    except sqlite3.OperationalError as exc:
        if "interrupted" in str(exc):
            return None
        if "fts5" in str(exc) or "syntax" in str(exc):
            raise QueryError(f"cannot search for that: {exc}") from None
        raise
    finally:
        conn.set_progress_handler(None, 0)


def _bundle(conn: sqlite3.Connection, bundle_id: int) -> tuple[Path, str, str]:
    """(path, slug, title) of a bundle in the cache."""
    key, entry_json = conn.execute(
        "SELECT path, entry FROM bundles WHERE id = ?", (bundle_id,)
    ).fetchone()
    path = Path(os.fsdecode(key))
    entry = entry_from_json(path, entry_json)
    return (path, entry.slug, entry.title) if entry else (path, path.stem, path.stem)


def group_by_article(hits: list[Hit]) -> list[list[Hit]]:
    """Hits grouped by article, articles in the order of their best hit."""
    groups: dict[Path, list[Hit]] = {}
    for hit in hits:
        groups.setdefault(hit.path, []).append(hit)
    return list(groups.values())
