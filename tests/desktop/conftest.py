"""Shared fixtures for the window tests."""

import gc

import pytest
from PySide6.QtWidgets import QMessageBox


@pytest.fixture(autouse=True)
def garbage_freed_on_this_thread():
    """Free each test's dropped windows and tabs here, on the GUI thread, once it ends.

    Left to the cycle collector, they were freed whenever some thread next allocated
    past its threshold (in a pytest-xdist worker, possibly the thread that receives the
    controller's messages). A batch of the window tests crashed a worker in the next
    test's event processing, or at exit in PySide's clean-up, in each of three runs
    before this fixture and in none after it.
    """
    yield
    gc.collect()


@pytest.fixture
def window(qtbot, catalog, monkeypatch):
    """A shown main window that never blocks on the unsaved-changes question."""
    from econplan.desktop.main_window import MainWindow

    win = MainWindow(catalog)
    monkeypatch.setattr(win, "ask_save_changes", lambda: QMessageBox.StandardButton.Discard)
    qtbot.addWidget(win)
    win.show()
    return win
