"""Charts of the Self-host break-even planner, built once and updated in place.

Each chart takes a ``BreakevenResult`` through ``update_result`` so the same class
draws on screen and off screen (PDF export).
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from econplan.core.breakeven import BreakevenResult
from econplan.core.formatting import compact, usd
from econplan.desktop.chart_bands import CurveExtras, series_of
from econplan.desktop.chart_theme import remove_legend_entry
from econplan.desktop.charts import (
    AXIS_FONT_PT,
    Chart,
    PowerOfTenAxis,
    _style_plot,
    chart_text,
    nice_ceiling,
    settles_view,
    show_range,
    snapped_out,
    style_legend,
)
from econplan.desktop.label_placement import keep_inside, set_label_text
from econplan.desktop.screen_cache import keep_pixels_on_screen
from econplan.desktop.theme import NEUTRAL, OKABE_ITO
from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QPen

# Okabe–Ito hues, and each series its own dash: told apart in grey or colour-blind too.
API = OKABE_ITO["blue"]
SELF_HOST = OKABE_ITO["orange"]
HUMAN = OKABE_ITO["bluish_green"]
MARK = NEUTRAL
SELF_HOST_DASH = Qt.PenStyle.DashLine
HUMAN_DASH = Qt.PenStyle.DotLine


def _money_tick(values, scale, spacing):
    return [usd(v, digits=2) if v >= 0 else "" for v in values]


def _label(text: str, colour: str | None = None, anchor=(0, 1)) -> pg.TextItem:
    # Labels sit in the plot's top and bottom rows, over the marker lines: a backing in the
    # chart's own colour keeps them readable where another line runs through.
    item = chart_text(text, colour, anchor=anchor, points=AXIS_FONT_PT - 1, bold=True,
                      filled=True)
    item.setZValue(10)
    return item


def _fit_labels(chart: pg.PlotWidget) -> None:
    """Each line's label beside it on the side with room, inside the plot (again on every
    resize: the room is in pixels)."""
    view = chart.getPlotItem().vb
    for label, (x, y) in chart._label_at.items():
        keep_inside(view, label, x, y, flip=True)


def cache_still_parts(chart: pg.PlotWidget) -> None:
    """On screen, the title and the legend keep their pixels until they change, as the
    axes do (``screen_cache``).

    The curves reach the plot's edges and run under the legend, so every tick's repaint
    overlaps them all, and the legend and title repainted their text; from a pixmap each
    is a copy. An export draws them as vector text.
    """
    keep_pixels_on_screen(chart.getPlotItem().titleLabel.item)
    chart.legend.cached = True
    _cache_legend(chart.legend)


def _cache_legend(legend: pg.LegendItem) -> None:
    """A cached legend's names, the ones added since too (the human process). Not the
    line samples: a cache is cut at the item's bounds, and their pens' ends run past."""
    if getattr(legend, "cached", False):
        keep_pixels_on_screen(legend, *(label.item for _sample, label in legend.items))


class _ViewCurve(pg.PlotCurveItem):
    """A curve whose bounds are the plot's view, as the grid lines' are.

    These curves span the view (the volume curve runs past both edges): their own bounds,
    worked out again after every setData (the data's minima and maxima, and the pen's
    padding in pixels through the view's transform), made the repaint no smaller. The
    view clips what lies outside; pyqtgraph calls prepareGeometryChange when it moves.
    """

    def boundingRect(self) -> QRectF:
        view = self.getViewBox()
        return view.viewRect() if view is not None and self.xData is not None \
            and len(self.xData) else QRectF()


def _curve(item: pg.PlotItem, pen: QPen, name: str) -> pg.PlotCurveItem:
    """A plain curve in the plot and its legend. ``PlotItem.plot`` makes a PlotDataItem,
    whose every ``setData`` also rebuilds display datasets for log, downsampling and
    clipping modes these charts never use: more Python than the curve's own update."""
    curve = _ViewCurve(pen=pen, name=name)
    item.addItem(curve)
    return curve


def _show_human(legend: pg.LegendItem, curve: pg.PlotCurveItem, shown: bool) -> None:
    """The human-process line and its legend entry appear only when there is one."""
    listed = any(sample.item is curve for sample, _ in legend.items)
    if shown and not listed:
        legend.addItem(curve, "Human process")
        _cache_legend(legend)
    elif not shown and listed:
        remove_legend_entry(legend, curve)
    if not shown and curve.xData is not None and len(curve.xData):
        # Emptied once: clearing an empty curve again re-lays out and repaints the plot.
        curve.setData([], [])


def snapped_in(low: float, high: float, step: float = 0.5) -> tuple[float, float]:
    """``low``–``high`` (log10 volumes) narrowed inward to multiples of ``step``.

    The volume curve spans a fixed factor around the plan and the break-even, so its ends
    move with every tick of the Queries slider; a view that followed them redrew both axes
    and the whole chart each tick. Narrowed inward, the view changes only when an end
    crosses a half decade, and the curves still reach both edges (the plan and the
    break-even lie more than two decades inside either end). Where that would leave less
    than a decade, the curve's own extent is kept.
    """
    # Ends that land on a step within rounding are on it (10 ** 5.5 read back as 5.4999…).
    left = math.ceil(low / step - 1e-9) * step
    right = math.floor(high / step + 1e-9) * step
    return (left, right) if right - left >= 1.0 else (low, high)


def _shown_part(volumes: np.ndarray, left: float, right: float) -> slice:
    """The curve points inside ``left``–``right`` and the first one outside on either side:
    the segments crossing the edges are drawn up to them, so their heights count too."""
    first = max(int(np.searchsorted(volumes, left, side="right")) - 1, 0)
    last = min(int(np.searchsorted(volumes, right, side="left")) + 1, len(volumes))
    return slice(first, last)


class CumulativeCostChart(Chart):
    """Cumulative cost month by month: API vs self-hosted (vs the human process)."""

    def __init__(self, parent=None):
        super().__init__(parent=parent)
        _style_plot(self, "Cumulative cost")
        item = self.getPlotItem()
        # Short enough for a half-width chart on a laptop; the rest is the axis' tooltip.
        item.setLabel("bottom", "Months (steps = retrains)")
        item.getAxis("bottom").setToolTip("Months from today: the fine-tuned model's line "
                                          "starts at its investment; each step is a retrain.")
        item.getAxis("left").tickStrings = _money_tick
        item.getAxis("left").setWidth(64)
        # Below the crossover label's row at the top of the plot.
        self.legend = item.addLegend(offset=(8, 24))
        style_legend(self.legend)
        self.api_curve = _curve(item, pen=pg.mkPen(API, width=2.5), name="API")
        self.selfhost_curve = _curve(item, pen=pg.mkPen(SELF_HOST, width=2.5,
                                                             style=SELF_HOST_DASH),
                                        name="Fine-tuned model")
        self.human_curve = _curve(item, pen=pg.mkPen(HUMAN, width=2.5,
                                                          style=HUMAN_DASH),
                                     name="Human process")
        self.crossover_line = pg.InfiniteLine(angle=90, movable=False,
                                              pen=pg.mkPen(MARK, width=1.5,
                                                           style=Qt.PenStyle.DashLine))
        # One point at the origin, moved to the crossover: setting a scatter's data again
        # rebuilds its spots and symbol atlas, moving the item only changes its position.
        self.crossover_point = pg.ScatterPlotItem([0.0], [0.0], size=12, symbol="o",
                                                  brush=pg.mkBrush(MARK), pen=pg.mkPen("w"))
        self.crossover_label = _label("", anchor=(0, 0))
        for element in (self.crossover_line, self.crossover_point, self.crossover_label):
            item.addItem(element)
        # The P10–P90 fan and the baseline, their key under the plot (the legend in it is full).
        self.extras = CurveExtras(self)
        self._label_at: dict[pg.TextItem, tuple[float, float]] = {}
        item.vb.sigResized.connect(self.fit_labels)  # a method: no cycle keeps it alive
        self.setMinimumHeight(240)

    def fit_labels(self, *_args) -> None:
        _fit_labels(self)

    def show_bands(self, uncertainty) -> None:
        """The fine-tuned model's cumulative cost, P10–P90 over the draws: it moves only
        when its fine-tuning cost comes from the (uncertain) Training budget plan."""
        self.extras.show_fan("selfhost", SELF_HOST, uncertainty,
                             series_of(uncertainty, "breakeven.cumulative_selfhost_usd"))
        # The payback's P10–P90 months, shaded across the plot where both ends happen.
        payback = uncertainty.band("breakeven.payback_months") if uncertainty else None
        self.extras.show_region("payback", MARK, uncertainty,
                                payback.p10 if payback else None,
                                payback.p90 if payback else None)

    def show_baseline(self, result: BreakevenResult | None, name: str) -> None:
        self.extras.show_baseline(None if result is None else {
            "api": (API, result.months, result.cumulative_api_usd),
            "selfhost": (SELF_HOST, result.months, result.cumulative_selfhost_usd)}, name)

    @settles_view
    def update_result(self, result: BreakevenResult) -> None:
        months = np.array(result.months, dtype=float)
        self.api_curve.setData(months, np.array(result.cumulative_api_usd))
        self.selfhost_curve.setData(months, np.array(result.cumulative_selfhost_usd))
        human = result.cumulative_human_usd
        _show_human(self.legend, self.human_curve, human is not None)
        if human is not None:
            self.human_curve.setData(months, np.array(human))
        baseline = human if result.baseline == "human" and human else result.cumulative_api_usd
        series = [result.cumulative_api_usd, result.cumulative_selfhost_usd, human or [0.0]]
        top = nice_ceiling(max(max(s) for s in series) * 1.08)
        crossover = result.crossover_month
        if crossover is None:
            for element in (self.crossover_line, self.crossover_point, self.crossover_label):
                element.hide()
        else:
            value = float(np.interp(crossover, months, np.array(baseline)))
            self.crossover_line.setPos(crossover)
            self.crossover_point.setPos(crossover, value)
            # Labelled at the top of its line, on the side with room, clear of the curves
            # that cross at the point itself.
            set_label_text(self.crossover_label, f" crossover {crossover:.1f} months ")
            self._label_at[self.crossover_label] = (crossover, top)
            for element in (self.crossover_line, self.crossover_point, self.crossover_label):
                element.show()
        item = self.getPlotItem()
        item.setXRange(0, months[-1], padding=0.02)
        item.setYRange(0, top, padding=0)
        self.extras.keep_in_view()
        _fit_labels(self)


def _queries_tick(value: float) -> str:
    return compact(value, 1)


def _usd_tick(value: float) -> str:
    return usd(value, digits=1)


class VolumeCostChart(Chart):
    """Monthly cost against monthly volume (log–log) with the break-even volume marked."""

    def __init__(self, parent=None):
        super().__init__(parent=parent, axisItems={
            "bottom": PowerOfTenAxis("bottom", _queries_tick),
            "left": PowerOfTenAxis("left", _usd_tick),
        })
        _style_plot(self, "Monthly cost vs volume")
        self.setToolTip("Fine-tuned (all-in): its monthly running cost plus the one-off "
                        "investment spread over the months until the retrain.")
        item = self.getPlotItem()
        item.setLabel("bottom", "Queries per month (log)")
        item.getAxis("left").setWidth(64)
        # Top left, under the break-even label's row: costs rise with volume, so that corner
        # stays clear of the curves (bottom right hid them).
        self.legend = item.addLegend(offset=(8, 24))
        style_legend(self.legend)
        self.api_curve = _curve(item, pen=pg.mkPen(API, width=2.5), name="API")
        self.selfhost_curve = _curve(item, pen=pg.mkPen(SELF_HOST, width=2.5,
                                                             style=SELF_HOST_DASH),
                                        name="Fine-tuned (all-in)")
        self.human_curve = _curve(item, pen=pg.mkPen(HUMAN, width=2.5,
                                                          style=HUMAN_DASH),
                                     name="Human process")
        self.breakeven_line = pg.InfiniteLine(angle=90, movable=False,
                                              pen=pg.mkPen(MARK, width=1.5,
                                                           style=Qt.PenStyle.DashLine))
        self.breakeven_label = _label("", anchor=(0, 0))
        self.volume_line = pg.InfiniteLine(angle=90, movable=False,
                                           pen=pg.mkPen(OKABE_ITO["vermillion"], width=2))
        self.volume_label = _label("", colour=OKABE_ITO["vermillion"], anchor=(0, 1))
        for element in (self.breakeven_line, self.breakeven_label, self.volume_line,
                        self.volume_label):
            item.addItem(element)
        self._label_at: dict[pg.TextItem, tuple[float, float]] = {}
        item.vb.sigResized.connect(self.fit_labels)  # a method: no cycle keeps it alive
        self.setMinimumHeight(240)

    def fit_labels(self, *_args) -> None:
        _fit_labels(self)

    @settles_view
    def update_result(self, result: BreakevenResult) -> None:
        volumes = np.log10(np.array(result.volume_curve_queries))

        def logs(values) -> np.ndarray:
            return np.log10(np.maximum(np.array(values, dtype=float), 1e-2))

        api = logs(result.volume_curve_api_usd)
        selfhost = logs(result.volume_curve_selfhost_usd)
        self.api_curve.setData(volumes, api)
        self.selfhost_curve.setData(volumes, selfhost)
        curves = [api, selfhost]
        _show_human(self.legend, self.human_curve, result.volume_curve_human_usd is not None)
        if result.volume_curve_human_usd is not None:
            human = logs(result.volume_curve_human_usd)
            self.human_curve.setData(volumes, human)
            curves.append(human)
        left, right = snapped_in(volumes[0], volumes[-1])
        shown = _shown_part(volumes, left, right)
        low = min(c[shown].min() for c in curves)
        high = max(c[shown].max() for c in curves)
        show_range(self, x=(left, right))
        # Headroom above the curves holds the break-even label's row: a label there crosses
        # no curve even where the plot is small (the PDF, a narrow tab).
        bottom, top = snapped_out(low - 0.2, high + 0.3 + 0.12 * (high - low))
        show_range(self, y=(bottom, top))
        breakeven = result.breakeven_queries_per_month
        # Break-even is labelled at the top, this plan at the bottom, each on the side of its
        # line with room for the text, so marks at close volumes stay readable.
        if breakeven and breakeven > 0:
            x = math.log10(breakeven)
            self.breakeven_line.setPos(x)
            set_label_text(self.breakeven_label, f" break-even {compact(breakeven)}/month ")
            self._label_at[self.breakeven_label] = (x, top - 0.05)
            self.breakeven_line.show()
            self.breakeven_label.show()
        else:
            self.breakeven_line.hide()
            self.breakeven_label.hide()
        if result.queries_per_month > 0:
            x = math.log10(result.queries_per_month)
            self.volume_line.setPos(x)
            set_label_text(self.volume_label, f" this plan {compact(result.queries_per_month)} ")
            self._label_at[self.volume_label] = (x, low - 0.15)
            self.volume_line.show()
            self.volume_label.show()
        _fit_labels(self)
