"""Asking a terminal about graphics protocols (textual-image, the `graphics` extra) when it
never answers: the app starts anyway, prints nothing of the question's failure, and works."""

from __future__ import annotations

import pytest

from tests.hostile.conftest import write_benign_bundle
from tests.hostile.pty_reader import reader_env, run_reader

pytest.importorskip("textual_image")


def test_a_terminal_that_never_answers_costs_no_garbage(tmp_path):
    write_benign_bundle(tmp_path / "lib")
    env = reader_env(tmp_path / "home", READER_GRAPHICS="ask")
    run = run_reader([tmp_path / "lib"], ["j", "]"], env=env, ready=b"Plain words")
    assert run.alive and run.returncode == 0, run.output[-2000:]
    text = run.text
    for garbage in ("Failed", "Traceback", "VT340", "cell size"):
        assert garbage not in text
