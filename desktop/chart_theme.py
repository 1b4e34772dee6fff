"""Charts in the current theme and text scale, restyled in place when either changes.

``style_chart`` is called once by every chart builder (through ``charts._style_plot``)
and again by desktop/appearance.py after a theme, zoom or presentation change, so a chart
is never rebuilt to change its colours. Text drawn inside a plot is made with
``chart_text`` so it can be restyled too, and its colour is adjusted until it reads on
the chart's background (≥ 4.5:1) while keeping its series' hue.
"""

from __future__ import annotations

import html
import math

import pyqtgraph as pg
from econplan.desktop import theme
from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QColor, QFont, QFontMetrics

AXIS_FONT_PT = 10
TITLE_FONT_PT = 12
LEGEND_FONT_PT = 9
TICK_GAP_PX = 14  # free space between two tick labels


def chart_font(points: float, bold: bool = False) -> QFont:
    """The application's sans font at ``points`` × the current text scale."""
    font = QFont()  # QFont("") can resolve to a serif face
    font.setPointSizeF(max(1.0, points * theme.text_scale()))
    font.setBold(bold)
    return font


def chart_text(text: str, colour: str | QColor | None = None, anchor=(0, 0),
               points: float = AXIS_FONT_PT, bold: bool = False,
               filled: bool = False) -> pg.TextItem:
    """A text item in a plot that follows the theme (``colour`` None: the chart's text)."""
    item = pg.TextItem(text, anchor=anchor)
    item._theme_colour = QColor(colour) if colour is not None else None
    item._theme_points = points
    item._theme_bold = bold
    item._theme_filled = filled
    restyle_text(item)
    return item


def restyle_text(item: pg.TextItem) -> None:
    palette = theme.current()
    source = getattr(item, "_theme_colour", None)
    colour = theme.readable(source if source is not None else palette.chart_text,
                            palette.chart_bg)
    item.setColor(colour)
    if hasattr(item, "_theme_points"):
        item.setFont(chart_font(item._theme_points, item._theme_bold))
    if getattr(item, "_theme_filled", False):
        fill = QColor(palette.chart_bg)
        fill.setAlpha(220)
        item.fill = pg.mkBrush(fill)
        item.update()


def series_pen(colour: str, width: float = 2.0, dash: Qt.PenStyle = Qt.PenStyle.SolidLine):
    pen = pg.mkPen(colour, width=width, style=dash)
    pen.setCosmetic(True)
    return pen


def legend_background() -> QColor:
    colour = QColor(theme.current().chart_bg)
    colour.setAlpha(225)
    return colour


def remove_legend_entry(legend: pg.LegendItem, item: object) -> None:
    """Take ``item``'s entry out of ``legend`` and delete its sample and label.

    pyqtgraph's ``removeItem`` only closes them: they stayed in the scene under the legend
    while their Python wrappers were left to the cycle collector, which cleared them as Qt
    still called their overrides (a LabelItem without its attributes in a layout, a crash).
    """
    entries = [entry for entry in legend.items if entry[0].item is item]
    legend.removeItem(item)
    for sample, label in entries:
        sample.deleteLater()
        label.deleteLater()


def style_legend(legend: pg.LegendItem) -> None:
    palette = theme.current()
    legend.setBrush(pg.mkBrush(legend_background()))
    legend.setPen(pg.mkPen(palette.chart_grid))
    size = f"{LEGEND_FONT_PT * theme.text_scale():.1f}pt"
    legend.setLabelTextColor(QColor(palette.chart_text))
    legend.setLabelTextSize(size)
    for _sample, label in legend.items:  # entries added before: restyled in place
        label.setText(label.text, color=palette.chart_text, size=size)
    legend.updateSize()


# -- titles that never run off the chart -------------------------------------------------------


class _TitleFitter(QObject):
    """Re-elides a chart's title when the chart is resized, and its axis captions when
    its plot area is (the y-axis caption runs along the plot's height)."""

    def eventFilter(self, watched, event) -> bool:
        if event.type() == QEvent.Type.Resize:
            fit_title(watched)
        return False

    def plot_resized(self, *_args) -> None:
        fit_axis_label(self.parent())


