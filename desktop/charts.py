"""pyqtgraph chart builders shared by the tabs and the PDF report.

Each chart is built once and then updated in place (``setData``/``setOpts``)
so dragging a slider never rebuilds a plot. Log-log charts plot log10 values
on linear axes with power-of-ten tick labels: that keeps error bars and text
correct (pyqtgraph's log mode does not transform ErrorBarItem) and exports
to vector PDF unchanged.
"""

from __future__ import annotations

import functools
import math
from collections.abc import Callable, Sequence
from typing import Any

import numpy as np
import pyqtgraph as pg
from econplan.core.formatting import scientific, usd, usd_range
from econplan.core.provenance import cite, readable
from econplan.core.published_figures import COMPUTE_TABLES
from econplan.core.training import ReferencePoint, TrainingResult
from econplan.desktop import theme
from econplan.desktop.chart_bands import BarExtras
from econplan.desktop.chart_theme import (  # noqa: F401 (chart modules import these from here)
    AXIS_FONT_PT,
    chart_font,
    chart_text,
    fit_title,
    prepare_chart,
    style_legend,
)
from econplan.desktop.label_placement import (
    Box,
    HeldObstacles,
    NamesFollowEdits,
    place_labels,
    remove_label,
    scatter_boxes,
    span_boxes,
)
from econplan.desktop.screen_cache import keep_axes_on_screen, keep_pixels_on_screen
from econplan.desktop.theme import OKABE_ITO
from econplan.desktop.whiskers import Whiskers
from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QFont, QFontMetrics, QPainter
from PySide6.QtWidgets import QWidget

# Okabe–Ito series colours (desktop/theme.py): the same hues in light and dark charts.
PALETTE = {
    "compute": OKABE_ITO["blue"],
    "beyond_compute": OKABE_ITO["orange"],
    "people": OKABE_ITO["bluish_green"],
    "ongoing": OKABE_ITO["reddish_purple"],
    "plan": OKABE_ITO["vermillion"],
    "reference": "#6b6b6b",
    "seed_estimate": OKABE_ITO["grey"],
}


NICE_STEPS = (1.0, 1.2, 1.5, 2.0, 2.5, 3.0, 4.0, 5.0, 6.0, 8.0, 10.0)


def nice_ceiling(value: float) -> float:
    """The smallest of 1, 1.2, 1.5, 2 … 8 × 10^k at or above ``value`` (1 for nothing).

    An axis that ends here is redrawn only when the data crosses a step, not on every
    tick of a drag; redrawing its ticks and labels was most of a chart's repaint.
    """
    if not math.isfinite(value) or value <= 0:
        return 1.0
    power = 10.0 ** math.floor(math.log10(value))
    for step in NICE_STEPS:
        nice = step * power
        if nice >= value * (1 - 1e-12):
            # At the ends of the float range (subnormal or near 1.8e308) the power
            # underflows or the step overflows; the value itself is then the ceiling.
            return nice if math.isfinite(nice) and nice > 0 else value
    return value


def snapped_out(low: float, high: float, step: float = 0.5) -> tuple[float, float]:
    """``low``–``high`` widened outward to multiples of ``step`` (half a decade on a log axis).

    A point that moves inside the data's extent then changes the axes only when it crosses
    a step: a changed range repaints the whole chart and re-places every label, an
    unchanged one repaints only the moved point.
    """
    return math.floor(low / step) * step, math.ceil(high / step) * step


def settles_view(update: Callable) -> Callable:
    """Apply the view's deferred range and auto-range now, not while painting.

    pyqtgraph defers them to the paint itself, where they change the scene again and
    queue a second paint of the whole chart; settled here, a tick paints each chart once.
    """

    @functools.wraps(update)
    def update_and_settle(self: pg.PlotWidget, *args, **kwargs):
        result = update(self, *args, **kwargs)
        self.getPlotItem().getViewBox().prepareForPaint()
        return result

    return update_and_settle


