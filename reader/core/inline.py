"""Inline Markdown → plain text plus style spans; stage directions and editor's inserts.

The model keeps text as plain strings with ranges over them, never as markup, so square
brackets in an interview ("[love of]", "[bold]", "[/]") can never be read as Rich markup.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Iterable, Sequence

from markdown_it.token import Token

from reader.core.model import (
    CODE,
    EMPHASIS,
    FOOTNOTE_REF,
    INSERT,
    LINK,
    STAGE,
    STRIKE,
    STRONG,
    Span,
)
from reader.core.sanitize import clean

STAGE_WORDS = frozenset(
    [
        "laugh",
        "laughs",
        "laughing",
        "laughter",
        "laughed",
        "chuckle",
        "chuckles",
        "chuckling",
        "giggles",
        "smiles",
        "smiling",
        "sigh",
        "sighs",
        "sighing",
        "pause",
        "pauses",
        "paused",
        "applause",
        "clapping",
        "inaudible",
        "unintelligible",
        "crosstalk",
        "silence",
        "cough",
        "coughs",
        "coughing",
        "shrugs",
        "nods",
        "groans",
        "cries",
        "crying",
        "weeps",
        "sniffs",
        "gestures",
        "gesturing",
        "indistinct",
        "overlapping",
        "interruption",
        "interrupted",
        "music",
        "noise",
    ]
)
_PAREN = re.compile(r"\(([^()\n]{1,80})\)")
_BRACKET = re.compile(r"\[([^\[\]\n]{1,300})\]")
_WORDS = re.compile(r"[^\W\d_]+")

_OPEN_KINDS = {
    "em_open": EMPHASIS,
    "strong_open": STRONG,
    "link_open": LINK,
    "s_open": STRIKE,
}
_CLOSE_KINDS = {
    "em_close": EMPHASIS,
    "strong_close": STRONG,
    "link_close": LINK,
    "s_close": STRIKE,
}


def is_stage_direction(inner: str, extra: Sequence[str] = ()) -> bool:
    """True when the words inside a parenthesis or bracket describe what happened in the room."""
    folded = inner.strip().casefold()
    if any(folded == phrase.casefold() for phrase in extra):
        return True
    words = _WORDS.findall(folded)
    return 0 < len(words) <= 4 and any(word in STAGE_WORDS for word in words)


def tokens_to_text(children: Iterable[Token]) -> tuple[str, list[Span]]:
    """Flatten inline tokens into text and style spans (no stage detection yet)."""
    parts: list[str] = []
    length = 0
    spans: list[Span] = []
    stack: list[tuple[str, int, str | None]] = []

    def add(text: str) -> None:
        nonlocal length
        text = clean(text).replace("\t", " ")
        parts.append(text)
        length += len(text)

    for tok in children:
        kind = tok.type
        if kind in ("text", "text_special", "html_inline"):
            add(tok.content)
        elif kind == "softbreak":
            add(" ")
        elif kind == "hardbreak":
            add("\n")
        elif kind == "code_inline":
            start = length
            add(tok.content)
            spans.append(Span(start, length, CODE))
        elif kind == "image":
            add(tok.content or "".join(c.content for c in tok.children or ()))
        elif kind == "footnote_ref":
            start = length
            add(f"[{tok.meta['id'] + 1}]")
            spans.append(Span(start, length, FOOTNOTE_REF))
        elif kind in _OPEN_KINDS:
            href = clean(str(tok.attrs.get("href", ""))) if kind == "link_open" else None
            stack.append((_OPEN_KINDS[kind], length, href))
        elif kind in _CLOSE_KINDS:
            for i in range(len(stack) - 1, -1, -1):
                if stack[i][0] == _CLOSE_KINDS[kind]:
                    span_kind, start, href = stack.pop(i)
                    if length > start:
                        spans.append(Span(start, length, span_kind, href))
                    break
    return "".join(parts), spans


def mark_asides(text: str, spans: list[Span], extra: Sequence[str] = ()) -> list[Span]:
    """Add STAGE and INSERT spans for parentheses and square brackets (not inside code)."""
    # Code spans and footnote marks never overlap, so sorted by start their ends are sorted
    # too: a binary search finds the one that could overlap (a scan of all of them made a
    # paragraph full of code and brackets quadratic).
    blocked = sorted((s.start, s.end) for s in spans if s.kind in (CODE, FOOTNOTE_REF))
    starts = [b[0] for b in blocked]
    ends = [b[1] for b in blocked]

    def free(start: int, end: int) -> bool:
        i = bisect_right(ends, start)
        return i == len(ends) or starts[i] >= end

    found: list[Span] = []
    if "(" in text:
        for m in _PAREN.finditer(text):
            if is_stage_direction(m.group(1), extra) and free(m.start(), m.end()):
                found.append(Span(m.start(), m.end(), STAGE))
    if "[" in text:
        for m in _BRACKET.finditer(text):
            if free(m.start(), m.end()):
                kind = STAGE if is_stage_direction(m.group(1), extra) else INSERT
                found.append(Span(m.start(), m.end(), kind))
    return sorted(spans + found, key=lambda s: (s.start, -s.end))


def strip_prefix(text: str, spans: list[Span], cut: int) -> tuple[str, list[Span]]:
    """Remove the first `cut` characters (a speaker label), shifting the spans after it."""
    kept = []
    for s in spans:
        if s.end <= cut:
            continue
        kept.append(Span(max(s.start - cut, 0), s.end - cut, s.kind, s.href))
    return text[cut:], kept
