"""Plain text and Markdown → paragraphs with their source lines (HTML has its own extractor
that ends in `finish` here too).

Paragraph boundaries are where speaker changes hide: a label on a line of its own belongs to
the speech under it, and `Q: …` / `A: …` on consecutive lines are two paragraphs even without
a blank line between them. Those rules live in `finish`, shared by every source kind. A block
of `Key: value` lines (an oral history's "Narrator: … / Interviewer: …" header) stays whole.
"""

from __future__ import annotations

import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from markdown_it import MarkdownIt

from reader.core import labels
from reader.core.diagnostics import Diagnostic
from reader.core.importer import front_matter
from reader.core.importer.model import Kind, Meta, Para, Style

_INLINE_SPECIAL = re.compile(r"([\\`*_<>\[\]~])")
_INLINE_NO_BRACKETS = re.compile(r"([\\`*_<>~])")
# Brackets that could be a link, an image, a footnote, a reference definition, or a time at
# the start of a paragraph (`[3:16] For the verse`), which the bundle would read as a time.
_BRACKET_MARKUP = re.compile(r"\]\s*[(\[:]|\[\^|!\[|\[[^\]]*\[|^\s*\[\s*\d{1,3}:\d")
_ENTITY = re.compile(r"&(?=#?\w+;)")
_BLOCK_START = re.compile(r"^([#+=-])")
_ORDERED = re.compile(r"^(\d{1,9})([.)])(?=\s|$)")
_WHOLE_BOLD = re.compile(r"^(\*\*|__)(?!\s)(.+?)(?<!\s)\1$")
_WHOLE_ITALIC = re.compile(r"^([*_])(?![*_\s])(.+?)(?<![*_\s])\1$")
_UNIT_END = re.compile(r"[.?!:;\"”’)\]]\s*$")  # a line that ends a sentence, not a wrapped one
_FIELD = re.compile(r"[A-Z][\w’' ]{0,20}:\s+\S.{0,60}$")
_END_PUNCT = re.compile(r"[.?!]\W*$")
_RULE = re.compile(r"\s*([-*_])(?:\s*\1){2,}\s*")  # `---`, `***`, `* * *`


@dataclass
class Line:
    number: int
    text: str  # plain
    md: str  # inline Markdown
    col: int = 1


@dataclass
class Block:
    """A paragraph before labels are resolved: its lines keep their own numbers."""

    lines: list[Line]
    kind: Kind = "p"
    level: int = 0
    styles: set[Style] = field(default_factory=set)
    tag: str = ""
    classes: frozenset[str] = frozenset()
    chrome: str = ""
    image: str = ""
    credit: str = ""


def escape_md(text: str, brackets: bool | None = None) -> str:
    """Plain text → Markdown that renders as exactly that text. Square brackets are escaped
    only where Markdown or the bundle could read them as markup (`brackets`, by default when
    `bracket_markup` says so): "[love of]" and "[gentle music]" stay as written, an editor's
    insert and a sound note (docs/bundle-format.md)."""
    if brackets is None:
        brackets = bracket_markup(text)
    text = (_INLINE_SPECIAL if brackets else _INLINE_NO_BRACKETS).sub(r"\\\1", text)
    text = _ENTITY.sub(r"\\&", text)
    text = _BLOCK_START.sub(r"\\\1", text)
    return _ORDERED.sub(r"\1\\\2", text)


def bracket_markup(text: str) -> bool:
    """Whether square brackets in `text` could be read as markup, so they must be escaped."""
    return bool(_BRACKET_MARKUP.search(text))


def squash(text: str) -> str:
    return " ".join(text.split())


