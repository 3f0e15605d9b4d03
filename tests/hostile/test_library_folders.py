"""Item 7: unreadable folders and files, symbolic-link loops and aliases, and thousands of
broken bundles: each is listed as a problem or a broken entry, and the app still starts."""

from __future__ import annotations

import pytest

from reader.app import ReaderApp
from reader.cli import main
from reader.core.bundle import load_bundle
from reader.core.discover import find_bundles
from tests.helpers import make_dir_bundle, make_single, scan
from tests.hostile.conftest import write_broken_bundles
from tests.ui.helpers import notifications, settle, visible_text

GOOD = "ME: What is it?\n\nOV: A library.\n"


def tangled_library(root):
    """Good bundles, then a folder of links that loop or point at the same bundles again."""
    make_dir_bundle(root, GOOD, slug="good")
    make_single(root, GOOD, slug="single")
    links = root / "links"
    links.mkdir()
    (links / "parent").symlink_to("..")  # a loop back to the library
    (links / "self").symlink_to("self")  # a link to itself (ELOOP)
    (links / "ping").symlink_to("pong")  # two links to each other
    (links / "pong").symlink_to("ping")
    (links / "alias").symlink_to("../good")  # the same bundle by another path
    (links / "alias.md").symlink_to("../single.md")
    (links / "nowhere.md").symlink_to("missing.md")
    return root


def test_symbolic_link_loops_end_and_each_bundle_is_listed_once(tmp_path):
    root = tangled_library(tmp_path / "lib")
    found = find_bundles(root)
    assert sorted(p.resolve().name for p in found.bundles) == ["good", "single.md"]
    assert found.diagnostics == []
    entries = scan(root).entries
    assert len(entries) == 2 and not any(e.broken for e in entries)


def test_unreadable_folder_is_one_problem_and_the_rest_loads(tmp_path, make_unreadable, capsys):
    root = tmp_path / "lib"
    make_dir_bundle(root, GOOD, slug="good")
    locked = root / "locked"
    make_dir_bundle(locked, GOOD, slug="hidden-away")
    make_unreadable(locked)
    found = find_bundles(root)
    assert found.bundles == [root / "good"]
    assert [str(d) for d in found.diagnostics] == [
        f"{locked}: error: cannot read folder: Permission denied"
    ]
    assert main(["check", str(root)]) == 1
    out = capsys.readouterr().out
    assert "cannot read folder: Permission denied" in out
    assert out.strip().endswith("checked 1 bundle: 1 error, 0 warnings")


def test_unreadable_files_make_a_broken_entry(tmp_path, make_unreadable):
    root = tmp_path / "lib"
    folder = make_dir_bundle(root, GOOD, slug="meta")
    make_unreadable(folder / "article.toml")
    body = make_dir_bundle(root, GOOD, slug="body")
    make_unreadable(body / "article.md")
    single = make_single(root, GOOD, slug="single")
    make_unreadable(single)
    for bundle, file in ((folder, "article.toml"), (body, "article.md"), (single, "")):
        (diag,) = load_bundle(bundle).diagnostics
        assert diag.is_error and diag.message == "cannot read: Permission denied"
        assert diag.path == (bundle / file if file else bundle)
    assert all(e.broken for e in scan(root).entries)


def test_ten_thousand_broken_bundles_are_listed(tmp_path, capsys):
    root = tmp_path / "lib"
    write_broken_bundles(root, 10_000)
    make_dir_bundle(root, GOOD, slug="good")
    entries = scan(root).entries
    assert len(entries) == 10_001 and sum(e.broken for e in entries) == 10_000
    assert all("no front matter" in e.problem.message for e in entries if e.broken)
    write_broken_bundles(root / "more", 1_000)  # and `reader list`, through its cache
    assert main(["list", str(root / "more")]) == 0
    lines = capsys.readouterr().out.splitlines()
    assert len(lines) == 1_000 and all("  BROKEN  " in line for line in lines)


async def start_app(root, broken: int):
    write_broken_bundles(root / "broken", broken)
    app = ReaderApp(root)
    async with app.run_test(size=(140, 40)) as pilot:
        await settle(pilot)
        entries = app.reading.library.entry_list.entries
        assert len(entries) == broken + 2
        assert sum(e.broken for e in entries) == broken
        assert app.article is not None and app.article.title == "The Cartographer"
        await pilot.press("j", "G")
        assert "A library." in visible_text(app)
        return notifications(app)


async def test_app_starts_on_a_library_of_loops_locks_and_broken_bundles(tmp_path, make_unreadable):
    root = tangled_library(tmp_path / "lib")
    locked = root / "locked"
    locked.mkdir()
    make_unreadable(locked)
    shown = await start_app(root, 1_000)
    assert shown == [f"Library: {locked}: error: cannot read folder: Permission denied"]


@pytest.mark.slow
async def test_app_starts_on_ten_thousand_broken_bundles(tmp_path):
    """Writing and listing 10,000 bundles takes several seconds; the default run has 1,000."""
    assert await start_app(tangled_library(tmp_path / "lib"), 10_000) == []
