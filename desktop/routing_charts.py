"""Charts of the Routing overspend planner, built once and updated in place.

Each chart takes a ``RoutingResult`` through ``update_result`` so the same class
draws on screen and off screen (PDF export). Log axes plot log10 values with
power-of-ten tick labels, as in desktop.charts.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from econplan.core.formatting import usd
from econplan.core.routing import RoutingResult
from econplan.core.routing_presenter import (
    RM_CHART_TITLE,
    ROLE_CHART_TITLE,
    rm_chart_tasks,
    rm_chart_title,
    role_chart_bars,
    role_chart_title,
)
from econplan.desktop import theme
from econplan.desktop.chart_theme import chart_font, fit_title, retitle
from econplan.desktop.charts import (
    AXIS_FONT_PT,
    Chart,
    PowerOfTenAxis,
    _style_plot,
    nice_ceiling,
    settles_view,
    show_range,
    style_legend,
)
from econplan.desktop.screen_cache import keep_pixels_on_screen
from econplan.desktop.theme import NEUTRAL, OKABE_ITO
from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFont,
    QFontMetrics,
    QPainter,
    QStaticText,
    QTransform,
)

# Blue vs vermillion (Okabe–Ito), and hatched vs solid: told apart without red–green vision.
OPTIMAL = OKABE_ITO["blue"]
ALL_LARGE = OKABE_ITO["vermillion"]
# One colour and one marker per model category (stable across charts and tables).
CATEGORY_COLOURS = {
    "reasoning": OKABE_ITO["reddish_purple"],
    "commercial_large": OKABE_ITO["vermillion"],
    "commercial_small": OKABE_ITO["orange"],
    "open_source": OKABE_ITO["blue"],
    "fine_tuned": OKABE_ITO["bluish_green"],
    "instruct": NEUTRAL,
    "specialist": OKABE_ITO["sky_blue"],
}
CATEGORY_SYMBOLS = {
    "reasoning": "star", "commercial_large": "s", "commercial_small": "t",
    "open_source": "o", "fine_tuned": "d", "instruct": "x", "specialist": "+",
}


def _fit_left_axis(plot: pg.PlotWidget, labels: list[str]) -> None:
    # pyqtgraph drops tick labels wider than the axis, so size the axis to the text.
    axis = plot.getPlotItem().getAxis("left")
    metrics = QFontMetrics(axis.style.get("tickFont") or QFont())
    widest = max((metrics.horizontalAdvance(text) for text in labels), default=40)
    axis.setWidth(widest + 14)
    fit_title(plot)  # the title's room is what the axis leaves


class BarEndLabels(pg.GraphicsObject):
    """Short texts at data points, drawn unscaled just right of each point and centred on
    it, as a ``chart_text`` anchored at (-0.05, 0.5) draws them.

    One item for all of them: fourteen text items cost ~2 ms a tick when the year or a
    head-count moved every bar end, each re-laying out its text, moving and following the
    view's new range on its own. A text is shaped once (``QStaticText``) and reused.
    """

    _MARGIN = 4.0  # a text item's document margin, which its anchor offsets include

    def __init__(self, points: float):
        super().__init__()
        self._points = points
        self._labels: list[tuple[float, float, str]] = []
        self._shaped: dict[str, QStaticText] = {}
        self.restyle()

    def restyle(self) -> None:
        """The theme's text colour and font (called again when the theme changes)."""
        palette = theme.current()
        self._colour = theme.readable(palette.chart_text, palette.chart_bg)
        self._font = chart_font(self._points)
        self._shaped.clear()
        self.update()

    def set_labels(self, labels: list[tuple[float, float, str]]) -> None:
        """(x, y, text) per label; an empty text draws nothing."""
        if labels != self._labels:
            self._labels = labels
            self.update()

    def texts(self) -> list[str]:
        """The labels' texts in the order given ("" where nothing is drawn)."""
        return [text for _, _, text in self._labels]

    def dataBounds(self, axis: int, frac: float = 1.0, orthoRange=None) -> None:
        return None  # the chart sets its range from the bars

    def boundingRect(self) -> QRectF:
        # The whole view: the texts keep their pixel size at any scale, and the view box
        # clips what runs past its edge.
        view = self.viewRect()
        return QRectF(view) if view is not None else QRectF()

    def viewTransformChanged(self) -> None:
        self.prepareGeometryChange()
        super().viewTransformChanged()

    def _shape(self, text: str) -> QStaticText:
        shaped = self._shaped.get(text)
        if shaped is None:
            if len(self._shaped) > 1_000:  # a long session's multiples, mostly gone by
                self._shaped.clear()
            shaped = self._shaped[text] = QStaticText(text)
            shaped.setTextFormat(Qt.TextFormat.PlainText)
            shaped.prepare(QTransform(), self._font)
        return shaped

    def paint(self, painter: QPainter, *args) -> None:
        if not self._labels:
            return
        to_scene = self.sceneTransform()
        # Drawn in scene pixels: unscaled on screen, scaled with the chart in a PDF.
        painter.setTransform(to_scene.inverted()[0] * painter.transform())
        painter.setFont(self._font)
        painter.setPen(QColor(self._colour))
        for x, y, text in self._labels:
            if not text:
                continue
            shaped = self._shape(text)
            size = shaped.size()
            at = to_scene.map(QPointF(x, y))
            left = at.x() + 0.05 * (size.width() + 2 * self._MARGIN) + self._MARGIN
            painter.drawStaticText(QPointF(left, at.y() - size.height() / 2), shaped)


