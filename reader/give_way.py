"""A worker thread that gives way to the app's thread: long work in a thread (reading a
long piece) stops between two slices of it until the app's event loop is idle.

Python runs one thread at a time (the GIL), and a busy worker does not hand it over
fairly: while the 200k-word piece was read in its thread, the app's thread got a fraction
of a millisecond in every few, and a frame that takes 25 ms alone (the preview's first,
the sidebar's) took 40-70 ms, every key waiting meanwhile. `GiveWay` is called by the
worker between slices of its work (a piece of the body, a step of the layout). Once it has
worked `SLICE` seconds since it last gave way, it asks the app's loop to run a no-op and
waits for it, again and again until the loop answers within `IDLE` (it had nothing else to
do), so that what the app had to do ran alone; after `MOST` seconds it goes on anyway, so
that a stream of keys cannot hold the piece back for good. A loop that answers at once
costs the worker a tenth of a millisecond, once a slice.
"""

from __future__ import annotations

import asyncio
import threading
import time

SLICE = 0.004  # seconds a worker works before it gives way
IDLE = 0.001  # an answer within this: the app's loop had nothing else to do
MOST = 0.1  # seconds a worker waits for the app at most, each time it gives way


class GiveWay:
    """Called between slices of a worker's work: see the module."""

    def __init__(self, loop: asyncio.AbstractEventLoop) -> None:
        self._loop = loop
        self._since = time.perf_counter()  # when the worker last gave way

    def __call__(self) -> None:
        now = time.perf_counter()
        if now - self._since < SLICE:
            return
        end = now + MOST
        while now < end:
            answered = threading.Event()
            try:
                self._loop.call_soon_threadsafe(answered.set)
            except RuntimeError:  # the loop closed meanwhile: the app is gone
                break
            if not answered.wait(end - now):
                break
            waited = time.perf_counter() - now
            now += waited
            if waited < IDLE:
                break
        self._since = time.perf_counter()
