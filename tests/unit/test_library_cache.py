"""The metadata cache: only changed bundles are parsed again, and a damaged cache is rebuilt."""

from __future__ import annotations

import os
import shutil
import sqlite3
import subprocess
import sys
import textwrap
from pathlib import Path
from unittest.mock import patch

import pytest

from reader.core.bundle import load_bundle
from reader.core.catalog import entry_from
from reader.core.discover import find_bundles
from reader.core.library import Library, cache, parsing
from reader.core.library.store import SCHEMA_VERSION
from reader.paths import library_cache_path, sample_library
from tests.helpers import DEFAULT_TOML, make_dir_bundle, make_single

BODY = "ME: Where did you grow up?\n\nOV: By the sea. Always by the sea.\n"


def bump(path: Path, seconds: int = 10) -> None:
    """Move a file's mtime forward, as a later save would (tests run faster than the clock)."""
    st = os.stat(path)
    os.utime(path, ns=(st.st_atime_ns, st.st_mtime_ns + seconds * 1_000_000_000))


def scan_counting(library: Library, root: Path):
    """(catalog, how many bundles were parsed rather than read from the cache)."""
    with patch.object(parsing, "load_bundle", wraps=parsing.load_bundle) as loads:
        catalog = library.scan(root)
    return catalog, loads.call_count


@pytest.fixture
def lib_root(tmp_path):
    root = tmp_path / "lib"
    for i in range(3):
        make_dir_bundle(root, BODY, DEFAULT_TOML.replace("Cartographer", f"Map {i}"), f"d{i}")
    make_single(root, BODY, slug="single")
    return root


@pytest.fixture
def library(tmp_path):
    with Library(tmp_path / "cache.sqlite3", timeout=0.2) as lib:
        yield lib


def titles(catalog) -> list[str]:
    return [e.title for e in catalog.entries]


def test_entries_match_a_plain_scan():
    plain = [entry_from(load_bundle(path)) for path in find_bundles(sample_library()).bundles]
    with Library(library_cache_path()) as lib:
        cached = lib.scan(sample_library())
        warm = lib.scan(sample_library())
    assert len(cached.entries) == len(plain) >= 5
    for a, b, c in zip(plain, cached.entries, warm.entries, strict=True):
        assert b == c
        assert b.path == a.path.absolute()
        assert (b.title, b.words, b.participants, b.tags, b.warnings, b.problem) == (
            a.title,
            a.words,
            a.participants,
            a.tags,
            a.warnings,
            a.problem,
        )
    assert library_cache_path().is_file()


def test_warm_scan_parses_nothing(library, lib_root):
    cold, parsed = scan_counting(library, lib_root)
    assert parsed == 4
    warm, parsed = scan_counting(library, lib_root)
    assert parsed == 0
    assert warm.entries == cold.entries


def test_touch_reparses_only_that_bundle(library, lib_root):
    scan_counting(library, lib_root)
    bump(lib_root / "d1" / "article.md")
    bump(lib_root / "single.md")
    _, parsed = scan_counting(library, lib_root)
    assert parsed == 2


def test_edits_are_seen(library, lib_root):
    scan_counting(library, lib_root)
    toml = lib_root / "d0" / "article.toml"
    toml.write_text(DEFAULT_TOML.replace("The Cartographer", "The Surveyor"), encoding="utf-8")
    bump(toml)
    body = lib_root / "d2" / "article.md"
    body.write_text(BODY + "\nOV: And the harbour, later.\n", encoding="utf-8")
    catalog, parsed = scan_counting(library, lib_root)
    assert parsed == 2
    assert titles(catalog)[0] == "The Surveyor"
    assert catalog.entries[2].words > catalog.entries[1].words


def test_deleted_and_added_bundles(library, lib_root):
    scan_counting(library, lib_root)
    (lib_root / "single.md").unlink()
    make_single(lib_root / "sub", BODY, DEFAULT_TOML.replace("Cartographer", "Newcomer"), "new")
    catalog, parsed = scan_counting(library, lib_root)
    assert parsed == 1
    assert "The Newcomer" in titles(catalog)
    assert not any(e.slug == "single" for e in catalog.entries)
    _, parsed = scan_counting(library, lib_root)
    assert parsed == 0


