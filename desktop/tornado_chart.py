"""The tornado: which ranged input moves a planner's headline figure most.

``TornadoChart`` draws ``core.sensitivity.Tornado`` as horizontal bars (widest at
the top): each bar spans the headline figure from one end of the input's range to
the other, split at the central figure, the half reached at the input's low end in
one colour and at its high end in another; the drawer that holds it is
``desktop/sensitivity_panel.py``.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from econplan.core.headlines import format_figure
from econplan.core.sensitivity import Tornado
from econplan.desktop import theme
from econplan.desktop.chart_theme import set_axis_caption, style_legend
from econplan.desktop.charts import AXIS_FONT_PT, Chart, _style_plot, settles_view
from PySide6.QtCore import QSize
from PySide6.QtGui import QFont, QFontMetrics, QPen

LOW_END_COLOUR = "#4c78a8"  # the figure where the input is at its low end
HIGH_END_COLOUR = "#f58518"  # … at its high end
MAX_BARS = 8  # more would not stay readable on a 768-pixel-high screen
MAX_LABEL_CHARS = 42


def _short(label: str) -> str:
    return label if len(label) <= MAX_LABEL_CHARS else label[: MAX_LABEL_CHARS - 1] + "…"


def _central_pen() -> QPen:
    """The central figure's line, in the theme's text colour (a fixed dark grey all but
    vanished on the dark background)."""
    return pg.mkPen(theme.current().chart_text, width=1.5)


class TornadoChart(Chart):
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
