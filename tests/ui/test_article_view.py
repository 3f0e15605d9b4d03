"""The reading pane in a tiny app: keys, jumps, search, measure, resize, literal text, styles."""

from __future__ import annotations

from textual.app import App, ComposeResult
from textual.geometry import Offset, Region
from textual.selection import Selection as TextSelection
from textual.widgets import Input, Label

from reader.commands import READING, bindings
from reader.core import model as m
from reader.core.search_session import SearchState
from reader.themes import THEME_VARIABLES
from reader.widgets.article_view import ArticleView
from reader.widgets.search_bar import SearchBar


class Pane(App):
    """The pane and the search bar, nothing else, with the reading keys of the command table;
    it records the messages they send."""

    BINDINGS = [b for b in bindings(READING) if b.action.startswith("view(")]

    def __init__(self, article: m.Article | None, measure: int = 72) -> None:
        super().__init__()
        self.article = article
        self.measure = measure
        self.messages: list = []

    def get_theme_variable_defaults(self) -> dict[str, str]:
        return dict(THEME_VARIABLES)

    def compose(self) -> ComposeResult:
        yield ArticleView(self.article, measure=self.measure)
        yield SearchBar()

    def on_mount(self) -> None:
        self.query_one(ArticleView).focus()
        for widget, name in ((ArticleView, "searched"), (SearchBar, "typed")):
            self.watch(self.query_one(widget), name, self._keep, init=False)

    def _keep(self, value: object) -> None:
        self.messages.append(value)

    def action_view(self, name: str) -> None:
        self.query_one(ArticleView).do(name)

    def on_article_view_position_changed(self, event: ArticleView.PositionChanged) -> None:
        self.messages.append(event)

    def on_search_bar_submitted(self, event: SearchBar.Submitted) -> None:
        self.messages.append(event)

    def on_search_bar_cancelled(self, event: SearchBar.Cancelled) -> None:
        self.messages.append(event)


async def settled(pilot) -> ArticleView:
    await pilot.app.workers.wait_for_complete()
    await pilot.pause()
    return pilot.app.query_one(ArticleView)


def rows(view: ArticleView) -> list[str]:
    return [view.render_line(y).text.strip() for y in range(view.scrollable_content_region.height)]


def cell_style(view: ArticleView, y: int, text: str, nth: int = 0):
    """The style of the first character of the `nth` `text` on row `y`, as the screen gets
    it (through the app's colour filters)."""
    (row,) = view.render_lines(Region(0, y, view.size.width, 1))
    chars = [(c, segment.style) for segment in row for c in segment.text]
    plain = "".join(c for c, _ in chars)
    start = plain.index(text)
    for _ in range(nth):
        start = plain.index(text, start + 1)
    return chars[start][1]


def row_of(view: ArticleView, text: str) -> int:
    return next(y for y, row in enumerate(rows(view)) if text in row)


