"""Title, dek, byline, publication and date from an HTML page's metadata.

Sources in order of trust: JSON-LD (an Article-like object), Open Graph / `article:*` meta
tags, plain meta tags, the article's `<h1>`, then `<title>` (without its " - Section | Site"
tail) and `<time>`. Dates are normalised (`dates`) so the TOML writer only sees valid ones.
The publication is the JSON-LD publisher (an object, or a reference to one elsewhere in the
graph), `og:site_name`, `application-name`, else the site's name that ends the `<title>`.
A standfirst element on the page (`.subtitle`, `.standfirst`, `.dek`) beats the teaser in
`og:description`: the zones stage makes that choice, as it sees the page's paragraphs.
"""

from __future__ import annotations

import json
import re

from reader.core.importer.datelines import normalise_date
from reader.core.importer.html_dom import Collected
from reader.core.importer.model import Meta
from reader.core.importer.rules import person_alone
from reader.core.importer.segment import squash
from reader.core.sanitize import clean_line

_ARTICLE_TYPES = ("Article", "NewsArticle", "BlogPosting", "Report", "ReportageNewsArticle")
_TITLE_SPLIT = re.compile(r"(\s+[|–—·-]\s+|\s+::\s+)")


def read_meta(found: Collected, url: str = "") -> Meta:
    """The page's metadata; `url` is where it was fetched from, if it was."""
    ld, nodes = _json_ld(found.json_ld)
    metas = found.metas
    site = (
        _publisher(ld, nodes)
        or metas.get("og:site_name", "")
        or metas.get("application-name", "")
        or metas.get("apple-mobile-web-app-title", "")
    )
    headline = (
        _text(ld.get("headline"))
        or metas.get("og:title", "")
        or _headline(found)
        or metas.get("twitter:title", "")
    )
    title = headline or strip_site(found.title, site)
    site = site or site_in_title(found.title, headline)
    tags = metas.get("keywords", "") or metas.get("news_keywords", "")
    authors = ld.get("author")
    names = [_text(_pick(a, "name")) for a in (authors if isinstance(authors, list) else [authors])]
    names = [n for n in names if n] or [metas.get("author", "") or metas.get("article:author", "")]
    return Meta(
        title=clean_line(title),
        dek=clean_line(
            _text(ld.get("description"))
            or metas.get("og:description", "")
            or metas.get("description", "")
        ),
        publication=clean_line(site),
        section=clean_line(metas.get("article:section", "") or _text(ld.get("articleSection"))),
        published=normalise_date(
            _text(ld.get("datePublished"))
            or metas.get("article:published_time", "")
            or metas.get("date", "")
            or metas.get("datepublished", "")
            or (found.times[0] if found.times else "")
        ),
        url=clean_line(metas.get("og:url", "") or found.canonical or _text(ld.get("url")) or url),
        language=clean_line(_text(ld.get("inLanguage")) or found.lang),
        tags=tuple(clean_line(t) for t in tags.split(",") if t.strip())[:12],
        authors=tuple(clean_line(n) for n in names if n and "://" not in n),
    )


def _headline(found: Collected) -> str:
    """The text of the article's `<h1>` (one inside `<article>` or `<main>` first: a site
    often sets its own name in an `<h1>` in the page header)."""
    heads = [b for b in found.blocks if b.tag == "h1" and b.text.strip()]
    inside = [b for b in heads if any(e.tag in ("article", "main") for e in b.chain)]
    chosen = (inside or heads)[:1]
    return squash(chosen[0].text) if chosen else ""


def _json_ld(scripts: list[str]) -> tuple[dict, list[dict]]:
    """The first Article-like object in the page's JSON-LD (searching @graph and lists), and
    every object found, for the references (`{"@id": "#org"}`) an article makes."""
    nodes: list[dict] = []
    for script in scripts:
        try:
            data = json.loads(script)
        except (ValueError, RecursionError):
            continue
        todo = [data]
        while todo:
            item = todo.pop(0)
            if isinstance(item, list):
                todo.extend(item)
            elif isinstance(item, dict):
                nodes.append(item)
                todo.extend(v for v in item.values() if isinstance(v, (list, dict)))
    article = next((n for n in nodes if _kinds(n) & set(_ARTICLE_TYPES)), {})
    return article, nodes


def _kinds(node: dict) -> set[str]:
    kinds = node.get("@type")
    return {k for k in (kinds if isinstance(kinds, list) else [kinds]) if isinstance(k, str)}


def _publisher(article: dict, nodes: list[dict]) -> str:
    """The article's publisher's name: given in place, or by a reference to an object in the
    graph (`"publisher": {"@id": "https://site/#organization"}`, as SEO plugins write it);
    without an article, the graph's one news organisation or web site."""
    given = article.get("publisher")
    given = given[0] if isinstance(given, list) and given else given
    if isinstance(given, str):
        return squash(given)
    if isinstance(given, dict):
        named = _text(given.get("name"))
        ref = given.get("@id")
        if named or not isinstance(ref, str):
            return named
        return next(
            (_text(n.get("name")) for n in nodes if n.get("@id") == ref and n is not given), ""
        )
    for kind in ("NewsMediaOrganization", "Organization", "WebSite"):
        names = [_text(n.get("name")) for n in nodes if kind in _kinds(n) and _text(n.get("name"))]
        if len(set(names)) == 1:
            return names[0]
    return ""


def _pick(value, key: str):
    if isinstance(value, list):
        value = value[0] if value else None
    return value.get(key) if isinstance(value, dict) else value


def _text(value) -> str:
    return squash(value) if isinstance(value, str) else ""


def site_in_title(title: str, headline: str) -> str:
    """The site's name a `<title>` ends with after the headline ("Headline | Site", "Headline
    - Section | Site"), or "" when the title does not start with the headline."""
    parts = _TITLE_SPLIT.split(title)[::2]
    for count in range(1, len(parts)):
        if _fold(" ".join(parts[:count])) == _fold(headline):
            last = parts[-1].strip()
            return last if len(last.split()) <= 6 else ""
    return ""


def _fold(text: str) -> str:
    return " ".join(re.sub(r"[^\w\s]", " ", text).casefold().split())


def strip_site(title: str, site: str) -> str:
    """ "The Cartographer - Interviews | The Lantern" → "The Cartographer". The last part goes
    when it names the site, is the third of three, or is shorter than the headline and not a
    person's name; then a short section before it ("Interviews"), unless a " · " joins it
    on: "Salt and Iron · Hanne Solvik | The Quayside Review" is "Salt and Iron · Hanne
    Solvik"."""
    pieces = _TITLE_SPLIT.split(title)
    parts, seps = pieces[::2], pieces[1::2]
    last = parts[-1] if len(parts) > 1 else ""
    if last and (
        (site and _fold(last) == _fold(site))
        or len(parts) >= 3
        or (len(last) < len(parts[0]) and not person_alone(last.strip()))
    ):
        parts, seps = parts[:-1], seps[:-1]
        if len(parts) > 1 and len(parts[-1].split()) <= 3 and seps[-1].strip() != "·":
            parts, seps = parts[:-1], seps[:-1]  # a section; "Words · Name" is the headline
    return "".join(part + sep for part, sep in zip(parts, [*seps, ""], strict=True))
