"""The library list: rows, sort, filter, opening, broken bundles, and text shown literally."""

from __future__ import annotations

import shutil

from textual.app import App

from reader.app import ReaderApp
from reader.core.state import article_key
from reader.widgets.library_list import LibraryPane
from tests.helpers import SEA_BODY, make_single
from tests.ui.conftest import MARKUP
from tests.ui.helpers import notifications, settle, visible_text


def titles(app: ReaderApp) -> list[str]:
    return [entry.title for entry in app.reading.library.entry_list.shown()]


async def test_rows_sort_and_filter(samples):
    app = ReaderApp(samples)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        library = app.reading.library.entry_list
        assert len(library.entries) == 6
        by_date = titles(app)
        dates = [e.published for e in library.shown()]
        assert dates == sorted(dates, reverse=True)
        text = visible_text(app)
        assert "Winifred Achterberg · Harrow & Vine" in text and "41 min · unread" in text
        library.focus()
        await pilot.press("o")
        assert titles(app) == sorted(by_date, key=str.casefold)
        assert "by title" in visible_text(app)
        await pilot.press("o", "o")
        lengths = [e.words for e in library.shown()]
        assert lengths == sorted(lengths)
        await pilot.press("o")
        assert titles(app) == by_date
        await pilot.press("slash", *"morita")
        await pilot.pause()
        assert titles(app) == ["The Interval"]
        assert "1 of 6" in visible_text(app)
        await pilot.press("enter")  # leaves the filter box, keeps the filter
        assert app.screen.focused is library and titles(app) == ["The Interval"]
        await pilot.press("enter")  # opens the row
        await settle(pilot)
        assert app.article.title == "The Interval"
        assert app.screen.focused is app.reading.view
        library.focus()
        await pilot.press("slash", "escape")
        await pilot.pause()
        assert len(titles(app)) == 6 and app.screen.focused is library


async def test_click_opens_a_row_and_progress_shows(samples):
    app = ReaderApp(samples)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        first = app.article.title
        library = app.reading.library.entry_list
        await pilot.press("space", "space")
        await pilot.pause()
        row = titles(app).index("Mind Your Brackets")
        await pilot.click(library, offset=(3, 1 + row * 4))
        await settle(pilot)
        assert app.article.title == "Mind Your Brackets"
        progress = app.store.progress(article_key(samples / "the-night-shift-choir.md"))
        assert progress is not None and progress.percent > 0
        text = visible_text(app)
        assert f"{int(progress.percent)}%" in text and first in text


async def test_broken_bundles_are_listed_and_never_stop_the_rest(hostile_library):
    app = ReaderApp(hostile_library)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        library = app.reading.library.entry_list
        assert len(library.entries) == 3
        broken = [e for e in library.shown() if e.broken]
        assert len(broken) == 1 and library.shown()[-1] is broken[0]
        assert "TOML" in broken[0].problem.message
        assert "TOML" in visible_text(app)
        library.focus()
        library.highlighted = len(library.shown()) - 1
        await pilot.press("enter")
        await pilot.pause()
        assert any("Cannot open this bundle" in n and "TOML" in n for n in notifications(app))
        assert app.article is not None  # whatever was open stays open


async def test_bundle_text_is_shown_literally(hostile_library):
    app = ReaderApp(hostile_library)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        app.open_article(hostile_library / "markup")
        await settle(pilot)
        text = visible_text(app)
        assert MARKUP in text.splitlines()[0]  # the title bar
        assert text.count(MARKUP) >= 2  # and the reading pane
        row = app.reading.library.entry_list.get_option(article_key(hostile_library / "markup"))
        assert MARKUP in row.prompt.content.plain
        about = str(app.reading.query_one("#about-text").render())  # (no title: the pane has it)
        assert "[red]Writer[/red]" in about and "[link=https://evil.example]Pub[/link]" in about
        for literal in ("[i]dek[/i]", "[red]Writer[/red]", "[blink]bio[/blink]", "[b]Asker[/b]"):
            assert literal in text
        assert "Answerer [/]" in text and "[u]caption[/u]" in text
        assert app.is_running  # the [@click=app.quit] did nothing


async def test_an_empty_library_says_what_a_bundle_is(tmp_path):
    app = ReaderApp(tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.pause(0.5)
        # in the pane, for as long as it is empty; a long folder name wraps anywhere
        text = "".join(visible_text(app).split())
        assert "".join(f"There are no interviews in {tmp_path} yet.".split()) in text
        assert "".join(f"reader import FILE -o {tmp_path}".split()) in text
        assert "readerhelpformat" in text
        assert not app.reading.sidebar.display  # no sidebar about no article


async def test_the_sidebar_comes_back_with_an_article_and_still_toggles(tmp_path):
    app = ReaderApp(tmp_path)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert not app.reading.sidebar.display
        app.open_article(make_single(tmp_path, SEA_BODY))
        await settle(pilot)
        assert app.reading.sidebar.display and app.reading.sidebar.region.width > 0
        await pilot.press("s")  # hidden by hand, then shown again
        await pilot.pause()
        assert not app.reading.sidebar.display
        await pilot.press("s")
        await pilot.pause()
        assert app.reading.sidebar.display


async def test_a_library_of_broken_bundles_says_so_in_the_pane(hostile_library):
    for good in ("markup", "plain.md"):
        path = hostile_library / good
        shutil.rmtree(path) if path.is_dir() else path.unlink()
    app = ReaderApp(hostile_library)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        assert "opens: 1 bundle with problems." in visible_text(app)


def test_a_row_is_as_tall_as_its_text_says_before_it_is_made():
    """Rows are made when drawn, from a height known beforehand: it must be the text's."""
    from pathlib import Path

    from reader.core.catalog import Entry
    from reader.core.diagnostics import ERROR, Diagnostic
    from reader.widgets.library_list import entry_row, row_height

    fine = Entry(Path("a"), "a", "Title\nwith a break", subjects=("Ada\nLovelace",))
    broken = Entry(Path("b"), "b", "b", problem=Diagnostic(Path("b"), 1, 2, ERROR, "bad\nbad"))
    for entry in (fine, broken):
        for times in (True, False):
            lines = entry_row(entry, None, False, 2, times).plain.count("\n") + 1
            assert row_height(entry) == lines


async def test_a_warm_start_shows_the_rows_on_top_last_time_first(samples, monkeypatch):
    app = ReaderApp(samples)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)  # the first start reads the library and keeps its top rows
        top = [entry.path for entry in app.reading.library.entry_list.shown()]
    handed: list[tuple[list, int]] = []
    add = LibraryPane._add

    def recording(pane, step, keys, expected=0):
        handed.append(([entry.path for entry in step.entries], expected))
        add(pane, step, keys, expected)

    monkeypatch.setattr(LibraryPane, "_add", recording)
    app = ReaderApp(samples)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        assert handed[0] == (top, len(top))  # before the library is read: those, all counted
        assert [entry.path for entry in app.reading.library.entry_list.shown()] == top
        assert f"Library  {len(top)} · newest first" in visible_text(app)


async def test_the_heading_gives_no_count_before_the_scan_has_one(tmp_path):
    class Pane(App):
        def compose(self):
            yield LibraryPane()

    app = Pane()
    async with app.run_test(size=(60, 10)) as pilot:
        await pilot.pause()
        assert "Library  … · newest first" in visible_text(app)  # not "0": nothing said yet
    app = ReaderApp(tmp_path)  # an empty folder: once scanned, its count is 0
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        assert "Library  0 · newest first" in visible_text(app)
