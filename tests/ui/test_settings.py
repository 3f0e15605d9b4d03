"""What the app remembers and what config.toml sets: the last library and its article, the
theme, the width, reading times and keys by command id."""

from __future__ import annotations

import shutil

from reader.app import ReaderApp
from reader.paths import config_dir
from reader.screens.help import HelpScreen
from tests.ui.helpers import notifications, settle, visible_text


def write_config(text: str) -> None:
    config_dir().mkdir(parents=True, exist_ok=True)
    (config_dir() / "config.toml").write_text(text, encoding="utf-8")


async def test_a_bare_reader_reopens_the_last_library_at_its_article(samples, tmp_path):
    library = tmp_path / "mine"
    shutil.copytree(samples / "the-interval", library / "the-interval")
    shutil.copy(samples / "the-compositor.md", library / "the-compositor.md")
    app = ReaderApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_article(library / "the-interval")
        await settle(pilot)
        await pilot.press("right_square_bracket", "right_square_bracket")
        position = app.reading.view.position
        await pilot.press("q")
    again = ReaderApp()  # `reader` with no folder
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert again.library_root == library
        assert again.article.title == "The Interval"
        assert again.reading.view.position == position
        titles = [entry.title for entry in again.reading.library_entries()]
        assert "Mind Your Brackets" in titles and "The Seed Keeper" not in titles


async def test_the_samples_when_nothing_was_ever_opened(samples):
    app = ReaderApp()
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.library_root == samples


async def test_config_sets_theme_width_times_and_keys(samples):
    write_config(
        'theme = "paper"\nwidth = 60\nreading_times = false\ntranscript_times = false\n'
        '[keys]\nnext-question = "n"\n'
    )
    app = ReaderApp(samples / "the-seed-keeper", open_path=samples / "the-seed-keeper")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        # the warning: n was Next match's key
        assert any("'n' is also the key of 'next-match'" in n for n in notifications(app))
        assert app.theme == "paper" and app.reading.view.measure == 60
        assert not app.reading.view.show_times  # a transcript's times start hidden
        assert "min left" not in visible_text(app).splitlines()[0]  # the title bar
        await pilot.press("n")
        await pilot.pause()
        assert app.article.blocks[app.reading.view.position[0]].is_question
        await pilot.press("question_mark")
        await pilot.pause()
        assert isinstance(app.screen, HelpScreen)
        line = next(ln for ln in visible_text(app).splitlines() if "Next question" in ln)
        assert " n " in line and "]" not in line


async def test_config_problems_are_reported_with_their_place(samples):
    write_config('width = "wide"\ntheme = "nope"\n')
    app = ReaderApp(samples / "the-interval", open_path=samples / "the-interval")
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        notes = notifications(app)
        path = config_dir() / "config.toml"
        assert any(f"{path}:1:1: error: 'width' must be a whole number" in n for n in notes)
        assert any(f"{path}:2:1: warning: no theme 'nope'" in n for n in notes)
        assert app.theme == "night" and app.reading.view.measure == 72  # the defaults
