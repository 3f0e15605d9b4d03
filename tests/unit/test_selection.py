"""core/selection.py and Reading's selection: start, extend by word, sentence, turn and
line, across turns; what a line paints."""

from __future__ import annotations

from pathlib import Path

import pytest

from reader.core import model as m
from reader.core import selection as sel
from reader.core.bundle import load_bundle
from reader.core.reading import Reading, Shown

FIXTURE = Path(__file__).parent.parent / "fixtures" / "pane" / "three-voices.md"


@pytest.fixture(scope="module")
def article() -> m.Article:
    return load_bundle(FIXTURE).article


def words(article: m.Article, selection: sel.Selection) -> str:
    (b1, o1), (b2, o2) = selection.span
    if b1 == b2:
        return article.blocks[b1].text[o1:o2]
    parts = [article.blocks[b1].text[o1:]]
    parts += [article.blocks[b].text for b in range(b1 + 1, b2)]
    return "|".join([*parts, article.blocks[b2].text[:o2]])


def block_of(article: m.Article, text: str) -> int:
    return next(i for i, b in enumerate(article.blocks) if text in b.text)


def test_word_sentence_and_turn_motions(article):
    b = block_of(article, "Always by the sea")
    start = sel.word_at(article, (b, 0))
    assert words(article, start) == "By"
    head = sel.next_word(article, start.head)
    assert article.blocks[b].text[: head[1]] == "By the"
    head = sel.next_sentence(article, start.head)
    assert article.blocks[b].text[: head[1]] == "By the sea."
    assert sel.previous_sentence(article, head) == (b, 0)
    assert sel.next_turn(article, (b, 3)) == (b, len(article.blocks[b].text))
    assert sel.next_turn(article, (b, len(article.blocks[b].text)))[0] == b + 1
    assert sel.previous_turn(article, (b, 5)) == (b, 0)
    assert sel.previous_turn(article, (b, 0)) == (b - 1, 0)


def test_motions_cross_turns_and_stop_at_the_ends(article):
    b = block_of(article, "Always by the sea")
    end = (b, len(article.blocks[b].text))
    assert sel.next_word(article, end) == (b + 1, len("I"))
    assert sel.previous_word(article, (b + 1, 0))[0] == b
    last = len(article.blocks) - 1
    tail = (last, len(article.blocks[last].text))
    assert sel.next_word(article, tail) == tail and sel.previous_word(article, (0, 0)) == (0, 0)


def test_a_reading_selects_a_shown_match_or_the_first_word_on_top(article):
    reading = Reading(article, 60, page=10)
    reading.layout.finish()
    first = reading.select()
    assert words(article, first) == article.blocks[0].text.split()[0]
    reading.find("harbour")
    chosen = reading.select()
    assert words(article, chosen) == "harbour"


def test_extending_by_lines_and_across_a_turn(article):
    reading = Reading(article, 30, page=10)
    reading.layout.finish()
    b = block_of(article, "Always by the sea")
    reading.nav.go_to((b, 0))
    reading.select()
    reading.extend("line")
    one = words(article, reading.selection)
    assert one.startswith("By the sea.") and len(one) <= 30
    reading.extend("turn")
    reading.extend("turn")
    assert words(article, reading.selection).endswith("the sea is a kind of weather.")
    assert reading.selection.head[0] == b + 1
    reading.extend("back_line")
    assert reading.selection.head[0] == b + 1 and reading.selection.head[1] > 0


def test_painted_marks_cover_the_selection_and_highlights_on_each_line(article):
    reading = Reading(article, 30, page=10)
    reading.layout.finish()
    b = block_of(article, "Always by the sea")
    text = article.blocks[b].text
    start, end = (b, text.index("Always")), (b, text.index("My father"))
    reading.highlights = [Shown("h1", start, end, "green")]
    reading.selection = sel.Selection((b, 0), (b + 1, 5))
    painted = []
    for y in range(reading.layout.height):
        line = reading.layout.line(y)
        for lo, hi, what in reading.painted(line):
            painted.append((what, line.paragraph.text[lo:hi]))
    green = " ".join(t for what, t in painted if what == "highlight-green")
    assert green.strip() == "Always by the sea."
    chosen = [t for what, t in painted if what == "selection"]
    assert chosen[0].startswith("By the sea") and chosen[-1] == "I gre"


def test_keys_act_on_the_highlight_just_made_while_it_is_on_screen(article):
    reading = Reading(article, 60, page=40)
    reading.layout.finish()
    b = block_of(article, "Always by the sea")
    first = Shown("first", (b, 0), (b, 6), "yellow")
    later = Shown("later", (b + 1, 0), (b + 1, 5), "green")
    far = Shown("far", (len(article.blocks) - 1, 0), (len(article.blocks) - 1, 3), "blue")
    reading.highlights = [first, later, far]
    assert reading.highlight_in_view() == first  # the first that starts on screen
    reading.current_highlight = "later"  # just made, or gone to
    assert reading.highlight_in_view() == later
    reading.current_highlight = "far"  # not on screen: the one on screen again
    assert reading.highlight_in_view() == first
