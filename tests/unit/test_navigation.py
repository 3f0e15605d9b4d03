"""core/navigation.py: the reader's place as an anchor, movement keys and jumps, on plain data
(no terminal: a `Layout` and a page height stand for the pane)."""

from __future__ import annotations

from pathlib import Path

from reader.core import model as m
from reader.core.layout import Layout
from reader.core.navigation import Anchor, JumpTargets, Navigator


def finished(article: m.Article, width: int = 60) -> Layout:
    layout = Layout(article, width)
    layout.finish()
    return layout


def top_text(nav: Navigator) -> str:
    line = nav.layout.line(nav.top())
    assert line is not None
    return "".join(text for text, _ in line.prefix) + line.text


def test_targets_are_the_questions_and_the_changes_of_speaker(article):
    targets = JumpTargets.of(article)
    assert targets.questions == article.question_blocks()
    speakers = [article.blocks[i].speaker for i in targets.speaker_changes]
    assert speakers[:4] == ["ME", "OV", "IC", "ME"]
    assert all(a != b for a, b in zip(speakers, speakers[1:], strict=False))


def test_a_turn_resumed_after_a_picture_is_not_a_new_target():
    blocks = [
        m.Block(m.TURN, 1, [m.Paragraph("Why?", 1)], speaker="Q", role="interviewer"),
        m.Block(m.IMAGE, 2, [m.Paragraph("caption", 2)]),
        m.Block(
            m.TURN, 3, [m.Paragraph("And?", 3)], speaker="Q", role="interviewer", continued=True
        ),
        m.Block(m.TURN, 4, [m.Paragraph("Yes.", 4)], speaker="A", role="subject"),
    ]
    article = m.Article("t", Path("x"), Path("x"), Path("x"), blocks=blocks)
    assert JumpTargets.of(article) == JumpTargets([0], [0, 3])


def test_lines_and_pages_move_the_top(article):
    nav = Navigator(finished(article), page=10)
    nav.scroll_by(2)
    assert nav.top() == 2
    nav.page_down()
    assert nav.top() == 2 + 9  # one line of the last page stays in view
    nav.half_page_up()
    assert nav.top() == 11 - 5
    nav.scroll_by(-100)
    assert nav.top() == 0 and nav.position == (0, 0)


def test_the_view_stays_inside_the_article(article):
    nav = Navigator(finished(article), page=10)
    nav.scroll_by(10_000)
    assert nav.top() == nav.max_top() == nav.layout.height - 10
    assert nav.at_end()
    nav.home()
    assert nav.top() == 0 and not nav.at_end()


def test_end_shows_the_last_screenful_exactly(long_article):
    nav = Navigator(Layout(long_article, 60), page=20)  # not wrapped yet: heights estimated
    nav.end()
    assert nav.top() == nav.layout.height - 20 and nav.at_end()
    last = nav.layout.line(nav.layout.height - 1)
    assert last is not None and last.block == len(long_article.blocks) - 1


def test_questions_jump_to_the_label_line_and_stop_at_the_ends(article):
    nav = Navigator(finished(article), page=8)
    nav.next_question()
    assert top_text(nav) == "Mara Ellison: Where did you grow up?"
    assert nav.current_question() == nav.position[0] == article.question_blocks()[0]
    nav.next_question()
    assert top_text(nav).startswith("Mara Ellison: Tell me about the first map")
    nav.prev_question()
    nav.prev_question()
    assert top_text(nav) == "Mara Ellison: Where did you grow up?"  # none before the first


def test_speaker_changes_step_through_the_voices(article):
    nav = Navigator(finished(article), page=8)
    names = []
    for _ in range(4):
        nav.next_speaker()
        names.append(top_text(nav).split(":")[0])
    assert names == ["Mara Ellison", "Oskar Vale", "Ines Calder", "Mara Ellison"]
    nav.prev_speaker()
    assert top_text(nav).startswith("Ines Calder: I grew up inland")


def test_the_current_question_is_the_last_one_at_or_before_the_top(article):
    nav = Navigator(finished(article), page=8)
    assert nav.current_question() is None  # the introduction
    first, second = article.question_blocks()[:2]
    nav.go_to((first + 1, 0))  # the answer to the first question
    assert nav.current_question() == first
    nav.go_to((second, 3))
    assert nav.current_question() == second


def test_at_the_end_the_current_question_is_the_last_one_on_screen(article):
    nav = Navigator(finished(article), page=30)
    nav.end()
    last = article.question_blocks()[-1]
    assert nav.position[0] < last  # the top line is in an earlier answer…
    assert nav.current_question() == last  # …but the last question is being read


def test_go_to_puts_a_place_on_top_or_only_brings_it_into_view(article):
    nav = Navigator(finished(article, 40), page=6)
    block = len(article.blocks) - 2
    nav.go_to((block, 10))
    assert nav.position == (block, 10) and nav.shows((block, 10))
    nav.home()
    nav.go_to((0, 0), top=False)  # already on screen: nothing moves
    assert nav.top() == 0
    nav.go_to((block, 10), top=False)  # off screen: centred
    y = nav.layout.line_of(block, 10)
    assert nav.top() <= y < nav.top() + 6 and y - nav.top() in (2, 3)


def test_the_anchor_keeps_the_place_across_a_new_width(long_article):
    nav = Navigator(Layout(long_article, 90), page=20)
    block = len(long_article.blocks) // 2
    nav.go_to((block, 150))
    nav.layout = Layout(long_article, 40)  # narrower: many more lines above
    line = nav.layout.line(nav.top())
    assert line is not None and line.block == block and line.offset <= 150 <= line.offset_end + 1


def test_the_anchor_survives_estimated_heights_becoming_exact(long_article):
    layout = Layout(long_article, 60)
    block = len(long_article.blocks) - 40
    nav = Navigator(layout, page=20, anchor=Anchor((block, 0)))
    before = nav.layout.line(nav.top())
    layout.finish()  # the line counts above the place change
    after = nav.layout.line(nav.top())
    assert before is not None and after is not None
    assert (before.block, before.offset) == (after.block, after.offset) == (block, 0)


def test_scrolling_to_a_line_ties_the_anchor_to_its_first_character(article):
    nav = Navigator(finished(article, 40), page=5)
    for y in range(0, nav.max_top()):
        nav.scroll_to(y)
        assert nav.top() == y
        assert nav.position == nav.layout.position_at(y)


def test_an_empty_article_does_not_move():
    article = m.Article("empty", Path("x"), Path("x"), Path("x"))
    nav = Navigator(Layout(article, 40), page=10)
    for move in (nav.page_down, nav.end, nav.next_question, nav.prev_speaker, nav.home):
        move()
        assert nav.top() == 0 and nav.position == (0, 0)
    assert nav.current_question() is None and nav.at_end()
