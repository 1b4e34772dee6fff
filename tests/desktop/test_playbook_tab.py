"""The Vertical playbook tab driven through its real widgets, offscreen."""

import datetime as dt
import itertools

import pytest
from econplan.core import playbook
from econplan.core.formatting import usd
from econplan.desktop.document import ScenarioDocument
from econplan.desktop.playbook_charts import epoch
from econplan.desktop.playbook_tab import PlaybookTab
from PySide6.QtCore import QDate


@pytest.fixture
def tab(qtbot, catalog):
    from econplan.core.defaults import default_scenario

    document = ScenarioDocument(default_scenario(catalog))
    widget = PlaybookTab(document, catalog)
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    return widget


def expected(tab) -> playbook.PlaybookResult:
    return playbook.plan(tab.document.scenario.playbook, tab.catalog)


def choose(tab, vertical_id: str) -> None:
    combo = tab.vertical_field
    combo.setCurrentIndex(combo.findData(vertical_id))


def test_defaults_show_the_seeds_first_version(tab):
    assert tab.cost_card.value_text == usd(1_375_000)
    assert "$450K – $2.3M" in tab.cost_card.detail_label.text()
    assert "source total $500K – $2.5M" in tab.cost_card.detail_label.text()
    assert tab.time_card.value_text == "6 months"
    assert "4–8 months" in tab.time_card.detail_label.text()
    assert tab.ongoing_card.value_text == "$175K"
    assert "5–10 months" in tab.notes_label.text()


def test_choosing_finance_fills_the_vertical_and_scales_the_phases(qtbot, tab):
    choose(tab, "finance")
    vertical = tab.document.scenario.playbook.vertical
    assert vertical.base_model == "DeepSeek R1 or Qwen3-32B"
    assert tab.field("playbook.vertical.base_model").text() == "DeepSeek R1 or Qwen3-32B"
    assert "SEC EDGAR (free)" in tab.data_sources_field.toPlainText()
    qtbot.waitUntil(lambda: "$800K – $2M" in tab.cost_card.detail_label.text())
    assert tab.tasks_table.rowCount() == 5
    assert tab.tasks_table.item(0, 6).text() == "50×"
    assert "scaled to it" in tab.notes_label.text()
    tab.document.undo_stack.undo()  # one step restores the seed's generic playbook
    assert tab.document.scenario.playbook.vertical.vertical_id == "generic"
    assert tab.vertical_field.currentData() == "generic"
    qtbot.waitUntil(lambda: "$450K – $2.3M" in tab.cost_card.detail_label.text())


def test_dragging_a_phase_duration_moves_the_timeline(qtbot, tab):
    field = tab.field("playbook.phases.0.months")
    before = tab.time_card.value_text
    slider = field.high.slider
    for step in range(1, 6):
        slider.setValue(slider.value() + 10 * step)
    assert tab.document.undo_stack.count() == 1
    qtbot.waitUntil(lambda: tab.time_card.value_text != before)
    assert tab.time_card.detail_label.text().startswith(
        f"4–{expected(tab).first_version_months.high:.3g} months")
    # The next slider's drag is its own step.
    other = tab.field("playbook.phases.1.cost_usd").low.slider
    other.setValue(other.value() + 20)
    assert tab.document.undo_stack.count() == 2
    tab.document.undo_stack.undo()
    tab.document.undo_stack.undo()
    assert tab.document.scenario.playbook.phases[0].months.high == 6


def test_phase_cost_low_past_high_moves_high(tab):
    cost = tab.field("playbook.phases.2.cost_usd")
    cost.low.spin.setValue(400_000)
    phase = tab.document.scenario.playbook.phases[2]
    assert (phase.cost_usd.low, phase.cost_usd.high) == (400_000, 400_000)
    assert cost.high.spin.value() == 400_000
    assert tab.document.undo_stack.count() == 1


def test_no_overlap_puts_phases_end_to_end(qtbot, tab):
    for index in (1, 2):
        tab.field(f"playbook.phases.{index}.overlap_share").spin.setValue(0)
    qtbot.waitUntil(lambda: tab.time_card.value_text == "7.5 months")
    assert "5–10 months" in tab.time_card.detail_label.text()


