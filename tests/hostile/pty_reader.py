"""The real `reader` in a pseudo-terminal, driven by keys, as a person runs it.

A module of its own, not part of conftest.py: pytest imports a conftest under a name of its
own, so a registry kept there (`PtyReader.started`) was a second one beside the tests'.
"""

from __future__ import annotations

import fcntl
import os
import select
import signal
import struct
import subprocess
import sys
import termios
import time
from dataclasses import dataclass
from pathlib import Path


@dataclass
class PtyRun:
    """What a run of `reader` in a pty wrote, and how it ended."""

    output: bytes = b""
    alive: bool = False  # still running when the last key had been handled
    returncode: int | None = None

    @property
    def text(self) -> str:
        """The stream as text; invalid UTF-8 (a raw 8-bit control byte) raises here."""
        return self.output.decode("utf-8")


class PtyReader:
    """`python -m reader ARGS` on a pty of `cols` x `rows`, driven by keys. Every one started
    is killed after its test (`no_reader_left`), whether the test passed or not."""

    started: list[PtyReader] = []

    def __init__(self, args, *, env: dict[str, str], cols: int = 100, rows: int = 30):
        self.master, slave = os.openpty()
        self.resize(cols, rows, fd=slave)
        self.proc = subprocess.Popen(
            [sys.executable, "-m", "reader", *map(str, args)],
            stdin=slave,
            stdout=slave,
            stderr=slave,
            env=env,
            start_new_session=True,
        )
        os.close(slave)
        self.run = PtyRun()
        PtyReader.started.append(self)

    def resize(self, cols: int, rows: int, fd: int | None = None) -> None:
        size = struct.pack("HHHH", rows, cols, 0, 0)
        fcntl.ioctl(self.master if fd is None else fd, termios.TIOCSWINSZ, size)
        if fd is None:
            os.kill(self.proc.pid, signal.SIGWINCH)

    def read(self, seconds: float, until: bytes | None = None) -> bool:
        """Collect output for `seconds` (or until `until` shows up); False at end of file."""
        deadline = time.monotonic() + seconds
        while (left := deadline - time.monotonic()) > 0:
            ready, _, _ = select.select([self.master], [], [], left)
            if not ready:
                continue
            try:
                chunk = os.read(self.master, 65536)
            except OSError:  # EIO: the child closed the terminal
                return False
            if not chunk:
                return False
            self.run.output += chunk
            if until is not None and until in self.run.output:
                return True
        return True

    def send(self, keys: str | bytes, wait: float = 0.15) -> None:
        """Type `keys`, then collect what the app draws in the next `wait` seconds (longer
        after Esc, which Textual holds back a moment to tell it from an escape sequence)."""
        data = keys.encode() if isinstance(keys, str) else keys
        os.write(self.master, data)
        self.read(wait + (0.5 if data == b"\x1b" else 0))

    def quit(self, timeout: float = 12.0) -> PtyRun:
        """Press q; if a modal screen was still opening and took it, Esc and q again (sent
        apart: "\x1bq" together is Alt+q). Then wait for the end."""
        self.run.alive = self.proc.poll() is None
        for keys in (b"q", b"\x1b", b"q", b"\x1b", b"q"):
            if self.proc.poll() is None:
                os.write(self.master, keys)
            deadline = time.monotonic() + timeout / 5
            while self.proc.poll() is None and time.monotonic() < deadline:
                self.read(0.2)
        if self.proc.poll() is None:
            self.proc.kill()
        self.run.returncode = self.proc.wait()
        self.read(0.2)
        os.close(self.master)
        return self.run


def reader_env(home: Path, **extra: str) -> dict[str, str]:
    """The environment of a real run: a temporary READER_HOME and an xterm."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("TEXTUAL")}
    env.pop("COLUMNS", None)
    env.pop("LINES", None)
    env.update({"TERM": "xterm-256color", "READER_HOME": str(home)})
    env.update(extra)
    return env


def run_reader(args, keys, *, env: dict[str, str], ready: bytes, cols=100, rows=30) -> PtyRun:
    """Start `reader ARGS`, wait for `ready` on screen, send each key, then quit with q. A
    key given as (key, shown) waits, after it is sent, for `shown` on screen (an article
    opened by it, say)."""
    app = PtyReader(args, env=env, cols=cols, rows=rows)
    app.read(30.0, until=ready)
    app.read(0.5)
    for key in keys:
        if isinstance(key, tuple):
            key, shown = key
            app.send(key)
            app.read(30.0, until=shown)
        else:
            app.send(key)
    return app.quit()
