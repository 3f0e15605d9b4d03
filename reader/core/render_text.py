"""`reader show`: one article as plain text, ANSI, Markdown or JSON, without the TUI.

Text is built as `rich.text.Text` from plain strings (never markup), so "[bold]" in an
interview prints as typed. The JSON shape is documented in docs/show-json.md.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterable
from datetime import date, datetime

from rich.cells import cell_len
from rich.console import Console, Group, RenderableType
from rich.style import Style
from rich.text import Text

from reader.core import labels
from reader.core import model as m
from reader.core.dates import format_date
from reader.core.times import format_clock

SPAN_STYLES = {
    m.EMPHASIS: Style(italic=True),
    m.STRONG: Style(bold=True),
    m.CODE: Style(reverse=True),
    m.LINK: Style(underline=True),
    m.STRIKE: Style(strike=True),
    m.STAGE: Style(dim=True, italic=True),
    m.INSERT: Style(italic=True),
    m.FOOTNOTE_REF: Style(dim=True),
}
_TIGHT = (m.LIST_ITEM, m.TABLE_ROW)
SPEAKER_COLOURS = ("cyan", "magenta", "green", "yellow", "blue", "red")
JSON_SCHEMA_VERSION = 1
BATCH = 500  # lines handed to Rich at once


def speaker_styles(article: m.Article) -> dict[str, Style]:
    """Questions bold; each speaker a colour of their own (the difference survives NO_COLOR)."""
    styles = {}
    for i, key in enumerate(article.speakers):
        styles[key] = Style(color=SPEAKER_COLOURS[i % len(SPEAKER_COLOURS)], bold=True)
    return styles


def paragraph_text(para: m.Paragraph, base: Style | None = None) -> Text:
    text = Text(para.text, style=base or "")
    for span in para.spans:
        text.stylize(SPAN_STYLES.get(span.kind, ""), span.start, span.end)
    return text


Picture = Callable[[m.Image], RenderableType]


def article_to_rich(article: m.Article, picture: Picture | None = None) -> list[RenderableType]:
    """The whole article as a list of Rich Text paragraphs (blank lines between); with
    `picture`, each placed picture and the header one are drawn above their caption."""
    out: list[RenderableType] = []
    styles = speaker_styles(article)
    out.append(Text(article.title, style="bold"))
    if article.dek:
        out.append(Text(article.dek, style="italic"))
    facts = " · ".join(
        x for x in (article.publication, article.section, format_date(article.published)) if x
    )
    if facts:
        out.append(Text(facts, style="dim"))
    for byline in article.bylines:
        line = Text("By ", style="dim") + Text(byline.name, style="bold")
        if byline.bio:
            line += Text(f" — {byline.bio}", style="dim")
        out.append(line)
    if article.url:
        out.append(Text(article.url, style="underline dim"))
    recording = recording_text(article)
    if recording:
        out.append(Text(recording, style="dim"))
    placed = {b.image.file for b in article.blocks if b.image is not None}
    for image in article.images:  # the header picture, then those not placed in the text
        if image.header or (image.line == 0 and image.file not in placed):
            out.append(_caption(image, picture if image.header else None))
    out.append(Text("─" * 8, style="dim"))
    for block in article.blocks:
        out.extend(_block(article, block, styles, picture))
    return out


def recording_text(article: m.Article) -> str:
    """ "Recording: episode.mp3 (1:02:13)", or "" when the metadata names no recording."""
    length = format_clock(article.duration) if article.duration is not None else ""
    if article.media:
        return f"Recording: {article.media}" + (f" ({length})" if length else "")
    return f"Recording: {length}" if length else ""


def time_label(block: m.Block) -> str:
    """ "12:31" for a block that starts at a time (what goes before a speaker's name), else
    ""; whole seconds, as people say them (reader.core.times.format_clock)."""
    return format_clock(block.start) if block.start is not None else ""


def _caption(image: m.Image, picture: Picture | None = None) -> RenderableType:
    text = Text("▣ ", style="dim") + Text(image.caption or image.file, style="italic")
    if image.credit:
        text += Text(f" — {image.credit}", style="dim")
    if picture is None or image.path is None:
        return text
    return Group(picture(image), text)


def _block(
    article: m.Article, block: m.Block, styles: dict[str, Style], picture: Picture | None
) -> list[RenderableType]:
    if block.kind == m.HEADING:
        return [Text(block.paragraphs[0].text, style="bold underline")]
    if block.kind == m.BREAK:
        return [Text("* * *", style="dim")]
    if block.kind == m.IMAGE and block.image is not None:
        return [_caption(block.image, picture)]
    base = Style(bold=True) if block.is_question else None
    groups: list[list[Text]] = []  # paragraphs, a run of list items or table rows as one
    for i, para in enumerate(block.paragraphs):
        indent = Text("  " * para.depth)
        if para.style == m.QUOTE:
            indent = Text("  " * (para.depth - 1) + "│ ", style="dim")
        text = indent.copy()
        if para.marker:
            text.append_text(Text(para.marker + " ", style="dim"))
        if i == 0 and block.start is not None:
            text.append_text(Text(f"{time_label(block)}  ", style="dim"))
        if block.kind == m.TURN and i == 0 and not block.continued:
            name = article.speaker_name(block.speaker)
            style = styles.get(block.speaker or "", Style(bold=True))
            text.append_text(Text(f"{name}: ", style=style))
        text.append_text(paragraph_text(para, base))
        # A hard line break (poetry, addresses, code) keeps the paragraph's indent and quote
        # bar. One join, never `+=` line by line: that copied the text so far for every line
        # (a 100,000-line code block took minutes).
        if indent.plain and "\n" in text.plain:
            lines = list(text.split("\n"))
            lines = [lines[0], *(indent + line for line in lines[1:])]
        else:
            lines = [text]
        previous = block.paragraphs[i - 1].style if i else None
        if groups and para.style in _TIGHT and para.style == previous:
            groups[-1] += lines  # list items and table rows sit line by line
        else:
            groups.append(lines)
    return [Text("\n").join(lines) for lines in groups]


def render_console(
    article: m.Article, width: int, ansi: bool, picture: Picture | None = None
) -> str:
    """The article as text or ANSI at `width`; with `picture` (ANSI only), pictures too."""
    buffer = io.StringIO()
    console = Console(
        file=buffer,
        width=max(width, 10),
        force_terminal=ansi,
        color_system="truecolor" if ansi else None,
        no_color=not ansi,
        markup=False,
        emoji=False,
        highlight=False,
        legacy_windows=False,
    )
    printer = _Printer(console, buffer, ansi)
    for i, text in enumerate(article_to_rich(article, picture if ansi else None)):
        if i:
            printer.blank()
        printer.print(text)
    printer.flush()
    output = buffer.getvalue()
    return output if ansi else "\n".join(line.rstrip() for line in output.split("\n"))


class _Printer:
    """Prints Texts as Rich would, wrapping each of their lines; but a line that needs no
    wrapping and no styling is written as it is, and the rest go to Rich at most BATCH lines
    at a time, across paragraphs. Rich costs tens of microseconds a line, hundreds a call,
    and more than linear time on a Text of many lines: a 1 MB code block took minutes, and
    100,000 turns printed one call each took 81 s. A picture goes to Rich as it is."""

    def __init__(self, console: Console, buffer: io.StringIO, ansi: bool) -> None:
        self.console, self.buffer, self.ansi = console, buffer, ansi
        self.batch: list[Text] = []

    def flush(self) -> None:
        if self.batch:
            self.console.print(Text("\n").join(self.batch), soft_wrap=False, overflow="fold")
            self.batch.clear()

    def blank(self) -> None:
        """The empty line between paragraphs."""
        self.line(Text(""))

    def print(self, text: RenderableType) -> None:
        if not isinstance(text, Text):
            self.flush()
            self.console.print(text, soft_wrap=False, overflow="fold")
            return
        lines: Iterable[Text]
        if "\n" not in text.plain:
            lines = [text]
        elif text.spans:
            lines = text.split("\n", allow_blank=True)
        else:  # a code block, most often: no need for a Text per line
            lines = [Text(line, style=text.style) for line in text.plain.split("\n")]
        for line in lines:
            self.line(line)

    def line(self, line: Text) -> None:
        plain = line.plain
        bare = not self.ansi or (not line.spans and not line.style)
        if not plain and self.batch:  # the blank line between styled paragraphs
            self.batch.append(line)
        elif bare and "\t" not in plain and text_cells(plain) <= self.console.width:
            self.flush()
            self.buffer.write(plain + "\n")
        else:
            self.batch.append(line)
            if len(self.batch) >= BATCH:
                self.flush()


def text_cells(text: str) -> int:
    return len(text) if text.isascii() else cell_len(text)


# -- Markdown ---------------------------------------------------------------------------------
_MD_SPECIAL = re.compile(r"([\\`*_<>#])")


def _md_escape(text: str) -> str:
    return _MD_SPECIAL.sub(r"\\\1", text)


def paragraph_markdown(para: m.Paragraph) -> str:
    marks = {m.EMPHASIS: ("*", "*"), m.STRONG: ("**", "**"), m.CODE: ("`", "`")}
    opens: dict[int, list[str]] = {}
    closes: dict[int, list[str]] = {}
    for span in para.spans:
        if span.kind in marks:
            a, b = marks[span.kind]
        elif span.kind == m.LINK and span.href:
            a, b = "[", f"]({span.href})"
        else:
            continue
        opens.setdefault(span.start, []).append(a)
        closes.setdefault(span.end, []).insert(0, b)
    # Cut the text where a mark opens or closes or a code span starts or ends, and escape
    # each piece outside code whole (a look at every code span for every character made a
    # paragraph full of code spans quadratic).
    code = {s.start: s.end for s in para.spans if s.kind == m.CODE}
    cuts = sorted({0, len(para.text), *opens, *closes, *code, *code.values()})
    out = []
    code_end = -1
    for start, end in zip(cuts, [*cuts[1:], None], strict=True):
        out.extend(closes.get(start, []))
        out.extend(opens.get(start, []))
        if end is None:
            break
        code_end = max(code_end, code.get(start, -1))
        piece = para.text[start:end]
        out.append(piece if start < code_end else _md_escape(piece))
    return "".join(out)


def article_to_markdown(article: m.Article) -> str:
    lines = [f"# {_md_escape(article.title)}", ""]
    if article.dek:
        lines += [f"*{_md_escape(article.dek)}*", ""]
    for byline in article.bylines:
        bio = f" — {_md_escape(byline.bio)}" if byline.bio else ""
        lines += [f"By **{_md_escape(byline.name)}**{bio}", ""]
    for block in article.blocks:
        if block.kind == m.HEADING:
            lines += [f"{'#' * max(block.level, 2)} {_md_escape(block.paragraphs[0].text)}", ""]
        elif block.kind == m.BREAK:
            lines += ["---", ""]
        elif block.kind == m.IMAGE and block.image is not None:
            img = block.image
            credit = f' "{img.credit}"' if img.credit else ""
            lines += [f"![{img.caption}]({img.file}{credit})", ""]
        else:
            for i, para in enumerate(block.paragraphs):
                prefix = "> " * (para.depth if para.style == m.QUOTE else 0)
                if para.marker:
                    prefix += "- " if para.marker == "•" else para.marker + " "
                if i == 0 and block.start is not None:
                    prefix += f"[{time_label(block)}] "
                if block.kind == m.TURN and i == 0 and not block.continued:
                    prefix += f"**{_md_escape(article.speaker_name(block.speaker))}:** "
                if para.style == m.CODE_BLOCK:
                    lines += ["```", para.text, "```", ""]
                else:
                    quote = "> " * (para.depth if para.style == m.QUOTE else 0)
                    text = paragraph_markdown(para).replace("\n", "\\\n" + quote)
                    if not prefix and labels.stamp(para.text):
                        text = "\\" + text  # "[3:16] …" as text, not a time
                    lines += [prefix + text, ""]
    return "\n".join(lines).rstrip() + "\n"


# -- JSON -------------------------------------------------------------------------------------
def _iso(value: date | datetime | None) -> str | None:
    return value.isoformat() if value is not None else None


def article_to_json(article: m.Article) -> dict:
    """The documented JSON form (docs/show-json.md)."""
    return {
        "schema": JSON_SCHEMA_VERSION,
        "slug": article.slug,
        "title": article.title,
        "dek": article.dek,
        "publication": article.publication,
        "section": article.section,
        "published": _iso(article.published),
        "url": article.url,
        "language": article.language,
        "media": article.media,
        "duration": article.duration,
        "tags": article.tags,
        "bylines": [{"name": b.name, "bio": b.bio, "role": b.role} for b in article.bylines],
        "speakers": [
            {"key": s.key, "name": s.name, "role": s.role, "bio": s.bio}
            for s in article.speakers.values()
        ],
        "images": [
            {"file": i.file, "caption": i.caption, "credit": i.credit, "header": i.header}
            for i in article.images
        ],
        "words": article.words,
        "reading_minutes": article.reading_minutes,
        # every turn of the asking roles (the outline lists fewer: docs/outline.md)
        "questions": sum(1 for turn in article.turns() if turn.is_question),
        "answers": len(article.answers),
        "words_by_speaker": article.words_by_speaker(),
        "blocks": [_block_json(article, b) for b in article.blocks],
    }


def _block_json(article: m.Article, block: m.Block) -> dict:
    out: dict[str, object] = {
        "kind": block.kind,
        "speaker": block.speaker,
        "speaker_name": article.speaker_name(block.speaker) if block.speaker else None,
        "role": block.role,
        "line": block.line,
        "paragraphs": [p.text for p in block.paragraphs],
        "styles": [p.style for p in block.paragraphs],
        "markers": [p.marker for p in block.paragraphs],
    }
    out["start"], out["end"] = block.start, block.end
    if block.kind == m.TURN:
        out["continued"] = block.continued
    if block.kind == m.HEADING:
        out["level"] = block.level
    if block.image is not None:
        out["image"] = {
            "file": block.image.file,
            "caption": block.image.caption,
            "credit": block.image.credit,
        }
    return out
