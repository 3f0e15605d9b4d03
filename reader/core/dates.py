"""How a publication date is written wherever the reader shows one (list, header, sidebar,
`reader show`): ISO 8601, with the time when the bundle gives one."""

from __future__ import annotations

from datetime import date, datetime


def format_date(value: date | datetime | None) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime):
        return value.strftime("%Y-%m-%d %H:%M")
    return value.isoformat()