def segment_text(text: str) -> list[Para]:
    """Plain text: paragraphs are separated by blank lines (or are one line each, when the file
    has long lines and almost no blank ones, as text copied from a web page does)."""
    lines = text.split("\n")
    filled = [line for line in lines if line.strip()]
    ends = sum(1 for line in filled if _UNIT_END.search(line) or len(line.split()) <= 8)
    one_per_line = (
        len(filled) >= 6
        and len(lines) - len(filled) < len(filled) / 10
        and ends >= 0.6 * len(filled)
    )
    blocks: list[Block] = []
    current: list[Line] = []
    ruled = False
    for number, raw in enumerate(lines, 1):
        if not raw.strip() or _RULE.fullmatch(raw):
            if current:
                blocks.append(Block(current, styles={"after-rule"} if ruled else set()))
                current, ruled = [], False
            ruled = ruled or bool(raw.strip())
            continue
        clean = squash(raw)
        current.append(Line(number, clean, escape_md(clean), len(raw) - len(raw.lstrip()) + 1))
        if one_per_line:
            blocks.append(Block(current, styles={"after-rule"} if ruled else set()))
            current, ruled = [], False
    if current:
        blocks.append(Block(current, styles={"after-rule"} if ruled else set()))
    if blocks and _stacked_header(blocks[0]) and not _fields(blocks[0]):
        first = blocks.pop(0)
        blocks[:0] = [Block([line], styles={"header"}) for line in first.lines]
    width = _wrap_width(filled)
    return finish([piece for block in blocks for piece in _hard_lines(block, width)])


def _wrap_width(lines: list[str]) -> int:
    """How wide the file's lines run when text is wrapped (or not): the 95th percentile."""
    lengths = sorted(len(line.rstrip()) for line in lines)
    return lengths[int(0.95 * (len(lengths) - 1))] if lengths else 0


def _hard_lines(block: Block, width: int) -> list[Block]:
    """A block whose lines stop well short of the file's width is a list of lines (links
    under "More on this story", a byline and a date), not one wrapped paragraph."""
    lines = block.lines
    if len(lines) < 2 or _fields(block) or any(len(x.text) >= 0.6 * width for x in lines[:-1]):
        return [block]
    return [
        Block([line], styles=set(block.styles) if k == 0 else set()) for k, line in enumerate(lines)
    ]


def _stacked_header(block: Block) -> bool:
    """Title, subtitle and byline on consecutive short lines at the top of a text file."""
    lines = block.lines
    return 2 <= len(lines) <= 4 and all(
        len(line.text.split()) <= 12 and not _UNIT_END.search(line.text) for line in lines
    )


_MD = MarkdownIt("commonmark", {"html": False})


def segment_markdown(text: str, path: Path) -> tuple[list[Para], Meta, list[Diagnostic]]:
    """Markdown: block structure from markdown-it; metadata from the front matter, if any,
    and a warning (at its line in `path`) when it had to be left out."""
    data, text, offset, warnings = front_matter.split(text, path)
    tokens = _MD.parse(text)
    blocks: list[Block] = []
    containers: list[Kind] = []
    ruled = False
    for i, tok in enumerate(tokens):
        if tok.type == "hr":
            ruled = True
        elif tok.type in ("blockquote_open", "bullet_list_open", "ordered_list_open"):
            containers.append("quote" if tok.type == "blockquote_open" else "list")
        elif tok.type in ("blockquote_close", "bullet_list_close", "ordered_list_close"):
            containers.pop()
        elif tok.type in ("paragraph_open", "heading_open") and tok.map:
            inline = tokens[i + 1]
            first = tok.map[0] + 1 + offset
            block = _md_block(inline, first)
            if tok.type == "heading_open":
                block.kind, block.level = "heading", int(tok.tag[1])
            elif block.kind == "p" and containers:
                block.kind = containers[-1]
            if ruled:
                block.styles.add("after-rule")
                ruled = False
            blocks.append(block)
        elif tok.type in ("fence", "code_block") and tok.map:
            body = tok.content.rstrip("\n")
            number = tok.map[0] + 1 + offset
            blocks.append(Block([Line(number, squash(body), body)], kind="code"))
    return finish(blocks), front_matter.to_meta(data), warnings


