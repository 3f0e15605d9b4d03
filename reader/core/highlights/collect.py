"""Which highlights belong to which bundles, for `reader highlights` and the exports.

Given bundles (found under the paths the reader names), each is loaded and its highlights
are placed in it as it is now. Given none, every kept highlight is listed, each bundle
loaded from where it was last seen; a bundle that is gone (or no longer the same piece)
still lists its highlights, orphaned, with the title they were made under.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from reader.core.bundle import load_bundle
from reader.core.discover import find_bundles
from reader.core.highlights.anchors import ArticleText
from reader.core.highlights.export import ArticleHighlights
from reader.core.highlights.model import Highlight, Placed, place
from reader.core.highlights.store import HighlightStore


def under(store: HighlightStore, roots: list[Path]) -> list[ArticleHighlights]:
    """The highlights of the bundles at or under `roots`, in the order they are found."""
    groups = []
    for root in roots:
        for path in find_bundles(root).bundles:
            article = load_bundle(path).article
            if article is not None and (kept := store.of(article.identity)):
                placed = place(article, ArticleText(article), kept)
                groups.append(ArticleHighlights(article.title, str(path), article, placed))
    return groups


def everything(store: HighlightStore) -> list[ArticleHighlights]:
    """Every kept highlight, by article (by title), each placed in its bundle if it is there."""
    return grouped({identity: store.of(identity) for identity in store.articles()})


def grouped(
    highlights: Mapping[str, list[Highlight]], paths: Mapping[str, str] | None = None
) -> list[ArticleHighlights]:
    """The highlights of each article (identity → its highlights, oldest first), by title,
    each placed in its bundle if it is there: at `paths[identity]` when given (where the
    library has it now), else where it was last seen. Loads bundles: for a thread, given a
    copy of the store's highlights (the app's `S`)."""
    groups = []
    for identity, kept in highlights.items():
        if not kept:
            continue
        last = kept[-1]
        path = (paths or {}).get(identity, last.path)
        article = load_bundle(Path(path)).article if path else None
        if article is not None and article.identity == identity:
            placed = place(article, ArticleText(article), kept)
            groups.append(ArticleHighlights(article.title, path, article, placed))
        else:
            lost = [Placed(one, None) for one in kept]
            groups.append(ArticleHighlights(last.title, last.path, None, lost))
    return sorted(groups, key=lambda group: group.title.casefold())
