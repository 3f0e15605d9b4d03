"""HTML → paragraphs with source lines, bold/italic and the element each came from, and a
verdict on which of them are the article and which are site chrome.

Our own html.parser pass always runs, because it keeps what a question detector needs and a
text extractor throws away: line numbers, bold runs, figcaptions, the element a paragraph sat
in. Choosing the main text is harder; trafilatura (the optional `import` extra) does that best,
so when it is installed its text decides, and our structural rules (nav/aside/footer, class
names such as "share" or "newsletter", link density, the element holding most of the text)
are the fallback.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from reader.core.importer.model import LEFT_OUT, LINKS, OUTSIDE
from reader.core.importer.segment import Block, Line, escape_md, finish, squash
from reader.core.importer.source import ImportProblem

BLOCK_TAGS = frozenset(
    [
        "p",
        "div",
        "section",
        "article",
        "main",
        "header",
        "footer",
        "nav",
        "aside",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "li",
        "ul",
        "ol",
        "blockquote",
        "figure",
        "figcaption",
        "table",
        "tr",
        "td",
        "th",
        "dl",
        "dt",
        "dd",
        "pre",
        "form",
        "details",
        "summary",
        "address",
        "hr",
        "body",
    ]
)
SKIP_TAGS = frozenset(
    [
        "script",
        "style",
        "noscript",
        "template",
        "svg",
        "math",
        "iframe",
        "object",
        "canvas",
        "button",
        "select",
        "textarea",
        "head",
        "video",
        "audio",
        "picture",
    ]
)
VOID_TAGS = frozenset(
    [
        "br",
        "img",
        "hr",
        "meta",
        "link",
        "input",
        "wbr",
        "source",
        "area",
        "base",
        "col",
        "embed",
        "param",
        "track",
    ]
)
BOLD_TAGS = frozenset({"b", "strong"})
ITALIC_TAGS = frozenset({"i", "em", "cite"})
CHROME_TAGS = frozenset({"nav", "footer", "aside", "form"})
CHROME_ROLES = frozenset(
    {"navigation", "banner", "contentinfo", "complementary", "search", "dialog", "alert"}
)
CHROME_WORDS = frozenset(
    [
        "ad",
        "ads",
        "advert",
        "advertisement",
        "nav",
        "navbar",
        "menu",
        "share",
        "sharing",
        "social",
        "related",
        "newsletter",
        "subscribe",
        "subscription",
        "signup",
        "cookie",
        "cookies",
        "consent",
        "gdpr",
        "promo",
        "promotion",
        "sponsor",
        "sponsored",
        "sidebar",
        "breadcrumb",
        "breadcrumbs",
        "comment",
        "comments",
        "footer",
        "masthead",
        "popup",
        "modal",
        "banner",
        "recirc",
        "trending",
        "popular",
        "paywall",
        "toolbar",
        "tags",
        "topics",
        "outbrain",
        "taboola",
        "skip",
        "sr",
        "only",
        "hidden",
        "pullquote",
        "pull",
    ]
)
CHROME_PHRASES = ("most-read", "read-more", "more-stories", "sign-up", "visually-hidden")
ARTICLE_WORDS = ("article-body", "articlebody", "entry-content", "post-content", "story-body")
STATE_PREFIXES = ("has-", "is-", "no-", "with-", "js-")  # page state, not what a box holds
CAPTION_WORDS = frozenset({"caption", "credit", "wp-caption-text"})
DEK_WORDS = frozenset({"dek", "standfirst", "subtitle", "subheadline", "subhead", "strapline"})


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


@dataclass
class RawBlock:
    runs: list[Run]
    tag: str
    chain: tuple[Element, ...]
    picture: str = ""


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
        line = self.getpos()[0] + data[: len(data) - len(data.lstrip())].count("\n")
        tags = {e.tag for e in self.stack}
        self.runs.append(
            Run(data, bool(tags & BOLD_TAGS), bool(tags & ITALIC_TAGS), "a" in tags, line)
        )

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


# -- which blocks are the article ---------------------------------------------------------------
def chrome_reason(chain: tuple[Element, ...], big: set[int]) -> str:
    """Why a block inside these elements is site chrome, or "". Elements in `big` hold most of
    the page's text, so their names ("page has-sidebar") say nothing about this block."""
    inside_article = False
    for element in chain:
        if element.tag in ("article", "main"):
            inside_article = True
        if element.ident in big:
            continue
        if element.tag in CHROME_TAGS:
            return f"inside <{element.tag}>"
        if element.tag == "header" and not inside_article:
            return "in the page header"
        if element.role in CHROME_ROLES:
            return f"role={element.role}"
        if element.hidden:
            return "hidden"
        hit = element.words & CHROME_WORDS
        if hit:
            return f"in a '{sorted(hit)[0]}' box"
        phrase = next((p for p in CHROME_PHRASES if p in element.raw_class), "")
        if phrase:
            return f"in a '{phrase}' box"
    return ""


