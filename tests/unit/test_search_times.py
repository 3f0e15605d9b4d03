"""Search hits in a timed transcript say when the words were said: the library index keeps
each passage's turn time (cache schema 2; older caches are rebuilt), `reader search` prints
it and gives it as `start` in JSON, and the library search's rows show it."""

from __future__ import annotations

import json
import shutil
import sqlite3
from pathlib import Path

import pytest

from reader.cli import main
from reader.core.library import Library
from reader.core.library.store import SCHEMA_VERSION
from reader.screens.library_search import hit_row
from tests.helpers import make_single

FERRY = Path(__file__).resolve().parents[1] / "fixtures" / "pane" / "night-ferry-podcast.md"


@pytest.fixture
def root(tmp_path) -> Path:
    root = tmp_path / "lib"
    root.mkdir()
    shutil.copy(FERRY, root / "night-ferry.md")
    make_single(root, "\nME: Where is the dog?\n\nOV: Asleep.\n", slug="untimed")
    return root


def test_hits_carry_the_time_of_their_turn(tmp_path, root):
    with Library(tmp_path / "cache.sqlite3") as library:
        library.scan(root)
        hits = {(h.slug, h.speaker_name): h for h in library.search("dog", root=root)}
        assert hits[("night-ferry", "Lena Marsh")].time == 33 * 60 + 50  # "And the dog?"
        assert hits[("night-ferry", "Tove Aaland")].time == 12 * 60 + 37  # "…and a dog below"
        assert hits[("untimed", "Mara Ellison")].time is None
        # a paragraph after a heading, or further into a turn, has its turn's time
        (second,) = library.search("sea past you", root=root)
        assert second.time == 12 * 60 + 37 and second.offset > 0
        (opening,) = library.search("engine noise bell", root=root)
        assert opening.speaker_name == "" and opening.time == 5.0


def test_reader_search_prints_the_time_and_gives_it_in_json(root, capsys):
    assert main(["search", "crosstalk", str(root)]) == 0
    heading = capsys.readouterr().out.splitlines()[0]
    assert heading == "The Night Ferry · Tove Aaland · 33:52 (night-ferry, turn 10)"
    assert main(["search", "dog", str(root), "--json"]) == 0
    rows = json.loads(capsys.readouterr().out)
    assert {(r["slug"], r["start"]) for r in rows} == {
        ("night-ferry", 33 * 60 + 50.0),
        ("night-ferry", 12 * 60 + 37.0),
        ("untimed", None),
    }


def test_the_library_search_row_shows_the_time(tmp_path, root):
    with Library(tmp_path / "cache.sqlite3") as library:
        library.scan(root)
        (hit,) = library.search("afraid", root=root)
    row = hit_row(hit).plain
    assert row.startswith("  21:05 Lena Marsh: ") and "afraid" in row


def test_a_cache_from_before_times_is_rebuilt(tmp_path, root):
    cache = tmp_path / "old.sqlite3"
    conn = sqlite3.connect(cache)
    conn.execute("CREATE TABLE meta (key TEXT PRIMARY KEY, value TEXT NOT NULL)")
    conn.execute("PRAGMA user_version = 1")
    conn.commit()
    conn.close()
    assert SCHEMA_VERSION >= 2
    with Library(cache) as library:
        library.scan(root)
        assert library.search("afraid", root=root)[0].time == 21 * 60 + 5
