"""Selecting, highlighting and quoting in the app, as a reader does it with keys."""

from __future__ import annotations

from pathlib import Path

import pytest
from textual import events
from textual.keys import _character_to_key

from reader.app import ReaderApp
from reader.core.bundle import load_bundle
from reader.core.highlights.store import HighlightStore
from reader.paths import state_dir
from reader.screens.export import ExportScreen
from reader.widgets.highlight_list import HighlightList
from reader.widgets.sidebar import Section
from tests.helpers import SEA_BODY, make_single
from tests.ui.helpers import notifications, settle, visible_text
from tests.ui.test_sidebar import sidebar_text

TOML = """\
title = "The Cartographer"
publication = "The Test Quarterly"
published = 2024-03-01

[speakers.ME]
name = "Mara Ellison"
role = "interviewer"
[speakers.OV]
name = "Oskar Vale"
role = "subject"
"""
BODY = SEA_BODY


@pytest.fixture
def bundle(tmp_path) -> Path:
    return make_single(tmp_path / "lib", BODY, TOML, slug="cartographer")


def burst(app: ReaderApp, typed: str) -> None:
    """Keys that arrive together, as a paste or tmux's send-keys sends them: all in the app's
    queue before the first one is handled (Pilot's press waits after each)."""
    for char in typed:
        key = {"\r": "enter", " ": "space"}.get(char) or _character_to_key(char)
        app.post_message(events.Key(key, None if char == "\r" else char))


def kept() -> list:
    store = HighlightStore(state_dir())
    store.load()
    return [h for a in store.articles() for h in store.of(a)]


async def test_search_then_v_h_keeps_that_word_as_a_highlight(bundle):
    app = ReaderApp(bundle.parent, open_path=bundle)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"coast", "enter", "v", "h")
        await pilot.pause()
        assert not app.reading.view._reading.selection  # kept, and let go
        await pilot.press("q")
    (one,) = kept()
    assert one.anchor.exact == "coast" and one.speaker == "Oskar Vale"
    assert one.article == load_bundle(bundle).article.identity


async def test_v_w_w_y_copies_an_attributed_quote(bundle):
    app = ReaderApp(bundle.parent, open_path=bundle)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"always", "enter", "v", "w", "w", "w", "y")
        await pilot.pause()
        assert app.clipboard == (
            "“Always by the sea,” — Oskar Vale, The Cartographer, The Test Quarterly (2024-03-01)"
        )
        assert kept() == []


async def test_selection_keys_only_while_selecting_and_esc_lets_go(bundle):
    app = ReaderApp(bundle.parent, open_path=bundle)
    async with app.run_test(size=(100, 12)) as pilot:
        await settle(pilot)
        view = app.reading.view
        await pilot.press("j")
        assert view.scroll_offset.y == 1  # j moves the text when nothing is selected
        await pilot.press("v", "j", "escape")
        assert view._reading.selection is None
        await pilot.press("j")
        assert view.scroll_offset.y >= 1


async def test_a_highlight_is_painted_when_the_article_opens_again(bundle):
    app = ReaderApp(bundle.parent, open_path=bundle)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"nets", "enter", "v", "h", "escape", "q")
    again = ReaderApp(bundle.parent, open_path=bundle)
    async with again.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        view = again.reading.view
        rows = [view.render_line(y) for y in range(view.scrollable_content_region.height)]
        row = next(r for r in rows if "nets" in r.text)
        styles = {seg.text: seg.style for seg in row if seg.text.strip()}
        marked = next(s for t, s in styles.items() if t == "nets")
        plain = next(s for t, s in styles.items() if "boats" in t)
        assert marked.bgcolor != plain.bgcolor


async def test_note_colour_quote_and_remove_act_on_the_highlight_on_screen(bundle):
    app = ReaderApp(bundle.parent, open_path=bundle)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("x")  # nothing highlighted yet: it says so, nothing breaks
        await pilot.press("slash", *"coast", "enter", "v", "w", "h", "escape")
        await pilot.press("a", *"the lost one", "enter")
        await pilot.pause()
        (one,) = [h for a in app.highlights.articles() for h in app.highlights.of(a)]
        assert one.note == "the lost one" and one.colour == "yellow"
        await pilot.press("c")
        assert app.highlights.of(one.article)[0].colour == "green"
        await pilot.press("y")
        assert app.clipboard.startswith("“coast that” — Oskar Vale, The Cartographer")
        await pilot.press("x")
        assert app.highlights.of(one.article) == []
        await pilot.press("q")
    assert kept() == []


