"""Issue 17, item 4: `kill PID` (SIGTERM), a closed terminal (SIGHUP) and `kill -INT PID`
(SIGINT: exit 130, as the README says of Ctrl+C) save the current place, not the last
autosave's, and leave the terminal as `q` does."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time

import pytest

from reader.core.state import FILE_NAME
from tests.hostile.pty_reader import PtyReader, reader_env

BODY = '+++\ntitle = "Signals"\n+++\n\n' + "".join(
    f"Q: Question {i}?\n\nA: Answer number {i}, at some length.\n\n" for i in range(200)
)
RESTORE = (b"\x1b[?1049l", b"\x1b[?1000l")  # leave the alternate screen; mouse reporting off


def reading_the_piece(tmp_path, home) -> PtyReader:
    """The real `reader` on a library of one piece, its text on screen."""
    library = tmp_path / "library"
    library.mkdir()
    (library / "piece.md").write_text(BODY, encoding="utf-8")
    app = PtyReader([library], env=reader_env(home))
    assert app.read(30.0, until=b"Answer number 3"), app.run.output[-2000:]
    return app


def saved_progress(home) -> dict:
    """The one article's place in the state file the run left."""
    saved = json.loads((home / "state" / FILE_NAME).read_text(encoding="utf-8"))
    (progress,) = saved["articles"].values()
    return progress


@pytest.mark.parametrize(
    "signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT], ids=["TERM", "HUP", "INT"]
)
def test_a_signal_saves_the_place_and_restores_the_terminal(tmp_path, signum):
    home = tmp_path / "home"
    app = reading_the_piece(tmp_path, home)
    app.read(2.5)  # the first autosave has written the top of the article
    app.send("G", wait=0.3)  # then the reader jumps to the end, and is killed at once
    before = len(app.run.output)
    os.kill(app.proc.pid, signum)
    deadline = time.monotonic() + 15
    while app.proc.poll() is None and time.monotonic() < deadline:
        app.read(0.2)
    app.read(0.3)
    assert app.proc.poll() == 128 + signum
    os.close(app.master)
    tail = app.run.output[before:]
    for sequence in RESTORE:
        assert sequence in tail, sequence
    progress = saved_progress(home)
    assert progress["block"] > 300  # the end, where the reader was, not the top


def test_a_terminal_that_goes_away_without_a_signal_ends_the_app(tmp_path):
    """Found from outside: when the app is not the terminal's controlling process (as here,
    and under `setsid`), closing the terminal sends no SIGHUP, and the app ran on for ever
    at a fifth of a core. Now it saves the place and ends as on SIGHUP."""
    home = tmp_path / "home"
    app = reading_the_piece(tmp_path, home)
    app.send("G", wait=0.5)
    os.close(app.master)  # the terminal goes away; no signal is sent
    try:
        status = app.proc.wait(timeout=30)
    except subprocess.TimeoutExpired:
        raise AssertionError("the app ran on after its terminal had gone") from None
    assert status == 128 + signal.SIGHUP
    progress = saved_progress(home)
    assert progress["block"] > 300


BLOCKED = """
import asyncio, os, signal, sys, time
from reader import shutdown
shutdown.LAST_RESORT_SECONDS = 0.5

async def main():
    shutdown.install(lambda status: None, watch_terminal=False)  # a quit that never comes
    os.kill(os.getpid(), signal.SIGTERM)
    time.sleep(30)  # the loop is blocked, as by a dead output thread

asyncio.run(main())
"""


def test_a_signal_ends_the_process_even_when_the_loop_cannot_quit(tmp_path):
    """Once Textual's output thread has died, a frame blocks the loop for good and the
    quit on it never runs: the signal's last resort ends the process with its status."""
    run = subprocess.run([sys.executable, "-c", BLOCKED], timeout=20, capture_output=True)
    assert run.returncode == 128 + signal.SIGTERM, run.stderr
