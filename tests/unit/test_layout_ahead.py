"""core/reading.py: a layout made ahead in the load's thread is taken only when it is the one
the reading would make (the pane may have changed size while it was wrapped)."""

from __future__ import annotations

import pytest

from reader.core.layout import Layout
from reader.core.pictures import PictureCache
from reader.core.reading import Reading, layout_ahead


def made(layout: Layout) -> list[tuple[int, int, int]]:
    layout.finish()
    return [
        (line.block, line.start, line.end) for y in range(layout.height) if (line := layout.line(y))
    ]


def test_a_layout_made_ahead_with_the_same_settings_is_taken(article):
    cache = PictureCache()
    ahead = layout_ahead(article, 50, 20, times=True, pictures=cache, show_pictures=True)
    ahead.finish()
    reading = Reading(article, 50, 20, (3, 0), True, cache, True, ahead=ahead)
    assert reading.layout is ahead and reading.layout.complete
    assert reading.position == (3, 0)
    own = Reading(article, 50, 20, (3, 0), True, cache, True)
    assert made(own.layout) == made(ahead) and own.nav.top() == reading.nav.top()


@pytest.mark.parametrize(
    "changed",
    [
        {"width": 49},
        {"page": 40},  # pictures are drawn at most half the page tall
        {"times": False},
        {"show_pictures": False},
    ],
)
def test_a_layout_made_for_other_settings_is_not(article, changed):
    cache = PictureCache()
    settings = {"width": 50, "page": 20, "times": True, "show_pictures": True} | changed
    ahead = layout_ahead(
        article,
        settings["width"],
        settings["page"],
        times=settings["times"],
        pictures=cache,
        show_pictures=settings["show_pictures"],
    )
    reading = Reading(article, 50, 20, None, True, cache, True, ahead=ahead)
    assert reading.layout is not ahead


def test_a_layout_of_another_article_is_not_taken(article, long_article):
    ahead = layout_ahead(long_article, 50, 20)
    assert Reading(article, 50, 20, ahead=ahead).layout is not ahead
