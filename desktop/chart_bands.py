"""P10–P90 bands and a faint baseline drawn on the tabs' existing charts.

The Monte Carlo (core/uncertainty.py) gives P10/P50/P90 of chart series point by point
(``Uncertainty.series``). A chart that can show them has ``show_bands(uncertainty)``
(None drops them) and, for the comparison, ``show_baseline(result, name)`` (None
removes it); both are built from the items here so every chart draws them alike:

- ``BandWhiskers``: P10–P90 whiskers on bars, in the chart's text colour;
- ``BandFan``: a shaded P10–P90 fan under a curve, in the curve's hue, translucent;
- ``BaselineBars`` / ``BaselineCurve``: the pinned baseline, dashed and faint;
- ``ChartKey``: the legend entries that say what they are ("P10–P90 of 10,000 draws",
  "Baseline: …"), under the plot where the chart has no legend of its own.

Bands arrive after the draws (desktop/plan_session.py), never on a slider tick; an
edit drops them at once, so a stale band is never on screen. Colours follow the
theme at paint time: a theme switch needs no redraw of the data.
"""

from __future__ import annotations

import weakref
from collections.abc import Sequence
from typing import TYPE_CHECKING, Any

import numpy as np
import pyqtgraph as pg
from econplan.desktop import theme
from econplan.desktop.chart_theme import remove_legend_entry, style_legend
from econplan.desktop.whiskers import Whiskers
from PySide6.QtCore import Qt
from PySide6.QtGui import QColor

if TYPE_CHECKING:
    from econplan.core.uncertainty import SeriesBand, Uncertainty

# Fan opacity: a light fill on white, a stronger one on the dark chart background.
FAN_ALPHA = {False: 60, True: 95}
BASELINE_ALPHA = {False: 120, True: 150}
WHISKER_WIDTH = 2.5


def draws_text(uncertainty: Uncertainty) -> str:
    return f"P10–P90 of {uncertainty.draws:,} draws"


def fan_text(uncertainty: Uncertainty) -> str:
    return f"shaded: {draws_text(uncertainty)}"


# The band's legend entry while new draws run after an edit (the band itself is gone).
PENDING_TEXT = "P10–P90: redrawing…"


BASELINE_NAME_CHARS = 30  # a legend inside a plot must stay narrow


def baseline_text(name: str) -> str:
    if len(name) > BASELINE_NAME_CHARS:
        name = name[:BASELINE_NAME_CHARS - 1].rstrip() + "…"
    return f"Baseline: {name}"


class _OfChart:
    """Holds its chart weakly: the chart holds it, and a cycle would keep a closed chart
    (a top-level one in a test, a PDF page) alive until the garbage collector runs."""

    def __init__(self, plot: pg.PlotWidget):
        self._plot = weakref.ref(plot)

    @property
    def plot(self) -> pg.PlotWidget:
        return self._plot()


def translucent(colour: str, alpha: int) -> QColor:
    result = QColor(colour)
    result.setAlpha(alpha)
    return result


class BandWhiskers(Whiskers):
    """P10–P90 whiskers of bars (horizontal), in the chart's text colour: they must read
    over every series colour, in light and dark charts."""

    def __init__(self, beam: float = 0.3):
        super().__init__(x=np.array([]), y=np.array([]), beam=beam)
        self.setZValue(20)
        self.setVisible(False)

    def pen_now(self):
        return pg.mkPen(translucent(theme.current().chart_text, 235), width=WHISKER_WIDTH)

    def paint(self, painter, *args) -> None:
        # The pen of the theme on screen now: nothing of the item changes while painting.
        if self.path is None:
            self.drawPath()
        painter.setPen(self.pen_now())
        painter.drawPath(self.path)

    def show_horizontal(self, ys: np.ndarray, p10: np.ndarray, p90: np.ndarray) -> None:
        half = (p90 - p10) / 2
        self.setData(x=p10 + half, y=ys, left=half, right=half, pen=self.pen_now())
        self.setVisible(True)

    def clear(self) -> None:
        if self.isVisible():
            self.setData(x=np.array([]), y=np.array([]), left=None, right=None)
            self.setVisible(False)


