"""What the app remembers, and how it copes when the remembered things are broken."""

from __future__ import annotations

import shutil

from textual.filter import NoColor

from reader.app import ReaderApp
from reader.core.state import FILE_NAME
from reader.paths import config_dir, state_dir
from tests.ui.helpers import notifications, progress_shown, settle


async def test_reopen_restores_article_and_sentence(samples):
    app = ReaderApp(samples)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_article(samples / "the-interval")
        await settle(pilot)
        await pilot.press(*["right_square_bracket"] * 4, "j", "j")
        await pilot.pause()
        position = app.reading.view.position
        top_line = first_text_line(app)
        await pilot.press("q")
    again = ReaderApp(samples)
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert again.article.title == "The Interval"
        assert again.reading.view.position == position
        assert first_text_line(again) == top_line  # the same sentence on top


def first_text_line(app: ReaderApp) -> str:
    """The first line of text in the reading pane (a blank line above it is not kept)."""
    view = app.reading.view
    lines = (view.render_line(y).text.strip() for y in range(view.size.height))
    return next(line for line in lines if line)


async def test_position_survives_theme_and_measure_changes(samples):
    app = ReaderApp(samples)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press(*["right_square_bracket"] * 3)
        position = app.reading.view.position
        await pilot.press("t", "t", "plus", "minus")
        await pilot.pause()
        assert app.reading.view.position == position


async def test_edited_bundle_clamps_the_saved_position(samples, tmp_path):
    library = tmp_path / "library"
    shutil.copytree(samples / "the-interval", library / "the-interval")
    app = ReaderApp(library)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await pilot.press("G")
        await pilot.press("q")
    body = library / "the-interval" / "article.md"
    body.write_text("IB: Only one question now?\n\nMC: Yes.\n", encoding="utf-8")
    again = ReaderApp(library)
    async with again.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert again.article is not None
        block, offset = again.reading.view.position
        assert block < len(again.article.blocks)
        assert offset <= len(again.article.blocks[block].text)
        await pilot.press("k", "g", "j")


async def test_corrupt_state_is_moved_aside_with_one_warning(samples):
    folder = state_dir()
    folder.mkdir(parents=True)
    (folder / FILE_NAME).write_text('{"schema": "interview-reader/state", "vers', encoding="utf-8")
    app = ReaderApp(samples)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        warnings = [n for n in notifications(app) if n.startswith("Reading positions")]
        assert len(warnings) == 1 and "kept as" in warnings[0]
        assert app.article is not None
        await pilot.press("q")
    kept = [p for p in folder.iterdir() if p.name != FILE_NAME]
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8").endswith('"vers')
    assert (folder / FILE_NAME).is_file()  # and a fresh one was written on quit


async def test_unwritable_state_warns_once_and_keeps_working(samples):
    state_dir().parent.mkdir(parents=True, exist_ok=True)
    state_dir().write_text("a file where the state folder should be")
    app = ReaderApp(samples)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for _ in range(3):
            await pilot.press("space", "t")
            app.save_state()
        await pilot.pause()
        warnings = [n for n in notifications(app) if n.startswith("Reading positions")]
        assert len(warnings) == 1
        assert app.reading.view.position != (0, 0)


async def test_bad_user_theme_is_reported_and_the_default_used(samples):
    themes = config_dir() / "themes"
    themes.mkdir(parents=True)
    (themes / "mine.toml").write_text('primary = "#fff"\nbackgound = "#000"\n', encoding="utf-8")
    (themes / "[red]odd.toml").write_text("= nonsense", encoding="utf-8")
    state_dir().mkdir(parents=True)
    (state_dir() / FILE_NAME).write_text(
        '{"schema": "interview-reader/state", "version": 1, "theme": "mine"}', encoding="utf-8"
    )
    app = ReaderApp(samples)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        reported = [n for n in notifications(app) if n.startswith("Theme not loaded")]
        assert len(reported) == 2
        assert any("mine.toml" in n and "unknown key 'backgound'" in n for n in reported)
        assert any("[red]odd.toml" in n for n in reported)  # the name shown literally
        assert app.theme == "night"


async def test_no_color_is_respected(samples, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    app = ReaderApp(samples)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        assert app.no_color
        assert any(isinstance(f, NoColor) and f.enabled for f in app._filters)
        lib = app.reading.library.entry_list
        style = lib.get_visual_style("option-list--option", "option-list--option-highlighted")
        assert style.underline  # the list cursor shows without colour


async def test_a_piece_read_to_its_end_stays_read_when_the_reader_goes_back(samples):
    app = ReaderApp(samples)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_article(samples / "the-interval")
        await settle(pilot)
        await pilot.press("G")
        await pilot.pause()
        assert progress_shown(app).endswith("100% · read")
        await pilot.press("g", "j")
        await pilot.pause()
        assert progress_shown(app).startswith("0%") and progress_shown(app).endswith("· read")


async def test_the_save_timer_firing_while_the_screen_is_taken_down_only_saves(samples):
    """Under load the autosave timer fired after the library's list was removed at quit
    (NoMatches in CI): the place is still saved, and the missing row is no error."""
    app = ReaderApp(samples)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        await app.reading.library.entry_list.remove()
        # no await from here on: the real timer cannot save first
        app.store.record(app.article_key, (2, 0), 0.1, False)
        assert app.store.dirty
        app._autosave()
        assert not app.store.dirty
