"""A note under a tab naming the catalog prices its plan uses that are old or undated.

Checking costs up to ~12 ms on the routing tab, so it waits until the inputs settle
rather than running on every tick of a slider drag.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from econplan.core.catalog import Catalog
from econplan.core.price_staleness import USES, price_staleness
from econplan.desktop.document import ScenarioDocument
from econplan.desktop.wrapped_label import WrappedLabel
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QSizePolicy, QWidget

SETTLE_MS = 400
PRICED_PLANNERS = frozenset(USES)


class PriceAgeNote(WrappedLabel):
    def __init__(self, document: ScenarioDocument, catalog: Catalog, planner_id: str,
                 today: Callable[[], dt.date] = dt.date.today, parent: QWidget | None = None):
        super().__init__("", parent)
        self.setObjectName("priceAgeNote")
        # As tall as its text, never more: the results above keep the room.
        self.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Maximum)
        self.setStyleSheet("padding: 2px 4px;")
        self.document = document
        self.catalog = catalog
        self.planner_id = planner_id
        self.today = today
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SETTLE_MS)
        self._timer.timeout.connect(self.update_now)
        self.hide()

    def schedule(self) -> None:
        """Check again once the inputs have settled (a drag restarts the wait)."""
        self._timer.start()

    def update_now(self) -> None:
        self._timer.stop()
        note = price_staleness(self.document.scenario, self.catalog, self.today(),
                               planners=[self.planner_id]).note
        self.setText(f"Price dates: {note}" if note else "")
        self.setToolTip("Change the yearly API price decline (Self-host break-even) to bring "
                        "API prices forward, or type your own prices.")
        self.setVisible(bool(note))
