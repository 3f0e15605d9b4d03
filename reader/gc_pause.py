"""Python's garbage collector during a start (off until the first frame, then back on with
everything made by then frozen) and while a piece loads (no full collection until it is in).

A start makes some 117,000 objects (Textual, the reader's modules, the parsed piece, the
widgets) and hardly any garbage: the collector went through them about 150 times before the
first frame, once in full (23–60 ms of a start on a 2-core machine), to free some 3,800
objects (460 KB). `pause` (the open command, before Textual is imported) turns it off;
`resume` (the app, once the first frame is on screen) moves every object alive then into the
permanent generation (`gc.freeze`), which no collection goes through again, and turns the
collector back on, so that the reading's own garbage is collected as before. Without the
freeze the first collection after the start would go through all of them at once. The
garbage of the start is kept rather than freed: a few hundred KB, once.

A full collection goes through every object alive, and a long piece makes many: the
200k-word one 150,000, the 100,000-turn one 900,000. While it loaded, the collector ran in
full each time the old objects had grown by a quarter: 4 times (25-40 ms each) at 200k
words, 24 times (up to 110 ms, 1.45 s in all, nothing freed) at 100,000 turns, each a stall
of the app; and while it was read, every full collection went through it again (40-60 ms
at 200k words, falling on a PgDn or a resize). `loading` holds full collections off while
a load runs (young objects are still collected). A load that made many objects (`MANY`
young collections' worth: a long piece) then collects in full once, in the load's thread
before the piece is shown, and freezes what is left: the piece, which no collection goes
through again while it is read. What an earlier such load froze is unfrozen first, so that
the collection frees what died meanwhile in reference cycles (Textual's strips, a sidebar's
old rows, the last piece): freezing without it kept them for good, 115,000 objects (15 MB)
after eight pieces opened. A short piece collects nothing: a full collection of the app
(its library's entries too) would cost its opening more than it saves.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Iterator
from contextlib import contextmanager

FULL_HELD = 1 << 30  # young collections between two full ones while a load runs: never
MANY = 50  # young collections during a load (each some 700 objects) that make it a long one

_paused = False
_loads = 0  # loads running (one replaced by another may still be ending)
_loads_lock = threading.Lock()
_held_threshold = 10  # the full collections' threshold to restore
_young_before = 0  # young collections made before the loads running began


def pause() -> None:
    """Turn the collector off for the start (if it is on)."""
    global _paused
    if gc.isenabled():
        gc.disable()
        _paused = True


def resume() -> None:
    """After the first frame: freeze what exists and turn the collector back on, if `pause`
    turned it off (an app run by the tests, or started otherwise, leaves it as it is)."""
    global _paused
    if _paused:
        _paused = False
        gc.freeze()
        gc.enable()


@contextmanager
def loading() -> Iterator[None]:
    """No full collection while the block runs (in any thread); once no other load is
    running, after a long load, one, and what is left frozen (see the module). While the
    collector is off for the start (`pause`), the first frame freezes instead."""
    global _loads, _held_threshold, _young_before
    with _loads_lock:
        if _loads == 0:
            young, middle, _held_threshold = gc.get_threshold()
            gc.set_threshold(young, middle, FULL_HELD)
            _young_before = _young_collections()
        _loads += 1
    try:
        yield
    finally:
        with _loads_lock:
            _loads -= 1
            if _loads == 0:
                young, middle, _ = gc.get_threshold()
                gc.set_threshold(young, middle, _held_threshold)
                if gc.isenabled() and _young_collections() - _young_before >= MANY:
                    gc.unfreeze()
                    gc.collect()
                    gc.freeze()


def _young_collections() -> int:
    return gc.get_stats()[0]["collections"]
