"""core/highlights/store.py: highlights kept across runs and instances, never lost."""

from __future__ import annotations

import json
from dataclasses import replace

import pytest

from reader.core.highlights.anchors import TextAnchor
from reader.core.highlights.model import Highlight
from reader.core.highlights.store import FILE_NAME, SCHEMA, HighlightStore

ANCHOR = TextAnchor((3, 4), (3, 19), "by the sea", "Always ", ". My", "abc123")


def one(id: str, article: str = "piece:1", note: str = "") -> Highlight:
    stamp = "2026-01-01T00:00:00+00:00"
    return Highlight(id, article, ANCHOR, "green", note, stamp, stamp, "Title", "Oskar", "/x")


def store(folder) -> HighlightStore:
    kept = HighlightStore(folder)
    kept.load()
    return kept


def test_highlights_round_trip(tmp_path):
    first = store(tmp_path)
    first.put(one("a1", note="a [note]"))
    first.put(one("b2", article="other:2"))
    assert first.save() and first.take_warnings() == []
    again = store(tmp_path)
    (back,) = again.of("piece:1")
    assert back.anchor == ANCHOR and back.note == "a [note]" and back.colour == "green"
    assert again.articles() == ["other:2", "piece:1"] and again.count("other:2") == 1


def test_two_instances_merge_highlight_by_highlight(tmp_path):
    a, b = store(tmp_path), store(tmp_path)
    a.put(one("a1"))
    b.put(one("b1"))
    assert a.save() and b.save()
    merged = store(tmp_path)
    assert {h.id for h in merged.of("piece:1")} == {"a1", "b1"}
    a.put(replace(one("b1"), note="from a"))  # a changes b's highlight, later
    assert a.save()
    assert store(tmp_path).of("piece:1")[1].note == "from a"


def test_a_removed_highlight_stays_removed_in_other_instances(tmp_path):
    a = store(tmp_path)
    a.put(one("a1"))
    a.save()
    b = store(tmp_path)
    b.remove(b.of("piece:1")[0])
    assert b.save()
    a.put(one("c3"))  # a still has a1 in memory, unchanged: it must not bring it back
    assert a.save()
    assert [h.id for h in store(tmp_path).of("piece:1")] == ["c3"]


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        json.dumps({"schema": "something else"}),
        json.dumps({"schema": SCHEMA, "version": 99}),
        json.dumps(
            {"schema": "interview-reader/highlights", "version": 1, "articles": {"x": [{}]}}
        ),
    ],
)
def test_an_unusable_file_is_moved_aside_with_a_warning(tmp_path, content):
    (tmp_path / FILE_NAME).write_text(content, encoding="utf-8")
    kept = store(tmp_path)
    assert kept.articles() == []
    (warning,) = kept.take_warnings()
    aside = [p for p in tmp_path.iterdir() if p.name != FILE_NAME]
    assert len(aside) == 1 and aside[0].read_text(encoding="utf-8") == content
    assert aside[0].name in warning.message and warning.path == tmp_path / FILE_NAME
    kept.put(one("a1"))
    assert kept.save() and store(tmp_path).count("piece:1") == 1


def test_a_folder_that_cannot_be_written_warns_once_and_keeps_them(tmp_path):
    blocked = tmp_path / "state"
    blocked.write_text("a file where the folder should be")
    kept = HighlightStore(blocked)
    kept.put(one("a1"))
    assert not kept.save() and not kept.save()
    assert len(kept.take_warnings()) == 1 and kept.dirty and kept.count("piece:1") == 1


def test_names_that_are_not_utf8_are_kept(tmp_path):
    odd = one("a1", article="raw\udc9bname:abc")
    kept = store(tmp_path)
    kept.put(replace(odd, path="/lib/raw\udc9bname.md"))
    assert kept.save()
    (back,) = store(tmp_path).of("raw\udc9bname:abc")
    assert back.path == "/lib/raw\udc9bname.md"