def test_body_file_named_in_toml_is_watched(library, tmp_path):
    root = tmp_path / "lib"
    folder = make_dir_bundle(root, "", DEFAULT_TOML.replace("title", 'body = "text.md"\ntitle'))
    (folder / "article.md").unlink()
    catalog, _ = scan_counting(library, root)
    assert catalog.entries[0].broken  # text.md does not exist yet
    (folder / "text.md").write_text(BODY, encoding="utf-8")
    catalog, parsed = scan_counting(library, root)
    assert parsed == 1 and not catalog.entries[0].broken
    (folder / "text.md").write_text(BODY + "\nOV: More.\n", encoding="utf-8")
    catalog, parsed = scan_counting(library, root)
    assert parsed == 1 and catalog.entries[0].words > 0


def test_broken_bundles_are_cached_and_fixed(library, tmp_path):
    root = tmp_path / "lib"
    make_single(root, BODY, 'title = "Oops', "bad")
    catalog, _ = scan_counting(library, root)
    assert catalog.entries[0].broken
    catalog, parsed = scan_counting(library, root)
    assert parsed == 0 and catalog.entries[0].broken
    make_single(root, BODY, 'title = "Fixed"\n', "bad")
    bump(root / "bad.md")
    catalog, parsed = scan_counting(library, root)
    assert parsed == 1 and titles(catalog) == ["Fixed"]


def test_progress_reports_every_entry_once(library, lib_root):
    reports = []
    catalog = library.scan(lib_root, reports.append)
    assert reports[-1].done == reports[-1].total == 4
    reported = [e for r in reports for e in r.entries]
    assert sorted(reported, key=lambda e: e.path) == sorted(catalog.entries, key=lambda e: e.path)


def test_a_warm_scan_hands_over_what_the_cache_knows_before_walking(library, lib_root, monkeypatch):
    """A list shows a warm library's rows at once, however large: the walk and the stat
    calls come after, and report nothing when nothing changed."""
    library.scan(lib_root)
    walks = []
    monkeypatch.setattr(
        cache, "find_bundles", lambda root: walks.append(root) or find_bundles(root)
    )
    reports = []
    catalog = library.scan(lib_root, lambda step: reports.append((step, len(walks))))
    (first, walked), rest = reports[0], reports[1:]
    assert walked == 0 and first.done == first.total == 4
    assert sorted(first.entries, key=str) == sorted(catalog.entries, key=str)
    assert rest and all(not step.entries and not step.gone for step, _ in rest)
    assert rest[-1][0].done == rest[-1][0].total == 4


def test_a_warm_scan_then_reports_what_changed_and_what_is_gone(library, lib_root):
    library.scan(lib_root)
    make_dir_bundle(lib_root, BODY, DEFAULT_TOML.replace("Cartographer", "Map one, again"), "d1")
    bump(lib_root / "d1" / "article.toml")
    (lib_root / "single.md").unlink()
    make_single(lib_root, BODY, slug="new")
    reports = []
    catalog = library.scan(lib_root, reports.append)
    later = [e for r in reports[1:] for e in r.entries]
    assert sorted(e.path.name for e in later) == ["d1", "new.md"]
    assert next(e for e in later if e.path.name == "d1").title == "The Map one, again"
    assert [p.name for r in reports for p in r.gone] == ["single.md"]
    assert sorted(e.path.name for e in catalog.entries) == ["d0", "d1", "d2", "new.md"]


def test_a_cold_scan_hands_over_entries_as_it_parses_them(library, lib_root, monkeypatch):
    monkeypatch.setattr(cache, "FIRST_REPORT", 0.0)
    reports = []
    catalog = library.scan(lib_root, reports.append)
    assert [len(r.entries) for r in reports][-3:] == [1, 1, 2]  # doubling: redraws stay few
    assert [e for r in reports for e in r.entries] == catalog.entries


