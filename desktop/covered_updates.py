"""Updates that wait while their page of a tab widget is covered by another page.

The results of a tab keep some widgets on pages of a small tab widget (the distribution
chart beside the cost table, the memory checks): on screen one at a time. Redrawing a
covered page on every slider tick costs a tick's worth of work nobody sees, so its
update is kept (the latest one wins) and runs when the page is shown, before its first
paint. A widget in a window that is not on screen updates at once (tests, exports).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtGui import QShowEvent


class DeferWhileCovered:
    """Mixin for a QWidget on a page of a tab widget; put it before the Qt base."""

    _deferred: tuple[Callable[..., None], tuple[Any, ...]] | None = None

    def defer_while_covered(self, update: Callable[..., None], *args: Any) -> bool:
        """True if ``update(self, *args)`` was kept for the showing of this widget's page.

        ``update`` is the class's function, not a bound method or a closure: kept on the
        widget, those would hold the widget in a reference cycle, and a plot widget freed
        later by the cycle collector, in the middle of another window's layout, crashed
        pyqtgraph (seen in the suite).
        """
        if self.isVisible() or not self.window().isVisible():  # type: ignore[attr-defined]
            self._deferred = None
            return False
        self._deferred = (update, args)
        return True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)  # type: ignore[misc]
        deferred, self._deferred = self._deferred, None
        if deferred is not None:
            update, args = deferred
            update(self, *args)
