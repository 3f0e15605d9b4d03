"""Issue 17, item 5: library search is bounded. A pasted paragraph is not a query (at most
24 words); SQLite only finds and ranks, under a deadline its progress handler enforces (and
stops for a cancelled search); snippets are made in Python for the hits shown, never by
FTS5's `snippet()`, which grew with the square of the terms (200 terms: minutes)."""

from __future__ import annotations

import random

import pytest

from reader.core.library import Library, QueryError
from reader.core.library.fts import MARK_START
from reader.core.library.snippets import snippet
from reader.core.query import MAX_WORDS, Term, parse
from tests.hostile.pty_reader import PtyReader, reader_env

WORDS = [f"w{a}{b}{c}" for a in "bdfgk" for b in "aeiou" for c in "lmnrst"]  # 150 words


def term(text: str) -> Term:
    """The one term of `text`, as the search language parses it."""
    (one,) = parse(text).terms
    return one


def write_library(root, paragraph_words: int = 20_000):
    """Three bundles whose long answers hold every word of WORDS many times."""
    rng = random.Random(7)
    root.mkdir()
    for i in range(3):
        answer = " ".join(rng.choice(WORDS) for _ in range(paragraph_words))
        body = f"Q: Tell me everything.\n\nA: {answer}\n\nQ: And then?\n\nA: Nothing.\n"
        (root / f"b{i}.md").write_text(f'+++\ntitle = "B{i}"\n+++\n\n{body}', encoding="utf-8")
    return root


@pytest.fixture
def library(tmp_path):
    root = write_library(tmp_path / "lib")
    with Library(tmp_path / "cache.sqlite3") as lib:
        lib.scan(root)
        yield lib, root


def test_a_pasted_paragraph_is_not_a_query(library):
    lib, root = library
    with pytest.raises(QueryError, match=f"at most {MAX_WORDS}"):
        lib.search(" ".join(WORDS[:200]), root=root)
    with pytest.raises(QueryError, match=f"at most {MAX_WORDS}"):
        lib.search('"' + " ".join(WORDS[:30]) + '"', root=root)  # a phrase's words count too
    assert lib.search(" ".join(WORDS[:MAX_WORDS]), root=root)


def test_sqlite_never_makes_the_snippets(library):
    lib, root = library
    statements: list[str] = []
    lib._conn.set_trace_callback(statements.append)
    hits = lib.search(" ".join(WORDS[:MAX_WORDS]), root=root)
    lib._conn.set_trace_callback(None)
    assert hits and all(MARK_START in hit.snippet for hit in hits)
    searched = [s for s in statements if "MATCH" in s]
    assert searched and not any("snippet(" in s or "highlight(" in s for s in searched)


def test_a_cancelled_search_stops_with_no_hits(library):
    lib, root = library
    asked = []

    def cancelled() -> bool:
        asked.append(1)
        return True

    hits = lib.search("wbal", root=root, cancelled=cancelled)
    assert list(hits) == [] and asked


def test_snippet_marks_words_phrases_prefixes_and_accents():
    text = "By the sea, in a Café that doesn’t exist; the harbour, the harbour master."
    terms = [term("cafe"), term('"harbour master"'), term("exi*")]
    cut = snippet(text, terms, "«", "»")
    assert cut.text == (
        "By the sea, in a «Café» that doesn’t «exist»; the harbour, the «harbour master»."
    )
    assert (cut.offset, cut.match) == (text.index("Café"), "Café")


def test_a_snippet_from_the_start_keeps_what_comes_before_the_first_word():
    for text in ("[bold]x[/] and the [love of] maps", "(The choir sings.)"):
        cut = snippet(text, [term("love"), term("choir")], "«", "»")
        assert cut.text.replace("«", "").replace("»", "") == text


def test_snippet_picks_the_window_with_the_most_terms():
    filler = " ".join(f"f{i}" for i in range(100))
    text = f"alpha {filler} alpha beta gamma {filler} end"
    cut = snippet(text, [term("alpha"), term("beta"), term("gamma")], "[", "]")
    assert "[alpha] [beta] [gamma]" in cut.text and cut.text.startswith("…")
    assert cut.offset == 0  # the first match is still the first in the passage
    assert len(cut.text.split()) <= 22  # twenty tokens and the ellipses


def test_quitting_never_waits_for_a_search(tmp_path):
    """The real `reader`: Ctrl+F, a pasted 200-word query on a library of long answers
    (FTS5's snippets took minutes on it), then Esc and q: the app ends at once."""
    root = write_library(tmp_path / "lib", paragraph_words=50_000)
    app = PtyReader([root], env=reader_env(tmp_path / "home"))
    assert app.read(30.0, until=b"Tell me everything"), app.run.output[-2000:]
    app.read(2.0)  # the library scan has indexed the bundles
    for query in (" ".join(WORDS[:200]), " ".join(WORDS[:MAX_WORDS])):
        app.send("\x06", wait=0.5)  # Ctrl+F
        app.send(query, wait=0.5)
        app.send("\x1b", wait=0.3)
    run = app.quit(timeout=10)  # killed, and failed, if quitting waits for the search
    assert run.alive and run.returncode == 0, run.output[-2000:]
