"""Which transcript format a file is: its content first, its extension second, because
files travel under the wrong name (a `.txt` that is SRT, a `.srt` that is WebVTT)."""

from __future__ import annotations

import re
from itertools import islice
from pathlib import Path

from reader.core.transcripts.blocks import is_timing_line
from reader.core.transcripts.model import Format
from reader.core.transcripts.textexport import looks_timestamped

EXTENSIONS: dict[str, Format] = {
    ".srt": "srt",
    ".vtt": "webvtt",
    ".webvtt": "webvtt",
    ".json": "json",
}
_WEBVTT = re.compile(r"WEBVTT(?:[ \t]|\n|$)")
# `{`, or `[` opening a list of objects (not "[00:12:31] Name:", a timestamped line).
_JSON = re.compile(r"\s*(?:\{|\[\s*(?:[{\]]|$))")
_SNIFF_LINES = 200


def detect_format(path: Path, text: str) -> Format | None:
    """The format to read `text` as, or None when it is no transcript we know.

    JSON detection says only "JSON": the JSON reader tells Podcasting 2.0 from the rest.
    """
    if _WEBVTT.match(text):
        return "webvtt"
    by_name = EXTENSIONS.get(path.suffix.lower())
    if by_name == "json" or _JSON.match(text):
        return "json"
    if any(is_timing_line(line) for line in islice(text.split("\n", _SNIFF_LINES), _SNIFF_LINES)):
        return "webvtt" if by_name == "webvtt" else "srt"
    if looks_timestamped(text):
        return "text"
    return by_name
