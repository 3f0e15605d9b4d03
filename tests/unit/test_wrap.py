"""core/wrap.py: where paragraphs break, cell widths, and the exact wrapping invariant."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st
from rich.cells import cell_len, split_graphemes

from reader.core.wrap import _Graphemes, _wrap, text_cells, wrap


def lines_of(text: str, width: int, first: int | None = None) -> list[str]:
    return [text[s:e] for s, e in wrap(text, width, first)]


# -- wrapping rules ----------------------------------------------------------------------------
def test_greedy_words_and_the_spaces_at_breaks_are_dropped():
    assert lines_of("the quick brown fox jumps", 10) == ["the quick", "brown fox", "jumps"]
    assert lines_of("exactly10c next", 10) == ["exactly10c", "next"]
    assert lines_of("a  b", 1) == ["a", "b"]


def test_first_line_can_be_narrower_than_the_rest():
    assert lines_of("one two three four", 9, first=4) == ["one", "two three", "four"]


def test_hard_breaks_end_lines_and_keep_empty_lines():
    assert lines_of("one\n\ntwo", 20) == ["one", "", "two"]
    assert lines_of("", 20) == [""]


def test_indentation_after_a_hard_break_is_kept_and_trailing_spaces_dropped():
    assert lines_of("def f():\n    return 1   ", 20) == ["def f():", "    return 1"]


def test_words_longer_than_the_line_are_broken():
    assert lines_of("supercalifragilistic ok", 8) == ["supercal", "ifragili", "stic ok"]


def test_breaks_after_a_dash_inside_a_word_but_not_before_a_lone_one():
    assert lines_of("a forty-one year", 9) == ["a forty-", "one year"]
    assert lines_of("the coast—always there", 11) == ["the coast—", "always", "there"]
    assert lines_of("sea - and", 4) == ["sea", "-", "and"]


def test_typographic_punctuation_is_one_cell_and_stays_on_the_fast_path():
    text = "“Vale’s Folly” — don’t…"
    assert text_cells(text) == cell_len(text) == len(text)
    assert lines_of(text, 14) == ["“Vale’s Folly”", "— don’t…"]


def test_wide_characters_never_split_and_break_anywhere_between():
    text = "東京の地図は大きいです。"
    lines = lines_of(text, 7)
    assert lines == ["東京の", "地図は", "大きい", "です。"]
    assert all(cell_len(line) <= 7 for line in lines)
    assert lines_of("a 東京 b", 3) == ["a", "東", "京", "b"]


def test_latin_next_to_cjk_breaks_at_the_boundary():
    assert lines_of("Tokyo東京", 6) == ["Tokyo", "東京"]


def test_combining_marks_and_emoji_sequences_stay_whole():
    text = "cafe\u0301 👩‍👩‍👧 ok"
    lines = lines_of(text, 4)
    assert "cafe\u0301" in lines
    assert "👩‍👩‍👧" in lines


def test_a_grapheme_wider_than_the_line_goes_alone():
    assert lines_of("東京", 1) == ["東", "京"]


# -- the exact wrapping invariant, by property --------------------------------------------------
ALPHABET = st.sampled_from(
    list("abcdefghij") + [" ", " ", " ", "\n", "-", "—", "’", "“", "東", "京", "\u0301", "👩‍👧"]
)
TEXT = st.lists(ALPHABET, max_size=80).map("".join)  # "👩‍👧" is three code points


@settings(max_examples=300, deadline=None)
@given(TEXT, st.integers(1, 30), st.integers(1, 30))
def test_wrapping_never_loses_or_repeats_a_character(text, width, first):
    """Slices are ordered, start at 0 and reach the last non-space; no slice holds a newline;
    every cut is a grapheme boundary; a slice fits its width unless it is one grapheme; what
    lies between two slices is white space (spaces, at most one newline, every newline of the
    text); so nothing but the spaces at break points is ever dropped or repeated."""
    slices = wrap(text, width, first)
    spans, _ = split_graphemes(text)
    newlines = [i for i, c in enumerate(text) if c == "\n"]  # Rich folds "\n" into a grapheme
    bounds = {start for start, _, _ in spans} | {len(text)} | set(newlines)
    bounds |= {i + 1 for i in newlines}
    assert slices[0][0] == 0 and text[slices[-1][1] :].strip(" ") == ""
    for i, (start, end) in enumerate(slices):
        piece = text[start:end]
        assert start <= end and "\n" not in piece
        assert start in bounds and end in bounds, "a cut inside a grapheme"
        limit = max(1, first if i == 0 else width)
        assert cell_len(piece) <= limit or len(split_graphemes(piece)[0]) == 1
        if i:
            gap = text[slices[i - 1][1] : start]
            assert set(gap) <= {" ", "\n"} and gap.count("\n") <= 1
    kept = "".join(text[s:e] for s, e in slices)
    assert kept.replace(" ", "") == text.replace(" ", "").replace("\n", "")
    gaps = "".join(text[slices[i - 1][1] : slices[i][0]] for i in range(1, len(slices)))
    assert gaps.count("\n") == text.count("\n")


@settings(max_examples=200, deadline=None)
@given(st.text(st.sampled_from(list("abc  -—’\n")), max_size=100), st.integers(1, 20))
def test_fast_path_and_grapheme_path_agree_on_one_cell_text(text, width):
    assert _wrap(text, width, None, None) == _wrap(text, width, None, _Graphemes(text))
