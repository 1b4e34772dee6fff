"""A note or warning box that comes at once and gives its room back only once the inputs
are quiet.

A drag across a threshold (a published run like the plan's, a warning's limit) showed and
hid such a box several times a second: each time, the charts and tables under it jumped
by its height, and the whole results page was laid out and painted again (~16 ms of GUI
thread, against ~9 ms for a tick that moves nothing; the Training tab's 60 Hz drag had a
p95 of 21 ms). So while edits keep coming the box never shrinks: a note that goes leaves
its room empty, and the room goes ``QUIET_MS`` after the last edit. A box that grows
(a new note, a longer one) grows at once: nothing is ever cut.

A note that comes or grows still takes room from what is under it. Given a ``SteadyPane``
(``make_room_from``), it takes that room from the table under the charts, not from the
charts: a chart that changes height is laid out and painted whole again, its axes and
value labels placed anew (~8 ms each on the Training tab, where a tick's own repaint of
its changed bars is ~1 ms).
"""

from __future__ import annotations

from econplan.desktop.edit_burst import QUIET_MS
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QLabel, QVBoxLayout, QWidget

# How many lines of its text the table may lose below its own minimum while the charts are
# held: about two rows, for the half second of a drag (at 1366×768 the tables sit at their
# minimum, and without this the charts gave the room there every time).
LINES_LENT = 3


class SteadyPane:
    """Keeps ``pane`` (a tab's charts) at its height while the notes above it come or grow
    during a burst of edits: the room comes from ``below`` (the table under the charts),
    whose rows scroll, down to about two rows under its own minimum. When ``below`` has
    not that room, the charts give it, as before. Once the inputs are quiet (``QUIET_MS``
    after the last note), both are free again and the splitter shares the room out in
    its own proportions once more: one layout after the drag, as a note gives its room
    back."""

    def __init__(self, pane: QWidget, below: QWidget):
        self.pane = pane
        self.below = below
        # While held: the pane's own minimum and maximum height and the table's minimum.
        self._limits: tuple[int, int, int] | None = None
        self._free_timer = QTimer(pane)
        self._free_timer.setSingleShot(True)
        self._free_timer.setInterval(QUIET_MS)
        self._free_timer.timeout.connect(self._free)

    def make_room(self, growth: int) -> None:
        """A note above is about to grow by ``growth`` px (0 or less: only to change)."""
        if self._limits is None:
            if growth <= 0 or not self.pane.isVisible() or self._spare() < growth:
                return
            self._limits = (self.pane.minimumHeight(), self.pane.maximumHeight(),
                            self.below.minimumHeight())
            self.below.setMinimumHeight(max(self._floor(), 1))  # 0 would mean its own
            self.pane.setFixedHeight(self.pane.height())
        self._free_timer.start()  # again: counted from the latest note

    def _spare(self) -> int:
        """How far ``below`` can shrink for a note."""
        return self.below.height() - self._floor()

    def holding(self) -> bool:
        """Whether the pane is held at its height."""
        return self._limits is not None

    def _floor(self) -> int:
        own = max(self.below.minimumHeight(), self.below.minimumSizeHint().height())
        return max(own - LINES_LENT * self.below.fontMetrics().height(), 0)

    def _free(self) -> None:
        if self._limits is not None:
            low, high, below_low = self._limits
            self._limits = None
            self.below.setMinimumHeight(below_low)
            self.pane.setMinimumHeight(low)
            self.pane.setMaximumHeight(high)


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
        self._pane: SteadyPane | None = None
        self.hide()

    def make_room_from(self, pane: SteadyPane) -> None:
        """Take the room this note grows by from under ``pane``, not from it."""
        self._pane = pane

    def show_text(self, text: str) -> None:
        if not self.isHidden() and self.height() > self.minimumHeight():
            self.setMinimumHeight(self.height())  # the room it has, held through the edits
        if text:
            # Only a note that comes or changes can grow; shown again unchanged it cannot.
            may_grow = self.isHidden() or self.label.isHidden() or text != self.label.text()
            self.label.setText(text)
            self._make_room(may_grow)
            self.label.show()
            self.show()
        else:
            self._make_room(may_grow=False)  # a held pane stays held while the edits come
            self.label.hide()
            if self.minimumHeight() == 0:  # no room held: it goes now
                self.hide()
        if self.minimumHeight() > 0:
            self._let_go_timer.start()  # again: counted from the latest edit

    def holding(self) -> bool:
        """Whether it keeps room it may give back (tests)."""
        return self._let_go_timer.isActive()

    def _make_room(self, may_grow: bool) -> None:
        pane = self._pane
        if pane is None:
            return
        # Held already, the pane needs no height: measuring the new text there was a second
        # text layout on every tick of a drag, at a width the label's own layout never asks.
        grows = may_grow and not pane.holding()
        pane.make_room(self._growth(pane.pane.width()) if grows else 0)

    def _growth(self, width: int) -> int:
        """How much taller the note is about to be, its text set, at ``width`` (the width of
        the column it shares with the pane)."""
        needed = self.label.heightForWidth(width)
        if needed < 0:  # a label that does not wrap
            needed = self.label.sizeHint().height()
        needed = max(needed, self.minimumHeight())
        if self.isVisible():
            return needed - self.height()
        layout = self.parentWidget().layout() if self.parentWidget() else None
        return needed + (max(layout.spacing(), 0) if layout is not None else 0)  # its gap

    def _let_go(self) -> None:
        self.setMinimumHeight(0)
        if self.label.isHidden():
            self.hide()
