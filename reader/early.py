"""What a worker thread hands the app before its panes are mounted, so the first frame has it.

A piece opened at start is read in a thread while the panes are being made. Handed over with
`call_from_thread`, its result waited until the app's thread was done making them, and then
for the first frame to be drawn: the first frame showed empty panes, and the text came a
frame later (about a tenth of a second). Here the thread leaves its result instead, and the
app, once the panes are mounted, waits a moment for the results it expects (`take`): drawn
from the start, the first frame has the text. After `take`, results go by `call_from_thread`
as before (`offer` says so).
"""

from __future__ import annotations

import threading
import time
from collections.abc import Callable

Show = Callable[[], None]


class Early:
    def __init__(self) -> None:
        self._lock = threading.Condition()
        self._shows: list[Show | None] | None = []  # None: taken; results go the usual way
        self._expected = 0  # loads begun before `take`, each offering once (or nothing)

    def expect(self) -> None:
        """A load begins that will `offer` its first result (the app's thread)."""
        with self._lock:
            if self._shows is not None:
                self._expected += 1

    def offer(self, show: Show | None) -> bool:
        """From the thread: keep `show` (None: the load has nothing to show, it failed or was
        cancelled) for `take`. False once taken: then hand it over as usual."""
        with self._lock:
            if self._shows is None:
                return False
            self._shows.append(show)
            self._lock.notify_all()
            return True

    def take(self, timeout: float) -> list[Show]:
        """The results kept so far, in order, after waiting up to `timeout` seconds for one
        from every load expected (the app's thread, once the panes are mounted)."""
        deadline = time.monotonic() + timeout
        with self._lock:
            shows = self._shows if self._shows is not None else []
            while len(shows) < self._expected and (left := deadline - time.monotonic()) > 0:
                self._lock.wait(left)
            self._shows = None
        return [show for show in shows if show is not None]