@pytest.mark.parametrize(
    "damage",
    ["deleted", "garbage", "empty", "future-schema", "foreign-table"],
)
def test_a_damaged_cache_is_rebuilt(tmp_path, lib_root, damage):
    path = tmp_path / "cache.sqlite3"
    with Library(path) as lib:
        expected = titles(lib.scan(lib_root))
    if damage == "deleted":
        path.unlink()
    elif damage == "garbage":
        path.write_bytes(b"\x00\xffnot a database at all" * 500)
    elif damage == "empty":
        path.write_bytes(b"")
    elif damage == "future-schema":
        with sqlite3.connect(path) as conn:
            conn.execute(f"PRAGMA user_version = {SCHEMA_VERSION + 1}")
    else:
        path.unlink()
        with sqlite3.connect(path) as conn:
            conn.execute("CREATE TABLE bundles (x)")
    with Library(path) as lib:
        assert titles(lib.scan(lib_root)) == expected
        assert lib.search("grow")
    with Library(path) as lib:
        _, parsed = scan_counting(lib, lib_root)
        assert parsed == 0


def test_a_locked_cache_is_bypassed(tmp_path, lib_root):
    path = tmp_path / "cache.sqlite3"
    Library(path).close()
    holder = sqlite3.connect(path, isolation_level=None)
    holder.execute("BEGIN EXCLUSIVE")
    try:
        with Library(path, timeout=0.1) as lib:
            assert len(lib.scan(lib_root).entries) == 4
            assert lib.search("sea")
    finally:
        holder.execute("ROLLBACK")
        holder.close()


def test_two_processes_scanning_at_once_leave_a_sound_cache(tmp_path):
    root = tmp_path / "lib"
    for i in range(40):
        make_dir_bundle(root, BODY * 3, DEFAULT_TOML.replace("Cartographer", f"Map {i}"), f"b{i}")
    path = tmp_path / "cache.sqlite3"
    code = textwrap.dedent(
        f"""
        from reader.core.library import Library
        with Library({str(path)!r}) as lib:
            print(len(lib.scan({str(root)!r}).entries))
        """
    )
    procs = [
        subprocess.Popen([sys.executable, "-c", code], stdout=subprocess.PIPE, text=True)
        for _ in range(2)
    ]
    outputs = [p.communicate(timeout=60)[0].strip() for p in procs]
    assert outputs == ["40", "40"]
    with sqlite3.connect(path) as conn:
        assert conn.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        conn.execute("INSERT INTO passages (passages) VALUES ('integrity-check')")
        assert conn.execute("SELECT count(*) FROM bundles").fetchone() == (40,)
    with Library(path) as lib:
        _, parsed = scan_counting(lib, root)
        assert parsed == 0
        assert len(lib.search("sea", limit=500)) == 40 * 3


def test_file_names_that_are_not_utf8(library, tmp_path):
    root = tmp_path / "lib"
    root.mkdir()
    raw = os.fsencode(root) + b"/raw\x9bname.md"
    with open(raw, "wb") as handle:
        handle.write(b'+++\ntitle = "Raw name"\n+++\nQ: Where?\n\nA: Over the border.\n')
    catalog, parsed = scan_counting(library, root)
    assert parsed == 1 and titles(catalog) == ["Raw name"]
    _, parsed = scan_counting(library, root)
    assert parsed == 0
    (hit,) = library.search("border")
    assert os.fsencode(hit.path) == raw and hit.title == "Raw name"


def test_damage_found_while_open_is_repaired(tmp_path, lib_root):
    path = tmp_path / "cache.sqlite3"
    with Library(path) as lib:
        lib.scan(lib_root)
        for name in ("cache.sqlite3", "cache.sqlite3-wal", "cache.sqlite3-shm"):
            (tmp_path / name).write_bytes(b"\xde\xad" * 4096)
        reports = []
        catalog = lib.scan(lib_root, reports.append)
        assert len(catalog.entries) == 4
        assert sum(len(r.entries) for r in reports) == 4
        assert lib.search("sea")
    with Library(path) as lib:
        _, parsed = scan_counting(lib, lib_root)
        assert parsed == 0


