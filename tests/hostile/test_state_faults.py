"""Item 8: a state file that is cut short, not JSON, a SQLite database, of another schema or
a future version, a read-only state folder and a full disk: the store (and the app) start,
warn once, keep working from memory, and never delete the old file — it is moved aside."""

from __future__ import annotations

import errno
import os
import sqlite3
import subprocess
import sys

import pytest

from reader.app import ReaderApp
from reader.core.state import FILE_NAME, SavedProgress, State, StateStore, dump_state
from reader.paths import state_dir
from tests.helpers import make_dir_bundle
from tests.ui.helpers import notifications, settle


def good_state(n: int = 3) -> State:
    articles = {f"/a{i}": SavedProgress(i, i, 50.0, "2024-01-01T00:00:00+00:00") for i in range(n)}
    return State(articles, last_article="/a0", theme="paper", measure=64)


def store_at(folder) -> StateStore:
    store = StateStore(folder)
    store.load()
    return store


def others(folder):
    return sorted(p.name for p in folder.iterdir() if p.name != FILE_NAME)


def test_every_truncation_of_a_state_file_is_read_or_moved_aside(tmp_path):
    """Cut a real state file after each of its bytes: never an exception, never lost."""
    full = dump_state(good_state()).encode()
    for cut in range(len(full)):
        folder = tmp_path / str(cut)
        folder.mkdir()
        (folder / FILE_NAME).write_bytes(full[:cut])
        store = store_at(folder)
        warnings = store.take_warnings()
        if warnings:  # unusable: kept byte for byte beside a fresh start
            (kept,) = others(folder)
            assert (folder / kept).read_bytes() == full[:cut]
            assert len(warnings) == 1 and kept in warnings[0].message
            assert store.state.articles == {}
        else:  # only a cut in the final newline still parses (to the same state)
            assert store.state.articles == good_state().articles


def sqlite_file(path) -> None:
    with sqlite3.connect(path) as db:
        db.execute("create table state (key text, value text)")
        db.execute("insert into state values ('theme', 'night')")
    db.close()


BAD = {
    "empty": b"",
    "not_json": b"theme = night\n",
    "utf16": dump_state(good_state()).encode("utf-16"),
    "nul_bytes": b"\x00" * 64,
    "deep": b"[" * 100_000,
    "huge_number": b'{"schema": "interview-reader/state", "version": 1' + b"0" * 5000 + b"}",
    "wrong_schema": b'{"schema": "someone-else/state", "version": 1}',
    "future": b'{"schema": "interview-reader/state", "version": 2, "articles": {}}',
    "wrong_types": b'{"schema": "interview-reader/state", "version": 1, "articles": []}',
    "nan_percent": (  # Python's JSON reader accepts NaN; int(NaN) crashed the library list
        b'{"schema": "interview-reader/state", "version": 1,'
        b' "articles": {"/a": {"block": 3, "offset": 0, "percent": NaN}}}'
    ),
    "bad_position": (
        b'{"schema": "interview-reader/state", "version": 1,'
        b' "articles": {"/a": {"block": "3", "offset": 0}}}'
    ),
}


@pytest.mark.parametrize("case", [*BAD, "sqlite"])
def test_unusable_state_is_moved_aside_once_and_the_store_works(tmp_path, case):
    path = tmp_path / FILE_NAME
    if case == "sqlite":
        sqlite_file(path)
    else:
        path.write_bytes(BAD[case])
    original = path.read_bytes()
    store = store_at(tmp_path)
    (warning,) = store.take_warnings()
    (kept,) = others(tmp_path)
    assert (tmp_path / kept).read_bytes() == original and kept in warning.message
    store.record("/a", (4, 2), 40.0)
    assert store.save() and store.take_warnings() == []
    assert store_at(tmp_path).progress("/a").block == 4
    assert others(tmp_path) == [kept]  # the bad file is still there, never deleted


def test_a_folder_where_the_state_file_should_be(tmp_path):
    (tmp_path / FILE_NAME).mkdir()
    store = store_at(tmp_path)
    store.record("/a", (1, 1), 1.0)
    assert not store.save()
    store.record("/a", (2, 2), 2.0)
    assert not store.save()
    assert len(store.take_warnings()) == 1
    assert store.progress("/a").block == 2 and (tmp_path / FILE_NAME).is_dir()


