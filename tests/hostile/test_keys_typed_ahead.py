"""Keys typed before the first frame (as a reader does who knows the app): the panes are made
as the keys arrive, and the library pane after the first frame. Found from outside: `l` typed
then crashed on the list not made yet, `/` on the pane not made yet."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.hostile.pty_reader import PtyReader, reader_env

ARTICLES = Path(__file__).resolve().parents[2] / "articles"


@pytest.mark.parametrize("keys", ["l", "/", "l/ x", "ls"])
@pytest.mark.parametrize("after", [0.0, 0.25, 0.6])
def test_keys_typed_before_the_first_frame_do_not_crash(tmp_path, keys, after):
    bundle = sorted(path for path in ARTICLES.iterdir() if not path.name.startswith("."))[0]
    app = PtyReader([bundle], env=reader_env(tmp_path / "home"), cols=120, rows=40)
    time.sleep(after)
    for key in keys:
        app.send(key, wait=0.02)
    app.read(3.0)
    run = app.quit()
    assert run.returncode == 0, run.output[-2000:]
    assert b"Traceback" not in run.output and b"NoMatches" not in run.output
