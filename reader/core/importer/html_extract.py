"""An HTML page → the article's paragraphs, each marked content or chrome, with positions.

With trafilatura (a dependency of the package), its XML output with formatting is the
paragraph source: it decides what the article is and where paragraphs and headings begin.
Our own DOM pass (`html_dom`) gives every paragraph its line and column, and adds back what
trafilatura leaves out although it lies inside the article — figure captions, a lead
picture's caption, the closing bio, the headline and byline at the top (the zones stage then
reads those).

Without trafilatura, or when it finds too little, our own rules choose, relaxed step by step
(as Readability does) until enough text survives: structural chrome (nav, aside, footer,
forms, ARIA roles, hidden elements), chrome words in class names, link lists, and the
element that holds the article. A chrome word in a class name is a score, not a veto — a
word that says "content" ("post-body") weighs against it — and it is never held against the
element that holds the article, an ancestor of it, or an ancestor of text trafilatura kept.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from dataclasses import dataclass
from typing import Literal
from xml.etree import ElementTree

from reader.core.importer.html_dom import Collected, Element, RawBlock, Run, collect
from reader.core.importer.model import LEFT_OUT, LINKS, OUTSIDE, Kind, Para, Style
from reader.core.importer.segment import Block, Line, bracket_markup, escape_md, finish, squash
from reader.core.importer.source import ImportProblem

CHROME_TAGS = frozenset({"nav", "footer", "aside", "form"})
CHROME_ROLES = frozenset(
    {"navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alert"}
)
# Class-name words that say "site furniture": whole words, and roots that begin a word
# ("sharedaddy", "relatedposts", "comments-area").
CHROME_WORDS = frozenset(
    """ad ads nav navbar menu sr only skip tags topics pull pullquote hidden footer masthead
    toolbar modal popup banner sidebar promo promotion recirc trending popular""".split()
)
CHROME_ROOTS = (
    "advert breadcrumb comment consent cookie gdpr newsletter outbrain paywall related share "
    "sharing signup social sponsor subscri taboola"
).split()
CHROME_PHRASES = ("most-read", "read-more", "more-stories", "sign-up", "visually-hidden")
CONTENT_WORDS = frozenset("article body content entry post story text prose interview".split())
_ARTICLE_BODY = re.compile(
    r"articlebody|(?:article|entry|post|story|content)[-_]*(?:body|content|text)\b"
)
CAPTION_WORDS = frozenset({"caption", "credit", "wp-caption-text"})
DEK_WORDS = frozenset(
    {"dek", "deck", "standfirst", "subtitle", "subheadline", "subhead", "strapline", "summary"}
)

Rule = Literal["tags", "classes", "links", "container"]
# Our own rules, strictest first; each later set drops one kind of evidence.
LEVELS: tuple[tuple[frozenset[Rule], str], ...] = (
    (frozenset({"tags", "classes", "links", "container"}), ""),
    (frozenset({"tags", "links", "container"}), "class names"),
    (frozenset({"tags", "links"}), "the main container"),
    (frozenset({"links"}), "page structure"),
)
ENOUGH_WORDS = 80  # about Readability's 500 characters: below it, relax the rules
MIN_WORDS = 25  # fewer than this even with every rule relaxed: no article


@dataclass(frozen=True)
class Extracted:
    paras: list[Para]
    collected: Collected
    extractor: Literal["trafilatura", "simple"]
    relaxed: str = ""  # the evidence our rules had to give up to find enough text


def extract(html: str, use_trafilatura: bool = True) -> Extracted:
    collected = collect(html)
    page = _Page(collected.blocks)
    xml = _trafilatura_xml(html) if use_trafilatura else None
    if xml:
        blocks = _with_trafilatura(_xml_paras(xml), page)
        if _content_words(blocks) >= MIN_WORDS:
            return Extracted(finish(blocks), collected, "trafilatura")
    fallback: tuple[list[Block], str] | None = None
    for rules, relaxed in LEVELS:
        reasons = [page.chrome(raw, rules) for raw in page.raws]
        if "container" in rules:
            reasons = page.outside_container(reasons)
        blocks = [_to_block(raw, reason) for raw, reason in zip(page.raws, reasons, strict=True)]
        words = _content_words(blocks)
        if words >= ENOUGH_WORDS:
            return Extracted(finish(blocks), collected, "simple", relaxed)
        if words >= MIN_WORDS and fallback is None:
            fallback = (blocks, relaxed)
    if fallback is None:
        raise ImportProblem("no article text found in the HTML")
    return Extracted(finish(fallback[0]), collected, "simple", fallback[1])


def _content_words(blocks: list[Block]) -> int:
    return sum(
        len(line.text.split())
        for b in blocks
        if not b.chrome and b.kind in ("p", "quote", "list")
        for line in b.lines
    )


# -- the page and its chrome ---------------------------------------------------------------------
class _Page:
    """Sizes of the page's elements, and which of them hold the article."""

    def __init__(self, raws: list[RawBlock]):
        self.raws = raws
        self.sizes: dict[int, int] = {}
        for raw in raws:
            for element in raw.chain:
                self.sizes[element.ident] = self.sizes.get(element.ident, 0) + raw.size
        whole = sum(raw.size for raw in raws)
        self.big = {ident for ident, size in self.sizes.items() if size > whole / 2}
        self.marked, self.article = self._article_chain()

    def _article_chain(self) -> tuple[set[int], set[int]]:
        """The element marked as the article (<article>, <main>, class "post-body") that holds
        the most text (a set of one, or none), and it with its ancestors."""
        best: tuple[int, set[int], set[int]] = (0, set(), set())
        for raw in self.raws:
            for depth, element in enumerate(raw.chain):
                if _marked(element) and self.sizes[element.ident] > best[0]:
                    chain = {e.ident for e in raw.chain[: depth + 1]}
                    best = (self.sizes[element.ident], {element.ident}, chain)
        return best[1], best[2]

    def chrome(
        self, raw: RawBlock, rules: Collection[Rule], protected: Collection[int] = ()
    ) -> str:
        """Why this block is site chrome under `rules`, or ""."""
        inside_article = False
        for element in raw.chain:
            if element.tag in ("article", "main"):
                inside_article = True
            if element.hidden:
                return "hidden"
            if element.ident in self.article or element.ident in protected:
                continue
            # an element holding most of the page: its name ("page has-sidebar") says nothing
            # about one block in it, nor does a <form> around it all (as some sites have)
            big = element.ident in self.big
            if "tags" in rules and not (big and element.tag == "form"):
                if element.tag in CHROME_TAGS:
                    return f"inside <{element.tag}>"
                if element.tag == "header" and not inside_article:
                    return "in the page header"
                if element.role in CHROME_ROLES:
                    return f"role={element.role}"
            if "classes" in rules and not big:
                hit = _chrome_word(element)
                if hit:
                    return f"in a '{hit}' box"
        link_list = raw.size and len(raw.text.split()) <= 25 and raw.linked > 0.6 * raw.size
        return LINKS if "links" in rules and link_list else ""

    def outside_container(self, reasons: list[str]) -> list[str]:
        """Mark blocks outside the element that holds the article's paragraphs."""
        container = self._container(reasons)
        return [
            reason
            or ("" if container is None or container in {e.ident for e in raw.chain} else OUTSIDE)
            for raw, reason in zip(self.raws, reasons, strict=True)
        ]

    def _container(self, reasons: list[str]) -> int | None:
        """A marked article body with most of the text, else the deepest element holding 80%
        of the paragraph text."""
        totals: dict[int, int] = {}
        depth: dict[int, int] = {}
        marked: set[int] = set()
        whole = 0
        for raw, reason in zip(self.raws, reasons, strict=True):
            if reason or raw.tag not in ("p", "div", "blockquote", "li"):
                continue
            whole += raw.size
            for level, element in enumerate(raw.chain):
                totals[element.ident] = totals.get(element.ident, 0) + raw.size
                depth[element.ident] = level
                if _marked(element):
                    marked.add(element.ident)
        if not whole:
            return None
        best = max(marked, key=lambda i: totals[i], default=None)
        if best is not None and totals[best] >= whole / 2:
            return best
        holding = [i for i, size in totals.items() if size >= 0.8 * whole]
        return max(holding, key=lambda i: depth[i], default=None)


