"""core/library/notes.py: the reader's notes found by the library search, in the one search
language, in the library searched (wherever it is now), before the passages."""

from __future__ import annotations

import json
import shutil
from dataclasses import replace

import pytest

from reader.cli import main
from reader.core.bundle import load_bundle
from reader.core.highlights.anchors import ArticleText, make_anchor
from reader.core.highlights.model import Highlight, highlight
from reader.core.highlights.store import HighlightStore
from reader.core.library import Library
from reader.core.library.fts import MARK_END, MARK_START
from reader.core.library.notes import note_snippet
from reader.core.query import parse
from reader.paths import state_dir
from tests.helpers import SEA_BODY, make_single

OTHER = 'title = "Another Piece"\n'


def noted(path, words: str, note: str) -> Highlight:
    article = load_bundle(path).article
    text = ArticleText(article)
    lo = text.text.index(words)
    anchor = make_anchor(text, text.position(lo), text.position(lo + len(words)))
    return highlight(article, text, anchor, note=note)


@pytest.fixture
def bundle(tmp_path):
    return make_single(tmp_path / "library", SEA_BODY, slug="cartographer")


def finds(query: str, one: Highlight) -> str | None:
    cut = note_snippet(parse(query), one, "«", "»")
    return cut.text if cut else None


def test_a_note_is_searched_in_the_one_search_language(bundle):
    one = noted(bundle, "a coast that was not there", "The lost Café of [love of] maps")
    assert finds("cafe", one) == "The lost «Café» of [love of] maps"  # accents, case
    assert finds("lost maps", one) == "The «lost» Café of [love of] «maps»"  # every word
    assert finds('"lost cafe"', one) == "The «lost Café» of [love of] maps"
    assert finds('"cafe lost"', one) is None  # a phrase keeps its order
    assert finds("ma*", one) == "The lost Café of [love of] «maps»"
    assert finds("lost harbour", one) is None  # all the words, in the one note
    assert finds("coast", one) is None  # the highlighted words are the passage's, not the note's
    bracketed = replace(one, note="[love of] the\x1b[2J sea")  # from its first character
    assert finds("love", bracketed) == "[«love» of] the[2J sea"  # nothing a terminal acts on


def test_speaker_keeps_the_notes_on_their_words_and_q_a_leave_notes_out(bundle):
    one = noted(bundle, "a coast that was not there", "the lost coast")
    assert finds("speaker:vale lost", one) and finds("speaker:Oskar", one)
    assert finds("speaker:ellison lost", one) is None
    assert finds("a: lost", one) is None and finds("q: lost", one) is None
    assert finds("lost", replace(one, note="   ")) is None


def test_the_library_search_lists_notes_first_at_the_highlight(bundle):
    one = noted(bundle, "a coast that was not there", "maps of places gone")
    with Library(bundle.parent.parent / "cache.db") as library:
        library.scan(bundle.parent)
        hits = library.search("map*", root=bundle.parent, notes=[one])
    note, passage = hits
    assert note.is_note and not passage.is_note
    assert (note.highlight, note.words, note.speaker_name) == (
        one.id,
        one.anchor.exact,
        "Oskar Vale",
    )
    assert (note.block, note.offset) == one.anchor.start
    assert note.path == bundle and note.title == "The Cartographer"
    assert note.snippet == f"{MARK_START}maps{MARK_END} of places gone"
    assert passage.match == "map"


def test_a_note_is_found_where_its_library_is_now_and_only_there(bundle, tmp_path):
    one = noted(bundle, "nets and boats", "the town's trade")
    moved = tmp_path / "moved"
    shutil.move(bundle.parent, moved)  # the library folder moved (the note keeps its place)
    elsewhere = tmp_path / "elsewhere"
    make_single(elsewhere, "ME: Trade?\n\nOV: None.\n", OTHER, slug="another")
    with Library(tmp_path / "cache.db") as library:
        library.scan(moved)
        library.scan(elsewhere)
        (hit,) = library.search("trade", root=moved, notes=[one])
        assert hit.is_note and hit.path == moved / "cartographer.md"
        assert [h.is_note for h in library.search("trade", root=elsewhere, notes=[one])] == [False]


def test_the_notes_searched_are_the_ones_of_now(bundle):
    one = noted(bundle, "nets and boats", "the town's trade")
    with Library(bundle.parent.parent / "cache.db") as library:
        library.scan(bundle.parent)
        assert library.search("trade", root=bundle.parent, notes=[one])[0].is_note
        edited = replace(one, note="fishing, mostly")
        assert library.search("trade", root=bundle.parent, notes=[edited]) == []
        assert library.search("fishing", root=bundle.parent, notes=[edited])[0].is_note
        assert library.search("fishing", root=bundle.parent, notes=[]) == []  # removed


# -- reader search ------------------------------------------------------------------------------


def search(capsys, *args: str) -> tuple[int, str]:
    code = main(["search", *args])
    return code, capsys.readouterr().out


def test_reader_search_finds_a_note_and_follows_its_edits(bundle, capsys):
    store = HighlightStore(state_dir())
    store.load()
    one = store.put(noted(bundle, "a coast that was not there", "maps of [love of] places gone"))
    assert store.save()
    code, out = search(capsys, "places", str(bundle.parent))
    assert code == 0
    heading, note, words, command = out.splitlines()
    assert heading == "The Cartographer · your note · Oskar Vale (cartographer, turn 4)"
    assert note == "    ✎ maps of [love of] «places» gone"
    assert words == "    on “a coast that was not there”"
    assert command.endswith("cartographer.md --turn 4")
    code, out = search(capsys, "places", str(bundle.parent), "--json")
    (row,) = json.loads(out)
    assert (row["kind"], row["highlight"], row["words"]) == ("note", one.id, one.anchor.exact)
    store.put(replace(one, note="somewhere else"))  # edited: the old words no longer find it
    assert store.save()
    assert search(capsys, "places", str(bundle.parent))[0] == 1
    store.remove(store.of(one.article)[0])
    assert store.save()
    assert search(capsys, "somewhere", str(bundle.parent))[0] == 1
