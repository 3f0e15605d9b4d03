"""Read one import source and refuse bad input with one clear reason, before any parsing.

Everything here is about trust: a size limit checked before reading, binary files refused,
exact UTF-8 error positions, and control characters removed so nothing later has to care.
"""

from __future__ import annotations

import codecs
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from reader.core.sanitize import clean

MAX_BYTES = 20 * 1024 * 1024
KINDS = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md"}
KINDS |= {".html": "html", ".htm": "html", ".xhtml": "html"}
STDIN = "-"

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)""", re.I)
_HTML_SNIFF = re.compile(r"<(!doctype html|html|head|body|article|p|div)[\s>]", re.I)
_MD_SNIFF = re.compile(r"^(#{1,6} |\*\*[^*\n]+\*\*|> |\+\+\+$)", re.M)


class ImportProblem(Exception):
    """A source that cannot be imported. str() is the one-line reason; `status` the exit code."""

    def __init__(self, message: str, status: int = 1):
        super().__init__(message)
        self.status = status


@dataclass
class Source:
    name: str  # as given on the command line ("-" for standard input)
    kind: str  # txt, md or html
    text: str  # decoded, LF line endings, control characters removed
    stem: str  # file name without extension ("" for standard input)


def read_source(arg: str, stdin=None) -> Source:
    """Load `arg` (a path, or "-" for `stdin`, a binary stream) or raise ImportProblem."""
    if arg == STDIN:
        stream = stdin if stdin is not None else sys.stdin.buffer
        data = stream.read(MAX_BYTES + 1)
        _check_size(len(data))
        kind, stem = "", ""
    else:
        path = Path(arg)
        kind = KINDS.get(path.suffix.lower(), "")
        if not kind:
            suffix = path.suffix or "no extension"
            raise ImportProblem(f"unsupported file type ({suffix}); use .txt, .md or .html", 2)
        data = _read_file(path)
        stem = path.stem
    if not data:
        raise ImportProblem("empty file")
    if b"\x00" in data[:65536]:
        raise ImportProblem("binary file (contains NUL bytes), not text")
    if _mostly_controls(data):
        raise ImportProblem("binary file (mostly control characters), not text")
    text = _decode(data, kind)
    text = clean(text.replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        raise ImportProblem("no text (the file holds only white space)")
    return Source(arg, kind or _sniff(text), text, stem)


def _read_file(path: Path) -> bytes:
    try:
        if path.is_dir():
            raise ImportProblem("is a folder, not a file", 2)
        _check_size(path.stat().st_size)
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except FileNotFoundError:
        raise ImportProblem("no such file", 2) from None
    except PermissionError:
        raise ImportProblem("permission denied", 2) from None
    except OSError as exc:
        raise ImportProblem(f"cannot read: {exc.strerror or exc}", 2) from None
    _check_size(len(data))
    return data


def _check_size(size: int) -> None:
    if size > MAX_BYTES:
        raise ImportProblem(f"too large ({size / 1048576:.1f} MB; the limit is 20 MB)", 2)


def _decode(data: bytes, kind: str) -> str:
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        error = exc
    declared = _CHARSET.search(data[:4096]) if kind in ("html", "") else None
    if declared:
        try:
            codec = codecs.lookup(declared.group(1).decode("ascii"))
        except (LookupError, UnicodeDecodeError):
            codec = None
        if codec is not None and codec.name != "utf-8":
            try:
                return data.decode(codec.name)
            except UnicodeDecodeError:
                pass
    raise ImportProblem(f"not valid UTF-8 (byte offset {error.start})")


def _mostly_controls(data: bytes) -> bool:
    sample = data[:4096]
    controls = sum(1 for b in sample if b < 32 and b not in (9, 10, 12, 13))
    return controls > len(sample) // 10


def _sniff(text: str) -> str:
    head = text[:4096]
    if _HTML_SNIFF.search(head):
        return "html"
    return "md" if _MD_SNIFF.search(head) else "txt"
