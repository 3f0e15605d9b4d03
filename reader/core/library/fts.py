"""Library-wide full-text search: what is indexed, and the user's words as a safe FTS5 query.

Every paragraph is indexed with its article, block, offset, speaker and time (a timed
transcript's turn start), so a hit opens the article at the right turn and says when it was
said. Users type words, "quoted phrases" and prefixes (`cinem*`); they
never write FTS5 syntax, so nothing they type can raise an FTS5 syntax error: each term is
quoted, and a query with nothing searchable in it is a `QueryError` with a plain message.
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
from reader.core.library.records import entry_from_json, key_range
from reader.core.library.snippets import Term, snippet
from reader.core.library.store import ROW_BITS
from reader.core.timeline import Timeline

# Around each match in `Hit.snippet`. Control characters never occur in cleaned article text.
MARK_START, MARK_END = "\x02", "\x03"
RANK_SECONDS = 0.02  # time allowed to rank every match before giving up on ranking
FIRST_SECONDS = 0.5  # time allowed to find the first matches in library order
CHECK_STEPS = 2000  # SQLite steps between two looks at the clock
MIN_PREFIX = 2  # letters before a `*`: one-letter prefixes match half the dictionary
MAX_LIMIT = 1000  # hits one search may return
MAX_WORDS = 24  # words in a query, phrases included: more is a pasted paragraph, not a search
MAX_PASSAGES = (1 << ROW_BITS) - 1
_SEARCHABLE = re.compile(r"[^\W_]")  # what the unicode61 tokenizer keeps as a token
_WORDS = re.compile(r"[^\W_]+")
_TERMS = re.compile(r'"([^"]*)(?:"|$)|(\S+)')


class QueryError(ValueError):
    """A query that cannot be searched; the message is meant for the user."""


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
    time — the time of the turn, or None)."""
    seq = 0
    timeline = Timeline(article)
    for index, block in enumerate(article.blocks):
        key = (block.speaker or "") if block.kind == m.TURN else ""
        name = article.speaker_name(key) if key else ""
        who = f"{key} {name}" if key else ""
        start = 0
        for para in block.paragraphs:
            if para.text.strip() and seq < MAX_PASSAGES:
                when = timeline.time_at(index)
                yield seq, para.text, who, key, name, block.role or "", index, start, when
                seq += 1
            start += len(para.text) + 1


def _quote(text: str, prefix: bool = False) -> str:
    return '"' + text.replace('"', '""') + '"' + (" *" if prefix else "")


def _terms(text: str) -> list[tuple[str, bool]]:
    """The user's words and "phrases" as (text, is a prefix); a trailing * is a prefix."""
    out = []
    words = 0
    for match in _TERMS.finditer(text):
        phrase, word = match.groups()
        term = phrase if phrase is not None else word
        prefix = term.endswith("*")
        term = term.rstrip("*").strip()
        if not _SEARCHABLE.search(term):
            continue
        if prefix and len(_SEARCHABLE.findall(term.split()[-1])) < MIN_PREFIX:
            raise QueryError(f"type at least {MIN_PREFIX} letters before a *")
        words += len(_WORDS.findall(term))
        if words > MAX_WORDS:
            raise QueryError(f"too many words: a search takes at most {MAX_WORDS}")
        out.append((term, prefix))
    return out


def to_match(query: str, speaker: str | None = None) -> str:
    """The FTS5 MATCH expression for what the user typed (all terms must occur)."""
    terms = _terms(query)
    if not terms:
        raise QueryError("nothing to search for: type a word or a “quoted phrase”")
    expression = "text : (" + " ".join(_quote(t, prefix) for t, prefix in terms) + ")"
    if speaker is not None:
        names = [_quote(w) for w in speaker.split() if _SEARCHABLE.search(w)]
        if not names:
            raise QueryError("the speaker's name has no letters or digits in it")
        if len(names) > MAX_WORDS:
            raise QueryError(f"too many words in the speaker's name: at most {MAX_WORDS}")
        expression += " AND who : (" + " ".join(names) + ")"
    return expression


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
    match = to_match(query, speaker)
    terms = [Term.of(text, prefix) for text, prefix in _terms(query)]
    limit = min(max(1, int(limit)), MAX_LIMIT)
    where, args = "passages MATCH ?", [match]
    if root is not None and _others_cached(conn, root):
        where += (
            f" AND (rowid >> {ROW_BITS}) IN (SELECT id FROM bundles"
            " WHERE path = ? OR (path >= ? AND path < ?))"
        )
        args += key_range(root)
    select = (
        "SELECT rowid, block, start, speaker, speaker_name, role, time, text"
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
    for rowid, block, start, key, name, role, when, text in rows or ():
        if stop():
            break
        bundle_id = rowid >> ROW_BITS
        if bundle_id not in bundles:
            bundles[bundle_id] = _bundle(conn, bundle_id)
        path, slug, title = bundles[bundle_id]
        cut = snippet(text, terms, MARK_START, MARK_END)
        offset, match = start + cut.offset, cut.match
        hit = Hit(path, slug, title, block, key, name, role, cut.text, offset, match, when)
        hits.append(hit)
    return hits


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
