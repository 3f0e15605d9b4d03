"""Issue 17, items 7 and 8: a FIFO, a device or a huge file where the reader expects one of its
files. Every file read from the user's folders is opened without blocking, checked to be a
regular file, and checked against its size limit before a byte is read."""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from pathlib import Path

from reader.core.bundle import load_bundle
from reader.core.files import FileTooLarge, NotRegularFile, read_regular
from reader.core.highlights.store import FILE_NAME as HIGHLIGHTS
from reader.core.highlights.store import HighlightStore
from reader.core.state import FILE_NAME, StateStore
from reader.themes import THEME_VARIABLES, load_themes
from tests.helpers import make_dir_bundle
from tests.hostile.pty_reader import PtyReader, reader_env


def finishes(work, seconds: float = 15.0):
    """Run `work` in a thread; its result, or a failure if it still waits after `seconds`
    (an open() of a FIFO with no writer never returns)."""
    outcome: list = []

    def run() -> None:
        try:
            outcome.append((work(), None))
        except Exception as exc:  # noqa: BLE001 - handed to the test below
            outcome.append((None, exc))

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    thread.join(seconds)
    assert not thread.is_alive(), "still waiting: a FIFO was opened as a file"
    result, error = outcome[0]
    if error is not None:
        raise error
    return result


def test_read_regular_refuses_what_is_not_a_regular_file(tmp_path):
    os.mkfifo(tmp_path / "fifo")
    for path in (tmp_path / "fifo", Path("/dev/zero"), Path("/dev/null")):
        try:
            finishes(lambda p=path: read_regular(p, 1000))
        except NotRegularFile as exc:
            assert "not a regular file" in str(exc)
        else:
            raise AssertionError(f"{path} was read")
    (tmp_path / "big").write_bytes(b"x" * 1001)
    try:
        read_regular(tmp_path / "big", 1000)
    except FileTooLarge as exc:
        assert exc.size == 1001 and exc.limit == 1000
    else:
        raise AssertionError("a file over the limit was read")
    assert read_regular(tmp_path / "big", 1001) == b"x" * 1001


def test_a_fifo_as_the_state_file_is_set_aside(tmp_path):
    fifo = tmp_path / FILE_NAME
    os.mkfifo(fifo)
    store = StateStore(tmp_path)
    finishes(store.load)
    (warning,) = map(str, store.take_warnings())
    assert "FIFO" in warning and "kept as" in warning
    store.record("/a", (3, 1), 20.0)
    assert finishes(store.save)
    assert fifo.is_file() and not fifo.is_symlink()  # a regular file now
    assert StateStore(tmp_path).load().articles["/a"].block == 3


def test_a_fifo_as_the_highlights_file_is_set_aside(tmp_path):
    os.mkfifo(tmp_path / HIGHLIGHTS)
    highlights = HighlightStore(tmp_path)
    finishes(highlights.load)
    (warning,) = map(str, highlights.take_warnings())
    assert "FIFO" in warning and "kept as" in warning


def test_a_huge_state_file_is_refused_before_it_is_read(tmp_path):
    """300 MB of state (sparse, so the disk does not fill): refused by its size, at once, and
    set aside. Measured in a child process (its own VmHWM, which fork and exec reset):
    reading it whole used to peak at 600 MB."""
    huge = tmp_path / FILE_NAME
    with huge.open("wb") as handle:
        handle.truncate(300_000_000)
    code = (
        "import sys\n"
        "from reader.core.state import StateStore\n"
        "store = StateStore(sys.argv[1]); store.load()\n"
        "print(store.take_warnings()[0])\n"
        "print(next(l for l in open('/proc/self/status') if l.startswith('VmHWM:')).split()[1])\n"
    )
    out = subprocess.run(
        [sys.executable, "-c", code, str(tmp_path)],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout.splitlines()
    assert "300.0 MB, over the 32 MB limit" in out[0]
    assert int(out[1]) < 150_000  # kilobytes: nothing like the file's size was read
    assert [p.name for p in tmp_path.iterdir() if p.name.endswith(".bad")]


def test_a_fifo_or_a_device_as_a_theme_file_is_a_problem_not_a_hang(tmp_path):
    os.mkfifo(tmp_path / "fifo.toml")
    (tmp_path / "zero.toml").symlink_to("/dev/zero")
    (tmp_path / "huge.toml").write_bytes(b"#" * 2_000_000)
    themes, problems = finishes(lambda: load_themes([tmp_path], THEME_VARIABLES))
    assert themes == {}
    found = {p.path.name: p.message for p in problems}
    assert "FIFO" in found["fifo.toml"] and "character device" in found["zero.toml"]
    assert "over the 1 MB limit" in found["huge.toml"]


def test_a_body_swapped_for_a_fifo_is_refused(tmp_path, monkeypatch):
    """The loader checks `is_file()` first; a FIFO put in the body's place after that check
    must still not be opened as a file."""
    folder = make_dir_bundle(tmp_path, "Q: a question?\n")
    body = folder / "article.md"
    real_is_file = Path.is_file

    def swap_after_check(self):
        answer = real_is_file(self)
        if self == body and answer:
            body.unlink()
            os.mkfifo(body)
        return answer

    monkeypatch.setattr(Path, "is_file", swap_after_check)
    loaded = finishes(lambda: load_bundle(folder))
    assert loaded.article is None
    assert "FIFO" in loaded.diagnostics[0].message


def test_the_app_starts_and_quits_with_fifos_in_its_folders(tmp_path):
    """The real `reader` in a pty with a FIFO as state.json and as a user theme: it draws
    the library, says what it set aside, and `q` quits."""
    home = tmp_path / "home"
    (home / "state").mkdir(parents=True)
    (home / "config" / "themes").mkdir(parents=True)
    os.mkfifo(home / "state" / FILE_NAME)
    os.mkfifo(home / "config" / "themes" / "mine.toml")
    library = tmp_path / "library"
    make_dir_bundle(library, "Q: Where were you?\n\nA: In the orchard.\n")
    app = PtyReader([library], env=reader_env(home))
    assert app.read(30.0, until=b"orchard"), app.run.output[-2000:]
    run = app.quit()
    assert run.alive and run.returncode == 0
    assert (home / "state" / FILE_NAME).is_file()
