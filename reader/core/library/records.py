"""What the cache stores per bundle: a stat signature and the list entry.

A bundle is parsed again only when its signature changes: the mtime and size of a single
file bundle; of article.toml and the body file for a directory bundle. A broken directory
bundle's body file may be unknown (its TOML did not parse), so its signature also holds the
folder's mtime, which changes when a file is added to it.

The entry is stored as a JSON array in `Entry` field order (a broken bundle's problem as
[path, line, col, severity, message]); the cache records that order (`ENTRY_SHAPE`) and is
rebuilt when `Entry` changes.
"""

from __future__ import annotations

import json
import os
import stat
from dataclasses import fields
from pathlib import Path

from reader.core.bundle_names import DEFAULT_BODY, META_FILE
from reader.core.catalog import Entry
from reader.core.diagnostics import Diagnostic

_NAMES = [f.name for f in fields(Entry)][1:]  # the path is the row's key
ENTRY_SHAPE = ",".join(["path", *_NAMES, "problem:path,line,col,severity,message"])
_TUPLES = [i for i, f in enumerate(fields(Entry)[1:]) if str(f.type).startswith("tuple")]
_PROBLEM = _NAMES.index("problem")
UNKNOWN_BODY = ""  # a broken directory bundle: watch the folder


def _stamp(path: str) -> str:
    try:
        st = os.stat(path)
    except OSError:
        return "-"
    return f"{st.st_mtime_ns}:{st.st_size}"


def signature(path: Path, body: str = UNKNOWN_BODY) -> str:
    """The stat signature of the bundle at `path` whose body file is named `body`."""
    p = os.fspath(path)
    if p.lower().endswith(".md"):
        try:
            st = os.stat(p)
        except OSError:
            return "-"
        if stat.S_ISREG(st.st_mode):
            return f"{st.st_mtime_ns}:{st.st_size}"
    parts = [_stamp(os.path.join(p, META_FILE)), _stamp(os.path.join(p, body or DEFAULT_BODY))]
    if body == UNKNOWN_BODY:
        parts.append(_stamp(p))
    return " ".join(parts)


def path_key(path: Path | str) -> bytes:
    """A path as the cache stores it: its bytes, since a file name need not be UTF-8."""
    return os.fsencode(path)


def identity_key(identity: str) -> bytes:
    """An article's identity as the cache stores it: bytes, since it holds a file name."""
    return identity.encode("utf-8", "surrogatepass")


# The SQL condition that a bundle's path is `root` or below it, with `key_range(root)`.
UNDER_ROOT = "path = ? OR (path >= ? AND path < ?)"


def key_range(root: Path) -> tuple[bytes, bytes, bytes]:
    """(root, low, high): a bundle path key is `root` or lies in [low, high)."""
    exact = path_key(root)
    sep = path_key(os.sep)
    low = exact.rstrip(sep) + sep
    return exact, low, low[:-1] + bytes([sep[0] + 1])


def entry_to_json(entry: Entry) -> str:
    values: list[object] = [getattr(entry, name) for name in _NAMES]
    problem = entry.problem
    if problem is not None:
        where = os.fsdecode(problem.path)
        values[_PROBLEM] = [where, problem.line, problem.col, problem.severity, problem.message]
    # ASCII escapes keep names with undecodable bytes (lone surrogates) storable.
    return json.dumps(values, separators=(",", ":"))


def entry_from_json(path: Path, text: str) -> Entry | None:
    """The cached entry for `path`, or None when the row cannot be read as one."""
    try:
        values = json.loads(text)
        for i in _TUPLES:
            values[i] = tuple(values[i])
        if values[_PROBLEM] is not None:
            where, line, col, severity, message = values[_PROBLEM]
            values[_PROBLEM] = Diagnostic(Path(where), line, col, severity, message)
        return Entry(path, *values)
    except (ValueError, TypeError, IndexError, KeyError):
        return None
