"""The Routing overspend tab driven through its real widgets, offscreen."""

import pytest
from econplan.core import routing
from econplan.desktop.document import ScenarioDocument
from econplan.desktop.routing_charts import CATEGORY_SYMBOLS
from econplan.desktop.routing_tab import RoutingTab
from PySide6.QtCore import Qt

from tests.desktop.table_helpers import row_count


@pytest.fixture
def tab(qtbot, catalog, presets):
    document = ScenarioDocument(presets["routing_seed_14_roles"])
    widget = RoutingTab(document, catalog)
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    return widget


def overspend(tab) -> str:
    return tab.overspend_card.value_text


def expected(tab) -> routing.RoutingResult:
    return routing.plan(tab.document.scenario.routing, tab.catalog)


def test_the_seed_preset_shows_32x(tab):
    assert overspend(tab) == "3.2×"
    assert tab.routed_card.detail_label.text() == "$5.03 per day"
    assert "1.3%" in tab.note_label.text()
    assert row_count(tab.roles_result) == 15  # 14 roles + total


def test_dragging_the_year_slider_updates_the_cards(qtbot, tab):
    slider = tab.field("routing.year").slider
    slider.setValue(slider.maximum())
    assert tab.document.scenario.routing.year == 2030
    qtbot.waitUntil(lambda: overspend(tab) == f"{expected(tab).overspend_multiple:.1f}×")
    assert overspend(tab) == "2.1×"
    assert tab.trajectory_chart.year_line.value() == 2030


def test_editing_a_head_count_cell_is_one_undo_step(qtbot, tab):
    table = tab.headcount_table
    table.set_cell(0, "headcount", "250")
    assert tab.document.scenario.routing.headcount[0].headcount == 250
    assert tab.document.undo_stack.count() == 1
    qtbot.waitUntil(lambda: tab.result.roles[0].headcount == 250)
    assert tab.result.roles[0].optimal_daily_usd == pytest.approx(250 * 0.035)
    tab.document.undo_stack.undo()
    assert tab.document.scenario.routing.headcount[0].headcount == 1
    assert table.table.item(0, 1).text() == "1"


def test_a_cell_that_is_not_a_number_is_refused_naming_row_and_column(tab):
    before = tab.document.scenario
    tab.headcount_table.set_cell(2, "headcount", "lots")
    assert tab.document.scenario == before
    message = tab.headcount_table.error_label.text()
    assert "Row 3" in message and "Head-count" in message and "lots" in message
    assert tab.headcount_table.table.item(2, 1).text() == "1"


def test_a_value_the_model_refuses_names_row_and_column(tab):
    tab.tasks_table.add_row()
    tab.tasks_table.set_cell(0, "calls_per_worker_per_day", "-5")
    message = tab.tasks_table.error_label.text()
    assert "Row 1" in message and "Calls/worker/day" in message
    assert tab.document.scenario.routing.custom_tasks[0].calls_per_worker_per_day == 10
    tab.tasks_table.set_cell(0, "complexity", "impossible")
    assert "Simple, Medium, Hard, Frontier" in tab.tasks_table.error_label.text()


def test_your_role_and_task_add_to_the_totals(qtbot, tab):
    tab.roles_table.add_row()
    tab.roles_table.set_cell(0, "name", "Claims handler")
    tab.roles_table.set_cell(0, "headcount", "40")
    tab.tasks_table.add_row()
    tab.tasks_table.set_cell(0, "role", "Claims handler")
    tab.tasks_table.set_cell(0, "complexity", "hard")
    assert tab.document.undo_stack.count() == 6  # one step per edit
    qtbot.waitUntil(lambda: any(r.origin == "yours" for r in tab.result.roles))
    qtbot.waitUntil(lambda: tab.result.roles[-1].optimal_daily_usd > 0)
    role = tab.result.roles[-1]
    assert role.label == "Claims handler" and role.headcount == 40
    assert tab.result.optimal_daily_usd == pytest.approx(expected(tab).optimal_daily_usd)
    assert tab.rm_chart.bars.data.size == 7  # six seed tasks + yours
    assert row_count(tab.tasks_result) == len(expected(tab).tasks)


def test_removing_the_selected_task(tab):
    tab.tasks_table.add_row()
    tab.tasks_table.add_row()
    tab.tasks_table.table.selectRow(0)
    tab.tasks_table.remove_selected()
    tasks = tab.document.scenario.routing.custom_tasks
    assert [t.name for t in tasks] == ["New task 2"]
    tab.document.undo_stack.undo()
    assert len(tab.document.scenario.routing.custom_tasks) == 2


def test_switching_a_category_off_reroutes_its_tasks(qtbot, tab):
    row = next(i for i, c in enumerate(tab.document.scenario.routing.categories)
               if c.category_id == "fine_tuned")
    item = tab.categories_table.table.item(row, 1)
    item.setCheckState(Qt.CheckState.Unchecked)
    assert not tab.document.scenario.routing.categories[row].enabled
    qtbot.waitUntil(lambda: tab.result.tasks[0].routed_category_id != "fine_tuned")
    assert overspend(tab) == f"{expected(tab).overspend_multiple:.1f}×"


def test_charts_show_every_role_category_and_task(tab):
    result = tab.result
    assert len(tab.role_chart.large_bars.opts["width"]) == 14
    assert len(tab.trajectory_chart.curves) == 7
    assert tab.rm_chart.bars.data.size == 6
    assert [b.verdict for b in result.rm_bands][3] == "Buy"


def test_price_markers_follow_their_categories_and_the_legend(tab):
    """All categories' yearly markers share one scatter item (and the seed's dots
    another); a category hidden from the legend takes its line and markers with it, and
    a disabled one is drawn faint."""
    chart = tab.trajectory_chart
    years = len(tab.result.trajectory_years)
    categories = tab.result.categories
    assert len(chart.markers.data) == years * len(categories)
    assert len(chart.seed_dots.data) == sum(sum(c.from_seed.values()) for c in categories)
    first = categories[0].category_id
    chart._samples[first].setVisible(False)  # what a click on its legend entry does
    assert not chart.curves[first].isVisible()
    assert len(chart.markers.data) == years * (len(categories) - 1)
    chart._samples[first].setVisible(True)
    assert chart.curves[first].isVisible()
    assert len(chart.markers.data) == years * len(categories)
    tab.document.set_values({"routing.categories.1.enabled": False})
    tab.recompute()
    faint = [spot.brush().color().alphaF() for spot in chart.markers.points()
             if spot.symbol() == CATEGORY_SYMBOLS[categories[1].category_id]]
    assert faint and all(alpha == pytest.approx(0.3, abs=0.01) for alpha in faint)


def test_tooltips_cite_the_source_document(tab):
    assert "2025 Pricing" in tab.field("routing.year").toolTip()
    # By its title: the catalog row cites the document's file name, users never see it.
    tip = tab.field("routing.quality_bar.medium").toolTip()
    assert "Model Training Economics: From Chinchilla to Vertical AI, §7" in tip
    assert ".txt" not in tip
    assert "EconPlan planning assumptions" in tab.field("routing.workdays_per_year").toolTip()