def test_start_date_moves_the_launch_dates(qtbot, tab):
    tab.start_date_field.setDate(QDate(2027, 1, 1))
    assert tab.document.scenario.playbook.start_date == dt.date(2027, 1, 1)
    qtbot.waitUntil(lambda: "May 2027–Sep 2027" in tab.time_card.detail_label.text())
    tab.document.undo_stack.undo()
    assert tab.start_date_field.date() == QDate(2026, 2, 1)


def test_horizon_sets_the_quarters(qtbot, tab):
    tab.field("playbook.horizon_quarters").spin.setValue(12)
    qtbot.waitUntil(lambda: tab.quarter_table.rowCount() == 12)
    assert tab.quarter_table.item(11, 0).text() == "Q12"
    spend = expected(tab).horizon_spend_usd
    assert tab.horizon_card.value_text == usd(spend.base)


def test_editing_a_preset_verticals_details_makes_it_custom(qtbot, tab):
    choose(tab, "real_estate")
    field = tab.field("playbook.vertical.base_model")
    field.setText("Qwen3-32B")
    field.editingFinished.emit()
    vertical = tab.document.scenario.playbook.vertical
    assert (vertical.base_model, vertical.vertical_id) == ("Qwen3-32B", "custom")
    assert tab.vertical_field.currentData() == "custom"


def test_custom_vertical_keeps_the_filled_in_values(tab):
    choose(tab, "corporate_intelligence")
    choose(tab, "custom")
    vertical = tab.document.scenario.playbook.vertical
    assert vertical.vertical_id == "custom" and vertical.name == "Custom vertical"
    assert len(vertical.tasks) == 5 and "News corpus" in vertical.data_sources


def test_data_sources_are_one_per_line(qtbot, tab):
    tab.data_sources_field.setPlainText("Internal tickets\n\nProduct manuals\n")
    qtbot.waitUntil(lambda: tab.document.scenario.playbook.vertical.data_sources ==
                    ["Internal tickets", "Product manuals"])
    assert tab.document.scenario.playbook.vertical.vertical_id == "custom"


def test_editing_a_task_cost_recomputes_its_ratio(qtbot, tab):
    choose(tab, "finance")
    qtbot.waitUntil(lambda: tab.tasks_table.rowCount() == 5)
    tab.tasks_table.item(0, 5).setText("0.03")  # fine-tuned $/M of regulatory compliance
    task = tab.document.scenario.playbook.vertical.tasks[0]
    assert task.finetuned_usd == 0.03
    qtbot.waitUntil(lambda: tab.tasks_table.item(0, 6).text() == "100×")
    assert tab.document.scenario.playbook.vertical.vertical_id == "custom"


def test_a_bad_task_number_is_refused(qtbot, tab):
    choose(tab, "finance")
    qtbot.waitUntil(lambda: tab.tasks_table.rowCount() == 5)
    rejected = []
    tab.document.rejected.connect(lambda path, message: rejected.append(message))
    tab.tasks_table.item(0, 3).setText("cheap")
    assert rejected and "cheap" in rejected[0]
    assert tab.document.scenario.playbook.vertical.tasks[0].current_usd.low == 3
    assert tab.tasks_table.item(0, 3).text() == "3"


def test_add_and_remove_tasks_and_phases(qtbot, tab):
    tab.add_task()
    assert len(tab.document.scenario.playbook.vertical.tasks) == 1
    qtbot.waitUntil(lambda: tab.tasks_table.rowCount() == 1)
    tab.tasks_table.setCurrentCell(0, 0)
    tab.remove_selected_task()
    assert tab.document.scenario.playbook.vertical.tasks == []

    tab.add_phase_button.click()
    phases = tab.document.scenario.playbook.phases
    assert len(phases) == 4 and phases[3].phase_id == "phase_4"
    tab.field("playbook.phases.3.months").high.spin.setValue(3)
    assert tab.document.scenario.playbook.phases[3].months.high == 3
    qtbot.waitUntil(lambda: len(tab.gantt_chart.short_bars.opts["width"]) == 4)
    tab.remove_phase_button.click()
    assert len(tab.document.scenario.playbook.phases) == 3
    qtbot.waitUntil(lambda: len(tab.gantt_chart.short_bars.opts["width"]) == 3)


