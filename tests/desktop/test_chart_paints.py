"""A tick repaints each chart of the tab once, not twice (pyqtgraph defers range changes
into the paint, which then queues a second paint unless the chart settles its view)."""

from collections import Counter

import pyqtgraph as pg
import pytest
import shiboken6
from econplan.desktop import plan_session
from econplan.desktop.main_window import MainWindow
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication, QMessageBox

# (tab, scenario path, two new values) for one input of each planner tab
TICKS = [
    ("training_tab", "training.params", (8e9, 9e9)),
    ("dataset_tab", "training.tokens", (2.5e12, 3e12)),
    ("playbook_tab", "playbook.phases.0.cost_usd.low", (320_000.0, 350_000.0)),
    ("routing_tab", "routing.year", (2026, 2027)),
    ("breakeven_tab", "breakeven.queries_per_month", (200_000.0, 250_000.0)),
]


def _address(obj: QObject) -> int:
    return shiboken6.getCppPointer(obj)[0]


class ChartPaints(QObject):
    def __init__(self, charts: list[pg.PlotWidget]):
        super().__init__()
        # Keyed by the C++ object: PySide may hand the filter a different Python wrapper
        # of the same viewport, which a dict of wrappers would miss.
        self.viewports = {_address(chart.viewport()): type(chart).__name__ for chart in charts}
        self.counts: Counter[str] = Counter()

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Paint and _address(obj) in self.viewports:
            self.counts[self.viewports[_address(obj)]] += 1
        return False


def drain_events() -> None:
    # A second paint would come from a queued scene change, a few event rounds later.
    for _ in range(10):
        QApplication.processEvents()


def tick(qtbot, window, tab, path: str, value) -> None:
    before = tab.result
    assert window.document.set_values({path: value})
    qtbot.waitUntil(lambda: tab.result is not before)


@pytest.mark.parametrize(("name", "path", "values"), TICKS)
def test_one_tick_paints_each_chart_at_most_once(qtbot, catalog, monkeypatch, name, path,
                                                 values):
    # The Monte Carlo bands arriving later repaint the banded charts once more: that is
    # not the tick's paint. Held off here (tests/desktop/test_chart_bands.py has them).
    monkeypatch.setattr(plan_session, "DRAWS_QUIET_MS", 600_000)
    window = MainWindow(catalog)
    monkeypatch.setattr(window, "ask_save_changes", lambda: QMessageBox.StandardButton.Discard)
    qtbot.addWidget(window)
    window.resize(1480, 900)
    window.show()
    tab = getattr(window, name)
    window.tabs.setCurrentWidget(tab)
    qtbot.waitExposed(window)
    tick(qtbot, window, tab, path, values[0])  # the tab's first layout settles meanwhile
    drain_events()
    charts = tab.findChildren(pg.PlotWidget)
    assert charts
    paints = ChartPaints(charts)
    QApplication.instance().installEventFilter(paints)
    try:
        tick(qtbot, window, tab, path, values[1])
        qtbot.waitUntil(lambda: sum(paints.counts.values()) > 0)
        drain_events()
    finally:
        QApplication.instance().removeEventFilter(paints)
    assert max(paints.counts.values()) == 1, paints.counts