def _money_tick(value: float) -> str:
    if value < 0:
        return ""
    return f"${value:.4g}" if value < 1000 else usd(value)


class RoleOverspendChart(Chart):
    """Per role: daily cost with optimal routing vs everything on a large model.

    Past the seed's 14 roles it draws the 12 that cost most and one bar for the others
    (``routing_presenter.role_chart_bars``), and its title says so.
    """

    def __init__(self, parent=None):
        super().__init__(parent=parent)
        _style_plot(self, ROLE_CHART_TITLE)
        item = self.getPlotItem()
        item.setLabel("bottom", "$/day, whole role")
        # Dollars as dollars: an SI "(x0.001)" scale on a money axis reads as a typo.
        item.getAxis("bottom").enableAutoSIPrefix(False)
        item.getAxis("bottom").tickStrings = lambda values, scale, spacing: [
            _money_tick(v) for v in values]
        self.large_bars = pg.BarGraphItem(
            x0=[], y=[], height=0.38, width=[], brush=QBrush(QColor(ALL_LARGE),
                                                             Qt.BrushStyle.BDiagPattern),
            pen=pg.mkPen(ALL_LARGE, width=1.5), name="All-large")
        self.optimal_bars = pg.BarGraphItem(x0=[], y=[], height=0.38, width=[],
                                            brush=pg.mkBrush(OPTIMAL), pen=pg.mkPen(None),
                                            name="Routed")
        item.addItem(self.large_bars)
        item.addItem(self.optimal_bars)
        # The legend sits under the plot: inside, it would hide the top roles' multiples.
        self.legend = pg.LegendItem(colCount=2)
        self.legend.addItem(self.large_bars, "All-large")
        self.legend.addItem(self.optimal_bars, "Routed")
        item.layout.addItem(self.legend, 4, 0, 1, 3)  # across the axis column: narrow fits
        self.extra_legends = [self.legend]
        style_legend(self.legend)
        # Each role's overspend multiple beside its all-large bar, all in one item.
        self.multiples = BarEndLabels(AXIS_FONT_PT - 1)
        item.addItem(self.multiples, ignoreBounds=True)
        self._labels: tuple[str, ...] = ()
        self._room: frozenset[str] = frozenset()  # the names the left axis makes room for
        self.setMinimumHeight(260)

    def apply_theme(self) -> None:
        self.multiples.restyle()
        if self._room:
            _fit_left_axis(self, list(self._room))

    @settles_view
    def update_result(self, result: RoutingResult) -> None:
        retitle(self, role_chart_title(result.roles))
        roles = list(reversed(role_chart_bars(result.roles)))  # first role at the top
        ys = np.arange(len(roles), dtype=float)
        optimal = np.array([r.optimal_daily_usd for r in roles])
        large = np.array([r.all_large_daily_usd for r in roles])
        self.large_bars.setOpts(x0=np.zeros_like(large), y=ys + 0.2, width=large, height=0.38)
        self.optimal_bars.setOpts(x0=np.zeros_like(optimal), y=ys - 0.2, width=optimal,
                                  height=0.38)
        labels = tuple(r.label for r in roles)
        item = self.getPlotItem()
        if labels != self._labels:
            self._labels = labels
            item.getAxis("left").setTicks([[(float(y), t) for y, t in zip(ys, labels,
                                                                         strict=True)]])
        # The axis is as wide as any role's name, not only the names shown: when a
        # head-count edit moves a role in or out of the largest ones, the plot keeps its
        # place instead of being laid out and painted again whole (~10 ms a tick). It is
        # measured again only when the set of names changes: the names shown change their
        # order with such an edit, not the widest of them (~200 names to measure at the
        # largest portfolio).
        room = frozenset(r.label for r in result.roles).union(labels)
        if room != self._room:
            self._room = room
            _fit_left_axis(self, list(room))
        self.multiples.set_labels(
            [(float(x), float(y), f"{r.overspend_multiple:.1f}×" if r.overspend_multiple
              else "") for x, y, r in zip(large, ys, roles, strict=True)])
        right = float(large.max()) if large.size else 1.0
        show_range(self, (0, nice_ceiling(right * 1.2)), (-0.7, max(len(roles) - 0.3, 0.7)))


