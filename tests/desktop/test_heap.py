"""Collection held off while blocks run, on any thread, and back on after the last."""

import gc
import threading

from econplan.desktop import heap
from view_helpers import collection_back_on, default_tab


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


def test_a_started_thread_never_collects_and_collection_comes_back_after(
        collector_on, monkeypatch):
    assert collection_back_on()
    seen = []
    failures = []
    monkeypatch.setattr(threading, "excepthook", lambda args: failures.append(args.exc_type))

    def work(fail: bool) -> None:
        seen.append(gc.isenabled())
        if fail:
            raise ValueError("the target failed")

    heap.start_thread(work, False, name="test-worker").join(10)
    assert gc.isenabled()
    failing = heap.start_thread(work, True, name="test-failing-worker")
    failing.join(10)
    assert seen == [False, False]
    assert failures == [ValueError]
    assert gc.isenabled()  # a failing target gives collection back too


def test_the_serving_calibration_runs_on_a_thread_that_never_collects(
        catalog, qtbot, monkeypatch, collector_on):
    from econplan.desktop import breakeven_tab
    from econplan.desktop.breakeven_tab import BreakevenTab

    seen = []
    monkeypatch.setattr(breakeven_tab, "warm_calibration",
                        lambda _catalog: seen.append(gc.isenabled()))
    default_tab(qtbot, catalog, BreakevenTab)
    qtbot.waitUntil(lambda: bool(seen), timeout=10_000)
    assert seen == [False]
    assert collection_back_on()
