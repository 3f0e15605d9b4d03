"""How the reading pane's text looks: one component class per role, span and overlay, whose
CSS uses the theme variables of `reader.themes.THEME_VARIABLES`, the Rich styles they
resolve to (once per theme: `PaneStyles` keeps them until the theme changes), and a layout
line drawn with them (`PaneStyles.draw`: each layer's style over the one below).

The pane does not declare these as Textual COMPONENT_CLASSES: Textual would style all 40
of them again on every change of focus or class anywhere above the pane (40 ms of a start).
`PaneStyles` styles one the first time a line needs it, the way Textual styles a component
class (a node of that class under the pane, given the stylesheet), and keeps it until the
theme, the colour mode or the pane's own style changes."""

from __future__ import annotations

from itertools import pairwise

from rich.segment import Segment
from rich.style import Style
from textual.dom import DOMNode
from textual.strip import Strip
from textual.widget import Widget

from reader.core import model as m
from reader.core.highlights.model import COLOURS
from reader.core.layout import BLANK, Line, column_indent
from reader.core.reading import Painted

ROLES: tuple[str, ...] = (
    "title",
    "dek",
    "byline",
    "meta",
    "question",
    "answer",
    "narration",
    "heading",
)
ROLES += ("caption", "footnote", "code", "quote", "rule", "blank", "time", "picture-note")
SPEAKERS = tuple(f"speaker-{i}" for i in range(1, 7))
# A question's text is set in its asker's colour, at the text's weight: each host has a
# colour of their own, and a long question is no louder than an answer (print sets the
# question apart by weight or by colour, never both). Without colour it is bold.
QUESTIONS = tuple(f"question-{i}" for i in range(1, 7))
OVERLAYS: tuple[str, ...] = (
    "stage",
    "insert",
    "link",
    "footnote-ref",
    "match",
    "current-match",
    "selection",
)
OVERLAYS += tuple(f"highlight-{colour}" for colour in COLOURS)
SPAN_CLASSES = {m.STAGE: "stage", m.INSERT: "insert", m.LINK: "link", m.CODE: "code"}
SPAN_CLASSES[m.FOOTNOTE_REF] = "footnote-ref"
SPAN_STYLES = {
    m.EMPHASIS: Style(italic=True),
    m.STRONG: Style(bold=True),
    m.STRIKE: Style(strike=True),
}


def component(name: str) -> str:
    return f"article-view--{name}"


_QUESTION_CSS = "\n".join(
    f"& > .article-view--question-{i} {{ color: $speaker-{i}; }}\n"
    f"&:nocolor > .article-view--question-{i} {{ text-style: bold; }}"
    for i in range(1, 7)
)

_HIGHLIGHTS = "\n".join(  # without colour, every highlight is underlined
    f"& > .article-view--highlight-{c} {{ background: $highlight-{c}; }}\n"
    f"&:nocolor > .article-view--highlight-{c} {{ text-style: underline; }}"
    for c in COLOURS
)
PANE_CSS = f"""
ArticleView {{
    background: $background;
    color: $foreground;
    overflow-x: hidden;
    overflow-y: auto;
    & > .article-view--title {{ color: $heading; text-style: bold; }}
    & > .article-view--dek {{ color: $narration; text-style: italic; }}
    & > .article-view--byline {{ color: $narration; text-style: bold; }}
    & > .article-view--meta {{ color: $caption; }}
    & > .article-view--question {{ color: $question; }}
    & > .article-view--answer {{ color: $answer; }}
    & > .article-view--narration {{ color: $narration; }}
    & > .article-view--heading {{ color: $heading; text-style: bold underline; }}
    & > .article-view--caption {{ color: $caption; text-style: italic; }}
    & > .article-view--footnote {{ color: $caption; }}
    & > .article-view--code {{ color: $answer; background: $boost; }}
    & > .article-view--quote {{ color: $quote; }}
    & > .article-view--rule {{ color: $quote; }}
    & > .article-view--time {{ color: $caption; text-style: dim; }}
    & > .article-view--picture-note {{ color: $caption; text-style: dim italic; }}
    & > .article-view--speaker-1 {{ color: $speaker-1; text-style: bold; }}
    & > .article-view--speaker-2 {{ color: $speaker-2; text-style: bold; }}
    & > .article-view--speaker-3 {{ color: $speaker-3; text-style: bold; }}
    & > .article-view--speaker-4 {{ color: $speaker-4; text-style: bold; }}
    & > .article-view--speaker-5 {{ color: $speaker-5; text-style: bold; }}
    & > .article-view--speaker-6 {{ color: $speaker-6; text-style: bold; }}
    {_QUESTION_CSS}
    & > .article-view--stage {{ color: $stage; text-style: dim italic; }}
    & > .article-view--insert {{ text-style: italic; }}
    & > .article-view--link {{ color: $link; text-style: underline; }}
    & > .article-view--footnote-ref {{ color: $caption; }}
    & > .article-view--match {{ background: $match; }}
    & > .article-view--current-match {{ background: $current-match; text-style: bold; }}
    & > .article-view--selection {{ background: $selection; }}
    {_HIGHLIGHTS}
    &:nocolor > .article-view--match {{ text-style: underline; }}
    &:nocolor > .article-view--current-match {{ text-style: reverse bold; }}
    &:nocolor > .article-view--selection {{ text-style: reverse; }}
}}
"""


