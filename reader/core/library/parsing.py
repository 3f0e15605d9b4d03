"""Bundles parsed for the library cache: what a scan writes of each one (its signature, list
entry and search passages), parsed in this process or, for a cold scan of many, in a pool of
processes.

Apart from the cache (`cache.py`) because it is another kind of work with troubles of its
own: the cache is SQLite under a thread lock, while parsing is pure Python that runs on one
core at a time, so many bundles are shipped to other processes, with what that brings
(spawned workers, Ctrl+C reaching them, a pool that cannot start or breaks). What a worker
runs (`_parse_plain`) and returns (`Parsed`) must be importable and picklable.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
import sys
import threading
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from reader.core.bundle import load_bundle
from reader.core.catalog import Entry, entry_from
from reader.core.library import fts
from reader.core.library.records import UNKNOWN_BODY, signature

POOL_FROM = 64  # bundles to parse before a pool of processes pays for starting
POOL_CHUNK = 16  # bundles handed to a process at a time


@dataclass
class Parsed:
    path: Path
    signature: str
    body: str
    entry: Entry
    rows: list[tuple]


def parse_all(
    todo: list[tuple[int, Path, str]], cancelled: Callable[[], bool] | None
) -> Iterator[tuple[int, Parsed]]:
    """Each bundle of `todo` parsed, in order. Parsing is pure Python, one core at a time:
    many bundles (a cold scan) are parsed in a pool of processes, one per core, while this
    thread writes what they return; a few are parsed here. A pool that cannot start or
    breaks leaves the rest to this thread."""
    workers = os.cpu_count() or 1
    done = 0
    if workers > 1 and len(todo) >= POOL_FROM:
        try:
            # spawned, never forked: the app that scans has threads of its own
            context = multiprocessing.get_context("spawn")
            _start_resource_tracker()
            pool = ProcessPoolExecutor(workers, mp_context=context)
        except (OSError, ValueError):
            pool = None
        if pool is not None:
            try:
                jobs = [(path, body) for _, path, body in todo]
                with _interrupt_ignored():  # map starts the processes, ignoring Ctrl+C
                    results = pool.map(_parse_plain, jobs, chunksize=POOL_CHUNK)
                for parsed in results:
                    yield todo[done][0], parsed
                    done += 1
            except BrokenProcessPool:
                pass
            finally:
                pool.shutdown(wait=False, cancel_futures=True)
    for i, path, body in todo[done:]:
        yield i, parse(path, body, cancelled)


def _start_resource_tracker() -> None:
    """Start multiprocessing's resource tracker, which a pool needs, with a standard error
    that has a file descriptor. Under Textual, sys.stderr is the app's capture, whose
    fileno() is -1; the tracker passes that to its process, and starting it fails ("bad
    value(s) in fds_to_keep", Textual issue 3593). Then every cold scan in the app parsed
    in one process, at half the speed of `reader list`. The tracker writes its rare warnings
    to /dev/null then, not over the app's screen. Swapped for as long as the start takes."""
    from multiprocessing import resource_tracker

    try:
        usable = sys.stderr is not None and sys.stderr.fileno() >= 0
    except (OSError, ValueError):
        usable = False
    if usable:
        resource_tracker.ensure_running()
        return
    with open(os.devnull, "w") as quiet:
        captured, sys.stderr = sys.stderr, quiet
        try:
            resource_tracker.ensure_running()
        finally:
            sys.stderr = captured


@contextmanager
def _interrupt_ignored() -> Iterator[None]:
    """SIGINT ignored while a pool starts its processes, which keep it ignored (an ignored
    signal stays so across exec, and Python then leaves it alone): Ctrl+C on the command
    line is the parent's to handle (it stops the scan and exits 130), and workers in its
    process group would each print a traceback. Only the main thread may set a handler;
    elsewhere (the app's scan thread, whose terminal sends no SIGINT) nothing changes."""
    if threading.current_thread() is not threading.main_thread():
        yield
        return
    previous = signal.signal(signal.SIGINT, signal.SIG_IGN)
    try:
        yield
    finally:
        signal.signal(signal.SIGINT, previous)


def _parse_plain(job: tuple[Path, str]) -> Parsed:
    """`parse` in a pool's process (where nothing can be cancelled: the scan stops taking
    results instead)."""
    return parse(*job, None)


def parse(path: Path, body: str, cancelled: Callable[[], bool] | None) -> Parsed:
    """Parse one bundle; the signature is taken first, so an edit made meanwhile is seen
    as a change by the next scan."""
    before = signature(path, body)
    loaded = load_bundle(path, cancelled=cancelled)
    article = loaded.article
    actual = article.body_path.name if article and article.body_path != path else UNKNOWN_BODY
    sig = before if actual == body else signature(path, actual)
    rows = list(fts.passages(article)) if article is not None else []
    return Parsed(path, sig, actual, entry_from(loaded), rows)
