"""One import source — a file, standard input or a web address — as clean text, or one reason.

Reading and decoding go through `reader.core.source`, the same reader (and the same size limit,
READER_MAX_BODY_MB) as bundles; what is particular to importing is here: the kind of source
from its name (or its content type, or a sniff), a web page's declared charset, and refusing
files that are not text before any parsing. Control characters are removed so nothing later
has to care.
"""

from __future__ import annotations

import re
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import BinaryIO, Literal

from reader.core import source as core_source
from reader.core.diagnostics import Diagnostic
from reader.core.sanitize import clean
from reader.core.transcripts.detect import EXTENSIONS as TRANSCRIPT_EXTENSIONS

SourceKind = Literal["txt", "md", "html", "transcript"]
KINDS: dict[str, SourceKind] = {".txt": "txt", ".text": "txt", ".md": "md", ".markdown": "md"}
KINDS |= {".html": "html", ".htm": "html", ".xhtml": "html"}
KINDS |= dict.fromkeys(TRANSCRIPT_EXTENSIONS, "transcript")  # the transcript reader's
STDIN = "-"
WEB = re.compile(r"https?://", re.I)

_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([\w:.-]+)""", re.I)
_HTML_SNIFF = re.compile(r"<(!doctype html|html|head|body|article|p|div)[\s>]", re.I)
_MD_SNIFF = re.compile(r"^(#{1,6} |\*\*[^*\n]+\*\*|> |\+\+\+$)", re.M)


class ImportProblem(Exception):
    """A source that cannot be imported. str() is the one-line reason; `status` the exit code
    (2: the source could not be read at all, 1: it was read but holds no interview)."""

    def __init__(self, message: str, status: int = 1):
        super().__init__(message)
        self.status = status

    @classmethod
    def of(cls, problem: Diagnostic, status: int) -> ImportProblem:
        where = f"line {problem.line}, column {problem.col}: " if problem.line else ""
        return cls(f"{where}{problem.message}", status)


@dataclass(frozen=True)
class Source:
    name: str  # as given on the command line ("-" for standard input)
    kind: SourceKind
    text: str  # decoded, LF line endings, control characters removed
    stem: str  # file name without extension ("" for standard input)
    url: str = ""  # the address a web page was fetched from

    @property
    def path(self) -> Path:
        return Path(self.name)


def read_source(arg: str, stdin: BinaryIO | None = None) -> Source:
    """Load `arg` (a path, an http(s) address, or "-" for `stdin`) or raise ImportProblem."""
    if WEB.match(arg):
        from reader.core.importer.fetch import fetch  # only a web import needs the network code

        page = fetch(arg)
        kind: SourceKind | None = page.kind
        return _text_source(arg, page.data, kind, _stem(page.url), page.url, page.charset)
    if arg == STDIN:
        stream = stdin if stdin is not None else sys.stdin.buffer
        limit = core_source.max_body_bytes()
        try:
            data = stream.read(limit + 1)
        except (OSError, ValueError) as exc:  # a closed or unreadable standard input
            raise ImportProblem(f"cannot read standard input: {exc}", 2) from None
        if len(data) > limit:
            raise ImportProblem.of(core_source.too_large(Path(arg), len(data), limit), 2)
        return _text_source(arg, data, None, "")
    path = Path(arg)
    kind = KINDS.get(path.suffix.lower())
    if kind is None:
        suffix = path.suffix or "no extension"
        raise ImportProblem(
            f"unsupported file type ({suffix}); use .txt, .md, .html, .srt, .vtt or .json", 2
        )
    if path.is_dir():
        raise ImportProblem("is a folder, not a file", 2)
    if not path.exists():
        raise ImportProblem("no such file", 2)
    data, problems = core_source.read_bytes(path)
    if data is None:
        raise ImportProblem.of(problems[0], 2)
    return _text_source(arg, data, kind, path.stem)


def _text_source(
    name: str,
    data: bytes,
    kind: SourceKind | None,
    stem: str,
    url: str = "",
    charset: str = "",
) -> Source:
    if not data:
        raise ImportProblem("empty file")
    if _mostly_controls(data):
        raise ImportProblem("binary file (mostly control characters), not text")
    if not charset and kind in ("html", None):
        declared = _CHARSET.search(data[:4096])
        charset = declared.group(1).decode("ascii", "replace") if declared else ""
    text, problems = core_source.decode_text(data, Path(name), charset)
    if text is None:
        raise ImportProblem.of(problems[0], 1)
    text = clean(text)
    if not text.strip():
        raise ImportProblem("no text (the file holds only white space)")
    return Source(name, kind or _sniff(text), text, stem, url)


def _stem(url: str) -> str:
    last = url.split("?", 1)[0].rstrip("/").rsplit("/", 1)[-1]
    return last.rsplit(".", 1)[0] if "." in last else last


def _mostly_controls(data: bytes) -> bool:
    sample = data[:4096]
    controls = sum(1 for b in sample if b < 32 and b not in (0, 9, 10, 12, 13))
    return controls > len(sample) // 10


def _sniff(text: str) -> SourceKind:
    head = text[:4096]
    if _HTML_SNIFF.search(head):
        return "html"
    return "md" if _MD_SNIFF.search(head) else "txt"