def _price_tick(value: float) -> str:
    return usd(value, digits=1) if value >= 0.01 else f"${value:g}"


class PriceTrajectoryChart(Chart):
    """$/M tokens by category, 2024–2030, on a log axis; seed points drawn as dots."""

    def __init__(self, parent=None):
        super().__init__(parent=parent, axisItems={"left": PowerOfTenAxis("left", _price_tick)})
        _style_plot(self, "Price, $/M tokens (log)")
        item = self.getPlotItem()
        item.setLabel("bottom", "Year")
        item.getAxis("left").setWidth(62)
        # The legend sits right of the plot: inside it would hide the falling lines.
        self.legend = pg.LegendItem(verSpacing=-4)
        item.layout.addItem(self.legend, 2, 3)
        self.legend.beside_plot = True  # the title's room is narrower by its width
        self.extra_legends = [self.legend]
        style_legend(self.legend)
        self.year_line = pg.InfiniteLine(angle=90, movable=False,
                                         pen=pg.mkPen(NEUTRAL, width=1, style=pg.QtCore.Qt
                                                      .PenStyle.DashLine))
        item.addItem(self.year_line)
        self.curves: dict[str, pg.PlotCurveItem] = {}
        # Every category's yearly markers in one scatter item and the seed's dots in
        # another: a tick that moves the year line repaints what lies under it, and
        # fourteen scatter items (one per curve, one per seed) cost ~2 ms to paint there.
        self.markers = pg.ScatterPlotItem(size=6)
        self.seed_dots = pg.ScatterPlotItem(size=7, pen=pg.mkPen("w"))
        # The legend's entries: lines with their markers, never added to the plot; one
        # clicked hides its category's line and markers (pyqtgraph's legend toggle).
        self._samples: dict[str, pg.PlotDataItem] = {}
        self._points: dict[str, tuple[np.ndarray, np.ndarray, np.ndarray, bool]] = {}
        self._shown_key: tuple | None = None
        # What the year line passes over when it moves: the grid, the year axis (and the
        # curves and markers, as they are added).
        keep_pixels_on_screen(self.grid_lines, self.markers, self.seed_dots)
        self.setMinimumHeight(200)

    @settles_view
    def update_result(self, result: RoutingResult) -> None:
        self.year_line.setPos(result.year)
        # The curves do not depend on the year shown or on head-counts: a tick that moves
        # those moves the year line only, instead of re-setting seven curves and markers.
        key = (tuple(result.trajectory_years),
               tuple((c.category_id, c.enabled, c.basis, tuple(c.usd_per_mtok.items()),
                      tuple(c.from_seed.items())) for c in result.categories))
        if key == self._shown_key:
            return
        self._shown_key = key
        item = self.getPlotItem()
        years = np.array(result.trajectory_years, dtype=float)
        low, high = math.inf, -math.inf
        for category in result.categories:
            colour = CATEGORY_COLOURS.get(category.category_id, "#777")
            if category.category_id not in self.curves:
                self._add_category(category.category_id, category.label, colour)
            prices = np.array([category.usd_per_mtok[int(y)] for y in years])
            logs = np.log10(prices)
            curve = self.curves[category.category_id]
            curve.setData(years, logs)
            # Disabled categories stay visible but faint: they are not routed to.
            curve.setOpacity(1.0 if category.enabled else 0.3)
            curve.setPen(pg.mkPen(colour, width=2, style=pg.QtCore.Qt.PenStyle.SolidLine
                                  if category.basis.startswith("seed")
                                  else pg.QtCore.Qt.PenStyle.DashLine))
            seeded = np.array([category.from_seed[int(y)] for y in years], dtype=bool)
            self._points[category.category_id] = (years, logs, seeded, category.enabled)
            low, high = min(low, logs.min()), max(high, logs.max())
        self._show_markers()
        item.getAxis("bottom").setTicks([[(float(y), str(int(y))) for y in years]])
        item.setXRange(years[0] - 0.5, years[-1] + 0.5, padding=0)
        if math.isfinite(low):
            item.setYRange(low - 0.3, high + 0.3, padding=0)

    def _add_category(self, category_id: str, label: str, colour: str) -> None:
        item = self.getPlotItem()
        curve = pg.PlotCurveItem(pen=pg.mkPen(colour, width=2))
        item.addItem(curve)
        if not self.curves:  # the markers over every line
            for scatter in (self.markers, self.seed_dots):
                item.addItem(scatter)
                scatter.setZValue(1)
        keep_pixels_on_screen(curve)
        self.curves[category_id] = curve
        # One point, never drawn (the sample is in no scene): without data pyqtgraph does
        # not hand the marker's colours to the legend's swatch.
        sample = pg.PlotDataItem([0.0], [0.0], pen=pg.mkPen(colour, width=2),
                                 symbol=CATEGORY_SYMBOLS.get(category_id, "o"), symbolSize=6,
                                 symbolBrush=colour, symbolPen=colour)
        sample.visibleChanged.connect(self._show_markers)
        self._samples[category_id] = sample
        self.legend.addItem(sample, label)

    def _show_markers(self) -> None:
        """Each shown category's markers (faint when disabled) and the seed's dots."""
        marks: list[dict] = []
        dots: list[dict] = []
        for category_id, (years, logs, seeded, enabled) in self._points.items():
            shown = self._samples[category_id].isVisible()
            self.curves[category_id].setVisible(shown)
            if not shown:
                continue
            colour = QColor(CATEGORY_COLOURS.get(category_id, "#777"))
            if not enabled:
                colour.setAlphaF(0.3)
            symbol = CATEGORY_SYMBOLS.get(category_id, "o")
            brush, pen = pg.mkBrush(colour), pg.mkPen(colour)
            marks += [{"pos": (x, y), "symbol": symbol, "brush": brush, "pen": pen}
                      for x, y in zip(years.tolist(), logs.tolist(), strict=True)]
            dots += [{"pos": (x, y), "brush": brush}
                     for x, y in zip(years[seeded].tolist(), logs[seeded].tolist(),
                                     strict=True)]
        self.markers.setData(marks)
        self.seed_dots.setData(dots)


