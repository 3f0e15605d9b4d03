"""core/search.py: the query language, hits in model coordinates, and the lazy hit list."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core import model as m
from reader.core.layout import Layout
from reader.core.query import QueryError, Term, parse, searchable
from reader.core.search import ArticleIndex, Match, find
from tests.helpers import reference_hits

SMALL = m.Article(
    "t",
    Path("x"),
    Path("x"),
    Path("x"),
    blocks=[
        m.Block(m.NARRATION, 1, [m.Paragraph("ab. Ab (ab) aab  bA", 1), m.Paragraph("b aaa", 2)]),
        m.Block(m.TURN, 3, [m.Paragraph("AB ab ba (a. b", 3)], speaker="Q", role="interviewer"),
        m.Block(m.TURN, 4, [m.Paragraph("aaaa b.b.b", 4)], speaker="A", role="subject"),
    ],
)


def texts(article: m.Article, hits: list[Match]) -> list[str]:
    return [article.blocks[h.block].text[h.start : h.end] for h in hits]


# -- parsing: reader/core/query.py --------------------------------------------------------------
def test_words_phrases_prefixes_and_scopes():
    q = parse('speaker:"Mara Ellison"   the  "first map" cart* q:')
    assert q.terms == (Term(("the",)), Term(("first", "map")), Term(("cart",), prefix=True))
    assert (q.speakers, q.questions, q.answers) == ((Term(("mara", "ellison")),), True, False)
    q = parse("a: speaker:ov sea")
    assert (q.terms, q.speakers, q.answers) == ((Term(("sea",)),), (Term(("ov",)),), True)
    assert parse('speaker:"Mara').speakers == (Term(("mara",)),)
    assert parse("q:harbour").terms == (Term(("harbour",)),) and parse("q:harbour").questions


def test_words_are_folded_and_punctuation_separates_them():
    assert parse("Café DON’T").terms == (Term(("cafe",)), Term(("don", "t")))
    assert parse("[love of] (laughs)").terms == (Term(("love",)), Term(("of",)), Term(("laughs",)))
    assert parse("— … ?").empty and parse("").empty


def test_scope_words_inside_a_word_are_plain_text():
    q = parse("why:q:not")
    assert (q.terms, q.questions) == ((Term(("why", "q", "not")),), False)


def test_bad_queries_say_what_to_do():
    with pytest.raises(QueryError, match="2 letters"):
        parse("c*")
    with pytest.raises(QueryError, match="needs a name"):
        parse("speaker: sea")
    with pytest.raises(QueryError, match="add a word"):
        find(m.Article("t", Path("x"), Path("x"), Path("x")), "q:") or searchable(parse("q:"))


def test_control_characters_are_removed_from_a_query():
    q = parse("sea\x1b[31m\tcoast")
    assert "\x1b" not in q.text and q.terms == (Term(("sea", "31m")), Term(("coast",)))


def test_hits_are_model_spans_in_reading_order(article):
    hits = find(article, "harbour")
    assert hits == sorted(hits) and len(hits) >= 4
    assert {t.lower() for t in texts(article, hits)} == {"harbour"}


def test_case_and_accents_are_ignored(article):
    assert texts(article, find(article, '"oskar vale"')) == ["Oskar Vale", "Oskar Vale"]
    assert texts(article, find(article, '"OSKAR VALE"')) == ["Oskar Vale", "Oskar Vale"]
    assert texts(article, find(article, "folly")) == texts(article, find(article, "FÓLLY"))


def test_words_are_whole_words_and_a_star_makes_a_prefix(article):
    assert {t.lower() for t in texts(article, find(article, "harbour"))} == {"harbour"}
    assert "harbourmaster" in texts(article, find(article, "harbour*"))
    assert find(article, "harb") == []


def test_every_word_must_be_in_one_paragraph(article):
    hits = texts(article, find(article, "harbour dawn"))
    assert sorted(set(hits)) == ["dawn", "harbour"]  # the list item and the caption
    assert find(article, "harbour folly") == []  # never in one paragraph


def test_a_phrase_needs_its_words_side_by_side_across_punctuation(article):
    assert texts(article, find(article, '"love of"')) == ["love of"]
    assert texts(article, find(article, '"vale s folly"')) == ["Vale’s Folly"]
    assert texts(article, find(article, "vale's")) == ["Vale’s", "Vale’s"]
    assert find(article, '"of love"') == []


def test_punctuation_is_never_syntax(article):
    assert texts(article, find(article, "(laughs)")) == ["laughs"]
    assert texts(article, find(article, "[/bold]")) == ["bold", "bold"]
    assert find(article, ".*") == [] and find(article, "a|b") == []


def test_typographic_quotes_match_plain_ones(article):
    assert texts(article, find(article, "don't")) == ["don’t"]
    assert texts(article, find(article, '"vale')) == texts(article, find(article, "“Vale"))


def test_empty_queries_and_misses_give_no_hits(article):
    assert find(article, "") == [] and find(article, "   ") == []
    assert find(article, "no such words anywhere") == []


def test_a_speaker_alone_finds_each_of_their_turns(article):
    hits = find(article, "speaker:ov")
    assert [article.blocks[h.block].speaker for h in hits] == ["OV", "OV", "OV"]
    assert texts(article, hits)[0] == "By"  # on the first word of the turn
    assert find(article, "speaker:nobody") == []


def test_cjk_is_found(article):
    assert texts(article, find(article, "地図")) == ["地図"]


def test_speaker_scope_by_key_name_surname_or_prefix(article):
    oskar = texts(article, find(article, "speaker:OV the"))
    assert oskar and oskar == texts(article, find(article, 'speaker:"oskar vale" the'))
    assert oskar == texts(article, find(article, "speaker:osk* the"))
    assert oskar == texts(article, find(article, "speaker:Vale the"))
    for hit in find(article, "speaker:ov the"):
        assert article.blocks[hit.block].speaker == "OV"
    assert find(article, "speaker:nobody the") == [] and find(article, "speaker:osk the") == []


def test_a_turn_resumed_after_a_picture_belongs_to_its_speaker(article):
    [hit] = find(article, 'speaker:ov "all three"')
    assert article.blocks[hit.block].continued


def test_questions_and_answers_only(article):
    assert {article.blocks[h.block].is_question for h in find(article, "q: the")} == {True}
    assert {article.blocks[h.block].is_answer for h in find(article, "a: the")} == {True}
    assert find(article, "q: harbour") == []
    assert len(find(article, "q: a: the")) == len(find(article, "q: the")) + len(
        find(article, "a: the")
    )
    narration = find(article, "before the boats")
    assert narration and find(article, "a: before the boats") == []


def test_an_unknown_speaker_is_reported(article):
    index = ArticleIndex(article)
    assert index.error(parse("speaker:zed sea")) == "no speaker 'zed'"
    assert index.error(parse("speaker:mara sea")) is None


def test_a_match_wrapped_across_lines_is_one_hit(article):
    [hit] = find(article, '"coast that was not there"')
    layout = Layout(article, 24)
    first = layout.line(layout.line_of(hit.block, hit.start))
    last = layout.line(layout.line_of(hit.block, hit.end - 1))
    assert first is not last


def test_offsets_survive_a_dotted_capital_i():
    block = m.Block(m.NARRATION, 1, [m.Paragraph("İstanbul and Ankara", 1)])
    art = m.Article("t", Path("x"), Path("x"), Path("x"), blocks=[block])
    [hit] = find(art, "ankara")
    assert block.text[hit.start : hit.end] == "Ankara"


# -- the lazy hit list -------------------------------------------------------------------------
def test_matches_find_the_first_hit_from_a_position_and_those_on_a_line(article):
    matches = ArticleIndex(article).search("harbour")
    hits = list(matches)
    second = hits[1]
    assert matches.first_from((second.block, second.start)) == (1, second)
    assert matches.first_from((second.block, second.start + 1)) == (2, hits[2])
    assert matches.first_from((len(article.blocks), 0)) is None
    assert matches.first() == (0, hits[0]) and matches.last() == (len(hits) - 1, hits[-1])
    assert matches.step((1, second), 1) == (2, hits[2])
    assert matches.step((0, hits[0]), -1) is None
    on = matches.spans_in(second.block, second.start + 2, second.start + 3)
    assert on == [(second.start, second.end)]
    assert matches[-1] == hits[-1] and matches[1:3] == hits[1:3]


WORDS = st.sampled_from(["a", "b", "ab", "aa", "ba", "aaaa", "aa*", "ab*"])
QUERIES = st.lists(
    st.one_of(WORDS, st.lists(WORDS, min_size=1, max_size=3).map(lambda w: f'"{" ".join(w)}"')),
    min_size=1,
    max_size=3,
).map(" ".join)


@settings(max_examples=150, deadline=None)
@given(QUERIES, st.integers(0, 2), st.integers(0, 25))
def test_every_way_of_asking_agrees_with_the_list_of_hits(query, block, offset):
    """Counting, first-from, stepping and hits-on-a-line give what the plain list says."""
    matches = ArticleIndex(SMALL).search(query)
    hits = list(matches)
    assert len(matches) == len(hits)
    after = [i for i, h in enumerate(hits) if (h.block, h.start) >= (block, offset)]
    expected = (after[0], hits[after[0]]) if after else None
    assert matches.first_from((block, offset)) == expected
    for i, hit in enumerate(hits):
        assert matches.step((i, hit), 1) == ((i + 1, hits[i + 1]) if i + 1 < len(hits) else None)
        assert matches.step((i, hit), -1) == ((i - 1, hits[i - 1]) if i else None)
    if block < len(SMALL.blocks):
        on = [(h.start, h.end) for h in hits if h.block == block and h.start < offset + 5]
        assert matches.spans_in(block, offset, offset + 5) == [s for s in on if s[1] > offset]


@settings(max_examples=150, deadline=None)
@given(QUERIES)
def test_find_agrees_with_a_plain_scan(query):
    assert [tuple(hit) for hit in find(SMALL, query)] == reference_hits(SMALL, query)
