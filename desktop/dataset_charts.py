"""Charts of the Dataset sizing tab, built once and updated in place.

``TokensVsParamsChart`` sets the plan among the seed's released models on
log-log axes with the Chinchilla line; ``CompositionChart`` shows what the
tokens (or, for a fine-tune, the examples' cost) are made of. Both take their
data from a ``DatasetResult`` so the PDF report can draw them off-screen.
"""

from __future__ import annotations

import math
from collections.abc import Sequence

import numpy as np
import pyqtgraph as pg
from econplan.core.dataset import DatasetResult, PracticalRow, ReferenceModel
from econplan.core.formatting import compact, usd
from econplan.core.provenance import cite
from econplan.desktop.chart_bands import BarExtras
from econplan.desktop.chart_theme import fit_title, set_axis_caption
from econplan.desktop.charts import (
    AXIS_FONT_PT,
    PALETTE,
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
from econplan.desktop.label_placement import (
    Box,
    HeldObstacles,
    NamesFollowEdits,
    place_labels,
    remove_label,
    scatter_boxes,
    span_boxes,
)
from econplan.desktop.screen_cache import keep_pixels_on_screen
from econplan.desktop.theme import NEUTRAL, OKABE_ITO
from econplan.desktop.whiskers import Whiskers
from PySide6.QtCore import Qt
from PySide6.QtGui import QFont, QFontMetrics

CATEGORY_COLOURS = {
    "web": OKABE_ITO["blue"],
    "code": OKABE_ITO["orange"],
    "synthetic": OKABE_ITO["bluish_green"],
    "books_papers": OKABE_ITO["reddish_purple"],
    "domain": OKABE_ITO["sky_blue"],
    "synthetic_examples": OKABE_ITO["bluish_green"],
    "human_examples": OKABE_ITO["vermillion"],
}
X_MIN, X_MAX = math.log10(3e8), math.log10(1e12)  # 0.3B … 1T parameters
SHORT_PLOT_PX = 300  # plot area height below which the legend takes two columns


def _count_tick(value: float) -> str:
    return compact(value, digits=2)


class TokensVsParamsChart(NamesFollowEdits, Chart):
    """Training tokens against parameters, log-log: real models, Chinchilla, the plan."""

    def __init__(self, parent=None):
        super().__init__(parent=parent, axisItems={
            "bottom": PowerOfTenAxis("bottom", _count_tick),
            "left": PowerOfTenAxis("left", _count_tick),
        })
        _style_plot(self, "Tokens vs parameters")
        item = self.getPlotItem()
        item.setLabel("bottom", "Parameters (active for MoE, log)")
        item.setLabel("left", "Training tokens (log)")
        item.getAxis("left").setWidth(52)
        legend = item.addLegend(offset=(-8, 8))
        style_legend(legend)
        self.legend = legend
        self.chinchilla_line = pg.PlotDataItem(
            pen=pg.mkPen(NEUTRAL, width=1.5, style=pg.QtCore.Qt.PenStyle.DashLine),
            name="Chinchilla, 20 tokens/param")
        self.practical_bars = Whiskers(x=np.array([]), y=np.array([]), beam=0.08,
                                       pen=pg.mkPen(PALETTE["seed_estimate"], width=5))
        self.practical_legend = pg.PlotDataItem(pen=pg.mkPen(PALETTE["seed_estimate"], width=5),
                                                name="2026 practical range")
        self.model_points = pg.ScatterPlotItem(
            size=9, pen=pg.mkPen("w"), brush=pg.mkBrush(PALETTE["reference"]), hoverable=True,
            tip=lambda x, y, data: data, name="Released models")
        self.plan_point = pg.ScatterPlotItem(size=16, symbol="star", pen=pg.mkPen("#600"),
                                             brush=pg.mkBrush(PALETTE["plan"]), name="This plan")
        self.plan_label = chart_text("This plan", PALETTE["plan"], anchor=(-0.15, 0.5),
                                     bold=True)
        for element in (self.chinchilla_line, self.practical_bars, self.practical_legend,
                        self.model_points, self.plan_point, self.plan_label):
            item.addItem(element)
        # What the plan's star passes over on a drag: the models and the grid hold still.
        # (Not the range bars: their bounds leave out the pen's width, which a pixmap cuts.)
        keep_pixels_on_screen(self.model_points, self.grid_lines)
        self._labels: list[pg.TextItem] = []
        self._extent = (X_MIN, X_MAX, 11.0, 14.0)
        self._points: list[tuple[float, float]] = []
        self._bars: list[tuple[float, float, float]] = []
        # Mapped once per view: a drag moves only the plan's own point.
        self._held_obstacles = HeldObstacles()
        self._plan_xy: tuple[float, float] | None = None
        self._chinchilla_shown: tuple | None = None
        self._y_data: tuple[float, float] | None = None  # bottom (padded) and top of the data
        self._legend_on_top: bool | None = None  # anchored by the first result
        item.vb.sigResized.connect(self._replace_labels)
        self.setMinimumHeight(240)

    @settles_view
    def set_references(self, models: Sequence[ReferenceModel],
                       practical: Sequence[PracticalRow]) -> None:
        """Called once per catalog: the published models and practical ranges never change."""
        item = self.getPlotItem()
        for label in self._labels:
            remove_label(item, label)
        self._labels = []
        self._held_obstacles.forget()
        x = np.log10([m.flops_params for m in models]) if models else np.array([])
        y = np.log10([m.tokens for m in models]) if models else np.array([])
        tips = [f"{m.model}: {compact(m.params)} params"
                f"{f' ({compact(m.flops_params)} active)' if m.moe else ''}, "
                f"{compact(m.tokens)} tokens\n{m.tokens_per_param:,.0f} tokens/param, "
                f"{m.vs_chinchilla:,.0f}× Chinchilla\n"
                + cite({"source": m.source, "as_of": m.as_of}) for m in models]
        self.model_points.setData(x=x, y=y, data=tips)
        for xi, yi, model in zip(x, y, models, strict=True):
            text = chart_text(model.model, anchor=(-0.08, 0.5), points=AXIS_FONT_PT - 2)
            text.setPos(xi, yi)
            item.addItem(text)
            self._labels.append(text)
        self._points = list(zip(x.tolist(), y.tolist(), strict=True))
        lows = []
        if practical:
            px = np.log10([row.params for row in practical])
            low = np.log10([row.tokens_low for row in practical])
            high = np.log10([row.tokens_high for row in practical])
            mid = (low + high) / 2
            self.practical_bars.setData(x=px, y=mid, top=high - mid, bottom=mid - low)
            lows = low.tolist()
            self._bars = list(zip(px.tolist(), low.tolist(), high.tolist(), strict=True))
        xs = np.array([X_MIN, X_MAX])
        self.chinchilla_line.setData(x=xs, y=xs + math.log10(20))
        if models:
            self._extent = (min(x.min(), X_MIN), max(x.max(), X_MAX),
                            min([*y.tolist(), *lows]), y.max())

    def _model_obstacles(self, view: pg.ViewBox) -> list[Box]:
        """The published models' points and the practical range bars, as scene boxes."""
        return scatter_boxes(view, self.model_points) + span_boxes(view, self._bars, 8)

    def _place_labels(self) -> None:
        """Put the plan's label, then each model's name, beside its point where it overlaps
        no other name, point, range bar or the legend: the published models crowd around
        10–18T tokens."""
        view = self.getPlotItem().vb
        obstacles = self._held_obstacles.boxes(view, self._model_obstacles)
        obstacles += scatter_boxes(view, self.plan_point)
        if self.legend.isVisible():
            obstacles.append(self.legend.sceneBoundingRect())
        star, dot = self.plan_point.opts["size"], self.model_points.opts["size"]
        labels = [(self.plan_label, *self._plan_xy, star)] if self._plan_xy else []
        labels += [(label, x, y, dot) for label, (x, y) in zip(self._labels, self._points,
                                                                strict=True)]
        place_labels(view, labels, obstacles, during_edits=self.during_edits())

    def _place_all_names(self) -> None:
        self._place_labels()

    @settles_view
    def update_result(self, result: DatasetResult) -> None:
        ratio = result.chinchilla_tokens_per_param
        x0, x1, y0, y1 = self._extent
        x = math.log10(result.flops_params)
        y = math.log10(max(result.training_tokens, 1.0))
        x0, x1 = snapped_out(min(x0, x) - 0.25, max(x1, x) + 0.25)
        y0, top = snapped_out(min(y0, y) - 0.5, max(y1, y))
        line = (x0, x1, ratio)
        if line != self._chinchilla_shown:  # the diagonal spans the plot: set only when moved
            self._chinchilla_shown = line
            self.chinchilla_line.setData(x=np.array([x0, x1]),
                                         y=np.array([x0, x1]) + math.log10(ratio))
        label = "This fine-tune" if result.is_finetune else "This plan"
        self.plan_point.setData(x=[x], y=[y], data=[
            f"{label}: {compact(result.training_tokens)} tokens, "
            f"{compact(result.flops_params)} parameters"])
        self.plan_label.setText(label)
        self.plan_label.setPos(x, y)
        self._plan_xy = (x, y)
        # Top right is free above the seed's models (below 40T tokens) unless a small
        # fine-tuning dataset stretches the axis down: then the models sit at the top and the
        # right-hand side below them is free.
        on_top = y >= self._extent[2] - 1
        # Re-anchoring moves the legend even to where it is, and that costs a second paint.
        if on_top != self._legend_on_top:
            if on_top:
                self.legend.anchor(itemPos=(1, 0), parentPos=(1, 0), offset=(-8, 8))
            else:
                self.legend.anchor(itemPos=(1, 0.5), parentPos=(1, 0.6), offset=(-8, 0))
        self._legend_on_top = on_top
        show_range(self, x=(x0, x1))
        self._y_data = (y0, top)
        self._fit_y_range()
        self._place_labels()

    def _fit_y_range(self) -> float:
        """Set the y range with room above the data for the legend; returns its top.

        Half a decade is enough in the tab; a shorter plot (the PDF report draws it 300 px
        high) needs more of its height, so the headroom is worked out in pixels.
        """
        y0, top = self._y_data
        pad = 0.5
        height = self.getPlotItem().vb.sceneBoundingRect().height()
        # A short plot gets a two-column legend: half as tall, so the data keeps its room.
        columns = 2 if self._legend_on_top and 100 < height < SHORT_PLOT_PX else 1
        if self.legend.columnCount != columns:
            self.legend.setColumnCount(columns)
        legend = self.legend.layout.effectiveSizeHint(Qt.SizeHint.PreferredSize).height() + 12
        if self._legend_on_top and height > legend + 60:
            pad = max(pad, legend * (top - y0) / (height - legend))
        show_range(self, y=(y0, top + pad))
        return top + pad

    def _replace_labels(self, *_) -> None:
        # Names are placed in pixels, so place them again whenever the plot changes size.
        if self._y_data is not None:
            self._fit_y_range()
        if self._labels:
            self._place_labels()


class CompositionChart(Chart):
    """Horizontal bars with low–high whiskers: tokens per corpus category, or the cost of
    the fine-tuning examples by how they are made."""

    def __init__(self, parent=None):
        super().__init__(parent=parent)
        _style_plot(self, "Corpus mix")
        item = self.getPlotItem()
        self.bars = pg.BarGraphItem(x0=[], y=[], height=0.6, width=[], brushes=[])
        self.whiskers = Whiskers(x=np.array([]), y=np.array([]), beam=0.25,
                                 pen=pg.mkPen(NEUTRAL, width=1.5))
        item.addItem(self.bars)
        item.addItem(self.whiskers)
        self._labels: tuple[str, ...] = ()
        self._value_fmt = _count_tick
        bottom = item.getAxis("bottom")
        bottom.enableAutoSIPrefix(False)  # ticks already read "200B", no "(x1e+12)" suffix
        bottom.tickStrings = lambda values, scale, spacing: [
            self._value_fmt(v) if v >= 0 else "" for v in values]
        self.extras = BarExtras(self, 0.6)  # P10–P90 whiskers, the baseline's bars
        self.setMinimumHeight(240)

    def show_bands(self, uncertainty) -> None:
        """P10–P90 of the fine-tuning data cost by kind (the draws give no corpus band)."""
        self.extras.show_bands(uncertainty, "dataset.cost_lines")

    def show_baseline(self, result: DatasetResult | None, name: str) -> None:
        self.extras.show_baseline(None if result is None else composition_values(result), name)

    def apply_theme(self) -> None:
        if self._labels:  # the category axis follows the tick font
            self._fit_left_axis(self._labels)

    def _fit_left_axis(self, labels: tuple[str, ...]) -> None:
        # pyqtgraph silently drops tick labels wider than the axis, so size it to the text.
        axis = self.getPlotItem().getAxis("left")
        metrics = QFontMetrics(axis.style.get("tickFont") or QFont())
        widest = max((metrics.horizontalAdvance(text) for text in labels), default=40)
        axis.setWidth(widest + 16)
        fit_title(self)  # the title's room is what the axis leaves

    def set_bars(self, title: str, x_label: str, labels: Sequence[str], base: Sequence[float],
                 low: Sequence[float], high: Sequence[float], colours: Sequence[str],
                 value_fmt=_count_tick) -> None:
        item = self.getPlotItem()
        if title != self.chart_title:
            self.chart_title = title
            fit_title(self)
        set_axis_caption(self, x_label)
        self._value_fmt = value_fmt
        order = list(reversed(range(len(labels))))  # first entry at the top
        ys = np.arange(len(labels), dtype=float)
        base_arr = np.array([base[i] for i in order], dtype=float)
        low_arr = np.array([low[i] for i in order], dtype=float)
        high_arr = np.array([high[i] for i in order], dtype=float)
        brushes = [pg.mkBrush(colours[i]) for i in order]
        self.bars.setOpts(x0=np.zeros_like(base_arr), y=ys, width=base_arr, height=0.6,
                          brushes=brushes)
        # The whisker is the low–high range itself, wherever the bar ends (a share the user
        # set outside the seed's range shows as a bar ending outside its whisker).
        half = (high_arr - low_arr) / 2
        self.whiskers.setData(x=low_arr + half, y=ys, left=half, right=half)
        ordered = tuple(labels[i] for i in order)
        if ordered != self._labels:
            self._labels = ordered
            item.getAxis("left").setTicks([[(float(y), t) for y, t in zip(ys, ordered,
                                                                          strict=True)]])
            self._fit_left_axis(ordered)
        right = float(max(high_arr.max(), base_arr.max())) if len(ordered) else 1.0
        show_range(self, (0, nice_ceiling(right * 1.04)), (-0.6, max(len(ordered) - 0.4, 0.6)))

    @settles_view
    def update_result(self, result: DatasetResult) -> None:
        if result.is_finetune:
            data = result.finetune
            self.set_bars(
                "Data cost", "US dollars · low–high",
                [f"Synthetic ({data.synthetic_examples:,})",
                 f"Human-annotated ({data.human_examples:,})"],
                [data.synthetic_cost_usd.base, data.human_cost_usd.base],
                [data.synthetic_cost_usd.low, data.human_cost_usd.low],
                [data.synthetic_cost_usd.high, data.human_cost_usd.high],
                [CATEGORY_COLOURS["synthetic_examples"], CATEGORY_COLOURS["human_examples"]],
                value_fmt=lambda v: usd(v, digits=2))
            self.extras.relayout(tuple(reversed(composition_values(result))))
            return
        corpus = result.corpus
        self.set_bars(
            "Corpus mix", "Tokens · typical range",
            [c.label.split(" (")[0] for c in corpus], [c.tokens for c in corpus],
            [c.seed_tokens_low for c in corpus], [c.seed_tokens_high for c in corpus],
            [CATEGORY_COLOURS.get(c.category_id, NEUTRAL) for c in corpus])
        self.extras.relayout(tuple(reversed(composition_values(result))))


def composition_values(result: DatasetResult) -> dict[str, float]:
    """The composition chart's bars by key, top to bottom: the fine-tuning data cost by
    kind (the Monte Carlo's line ids), or the corpus tokens by category."""
    if result.is_finetune:
        data = result.finetune
        return {"synthetic": data.synthetic_cost_usd.base, "human": data.human_cost_usd.base}
    return {c.category_id: float(c.tokens) for c in result.corpus}
