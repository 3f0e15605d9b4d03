"""The full-screen picture: half blocks in the theme's colours, caption and credit under it,
a refused picture as a note, nothing drawn under NO_COLOR, and Esc back to the text."""

from __future__ import annotations

import pytest

from reader.app import ReaderApp
from reader.core.pictures import bundle_folder
from reader.paths import sample_library
from reader.screens.picture import PictureScreen
from reader.screens.reading import ReadingScreen
from tests.helpers import make_dir_bundle
from tests.picture_files import bilevel_png, encoded, stripes
from tests.ui.helpers import settle, visible_text

RED, BLUE = (255, 0, 0), (0, 0, 255)
TOML = """\
title = "Pictures"
[[images]]
file = "room.png"
caption = "The red room"
credit = "Photo: O. V."
[[images]]
file = "bomb.png"
caption = "A bomb"
"""


@pytest.fixture
def folder(tmp_path):
    files = {
        "room.png": encoded(stripes((60, 60), [RED, BLUE]), "PNG"),
        "bomb.png": bilevel_png(30_000, 30_000),
    }
    return make_dir_bundle(tmp_path, "Q: Where?\n\nA: Here.\n", toml=TOML, **files)


async def open_picture(pilot, index: int) -> PictureScreen:
    app = pilot.app
    await settle(pilot)
    screen = PictureScreen(app.article.images[index], bundle_folder(app.article))
    await app.push_screen(screen)
    await settle(pilot)
    return screen


def colours_on_screen(app) -> set[tuple]:
    found = set()
    for strip in app.screen._compositor.render_strips():
        for segment in strip:
            if segment.text.startswith("▀") and segment.style is not None:
                style = segment.style
                found.add((style.color.triplet, style.bgcolor.triplet))
    return found


async def test_the_picture_fills_the_screen_as_half_blocks(folder):
    app = ReaderApp(folder, open_path=folder)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_picture(pilot, 0)
        pairs = colours_on_screen(app)
        assert (RED, RED) in pairs and (BLUE, BLUE) in pairs
        text = visible_text(app)
        rows = [line for line in text.splitlines() if "▀" in line]
        # 60 × 60 pixels enlarged to the 37 rows left by the caption and footer: 74 × 74.
        assert len(rows) == 37 and all(line.count("▀") == 74 for line in rows)
        assert "The red room" in text and "Photo: O. V." in text
        await pilot.press("escape")
        assert isinstance(app.screen, ReadingScreen)


async def test_a_refused_picture_says_why_and_the_app_stays_up(folder):
    app = ReaderApp(folder, open_path=folder)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_picture(pilot, 1)
        text = visible_text(app)
        assert "picture not shown: 900 megapixels" in text and "A bomb" in text
        assert "▀" not in text
        await pilot.press("q")
        assert isinstance(app.screen, ReadingScreen)


async def test_no_color_hides_the_picture_and_keeps_the_caption(folder, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = ReaderApp(folder, open_path=folder)
    async with app.run_test(size=(100, 40)) as pilot:
        await open_picture(pilot, 0)
        text = visible_text(app)
        assert "▀" not in text
        assert "The red room" in text and "hidden while NO_COLOR is set" in text


def test_picture_screen_snapshot(snap_compare):
    """The Interval's lead picture full screen, in the paper theme."""
    path = sample_library() / "the-interval"

    async def run_before(pilot) -> None:
        pilot.app.theme = "paper"
        await open_picture(pilot, 0)

    app = ReaderApp(path, open_path=path)
    assert snap_compare(app, terminal_size=(100, 40), run_before=run_before)
