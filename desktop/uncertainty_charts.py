"""How sure are we? The Monte Carlo distribution of one headline figure as a CDF.

The curve is the share of draws at or below each value (from the 101
percentiles ``core.uncertainty`` keeps), with the P10, P50 and P90 marked.
Money is plotted on a log axis (the bands span orders of magnitude), months on
a linear one. A figure that never happens in some draws (no payback) ends
below 100%, and the title says how often. Updated in place, never rebuilt.
"""

from __future__ import annotations

import math
from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg
from econplan.core.formatting import usd
from econplan.desktop.chart_theme import chart_text, fit_title
from econplan.desktop.charts import PALETTE, Chart, PowerOfTenAxis, _style_plot
from econplan.desktop.covered_updates import DeferWhileCovered

if TYPE_CHECKING:
    from econplan.core.uncertainty import Uncertainty

BAND_COLOUR = "#1f77b4"  # the plan's figure, as the compute bars
MARK_COLOUR = PALETTE["plan"]


class _LogMoneyAxis(PowerOfTenAxis):
    """Powers of ten, plus 2× and 5× steps when the draws span less than two decades (a
    band inside one decade would otherwise carry a single tick)."""

    def tickValues(self, minVal, maxVal, size):
        if maxVal - minVal >= 2:
            return super().tickValues(minVal, maxVal, size)
        ticks = [math.log10(m * 10**e) for e in range(math.floor(minVal) - 1,
                                                        math.ceil(maxVal) + 1)
                 for m in (1, 2, 5)]
        return [(1.0, [t for t in ticks if minVal <= t <= maxVal])]


def _months(value: float) -> str:
    return f"{value:.3g} mo"


class DistributionChart(DeferWhileCovered, Chart):
    """CDF of ``figure_id`` over the draws; ``unit`` is "usd" (log axis) or "months"."""

    def __init__(self, figure_id: str, title: str, unit: str, parent=None):
        self.figure_id = figure_id
        self.unit = unit
        self.log_x = unit == "usd"
        self._format = usd if unit == "usd" else _months
        axis = {"bottom": _LogMoneyAxis("bottom", lambda v: usd(v, digits=0))} \
            if self.log_x else {}
        super().__init__(parent=parent, axisItems=axis)
        self.base_title = title
        _style_plot(self, title)
        item = self.getPlotItem()
        item.setLabel("left", "share of draws ≤")
        item.setLabel("bottom", "US dollars (log scale)" if self.log_x else "months")
        item.getAxis("left").setTicks([[(v, f"{v:.0%}") for v in (0, 0.25, 0.5, 0.75, 1.0)]])
        self.curve = pg.PlotDataItem([], [], pen=pg.mkPen(BAND_COLOUR, width=2.5))
        self.band = pg.LinearRegionItem(values=(0, 1), movable=False,
                                        brush=pg.mkBrush(31, 119, 180, 40),
                                        pen=pg.mkPen(None))
        self.median = pg.InfiniteLine(angle=90, pen=pg.mkPen(MARK_COLOUR, width=2))
        # Themed: the vermillion mark darkens or lightens until it reads on the background.
        self.median_label = chart_text("", MARK_COLOUR, anchor=(0, 0))
        for part in (self.band, self.curve, self.median, self.median_label):
            item.addItem(part)
        # Small minimum: it shares a page area with the table and must not make the
        # window taller than a 768-pixel screen.
        self.setMinimumHeight(120)
        self._shown: object = "nothing yet"  # not None: the first call always draws
        self.setMinimumWidth(260)
        self.show_uncertainty(None)

    def _set_title(self, text: str) -> None:
        """The title in the theme's colour and size, elided to the plot's width."""
        self.chart_title = text
        fit_title(self)

    def show_uncertainty(self, uncertainty: Uncertainty | None) -> None:
        if self.defer_while_covered(DistributionChart.show_uncertainty, uncertainty):
            return  # its page is behind the table: drawn when opened
        # Every tick drops the bands until new draws arrive: once dropped, a further tick
        # has nothing to change (and re-eliding the title costs more than the rest).
        if uncertainty is None and self._shown is None:
            return
        self._shown = uncertainty
        values = uncertainty.cdfs.get(self.figure_id) if uncertainty else None
        band = uncertainty.band(self.figure_id) if uncertainty else None
        finite = [v for v in values or [] if v is not None and (v > 0 or not self.log_x)]
        visible = bool(finite) and band is not None and band.p50 is not None
        for part in (self.curve, self.band, self.median, self.median_label):
            part.setVisible(visible)
        item = self.getPlotItem()
        if band is not None and band.is_point:
            visible = False  # nothing in it is a range: one value, no distribution to draw
        if not visible:
            for part in (self.curve, self.band, self.median, self.median_label):
                part.setVisible(False)
            if band is None:
                note = "bands appear once the draws are done"
            elif band.is_point:
                value = "never" if band.p50 is None else self._format(band.p50)
                note = f"{value} in every draw (no input is a range)"
            else:
                note = "never in most draws"
            self._set_title(f"{self.base_title} — {note}")
            return
        x = np.asarray(finite, dtype=float)
        shares = np.arange(len(values)) / 100.0
        y = shares[[i for i, v in enumerate(values) if v is not None
                    and (v > 0 or not self.log_x)]]
        to_axis = np.log10 if self.log_x else (lambda a: a)
        self.curve.setData(to_axis(x), y, stepMode=None)
        p10 = band.p10 if band.p10 is not None else band.p50
        p90 = band.p90 if band.p90 is not None else x.max()
        self.band.setRegion((float(to_axis(np.array([p10]))[0]),
                             float(to_axis(np.array([p90]))[0])))
        median = float(to_axis(np.array([band.p50]))[0])
        self.median.setValue(median)
        self.median_label.setText(f"P50 {self._format(band.p50)}")
        self.median_label.setPos(median, 0.97)  # beside the line, under the top edge
        never = f" · never in {band.never_share:.0%}" if band.never_share > 0 else ""
        p90_text = "never" if band.p90 is None else self._format(band.p90)
        self._set_title(f"{self.base_title}: P10–P90 {self._format(p10)}–{p90_text}{never}")
        low, high = float(to_axis(x).min()), float(to_axis(x).max())
        pad = max((high - low) * 0.05, 0.05 if self.log_x else 0.1)
        if self.log_x:
            low, high = math.floor((low - pad) * 2) / 2, math.ceil((high + pad) * 2) / 2
        else:
            low, high = max(low - pad, 0.0), high + pad
        item.setXRange(low, high, padding=0)
        item.setYRange(0, 1.02, padding=0)


def with_distribution_page(table, chart: DistributionChart, table_title: str):
    """The tab's table and the distribution chart as two pages of one area: the charts
    row keeps its width at 1366 px, and the distribution is one click away."""
    from PySide6.QtWidgets import QTabWidget

    pages = QTabWidget()
    pages.setDocumentMode(True)
    pages.addTab(table, table_title)
    pages.addTab(chart, "How sure are we?")
    pages.setTabToolTip(1, "Monte Carlo distribution over the input ranges: P10, P50, P90")
    return pages
