"""The body of a bundle (Markdown) → the ordered blocks of the article model.

Rules (docs/bundle-format.md, "The body"): a labelled paragraph starts a turn; unlabelled
paragraphs, quotes and lists continue it; a heading or `---` ends it; an image on its own line
is a block of its own that does not end the turn; everything outside turns is narration. A
time before the label (`[00:12:31] ME: …`) is the turn's start; a time before an unlabelled
paragraph starts a timed narration block. Times are read by the shared grammar
(reader.core.labels); a malformed one, or one that goes back, is a warning at its column.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence
from dataclasses import dataclass, field, replace
from pathlib import Path

from markdown_it import MarkdownIt
from markdown_it.token import Token
from mdit_py_plugins.footnote import footnote_plugin

from reader.core import labels
from reader.core import model as m
from reader.core.diagnostics import ERROR, WARNING, Diagnostic
from reader.core.inline import mark_asides, strip_prefix, tokens_to_text
from reader.core.markdown_pieces import (
    MAX_BLOCK_LINES,
    MAX_INLINE_MARKS,
    Uncut,
    cut_pieces,
    footnote_order,
    parse_pieces,
)
from reader.core.sanitize import clean, clean_line
from reader.core.source import max_body_bytes
from reader.core.times import format_clock

BYTES_PER_ELEMENT = 16  # the model's budget: one element per this many bytes of the limit
BLOCK_WEIGHT = 6  # elements a block counts for: the app keeps its lines, outline and counts
PLAIN_PARAGRAPH = (
    f"this paragraph has more than {MAX_INLINE_MARKS:,} marks of Markdown (links, emphasis,"
    " code, line breaks); it is shown as plain text"
)


def markdown_parser() -> MarkdownIt:
    """CommonMark with footnotes, tables and strikethrough; raw HTML stays text."""
    md = MarkdownIt("commonmark", {"html": False}).use(footnote_plugin)
    return md.enable(["strikethrough", "table"])


_MD = markdown_parser()


@dataclass
class BodyResult:
    blocks: list[m.Block]
    images: list[m.Image]
    diagnostics: list[Diagnostic] = field(default_factory=list)
    unknown_labels: dict[str, int] = field(default_factory=dict)


class SpeakerIndex:
    """Finds the speaker a label names: a key or a full name, compared as the importer
    compares labels (`labels.fold`: case and white space ignored)."""

    def __init__(self, speakers: dict[str, m.Speaker]):
        self._by_label: dict[str, str] = {}
        for key, speaker in speakers.items():
            self._by_label.setdefault(labels.fold(speaker.name), key)
        for key in speakers:
            self._by_label[labels.fold(key)] = key

    def find(self, label: str) -> str | None:
        return self._by_label.get(labels.fold(label))


def parse_body(
    source: str,
    *,
    path: Path,
    first_line: int,
    speakers: dict[str, m.Speaker],
    stage_directions: Sequence[str] = (),
    resolve_image=None,
    duration: float | None = None,
    max_elements: int | None = None,
    cancelled: Callable[[], bool] | None = None,
) -> BodyResult:
    """Parse Markdown `source`, whose first line is line `first_line` of `path`; `duration`
    is the recording's length, which no time may pass.

    The Markdown is parsed a piece at a time (reader.core.markdown_pieces), and the model
    may hold at most `max_elements` blocks, paragraphs and styled spans (default: one per
    BYTES_PER_ELEMENT bytes of the body size limit): a body with more is refused with an
    error, so what the reader keeps in memory stays in proportion to the size limit."""
    builder = _Builder(path, first_line, speakers, stage_directions, resolve_image)
    builder.source, builder.duration = source, duration
    budget = max_body_bytes() // BYTES_PER_ELEMENT if max_elements is None else max_elements
    env: dict = {}
    try:
        cuts = cut_pieces(source)  # before anything is parsed
    except Uncut as uncut:
        return builder.uncut(uncut)
    for piece in parse_pieces(_MD, source, env, cuts):
        builder.offset = first_line - 1 + piece.line
        builder.walk(piece.tokens)
        for label, tokens in piece.definitions:
            builder.definition(label, tokens)
        for number, line, tokens in piece.inline_notes:
            builder.inline_note(number, line, tokens)
        for line in piece.plain:
            builder.warn(line + 1 + builder.offset, 1, PLAIN_PARAGRAPH)
        if builder.elements > budget:
            return builder.refused(budget)
        if cancelled is not None and cancelled():
            return builder.refused(None)
    builder.footnotes_block(footnote_order(env))
    return builder.result()


class _Builder:
    def __init__(self, path, first_line, speakers, stage_directions, resolve_image):
        self.path = path
        self.offset = first_line - 1
        self.speakers = speakers
        self.index = SpeakerIndex(speakers)
        self.extra = tuple(stage_directions)
        self.resolve_image = resolve_image
        self.blocks: list[m.Block] = []
        self.images: list[m.Image] = []
        self.diagnostics: list[Diagnostic] = []
        self.unknown: dict[str, int] = {}
        self.current: m.Block | None = None  # the open turn or narration
        self.resumable: m.Block | None = None  # a turn interrupted by an image
        self.source = ""
        self.duration: float | None = None
        self.latest: tuple[float, int] | None = None  # the latest start so far, and its line
        self._lines: list[str] | None = None
        self._first = first_line  # the body's first line (`offset` moves with each piece)
        self._counted = 0  # paragraphs and spans made so far (see parse_body)
        self._notes: list[m.Paragraph] | None = None  # while walking a footnote's tokens
        self._definitions: dict[str, list[m.Paragraph]] = {}  # footnote label -> text
        self._inline_notes: dict[int, list[m.Paragraph]] = {}  # number -> text of ^[…]

    # -- helpers -------------------------------------------------------------------------
    @property
    def elements(self) -> int:
        """Blocks (each BLOCK_WEIGHT), paragraphs and styled spans made so far: what the
        budget counts. A block costs the app far more than a paragraph inside it (600,000
        headings took 1.38 GB), so a body of nothing but tiny blocks meets the budget sooner."""
        return len(self.blocks) * BLOCK_WEIGHT + self._counted

    def counted(self, para: m.Paragraph) -> m.Paragraph:
        self._counted += 1 + len(para.spans)
        return para

    def line_of(self, tok: Token) -> int:
        return (tok.map[0] if tok.map else 0) + 1 + self.offset

    def close(self) -> None:
        self.current = None
        self.resumable = None

    def inline(self, tok: Token) -> tuple[str, list[m.Span]]:
        return tokens_to_text(tok.children or ())

    # -- walking -------------------------------------------------------------------------
    def walk(self, tokens: list[Token]) -> None:
        depth = 0  # block quote nesting
        lists: list[list] = []  # [ordered?, next number, marker pending]
        in_footnote = self._notes is not None
        for i, tok in enumerate(tokens):
            t = tok.type
            if t == "heading_open":
                self.close()
                text, spans = self.inline(tokens[i + 1])
                para = self.counted(m.Paragraph(clean_line(text), self.line_of(tok), spans=()))
                self.blocks.append(m.Block(m.HEADING, para.line, [para], level=int(tok.tag[1])))
            elif t == "hr":
                self.close()
                self.blocks.append(m.Block(m.BREAK, self.line_of(tok)))
            elif t == "blockquote_open":
                depth += 1
            elif t == "blockquote_close":
                depth -= 1
            elif t in ("bullet_list_open", "ordered_list_open"):
                start = int(tok.attrs.get("start", 1)) if t == "ordered_list_open" else 0
                lists.append([t == "ordered_list_open", start, False])
            elif t in ("bullet_list_close", "ordered_list_close"):
                lists.pop()
            elif t == "list_item_open":
                lists[-1][2] = True
            elif t == "paragraph_open":
                style, marker = m.TEXT, ""
                if in_footnote:
                    style = m.FOOTNOTE
                elif lists:
                    style = m.LIST_ITEM
                    if lists[-1][2]:
                        ordered, number, _ = lists[-1]
                        marker = f"{number}." if ordered else "•"
                        lists[-1][1] += 1
                        lists[-1][2] = False
                elif depth:
                    style = m.QUOTE
                nest = depth + len(lists)
                self.paragraph(tok, tokens[i + 1], style, marker, nest)
            elif t == "tr_open":
                row: list[tuple[str, list[m.Span]]] = []
                row_line = self.line_of(tok)  # tr_close has no line of its own
            elif t in ("th_open", "td_open"):
                row.append(self.inline(tokens[i + 1]))
            elif t == "tr_close":
                self.add(_table_row(row, row_line, depth + len(lists)))
            elif t in ("fence", "code_block"):
                text = clean(tok.content.rstrip("\n")).expandtabs(4)
                para = m.Paragraph(text, self.line_of(tok), m.CODE_BLOCK, depth=depth + len(lists))
                self.add(para)

    def paragraph(self, open_tok: Token, inline_tok: Token, style, marker, nest) -> None:
        line = self.line_of(open_tok)
        children = [c for c in inline_tok.children or () if not _blank(c)]
        if style == m.TEXT and len(children) == 1 and children[0].type == "image":
            self.image_block(children[0], line)
            return
        text, spans = self.inline(inline_tok)
        if style == m.FOOTNOTE and self._notes is not None:  # inside a footnote's walk
            self._notes.append(self.counted(_para(text, spans, line, style, marker, nest, ())))
            return
        if style == m.TEXT:
            raw = inline_tok.content
            stamp = None if _escaped_bracket(raw) else labels.stamp(text)
            if stamp is not None and stamp.end >= len(text):
                stamp = None  # a time and nothing after it is just text
            head = stamp.end if stamp else 0
            found = None if _escaped_colon(raw) else self.label(text, spans, line, head)
            start, end = self.times(stamp, line) if stamp else (None, None)
            if found is not None:
                key, role, cut = found
                text, spans = strip_prefix(text, spans, cut)
                self.current = m.Block(m.TURN, line, speaker=key, role=role, start=start, end=end)
                self.resumable = None
                self.blocks.append(self.current)
                if text.strip():
                    self.current.paragraphs.append(
                        self.counted(_para(text, spans, line, style, marker, nest, self.extra))
                    )
                return
            if stamp is not None:  # a timed paragraph of narration: a block of its own
                text, spans = strip_prefix(text, spans, stamp.end)
                self.close()
                self.current = m.Block(m.NARRATION, line, start=start, end=end)
                self.blocks.append(self.current)
        self.add(_para(text, spans, line, style, marker, nest, self.extra))

    def add(self, para: m.Paragraph) -> None:
        if self.current is None and self.resumable is not None:
            prev = self.resumable
            self.current = m.Block(
                m.TURN, para.line, speaker=prev.speaker, role=prev.role, continued=True
            )
            self.blocks.append(self.current)
            self.resumable = None
        if self.current is None:
            self.current = m.Block(m.NARRATION, para.line)
            self.blocks.append(self.current)
        self.current.paragraphs.append(self.counted(para))

    def image_block(self, tok: Token, line: int) -> None:
        src = str(tok.attrs.get("src", ""))
        caption = clean_line(tok.content or "".join(c.content for c in tok.children or ()))
        credit = clean_line(str(tok.attrs.get("title") or ""))
        resolved = self.resolve_image(src, line) if self.resolve_image else None
        image = m.Image(clean_line(src), caption, credit, path=resolved, line=line)
        self.images.append(image)
        if self.current is not None and self.current.kind == m.TURN:
            self.resumable = self.current
        elif self.current is None and self.resumable is not None:
            pass  # two pictures in a row inside one turn: keep waiting to resume it
        else:
            self.resumable = None
        self.current = None
        para = self.counted(m.Paragraph(_caption_text(image), line))
        self.blocks.append(m.Block(m.IMAGE, line, [para], image=image))

    def label(
        self, text: str, spans: list[m.Span], line: int, head: int = 0
    ) -> tuple[str, str, int] | None:
        """(speaker key, role, characters to cut) when the paragraph starts with a label at
        `head` (after its time, if it has one)."""
        found = labels.candidate(text, head)
        if not found:
            return None
        label, cut = found
        key = self.index.find(label)
        if key is not None:
            return key, self.speakers[key].role, cut
        bold = any(
            s.kind == m.STRONG and s.start <= head and s.end >= head + len(label) for s in spans
        )
        if not (bold or labels.is_shouted(label)):
            return None
        label = clean_line(label)
        if label not in self.unknown:
            self.unknown[label] = line
            self.diagnostics.append(
                Diagnostic(
                    self.path,
                    line,
                    1,
                    WARNING,
                    f"turn label '{label}' is not a known speaker"
                    f" (known: {', '.join(self.speakers) or 'none'})",
                )
            )
        return label, "unknown", cut

    def times(self, stamp: labels.Stamp, line: int) -> tuple[float | None, float | None]:
        """The (start, end) a paragraph's time gives, after warning about a malformed time, one
        before the latest so far, or one past the recording's end."""
        col = self.column(line, stamp.written)
        start = stamp.start
        if stamp.problem and start is None:
            self.warn(line, col, f"bad time '{clean_line(stamp.written)}': {stamp.problem}")
        elif stamp.problem:
            self.warn(line, col, f"bad end time: {stamp.problem} (the end is ignored)")
        if start is None:
            return None, None
        if self.latest is not None and start < self.latest[0]:
            earlier, at = self.latest
            self.warn(
                line,
                col,
                f"time {format_clock(start)} goes back: the block on line {at} starts at"
                f" {format_clock(earlier)} (times must not decrease)",
            )
        elif self.duration is not None and start > self.duration:
            self.warn(
                line,
                col,
                f"time {format_clock(start)} is after the end of the recording"
                f" (duration {format_clock(self.duration)})",
            )
        if self.latest is None or start >= self.latest[0]:
            self.latest = (start, line)
        return start, stamp.until

    def column(self, line: int, written: str) -> int:
        """The 1-based column of `written` on body line `line` (1 when it is not found)."""
        if self._lines is None:
            self._lines = self.source.split("\n")
        index = line - self._first
        text = self._lines[index] if 0 <= index < len(self._lines) else ""
        return text.find(written) + 1 if written in text else 1

    def warn(self, line: int, col: int, message: str) -> None:
        self.diagnostics.append(Diagnostic(self.path, line, col, WARNING, message))

    # -- footnotes, gathered at the end as markdown-it's footnote plugin does -------------
    def definition(self, label: str, tokens: list[Token]) -> None:
        """The paragraphs of a footnote definition (the last definition of a label wins)."""
        self._definitions[label] = self._footnote_paragraphs(tokens)

    def inline_note(self, number: int, line: int, children: list[Token]) -> None:
        """An inline note `^[…]`, made in the paragraph at `line` of the piece."""
        inline = Token("inline", "", 0)
        inline.children = children
        opening = Token("paragraph_open", "p", 1)
        opening.map = [line, line + 1]
        tokens = [opening, inline, Token("paragraph_close", "p", -1)]
        self._inline_notes[number] = self._footnote_paragraphs(tokens)

    def _footnote_paragraphs(self, tokens: list[Token]) -> list[m.Paragraph]:
        self._notes = []
        try:
            self.walk(tokens)
            return self._notes
        finally:
            self._notes = None

    def footnotes_block(self, order: list[tuple[int, str | None]]) -> None:
        """The notes, in the order of their first reference, each marked with its number."""
        notes = m.Block(m.FOOTNOTES, self.offset + 1)
        for number, label in order:
            paragraphs = self._inline_notes.get(number) if label is None else None
            if label is not None:
                paragraphs = self._definitions.get(label)
            if not paragraphs:
                continue
            first = replace(paragraphs[0], marker=f"[{number + 1}]")
            if not notes.paragraphs:
                notes.line = first.line
            notes.paragraphs += [first, *paragraphs[1:]]
        if notes.paragraphs:
            self.close()
            self.blocks.append(notes)

    # -- limits ----------------------------------------------------------------------------
    def refused(self, budget: int | None) -> BodyResult:
        """The result for a body that holds more than `budget` elements (None: whose loading
        was cancelled): an error only."""
        message = (
            f"the body holds more than {budget:,} paragraphs, turns and styled spans, more "
            f"than the reader keeps in memory for a body (one per {BYTES_PER_ELEMENT} bytes of"
            f" the size limit, a turn, heading or other block counting as {BLOCK_WEIGHT};"
            " set READER_MAX_BODY_MB to raise it)"
            if budget is not None
            else "loading was cancelled"
        )
        error = Diagnostic(self.path, self.offset + 1, 1, ERROR, message)
        return BodyResult([], [], [error], self.unknown)

    def uncut(self, uncut: Uncut) -> BodyResult:
        """The result for a body with a stretch too dense to parse (reader.core.markdown_pieces)."""
        message = (
            f"{uncut.chars:,} characters of Markdown from here hold {uncut.blocks:,} lines of"
            " table rows, list items or quoted blocks with no blank line, heading or"
            f" bullet item to cut them at (at most {MAX_BLOCK_LINES:,} are read in one"
            " stretch); put a blank line between some of them"
        )
        error = Diagnostic(self.path, self.offset + 1 + uncut.line, 1, ERROR, message)
        return BodyResult([], [], [error], self.unknown)

    def result(self) -> BodyResult:
        self.blocks = [b for b in self.blocks if b.paragraphs or b.kind == m.BREAK]
        return BodyResult(self.blocks, self.images, self.diagnostics, self.unknown)


