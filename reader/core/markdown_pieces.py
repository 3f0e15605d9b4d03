"""Markdown parsed a piece at a time, so memory follows the piece, not the whole body.

markdown-it builds every token of a document before returning any: for a body of short
turns or dense links that is hundreds of bytes of tokens per byte of text (3 MB of short
turns took 986 MB). Here the body is cut into pieces of about PIECE_CHARS at places where a
cut cannot change what the Markdown means — a blank line followed by a line that starts in
the first column, is not a list item and is not inside a fenced code block — and each
piece is parsed and handed on before the next, so only one piece's tokens exist at once.

What crosses pieces is kept in markdown-it's `env`, as in one parse: link reference
definitions and footnote labels are collected by a first, block-only pass (only when the
body has a `]:` at all), footnote numbers run on from piece to piece, and footnote
definitions are handed on as they are met, to be gathered at the end in the order of their
first reference, as markdown-it's footnote plugin does.

A paragraph with more than MAX_INLINE_MARKS characters that start inline Markdown (links,
emphasis, code, line breaks) would need a token for each of them at once; it is handed on
as plain text instead, with its line, so the caller can say so.
"""

from __future__ import annotations

import re
from collections.abc import Iterator, MutableMapping
from dataclasses import dataclass, field
from typing import Any

from markdown_it import MarkdownIt
from markdown_it.rules_core import StateCore
from markdown_it.token import Token

PIECE_CHARS = 32_000  # a few megabytes of tokens at most, even for the densest Markdown
MAX_INLINE_MARKS = 100_000
_MARKS = "[]*_`!<&\\~^\n"
_FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})([^\n]*)$", re.MULTILINE)
_LIST_START = re.compile(r"(?:[-+*]|\d{1,9}[.)])(?:[ \t]|$)", re.MULTILINE)


@dataclass
class Piece:
    """One piece of the body, parsed."""

    line: int  # the body's line (0-based) where the piece starts
    tokens: list[Token]  # its tokens, footnote definitions taken out
    definitions: list[tuple[str, list[Token]]] = field(default_factory=list)  # footnotes
    inline_notes: list[tuple[int, int, list[Token]]] = field(default_factory=list)  # ^[…]:
    # (number, line in the piece of the paragraph that holds it, its tokens)
    plain: list[int] = field(default_factory=list)  # lines of paragraphs left as plain text


def parse_pieces(md: MarkdownIt, source: str, env: dict) -> Iterator[Piece]:
    """Parse `source` piece by piece (see the module docstring)."""
    pieces = list(_cuts(source))
    if "]:" in source and len(pieces) > 1:  # definitions may come after their uses
        for start, end in pieces:
            md.block.parse(source[start:end], md, env, [])
    block_rules, later_rules = _core_rules(md)
    numbers: dict[str, int] = {}  # footnote label -> number, once referenced
    line = 0
    for start, end in pieces:
        text = source[start:end]
        state = StateCore(text, md, env)
        for rule in block_rules:
            rule(state)
        piece = Piece(line, [])
        _keep_numbers(state, numbers)
        seen = len(_footnotes(env)["list"])
        piece.plain, lines = _parse_inlines(state)
        for rule in later_rules:
            rule(state)
        _take_definitions(state, piece)
        notes = _footnotes(env)["list"]
        for number in range(seen, len(notes)):
            note = notes[number]
            if "label" in note:
                numbers[note["label"]] = number
            elif "tokens" in note:  # an inline note: handed on now, not kept to the end
                piece.inline_notes.append((number, lines.get(number, 0), note["tokens"]))
                note["tokens"] = []
        yield piece
        line += text.count("\n")


def footnote_order(env: dict) -> list[tuple[int, str | None]]:
    """(number, label) of every referenced footnote, in number order; the label is None for
    an inline note."""
    return [(n, note.get("label")) for n, note in sorted(_footnotes(env)["list"].items())]


def _core_rules(md: MarkdownIt) -> tuple[list, list]:
    """markdown-it's core rules before its inline rule, and after it (the footnote tail
    left out: it would gather each piece's footnotes at the end of that piece)."""
    active = [(rule.name, rule.fn) for rule in md.core.ruler.__rules__ if rule.enabled]
    split = [name for name, _ in active].index("inline")
    before = [fn for _, fn in active[:split]]
    after = [fn for name, fn in active[split + 1 :] if name != "footnote_tail"]
    return before, after


