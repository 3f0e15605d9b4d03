"""Pictures in the reading pane, as a reader meets them: half blocks at their place in the
turn, a refused one as its caption and a note, `p` to hide and show them, NO_COLOR, and
Enter to open the one on screen full size."""

from __future__ import annotations

import pytest

from reader.app import ReaderApp
from reader.screens.picture import PictureScreen
from reader.screens.reading import ReadingScreen
from tests.helpers import make_dir_bundle
from tests.picture_files import bilevel_png, encoded, stripes
from tests.ui.helpers import notifications, settle, visible_text

RED, BLUE = (255, 0, 0), (0, 0, 255)
TOML = """\
title = "The Harbour Master"
[speakers.IC]
name = "Ines Calder"
role = "interviewer"
[speakers.TM]
name = "Tomas Moreau"
"""
WEATHER = "The harbour has its own weather, and the boats know it before we do. " * 3
BODY = f"""\
IC: When did you first come down to the harbour?

TM: I was nine. {WEATHER}

![The harbour at dusk.](harbour.png "Photo: Tomas Moreau")

TM: Most of those boats are gone now. {WEATHER}

IC: And the survey from the archive?

![A survey of the harbour wall.](bomb.png "Port authority")

TM: Nobody ever printed it. {WEATHER * 20}
"""


@pytest.fixture
def bundle(tmp_path):
    files = {
        "harbour.png": encoded(stripes((120, 60), [RED, BLUE]), "PNG"),
        "bomb.png": bilevel_png(30_000, 30_000),  # 900 megapixels in 110 KB
    }
    return make_dir_bundle(tmp_path, BODY, TOML, slug="harbour", **files)


def picture_rows(app) -> list[str]:
    return [line for line in visible_text(app).splitlines() if "▀" in line]


def colours(app) -> set[tuple]:
    found = set()
    for strip in app.screen._compositor.render_strips():
        for segment in strip:
            if segment.text.startswith("▀") and segment.style is not None:
                found.add((segment.style.color.triplet, segment.style.bgcolor.triplet))
    return found


def block_of(app, file: str) -> int:
    blocks = app.article.blocks
    return next(i for i, b in enumerate(blocks) if b.image and b.image.file == file)


async def test_the_picture_is_drawn_at_its_place_in_the_turn(bundle):
    app = ReaderApp(bundle, open_path=bundle)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        lines = visible_text(app).splitlines()
        rows = [i for i, line in enumerate(lines) if "▀" in line]
        # 120 × 60 pixels in a 72-column text, at most 17 lines (a 35-line pane): 72 × 36.
        assert len(rows) == 18 and rows == list(range(rows[0], rows[0] + 18))
        assert all(lines[i].count("▀") == 72 for i in rows)
        assert "I was nine." in "".join(lines[: rows[0]])  # after the text before it
        assert "▣ The harbour at dusk. — Photo: Tomas Moreau" in lines[rows[-1] + 1]
        assert {(RED, RED), (BLUE, BLUE)} <= colours(app)


async def test_a_refused_picture_shows_its_caption_and_a_note_and_the_app_stays_up(bundle):
    app = ReaderApp(bundle, open_path=bundle)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.reading.view.go_to(block_of(app, "bomb.png"))
        await settle(pilot)
        text = visible_text(app)
        assert "picture not shown: 900 megapixels" in text
        assert "▣ A survey of the harbour wall. — Port authority" in text
        await pilot.press("j", "k", "G", "g")
        await settle(pilot)
        assert isinstance(app.screen, ReadingScreen) and picture_rows(app)


async def test_p_hides_and_shows_the_pictures_and_keeps_the_place(bundle):
    app = ReaderApp(bundle, open_path=bundle)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.reading.view
        view.go_to(block_of(app, "harbour.png") + 1)  # the text under the picture, on top
        await settle(pilot)
        place = view.position
        await pilot.press("p")
        await settle(pilot)
        assert not picture_rows(app)
        assert view.position == place and not view.pictures_shown
        assert "Pictures hidden: captions only" in " ".join(notifications(app))
        await pilot.press("p")
        await settle(pilot)
        assert view.position == place and view.pictures_shown
        await pilot.press("g")
        await settle(pilot)
        assert len(picture_rows(app)) == 18


async def test_no_color_hides_the_pictures_and_keeps_the_captions(bundle, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = ReaderApp(bundle, open_path=bundle)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert not picture_rows(app) and "▣ The harbour at dusk." in visible_text(app)
        await pilot.press("p")
        await settle(pilot)
        assert not picture_rows(app)
        assert any("NO_COLOR" in line for line in notifications(app))


async def test_enter_opens_the_picture_on_screen_and_esc_comes_back(bundle):
    app = ReaderApp(bundle, open_path=bundle)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert isinstance(app.screen, PictureScreen)
        assert app.screen.image.file == "harbour.png"
        assert len(colours(app)) == 2 and "The harbour at dusk." in visible_text(app)
        await pilot.press("escape")
        assert isinstance(app.screen, ReadingScreen)
        assert app.screen.focused is app.reading.view


async def test_enter_with_no_picture_on_screen_says_so(bundle):
    app = ReaderApp(bundle, open_path=bundle)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("G")
        await settle(pilot)
        await pilot.press("enter")
        await pilot.pause()
        assert isinstance(app.screen, ReadingScreen)
        assert "No picture on screen." in " ".join(notifications(app))


async def test_a_theme_change_redraws_the_picture_on_the_new_background(bundle):
    app = ReaderApp(bundle, open_path=bundle)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        before = picture_rows(app)
        app.theme = "paper"
        await settle(pilot)
        assert len(picture_rows(app)) == len(before) and {(RED, RED), (BLUE, BLUE)} <= colours(app)


def snapshot_app(bundle, theme: str, block: str | None = None):
    async def run_before(pilot) -> None:
        pilot.app.theme = theme
        await settle(pilot)
        if block is not None:
            pilot.app.reading.view.go_to(block_of(pilot.app, block))
        await settle(pilot)

    return ReaderApp(bundle, open_path=bundle), run_before


def test_snapshot_a_picture_in_the_text(snap_compare, bundle):
    """The harbour picture under the first answer, its caption under it, at 120×40."""
    app, run_before = snapshot_app(bundle, "night")
    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)


def test_snapshot_a_refused_picture_in_the_text(snap_compare, bundle):
    """The 900-megapixel survey: its note and caption, the text going on under it."""
    app, run_before = snapshot_app(bundle, "paper", "bomb.png")
    assert snap_compare(app, terminal_size=(120, 40), run_before=run_before)