class BandFan(pg.FillBetweenItem):
    """A shaded P10–P90 range under a curve, in its hue."""

    def __init__(self, colour: str):
        self.colour = colour
        self.low = pg.PlotCurveItem(pen=pg.mkPen(None))
        self.high = pg.PlotCurveItem(pen=pg.mkPen(None))
        super().__init__(self.low, self.high, brush=self.brush_now())
        self.setZValue(-10)  # under every line of the chart
        self.setVisible(False)

    def brush_now(self):
        return pg.mkBrush(translucent(self.colour, FAN_ALPHA[theme.current().dark]))

    def paint(self, painter, *args) -> None:
        # The fill of the theme on screen now, without changing the item while painting.
        painter.setPen(pg.mkPen(None))
        painter.setBrush(self.brush_now())
        painter.drawPath(self.path())

    def add_to(self, plot_item: pg.PlotItem) -> None:
        for element in (self.low, self.high, self):
            plot_item.addItem(element)
        self.low.setVisible(False)
        self.high.setVisible(False)

    def show_range(self, x: np.ndarray, p10: np.ndarray, p90: np.ndarray) -> None:
        self.low.setData(x, p10)
        self.high.setData(x, p90)
        self.setVisible(True)

    def clear(self) -> None:
        if self.isVisible():
            self.low.setData([], [])
            self.high.setData([], [])
            self.setVisible(False)

    def legend_sample(self) -> pg.PlotDataItem:
        """A stand-in the legend can draw: a filled square in the fan's colour."""
        return pg.PlotDataItem([0, 1], [1, 1], pen=pg.mkPen(None), fillLevel=0,
                               fillBrush=self.brush_now())


def _baseline_pen(colour: str, width: float = 2.0):
    pen = pg.mkPen(translucent(colour, BASELINE_ALPHA[theme.current().dark]), width=width,
                   style=Qt.PenStyle.DashLine)
    pen.setCosmetic(True)
    return pen


class BaselineCurve(pg.PlotDataItem):
    """The baseline's series: dashed, faint, under the current lines."""

    def __init__(self, colour: str):
        super().__init__([], [], pen=_baseline_pen(colour))
        self.colour = colour
        self.setZValue(-5)
        self.setVisible(False)

    def show_series(self, x: Sequence[float], y: Sequence[float]) -> None:
        self.setPen(_baseline_pen(self.colour))  # the alpha of the theme on screen now
        self.setData(np.asarray(x, dtype=float), np.asarray(y, dtype=float))
        self.setVisible(True)

    def clear(self) -> None:
        if self.isVisible():
            self.setData([], [])
            self.setVisible(False)


class BaselineBars(pg.BarGraphItem):
    """The baseline's bars as dashed outlines, over the current bars (outlines hide
    nothing), so a longer or shorter baseline reads at once."""

    # Neutral grey: ≥ 3:1 on both chart backgrounds, so a theme switch needs no redraw.
    COLOUR = theme.NEUTRAL

    def __init__(self, height: float = 0.6):
        self.bar_height = height
        super().__init__(x0=[], y=[], height=height, width=[], brush=pg.mkBrush(None),
                         pen=_baseline_pen(self.COLOUR, 2.0))
        self.setZValue(15)
        self.setVisible(False)

    def show_bars(self, ys: np.ndarray, widths: np.ndarray) -> None:
        self.setOpts(x0=np.zeros_like(widths), y=ys, width=widths, height=self.bar_height,
                     pen=_baseline_pen(self.COLOUR, 2.0), brush=pg.mkBrush(None))
        self.setVisible(True)

    def clear(self) -> None:
        if self.isVisible():
            self.setOpts(x0=[], y=[], width=[])
            self.setVisible(False)

    def legend_sample(self) -> pg.PlotDataItem:
        return pg.PlotDataItem([0, 1], [1, 1], pen=_baseline_pen(self.COLOUR))


