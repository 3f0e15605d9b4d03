"""In-article search from the keyboard: counter, highlights, n/N, wrap-around, Esc."""

from __future__ import annotations

from textual.widgets import Label

from reader.app import ReaderApp
from tests.ui.helpers import settle

SEED_KEEPER = "the-seed-keeper"


def counter(app: ReaderApp) -> str:
    return str(app.reading.search_bar.query_one(Label).render())


def seed_keeper(samples) -> ReaderApp:
    """The app opened straight on one sample (no library scan to wait for)."""
    return ReaderApp(samples / SEED_KEEPER, open_path=samples / SEED_KEEPER)


async def open_seed_keeper(pilot, samples):
    await settle(pilot)
    assert pilot.app.article.title == "The Seed Keeper"


async def test_search_counts_steps_wraps_and_clears(samples):
    app = seed_keeper(samples)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_seed_keeper(pilot, samples)
        reading, view = app.reading, app.reading.view
        assert not reading.searching
        await pilot.press("slash")
        assert reading.searching and app.screen.focused is reading.search_bar.input
        await pilot.press(*"beans")
        await pilot.pause()
        total = view.search_state.total
        assert total > 2
        assert counter(app) == f"1/{total}"
        await pilot.press("enter")  # keep the highlights, back to reading
        await pilot.pause()
        assert app.screen.focused is view and reading.searching
        assert view.search_state.total == total
        await pilot.press("n")
        await pilot.pause()
        assert counter(app) == f"2/{total}"
        await pilot.press("N", "N")
        await pilot.pause()
        assert view.search_state.wrapped
        assert counter(app) == f"{total}/{total}  search wrapped"
        await pilot.press("escape")
        await pilot.pause()
        assert not reading.searching
        assert view.search_state.counter == ""
        await pilot.press("n")  # no search: n does nothing, and says nothing
        assert not reading.searching


async def test_no_match_is_a_state_not_an_error(samples):
    app = seed_keeper(samples)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_seed_keeper(pilot, samples)
        await pilot.press("slash", *"zqxj")
        await pilot.pause()
        assert counter(app) == "no match"
        assert not [n for n in app._notifications if n.severity == "error"]
        await pilot.press("escape")
        await pilot.pause()
        assert not app.reading.searching
        assert app.screen.focused is app.reading.view


async def test_speaker_scope(samples):
    app = seed_keeper(samples)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_seed_keeper(pilot, samples)
        await pilot.press("slash", *"seed")
        await pilot.pause()
        everywhere = app.reading.view.search_state.total
        await pilot.press("ctrl+a")  # the start of the line, then the scope before the words
        await pilot.press(*"q: ")
        await pilot.pause()
        questions_only = app.reading.view.search_state.total
        assert 0 < questions_only < everywhere


async def test_open_article_with_search_highlights_at_a_turn(samples):
    app = ReaderApp(samples)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        app.open_article(samples / SEED_KEEPER, position=(40, 0), search="beans")
        await settle(pilot)
        view = app.reading.view
        assert app.article.title == "The Seed Keeper"
        assert app.reading.searching and view.search_state.total > 0
        assert view.position[0] == 40


async def test_letters_typed_in_one_burst_after_slash_reach_the_box(samples):
    """A fast typist (or a terminal paste) sends `/seed` before the app is idle again."""
    from textual import events

    app = seed_keeper(samples)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_seed_keeper(pilot, samples)
        before = app.reading.view.scroll_offset.y
        for key, char in [("slash", "/"), ("s", "s"), ("e", "e"), ("e", "e"), ("d", "d")]:
            event = events.Key(key, char)
            event.set_sender(app)
            app._driver.send_message(event)  # as the terminal does: no idle between keys
        await pilot.pause()
        await pilot.pause()
        assert app.reading.search_bar.value == "seed"
        assert app.reading.view.search_state.query == "seed"
        assert app.reading.view.scroll_offset.y >= before  # `d` did not run as half-page
        await pilot.press("slash")  # inside the box, `/` is a character like any other
        assert app.reading.search_bar.value == "seed/"


async def test_slash_again_starts_a_new_query(samples):
    app = seed_keeper(samples)
    async with app.run_test(size=(120, 40)) as pilot:
        await open_seed_keeper(pilot, samples)
        await pilot.press("slash", *"seed", "enter", "slash", *"bean", "enter")
        assert app.reading.view.search_state.query == "bean"
        await pilot.press("slash", "enter")  # Enter alone keeps the search as it was
        assert app.reading.view.search_state.query == "bean"
