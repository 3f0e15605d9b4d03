"""`reader serve` in a real browser: headless Chromium opens the page, the terminal draws
the article, typed keys reach the app, and copy, download and links work as a reader sees.

Needs Debian's Chromium (`apt-get install chromium`) and Playwright for Python (`pip
install playwright`; its own browser download is not used). Skipped, saying which is
missing, where they are not installed, as in CI. Screenshots go to READER_SCREENSHOTS (a
folder) if set, else to the test's temporary folder. Every request to anywhere but this
machine is aborted before it leaves, and recorded: the page must make none.
"""

from __future__ import annotations

import json
import os
import shutil
import sys
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from urllib.parse import urlsplit

import pytest

from tests.web.helpers import (
    LAST_WORDS,
    TIMEOUT,
    TITLE,
    Screen,
    one_article_library,
    reader_serve,
    serving,
)
from tests.web.probe import COPIED, DELIVERED, DELIVERED_FILE

CHROMIUM = os.environ.get("READER_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"
FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
LOCAL = ("127.0.0.1", "localhost", "::1")

sync_api = pytest.importorskip(
    "playwright.sync_api", reason="Playwright for Python is not installed (pip install playwright)"
)
if not Path(CHROMIUM).is_file():
    pytest.skip(f"no Chromium at {CHROMIUM} (apt-get install chromium)", allow_module_level=True)
pytestmark = [pytest.mark.slow, pytest.mark.skipif(sys.platform == "win32", reason="POSIX")]


class Page:
    """A browser tab on the reader: what its terminal shows (the bytes its websocket
    received, through a terminal emulator of the size the page asked for), and the
    requests it tried to send elsewhere."""

    def __init__(self, page, refused: list[str]) -> None:
        self.page, self.refused = page, refused
        self.screen: Screen | None = None
        page.on("websocket", self._watch)

    def _watch(self, websocket) -> None:
        websocket.on("framesent", self._sent)
        websocket.on("framereceived", self._received)

    def _sent(self, payload: str | bytes) -> None:
        message = json.loads(payload)
        if message[0] == "resize":
            size = message[1]["width"], message[1]["height"]
            if self.screen is None:
                self.screen = Screen(*size)
            self.screen.resize(*size)

    def _received(self, payload: str | bytes) -> None:
        if isinstance(payload, bytes) and self.screen is not None:
            self.screen.feed(payload)

    @property
    def text(self) -> str:
        return self.screen.text if self.screen else ""

    def wait_until(self, done: Callable[[], bool], what: str) -> None:
        deadline = time.monotonic() + TIMEOUT
        while not done():
            assert time.monotonic() < deadline, f"not {what} in {TIMEOUT} s:\n{self.text}"
            self.page.wait_for_timeout(50)  # lets Playwright deliver the frames

    def type(self, keys: str) -> None:
        self.page.keyboard.type(keys)

    def shot(self, folder: Path, name: str) -> Path:
        path = folder / name
        self.page.screenshot(path=str(path))
        return path


@pytest.fixture
def shots(tmp_path) -> Path:
    folder = Path(os.environ.get("READER_SCREENSHOTS") or tmp_path)
    folder.mkdir(parents=True, exist_ok=True)
    return folder


@pytest.fixture
def browser(tmp_path) -> Iterator[Callable[[str], Page]]:
    """Opens pages in a fresh headless Chromium with its own profile; closed afterwards."""
    refused: list[str] = []

    def only_this_machine(route) -> None:
        if urlsplit(route.request.url).hostname in LOCAL:
            route.continue_()
        else:
            refused.append(route.request.url)
            route.abort()

    with sync_api.sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            str(tmp_path / "profile"),
            executable_path=CHROMIUM,
            headless=True,
            args=FLAGS,
            viewport={"width": 1280, "height": 800},
            accept_downloads=True,
        )
        context.set_default_timeout(TIMEOUT * 1000)
        context.route("**/*", only_this_machine)

        def open_page(url: str) -> Page:
            context.grant_permissions(["clipboard-read", "clipboard-write"], origin=url)
            page = Page(context.new_page(), refused)
            page.page.goto(url)
            page.page.wait_for_selector("body.-first-byte")  # the terminal has drawn
            page.page.click(".xterm")  # keys go to the terminal
            return page

        try:
            yield open_page
        finally:
            context.close()


def test_the_page_reads_like_the_terminal(tmp_path, browser, shots):
    library = one_article_library(tmp_path / "library")
    with reader_serve(str(library), "--port", "0") as (_process, printed):
        page = browser(printed[1].strip())
        page.wait_until(lambda: TITLE in page.text and "? help" in page.text, "the article")
        assert page.page.title() == "Interview Reader: library"
        before = page.shot(shots, "serve-article.png")
        assert LAST_WORDS not in page.text

        page.type("G")  # the end of the interview
        page.wait_until(lambda: LAST_WORDS in page.text and "100%" in page.text, "the end")
        page.type("?")  # the help screen
        page.wait_until(lambda: "Next change of speaker" in page.text, "the help")
        after = page.shot(shots, "serve-help.png")
        assert before.read_bytes() != after.read_bytes()

        page.page.keyboard.press("Escape")  # close the help
        page.wait_until(lambda: "Next change of speaker" not in page.text, "the help closed")
        page.type("q")  # quit: the page says the reader has closed
        page.page.wait_for_selector("body.-closed", state="attached")
        assert page.page.is_visible("text=The reader has closed.")
        closed = page.shot(shots, "serve-closed.png")
        assert page.refused == [], "the page asked another site for something"
        print(f"screenshots: {before} {after} {closed}")


def test_copy_download_and_link_in_the_browser(tmp_path, browser, shots):
    library = one_article_library(tmp_path / "library")
    probe = Path(__file__).with_name("probe.py")
    with serving([sys.executable, str(probe), "--serve", str(library)]) as (_process, printed):
        page = browser(printed[1].strip())
        page.wait_until(lambda: TITLE in page.text, "the article")

        page.page.keyboard.press("F9")  # OSC 52: the page's clipboard
        clipboard = lambda: page.page.evaluate("navigator.clipboard.readText()")  # noqa: E731
        page.wait_until(lambda: clipboard() == COPIED, "the line on the clipboard")

        with page.page.context.expect_page() as opened, page.page.expect_download() as got:
            page.page.keyboard.press("F10")  # a download, in a tab the page opens
        download = got.value
        assert download.suggested_filename == DELIVERED_FILE
        assert Path(download.path()).read_text(encoding="utf-8") == DELIVERED
        opened.value.close()

        with page.page.context.expect_page() as opened:
            page.type("O")  # the original page: a new tab beside the reader
        original = "https://quire-review.example.com/conversations/the-interval"
        page.wait_until(lambda: original in page.refused, "the original page asked for")
        assert opened.value != page.page
        page.shot(shots, "serve-after-link.png")
