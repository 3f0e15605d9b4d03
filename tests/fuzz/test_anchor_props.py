"""Highlights under random edits of the text around them: found again in their own place,
with their own words, or orphaned — never painted on other words."""

from __future__ import annotations

from pathlib import Path

from hypothesis import assume, event, given, settings
from hypothesis import strategies as st

from reader.core import model as m
from reader.core.highlights.anchors import ArticleText, locate, make_anchor

WORDS = (
    "harbour chart coast tide father drawer storm village winter light paper ink road river "
    "island memory morning evening people work measured walked learned remember always never "
    "perhaps every because when which told thought sea map line boat net wall door salt rain"
).split()
words = st.lists(st.sampled_from(WORDS), min_size=1, max_size=6).map(" ".join)
paragraphs = st.lists(words, min_size=3, max_size=8)


def article_of(paras: list[str]) -> m.Article:
    blocks = [
        m.Block(m.NARRATION, i + 1, [m.Paragraph(text, i + 1)]) for i, text in enumerate(paras)
    ]
    return m.Article("t", Path("x"), Path("x"), Path("x"), blocks=blocks)


@settings(max_examples=150)
@given(paragraphs, st.data())
def test_edits_around_a_highlight_never_move_it_onto_other_words(paras, data):
    article = article_of(paras)
    text = ArticleText(article)
    para = data.draw(st.integers(0, len(paras) - 1))
    said = paras[para].split(" ")
    first = data.draw(st.integers(0, len(said) - 1))
    last = data.draw(st.integers(first + 1, len(said)))
    lo = text.starts[para] + len(" ".join(said[:first])) + (first > 0)
    quote = " ".join(said[first:last])
    hi = lo + len(quote)
    assert text.text[lo:hi] == quote
    assume(text.text.count(quote) == 1)
    anchor = make_anchor(text, text.position(lo), text.position(hi))
    new, shift = text.text, 0
    for _ in range(data.draw(st.integers(1, 4))):  # edits before or after, never inside
        before = data.draw(st.booleans())
        span = (0, lo + shift) if before else (hi + shift, len(new))
        at = data.draw(st.integers(*span))
        line_end = new.find("\n", at)
        stop = min(span[1], at + 12, line_end if line_end >= 0 else len(new))
        end = data.draw(st.integers(at, max(at, stop)))
        insert = data.draw(st.sampled_from(["", " ", " salt ", " the harbour ", "rain "]))
        piece = new[at:end]
        new = new[:at] + insert + new[end:]
        if before:
            shift += len(insert) - len(piece)
    assume(new.count(quote) == 1)
    edited = article_of(new.split("\n\n"))
    located = locate(ArticleText(edited), anchor)
    event("found again" if located is not None else "orphaned")
    if located is not None:
        found = ArticleText(edited)
        assert located.anchor.exact == quote
        assert found.offset(located.anchor.start) == lo + shift
