"""JSON transcripts → cues: Podcasting 2.0 (`{"version", "segments": [{speaker, startTime,
endTime, body}]}`, often one word per segment) and the lists transcription tools write — a
list, or a `segments` or `results` list, of objects with a speaker (`speaker` or `name`), a
text (`text`, `body` or `content`) and times (`start`/`startTime`/`start_time`, and the
same for the end), as seconds or as "00:12:31.500" strings.

Every segment keeps the line its object opens on. Times that are all whole numbers and far
too long for seconds (segments lasting minutes each, or a time past `MAX_SECONDS`) are read
as milliseconds, as some tools write them, with a warning saying so.
"""

from __future__ import annotations

import json
import re
from bisect import bisect_right
from dataclasses import dataclass
from pathlib import Path
from statistics import median
from typing import TypeGuard

from reader.core.diagnostics import ERROR, WARNING, Diagnostic
from reader.core.sanitize import clean, clean_line
from reader.core.times import MAX_SECONDS, parse_time
from reader.core.transcripts.model import Cue, Format, Parsed

LIST_KEYS = ("segments", "results")
TEXT_KEYS = ("text", "body", "content")
SPEAKER_KEYS = ("speaker", "name")
START_KEYS = ("start", "startTime", "start_time")
END_KEYS = ("end", "endTime", "end_time")

# A string or a `{` outside strings: the `{`s, in order, are where the objects open.
_TOKENS = re.compile(r'"[^"\\]*(?:\\.[^"\\]*)*"|\{')
_MILLIS_DURATION = 1000  # a median segment this long in "seconds" (17 minutes) is milliseconds
_NOT_TRANSCRIPT = (
    "JSON, but not a transcript: expected a list of segments, or an object with a"
    " 'segments' or 'results' list, each segment with a 'text', 'body' or 'content'"
)


class _Object(dict):
    """A JSON object that keeps all its pairs, duplicate keys too, so that objects can be
    counted in document order and matched to the `{` each opens with."""

    __slots__ = ("pairs",)
    pairs: list[tuple[str, object]]


def _object(pairs: list[tuple[str, object]]) -> _Object:
    obj = _Object(pairs)
    obj.pairs = pairs
    return obj


@dataclass
class _Segment:
    line: int
    speaker: str | None
    start: object
    end: object
    text: str


def read_json(text: str, path: Path) -> Parsed:
    try:
        data = json.loads(text, object_pairs_hook=_object)
    except json.JSONDecodeError as exc:
        return _refuse("json", path, exc.lineno, exc.colno, f"invalid JSON: {exc.msg}")
    except RecursionError:
        return _refuse("json", path, 1, 1, "JSON nested too deeply to read")
    except ValueError as exc:  # e.g. an integer with more digits than Python converts
        return _refuse("json", path, 1, 1, f"invalid JSON: {exc}")
    lines = _Lines(text, data)
    found = _segment_list(data, path, lines)
    if isinstance(found, Diagnostic):
        return Parsed("json", [], [found])
    fmt, items = found
    segments: list[_Segment] = []
    missing: list[int] = []
    for item in items:
        read = _segment(item, lines.of(item), path)
        if isinstance(read, Diagnostic):
            return Parsed(fmt, [], [read])
        if read is None:
            missing.append(lines.of(item))
        else:
            segments.append(read)
    if not segments:
        return _refuse(fmt, path, lines.of(data), 1, _NOT_TRANSCRIPT)
    diagnostics = []
    if missing:
        msg = f"{len(missing)} segment(s) have no 'text', 'body' or 'content'; skipped"
        diagnostics.append(Diagnostic(path, missing[0], 1, WARNING, msg))
    scale, why = _time_scale(segments)
    if why:
        diagnostics.append(Diagnostic(path, segments[0].line, 1, WARNING, why))
    cues = []
    for seg in segments:
        times = []
        for name, value in (("start", seg.start), ("end", seg.end)):
            seconds = _seconds(value, scale)
            if isinstance(seconds, str):
                return _refuse(fmt, path, seg.line, 1, f"segment {name} time {seconds}")
            times.append(seconds)
        cues.append(Cue(seg.speaker, times[0], times[1], seg.text, seg.line))
    return Parsed(fmt, cues, diagnostics)


def _refuse(fmt: Format, path: Path, line: int, col: int, message: str) -> Parsed:
    return Parsed(fmt, [], [Diagnostic(path, line, col, ERROR, message)])


