"""Whether an edit is one of a burst (a drag, a held arrow key, undo held down).

The plan session has one (``PlanSession.edit_burst``: one document, one burst) and
tells it of every edit of the document. An edit within ``QUIET_MS`` of the one before is
in a burst (``on``); the first edit after a pause, and the first after the document was
replaced (New, Open, an example), are not. Once the edits stop for ``QUIET_MS``,
``settled`` is emitted, and a chart does what it left for later: its names placed in
full (``label_placement.NamesFollowEdits``).
"""

from __future__ import annotations

from econplan.desktop.column_fit import NARROW_AFTER_MS
from PySide6.QtCore import QObject, QTimer, Signal

QUIET_MS = NARROW_AFTER_MS  # the pause that ends a drag, as for a table's columns


class EditBurst(QObject):
    settled = Signal()  # the edits stopped for QUIET_MS after a burst began

    def __init__(self, parent: QObject | None = None):
        super().__init__(parent)
        self.on = False
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(QUIET_MS)
        self._timer.timeout.connect(self._stop)

    def edit(self) -> None:
        """An edit was made now."""
        self.on = self._timer.isActive()
        self._timer.start()

    def restart(self) -> None:
        """The document was replaced: the next edit is made from rest."""
        self._timer.stop()
        self.on = False

    def settle_now(self) -> None:
        """End the burst now, doing what waited for it to end (benchmarks that time each
        edit from rest, tests)."""
        if self._timer.isActive():
            self._timer.stop()
            self._stop()

    def _stop(self) -> None:
        self.on = False
        self.settled.emit()
