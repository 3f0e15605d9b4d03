"""reader/gc_pause.py: the collector is off for a start and back on after its first frame."""

from __future__ import annotations

import gc
import weakref

import pytest

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


class Node:
    """A piece of the kind of garbage a pane leaves: it refers to itself."""

    def __init__(self) -> None:
        self.me = self


def a_long_piece() -> list[list[int]]:
    """As many objects as a long piece makes (more than `MANY` young collections' worth)."""
    return [[n] for n in range(gc_pause.MANY * 2000)]


def test_a_long_load_holds_full_collections_off_then_collects_and_freezes_what_is_left():
    young, middle, full = gc.get_threshold()
    try:
        with gc_pause.loading():
            assert gc.get_threshold() == (young, middle, gc_pause.FULL_HELD)
            kept = a_long_piece()
            dead = weakref.ref(Node())  # garbage that only a full collection frees
        assert gc.get_threshold() == (young, middle, full)
        assert dead() is None
        assert gc.get_freeze_count() >= len(kept)  # not gone through again while it is read
    finally:
        gc.unfreeze()


def test_a_short_load_collects_and_freezes_nothing():
    threshold, frozen = gc.get_threshold(), gc.get_freeze_count()
    with gc_pause.loading():
        kept = [[n] for n in range(100)]
    assert gc.get_threshold() == threshold and gc.get_freeze_count() == frozen and kept


def test_the_next_long_load_unfreezes_so_that_what_died_in_cycles_is_freed():
    try:
        with gc_pause.loading():
            kept, node = a_long_piece(), Node()
        dead = weakref.ref(node)
        del node, kept  # died frozen (the last piece, replaced by the next)
        assert dead() is not None
        with gc_pause.loading():
            assert a_long_piece()
        assert dead() is None
    finally:
        gc.unfreeze()


def test_during_the_start_the_first_frame_freezes_instead():
    gc_pause.pause()
    try:
        with gc_pause.loading():
            pass
        assert gc.get_freeze_count() == 0 and not gc.isenabled()
    finally:
        gc_pause.resume()
        gc.unfreeze()


def test_a_load_replaced_by_another_restores_the_collector_when_both_end():
    threshold = gc.get_threshold()
    first, second = gc_pause.loading(), gc_pause.loading()
    try:
        first.__enter__()
        second.__enter__()  # opened while the first was still reading (it ends later)
        kept = a_long_piece()
        first.__exit__(None, None, None)
        assert gc.get_threshold()[2] == gc_pause.FULL_HELD and gc.get_freeze_count() == 0
        second.__exit__(None, None, None)
        assert gc.get_threshold() == threshold and gc.get_freeze_count() >= len(kept)
    finally:
        gc.unfreeze()


def test_a_load_that_fails_restores_the_collector():
    threshold = gc.get_threshold()
    try:
        with pytest.raises(OSError), gc_pause.loading():
            raise OSError("the bundle went away")
        assert gc.get_threshold() == threshold
    finally:
        gc.unfreeze()
