"""A library folder through the cache: only new or changed bundles are parsed again.

A warm start of a 10,000-bundle library is a walk, a stat per file and one read of the
cache; a cold one parses every bundle, writing entries and search passages in short
batches (so another app instance or a search is never locked out for long) and reporting
progress after each, so a list can fill in as the scan goes.
"""

from __future__ import annotations

import os
import sqlite3
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from functools import partial
from pathlib import Path

from reader.core.bundle import load_bundle
from reader.core.catalog import Catalog, Entry, entry_from
from reader.core.discover import find_bundles
from reader.core.library import fts, store
from reader.core.library.records import (
    UNKNOWN_BODY,
    entry_from_json,
    entry_to_json,
    key_range,
    path_key,
    signature,
)

FIRST_REPORT = 0.05  # seconds before the first entries are handed over (see _Pace)
LAST_REPORT = 2.0  # the longest wait between two hand-overs
BATCH_PASSAGES = 20_000
REBUILT = "The library's search index was damaged; it has been rebuilt."
NOT_REBUILT = "The library's search index was damaged and could not be rebuilt now."


@dataclass(frozen=True)
class ScanStep:
    done: int
    total: int
    entries: tuple[Entry, ...]  # the entries that became known since the last report


@dataclass
class _Parsed:
    path: Path
    signature: str
    body: str
    entry: Entry
    rows: list[tuple]


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
            return self._scan(root, report, cancelled)
        except sqlite3.DatabaseError as exc:
            self._recover(exc)
        # Scan again with a fresh cache, reporting only entries not reported yet.
        seen = {e.path for step in reported for e in step.entries}

        def report_new(step: ScanStep) -> None:
            fresh = tuple(e for e in step.entries if e.path not in seen)
            report(ScanStep(step.done, step.total, fresh))

        return self._scan(root, report_new, cancelled)

    def search(
        self,
        query: str,
        *,
        root: Path | None = None,
        speaker: str | None = None,
        limit: int = 50,
        cancelled: Callable[[], bool] | None = None,
    ) -> fts.Hits:
        """Ranked hits for the user's `query` (raises `fts.QueryError` for a bad one).

        A cache damaged while in use (another program wrote over it, a disk error) is
        started afresh, the library under `root` indexed again, and the search run again:
        the hits say so in their `notice`, rather than being silently empty until the next
        start. `cancelled()` stops the search (and that rebuild) early, with no hits."""
        root = Path(os.path.abspath(root)) if root is not None else None
        search = partial(fts.search, root=root, speaker=speaker, limit=limit, cancelled=cancelled)
        try:
            with self._lock:
                return search(self._conn, query)
        except sqlite3.DatabaseError as exc:
            self._recover(exc)
        hits = fts.Hits()
        try:
            if root is not None:
                self.scan(root, cancelled=cancelled)
                if cancelled is not None and cancelled():
                    return hits
                with self._lock:
                    hits = search(self._conn, query)
                hits.notice = REBUILT
        except sqlite3.DatabaseError as exc:
            self._recover(exc)
        hits.notice = hits.notice or NOT_REBUILT
        return hits

    def _recover(self, exc: sqlite3.DatabaseError) -> None:
        """Start again with a fresh file, or in memory when the file stays locked."""
        with self._lock:
            self._conn.close()
            busy = "locked" in str(exc) or "busy" in str(exc)
            self._connection = store.memory() if busy else store.reset(self._path, self._timeout)

    def _scan(
        self,
        root: Path,
        report: Callable[[ScanStep], None],
        cancelled: Callable[[], bool] | None,
    ) -> Catalog:
        found = find_bundles(root)
        catalog = Catalog(problems=list(found.diagnostics))
        total = len(found.bundles)
        with self._lock:
            cached = self._rows_under(root)
        entries: list[Entry | None] = [None] * total
        todo: list[tuple[int, Path, str]] = []
        valid: list[Entry] = []  # checked against the files since the last report
        pace = _Pace()
        for i, path in enumerate(found.bundles):
            row = cached.pop(path_key(path), None)
            body = row[2] if row else UNKNOWN_BODY
            entry = None
            if row and row[1] == signature(path, body):
                entry = entries[i] = entry_from_json(path, row[3])
            if entry is None:
                todo.append((i, path, body))
            else:
                valid.append(entry)
            if pace.due(len(valid)):
                report(ScanStep(i + 1 - len(todo), total, tuple(valid)))
                valid = []
        if cached:
            self._drop([row[0] for row in cached.values()])
        report(ScanStep(total - len(todo), total, tuple(valid)))
        batch: list[_Parsed] = []
        for n, (i, path, body) in enumerate(todo, start=1):
            if cancelled is not None and cancelled():
                break  # the entries so far; nothing half-parsed is written
            parsed = _parse(path, body, cancelled)
            if cancelled is not None and cancelled():
                break
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
            "SELECT path, id, signature, body, entry FROM bundles"
            " WHERE path = ? OR (path >= ? AND path < ?)",
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

    def _write(self, batch: list[_Parsed]) -> None:
        with self._transaction() as conn:
            for p in batch:
                (bundle_id,) = conn.execute(
                    "INSERT INTO bundles (path, signature, body, entry) VALUES (?, ?, ?, ?)"
                    " ON CONFLICT (path) DO UPDATE SET signature = excluded.signature,"
                    " body = excluded.body, entry = excluded.entry RETURNING id",
                    (path_key(p.path), p.signature, p.body, entry_to_json(p.entry)),
                ).fetchone()
                # Always: another process may have indexed this bundle since we looked.
                _drop_passages(conn, bundle_id)
                base = bundle_id << store.ROW_BITS
                conn.executemany(
                    "INSERT INTO passages (rowid, text, who, speaker, speaker_name, role,"
                    " block, start, time) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                    ((base + seq, *rest) for seq, *rest in p.rows),
                )


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


def _parse(path: Path, body: str, cancelled: Callable[[], bool] | None) -> _Parsed:
    """Parse one bundle; the signature is taken first, so an edit made meanwhile is seen
    as a change by the next scan."""
    before = signature(path, body)
    loaded = load_bundle(path, cancelled=cancelled)
    article = loaded.article
    actual = article.body_path.name if article and article.body_path != path else UNKNOWN_BODY
    sig = before if actual == body else signature(path, actual)
    rows = list(fts.passages(article)) if article is not None else []
    return _Parsed(path, sig, actual, entry_from(loaded), rows)
