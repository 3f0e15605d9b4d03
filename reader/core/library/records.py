"""What the cache stores per bundle: a stat signature and the list entry as JSON.

A bundle is re-parsed only when its signature changes. For a single-file bundle that is the
file's mtime and size; for a directory bundle it is those of article.toml and the body file,
plus the folder's own mtime, which changes when a file is added, removed or renamed in it
(a body file that appears, an editor that saves by renaming).
"""

from __future__ import annotations

import json
import os
from dataclasses import asdict, fields
from pathlib import Path

from reader.core.bundle import DEFAULT_BODY, META_FILE
from reader.core.catalog import Entry

_FIELDS = {f.name for f in fields(Entry)} - {"path"}
_TUPLES = {f.name for f in fields(Entry) if str(f.type).startswith("tuple")}


def signature(path: Path, body: str = DEFAULT_BODY) -> str:
    """mtime and size of every file the bundle at `path` is made of ("-" for a missing one)."""
    files = [path, path / META_FILE, path / body] if path.is_dir() else [path]
    parts = []
    for file in files:
        try:
            st = os.stat(file)
        except OSError:
            parts.append("-")
        else:
            parts.append(f"{st.st_mtime_ns}:{st.st_size}")
    return " ".join(parts)


def entry_to_json(entry: Entry) -> str:
    row = asdict(entry)
    del row["path"]  # the row's key
    return json.dumps(row, ensure_ascii=False, separators=(",", ":"))


def entry_from_json(path: str, text: str) -> Entry | None:
    """The cached entry, or None when it was written for another shape of `Entry`."""
    try:
        row = json.loads(text)
    except ValueError:
        return None
    if not isinstance(row, dict) or set(row) != _FIELDS:
        return None
    for name in _TUPLES:
        row[name] = tuple(row[name])
    return Entry(path=Path(path), **row)
