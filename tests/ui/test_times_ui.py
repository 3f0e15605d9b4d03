"""A timed transcript in the app, pressed as a reader would: the time before each name, `T`
to hide it, `:` to go to a time, the time in the title bar and in the outline."""

from __future__ import annotations

from pathlib import Path

from reader.app import ReaderApp
from reader.screens.go_to_time import GoToTimeScreen
from reader.widgets.outline import Outline
from tests.ui.helpers import notifications, progress_shown, settle, visible_text

FERRY = Path(__file__).resolve().parents[1] / "fixtures" / "pane" / "night-ferry-podcast.md"


def footer_keys(app: ReaderApp) -> str:
    return visible_text(app).splitlines()[-1]


async def test_times_show_before_names_and_t_hides_them():
    app = ReaderApp(FERRY, open_path=FERRY)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        screen = visible_text(app)
        assert "0:12 Lena Marsh: Tove, you have run" in screen
        assert "0:19 Tove Aaland: Because the night boat" in screen
        assert progress_shown(app).startswith("0:05 · 0%")
        assert ": time" in footer_keys(app)
        await pilot.press("T")
        await settle(pilot)
        screen = visible_text(app)
        assert "Lena Marsh: Tove, you have run" in screen and "0:12 Lena" not in screen
        assert "Times hidden" in " ".join(notifications(app))
        await pilot.press("T")
        await settle(pilot)
        assert "0:12 Lena Marsh:" in visible_text(app)


async def test_go_to_a_time_jumps_to_the_turn_that_covers_it():
    app = ReaderApp(FERRY, open_path=FERRY)
    async with app.run_test(size=(120, 16)) as pilot:
        await settle(pilot)
        view = app.reading.view
        await pilot.press("colon")
        await pilot.pause()
        assert isinstance(app.screen, GoToTimeScreen)
        assert "the recording runs 0:05 to 1:04:10" in visible_text(app)
        await pilot.press(*"21:07", "enter")
        await settle(pilot)
        assert app.screen is app.reading and app.screen.focused is view
        block = app.article.blocks[view.position[0]]
        assert (block.speaker, block.start) == ("Lena Marsh", 21 * 60 + 5)
        top = visible_text(app).splitlines()[1].lstrip("┃ ")  # (the focused pane's edge)
        assert top.startswith("21:05 Lena Marsh: Were you")
        assert progress_shown(app).startswith("21:05 · ")
        # a time that cannot be read keeps the box open and says why; Esc closes it
        await pilot.press("colon", *"12:75", "enter")
        await pilot.pause()
        assert isinstance(app.screen, GoToTimeScreen)
        assert "'12:75' has 75 seconds (at most 59)" in visible_text(app)
        await pilot.press("escape")
        await pilot.pause()
        assert app.screen is app.reading and view.position[0] == app.article.blocks.index(block)
        # past the end: the last timed block, and a note saying so
        await pilot.press("colon", *"2:00:00", "enter")
        await settle(pilot)
        assert any("2:00:00 is past the end (1:04:10)" in n for n in notifications(app))


async def test_the_outline_shows_each_questions_time():
    app = ReaderApp(FERRY, open_path=FERRY)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        outline = app.reading.query_one(Outline)
        rows = [outline.row_text(i) for i in range(outline.option_count)]
        questions = [row.strip() for row in rows if not row.startswith("§")]
        assert questions[0].startswith("1. 0:12 Tove, you have run")
        assert questions[2].startswith("3. 12:31 Tell me about the crossing")
        assert questions[-1].startswith("6. 1:01:15 Last question.")


async def test_an_untimed_article_offers_no_time_keys(samples):
    path = samples / "the-seed-keeper"
    app = ReaderApp(path, open_path=path)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert ": time" not in footer_keys(app)
        await pilot.press("colon", "T")
        await pilot.pause()
        assert app.screen is app.reading
        assert "·" in progress_shown(app) and progress_shown(app)[0].isdigit()
        assert not progress_shown(app).split(" · ")[0].count(":")
