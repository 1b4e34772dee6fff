"""What a routing tick leaves alone: the parts of the page its edit does not change."""

import sys
import types
from collections import Counter

import pyqtgraph as pg
import pytest
import shiboken6
from econplan.desktop.routing_tab import RoutingTab
from pyqtgraph.graphicsItems import AxisItem as axis_module
from pyqtgraph.graphicsItems import PlotCurveItem as curve_module
from pyqtgraph.graphicsItems import ScatterPlotItem as scatter_module
from PySide6.QtCore import QEvent, QObject
from PySide6.QtWidgets import QApplication
from view_helpers import default_tab


@pytest.fixture
def tab(qtbot, catalog):
    return default_tab(qtbot, catalog, RoutingTab, shown=True)


def year_tick(qtbot, tab, year: int) -> None:
    before = tab.result
    assert tab.document.set_values({"routing.year": year})
    qtbot.waitUntil(lambda: tab.result is not before)
    qtbot.wait(20)  # the relayout and paint the new figures cause


def test_the_note_keeps_its_wrapped_heights_across_a_year_tick(qtbot, tab):
    # Every relayout of the page (a card's new figure) asks the note for its height at a
    # width; its text does not move with the year, so it answers from memory.
    year_tick(qtbot, tab, 2027)
    text = tab.note_label.text()
    heights = dict(tab.note_label._heights)
    assert heights
    year_tick(qtbot, tab, 2029)
    assert tab.note_label.text() == text
    assert heights.items() <= tab.note_label._heights.items()


def test_the_role_multiples_are_one_item_updated_only_when_they_change(qtbot, tab,
                                                                        monkeypatch):
    # Fourteen text items each re-laid out their text, moved and followed the view's new
    # range on every tick; one item draws them all.
    chart = tab.role_chart
    added = chart.getPlotItem().getViewBox().addedItems
    assert not [item for item in added if isinstance(item, pg.TextItem)]
    year_tick(qtbot, tab, 2027)
    assert chart.multiples.texts() == [f"{r.overspend_multiple:.1f}×"
                                       for r in reversed(tab.result.roles)]
    updates = []
    monkeypatch.setattr(chart.multiples, "update", lambda *a: updates.append(a))
    chart.update_result(tab.result)  # the same figures again
    assert updates == []
    year_tick(qtbot, tab, 2029)
    assert len(updates) == 1


def test_the_role_multiples_follow_the_theme(qtbot, tab):
    from econplan.desktop import theme
    from econplan.desktop.appearance import Appearance

    appearance = Appearance.instance()
    before = appearance.mode
    try:
        for mode in ("dark", "light"):
            appearance.mode = mode
            appearance.apply()
            palette = theme.current()
            assert chart_colour(tab) == theme.readable(palette.chart_text, palette.chart_bg)
    finally:
        appearance.mode = before
        appearance.apply()


def chart_colour(tab) -> str:
    return tab.role_chart.multiples._colour


class _Painted:
    """Which curves, axes and scatter items drew themselves (not from a cached pixmap).

    PySide resolves a Python ``paint`` override once, so a patched ``paint`` is never
    called; these items' ``paint`` starts with ``debug.Profiler()``, which is looked up
    in their module on every call and sees the item as its caller's ``self``.
    """

    MODULES = (curve_module, axis_module, scatter_module)

    def __init__(self, monkeypatch):
        self.ids: set[int] = set()
        real = pg.debug.Profiler

        def profiler(*args, **kwargs):
            caller = sys._getframe(1)
            if caller.f_code.co_name == "paint" and "self" in caller.f_locals:
                self.ids.add(id(caller.f_locals["self"]))
            return real(*args, **kwargs)

        shim = types.SimpleNamespace(Profiler=profiler)
        for module in self.MODULES:
            monkeypatch.setattr(module, "debug", shim)


class ViewportPaints(QObject):
    """Counts the paints of the charts' viewports (keyed by the C++ object: PySide may hand
    the filter another wrapper of the same viewport)."""

    def __init__(self, charts) -> None:
        super().__init__()
        self.charts = charts
        self.counts: Counter = Counter()

    def eventFilter(self, obj, event) -> bool:
        if event.type() == QEvent.Type.Paint:
            for chart in self.charts:
                if shiboken6.getCppPointer(obj) == shiboken6.getCppPointer(chart.viewport()):
                    self.counts[type(chart).__name__] += 1
        return False