def _marked(element: Element) -> bool:
    return element.tag in ("article", "main") or bool(_ARTICLE_BODY.search(element.raw_class))


def _chrome_word(element: Element) -> str:
    """The chrome word of a class name when chrome words outweigh content words there."""
    hits = sorted(
        w for w in element.words if w in CHROME_WORDS or w.startswith(tuple(CHROME_ROOTS))
    )
    hits += [p for p in CHROME_PHRASES if p in element.raw_class]
    content = len(element.words & CONTENT_WORDS)
    return hits[0] if len(hits) > content else ""


# -- trafilatura -----------------------------------------------------------------------------------
def _trafilatura_xml(html: str) -> str | None:
    """trafilatura's main text as XML with formatting, or None when it is not installed or
    fails on this page (then our own rules decide)."""
    try:
        import trafilatura
    except ImportError:
        return None
    try:
        return trafilatura.extract(
            html,
            output_format="xml",
            include_formatting=True,
            include_comments=False,
            include_tables=False,
            include_images=False,
            include_links=False,
            favor_recall=True,
        )
    except Exception:  # noqa: BLE001 - any failure there means: use our own rules
        return None


@dataclass
class _XPara:
    kind: Kind
    level: int
    lines: list[list[Run]]

    @property
    def key(self) -> str:
        return _key("".join(r.text for line in self.lines for r in line))


