"""Reading bundle files safely: size limit, UTF-8 with exact error positions, front matter.

Each problem becomes a Diagnostic naming the real line (and column) in the real file, so an
editor can go straight to it; nothing here raises to the caller.
"""

from __future__ import annotations

import codecs
import math
import os
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from reader.core.diagnostics import ERROR, Diagnostic
from reader.core.files import FileTooLarge, read_regular
from reader.core.toml_bounds import shape_problem

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - exercised on Python 3.10 only
    import tomli as tomllib

DEFAULT_MAX_BODY_MB = 20
# READER_MAX_BODY_MB may set the limit from 100 bytes (small enough for any test) to 1 GB;
# outside that range a value is a mistake (`1e-300` would refuse every file, `1e400` none).
MIN_BODY_MB = 0.0001
MAX_BODY_MB = 1_000
BODY_LIMIT_VARIABLE = "READER_MAX_BODY_MB"


def max_body_bytes() -> int:
    """The body size limit: 20 MB, or READER_MAX_BODY_MB (the default when that is not a
    usable number; `body_limit_problem` says why, for the command line to refuse it)."""
    return _body_limit()[0]


def body_limit_problem() -> str | None:
    """Why READER_MAX_BODY_MB cannot be used, or None (unset or a usable number)."""
    return _body_limit()[1]


def _body_limit() -> tuple[int, str | None]:
    raw = os.environ.get(BODY_LIMIT_VARIABLE)
    if raw is None:
        return DEFAULT_MAX_BODY_MB * 1_000_000, None
    wanted = f"give megabytes from {MIN_BODY_MB:g} to {MAX_BODY_MB:,}, such as 50"
    if not raw.strip():
        problem = f"{BODY_LIMIT_VARIABLE} is set but empty: {wanted}, or unset it"
        return DEFAULT_MAX_BODY_MB * 1_000_000, problem
    try:
        value = float(raw)
    except ValueError:
        value = math.nan
    if not MIN_BODY_MB <= value <= MAX_BODY_MB:  # NaN, inf, 1e400 and negative sizes too
        problem = f"{BODY_LIMIT_VARIABLE}={raw!r} is not a usable size: {wanted}"
        return DEFAULT_MAX_BODY_MB * 1_000_000, problem
    return int(value * 1_000_000), None


def position(data: bytes, offset: int) -> tuple[int, int]:
    """1-based (line, column) of a byte offset."""
    line = data.count(b"\n", 0, offset) + 1
    col = offset - (data.rfind(b"\n", 0, offset) + 1) + 1
    return line, col


def read_text(
    path: Path, limit: int | None = None, what: str | None = None
) -> tuple[str | None, list[Diagnostic]]:
    """The file's text with BOM removed and line endings normalised, or an error."""
    data, problems = read_bytes(path, limit, what)
    return (None, problems) if data is None else decode_text(data, path)


def read_bytes(
    path: Path, limit: int | None = None, what: str | None = None
) -> tuple[bytes | None, list[Diagnostic]]:
    """The file's bytes, refused before reading when over the limit: the body limit
    (READER_MAX_BODY_MB), or a `limit` of the caller's for `what` ("a settings file")."""
    limit = max_body_bytes() if limit is None else limit
    try:
        data = read_regular(path, limit)  # a FIFO or a device is refused, never waited on
    except FileTooLarge as exc:
        return None, [too_large(path, exc.size, limit, what)]
    except OSError as exc:
        return None, [Diagnostic(path, 0, 0, ERROR, f"cannot read: {exc.strerror or exc}")]
    return data, []


def too_large(path: Path, size: int, limit: int, what: str | None = None) -> Diagnostic:
    """The error of a file over its limit: the body limit, which READER_MAX_BODY_MB can
    raise, or (`what`) a fixed limit of one kind of file, which nothing raises."""
    where = f" (set {BODY_LIMIT_VARIABLE} to raise it)" if what is None else f" for {what}"
    message = f"file is {size / 1_000_000:.1f} MB, over the {limit / 1_000_000:g} MB limit{where}"
    return Diagnostic(path, 0, 0, ERROR, message)


def decode_text(data: bytes, path: Path, fallback: str = "") -> tuple[str | None, list[Diagnostic]]:
    """UTF-8 text (BOM removed, line endings normalised), or an error naming the line and column
    of the first bad byte. `fallback` is a codec to try when the bytes are not UTF-8 (a web page's
    declared charset)."""
    if data[:2] in (b"\xff\xfe", b"\xfe\xff") or _looks_utf16(data):
        msg = "this is UTF-16 text; save it as UTF-8"
        return None, [Diagnostic(path, 1, 1, ERROR, msg)]
    nul = data.find(b"\x00")
    if nul >= 0:
        line, col = position(data, nul)
        msg = f"NUL byte at byte offset {nul}: this looks like a binary file, not text"
        return None, [Diagnostic(path, line, col, ERROR, msg)]
    text: str | None
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        text = _decode_fallback(data, fallback)
        if text is None:
            line, col = position(data, exc.start)
            msg = f"not valid UTF-8 at byte offset {exc.start} (byte 0x{data[exc.start]:02x})"
            return None, [Diagnostic(path, line, col, ERROR, msg)]
    return text.replace("\r\n", "\n").replace("\r", "\n"), []


