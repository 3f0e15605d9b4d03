"""Timed transcripts — SRT, WebVTT, Podcasting 2.0 and other JSON, timestamped text — read
into turns: (speaker label, start, end, text, line). Pure: no Textual, no files written.

    read_transcript(path) / parse_transcript(text, path)  →  Transcript
        .ok, .turns, .diagnostics, .format, .speakers, .speakerless, .timed

A reader per format (srt, webvtt, jsonsegments, textexport) turns a file into `Cue`s;
checks.py refuses bad times; merge.py makes the turns. Who asks is not decided here: a turn
names its speaker as the file labels it. Times are read and written by times.py.
"""

from reader.core.times import (
    MAX_SECONDS,
    format_clock,
    format_timestamp,
    parse_time,
    time_problem,
)
from reader.core.transcripts.detect import EXTENSIONS, detect_format
from reader.core.transcripts.merge import join_words, merge_cues
from reader.core.transcripts.model import FORMAT_NAMES, Cue, Format, Parsed, Transcript, Turn
from reader.core.transcripts.read import parse_transcript, read_transcript

__all__ = [
    "EXTENSIONS",
    "FORMAT_NAMES",
    "MAX_SECONDS",
    "Cue",
    "Format",
    "Parsed",
    "Transcript",
    "Turn",
    "detect_format",
    "format_clock",
    "format_timestamp",
    "join_words",
    "merge_cues",
    "parse_time",
    "parse_transcript",
    "read_transcript",
    "time_problem",
]
