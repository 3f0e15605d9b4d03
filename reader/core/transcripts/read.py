"""Reading a transcript file: size and encoding checks, format, cues, times, turns.

Never raises and never hands back part of a broken file as a whole one: a problem that
makes the file unreadable is one error (file, line, column, what is wrong) and no turns.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from reader.core.diagnostics import ERROR, Diagnostic, has_errors
from reader.core.sanitize import clean
from reader.core.source import position, read_text
from reader.core.transcripts.checks import check_times
from reader.core.transcripts.detect import detect_format
from reader.core.transcripts.jsonsegments import read_json
from reader.core.transcripts.merge import merge_cues
from reader.core.transcripts.model import Format, Parsed, Transcript
from reader.core.transcripts.srt import read_srt
from reader.core.transcripts.textexport import read_text_export
from reader.core.transcripts.webvtt import read_webvtt

READERS: dict[Format, Callable[[str, Path], Parsed]] = {
    "srt": read_srt,
    "webvtt": read_webvtt,
    "podcast-json": read_json,
    "json": read_json,
    "text": read_text_export,
}
_UNKNOWN = (
    "not a transcript: found no caption timing lines (00:00:01,000 --> 00:00:03,500),"
    " JSON segments or timestamped turns ('Name  12:31', '[00:12:31] Name: text')"
)


def read_transcript(path: Path, fmt: Format | None = None) -> Transcript:
    """Read the transcript at `path` (over the body size limit, binary or not UTF-8: one
    error). `fmt` overrides detection."""
    text, problems = read_text(path)
    if text is None:
        return Transcript(path, fmt, diagnostics=tuple(problems))
    return parse_transcript(text, path, fmt)


def parse_transcript(text: str, path: Path | str = "-", fmt: Format | None = None) -> Transcript:
    """Read transcript `text`; `path` names it in diagnostics."""
    path = Path(path)
    nul = text.find("\x00", 0, 65536)
    if nul >= 0:
        data = text.encode("utf-8", "replace")
        line, col = position(data, len(text[:nul].encode("utf-8", "replace")))
        return _refused(path, fmt, line, col, "NUL bytes: this looks like binary data, not text")
    text = clean(text.removeprefix("\ufeff").replace("\r\n", "\n").replace("\r", "\n"))
    if not text.strip():
        return _refused(path, fmt, 0, 0, "empty file: no transcript in it")
    fmt = fmt or detect_format(path, text)
    if fmt is None:
        return _refused(path, fmt, 1, 1, _UNKNOWN)
    parsed = READERS[fmt](text, path)
    diagnostics = list(parsed.diagnostics)
    if not has_errors(diagnostics):
        diagnostics += check_times(parsed.cues, path)
    if has_errors(diagnostics):
        return Transcript(path, parsed.format, diagnostics=tuple(diagnostics))
    turns = merge_cues(parsed.cues)
    if not turns:
        return _refused(path, parsed.format, 1, 1, "the transcript holds no text")
    return Transcript(path, parsed.format, tuple(parsed.cues), tuple(turns), tuple(diagnostics))


def _refused(path: Path, fmt: Format | None, line: int, col: int, message: str) -> Transcript:
    return Transcript(path, fmt, diagnostics=(Diagnostic(path, line, col, ERROR, message),))
