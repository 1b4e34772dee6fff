"""Collection held off while blocks run, on any thread, and back on after the last."""

import gc
import threading

from econplan.desktop import heap
from view_helpers import collection_back_on


def test_overlapping_pauses_restore_collection_once_the_last_ends(collector_on):
    assert collection_back_on()
    inside = threading.Event()
    release = threading.Event()

    def worker() -> None:
        with heap.no_collections():
            inside.set()
            release.wait(10)

    thread = threading.Thread(target=worker)
    thread.start()
    assert inside.wait(10)
    with heap.no_collections():
        assert not gc.isenabled()
    assert not gc.isenabled()  # the worker's block still runs
    release.set()
    thread.join(10)
    assert gc.isenabled()


def test_a_pause_leaves_collection_off_if_it_was_off(collector_on):
    assert collection_back_on()
    gc.disable()
    try:
        with heap.no_collections():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