# -- reading -----------------------------------------------------------------------------------
async def test_first_screen_shows_the_header_and_the_turns(article):
    async with Pane(article).run_test(size=(100, 40)) as pilot:
        view = await settled(pilot)
        shown = rows(view)
        assert shown[0] == "Three Voices"
        assert "By Mara Ellison" in shown
        assert "Mara Ellison: Where did you grow up?" in shown
        assert view.render_line(0).text.startswith(" " * ((100 - 1 - 72) // 2))


async def test_keys_scroll(article):
    async with Pane(article).run_test(size=(100, 20)) as pilot:
        view = await settled(pilot)
        await pilot.press("j", "j")
        assert view.scroll_offset.y == 2
        await pilot.press("k")
        assert view.scroll_offset.y == 1
        page = view.scrollable_content_region.height - 1  # one line of the last page stays
        await pilot.press("space")
        assert view.scroll_offset.y == 1 + page
        await pilot.press("G")
        assert view.scroll_offset.y == view.max_scroll_y and view.progress.percent == 100
        assert rows(view)[-1].startswith("[1] The coastline moved")
        assert view.progress.minutes_left == 0  # the end is on screen: agrees with 100%
        await pilot.press("b")
        assert view.scroll_offset.y == view.max_scroll_y - page
        await pilot.press("g")
        assert view.scroll_offset.y == 0 and view.position == (0, 0) and view.progress.percent == 0
        assert view.progress.minutes_left == 1


async def test_the_wheel_moves_the_reader_and_reports_it(article):
    async with Pane(article).run_test(size=(100, 20)) as pilot:
        view = await settled(pilot)
        app = pilot.app
        reported = len(app.messages)
        y = view.text_layout.line_of(3, 0)  # another block on top
        view.scroll_to(y=y, animate=False)  # as the wheel or the scrollbar does
        await pilot.pause()
        assert view.position == (3, 0)
        assert any(isinstance(m, ArticleView.PositionChanged) for m in app.messages[reported:])
        await pilot.press("j")  # and the keys go on from there
        assert view.scroll_offset.y == y + 1


async def test_the_mouse_selects_the_characters_it_is_over_in_the_centred_column(article):
    async with Pane(article, measure=40).run_test(size=(100, 30)) as pilot:
        view = await settled(pilot)
        layout = view.text_layout
        y = next(
            y
            for y in range(layout.height)
            if (ln := layout.line(y)).block >= 0 and ln.end - ln.start > 9
        )
        line = layout.line(y)
        left = (view.scrollable_content_region.width - 40) // 2  # the column is centred
        x = left + sum(len(text) for text, _ in line.prefix)  # the line's first character
        view.selection_updated(TextSelection(Offset(x, y), Offset(x + 9, y)))
        assert view.get_selection(TextSelection(None, None)) == (line.text[:9].strip(), "\n")


async def test_brackets_put_the_next_question_at_the_top(article):
    async with Pane(article).run_test(size=(100, 30)) as pilot:
        view = await settled(pilot)
        await pilot.press("]")
        assert rows(view)[0] == "Mara Ellison: Where did you grow up?"
        assert article.blocks[view.position[0]].is_question
        await pilot.press("]")
        assert rows(view)[0].startswith("Mara Ellison: Tell me about the first map")
        await pilot.press("[")
        assert rows(view)[0] == "Mara Ellison: Where did you grow up?"
        await pilot.press("[")
        assert rows(view)[0] == "Mara Ellison: Where did you grow up?"  # no question before


async def test_braces_step_through_changes_of_speaker(article):
    async with Pane(article).run_test(size=(100, 30)) as pilot:
        view = await settled(pilot)
        names = []
        for _ in range(4):
            await pilot.press("}")
            names.append(rows(view)[0].split(":")[0])
        assert names == ["Mara Ellison", "Oskar Vale", "Ines Calder", "Mara Ellison"]
        await pilot.press("{")
        assert rows(view)[0].startswith("Ines Calder: I grew up inland")


async def test_position_messages_name_the_current_question(article):
    async with Pane(article).run_test(size=(100, 12)) as pilot:
        await settled(pilot)
        await pilot.press("]", "]", "}")
        await pilot.pause()
        last = [e for e in pilot.app.messages if isinstance(e, ArticleView.PositionChanged)][-1]
        last = last.progress
        assert article.blocks[last.position[0]].speaker == "OV"
        assert last.current_question == 5 and article.blocks[5].is_question
        assert 0 < last.percent < 100


# -- text as typed, styles from the theme ------------------------------------------------------
async def test_square_brackets_show_literally(article):
    async with Pane(article).run_test(size=(120, 40)) as pilot:
        view = await settled(pilot)
        shown = " ".join(rows(view))
        assert "[love of]" in shown and "[bold]x[/bold]" in shown
        assert "[@click=app.quit]x[/]" in shown
        assert pilot.app.is_running
        assert "[love of]" in pilot.app.export_screenshot().replace("&#160;", " ")


async def test_questions_answers_and_speakers_look_different(article):
    async with Pane(article).run_test(size=(100, 40)) as pilot:
        view = await settled(pilot)
        question = cell_style(view, row_of(view, "Where did you grow up?"), "Where")
        answer = cell_style(view, row_of(view, "By the sea."), "By the sea")
        # the question in its asker's colour, at the answer's weight (not both)
        assert question.color != answer.color and not question.bold and not answer.bold
        labels = {
            cell_style(view, row_of(view, name + ":"), name).color
            for name in ("Mara Ellison", "Oskar Vale", "Ines Calder")
        }
        assert len(labels) == 3
        stage = cell_style(view, row_of(view, "(laughs)"), "(laughs)")
        assert stage.italic and stage != answer


async def test_without_colour_questions_are_still_bold_and_matches_marked(article, monkeypatch):
    monkeypatch.setenv("NO_COLOR", "1")
    async with Pane(article).run_test(size=(100, 40)) as pilot:
        view = await settled(pilot)
        assert pilot.app.no_color
        view.search("sea")
        await pilot.pause()
        assert cell_style(view, row_of(view, "Where did you grow up?"), "Where").bold
        current = cell_style(view, row_of(view, "By the sea."), "sea")
        other = cell_style(view, row_of(view, "By the sea."), "sea", nth=1)
        assert current.reverse and other.underline


async def test_a_new_theme_restyles_the_pane(article):
    async with Pane(article).run_test(size=(100, 40)) as pilot:
        view = await settled(pilot)
        before = cell_style(view, row_of(view, "By the sea."), "By the sea")
        pilot.app.theme = "textual-light"
        await pilot.pause()
        after = cell_style(view, row_of(view, "By the sea."), "By the sea")
        assert before.bgcolor != after.bgcolor and before.color != after.color


# -- search ------------------------------------------------------------------------------------
async def test_search_counts_highlights_steps_and_wraps(article):
    async with Pane(article).run_test(size=(100, 40)) as pilot:
        view = await settled(pilot)
        state = view.search("harbour*")
        await pilot.pause()
        assert state.counter == "1/5" and not state.wrapped
        y = row_of(view, "met me at the harbour")
        current = cell_style(view, y, "harbour")
        assert current.bgcolor is not None and current.bold
        second = cell_style(view, row_of(view, "harbour wall"), "harbour")
        assert second.bgcolor not in (None, current.bgcolor)
        assert view.next_match().counter == "2/5"
        now = cell_style(view, row_of(view, "harbour wall"), "harbour")
        assert now.bgcolor == current.bgcolor and now.bold
        assert cell_style(view, y, "harbour").bgcolor == second.bgcolor
        for _ in range(3):
            state = view.next_match()
        assert state.counter == "5/5" and not state.wrapped
        state = view.next_match()
        assert state.counter == "1/5" and state.wrapped
        state = view.prev_match()
        assert state.counter == "5/5" and state.wrapped
        assert view.search_state == state
        await pilot.pause()
        changed = [e for e in pilot.app.messages if isinstance(e, SearchState)]
        assert changed[-1] == state


async def test_search_starts_from_the_screen_and_scrolls_to_the_hit(article):
    async with Pane(article).run_test(size=(100, 12)) as pilot:
        view = await settled(pilot)
        await pilot.press("]", "]")
        state = view.search("harbour*")
        assert state.counter == "2/5"
        assert 0 <= row_of(view, "harbour wall") < 11
        assert view.search("zzz").counter == "no match"
        cleared = view.clear_search()
        assert cleared == SearchState() and view.search_state.counter == ""


async def test_a_match_across_two_lines_is_highlighted_on_both(article):
    async with Pane(article, measure=40).run_test(size=(44, 40)) as pilot:
        view = await settled(pilot)
        view.search("coast that was not there any more")
        await pilot.pause()
        first = row_of(view, "It showed a coast")
        assert cell_style(view, first, "coast").bgcolor is not None
        assert cell_style(view, first + 1, "more").bgcolor is not None


# -- measure and resize keep the place ---------------------------------------------------------
async def test_a_new_measure_keeps_the_position(article):
    async with Pane(article).run_test(size=(120, 12)) as pilot:
        view = await settled(pilot)
        view.go_to(6, 120)
        await pilot.pause()
        block, offset = view.position
        assert block == 6 and offset <= 120
        for key in ("-", "-", "-", "-", "-", "-", "-", "-"):
            await pilot.press(key)
        assert view.measure == 40
        assert view.position[0] == 6 and view.position[1] <= 120
        assert view.position[1] > 120 - 40
        await pilot.press("=")
        assert view.measure == 72 and view.position[0] == 6
        await pilot.press("+")
        assert view.measure == 76
        view.set_measure(500)
        assert view.measure == 200 and view.position[0] == 6


async def test_a_resize_keeps_the_position(article):
    async with Pane(article).run_test(size=(120, 20)) as pilot:
        view = await settled(pilot)
        view.go_to(6, 150)
        await pilot.pause()
        before = view.position
        await pilot.resize_terminal(50, 20)
        await settled(pilot)
        after = view.position
        assert after[0] == before[0] and before[1] - 46 <= after[1] <= before[1]
        await pilot.resize_terminal(120, 20)
        await settled(pilot)
        assert view.position[0] == before[0]


# -- long articles -----------------------------------------------------------------------------
async def test_a_long_article_paints_first_and_completes_in_the_background(long_article):
    async with Pane(None).run_test(size=(100, 30)) as pilot:
        view = await settled(pilot)
        target = len(long_article.blocks) // 2
        view.load(long_article, (target, 0))
        layout = view.text_layout
        assert not layout.complete
        assert view.position == (target, 0)
        top = view.render_line(0).text.strip()
        await settled(pilot)
        assert layout.complete and view.virtual_size.height == layout.height
        assert view.position == (target, 0) and view.render_line(0).text.strip() == top


async def test_no_article_is_an_empty_pane():
    async with Pane(None).run_test(size=(60, 10)) as pilot:
        view = await settled(pilot)
        await pilot.press("j", "G", "]", "}", "+")
        assert set(rows(view)) == {""} and view.position == (0, 0)
        assert view.search("sea").counter == "no match" and view.progress.minutes_left == 0


# -- the search bar ----------------------------------------------------------------------------
async def test_search_bar_reports_typing_enter_and_escape():
    async with Pane(None).run_test(size=(60, 10)) as pilot:
        bar = pilot.app.query_one(SearchBar)
        bar.open()
        await pilot.pause()
        assert isinstance(pilot.app.focused, Input)
        await pilot.press("s", "e", "a")
        await pilot.press("enter")
        sent = [e if isinstance(e, str) else "Submitted:" + e.query for e in pilot.app.messages]
        assert sent[-4:] == ["s", "se", "sea", "Submitted:sea"]
        bar.show(SearchState("sea", 2, 17, wrapped=True))
        assert str(bar.query_one(Label).render()) == "3/17  search wrapped"
        bar.show(SearchState("[b]x", None, 0))
        assert str(bar.query_one(Label).render()) == "no match"
        assert bar.query_one(Label).has_class("-no-match")
        await pilot.press("escape")
        assert isinstance(pilot.app.messages[-1], SearchBar.Cancelled)
        assert bar.value == "" and not bar.display


async def test_percent_and_minutes_left_agree(long_article):
    async with Pane(long_article).run_test(size=(100, 30)) as pilot:
        view = await settled(pilot)
        total = view.progress.minutes_left
        for _ in range(6):
            await pilot.press("space")
            left_share = 1 - view.progress.percent / 100
            assert abs(view.progress.minutes_left - total * left_share) <= 1.01


async def test_a_query_with_no_match_goes_back_to_where_the_search_began(long_article):
    async with Pane(long_article).run_test(size=(100, 30)) as pilot:
        view = await settled(pilot)
        await pilot.press("space")
        start, origin = view.scroll_offset.y, view.position
        last = long_article.blocks[-1].text.split()[-1].strip(".,;:!?…”’")
        view.search(last)
        await pilot.pause()
        assert view.search_state.total and view.scroll_offset.y != start
        view.search(last + "qqqzz")
        await pilot.pause()
        assert view.search_state.counter == "no match"
        assert view.position == origin
        view.search(last)
        view.search("")
        await pilot.pause()
        assert view.position == origin
