"""The sidebar as a reader meets it: no repeated title, sections that fold (by hand, and by
themselves when short), an outline of the questions that uses the width, numbered in one
column, marking the question read — at the end of the piece too."""

from __future__ import annotations

from reader.app import ReaderApp
from reader.widgets.outline import Outline
from reader.widgets.sidebar import Section
from tests.ui.helpers import settle, visible_text


def sidebar_text(app: ReaderApp) -> str:
    sidebar = app.reading.sidebar
    x = sidebar.region.x
    return "\n".join(line[x:] for line in visible_text(app).splitlines())


async def test_the_sidebar_does_not_repeat_the_top_of_the_article(samples):
    bundle = samples / "the-seed-keeper"
    app = ReaderApp(bundle, open_path=bundle)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        text = sidebar_text(app)
        assert app.article.title not in text and app.article.dek[:30] not in text
        for title in ("About", "Participants  2", "Pictures  3", "Outline  61"):
            assert f"▾ {title}" in text or f"▸ {title}" in text


async def test_a_section_folds_by_hand_and_stays_folded(samples):
    bundle = samples / "the-seed-keeper"
    app = ReaderApp(bundle, open_path=bundle)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        people = app.reading.query_one("#people", Section)
        outline = app.reading.query_one(Outline)
        rows = outline.size.height
        assert not people.collapsed
        people.query_one("CollapsibleTitle").focus()
        await pilot.press("enter")
        await pilot.pause()
        assert people.collapsed and people.chosen
        assert outline.size.height > rows  # the outline takes the rows freed
        await pilot.resize_terminal(120, 24)
        await pilot.resize_terminal(120, 60)
        await pilot.pause()
        assert people.collapsed  # the reader's choice stands
        assert not app.reading.query_one("#about", Section).collapsed  # room again: open


async def test_a_short_sidebar_folds_about_first_and_keeps_the_outline(samples):
    bundle = samples / "the-seed-keeper"
    app = ReaderApp(bundle, open_path=bundle)
    async with app.run_test(size=(100, 24)) as pilot:
        await settle(pilot)
        assert app.reading.query_one("#about", Section).collapsed
        assert app.reading.query_one(Outline).size.height >= 8


async def test_the_outline_uses_the_width_aligns_numbers_and_marks_the_end(samples):
    bundle = samples / "the-seed-keeper"  # 61 questions
    app = ReaderApp(bundle, open_path=bundle)
    async with app.run_test(size=(200, 50)) as pilot:
        await settle(pilot)
        outline = app.reading.query_one(Outline)
        prompts = [outline.row_text(i) for i in range(outline.option_count)]
        questions = [p for p in prompts if p.strip()[0].isdigit() or p.startswith("▶")]
        assert questions[0].startswith("   1. ") and questions[9].startswith("  10. ")
        assert outline.size.width > 40  # the sidebar grows on a wide screen
        await pilot.press("G")
        await pilot.pause()
        assert outline.current == app.article.question_blocks()[-1]


async def test_the_outline_follows_the_question_read_a_screenful_at_a_time(samples):
    """Paging down a piece of 61 questions: the question read is always marked and shown in
    the outline, which scrolls once per screenful of questions, not at every question."""
    bundle = samples / "the-seed-keeper"
    app = ReaderApp(bundle, open_path=bundle)
    async with app.run_test(size=(120, 40)) as pilot:
        await settle(pilot)
        outline = app.reading.query_one(Outline)
        tops, rows = set(), set()
        for _ in range(60):
            await pilot.press("space")
            await pilot.pause()
            if outline.current is None:
                continue
            row = outline.row_of[outline.current]
            top, shown = round(outline.scroll_y), outline.scrollable_content_region.height
            assert top <= row < top + shown  # the question read is in view
            tops.add(top)
            rows.add(row)
        passed = max(rows) - min(rows)
        assert passed > 2 * shown  # the marker went through more than two screenfuls
        assert len(tops) <= passed // (shown - 2) + 2  # the outline moved once for each