def test_read_only_state_folder(tmp_path, make_read_only):
    folder = tmp_path / "state"
    folder.mkdir()
    (folder / FILE_NAME).write_text("{cut sho", encoding="utf-8")
    make_read_only(folder)
    store = store_at(folder)
    assert store.state.articles == {}
    for i in range(3):
        store.record("/a", (i, 0), 10.0 * i)
        assert not store.save()
    warnings = store.take_warnings()
    assert len(warnings) == 2  # could not move the bad file aside; cannot save
    assert "could not be moved aside" in warnings[0].message
    assert "cannot save" in warnings[1].message
    assert (folder / FILE_NAME).read_text(encoding="utf-8") == "{cut sho"  # untouched
    assert others(folder) == []
    assert store.progress("/a").block == 2


FULL_DISK = """
import resource, signal, sys
from pathlib import Path
from reader.core.state import StateStore
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)  # a write past the limit fails with EFBIG
limit = int(sys.argv[2])
resource.setrlimit(resource.RLIMIT_FSIZE, (limit, limit))
store = StateStore(Path(sys.argv[1]))
store.load()
for i in range(400):
    store.record(f"/article/{i}", (i, i), 50.0)
print(store.save(), store.save(), len(store.take_warnings()), store.dirty)
"""


def test_full_disk_keeps_the_old_file_and_warns_once(tmp_path):
    """A real failing write: the file size limit (RLIMIT_FSIZE) makes write() fail."""
    store = StateStore(tmp_path)
    store.record("/kept", (7, 7), 70.0)
    assert store.save()
    before = (tmp_path / FILE_NAME).read_bytes()
    result = subprocess.run(
        [sys.executable, "-c", FULL_DISK, str(tmp_path), str(len(before) + 100)],
        capture_output=True,
        text=True,
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.split() == ["False", "False", "1", "True"]
    assert (tmp_path / FILE_NAME).read_bytes() == before
    assert os.listdir(tmp_path) == [FILE_NAME]  # the half-written temporary file is gone


async def test_app_starts_and_keeps_working_on_a_broken_read_only_state(tmp_path, make_read_only):
    library = tmp_path / "lib"
    make_dir_bundle(library, "".join(f"Q: Question {i}?\n\nA: Answer {i}.\n\n" for i in range(60)))
    folder = state_dir()
    folder.mkdir(parents=True)
    sqlite_file(folder / FILE_NAME)
    make_read_only(folder)
    app = ReaderApp(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        for _ in range(4):
            await pilot.press("space", "]")
            app.save_state()
        await pilot.pause()
        warnings = [n for n in notifications(app) if n.startswith("Reading positions")]
        assert len(warnings) == 2, warnings
        assert app.reading.view.position[0] > 0  # still reading, from memory
        await pilot.press("q")
    assert others(folder) == []
    with sqlite3.connect(folder / FILE_NAME) as db:  # the database is intact
        assert db.execute("select value from state").fetchall() == [("night",)]


async def test_app_survives_a_disk_that_fills_up(tmp_path, monkeypatch):
    library = tmp_path / "lib"
    make_dir_bundle(library, "".join(f"Q: Question {i}?\n\nA: Answer {i}.\n\n" for i in range(60)))
    app = ReaderApp(library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        app.save_state()
        saved = (state_dir() / FILE_NAME).read_bytes()

        def no_space(fd):
            raise OSError(errno.ENOSPC, os.strerror(errno.ENOSPC))

        with monkeypatch.context() as full:
            full.setattr(os, "fsync", no_space)
            for _ in range(3):
                await pilot.press("space")
                app.save_state()
            await pilot.pause()
        warnings = [n for n in notifications(app) if n.startswith("Reading positions")]
        assert len(warnings) == 1 and "No space left on device" in warnings[0]
        position = app.reading.view.position
        await pilot.press("q")
    assert saved != (state_dir() / FILE_NAME).read_bytes()  # saved once the disk had room
    assert StateStore(state_dir()).load().articles.popitem()[1].block == position[0]
