"""Leave cleanly on SIGTERM (`kill PID`, a logout), SIGHUP (the terminal was closed), SIGINT
(`kill -INT PID`; the Ctrl+C *key* in the app is a quit key, like q), and when the terminal
goes away without a signal.

Python's default for these signals is to end the process on the spot, or to raise
KeyboardInterrupt wherever the app happens to be: the place read since the last autosave is
lost and, after SIGTERM, the terminal is left in the alternate screen with mouse reporting on.
Here they go through the app's own quit, on its event loop: the place is saved first, then
Textual restores the terminal as after `q` (after SIGHUP there is no terminal left to restore,
and writing to it fails quietly). The exit status is 128 + the signal's number, as a shell
reports a process ended by that signal: 143 for SIGTERM, 129 for SIGHUP, 130 for SIGINT.

Two ways that could leave a process running for ever, found from outside:
- A terminal that goes away without sending SIGHUP (the app was not its controlling process:
  started under `setsid`, or by a harness that kept the terminal to itself). Textual's input
  thread then reads end-of-file in a loop and its output thread dies on the first write, so
  the app spun at a fifth of a core with nobody to see it. A watcher thread waits for the
  terminal's hang-up (poll reports POLLHUP on it) and leaves as SIGHUP would.
- An event loop that cannot run the quit: once Textual's output thread has died, the 31st
  frame blocks the loop for good. So the handlers are plain `signal.signal` handlers (they run
  between two bytecodes of the main thread, even while it waits on a lock), and each arms a
  last resort: if the process has not ended `LAST_RESORT_SECONDS` later, it ends there, with
  the same status (the place is then the last autosave's).
"""

from __future__ import annotations

import asyncio
import contextlib
import os
import select
import signal
import threading
import time
from collections.abc import Callable
from functools import partial

SIGNALS = tuple(
    getattr(signal, name) for name in ("SIGTERM", "SIGHUP", "SIGINT") if hasattr(signal, name)
)
HANG_UP = 128 + getattr(signal, "SIGHUP", 1)
LAST_RESORT_SECONDS = 10.0
GONE = (
    getattr(select, "POLLHUP", 0) | getattr(select, "POLLERR", 0) | getattr(select, "POLLNVAL", 0)
)


def install(quit_saving: Callable[[int], object], *, watch_terminal: bool) -> Callable[[], None]:
    """Call `quit_saving(status)` on the running loop when a signal comes or (with
    `watch_terminal`) when the terminal on stdin hangs up. Returns what undoes it: the
    previous signal handlers come back and the watcher stops."""
    loop = asyncio.get_running_loop()
    stopped = threading.Event()
    leaving = threading.Event()

    def leave(status: int) -> None:  # in a signal handler or the watcher thread
        if stopped.is_set() or leaving.is_set():
            return
        leaving.set()
        threading.Thread(target=_last_resort, args=(status,), daemon=True).start()
        with contextlib.suppress(RuntimeError):  # a closed loop: the last resort ends it
            loop.call_soon_threadsafe(quit_saving, status)

    previous = {}
    if threading.current_thread() is threading.main_thread():  # signal.signal needs it
        for signum in SIGNALS:
            previous[signum] = signal.signal(signum, lambda number, _frame: leave(128 + number))
    if watch_terminal and GONE and os.isatty(0):
        hung_up = partial(leave, HANG_UP)
        threading.Thread(target=_watch, args=(0, stopped, hung_up), daemon=True).start()

    def undo() -> None:
        stopped.set()
        for signum, handler in previous.items():
            signal.signal(signum, handler)

    return undo


def _watch(fd: int, stopped: threading.Event, hung_up: Callable[[], None]) -> None:
    """Wait for the terminal on `fd` to hang up. Polled for no event at all, so only a
    hang-up or an error wakes it: the keys typed stay for Textual to read."""
    poller = select.poll()
    poller.register(fd, 0)
    while not stopped.is_set():
        if any(mask & GONE for _fd, mask in poller.poll(1000)):
            hung_up()
            return


def _last_resort(status: int) -> None:
    """End the process if the app's own quit has not ended it by now (see the module)."""
    time.sleep(LAST_RESORT_SECONDS)
    os._exit(status)