class ChartKey(_OfChart):
    """Legend entries for bands and the baseline. Charts with a legend get them there;
    others get a one-column legend under the plot, kept in place once shown: new draws
    after an edit relabel the band's entry ("redrawing") rather than remove it, so the
    plot does not jump on every slider drag."""

    ROW = 5  # under the bottom axis (row 3) and the row some charts' own legends use (4)

    def __init__(self, plot: pg.PlotWidget, legend: pg.LegendItem | None = None):
        super().__init__(plot)
        self.own = legend is None
        self.legend = legend
        self.samples: dict[str, Any] = {}  # role ("band", "baseline") -> the legend's item
        self._laid_out = False  # an own legend in the plot's layout

    def _legend(self) -> pg.LegendItem:
        if self.legend is None:
            self.legend = pg.LegendItem(colCount=1)
            extra = getattr(self.plot, "extra_legends", None)
            if extra is None:
                extra = self.plot.extra_legends = []
            extra.append(self.legend)
        if self.own and not self._laid_out:
            self.plot.getPlotItem().layout.addItem(self.legend, self.ROW, 0, 1, 3)
            self.legend.show()
            self._laid_out = True
        return self.legend

    def set(self, role: str, sample: Any, text: str) -> None:
        if self.text(role) == text:
            return
        self.remove(role, keep_room=True)
        legend = self._legend()
        legend.addItem(sample, text)
        self.samples[role] = sample
        style_legend(legend)

    def relabel(self, role: str, text: str) -> None:
        """Keep the entry (and the room it takes), say something else."""
        sample = self.samples.get(role)
        if sample is not None and self.text(role) != text:
            for item_sample, label in self.legend.items:
                if item_sample.item is sample:
                    # The label keeps the colour and size it was styled with: restyling
                    # every entry (style_legend) cost more than the rest of the band work.
                    label.setText(text)
            if not self.own:
                # A legend of the chart's own sizes itself. One in the plot's layout is
                # sized by it: updateSize moved it to (0, 0) until the next layout pass put
                # it back, and the chart was painted twice in the tick that dropped bands.
                self.legend.updateSize()

    def remove(self, role: str, keep_room: bool = False) -> None:
        sample = self.samples.pop(role, None)
        if sample is None or self.legend is None:
            return
        remove_legend_entry(self.legend, sample)
        if self.own and not keep_room and not self.legend.items and self._laid_out:
            # Out of the layout: the plot gets its row back. The legend stays in the scene,
            # hidden, so that Qt deletes it with the chart: taken out of the scene it
            # belonged to its Python wrapper, which only the cycle collector freed.
            self.plot.getPlotItem().layout.removeItem(self.legend)
            self.legend.hide()
            self._laid_out = False

    def text(self, role: str) -> str | None:
        sample = self.samples.get(role)
        if sample is None or self.legend is None:
            return None
        return next((label.text for item_sample, label in self.legend.items
                     if item_sample.item is sample), None)


# -- what a chart holds ------------------------------------------------------------------

def _extend_range(plot: pg.PlotWidget, axis: str, top: float) -> None:
    """Room for a band or baseline past the chart's own range (never shrinks it)."""
    from econplan.desktop.charts import nice_ceiling

    item = plot.getPlotItem()
    (x0, x1), (y0, y1) = item.getViewBox().viewRange()
    if axis == "x" and top > x1:
        item.setXRange(x0, nice_ceiling(top * 1.04), padding=0)
    elif axis == "y" and top > y1:
        item.setYRange(y0, nice_ceiling(top * 1.08), padding=0)


