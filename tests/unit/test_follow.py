"""Where the outline scrolls as the question being read moves (reader.core.follow)."""

from reader.core.follow import follow


def test_a_row_in_view_does_not_scroll_the_list():
    assert follow(line=5, height=1, top=0, shown=10) is None
    assert follow(line=9, height=1, top=0, shown=10) is None  # the last row shown
    assert follow(line=0, height=1, top=0, shown=10) is None


def test_moving_down_past_the_bottom_brings_the_row_near_the_top():
    assert follow(line=10, height=1, top=0, shown=10) == 9  # one row of context above it
    # then it stays put for a screenful of rows
    assert all(follow(line, 1, 9, 10) is None for line in range(9, 19))
    assert follow(line=19, height=1, top=9, shown=10) == 18


def test_moving_up_past_the_top_brings_the_row_near_the_bottom():
    assert follow(line=19, height=1, top=20, shown=10) == 11  # row 19 one from the bottom
    assert all(follow(line, 1, 11, 10) is None for line in range(11, 21))


def test_a_jump_far_away_lands_the_row_near_the_edge_it_came_in_by():
    assert follow(line=500, height=1, top=0, shown=10) == 499
    assert follow(line=3, height=1, top=500, shown=10) == 0  # never above the first line


def test_tall_rows_and_tiny_views():
    assert follow(line=10, height=3, top=0, shown=10) == 9
    assert follow(line=10, height=3, top=20, shown=10) == 4  # 13 + 1 - 10
    assert follow(line=4, height=1, top=0, shown=1) == 4  # no room for context
    assert follow(line=4, height=1, top=0, shown=0) is None  # a list not laid out yet
