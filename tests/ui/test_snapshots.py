"""Snapshots of the app (pytest-textual-snapshot), grouped by feature and spread over themes.

Regenerate after a deliberate change with `pytest tests/ui/test_snapshots.py
--snapshot-update`, then look at every changed SVG before committing it.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from textual.widgets import Input

from reader.app import ReaderApp
from reader.paths import sample_library
from tests.ui.helpers import settle

SAMPLES = [
    ("the-compositor.md", "night"),
    ("the-interval", "paper"),
    ("the-keeper-of-minutes.md", "sepia"),
    ("the-night-shift-choir.md", "high-contrast"),
    ("the-seed-keeper", "night"),
    ("the-sound-of-footsteps", "paper"),
]


def started(theme: str, then=None):
    """A run_before that waits for the library and article, sets the theme, then acts."""

    async def run_before(pilot) -> None:
        pilot.app.theme = theme
        await settle(pilot)
        if then is not None:
            await then(pilot)
        await settle(pilot)
        # A focused box's cursor blinks every half second: shown steadily, the picture does
        # not depend on how long a loaded machine took to get here.
        for box in pilot.app.screen.query(Input):
            box.cursor_blink = False
        await pilot.pause()

    return run_before


@pytest.mark.parametrize("theme", ["night", "paper"])
def test_three_panes(snap_compare, theme):
    """Library, reading pane and sidebar at 160×45: a new user's first screen."""
    app = ReaderApp(sample_library())
    assert snap_compare(app, terminal_size=(160, 45), run_before=started(theme))


@pytest.mark.parametrize(("bundle", "theme"), SAMPLES)
def test_reading_each_sample(snap_compare, bundle, theme):
    """Each sample opened directly, two questions in: reading pane and sidebar at 120×40."""
    path = sample_library() / bundle

    async def two_questions_in(pilot) -> None:  # then settle: pictures decode in a thread
        await pilot.press("right_square_bracket", "right_square_bracket")

    app = ReaderApp(path, open_path=path)
    assert snap_compare(app, terminal_size=(120, 40), run_before=started(theme, two_questions_in))


@pytest.mark.parametrize("theme", ["night", "paper"])
def test_library_sorted_and_filtered(snap_compare, theme):
    """The library focused at 120×40, sorted by title and filtered to one publication."""

    async def filter_library(pilot) -> None:
        await pilot.press("l", "o", "slash", *"quire")

    app = ReaderApp(sample_library())
    assert snap_compare(app, terminal_size=(120, 40), run_before=started(theme, filter_library))


@pytest.mark.parametrize("theme", ["night", "paper"])
def test_search(snap_compare, theme):
    """A search in The Seed Keeper: highlights, the current match and the counter."""

    async def search(pilot) -> None:
        pilot.app.open_article(sample_library() / "the-seed-keeper")
        await settle(pilot)
        await pilot.press("slash", *"seed", "enter", "n", "n")

    app = ReaderApp(sample_library())
    assert snap_compare(app, terminal_size=(120, 40), run_before=started(theme, search))


@pytest.mark.parametrize("theme", ["night", "paper"])
def test_help(snap_compare, theme):
    """The help screen: every key from the command table."""
    app = ReaderApp(sample_library())
    assert snap_compare(
        app, terminal_size=(100, 50), press=["question_mark"], run_before=started(theme)
    )


def test_sidebar_overlay_when_narrow(snap_compare):
    """Below 90 columns the sidebar opens over the text, with the outline focused."""
    app = ReaderApp(sample_library())
    assert snap_compare(app, terminal_size=(80, 30), press=["o"], run_before=started("sepia"))


def test_tiny_terminal(snap_compare):
    """40×12: the reading pane alone, nothing overlapping."""
    app = ReaderApp(sample_library())
    assert snap_compare(app, terminal_size=(40, 12), run_before=started("night"))


@pytest.mark.parametrize("theme", ["night", "paper"])
def test_timed_transcript(snap_compare, theme):
    """A podcast transcript gone to 12:31: times dimmed before the names, the time in the title
    bar beside the percent, each question's time in the outline."""
    ferry = Path(__file__).resolve().parents[1] / "fixtures" / "pane" / "night-ferry-podcast.md"

    async def go_to_time(pilot) -> None:
        await pilot.press("colon", *"12:31", "enter")

    app = ReaderApp(ferry, open_path=ferry)
    assert snap_compare(app, terminal_size=(120, 30), run_before=started(theme, go_to_time))


@pytest.mark.parametrize(("keys", "theme"), [(["l"], "night"), (["o"], "paper"), ([], "sepia")])
def test_the_focused_pane_is_edged(snap_compare, keys, theme):
    """Where the keyboard is: the library (l), the outline (o), the reading pane, at 160×45."""
    app = ReaderApp(sample_library())
    assert snap_compare(app, terminal_size=(160, 45), press=keys, run_before=started(theme))


def test_focus_without_colour(snap_compare, monkeypatch):
    """NO_COLOR: the focused outline still shows, by its heavy edge and a reversed title."""
    monkeypatch.setenv("NO_COLOR", "1")
    app = ReaderApp(sample_library())
    assert snap_compare(app, terminal_size=(120, 40), press=["o"], run_before=started("night"))


def test_a_short_sidebar_folds_its_sections(snap_compare):
    """100×24: About folds by itself so that the outline keeps its rows."""
    path = sample_library() / "the-seed-keeper"
    app = ReaderApp(path, open_path=path)
    assert snap_compare(app, terminal_size=(100, 24), run_before=started("high-contrast"))


def test_an_empty_library_says_what_to_do(snap_compare, tmp_path, monkeypatch):
    """A folder without bundles: what a bundle is and the commands that make one."""
    (tmp_path / "empty").mkdir()
    monkeypatch.chdir(tmp_path)  # the folder's name, not a temporary path, on screen
    app = ReaderApp(Path("empty"))
    assert snap_compare(app, terminal_size=(120, 40), run_before=started("paper"))


def test_highlights_and_a_note(snap_compare):
    """Two highlights in their colours in the pane, one with a note that looks like markup;
    the sidebar's Highlights section lists both, the note after ✎."""
    path = sample_library() / "the-compositor.md"

    async def highlight(pilot) -> None:
        await pilot.press("slash", *"sweeps", "enter", "v", "right_parenthesis", "h", "a")
        await pilot.pause()
        await pilot.press(*"[love of] tea, then type", "enter")
        await pilot.press("slash", *"linotype", "enter", "n", "v", "w", "h", "c", "escape")
        await pilot.press("g", "right_square_bracket")
        await pilot.pause()
        pilot.app.clear_notifications()

    app = ReaderApp(path, open_path=path)
    assert snap_compare(app, terminal_size=(120, 40), run_before=started("night", highlight))
