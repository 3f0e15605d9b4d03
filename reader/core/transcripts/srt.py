"""SRT subtitles → cues: numbered cues, each a timing line (`00:00:01,000 --> 00:00:03,500`)
and caption lines, with "Name:" at the start of a line naming the speaker (captions.py).

Written here rather than with the `srt` package: it keeps no line numbers, which every
diagnostic and every turn needs, and the cue scanner is the one WebVTT uses (blocks.py).
"""

from __future__ import annotations

from pathlib import Path

from reader.core.transcripts.captions import read_captions
from reader.core.transcripts.model import Parsed

_EMPTY = (
    "no subtitles found: an SRT file is numbered cues, each with a timing line"
    " such as 00:00:01,000 --> 00:00:03,500"
)


def read_srt(text: str, path: Path) -> Parsed:
    return read_captions(text.split("\n"), path, "srt", empty=_EMPTY)
