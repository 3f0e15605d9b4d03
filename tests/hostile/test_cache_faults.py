"""Issue 17, items 9 and 10: the library cache damaged while the app runs, and a symbolic link
in the cache file's place. Damage found by a search is repaired there and then (and said);
a link is replaced by a file of ours, never written through."""

from __future__ import annotations

import os
import sqlite3

from reader.core.library import Library
from reader.core.library.cache import REBUILT
from reader.core.library.fts import Hits
from reader.screens.library_search import summary
from tests.helpers import make_dir_bundle


def write_library(root):
    for i in range(40):
        body = "".join(
            f"Q: Question {n} about harbours?\n\nA: Answer {n}, tides.\n\n" for n in range(30)
        )
        make_dir_bundle(root, body, slug=f"piece-{i:02}")
    return root


def test_a_cache_damaged_while_in_use_is_rebuilt_by_the_search(tmp_path):
    root = write_library(tmp_path / "lib")
    path = tmp_path / "cache.sqlite3"
    with Library(path) as library:
        library.scan(root)
        library._conn.execute("PRAGMA wal_checkpoint(TRUNCATE)")  # all of it in the file
        assert library.search("tides", root=root)
        for name in (path, f"{path}-shm"):  # another program writes over it and its index
            with open(name, "r+b") as handle:
                handle.write(os.urandom(os.path.getsize(name)))
        results = [library.search(word, root=root) for word in ("harbours", "tides", "answer")]
        assert all(results), [len(r) for r in results]  # never silently empty
        noticed = [r.notice for r in results if r.notice]
        assert noticed == [REBUILT]  # said once, by the search that found the damage
    with Library(path) as again:  # and the file on disk is a good cache again
        assert again.search("tides", root=root)


def test_the_search_screen_says_the_index_was_rebuilt():
    hits = Hits()
    hits.notice = REBUILT
    assert summary(hits, 0) == f"no matches — {REBUILT}"


def foreign_database(path):
    with sqlite3.connect(path) as db:
        db.execute("CREATE TABLE notes (body TEXT)")
        db.execute("INSERT INTO notes VALUES ('mine')")
    db.close()
    return path.read_bytes()


def test_a_link_in_the_cache_file_s_place_is_replaced_not_written_through(tmp_path):
    root = write_library(tmp_path / "lib")
    other = tmp_path / "other-program.sqlite3"
    before = foreign_database(other)
    cache = tmp_path / "cache" / "library.sqlite3"
    cache.parent.mkdir()
    cache.symlink_to(other)
    wal_target = tmp_path / "elsewhere-wal"
    wal_target.write_bytes(b"not ours")
    (tmp_path / "cache" / "library.sqlite3-wal").symlink_to(wal_target)
    with Library(cache) as library:
        library.scan(root)
        assert library.search("tides", root=root)
    assert other.read_bytes() == before  # no tables of ours, no WAL mode
    assert not (tmp_path / "other-program.sqlite3-wal").exists()
    assert wal_target.read_bytes() == b"not ours"
    assert cache.is_file() and not cache.is_symlink()
    with sqlite3.connect(other) as db:
        assert db.execute("SELECT name FROM sqlite_master").fetchall() == [("notes",)]
        assert db.execute("PRAGMA journal_mode").fetchone() == ("delete",)
    db.close()


def test_a_fifo_in_the_cache_file_s_place_is_replaced(tmp_path):
    root = write_library(tmp_path / "lib")
    cache = tmp_path / "library.sqlite3"
    os.mkfifo(cache)
    with Library(cache) as library:
        library.scan(root)
        assert library.search("tides", root=root)
    assert cache.is_file()
