"""Our own pass over an HTML page (the standard library's html.parser): every block of text
with the line and column where it starts, its bold and italic runs, its links, and the chain
of elements it sits in.

It always runs, because it keeps what a text extractor throws away and the importer needs:
positions (a warning must point into a one-line minified page), figcaptions, the element a
paragraph sat in (its class may say "question" or "standfirst"), and the `<meta>`, JSON-LD,
`<title>` and `<time>` the metadata comes from. Choosing which blocks are the article is
`html_extract`'s job.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from reader.core.importer.segment import squash

BLOCK_TAGS = frozenset(
    """p div section article main header footer nav aside h1 h2 h3 h4 h5 h6 li ul ol blockquote
    figure figcaption table tr td th dl dt dd pre form details summary address hr body""".split()
)
SKIP_TAGS = frozenset(
    """script style noscript template svg math iframe object canvas button select textarea head
    video audio picture""".split()
)
VOID_TAGS = frozenset(
    "br img hr meta link input wbr source area base col embed param track".split()
)
BOLD_TAGS = frozenset({"b", "strong"})
ITALIC_TAGS = frozenset({"i", "em", "cite"})
STATE_PREFIXES = ("has-", "is-", "no-", "with-", "js-")  # page state, not what a box holds


@dataclass
class Element:
    tag: str
    ident: int
    words: frozenset[str]  # class and id, split into lower-case words
    raw_class: str
    role: str = ""
    hidden: bool = False
    picture: str = ""  # for <figure>: the first <img> inside it


@dataclass
class Run:
    text: str
    bold: bool
    italic: bool
    link: bool
    line: int
    col: int = 1


@dataclass
class RawBlock:
    runs: list[Run]
    tag: str
    chain: tuple[Element, ...]
    picture: str = ""

    @property
    def text(self) -> str:
        return "".join(r.text for r in self.runs)

    @property
    def size(self) -> int:
        return sum(len(r.text.strip()) for r in self.runs)

    @property
    def linked(self) -> int:
        return sum(len(r.text.strip()) for r in self.runs if r.link)

    @property
    def start(self) -> tuple[int, int]:
        """(line, column) where its text starts in the page."""
        run = next((r for r in self.runs if r.text.strip() and r.line), None)
        return (run.line, run.col) if run else (0, 0)


@dataclass
class Collected:
    blocks: list[RawBlock] = field(default_factory=list)
    title: str = ""
    metas: dict[str, str] = field(default_factory=dict)
    json_ld: list[str] = field(default_factory=list)
    lang: str = ""
    canonical: str = ""
    times: list[str] = field(default_factory=list)


class _Parser(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.out = Collected()
        self.stack: list[Element] = []
        self.runs: list[Run] = []
        self.skip = 0
        self.capture: str | None = None  # "title" or "ld" while inside those elements
        self.captured: list[str] = []
        self.count = 0

    # -- elements ----------------------------------------------------------------------------
    def handle_starttag(self, tag: str, attrs) -> None:
        a = {k: (v or "") for k, v in attrs}
        if tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and a.get("content") and key not in self.out.metas:
                self.out.metas[key] = a["content"]
            return
        if tag == "link" and "canonical" in a.get("rel", "").lower().split():
            self.out.canonical = a.get("href", "")
        if tag == "html":
            self.out.lang = a.get("lang", "")
        if tag == "time" and a.get("datetime"):
            self.out.times.append(a["datetime"])
        if tag == "title" and not self.out.title:
            self.capture, self.captured = "title", []
        if tag == "script" and "ld+json" in a.get("type", "").lower():
            self.capture, self.captured = "ld", []
        if tag == "img":
            figure = next((e for e in reversed(self.stack) if e.tag == "figure"), None)
            if figure is not None and not figure.picture:
                figure.picture = a.get("src", "")
            return
        if tag == "br":
            self._data("\n")
            return
        if tag in VOID_TAGS:
            return
        if tag in SKIP_TAGS:
            self.skip += 1
        if tag in BLOCK_TAGS:
            self._flush()
            self._close_implied(tag)
        self.count += 1
        tokens = f"{a.get('class', '')} {a.get('id', '')}".lower().split()
        words = " ".join(t for t in tokens if not t.startswith(STATE_PREFIXES))
        self.stack.append(
            Element(
                tag,
                self.count,
                frozenset(re.split(r"[^a-z0-9]+", words)) - {""},
                words,
                a.get("role", "").lower(),
                "hidden" in a or a.get("aria-hidden") == "true" or _invisible(a.get("style", "")),
            )
        )

    def handle_startendtag(self, tag, attrs) -> None:
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS:
            self.handle_endtag(tag)

    def handle_endtag(self, tag: str) -> None:
        if tag in ("title", "script") and self.capture:
            text = "".join(self.captured)
            if self.capture == "title":
                self.out.title = squash(text)
            else:
                self.out.json_ld.append(text)
            self.capture = None
        if not any(e.tag == tag for e in self.stack):
            return
        if tag in BLOCK_TAGS:
            self._flush()
        while self.stack:
            element = self.stack.pop()
            if element.tag in SKIP_TAGS:
                self.skip -= 1
            if element.tag == tag:
                break

    def handle_data(self, data: str) -> None:
        if self.capture:
            self.captured.append(data)
            return
        if not self.skip:
            self._data(data)

    # -- text ------------------------------------------------------------------------------
    def _data(self, data: str) -> None:
        if not data.strip() and data != "\n":
            if self.runs:
                self.runs.append(Run(" ", False, False, False, 0))
            return
        line, offset = self.getpos()
        lead = data[: len(data) - len(data.lstrip())]
        if "\n" in lead:
            line, col = line + lead.count("\n"), len(lead) - lead.rfind("\n")
        else:
            col = offset + len(lead) + 1
        tags = {e.tag for e in self.stack}
        bold, italic = bool(tags & BOLD_TAGS), bool(tags & ITALIC_TAGS)
        self.runs.append(Run(data, bold, italic, "a" in tags, line, col))

    def _flush(self) -> None:
        if any(r.text.strip() for r in self.runs):
            block_el = next((e for e in reversed(self.stack) if e.tag in BLOCK_TAGS), None)
            figure = next((e for e in reversed(self.stack) if e.tag == "figure"), None)
            self.out.blocks.append(
                RawBlock(
                    self.runs,
                    block_el.tag if block_el else "body",
                    tuple(self.stack),
                    figure.picture if figure else "",
                )
            )
        self.runs = []

    def _close_implied(self, tag: str) -> None:
        """`<p>` and `<li>` close an open one, as browsers do."""
        closes = {"p": {"p"}, "li": {"li"}, "dt": {"dt", "dd"}, "dd": {"dt", "dd"}}
        if tag in BLOCK_TAGS and self.stack and self.stack[-1].tag == "p":
            self.stack.pop()
        elif tag in closes:
            for i in range(len(self.stack) - 1, -1, -1):
                if self.stack[i].tag in closes[tag]:
                    del self.stack[i:]
                    break
                if self.stack[i].tag in ("ul", "ol", "dl", "div", "section", "article"):
                    break

    def close(self) -> None:
        super().close()
        self._flush()


def _invisible(style: str) -> bool:
    style = style.replace(" ", "").lower()
    return "display:none" in style or "visibility:hidden" in style


def collect(html: str) -> Collected:
    parser = _Parser()
    parser.feed(html)
    parser.close()
    return parser.out