def _md_block(inline, first: int) -> Block:
    children = list(inline.children or ())
    meaningful = [c for c in children if not (c.type == "text" and not c.content.strip())]
    if len(meaningful) == 1 and meaningful[0].type == "image":
        image = meaningful[0]
        alt = squash(image.content)
        return Block(
            [Line(first, alt, escape_md(alt, brackets=True))],
            kind="image",
            image=str(image.attrs.get("src", "")),
            credit=squash(str(image.attrs.get("title") or "")),
        )
    plain = []
    for child in children:
        if child.type in ("softbreak", "hardbreak"):
            plain.append("\n")
        elif child.type in ("text", "code_inline", "html_inline", "image"):
            plain.append(child.content)
    texts = "".join(plain).split("\n")
    mds = inline.content.split("\n")
    if len(mds) != len(texts):  # a break inside inline code or similar: keep one line
        texts, mds = [" ".join(texts)], [" ".join(mds)]
    lines = [
        Line(first + i, squash(t), md.strip())
        for i, (t, md) in enumerate(zip(texts, mds, strict=True))
    ]
    return Block([line for line in lines if line.text])


def finish(blocks: list[Block]) -> list[Para]:
    """Resolve labels that sit on their own line or mid-paragraph, then join lines."""
    blocks = [b for b in blocks if b.lines]
    starts: Counter[str] = Counter()
    alone: Counter[str] = Counter()
    for block in blocks:
        only = labels.label_alone(block.lines[0].text)
        if only:
            alone[only.name] += 1
        else:
            found = labels.speaker_label(block.lines[0].text)
            if found:
                starts[found.name] += 1
    known = set(starts) | set(alone)
    paras: list[Para] = []
    pending: tuple[str, int, int] | None = None  # a label paragraph waiting for its speech
    for block in blocks:
        for piece in _split_inner(block, known):
            first = piece.lines[0]
            only = labels.label_alone(first.text) if piece.kind == "p" else None
            label, line, col = "", first.number, first.col
            if only and (first.text.rstrip("*_ ").endswith(":") or alone[only.name] >= 2):
                if len(piece.lines) == 1:
                    pending = (only.name, first.number, first.col)
                    continue
                piece.lines = piece.lines[1:]
                label = only.name
            if pending and piece.kind == "p":
                label = label or pending[0]
                line, col = pending[1], pending[2]
            pending = None
            paras.append(_join(piece, label, line, col))
    return paras


def _split_inner(block: Block, known: set[str]) -> list[Block]:
    """Split a paragraph before any later line that starts with a speaker label."""
    if block.kind != "p" or len(block.lines) < 2:
        return [block]
    if _fields(block):
        block.styles.add("fields")
        return [block]
    pieces = [[block.lines[0]]]
    for line in block.lines[1:]:
        found = labels.speaker_label(line.text)
        strong = found and (
            found.name in known
            or (found.kind in ("qa", "role", "initials", "caps") and found.form == "colon")
        )
        if strong:
            pieces.append([line])
        else:
            pieces[-1].append(line)
    if len(pieces) == 1:
        return [block]
    return [
        Block(lines, block.kind, block.level, set(block.styles), block.tag, block.classes)
        for lines in pieces
    ]


def _fields(block: Block) -> bool:
    """`Narrator: Rui Costa` / `Interviewer: Beth Arnold` / `Location: Lowell`: short values
    without end punctuation, and at least one key that is no speaker (a date, a place)."""
    keys = []
    for line in block.lines:
        if not _FIELD.match(line.text) or _END_PUNCT.search(line.text):
            return False
        keys.append(line.text.split(":", 1)[0])
    return any(labels.fold(key) in labels.NOT_LABELS for key in keys)


def _join(block: Block, label: str, line: int, col: int) -> Para:
    text = squash(" ".join(line.text for line in block.lines))
    md = squash(" ".join(line.md for line in block.lines))
    if "fields" in block.styles:  # one field a line: Markdown hard breaks keep them apart
        md = "\\\n".join(squash(line.md) for line in block.lines)
    styles = set(block.styles)
    if _WHOLE_BOLD.match(md) and "**" not in md[2:-2] and "__" not in md[2:-2]:
        styles.add("bold")
    elif _WHOLE_ITALIC.match(md):
        styles.add("italic")
    return Para(
        line=line,
        text=text,
        md=md,
        col=col,
        kind=block.kind,
        level=block.level,
        styles=frozenset(styles),
        tag=block.tag,
        classes=block.classes,
        label=label,
        chrome=block.chrome,
        image=block.image,
        credit=block.credit,
    )
