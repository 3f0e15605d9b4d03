"""Shared fixtures: every test gets its own READER_HOME, so nothing touches the real home."""

from __future__ import annotations

import pytest
from textual.notifications import Notifications


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
