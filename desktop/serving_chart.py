"""Decode tokens/s against batch size under the compute and bandwidth roofs (log–log).

Built once and updated in place from a ``BreakevenResult`` whose capacity was derived
(``result.serving``), so the break-even tab and the PDF draw the same chart.
"""

from __future__ import annotations

import math

import numpy as np
import pyqtgraph as pg
from econplan.core.breakeven import BreakevenResult
from econplan.core.formatting import compact
from econplan.desktop.breakeven_charts import _label
from econplan.desktop.charts import Chart, PowerOfTenAxis, _style_plot, settles_view
from PySide6.QtCore import Qt

MODELLED = "#1f77b4"
COMPUTE_ROOF = "#d62728"
BANDWIDTH_ROOF = "#ff7f0e"
MARK = "#444444"


def _batch_tick(value: float) -> str:
    return f"{value:,.0f}"


def _rate_tick(value: float) -> str:
    return compact(value, 2)


class RooflineChart(Chart):
    """One replica's decode throughput as the batch grows, and the two roofs over it."""

    def __init__(self, parent=None):
        super().__init__(parent=parent, axisItems={
            "bottom": PowerOfTenAxis("bottom", _batch_tick),
            "left": PowerOfTenAxis("left", _rate_tick),
        })
        _style_plot(self, "Decode throughput vs batch")
        item = self.getPlotItem()
        item.setLabel("bottom", "Sequences decoded together (batch, log)")
        item.setLabel("left", "Tokens/s per replica (log)")
        item.getAxis("left").setWidth(56)
        self.legend = item.addLegend(offset=(8, 8), labelTextSize="9pt")
        self.legend.setBrush(pg.mkBrush(255, 255, 255, 230))
        self.compute_curve = item.plot([], [], pen=pg.mkPen(COMPUTE_ROOF, width=2,
                                                            style=Qt.PenStyle.DashLine),
                                       name="Compute roof")
        self.bandwidth_curve = item.plot([], [], pen=pg.mkPen(BANDWIDTH_ROOF, width=2,
                                                              style=Qt.PenStyle.DashLine),
                                         name="Bandwidth roof")
        self.modelled_curve = item.plot([], [], pen=pg.mkPen(MODELLED, width=3),
                                        symbol="o", symbolSize=6,
                                        symbolBrush=pg.mkBrush(MODELLED), name="Modelled")
        self.batch_line = pg.InfiniteLine(angle=90, movable=False,
                                          pen=pg.mkPen(MARK, width=1.5,
                                                       style=Qt.PenStyle.DotLine))
        self.batch_label = _label("", anchor=(1, 1))
        item.addItem(self.batch_line)
        item.addItem(self.batch_label)
        self.setMinimumHeight(220)

    @settles_view
    def update_result(self, result: BreakevenResult) -> None:
        derivation = result.serving
        if derivation is None or not derivation.roofline:
            for curve in (self.compute_curve, self.bandwidth_curve, self.modelled_curve):
                curve.setData([], [])
            self.batch_line.hide()
            self.batch_label.hide()
            return
        points = derivation.roofline
        batches = np.log10([p.batch for p in points])
        modelled = np.log10([p.tokens_per_s for p in points])
        compute = np.log10([p.compute_roof_tokens_per_s for p in points])
        bandwidth = np.log10([p.bandwidth_roof_tokens_per_s for p in points])
        self.modelled_curve.setData(batches, modelled)
        self.compute_curve.setData(batches, compute)
        self.bandwidth_curve.setData(batches, bandwidth)
        low = float(modelled.min())
        high = float(max(compute.max(), bandwidth.max(), modelled.max()))
        # The roofs run far above the modelled line at small batches; the view keeps the
        # modelled line large and lets a roof leave the top.
        top = min(high, float(modelled.max()) + 1.0) + 0.15
        item = self.getPlotItem()
        span = max(batches[-1] - batches[0], 0.5)
        item.setXRange(batches[0] - 0.02 * span, batches[-1] + 0.02 * span, padding=0)
        item.setYRange(low - 0.25, top, padding=0)
        x = math.log10(derivation.batch)
        self.batch_line.setPos(x)
        self.batch_label.setText(f" batch {derivation.batch:,}: "
                                 f"{compact(derivation.decode_tokens_per_s)} tok/s ")
        self.batch_label.setAnchor((1, 1) if x > batches[0] + 0.5 * span else (0, 1))
        self.batch_label.setPos(x, low - 0.2)
        self.batch_line.show()
        self.batch_label.show()