def retitle(plot: pg.PlotWidget, title: str) -> None:
    """Give a built chart a new title (fitted to its width like the first one)."""
    if title == plot.chart_title:
        return
    plot.chart_title = title
    plot.setToolTip("")  # fit_title sets it again if the new title is elided
    fit_title(plot)


def fit_title(plot: pg.PlotWidget) -> None:
    title = getattr(plot, "chart_title", "")
    if not title:
        return
    # The style the chart was last given (a chart built for paper keeps its light one).
    points, colour = getattr(plot, "_title_style", (TITLE_FONT_PT, "#000000"))
    font = QFont()
    font.setPointSizeF(points)
    # The title spans the plot area only: the axes and a side legend take the rest. Too
    # long a title would widen the whole plot past its widget and clip the right-hand side.
    item = plot.getPlotItem()
    left = item.getAxis("left")
    # A width just set (to fit new tick labels) is the axis's before the layout applies it.
    taken = (left.fixedWidth or left.width()) if left.isVisible() else 0
    for legend in getattr(plot, "extra_legends", []):
        if getattr(legend, "beside_plot", False):
            taken += legend.boundingRect().width()
    available = max(40, int(plot.width() - taken - 30))
    shown = QFontMetrics(font).elidedText(title, Qt.TextElideMode.ElideRight, available)
    key = (shown, points, colour)
    if key == getattr(plot, "_title_key", None):
        return
    plot._title_key = key
    plot.getPlotItem().setTitle(
        f"<span style='font-size:{points:.1f}pt;color:{colour}'>{html.escape(shown)}</span>")
    if shown != title:  # the whole title stays a hover away
        plot.setToolTip(title)
    fit_axis_label(plot)


def set_axis_caption(plot: pg.PlotWidget, text: str) -> None:
    """The x-axis caption ``text``, elided to the chart's width; nothing when it is the one
    shown (pyqtgraph redraws the axis on every ``setLabel``, even an equal one)."""
    axis = plot.getPlotItem().getAxis("bottom")
    if getattr(axis, "_full_label", axis.labelText) == text:
        return
    axis.setLabel(text)
    fit_axis_label(plot)


def fit_axis_label(plot: pg.PlotWidget) -> None:
    """The axis captions elided to their room: the x-axis's to the chart's width, the
    y-axis's to the plot's height (a laptop's chart under an open drawer is ~110 px tall,
    and a longer caption was cut at the top). Each axis's tooltip keeps the whole text."""
    item = plot.getPlotItem()
    # Centred under the plot area: the left axis's width is not the caption's.
    left = item.getAxis("left")
    room = plot.width() - ((left.fixedWidth or left.width()) if left.isVisible() else 0) - 24
    _elide_caption(item.getAxis("bottom"), room)
    height = item.vb.height()
    if height > 0:  # not laid out yet: the plot's resize fits it
        _elide_caption(left, height - 8)


def _elide_caption(axis: pg.AxisItem, room: float) -> None:
    if not axis.labelText:
        return
    if axis.labelText != getattr(axis, "_shown_label", None):  # set anew by the chart
        axis._full_label = axis.labelText
    full = axis._full_label
    metrics = QFontMetrics(chart_font(AXIS_FONT_PT))
    shown = metrics.elidedText(full, Qt.TextElideMode.ElideRight, max(40, int(room)))
    axis._shown_label = shown
    if shown != axis.labelText:
        axis.setLabel(shown, **axis.labelStyle)
    # The chart's own tip for the axis stays; a cut caption's whole text comes first.
    own = axis.toolTip()
    if own == getattr(axis, "_caption_tip", None):
        own = getattr(axis, "_own_tip", "")
    axis._own_tip = own
    tip = "\n".join(text for text in (full if shown != full else "", own) if text)
    axis._caption_tip = tip
    if axis.toolTip() != tip:
        axis.setToolTip(tip)


# -- tick labels that never run together -----------------------------------------------------


