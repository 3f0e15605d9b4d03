"""core/highlights/listing.py: what the sidebar's rows of highlights say, and their order."""

from __future__ import annotations

from dataclasses import replace

from reader.core.bundle import load_bundle
from reader.core.highlights.anchors import ArticleText, make_anchor
from reader.core.highlights.listing import (
    FIRST_WORDS,
    first_words,
    orphan_notice,
    rows,
)
from reader.core.highlights.model import Highlight, highlight, place
from tests.helpers import SEA_BODY, make_single

BODY = "Narration before anyone speaks, [love of] brackets and all.\n\n" + SEA_BODY


def made(tmp_path, *words: str, body: str = BODY) -> tuple[list[Highlight], object]:
    path = make_single(tmp_path, body, slug="cartographer")
    article = load_bundle(path).article
    text = ArticleText(article)
    kept = []
    for phrase in words:
        lo = text.text.index(phrase)
        anchor = make_anchor(text, text.position(lo), text.position(lo + len(phrase)))
        kept.append(highlight(article, text, anchor))
    return kept, path


def placed_in(path, kept):
    article = load_bundle(path).article
    return place(article, ArticleText(article), kept)


def test_rows_follow_the_reading_order_not_the_order_made(tmp_path):
    kept, path = made(tmp_path, "a coast", "nets and boats", "[love of] brackets")
    listed = rows(placed_in(path, kept))
    assert [r.words for r in listed] == ["[love of] brackets", "nets and boats", "a coast"]
    assert [r.speaker for r in listed] == ["", "Oskar Vale", "Oskar Vale"]
    assert listed[1].at == kept[1].anchor.start and not listed[1].orphaned


def test_a_row_gives_the_colour_and_the_start_of_the_note_on_one_line(tmp_path):
    (one,), path = made(tmp_path, "nets and boats")
    one = replace(one, colour="pink", note="nets:\nthe town's trade,\tthen   not")
    (row,) = rows(placed_in(path, [one]))
    assert row.colour == "pink" and row.note == "nets: the town's trade, then not"


def test_long_words_are_cut_at_a_word(tmp_path):
    text = "word " * 40
    assert first_words(text, FIRST_WORDS).endswith("word…")
    assert len(first_words(text, FIRST_WORDS)) <= FIRST_WORDS + 1
    assert first_words("short\x1b[31m one", 20) == "short[31m one"  # no escape reaches a screen


def test_orphaned_highlights_come_last_with_their_words_and_go_nowhere(tmp_path):
    kept, path = made(tmp_path, "a coast that was not there", "nets and boats")
    edited = BODY.replace("It showed a coast that was not there any more. ", "")
    path.write_text(path.read_text(encoding="utf-8").replace(BODY, edited), encoding="utf-8")
    first, second = rows(placed_in(path, kept))
    assert (first.words, first.orphaned) == ("nets and boats", False)
    assert (second.words, second.at, second.orphaned) == ("a coast that was not there", None, True)
    assert "a coast that was not there" in orphan_notice(second)
