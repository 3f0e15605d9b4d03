"""Title, dek, byline, publication and date from an HTML page's metadata.

Sources in order of trust: JSON-LD (an Article-like object), Open Graph / `article:*` meta
tags, plain meta tags, the article's `<h1>`, then `<title>` (without its " - Section | Site"
tail) and `<time>`. Dates are normalised (`dates`) so the TOML writer only sees valid ones.
"""

from __future__ import annotations

import json
import re

from reader.core.importer.datelines import normalise_date
from reader.core.importer.html_dom import Collected
from reader.core.importer.model import Meta
from reader.core.importer.segment import squash
from reader.core.sanitize import clean_line

_ARTICLE_TYPES = ("Article", "NewsArticle", "BlogPosting", "Report", "ReportageNewsArticle")
_TITLE_SPLIT = re.compile(r"\s+[|–—·-]\s+|\s+::\s+")


def read_meta(found: Collected, url: str = "") -> Meta:
    """The page's metadata; `url` is where it was fetched from, if it was."""
    ld = _json_ld(found.json_ld)
    metas = found.metas
    site = _text(_pick(ld.get("publisher"), "name")) or metas.get("og:site_name", "")
    title = (
        _text(ld.get("headline"))
        or metas.get("og:title", "")
        or _headline(found)
        or metas.get("twitter:title", "")
        or strip_site(found.title, site)
    )
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


def _json_ld(scripts: list[str]) -> dict:
    """The first Article-like object in the page's JSON-LD, searching @graph and lists."""
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
                kinds = item.get("@type")
                kinds = kinds if isinstance(kinds, list) else [kinds]
                if any(k in _ARTICLE_TYPES for k in kinds if isinstance(k, str)):
                    return item
                todo.extend(v for v in item.values() if isinstance(v, (list, dict)))
    return {}


def _pick(value, key: str):
    if isinstance(value, list):
        value = value[0] if value else None
    return value.get(key) if isinstance(value, dict) else value


def _text(value) -> str:
    return squash(value) if isinstance(value, str) else ""


def strip_site(title: str, site: str) -> str:
    """ "The Cartographer - Interviews | The Lantern" → "The Cartographer": with three parts,
    the last two are section and site; of two, the last goes when it names the site or is
    shorter than the headline."""
    parts = _TITLE_SPLIT.split(title)
    if len(parts) >= 3:  # "Headline - Section | Site"
        return parts[0]
    while len(parts) > 1 and (
        (site and parts[-1].casefold() == site.casefold()) or len(parts[-1]) < len(parts[0])
    ):
        parts.pop()
    return " - ".join(parts)
