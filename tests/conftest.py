"""Shared fixtures: every test gets its own READER_HOME, so nothing touches the real home."""

from __future__ import annotations

import pytest


@pytest.fixture(autouse=True)
def reader_home(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("reader-home")
    monkeypatch.setenv("READER_HOME", str(home))
    return home