def _rm_tick(value: float) -> str:
    return f"{value:g}"


RM_CHART_MIN_HEIGHT = 200
RM_ROW_PX = 18


class ReasoningMultiplierChart(Chart):
    """RM per task (log axis) over the verdict bands anchored on the seed's six tasks."""

    def __init__(self, parent=None):
        super().__init__(parent=parent, axisItems={"bottom": PowerOfTenAxis("bottom", _rm_tick)})
        _style_plot(self, RM_CHART_TITLE)
        item = self.getPlotItem()
        item.setLabel("bottom", "RM (log)")
        item.getAxis("bottom").setToolTip("A verdict band starts at each published task's "
                                          "RM; the verdict is named beside the task.")
        self.bars = pg.ScatterPlotItem(size=11, symbol="o", pen=pg.mkPen(NEUTRAL),
                                       hoverable=True, tip=lambda x, y, data: data)
        item.addItem(self.bars)
        self._bands: list[pg.LinearRegionItem] = []
        self._band_labels: list[pg.TextItem] = []
        self._labels: tuple[str, ...] = ()
        self._band_key: tuple = ()
        self._shown_key: tuple | None = None
        self.setMinimumHeight(RM_CHART_MIN_HEIGHT)

    def _set_bands(self, result: RoutingResult, left: float, right: float) -> None:
        key = (tuple((b.verdict, b.rm_from) for b in result.rm_bands), left, right,
               len(result.reasoning))
        if key == self._band_key:
            return
        self._band_key = key
        item = self.getPlotItem()
        for element in self._bands + self._band_labels:
            item.removeItem(element)
        self._bands, self._band_labels = [], []
        for index, band in enumerate(result.rm_bands):
            start = left if band.rm_from <= 0 else math.log10(band.rm_from)
            end = right if band.rm_to is None else math.log10(band.rm_to)
            region = pg.LinearRegionItem((start, end), movable=False,
                                         brush=pg.mkBrush(self._band_colour(index)),
                                         pen=pg.mkPen(None))
            region.setZValue(-10)
            item.addItem(region)
            # The verdict is named on the axis beside the seed task that anchors the band.
            region.setToolTip(f"{band.verdict}: RM from {band.rm_from:.3g} "
                              f"({band.anchor_task})")
            self._bands.append(region)

    @staticmethod
    def _band_colour(index: int) -> str:
        bands = theme.current().chart_band
        return bands[index % len(bands)]

    def apply_theme(self) -> None:
        """Band colours of the current theme (called by desktop/chart_theme.py)."""
        for index, region in enumerate(self._bands):
            region.setBrush(pg.mkBrush(self._band_colour(index)))
            region.update()
        if self._labels:  # the verdict labels' axis follows the tick font
            _fit_left_axis(self, list(self._labels))

    @settles_view
    def update_result(self, result: RoutingResult) -> None:
        # The tasks' multipliers change only with the reasoning inputs, not on the price
        # year or head-count ticks that also reach this chart. Keyed by the plan's RM tasks
        # and bands themselves: the plan hands back the same objects for the same reasoning
        # inputs, which compare by identity first (equal new ones compare field by field);
        # a key of every task's fields was made again for each tick (~500 at the largest).
        key = (tuple(result.reasoning), tuple(result.rm_bands))
        if key == self._shown_key:
            return
        self._shown_key = key
        title = rm_chart_title(result.reasoning)
        if title != self.chart_title:
            retitle(self, title)
            self.getPlotItem().getAxis("left").setToolTip(
                "" if title == RM_CHART_TITLE else
                "The published tasks, then yours with the highest RM; the Reasoning "
                "multiplier table lists every task.")
        rows = list(reversed(rm_chart_tasks(result.reasoning)))
        # A name per row needs its line of text: the results scroll rather than the names
        # running together (14 rows in the 200 px minimum overlapped).
        self.setMinimumHeight(max(RM_CHART_MIN_HEIGHT, RM_ROW_PX * len(rows) + 90))
        ys = np.arange(len(rows), dtype=float) + 1
        rms = np.array([max(r.rm, 1e-3) for r in rows])
        xs = np.log10(rms)
        tips = [f"{r.name}: {r.gain_pct:g}% / {r.cost_multiple:g}× = {r.rm:.3g} → {r.verdict}"
                + (f" (published: {r.seed_rm:g}, {r.seed_verdict})" if r.seed_verdict else "")
                for r in rows]
        brushes = [pg.mkBrush(OKABE_ITO["blue"] if r.origin != "yours" else OKABE_ITO["orange"])
                   for r in rows]
        self.bars.setData(x=xs, y=ys, data=tips, brush=brushes)
        labels = tuple(f"{r.name} · {r.verdict}" for r in rows)
        item = self.getPlotItem()
        if labels != self._labels:
            self._labels = labels
            item.getAxis("left").setTicks([[(float(y), t) for y, t in zip(ys, labels,
                                                                         strict=True)]])
            _fit_left_axis(self, list(labels))
        left = math.floor(min(xs.min(), -1.0)) - 0.1 if xs.size else -1.1
        right = math.ceil(max(xs.max(), 1.5)) + 0.1 if xs.size else 2.1
        self._set_bands(result, left, right)
        item.setXRange(left, right, padding=0)
        item.setYRange(0.4, len(rows) + 0.6, padding=0)
