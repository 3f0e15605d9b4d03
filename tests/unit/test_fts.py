"""Library-wide search: safe query translation, ranking, snippets, offsets, index upkeep."""

from __future__ import annotations

import json
import os
import sqlite3
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from reader.core.bundle import load_bundle
from reader.core.library import Library, QueryError, fts, group_by_article
from reader.core.library.fts import MARK_END, MARK_START, to_match
from reader.core.library.store import memory
from reader.paths import sample_library
from tests.helpers import DEFAULT_TOML, make_dir_bundle, make_single

HARBOUR = """\
Oskar Vale met me at the harbour at six.

ME: Where did you grow up?

OV: By the sea. (laughs) Always by the sea, in a café that doesn’t exist any more.

My father kept the [love of] charts in a drawer, and the cinematographer next door filmed it.

## The early years

ME: Tell me about the first map.

OV: It showed a coast that was not there any more. The harbour, the harbour, the harbour.
"""
ORCHARD = """\
ME: What grows in the orchard?

OV: Apples, mostly. A cinema once stood where the pears are.
"""


@pytest.fixture
def root(tmp_path):
    root = tmp_path / "lib"
    make_dir_bundle(root, HARBOUR, slug="harbour")
    make_single(root, ORCHARD, DEFAULT_TOML.replace("The Cartographer", "The Orchard"), "orchard")
    return root


@pytest.fixture
def library(tmp_path, root):
    with Library(tmp_path / "cache.sqlite3") as lib:
        lib.scan(root)
        yield lib


def plain(hit) -> str:
    return hit.snippet.replace(MARK_START, "").replace(MARK_END, "")


def test_words_phrases_and_prefixes_become_quoted_terms():
    assert to_match("Harbour") == 'text : ("harbour")'
    assert to_match('"love of" cinem*') == 'text : ("love of" "cinem" *)'
    assert to_match('the "open phrase') == 'text : ("the" "open phrase")'
    assert to_match("NEAR(a b) OR -x") == 'text : ("near a" "b" "or" "x")'
    assert to_match("sea", speaker="Oskar") == 'text : ("sea") AND who : ("oskar")'
    assert to_match('speaker:"Mara Ell*" sea') == 'text : ("sea") AND who : ("mara" "ell" *)'
    assert to_match("speaker:ME speaker:OV") == '(who : ("me") OR who : ("ov"))'


@pytest.mark.parametrize("query", ["", "   ", "*", '""', '"', "— …", "___", "** ( )"])
def test_a_query_with_nothing_to_search_is_a_clear_error(library, query):
    with pytest.raises(QueryError, match="nothing to search for"):
        library.search(query)


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.sampled_from("ab \"*():^-+{}[]NEARORNOT\\'’é\n\t"), max_size=20))
def test_no_user_query_is_an_fts5_syntax_error(query):
    conn = memory()
    conn.execute("INSERT INTO passages (rowid, text, who) VALUES (1, 'a b é', 'OV Oskar')")
    try:
        match = to_match(query)
    except QueryError:
        return
    conn.execute("SELECT rowid FROM passages WHERE passages MATCH ?", (match,)).fetchall()


def test_hits_carry_article_turn_speaker_and_snippet(library, root):
    (hit,) = library.search('"love of"')
    assert hit.title == "The Cartographer" and hit.slug == "harbour"
    assert hit.path == (root / "harbour").absolute()
    assert (hit.speaker, hit.speaker_name, hit.role) == ("OV", "Oskar Vale", "subject")
    assert hit.marked() == (
        "My father kept the [«love of»] charts in a drawer, and the cinematographer next door"
        " filmed it."
    )
    assert hit.snippet_parts()[1] == ("love of", True)
    assert hit.match == "love of"


def test_offset_points_at_the_match_in_the_block_text(library, root):
    article = load_bundle(root / "harbour").article
    for query, word in [('"love of"', "love of"), ("drawer", "drawer"), ("harbour", "harbour")]:
        for hit in library.search(query):
            if hit.slug == "harbour":
                text = article.blocks[hit.block].text
                assert text[hit.offset :].casefold().startswith(word), (query, hit)


def test_prefix_accents_and_apostrophes(library):
    assert {plain(h) for h in library.search("cinem*")} == {
        "My father kept the [love of] charts in a drawer, and the cinematographer next door"
        " filmed it.",
        "Apples, mostly. A cinema once stood where the pears are.",
    }
    assert library.search("cafe")[0].offset == library.search("café")[0].offset
    assert library.search("cafe")[0].match == "café"
    assert library.search("cinem*")[0].match in ("cinema", "cinematographer")
    assert library.search("doesn't") and library.search("doesn’t")


def test_phrases_need_their_words_together(library):
    assert library.search('"the sea"')
    assert not library.search('"sea the"')
    assert len(library.search("coast harbour")) == 1  # every word, in one paragraph


def test_ranking_prefers_the_denser_passage(library):
    hits = library.search("harbour")
    assert "the harbour, the harbour" in plain(hits[0])
    assert {h.block for h in hits} >= {0}  # the narration mentions it too


def test_speaker_filter(library):
    assert {h.speaker for h in library.search("harbour")} == {"", "OV"}
    assert {h.speaker for h in library.search("harbour", speaker="vale")} == {"OV"}
    assert library.search("grow*", speaker="Mara Ellison")[0].speaker == "ME"
    assert not library.search("apples", speaker="mara")


