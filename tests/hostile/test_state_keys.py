"""Issue 17, items 1 and 2: a file name that is not UTF-8, and a state lock another process
keeps. Positions are keyed by path, and a path need not be UTF-8; saving must never raise
past the store, and never wait on a lock long enough to freeze the app."""

from __future__ import annotations

import fcntl
import json
import os
import subprocess
import sys
import time

from reader.core import kept_file
from reader.core import state as state_module
from reader.core.highlights.store import HighlightStore
from reader.core.state import FILE_NAME, StateStore, article_key, parse_state
from tests.hostile.pty_reader import PtyReader, reader_env
from tests.hostile.test_special_files import finishes
from tests.unit.test_highlight_store import one

RAW_NAME = os.fsdecode(b"raw\x9bname.md")  # "raw\udc9bname.md": the odd byte as a surrogate
BUNDLE = '+++\ntitle = "Named oddly"\n+++\n\n' + "".join(
    f"Q: Question {i}?\n\nA: Answer number {i}, at some length.\n\n" for i in range(60)
)


def test_a_key_that_is_not_utf8_is_saved_and_read_back(tmp_path):
    key = article_key(tmp_path / RAW_NAME)
    store = StateStore(tmp_path)
    store.load()
    store.opened(key)
    store.record(key, (7, 3), 12.0)
    assert store.save() and store.take_warnings() == []
    raw = (tmp_path / FILE_NAME).read_bytes()
    text = raw.decode("utf-8")  # valid UTF-8 on disk
    assert "\\udc9b" in text
    again = parse_state(text)
    assert again.last_article == key and again.articles[key].block == 7
    assert os.fsencode(again.last_article).endswith(b"raw\x9bname.md")  # the very same path


def test_a_save_never_raises(tmp_path, monkeypatch):
    store = StateStore(tmp_path)
    store.load()
    store.record("/a", (1, 0), 1.0)

    def broken(_state):
        raise ValueError("cannot encode this")

    monkeypatch.setattr(state_module, "dump_state", broken)
    assert store.save() is False
    (warning,) = store.take_warnings()
    assert "cannot encode this" in str(warning)
    assert store.dirty  # kept for the next save


def test_the_app_saves_the_place_in_a_bundle_named_oddly(tmp_path):
    """The real `reader` on a library whose only bundle has a raw 0x9B byte in its name: on a
    first visit it opens by itself; moving, then q, saves the place and exits 0."""
    library = tmp_path / "library"
    library.mkdir()
    (library / RAW_NAME).write_text(BUNDLE, encoding="utf-8")
    home = tmp_path / "home"
    app = PtyReader([library], env=reader_env(home))
    assert app.read(30.0, until=b"Answer number 3"), app.run.output[-2000:]
    for _ in range(3):
        app.send(" ", wait=0.3)
    app.read(3.0)  # an autosave happens meanwhile
    run = app.quit()
    assert run.alive and run.returncode == 0, run.output[-2000:]
    saved = json.loads((home / "state" / FILE_NAME).read_text(encoding="utf-8"))
    (key,) = saved["articles"]
    assert os.fsencode(key).endswith(b"raw\x9bname.md")
    assert saved["articles"][key]["block"] > 0 and saved["last_article"] == key


def hold_lock(folder):
    """Lock `folder` as another instance's save would (a separate open file description)."""
    fd = os.open(folder, os.O_RDONLY)
    fcntl.flock(fd, fcntl.LOCK_EX)
    return fd


def store_with_news(folder, block: int) -> StateStore:
    store = StateStore(folder)
    store.load()
    store.record("/a", (block, 0), 1.0)
    return store


