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
from bisect import bisect_left
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
MAX_STRETCH = 4 * PIECE_CHARS  # a piece may grow this long to end at a blank line
MAX_BLOCK_LINES = 20_000  # lines of blocks in a piece longer than that: refused beyond
_LINE_CUT = re.compile(r"#{1,6}(?:[ \t]|$)|[-+*][ \t]+\S")
_RULE = re.compile(r"([-*_])(?:[ \t]*\1){2,}[ \t]*$", re.MULTILINE)  # a thematic break
_BLOCK_LINE = re.compile(r"^[ \t>]*(?:[-+*#]|\d{1,9}[.)]|[^\n]*\|)", re.MULTILINE)


@dataclass
class Piece:
    """One piece of the body, parsed."""

    line: int  # the body's line (0-based) where the piece starts
    tokens: list[Token]  # its tokens, footnote definitions taken out
    definitions: list[tuple[str, list[Token]]] = field(default_factory=list)  # footnotes
    inline_notes: list[tuple[int, int, list[Token]]] = field(default_factory=list)  # ^[…]:
    # (number, line in the piece of the paragraph that holds it, its tokens)
    plain: list[int] = field(default_factory=list)  # lines of paragraphs left as plain text


def cut_pieces(source: str) -> list[tuple[int, int]]:
    """(start, end) of each piece of `source`; raises `Uncut` for a stretch too dense to
    parse at once (see `_cuts`)."""
    return list(_cuts(source))


def parse_pieces(
    md: MarkdownIt, source: str, env: dict, pieces: list[tuple[int, int]] | None = None
) -> Iterator[Piece]:
    """Parse `source` piece by piece (see the module docstring), cut at `pieces` (default:
    `cut_pieces`)."""
    pieces = cut_pieces(source) if pieces is None else pieces
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
    """(start, end) of each piece: about PIECE_CHARS long, cut only where it is safe. A piece
    much longer than that, with more than MAX_BLOCK_LINES lines of blocks in it, is refused
    (`Uncut`) before anything is parsed."""
    fences = _Fences(source)
    start, length = 0, len(source)
    while start < length:
        end = (
            _safe_cut(source, start + PIECE_CHARS, fences)
            if length - start > PIECE_CHARS
            else length
        )
        if end - start > MAX_STRETCH:
            _check_dense(source, start, end)
        yield start, end
        start = end


def _safe_cut(source: str, target: int, fences: _Fences) -> int:
    """The first safe place at or after `target` (the start of a line), or the end: after a
    blank line, or, when that would make the piece longer than MAX_STRETCH, before a line
    that cuts without one (`_line_cut`)."""
    at, searched = target, target
    while True:
        blank = source.find("\n\n", at)
        stretch_end = len(source) if blank < 0 else blank
        if stretch_end - target > MAX_STRETCH - PIECE_CHARS and stretch_end > searched:
            line_cut = _line_cut(source, searched, stretch_end, fences)
            if line_cut is not None:
                return line_cut
            searched = stretch_end
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


def _line_cut(source: str, start: int, end: int, fences: _Fences) -> int | None:
    """The first line starting in [start, end) before which a cut means what one parse does
    though no blank line comes first: an ATX heading or a bullet list item with text, in the
    first column and outside a fenced block. Either ends whatever came before (a paragraph,
    a quote, a table, an item) and a bullet list cut in two gives the same items; an ordered
    list is not cut here (its numbers, and whether it may interrupt a paragraph, depend on
    the lines before)."""
    line = start
    if start and source[start - 1] != "\n":
        line = source.find("\n", start, end) + 1
        if not line:
            return None
    while line < end:
        if (
            source[line] in "#-+*"
            and _LINE_CUT.match(source, line)
            and not _RULE.match(source, line)
            and not fences.open_at(line)
        ):
            return line
        after = source.find("\n", line, end)
        if after < 0:
            return None
        line = after + 1
    return None


def _check_dense(source: str, start: int, end: int) -> None:
    """Refuse a long uncut stretch whose lines are blocks of their own (table rows, ordered
    items, items in a quote): markdown-it would hold a handful of tokens for each at once."""
    count = len(_BLOCK_LINE.findall(source, start, end))
    if count > MAX_BLOCK_LINES:
        first = _BLOCK_LINE.search(source, start, end)
        at = first.start() if first else start
        raise Uncut(source.count("\n", 0, at), end - at, count)


class Uncut(Exception):
    """A stretch of the body too dense to parse in one piece: the line (0-based) of its first
    block, its length in characters from there and its lines of blocks."""

    def __init__(self, line: int, chars: int, blocks: int) -> None:
        super().__init__(line, chars, blocks)
        self.line, self.chars, self.blocks = line, chars, blocks


class _Fences:
    """Whether a place in the source lies inside a fenced code block (``` or ~~~), found
    once for the whole source: a fence opens on a line of three or more backticks or tildes
    (indented at most three spaces) and closes on a line of at least as many of the same."""

    def __init__(self, source: str) -> None:
        self._edges: list[int] = []  # where fenced blocks open and close, in turn
        opened: tuple[str, int] | None = None
        for found in _FENCE.finditer(source):
            run, rest = found.group(1), found.group(2)
            if opened is None:
                if not (run[0] == "`" and "`" in rest):  # a backtick fence has no ` after
                    opened = (run[0], len(run))
                    self._edges.append(found.start())
            elif run[0] == opened[0] and len(run) >= opened[1] and not rest.strip():
                opened = None
                self._edges.append(found.start())

    def open_at(self, position: int) -> bool:
        """A fence opened before `position` and not closed before it."""
        return bisect_left(self._edges, position) % 2 == 1
