"""The times of a reader's cues, checked once for every format: each a real time in a
recording, no cue ending before it starts, and starts that never go back. A file that
breaks one of these is refused with one error at the first place it happens."""

from __future__ import annotations

from collections.abc import Sequence
from pathlib import Path

from reader.core.diagnostics import ERROR, Diagnostic
from reader.core.times import format_timestamp, time_problem
from reader.core.transcripts.model import Cue


def check_times(cues: Sequence[Cue], path: Path) -> list[Diagnostic]:
    """No diagnostics, or one error naming the first bad time (and how many follow)."""
    problems: list[tuple[int, str]] = []
    latest: tuple[float, int] | None = None  # the latest start so far, and its line
    for cue in cues:
        problem = _problem(cue, latest)
        if problem:
            problems.append((cue.line, problem))
        if cue.start is not None and (latest is None or latest[0] <= cue.start):
            latest = cue.start, cue.line
    if not problems:
        return []
    line, message = problems[0]
    if len(problems) > 1:
        message += f" ({len(problems) - 1} more bad times after it)"
    return [Diagnostic(path, line, 1, ERROR, message)]


def _problem(cue: Cue, latest: tuple[float, int] | None) -> str | None:
    for name, value in (("start", cue.start), ("end", cue.end)):
        if value is not None and (why := time_problem(value)):
            return f"bad {name} time {value!r}: {why}"
    if cue.start is None:
        return None
    if cue.end is not None and cue.end < cue.start:
        end, start = format_timestamp(cue.end), format_timestamp(cue.start)
        return f"the cue ends ({end}) before it starts ({start})"
    if latest is not None and cue.start < latest[0]:
        return (
            f"times out of order: starts at {format_timestamp(cue.start)}, before the cue on"
            f" line {latest[1]} ({format_timestamp(latest[0])})"
        )
    return None