def test_a_held_lock_makes_a_save_give_up_not_wait(tmp_path):
    store = store_with_news(tmp_path, 1)
    fd = hold_lock(tmp_path)
    try:
        assert finishes(store.save, 10.0) is False
        assert finishes(store.save, 10.0) is False  # at once now: the lock is known busy
        assert store.take_warnings() == []  # a moment's contention is not news
        time.sleep(kept_file.BUSY_WARN)
        assert store.save() is False
        (warning,) = store.take_warnings()
        assert "holding the lock" in str(warning)
        assert store.save() is False and store.take_warnings() == []  # said once
        assert not (tmp_path / FILE_NAME).exists()
    finally:
        os.close(fd)
    assert store.save() and not store.dirty
    assert StateStore(tmp_path).load().articles["/a"].block == 1


def test_the_final_save_writes_even_while_the_lock_is_held(tmp_path):
    store = store_with_news(tmp_path, 5)
    fd = hold_lock(tmp_path)
    try:
        assert finishes(lambda: store.save(final=True), 10.0)
    finally:
        os.close(fd)
    assert StateStore(tmp_path).load().articles["/a"].block == 5


HOLDER = """
import fcntl, os, sys, time
fd = os.open(sys.argv[1], os.O_RDONLY)
fcntl.flock(fd, fcntl.LOCK_EX)
print("locked", flush=True)
time.sleep(120)
"""


def test_the_app_keeps_working_while_another_process_holds_the_lock(tmp_path):
    """An instance stopped mid-save keeps the state folder locked: the real `reader` still
    scrolls, autosaves without freezing, and q quits at once, saving the place."""
    home = tmp_path / "home"
    (home / "state").mkdir(parents=True)
    library = tmp_path / "library"
    library.mkdir()
    (library / "piece.md").write_text(BUNDLE, encoding="utf-8")
    holder = subprocess.Popen(
        [sys.executable, "-c", HOLDER, str(home / "state")], stdout=subprocess.PIPE, text=True
    )
    try:
        assert holder.stdout.readline().strip() == "locked"
        app = PtyReader([library], env=reader_env(home))
        assert app.read(30.0, until=b"Answer number 3"), app.run.output[-2000:]
        app.read(3.0)  # the first autosaves find the lock held
        app.send("G", wait=1.0)
        assert app.read(5.0, until=b"Answer number 59"), "the app stopped answering keys"
        run = app.quit()  # killed (and failed) if q is not obeyed in a few seconds
        assert run.alive and run.returncode == 0, run.output[-2000:]
    finally:
        holder.kill()
        holder.wait()
    saved = StateStore(home / "state").load()
    (progress,) = saved.articles.values()
    assert progress.block > 50  # the place at G, written by the final save


def test_highlights_wait_for_a_held_lock_as_positions_do(tmp_path):
    """The highlights file shares the state folder's lock: a save gives up in a moment, and
    the last one, on quitting, writes without it."""
    highlights = HighlightStore(tmp_path)
    highlights.load()
    highlights.put(one("a1"))
    fd = hold_lock(tmp_path)
    try:
        assert finishes(highlights.save, 10.0) is False and highlights.dirty
        assert finishes(lambda: highlights.save(final=True), 10.0)
    finally:
        os.close(fd)
    again = HighlightStore(tmp_path)
    again.load()
    assert [h.id for h in again.of("piece:1")] == ["a1"]


def test_a_lock_held_long_on_highlights_is_said_once_as_for_positions(tmp_path):
    """Highlights save as positions do (reader.core.kept_file): a lock held elsewhere is
    news only after BUSY_WARN, once, and says the highlights are kept."""
    store = HighlightStore(tmp_path)
    store.load()
    store.put(one("a1", note="kept"))
    fd = hold_lock(tmp_path)
    try:
        assert store.save() is False and store.save() is False
        assert store.take_warnings() == []  # a moment's contention is not news
        time.sleep(kept_file.BUSY_WARN)
        assert store.save() is False
        (warning,) = store.take_warnings()
        assert "holding the lock" in str(warning) and "highlights are kept" in str(warning)
    finally:
        os.close(fd)
    assert store.save() and not store.dirty
    again = HighlightStore(tmp_path)
    again.load()
    assert [h.note for h in again.of("piece:1")] == ["kept"]