def _major_ticks(axis: pg.AxisItem, low: float, high: float, size: float) -> list[float]:
    if axis._tickLevels is not None:  # ticks set explicitly (category labels)
        return [value for value, _ in axis._tickLevels[0]] if axis._tickLevels else []
    levels = axis.tickValues(low, high, size)
    return [v for v in levels[0][1] if low <= v <= high] if levels else []


def show_range(plot: pg.PlotWidget, x: tuple[float, float] | None = None,
               y: tuple[float, float] | None = None) -> None:
    """The view at exactly ``x`` and ``y`` (None: that axis as it is), each set only if it
    is elsewhere: pyqtgraph works a range through (and signals it) even when it is the
    one shown, on every tick."""
    item = plot.getPlotItem()
    shown_x, shown_y = item.getViewBox().viewRange()
    if x is not None and tuple(shown_x) != tuple(x):
        item.setXRange(*x, padding=0)
    if y is not None and tuple(shown_y) != tuple(y):
        item.setYRange(*y, padding=0)


class MajorGridLines(pg.GraphicsObject):
    """Opaque hairlines at the major ticks, under the data.

    pyqtgraph's own grid (``showGrid(alpha=…)``) draws every tick level translucent across
    the plot and was measured at 85–93% of a chart's repaint; these lines cost a tenth.
    """

    def __init__(self, plot_item: pg.PlotItem, x: bool = True, y: bool = True):
        super().__init__()
        self._plot_item = plot_item
        self._axes = [name for name, on in (("bottom", x), ("left", y)) if on]
        self._pen = pg.mkPen(theme.current().chart_grid, width=1)
        self._pen.setCosmetic(True)
        self.setZValue(-1000)
        self._cached_key: tuple | None = None
        self._cached_lines: list[tuple[QPointF, QPointF]] = []
        plot_item.getViewBox().addItem(self, ignoreBounds=True)
        plot_item.getViewBox().sigRangeChanged.connect(self._range_changed)

    def set_colour(self, colour: str) -> None:
        self._pen.setColor(QColor(colour))
        self.update()

    def _range_changed(self) -> None:
        self.prepareGeometryChange()

    def boundingRect(self) -> QRectF:
        return self._plot_item.getViewBox().viewRect()

    def _lines(self, view: pg.ViewBox, rect: QRectF) -> list[tuple[QPointF, QPointF]]:
        key = (rect.getRect(), view.width(), view.height())
        if key == self._cached_key:  # same range and size: the axes' ticks are the same
            return self._cached_lines
        lines = []
        if "bottom" in self._axes:
            axis = self._plot_item.getAxis("bottom")
            lines += [(QPointF(x, rect.top()), QPointF(x, rect.bottom()))
                      for x in _major_ticks(axis, rect.left(), rect.right(), view.width())]
        if "left" in self._axes:
            axis = self._plot_item.getAxis("left")
            lines += [(QPointF(rect.left(), y), QPointF(rect.right(), y))
                      for y in _major_ticks(axis, rect.top(), rect.bottom(), view.height())]
        self._cached_key, self._cached_lines = key, lines
        return lines

    def paint(self, painter: QPainter, *args) -> None:
        view = self._plot_item.getViewBox()
        lines = self._lines(view, view.viewRect())
        painter.setRenderHint(QPainter.RenderHint.Antialiasing, False)
        painter.setPen(self._pen)
        for start, end in lines:
            painter.drawLine(start, end)


class Chart(pg.PlotWidget):
    """Every chart's plot widget: one without pyqtgraph's right-click menus, which no chart
    here offers. Made with them, a plot built its view's menu (two forms of a dozen
    widgets each) for ``_style_plot`` to throw away: ~11 M instructions of each chart's
    build, ~130 M over the charts of the four tabs built when first shown."""

    def __init__(self, parent: QWidget | None = None, **kwargs: Any):
        super().__init__(parent=parent, enableMenu=False, **kwargs)


