"""Charts of the Vertical playbook tab, built once and updated in place.

``GanttChart`` draws each phase's dates in the low case (short phases) and the
high case (long phases) with its duration and cost; ``CumulativeSpendChart``
draws spend over the horizon, the quarterly refreshes as steps. Both take a
``PlaybookResult`` so the PDF report can draw them off-screen. Dates are epoch
seconds in UTC on pyqtgraph's date axis.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
import math

import numpy as np
import pyqtgraph as pg
from econplan.core.formatting import usd, usd_range
from econplan.core.playbook import MONTHS_PER_QUARTER, PlaybookResult, datetime_at
from econplan.desktop.chart_bands import CurveExtras, series_of
from econplan.desktop.chart_theme import fit_title
from econplan.desktop.charts import (
    AXIS_FONT_PT,
    Chart,
    _style_plot,
    chart_text,
    nice_ceiling,
    settles_view,
    show_range,
    style_legend,
)
from econplan.desktop.label_placement import keep_inside, set_label_text
from econplan.desktop.theme import OKABE_ITO
from PySide6.QtCore import Qt
from PySide6.QtGui import QBrush, QFont, QFontMetrics

# Okabe–Ito hues, each case with its own dash as well.
CASE_COLOURS = {"low": OKABE_ITO["bluish_green"], "base": OKABE_ITO["blue"],
                "high": OKABE_ITO["vermillion"]}
CASE_DASHES = {"low": Qt.PenStyle.DotLine, "base": Qt.PenStyle.SolidLine,
               "high": Qt.PenStyle.DashLine}
SHORT_BAR = OKABE_ITO["blue"]
LONG_BAR = OKABE_ITO["sky_blue"]
SECONDS_PER_DAY = 86_400.0


@functools.lru_cache(maxsize=4096)
def epoch(start: dt.date, months: float) -> float:
    """Seconds since 1970 (UTC) of ``start`` plus ``months`` (the planner's month arithmetic).

    Cached: a drag redraws the same phase boundaries on every tick."""
    moment = datetime_at(start, months)
    return calendar.timegm(moment.timetuple()) + moment.microsecond / 1e6


class MonthAxis(pg.DateAxisItem):
    """Date axis ticked on calendar months: every 1, 3, 6, 12 or 24 months, whichever
    fits the width ("Apr 2026"), so a two-year plan reads by quarter."""

    STEPS = (1, 3, 6, 12, 24)
    MIN_TICK_PX = 64

    def tickValues(self, minVal, maxVal, size):
        if not (math.isfinite(minVal) and math.isfinite(maxVal)) or maxVal <= minVal:
            return []
        first = dt.datetime.fromtimestamp(minVal, dt.UTC)
        last = dt.datetime.fromtimestamp(maxVal, dt.UTC)
        span = (last.year - first.year) * 12 + last.month - first.month + 1
        room = max(int(size / self.MIN_TICK_PX), 1)
        step = next((s for s in self.STEPS if span / s <= room), self.STEPS[-1])
        self._step = step
        majors, minors = [], []
        year, month = first.year, first.month
        while True:
            moment = dt.datetime(year, month, 1, tzinfo=dt.UTC)
            seconds = moment.timestamp()
            if seconds > maxVal:
                break
            if seconds >= minVal:
                (majors if (year * 12 + month - 1) % step == 0 else minors).append(seconds)
            year, month = (year + 1, 1) if month == 12 else (year, month + 1)
        return [(step * 30.0 * SECONDS_PER_DAY, majors), (30.0 * SECONDS_PER_DAY, minors)]

    def tickStrings(self, values, scale, spacing):
        pattern = "%Y" if getattr(self, "_step", 3) >= 12 else "%b %Y"
        return [dt.datetime.fromtimestamp(v, dt.UTC).strftime(pattern) for v in values]


def _date_axis() -> pg.DateAxisItem:
    return MonthAxis(orientation="bottom", utcOffset=0)


def _months_text(low: float, high: float) -> str:
    return f"{low:.3g}" if abs(low - high) < 1e-9 else f"{low:.3g}–{high:.3g}"


SHORT_Y, LONG_Y, BAR_HEIGHT = -0.04, -0.27, 0.2  # bar centres and height, in rows


class GanttChart(Chart):
    """One row per phase (plus the refreshes): low-case bar above, high-case bar below."""

    ROW_LABEL_REFRESH = "Quarterly refreshes"

    def __init__(self, parent=None):
        super().__init__(parent=parent, axisItems={"bottom": _date_axis()})
        _style_plot(self, "Timeline", grid_y=False)
        item = self.getPlotItem()
        # Under the plot, never over the phases' bars and their labels.
        legend = pg.LegendItem(colCount=2)
        item.layout.addItem(legend, 4, 0, 1, 3)  # across the axis column too: narrow charts fit
        self.extra_legends = [legend]
        self.short_bars = pg.BarGraphItem(x0=[], y=[], height=0.24, width=[],
                                          brush=pg.mkBrush(SHORT_BAR), pen=pg.mkPen("#0b4f80"),
                                          name="Low case: short phases")
        self.long_bars = pg.BarGraphItem(x0=[], y=[], height=0.24, width=[],
                                         brush=pg.mkBrush(LONG_BAR), pen=pg.mkPen("#4a90c0"),
                                         name="High case: long phases")
        self.short_refreshes = pg.ScatterPlotItem(size=10, symbol="d", pen=pg.mkPen("#0b4f80"),
                                                  brush=pg.mkBrush(SHORT_BAR))
        self.long_refreshes = pg.ScatterPlotItem(size=10, symbol="d", pen=pg.mkPen("#4a90c0"),
                                                 brush=pg.mkBrush(LONG_BAR))
        for element in (self.short_bars, self.long_bars, self.short_refreshes,
                        self.long_refreshes):
            item.addItem(element)
        legend.addItem(self.short_bars, "Low case (short)")
        legend.addItem(self.long_bars, "High case (long)")
        style_legend(legend)
        self._texts: list[pg.TextItem] = []
        self._text_points: list[tuple[float, float]] = []  # where each shown text starts
        self._row_labels: tuple[str, ...] = ()
        self._shown_bars: tuple | None = None  # what the bar items were last set to
        self._shown_refreshes: tuple | None = None  # what the refresh rows were drawn from
        item.vb.sigResized.connect(self.fit_texts)
        self.setMinimumHeight(240)

    def apply_theme(self) -> None:
        if self._row_labels:  # the phase axis follows the tick font
            self._fit_left_axis(self._row_labels)

    def _fit_left_axis(self, labels: tuple[str, ...]) -> None:
        axis = self.getPlotItem().getAxis("left")
        metrics = QFontMetrics(axis.style.get("tickFont") or QFont())
        widest = max((metrics.horizontalAdvance(text) for text in labels), default=40)
        axis.setWidth(widest + 14)
        fit_title(self)  # the title's room is what the axis leaves

    def _text(self, index: int) -> pg.TextItem:
        while len(self._texts) <= index:
            text = chart_text("", anchor=(0, 0), points=AXIS_FONT_PT - 1)
            self.getPlotItem().addItem(text)
            self._texts.append(text)
        return self._texts[index]

    @settles_view
    def update_result(self, result: PlaybookResult) -> None:
        start = result.start_date
        phases = result.phases
        rows = len(phases) + 1  # the refresh row at the bottom
        ys = [float(rows - 1 - i) for i in range(len(phases))]

        def bars(case: str) -> tuple[np.ndarray, np.ndarray]:
            starts = np.array([epoch(start, getattr(p.start_month, case)) for p in phases])
            ends = np.array([epoch(start, getattr(p.end_month, case)) for p in phases])
            return starts, ends - starts

        short_x0, short_w = bars("low")
        long_x0, long_w = bars("high")
        # A cost or a rate moves no bar: set again, each bar item and both refresh rows
        # were drawn afresh on every tick of such a slider (~1 ms of a playbook tick).
        shown = (tuple(ys), *(tuple(a.tolist()) for a in (short_x0, short_w, long_x0, long_w)))
        if shown != self._shown_bars:
            self._shown_bars = shown
            # The bars sit in the lower half of their row: the caption above them needs
            # the upper half once a laptop's timeline gives each row ~45 px.
            self.short_bars.setOpts(x0=short_x0, width=short_w, y=np.array(ys) + SHORT_Y,
                                    height=BAR_HEIGHT)
            self.long_bars.setOpts(x0=long_x0, width=long_w, y=np.array(ys) + LONG_Y,
                                   height=BAR_HEIGHT)

        self._text_points = []
        for index, (phase, y) in enumerate(zip(phases, ys, strict=True)):
            text = self._text(index)
            set_label_text(text, f"{_months_text(phase.months.low, phase.months.high)} "
                           f"months · {usd_range(phase.cost_usd.low, phase.cost_usd.high)}")
            self._text_points.append((float(short_x0[index]), y + 0.5))
            text.show()

        refresh_y = 0.0
        horizon = result.horizon_months
        refreshes = (start, horizon, result.first_version_months.low,
                     result.first_version_months.high)
        if refreshes != self._shown_refreshes:
            self._shown_refreshes = refreshes
            for scatter, case, offset in ((self.short_refreshes, "low", SHORT_Y),
                                          (self.long_refreshes, "high", LONG_Y)):
                launch = getattr(result.first_version_months, case)
                months = []
                month = launch + MONTHS_PER_QUARTER
                while month <= horizon + 1e-9:
                    months.append(month)
                    month += MONTHS_PER_QUARTER
                scatter.setData(x=[epoch(start, m) for m in months],
                                y=[refresh_y + offset] * len(months))
        text = self._text(len(phases))
        ongoing = result.ongoing_usd_per_quarter
        set_label_text(text, "every quarter after launch · "
                       f"{usd_range(ongoing.low, ongoing.high)}")
        self._text_points.append((epoch(start, result.first_version_months.low),
                                  refresh_y + 0.5))
        text.show()
        for extra in self._texts[len(phases) + 1:]:
            extra.hide()

        labels = (*(p.name for p in phases), self.ROW_LABEL_REFRESH)
        if labels != self._row_labels:
            self._row_labels = labels
            ticks = [(float(rows - 1 - i), label) for i, label in enumerate(labels)]
            self.getPlotItem().getAxis("left").setTicks([ticks])
            self._fit_left_axis(labels)
        left = epoch(start, 0) - 10 * SECONDS_PER_DAY
        right = epoch(start, horizon) + 10 * SECONDS_PER_DAY
        show_range(self, (left, right), (-0.45, rows - 0.4))
        self.fit_texts()

    def fit_texts(self, *_args) -> None:
        """Each annotation inside the plot: one that would run past the right edge ends at
        it instead (again on every resize, the plot's width is in pixels)."""
        view = self.getPlotItem().vb
        for text, (x, y) in zip(self._texts, self._text_points, strict=False):
            keep_inside(view, text, x, y)


class CumulativeSpendChart(Chart):
    """Cumulative spend from the start date to the horizon, one line per case."""

    def __init__(self, parent=None):
        super().__init__(parent=parent, axisItems={"bottom": _date_axis()})
        _style_plot(self, "Cumulative spend")
        item = self.getPlotItem()
        item.setLabel("left", "US dollars")
        left = item.getAxis("left")
        left.enableAutoSIPrefix(False)
        left.tickStrings = lambda values, scale, spacing: [usd(v, digits=2) if v >= 0 else ""
                                                           for v in values]
        left.setWidth(62)
        legend = item.addLegend(offset=(8, 8))
        style_legend(legend)
        self.curves = {}
        self.end_labels = {}
        names = {"high": "High case", "base": "Base case", "low": "Low case"}
        for case in ("high", "base", "low"):
            colour = CASE_COLOURS[case]
            self.curves[case] = pg.PlotDataItem(
                pen=pg.mkPen(colour, width=3 if case == "base" else 2.5,
                             style=CASE_DASHES[case]),
                name=names[case])
            label = chart_text("", colour, anchor=(1.0, 1.0), bold=True)
            self.end_labels[case] = label
            for element in (self.curves[case], label):
                item.addItem(element)
        # Every case's launch in one marker item, over the curves: an item per case cost
        # ~0.3 ms of pyqtgraph's own work per paint and per update, for one point each.
        self.launch_points = pg.ScatterPlotItem(size=9, symbol="o", pen=pg.mkPen("w"),
                                                hoverable=True, tip=lambda x, y, data: data)
        self._launch_brushes = {case: pg.mkBrush(colour) for case, colour in CASE_COLOURS.items()}
        item.addItem(self.launch_points)
        # The P10–P90 fan and the baseline, their key under the plot (the legend in it is full).
        self.extras = CurveExtras(self)
        self._start: dt.date | None = None
        self._shown_curves: dict[str, tuple] = {}  # case -> (start, months, spend) it shows
        self.setMinimumHeight(240)

    def show_bands(self, uncertainty) -> None:
        """The P10–P90 fan of cumulative spend over the draws, month by month."""
        band = series_of(uncertainty, "playbook.cumulative_usd")
        x = None
        if band is not None and self._start is not None:
            x = np.array([epoch(self._start, m) for m in band.x])
        self.extras.show_fan("spend", CASE_COLOURS["base"], uncertainty,
                             band if x is not None else None, x)

    def show_baseline(self, result: PlaybookResult | None, name: str) -> None:
        curve = next((c for c in result.curves if c.case == "base"), None) if result else None
        self.extras.show_baseline(None if curve is None else {"base": (
            CASE_COLOURS["base"], [epoch(result.start_date, m) for m in curve.months],
            curve.cumulative_usd)}, name)

    @settles_view
    def update_result(self, result: PlaybookResult) -> None:
        start = result.start_date
        top = 0.0
        launches: list[tuple[float, float, QBrush, str]] = []
        for curve in result.curves:
            x = np.array([epoch(start, m) for m in curve.months])
            y = np.array(curve.cumulative_usd)
            # A phase's low cost moves the low and base curves, never the high one: set
            # again, a curve's data is copied, its path and bounds made afresh.
            shown = (start, curve.months, curve.cumulative_usd)
            if shown != self._shown_curves.get(curve.case):
                self._shown_curves[curve.case] = shown
                self.curves[curve.case].setData(x=x, y=y)
            top = max(top, float(y.max()) if y.size else 0.0)
            launch = getattr(result.first_version_months, curve.case)
            spent = getattr(result.first_version_cost_usd, curve.case)
            launches.append((epoch(start, launch), spent, self._launch_brushes[curve.case],
                             f"{curve.label}: first version ships "
                             f"{getattr(result.launch_date, curve.case):%b %Y}, {usd(spent)}"))
            label = self.end_labels[curve.case]
            label.setText(usd(float(y[-1])) if y.size else "")
            label.setPos(float(x[-1]) if x.size else 0.0, float(y[-1]) if y.size else 0.0)
        xs, ys, brushes, tips = zip(*launches, strict=True) if launches else ((),) * 4
        self.launch_points.setData(x=list(xs), y=list(ys), brush=list(brushes),
                                   data=list(tips))
        left = epoch(start, 0) - 10 * SECONDS_PER_DAY
        right = epoch(start, result.horizon_months) + 10 * SECONDS_PER_DAY
        show_range(self, (left, right), (0.0, nice_ceiling(top * 1.1)))
        self._start = start
        self.extras.keep_in_view()
