"""The break-even charts on a Queries drag: what a tick touches, and what holds still."""

import math

import numpy as np
import pyqtgraph as pg
import pytest
from econplan.core import breakeven
from econplan.desktop.breakeven_charts import (
    CumulativeCostChart,
    VolumeCostChart,
    cache_still_parts,
    snapped_in,
)
from PySide6.QtWidgets import QGraphicsItem

PRESETS = ["breakeven_task_assistant_5m", "breakeven_team_500_qpd", "breakeven_14b_qlora",
           "breakeven_autocomplete_500k"]


def results_at(catalog, scenario, volumes):
    inputs = scenario.breakeven
    return [breakeven.plan(inputs.model_copy(update={"queries_per_month": volume}), catalog)
            for volume in volumes]


def drag(start: float, ticks: int = 12) -> list[float]:
    """Queries a month along a slider drag: a few hundredths of a decade a tick."""
    return [start * 10 ** (0.042 * tick) for tick in range(ticks)]


@pytest.fixture
def chart(qtbot):
    widget = VolumeCostChart()
    qtbot.addWidget(widget)
    widget.resize(640, 420)
    widget.show()
    return widget


def x_range(chart) -> tuple[float, float]:
    return tuple(chart.getPlotItem().vb.viewRange()[0])


def test_snapped_in_narrows_to_half_decades_and_keeps_a_short_extent():
    assert snapped_in(2.31, 7.02) == (2.5, 7.0)
    assert snapped_in(2.5 - 1e-12, 7.0 + 1e-12) == (2.5, 7.0)  # on a step within rounding
    assert snapped_in(2.6, 3.4) == (2.6, 3.4)  # less than a decade once narrowed


@pytest.mark.parametrize("name", PRESETS)
def test_the_volume_view_holds_through_a_small_drag(chart, catalog, presets, name):
    # A view that followed the curve's ends redrew both axes and the plot on every tick.
    scenario = presets[name]
    start = scenario.breakeven.queries_per_month
    ranges = set()
    for result in results_at(catalog, scenario, drag(start, 4)):
        chart.update_result(result)
        ranges.add(x_range(chart))
    # Four ticks move the curve's ends by an eighth of a decade: one half-decade crossing
    # at most.
    assert len(ranges) <= 2


@pytest.mark.parametrize("name", PRESETS)
def test_the_curves_span_the_view_and_the_marks_are_inside(chart, catalog, presets, name):
    scenario = presets[name]
    for result in results_at(catalog, scenario, drag(scenario.breakeven.queries_per_month)):
        chart.update_result(result)
        left, right = x_range(chart)
        volumes = np.log10(result.volume_curve_queries)
        assert volumes[0] <= left + 1e-9 and volumes[-1] >= right - 1e-9
        assert right - left >= 1.0
        assert left < math.log10(result.queries_per_month) < right
        if result.breakeven_queries_per_month:
            assert left < math.log10(result.breakeven_queries_per_month) < right


def test_the_y_range_covers_the_curves_inside_the_view(chart, catalog, presets):
    scenario = presets["breakeven_task_assistant_5m"]
    for result in results_at(catalog, scenario, drag(scenario.breakeven.queries_per_month)):
        chart.update_result(result)
        (left, right), (bottom, top) = chart.getPlotItem().vb.viewRange()
        volumes = np.log10(result.volume_curve_queries)
        inside = (volumes >= left) & (volumes <= right)
        for values in (result.volume_curve_api_usd, result.volume_curve_selfhost_usd):
            shown = np.log10(np.maximum(values, 1e-2))[inside]
            assert bottom <= shown.min() and shown.max() <= top


