"""Large libraries: a SQLite cache of list entries and a full-text index of every paragraph.

`Library(path).scan(root, progress)` lists a folder re-parsing only changed bundles;
`Library.search(query)` finds passages across it. The cache lives in the cache folder and
can be deleted at any time.
"""

from reader.core.library.cache import Library, ScanStep
from reader.core.library.fts import Hit, Hits, QueryError, group_by_article

__all__ = ["Hit", "Hits", "Library", "QueryError", "ScanStep", "group_by_article"]
