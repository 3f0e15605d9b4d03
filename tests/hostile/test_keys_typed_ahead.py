"""Keys typed before the first frame (as a reader does who knows the app): the panes are made
as the keys arrive, and the library pane after the first frame. Found from outside: `l` typed
then crashed on the list not made yet, `/` on the pane not made yet, `a` (a note on the
highlight shown) on the pane not made yet."""

from __future__ import annotations

import time
from pathlib import Path

import pytest

from tests.hostile.pty_reader import PtyReader, reader_env

ARTICLES = Path(__file__).resolve().parents[2] / "articles"


@pytest.mark.parametrize("keys", ["l", "/", "l/ x", "ls", "acyxS"])
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


def app_without_the_rest(monkeypatch):
    """The app on a sample whose panes made after the first frame (the sidebar's sections,
    the search bar, the library pane) are not mounted unless a test asks."""
    from reader.app import ReaderApp
    from reader.screens.reading import ReadingScreen

    async def not_yet(self) -> None:
        pass

    monkeypatch.setattr(ReadingScreen, "mount_the_rest", not_yet)
    bundle = ARTICLES / "the-compositor.md"
    return ReaderApp(bundle.parent, open_path=bundle)


async def test_a_search_typed_before_the_bar_is_mounted_reaches_the_bar(monkeypatch):
    """The search bar is mounted just after the first frame. Found from outside: `/` and a
    word typed in that moment were dropped, the word's letters acting as keys (b, o, l, d:
    a page up, the outline, the library...). Now `/` mounts the bar if need be, and the keys
    after it wait for it."""
    app = app_without_the_rest(monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
        assert not app.reading.search_bar.is_mounted
        await pilot.press("slash", *"bold")
        await pilot.pause()
        bar = app.reading.search_bar
        assert bar.is_mounted and bar.value == "bold" and bar.input.has_focus
        assert app.reading.progress.position == (0, 0)  # `b` and `d` did not page


async def test_quitting_as_the_library_pane_and_search_bar_are_mounted_is_clean(monkeypatch):
    """Found in CI: `q` as the panes made after the first frame were on their way quit with
    NoMatches from the library pane's and the search bar's on_mount (their children taken
    away already), and MountError from the library's scan, asked for after the quit."""
    app = app_without_the_rest(monkeypatch)
    async with app.run_test(size=(120, 40)) as pilot:
        app.reading.scan_library(app.open_path, lambda: app.cache)  # the pane on its way …
        app.reading._mount_search_bar()  # … and the bar …
        app.exit()  # … as the reader quits
        await pilot.pause()
    assert app.return_code == 0 and app._exception is None


async def test_quitting_as_the_sidebar_is_mounted_is_clean(monkeypatch):
    from reader.app import ReaderApp
    from reader.screens.reading import ReadingScreen

    mount_the_rest = ReadingScreen.mount_the_rest

    async def quit_first(self) -> None:
        self.app.exit()  # `q` read just before the sidebar's sections are mounted
        await mount_the_rest(self)

    monkeypatch.setattr(ReadingScreen, "mount_the_rest", quit_first)
    bundle = ARTICLES / "the-compositor.md"
    app = ReaderApp(bundle.parent, open_path=bundle)
    async with app.run_test(size=(120, 40)) as pilot:
        await pilot.pause()
    assert app.return_code == 0 and app._exception is None
