"""Cues of SRT and WebVTT files, found by their timing lines (`start --> end`).

Both formats are lines around a timing line; they differ in where a cue's text ends. SRT
files in the wild lose blank lines, hold blank lines inside a cue's text, or lose the cue
number, so an SRT cue runs to the next timing line (less the cue number just above it).
WebVTT says a cue ends at the first empty line; what follows it up to the next cue is a
NOTE, STYLE or REGION block (skipped) or stray text (kept with the cue above, with a
warning, so nothing is lost).
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from pathlib import Path

from reader.core.diagnostics import ERROR, WARNING, Diagnostic
from reader.core.times import parse_time

Line = tuple[int, str]  # (1-based line number, text)

# A timing line starts with a digit and holds an arrow; its times are checked once found,
# so "00:00:0x,000 --> …" is a bad timing line, not text, while "A --> B" is text.
_CANDIDATE = re.compile(r"[ \t]*\d[^\n]*-->")
_TIMING = re.compile(r"([ \t]*)(\S+?)[ \t]*-->([ \t]*)(\S+)(?:[ \t].*)?")
_SKIPPED_BLOCK = re.compile(r"(NOTE|STYLE|REGION)(?:[ \t].*)?")


def is_timing_line(line: str) -> bool:
    return "-->" in line and bool(_CANDIDATE.match(line))


@dataclass
class RawCue:
    line: int  # the timing line
    start: float
    end: float
    lines: list[Line] = field(default_factory=list)


@dataclass
class Scan:
    cues: list[RawCue] = field(default_factory=list)
    preamble: list[Line] = field(default_factory=list)  # text before the first cue
    diagnostics: list[Diagnostic] = field(default_factory=list)


def scan(lines: list[str], path: Path, *, webvtt: bool, first: int = 0) -> Scan:
    """The cues in `lines[first:]`; one error (and no cues) for a malformed timing line."""
    timings = [i for i in range(first, len(lines)) if is_timing_line(lines[i])]
    result = Scan()
    for n, at in enumerate(timings):
        times = _read_timing(lines[at], at + 1, path)
        if isinstance(times, Diagnostic):
            return Scan(diagnostics=[times])
        stop = _cue_label(lines, timings[n + 1], at, webvtt) if n + 1 < len(timings) else None
        region = _numbered(lines, at + 1, len(lines) if stop is None else stop)
        if webvtt:
            region = _webvtt_payload(region, result, path)
        result.cues.append(RawCue(at + 1, times[0], times[1], region))
    end = _cue_label(lines, timings[0], first - 1, webvtt) if timings else len(lines)
    preamble = _numbered(lines, first, end)
    if webvtt:
        preamble = [line for block in _blocks(preamble) if not _skipped(block) for line in block]
    if any(text.strip() for _, text in preamble):
        number = next(n for n, text in preamble if text.strip())
        msg = "text before the first cue (it has no timing line); kept as narration"
        result.diagnostics.append(Diagnostic(path, number, 1, WARNING, msg))
        result.preamble = preamble
    return result


def _read_timing(line: str, number: int, path: Path) -> tuple[float, float] | Diagnostic:
    found = _TIMING.fullmatch(line)
    if not found:
        msg = "malformed timing line: expected 'start --> end' (00:00:01,000 --> 00:00:03,500)"
        return Diagnostic(path, number, 1, ERROR, msg)
    values = []
    for group in (2, 4):
        try:
            values.append(parse_time(found.group(group)))
        except ValueError as exc:
            return Diagnostic(path, number, found.start(group) + 1, ERROR, f"bad cue time: {exc}")
    return values[0], values[1]


def _cue_label(lines: list[str], timing: int, after: int, webvtt: bool) -> int:
    """Where the text before a timing line ends: above the cue number (SRT) or the cue
    identifier (WebVTT: a line of its own after an empty line or the header), if there is
    one. `after` is the line before the text (the previous timing line, or the header's end)."""
    above = timing - 1
    if above <= after:
        return timing
    if webvtt:
        is_label = lines[above] != "" and (above == 0 or lines[above - 1] == "")
    else:
        is_label = lines[above].strip().isdigit()
    return above if is_label else timing


def _numbered(lines: list[str], start: int, stop: int) -> list[Line]:
    return [(i + 1, lines[i]) for i in range(start, stop)]


def _webvtt_payload(region: list[Line], result: Scan, path: Path) -> list[Line]:
    """A WebVTT cue's text ends at the first empty line; stray text after it (not a NOTE,
    STYLE or REGION block) stays with the cue, with a warning."""
    blocks = _blocks(region)
    if not blocks:
        return []
    payload = list(blocks[0]) if region[0][1] != "" else []
    for block in blocks[0 if not payload else 1 :]:
        if _skipped(block):
            continue
        msg = "text outside any cue (no timing line above it); kept with the cue above"
        result.diagnostics.append(Diagnostic(path, block[0][0], 1, WARNING, msg))
        payload.extend(block)
    return payload


def _blocks(lines: list[Line]) -> list[list[Line]]:
    """Runs of lines between empty lines."""
    blocks: list[list[Line]] = []
    current: list[Line] = []
    for line in lines:
        if line[1] == "":
            if current:
                blocks.append(current)
            current = []
        else:
            current.append(line)
    if current:
        blocks.append(current)
    return blocks


def _skipped(block: list[Line]) -> bool:
    return bool(_SKIPPED_BLOCK.fullmatch(block[0][1]))
