"""core/progress.py and core/reading.py: percent and minutes left from one measure, and one
object per open article."""

from __future__ import annotations

import math
from pathlib import Path

from reader.core import model as m
from reader.core.bundle import load_bundle
from reader.core.progress import ProgressMeter, progress_text
from reader.core.reading import Reading
from tests.fixtures.longform import interview_markdown


def test_words_after_counts_the_words_after_the_position(article):
    meter = ProgressMeter(article)
    assert meter.words_after((0, 0)) == meter.total
    first = article.blocks[0].text
    assert meter.words_after((0, len(first.split()[0]) + 1)) == meter.total - 1
    last = len(article.blocks) - 1
    assert meter.words_after((last, len(article.blocks[last].text))) == 0
    assert meter.words_after((last + 5, 0)) == 0


def test_percent_and_minutes_agree_and_the_end_is_finished(long_article):
    meter = ProgressMeter(long_article)
    assert meter.percent((0, 0), at_end=False) == 0.0
    whole = meter.minutes_left((0, 0), at_end=False)
    assert whole == math.ceil(meter.total / m.WORDS_PER_MINUTE)
    middle = (len(long_article.blocks) // 2, 0)
    share = 1 - meter.percent(middle, at_end=False) / 100
    assert abs(meter.minutes_left(middle, at_end=False) - whole * share) <= 1.01
    assert meter.percent(middle, at_end=True) == 100.0
    assert meter.minutes_left(middle, at_end=True) == 0


def test_a_preview_speaks_of_the_whole_piece_and_its_end_is_not_the_end(tmp_path):
    """Found from outside: at a preview's end the title bar said "100% · read" of a piece
    with hours still to come. The preview's figures are the whole piece's now."""
    path = tmp_path / "long.md"
    path.write_text(interview_markdown(20_000), encoding="utf-8")
    whole = ProgressMeter(load_bundle(path).article)
    preview = load_bundle(path, preview_chars=5_000).article
    assert not preview.complete
    meter = ProgressMeter(preview)
    assert 0 < meter.share < 0.5
    end = (len(preview.blocks) - 1, 0)
    assert meter.percent(end, at_end=True) <= 100 * meter.share + 0.01
    assert meter.minutes_left(end, at_end=True) > 0
    assert abs(meter.minutes_left((0, 0), False) - whole.minutes_left((0, 0), False)) <= 10
    reading = Reading(preview, 72, page=30)
    reading.nav.end()
    reading.moved("bottom")  # going on to the preview's end
    assert not reading.progress().finished


def test_an_empty_article_is_at_zero():
    article = m.Article("empty", Path("x"), Path("x"), Path("x"))
    meter = ProgressMeter(article)
    assert meter.percent((0, 0), at_end=False) == 0.0 and meter.minutes_left((0, 0), False) == 0


def test_a_reading_reports_its_place_and_keeps_it_across_a_new_width(long_article):
    block = len(long_article.blocks) // 2
    reading = Reading(long_article, 72, page=20, position=(block, 0))
    progress = reading.progress()
    assert progress.position == (block, 0) and 0 < progress.percent < 100
    assert long_article.blocks[progress.current_question].is_question
    assert not reading.resize(72, 30)  # only taller: nothing to wrap again
    assert reading.resize(40, 30) and reading.layout.width == 40
    assert reading.position == (block, 0) and reading.nav.layout is reading.layout


def test_a_reading_brings_search_hits_into_view_and_goes_back(article):
    reading = Reading(article, 40, page=6)
    reading.layout.finish()
    state = reading.find("atlas")
    assert state.counter == "1/1"
    hit = reading.search.current
    assert reading.nav.shows((hit.block, hit.start)) and reading.top() > 0
    assert reading.find("atlaszz").counter == "no match"
    assert reading.position == (0, 0) and reading.top() == 0
    reading.find("harbour*")
    first = reading.search.current
    assert reading.next_match().counter == "2/5"
    assert reading.search.current != first and reading.prev_match().counter == "1/5"


def test_a_piece_that_fits_one_screen_opens_at_the_start_and_is_read_once_gone_on(article):
    reading = Reading(article, 200, page=500)
    reading.layout.finish()
    assert reading.nav.at_end()  # all of it shows…
    progress = reading.progress()
    assert progress.percent == 0.0 and progress.minutes_left > 0 and not progress.finished
    reading.nav.page_down()
    reading.moved("page_down")  # …and the reader goes on: it is read
    assert reading.progress().finished and reading.progress().percent == 100.0
    reading.moved("line_up")
    assert reading.progress().finished  # still at the end


def test_a_long_piece_is_read_at_its_end_and_says_where_you_are_after(long_article):
    reading = Reading(long_article, 72, page=30)
    reading.nav.end()
    reading.moved("bottom")
    assert reading.progress().finished and reading.progress().percent == 100.0
    reading.nav.home()
    assert not reading.progress().finished and reading.progress().percent == 0.0


def test_only_going_on_to_the_end_reads_a_piece_never_a_jump_there(long_article):
    reading = Reading(long_article, 72, page=30)
    reading.layout.finish()
    last = len(long_article.blocks) - 1
    reading.nav.show_block(last)  # the outline, a search hit, `--turn N`, the place kept
    assert reading.nav.at_end() and not reading.progress().finished
    assert reading.progress().percent < 100.0
    reading.scroll_to(reading.top() - 3)
    reading.scroll_to(reading.top() + 3)  # the wheel takes it back to the end
    assert reading.progress().finished


def test_a_scroll_to_the_line_on_top_already_moves_nothing(long_article):
    """The pane scrolls itself to `top()` after every key; only the wheel or the scrollbar
    putting another line on top moves the reader (and is reported)."""
    reading = Reading(long_article, 72, page=30)
    reading.nav.go_to((3, 5))
    top, place = reading.top(), reading.nav.anchor
    assert not reading.scroll_to(top)
    assert reading.nav.anchor == place  # not moved to the line's first character
    assert reading.scroll_to(top + 1) and reading.top() == top + 1
    assert reading.scroll_to(top) and reading.top() == top


def test_progress_text_is_one_sentence_for_the_title_bar_and_the_sidebar():
    assert progress_text(42.7, 12, read=False) == "42% · 12 min left"
    assert progress_text(100, 0, read=True) == "100% · read"
    assert progress_text(30, 5, read=True) == "30% · 5 min left · read"
    assert progress_text(30, 5, read=False, times=False) == "30%"


def test_a_reading_reports_only_what_the_title_bar_would_show_differently(long_article):
    reading = Reading(long_article, 72, page=30)
    first = reading.report()
    assert first is not None and first.position == (0, 0)
    assert reading.report() is None  # nothing moved
    reading.move("line_down")  # within the first block: same block, percent and minutes
    assert reading.report() is None
    reading.move("page_down")
    moved = reading.report()
    assert moved is not None and moved.position[0] > 0
    assert Reading(long_article, 72, page=30).report() == first  # a new reading starts anew


def test_a_selection_key_extends_keeps_or_lets_go(article):
    reading = Reading(article, 72, page=20)
    reading.select()
    start = reading.selection
    assert reading.selection_key("word") is None and reading.selection != start
    anchor = reading.selection_key("keep")
    assert anchor is not None and anchor.exact.strip() and reading.selection is None
    reading.select()
    assert reading.selection_key("cancel") is None and reading.selection is None


def test_line_at_names_each_line_by_its_place_in_the_layout(article):
    reading = Reading(article, 72, page=20)
    (unit, row), line = reading.line_at(0)
    assert line is reading.layout.unit_lines(unit)[row] and line is reading.layout.line(0)
    assert reading.line_at(10**6) is None


def test_cells_the_mouse_selects_are_a_selection_of_the_model(article):
    reading = Reading(article, 72, page=20)
    y = next(y for y in range(reading.layout.height) if reading.layout.line(y).paragraph)
    line = reading.layout.line(y)
    before = sum(len(text) for text, _ in line.prefix)
    left = 5  # the 72-cell column centred in an 82-cell pane
    reading.select_cells((y, left + before + 4), (y, left + before + 9), 82)
    at = line.base + line.start
    assert reading.selection.span == ((line.block, at + 4), (line.block, at + 9))
    reading.select_cells((y, 0), (y, left + before + 9), 82)  # from left of the text
    assert reading.selection.span == ((line.block, at), (line.block, at + 9))
    reading.selection = None
    reading.select_cells(None, None, 82)  # from the start to the end
    assert reading.selection.span == ((0, 0), reading.end)
