"""`reader serve`: the reading app in a web page, one app process per browser tab.

textual-serve does the work: for every websocket on `/ws` it starts a command line (this
reader's `open LIBRARY`: reader/cli/serve_cmd.py) under Textual's web driver and relays
the terminal's bytes, keys, resizes, links and downloads. What this module adds:

- Our own page (reader/web/page.html): the product's title, no font fetched from another
  site, and a websocket address taken from the address bar, so a tunnel, another host
  name or a TLS proxy in front works (textual-serve writes its own host and port in).
- There is no login, so the server guards the two ways a browser could be abused into
  reading the library: a websocket is refused when its `Origin` is another site (any page
  open in the same browser could otherwise drive the app), and while listening on
  loopback a request must name a loopback host (DNS rebinding: evil.example resolved to
  127.0.0.1 would otherwise be "same origin").
- At most MAX_SESSIONS tabs at once, each an app process.
- The addresses printed are the sockets really bound (`--port 0` picks a free one).
"""

from __future__ import annotations

import asyncio
import ipaddress
import logging
import signal
import socket
import sys
from collections.abc import Awaitable, Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

import aiohttp_jinja2
from aiohttp import WSCloseCode, web
from textual_serve.app_service import AppService
from textual_serve.server import Server

PAGE_FOLDER = Path(__file__).resolve().parent / "web"
MAX_SESSIONS = 16  # app processes at once; each holds about 50 MB (bench/serve.py)
SHUTDOWN_SECONDS = 10.0  # for open tabs to save and quit when the server stops
LOOPBACK_NAMES = ("localhost",)

log = logging.getLogger("reader.serve")
Handler = Callable[[web.Request], Awaitable[web.StreamResponse]]


def resolve(host: str, port: int) -> list[str]:
    """The addresses `host` listens on (a name may have several). Raises OSError."""
    # AI_PASSIVE, as when binding: no host means every address, not loopback.
    found = socket.getaddrinfo(host or None, port, type=socket.SOCK_STREAM, flags=socket.AI_PASSIVE)
    return sorted({str(info[4][0]) for info in found})


def is_loopback(address: str) -> bool:
    try:
        return ipaddress.ip_address(address.split("%", 1)[0]).is_loopback
    except ValueError:
        return False


def url_for(address: tuple[Any, ...]) -> str:
    """The address to type for one bound socket, e.g. http://[::1]:8000/."""
    host, port = str(address[0]), int(address[1])
    return f"http://[{host}]:{port}/" if ":" in host else f"http://{host}:{port}/"


def is_wildcard(address: tuple[Any, ...]) -> bool:
    return str(address[0]) in ("0.0.0.0", "::")


class _Tab(AppService):
    """One tab's app process. When it ends for any reason (the reader quit, it failed to
    start, it crashed), the websocket closes too, so the page says so rather than freezing."""

    async def run(self) -> None:
        try:
            await super().run()
        finally:
            await self.remote_close()


