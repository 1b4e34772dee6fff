"""Keep Python's cycle collector off the slider path.

A full (generation 2) collection walks every object the app holds — about 170,000 once
the window is built: Qt wrappers, pyqtgraph items, pydantic models, catalog frames — and
was measured at ~230 ms, arriving every few dozen slider ticks as a visible stall. Those
objects live as long as the window, so once it is built they are moved out of the
collector's sight (``gc.freeze``); later collections walk only what the ticks allocate.

Only the running app does any of this (``start_window`` turns it on before anything
else): a test process creates and drops windows, frozen objects are never collected, and
changing when collections come in a process that drops windows is a risk for nothing
(the suite crashed once, in a chart's layout, while tests ran with it).

Start-up is the same story earlier: the libraries' modules, classes and functions
(~100,000 objects) live as long as the process, and building the first window ran young
and full collections over them (~0.1–0.3 s of a cold start) that freed nothing worth it.
``freeze_imports`` takes them out of sight when the Qt application is created and holds
automatic collection off until the first window has painted (``start_up_done``):
importing the window's modules and building it allocate what stays, and the young
collections in between (~20 ms) freed nothing worth it. The ``econplan`` command holds
collection off from before it imports the libraries (``econplan.cli.hold_collection``):
importing them and the core ran ~230 collections, 70–100 ms of a start, over objects that
all stay. ``collector_paused`` holds collections off while any later window or tab is
built, collecting its young garbage once after.

``no_collections`` holds them off while the Monte Carlo runs on its worker thread, and
``start_thread`` while any other Python thread runs (the serving calibration), in the app
and in tests alike. Python collects in whichever thread allocates past its threshold, and
these threads allocate a lot: a collection there freed whatever Qt wrappers had become
garbage (a closed window's) on the wrong thread. The suite deadlocked that way: the worker
held Qt's lock inside ``~QObject`` waiting for the interpreter lock, which the GUI thread
held while it waited for Qt's lock. A Qt object freed off its thread also leaves its
timers registered (``~QObject`` cannot stop them there): the next one to fire is
delivered to freed memory, and the process crashes.
"""

from __future__ import annotations

import gc
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager

_enabled = False
_pause_lock = threading.Lock()
_pauses = 0  # pauses now held, on any thread (no_collections blocks, the start-up)
_resume = False  # whether collection was on when the first of them began
_starting_up = False  # the start-up pause is held: freeze_imports until start_up_done


def enable() -> None:
    global _enabled
    _enabled = True


def freeze_long_lived() -> None:
    """Freeze what exists now (the window, a newly built tab) after a young collection."""
    if not _enabled:
        return
    gc.collect(1)  # the young garbage of building; a full collection would cost ~0.2 s
    gc.freeze()


def freeze_imports() -> None:
    """Freeze what exists now: at the Qt application's creation, the imported libraries
    (nothing there is ever dropped; a few cycles of import garbage stay too). No automatic
    collection from now until ``start_up_done``, and collection on after it even when the
    command held it off before the imports (``econplan.cli.hold_collection``)."""
    global _starting_up, _resume
    if _enabled:
        gc.freeze()
        if not _starting_up:
            _starting_up = True
            _pause()
            with _pause_lock:
                _resume = True


def start_up_done() -> None:
    """The first window has painted: collection as before the start-up (later calls, and
    calls in a process that never paused, do nothing)."""
    global _starting_up
    if _starting_up:
        _starting_up = False
        _unpause()


@contextmanager
def collector_paused() -> Iterator[None]:
    """No cycle collection while the block runs (a window being built allocates tens of
    thousands of long-lived objects); the next collection walks them once."""
    if not _enabled:  # a test process: collections as ever, whenever they come
        yield
        return
    with no_collections():
        yield


@contextmanager
def no_collections() -> Iterator[None]:
    """No automatic collection, in any thread, while the block runs (blocks may overlap
    and run on several threads; collection comes back when the last one ends)."""
    _pause()
    try:
        yield
    finally:
        _unpause()


def start_thread(target: Callable[..., object], *args: object, name: str) -> threading.Thread:
    """``target(*args)`` on a new daemon thread, with no collection from before the
    thread starts until ``target`` returns (its own start-up allocates too)."""

    def run() -> None:
        try:
            target(*args)
        finally:
            _unpause()

    _pause()
    thread = threading.Thread(target=run, daemon=True, name=name)
    try:
        thread.start()
    except BaseException:
        _unpause()
        raise
    return thread


def collection_paused() -> bool:
    """Whether a pause is held now, on any thread."""
    return _pauses > 0


def _pause() -> None:
    global _pauses, _resume
    with _pause_lock:
        if _pauses == 0:
            _resume = gc.isenabled()
            gc.disable()
        _pauses += 1


def _unpause() -> None:
    global _pauses
    with _pause_lock:
        _pauses -= 1
        if _pauses == 0 and _resume:
            gc.enable()
