"""Python's garbage collector during a start: off until the first frame, then back on with
everything made by then frozen.

A start makes some 117,000 objects (Textual, the reader's modules, the parsed piece, the
widgets) and hardly any garbage: the collector went through them about 150 times before the
first frame, once in full (23–60 ms of a start on a 2-core machine), to free some 3,800
objects (460 KB). `pause` (the open command, before Textual is imported) turns it off;
`resume` (the app, once the first frame is on screen) moves every object alive then into the
permanent generation (`gc.freeze`), which no collection goes through again, and turns the
collector back on, so that the reading's own garbage is collected as before. Without the
freeze the first collection after the start would go through all of them at once. The
garbage of the start is kept rather than freed: a few hundred KB, once.
"""

from __future__ import annotations

import gc

_paused = False


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
