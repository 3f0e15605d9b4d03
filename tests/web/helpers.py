"""Serving the reader for the web tests: a server in the test's event loop or in a process
of its own (the real `reader serve`, or one whose tabs run tests/web/probe.py), a screen
that reads what the app draws, and a websocket tab to drive it."""

from __future__ import annotations

import asyncio
import os
import queue
import shutil
import signal
import subprocess
import sys
import threading
import time
from collections.abc import AsyncIterator, Callable, Iterator
from contextlib import AbstractContextManager, asynccontextmanager, contextmanager
from pathlib import Path
from typing import IO, Any

import aiohttp
import pyte

from reader import serve
from reader.paths import sample_library

ARTICLE = "the-interval"  # a sample: its title, and the last words of its last answer
TITLE, LAST_WORDS = "The Interval", "refill the kettle"
TIMEOUT = 20.0  # seconds for any one wait: a tab's app starts in about 1.5 s
READY = "Each browser tab"  # how `reader serve` ends what it prints once listening


def one_article_library(root: Path) -> Path:
    """A library of one sample interview, so a tab opens it at once."""
    shutil.copytree(sample_library() / ARTICLE, root / ARTICLE)
    return root


class Screen:
    """What a terminal of the tab's size shows after the app's bytes (pyte emulates it)."""

    def __init__(self, width: int, height: int) -> None:
        self.screen = pyte.Screen(width, height)
        self.stream = pyte.ByteStream(self.screen)

    def feed(self, data: bytes) -> None:
        self.stream.feed(data)

    def resize(self, width: int, height: int) -> None:
        self.screen.resize(height, width)

    @property
    def text(self) -> str:
        """The screen now, one line per row."""
        return "\n".join(line.rstrip() for line in self.screen.display)


class Tab:
    """One browser tab's websocket, as a test drives it: the screen, the bytes since the
    last `mark`, and the text messages (links, downloads) the server sent."""

    def __init__(self, websocket: aiohttp.ClientWebSocketResponse, size: tuple[int, int]):
        self.websocket = websocket
        self.screen = Screen(*size)
        self.drawn = bytearray()
        self.messages: list[Any] = []

    @property
    def text(self) -> str:
        return self.screen.text

    def mark(self) -> None:
        self.drawn.clear()

    async def press(self, keys: str) -> None:
        await self.websocket.send_json(["stdin", keys])

    async def resize(self, width: int, height: int) -> None:
        self.screen.resize(width, height)
        await self.websocket.send_json(["resize", {"width": width, "height": height}])

    async def wait_for(self, *needles: str | bytes) -> None:
        """Read until every needle is on screen (text) or in the bytes since `mark`."""

        def found() -> bool:
            text = self.text
            return all(n in self.drawn if isinstance(n, bytes) else n in text for n in needles)

        await self.wait_until(found, f"{needles} drawn")

    async def wait_for_message(self, kind: str) -> Any:
        """Read until the server sends a `[kind, payload]` text message; its payload."""
        await self.wait_until(lambda: any(m[0] == kind for m in self.messages), f"{kind!r} sent")
        return next(m[1] for m in self.messages if m[0] == kind)

    async def wait_until(self, done: Callable[[], bool], what: str) -> None:
        """Read until `done()`; fails after TIMEOUT seconds, saying `what` did not happen."""
        deadline = time.monotonic() + TIMEOUT
        while not done():
            left = deadline - time.monotonic()
            try:
                if left <= 0:  # the app keeps drawing, but not this
                    raise asyncio.TimeoutError
                # Not receive(timeout=...): the server's pings every 15 s restart that one.
                message = await asyncio.wait_for(self.websocket.receive(), left)
            except asyncio.TimeoutError:
                raise AssertionError(f"not {what} in {TIMEOUT} s:\n{self.text}") from None
            if message.type == aiohttp.WSMsgType.BINARY:
                self.drawn += message.data
                self.screen.feed(message.data)
            elif message.type == aiohttp.WSMsgType.TEXT:
                self.messages.append(message.json())
            else:
                raise AssertionError(f"the tab closed ({message.type}) before {what}")


@asynccontextmanager
async def tab(
    session: aiohttp.ClientSession, url: str, width: int = 120, height: int = 40, **headers: str
) -> AsyncIterator[Tab]:
    address = f"{url}ws?width={width}&height={height}"
    async with session.ws_connect(address, headers=headers) as websocket:
        yield Tab(websocket, (width, height))


@asynccontextmanager
async def served(command: str) -> AsyncIterator[str]:
    """A ReaderServer running `command` per tab in this event loop, on a free loopback port;
    yields its address and always stops it (each tab's app is told to quit)."""
    server = serve.ReaderServer(command, title="test", host="127.0.0.1", port=0, remote=False)
    bound: asyncio.Future[list[tuple[Any, ...]]] = asyncio.get_running_loop().create_future()
    stop = asyncio.Event()
    running = asyncio.create_task(serve.run(server, bound.set_result, stop))
    try:
        addresses = await asyncio.wait_for(asyncio.shield(bound), TIMEOUT)
        yield serve.url_for(addresses[0])
    finally:
        stop.set()
        await asyncio.wait_for(running, TIMEOUT)


def reader_serve(*args: str) -> AbstractContextManager[tuple[subprocess.Popen[str], list[str]]]:
    """The real `reader serve ARGS`, in a process of its own (see `serving`)."""
    return serving([sys.executable, "-m", "reader", "serve", *args])


@contextmanager
def serving(argv: list[str]) -> Iterator[tuple[subprocess.Popen[str], list[str]]]:
    """A server in a process of its own: yields it and the lines it printed up to READY.
    Stopped with SIGTERM (as a service manager would), killed if it does not stop in time."""
    process = subprocess.Popen(
        argv,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env=dict(os.environ, PYTHONUNBUFFERED="1"),
        start_new_session=True,  # its tabs' apps too are in its process group
    )
    printed: queue.Queue[str | None] = queue.Queue()
    threading.Thread(target=_lines, args=(process.stdout, printed), daemon=True).start()
    try:
        lines: list[str] = []
        deadline = time.monotonic() + TIMEOUT
        while not lines or not lines[-1].startswith(READY):
            try:
                line = printed.get(timeout=max(deadline - time.monotonic(), 0.01))
            except queue.Empty:
                raise AssertionError(f"the server printed only {lines}") from None
            assert line is not None, f"the server stopped after printing {lines}"
            lines.append(line)
        yield process, lines
    finally:
        if process.poll() is None:
            process.send_signal(signal.SIGTERM)
            try:
                process.wait(TIMEOUT)
            except subprocess.TimeoutExpired:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()


def _lines(stream: IO[str], into: queue.Queue[str | None]) -> None:
    for line in stream:
        into.put(line.rstrip("\n"))
    into.put(None)