def test_an_unusable_cache_folder_means_a_cache_in_memory(tmp_path, lib_root):
    (tmp_path / "not-a-folder").write_text("")
    with Library(tmp_path / "not-a-folder" / "cache.sqlite3") as lib:
        assert len(lib.scan(lib_root).entries) == 4
        assert lib.search("sea")
        _, parsed = scan_counting(lib, lib_root)
        assert parsed == 0  # still a cache, for this session


def test_the_cache_says_whether_a_folder_is_as_it_knows_it(library, lib_root):
    assert not library.unchanged(lib_root)  # never scanned
    library.scan(lib_root)
    hit = lib_root / "d1"
    assert library.unchanged(lib_root, [hit])
    make_dir_bundle(lib_root, BODY, DEFAULT_TOML.replace("Cartographer", "Edited"), "d1")
    bump(hit / "article.toml")
    assert library.unchanged(lib_root) and not library.unchanged(lib_root, [hit])
    library.scan(lib_root)
    make_single(lib_root, BODY, slug="added")
    assert not library.unchanged(lib_root)  # a new bundle: the walk sees it
    library.scan(lib_root)
    (lib_root / "single.md").unlink()
    assert not library.unchanged(lib_root)
    library.scan(lib_root)
    make_dir_bundle(lib_root / "deeper", BODY, DEFAULT_TOML, "d3")  # a bundle in a new folder
    assert not library.unchanged(lib_root)
    library.scan(lib_root)
    # A folder the cache knows as a bundle is not looked into (no stat of each bundle): one
    # that lost its metadata file counts as unchanged, unless it is a hit.
    (hit / "article.toml").unlink()
    assert library.unchanged(lib_root) and not library.unchanged(lib_root, [hit])


def test_reader_search_queries_the_index_without_a_scan_when_nothing_changed(
    lib_root, monkeypatch, capsys
):
    from reader.cli import main

    assert main(["search", "sea", str(lib_root)]) == 0  # the first time: a scan
    # … said as nothing: a cache that never held the folder is not a damaged one (found
    # from outside: the first search on a new machine said the index had been rebuilt)
    assert capsys.readouterr().err == ""
    with patch.object(cache, "signature", wraps=cache.signature) as stats:
        assert main(["search", "sea", str(lib_root)]) == 0
    assert stats.call_count == 4  # the hits' bundles only, not a scan's walk and stats
    make_single(lib_root, BODY.replace("sea", "sea and sky"), slug="later")
    assert main(["search", "sky", str(lib_root)]) == 0  # a bundle added since: found
    assert "later" in capsys.readouterr().out


def test_many_bundles_are_parsed_in_a_pool_of_processes_alike(tmp_path, lib_root, monkeypatch):
    """A cold scan of many bundles parses them in other processes: the same entries, the
    same search index, as parsing them here."""
    with Library(tmp_path / "here.sqlite3") as lib:
        here = lib.scan(lib_root)
        found_here = [h.path for h in lib.search("sea", root=lib_root)]
    monkeypatch.setattr(parsing, "POOL_FROM", 1)
    monkeypatch.setattr(parsing.os, "cpu_count", lambda: 2)
    parsing_here = patch.object(parsing, "parse", wraps=parsing.parse)
    with parsing_here as in_this_process, Library(tmp_path / "pool.sqlite3") as lib:
        pooled = lib.scan(lib_root)
        found_pooled = [h.path for h in lib.search("sea", root=lib_root)]
    assert in_this_process.call_count == 0
    assert pooled.entries == here.entries and found_pooled == found_here


