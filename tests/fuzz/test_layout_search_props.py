"""The layout and the in-article search on random articles: wrapping at any width never
loses or repeats a character of the model, positions and lines map back and forth, and every
search hit is exactly where the text says it is (checked against a slow scan word by word)."""

from __future__ import annotations

import re
from itertools import pairwise
from pathlib import Path

from hypothesis import assume, given
from hypothesis import strategies as st

from reader.core import model as m
from reader.core.body import parse_body
from reader.core.layout import Layout
from reader.core.metadata import DEFAULT_SPEAKERS
from reader.core.query import QueryError, parse
from reader.core.search import ArticleIndex
from tests.fuzz.conftest import MARKDOWN
from tests.helpers import reference_hits


def article_of(source: str) -> m.Article:
    parsed = parse_body(source, path=Path("x.md"), first_line=1, speakers=DEFAULT_SPEAKERS)
    return m.Article(
        title="Fuzz", source=Path("x.md"), body_path=Path("x.md"), meta_path=Path("x.md"),
        speakers=dict(DEFAULT_SPEAKERS), blocks=parsed.blocks,
    )  # fmt: skip


ARTICLES = MARKDOWN.map(article_of)


@given(ARTICLES, st.integers(1, 160))
def test_layout_at_any_width_shows_every_character_once(article, width):
    layout = Layout(article, width)
    layout.finish()
    lines = [layout.line(y) for y in range(layout.height)]
    assert all(line is not None for line in lines)
    for b, block in enumerate(article.blocks):
        for para in block.paragraphs:
            shown = [ln for ln in lines if ln.block == b and ln.paragraph is para]
            assert [(ln.start, ln.end) for ln in shown] == sorted(
                (ln.start, ln.end) for ln in shown
            )
            kept = "".join(ln.text for ln in shown)
            assert kept.replace(" ", "") == para.text.replace(" ", "").replace("\n", "")
            for before, after in pairwise(shown):
                assert before.end <= after.start
                assert set(para.text[before.end : after.start]) <= {" ", "\n"}


@given(ARTICLES, st.integers(1, 160), st.data())
def test_positions_and_lines_map_back_and_forth(article, width, data):
    assume(article.blocks)
    layout = Layout(article, width)
    block = data.draw(st.integers(0, len(article.blocks) - 1))
    offset = data.draw(st.integers(0, len(article.blocks[block].text)))
    y = layout.line_of(block, offset)
    assert 0 <= y < layout.height
    found = layout.position_at(y)
    assert found <= (block, offset) or (block, offset) == (0, 0)
    if found != (0, 0):  # (0, 0) is the top of the article, header included, by design
        assert layout.line_of(*found) == y  # the line's own position names the same line
    if (block, offset) > (0, 0) and y + 1 < layout.height:
        assert layout.position_at(y + 1) >= found


UNSPACED = re.compile(
    "[\u3040-\u30ff\u3400-\u4dbf\u4e00-\u9fff\uf900-\ufaff\u0e00-\u0eff\u1780-\u17ff]"
)


@given(ARTICLES, st.data())
def test_search_hits_are_where_the_text_is(article, data):
    assume(article.blocks)
    block = data.draw(st.sampled_from(article.blocks))
    text = block.text
    start = data.draw(st.integers(0, len(text)))
    query = data.draw(
        st.one_of(
            st.just(text[start : start + data.draw(st.integers(1, 12))]),
            st.sampled_from(["a", "aa", "word", "Word", "don't", "İ", "(laughs)", "[/]", '"a b"']),
        )
    )
    try:
        parsed = parse(query)
    except QueryError:
        return
    assume(not parsed.scoped and not UNSPACED.search(query))  # scripts without spaces: tested apart
    matches = ArticleIndex(article).search(parsed)
    expected = reference_hits(article, query)
    assert [tuple(hit) for hit in matches] == expected
    assert len(matches) == len(expected)
    if expected:
        assert matches.first() == (0, matches[0]) and matches.last() == (
            len(expected) - 1,
            matches[-1],
        )
        i, hit = data.draw(st.sampled_from(list(enumerate(matches))))
        assert matches.first_from((hit.block, hit.start)) == (i, hit)
        after = matches.step((i, hit), 1)
        assert after == ((i + 1, matches[i + 1]) if i + 1 < len(expected) else None)
        assert (hit.start, hit.end) in matches.spans_in(hit.block, hit.start, hit.end)
