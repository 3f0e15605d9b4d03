"""What the benchmarks watch inside a headless Textual app: frames, event-loop stalls, memory.

A headless app composes every frame but never writes it; `FrameProbe` renders each frame to
the escape sequences a terminal would receive (the work a real terminal run does anyway) and
notes when one first contains a given text. `LoopLag` measures the longest time the event
loop could not run — what a key pressed at the worst moment would wait.
"""

from __future__ import annotations

import asyncio
import re
import resource
import sys
import time
from collections.abc import Callable

from textual.app import App

_ESCAPE = re.compile(r"\x1b\[[0-9;?]*[ -/]*[@-~]|\x1b[()][0-9A-B]|\x1b[=>78]")


class FrameProbe:
    """Wraps `app._display` to time-stamp frames and wait for one that shows something."""

    def __init__(self, app: App):
        self.app = app
        self.frames = 0
        self._waits: list[tuple[Callable[[str], bool], bool, asyncio.Future]] = []
        original = app._display

        def display(screen, renderable) -> None:
            original(screen, renderable)
            if renderable is None:
                return
            now = time.perf_counter()
            self.frames += 1
            text = None
            for wait in list(self._waits):
                check, needs_text, future = wait
                if needs_text and text is None:
                    text = _ESCAPE.sub("", renderable.render_segments(app.console))
                if check(text or ""):
                    self._waits.remove(wait)
                    if not future.done():
                        future.set_result(now)

        app._display = display

    def showing(self, needle: str) -> asyncio.Future:
        """The time of the first frame from now on whose output contains `needle`."""
        return self._add(lambda text: needle in text, True)

    def when(self, condition: Callable[[], bool]) -> asyncio.Future:
        """The time of the first frame from now on drawn while `condition()` holds."""
        return self._add(lambda _text: condition(), False)

    def _add(self, check: Callable[[str], bool], needs_text: bool) -> asyncio.Future:
        future = asyncio.get_running_loop().create_future()
        self._waits.append((check, needs_text, future))
        return future


async def wait(future: asyncio.Future, timeout: float = 300.0) -> float:
    return await asyncio.wait_for(future, timeout)


class LoopLag:
    """The longest gap between two wake-ups of a task that asks to wake every millisecond."""

    def __init__(self) -> None:
        self.worst = 0.0
        self._task: asyncio.Task | None = None

    def start(self) -> LoopLag:
        self.worst = 0.0
        self._task = asyncio.get_running_loop().create_task(self._watch())
        return self

    async def _watch(self) -> None:
        last = time.perf_counter()
        while True:
            await asyncio.sleep(0.001)
            now = time.perf_counter()
            self.worst = max(self.worst, now - last - 0.001)
            last = now

    def stop(self) -> float:
        if self._task is not None:
            self._task.cancel()
        return self.worst


async def until(condition: Callable[[], bool], timeout: float = 120.0) -> float:
    """Poll `condition` every millisecond; the time it became true."""
    deadline = time.perf_counter() + timeout
    while not condition():
        if time.perf_counter() > deadline:
            raise TimeoutError("condition not met")
        await asyncio.sleep(0.001)
    return time.perf_counter()


SETTLE = 0.5  # seconds after "ready" that still count as opening: what a load does after it


async def settled(lag: LoopLag) -> float:
    """The longest stall `lag` saw, once `SETTLE` more seconds have passed."""
    await asyncio.sleep(SETTLE)
    return lag.stop()


def peak_rss_mb() -> float:
    """This process's peak resident memory so far, in MB."""
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    return peak / (1024 * 1024) if sys.platform == "darwin" else peak / 1024