def test_a_year_tick_draws_no_price_curve_or_role_name_again(qtbot, tab, monkeypatch):
    # The year line's old and new strips, and the bars' edge on the role names' axis, are
    # repainted from pixmaps: the curves, markers and names did not change.
    year_tick(qtbot, tab, 2027)
    trajectory = tab.trajectory_chart
    painted = _Painted(monkeypatch)
    paints = ViewportPaints([trajectory, tab.role_chart])
    QApplication.instance().installEventFilter(paints)
    try:
        year_tick(qtbot, tab, 2029)
    finally:
        QApplication.instance().removeEventFilter(paints)
    assert paints.counts["PriceTrajectoryChart"] and paints.counts["RoleOverspendChart"]
    assert id(tab.role_chart.getPlotItem().getAxis("bottom")) in painted.ids  # new range
    kept = [*trajectory.curves.values(), trajectory.markers, trajectory.seed_dots,
            trajectory.getPlotItem().getAxis("bottom"),
            tab.role_chart.getPlotItem().getAxis("left")]
    assert not painted.ids & {id(item) for item in kept}


def test_the_kept_pixels_are_drawn_again_in_a_new_theme(qtbot, tab, monkeypatch):
    from econplan.desktop.appearance import Appearance

    appearance = Appearance.instance()
    before = appearance.mode
    trajectory = tab.trajectory_chart

    def switch() -> None:
        appearance.mode = "dark" if before != "dark" else "light"
        appearance.apply()

    painted = _Painted(monkeypatch)
    kept = {id(curve) for curve in trajectory.curves.values()}
    kept.add(id(tab.role_chart.getPlotItem().getAxis("left")))
    try:
        switch()
        qtbot.waitUntil(lambda: kept <= painted.ids)
    finally:
        appearance.mode = before
        appearance.apply()



def test_a_head_count_typed_into_its_cell_leaves_the_columns_unmeasured(qtbot, tab,
                                                                        monkeypatch):
    # The edit comes back as the text typed; suspending and restoring the columns' fit
    # had Qt measure every cell of the table again and repaint its header.
    from econplan.desktop import tables

    suspended = []
    original = tables.suspended_resizing
    monkeypatch.setattr(tables, "suspended_resizing",
                        lambda table: (suspended.append(table), original(table))[1])
    table = tab.headcount_table
    before = tab.result
    table.set_cell(0, "headcount", "37")
    qtbot.waitUntil(lambda: tab.result is not before)
    assert tab.result.roles[0].headcount == 37
    assert table.table not in suspended
    # A text shown otherwise than typed is written as the table shows it.
    before = tab.result
    table.set_cell(0, "headcount", "2500")
    qtbot.waitUntil(lambda: tab.result is not before)
    assert table.table.item(0, 1).text() == "2,500"
    assert table.table in suspended


# -- the RM chart: drawn again only when the plan's RM tasks change ---------------------

YOUR_TASK = {"name": "Contract review", "role": "", "calls_per_worker_per_day": 4.0,
             "input_tokens": 3000.0, "output_tokens": 800.0, "complexity": "hard",
             "narrow": False, "reasoning_gain_pct": 15.0, "reasoning_cost_multiple": 2.7}


def edit(qtbot, tab, values: dict) -> None:
    before = tab.result
    assert tab.document.set_values(values)
    qtbot.waitUntil(lambda: tab.result is not before)


class _FieldReads:
    """Counts the fields read of any RmTask (pydantic keeps them in the instance dict)."""

    def __init__(self, monkeypatch):
        from econplan.core.routing import RmTask

        self.names: list[str] = []
        fields = set(RmTask.model_fields)
        real = RmTask.__getattribute__

        def counting(obj, name):
            if name in fields:
                self.names.append(name)
            return real(obj, name)

        monkeypatch.setattr(RmTask, "__getattribute__", counting)


def test_a_year_or_head_count_tick_leaves_the_rm_chart_and_its_tasks_alone(qtbot, tab,
                                                                           monkeypatch):
    edit(qtbot, tab, {"routing.custom_tasks": [YOUR_TASK]})
    chart = tab.rm_chart
    drawn = []
    monkeypatch.setattr(chart.bars, "setData", lambda *a, **k: drawn.append(k))
    # The plan hands back the same RM task objects, so the chart reads none of them to
    # know that nothing moved (a key of their fields was made again on every tick).
    reads = _FieldReads(monkeypatch)
    edit(qtbot, tab, {"routing.year": 2028})
    edit(qtbot, tab, {"routing.headcount.0.headcount": 77})
    assert drawn == []
    assert reads.names == []


