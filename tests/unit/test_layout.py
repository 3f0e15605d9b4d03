"""core/layout.py: an article's lines, the lazy line index and model positions."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.bundle import load_bundle
from reader.core.layout import BLANK, HEADER, MARGIN, Layout, column_indent, column_width
from reader.core.wrap import text_cells

FIXTURES = Path(__file__).parent.parent / "fixtures"


def shown(layout: Layout) -> list[str]:
    layout.finish()
    out = []
    for y in range(layout.height):
        line = layout.line(y)
        out.append("".join(text for text, _ in line.prefix) + line.text)
    return out


# -- the article layout ------------------------------------------------------------------------
def test_header_has_title_dek_byline_facts_and_a_rule(article):
    layout = Layout(article, 50)
    header = layout.unit_lines(0)
    assert all(line.block == HEADER for line in header)
    roles = [line.role for line in header if line.role != BLANK]
    assert roles == ["title", "dek", "dek", "byline", "meta", "rule"]
    texts = [line.text for line in header]
    assert "Three Voices" in texts and "By Mara Ellison" in texts
    assert "The Test Quarterly · Fixtures · 2024-03-01" in texts


def test_turns_show_the_speaker_and_questions_differ_from_answers(article):
    text = shown(Layout(article, 50))
    assert "Mara Ellison: Where did you grow up?" in text
    assert any(line.startswith("Oskar Vale: By the sea.") for line in text)
    layout = Layout(article, 50)
    question = layout.line(layout.block_line(1))
    answer = layout.line(layout.block_line(2))
    assert question.role == "question" and answer.role == "answer"
    assert question.prefix == (("Mara Ellison: ", "speaker-1"),)
    assert answer.prefix == (("Oskar Vale: ", "speaker-2"),)
    third = layout.line(layout.block_line(3))
    assert third.prefix == (("Ines Calder: ", "speaker-3"),)


def test_a_long_name_in_a_narrow_column_goes_on_its_own_line(article):
    layout = Layout(article, 30)
    label = layout.line(layout.block_line(1))
    assert label.paragraph is None and label.prefix == (("Mara Ellison", "speaker-1"),)
    assert layout.line(layout.block_line(1) + 1).text == "Where did you grow up?"


def test_literal_brackets_are_plain_text(article):
    text = " ".join(shown(Layout(article, 200)))
    assert "[love of]" in text and "[bold]x[/bold]" in text and "[@click=app.quit]x[/]" in text


def test_quotes_lists_images_breaks_and_footnotes(article):
    text = shown(Layout(article, 50))
    assert "│ Every chart is a letter to the past." in text
    assert "• a brass dividers set," in text and "• the wrong chart," in text
    assert text.index("• a brass dividers set,") + 1 == text.index("• the wrong chart,")
    assert "▣ The harbour at dawn. — Photo: Ines Calder" in text
    assert any(line.strip() == "* * *" for line in text)
    assert text[text.index("Notes") + 1] == "[1] The coastline moved in the storm of 1962."


def test_hanging_indents_line_up_with_the_text(article):
    text = shown(Layout(article, 24))
    first = next(i for i, line in enumerate(text) if line.startswith("• a photograph"))
    assert text[first + 1].startswith("  ") and not text[first + 1].startswith("   ")
    note = text.index("Notes") + 1
    assert text[note].startswith("[1] ") and text[note + 1].startswith("    ")


def test_blocks_are_separated_by_blank_lines_and_sections_by_two(article):
    layout = Layout(article, 50)
    heading = layout.block_line(4)
    assert layout.line(heading).role == "heading"
    assert [layout.line(heading - i).role for i in (1, 2)] == [BLANK, BLANK]
    assert layout.line(layout.block_line(2) - 1).role == BLANK


def test_cjk_lines_fit_the_column(article):
    layout = Layout(article, 37)
    layout.finish()
    for y in range(layout.height):
        line = layout.line(y)
        assert text_cells("".join(t for t, _ in line.prefix) + line.text) <= 37


# -- laziness and the line index ---------------------------------------------------------------
def test_only_what_is_asked_for_is_wrapped(long_article):
    layout = Layout(long_article, 72)
    assert not layout.complete
    estimated = layout.height
    for y in range(40):
        layout.line(y)
    wrapped = sum(unit is not None for unit in layout._units)
    assert wrapped < 10
    layout.finish()
    assert layout.complete and layout.height != estimated


def test_lazy_and_complete_layouts_give_the_same_lines(long_article):
    whole = Layout(long_article, 60)
    whole.finish()
    lazy = Layout(long_article, 60)
    count = len(long_article.blocks)
    for block in (count * 2 // 3, 3, count - 1, count // 3):  # out of order
        y = lazy.line_of(block, 10)
        assert lazy.line(y).block == block
    lazy.finish()
    assert lazy.height == whole.height
    for y in range(0, whole.height, 7):
        assert lazy.line(y) == whole.line(y)


def test_ensure_makes_the_lines_up_to_a_point_exact(long_article):
    layout = Layout(long_article, 72)
    layout.ensure(1000)
    starts = layout._prefix()
    assert all(layout._units[u] is not None for u in range(len(starts) - 1) if starts[u] <= 1000)


def test_advance_works_in_bounded_chunks(long_article):
    layout = Layout(long_article, 72)
    steps = 0
    while not layout.advance(budget=20_000):
        steps += 1
    assert steps > 3 and layout.complete


# -- positions ---------------------------------------------------------------------------------
def test_position_and_line_round_trip_on_every_text_line(article):
    """A line's position leads back to it, or to the speaker's label on the line above."""
    layout = Layout(article, 40)
    layout.finish()
    for y in range(layout.height):
        line = layout.line(y)
        block, offset = layout.position_at(y)
        if line.anchor and line.block != HEADER and (block, offset) != (0, 0):
            back = layout.line_of(block, offset)
            assert back == y or (back == y - 1 and layout.line(back).paragraph is None)


def test_the_start_of_the_article_is_the_top(article):
    layout = Layout(article, 40)
    assert layout.position_at(0) == (0, 0)
    assert layout.line_of(0, 0) == 0
    assert layout.block_line(0) > 0


def test_a_blank_line_names_what_follows_it(article):
    layout = Layout(article, 40)
    y = layout.block_line(2)
    assert layout.line(y - 1).role == BLANK
    assert layout.position_at(y - 1) == (2, 0)


def test_a_label_on_its_own_line_is_where_its_turn_starts(article):
    layout = Layout(article, 30)
    assert layout.line_of(1, 0) == layout.block_line(1)


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_rewrapping_keeps_the_reader_on_the_same_text(data):
    article = load_bundle(FIXTURES / "pane" / "three-voices.md").article
    block = data.draw(st.integers(0, len(article.blocks) - 1))
    offset = data.draw(st.integers(0, max(0, len(article.blocks[block].text))))
    for width in data.draw(st.lists(st.integers(8, 120), min_size=2, max_size=4)):
        layout = Layout(article, width)
        line = layout.line(layout.line_of(block, offset))
        if (block, offset) == (0, 0):
            continue
        assert line.block == block
        shown_from, shown_to = line.offset, line.offset_end
        following = layout.line(layout.line_of(block, offset) + 1)
        gap_to = following.offset if following and following.block == block else 10**9
        assert shown_from <= offset <= max(shown_to, gap_to) or line.paragraph is None


def test_positions_inside_a_long_article_survive_a_new_width(long_article):
    narrow = Layout(long_article, 40)
    wide = Layout(long_article, 110)
    for block in range(1, len(long_article.blocks), 97):
        y = narrow.line_of(block, 120)
        position = narrow.position_at(y)
        line = wide.line(wide.line_of(*position))
        assert line.block == block and line.offset <= position[1] <= line.offset_end + 1


def test_the_column_is_the_measure_narrowed_to_the_pane_and_centred_in_it():
    assert column_width(72, 0) == 72  # no pane yet: the measure
    assert column_width(72, 120) == 72
    assert column_width(72, 60) == 60 - 2 * MARGIN  # a narrow pane keeps its margins
    assert column_width(72, 3) == 1  # never less than a cell
    assert column_indent(120, 72) == 24
    assert column_indent(121, 72) == 24  # the odd cell goes to the right
    assert column_indent(60, 72) == 0