class BarExtras(_OfChart):
    """Bands and baseline of a horizontal bar chart whose bars are keyed (line ids):
    P10–P90 whiskers in each bar's lower half (its centre keeps the low–high whisker),
    the baseline's bars as dashed outlines."""

    def __init__(self, plot: pg.PlotWidget, bar_height: float,
                 legend: pg.LegendItem | None = None):
        super().__init__(plot)
        self.whiskers = BandWhiskers(beam=bar_height * 0.3)
        self.baseline = BaselineBars(bar_height)
        plot.getPlotItem().addItem(self.whiskers)
        plot.getPlotItem().addItem(self.baseline)
        self.whisker_offset = -bar_height * 0.25
        self.key = ChartKey(plot, legend)
        self.keys: tuple[str, ...] = ()
        self.baseline_values: dict[str, float] | None = None
        self.baseline_name = ""

    def show_bands(self, uncertainty: Uncertainty | None, series_id: str) -> None:
        band = keyed_band(series_of(uncertainty, series_id), self.keys)
        if band is None or uncertainty is None:
            self.whiskers.clear()
            if uncertainty is None:
                self.key.relabel("band", PENDING_TEXT)
            else:  # the draws do not move these bars: nothing to say
                self.key.remove("band")
            return
        present, p10, p90 = band
        ys = np.arange(len(self.keys), dtype=float)[present]
        self.whiskers.show_horizontal(ys + self.whisker_offset, p10[present], p90[present])
        sample = pg.PlotDataItem([0, 1], [1, 1], pen=self.whiskers.pen_now())
        self.key.set("band", sample, f"thick whisker: {draws_text(uncertainty)}")
        _extend_range(self.plot, "x", float(np.nanmax(p90)))

    def show_baseline(self, values: dict[str, float] | None, name: str) -> None:
        self.baseline_values, self.baseline_name = values, name
        self.relayout(self.keys)

    def relayout(self, keys: Sequence[str]) -> None:
        """The bars (their keys, bottom to top) were drawn again: the baseline follows
        them, redrawn only when they moved (a drag redraws the bars on every tick)."""
        self.keys = tuple(keys)
        values = self.baseline_values
        shown = [i for i, k in enumerate(self.keys) if values and k in values]
        if not shown or values is None:
            self._shown = None
            self.baseline.clear()
            self.key.remove("baseline")
            return
        widths = np.array([values[self.keys[i]] for i in shown], dtype=float)
        layout = (self.keys, id(values))
        if layout != getattr(self, "_shown", None):
            self._shown = layout
            self.baseline.show_bars(np.array(shown, dtype=float), widths)
            self.key.set("baseline", self.baseline.legend_sample(),
                         baseline_text(self.baseline_name))
        _extend_range(self.plot, "x", float(widths.max()))


