"""Handing things outside the app from a terminal: an export saved as a new file, the
original page opened in the desktop's browser, and what happens when neither can be done.
(In a browser tab the same calls download and open a tab: tests/web.)"""

from __future__ import annotations

import shutil
import webbrowser

import pytest

from reader import handoff
from reader.app import ReaderApp
from reader.paths import sample_library
from tests.ui.helpers import notifications, settle

URL = "https://quire-review.example.com/conversations/the-interval"


@pytest.fixture
def library(tmp_path):
    shutil.copytree(sample_library() / "the-interval", tmp_path / "library" / "the-interval")
    return tmp_path / "library"


async def test_deliver_saves_a_new_file_in_the_downloads_folder(library, reader_home):
    app = ReaderApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        first = app.deliver("Ines Brandt — notes.md", "# Notes\n")
        second = app.deliver("Ines Brandt — notes.md", "# More notes\n")
        await pilot.pause()
    downloads = reader_home / "downloads"
    assert first == downloads / "Ines-Brandt-notes.md"
    assert second == downloads / "Ines-Brandt-notes (2).md"
    assert first.read_text(encoding="utf-8") == "# Notes\n"
    assert second.read_text(encoding="utf-8") == "# More notes\n"
    assert f"Saved: {second}" in notifications(app)


async def test_a_failed_save_is_said_not_raised(library, reader_home):
    (reader_home / "downloads").write_text("a file where the folder should be")
    app = ReaderApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.deliver("notes.md", "text") is None
        await pilot.pause()
    assert any(n.startswith("Could not save:") for n in notifications(app))


class Desktop(webbrowser.BackgroundBrowser):
    """A desktop browser that records what it was asked to open."""

    def __init__(self) -> None:
        super().__init__("desktop-browser")
        self.opened: list[str] = []

    def open(self, url, new=0, autoraise=True) -> bool:
        self.opened.append(url)
        return True


async def test_O_opens_the_original_page_in_the_desktop_browser(library, monkeypatch):
    desktop = Desktop()
    monkeypatch.setattr(webbrowser, "get", lambda: desktop)
    app = ReaderApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("O")
    assert desktop.opened == [URL]


async def test_links_that_cannot_or_must_not_open(library, monkeypatch):
    def no_browser():
        raise webbrowser.Error("could not locate runnable browser")

    monkeypatch.setattr(webbrowser, "get", no_browser)
    app = ReaderApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert not handoff.open_link(app, "javascript:alert(document.cookie)")
        assert not handoff.open_link(app, URL)  # no browser here: the address is shown
        # A browser that runs in this terminal (lynx, w3m) needs the app suspended, which
        # a test's driver cannot do: said, not raised.
        monkeypatch.setattr(webbrowser, "get", lambda: webbrowser.GenericBrowser("w3m"))
        assert not handoff.open_link(app, URL)
        await pilot.pause()
    said = notifications(app)
    assert "Link: Not a web address: javascript:alert(document.cookie)" in said
    assert said.count(f"Link: No browser to open {URL}") == 2
