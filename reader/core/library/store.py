"""The SQLite file behind the library cache: schema, versioning and recovery.

The cache is only a cache. A missing, corrupt (garbage bytes), foreign (wrong schema or
version) or unwritable file is replaced or bypassed without a word to the user; a file
another process keeps locked past the busy timeout is bypassed for this session with a
private in-memory database. WAL mode and a busy timeout let two app instances read and
write it at the same time without corrupting it. A symbolic link (or a FIFO) in the place of
the file or of its `-wal`/`-shm` companions is removed first, so SQLite never writes through
it into another program's file.
"""

from __future__ import annotations

import errno
import os
import sqlite3
import stat
from contextlib import suppress
from pathlib import Path

from reader.core.library.records import ENTRY_SHAPE

# 2: passages keep the time of their turn; 3: titles and standfirsts too; 4: bundles keep
# their article's identity (what its highlights and notes are kept under); 5: passages keep
# their turn's number (`reader search` prints it without reading the article again)
SCHEMA_VERSION = 5
_FILES = ("", "-wal", "-shm", "-journal")  # the cache file and SQLite's companions
BUSY_TIMEOUT = 5.0  # seconds; writers hold the lock for one short batch at a time

# One row per bundle: its stat signature, its list entry (JSON) and its article's identity
# (`Article.identity`, "" for a broken bundle: the notes search finds bundles by it). Every
# paragraph of a readable bundle is a row of `passages`, whose rowid is (bundle id <<
# ROW_BITS) + its sequence number, so a bundle's passages are one rowid range (cheap to
# replace or drop).
ROW_BITS = 20
# The bundles a library's list showed on top when it was last arranged, one row per library
# root, their path keys joined by NUL (`Library.first_rows`): a warm start shows them before
# it reads the rest. Added after version 5 was out, so an existing cache gains it on opening.
FIRST_ROWS_TABLE = "CREATE TABLE IF NOT EXISTS first_rows (root BLOB PRIMARY KEY, paths BLOB)"
_SCHEMA = f"""
CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
INSERT OR REPLACE INTO meta VALUES ('entry', '{ENTRY_SHAPE}');
CREATE TABLE IF NOT EXISTS bundles (
    id INTEGER PRIMARY KEY,
    path BLOB NOT NULL UNIQUE,
    signature TEXT NOT NULL,
    body TEXT NOT NULL,
    entry TEXT NOT NULL,
    identity BLOB NOT NULL DEFAULT x''
);
CREATE INDEX IF NOT EXISTS bundles_identity ON bundles (identity);
CREATE VIRTUAL TABLE IF NOT EXISTS passages USING fts5(
    text, who, speaker UNINDEXED, speaker_name UNINDEXED, role UNINDEXED,
    block UNINDEXED, start UNINDEXED, time UNINDEXED, turn UNINDEXED,
    tokenize = "unicode61 remove_diacritics 2", prefix = '3'
);
INSERT INTO passages(passages, rank) VALUES ('rank', 'bm25(1.0, 0.0)');
{FIRST_ROWS_TABLE};
PRAGMA user_version = {SCHEMA_VERSION};
"""


def connect(path: Path, timeout: float = BUSY_TIMEOUT) -> sqlite3.Connection:
    """A ready connection to the cache at `path`."""
    path = Path(path)
    for attempt in range(2):
        try:
            return _open(path, timeout)
        except OSError:  # the cache folder cannot be made, a link in its place not removed
            break
        except sqlite3.OperationalError as exc:
            if "locked" in str(exc) or "busy" in str(exc):
                break
            if attempt == 0 and not _remove(path):
                break
        except sqlite3.DatabaseError:  # not a database, malformed, foreign schema
            if attempt == 0 and not _remove(path):
                break
    return memory()


def reset(path: Path, timeout: float = BUSY_TIMEOUT) -> sqlite3.Connection:
    """Throw the cache file away and start a new one (after damage found in use)."""
    _remove(Path(path))
    return connect(path, timeout)


def memory() -> sqlite3.Connection:
    """A private in-memory cache, for when the file cannot be used."""
    conn = sqlite3.connect(":memory:", check_same_thread=False, isolation_level=None)
    _create(conn)
    return conn


def _open(path: Path, timeout: float) -> sqlite3.Connection:
    path.parent.mkdir(parents=True, exist_ok=True)
    _replace_links(path)
    conn = sqlite3.connect(path, timeout=timeout, check_same_thread=False, isolation_level=None)
    try:
        conn.execute("PRAGMA journal_mode = WAL")
        conn.execute("PRAGMA synchronous = NORMAL")
        version = conn.execute("PRAGMA user_version").fetchone()[0]
        if version == 0:
            _create(conn)
        elif version != SCHEMA_VERSION:
            raise sqlite3.DatabaseError(f"cache schema {version}, expected {SCHEMA_VERSION}")
        # Cheap reads of every table catch files whose header is fine but whose tables are
        # not ours (or are damaged), and entries stored for another shape of `Entry`.
        shape = conn.execute("SELECT value FROM meta WHERE key = 'entry'").fetchone()
        if shape != (ENTRY_SHAPE,):
            raise sqlite3.DatabaseError("cache written for another shape of entries")
        conn.execute("SELECT id, path, signature, body, entry, identity FROM bundles LIMIT 1")
        probe = "SELECT rowid, time, turn FROM passages WHERE passages MATCH 'x' LIMIT 1"
        conn.execute(probe).fetchall()
        _add_first_rows(conn)
    except BaseException:
        conn.close()
        raise
    return conn


def _add_first_rows(conn: sqlite3.Connection) -> None:
    """The table of first rows in a cache made before it existed. If it cannot be added now
    (another process is writing), the cache works without it (`Library.first_rows`)."""
    if conn.execute("SELECT 1 FROM sqlite_master WHERE name = 'first_rows'").fetchone():
        return
    with suppress(sqlite3.OperationalError):
        conn.execute(FIRST_ROWS_TABLE)


def _create(conn: sqlite3.Connection) -> None:
    """Create the schema, once, even when two processes start on an empty file together."""
    conn.execute("BEGIN IMMEDIATE")
    try:
        if conn.execute("PRAGMA user_version").fetchone()[0] == 0:
            for statement in _SCHEMA.split(";"):
                if statement.strip():
                    conn.execute(statement)
        conn.execute("COMMIT")
    except BaseException:
        conn.execute("ROLLBACK")
        raise


def _replace_links(path: Path) -> None:
    """Remove a symbolic link (or a FIFO, a folder…) where the cache file or one of its
    companions should be, so SQLite makes a file of ours there: it would otherwise write our
    tables, and WAL mode, into whatever the link points at. The link itself goes, never its
    target. Raises OSError (then the cache falls back to memory) if it cannot go."""
    for suffix in _FILES:
        name = f"{path}{suffix}"
        try:
            info = os.lstat(name)
        except FileNotFoundError:
            continue
        if stat.S_ISDIR(info.st_mode):
            raise IsADirectoryError(errno.EISDIR, "a folder is in the cache file's place", name)
        if not stat.S_ISREG(info.st_mode):  # a link (to anything), a FIFO, a device
            os.unlink(name)


def _remove(path: Path) -> bool:
    """Delete the cache file and its WAL companions; False when that is not possible."""
    for suffix in _FILES:
        try:
            os.unlink(f"{path}{suffix}")
        except FileNotFoundError:
            pass
        except OSError:
            return False
    return True
