"""Writing an imported bundle: checked by the real loader first, then put in place atomically.

The bundle is loaded back from a scratch folder before anything touches the destination, so
what we write always opens, and its question and answer counts are the loader's, not ours.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from reader.core.atomic import atomic_write
from reader.core.bundle import load_bundle
from reader.core.diagnostics import Diagnostic
from reader.core.importer.assemble import Bundle, single_file
from reader.core.importer.source import ImportProblem
from reader.core.render_text import article_to_json

DIR, SINGLE = "dir", "single"


@dataclass
class Checked:
    json: dict[str, Any]  # what `reader show --format json` prints for the bundle
    diagnostics: list[Diagnostic]


def destination(bundle: Bundle, folder: Path, shape: str) -> Path:
    return folder / (bundle.slug if shape == DIR else f"{bundle.slug}.md")


def check(bundle: Bundle, shape: str) -> Checked:
    """Load the bundle back with the real loader, from a scratch folder."""
    with tempfile.TemporaryDirectory(prefix="reader-import-") as scratch:
        target = _write(bundle, Path(scratch), shape)
        loaded = load_bundle(target)
        if loaded.article is None:
            problems = "; ".join(d.message for d in loaded.diagnostics if d.is_error)
            raise ImportProblem(f"internal error: the generated bundle does not load ({problems})")
        return Checked(article_to_json(loaded.article), loaded.diagnostics)


def write(bundle: Bundle, folder: Path, shape: str, force: bool) -> Path:
    """Write the bundle under `folder`; an existing one is replaced only with `force`."""
    target = destination(bundle, folder, shape)
    if target.exists() or target.is_symlink():
        if not force:
            raise ImportProblem(f"{target} already exists (use --force to overwrite it)")
        if (shape == DIR) != target.is_dir():
            raise ImportProblem(
                f"{target} exists and is not a {'folder' if shape == DIR else 'file'}"
            )
    if folder.exists() and not folder.is_dir():
        raise ImportProblem(f"output folder {folder} is not a folder", 2)
    try:
        folder.mkdir(parents=True, exist_ok=True)  # like `cp -r`'s target: made on demand
        return _write(bundle, folder, shape)
    except OSError as exc:
        raise ImportProblem(f"cannot write {target}: {exc.strerror or exc}", 2) from None


def _write(bundle: Bundle, folder: Path, shape: str) -> Path:
    if shape == SINGLE:
        target = folder / f"{bundle.slug}.md"
        atomic_write(target, single_file(bundle))
        return target
    target = folder / bundle.slug
    target.mkdir(exist_ok=True)
    atomic_write(target / "article.md", bundle.body)
    atomic_write(target / "article.toml", bundle.toml)
    return target