def _style_plot(plot: pg.PlotWidget, title: str, grid_x: bool = True,
                grid_y: bool = True) -> None:
    item = plot.getPlotItem()
    for name in ("left", "bottom"):
        item.getAxis(name).setStyle(maxTickLevel=1)  # no sub-minor ticks: fewer to lay out
    if grid_x or grid_y:
        plot.grid_lines = MajorGridLines(item, x=grid_x, y=grid_y)
    item.hideButtons()
    # A tick's repaint of the plot reaches into the axes (their ticks point inwards);
    # kept as pixels, they no longer lay every tick label's text out again.
    keep_axes_on_screen(plot)
    # Colours, fonts, an elided title and spaced tick labels, from the current theme.
    prepare_chart(plot, title)


class PowerOfTenAxis(pg.AxisItem):
    """Axis over log10 values that labels ticks as real quantities."""

    def __init__(self, orientation: str, label_fn: Callable[[float], str]):
        super().__init__(orientation)
        self._label_fn = label_fn
        # Its ticks read real quantities: a "(x0.001)" scale after the caption is wrong.
        self.enableAutoSIPrefix(False)

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


class CostBreakdownChart(Chart):
    """Horizontal bars: compute and each other cost category, base value with low–high whiskers."""

    def __init__(self, parent=None):
        super().__init__(parent=parent)
        _style_plot(self, "Cost breakdown")
        item = self.getPlotItem()
        item.setLabel("bottom", "US dollars · low–high")
        item.getAxis("bottom").enableAutoSIPrefix(False)  # ticks read "$400M": no "(x1e+08)"
        item.getAxis("bottom").tickStrings = lambda values, scale, spacing: [
            _usd_tick(v) if v >= 0 else "" for v in values
        ]
        self.bars = pg.BarGraphItem(x0=[], y=[], height=0.6, width=[], brushes=[])
        self.whiskers = Whiskers(x=np.array([]), y=np.array([]), beam=0.25,
                                 pen=pg.mkPen(theme.NEUTRAL, width=1.5))
        item.addItem(self.bars)
        item.addItem(self.whiskers)
        self._labels: tuple[str, ...] = ()
        self.extras = BarExtras(self, 0.6)  # P10–P90 whiskers, the baseline's bars
        self.setMinimumHeight(240)

    def apply_theme(self) -> None:
        if self._labels:  # the category axis follows the tick font
            self._fit_left_axis(self._labels)

    def show_bands(self, uncertainty) -> None:
        """P10–P90 of each line over the draws (None: none, e.g. while new draws run)."""
        self.extras.show_bands(uncertainty, "training.cost_lines")

    def show_baseline(self, result: TrainingResult | None, name: str) -> None:
        self.extras.show_baseline(
            None if result is None else {line.category_id: line.cost_usd.base
                                         for line in result.lines}, name)

    def _fit_left_axis(self, labels: tuple[str, ...]) -> None:
        # pyqtgraph silently drops tick labels wider than the axis, so size it to the text.
        axis = self.getPlotItem().getAxis("left")
        metrics = QFontMetrics(axis.style.get("tickFont") or QFont())
        widest = max((metrics.horizontalAdvance(text) for text in labels), default=40)
        axis.setWidth(widest + 16)
        fit_title(self)  # the title's room is what the axis leaves

    @settles_view
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
        show_range(self, (0, nice_ceiling(right * 1.04)), (-0.6, max(len(lines) - 0.4, 0.6)))
        self.extras.relayout(tuple(line.category_id for line in lines))