def test_an_unchanged_label_is_not_set_again(chart, catalog, presets, monkeypatch):
    # pyqtgraph lays a text item out again on every setText, even an equal one; on a
    # Queries tick the break-even volume (and its label) does not move.
    scenario = presets["breakeven_task_assistant_5m"]
    first, second = results_at(catalog, scenario, [5_000_000, 5_200_000])
    assert first.breakeven_queries_per_month == second.breakeven_queries_per_month
    chart.update_result(first)
    texts = []
    for label in (chart.breakeven_label, chart.volume_label):
        original = label.setText
        monkeypatch.setattr(label, "setText",
                            lambda text, *a, _set=original, **k: (texts.append(text),
                                                                   _set(text, *a, **k)))
    chart.update_result(second)
    assert texts == [chart.volume_label.toPlainText()]
    assert "break-even" in chart.breakeven_label.toPlainText()


def set_data_calls(qtbot, monkeypatch, chart, item_name: str, results) -> list:
    """The setData calls the chart's ``item_name`` gets from the second of two updates."""
    qtbot.addWidget(chart)
    first, second = results
    chart.update_result(first)
    calls = []
    monkeypatch.setattr(getattr(chart, item_name), "setData",
                        lambda *a, **k: calls.append(a))
    chart.update_result(second)
    return calls


@pytest.mark.parametrize("kind", [CumulativeCostChart, VolumeCostChart])
def test_an_absent_human_line_is_emptied_once(qtbot, catalog, presets, kind, monkeypatch):
    # Clearing the empty line again on every tick re-laid out and repainted the plot.
    chart = kind()
    scenario = presets["breakeven_task_assistant_5m"]
    assert not scenario.breakeven.human.enabled
    results = results_at(catalog, scenario, [5_000_000, 5_200_000])
    assert set_data_calls(qtbot, monkeypatch, chart, "human_curve", results) == []
    assert chart.human_curve.xData is None or len(chart.human_curve.xData) == 0


def differing_pixels(first, second) -> int:
    a, b = first.grab().toImage(), second.grab().toImage()
    assert a.size() == b.size()
    return sum(a.pixel(x, y) != b.pixel(x, y)
               for y in range(a.height()) for x in range(a.width()))


@pytest.mark.parametrize("kind", [CumulativeCostChart, VolumeCostChart])
def test_cached_parts_show_what_uncached_ones_do(qtbot, catalog, presets, kind):
    # The tab's charts keep their axes', title's and legend's pixels between repaints (each
    # tick's repaint overlaps them and laid their text out again); a new range, a legend
    # entry coming and going and a new size must still show.
    cached, plain = kind(), kind()
    cache_still_parts(cached)
    for chart in (cached, plain):
        qtbot.addWidget(chart)
        chart.resize(560, 380)
        chart.show()
    without = presets["breakeven_task_assistant_5m"]
    human = presets["breakeven_roi_framework"]
    results = [*results_at(catalog, without, [5_000_000, 5_200_000, 300_000, 40_000_000]),
               *results_at(catalog, human, [1_000, 20_000]),
               *results_at(catalog, without, [5_000_000])]
    for size in ((560, 380), (430, 300)):
        for result in results:
            for chart in (cached, plain):
                chart.resize(*size)
                chart.update_result(result)
                qtbot.wait(1)
            # A cached axis is drawn into its pixmap from a whole-pixel origin: a tick mark
            # at a half pixel may land one pixel over (12 pixels); stale text would differ
            # by hundreds.
            assert differing_pixels(cached, plain) <= 24


def test_the_tab_caches_its_charts_still_parts_and_exports_draw_them(qtbot, catalog, presets):
    from econplan.desktop.breakeven_tab import BreakevenTab
    from econplan.desktop.document import ScenarioDocument

    tab = BreakevenTab(ScenarioDocument(presets["breakeven_roi_framework"]), catalog)
    qtbot.addWidget(tab)
    device = QGraphicsItem.CacheMode.DeviceCoordinateCache
    for chart in (tab.cumulative_chart, tab.volume_chart):
        item = chart.getPlotItem()
        parts = [item.getAxis("left"), item.getAxis("bottom"), item.titleLabel.item,
                 chart.legend]
        for _sample, label in chart.legend.items:  # the human process's, added later too
            parts.append(label.item)
        assert len(chart.legend.items) == 3
        assert all(part.cacheMode() == device for part in parts)
    # Exported (the PDF, a saved chart), every part draws itself: vectors, not pixmaps.
    for chart in (tab.cumulative_chart, tab.volume_chart):
        kept = [part for part in chart.scene().items() if part.cacheMode() == device]
        for part in kept:
            part.setExportMode(True, {})
        assert all(part.cacheMode() == QGraphicsItem.CacheMode.NoCache for part in kept)
        for part in kept:
            part.setExportMode(False, None)
        assert all(part.cacheMode() == device for part in kept)


