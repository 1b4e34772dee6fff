"""What a tick of a phase's cost slider leaves alone on the Vertical playbook tab.

Each test counts the calls a cost tick makes into widgets it has no reason to touch
(they were made on every tick, each a repaint or a relayout), then checks the figures
shown still follow the plan.
"""

import pytest
from econplan.core import playbook
from econplan.core.formatting import usd
from econplan.desktop import playbook_tab as playbook_tab_module
from econplan.desktop.document import ScenarioDocument
from econplan.desktop.playbook_tab import PlaybookTab
from PySide6.QtCore import QDate
from view_helpers import default_tab

COST_LOW = "playbook.phases.0.cost_usd.low"


@pytest.fixture
def tab(qtbot, catalog):
    widget = default_tab(qtbot, catalog, PlaybookTab)
    widget.recompute()
    return widget


def expected(tab) -> playbook.PlaybookResult:
    return playbook.plan(tab.document.scenario.playbook, tab.catalog)


def calls_of(monkeypatch, owner, name: str) -> list[object]:
    """Records each call of ``owner.name`` (still made) in the list returned."""
    calls: list[object] = []
    original = getattr(owner, name)

    def recorded(*args, **kwargs):
        calls.append(args)
        return original(*args, **kwargs)

    monkeypatch.setattr(owner, name, recorded)
    return calls


def cost_tick(tab, value: float) -> None:
    assert tab.document.set_values({COST_LOW: value})
    tab.recompute()


def test_a_cost_tick_refreshes_only_its_own_input(tab, monkeypatch):
    """Not the other phases' ~20 inputs, nor the start date, whose edit repainted itself
    and its group box on every tick."""
    others = [field for field in tab._phase_fields if not field.path.startswith(
        "playbook.phases.0.cost_usd")]
    refreshed = [calls_of(monkeypatch, field, "refresh") for field in others]
    own = calls_of(monkeypatch, tab.field("playbook.phases.0.cost_usd"), "refresh")
    dates = calls_of(monkeypatch, tab.start_date_field, "setDate")
    cost_tick(tab, 320_000.0)
    assert all(calls == [] for calls in refreshed)
    assert dates == []
    assert own
    assert tab.field("playbook.phases.0.cost_usd").low.spin.value() == 320_000


def test_the_start_date_still_follows_an_undo(qtbot, tab):
    tab.start_date_field.setDate(QDate(2027, 3, 1))
    cost_tick(tab, 320_000.0)
    tab.document.undo_stack.undo()
    tab.document.undo_stack.undo()
    assert tab.start_date_field.date() == QDate(2026, 2, 1)


def test_dragging_a_low_end_past_the_high_then_undoing_shows_both_ends(tab):
    """A drag merges its ticks into one step; the ticks that pushed the high end too
    must have the undo refresh the high end (its input is refreshed only if concerned)."""
    field = tab.field("playbook.phases.0.cost_usd")
    before = tab.document.scenario.playbook.phases[0].cost_usd
    for value in (before.high * 0.9, before.high * 1.2, before.high * 1.5):
        field.low.spin.setValue(value)  # one control: the ticks merge into one step
    assert tab.document.scenario.playbook.phases[0].cost_usd.high == pytest.approx(
        before.high * 1.5)
    tab.document.undo_stack.undo()
    assert tab.document.scenario.playbook.phases[0].cost_usd == before
    assert field.high.spin.value() == pytest.approx(before.high)
    assert field.low.spin.value() == pytest.approx(before.low)


def test_a_cost_tick_fills_only_the_tables_whose_figures_it_moves(tab, monkeypatch):
    """The tasks and the seed's published figures do not move with a cost: they were
    rewritten (and their texts made readable again) on every tick."""
    filled = calls_of(monkeypatch, playbook_tab_module, "fill_table")
    reconciled = calls_of(monkeypatch, tab.reconciliation_label, "setText")
    cost_tick(tab, 320_000.0)
    tables = {args[0] for args in filled}
    assert tab.tasks_table not in tables and tab.steps_table not in tables
    assert reconciled == []
    assert tab.approach_table in tables  # the plan's own row moved
    quarters = expected(tab).quarters
    assert tab.quarter_table.item(len(quarters) - 1, 4).text() == usd(
        quarters[-1].cumulative_usd.base)


