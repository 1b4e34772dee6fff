"""The sensitivity drawer every planner tab carries under its results.

Closed, it is its button and costs nothing: the tornado's chart and the sweep's code
(core/sensitivity.py, with every planner's headline figures) are imported when it
first opens, not at start-up. Open, it sweeps the inputs a moment after the last edit
(a sweep is tens of planner runs, so it never runs on every tick of a slider drag) and
draws the result with ``desktop/tornado_chart.py``.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtWidgets import (
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QSplitter,
    QVBoxLayout,
    QWidget,
)

if TYPE_CHECKING:
    from econplan.core.sensitivity import Tornado
    from econplan.desktop.tornado_chart import TornadoChart

# After the last edit: long enough that a slider drag does not sweep on every tick.
SWEEP_DELAY_MS = 150
PANEL_HEIGHT = 240  # opened: the tornado's share of the results column
MIN_BODY_HEIGHT = 110


class SensitivityPanel(QWidget):
    """A drawer under a planner tab's results: the tornado and its sentence, and an
    optional panel of the planner's own (the break-even what-ifs)."""

    def __init__(self, tab, extra: QWidget | None = None, parent: QWidget | None = None):
        super().__init__(parent)
        self.tab = tab
        self.result: Tornado | None = None
        self.toggle = QPushButton("▸ Sensitivity: what moves the figure")
        self.toggle.setCheckable(True)
        self.toggle.setToolTip("Sweep each input given as a range across its range, alone "
                               "(every other range at its midpoint), and rank them by how far "
                               "they move the planner's headline figure.")
        self.toggle.setStyleSheet("text-align: left; padding: 3px 8px;")
        self.summary_label = QLabel("")
        self.summary_label.setWordWrap(True)
        # Built when the drawer first opens: most sessions never open it, and a chart is
        # a tenth of the window's start-up.
        self.chart: TornadoChart | None = None
        content = QWidget()
        body = QHBoxLayout(content)
        body.setContentsMargins(0, 0, 0, 0)
        self.tornado_column = QWidget()
        left = QVBoxLayout(self.tornado_column)
        left.setContentsMargins(0, 0, 0, 0)
        left.addWidget(self.summary_label)
        body.addWidget(self.tornado_column, 3)
        self.extra = extra
        if extra is not None:
            body.addWidget(extra, 2)
        # Scrolls rather than growing the window past a 768-pixel-high screen.
        self.body = QScrollArea()
        self.body.setWidget(content)
        self.body.setWidgetResizable(True)
        self.body.setFrameShape(QFrame.Shape.NoFrame)
        self.body.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.body.setMinimumHeight(MIN_BODY_HEIGHT)
        self.body.hide()
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 2, 0, 0)
        layout.addWidget(self.toggle)
        layout.addWidget(self.body, 1)
        self._fit_closed()
        self._timer = QTimer(self)
        self._timer.setSingleShot(True)
        self._timer.setInterval(SWEEP_DELAY_MS)
        self._timer.timeout.connect(self.refresh)
        self.toggle.toggled.connect(self._toggled)

    def is_open(self) -> bool:
        return self.toggle.isChecked()

    def _fit_closed(self) -> None:
        # Closed, the drawer is its button: the splitter cannot give it empty space.
        self.setMaximumHeight(self.toggle.sizeHint().height() + 2)

    def _toggled(self, checked: bool) -> None:
        self.toggle.setText(("▾" if checked else "▸") + " Sensitivity: what moves the figure")
        self.body.setVisible(checked)
        splitter = self.parentWidget()
        if checked:
            self.setMaximumHeight(16_777_215)  # QWIDGETSIZE_MAX
            if isinstance(splitter, QSplitter):
                total = sum(splitter.sizes())
                # A third of a tall window; never less than the tornado needs to be read.
                height = max(PANEL_HEIGHT, total // 3)
                splitter.setSizes([max(total - height, 0), height])
            self.refresh()
        else:
            self._fit_closed()

    def schedule(self) -> None:
        """The plan changed: sweep again shortly, if the drawer is open."""
        if self.is_open():
            self._timer.start()

    def _ensure_chart(self) -> TornadoChart:
        if self.chart is None:
            from econplan.desktop.tornado_chart import TornadoChart

            self.chart = TornadoChart()
            self.tornado_column.layout().addWidget(self.chart, 1)  # themed as it is built
        return self.chart

    def refresh(self) -> None:
        self._timer.stop()
        if not self.is_open():
            return
        from econplan.core.sensitivity import tornado

        self._ensure_chart()
        result = tornado(self.tab.PLANNER_ID, self.tab.document.scenario, self.tab.catalog)
        self.result = result
        self.summary_label.setText(result.summary)
        self.toggle.setToolTip(result.summary)
        self.chart.setVisible(bool(result.bars))
        # Nothing to sweep: the planner's own panel (what-ifs) takes the whole drawer.
        self.tornado_column.setVisible(bool(result.bars) or self.extra is None)
        if result.bars:
            self.chart.update_tornado(result)
        if self.extra is not None and hasattr(self.extra, "refresh"):
            self.extra.refresh()