def _key(text: str) -> str:
    """Text as compared between trafilatura and our DOM pass: letters and digits only."""
    return "".join(ch for ch in text.casefold() if ch.isalnum())


def _xml_paras(xml: str) -> list[_XPara]:
    try:
        root = ElementTree.fromstring(xml)
    except ElementTree.ParseError:
        return []
    main = root.find("main")
    out: list[_XPara] = []
    for element in main if main is not None else ():
        _walk(element, out, "p")
    return [p for p in out if p.key]


def _walk(element: ElementTree.Element, out: list[_XPara], inside: Kind) -> None:
    tag = element.tag
    if tag in ("quote", "list"):
        kind: Kind = "quote" if tag == "quote" else "list"
        if any(child.tag in ("p", "item", "head", "quote", "list") for child in element):
            for child in element:
                _walk(child, out, kind)
            return
        out.append(_XPara(kind, 0, _xml_runs(element)))
    elif tag == "head":
        rend = element.get("rend", "")
        level = int(rend[1:]) if rend[:1] == "h" and rend[1:].isdigit() else 2
        out.append(_XPara("heading", level, _xml_runs(element)))
    elif tag in ("p", "item"):
        out.append(_XPara("list" if tag == "item" else inside, 0, _xml_runs(element)))


def _xml_runs(element: ElementTree.Element) -> list[list[Run]]:
    """The element's text as lines (`<lb/>` breaks them) of bold and italic runs."""
    lines: list[list[Run]] = [[]]

    def add(text: str | None, bold: bool, italic: bool) -> None:
        if text:
            lines[-1].append(Run(text, bold, italic, False, 0))

    def visit(node: ElementTree.Element, bold: bool, italic: bool) -> None:
        add(node.text, bold, italic)
        for child in node:
            if child.tag == "lb":
                lines.append([])
            else:
                rend = child.get("rend", "") if child.tag == "hi" else ""
                visit(child, bold or "#b" in rend, italic or "#i" in rend)
            add(child.tail, bold, italic)

    visit(element, False, False)
    return [line for line in lines if line]


def _with_trafilatura(xparas: list[_XPara], page: _Page) -> list[Block]:
    """Blocks in page order: trafilatura's paragraphs placed where our DOM pass found them, and
    the DOM blocks it left out — kept when they lie inside the article, chrome otherwise."""
    raws = page.raws
    keys = [_key(raw.text) for raw in raws]
    at: dict[str, list[int]] = {}
    for i, key in enumerate(keys):
        at.setdefault(key, []).append(i)
    placed: dict[int, list[_XPara]] = {}  # DOM index → trafilatura paragraphs found there
    exact: set[int] = set()
    cursor = 0
    for xpara in xparas:
        key = xpara.key
        hit = next((i for i in at.get(key, ()) if i >= cursor), None)
        if hit is not None:
            exact.add(hit)
        else:
            window = range(cursor, min(len(raws), cursor + 200))
            hit = next((i for i in window if keys[i] and (key in keys[i] or keys[i] in key)), None)
        if hit is None:
            hit = max(cursor - 1, 0)  # not found: keep it after the last one placed
        placed.setdefault(hit, []).append(xpara)
        cursor = hit + (hit in exact)
    kept = set(placed)
    protected = {e.ident for i in kept for e in raws[i].chain}
    container = _holding(raws, kept)
    first, last = (min(kept), max(kept)) if kept else (0, -1)
    blocks: list[Block] = []
    for i, raw in enumerate(raws):
        if i in exact and len(placed[i]) == 1:
            blocks.append(_to_block(raw, "", placed[i][0].kind, placed[i][0].level))
        elif i in placed:
            line, col = raw.start
            blocks += [_xml_block(x, line, col) for x in placed[i]]
        else:
            reason = page.chrome(raw, ("tags", "classes", "links"), protected)
            holders = _idents(raw)
            inside = first < i < last or container in holders or bool(page.marked & holders)
            blocks.append(_to_block(raw, reason or ("" if inside else LEFT_OUT)))
    return blocks