def test_search_is_scoped_to_a_folder(tmp_path, library, root):
    other = tmp_path / "other"
    make_single(other, "ME: Any apples?\n\nOV: Apples, always.\n", slug="apples")
    library.scan(other)
    assert {h.slug for h in library.search("apples")} == {"orchard", "apples"}
    assert {h.slug for h in library.search("apples", root=root)} == {"orchard"}
    assert {h.slug for h in library.search("apples", root=other)} == {"apples"}


def test_group_by_article_keeps_rank_order(library):
    assert not library.search("harbour OR apples")  # "OR" is a word to find, not an operator
    hits = library.search("cinem*")  # the orchard's cinema ranks first: a shorter passage
    hits += library.search("harbour")
    groups = group_by_article(hits)
    assert [g[0].slug for g in groups] == [hits[0].slug, hits[1].slug]
    assert [h for g in groups for h in g] == sorted(hits, key=lambda h: h.slug != hits[0].slug)


def test_index_follows_edits_and_deletions(tmp_path, library, root):
    body = root / "harbour" / "article.md"
    body.write_text(HARBOUR.replace("love of", "fear of"), encoding="utf-8")
    library.scan(root)
    assert not library.search('"love of"')
    assert library.search('"fear of"')[0].slug == "harbour"
    (root / "orchard.md").unlink()
    library.scan(root)
    assert not library.search("apples")
    with sqlite3.connect(tmp_path / "cache.sqlite3") as conn:
        (count,) = conn.execute("SELECT count(*) FROM passages").fetchone()
    article = load_bundle(root / "harbour").article
    paragraphs = sum(1 for b in article.blocks for p in b.paragraphs if p.text.strip())
    assert count == 1 + paragraphs  # and the title


def test_a_sample_phrase_is_found_at_its_turn(tmp_path):
    with Library(tmp_path / "cache.sqlite3") as lib:
        lib.scan(sample_library())
        (hit,) = lib.search('"putting marks around words"')
    article = load_bundle(hit.path).article
    assert article.title == hit.title
    assert article.blocks[hit.block].kind == "narration" or hit.speaker
    assert article.blocks[hit.block].text[hit.offset :].startswith("putting marks around words")
    assert os.path.commonpath([hit.path, sample_library().absolute()]) == str(
        Path(sample_library()).absolute()
    )


def test_reader_search_command(capsys, root):
    from reader.cli import main

    assert main(["search", '"love of"', str(root), "--json"]) == 0
    (row,) = json.loads(capsys.readouterr().out)
    assert list(row) == [
        "path",
        "slug",
        "title",
        "block",
        "speaker",
        "speaker_name",
        "role",
        "snippet",
        "offset",
        "start",
        "turn",
        "open",
        "kind",
        "highlight",
        "words",
    ]
    assert (row["kind"], row["highlight"], row["words"]) == ("passage", None, None)
    assert row["start"] is None  # an untimed bundle
    assert row["snippet"].startswith("My father kept the [«love of»] charts")
    assert (row["slug"], row["speaker_name"], row["block"]) == ("harbour", "Oskar Vale", 2)
    assert row["turn"] == 2 and row["open"] == f"reader {root / 'harbour'} --turn 2"

    assert main(["search", "apples", str(root), "--speaker", "Oskar"]) == 0
    out = capsys.readouterr().out.splitlines()
    assert out == [
        "The Orchard · Oskar Vale (orchard, turn 2)",
        "    «Apples», mostly. A cinema once stood where the pears are.",
        f"    reader {root / 'orchard.md'} --turn 2",
    ]

    assert main(["search", "nowhere-to-be-found", str(root)]) == 1
    assert "no matches" in capsys.readouterr().err
    assert main(["search", '(sea) "by the', str(root)]) == 0  # words, never FTS5 syntax
    capsys.readouterr()
    assert main(["search", "* ( )", str(root)]) == 2
    err = capsys.readouterr().err
    assert err.startswith("reader: search: nothing to search for") and "Traceback" not in err


def test_reader_search_says_each_hit_s_turn_from_the_index(capsys, monkeypatch):
    """The turn a hit is in comes from the index, as the article counts turns (a turn
    resumed after a picture is not a new one): `reader search` reads no article for it."""
    from reader.cli import main
    from reader.core import bundle

    samples = sample_library()
    assert main(["list", str(samples)]) == 0  # the cache made (this reads the articles)
    capsys.readouterr()
    monkeypatch.setattr(bundle, "load_bundle", None)  # nothing may read an article now
    assert main(["search", "the", str(samples), "--json", "--limit", "400"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert len({row["slug"] for row in rows}) >= 4
    monkeypatch.undo()
    articles = {path: load_bundle(Path(path)).article for path in {row["path"] for row in rows}}
    for row in rows:
        article = articles[row["path"]]
        expected = article.turn_number(row["block"]) if row["block"] >= 0 else 0
        assert row["turn"] == (expected or None), row


def test_too_many_matches_to_rank_gives_the_first_ones(library, monkeypatch):
    ranked = library.search("harbour")
    assert not ranked.partial
    monkeypatch.setattr(fts, "RANK_SECONDS", 0.0)
    monkeypatch.setattr(fts, "CHECK_STEPS", 1)
    first = library.search("harbour")
    assert first.partial
    assert sorted(first, key=lambda h: h.block) == sorted(ranked, key=lambda h: h.block)


def test_one_letter_prefixes_are_refused(library):
    with pytest.raises(QueryError, match="at least 2 letters"):
        library.search("c*")
    assert library.search("ci*")