_RAW_STAMP = re.compile(r"[ \t]*(?:\*\*|__)?[ \t]*\[[^\]\n]*\][ \t]*")


def _escaped_colon(source: str) -> bool:
    """`NOTE\\: …` — the writer escaped the colon (the first after a time, if the paragraph
    starts with one) so the paragraph is not a turn."""
    stamp = _RAW_STAMP.match(source)
    colon = source.find(":", stamp.end() if stamp else 0)
    return colon > 0 and source[colon - 1] == "\\"


def _escaped_bracket(source: str) -> bool:
    """`\\[3:16] …` — the writer escaped the bracket so the paragraph does not start with a
    time."""
    return source.lstrip(" *_").startswith("\\[")


def _blank(tok: Token) -> bool:
    return tok.type in ("text", "softbreak") and not tok.content.strip()


def _table_row(cells: list[tuple[str, list[m.Span]]], line: int, nest: int) -> m.Paragraph:
    """A table row as one line of cells joined by a rule, each cell keeping its styling."""
    text, spans = "", []
    for i, (cell, cell_spans) in enumerate(cells):
        if i:
            text += " │ "
        spans += [
            m.Span(s.start + len(text), s.end + len(text), s.kind, s.href) for s in cell_spans
        ]
        text += cell
    return m.Paragraph(text, line, m.TABLE_ROW, tuple(mark_asides(text, spans)), nest)


def _caption_text(image: m.Image) -> str:
    if image.caption and image.credit:
        return f"{image.caption} — {image.credit}"
    return image.caption or image.credit or image.file


def _para(text, spans, line, style, marker, nest, extra) -> m.Paragraph:
    spans = mark_asides(text, spans, extra) if style != m.CODE_BLOCK else spans
    return m.Paragraph(text, line, style, tuple(spans), nest, marker)