def test_the_pool_starts_under_an_app_that_captures_standard_error(monkeypatch):
    """Found by measuring: in the app every cold scan parsed in one process. Textual's
    capture of sys.stderr has fileno() -1, which multiprocessing's resource tracker passes
    to its process ("bad value(s) in fds_to_keep"), so the pool never started. The tracker
    is started with a real file descriptor, and the app's capture put back."""
    from multiprocessing import resource_tracker

    class Capture:  # what Textual puts in sys.stderr while an app runs
        def write(self, text: str) -> int:
            return len(text)

        def fileno(self) -> int:
            return -1

    capture, seen = Capture(), []
    monkeypatch.setattr(sys, "stderr", capture)
    monkeypatch.setattr(
        resource_tracker, "ensure_running", lambda: seen.append(sys.stderr.fileno())
    )
    parsing._start_resource_tracker()
    assert seen and seen[0] >= 0 and sys.stderr is capture


# -- the first rows of a warm start ----------------------------------------------------------


def test_the_first_rows_kept_come_back_in_their_order_with_the_count(library, lib_root):
    catalog = library.scan(lib_root)
    order = [entry.path for entry in reversed(catalog.entries)][:2]
    library.keep_first_rows(lib_root, order)
    first, total = library.first_rows(lib_root)
    assert [entry.path for entry in first] == order
    assert first == [e for path in order for e in catalog.entries if e.path == path]
    assert total == len(catalog.entries) == 4


def test_first_rows_of_a_library_never_kept_are_none(library, lib_root, tmp_path):
    one = library.scan(lib_root).entries[2].path
    assert library.first_rows(lib_root) == ([], 0)
    library.keep_first_rows(lib_root, [one])
    assert library.first_rows(tmp_path / "elsewhere") == ([], 0)
    assert [e.path for e in library.first_rows(lib_root)[0]] == [one]


def test_a_bundle_gone_or_changed_since_is_left_out_of_the_first_rows(library, lib_root):
    catalog = library.scan(lib_root)
    library.keep_first_rows(lib_root, [entry.path for entry in catalog.entries])
    gone, changed = (entry.path for entry in catalog.entries[:2])
    shutil.rmtree(gone) if gone.is_dir() else gone.unlink()
    bump(changed / "article.toml" if changed.is_dir() else changed)
    first, _ = library.first_rows(lib_root)  # before a scan: the cache still has both rows
    assert [entry.path for entry in first] == [entry.path for entry in catalog.entries[2:]]
    library.scan(lib_root)  # drops the one gone, parses the one changed
    first, total = library.first_rows(lib_root)
    assert changed in [entry.path for entry in first] and len(first) == total == 3


def test_a_cache_made_before_first_rows_gains_their_table(tmp_path, lib_root):
    path = tmp_path / "cache.sqlite3"
    with Library(path) as lib:
        lib.scan(lib_root)
    conn = sqlite3.connect(path)
    conn.execute("DROP TABLE first_rows")  # as a cache of the same version made earlier
    conn.commit()
    conn.close()
    with Library(path) as lib:
        catalog, parsed = scan_counting(lib, lib_root)
        assert parsed == 0  # still warm: not thrown away for the table it lacked
        lib.keep_first_rows(lib_root, [catalog.entries[1].path])
        assert [e.path for e in lib.first_rows(lib_root)[0]] == [catalog.entries[1].path]


def test_first_rows_that_cannot_be_read_or_kept_are_none_and_no_error(library, lib_root):
    library.scan(lib_root)
    library._conn.execute("DROP TABLE first_rows")  # another program's doing, say
    library.keep_first_rows(lib_root, [lib_root / "single.md"])
    assert library.first_rows(lib_root) == ([], 0)
    assert len(library.scan(lib_root).entries) == 4  # the rest of the cache works on


@pytest.mark.parametrize("junk", [42, 4.5, "text", b"", None, b"\0\0"])
def test_first_rows_written_by_another_program_are_none(library, lib_root, junk):
    library.scan(lib_root)
    root_key = os.fsencode(lib_root.absolute())
    library._conn.execute("INSERT OR REPLACE INTO first_rows VALUES (?, ?)", (root_key, junk))
    assert library.first_rows(lib_root)[0] == []
    assert len(library.scan(lib_root).entries) == 4
