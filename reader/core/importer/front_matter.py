"""Front matter at the top of a Markdown source → metadata: every key a read-later app, a
static-site generator or an editor commonly writes (title, author(s), date, description, url,
publication, tags, language), in `---` YAML or `+++` TOML.

Only the flat YAML that front matter uses is read — `key: value`, `key: [a, b]` and a list of
`- item` lines under a key — so no YAML library is needed, and anything else is skipped. TOML
is read as a bundle's metadata is (`reader.core.source.parse_toml`: its shape bounded before
`tomllib` sees it, an error at its line and column): front matter it refuses is left out, with
a warning, and the import goes on.
"""

from __future__ import annotations

import re
from dataclasses import replace
from pathlib import Path
from typing import Any

from reader.core.diagnostics import WARNING, Diagnostic
from reader.core.importer.datelines import normalise_date
from reader.core.importer.model import Meta
from reader.core.sanitize import clean_line
from reader.core.source import parse_toml

_FENCED = re.compile(r"\A(\+\+\+|---)[ \t]*\n(.*?)\n\1[ \t]*(\n|\Z)", re.S)
_PAIR = re.compile(r"^([A-Za-z_][\w-]*)\s*:\s*(.*?)\s*$")
_ITEM = re.compile(r"^\s+-\s+(.*?)\s*$")
_WEB = re.compile(r"https?://")
_WIKI_LINK = re.compile(r"\[\[(?:[^\]|]*\|)?([^\]]*)\]\]")
# front-matter key → Meta field
_KEYS = {
    "title": "title",
    "headline": "title",
    "subtitle": "dek",
    "description": "dek",
    "dek": "dek",
    "summary": "dek",
    "excerpt": "dek",
    "author": "authors",
    "authors": "authors",
    "byline": "authors",
    "by": "authors",
    "interviewer": "authors",
    "date": "published",
    "published": "published",
    "pubdate": "published",
    "date_published": "published",
    "created": "published",
    "url": "url",
    "link": "url",
    "source": "url",
    "canonical": "url",
    "canonical_url": "url",
    "original_url": "url",
    "publication": "publication",
    "site": "publication",
    "site_name": "publication",
    "publisher": "publication",
    "section": "section",
    "category": "section",
    "tags": "tags",
    "keywords": "tags",
    "lang": "language",
    "language": "language",
}


def split(text: str, path: Path) -> tuple[dict[str, object], str, int, list[Diagnostic]]:
    """(front matter as a dict, the text after it, how many lines it took, and a warning at
    its line in `path` when TOML front matter is left out)."""
    found = _FENCED.match(text)
    if not found:
        return {}, text, 0, []
    fence, body = found.group(1), found.group(2)
    data: dict[str, object] = {}
    warnings: list[Diagnostic] = []
    if fence == "+++":
        parsed, problems = parse_toml(body, path, first_line=2)
        data = parsed or {}
        for problem in problems:
            message = f"front matter left out: {problem.message}"
            warnings.append(replace(problem, severity=WARNING, message=message))
    else:
        data = _flat_yaml(body)
    return data, text[found.end() :], found.group(0).count("\n"), warnings


def _flat_yaml(body: str) -> dict[str, object]:
    data: dict[str, object] = {}
    key = ""
    for line in body.split("\n"):
        item = _ITEM.match(line)
        if item and key:
            current = data.get(key)
            data[key] = [*(current if isinstance(current, list) else []), _unquote(item.group(1))]
            continue
        pair = _PAIR.match(line)
        if not pair:
            continue
        key, value = pair.group(1).lower(), pair.group(2)
        if value.startswith("[") and value.endswith("]"):
            data[key] = [_unquote(v) for v in value[1:-1].split(",") if v.strip()]
        elif value:
            data[key] = _unquote(value)
    return data


def _unquote(value: str) -> str:
    """The value without its quotes, and without the brackets of a note app's wiki link
    (`"[[Lena Fischer]]"`)."""
    value = value.strip()
    if len(value) >= 2 and value[0] == value[-1] and value[0] in "\"'":
        value = value[1:-1]
    return _WIKI_LINK.sub(r"\1", value)


def to_meta(data: dict[str, object]) -> Meta:
    """The fields of `data` that say something about the piece."""
    fields: dict[str, Any] = {}
    for key, value in data.items():
        target = _KEYS.get(str(key).lower())
        if target is None or target in fields:
            continue
        if target in ("authors", "tags"):
            items = _strings(value)
            if target == "authors" and len(items) == 1:
                items = [n for n in re.split(r",\s*|\s+(?:and|&)\s+", items[0]) if n]
            fields[target] = tuple(clean_line(i) for i in items if i.strip())
        elif target == "published":
            found = normalise_date(str(value))
            if found:
                fields[target] = found
        elif isinstance(value, str) and value.strip() and (target != "url" or _WEB.match(value)):
            fields[target] = clean_line(value)
    return replace(Meta(), **fields)


def _strings(value: object) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, list):
        out = []
        for item in value:
            if isinstance(item, dict):
                item = item.get("name", "")
            if isinstance(item, str):
                out.append(item)
        return out
    return []
