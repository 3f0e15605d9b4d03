"""core/search.py: the query language, hits in model coordinates, and the lazy hit list."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core import model as m
from reader.core.bundle import load_bundle
from reader.core.layout import Layout
from reader.core.search import ArticleIndex, Match, SearchState, find, parse_query

FIXTURE = Path(__file__).parent.parent / "fixtures" / "pane" / "three-voices.md"
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


@pytest.fixture(scope="module")
def article() -> m.Article:
    return load_bundle(FIXTURE).article


def texts(article: m.Article, hits: list[Match]) -> list[str]:
    return [article.blocks[h.block].text[h.start : h.end] for h in hits]


# -- parsing -----------------------------------------------------------------------------------
def test_smart_case():
    assert not parse_query("harbour").case_sensitive
    assert parse_query("Harbour").case_sensitive
    assert not parse_query("東京 (laughs)").case_sensitive


def test_scopes_are_taken_out_of_the_phrase():
    q = parse_query('speaker:"Mara Ellison"   the   first q:')
    assert (q.text, q.speaker, q.questions, q.answers) == ("the first", "Mara Ellison", True, False)
    q = parse_query("a: speaker:ov sea")
    assert (q.text, q.speaker, q.answers) == ("sea", "ov", True)
    assert parse_query('speaker:"Mara').speaker == "Mara"


def test_scope_words_inside_the_phrase_are_plain_text():
    q = parse_query("why:q:not")
    assert (q.text, q.questions) == ("why:q:not", False)


def test_control_characters_are_removed_from_a_query():
    text = parse_query("sea\x1b[31m\tcoast").text
    assert "\x1b" not in text and "\t" not in text and text.endswith("[31m coast")


# -- finding -----------------------------------------------------------------------------------
def test_hits_are_model_spans_in_reading_order(article):
    hits = find(article, "harbour")
    assert hits == sorted(hits) and len(hits) >= 4
    assert {t.lower() for t in texts(article, hits)} == {"harbour"}


def test_lower_case_ignores_case_and_a_capital_does_not(article):
    lower = find(article, "oskar vale")
    assert len(lower) == 2
    assert texts(article, find(article, "Oskar Vale")) == ["Oskar Vale", "Oskar Vale"]
    assert find(article, "OSKAR VALE") == []


def test_regex_characters_are_literal(article):
    assert texts(article, find(article, "(laughs)")) == ["(laughs)"]
    assert texts(article, find(article, "[love of]")) == ["[love of]"]
    assert texts(article, find(article, "[/bold]")) == ["[/bold]"]
    assert find(article, ".*") == [] and find(article, "a|b") == []


def test_typographic_quotes_match_plain_ones(article):
    assert texts(article, find(article, "don't")) == ["don’t"]
    assert texts(article, find(article, '"vale')) == ["“Vale"]


def test_empty_queries_and_misses_give_no_hits(article):
    assert find(article, "") == [] and find(article, "   ") == []
    assert find(article, "no such words anywhere") == []
    assert find(article, "speaker:ov") == []


def test_cjk_is_found(article):
    assert texts(article, find(article, "地図")) == ["地図"]


def test_speaker_scope_by_key_name_and_prefix(article):
    oskar = texts(article, find(article, "speaker:OV the"))
    assert oskar and oskar == texts(article, find(article, 'speaker:"oskar vale" the'))
    assert oskar == texts(article, find(article, "speaker:osk the"))
    assert oskar == texts(article, find(article, "speaker:vale the"))
    for hit in find(article, "speaker:ov the"):
        assert article.blocks[hit.block].speaker == "OV"
    assert find(article, "speaker:nobody the") == []


def test_a_turn_resumed_after_a_picture_belongs_to_its_speaker(article):
    [hit] = find(article, "speaker:ov all three")
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
    assert index.error(parse_query("speaker:zed sea")) == "no speaker 'zed'"
    assert index.error(parse_query("speaker: sea")) == "speaker: needs a name"
    assert index.error(parse_query("speaker:mara sea")) is None


def test_a_match_wrapped_across_lines_is_one_hit(article):
    [hit] = find(article, "coast that was not there")
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
    assert matches.starts_in(second.block, second.start + 2, second.start + 3) == [second.start]
    assert matches[-1] == hits[-1] and matches[1:3] == hits[1:3]


PHRASES = st.text(st.sampled_from(list("abAB .(")), min_size=1, max_size=4)


@settings(max_examples=150, deadline=None)
@given(PHRASES, st.integers(0, 2), st.integers(0, 25))
def test_every_way_of_asking_agrees_with_the_list_of_hits(phrase, block, offset):
    """Counting, first-from, stepping and hits-on-a-line give what the plain list says, both
    for phrases that cannot overlap themselves (answered by count/find) and for the others."""
    matches = ArticleIndex(SMALL).search(phrase)
    hits = list(matches)
    assert len(matches) == len(hits)
    after = [i for i, h in enumerate(hits) if (h.block, h.start) >= (block, offset)]
    expected = (after[0], hits[after[0]]) if after else None
    assert matches.first_from((block, offset)) == expected
    for i, hit in enumerate(hits):
        assert matches.step((i, hit), 1) == ((i + 1, hits[i + 1]) if i + 1 < len(hits) else None)
        assert matches.step((i, hit), -1) == ((i - 1, hits[i - 1]) if i else None)
    if block < len(SMALL.blocks):
        on = [h.start for h in hits if h.block == block and h.start < offset + 5 and h.end > offset]
        assert matches.starts_in(block, offset, offset + 5) == on


def _reference(article: m.Article, phrase: str) -> list[Match]:
    """Find by hand, block by block: what `find` must agree with."""
    sensitive = any(c.isupper() for c in phrase)
    hits = []
    for b, block in enumerate(article.blocks):
        text = block.text if sensitive else block.text.lower()
        needle = phrase if sensitive else phrase.lower()
        i = text.find(needle)
        while needle and i >= 0:
            hits.append(Match(b, i, i + len(needle)))
            i = text.find(needle, i + len(needle))
    return hits


@settings(max_examples=150, deadline=None)
@given(PHRASES)
def test_find_agrees_with_a_plain_scan(phrase):
    phrase = " ".join(phrase.split())
    assert find(SMALL, phrase) == _reference(SMALL, phrase)


def test_search_state_counter():
    assert SearchState().counter == ""
    assert SearchState("sea", None, 0).counter == "no match"
    assert SearchState("sea", 2, 17).counter == "3/17"
