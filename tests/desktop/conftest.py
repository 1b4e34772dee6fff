"""Shared fixtures for the window tests."""

import contextlib
import gc
import time

import pytest
from PySide6.QtWidgets import QMessageBox


@pytest.fixture
def window(qtbot, catalog, monkeypatch):
    """A shown main window that never blocks on the unsaved-changes question."""
    from econplan.desktop.main_window import MainWindow

    win = MainWindow(catalog)
    monkeypatch.setattr(win, "ask_save_changes", lambda: QMessageBox.StandardButton.Discard)
    qtbot.addWidget(win)
    win.show()
    yield win
    # Closed, the window lives on until an event loop deletes it, often in a later test:
    # its Monte Carlo, asked for by an edit here, must not start there (it ran through that
    # test's patched functions and took a core from its timings).
    with contextlib.suppress(RuntimeError):  # a test that deleted the window itself
        win.session.hold_draws()


def _no_pause_held(timeout_s: float = 30.0) -> bool:
    from econplan.desktop import heap

    deadline = time.monotonic() + timeout_s
    while heap.collection_paused() and time.monotonic() < deadline:
        time.sleep(0.01)
    return not heap.collection_paused()


@pytest.fixture
def collector_on():
    """Automatic collection on for one test (the tests of when the app pauses it), off
    again after. Both wait for the app's pauses to end: one held from an earlier test (its
    draws or calibration may still run) would keep a new one from turning collection off,
    and one ending after this test would turn it back on for the rest of the suite."""
    assert _no_pause_held()
    gc.enable()
    yield
    assert _no_pause_held()
    gc.disable()
