"""Dates from metadata ("2024-03-01T09:30:00+01:00") and from datelines ("March 1, 2024",
"3 May 2023"), always normalised here so the TOML writer only ever sees valid TOML dates."""

from __future__ import annotations

import re
from datetime import date, datetime

_ISO = re.compile(
    r"(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(:\d{2})?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?"
)
_MONTHS = r"(jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
_IN_WORDS = re.compile(
    rf"\b(\d{{4}}-\d{{2}}-\d{{2}}|{_MONTHS} \d{{1,2}}(st|nd|rd|th)?,? \d{{4}}"
    rf"|\d{{1,2}}(st|nd|rd|th)? {_MONTHS},? \d{{4}})\b",
    re.I,
)


def normalise_date(value: str) -> str:
    """A TOML-ready date or datetime ("2024-03-01", "2024-03-01T09:30:00+01:00"), or ""."""
    found = _ISO.search(value or "")
    if not found:
        return from_words(value or "")
    day, hm, seconds, zone = found.groups()
    try:
        date.fromisoformat(day)
    except ValueError:
        return ""
    if not hm:
        return day
    if zone and zone != "Z" and ":" not in zone:
        zone = f"{zone[:3]}:{zone[3:]}"
    stamp = f"{day}T{hm}{seconds or ':00'}{zone or ''}"
    try:
        datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return day
    return stamp


def date_in(text: str) -> str:
    """The date written in a line ("Posted on 3 May 2023", "March 1, 2024 · 14 min"), or ""."""
    found = _IN_WORDS.search(text)
    return found.group(1) if found else ""


def from_words(text: str) -> str:
    """ "March 1, 2024" → "2024-03-01"; "" when the line holds no date we can read."""
    written = date_in(text)
    if not written:
        return ""
    written = re.sub(r"(\d)(st|nd|rd|th)\b", r"\1", written).replace(",", "").replace(".", "")
    for fmt in ("%Y-%m-%d", "%B %d %Y", "%b %d %Y", "%d %B %Y", "%d %b %Y"):
        try:
            return datetime.strptime(written, fmt).date().isoformat()
        except ValueError:
            continue
    return ""
