"""Pictures in the layout: their lines counted from the header alone, anchored to their block,
and the reader's place kept across a picture when the layout changes (a new width or view
height, pictures hidden or shown)."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core import model as m
from reader.core import picture_decode
from reader.core.bundle import load_bundle
from reader.core.layout import BLANK, CAPTION, HEADER, PICTURE, Layout, picture_height
from reader.core.pictures import ArticlePictures, PictureCache
from reader.core.reading import Reading
from tests.helpers import make_dir_bundle
from tests.picture_files import bilevel_png, encoded, stripes

RED, BLUE = (255, 0, 0), (0, 0, 255)
TOML = """\
title = "Pictures"
[speakers.ME]
name = "Mara Ellison"
role = "interviewer"
[speakers.OV]
name = "Oskar Vale"
[[images]]
file = "lead.png"
caption = "The lead"
header = true
"""
ANSWER = "It was a long way down to the water, and the light went early. " * 4
BODY = f"""\
ME: Where was it taken?

OV: {ANSWER}

![The harbour, wide.](wide.png "Photo: O. V.")

OV: {ANSWER}

![A bomb of a file.](bomb.png)

![A picture that is not there.](gone.png)

ME: And the tall one?

![The lighthouse.](tall.png)

OV: {ANSWER * 12}
"""


@pytest.fixture(scope="module")
def article(tmp_path_factory) -> m.Article:
    files = {
        "lead.png": encoded(stripes((60, 40), [RED, BLUE]), "PNG"),  # 60 × 20 cells at most
        "wide.png": encoded(stripes((400, 100), [RED, BLUE]), "PNG"),
        "tall.png": encoded(stripes((100, 400), [RED, BLUE]), "PNG"),
        "bomb.png": bilevel_png(30_000, 30_000),
    }
    folder = make_dir_bundle(tmp_path_factory.mktemp("pictures"), BODY, TOML, **files)
    return load_bundle(folder).article


@pytest.fixture
def cache(monkeypatch) -> PictureCache:
    """A cache that fails the test if anything is decoded: the layout reads headers only."""

    def no_decoding(*args, **kwargs):
        raise AssertionError("the layout decoded a picture")

    monkeypatch.setattr(picture_decode, "_decode", no_decoding)
    return PictureCache()


def block_of(article: m.Article, file: str) -> int:
    return next(i for i, b in enumerate(article.blocks) if b.image and b.image.file == file)


def finished(article: m.Article, cache: PictureCache | None, width=50, height=10) -> Layout:
    sizes = ArticlePictures.of(cache, article) if cache is not None else None
    layout = Layout(article, width, sizes, height)
    layout.finish()
    return layout


def roles(layout: Layout, block: int) -> list[str]:
    return [line.role for line in layout.unit_lines(block + 1)]


# -- lines -------------------------------------------------------------------------------------
def test_a_picture_takes_the_lines_its_header_size_needs_above_its_caption(article, cache):
    layout = finished(article, cache, width=50, height=10)
    wide = block_of(article, "wide.png")
    # 400 × 100 pixels in 50 columns: 50 × 12.5 pixels, two pixel rows a line → 6 lines.
    assert roles(layout, wide) == [BLANK] + [PICTURE] * 6 + [CAPTION]
    rows = [line for line in layout.unit_lines(wide + 1) if line.picture]
    assert [(line.picture.row, line.picture.rows) for line in rows] == [(i, 6) for i in range(6)]
    assert all(line.picture.image is article.blocks[wide].image for line in rows)
    assert all(line.block == wide and line.anchor and line.offset == 0 for line in rows)


def test_a_tall_picture_stops_at_the_picture_height_and_a_small_one_is_not_enlarged(article, cache):
    layout = finished(article, cache, width=70, height=10)
    assert layout.picture_rows(block_of(article, "tall.png")) == 10
    # The 60 × 40 lead picture needs 20 lines, so it is shrunk to 10; given 30, it keeps 20.
    assert layout.picture_rows(HEADER) == 10
    assert finished(article, cache, width=70, height=30).picture_rows(HEADER) == 20


def test_a_refused_picture_takes_one_line_for_its_note_and_a_missing_one_none(article, cache):
    layout = finished(article, cache)
    assert roles(layout, block_of(article, "bomb.png")) == [BLANK, PICTURE, CAPTION]
    assert roles(layout, block_of(article, "gone.png")) == [BLANK, CAPTION]


def test_the_header_picture_stands_above_its_caption_and_names_no_position(article, cache):
    header = finished(article, cache).unit_lines(0)
    kinds = [line.role for line in header]
    first = kinds.index(PICTURE)
    assert kinds[first - 1] == BLANK and kinds[first + 10] == CAPTION
    assert not any(line.anchor for line in header)


def test_hidden_pictures_leave_the_captions_as_before(article, cache):
    hidden = finished(article, None)
    assert not any(hidden.line(y).picture for y in range(hidden.height))
    assert roles(hidden, block_of(article, "wide.png")) == [BLANK, CAPTION]
    assert hidden.height < finished(article, cache).height


def test_the_tallest_picture_leaves_room_for_its_caption_below_the_middle():
    assert picture_height(40) == 19 and picture_height(37) == 18 and picture_height(3) == 2
    for page in range(5, 80):
        assert page // 2 + picture_height(page) < page  # a centred picture's caption shows


# -- positions ---------------------------------------------------------------------------------
def test_a_picture_is_the_start_of_its_block_and_its_block_starts_with_it(article, cache):
    layout = finished(article, cache)
    wide = block_of(article, "wide.png")
    first = layout.unit_start(wide + 1) + 1  # after the blank line
    for y in range(first, first + 6):
        assert layout.position_at(y) == (wide, 0)
    assert layout.line_of(wide, 0) == layout.block_line(wide) == first


def test_every_line_round_trips_through_the_place(article, cache):
    reading = Reading(article, 50, page=12, pictures=cache)
    layout = reading.layout
    layout.finish()
    for y in range(reading.nav.max_top() + 1):
        reading.nav.scroll_to(y)
        assert reading.top() == y
        line = layout.line(y)
        position = layout.position_at(y)
        if line.paragraph is not None and position != (0, 0):  # text: its own position
            under = line.role == CAPTION and line.offset == 0  # a caption's start is its picture's
            assert layout.line_of(*position) == y - (
                layout.picture_rows(line.block) if under else 0
            )


def top_line(reading: Reading):
    reading.layout.finish()
    return reading.layout.line(reading.top())


@pytest.mark.parametrize(
    ("before", "after"),
    [((50, 30), (50, 12)), ((50, 12), (50, 30)), ((70, 30), (44, 20)), ((44, 12), (90, 40))],
)
def test_a_new_size_keeps_the_place_across_pictures(article, cache, before, after):
    """Every top line of one size, then the other size: text stays on the same character, a
    caption stays on top, a picture's row moves to the same share of the picture."""
    reading = Reading(article, before[0], page=before[1], pictures=cache)
    reading.layout.finish()
    for y in range(reading.nav.max_top() + 1):
        reading.resize(*before)
        reading.nav.scroll_to(y)
        old = top_line(reading)
        reading.resize(*after)
        new = top_line(reading)
        if reading.top() == reading.nav.max_top():
            continue  # the last screenful: the end of the article is at the bottom
        if old.picture is not None and old.block != HEADER:
            assert new.picture is not None and new.picture.image == old.picture.image
            share = old.picture.row / old.picture.rows
            assert abs(new.picture.row - share * new.picture.rows) <= 1
        elif old.role == CAPTION and old.block != HEADER:
            assert (new.role, new.block, new.offset) == (CAPTION, old.block, old.offset)
        elif old.paragraph is not None and old.block != HEADER and old.start == 0:
            assert (new.block, new.offset) == (old.block, old.offset)
        reading.resize(*before)


