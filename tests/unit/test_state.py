"""The state file: round trips, merging between instances, and every way it can go wrong."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from reader.core.atomic import atomic_write
from reader.core.state import (
    FILE_NAME,
    SCHEMA,
    VERSION,
    SavedProgress,
    StateStore,
    article_key,
    clamp_position,
    dump_state,
    parse_state,
    progress_label,
)


def fresh(folder) -> StateStore:
    store = StateStore(folder)
    store.load()
    return store


def test_round_trip(tmp_path):
    store = fresh(tmp_path)
    store.opened("/a")
    store.record("/a", (3, 120), 42.5)
    store.set("theme", "sepia")
    store.set("measure", 64)
    assert store.save()
    again = fresh(tmp_path)
    assert again.state.last_article == "/a"
    assert again.state.theme == "sepia"
    assert again.state.measure == 64
    progress = again.progress("/a")
    assert (progress.block, progress.offset, progress.percent) == (3, 120, 42.5)
    assert progress.opened
    assert again.take_warnings() == []


def test_a_save_sweeps_what_killed_writers_left(tmp_path):
    store = fresh(tmp_path)
    leftover = tmp_path / f".{store.path.name}.k1ll3d.tmp"
    leftover.write_text('{"half": ')
    other = tmp_path / "notes.tmp"
    other.write_text("not ours")
    store.record("/a", (1, 0), 5.0)
    assert store.save()
    assert not leftover.exists() and other.exists()
    assert sorted(p.name for p in tmp_path.iterdir() if p.name.endswith(".tmp")) == ["notes.tmp"]


def test_missing_folder_is_created_and_missing_file_is_not_a_problem(tmp_path):
    store = fresh(tmp_path / "deep" / "state")
    assert store.state.articles == {}
    store.record("/a", (0, 0), 0)
    assert store.save()
    assert (tmp_path / "deep" / "state" / FILE_NAME).is_file()
    assert store.take_warnings() == []


def test_nothing_to_save_writes_nothing(tmp_path):
    store = fresh(tmp_path)
    assert store.save()
    assert not (tmp_path / FILE_NAME).exists()


@pytest.mark.parametrize(
    "content",
    [
        "{not json",
        '{"schema": "interview-reader/state", "version": 1, "articles": ',  # truncated
        "[]",
        '{"schema": "something-else", "version": 1}',
        '{"schema": "interview-reader/state"}',
        '{"schema": "interview-reader/state", "version": 1, "articles": {"/a": {"block": -1, '
        '"offset": 0}}}',
        '{"schema": "interview-reader/state", "version": 1, "theme": 3}',
        '{"schema": "interview-reader/state", "version": 99}',
    ],
    ids=["garbage", "truncated", "array", "schema", "no-version", "bad-entry", "bad-type", "new"],
)
def test_unusable_file_is_moved_aside_with_one_warning(tmp_path, content):
    (tmp_path / FILE_NAME).write_text(content, encoding="utf-8")
    store = fresh(tmp_path)
    assert store.state.articles == {}
    warnings = store.take_warnings()
    assert len(warnings) == 1
    kept = [p for p in tmp_path.iterdir() if p.name != FILE_NAME]
    assert len(kept) == 1 and kept[0].read_text(encoding="utf-8") == content
    assert kept[0].name in warnings[0].message and warnings[0].path == tmp_path / FILE_NAME
    assert not (tmp_path / FILE_NAME).exists()
    # and the app carries on: a save writes a fresh, valid file
    store.record("/a", (1, 2), 3)
    assert store.save()
    assert parse_state((tmp_path / FILE_NAME).read_text(encoding="utf-8")).articles["/a"].block == 1


def test_binary_file_is_moved_aside(tmp_path):
    (tmp_path / FILE_NAME).write_bytes(b"\xff\xfe\x00garbage")
    store = fresh(tmp_path)
    assert len(store.take_warnings()) == 1
    assert len(list(tmp_path.iterdir())) == 1


def test_two_bad_files_in_the_same_second_are_both_kept(tmp_path):
    for text in ("bad one", "bad two"):
        (tmp_path / FILE_NAME).write_text(text, encoding="utf-8")
        fresh(tmp_path)
    kept = sorted(p.read_text() for p in tmp_path.iterdir())
    assert kept == ["bad one", "bad two"]


def test_failing_write_warns_once_and_keeps_working(tmp_path):
    folder = tmp_path / "state"
    folder.write_text("a file where the folder should be")  # fails even for root
    store = fresh(folder)
    store.record("/a", (5, 0), 10)
    assert not store.save()
    store.record("/a", (6, 0), 20)
    assert not store.save()
    assert len(store.take_warnings()) == 1
    assert store.progress("/a").block == 6  # memory still has it
    assert store.dirty
    folder.unlink()
    assert store.save()  # once the folder can be written, the change lands
    assert fresh(folder).progress("/a").block == 6


def test_two_instances_merge_per_article(tmp_path):
    one, two = fresh(tmp_path), fresh(tmp_path)
    one.record("/a", (1, 0), 10)
    one.set("theme", "night")
    assert one.save()
    two.record("/b", (2, 0), 20)
    assert two.save()  # must not drop /a or the theme written by `one`
    merged = fresh(tmp_path).state
    assert set(merged.articles) == {"/a", "/b"}
    assert merged.theme == "night"
    # last writer wins for an article both changed
    one.record("/b", (9, 0), 90)
    assert one.save()
    assert fresh(tmp_path).progress("/b").block == 9
    # and an instance sees the others' articles after its own save
    two.record("/c", (0, 0), 0)
    assert two.save()
    assert two.progress("/a").block == 1 and two.progress("/b").block == 9


def test_atomic_write_replaces_and_leaves_no_temporary_files(tmp_path):
    target = tmp_path / "x.json"
    atomic_write(target, "one")
    atomic_write(target, b"two")
    assert target.read_text() == "two"
    assert [p.name for p in tmp_path.iterdir()] == ["x.json"]


def test_atomic_write_failure_keeps_the_old_file(tmp_path):
    target = tmp_path / "x.json"
    target.write_text("old")
    with pytest.raises(OSError):
        atomic_write(tmp_path / "missing-folder" / "x.json", "new")
    assert target.read_text() == "old"


def test_dump_is_versioned_json():
    data = json.loads(dump_state(parse_state(json.dumps({"schema": SCHEMA, "version": 1}))))
    assert data["schema"] == SCHEMA and data["version"] == VERSION
    assert data["articles"] == {}


def test_percent_is_clamped_when_read():
    text = json.dumps(
        {
            "schema": SCHEMA,
            "version": 1,
            "articles": {"/a": {"block": 0, "offset": 0, "percent": 250}},
        }
    )
    assert parse_state(text).articles["/a"].percent == 100.0


@pytest.mark.parametrize(
    ("position", "lengths", "expected"),
    [
        ((2, 5), [10, 10, 10], (2, 5)),
        ((7, 5), [10, 10, 3], (2, 3)),  # the bundle lost blocks: last block, clamped offset
        ((1, 500), [10, 20], (1, 20)),
        ((-3, -1), [10], (0, 0)),
        ((4, 4), [], (0, 0)),
    ],
)
def test_clamp_position(position, lengths, expected):
    assert clamp_position(position, len(lengths), lengths.__getitem__) == expected


def test_progress_label():
    assert progress_label(None) == "unread"
    assert progress_label(SavedProgress(percent=42.7)) == "42%"
    assert progress_label(SavedProgress(percent=100, read=True)) == "read"
    assert progress_label(SavedProgress(percent=0, read=True)) == "read, at 0%"  # g after it


def test_read_stays_true_when_the_reader_goes_back(tmp_path):
    store = StateStore(tmp_path)
    store.record("k", (9, 0), 100.0, finished=True)
    store.record("k", (0, 0), 0.0)
    assert store.progress("k").read and store.progress("k").percent == 0.0
    store.save()
    again = StateStore(tmp_path)
    again.load()
    assert again.progress("k").read


def test_a_state_file_from_before_read_was_kept_reads_it_from_the_percent():
    text = (
        '{"schema": "interview-reader/state", "version": 1, "articles": {'
        '"/a": {"block": 1, "offset": 0, "percent": 100.0}, '
        '"/b": {"block": 1, "offset": 0, "percent": 40.0}}}'
    )
    state = parse_state(text)
    assert state.articles["/a"].read and not state.articles["/b"].read


def test_article_key_resolves(tmp_path, monkeypatch):
    (tmp_path / "x").mkdir()
    monkeypatch.chdir(tmp_path)
    assert article_key(tmp_path / "x") == article_key(Path("x"))
