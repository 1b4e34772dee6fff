"""pyqtgraph chart builders shared by the tabs and the PDF report.

Each chart is built once and then updated in place (``setData``/``setOpts``)
so dragging a slider never rebuilds a plot. Log-log charts plot log10 values
on linear axes with power-of-ten tick labels: that keeps error bars and text
correct (pyqtgraph's log mode does not transform ErrorBarItem) and exports
to vector PDF unchanged.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence

import numpy as np
import pyqtgraph as pg
from PySide6.QtGui import QFont, QFontMetrics

from core.formatting import scientific, usd, usd_range
from core.training import ReferencePoint, TrainingResult

PALETTE = {
    "compute": "#1f77b4",
    "beyond_compute": "#ff7f0e",
    "people": "#2ca02c",
    "ongoing": "#9467bd",
    "plan": "#d62728",
    "reference": "#4c4c4c",
    "seed_estimate": "#8c8c8c",
}
AXIS_FONT_PT = 10


def chart_font(points: int, bold: bool = False) -> QFont:
    """The application's sans font at a size (QFont("") can resolve to a serif face)."""
    font = QFont()
    font.setPointSize(points)
    font.setBold(bold)
    return font


def _style_plot(plot: pg.PlotWidget, title: str) -> None:
    plot.setBackground("w")
    item = plot.getPlotItem()
    item.setTitle(f"<span style='font-size:12pt;color:#222'>{title}</span>")
    font = QFont()
    font.setPointSize(AXIS_FONT_PT)
    for name in ("left", "bottom"):
        axis = item.getAxis(name)
        axis.setPen(pg.mkPen("#444"))
        axis.setTextPen(pg.mkPen("#222"))
        axis.setTickFont(font)
    item.showGrid(x=True, y=True, alpha=0.15)
    item.setMenuEnabled(False)
    item.hideButtons()


class PowerOfTenAxis(pg.AxisItem):
    """Axis over log10 values that labels ticks as real quantities."""

    def __init__(self, orientation: str, label_fn: Callable[[float], str]):
        super().__init__(orientation)
        self._label_fn = label_fn

    def tickValues(self, minVal, maxVal, size):
        low, high = math.floor(minVal), math.ceil(maxVal)
        span = max(high - low, 1)
        step = 1 if span <= 8 else 2 if span <= 16 else 3
        majors = [float(v) for v in range(low, high + 1) if v % step == 0]
        return [(float(step), majors)]

    def tickStrings(self, values, scale, spacing):
        return [self._label_fn(10**v) for v in values]


def _usd_tick(value: float) -> str:
    return usd(value, digits=0)


def _flops_tick(value: float) -> str:
    return scientific(value, digits=0).replace("1 × ", "")


class CostBreakdownChart(pg.PlotWidget):
    """Horizontal bars: compute and each other cost category, base value with low–high whiskers."""

    def __init__(self, parent=None):
        super().__init__(parent=parent)
        _style_plot(self, "Cost breakdown")
        item = self.getPlotItem()
        item.setLabel("bottom", "US dollars · whisker = low–high")
        item.getAxis("bottom").tickStrings = lambda values, scale, spacing: [
            _usd_tick(v) if v >= 0 else "" for v in values
        ]
        self.bars = pg.BarGraphItem(x0=[], y=[], height=0.6, width=[], brushes=[])
        self.whiskers = pg.ErrorBarItem(x=np.array([]), y=np.array([]), beam=0.25,
                                        pen=pg.mkPen("#222", width=1.5))
        item.addItem(self.bars)
        item.addItem(self.whiskers)
        self._labels: tuple[str, ...] = ()
        self.setMinimumHeight(240)

    def _fit_left_axis(self, labels: tuple[str, ...]) -> None:
        # pyqtgraph silently drops tick labels wider than the axis, so size it to the text.
        axis = self.getPlotItem().getAxis("left")
        metrics = QFontMetrics(axis.style.get("tickFont") or QFont())
        widest = max((metrics.horizontalAdvance(text) for text in labels), default=40)
        axis.setWidth(widest + 16)

    def update_result(self, result: TrainingResult) -> None:
        lines = list(reversed(result.lines))  # first line at the top
        ys = np.arange(len(lines), dtype=float)
        base = np.array([line.cost_usd.base for line in lines])
        low = np.array([line.cost_usd.low for line in lines])
        high = np.array([line.cost_usd.high for line in lines])
        brushes = [pg.mkBrush(PALETTE.get(line.kind, "#777")) for line in lines]
        self.bars.setOpts(x0=np.zeros_like(base), y=ys, width=base, height=0.6, brushes=brushes)
        self.whiskers.setData(x=base, y=ys, left=base - low, right=high - base)
        labels = tuple(line.label for line in lines)
        if labels != self._labels:
            self._labels = labels
            self.getPlotItem().getAxis("left").setTicks(
                [[(float(y), text) for y, text in zip(ys, labels, strict=True)]]
            )
            self._fit_left_axis(labels)
        right = float(high.max()) if high.size else 1.0
        self.getPlotItem().setXRange(0, right * 1.04 or 1.0, padding=0)
        self.getPlotItem().setYRange(-0.6, max(len(lines) - 0.4, 0.6), padding=0)


