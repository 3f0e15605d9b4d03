"""`reader serve [FOLDER|BUNDLE] [--host H] [--port P]`: the reading app in a web browser.

Each browser tab runs its own `reader open FOLDER` under Textual's web driver (see
reader/serve.py). Loopback only unless `--allow-remote` is given with another host: there
is no login, so anyone who can reach the address reads the library.
"""

from __future__ import annotations

import asyncio
import errno
import importlib.util
import logging
import os
import shlex
import subprocess
import sys
from pathlib import Path
from typing import Any

from reader.cli.args import Subparsers, library_path, path_problem, subcommand
from reader.core.sanitize import clean_line
from reader.paths import sample_library

NAME = "serve"
HELP = "serve the reading app to a web browser, on this machine only by default"
DESCRIPTION = """Serve the reading app as a web page: each browser tab runs its own reader on
the library. It listens on the loopback address unless --allow-remote is given with another
--host; there is no login."""
DEFAULT_HOST = "127.0.0.1"
DEFAULT_PORT = 8000
INSTALL_HINT = "pip install 'interview-reader[serve]'"


def register(subparsers: Subparsers) -> None:
    p = subcommand(subparsers, NAME, run, help=HELP, description=DESCRIPTION)
    library_path(p)
    p.add_argument(
        "--host", default=DEFAULT_HOST, help=f"address to listen on (default {DEFAULT_HOST})"
    )
    p.add_argument(
        "--port",
        type=int,
        default=DEFAULT_PORT,
        help=f"port to listen on (default {DEFAULT_PORT}; 0 picks a free one)",
    )
    p.add_argument(
        "--allow-remote",
        action="store_true",
        help="allow a --host that other machines can reach (anyone who can reach it reads "
        "the library: there is no login)",
    )


def app_command(path: Path) -> str:
    """The command line textual-serve runs for each tab: this Python and this reader (its
    folder first on the path, never a `reader` folder in the current directory)."""
    package_parent = str(Path(__file__).resolve().parents[2])
    code = (
        f"import sys; sys.path[0:1] = [{package_parent!r}]; from reader.cli import main; "
        f"sys.exit(main(['open', {str(path)!r}]))"
    )
    argv = [sys.executable, "-c", code]
    return subprocess.list2cmdline(argv) if os.name == "nt" else shlex.join(argv)


def announcement(
    shown: str, host: str, bound: list[tuple[Any, ...]], remote: bool
) -> tuple[list[str], str]:
    """What `reader serve` prints once listening: the addresses to open (each socket bound;
    for "every address" the loopback one to use here), and the warning when others can
    reach it."""
    from reader import serve

    urls = list(dict.fromkeys(serve.url_for(a) for a in bound if not serve.is_wildcard(a)))
    for address in bound:
        if serve.is_wildcard(address):
            here = serve.url_for(("::1" if ":" in str(address[0]) else "127.0.0.1", address[1]))
            urls.append(f"{here} here, and this machine's addresses from elsewhere")
    lines = [f"Serving {shown} to a web browser at:", *(f"  {url}" for url in urls)]
    lines.append("Each browser tab runs its own reader. Ctrl+C stops.")
    warning = ""
    if remote:
        warning = (
            f"reader serve: warning: {host} can be reached from other machines and there is "
            f"no login: anyone who reaches it reads every interview in {shown}."
        )
    return lines, warning


def fail(message: str) -> int:
    print(f"reader serve: {message}", file=sys.stderr)
    return 2


def run(args) -> int:
    path = (args.path or sample_library()).expanduser().resolve()
    shown = clean_line(str(path))
    problem = path_problem(path)
    if problem:
        return fail(problem)
    if not 0 <= args.port <= 65535:
        return fail(f"--port {args.port}: a port is a number from 0 to 65535")
    if importlib.util.find_spec("textual_serve") is None:
        return fail(f"serving to a browser needs textual-serve: {INSTALL_HINT}")
    from reader import serve  # aiohttp loads only to serve

    host = clean_line(args.host)
    try:
        addresses = serve.resolve(args.host, args.port)
    except OSError as error:
        return fail(f"--host {host}: cannot find that address ({error.strerror or error})")
    remote = not all(serve.is_loopback(a) for a in addresses)
    if remote and not args.allow_remote:
        return fail(
            f"--host {host} can be reached from other machines, and there is no login: "
            "anyone who reaches it reads the library. Add --allow-remote to serve it anyway."
        )
    server = serve.ReaderServer(
        app_command(path),
        title=f"Interview Reader: {path.name}",
        host=args.host,
        port=args.port,
        remote=remote,
    )

    def announce(bound: list[tuple[Any, ...]]) -> None:
        lines, warning = announcement(shown, host, bound, remote)
        print(*lines, sep="\n", flush=True)
        if warning:
            print(warning, file=sys.stderr, flush=True)

    logging.basicConfig(format="reader serve: %(message)s", level=logging.WARNING)
    try:
        asyncio.run(serve.run(server, announce))
    except OSError as error:
        if error.errno == errno.EADDRINUSE:
            return fail(f"port {args.port} is in use on {host}: choose another with --port")
        return fail(f"cannot listen on {host} port {args.port}: {error.strerror or error}")
    return 0
