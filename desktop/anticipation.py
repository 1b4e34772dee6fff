"""Plans of an input's neighbouring values, worked out while the user pauses.

A price-year tick of the largest routing portfolio, to a year shown for the first time,
plans ~510 task costs and formats and fits ~1,300 new role-table texts (~18 ms on the
GUI thread, over a 60 Hz frame); to a year shown before it takes ~8 ms, since the
routing planner keeps its plans per year (``core/routing.py``) and a tab keeps its row
texts per result object (``tables.RowTexts``). So once a tick's result is on screen and
the inputs have been quiet for ``QUIET_MS``, the values on either side of the one shown
(the way the last move went first) are planned through the session, which keeps nothing
of them, and handed to the tab to prepare what it would show. The next step, by key or
by drag, then finds them. One value per pass of the event loop: an input that comes in
meanwhile waits for one at most (~5 ms at the largest portfolio).
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from econplan.core.plan import PlannerId
from econplan.desktop.plan_session import PlanSession
from pydantic import BaseModel
from PySide6.QtCore import QObject, QTimer
from PySide6.QtWidgets import QWidget

# Longer than the ~33 ms between a held key's repeats and a drag's value changes, so
# that a run of ticks is not slowed by plans it steps over.
QUIET_MS = 60


class Anticipation(QObject):
    """Anticipates the edits of one input (``path``) to the values before and after the
    one shown, among ``values`` (in order); ``prepare`` gets each result planned."""

    def __init__(self, tab: QWidget, session: PlanSession, planner_id: PlannerId, path: str,
                 values: Sequence[Any], prepare: Callable[[BaseModel], None]):
        super().__init__(tab)
        self._tab = tab
        self._session = session
        self._planner_id = planner_id
        self._path = path
        self._values = list(values)
        self._prepare = prepare
        self._queue: list[Any] = []
        self._last_index: int | None = None  # of the value shown before
        self._timer = QTimer(self)  # the quiet before the first value
        self._timer.setSingleShot(True)
        self._timer.setInterval(QUIET_MS)
        self._timer.timeout.connect(self._next)
        self._then = QTimer(self)  # each value after it, on the next pass of the loop
        self._then.setSingleShot(True)
        self._then.setInterval(0)
        self._then.timeout.connect(self._next)

    def shown(self, value: Any) -> None:
        """``value`` is on screen: its neighbours are planned once the inputs are quiet."""
        if value not in self._values:
            self.stop()
            return
        index = self._values.index(value)
        ahead, behind = index + 1, index - 1
        if self._last_index is not None and self._last_index > index:
            ahead, behind = behind, ahead  # moving down: the value below first
        self._last_index = index
        self._queue = [self._values[i] for i in (ahead, behind) if 0 <= i < len(self._values)]
        self._then.stop()
        self._timer.start()

    def stop(self) -> None:
        self._timer.stop()
        self._then.stop()
        self._queue.clear()

    def pending(self) -> list[Any]:
        """The values still to plan (tests)."""
        return list(self._queue)

    def _next(self) -> None:
        if not self._queue or not self._tab.isVisible():  # another tab is shown: no one waits
            self._queue.clear()
            return
        value = self._queue.pop(0)
        try:
            outcome = self._session.anticipate(self._planner_id, {self._path: value})
        except ValueError:  # a value the scenario does not take: there is no step to prepare
            outcome = None
        if outcome is not None and outcome.result is not None:
            self._prepare(outcome.result)
        if self._queue:
            self._then.start()