def test_the_rm_chart_follows_a_reasoning_edit(qtbot, tab):
    edit(qtbot, tab, {"routing.custom_tasks": [YOUR_TASK]})
    chart = tab.rm_chart
    tips = list(chart.bars.data["data"])
    assert any(tip.startswith("Contract review: 15% / 2.7× = 5.56") for tip in tips)
    edit(qtbot, tab, {"routing.custom_tasks.0.reasoning_gain_pct": 27.0})
    tips = list(chart.bars.data["data"])
    assert any(tip.startswith("Contract review: 27% / 2.7× = 10") for tip in tips)
    assert [r.rm for r in tab.result.reasoning][-1] == 10.0


def test_equal_rm_tasks_made_again_draw_nothing(qtbot, tab, monkeypatch):
    from econplan.core import routing

    edit(qtbot, tab, {"routing.custom_tasks": [YOUR_TASK]})
    chart = tab.rm_chart
    routing.forget_kept_work()  # the next plan makes every RM task again, equal
    drawn = []
    monkeypatch.setattr(chart.bars, "setData", lambda *a, **k: drawn.append(k))
    before = tab.result.reasoning
    edit(qtbot, tab, {"routing.year": 2029})
    assert tab.result.reasoning[-1] is not before[-1]
    assert tab.result.reasoning == before
    assert drawn == []


# -- the role chart's names: measured again only when the set of names changes ----------

def _more_roles_than_the_chart_draws(qtbot, tab) -> None:
    # Three roles of your own with a task each: 17 roles, the chart draws the largest 12.
    roles = [{"name": f"Desk {i}", "headcount": 30} for i in range(3)]
    tasks = [{**YOUR_TASK, "name": f"Desk task {i}", "role": f"Desk {i}",
              "calls_per_worker_per_day": 40.0} for i in range(3)]
    edit(qtbot, tab, {"routing.custom_roles": roles, "routing.custom_tasks": tasks})


def axis_names(chart) -> list[str]:
    """The role names on the chart's left axis, top to bottom."""
    [ticks] = chart.getPlotItem().getAxis("left")._tickLevels
    return [text for _, text in sorted(ticks, reverse=True)]


def fits(monkeypatch) -> list[list[str]]:
    from econplan.desktop import routing_charts

    calls: list[list[str]] = []
    real = routing_charts._fit_left_axis
    monkeypatch.setattr(routing_charts, "_fit_left_axis",
                        lambda plot, labels: (calls.append(list(labels)), real(plot, labels)))
    return calls


def test_a_role_moving_into_the_largest_ones_shows_its_name_without_a_new_fit(
        qtbot, tab, monkeypatch):
    from econplan.core.routing_presenter import role_chart_bars

    _more_roles_than_the_chart_draws(qtbot, tab)
    chart = tab.role_chart
    first = tab.result.roles[0].label
    edit(qtbot, tab, {"routing.headcount.0.headcount": 0})
    assert first not in axis_names(chart)  # among the "Other 5 roles"
    width = chart.getPlotItem().getAxis("left").width()
    calls = fits(monkeypatch)
    edit(qtbot, tab, {"routing.headcount.0.headcount": 5_000})
    edit(qtbot, tab, {"routing.year": 2027})
    # The names shown changed, not the set of names the axis makes room for.
    assert calls == []
    assert first in axis_names(chart)
    assert axis_names(chart) == [bar.label for bar in role_chart_bars(tab.result.roles)]
    assert chart.getPlotItem().getAxis("left").width() == width


def test_a_new_name_fits_the_axis_again(qtbot, tab, monkeypatch):
    from econplan.core.routing_presenter import role_chart_bars
    from PySide6.QtGui import QFont, QFontMetrics

    _more_roles_than_the_chart_draws(qtbot, tab)
    chart = tab.role_chart
    calls = fits(monkeypatch)
    long_name = "Regional claims and underwriting desk"
    edit(qtbot, tab, {"routing.custom_roles.0.name": long_name,
                      "routing.custom_tasks.0.role": long_name,
                      "routing.custom_roles.0.headcount": 900})
    assert len(calls) == 1
    assert long_name in calls[0]
    assert long_name in axis_names(chart)
    assert axis_names(chart) == [bar.label for bar in role_chart_bars(tab.result.roles)]
    axis = chart.getPlotItem().getAxis("left")
    metrics = QFontMetrics(axis.style.get("tickFont") or QFont())
    widest = max(metrics.horizontalAdvance(name) for name in calls[0])
    assert widest == metrics.horizontalAdvance(long_name)
    assert axis.fixedWidth == widest + 14
