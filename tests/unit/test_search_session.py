"""core/search_session.py: searching as the reader types and steps, on plain data: where the
search starts, wrapping, going back when nothing matches, going on from the screen."""

from __future__ import annotations

import dataclasses

from reader.core import model as m
from reader.core.layout import HEADER, Layout
from reader.core.search_session import PAUSE_FROM, SearchMove, SearchSession, SearchState


def hit_text(article: m.Article, move: SearchMove) -> str:
    assert move.reveal is not None
    block, start = move.reveal
    return article.blocks[block].text[start : start + 7]


def test_the_first_hit_is_the_first_at_or_after_where_the_search_began(article):
    session = SearchSession(article)
    later = (article.question_blocks()[1], 0)
    move = session.search("harbour*", later)
    assert move.state.counter == "2/5" and not move.state.wrapped
    assert hit_text(article, move) == "harbour" and move.reveal[0] > later[0]


def test_a_bad_query_is_explained_in_the_state(article):
    move = SearchSession(article).search("h*", (0, 0))
    assert move.state.error == "type at least 2 letters before a *" and move.state.total == 0


def test_typing_more_keeps_the_origin(article):
    session = SearchSession(article)
    start = (3, 0)
    session.search("ha*", start)
    move = session.search("harbour*", (9, 0))  # the view moved to the first "h"
    assert move.state.counter == "2/5"  # still counted from where the search began


def test_past_the_last_hit_the_search_wraps_and_says_so(article):
    session = SearchSession(article)
    move = session.search("harbour*", (len(article.blocks) - 1, 0))
    assert move.state.wrapped and move.state.counter == "1/5"
    steps = [session.step(1, (0, 0), current_shown=True).state for _ in range(5)]
    assert [s.counter for s in steps] == ["2/5", "3/5", "4/5", "5/5", "1/5"]
    assert [s.wrapped for s in steps] == [False, False, False, False, True]
    back = session.step(-1, (0, 0), current_shown=True).state
    assert back.counter == "5/5" and back.wrapped


def test_after_scrolling_away_n_goes_on_from_the_screen(article):
    session = SearchSession(article)
    session.search("harbour*", (0, 0))
    screen = (article.question_blocks()[2], 0)
    after = session.step(1, screen, current_shown=False)
    assert after.reveal is not None and after.reveal >= screen
    session.search("harbour*", (0, 0))
    before = session.step(-1, screen, current_shown=False)
    assert before.reveal is not None and before.reveal < screen


def test_no_match_goes_back_to_where_the_search_began(article):
    session = SearchSession(article)
    origin = (2, 5)
    session.search("harbour", origin)
    move = session.search("harbourzzz", (9, 0))
    assert move.state.counter == "no match" and move.back_to == origin and move.reveal is None
    assert session.search("harbourzzz", origin).back_to is None  # already there
    move = session.search("", (9, 0))
    assert move.state == SearchState("") and move.back_to == origin


def test_an_unknown_speaker_is_explained(article):
    session = SearchSession(article)
    assert session.search("speaker:zed sea", (0, 0)).state.error == "no speaker 'zed'"
    assert session.search("speaker:ov sea", (0, 0)).state.total == 2


def test_clear_forgets_the_hits_and_the_origin(article):
    session = SearchSession(article)
    session.search("sea", (4, 0))
    assert session.clear() == SearchState() == session.state and session.current is None
    assert session.step(1, (0, 0), current_shown=True).state == SearchState()
    move = session.search("sea", (0, 0))
    assert move.state.counter == "1/" + str(move.state.total)


def test_marks_cover_the_hits_on_a_line_and_flag_the_current_one(article):
    layout = Layout(article, 30)
    layout.finish()
    session = SearchSession(article)
    session.search('"coast that was not there"', (0, 0))
    marked = []
    for y in range(layout.height):
        line = layout.line(y)
        for start, end, current in session.marks(line):
            marked.append((line.paragraph.text[start:end], current))
    assert len(marked) == 2  # one hit broken over two lines, marked on both
    assert "".join(t for t, _ in marked).replace(" ", "") == "coastthatwasnotthere"
    assert all(current for _, current in marked)


def test_the_header_is_never_marked(article):
    """The dek was marked where the first block had a hit, at the same offsets: the
    header's lines carry block -1, which the index took for block 0."""
    layout = Layout(article, 30)
    layout.finish()
    first = article.blocks[0].text
    word = next(w for w in first.split() if w.isalpha() and len(w) > 3)
    assert first.index(word) < len(article.dek)  # where a dek line would be marked
    session = SearchSession(article)
    assert session.search(word, (0, 0)).state.counter  # found in the body
    header = [layout.line(y) for y in range(layout.unit_start(1))]
    assert header and all(line.block == HEADER for line in header)
    assert not any(session.marks(line) for line in header)
    body = [layout.line(y) for y in range(layout.unit_start(1), layout.height)]
    assert any(session.marks(line) for line in body)


def test_the_index_is_built_once(article):
    session = SearchSession(article)
    session.prepare()
    index = session.index
    session.search("sea", (0, 0))
    session.search("harbour", (0, 0))
    assert session.index is index


def test_typing_waits_for_a_pause_only_in_a_very_long_article(article):
    """Up to PAUSE_FROM characters (some 350,000 words) each keystroke is searched at once."""
    body = sum(len(block.text) for block in article.blocks)
    assert not SearchSession(article).pauses
    copies = PAUSE_FROM // body + 1
    long = dataclasses.replace(article, blocks=article.blocks * copies)
    assert SearchSession(long).pauses
    shorter = dataclasses.replace(article, blocks=article.blocks * (copies - 2))
    assert not SearchSession(shorter).pauses


def test_search_state_counter():
    assert SearchState().counter == ""
    assert SearchState("sea", None, 0).counter == "no match"
    assert SearchState("sea", 2, 17).counter == "3/17"