def _main_container(blocks: list[RawBlock], reasons: list[str]) -> int | None:
    """The element that holds the article's paragraphs: a marked article body when there is
    one with most of the text, else the deepest element holding 80% of the paragraph text."""
    totals: dict[int, int] = {}
    depth: dict[int, int] = {}
    marked: set[int] = set()
    whole = 0
    for block, reason in zip(blocks, reasons, strict=True):
        if reason or block.tag not in ("p", "div", "blockquote", "li"):
            continue
        size = sum(len(r.text) for r in block.runs)
        whole += size
        for level, element in enumerate(block.chain):
            totals[element.ident] = totals.get(element.ident, 0) + size
            depth[element.ident] = level
            if element.tag in ("article", "main") or any(
                w in element.raw_class for w in ARTICLE_WORDS
            ):
                marked.add(element.ident)
    if not whole:
        return None
    best = max(marked, key=lambda i: totals[i], default=None)
    if best is not None and totals[best] >= whole / 2:
        return best
    holding = [i for i, size in totals.items() if size >= 0.8 * whole]
    return max(holding, key=lambda i: depth[i], default=None)


def _normal(text: str) -> str:
    text = text.translate(str.maketrans("‘’“”–—\u00a0", "''\"\"-- "))
    return " ".join(text.lower().split())


def _trafilatura_text(html: str) -> str | None:
    """trafilatura's main text, or None when it is not installed (or fails on this page)."""
    try:
        import trafilatura
    except ImportError:
        return None
    try:
        text = trafilatura.extract(
            html,
            output_format="txt",
            include_comments=False,
            include_tables=False,
            favor_recall=True,
        )
    except Exception:  # noqa: BLE001 - any failure there means: use our own rules
        return None
    return text or ""


@dataclass
class Extracted:
    paras: list
    collected: Collected
    extractor: str  # what chose the main text, for the summary


def extract(html: str, use_trafilatura: bool = True) -> Extracted:
    collected = collect(html)
    raws = collected.blocks
    sizes: dict[int, int] = {}
    for raw in raws:
        size = sum(len(r.text.strip()) for r in raw.runs)
        for element in raw.chain:
            sizes[element.ident] = sizes.get(element.ident, 0) + size
    whole = sum(sum(len(r.text.strip()) for r in raw.runs) for raw in raws)
    big = {ident for ident, size in sizes.items() if size > whole / 2}
    reasons = [chrome_reason(b.chain, big) for b in raws]
    for i, raw in enumerate(raws):
        text = "".join(r.text for r in raw.runs)
        linked = sum(len(r.text.strip()) for r in raw.runs if r.link)
        if not reasons[i] and len(text.split()) <= 25 and linked > 0.6 * len(text.strip()):
            reasons[i] = LINKS
    container = _main_container(raws, reasons)
    inside = [container in {e.ident for e in raw.chain} for raw in raws]
    reference = _trafilatura_text(html) if use_trafilatura else None
    if reference is not None:
        extractor = "trafilatura"
        reasons = _by_reference(raws, reasons, reference, inside)
    else:
        extractor = "simple"
        reasons = [r or ("" if inside[i] else OUTSIDE) for i, r in enumerate(reasons)]
    blocks = [_to_block(raw, reason) for raw, reason in zip(raws, reasons, strict=True)]
    content = [b for b in blocks if not b.chrome and b.kind in ("p", "quote", "list")]
    if sum(len(" ".join(line.text for line in b.lines).split()) for b in content) < 25:
        raise ImportProblem("no article text found in the HTML")
    return Extracted(finish(blocks), collected, extractor)


