"""Title, dek, byline, publication and date from an HTML page's metadata.

Sources in order of trust: JSON-LD (an Article-like object), Open Graph / `article:*` meta
tags, plain meta tags, then `<title>` and `<time>`. Dates are normalised here so the TOML
writer only ever sees valid TOML dates.
"""

from __future__ import annotations

import json
import re
from datetime import date, datetime

from reader.core.importer.html_extract import Collected
from reader.core.importer.model import Meta
from reader.core.importer.segment import squash
from reader.core.sanitize import clean_line

_ARTICLE_TYPES = ("Article", "NewsArticle", "BlogPosting", "Report", "ReportageNewsArticle")
_DATE = re.compile(
    r"(\d{4}-\d{2}-\d{2})(?:[T ](\d{2}:\d{2})(:\d{2})?(?:\.\d+)?\s*(Z|[+-]\d{2}:?\d{2})?)?"
)
_TITLE_SPLIT = re.compile(r"\s+[|–—·-]\s+|\s+::\s+")


def read_meta(found: Collected) -> Meta:
    ld = _json_ld(found.json_ld)
    metas = found.metas
    site = _text(_pick(ld.get("publisher"), "name")) or metas.get("og:site_name", "")
    title = (
        _text(ld.get("headline"))
        or metas.get("og:title", "")
        or metas.get("twitter:title", "")
        or _strip_site(found.title, site)
    )
    meta = Meta(
        title=clean_line(title),
        dek=clean_line(
            _text(ld.get("description"))
            or metas.get("og:description", "")
            or metas.get("description", "")
        ),
        publication=clean_line(site),
        section=clean_line(metas.get("article:section", "") or _text(ld.get("articleSection"))),
        url=clean_line(metas.get("og:url", "") or found.canonical or _text(ld.get("url"))),
        language=clean_line(_text(ld.get("inLanguage")) or found.lang),
    )
    meta.published = normalise_date(
        _text(ld.get("datePublished"))
        or metas.get("article:published_time", "")
        or metas.get("date", "")
        or metas.get("datepublished", "")
        or (found.times[0] if found.times else "")
    )
    tags = metas.get("keywords", "") or metas.get("news_keywords", "")
    meta.tags = [clean_line(t) for t in tags.split(",") if t.strip()][:12]
    authors = ld.get("author")
    names = [_text(_pick(a, "name")) for a in (authors if isinstance(authors, list) else [authors])]
    names = [n for n in names if n] or [metas.get("author", "") or metas.get("article:author", "")]
    meta.authors = [clean_line(n) for n in names if n and "://" not in n]
    return meta


def normalise_date(value: str) -> str:
    """A TOML-ready date or datetime ("2024-03-01", "2024-03-01T09:30:00+01:00"), or ""."""
    found = _DATE.search(value or "")
    if not found:
        return ""
    day, hm, seconds, zone = found.groups()
    try:
        date.fromisoformat(day)
    except ValueError:
        return ""
    if not hm:
        return day
    if zone and zone != "Z" and ":" not in zone:
        zone = f"{zone[:3]}:{zone[3:]}"
    stamp = f"{day}T{hm}{seconds or ':00'}{zone or ''}"
    try:
        datetime.fromisoformat(stamp.replace("Z", "+00:00"))
    except ValueError:
        return day
    return stamp


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


def _strip_site(title: str, site: str) -> str:
    """ "The Cartographer | The Lantern" → "The Cartographer"."""
    parts = _TITLE_SPLIT.split(title)
    if len(parts) > 1 and (
        (site and parts[-1].casefold() == site.casefold()) or len(parts[-1]) < len(parts[0])
    ):
        return " - ".join(parts[:-1]) if len(parts) > 2 else parts[0]
    return title
