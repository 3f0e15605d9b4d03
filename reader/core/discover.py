"""Find the bundles under a library folder.

Walks sub-folders (skipping hidden ones and symbolic-link loops); an unreadable folder or a
stray Markdown file becomes a diagnostic, never an exception, so the rest still loads. A
bundle that symbolic links make reachable by several paths is listed once.
"""

from __future__ import annotations

import os
from collections.abc import Container
from dataclasses import dataclass, field
from pathlib import Path

from reader.core.bundle_names import META_FILE
from reader.core.diagnostics import ERROR, Diagnostic
from reader.core.files import absence

MAX_DEPTH = 16


@dataclass
class Found:
    bundles: list[Path] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def find_bundles(root: Path) -> Found:
    """Every bundle at or under `root`, in a stable (sorted) order."""
    paths, diagnostics = bundle_paths(root)
    return Found([Path(p) for p in paths], diagnostics)


def bundle_paths(
    root: Path, known: Container[str] = frozenset()
) -> tuple[list[str], list[Diagnostic]]:
    """`find_bundles` as strings (a Path per bundle is half the walk of a 10,000-bundle
    library). A folder in `known` (bundles a cache holds) is taken for a bundle without
    looking for its metadata file: a check that a folder holds the bundles a cache knows
    is a scandir per folder, then, without a stat per bundle."""
    root = Path(root)
    found: list[str] = []
    diagnostics: list[Diagnostic] = []
    if root.is_file() or (root / META_FILE).is_file():
        return [os.fspath(root)], diagnostics
    if not root.is_dir():
        return found, [Diagnostic(root, 0, 0, ERROR, absence(root))]
    if _walk(os.fspath(root), found, diagnostics, known, set(), 0):
        found = _each_once(found)
    return found, diagnostics


def _each_once(paths: list[str]) -> list[str]:
    """The first path to each bundle (resolving them costs, so only when there are links)."""
    seen: set[str] = set()
    kept = []
    for path in paths:
        real = os.path.realpath(path)
        if real not in seen:
            seen.add(real)
            kept.append(path)
    return kept


def _walk(
    folder: str,
    found: list[str],
    diagnostics: list[Diagnostic],
    known: Container[str],
    seen: set,
    depth: int,
) -> bool:
    """Add the bundles in `folder`; True if a symbolic link was met on the way."""
    linked = False
    try:
        key = os.stat(folder)
        ident = (key.st_dev, key.st_ino)
        if ident in seen:
            return False
        seen.add(ident)
        entries = sorted(os.scandir(folder), key=lambda e: e.name)
    except OSError as exc:
        reason = exc.strerror or str(exc)
        problem = f"cannot read folder: {reason}"
        diagnostics.append(Diagnostic(Path(folder), 0, 0, ERROR, problem))
        return False
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = entry.path
        try:
            is_dir = entry.is_dir()
            is_file = entry.is_file()
            linked = linked or entry.is_symlink()
        except OSError:
            continue
        if is_dir:
            if path in known or os.path.exists(os.path.join(path, META_FILE)):
                found.append(path)
            elif depth < MAX_DEPTH:
                linked = _walk(path, found, diagnostics, known, seen, depth + 1) or linked
        elif is_file and entry.name.lower().endswith(".md"):
            found.append(path)
    return linked