class ReferenceRunsChart(pg.PlotWidget):
    """The plan among real training runs: FLOPs vs cost on log-log axes."""

    def __init__(self, parent=None):
        super().__init__(
            parent=parent,
            axisItems={
                "bottom": PowerOfTenAxis("bottom", _flops_tick),
                "left": PowerOfTenAxis("left", _usd_tick),
            },
        )
        _style_plot(self, "Plan vs reference runs")
        item = self.getPlotItem()
        item.setLabel("bottom", "Training FLOPs (log)")
        item.setLabel("left", "Cost, US dollars (log)")
        item.getAxis("left").setWidth(70)
        legend = item.addLegend(offset=(-8, -8), labelTextSize="9pt")  # bottom right: emptiest
        legend.setBrush(pg.mkBrush(255, 255, 255, 220))
        self.reference_whiskers = pg.ErrorBarItem(x=np.array([]), y=np.array([]), beam=0.06,
                                                  pen=pg.mkPen(PALETTE["reference"], width=1))
        self.reference_points = pg.ScatterPlotItem(
            size=9, pen=pg.mkPen("w"), brush=pg.mkBrush(PALETTE["reference"]), hoverable=True,
            tip=lambda x, y, data: data, name="Real training runs")
        self.estimate_points = pg.ScatterPlotItem(
            size=9, symbol="s", pen=pg.mkPen(PALETTE["seed_estimate"], width=1.5),
            brush=pg.mkBrush(None), hoverable=True, tip=lambda x, y, data: data,
            name="Seed cost by model size")
        self.plan_whiskers = pg.ErrorBarItem(x=np.array([]), y=np.array([]), beam=0.1,
                                             pen=pg.mkPen(PALETTE["plan"], width=2.5))
        self.plan_point = pg.ScatterPlotItem(size=16, symbol="star", pen=pg.mkPen("#600"),
                                             brush=pg.mkBrush(PALETTE["plan"]), name="This plan")
        self.plan_label = pg.TextItem("This plan", color=PALETTE["plan"], anchor=(-0.15, 0.5))
        self.plan_label.setFont(chart_font(AXIS_FONT_PT, bold=True))
        for element in (self.reference_whiskers, self.reference_points, self.estimate_points,
                        self.plan_whiskers, self.plan_point, self.plan_label):
            item.addItem(element)
        self._reference_labels: list[pg.TextItem] = []
        self._reference_extent: tuple[float, float, float, float] | None = None
        self.setMinimumHeight(240)

    def set_references(self, points: Sequence[ReferencePoint]) -> None:
        """Called once per catalog: the reference runs never change with the inputs."""
        for label in self._reference_labels:
            self.getPlotItem().removeItem(label)
        self._reference_labels = []
        if not points:
            return
        x = np.log10([p.flops for p in points])
        low = np.log10([p.cost_usd_low for p in points])
        high = np.log10([p.cost_usd_high for p in points])
        mid = (low + high) / 2
        tips = [f"{p.label}\n{usd_range(p.cost_usd_low, p.cost_usd_high)} · "
                f"{scientific(p.flops)} FLOPs\n{p.basis}\n{p.source} (as of {p.as_of})"
                for p in points]
        runs = np.array([p.kind == "run" for p in points])
        self.reference_points.setData(x=x[runs], y=mid[runs],
                                      data=[t for t, r in zip(tips, runs, strict=True) if r])
        self.estimate_points.setData(x=x[~runs], y=mid[~runs],
                                     data=[t for t, r in zip(tips, runs, strict=True) if not r])
        self.reference_whiskers.setData(x=x, y=mid, top=high - mid, bottom=mid - low)
        # Real runs are labelled; the seed's size estimates are told apart by symbol and tooltip.
        right_edge = x.max() - 0.6
        for xi, yi, point in zip(x, mid, points, strict=True):
            if point.kind != "run":
                continue
            # Right-hand points are labelled on their left so the text stays inside the plot.
            anchor = (1.08, 0.5) if xi > right_edge else (-0.08, 0.5)
            text = pg.TextItem(point.short_label, color="#333", anchor=anchor)
            text.setFont(chart_font(AXIS_FONT_PT - 2))
            text.setPos(xi, yi)
            self.getPlotItem().addItem(text)
            self._reference_labels.append(text)
        self._reference_extent = (x.min(), x.max(), low.min(), high.max())

    def update_result(self, result: TrainingResult) -> None:
        cost = result.compute_cost_usd
        if result.flops <= 0 or cost.base <= 0:
            self.plan_point.setData(x=[], y=[])
            self.plan_whiskers.setData(x=np.array([]), y=np.array([]))
            self.plan_label.hide()
            return
        x = math.log10(result.flops)
        y = math.log10(cost.base)
        low = math.log10(max(cost.low, 1e-9))
        high = math.log10(max(cost.high, 1e-9))
        self.plan_point.setData(x=[x], y=[y],
                                data=[f"This plan: {usd_range(cost.low, cost.high)} compute"])
        self.plan_whiskers.setData(x=np.array([x]), y=np.array([y]),
                                   top=np.array([high - y]), bottom=np.array([y - low]))
        self.plan_label.setPos(x, y)
        self.plan_label.show()
        x0, x1, y0, y1 = self._reference_extent or (x, x, low, high)
        # Far from the references (a fine-tune at 1e17 FLOPs) their labels would pile up
        # at one edge; the points keep their tooltips.
        crowded = max(x1, x) - min(x0, x) > 5
        for label in self._reference_labels:
            label.setVisible(not crowded)
        # Room on the right for the labels of the largest runs.
        self.getPlotItem().setXRange(min(x0, x) - 0.5, max(x1, x) + 0.5, padding=0)
        self.getPlotItem().setYRange(min(y0, low) - 0.4, max(y1, high) + 0.4, padding=0)