def _by_reference(
    raws: list[RawBlock], reasons: list[str], reference: str, inside: list[bool]
) -> list[str]:
    """Keep what trafilatura kept, and what it tends to drop (a figcaption, a short bold
    question, the closing bio) when it lies inside the article element or between two kept
    paragraphs — unless a chrome rule objects. Linear in the page: lines are looked up in a
    set, longer paragraphs by their four-word shingles."""
    lines = {_normal(line) for line in reference.split("\n")}
    shingles: set[tuple[str, ...]] | None = None
    kept = []
    for raw, reason in zip(raws, reasons, strict=True):
        text = _normal("".join(r.text for r in raw.runs)) if not reason else ""
        found = text in lines
        own = _shingles(text) if text and not found else set()
        if len(own) >= 3:
            shingles = _shingles(_normal(reference)) if shingles is None else shingles
            found = len(own & shingles) >= 0.8 * len(own)
        kept.append(found and not reason)
    candidates = [i for i, r in enumerate(reasons) if not r]
    before = [False] * len(candidates)
    after = [False] * len(candidates)
    for pos in range(1, len(candidates)):
        before[pos] = before[pos - 1] or kept[candidates[pos - 1]]
    for pos in range(len(candidates) - 2, -1, -1):
        after[pos] = after[pos + 1] or kept[candidates[pos + 1]]
    out = list(reasons)
    for pos, i in enumerate(candidates):
        if not (kept[i] or inside[i] or (before[pos] and after[pos])):
            out[i] = LEFT_OUT
    return out


def _shingles(text: str) -> set[tuple[str, ...]]:
    words = text.split()
    return {tuple(words[i : i + 4]) for i in range(len(words) - 3)}


def _to_block(raw: RawBlock, reason: str) -> Block:
    lines: list[Line] = []
    for runs in _split_runs(raw.runs):
        text = squash("".join(r.text for r in runs))
        if text:
            number = next((r.line for r in runs if r.text.strip() and r.line), 0)
            lines.append(Line(number, text, _runs_md(runs)))
    tag = raw.tag
    own = raw.chain[-1] if raw.chain else None
    styles = {f"tag:{tag}"} if tag not in ("p", "div", "body") else set()
    block_el = next((e for e in reversed(raw.chain) if e.tag == tag), own)
    if block_el is not None:
        styles |= {f"class:{w}" for w in block_el.words if not w.isdigit()}
    kind = "p"
    level = 0
    if tag in ("h1", "h2", "h3", "h4", "h5", "h6"):
        kind, level = "heading", int(tag[1])
    elif block_el is not None and block_el.words & DEK_WORDS:
        styles.add("dek")
    elif tag == "figcaption" or any(e.words & CAPTION_WORDS for e in raw.chain[-2:]):
        kind = "caption"
    elif tag == "blockquote":
        kind = "quote"
    elif tag in ("pre",):
        kind = "code"
    return Block(lines, kind, level, styles, reason, image=raw.picture)


def _split_runs(runs: list[Run]) -> list[list[Run]]:
    out: list[list[Run]] = [[]]
    for run in runs:
        parts = run.text.split("\n")
        for k, part in enumerate(parts):
            if k:
                out.append([])
            if part:
                out[-1].append(Run(part, run.bold, run.italic, run.link, run.line))
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
    out = []
    for style, text in merged:
        core = squash(text)
        if not core:
            out.append(" ")
            continue
        lead = " " if text[:1].isspace() else ""
        tail = " " if text[-1:].isspace() else ""
        md = escape_md(core)
        if style and style[1]:
            md = f"*{md}*"
        if style and style[0]:
            md = f"**{md}**"
        out.append(f"{lead}{md}{tail}")
    return squash("".join(out))
