"""A main window that fits the screen it opens on.

The first start opens at a comfortable size capped to the screen's available area; a
saved geometry is restored only when it still fits the current screen (a laptop unplugged
from its monitor gets a window it can see, not one half off screen).
"""

from __future__ import annotations

from PySide6.QtCore import QByteArray, QRect, QSize
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QMainWindow

PREFERRED_SIZE = QSize(1480, 900)
SCREEN_SHARE = 0.94  # leave a margin of the work area around a new window
GEOMETRY_KEY = "mainWindow/geometry"
STATE_KEY = "mainWindow/state"


def initial_size(available: QRect) -> QSize:
    """The preferred size, shrunk to a share of the available area when that is smaller."""
    return QSize(min(PREFERRED_SIZE.width(), int(available.width() * SCREEN_SHARE)),
                 min(PREFERRED_SIZE.height(), int(available.height() * SCREEN_SHARE)))


def fits(frame: QRect, available: QRect) -> bool:
    """Whether a window frame lies inside the screen's available area."""
    return frame.isValid() and available.contains(frame)


def available_geometry(window: QMainWindow) -> QRect:
    screen = window.screen() or QGuiApplication.primaryScreen()
    return screen.availableGeometry() if screen is not None else QRect(0, 0, 1366, 728)


def place_new(window: QMainWindow) -> None:
    """Open at ``initial_size`` in the middle of the available area."""
    available = available_geometry(window)
    size = initial_size(available)
    size = size.expandedTo(window.minimumSizeHint().boundedTo(available.size()))
    window.resize(size)
    frame = QRect(available.topLeft(), size)
    frame.moveCenter(available.center())
    window.move(frame.topLeft())


def restore(window: QMainWindow, geometry, state) -> bool:
    """Restore the saved geometry (and dock/tool bar state) if it fits; else ``place_new``.

    True when the saved geometry was used.
    """
    if isinstance(state, QByteArray) and not state.isEmpty():
        window.restoreState(state)
    restored = (isinstance(geometry, QByteArray) and not geometry.isEmpty()
                and window.restoreGeometry(geometry))
    if restored and (window.isMaximized()
                     or fits(window.frameGeometry(), available_geometry(window))):
        return True
    place_new(window)
    return False
