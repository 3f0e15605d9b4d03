"""A large library: the app's cold and warm start over it, and library-wide search.

The app runs at 160×45 here, wide enough for the library pane to be on screen. "First rows"
is the first frame showing rows of the list; "all rows" the first frame after the last
entry arrived. `process_to_all_rows` also counts the interpreter starting and importing the
app, measured from the moment the parent started this process.
"""

from __future__ import annotations

import time
from pathlib import Path
from statistics import median

from frames import FrameProbe, peak_rss_mb, wait

from reader.app import ReaderApp
from reader.core.library import Library
from reader.paths import library_cache_path

SIZE = (160, 45)


COLD_TIMEOUT = 3600  # seconds: a cold start parses every bundle


async def app_start(root: str, count: int, spawned: float) -> dict:
    to_epoch = time.time() - time.perf_counter()
    app = ReaderApp(Path(root))
    frames = FrameProbe(app)
    start = time.perf_counter()
    async with app.run_test(size=SIZE):
        rows = app.reading.library.entry_list
        first = await wait(frames.when(lambda: rows.option_count > 0), COLD_TIMEOUT)
        full = await wait(frames.when(lambda: len(rows.entries) >= count), COLD_TIMEOUT)
        shown = len(rows.entries)
    return {
        "first_rows": first - start,
        "all_rows": full - start,
        "process_to_all_rows": full + to_epoch - spawned,
        "entries": shown,
        "peak_rss_mb": peak_rss_mb(),
    }


def search(root: str, queries: list[str], repeats: int = 5) -> dict:
    """Each query `repeats` times on the cache the app built: median and worst, hits."""
    library = Library(library_cache_path())
    out = {}
    for query in queries:
        times, hits = [], None
        for _ in range(repeats):
            start = time.perf_counter()
            hits = library.search(query, root=Path(root), limit=50)
            times.append(time.perf_counter() - start)
        out[query] = {
            "median": median(times),
            "worst": max(times),
            "hits": len(hits),
            "partial": hits.partial,
        }
    return out