def test_hiding_pictures_keeps_the_caption_and_the_text_on_top(article, cache):
    reading = Reading(article, 50, page=20, pictures=cache)
    wide = block_of(article, "wide.png")
    caption = reading.layout.line_of(wide, 0) + reading.layout.picture_rows(wide)
    reading.nav.scroll_to(caption)
    assert reading.show_pictures(False) and top_line(reading).role == CAPTION
    assert reading.show_pictures(True) and top_line(reading).role == CAPTION
    reading.nav.scroll_to(reading.layout.line_of(wide, 0) + 3)  # inside the picture
    reading.show_pictures(False)
    assert (top_line(reading).role, top_line(reading).block) == (CAPTION, wide)
    assert not reading.show_pictures(False)  # nothing to change


def test_a_view_height_that_changes_the_picture_height_lays_out_again(article, cache):
    reading = Reading(article, 50, page=30, pictures=cache)
    assert not reading.resize(50, 29)  # the same picture height: nothing to do
    assert reading.resize(50, 20) and reading.layout.picture_height == picture_height(20)
    plain = Reading(article, 50, page=30, pictures=cache, show_pictures=False)
    assert not plain.resize(50, 20)  # no pictures drawn: the height changes nothing


# -- the picture Enter opens -------------------------------------------------------------------
def test_the_picture_in_view_is_the_one_with_the_most_lines_on_screen(article, cache):
    reading = Reading(article, 50, page=12, pictures=cache)
    wide = block_of(article, "wide.png")
    assert reading.picture_in_view() == article.header_image  # the article's top
    reading.nav.go_to((wide, 0))
    assert reading.picture_in_view() == article.blocks[wide].image
    reading.nav.scroll_to(reading.layout.line_of(wide, 0) + 6)  # its caption only, on top
    assert reading.picture_in_view() == article.blocks[block_of(article, "bomb.png")].image
    hidden = Reading(article, 50, page=12, pictures=cache, show_pictures=False)
    hidden.nav.go_to((wide, 0))
    assert hidden.picture_in_view() == article.blocks[wide].image  # by its caption


def test_no_picture_in_view_when_there_is_none(tmp_path, article, cache):
    folder = make_dir_bundle(tmp_path, "ME: One?\n\nOV: Two.\n")
    reading = Reading(load_bundle(folder).article, 50, page=12, pictures=PictureCache())
    assert reading.picture_in_view() is None
    reading = Reading(article, 50, page=3, pictures=cache)  # only the caption of a lost file
    reading.nav.go_to((block_of(article, "gone.png"), 0))
    assert reading.picture_in_view() is None


def test_the_loading_thread_reads_every_header_first(article, monkeypatch):
    cache = PictureCache()
    cache.read_headers(article)
    monkeypatch.setattr(picture_decode, "header_size", lambda *a, **k: pytest.fail("read again"))
    finished(article, cache)  # every size is known: the layout reads no file


def test_an_article_without_a_bundle_folder_of_pictures_lays_out(tmp_path):
    single = tmp_path / "one.md"
    single.write_text("+++\ntitle = 'x'\n+++\n![A caption](nothere.png)\n\nQ: Hi?\n")
    article = load_bundle(single).article
    layout = finished(article, PictureCache())
    assert [line.role for line in layout.unit_lines(1)] == [BLANK, CAPTION]
    assert Path(ArticlePictures.of(PictureCache(), article).base) == tmp_path
