"""The tornado: which ranged input moves a planner's headline figure most.

``TornadoChart`` draws ``core.sensitivity.Tornado`` as horizontal bars (widest at
the top): each bar spans the headline figure from one end of the input's range to
the other, split at the central figure, the half reached at the input's low end in
one colour and at its high end in another. ``SensitivityPanel`` is the drawer every
planner tab carries under its results: closed it costs nothing; open, it sweeps the
inputs a moment after the last edit (a sweep is tens of planner runs, so it never
runs on every tick of a slider drag).
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from econplan.core.headlines import format_figure
from econplan.core.sensitivity import Tornado, tornado
from econplan.desktop import theme
from econplan.desktop.chart_theme import set_axis_caption, style_legend
from econplan.desktop.charts import AXIS_FONT_PT, _style_plot, settles_view
from PySide6.QtCore import QSize, Qt, QTimer
from PySide6.QtGui import QFont, QFontMetrics, QPen
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

LOW_END_COLOUR = "#4c78a8"  # the figure where the input is at its low end
HIGH_END_COLOUR = "#f58518"  # … at its high end
MAX_BARS = 8  # more would not stay readable on a 768-pixel-high screen
MAX_LABEL_CHARS = 42
# After the last edit: long enough that a slider drag does not sweep on every tick.
SWEEP_DELAY_MS = 150
PANEL_HEIGHT = 240  # opened: the tornado's share of the results column
MIN_BODY_HEIGHT = 110


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL_CHARS else label[: MAX_LABEL_CHARS - 1] + "…"


def _central_pen() -> QPen:
    """The central figure's line, in the theme's text colour (a fixed dark grey all but
    vanished on the dark background)."""
    return pg.mkPen(theme.current().chart_text, width=1.5)


class TornadoChart(pg.PlotWidget):
    """Horizontal bars of a tornado, widest swing at the top."""

    def __init__(self, parent=None):
        super().__init__(parent=parent)
        _style_plot(self, "", grid_y=False)
        item = self.getPlotItem()
        item.setTitle(None)  # the drawer's button and sentence say what this is: rows need the room
        self.low_bars = pg.BarGraphItem(x0=[], y=[], height=0.6, width=[],
                                        brush=pg.mkBrush(LOW_END_COLOUR), pen=pg.mkPen(None),
                                        name="Input at its low end")
        self.high_bars = pg.BarGraphItem(x0=[], y=[], height=0.6, width=[],
                                         brush=pg.mkBrush(HIGH_END_COLOUR), pen=pg.mkPen(None),
                                         name="Input at its high end")
        self.central_line = pg.InfiniteLine(angle=90, pen=_central_pen())
        legend = item.addLegend(offset=(-8, -8))
        for element in (self.low_bars, self.high_bars, self.central_line):
            item.addItem(element)
        style_legend(legend)  # the theme's background and text: white was unreadable in dark
        self.labels: tuple[str, ...] = ()
        self.unit = "usd"
        item.getAxis("bottom").enableAutoSIPrefix(False)  # ticks carry their own units
        item.getAxis("bottom").tickStrings = lambda values, scale, spacing: [
            format_figure(v, self.unit) for v in values]  # type: ignore[arg-type]
        self.setMinimumHeight(120)

    def sizeHint(self) -> QSize:
        # pyqtgraph asks for 640×480; in the drawer's scroll area that would open a tall,
        # scrolled chart instead of one that fits the drawer.
        return QSize(480, 180)

    def _fit_left_axis(self, labels: tuple[str, ...]) -> None:
        # pyqtgraph drops tick labels wider than the axis, so size the axis to the text.
        axis = self.getPlotItem().getAxis("left")
        font = QFont()
        font.setPointSize(AXIS_FONT_PT)
        metrics = QFontMetrics(font)
        widest = max((metrics.horizontalAdvance(text) for text in labels), default=40)
        axis.setWidth(widest + 16)

    def apply_theme(self) -> None:
        """Called by ``chart_theme.style_chart`` on a theme switch."""
        self.central_line.setPen(_central_pen())

    @settles_view
    def update_tornado(self, result: Tornado) -> None:
        bars = list(reversed(result.bars[:MAX_BARS]))  # widest at the top
        self.unit = result.unit
        set_axis_caption(self, result.figure_label)
        central = result.central_figure or 0.0
        ys = np.arange(len(bars), dtype=float)
        at_low = np.array([b.figure_at_low or 0.0 for b in bars])
        at_high = np.array([b.figure_at_high or 0.0 for b in bars])
        self.low_bars.setOpts(x0=np.minimum(at_low, central), y=ys, height=0.6,
                              width=np.abs(at_low - central))
        self.high_bars.setOpts(x0=np.minimum(at_high, central), y=ys, height=0.6,
                               width=np.abs(at_high - central))
        self.central_line.setPos(central)
        labels = tuple(_short(b.label) for b in bars)
        if labels != self.labels:
            self.labels = labels
            self.getPlotItem().getAxis("left").setTicks(
                [[(float(y), text) for y, text in zip(ys, labels, strict=True)]])
            self._fit_left_axis(labels)
        ends = np.concatenate([at_low, at_high, [central]])
        low, high = float(ends.min()), float(ends.max())
        pad = (high - low) * 0.06 or max(abs(high) * 0.05, 1.0)
        self.getPlotItem().setXRange(low - pad, high + pad, padding=0)
        self.getPlotItem().setYRange(-0.6, max(len(bars) - 0.4, 0.6), padding=0)


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
            self.chart = TornadoChart()
            self.tornado_column.layout().addWidget(self.chart, 1)  # themed as it is built
        return self.chart

    def refresh(self) -> None:
        self._timer.stop()
        if not self.is_open():
            return
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
