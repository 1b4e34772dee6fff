"""A note or warning box that comes at once and gives its room back only once the inputs
are quiet.

A drag across a threshold (a published run like the plan's, a warning's limit) showed and
hid such a box several times a second: each time, the charts and tables under it jumped
by its height, and the whole results page was laid out and painted again (~16 ms of GUI
thread, against ~9 ms for a tick that moves nothing; the Training tab's 60 Hz drag had a
p95 of 21 ms). So while edits keep coming the box never shrinks: a note that goes leaves
its room empty, and the room goes ``QUIET_MS`` after the last edit. A box that grows
(a new note, a longer one) grows at once: nothing is ever cut.
"""

from __future__ import annotations

from econplan.desktop.column_fit import NARROW_AFTER_MS
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

QUIET_MS = NARROW_AFTER_MS  # the pause that ends a drag, as for a table's columns


class SteadyNote(QWidget):
    """Holds ``label`` (a wrapped note or warning); ``show_text("")`` takes the note away."""

    def __init__(self, label: QLabel, parent: QWidget | None = None):
        super().__init__(parent)
        self.label = label
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(label)
        self._let_go_timer = QTimer(self)
        self._let_go_timer.setSingleShot(True)
        self._let_go_timer.setInterval(QUIET_MS)
        self._let_go_timer.timeout.connect(self._let_go)
        self.hide()

    def show_text(self, text: str) -> None:
        if not self.isHidden() and self.height() > self.minimumHeight():
            self.setMinimumHeight(self.height())  # the room it has, held through the edits
        if text:
            self.label.setText(text)
            self.label.show()
            self.show()
        else:
            self.label.hide()
            if self.minimumHeight() == 0:  # no room held: it goes now
                self.hide()
        if self.minimumHeight() > 0:
            self._let_go_timer.start()  # again: counted from the latest edit

    def holding(self) -> bool:
        """Whether it keeps room it may give back (tests)."""
        return self._let_go_timer.isActive()

    def _let_go(self) -> None:
        self.setMinimumHeight(0)
        if self.label.isHidden():
            self.hide()