def _segment_list(data: object, path: Path, lines: _Lines) -> tuple[Format, list] | Diagnostic:
    if isinstance(data, list):
        return "json", data
    if not isinstance(data, dict):
        return Diagnostic(path, 1, 1, ERROR, _NOT_TRANSCRIPT)
    for key in LIST_KEYS:
        value = data.get(key)
        if isinstance(value, list):
            podcast = key == "segments" and "version" in data
            return ("podcast-json" if podcast else "json"), value
        if key in data:
            kind = type(value).__name__ if not isinstance(value, dict) else "an object"
            msg = f"JSON, but not a transcript we read: '{key}' is {kind}, not a list of segments"
            return Diagnostic(path, lines.of(data), 1, ERROR, msg)
    keys = ", ".join(f"'{clean_line(k)[:30]}'" for k in list(data)[:8]) or "none"
    return Diagnostic(path, lines.of(data), 1, ERROR, f"{_NOT_TRANSCRIPT} (its keys: {keys})")


def _segment(item: object, line: int, path: Path) -> _Segment | Diagnostic | None:
    """A segment, an error, or None for a segment with no text at all."""
    if not isinstance(item, dict):
        kind = "a list" if isinstance(item, list) else type(item).__name__
        return Diagnostic(path, line, 1, ERROR, f"{_NOT_TRANSCRIPT} (found {kind} in the list)")
    key = next((k for k in TEXT_KEYS if k in item), None)
    if key is None:
        return None
    text = item[key]
    if text is not None and not isinstance(text, str):
        msg = f"segment '{key}' is {_kind(text)}, not text"
        return Diagnostic(path, line, 1, ERROR, msg)
    named = _first(item, SPEAKER_KEYS)
    if not (named is None or isinstance(named, str) or _is_number(named)):
        return Diagnostic(path, line, 1, ERROR, f"segment speaker is {_kind(named)}, not a name")
    start, end = _first(item, START_KEYS), _first(item, END_KEYS)
    return _Segment(line, _speaker(named), start, end, clean(text or "").strip())


def _first(item: dict, keys: tuple[str, ...]) -> object:
    for key in keys:
        if key in item:
            return item[key]
    return None


def _speaker(value: str | float | None) -> str | None:
    if value is None:
        return None
    if isinstance(value, str):
        return clean_line(value) or None
    return f"Speaker {value}"  # diarisation numbers its speakers


def _kind(value: object) -> str:
    if isinstance(value, bool):
        return "true or false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, list):
        return "a list"
    return "an object" if isinstance(value, dict) else "text"


def _is_number(value: object) -> TypeGuard[float]:
    return isinstance(value, int | float) and not isinstance(value, bool)


def _time_scale(segments: list[_Segment]) -> tuple[int, str | None]:
    """What to divide the times by to get seconds: 1, or 1000 (with the reason) when they
    are milliseconds."""
    given = [v for s in segments for v in (s.start, s.end) if v is not None]
    whole = [v for v in given if isinstance(v, int) and not isinstance(v, bool)]
    if not whole or len(whole) < len(given):
        return 1, None
    durations = [
        s.end - s.start for s in segments if isinstance(s.start, int) and isinstance(s.end, int)
    ]
    long = bool(durations) and median(durations) >= _MILLIS_DURATION
    if long or max(whole) > MAX_SECONDS:
        return 1000, "times read as milliseconds: all are whole numbers, too large for seconds"
    return 1, None


def _seconds(value: object, scale: int) -> float | None | str:
    """Seconds, None for no time, or what is wrong with the value."""
    if value is None:
        return None
    if _is_number(value):
        return value / scale  # range and order are checked with every format's (checks.py)
    if isinstance(value, str):
        try:
            return parse_time(value.strip().removesuffix("s"), allow_seconds=True)
        except ValueError as exc:
            return str(exc)
    return f"is {_kind(value)}, not a number of seconds or a time such as 00:12:31.500"


class _Lines:
    """The line each object of a parsed document opens on: the n-th object in document
    order opens at the n-th `{` outside a string."""

    def __init__(self, text: str, data: object):
        objects: list[_Object] = []
        stack = [data]
        while stack:
            node = stack.pop()
            if isinstance(node, _Object):
                objects.append(node)
                stack.extend([v for _, v in reversed(node.pairs)])
            elif isinstance(node, list):
                stack.extend(reversed(node))
        if text.count("{") == len(objects):  # the usual case: no "{" inside a string
            opens = [m.start() for m in re.finditer(r"\{", text)]
        else:
            opens = [m.start() for m in _TOKENS.finditer(text) if m.group() == "{"]
        newlines = [m.start() for m in re.finditer("\n", text)]
        self._line_of = {
            id(obj): bisect_right(newlines, at) + 1 for obj, at in zip(objects, opens, strict=False)
        }

    def of(self, node: object) -> int:
        return self._line_of.get(id(node), 1)
