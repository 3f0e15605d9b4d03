"""reader/give_way.py: a worker stops between slices of its work until the app's loop is idle."""

from __future__ import annotations

import asyncio
import threading
import time

from reader import give_way
from reader.give_way import GiveWay


def a_slice_ago(way: GiveWay) -> GiveWay:
    """As if the worker had worked a whole slice since it last gave way."""
    way._since -= give_way.SLICE
    return way


async def in_a_worker(work) -> object:
    """`work()` run in a thread while this loop runs; what it returns."""
    result: list[object] = []
    thread = threading.Thread(target=lambda: result.append(work()))
    thread.start()
    while thread.is_alive():
        await asyncio.sleep(0.001)
    return result[0]


async def test_the_worker_waits_until_what_the_app_was_doing_is_done():
    loop = asyncio.get_running_loop()
    way = a_slice_ago(GiveWay(loop))
    started, done = threading.Event(), threading.Event()

    def busy() -> None:  # a frame being drawn, say
        started.set()
        time.sleep(0.03)
        done.set()

    def worker() -> bool:
        loop.call_soon_threadsafe(busy)
        started.wait()
        way()
        return done.is_set()

    assert await in_a_worker(worker)


class Silent:
    """A loop that takes every callback and never runs one (or is closed)."""

    def __init__(self, closed: bool = False) -> None:
        self.asked = 0
        self.closed = closed

    def call_soon_threadsafe(self, callback) -> None:
        if self.closed:
            raise RuntimeError("Event loop is closed")
        self.asked += 1


def test_within_a_slice_the_worker_does_not_ask_the_loop_at_all():
    loop = Silent()
    GiveWay(loop)()  # type: ignore[arg-type]
    assert loop.asked == 0


def test_a_loop_that_never_answers_is_waited_for_only_so_long(monkeypatch):
    monkeypatch.setattr(give_way, "MOST", 0.02)
    loop = Silent()
    a_slice_ago(GiveWay(loop))()  # type: ignore[arg-type]
    assert loop.asked == 1  # it returned: the worker goes on


def test_a_closed_loop_lets_the_worker_go_on():
    loop = Silent(closed=True)  # the app has gone meanwhile
    a_slice_ago(GiveWay(loop))()  # type: ignore[arg-type]
    assert loop.asked == 0