class ReaderServer(Server):
    """textual-serve's server with our page and the guards described above."""

    def __init__(self, command: str, *, title: str, host: str, port: int, remote: bool) -> None:
        super().__init__(command, host=host, port=port, title=title, templates_path=PAGE_FOLDER)
        self.remote = remote  # listening beyond loopback, deliberately (--allow-remote)
        self.sessions: set[web.WebSocketResponse] = set()

    # -- guards -----------------------------------------------------------------------

    def host_allowed(self, host_header: str) -> bool:
        """Whether a request's Host names this server: on loopback, only loopback names."""
        if self.remote:
            return True
        try:
            name = urlsplit(f"//{host_header}").hostname or ""
        except ValueError:  # "[::1" and the like
            return False
        return (
            name in LOOPBACK_NAMES
            or name.endswith(".localhost")  # browsers resolve these to loopback themselves
            or name == self.host.lower()
            or is_loopback(name)
        )

    @staticmethod
    def same_origin(request: web.Request) -> bool:
        """A browser names the page that opens a websocket; it must be one of ours. Clients
        that are not browsers send no Origin (they could do anything a browser can)."""
        origin = request.headers.get("Origin")
        return origin is None or urlsplit(origin).netloc.lower() == request.host.lower()

    @web.middleware
    async def guard(self, request: web.Request, handler: Handler) -> web.StreamResponse:
        if not self.host_allowed(request.host):
            log.warning("refused a request for host %r", request.host)
            raise web.HTTPForbidden(text="This reader answers on its loopback address only.\n")
        return await handler(request)

    # -- routes -----------------------------------------------------------------------

    async def _make_app(self) -> web.Application:
        app = await super()._make_app()
        app.middlewares.append(self.guard)
        return app

    @aiohttp_jinja2.template("page.html")
    async def handle_index(self, request: web.Request) -> dict[str, Any]:
        size = request.query.get("fontsize", "16")
        return {"title": self.title, "font_size": int(size) if size.isdigit() else 16}

    async def handle_websocket(self, request: web.Request) -> web.WebSocketResponse:
        """One tab: start an app process and relay between it and the page until either
        side closes (the reader quits, the tab closes, the server stops)."""
        if not self.same_origin(request):
            log.warning("refused a websocket from %s", request.headers.get("Origin"))
            raise web.HTTPForbidden(text="A page of another site may not open this reader.\n")
        if len(self.sessions) >= MAX_SESSIONS:
            raise web.HTTPServiceUnavailable(text=f"{MAX_SESSIONS} tabs are open already.\n")
        websocket = web.WebSocketResponse(heartbeat=15)
        await websocket.prepare(request)
        self.sessions.add(websocket)

        async def close() -> None:
            await websocket.close()

        service = _Tab(
            self.command,
            write_bytes=websocket.send_bytes,
            write_str=websocket.send_str,
            close=close,
            download_manager=self.download_manager,
        )
        try:
            await service.start(_size(request, "width", 80), _size(request, "height", 24))
            try:
                await self._process_messages(websocket, service)
            except (ValueError, TypeError, KeyError, AssertionError):
                log.warning("closed a tab that sent a message this server does not understand")
            finally:
                await service.stop()  # tells the app to quit and waits for it
        finally:
            self.sessions.discard(websocket)
            await websocket.close()
        return websocket

    async def on_startup(self, app: web.Application) -> None:
        """Nothing to print here: `run` prints the addresses once the sockets are bound."""

    async def on_shutdown(self, app: web.Application) -> None:
        """Close every tab's websocket: its app is told to quit and saves its place."""
        sessions, self.sessions = list(self.sessions), set()
        await asyncio.gather(
            *(ws.close(code=WSCloseCode.GOING_AWAY, message=b"server stopped") for ws in sessions),
            return_exceptions=True,
        )


def _size(request: web.Request, name: str, default: int) -> int:
    value = request.query.get(name, "")
    return int(value) if value.isdigit() and 0 < int(value) < 10_000 else default


async def run(
    server: ReaderServer,
    announce: Callable[[list[tuple[Any, ...]]], None],
    stop: asyncio.Event | None = None,
) -> None:
    """Serve until `stop` is set (by default: until SIGINT, SIGTERM or SIGHUP); `announce`
    gets the addresses bound. Raises OSError when the address cannot be bound."""
    runner = web.AppRunner(
        await server._make_app(), access_log=None, shutdown_timeout=SHUTDOWN_SECONDS
    )
    await runner.setup()
    try:
        site = web.TCPSite(runner, server.host or None, server.port)
        await site.start()
        if not server.remote and not all(is_loopback(str(a[0])) for a in runner.addresses):
            raise OSError(f"{server.host} no longer names a loopback address")  # DNS changed
        announce(runner.addresses)
        if stop is None:
            stop = asyncio.Event()
            if sys.platform != "win32":
                loop = asyncio.get_running_loop()
                for number in (signal.SIGINT, signal.SIGTERM, signal.SIGHUP):
                    loop.add_signal_handler(number, stop.set)
        await stop.wait()
    finally:
        await runner.cleanup()