def test_charts_show_phases_refreshes_and_cumulative_spend(qtbot, tab):
    tab.recompute()
    gantt = tab.gantt_chart
    assert len(gantt.short_bars.opts["width"]) == 3
    assert len(gantt.long_bars.opts["width"]) == 3
    result = expected(tab)
    assert len(gantt.short_refreshes.data) == result.refreshes_in_horizon.low == 6
    assert len(gantt.long_refreshes.data) == result.refreshes_in_horizon.high == 5
    _, y = tab.spend_chart.curves["base"].getData()
    assert y[-1] == pytest.approx(result.horizon_spend_by_case.base)
    assert all(b >= a for a, b in itertools.pairwise(y))
    assert tab.spend_chart.end_labels["high"].toPlainText() == usd(
        result.horizon_spend_by_case.high)


def test_tables_show_approaches_and_the_seeds_figures(tab):
    assert tab.approach_table.rowCount() == 5
    assert tab.approach_table.item(4, 0).text() == "This plan"
    assert tab.approach_table.item(1, 1).text() == "$10M – $25M"
    assert "nearest $0.5M" in tab.reconciliation_label.text()
    assert tab.steps_table.rowCount() == 6


def test_tooltips_cite_the_seed(tab):
    assert "Total Cost & Timeline" in tab.field("playbook.phases.0.months").toolTip()
    overlap = tab.field("playbook.phases.1.overlap_share").toolTip()
    assert "EconPlan planning assumptions" in overlap and "§5 Total Cost & Timeline" in overlap
    assert "Total Cost & Timeline" in tab.field("playbook.ongoing_usd_per_quarter").toolTip()


def test_opening_a_vertical_example_in_the_window_fills_the_tab(qtbot, catalog, monkeypatch):
    from econplan.core.paths import scenarios_dir
    from econplan.desktop.main_window import MainWindow
    from PySide6.QtWidgets import QMessageBox

    window = MainWindow(catalog)
    monkeypatch.setattr(window, "ask_save_changes", lambda: QMessageBox.StandardButton.Discard)
    qtbot.addWidget(window)
    window.open_example(scenarios_dir() / "playbook_corporate_intelligence.json")
    window.tabs.setCurrentWidget(window.playbook_tab)
    tab = window.playbook_tab
    qtbot.waitUntil(lambda: "$1M – $2.5M" in tab.cost_card.detail_label.text())
    assert tab.vertical_field.currentData() == "corporate_intelligence"
    assert "USPTO / EPO patents" in tab.data_sources_field.toPlainText()
    # The dataset tab of the same window shows the same scenario's training plan.
    assert window.dataset_tab.field("training.tokens").spin.value() == pytest.approx(
        window.document.scenario.training.tokens / 1e9)


def test_the_timeline_bars_follow_durations_and_a_cost_leaves_them_alone(qtbot, tab,
                                                                          monkeypatch):
    """A cost moves no bar, so its tick sets no bar or refresh item again (each one set
    was drawn afresh); a duration moves them, and the bars show the plan's months."""
    chart = tab.gantt_chart
    tab.recompute()
    items = (chart.short_bars, chart.long_bars, chart.short_refreshes, chart.long_refreshes)
    sets: list[object] = []
    for item in items:
        setter = "setOpts" if hasattr(item, "setOpts") else "setData"
        original = getattr(item, setter)
        monkeypatch.setattr(item, setter,
                            lambda *a, _item=item, _set=original, **k: (sets.append(_item),
                                                                        _set(*a, **k)))
    tab.document.set_values({"playbook.phases.1.cost_usd.low": 90_000})
    tab.recompute()
    assert sets == []
    months = tab.document.scenario.playbook.phases[0].months
    tab.document.set_values({"playbook.phases.0.months.high": months.high + 2})
    tab.recompute()
    assert chart.short_bars in sets and chart.long_bars in sets
    phase = expected(tab).phases[0]
    widths = chart.long_bars.opts["width"]
    start, end = (epoch(tab.document.scenario.playbook.start_date, m)
                  for m in (phase.start_month.high, phase.end_month.high))
    assert widths[0] == pytest.approx(end - start)


def test_each_cases_launch_is_marked_in_its_colour_with_its_tip(tab):
    """The three launches share one marker item (one per case cost a paint each)."""
    from econplan.desktop.playbook_charts import CASE_COLOURS

    tab.recompute()
    result = expected(tab)
    points = tab.spend_chart.launch_points.points()
    assert len(points) == len(result.curves)
    for point, curve in zip(points, result.curves, strict=True):
        assert point.brush().color().name() == CASE_COLOURS[curve.case].lower()
        assert point.pos().y() == getattr(result.first_version_cost_usd, curve.case)
        assert point.data().startswith(f"{curve.label}: first version ships")
