"""Updates that wait while their page of a tab widget is covered by another page.

The results of a tab keep some widgets on pages of a small tab widget (the distribution
chart beside the cost table, the memory checks): on screen one at a time. Redrawing a
covered page on every slider tick costs a tick's worth of work nobody sees, so its
update is kept (the latest one wins) and runs when the page is shown, before its first
paint. A widget in a window that is not on screen updates at once (tests, exports).
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtGui import QShowEvent


class DeferWhileCovered:
    """Mixin for a QWidget on a page of a tab widget; put it before the Qt base."""

    _deferred_update: Callable[[], None] | None = None

    def defer_while_covered(self, update: Callable[[], None]) -> bool:
        """True if ``update`` was kept for the showing of this widget's page."""
        if self.isVisible() or not self.window().isVisible():  # type: ignore[attr-defined]
            self._deferred_update = None
            return False
        self._deferred_update = update
        return True

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)  # type: ignore[misc]
        update, self._deferred_update = self._deferred_update, None
        if update is not None:
            update()