class CurveExtras(_OfChart):
    """Bands and baseline of a chart of curves over x: a shaded fan per banded curve,
    a dashed faint line per baseline curve."""

    def __init__(self, plot: pg.PlotWidget, legend: pg.LegendItem | None = None):
        super().__init__(plot)
        self.key = ChartKey(plot, legend)
        self.fans: dict[str, BandFan] = {}
        self.regions: dict[str, pg.LinearRegionItem] = {}
        self.baselines: dict[str, BaselineCurve] = {}
        self.baseline_top: float | None = None

    def fan(self, name: str, colour: str) -> BandFan:
        if name not in self.fans:
            self.fans[name] = BandFan(colour)
            self.fans[name].add_to(self.plot.getPlotItem())
        return self.fans[name]

    def show_fan(self, name: str, colour: str, uncertainty: Uncertainty | None,
                 band: SeriesBand | None, x: np.ndarray | None = None) -> None:
        fan = self.fan(name, colour)
        if band is None or uncertainty is None:
            fan.clear()
            if uncertainty is None:
                self.key.relabel("band", PENDING_TEXT)
            elif not any(f.isVisible() for f in self.fans.values()):
                self.key.remove("band")
            return
        p10, p90 = np.array(band.p10), np.array(band.p90)
        fan.show_range(np.array(band.x) if x is None else x, p10, p90)
        self.key.set("band", fan.legend_sample(), fan_text(uncertainty))
        _extend_range(self.plot, "y", float(p90.max()))

    def show_region(self, name: str, colour: str, uncertainty: Uncertainty | None,
                    low: float | None, high: float | None) -> None:
        """A shaded span of x (e.g. the payback's P10–P90 months); None ends: none."""
        region = self.regions.get(name)
        if region is None:
            region = self.regions[name] = pg.LinearRegionItem(
                movable=False, brush=pg.mkBrush(translucent(colour, 45)),
                pen=pg.mkPen(translucent(colour, 140), width=1, style=Qt.PenStyle.DotLine))
            region.setZValue(-20)
            self.plot.getPlotItem().addItem(region, ignoreBounds=True)
            region.setVisible(False)
        if uncertainty is None or low is None or high is None or not high > low:
            region.setVisible(False)
            return
        region.setRegion((low, high))
        region.setVisible(True)

    def keep_in_view(self) -> None:
        """The chart set its own range again (an update): the baseline and the bands it
        shows stay inside it."""
        if self.baseline_top is not None:
            _extend_range(self.plot, "y", self.baseline_top)
        for fan in self.fans.values():
            if fan.isVisible():
                _extend_range(self.plot, "y", float(np.max(fan.high.getData()[1])))

    def show_baseline(self, curves: dict[str, tuple[str, Sequence[float], Sequence[float]]]
                      | None, name: str) -> None:
        """``curves``: name -> (colour, x, y); None removes the baseline."""
        for curve_name, curve in self.baselines.items():
            if not curves or curve_name not in curves:
                curve.clear()
        if not curves:
            self.baseline_top = None
            self.key.remove("baseline")
            return
        top = 0.0
        for curve_name, (colour, x, y) in curves.items():
            if curve_name not in self.baselines:
                self.baselines[curve_name] = BaselineCurve(colour)
                self.plot.getPlotItem().addItem(self.baselines[curve_name])
            self.baselines[curve_name].show_series(x, y)
            top = max(top, max(y, default=0.0))
        # One curve: its own hue; several (API and fine-tuned): the neutral grey.
        colour = next(iter(curves.values()))[0] if len(curves) == 1 else theme.NEUTRAL
        sample = pg.PlotDataItem([0, 1], [1, 1], pen=_baseline_pen(colour))
        self.key.set("baseline", sample, baseline_text(name))
        self.baseline_top = top
        _extend_range(self.plot, "y", top)


# -- helpers the tabs call -----------------------------------------------------------------

def series_of(uncertainty: Uncertainty | None, series_id: str) -> SeriesBand | None:
    return None if uncertainty is None else uncertainty.series_band(series_id)


def keyed_band(band: SeriesBand | None, keys: Sequence[str]
               ) -> tuple[np.ndarray, np.ndarray, np.ndarray] | None:
    """The band's P10 and P90 at ``keys`` (bars, in the chart's order) and which keys
    have one; None when no key does."""
    if band is None:
        return None
    by_key = band.by_key()
    present = np.array([key in by_key for key in keys])
    if not present.any():
        return None
    p10 = np.array([by_key[k][0] if k in by_key else np.nan for k in keys])
    p90 = np.array([by_key[k][2] if k in by_key else np.nan for k in keys])
    return present, p10, p90


def band_charts(widget) -> list[pg.PlotWidget]:
    """Every chart under ``widget`` that draws bands."""
    return [chart for chart in widget.findChildren(pg.PlotWidget)
            if callable(getattr(chart, "show_bands", None))]


def show_chart_bands(charts: Sequence[pg.PlotWidget], uncertainty: Uncertainty | None) -> None:
    """Each of ``charts`` (from ``band_charts``) shows these bands (None: drops them)."""
    for chart in charts:
        chart.show_bands(uncertainty)


def show_chart_baseline(widget, result: Any, name: str) -> None:
    """Every chart under ``widget`` that draws a baseline shows ``result`` faint (None:
    removes it)."""
    for chart in widget.findChildren(pg.PlotWidget):
        show = getattr(chart, "show_baseline", None)
        if callable(show):
            show(result, name)