def _spaced(axis: pg.AxisItem, tick_values):
    """``tick_values`` thinned so the major labels have room (a label is skipped, never cut)."""

    def spaced_tick_values(low: float, high: float, size: float):
        levels = tick_values(low, high, size)
        if not levels or size <= 0 or axis._tickLevels is not None:
            return levels
        spacing, values = levels[0]
        values = [v for v in values if low <= v <= high] or list(values)
        if len(values) < 2:
            return levels
        metrics = QFontMetrics(axis.style.get("tickFont") or QFont())
        if axis.orientation in ("bottom", "top"):
            strings = axis.tickStrings(values, axis.autoSIPrefixScale * axis.scale, spacing)
            extent = max((metrics.horizontalAdvance(s) for s in strings), default=0)
        else:
            extent = metrics.height()
        room = size / (extent + TICK_GAP_PX)
        if len(values) <= room:
            return levels
        step = math.ceil(len(values) / max(room, 1))
        return [(spacing * step, values[::step])]

    return spaced_tick_values


def _spaced_categories(axis: pg.AxisItem, draw_specs):
    """Explicit ticks along x (years) drawn every k-th when their labels would touch."""

    def spaced_draw_specs(painter):
        ticks = axis._tickLevels
        if not ticks or not ticks[0]:
            return draw_specs(painter)
        metrics = QFontMetrics(axis.style.get("tickFont") or QFont())
        extent = max(metrics.horizontalAdvance(text) for _, text in ticks[0])
        room = max(axis.geometry().width() / (extent + TICK_GAP_PX), 1)
        step = math.ceil(len(ticks[0]) / room)
        if step <= 1:
            return draw_specs(painter)
        axis._tickLevels = [ticks[0][::step]]
        try:
            return draw_specs(painter)
        finally:
            axis._tickLevels = ticks

    return spaced_draw_specs


# -- the whole chart ---------------------------------------------------------------------------


def prepare_chart(plot: pg.PlotWidget, title: str) -> None:
    """Once per chart: title fitting and tick spacing; then the current style."""
    plot.chart_title = title
    item = plot.getPlotItem()
    for name in ("left", "bottom"):
        axis = item.getAxis(name)
        axis.tickValues = _spaced(axis, axis.tickValues)
    bottom = item.getAxis("bottom")
    bottom.generateDrawSpecs = _spaced_categories(bottom, bottom.generateDrawSpecs)
    plot._title_fitter = _TitleFitter(plot)
    plot.installEventFilter(plot._title_fitter)
    item.vb.sigResized.connect(plot._title_fitter.plot_resized)
    style_chart(plot, first=True)


def style_chart(plot: pg.PlotWidget, first: bool = False) -> None:
    """Background, axes, grid, title, legends and text in the current theme and scale."""
    palette = theme.current()
    plot.setBackground(palette.chart_bg)
    item = plot.getPlotItem()
    tick_font = chart_font(AXIS_FONT_PT)
    label_style = {"color": palette.chart_text,
                   "font-size": f"{AXIS_FONT_PT * theme.text_scale():.1f}pt"}
    for entry in item.axes.values():
        axis = entry["item"]
        axis.setPen(pg.mkPen(palette.chart_axis))
        axis.setTextPen(pg.mkPen(palette.chart_text))
        axis.setTickFont(tick_font)
        if axis.label.isVisible() and axis.labelText:
            text = getattr(axis, "_full_label", None) or axis.labelText
            axis.setLabel(text, units=axis.labelUnits or None,
                          unitPrefix=axis.labelUnitPrefix or None, **label_style)
            axis._full_label = axis._shown_label = text
        if axis.fixedWidth is not None:  # a width set for 100% text grows with the text
            base = getattr(axis, "_base_width", None) or axis.fixedWidth
            axis._base_width = base
            axis.setWidth(round(base * max(1.0, theme.text_scale())))
    grid = getattr(plot, "grid_lines", None)
    if grid is not None:
        grid.set_colour(palette.chart_grid)
    legends = [item.legend] if item.legend is not None else []
    legends += getattr(plot, "extra_legends", [])
    for legend in legends:
        style_legend(legend)
    for child in item.getViewBox().addedItems:
        if isinstance(child, pg.TextItem) and hasattr(child, "_theme_points"):
            restyle_text(child)
    plot._title_style = (TITLE_FONT_PT * theme.text_scale(), palette.chart_text)
    fit_title(plot)
    hook = None if first else getattr(plot, "apply_theme", None)  # built before its state
    if callable(hook):
        hook()