class ReferenceRunsChart(NamesFollowEdits, Chart):
    """The plan among real training runs: FLOPs vs cost on log-log axes. During a drag a
    name the star leaves no room for is hidden, not every name placed again
    (``NamesFollowEdits``)."""

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
        # Two kinds of cost share the axis: each marker says which it is, compute with
        # compute (filled circle, star) and all-in with all-in (diamonds). The legend
        # names them; a caption repeating that key was cut short on a laptop's chart.
        item.setLabel("left", "US dollars (log)")  # ticks read $1M, $10M
        item.getAxis("left").setToolTip("Filled circles and the star: compute only; "
                                        "diamonds: all-in.")
        item.getAxis("left").setWidth(70)
        # Under the plot in columns: inside it, it covered runs and their names on a
        # laptop's half-width chart. Named items below join it (PlotItem.addItem).
        legend = item.legend = pg.LegendItem(colCount=2)
        item.layout.addItem(legend, 4, 0, 1, 3)  # across the axis column too
        self.extra_legends = [legend]
        style_legend(legend)
        self.reference_whiskers = Whiskers(x=np.array([]), y=np.array([]), beam=0.06,
                                           pen=pg.mkPen(PALETTE["reference"], width=1))
        self.reference_points = pg.ScatterPlotItem(
            size=9, pen=pg.mkPen("w"), brush=pg.mkBrush(PALETTE["reference"]), hoverable=True,
            tip=lambda x, y, data: data, name="Runs · compute only")
        self.all_in_points = pg.ScatterPlotItem(
            size=11, symbol="d", pen=pg.mkPen(PALETTE["reference"], width=1.5),
            brush=pg.mkBrush(None), hoverable=True, tip=lambda x, y, data: data,
            name="Published · all-in")
        self.estimate_points = pg.ScatterPlotItem(
            size=9, symbol="s", pen=pg.mkPen(PALETTE["seed_estimate"], width=1.5),
            brush=pg.mkBrush(None), hoverable=True, tip=lambda x, y, data: data,
            name="By size · compute only")
        self.plan_whiskers = Whiskers(x=np.array([]), y=np.array([]), beam=0.1,
                                      pen=pg.mkPen(PALETTE["plan"], width=2.5))
        self.plan_point = pg.ScatterPlotItem(size=16, symbol="star", pen=pg.mkPen("#600"),
                                             brush=pg.mkBrush(PALETTE["plan"]),
                                             name="Plan · compute", hoverable=True,
                                             tip=lambda x, y, data: data)
        self.plan_all_in_whiskers = Whiskers(x=np.array([]), y=np.array([]), beam=0.1,
                                             pen=pg.mkPen(PALETTE["plan"], width=1.5))
        self.plan_all_in_point = pg.ScatterPlotItem(
            size=14, symbol="d", pen=pg.mkPen("#600"), brush=pg.mkBrush(PALETTE["plan"]),
            name="Plan · all-in", hoverable=True, tip=lambda x, y, data: data)
        self.plan_label = chart_text("This plan", PALETTE["plan"], anchor=(-0.15, 0.5),
                                     bold=True)
        for element in (self.reference_whiskers, self.reference_points, self.all_in_points,
                        self.estimate_points, self.plan_whiskers, self.plan_all_in_whiskers,
                        self.plan_point, self.plan_all_in_point, self.plan_label):
            item.addItem(element)
        # What the plan's star passes over on a drag: the runs and the grid hold still.
        # (Not the whiskers: their bounds leave out the pen's width, which a pixmap cuts.)
        keep_pixels_on_screen(self.reference_points, self.all_in_points,
                              self.estimate_points, self.grid_lines)
        self._reference_labels: list[pg.TextItem] = []
        self._label_points: list[tuple[float, float]] = []  # each label's run (log x, y)
        self._whiskers: list[tuple[float, float, float]] = []  # every run's x, low, high
        self._plan_whisker: tuple[float, float, float] | None = None
        self._plan_xy = (0.0, 0.0)
        self._plan_all_in_whisker: tuple[float, float, float] | None = None
        self._reference_extent: tuple[float, float, float, float] | None = None
        # Mapped once per view: a drag moves only the plan's own markers.
        self._held_obstacles = HeldObstacles()
        self._crowded = False
        # Names are placed in pixels: again before the next paint once the plot has been
        # resized or updated while hidden. Placed on every resize, they were placed three
        # times while the window was first laid out, at sizes it never painted.
        self._labels_stale = False
        item.vb.sigResized.connect(self._labels_moved)
        # Emitted before a paint and before a render (the PDF), after the view has
        # applied its pending range (it connected first).
        self.scene().sigPrepareForPaint.connect(self._place_moved_labels)
        self.setMinimumHeight(240)

    def _labels_moved(self, *_args) -> None:
        self._labels_stale = True

    def _reference_obstacles(self, view: pg.ViewBox) -> list[Box]:
        """The reference runs' markers and whiskers as scene boxes."""
        return [box for scatter in (self.reference_points, self.all_in_points,
                                    self.estimate_points)
                for box in scatter_boxes(view, scatter)] + span_boxes(view, self._whiskers, 4)

    def _place_moved_labels(self) -> None:
        if self._labels_stale:
            self.place_labels()

    def _place_all_names(self) -> None:
        self._place_labels_now_or_before_paint()

    def _place_labels_now_or_before_paint(self) -> None:
        # On screen (a tick) now, so the tick paints the chart once; hidden (being built)
        # before its first paint, at the size it paints at.
        if self.isVisible():
            self.place_labels()
        else:
            self._labels_stale = True

    @settles_view
    def set_references(self, points: Sequence[ReferencePoint]) -> None:
        """Called once per catalog: the reference runs never change with the inputs."""
        for label in self._reference_labels:
            remove_label(self.getPlotItem(), label)
        self._reference_labels, self._label_points = [], []
        self._held_obstacles.forget()
        if not points:
            return
        x = np.log10([p.flops for p in points])
        low = np.log10([p.cost_usd_low for p in points])
        high = np.log10([p.cost_usd_high for p in points])
        mid = (low + high) / 2
        tips = [readable(f"{p.label}\n{usd_range(p.cost_usd_low, p.cost_usd_high)} · "
                         f"{scientific(p.flops)} FLOPs\n{p.basis}\n")
                + cite({"source": p.source, "as_of": p.as_of}) for p in points]
        runs = np.array([p.kind == "run" for p in points])
        # A published estimated training cost counts everything; a reference run's
        # figure is compute only (core.published_figures draws the same line).
        all_in = np.array([p.table not in COMPUTE_TABLES for p in points])
        for scatter, chosen in ((self.reference_points, runs & ~all_in),
                                (self.all_in_points, runs & all_in),
                                (self.estimate_points, ~runs)):
            scatter.setData(x=x[chosen], y=mid[chosen],
                            data=[t for t, c in zip(tips, chosen, strict=True) if c])
        self.reference_whiskers.setData(x=x, y=mid, top=high - mid, bottom=mid - low)
        self._whiskers = list(zip(x.tolist(), low.tolist(), high.tolist(), strict=True))
        # Real runs are labelled; the size-table estimates are told apart by symbol and tooltip.
        for xi, yi, point in zip(x, mid, points, strict=True):
            if point.kind != "run":
                continue
            text = chart_text(point.short_label, anchor=(0, 0.5), points=AXIS_FONT_PT - 2)
            text.setPos(xi, yi)
            self.getPlotItem().addItem(text)
            self._reference_labels.append(text)
            self._label_points.append((float(xi), float(yi)))
        self._reference_extent = (x.min(), x.max(), low.min(), high.max())
        self._place_labels_now_or_before_paint()

    @settles_view
    def update_result(self, result: TrainingResult) -> None:
        cost, total = result.compute_cost_usd, result.total_usd
        if result.flops <= 0 or cost.base <= 0:
            for scatter, whiskers in ((self.plan_point, self.plan_whiskers),
                                      (self.plan_all_in_point, self.plan_all_in_whiskers)):
                scatter.setData(x=[], y=[])
                whiskers.setData(x=np.array([]), y=np.array([]))
            self.plan_label.hide()
            self._plan_whisker = self._plan_all_in_whisker = None
            return
        x = math.log10(result.flops)
        y, low, high = (math.log10(max(v, 1e-9)) for v in (cost.base, cost.low, cost.high))
        self.plan_point.setData(x=[x], y=[y],
                                data=[f"This plan: {usd_range(cost.low, cost.high)} compute"])
        self.plan_whiskers.setData(x=np.array([x]), y=np.array([y]),
                                   top=np.array([high - y]), bottom=np.array([y - low]))
        self._plan_whisker = (x, low, high)
        self._plan_all_in_whisker = None
        # The all-in marker only where costs beyond compute exist; otherwise it would
        # sit on the star.
        if total.base > cost.base * (1 + 1e-9):
            ty, tlow, thigh = (math.log10(max(v, 1e-9)) for v in (total.base, total.low,
                                                                   total.high))
            self.plan_all_in_point.setData(
                x=[x], y=[ty], data=[f"This plan: {usd_range(total.low, total.high)} all-in"])
            self.plan_all_in_whiskers.setData(x=np.array([x]), y=np.array([ty]),
                                              top=np.array([thigh - ty]),
                                              bottom=np.array([ty - tlow]))
            self._plan_all_in_whisker = (x, tlow, thigh)
            high = max(high, thigh)
        else:
            self.plan_all_in_point.setData(x=[], y=[])
            self.plan_all_in_whiskers.setData(x=np.array([]), y=np.array([]))
        x0, x1, y0, y1 = self._reference_extent or (x, x, low, high)
        self.plan_label.setPos(x, y)
        self._plan_xy = (x, y)
        # Far from the references (a fine-tune at 1e17 FLOPs) their labels would pile up
        # at one edge; the points keep their tooltips.
        self._crowded = max(x1, x) - min(x0, x) > 5
        # Room on the right for the labels of the largest runs.
        # Set even when equal (not show_range): skipping it here made the tick's repaint
        # larger (measured with tests/benchmarks/tick_instructions.py).
        self.getPlotItem().setXRange(*snapped_out(min(x0, x) - 0.5,
                                                  max(max(x1, x) + 0.5, x + 1.1)), padding=0)
        self.getPlotItem().setYRange(*snapped_out(min(y0, low) - 0.4, max(y1, high) + 0.4),
                                     padding=0)
        self._place_labels_now_or_before_paint()

    def place_labels(self, *_args) -> None:
        """Names beside their points, clear of each other, the markers, whiskers and the
        legend; again before the paint that follows a resize (the placement is in pixels)."""
        self._labels_stale = False
        view = self.getPlotItem().vb
        obstacles = self._held_obstacles.boxes(view, self._reference_obstacles)
        obstacles += [box for scatter in (self.plan_point, self.plan_all_in_point)
                      for box in scatter_boxes(view, scatter)]
        obstacles += span_boxes(view, [w for w in (self._plan_whisker,
                                                   self._plan_all_in_whisker)
                                       if w is not None], 4)
        legend = self.getPlotItem().legend
        if legend is not None and legend.isVisible():
            obstacles.append(legend.sceneBoundingRect())
        labels = []
        if self._plan_whisker is not None:
            labels.append((self.plan_label, *self._plan_xy, self.plan_point.opts["size"]))
        for label in self._reference_labels:
            label.setVisible(not self._crowded)
        if not self._crowded:
            # A run's name may sit by its all-in diamond, the largest reference marker.
            size = self.all_in_points.opts["size"]
            labels += [(label, *xy, size) for label, xy in zip(self._reference_labels,
                                                                self._label_points, strict=True)]
        place_labels(view, labels, obstacles, during_edits=self.during_edits())
