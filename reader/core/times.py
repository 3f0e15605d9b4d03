"""Clock times, read and written in one place: transcripts, the bundle's turn times, "go to
time" and search results all speak the same forms.

Read: `12:31` (minutes:seconds, minutes may run past 59), `1:02:03` (hours:minutes:seconds),
either with a fraction after `.` or `,` (`00:12:31,500` as SRT writes it, `00:12:31.500` as
WebVTT does). Written: `12:31` / `1:02:03` for people, `00:12:31.500` for files.
"""

from __future__ import annotations

import math
import re

# Longer than any recording we expect (a week-long live stream is not an interview); a time
# past this is a mistake in the file, such as milliseconds written where seconds belong.
MAX_SECONDS = 100 * 3600

# A clock time, for other patterns to embed: 12:31, 1:02:03, 00:12:31,500, 00:12:31.500.
CLOCK = r"\d{1,3}(?::\d{1,2}){1,2}(?:[.,]\d{1,9})?"

_CLOCK = re.compile(r"(\d{1,3})(?::(\d{1,2}))?:(\d{1,2})(?:[.,](\d{1,9}))?")
_SECONDS = re.compile(r"\d{1,9}(?:\.\d{1,9})?")
_FORMS = "12:31, 1:02:03 or 00:12:31.500"
_MINUS = ("-", "\u2212")  # a hyphen-minus, or the minus sign a word processor writes


def parse_time(text: str, *, allow_seconds: bool = False) -> float:
    """Seconds in a clock time (and, with `allow_seconds`, in a plain number such as `751.5`).

    Raises ValueError with a message that says what is wrong, for the caller's diagnostic.
    """
    value = text.strip()
    if allow_seconds and _SECONDS.fullmatch(value):
        return _checked(float(value), text)
    found = _CLOCK.fullmatch(value)
    if not found:
        if value[:1] in _MINUS and _CLOCK.fullmatch(value[1:]):
            raise ValueError(f"'{text}' is a negative time (a recording starts at 0:00)")
        raise ValueError(f"'{text}' is not a time (expected {_FORMS})")
    first, middle, last, fraction = found.groups()
    if middle is None:
        hours, minutes, seconds = 0, int(first), int(last)
    else:
        hours, minutes, seconds = int(first), int(middle), int(last)
        if minutes > 59:
            raise ValueError(f"'{text}' has {minutes} minutes (at most 59 after the hours)")
    if seconds > 59:
        raise ValueError(f"'{text}' has {seconds} seconds (at most 59)")
    total = float(hours * 3600 + minutes * 60 + seconds)
    if fraction:
        total += int(fraction) / 10 ** len(fraction)
    return _checked(total, text)


def _checked(seconds: float, text: str) -> float:
    problem = time_problem(seconds)
    if problem:
        raise ValueError(f"'{text}': {problem}")
    return seconds


def time_problem(seconds: float) -> str | None:
    """Why a number of seconds cannot be a time in a recording, or None when it can."""
    if not math.isfinite(seconds):
        return "not a finite number"
    if seconds < 0:
        return "a negative time"
    if seconds > MAX_SECONDS:
        return f"over {MAX_SECONDS // 3600} hours, too long for a recording"
    return None


def format_clock(seconds: float, *, hours: bool = False) -> str:
    """`12:31`, or `1:02:03` from an hour on (or always, with `hours`): whole seconds, cut
    down rather than rounded, so a time never names a moment after the one it stands for."""
    whole = max(0, math.floor(seconds))
    h, rest = divmod(whole, 3600)
    m, s = divmod(rest, 60)
    if h or hours:
        return f"{h}:{m:02d}:{s:02d}"
    return f"{m}:{s:02d}"


def format_timestamp(seconds: float, *, decimal: str = ".") -> str:
    """`00:12:31.500` (WebVTT; `decimal=","` gives SRT's `00:12:31,500`), to the millisecond."""
    millis = max(0, round(seconds * 1000))
    h, rest = divmod(millis, 3_600_000)
    m, rest = divmod(rest, 60_000)
    s, ms = divmod(rest, 1000)
    return f"{h:02d}:{m:02d}:{s:02d}{decimal}{ms:03d}"


def format_bundle_time(seconds: float) -> str:
    """`00:12:31`: how `reader import` writes a turn's time in a bundle (`[00:12:31] KEY: …`).
    Whole seconds, cut down like `format_clock`, so the body stays easy to read and edit and
    times in order stay in order; a reader never needs a turn's start more closely."""
    return format_timestamp(math.floor(max(0.0, seconds)))[:-4]
