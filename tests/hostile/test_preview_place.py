"""Issue 17, second pass: a big article shows its preview first, and a reader who moves in
it and leaves before the whole piece arrives (q, or `kill PID`) finds their place again. A
preview lacks the end, so reaching its last line never marks the piece read."""

from __future__ import annotations

import json
import os
import re
import signal
import threading
import time
from collections.abc import Callable
from pathlib import Path

import pytest

from reader import app as app_module
from reader.app import PREVIEW_CHARS, ReaderApp
from reader.core.bundle import load_bundle
from reader.core.reading import layout_ahead
from reader.core.state import FILE_NAME
from reader.paths import state_dir
from reader.screens.reading import ReadingScreen
from reader.widgets.article_view import ArticleView
from reader.widgets.library_list import LibraryList
from tests.helpers import make_single
from tests.hostile.pty_reader import PtyReader, reader_env
from tests.ui.helpers import notifications, progress_shown, settle

TURNS = 800  # about 150,000 characters: a preview of PREVIEW_CHARS holds a fifth of it


def big_body(turns: int = TURNS) -> str:
    return "".join(
        f"ME: Question {i}, about the harbour and the boats that left it?\n\n"
        f"OV: Answer {i}. The nets were mended on the quay every morning, and the boats went "
        f"out before the light; some came back by noon, others not for a week.\n\n"
        for i in range(turns)
    )


@pytest.fixture
def big_library(tmp_path) -> Path:
    library = tmp_path / "library"
    make_single(library, big_body())
    assert (library / "piece.md").stat().st_size > 4 * PREVIEW_CHARS
    return library


@pytest.fixture
def whole_piece_late(monkeypatch):
    """While `late["on"]`, the app's load of the whole piece (no preview_chars) waits until it
    is cancelled — by quitting — as a piece of megabytes would; the preview loads at once."""
    late = {"on": True}

    def load(path, preview_chars=None, cancelled=None):
        if preview_chars is None and late["on"] and cancelled is not None:
            while not cancelled():
                time.sleep(0.01)
        return load_bundle(path, preview_chars=preview_chars, cancelled=cancelled)

    monkeypatch.setattr(app_module, "load_bundle", load)
    return late


async def preview_shown(pilot) -> None:
    """Wait until the preview is on screen (`settle` would wait for the whole piece too)."""
    app = pilot.app
    for _ in range(500):
        if app.article is not None and app.reading.view.text_layout is not None:
            break
        await pilot.pause(0.02)
    assert app.article is not None and not app.article.complete


def saved_entry() -> dict:
    saved = json.loads((state_dir() / FILE_NAME).read_text(encoding="utf-8"))
    (entry,) = saved["articles"].values()
    return entry


async def test_the_place_in_a_preview_is_kept_after_q(big_library, whole_piece_late):
    app = ReaderApp(big_library)
    async with app.run_test(size=(100, 30)) as pilot:
        await preview_shown(pilot)
        await pilot.press("space", "space", "space", "right_square_bracket")
        await pilot.pause()
        moved = app.reading.view.position
        assert moved[0] > 0 and moved[0] < len(app.article.blocks)
        assert not app.article.complete  # q comes before the whole piece
        await pilot.press("q")
    entry = saved_entry()
    assert (entry["block"], entry["offset"]) == moved and not entry["read"]

    again = ReaderApp(big_library)  # the preview again, opened at the kept place
    async with again.run_test(size=(100, 30)) as pilot:
        await preview_shown(pilot)
        assert again.reading.view.position == moved
        await pilot.press("G")  # the preview's last line: not the piece's
        await pilot.pause()
        end = again.reading.view.position
        assert end[0] > moved[0]
        await pilot.press("q")
    entry = saved_entry()
    assert (entry["block"], entry["offset"]) == end
    assert not entry["read"] and entry["percent"] < 50  # a fifth of the piece, scaled

    whole_piece_late["on"] = False
    third = ReaderApp(big_library)  # now the whole piece arrives, at the same place
    async with third.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert third.article.complete
        assert third.reading.view.position == end
        assert "read" not in progress_shown(third)


