"""Shared fixtures for the window tests."""

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
    return win
