"""Issue 17, item 4: `kill PID` (SIGTERM), a closed terminal (SIGHUP) and `kill -INT PID`
(SIGINT: exit 130, as the README says of Ctrl+C) save the current place, not the last
autosave's, and leave the terminal as `q` does."""

from __future__ import annotations

import json
import os
import signal
import time

import pytest

from reader.core.state import FILE_NAME
from tests.hostile.conftest import PtyReader, reader_env

BODY = '+++\ntitle = "Signals"\n+++\n\n' + "".join(
    f"Q: Question {i}?\n\nA: Answer number {i}, at some length.\n\n" for i in range(200)
)
RESTORE = (b"\x1b[?1049l", b"\x1b[?1000l")  # leave the alternate screen; mouse reporting off


@pytest.mark.parametrize(
    "signum", [signal.SIGTERM, signal.SIGHUP, signal.SIGINT], ids=["TERM", "HUP", "INT"]
)
def test_a_signal_saves_the_place_and_restores_the_terminal(tmp_path, signum):
    library = tmp_path / "library"
    library.mkdir()
    (library / "piece.md").write_text(BODY, encoding="utf-8")
    home = tmp_path / "home"
    app = PtyReader([library], env=reader_env(home))
    assert app.read(30.0, until=b"Answer number 3"), app.run.output[-2000:]
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
    saved = json.loads((home / "state" / FILE_NAME).read_text(encoding="utf-8"))
    (progress,) = saved["articles"].values()
    assert progress["block"] > 300  # the end, where the reader was, not the top
