"""A look at a TOML text's shape before `tomllib` reads it: keys and nesting are bounded.

`tomllib` does work and keeps memory that grow with the square of a dotted key's parts (a
key `a.a.a…` of 20,000 parts, 40 KB of text, took 1.6 GB) and recurses once per level of
nested arrays and inline tables. No bundle, theme or config needs more than a few of
either, so a text with a key of more than MAX_KEY_PARTS parts, or values nested more than
MAX_NESTING deep, is refused here, with the line where the limit is passed.

The scan reads tokens, not characters (strings and comments are skipped whole, so a dot or
a bracket inside them counts for nothing), and it only needs to know whether it is in a key
(at the start of a line, in a `[table]` header, or after `{` or `,` in an inline table) or in
a value. It does not check the syntax: whatever it lets through, `tomllib` still judges.
"""

from __future__ import annotations

import re

MAX_KEY_PARTS = 32  # parts of one dotted key or table name ("speakers.ME.name" has 3)
MAX_NESTING = 32  # arrays and inline tables inside one another

_TOKEN = re.compile(
    r'"""(?:[^"\\]|\\.|"(?!""))*(?:"""|$)'  # a multi-line basic string
    r"|'''(?:[^']|'(?!''))*(?:'''|$)"  # a multi-line literal string
    r'|"(?:[^"\\\n]|\\.)*"?'  # a basic string (an unclosed one ends the scan's interest)
    r"|'[^'\n]*'?"  # a literal string
    r"|#[^\n]*"  # a comment
    r"|[.\[\]{}=,\n]"  # what the scan follows
    r"|[^\s\"'#.\[\]{}=,]+",  # anything else: bare keys, numbers, dates, words
    re.DOTALL,
)


def shape_problem(text: str) -> tuple[int, str] | None:
    """(1-based line, problem) when a key has too many parts or values nest too deeply;
    None when the text is within the bounds."""
    stack: list[str] = []  # the open "[" (array) and "{" (inline table)
    in_key, header, parts = True, False, 1
    for token in _TOKEN.finditer(text):
        kind = token.group()[0]
        if kind == "\n":
            if not stack:
                in_key, header, parts = True, False, 1
        elif kind == ".":
            if in_key:
                parts += 1
                if parts > MAX_KEY_PARTS:
                    return _line(text, token.start()), (
                        f"a key of more than {MAX_KEY_PARTS} dotted parts"
                    )
        elif kind == "=" and not header:
            in_key = False
        elif kind == "[" and in_key and not stack:
            header = True  # a [table] or [[array of tables]] header: its name is a key
        elif kind == "]" and header:
            in_key = False
        elif kind in "[{" and not in_key:
            stack.append(kind)
            if len(stack) > MAX_NESTING:
                return _line(text, token.start()), (
                    f"arrays and inline tables nested more than {MAX_NESTING} deep"
                )
            in_key, parts = kind == "{", 1
        elif kind in "]}" and stack:
            stack.pop()
            in_key = False
        elif kind == "," and stack and stack[-1] == "{":
            in_key, parts = True, 1
    return None


def _line(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1
