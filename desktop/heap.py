"""Keep Python's cycle collector off the slider path.

A full (generation 2) collection walks every object the app holds — about 170,000 once
the window is built: Qt wrappers, pyqtgraph items, pydantic models, catalog frames — and
was measured at ~230 ms, arriving every few dozen slider ticks as a visible stall. Those
objects live as long as the window, so once it is built they are moved out of the
collector's sight (``gc.freeze``); later collections walk only what the ticks allocate.

Only the running app does this (``start_window`` turns it on): a test process creates
and drops windows, and frozen objects are never collected.
"""

from __future__ import annotations

import gc

_enabled = False


def enable() -> None:
    global _enabled
    _enabled = True


def freeze_long_lived() -> None:
    """Freeze what exists now (the window, a newly built tab) after a young collection."""
    if not _enabled:
        return
    gc.collect(1)  # the young garbage of building; a full collection would cost ~0.2 s
    gc.freeze()
