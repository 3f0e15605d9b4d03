"""Bundle metadata (the TOML table) → checked fields of the article model.

Wrong types are errors and unknown keys warnings, each at the line where the key is written,
so `reader check` points the editor at the right place.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date, datetime
from itertools import islice
from pathlib import Path

from reader.core import model as m
from reader.core.diagnostics import ERROR, WARNING, Diagnostic
from reader.core.sanitize import clean, clean_dek, clean_line
from reader.core.times import parse_time, time_problem

STRING_KEYS = ("title", "dek", "publication", "section", "url", "language", "body", "id", "media")
KNOWN_KEYS = frozenset(
    STRING_KEYS
    + ("published", "tags", "byline", "speakers", "stage_directions", "images", "duration")
)
DEFAULT_SPEAKERS = {
    "Q": m.Speaker("Q", "Q", "interviewer", implicit=True),
    "A": m.Speaker("A", "A", "subject", implicit=True),
}


@dataclass
class Metadata:
    fields: dict = field(default_factory=dict)
    bylines: list[m.Byline] = field(default_factory=list)
    speakers: dict[str, m.Speaker] = field(default_factory=dict)
    images: list[dict] = field(default_factory=list)  # {file, caption, credit, header, line}
    stage_directions: list[str] = field(default_factory=list)
    diagnostics: list[Diagnostic] = field(default_factory=list)


class _Lines:
    """Finds the line where a key or table header is written, for diagnostics.

    The TOML is indexed once (each line's leading key paths: `a`, `a.b`, `"quoted"`), so a
    file with thousands of keys, speakers or images is not re-read for each of them.
    """

    _OPEN = re.compile(r"\s*(?:\[\[?\s*)?")
    _END = re.compile(r"\s*[=\].]")
    DEPTH = 4  # key paths deeper than this are not looked up

    def __init__(self, toml: str, first_line: int):
        self.lines = toml.split("\n")
        self.first = first_line
        self.heads: dict[str, int] = {}
        self.cursor = 0  # images are looked up in file order
        for i, text in enumerate(self.lines):
            opening = self._OPEN.match(text)  # it matches at least the empty string
            rest = text[opening.end() :] if opening else text
            names = [rest[: f.start()] for f in islice(self._END.finditer(rest), self.DEPTH)]
            close = rest.find('"', 1) if rest.startswith('"') else -1
            if close > 0 and self._END.match(rest, close + 1):
                names.append(rest[1:close])
            for name in names:
                self.heads.setdefault(name.lower(), i + first_line)

    def of(self, *names: str) -> int:
        for name in names:
            if name.lower() in self.heads:
                return self.heads[name.lower()]
        return self.first

    def containing(self, text: str, fallback: str) -> int:
        for start in (self.cursor, 0):
            for i in range(start, len(self.lines)):
                if text in self.lines[i]:
                    self.cursor = i
                    return i + self.first
        return self.of(fallback)


def read_metadata(data: dict, toml: str, path: Path, first_line: int) -> Metadata:
    meta = Metadata()
    lines = _Lines(toml, first_line)

    def problem(severity: str, key: str, message: str, *where: str) -> None:
        meta.diagnostics.append(
            Diagnostic(path, lines.of(*(where or (key,))), 1, severity, message)
        )

    for key in data:
        if key not in KNOWN_KEYS:
            problem(WARNING, key, f"unknown key '{clean_line(key)}' (ignored)")

    for key in STRING_KEYS:
        if key in data:
            value = data[key]
            if isinstance(value, str):
                meta.fields[key] = clean_dek(value) if key == "dek" else clean_line(value)
            else:
                problem(ERROR, key, f"'{key}' must be a string, not {_type(value)}")
    if "title" not in data:
        meta.diagnostics.append(Diagnostic(path, first_line, 1, ERROR, "'title' is required"))
    elif isinstance(data["title"], str) and not meta.fields.get("title"):
        problem(ERROR, "title", "'title' is empty")

    if "published" in data:
        meta.fields["published"] = _published(data["published"], problem)
    if "duration" in data:
        meta.fields["duration"] = _duration(data["duration"], problem)
    meta.fields["tags"] = _strings(data, "tags", problem)
    meta.stage_directions = _strings(data, "stage_directions", problem)
    meta.bylines = _bylines(data.get("byline"), problem)
    meta.speakers = _speakers(data.get("speakers"), problem)
    meta.images = _images(data.get("images"), problem, lines)
    return meta


def _type(value) -> str:
    names = {
        str: "a string",
        int: "a number",
        float: "a number",
        bool: "true/false",
        list: "an array",
        dict: "a table",
    }
    if isinstance(value, datetime):
        return "a date-time"
    if isinstance(value, date):
        return "a date"
    return names.get(type(value), type(value).__name__)


def _published(value, problem):
    if isinstance(value, (date, datetime)):
        return value
    if isinstance(value, str):
        try:
            parsed = date.fromisoformat(value.strip())
        except ValueError:
            problem(
                ERROR,
                "published",
                f"'published' must be a TOML date such as 2024-03-01, "
                f'not the string "{clean_line(value)[:40]}"',
            )
            return None
        problem(WARNING, "published", "'published' should be a TOML date (no quotes)")
        return parsed
    problem(ERROR, "published", f"'published' must be a TOML date, not {_type(value)}")
    return None


def _duration(value, problem) -> float | None:
    """The recording's length: seconds (`3733`) or a clock time (`"1:02:13"`)."""
    if isinstance(value, (int, float)) and not isinstance(value, bool):
        why = time_problem(float(value))
        if why is None:
            return float(value)
        problem(ERROR, "duration", f"'duration' {value} is {why}")
        return None
    if isinstance(value, str):
        try:
            return parse_time(value, allow_seconds=True)
        except ValueError as exc:
            problem(
                ERROR, "duration", f"'duration' must be seconds or a time such as 1:02:13: {exc}"
            )
            return None
    problem(ERROR, "duration", f"'duration' must be seconds or a time string, not {_type(value)}")
    return None


def _strings(data, key, problem) -> list[str]:
    value = data.get(key, [])
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        problem(ERROR, key, f"'{key}' must be an array of strings")
        return []
    return [clean_line(v) for v in value if clean_line(v)]


def _bylines(value, problem) -> list[m.Byline]:
    if value is None:
        return []
    items = value if isinstance(value, list) else [value]
    bylines = []
    for item in items:
        if isinstance(item, str):
            if clean_line(item):
                bylines.append(m.Byline(clean_line(item)))
        elif isinstance(item, dict):
            name = item.get("name")
            if not isinstance(name, str) or not clean_line(name):
                problem(ERROR, "byline", "each byline table needs a 'name' string")
                continue
            bio, role = item.get("bio", ""), item.get("role", "")
            if not isinstance(bio, str) or not isinstance(role, str):
                problem(ERROR, "byline", "a byline's 'bio' and 'role' must be strings")
                continue
            bylines.append(m.Byline(clean_line(name), clean(bio).strip(), clean_line(role)))
        else:
            problem(ERROR, "byline", "'byline' must be a string, strings, or tables {name, bio}")
    return bylines


def _speakers(value, problem) -> dict[str, m.Speaker]:
    if value is None:
        return dict(DEFAULT_SPEAKERS)
    if not isinstance(value, dict):
        problem(ERROR, "speakers", "'speakers' must be tables: [speakers.KEY] with name and role")
        return dict(DEFAULT_SPEAKERS)
    speakers = {}
    for raw_key, table in value.items():
        key = clean_line(raw_key)
        where = (f"speakers.{raw_key}", "speakers")
        if not key:
            problem(ERROR, "speakers", "a speaker key is empty", *where)
            continue
        if not isinstance(table, dict):
            problem(ERROR, "speakers", f"[speakers.{key}] must be a table", *where)
            continue
        bad = [k for k in ("name", "role", "bio") if k in table and not isinstance(table[k], str)]
        if bad:
            problem(ERROR, "speakers", f"speaker {key}: '{bad[0]}' must be a string", *where)
            continue
        for extra in sorted(set(table) - {"name", "role", "bio"}):
            problem(
                WARNING, "speakers", f"speaker {key}: unknown key '{clean_line(extra)}'", *where
            )
        name = clean_line(table.get("name", "")) or key
        role = clean_line(table.get("role", "")).lower() or "subject"
        speakers[key] = m.Speaker(key, name, role, clean(table.get("bio", "")).strip())
    return speakers


def _images(value, problem, lines: _Lines) -> list[dict]:
    if value is None:
        return []
    if not isinstance(value, list) or not all(isinstance(v, dict) for v in value):
        problem(ERROR, "images", "'images' must be [[images]] tables with a 'file'")
        return []
    images = []
    for table in value:
        file = table.get("file")
        if not isinstance(file, str) or not file.strip():
            problem(ERROR, "images", "each [[images]] table needs a 'file' string")
            continue
        texts = {k: table.get(k, "") for k in ("caption", "credit")}
        if not all(isinstance(v, str) for v in texts.values()):
            problem(
                ERROR, "images", f"image {clean_line(file)}: caption and credit must be strings"
            )
            continue
        header = table.get("header", False)
        if not isinstance(header, bool):
            problem(ERROR, "images", f"image {clean_line(file)}: 'header' must be true or false")
            continue
        images.append(
            {
                "file": file,
                "caption": clean_line(texts["caption"]),
                "credit": clean_line(texts["credit"]),
                "header": header,
                "line": lines.containing(file, "images"),
            }
        )
    return images
