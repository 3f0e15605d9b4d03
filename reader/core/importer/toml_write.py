"""A tiny TOML writer for the handful of shapes a bundle needs (tomllib only reads).

Strings are always basic strings with every character TOML forbids escaped, so no text from
a web page can break out of its value or add keys.
"""

from __future__ import annotations

import re

_BARE_KEY = re.compile(r"[A-Za-z0-9_-]+")
_ESCAPES = {
    '"': '\\"',
    "\\": "\\\\",
    "\b": "\\b",
    "\t": "\\t",
    "\n": "\\n",
    "\f": "\\f",
    "\r": "\\r",
}
_DATE = re.compile(r"\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}:\d{2}(Z|[+-]\d{2}:\d{2})?)?")


def string(value: str) -> str:
    out = []
    for ch in value:
        if ch in _ESCAPES:
            out.append(_ESCAPES[ch])
        elif ord(ch) < 0x20 or 0x7F <= ord(ch) <= 0x9F:
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return '"' + "".join(out) + '"'


def key(name: str) -> str:
    return name if _BARE_KEY.fullmatch(name) else string(name)


def value(item) -> str:
    """str, bool, a validated date string wrapped in `Date`, or a list of those."""
    if isinstance(item, bool):
        return "true" if item else "false"
    if isinstance(item, Date):
        return item.text
    if isinstance(item, str):
        return string(item)
    if isinstance(item, list):
        return "[" + ", ".join(value(v) for v in item) + "]"
    raise TypeError(f"cannot write {type(item).__name__} as TOML")


class Date:
    """A TOML date or offset datetime, written bare (`published = 2024-03-01`)."""

    def __init__(self, text: str):
        if not _DATE.fullmatch(text):
            raise ValueError(f"not a TOML date: {text!r}")
        self.text = text


def document(top: dict, tables: list[tuple[str, dict]]) -> str:
    """Top-level keys, then tables: ("speakers.Q", {...}) is `[speakers.Q]`, a name starting
    with "[" is an array of tables (`[[byline]]`)."""
    lines = [f"{key(k)} = {value(v)}" for k, v in top.items()]
    for name, table in tables:
        lines.append("")
        lines.append(f"[{name}]")
        lines.extend(f"{key(k)} = {value(v)}" for k, v in table.items())
    return "\n".join(lines) + "\n"
