"""Times in the reading pane's core: the time at a place, "go to time", the time piece before a
speaker's name, and hiding it — on plain data, without a terminal."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core import model as m
from reader.core.bundle import load_bundle
from reader.core.layout import TIME, Layout
from reader.core.reading import Reading
from reader.core.timeline import Timeline, read_time

FERRY = Path(__file__).resolve().parents[1] / "fixtures" / "pane" / "night-ferry-podcast.md"


@pytest.fixture(scope="module")
def ferry() -> m.Article:
    article = load_bundle(FERRY).article
    assert article is not None
    return article


def starts(article: m.Article) -> list[tuple[int, float | None]]:
    return [(i, b.start) for i, b in enumerate(article.blocks)]


def test_the_time_at_a_block_is_its_start_or_the_last_one_above(ferry):
    timeline = Timeline(ferry)
    heading = next(i for i, b in enumerate(ferry.blocks) if b.kind == m.HEADING)
    assert ferry.blocks[heading].start is None
    assert timeline.time_at(heading) == ferry.blocks[heading - 1].start == 4 * 60 + 46
    assert timeline.time_at(0) == 5.0
    assert timeline.span() == "0:05 to 1:04:10"


def test_go_to_time_finds_the_turn_that_covers_it(ferry):
    timeline = Timeline(ferry)

    def landed(seconds: float) -> tuple[str | None, float, str]:
        jump = timeline.covering(seconds)
        assert jump is not None
        return ferry.blocks[jump.block].speaker, jump.start, jump.note

    assert landed(12 * 60 + 31) == ("Lena Marsh", 751.0, "")  # exactly a turn's start
    assert landed(12 * 60 + 50) == ("Tove Aaland", 757.0, "")  # inside the answer
    assert landed(3) == (None, 5.0, "0:03 is before the first time (0:05)")
    assert landed(2 * 3600) == (None, 3838.0, "2:00:00 is past the end (1:04:10)")
    assert landed(3845) == (None, 3838.0, "")  # within the recording, after the last time


def test_times_that_go_back_never_send_a_jump_backwards():
    blocks = [
        m.Block(m.TURN, i, [m.Paragraph("x", i)], "A", start=s)
        for i, s in enumerate((10, 50, 30, 60))
    ]
    article = m.Article("t", Path("t.md"), Path("t.md"), Path("t.md"), blocks=blocks)
    timeline = Timeline(article)
    assert timeline.covering(40).block == 0  # the block at 30 comes after the one at 50
    assert timeline.covering(55).block == 2  # after the block at 50, never back before it
    assert timeline.covering(61).block == 3
    untimed = m.Article("u", Path("u.md"), Path("u.md"), Path("u.md"), blocks=[m.Block(m.TURN, 1)])
    assert Timeline(untimed).covering(10) is None and not Timeline(untimed).timed


@pytest.mark.parametrize(
    ("typed", "seconds"),
    [("12:31", 751.0), (" 1:02:03 ", 3723.0), ("00:12:31.5", 751.5), ("90:00", 5400.0)],
)
def test_reading_what_the_reader_types(typed, seconds):
    assert read_time(typed) == seconds


@pytest.mark.parametrize(
    ("typed", "why"),
    [("", "type a time"), ("12", "not a time"), ("1:75", "75 seconds"), ("soon", "not a time")],
)
def test_what_the_reader_types_wrong_says_why(typed, why):
    with pytest.raises(ValueError, match=why):
        read_time(typed)


def first_line(layout: Layout, block: int):
    return next(
        layout.line(y)
        for y in range(layout.height)
        if layout.line(y).block == block and layout.line(y).paragraph is not None
    )


def test_the_time_stands_dimmed_before_the_name_and_can_be_hidden(ferry):
    layout = Layout(ferry, 72)
    layout.finish()
    first = first_line(layout, 1)
    assert first.prefix == (("0:12 ", TIME), ("Lena Marsh: ", "speaker-1"))
    assert first.text.startswith("Tove, you have run")
    assert first_line(layout, 0).prefix == (("0:05 ", TIME),)
    late = next(i for i, b in enumerate(ferry.blocks) if b.start == 3675)
    assert first_line(layout, late).prefix[0] == ("1:01:15 ", TIME)
    hidden = Layout(ferry, 72, times=False)
    hidden.finish()
    assert first_line(hidden, 1).prefix == (("Lena Marsh: ", "speaker-1"),)
    # a continuation paragraph never carries a time
    assert all(
        TIME not in [role for _, role in layout.line(y).prefix]
        for y in range(layout.height)
        if layout.line(y).offset > 0
    )


def test_reading_goes_to_a_time_and_keeps_the_place_when_times_hide(ferry):
    reading = Reading(ferry, 60, page=10)
    jump = reading.go_to_time(21 * 60 + 7)
    assert jump is not None and ferry.blocks[jump.block].text == "Were you afraid?"
    top = reading.layout.line(reading.top())
    assert top.block == jump.block and top.prefix[0] == ("21:05 ", TIME)
    progress = reading.progress()
    assert progress.time == 21 * 60 + 5
    reading.nav.scroll_by(3)  # into the answer below: its time
    assert reading.progress().time == 21 * 60 + 8
    place = reading.position
    assert reading.show_times(False) and reading.position == place
    assert not reading.show_times(False)  # already hidden: nothing to lay out
    assert all(TIME not in [r for _, r in reading.layout.line(y).prefix] for y in range(30))
    resized = reading.resize(50, 10) and reading.layout.times is False
    assert resized


def test_an_untimed_article_has_no_time_anywhere(tmp_path):
    path = tmp_path / "plain.md"
    path.write_text('+++\ntitle = "Plain"\n+++\n\nQ: One?\n\nA: Two.\n', encoding="utf-8")
    article = load_bundle(path).article
    reading = Reading(article, 60, page=10)
    assert reading.progress().time is None and reading.go_to_time(10) is None
    assert not article.timed