def test_a_typed_task_cell_is_shown_as_the_plan_reads_it(qtbot, tab):
    """A cell the user typed into is rewritten by the next fill, tasks unchanged or not."""
    tab.vertical_field.setCurrentIndex(tab.vertical_field.findData("finance"))
    qtbot.waitUntil(lambda: tab.tasks_table.rowCount() == 5)
    tab.recompute()
    cell = tab.tasks_table.item(0, 3)
    shown = cell.text()
    cell.setText(f"{float(shown):.2f}")  # the same cost typed another way ("3" as "3.00")
    tab.recompute()
    assert tab.tasks_table.item(0, 3).text() == shown


def test_the_quarters_fill_when_their_page_is_opened(qtbot, tab):
    """On screen behind the approaches, the quarters table waits for its page."""
    tab.show()
    qtbot.waitExposed(tab)
    tab.tables.setCurrentWidget(tab.approach_table)
    before = tab.quarter_table.item(0, 3).text()
    cost_tick(tab, 900_000.0)
    assert tab.quarter_table.item(0, 3).text() == before  # covered: not filled yet
    tab.tables.setCurrentWidget(tab.quarter_table)
    first = expected(tab).quarters[0]
    assert tab.quarter_table.item(0, 3).text() == usd(first.cumulative_usd.low) != before


def test_a_cost_tick_leaves_the_unmoved_curve_and_both_views_alone(tab, monkeypatch):
    """The low cost moves no date and not the high case's spend: the high curve was set
    again and both charts' ranges worked through on every tick."""
    spend, gantt = tab.spend_chart, tab.gantt_chart
    high = calls_of(monkeypatch, spend.curves["high"], "setData")
    ranges = [calls_of(monkeypatch, chart.getPlotItem().getViewBox(), name)
              for chart in (spend, gantt) for name in ("setXRange", "setYRange")]
    _, low_y = spend.curves["low"].getData()
    cost_tick(tab, 320_000.0)
    assert high == []
    assert all(calls == [] for calls in ranges)
    result = expected(tab)
    _, y = spend.curves["low"].getData()
    assert y[-1] == pytest.approx(result.horizon_spend_by_case.low) != low_y[-1]
    _, y = spend.curves["high"].getData()
    assert y[-1] == pytest.approx(result.horizon_spend_by_case.high)


def test_a_cost_tick_repaints_the_spend_curves_but_not_the_axes(qtbot, catalog,
                                                                 monkeypatch):
    """The plot's repaint reaches into both axes; drawn from their cached pixmaps, they
    no longer lay out every tick label's text again (and look the same)."""
    import pyqtgraph as pg
    from econplan.core.defaults import default_scenario
    from PySide6.QtWidgets import QApplication, QGraphicsItem

    painted: list[str] = []
    for cls in (pg.AxisItem, pg.PlotCurveItem):
        original = cls.paint
        monkeypatch.setattr(cls, "paint", lambda self, *a, _cls=cls, _paint=original: (
            painted.append(_cls.__name__), _paint(self, *a))[1])
    tab = PlaybookTab(ScenarioDocument(default_scenario(catalog)), catalog)
    qtbot.addWidget(tab)
    tab.resize(1400, 900)
    tab.show()
    qtbot.waitExposed(tab)
    for value in (300_000.0, 320_000.0):
        cost_tick(tab, value)
        for _ in range(10):
            QApplication.processEvents()
    painted.clear()
    cost_tick(tab, 340_000.0)
    for _ in range(10):
        QApplication.processEvents()
    assert "PlotCurveItem" in painted
    assert "AxisItem" not in painted
    cached = tab.spend_chart.grab().toImage()
    for name in ("left", "bottom"):
        tab.spend_chart.getPlotItem().getAxis(name).setCacheMode(
            QGraphicsItem.CacheMode.NoCache)
    assert tab.spend_chart.grab().toImage() == cached