@pytest.mark.parametrize("kind", [CumulativeCostChart, VolumeCostChart])
def test_a_tick_sets_plain_curves(qtbot, catalog, presets, kind, monkeypatch):
    # PlotItem.plot's PlotDataItem rebuilt display datasets (log, downsampling, clipping
    # modes these charts never use) on every setData: more work than the curve itself.
    chart = kind()
    qtbot.addWidget(chart)
    rebuilt = []
    monkeypatch.setattr(pg.PlotDataItem, "updateItems",
                        lambda self, *a, **k: rebuilt.append(self))
    scenario = presets["breakeven_roi_framework"]  # with the human process
    assert scenario.breakeven.human.enabled
    for result in results_at(catalog, scenario, [1_000, 1_100]):
        chart.update_result(result)
    assert rebuilt == []
    assert [label.text for _sample, label in chart.legend.items] == [
        "API", "Fine-tuned model" if kind is CumulativeCostChart else "Fine-tuned (all-in)",
        "Human process"]
    assert all(len(curve.getData()[0]) == len(curve.getData()[1]) > 1
               for curve in (chart.api_curve, chart.selfhost_curve, chart.human_curve))


def test_the_crossover_point_moves_without_new_data(qtbot, catalog, presets, monkeypatch):
    # Setting a scatter's data rebuilds its spots (~0.19 ms); moving the item, ~0.04 ms.
    chart = CumulativeCostChart()
    scenario = presets["breakeven_task_assistant_5m"]
    first, second = results_at(catalog, scenario, [5_000_000, 6_000_000])
    assert set_data_calls(qtbot, monkeypatch, chart, "crossover_point", (first, second)) == []
    assert second.crossover_month != first.crossover_month
    point = chart.crossover_point.mapToView(chart.crossover_point.points()[0].pos())
    value = np.interp(second.crossover_month, second.months, second.cumulative_api_usd)
    assert (point.x(), point.y()) == pytest.approx((second.crossover_month, value))


@pytest.mark.parametrize("kind", [CumulativeCostChart, VolumeCostChart])
def test_a_tick_works_out_no_curve_bounds(qtbot, catalog, presets, kind, monkeypatch):
    # The curves span the view, so their bounds are the view's: working out each curve's
    # data extent and pen padding again after every setData bought no smaller repaint.
    chart = kind()
    qtbot.addWidget(chart)
    chart.resize(560, 380)
    chart.show()
    scenario = presets["breakeven_roi_framework"]
    first, second = results_at(catalog, scenario, [1_000, 100_000])
    chart.update_result(first)
    chart.grab()
    bounds = []
    monkeypatch.setattr(pg.PlotCurveItem, "dataBounds",
                        lambda self, *a, **k: bounds.append(self) or (None, None))
    chart.update_result(second)  # a new view range too
    chart.grab()
    assert bounds == []
    view = chart.getPlotItem().vb
    for curve in (chart.api_curve, chart.selfhost_curve, chart.human_curve):
        assert curve.boundingRect() == view.viewRect()
        # On screen: the plot's area, which the view clips its items to.
        assert curve.sceneBoundingRect().getRect() == pytest.approx(
            view.sceneBoundingRect().getRect(), abs=1)


def test_an_empty_curve_has_no_bounds(qtbot):
    chart = CumulativeCostChart()
    qtbot.addWidget(chart)
    assert chart.human_curve.boundingRect().isNull()
