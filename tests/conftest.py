"""Shared fixtures: every test gets its own READER_HOME, so nothing touches the real home; the
pane fixture `article` and a generated `long_article`, for the tests that read them."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.notifications import Notifications

from reader.core import model as m
from reader.core.bundle import load_bundle
from tests.fixtures.longform import interview_markdown

PANE_FIXTURE = Path(__file__).parent / "fixtures" / "pane" / "three-voices.md"


@pytest.fixture(scope="module")
def article() -> m.Article:
    """A small interview with every kind of block the reading pane draws."""
    return load_bundle(PANE_FIXTURE).article


@pytest.fixture(scope="module")
def long_article(tmp_path_factory) -> m.Article:
    """A generated interview of 20,000 words."""
    path = tmp_path_factory.mktemp("long") / "long.md"
    path.write_text(interview_markdown(20_000), encoding="utf-8")
    return load_bundle(path).article


@pytest.fixture(autouse=True)
def reader_home(tmp_path_factory, monkeypatch):
    home = tmp_path_factory.mktemp("reader-home")
    monkeypatch.setenv("READER_HOME", str(home))
    return home


@pytest.fixture(autouse=True)
def every_notification_kept(monkeypatch):
    """Keep every notification an app posts, so a test can count them after they expire.

    A notification leaves `app._notifications` when its timeout runs out; on a loaded
    machine that can happen before the test looks.
    """
    add = Notifications.add

    def kept_add(self, notification):
        self.__dict__.setdefault("sent", []).append(notification)
        return add(self, notification)

    monkeypatch.setattr(Notifications, "add", kept_add)
