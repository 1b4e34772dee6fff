"""Collection held off while blocks run, on any thread, and back on after the last."""

import gc
import threading
import time

from econplan.desktop import heap


def _no_draws_running(timeout_s: float = 30.0) -> bool:
    """An earlier test's Monte Carlo may still run on its worker (collection off)."""
    deadline = time.monotonic() + timeout_s
    while not gc.isenabled() and time.monotonic() < deadline:
        time.sleep(0.01)
    return gc.isenabled()


def test_overlapping_pauses_restore_collection_once_the_last_ends():
    assert _no_draws_running()
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


def test_a_pause_leaves_collection_off_if_it_was_off():
    assert _no_draws_running()
    gc.disable()
    try:
        with heap.no_collections():
            pass
        assert not gc.isenabled()
    finally:
        gc.enable()