def _footnotes(env: MutableMapping[str, Any]) -> dict[str, Any]:
    notes = env.setdefault("footnotes", {})
    notes.setdefault("refs", {})
    notes.setdefault("list", {})
    return notes


def _keep_numbers(state: StateCore, numbers: dict[str, int]) -> None:
    """A footnote defined in this piece was maybe referenced in an earlier one: the block
    rule has just reset its number (-1, "defined, not yet referenced"); put it back."""
    refs = _footnotes(state.env)["refs"]
    for token in state.tokens:
        if token.type == "footnote_reference_open":
            label = token.meta["label"]
            if label in numbers:
                refs[":" + label] = numbers[label]


def _parse_inlines(state: StateCore) -> tuple[list[int], dict[int, int]]:
    """markdown-it's inline rule, except for paragraphs with too much inline Markdown, which
    become one text token. Returns the (0-based) lines of those, and the line of the
    paragraph of each inline note `^[…]` made, by number."""
    plain: list[int] = []
    note_lines: dict[int, int] = {}
    notes = _footnotes(state.env)["list"]
    for token in state.tokens:
        if token.type != "inline":
            continue
        if token.children is None:
            token.children = []
        content = token.content
        line = token.map[0] if token.map else 0
        if len(content) > MAX_INLINE_MARKS and _marks(content) > MAX_INLINE_MARKS:
            text = Token("text", "", 0)
            text.content = content.replace("\n", " ")
            token.children = [text]
            plain.append(line)
            continue
        before = len(notes)
        state.md.inline.parse(content, state.md, state.env, token.children)
        note_lines.update(dict.fromkeys(range(before, len(notes)), line))
    return plain, note_lines


def _marks(text: str) -> int:
    return sum(text.count(mark) for mark in _MARKS)


def _take_definitions(state: StateCore, piece: Piece) -> None:
    """Move footnote definitions out of the piece's tokens, each with its label."""
    if not any(t.type == "footnote_reference_open" for t in state.tokens):
        piece.tokens = state.tokens
        return
    kept: list[Token] = []
    current: list[Token] | None = None
    for token in state.tokens:
        if token.type == "footnote_reference_open":
            current = []
            piece.definitions.append((token.meta["label"], current))
        elif token.type == "footnote_reference_close":
            current = None
        elif current is not None:
            current.append(token)
        else:
            kept.append(token)
    piece.tokens = kept


def _cuts(source: str) -> Iterator[tuple[int, int]]:
    """(start, end) of each piece: about PIECE_CHARS long, cut only where it is safe."""
    fences = _Fences(source)
    start, length = 0, len(source)
    while start < length:
        end = (
            _safe_cut(source, start + PIECE_CHARS, fences)
            if length - start > PIECE_CHARS
            else length
        )
        yield start, end
        start = end


def _safe_cut(source: str, target: int, fences: _Fences) -> int:
    """The first safe place at or after `target` (the start of a line), or the end."""
    at = target
    while True:
        blank = source.find("\n\n", at)
        if blank < 0:
            return len(source)
        line = blank + 2
        while line < len(source) and source[line] == "\n":
            line += 1
        at = line
        if line >= len(source):
            return len(source)
        if source[line] in " \t" or _LIST_START.match(source, line):
            continue
        if not fences.open_at(line):
            return line


class _Fences:
    """Whether a place in the source lies inside a fenced code block (``` or ~~~), read
    forward once: a fence opens on a line of three or more backticks or tildes (indented at
    most three spaces) and closes on a line of at least as many of the same."""

    def __init__(self, source: str) -> None:
        self._found = _FENCE.finditer(source)
        self._next = next(self._found, None)
        self._open: tuple[str, int] | None = None

    def open_at(self, position: int) -> bool:
        while self._next is not None and self._next.start() < position:
            run, rest = self._next.group(1), self._next.group(2)
            if self._open is None:
                if not (run[0] == "`" and "`" in rest):  # a backtick fence has no ` after
                    self._open = (run[0], len(run))
            elif run[0] == self._open[0] and len(run) >= self._open[1] and not rest.strip():
                self._open = None
            self._next = next(self._found, None)
        return self._open is not None