def _decode_fallback(data: bytes, codec: str) -> str | None:
    try:
        name = codecs.lookup(codec).name if codec else ""
    except LookupError:
        return None
    if not name or name == "utf-8":
        return None
    try:
        return data.decode(name)
    except UnicodeDecodeError:
        return None


def _looks_utf16(data: bytes) -> bool:
    """UTF-16 without a byte-order mark: Latin text has a NUL in every other byte."""
    head = data[:400]
    return len(head) >= 8 and (
        head[1::2].count(0) > len(head) * 0.4 or head[::2].count(0) > len(head) * 0.4
    )


@dataclass(frozen=True)
class FrontMatter:
    toml: str
    toml_line: int  # line of the file where the TOML starts
    body: str
    body_line: int  # line of the file where the body starts


_FENCE = re.compile(r"\+\+\+[ \t]*")
_CLOSING_FENCE = re.compile(r"^\+\+\+[ \t]*$", re.MULTILINE)


def split_front_matter(text: str, path: Path) -> tuple[FrontMatter | None, list[Diagnostic]]:
    """Split `+++` TOML front matter from a single-file bundle's body (found by a search,
    not by splitting a 20 MB file into lines)."""
    first_end = text.find("\n")
    first = text if first_end < 0 else text[:first_end]
    if not _FENCE.fullmatch(first):
        shape = "a single-file bundle starts with '+++', then TOML, then '+++'"
        msg = f"the file is empty: {shape}" if not text.strip() else f"no front matter: {shape}"
        if path.name == "article.md":
            msg += " (or, if this is a folder bundle, its article.toml is missing)"
        return None, [Diagnostic(path, 1, 1, ERROR, msg)]
    closing = _CLOSING_FENCE.search(text, first_end + 1) if first_end >= 0 else None
    if closing is None:
        msg = "front matter is not closed: no second '+++' line"
        return None, [Diagnostic(path, 1, 1, ERROR, msg)]
    toml = text[first_end + 1 : max(first_end + 1, closing.start() - 1)]
    body = text[closing.end() + 1 :]
    body_line = text.count("\n", 0, closing.start()) + 2
    return FrontMatter(toml, 2, body, body_line), []


_TOML_POS = re.compile(r"\s*\(at line (\d+), column (\d+)\)")
_TOML_EOF = re.compile(r"\s*\(at end of document\)")


def parse_toml(text: str, path: Path, first_line: int = 1) -> tuple[dict | None, list[Diagnostic]]:
    """Parse TOML; an error names its line and column in the real file. A key of too many
    parts or values nested too deeply are refused before `tomllib` sees them
    (reader.core.toml_bounds)."""
    shape = shape_problem(text)
    if shape is not None:
        line, problem = shape
        return None, [Diagnostic(path, line + first_line - 1, 1, ERROR, f"TOML: {problem}")]
    try:
        return tomllib.loads(text), []
    except tomllib.TOMLDecodeError as exc:
        message = str(exc.args[0]) if exc.args else str(exc)
        line, col = getattr(exc, "lineno", 0), getattr(exc, "colno", 0)
        found = _TOML_POS.search(message)
        if found:
            line, col = int(found.group(1)), int(found.group(2))
            message = _TOML_POS.sub("", message)
        elif _TOML_EOF.search(message):
            line = text.count("\n") + 1
            col = len(text.rsplit("\n", 1)[-1]) + 1
            message = _TOML_EOF.sub(" at the end of the TOML", message)
        line = line + first_line - 1 if line else first_line
        return None, [Diagnostic(path, line, col, ERROR, f"TOML: {message}")]
    except RecursionError:
        msg = "TOML: nested too deeply to read"
        return None, [Diagnostic(path, first_line, 1, ERROR, msg)]
    except ValueError as exc:  # e.g. an integer with more digits than Python converts
        return None, [Diagnostic(path, first_line, 1, ERROR, f"TOML: {exc}")]


def key_position(toml: str, key: str | None) -> tuple[int, int]:
    """(line, column) where `key` ("dark", "variables.match") is set in a TOML text, for a
    diagnostic about its value; (1, 1) for a problem of the whole file, such as a required
    key that is missing."""
    if key is None:
        return 1, 1
    table, _, name = key.rpartition(".")
    assignment = re.compile(rf"""\s*["']?{re.escape(name)}["']?\s*=""")
    in_table = not table
    for number, line in enumerate(toml.split("\n"), 1):
        if line.strip().startswith("["):
            in_table = line.strip().strip("[] ") == table
        elif in_table and (found := assignment.match(line)):
            return number, len(found.group()) - len(found.group().lstrip()) + 1
    return 1, 1
