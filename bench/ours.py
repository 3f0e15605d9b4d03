"""Our reading app, headless at 120×40, in a process of its own (so peak RSS is this run's).

`open_article` times one article from `ReaderApp.open_article` (the bundle is parsed in that
time: a preview first, then the whole) to the first frame showing its text (first paint)
and to the layout being complete with the scrollbar exact (ready). With `interact`, it then
presses PgDn, types a search one key at a time and resizes the terminal, timing each from
the key to the frame that shows its effect.
"""

from __future__ import annotations

import tempfile
import time
from pathlib import Path
from statistics import median

from frames import FrameProbe, LoopLag, peak_rss_mb, settled, until, wait

from reader.app import ReaderApp

SIZE = (120, 40)


async def open_article(
    path: str, probe: str, interact: bool = False, presses: int = 50, query: str = ""
) -> dict:
    app = ReaderApp(Path(tempfile.mkdtemp(prefix="bench-empty-")))  # no library to open
    frames = FrameProbe(app)
    out: dict = {}
    async with app.run_test(size=SIZE) as pilot:
        await app.workers.wait_for_complete()
        await pilot.pause()
        view = app.reading.view
        lag = LoopLag().start()
        start = time.perf_counter()
        painted = frames.showing(probe)
        app.open_article(Path(path))
        out["first_paint"] = await wait(painted) - start

        def complete() -> bool:
            layout = view.text_layout
            return bool(app.article and app.article.complete and layout and layout.complete)

        await until(complete)
        out["ready"] = time.perf_counter() - start
        exact = view.virtual_size.height == view.text_layout.height
        out["scrollbar_exact"] = exact
        out["open_worst_stall"] = await settled(lag)
        outline = app.reading.sidebar.outline
        out["outline_rows"] = outline.option_count if outline is not None else 0
        if interact:
            view.focus()
            await pilot.pause()
            out.update(await _page_down(pilot, frames, view, presses))
            out.update(await _search(pilot, frames, view, query))
            out.update(await _resize(pilot, frames, view, complete))
    out["peak_rss_mb"] = peak_rss_mb()
    return out


async def _page_down(pilot, frames: FrameProbe, view, presses: int) -> dict:
    times = []
    for _ in range(presses):
        if view.scroll_offset.y >= view.max_scroll_y:  # a short piece: start again
            view.go_to(0, 0)
            await pilot.pause()
        before = view.scroll_offset.y
        shown = frames.when(lambda before=before: view.scroll_offset.y != before)
        start = time.perf_counter()
        await pilot.press("pagedown")
        times.append(await wait(shown, 10) - start)
    return {"page_down_median": median(times), "page_down_worst": max(times)}


async def _search(pilot, frames: FrameProbe, view, query: str) -> dict:
    await pilot.press("slash")
    await pilot.pause()
    times = []
    typed = ""
    for char in query:
        typed += char
        shown = frames.when(lambda typed=typed: view.search_state.query == typed)
        start = time.perf_counter()
        await pilot.press(char)
        times.append(await wait(shown, 10) - start)
    state = view.search_state
    await pilot.press("escape")
    return {
        "search_median": median(times),
        "search_worst": max(times),
        "search_hits": state.total,
    }


async def _resize(pilot, frames: FrameProbe, view, complete) -> dict:
    """Resize in the middle of the piece: time to the re-wrapped frame, the longest stall
    while the rest re-wraps, and whether the first visible character stayed the same."""
    blocks = len(view.article.blocks)
    view.go_to(blocks // 2, 0)
    await pilot.pause()
    before = view.position
    old = view.text_layout.width
    lag = LoopLag().start()
    shown = frames.when(lambda: view.text_layout.width != old)
    start = time.perf_counter()
    await pilot.resize_terminal(SIZE[0] - 20, SIZE[1])  # narrower than the column: re-wrap
    first = await wait(shown) - start
    await until(complete)
    done = time.perf_counter() - start
    return {
        "resize_first_frame": first,
        "resize_complete": done,
        "resize_worst_stall": lag.stop(),
        "resize_position_kept": view.position == before,
    }
