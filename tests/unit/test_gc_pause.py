"""reader/gc_pause.py: the collector is off for a start and back on after its first frame."""

from __future__ import annotations

import gc

from reader import gc_pause
from reader.paths import sample_library


def test_resuming_without_a_pause_changes_nothing():
    frozen = gc.get_freeze_count()
    gc_pause.resume()
    assert gc.isenabled() and gc.get_freeze_count() == frozen


def test_the_start_is_frozen_and_the_collector_back_on():
    gc_pause.pause()
    assert not gc.isenabled()
    try:
        gc_pause.resume()
        assert gc.isenabled() and gc.get_freeze_count() > 0
        gc_pause.resume()  # once only
    finally:
        gc.unfreeze()
        gc.enable()


async def test_the_app_turns_it_back_on_once_its_first_frame_is_drawn():
    from reader.app import ReaderApp

    gc_pause.pause()
    try:
        app = ReaderApp(sample_library())
        async with app.run_test(size=(120, 40)) as pilot:
            await pilot.pause()
            assert gc.isenabled()
    finally:
        gc.unfreeze()
        gc.enable()
