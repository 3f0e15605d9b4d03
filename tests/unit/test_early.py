"""reader/early.py: results a loader thread leaves for the app's first frame."""

from __future__ import annotations

import threading
import time

from reader.early import Early


def test_results_kept_before_take_are_shown_in_order_and_later_ones_go_the_usual_way():
    early, shown = Early(), []
    early.expect()
    assert early.offer(lambda: shown.append("preview"))
    assert early.offer(lambda: shown.append("whole"))
    for show in early.take(timeout=1):
        show()
    assert shown == ["preview", "whole"]
    assert not early.offer(lambda: shown.append("late"))  # after take: call_from_thread


def test_take_waits_for_a_load_still_running():
    early, shown = Early(), []
    early.expect()
    thread = threading.Timer(0.05, lambda: early.offer(lambda: shown.append("preview")))
    thread.start()
    started = time.monotonic()
    shows = early.take(timeout=30)
    assert len(shows) == 1 and time.monotonic() - started < 25
    thread.join()


def test_take_waits_no_longer_than_its_timeout_nor_for_a_load_with_nothing_to_show():
    early = Early()
    early.expect()
    assert early.take(timeout=0.05) == []  # a slow load: the first frame does not wait on
    nothing = Early()
    nothing.expect()
    nothing.offer(None)  # failed or cancelled
    started = time.monotonic()
    assert nothing.take(timeout=30) == [] and time.monotonic() - started < 25


def test_nothing_expected_nothing_waited_for():
    started = time.monotonic()
    assert Early().take(timeout=30) == [] and time.monotonic() - started < 25
