"""A library folder through the cache: only new or changed bundles are parsed again.

A warm start of a 10,000-bundle library hands over what the cache knows first, in one read
and before the folder is walked, then walks the folder with a stat per file and reports
only what differs: bundles changed (parsed again, their entries replacing the cached ones),
new, or gone. A cold start parses every bundle (`parsing.py`: in a process per core when
there are many), writing entries and search passages in short batches (so another app
instance or a search is never locked out for long) and reporting progress after each, so
a list can fill in as the scan goes. A list shows its first rows sooner still: those it
kept on top last time (`keep_first_rows`) come back in a read of a few rows
(`first_rows`), however large the library.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager, suppress
from dataclasses import dataclass
from functools import partial
from pathlib import Path
from typing import TYPE_CHECKING

from reader.core.catalog import Catalog, Entry
from reader.core.discover import bundle_paths, find_bundles
from reader.core.highlights.model import Highlight
from reader.core.library import fts, store
from reader.core.library.notes import Place, note_hits, notes_first
from reader.core.library.records import (
    UNDER_ROOT,
    UNKNOWN_BODY,
    entry_from_json,
    entry_to_json,
    identity_key,
    key_range,
    path_key,
    signature,
)
from reader.core.query import parse

if TYPE_CHECKING:
    from reader.core.library.parsing import Parsed

FIRST_REPORT = 0.05  # seconds before the first entries are handed over (see _Pace)
LAST_REPORT = 2.0  # the longest wait between two hand-overs
BATCH_PASSAGES = 20_000
PLACES_AT_ONCE = 500  # identities asked for in one statement (SQLite limits its arguments)
CHECK_EVERY = 10.0  # seconds between two checks of an index that found nothing
REBUILT = "The library's search index was damaged; it has been rebuilt."
NOT_REBUILT = "The library's search index was damaged and could not be rebuilt now."


@dataclass(frozen=True)
class ScanStep:
    done: int
    total: int
    entries: tuple[Entry, ...]  # entries known since the last report (new, or replacing one)
    gone: tuple[Path, ...] = ()  # bundles reported before that are no longer there


class Library:
    """The cache file at `path`, shared safely by threads. The file is opened on first use
    (a scan or a search, in a worker thread), so making one costs nothing at start-up; the
    app makes one and hands it to the library pane and the search screen, so both see the
    same data even when the cache had to fall back to memory."""

    def __init__(self, path: Path, *, timeout: float = store.BUSY_TIMEOUT):
        self._path = Path(path)
        self._timeout = timeout
        self._lock = threading.RLock()
        self._connection: sqlite3.Connection | None = None
        self._rebuilding = False  # the cache was started afresh: index before searching
        self._checked = -CHECK_EVERY  # when `_damaged` last looked

    @property
    def _conn(self) -> sqlite3.Connection:
        with self._lock:
            if self._connection is None:
                self._connection = store.connect(self._path, self._timeout)
            return self._connection

    def __enter__(self) -> Library:
        return self

    def __exit__(self, *exc) -> None:
        self.close()

    def close(self) -> None:
        with self._lock:
            if self._connection is not None:
                self._connection.close()
                self._connection = None

    def scan(
        self,
        root: Path,
        progress: Callable[[ScanStep], None] | None = None,
        *,
        cancelled: Callable[[], bool] | None = None,
    ) -> Catalog:
        """Every bundle under `root` as entries (in folder order), through the cache.
        `cancelled()` is asked as bundles are parsed; when it is true the scan ends early,
        with the entries found so far (the rest are parsed by the next scan)."""
        root = Path(os.path.abspath(root))
        reported: list[ScanStep] = []

        def report(step: ScanStep) -> None:
            reported.append(step)
            if progress is not None:
                progress(step)

        try:
            catalog = self._scan(root, report, cancelled)
        except sqlite3.DatabaseError as exc:
            self._recover(exc)
            # Scan again with a fresh cache, reporting only entries not reported yet.
            seen = {e.path for step in reported for e in step.entries}

            def report_new(step: ScanStep) -> None:
                fresh = tuple(e for e in step.entries if e.path not in seen)
                report(ScanStep(step.done, step.total, fresh, step.gone))

            catalog = self._scan(root, report_new, cancelled)
        if cancelled is None or not cancelled():
            self._rebuilding = False  # indexed whole again
        return catalog

    def first_rows(self, root: Path) -> tuple[list[Entry], int]:
        """The cached entries of the bundles that `keep_first_rows` last kept for `root`, in
        that order, and how many bundles under `root` the cache knows: a few rows' read
        however large the library, for a warm start to show first. A bundle gone or changed
        since it was cached (its stat signature differs) is left out, and so is one no
        longer cached; none if the cache cannot say."""
        root = Path(os.path.abspath(root))
        try:
            with self._lock:
                kept = self._conn.execute(
                    "SELECT paths FROM first_rows WHERE root = ?", (path_key(root),)
                ).fetchone()
                paths = kept[0] if kept else None  # (another program may have written it)
                if not (isinstance(paths, bytes) and paths):
                    return [], 0
                keys = paths.split(b"\0")
                marks = ", ".join("?" * len(keys))
                sql = f"SELECT path, signature, body, entry FROM bundles WHERE path IN ({marks})"
                rows = {path: rest for path, *rest in self._conn.execute(sql, keys)}
                count = f"SELECT count(*) FROM bundles WHERE {UNDER_ROOT}"
                total = self._conn.execute(count, key_range(root)).fetchone()[0]
        except sqlite3.DatabaseError:  # damaged: the scan will say so
            return [], 0
        first = []
        for key in keys:
            cached, body, entry_json = rows.get(key, (None, "", ""))
            path = Path(os.fsdecode(key))
            if cached is not None and cached == signature(path, body):
                entry = entry_from_json(path, entry_json)
                if entry is not None:
                    first.append(entry)
        return first, total

    def keep_first_rows(self, root: Path, paths: Iterable[Path]) -> None:
        """Remember `paths`, the bundles on top of `root`'s list, for `first_rows` (at most
        SQLite's limit of arguments to one statement). Nothing is lost if it cannot be
        written: the next start shows its first rows a little later."""
        root = Path(os.path.abspath(root))
        keys = b"\0".join(path_key(path) for path in list(paths)[:PLACES_AT_ONCE])
        with suppress(sqlite3.DatabaseError), self._transaction() as conn:
            conn.execute("INSERT OR REPLACE INTO first_rows VALUES (?, ?)", (path_key(root), keys))

    def search(
        self,
        query: str,
        *,
        root: Path | None = None,
        speaker: str | None = None,
        limit: int = 50,
        cancelled: Callable[[], bool] | None = None,
        notes: Iterable[Highlight] = (),
    ) -> fts.Hits:
        """Ranked hits for the user's `query` (raises `fts.QueryError` for a bad one); the
        notes of `notes` (the reader's highlights) that it finds come first
        (`reader.core.library.notes`).

        A cache damaged while in use (another program wrote over it, a disk error) is
        started afresh, the library under `root` indexed again, and the search run again:
        the hits say so in their `notice`, rather than being silently empty until the next
        start. `cancelled()` stops the search (and that rebuild) early, with no hits."""
        root = Path(os.path.abspath(root)) if root is not None else None
        passages = self._passages(query, root, speaker, limit, cancelled)
        if cancelled is not None and cancelled():
            return passages
        where = partial(self.places, root=root)
        found = note_hits(parse(query, speaker), notes, where, limit)
        return notes_first(found, passages, limit) if found else passages

    def places(self, identities: Iterable[str], root: Path | None = None) -> dict[str, list[Place]]:
        """The bundles (under `root`) of the articles with these identities, as cached."""
        wanted = sorted({identity_key(identity) for identity in identities})
        found: dict[str, list[Place]] = {}
        inside = key_range(root) if root is not None else None
        for first in range(0, len(wanted), PLACES_AT_ONCE):
            chunk = wanted[first : first + PLACES_AT_ONCE]
            marks = ", ".join("?" * len(chunk))
            sql = f"SELECT path, entry FROM bundles WHERE identity IN ({marks})"
            try:
                with self._lock:
                    rows = self._conn.execute(sql, chunk).fetchall()
            except sqlite3.DatabaseError:  # damaged: the passages' search has said so
                return found
            for key, entry_json in rows:
                if inside is not None and not (key == inside[0] or inside[1] <= key < inside[2]):
                    continue
                path = Path(os.fsdecode(key))
                entry = entry_from_json(path, entry_json)
                if entry is not None:
                    place = Place(path, entry.slug, entry.title)
                    found.setdefault(entry.identity, []).append(place)
        return found

    def _passages(
        self,
        query: str,
        root: Path | None,
        speaker: str | None,
        limit: int,
        cancelled: Callable[[], bool] | None,
    ) -> fts.Hits:
        run = partial(fts.search, root=root, speaker=speaker, limit=limit, cancelled=cancelled)
        stop = cancelled or (lambda: False)
        try:
            if not self._rebuilding or root is None:
                with self._lock:
                    hits = run(self._conn, query)
                if hits or root is None or stop() or not self._damaged(root, stop):
                    return hits
            self._recover(None)
        except sqlite3.DatabaseError as exc:
            self._recover(exc)
        hits = fts.Hits()
        try:
            if root is not None:
                self.scan(root, cancelled=cancelled)
                if stop():
                    return hits  # the next search goes on with the rebuild (`_rebuilding`)
                with self._lock:
                    hits = run(self._conn, query)
                hits.notice = REBUILT
        except sqlite3.DatabaseError as exc:
            self._recover(exc)
        hits.notice = hits.notice or NOT_REBUILT
        return hits

    def _damaged(self, root: Path, stop: Callable[[], bool]) -> bool:
        """After a search that found nothing: whether the index is missing or damaged without
        saying so (SQLite reads a page overwritten in place as an empty one). The cache must
        know the bundles that the folder holds, its file must pass SQLite's quick check, and
        a word of a passage it holds must find that passage. Checked at most once in
        CHECK_EVERY seconds: a word being typed finds nothing often."""
        if time.monotonic() < self._checked + CHECK_EVERY:
            return False
        self._checked = time.monotonic()
        try:
            with self._lock, _stopping(self._conn, stop):
                rows = self._rows_under(root)
                if not rows:
                    return bool(find_bundles(root).bundles)
                conn = self._conn
                if conn.execute("PRAGMA quick_check(1)").fetchone() != ("ok",):
                    return True
                sample = conn.execute("SELECT rowid, text FROM passages LIMIT 1").fetchone()
                if sample is None:  # no passages: damage unless every bundle is broken
                    known = (entry_from_json(Path(os.fsdecode(k)), r[3]) for k, r in rows.items())
                    return any(entry is not None and not entry.broken for entry in known)
                word = fts.first_word(sample[1])
                if word is None:
                    return False
                probe = "SELECT rowid FROM passages WHERE passages MATCH ? AND rowid = ?"
                return conn.execute(probe, (word, sample[0])).fetchone() is None
        except sqlite3.OperationalError as exc:
            if "interrupted" not in str(exc):
                return True
            self._checked = -CHECK_EVERY  # not finished: look again next time
            return False
        except sqlite3.DatabaseError:
            return True

    def holds(self, root: Path) -> bool:
        """Whether the cache holds any bundle under `root` (False: never scanned, so a search
        must scan first; finding nothing then is not damage)."""
        inside = f"SELECT 1 FROM bundles WHERE {UNDER_ROOT}"
        try:
            with self._lock:
                where = key_range(Path(os.path.abspath(root)))
                found = self._conn.execute(f"SELECT EXISTS ({inside})", where)
                return bool(found.fetchone()[0])
        except sqlite3.DatabaseError:
            return False

    def unchanged(self, root: Path, paths: Iterable[Path] = ()) -> bool:
        """Whether the cache knows the bundles under `root` as they are: the same bundles
        (a walk: a scandir per folder, no stat of the bundles the cache knows), and those at
        `paths` (a search's hits) unchanged. Then a search of the index needs no scan first.
        (A known folder that lost its metadata file still counts as a bundle here: it can
        only matter as a hit, and a hit's signature says it changed.)"""
        root = Path(os.path.abspath(root))
        try:
            with self._lock:
                rows = self._rows_under(root)
        except sqlite3.DatabaseError:
            return False
        if not rows:
            return False
        known = {os.fsdecode(key) for key in rows}
        found, _ = bundle_paths(root, known)
        if len(found) != len(rows) or not known.issuperset(found):
            return False
        for path in paths:
            row = rows.get(path_key(Path(os.path.abspath(path))))
            if row is None or row[1] != signature(path, row[2]):
                return False
        return True

    def _recover(self, exc: sqlite3.DatabaseError | None) -> None:
        """Start again with a fresh file, or in memory when the file stays locked; the next
        search indexes the library again first (until a scan has finished)."""
        with self._lock:
            self._conn.close()
            busy = "locked" in str(exc) or "busy" in str(exc)
            self._connection = store.memory() if busy else store.reset(self._path, self._timeout)
            self._rebuilding = True

    def _scan(
        self,
        root: Path,
        report: Callable[[ScanStep], None],
        cancelled: Callable[[], bool] | None,
    ) -> Catalog:
        with self._lock:
            cached = self._rows_under(root)
        known = {
            key: entry_from_json(Path(os.fsdecode(key)), row[3]) for key, row in cached.items()
        }
        shown = tuple(entry for entry in known.values() if entry is not None)
        if shown:  # what the cache knows, before the walk: checked next
            report(ScanStep(len(shown), len(shown), shown))
        found = find_bundles(root)
        catalog = Catalog(problems=list(found.diagnostics))
        total = len(found.bundles)
        entries: list[Entry | None] = [None] * total
        todo: list[tuple[int, Path, str]] = []
        valid: list[Entry] = []  # checked against the files and not yet reported
        pace = _Pace()
        for i, path in enumerate(found.bundles):
            key = path_key(path)
            row = cached.pop(key, None)
            body = row[2] if row else UNKNOWN_BODY
            entry = None
            if row and row[1] == signature(path, body):
                entries[i] = known[key]
            if (entry := entries[i]) is None:
                todo.append((i, path, body))
            elif known.get(key) is None:
                valid.append(entry)
            if pace.due(len(valid)):
                report(ScanStep(i + 1 - len(todo), total, tuple(valid)))
                valid = []
        if cached:
            self._drop([row[0] for row in cached.values()])
        gone = tuple(Path(os.fsdecode(key)) for key in cached if known.get(key) is not None)
        report(ScanStep(total - len(todo), total, tuple(valid), gone))
        # Parsing (the Markdown parser, the process pool) is imported only when a bundle is
        # new or changed: a warm `reader search` needs neither.
        from reader.core.library.parsing import parse_all

        batch: list[Parsed] = []
        for n, (i, parsed) in enumerate(parse_all(todo, cancelled), start=1):
            if cancelled is not None and cancelled():
                break  # the entries so far; nothing half-parsed is written
            entries[i] = parsed.entry
            batch.append(parsed)
            full = sum(len(p.rows) for p in batch) >= BATCH_PASSAGES
            if full or n == len(todo) or pace.due(len(batch)):
                self._write(batch)
                report(ScanStep(total - len(todo) + n, total, tuple(p.entry for p in batch)))
                batch = []
        catalog.entries = [e for e in entries if e is not None]
        return catalog

    def _rows_under(self, root: Path) -> dict[bytes, tuple]:
        """Cached rows of `root` and every bundle below it: path key → (id, signature, body,
        entry)."""
        rows = self._conn.execute(
            f"SELECT path, id, signature, body, entry FROM bundles WHERE {UNDER_ROOT}",
            key_range(root),
        )
        return {path: rest for path, *rest in rows}

    def _transaction(self):
        return _Transaction(self._conn, self._lock)

    def _drop(self, ids: list[int]) -> None:
        with self._transaction() as conn:
            for bundle_id in ids:
                conn.execute("DELETE FROM bundles WHERE id = ?", (bundle_id,))
                _drop_passages(conn, bundle_id)

    def _write(self, batch: list[Parsed]) -> None:
        with self._transaction() as conn:
            for p in batch:
                (bundle_id,) = conn.execute(
                    "INSERT INTO bundles (path, signature, body, entry, identity)"
                    " VALUES (?, ?, ?, ?, ?) ON CONFLICT (path) DO UPDATE SET"
                    " signature = excluded.signature, body = excluded.body,"
                    " entry = excluded.entry, identity = excluded.identity RETURNING id",
                    (
                        path_key(p.path),
                        p.signature,
                        p.body,
                        entry_to_json(p.entry),
                        identity_key(p.entry.identity),
                    ),
                ).fetchone()
                # Always: another process may have indexed this bundle since we looked.
                _drop_passages(conn, bundle_id)
                base = bundle_id << store.ROW_BITS
                conn.executemany(
                    "INSERT INTO passages (rowid, text, who, speaker, speaker_name, role,"
                    " block, start, time, turn) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    ((base + seq, *rest) for seq, *rest in p.rows),
                )


@contextmanager
def _stopping(conn: sqlite3.Connection, stop: Callable[[], bool]) -> Iterator[None]:
    """SQLite's work on `conn` stops (OperationalError: interrupted) once `stop()` is true."""
    conn.set_progress_handler(stop, fts.CHECK_STEPS)
    try:
        yield
    finally:
        conn.set_progress_handler(None, 0)


class _Pace:
    """When to hand entries over (and write parsed ones): after FIRST_REPORT, then once as
    many entries again are waiting, or LAST_REPORT has passed. Each hand-over costs the list
    a redraw that grows with the list; doubling keeps their total cost in proportion to the
    library, where a steady rhythm would make it grow with its square."""

    def __init__(self) -> None:
        self.last = time.monotonic()
        self.handed = 0

    def due(self, waiting: int) -> bool:
        """Whether to hand over the `waiting` entries now."""
        elapsed = time.monotonic() - self.last
        if elapsed < FIRST_REPORT or (waiting < self.handed and elapsed < LAST_REPORT):
            return False
        self.last, self.handed = time.monotonic(), self.handed + waiting
        return True


class _Transaction:
    """`BEGIN IMMEDIATE` … `COMMIT` under the thread lock; rolled back on any error."""

    def __init__(self, conn: sqlite3.Connection, lock: threading.RLock):
        self.conn, self.lock = conn, lock

    def __enter__(self) -> sqlite3.Connection:
        self.lock.acquire()
        try:
            self.conn.execute("BEGIN IMMEDIATE")
        except BaseException:
            self.lock.release()
            raise
        return self.conn

    def __exit__(self, kind, exc, tb) -> None:
        try:
            if kind is None:
                self.conn.execute("COMMIT")
            elif self.conn.in_transaction:
                self.conn.execute("ROLLBACK")
        finally:
            self.lock.release()


def _drop_passages(conn: sqlite3.Connection, bundle_id: int) -> None:
    base = bundle_id << store.ROW_BITS
    conn.execute(
        "DELETE FROM passages WHERE rowid BETWEEN ? AND ?", (base, base + fts.MAX_PASSAGES)
    )
