"""Find the bundles under a library folder.

Walks sub-folders (skipping hidden ones and symbolic-link loops); an unreadable folder or a
stray Markdown file becomes a diagnostic, never an exception, so the rest still loads. A
bundle that symbolic links make reachable by several paths is listed once.
"""

from __future__ import annotations

import os
from dataclasses import dataclass, field
from pathlib import Path

from reader.core.bundle import META_FILE
from reader.core.diagnostics import ERROR, Diagnostic
from reader.core.files import absence

MAX_DEPTH = 16


@dataclass
class Found:
    bundles: list[Path] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


def find_bundles(root: Path) -> Found:
    """Every bundle at or under `root`, in a stable (sorted) order."""
    root = Path(root)
    found = Found()
    if root.is_file() or (root / META_FILE).is_file():
        found.bundles.append(root)
        return found
    if not root.is_dir():
        found.diagnostics.append(Diagnostic(root, 0, 0, ERROR, absence(root)))
        return found
    if _walk(root, found, set(), 0):
        found.bundles = _each_once(found.bundles)
    return found


def _each_once(paths: list[Path]) -> list[Path]:
    """The first path to each bundle (resolving them costs, so only when there are links)."""
    seen: set[str] = set()
    kept = []
    for path in paths:
        real = os.path.realpath(path)
        if real not in seen:
            seen.add(real)
            kept.append(path)
    return kept


def _walk(folder: Path, found: Found, seen: set, depth: int) -> bool:
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
        found.diagnostics.append(Diagnostic(folder, 0, 0, ERROR, f"cannot read folder: {reason}"))
        return False
    for entry in entries:
        if entry.name.startswith("."):
            continue
        path = Path(entry.path)
        try:
            is_dir = entry.is_dir()
            is_file = entry.is_file()
            linked = linked or entry.is_symlink()
        except OSError:
            continue
        if is_dir:
            if os.path.exists(os.path.join(entry.path, META_FILE)):  # no Path: 10k-bundle libraries
                found.bundles.append(path)
            elif depth < MAX_DEPTH:
                linked = _walk(path, found, seen, depth + 1) or linked
        elif is_file and entry.name.lower().endswith(".md"):
            found.bundles.append(path)
    return linked
