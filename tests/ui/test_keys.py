"""Every key group of the reading screen, pressed as a reader would."""

from __future__ import annotations

from textual import events

from reader.app import ReaderApp
from reader.screens.help import HelpScreen
from reader.screens.picture import PictureScreen
from reader.widgets.outline import Outline
from tests.ui.helpers import notifications, settle, visible_text


async def test_moving_through_the_text(samples):
    app = ReaderApp(samples)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        view = app.reading.view
        assert app.screen.focused is view

        def top() -> int:
            return view.scroll_offset.y

        await pilot.press("j", "j", "down")
        assert top() == 3
        await pilot.press("k", "up", "k")
        assert top() == 0
        await pilot.press("space")
        page = top()
        assert page > 20
        await pilot.press("b")
        assert top() == 0
        await pilot.press("pagedown")
        assert top() == page
        await pilot.press("pageup", "d")
        assert 0 < top() < page
        await pilot.press("u")
        assert top() == 0
        await pilot.press("G")
        assert view.progress.percent == 100
        await pilot.press("g")
        assert top() == 0 and view.progress.percent == 0
        await pilot.press("end")
        assert view.progress.percent == 100
        await pilot.press("home")
        assert view.progress.percent == 0
        # the mouse wheel scrolls the text too
        await pilot._post_mouse_events([events.MouseScrollDown], view, offset=(10, 10), times=3)
        await pilot.pause()
        assert top() > 0


async def test_questions_and_speakers(samples):
    app = ReaderApp(samples)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        view, article = app.reading.view, app.article
        outline = app.reading.query_one(Outline)
        questions = [i for i, b in enumerate(article.blocks) if b.is_question and not b.continued]
        await pilot.press("right_square_bracket")
        first = view.position[0]
        assert first in questions
        await pilot.press("right_square_bracket")
        await pilot.pause()
        second = view.position[0]
        assert second == questions[questions.index(first) + 1]
        assert outline.current == second
        assert outline.highlighted == outline.row_of[second]
        assert "▶" in outline.row_text(outline.row_of[second])
        await pilot.press("left_square_bracket")
        await pilot.pause()
        assert view.position[0] == first and outline.current == first
        await pilot.press("right_curly_bracket")
        turn = article.blocks[view.position[0]]
        assert turn.kind == "turn" and view.position[0] > first
        await pilot.press("left_curly_bracket")
        assert view.position[0] == first


async def test_outline_focus_and_jump(samples):
    app = ReaderApp(samples)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        outline = app.reading.query_one(Outline)
        await pilot.press("o")
        await pilot.pause()
        assert app.screen.focused is outline
        await pilot.press("j", "j", "j", "enter")
        await pilot.pause()
        target = outline.blocks[outline.highlighted]
        assert app.reading.view.position[0] == target
        assert app.screen.focused is app.reading.view


async def test_tab_moves_between_panes(samples):
    app = ReaderApp(samples)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        seen = [app.screen.focused]
        for _ in range(12):
            await pilot.press("tab")
            await pilot.pause()
            seen.append(app.screen.focused)
            # every Tab shows: the focused pane is edged in the accent colour
            pane = next(n for n in seen[-1].ancestors_with_self if n.id in EDGED)
            assert pane.styles.border_left[0] == "heavy" or pane.styles.border_right[0] == "heavy"
        assert all(a is not b for a, b in zip(seen, seen[1:], strict=False))
        ids = {widget.id for widget in seen}
        assert {"library-list", "outline", "article"} <= ids


EDGED = ("reading", "library", "sidebar")


async def test_tab_with_the_text_alone_on_screen_says_how_to_show_the_others(samples):
    app = ReaderApp(samples)
    async with app.run_test(size=(80, 24)) as pilot:  # sidebar and library folded away
        await settle(pilot)
        await pilot.press("tab")
        await pilot.pause()
        assert app.screen.focused is app.reading.view
        assert any("s shows the sidebar, l the library" in n for n in notifications(app))


async def test_l_goes_straight_to_the_library_list(samples):
    app = ReaderApp(samples)
    async with app.run_test(size=(120, 40)) as pilot:  # the library is folded away here
        await settle(pilot)
        await pilot.press("l")
        await pilot.pause()
        assert app.screen.focused.id == "library-list"
        await pilot.press("l")
        await pilot.pause()
        assert not app.reading.library.display and app.screen.focused is app.reading.view


