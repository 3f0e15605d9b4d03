"""WebVTT captions → cues, following the WebVTT spec's cue syntax: a `WEBVTT` line and its
header, then cues (an optional identifier, a timing line with optional cue settings such as
`align:start position:10%`, then text up to an empty line) and NOTE, STYLE and REGION
blocks, which are skipped. Voices (`<v.loud Anna>`), tags and timestamps inside cues are
handled in captions.py.

Not webvtt-py: its `caption.voice` keeps only the first voice of a cue, and a cue holding
two voices must become two turns.
"""

from __future__ import annotations

import re
from pathlib import Path

from reader.core.diagnostics import WARNING, Diagnostic
from reader.core.transcripts.captions import read_captions
from reader.core.transcripts.model import Parsed

_HEADER = re.compile(r"WEBVTT(?:[ \t].*)?")
_EMPTY = "no cues found: a WebVTT cue is a timing line (00:01.000 --> 00:03.500), then its text"


def read_webvtt(text: str, path: Path) -> Parsed:
    lines = text.split("\n")
    if not _HEADER.fullmatch(lines[0]):
        parsed = read_captions(lines, path, "webvtt", empty=_EMPTY)
        msg = "the first line is not 'WEBVTT'; read as WebVTT all the same"
        parsed.diagnostics.insert(0, Diagnostic(path, 1, 1, WARNING, msg))
        return parsed
    first = 1  # the header runs to the first empty line
    while first < len(lines) and lines[first] != "" and "-->" not in lines[first]:
        first += 1
    return read_captions(lines, path, "webvtt", first=first, empty=_EMPTY)