# -- the real `reader` in a pty ------------------------------------------------------------

PTY_TURNS = 20_000  # 4.4 MB: its whole piece takes seconds to parse, its preview moments
MINUTES = re.compile(rb"(\d+) min left")


def pane_words(piece: Path, block: int) -> bytes:
    """Words that only the reading pane shows when `block` is at its top: the start of the
    first answer from there (the sidebar's outline lists questions too)."""
    article = load_bundle(piece, preview_chars=PREVIEW_CHARS).article
    assert article is not None
    answer = next(b.text for b in article.blocks[block:] if b.text.startswith("Answer"))
    return answer[: answer.index(".") + 10].encode()


def minutes_left(app: PtyReader) -> list[int]:
    """The title bar's "N min left", each time it was drawn."""
    return [int(m) for m in MINUTES.findall(app.run.output)]


def shown(app: PtyReader, done: Callable[[], object], seconds: float = 60.0) -> None:
    """Read what the app draws until `done()` (a generous bound, for a loaded machine)."""
    deadline = time.monotonic() + seconds
    while not done():
        assert time.monotonic() < deadline, app.run.output[-2000:]
        app.read(0.1)


@pytest.mark.parametrize("leave", ["q", "TERM"])
def test_the_real_reader_keeps_the_place_in_a_preview(tmp_path, leave):
    piece = make_single(tmp_path / "library", big_body(PTY_TURNS))
    home = tmp_path / "home"
    app = PtyReader([piece], env=reader_env(home))
    # up: the text, then the sidebar's sections (keys typed between the two wait for them)
    shown(app, lambda: b"Answer 2." in app.run.output and b"Outline" in app.run.output)
    first = minutes_left(app)[-1]
    for key in "   ]":
        app.send(key)
    shown(app, lambda: minutes_left(app)[-1] < first)  # a signal overtakes keys not yet read
    # The whole piece takes seconds to parse, so this runs in the preview; the screen cannot
    # tell (a preview shows the whole piece's figures), and the Pilot test above holds the
    # whole piece back to be sure of it.
    if leave == "q":
        assert app.quit().returncode == 0
    else:
        os.kill(app.proc.pid, signal.SIGTERM)
        shown(app, lambda: app.proc.poll() is not None)
        assert app.proc.wait() == 128 + signal.SIGTERM
        os.close(app.master)
    entry = json.loads((home / "state" / FILE_NAME).read_text(encoding="utf-8"))
    (kept,) = entry["articles"].values()
    assert kept["block"] > 10 and not kept["read"], kept

    again = PtyReader([piece], env=reader_env(home))
    words = pane_words(piece, kept["block"])
    shown(again, lambda: words in again.run.output)
    assert again.quit().returncode == 0


async def test_a_whole_piece_refused_past_its_preview_says_so_and_keeps_the_preview(tmp_path):
    """Found from outside: a piece whose beginning reads well and whose later part is too
    dense to keep (a 20,000-row table without a blank line) showed its preview for ever and
    never said that the rest had been refused."""
    table = "| n | x |\n|---|---|\n" + "".join(f"| {i} | x{i} |\n" for i in range(21_000))
    piece = make_single(tmp_path / "library", big_body(TURNS) + "\n" + table)
    app = ReaderApp(piece.parent, open_path=piece)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        deadline = time.monotonic() + 60
        said = []
        while not said and time.monotonic() < deadline:
            await pilot.pause(0.2)
            said = [n for n in notifications(app) if n.startswith("The rest of this piece")]
        assert said and "table rows" in said[0], notifications(app)
        assert app.article is not None and not app.article.complete  # the preview stays


@pytest.fixture
def whole_piece_on_cue(monkeypatch):
    """The app's load of the whole piece waits for the event returned (or for quitting)."""
    cue = threading.Event()

    def load(path, preview_chars=None, cancelled=None):
        if preview_chars is None and cancelled is not None:
            while not (cue.is_set() or cancelled()):
                time.sleep(0.01)
        return load_bundle(path, preview_chars=preview_chars, cancelled=cancelled)

    monkeypatch.setattr(app_module, "load_bundle", load)
    return cue