class PaneStyles:
    """The Rich styles of one pane's component classes, each resolved against the theme
    the first time it is drawn and kept until what they depend on changes (`stale()`)."""

    def __init__(self, widget: Widget) -> None:
        self._widget = widget
        self._styles: dict[str, Style] = {}
        self._resolved: dict[str, tuple[Style, Style]] = {}
        self._basis: tuple | None = None

    def stale(self) -> bool:
        """After a change of the pane's style: whether the theme, the colour mode or the
        pane's own colours changed (then forget every style, and say so)."""
        app = self._widget.app
        basis = (app.theme, app.no_color, app.ansi_color, self._widget.rich_style)
        if basis == self._basis:
            return False
        self._basis = basis
        self._styles.clear()
        self._resolved.clear()
        return True

    def _component(self, name: str) -> tuple[Style, Style]:
        """(full, partial) Rich style of a component class, styled as Textual styles one: a
        node of that class under the pane, with the app's stylesheet applied to it."""
        found = self._resolved.get(name)
        if found is None:
            node = DOMNode(classes=component(name))
            node._attach(self._widget)  # as Textual's Stylesheet does for component classes
            self._widget.app.stylesheet.apply(node)
            found = self._resolved[name] = (node.rich_style, node.styles.partial_rich_style)
        return found

    def role(self, name: str) -> Style:
        """The full style of a role (text colour and background, from the theme)."""
        return self._component(name)[0]

    def overlay(self, name: str) -> Style:
        """Only what a component sets (a span, a match, a highlight on top of the text's own
        style), with the values resolved against the theme (alpha and "auto" colours)."""
        key = "+" + name
        style = self._styles.get(key)
        if style is None:
            full, part = self._component(name)
            colours = Style(
                color=full.color if part.color else None,
                bgcolor=full.bgcolor if part.bgcolor else None,
            )
            style = self._styles[key] = part.without_color + colours
        return style

    def span(self, kind: str) -> Style:
        return SPAN_STYLES.get(kind) or self.overlay(SPAN_CLASSES[kind])

    def draw(
        self,
        line: Line,
        marks: tuple[Painted, ...],
        width: int,
        column: int,
        background: Style,
        text_role: str,
    ) -> Strip:
        """A layout line as `width` cells: the column centred, prefix pieces, then the text
        in the style of `text_role` (`Reading.text_role`: a question's is its asker's)."""
        if line.role == BLANK:
            return Strip.blank(width, background)
        segments = [Segment(" " * column_indent(width, column), background)]
        for text, role in line.prefix:
            segments.append(Segment(text, self.role(role or line.role)))
        if line.paragraph is not None and line.end > line.start:
            segments.extend(self._text(line, marks, text_role))
        return Strip(segments).adjust_cell_length(width, background)

    def _text(self, line: Line, marks: tuple[Painted, ...], text_role: str) -> list[Segment]:
        """The line's text, cut where spans, search hits, highlights and the selection begin
        and end, each layer's style over the one below."""
        para = line.paragraph
        assert para is not None
        start, end = line.start, line.end
        layers = [
            (max(span.start, start), min(span.end, end), self.span(span.kind))
            for span in para.spans
            if span.start < end and span.end > start
        ]
        layers += [(a, b, self.overlay(name)) for a, b, name in marks]
        base = self.role(text_role)
        if not layers:
            return [Segment(para.text[start:end], base)]
        cuts = sorted({start, end, *(a for a, _, _ in layers), *(b for _, b, _ in layers)})
        segments = []
        for a, b in pairwise(cuts):
            style = base
            for lo, hi, layer in layers:
                if lo <= a and b <= hi:
                    style = style + layer
            segments.append(Segment(para.text[a:b], style))
        return segments
