"""Small builders for bundles on disk, shared by the unit tests."""

from __future__ import annotations

import tempfile
from pathlib import Path

from reader.core.catalog import Catalog
from reader.core.library import Library

DEFAULT_TOML = """\
title = "The Cartographer"

[speakers.ME]
name = "Mara Ellison"
role = "interviewer"
[speakers.OV]
name = "Oskar Vale"
role = "subject"
"""


def make_dir_bundle(
    root: Path, body: str, toml: str = DEFAULT_TOML, slug: str = "piece", **files: bytes
) -> Path:
    folder = root / slug
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "article.toml").write_text(toml, encoding="utf-8")
    (folder / "article.md").write_text(body, encoding="utf-8")
    for name, data in files.items():
        (folder / name).write_bytes(data)
    return folder


def make_single(root: Path, body: str, toml: str = DEFAULT_TOML, slug: str = "piece") -> Path:
    path = root / f"{slug}.md"
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(f"+++\n{toml}+++\n{body}", encoding="utf-8")
    return path


def scan(root: Path) -> Catalog:
    """A library scan as the app runs it (through a library cache), with a cache of its own."""
    with tempfile.TemporaryDirectory() as folder, Library(Path(folder) / "cache.sqlite3") as lib:
        return lib.scan(root)
