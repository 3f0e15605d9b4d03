"""Item 2 in the app: markup-looking text from a bundle, a folder name, a search or a theme
file shows literally everywhere — title bar, reading pane, sidebar, outline, captions,
library rows, notifications, search bars, the command palette — with no link and no action."""

from __future__ import annotations

from rich.cells import cell_len

from reader.app import ReaderApp
from reader.paths import config_dir
from tests.hostile.conftest import write_hostile_bundle
from tests.ui.helpers import notifications, settle, visible_text

CLICK = "[@click=app.quit]q[/]"


def live_segments(app) -> list[str]:
    """Text drawn with a link or an action attached (Textual keeps actions in style meta)."""
    found = []
    for strip in app.screen._compositor.render_strips():
        for segment in strip:
            style = segment.style
            if style is not None and (style.link or "@click" in (style.meta or {})):
                found.append(segment.text)
    return found


def assert_literal(app, *texts: str) -> None:
    """Each text on some row of the screen as typed (the panes share rows, so not across)."""
    rows = visible_text(app).splitlines()
    for text in texts:
        assert any(text in row for row in rows), text
    assert live_segments(app) == []


async def test_markup_is_shown_literally_everywhere(tmp_path):
    library = tmp_path / "library"
    write_hostile_bundle(library, name="a-hostile")
    broken = library / "[@click=app.quit]broken[b]"
    broken.mkdir()
    (broken / "article.toml").write_text("title = [bold]\n")
    (broken / "article.md").write_text("Q: x\n")
    themes = config_dir() / "themes"
    themes.mkdir(parents=True)
    (themes / "mine.toml").write_text(f'name = "[b]Mine[/b] {CLICK}"\nprimary = "#336699"\n')

    app = ReaderApp(library)
    async with app.run_test(size=(160, 50)) as pilot:
        await settle(pilot)
        assert app.article is not None
        assert_literal(app, "[bold]x[/bold]", "[link=https://x]y[/link]", CLICK, "[$accent]")
        for y, row in enumerate(visible_text(app).splitlines()):  # click every "[@click=…"
            if "[@click" in row:
                await pilot.click(offset=(cell_len(row[: row.index("[@click")]) + 3, y))
        assert app.is_running
        await pilot.press("G", "o")  # the outline, and the end of the piece
        assert_literal(app, "[love of]")

        rows = app.reading.library.entry_list  # open the broken bundle: its error names the folder
        rows.focus()
        await pilot.pause()  # focus moves on the next idle: the keys must not reach the outline
        assert app.screen.focused is rows
        broken_row = next(i for i, e in enumerate(rows.shown()) if e.broken)
        rows.highlighted = 2 * broken_row  # a rule follows each row
        await pilot.press("enter")
        for _ in range(50):  # opening runs in a worker: wait for its word, on a busy machine too
            if any("[@click=app.quit]broken[b]" in n for n in notifications(app)):
                break
            await pilot.pause(0.1)
        assert any("[@click=app.quit]broken[b]" in n for n in notifications(app))
        assert_literal(app, "[@click=app.quit]broken[b]")

        app.reading.view.focus()
        await pilot.press("slash", *"[bold]", "enter")  # in-article search
        await pilot.pause()
        assert app.reading.view.search_state.total > 0
        assert_literal(app, "[bold]x[/bold]")
        await pilot.press("v", "h", "a")  # a highlight, and a note that looks like an action
        await pilot.pause()
        await pilot.press(*f"[b]note[/b] {CLICK}", "enter")
        await pilot.pause()
        assert_literal(app, f"✎ [b]note[/b] {CLICK}")  # the sidebar's row
        await pilot.press("escape")

        await pilot.press("ctrl+p", *"[b")  # the palette reads titles as markup
        await pilot.pause()
        assert_literal(app, f"Theme: [b]Mine[/b] {CLICK}")
        await pilot.press("escape")

        await pilot.press("ctrl+f", *"love")  # library search results
        await settle(pilot)
        assert_literal(app, "[love of]")
        await pilot.press(*["backspace"] * 4, *"note")  # the note, found as the reader's
        await settle(pilot)
        assert_literal(app, f"✎ Your note: [b]note[/b] {CLICK}", "on “bold”")
        await pilot.press("escape")
        assert app.is_running