async def test_measure_keys_are_remembered(samples):
    app = ReaderApp(samples)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        view = app.reading.view
        default = view.measure
        await pilot.press("plus", "plus")
        assert view.measure > default
        wider = view.measure
        await pilot.press("minus")
        assert view.measure < wider
        await pilot.press("equals_sign")
        assert view.measure == default
        await pilot.press("plus")
        chosen = view.measure
        assert app.store.state.measure == chosen != default
        await pilot.press("q")
    again = ReaderApp(samples)
    async with again.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        assert again.reading.view.measure == chosen


async def test_theme_key_cycles_and_is_remembered(samples):
    app = ReaderApp(samples)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert app.theme == "night"
        seen = [app.theme]
        for _ in range(len(app.reader_themes)):
            await pilot.press("t")
            seen.append(app.theme)
        assert set(seen) == {"night", "paper", "sepia", "high-contrast"}
        assert seen[-1] == "night"
        await pilot.press("t")
        chosen = app.theme
        await pilot.press("q")
    again = ReaderApp(samples)
    async with again.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        assert again.theme == chosen


async def test_help_lists_keys_and_closes(samples):
    app = ReaderApp(samples)
    async with app.run_test(size=(100, 40)) as pilot:
        await settle(pilot)
        for open_key, close_key in (("question_mark", "escape"), ("f1", "question_mark")):
            await pilot.press(open_key)
            await pilot.pause()
            assert isinstance(app.screen, HelpScreen)
            text = visible_text(app)
            assert "Next question" in text and "Page down" in text
            await pilot.press(close_key)
            await pilot.pause()
            assert not isinstance(app.screen, HelpScreen)


async def test_q_quits_cleanly(samples):
    app = ReaderApp(samples)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("q")
        await pilot.pause()
    assert app.return_code == 0
    assert app.store.state.last_article is not None


async def test_ctrl_c_quits_even_while_typing_a_search(samples):
    app = ReaderApp(samples)
    async with app.run_test(size=(100, 30)) as pilot:
        await settle(pilot)
        await pilot.press("slash", *"harb")
        assert app.screen.focused is app.reading.search_bar.input
        await pilot.press("ctrl+c")
        await pilot.pause()
    assert app.return_code == 0 and not app.is_running
    assert app.store.state.last_article is not None  # saved on the way out


async def test_command_palette_offers_the_table(samples):
    app = ReaderApp(samples)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        titles = [command.title for command in app.get_system_commands(app.screen)]
        assert "Next question" in titles and "Quit" in titles and "Theme: sepia" in titles
        assert len(titles) == len(set(titles))  # one entry for each action (q and Ctrl+C)
        assert "Next match" not in titles  # no search yet: not offered
        await pilot.press("ctrl+p")
        await pilot.pause()
        assert app.screen.id == "--command-palette"
        await pilot.press(*"next question")
        await pilot.pause(0.3)
        await pilot.press("enter")
        await pilot.pause()
        assert app.article.blocks[app.reading.view.position[0]].is_question


async def test_choosing_a_caption_opens_its_picture_at_its_place(samples):
    bundle = samples / "the-seed-keeper"
    app = ReaderApp(bundle, open_path=bundle)
    async with app.run_test(size=(160, 45)) as pilot:
        await settle(pilot)
        captions = app.reading.query_one("#captions")
        assert captions.option_count == len(app.article.images) == 3
        second = app.article.images[1].file  # the first is the header picture, above the text
        picture = next(
            i for i, b in enumerate(app.article.blocks) if b.image and b.image.file == second
        )
        captions.focus()
        await pilot.press("j", "enter")
        await pilot.pause()
        assert isinstance(app.screen, PictureScreen) and app.screen.image.file == second
        await pilot.press("escape")
        assert app.reading.view.position == (picture, 0)  # the picture's first line on top
        assert app.screen.focused is app.reading.view


async def test_the_palette_opens_an_article_by_title_or_person(samples):
    app = ReaderApp(samples)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        for query, title in (
            ("seed keeper", "The Seed Keeper"),
            ("vantongeren", "The Choir That Sings at Dawn"),  # by a subject
        ):
            await pilot.press("ctrl+p")
            await pilot.pause()
            await pilot.press(*query)
            await pilot.pause(0.5)
            assert f"Open: {title}" in visible_text(app)
            await pilot.press("enter")
            await settle(pilot)
            assert app.article.title.startswith(title)