async def test_the_library_row_counts_highlights(bundle):
    app = ReaderApp(bundle.parent)
    async with app.run_test(size=(160, 40)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"nets", "enter", "v", "h")
        await pilot.pause()
        row = app.reading.library.entry_list.get_option_at_index(0).prompt
        assert "1 highlight" in row.content.plain


# -- the sidebar's Highlights section ---------------------------------------------------------


def highlight_rows(app: ReaderApp) -> list[str]:
    listed = app.reading.query_one(HighlightList)
    return [listed.get_option_at_index(i).prompt.plain for i in range(listed.option_count)]


async def test_the_sidebar_lists_highlights_and_follows_every_change(bundle):
    app = ReaderApp(bundle.parent, open_path=bundle)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        section = app.reading.query_one("#highlights", Section)
        assert not section.display  # no highlights: no section
        await pilot.press("slash", *"coast", "enter", "v", "w", "h", "escape")
        await pilot.press("slash", *"nets", "enter", "v", "h", "escape")
        await pilot.pause()
        assert section.display and "Highlights  2" in str(section.title)
        assert highlight_rows(app) == ["“nets”\nOskar Vale", "“coast that”\nOskar Vale"]
        await pilot.press("a")  # the highlight on screen: nets
        await pilot.pause()
        await pilot.press(*"[love of] maps", "enter")
        await pilot.pause()
        assert highlight_rows(app)[0] == "“nets”\nOskar Vale · ✎ [love of] maps"
        assert "[love of] maps" in sidebar_text(app)  # literally, not read as markup
        listed = app.reading.query_one(HighlightList)
        await pilot.press("c")
        await pilot.pause()
        assert listed.rows[0].colour == "green"
        await pilot.press("x")
        await pilot.pause()
        assert highlight_rows(app) == ["“coast that”\nOskar Vale"]
        assert "Highlights  1" in str(section.title)


async def test_enter_on_a_row_jumps_to_the_highlight(tmp_path):
    body = "".join(f"ME: Question {i}?\n\nOV: Answer {i}, plainly put.\n\n" for i in range(60))
    path = make_single(tmp_path / "lib", body + "OV: The lighthouse at last.\n", TOML, "long")
    app = ReaderApp(path.parent, open_path=path)
    async with app.run_test(size=(120, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"lighthouse", "enter", "v", "h", "escape", "g")
        await pilot.pause()
        view = app.reading.view
        assert view.scroll_offset.y == 0
        listed = app.reading.query_one(HighlightList)
        listed.focus()
        await pilot.press("enter")
        await pilot.pause()
        assert view.has_focus and view.scroll_offset.y > 0
        assert "lighthouse" in visible_text(app)
        assert app.reading.highlight_in_view() == listed.rows[0].id  # a, c, x act on it


async def test_an_orphaned_highlight_is_listed_and_enter_says_why_it_goes_nowhere(bundle):
    app = ReaderApp(bundle.parent, open_path=bundle)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"coast", "enter", "v", "w", "h", "escape", "a")
        await pilot.pause()
        await pilot.press(*"maps", "enter", "q")
    text = bundle.read_text(encoding="utf-8")
    bundle.write_text(text.replace("It showed a coast that was not there any more. ", ""))
    again = ReaderApp(bundle.parent, open_path=bundle)
    async with again.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        orphaned = ["⚠ “coast that”\ngone from the text · Oskar Vale · ✎ maps"]
        assert highlight_rows(again) == orphaned
        again.reading.query_one(HighlightList).focus()
        await pilot.press("enter")
        await pilot.pause()
        said = "“coast that” is no longer in this article"
        assert sum(said in n for n in notifications(again)) == 1
        await pilot.press("ctrl+f", *"maps")  # its note is found, and says the same on Enter
        await settle(pilot)
        await pilot.press("enter")
        await settle(pilot)
        assert sum(said in n for n in notifications(again)) == 2


