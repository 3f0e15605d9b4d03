"""core/highlights: anchors that survive edits, the fuzzy search behind them, quotes."""

from __future__ import annotations

from pathlib import Path

from reader.core import model as m
from reader.core.bundle import load_bundle
from reader.core.highlights.anchors import ArticleText, locate, make_anchor
from reader.core.highlights.approx import Approx, search
from reader.core.highlights.model import highlight, place, question_before, speakers_of
from reader.core.highlights.quote import attributed_quote
from tests.helpers import make_single

FIXTURE = Path(__file__).parent.parent / "fixtures" / "pane" / "three-voices.md"


def reload(path: Path, body: str) -> m.Article:
    front = path.read_text(encoding="utf-8").split("+++", 2)
    path.write_text(f"+++{front[1]}+++\n{body}", encoding="utf-8")
    return load_bundle(path).article


def find(article: m.Article, words: str):
    """The anchor of the first occurrence of `words`."""
    text = ArticleText(article)
    lo = text.text.index(words)
    return text, make_anchor(text, text.position(lo), text.position(lo + len(words)))


# -- approximate search -----------------------------------------------------------------------
def test_approximate_search_finds_matches_with_their_edits():
    assert search("kitten", "the sitting kitten sat", 2) == [Approx(4, 10, 2), Approx(12, 18, 0)]
    assert search("harbour wall", "the harbor wal moved", 3) == [Approx(4, 14, 2)]
    assert search("abc", "xxabcxx", 0) == [Approx(2, 5, 0)]
    assert search("abc", "xyz", 1) == [] and search("", "text", 3) == []


# -- making and finding anchors ---------------------------------------------------------------
def test_an_anchor_keeps_its_text_context_and_place(article):
    text, anchor = find(article, "Always by the sea.")
    block = next(i for i, b in enumerate(article.blocks) if "Always by" in b.text)
    assert anchor.exact == "Always by the sea." and anchor.start[0] == anchor.end[0] == block
    assert anchor.prefix.endswith("(laughs) ") and anchor.suffix.startswith(" My father")
    assert len(anchor.prefix) <= 32 and len(anchor.suffix) <= 32
    assert locate(text, anchor).moved is False


def test_an_anchor_can_cross_turns_and_speakers(article):
    text, anchor = find(article, "on the lid.\n\nI grew")
    assert anchor.end[0] == anchor.start[0] + 1
    assert speakers_of(article, anchor) == "Oskar Vale and Ines Calder"


def test_a_paragraph_added_above_and_a_word_changed_elsewhere_keep_it(tmp_path):
    body = "ME: Where?\n\nOV: By the sea. Always by the sea.\n\nME: And later?\n\nOV: Inland.\n"
    path = make_single(tmp_path, body)
    before = load_bundle(path).article
    text, anchor = find(before, "Always by the sea.")
    after = reload(path, "A new introduction.\n\n" + body.replace("Inland", "Upriver"))
    located = locate(ArticleText(after), anchor)
    assert located is not None and located.moved and not located.fuzzy
    assert located.anchor.exact == "Always by the sea."
    assert located.anchor.start[0] == anchor.start[0] + 1


def test_a_word_changed_inside_it_is_found_fuzzily(tmp_path):
    body = "ME: Where?\n\nOV: By the sea. My father kept the charts in a drawer by the door.\n"
    path = make_single(tmp_path, body)
    text, anchor = find(load_bundle(path).article, "My father kept the charts in a drawer")
    after = reload(path, body.replace("charts", "maps"))
    located = locate(ArticleText(after), anchor)
    assert located is not None and located.fuzzy
    assert located.anchor.exact == "My father kept the maps in a drawer"


def test_deleted_words_are_orphaned_even_when_they_occur_elsewhere(tmp_path):
    body = (
        "ME: Where did you grow up?\n\nOV: By the sea, in a town of nets and boats.\n\n"
        "ME: And the harbour?\n\nOV: The harbour was everything to us, the harbour wall most.\n"
    )
    path = make_single(tmp_path, body)
    text, anchor = find(load_bundle(path).article, "The harbour was everything to us")
    cut = reload(path, body.replace("The harbour was everything to us, the harbour wall", "No"))
    assert locate(ArticleText(cut), anchor) is None
    text, anchor = find(reload(path, body), "harbour")  # "And the harbour?"
    kept_elsewhere = reload(path, body.replace("ME: And the harbour?", "ME: And then?"))
    assert locate(ArticleText(kept_elsewhere), anchor) is None  # never onto other words


def test_placing_orders_by_the_text_and_keeps_orphans(tmp_path):
    body = "ME: One question?\n\nOV: First answer here.\n\nME: Two?\n\nOV: Second answer here.\n"
    path = make_single(tmp_path, body)
    article = load_bundle(path).article
    text = ArticleText(article)
    late = highlight(article, text, find(article, "Second answer")[1], note="later")
    early = highlight(article, text, find(article, "First answer")[1])
    assert late.speaker == "Oskar Vale" and late.title == article.title
    assert late.article == article.identity
    edited = reload(path, body.replace("First answer here.", "Changed entirely."))
    placed = place(edited, ArticleText(edited), [early, late])
    assert [p.state for p in placed] == ["anchored", "orphaned"]
    assert placed[0].highlight.id == late.id and placed[1].anchor.exact == "First answer"


def test_the_question_a_highlight_answers(article):
    _, anchor = find(article, "Always by the sea.")
    assert question_before(article, anchor.start[0]).text == "Where did you grow up?"
    assert question_before(article, 0) is None


def test_an_attributed_quote(article):
    _, anchor = find(article, "Always by the sea.")
    assert attributed_quote(article, anchor) == (
        "“Always by the sea.” — Oskar Vale, Three Voices, The Test Quarterly (2024-03-01)"
    )
    _, narration = find(article, "met me at the harbour")
    assert attributed_quote(article, narration).endswith(
        "” — Three Voices, The Test Quarterly (2024-03-01)"
    )
    assert "(laughs)" in attributed_quote(article, find(article, "(laughs) Always")[1])


def test_the_identity_survives_moving_the_library(tmp_path):
    first = make_single(tmp_path / "a", "ME: Q?\n\nOV: A.\n", slug="piece")
    second = make_single(tmp_path / "b" / "moved", "ME: Q?\n\nOV: A.\n", slug="piece")
    assert load_bundle(first).article.identity == load_bundle(second).article.identity
    marked = first.read_text(encoding="utf-8").replace("+++\n", '+++\nid = "atlas-1"\n', 1)
    first.write_text(marked, encoding="utf-8")
    assert load_bundle(first).article.identity == "id:atlas-1"


def test_a_quote_from_a_timed_transcript_says_when():
    timed = load_bundle(FIXTURE.parent / "night-ferry-podcast.md").article
    _, anchor = find(timed, "Like a big animal breathing.")
    assert attributed_quote(timed, anchor) == (
        "“Like a big animal breathing.” — Tove Aaland, The Night Ferry, Harbour Lights, at 4:46"
    )
