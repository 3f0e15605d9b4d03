"""Leave cleanly on SIGTERM (`kill PID`, a logout), SIGHUP (the terminal was closed) and
SIGINT (`kill -INT PID`; the Ctrl+C *key* in the app is a quit key, like q).

Python's default for these is to end the process on the spot, or to raise KeyboardInterrupt
wherever the app happens to be: the place read since the last autosave is lost and, after
SIGTERM, the terminal is left in the alternate screen with mouse reporting on. Here they go
through the app's own quit, on its event loop: the place is saved first, then Textual
restores the terminal as after `q` (after SIGHUP there is no terminal left to restore, and
writing to it fails quietly). The exit status is 128 + the signal's number, as a shell
reports a process ended by that signal: 143 for SIGTERM, 129 for SIGHUP, 130 for SIGINT.
"""

from __future__ import annotations

import asyncio
import signal
from collections.abc import Callable

SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGINT") if hasattr(signal, name)
)


def install(quit_saving: Callable[[int], object]) -> None:
    """Call `quit_saving(128 + signal number)` on the running loop when a signal comes."""
    loop = asyncio.get_running_loop()
    for signum in SIGNALS:
        try:
            loop.add_signal_handler(signum, quit_saving, 128 + signum)
        except (NotImplementedError, RuntimeError, ValueError):  # Windows; not the main thread
            return