async def test_in_the_list_a_c_and_x_act_on_the_row_under_the_cursor(bundle):
    app = ReaderApp(bundle.parent, open_path=bundle)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"nets", "enter", "v", "h", "escape")
        await pilot.press("slash", *"coast", "enter", "v", "h", "escape")
        listed = app.reading.query_one(HighlightList)
        listed.focus()
        await pilot.press("j", "c")  # the second row: coast (nets is the one on screen)
        await pilot.pause()
        assert [row.colour for row in listed.rows] == ["yellow", "green"]
        await pilot.press("x")
        await pilot.pause()
        assert [row.words for row in listed.rows] == ["nets"]


# -- S: saving highlights as Markdown -------------------------------------------------------


async def test_s_saves_this_article_s_highlights_or_every_article_s(bundle, reader_home):
    lamps = TOML.replace("The Cartographer", "Lamps")
    other = make_single(bundle.parent, "ME: Why?\n\nOV: For the [love of] light.\n", lamps, "lamps")
    app = ReaderApp(bundle.parent, open_path=other)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("S")  # nothing kept yet: it says how to keep something
        await pilot.pause()
        assert app.screen is app.reading
        assert any("No highlights yet" in n for n in notifications(app))
        await pilot.press("slash", *"light", "enter", "v", "h", "escape")
        app.open_article(bundle)
        await settle(pilot)
        await pilot.press("slash", *"coast", "enter", "v", "w", "h", "escape", "a")
        await pilot.pause()
        await pilot.press(*"the lost one", "enter", "S")
        await pilot.pause()
        screen = app.screen
        assert isinstance(screen, ExportScreen)
        labels = [str(o.prompt) for o in screen.choice_list.options]
        assert labels == [
            "This article, The Cartographer: 1 highlight",
            "Every article: 2 highlights in 2 articles",
        ]
        await pilot.press("enter")  # this article's
        await settle(pilot)
        saved = (reader_home / "downloads" / "cartographer-highlights.md").read_text("utf-8")
        assert saved.startswith("# The Cartographer\n\nThe Test Quarterly · 2024-03-01")
        assert "> coast that\n>\n> — Oskar Vale ^" in saved and "Note: the lost one" in saved
        assert "Lamps" not in saved
        await pilot.press("S", "j", "enter")  # every article's
        await settle(pilot)
        every = (reader_home / "downloads" / "highlights.md").read_text("utf-8")
        assert every.index("# Lamps") < every.index("# The Cartographer")
        assert "> light\n" in every and "> coast that\n" in every
        assert any(
            n.startswith("Saved:") and n.endswith("highlights.md") for n in notifications(app)
        )


async def test_keys_act_on_the_highlight_just_made(bundle):
    app = ReaderApp(bundle.parent, open_path=bundle)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"nets", "enter", "v", "h", "escape")
        await pilot.press("slash", *"coast", "enter")
        burst(app, "vhc")  # at once, as through tmux: c must not overtake the kept words
        await settle(pilot)
        colours = {h.anchor.exact: h.colour for h in app.highlights.of(app.article.identity)}
        assert colours == {"nets": "yellow", "coast": "green"}


async def test_a_note_typed_at_once_after_a_loses_nothing_and_a_types_in_boxes(bundle):
    app = ReaderApp(bundle.parent, open_path=bundle)
    async with app.run_test(size=(120, 36)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"nets", "enter", "v", "h", "escape")
        burst(app, "aa lot [love of] nets\r")  # in one burst, as a terminal sends a paste
        await settle(pilot)
        (one,) = app.highlights.of(app.article.identity)
        assert one.note == "a lot [love of] nets"
        await pilot.press("slash", *"sea a")  # `a` in the search box is a letter
        assert app.reading.search_bar.query_one("Input").value == "sea a"


async def test_the_note_box_shows_what_is_typed(bundle):
    """The focused box keeps its one row for the text (Input's own focus border took it:
    the note was saved, but typed blind)."""
    app = ReaderApp(bundle.parent, open_path=bundle)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"coast", "enter", "v", "w", "h", "escape", "a")
        await pilot.pause()
        await pilot.press(*"see the map")
        await pilot.pause()
        box = app.screen.query_one("Input")
        assert box.has_focus and box.content_region.height == 1
        assert "see the map" in visible_text(app)