@pytest.mark.parametrize("keys", [["G"], ["space", "G"]])
async def test_g_in_a_preview_goes_to_the_end_of_the_whole_piece_once_it_comes(
    big_library, whole_piece_on_cue, keys
):
    """Found from outside: G typed as a big piece opened stopped at the preview's end (7%)."""
    app = ReaderApp(big_library)
    async with app.run_test(size=(100, 30)) as pilot:
        await preview_shown(pilot)
        await pilot.press(*keys)
        await pilot.pause()
        preview_end = app.reading.view.position
        whole_piece_on_cue.set()
        await settle(pilot)
        assert app.article.complete
        assert app.reading.view.position[0] > preview_end[0]
        assert app.reading.progress.percent == 100


async def test_paging_to_the_end_of_a_preview_keeps_the_place_when_the_whole_comes(
    big_library, whole_piece_on_cue
):
    app = ReaderApp(big_library)
    async with app.run_test(size=(100, 30)) as pilot:
        await preview_shown(pilot)
        await pilot.press("G", "k")  # moved after G: the place is the reader's, not the end
        await pilot.pause()
        kept = app.reading.view.position
        whole_piece_on_cue.set()
        await settle(pilot)
        assert app.article.complete and app.reading.view.position == kept


# -- the whole piece's layout, made in the load's thread -------------------------------------


async def test_the_whole_piece_comes_laid_out_by_the_load(big_library, monkeypatch):
    made = []
    original = ArticleView.layout_ahead

    def layout_ahead(view, article):
        made.append(original(view, article))
        return made[-1]

    monkeypatch.setattr(ArticleView, "layout_ahead", layout_ahead)
    app = ReaderApp(big_library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.article.complete
        (ahead,) = made  # the whole piece only: the preview is laid out by the pane
        assert app.reading.view.text_layout is ahead and ahead.complete


async def test_a_layout_made_for_another_width_is_made_again(big_library, monkeypatch):
    """The window was resized while the load wrapped the whole piece: the pane lays it out
    again at its own width, and the place is kept."""
    original = ArticleView.layout_ahead

    def narrower(view, article):
        layout = original(view, article)
        return layout_ahead(article, layout.width - 7, 30)

    monkeypatch.setattr(ArticleView, "layout_ahead", narrower)
    app = ReaderApp(big_library)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = app.reading.view
        assert app.article.complete and view.text_layout.complete
        assert view.text_layout.width == view._column_width()
        assert view.text_layout.height == view.virtual_size.height


async def test_the_library_scan_waits_for_the_whole_piece(big_library, monkeypatch):
    """`reader PIECE`: the scan of the library (that piece) starts once the whole piece is
    read, not while it is (it parsed the piece a second time, against the load)."""
    path = next(big_library.iterdir())
    reading_whole = threading.Event()
    let_go = threading.Event()

    def load(path, preview_chars=None, cancelled=None):
        if preview_chars is None:
            reading_whole.set()
            let_go.wait(10)
        return load_bundle(path, preview_chars=preview_chars, cancelled=cancelled)

    monkeypatch.setattr(app_module, "load_bundle", load)
    scans = []
    original = ReadingScreen.scan_library
    monkeypatch.setattr(
        ReadingScreen,
        "scan_library",
        lambda screen, root, library: (
            scans.append(let_go.is_set()),
            original(screen, root, library),
        ),
    )
    app = ReaderApp(path, open_path=path)
    async with app.run_test(size=(100, 30)) as pilot:
        await preview_shown(pilot)
        assert reading_whole.wait(10)
        for _ in range(20):
            await pilot.pause(0.02)
        assert scans == []  # not while the whole piece is read
        await pilot.press("l")  # the library pane shows meanwhile (its list comes after)
        await pilot.pause()
        assert app.reading.query_one(LibraryList).region.width > 0
        let_go.set()
        await settle(pilot)
        assert app.article.complete
        assert scans == [True]  # once, after it
        assert [entry.path for entry in app.reading.query_one(LibraryList).entries] == [path]