def _idents(raw: RawBlock) -> set[int]:
    return {e.ident for e in raw.chain}


def _holding(raws: list[RawBlock], kept: set[int]) -> int | None:
    """The deepest element holding 80% of the text trafilatura kept."""
    totals: dict[int, int] = {}
    depth: dict[int, int] = {}
    for i in kept:
        for level, element in enumerate(raws[i].chain):
            totals[element.ident] = totals.get(element.ident, 0) + raws[i].size
            depth[element.ident] = level
    whole = sum(raws[i].size for i in kept)
    holding = [i for i, size in totals.items() if size >= 0.8 * whole]
    return max(holding, key=lambda i: depth[i], default=None)


# -- blocks ----------------------------------------------------------------------------------------
def _to_block(raw: RawBlock, reason: str, kind: Kind | None = None, level: int = 0) -> Block:
    lines: list[Line] = []
    for runs in _split_runs(raw.runs):
        text = squash("".join(r.text for r in runs))
        if text:
            first = next((r for r in runs if r.text.strip() and r.line), None)
            line, col = (first.line, first.col) if first else (0, 1)
            lines.append(Line(line, text, _runs_md(runs), col))
    tag = raw.tag
    own = next(
        (e for e in reversed(raw.chain) if e.tag == tag), raw.chain[-1] if raw.chain else None
    )
    classes = frozenset(w for w in own.words if not w.isdigit()) if own is not None else frozenset()
    styles: set[Style] = set()
    found: Kind = "p"
    if own is not None and own.words & DEK_WORDS:
        styles.add("dek")  # a standfirst, also when set as a heading (`<h2 class="subtitle">`)
    if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
        found, level = "heading", int(tag[1])
    elif "dek" in styles:
        pass
    elif tag == "figcaption" or any(e.words & CAPTION_WORDS for e in raw.chain[-2:]):
        found = "caption"
    elif tag == "blockquote":
        found = "quote"
    elif tag == "pre":
        found = "code"
    if kind in ("heading", "quote", "list") and found == "p":
        found = kind  # trafilatura saw a heading or a quotation where the element is a <p>
    shown_tag = tag if tag not in ("p", "div", "body") else ""
    return Block(lines, found, level, styles, shown_tag, classes, reason, image=raw.picture)


def _xml_block(xpara: _XPara, line: int, col: int) -> Block:
    lines = [
        Line(line, squash("".join(r.text for r in runs)), _runs_md(runs), col)
        for runs in xpara.lines
    ]
    tag = f"h{xpara.level}" if xpara.kind == "heading" else ""
    return Block([x for x in lines if x.text], xpara.kind, xpara.level, set(), tag)


def _split_runs(runs: list[Run]) -> list[list[Run]]:
    out: list[list[Run]] = [[]]
    for run in runs:
        parts = run.text.split("\n")
        for k, part in enumerate(parts):
            if k:
                out.append([])
            if part:
                out[-1].append(Run(part, run.bold, run.italic, run.link, run.line, run.col))
    return [r for r in out if r]


def _runs_md(runs: list[Run]) -> str:
    """Inline Markdown for a line of runs: bold and italic kept, everything else plain."""
    merged: list[list] = []
    for run in runs:
        style = (run.bold, run.italic) if run.text.strip() else None
        if merged and (style is None or merged[-1][0] in (None, style)):
            merged[-1][1] += run.text
            if merged[-1][0] is None:
                merged[-1][0] = style
        else:
            merged.append([style, run.text])
    brackets = bracket_markup("".join(r.text for r in runs))  # decided on the whole line
    out = []
    for style, text in merged:
        core = squash(text)
        if not core:
            out.append(" ")
            continue
        lead = " " if text[:1].isspace() else ""
        tail = " " if text[-1:].isspace() else ""
        md = escape_md(core, brackets)
        if style and style[1]:
            md = f"*{md}*"
        if style and style[0]:
            md = f"**{md}**"
        out.append(f"{lead}{md}{tail}")
    return squash("".join(out))
