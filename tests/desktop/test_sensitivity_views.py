"""The sensitivity drawer, the break-even what-if toggles and the comparison dock."""

from __future__ import annotations

import json

import pytest
from econplan.core.paths import scenarios_dir
from econplan.core.scenario_io import load_scenario, save_scenario


def _open(window, name):
    window.open_example(scenarios_dir() / f"{name}.json")


def test_tornado_drawer_names_the_top_driver(qtbot, window):
    _open(window, "llama31_405b_reference")
    tab = window.training_tab
    drawer = tab.sensitivity
    assert drawer.result is None and not drawer.body.isVisible()  # closed: no sweep
    drawer.toggle.setChecked(True)
    qtbot.waitUntil(lambda: drawer.result is not None)
    assert drawer.result.bars[0].path == "training.beyond_compute.data_curation.multiplier"
    assert "data-curation multiplier" in drawer.summary_label.text()
    assert drawer.chart.labels[-1] == "Data-curation multiplier"  # widest bar at the top
    # An edit sweeps again (after the last change), and the top driver follows it.
    before = drawer.result
    window.document.set_values({"training.beyond_compute.data_curation.multiplier.high": 3.0,
                                "training.beyond_compute.data_curation.multiplier.low": 3.0},
                               "narrow", mergeable=False)
    qtbot.waitUntil(lambda: drawer.result is not before, timeout=3000)
    assert drawer.result.bars[0].path != "training.beyond_compute.data_curation.multiplier"


def test_planner_without_ranges_says_so(qtbot, window):
    _open(window, "routing_seed_14_roles")
    window.tabs.setCurrentWidget(window.routing_tab)
    drawer = window.routing_tab.sensitivity
    drawer.toggle.setChecked(True)
    qtbot.waitUntil(lambda: drawer.result is not None)
    assert "nothing to sweep" in drawer.summary_label.text()
    assert not drawer.chart.isVisible()


def test_whatif_toggles_show_a_delta_on_every_headline(qtbot, window):
    _open(window, "breakeven_midsize_bank")
    tab = window.breakeven_tab
    window.tabs.setCurrentWidget(tab)
    tab.sensitivity.toggle.setChecked(True)
    panel = tab.whatif_panel
    qtbot.waitUntil(lambda: panel.outcome is not None)
    assert panel.table.rowCount() == 4
    assert all(d.delta in (0, None) for d in panel.outcome.deltas)  # no toggle: no change
    scenario_before = window.document.scenario
    panel.toggles["api_half"].setChecked(True)
    savings = next(d for d in panel.outcome.deltas if d.key == "savings")
    assert savings.delta < 0  # cheaper API prices: less to save by self-hosting
    assert panel.table.item(0, 3).text().startswith("−$")
    panel.toggles["infra_double"].setChecked(True)
    assert panel.outcome.active == ("api_half", "infra_double")
    # Questions asked of the plan, not edits: the scenario and the undo stack are untouched.
    assert window.document.scenario == scenario_before
    assert not window.document.undo_stack.canUndo()
    panel.failure_cost.setValue(5.0)
    assert panel.threshold is None and "press Solve" in panel.failure_label.text()
    panel.solve_button.click()
    assert panel.threshold.status in {"threshold", "always", "never"}
    assert "Failure rate:" in panel.failure_label.text()


def test_redundancy_on_a_hosted_model_explains_itself(qtbot, window):
    _open(window, "breakeven_icd10_coding")  # hosted fine-tuning
    tab = window.breakeven_tab
    window.tabs.setCurrentWidget(tab)
    tab.sensitivity.toggle.setChecked(True)
    panel = tab.whatif_panel
    panel.toggles["redundant"].setChecked(True)
    assert panel.problem_label.isVisibleTo(panel) and "vendor" in panel.problem_label.text()


def _rows(window):
    return {row[0].strip(): row for row in window.comparison.view.rows()}


def test_pin_edit_undo_unpin(qtbot, window):
    _open(window, "llama31_405b_reference")
    comparison = window.comparison
    comparison.pin_action.trigger()
    assert comparison.active and comparison.dock.isVisible()
    rows = _rows(window)
    assert rows["Training budget"][4] in {"", "±0.0%"}  # a title row, or no change
    window.document.set_values({"training.usd_per_gpu_hour.high": 3.0}, "price",
                               mergeable=False)
    qtbot.waitUntil(lambda: any(d.delta for c in comparison.view.comparisons
                                for d in c.deltas if c.planner_id == "training"))
    total = next(d for d in comparison.view.comparisons[0].deltas if d.key == "total")
    assert total.delta > 0 and total.current_text != total.baseline_text
    # Switching tabs keeps the comparison; undo brings the current plan back to the baseline.
    window.tabs.setCurrentWidget(window.breakeven_tab)
    assert comparison.dock.isVisible() and comparison.active
    window.document.undo_stack.undo()
    qtbot.waitUntil(lambda: all(not d.changed for c in comparison.view.comparisons
                                for d in c.deltas))
    comparison.view.changed_only.setChecked(True)
    assert comparison.view.table.rowCount() == 0
    comparison.pin_action.trigger()  # unchecks: unpin
    assert not comparison.active and not comparison.dock.isVisible()


def test_closing_the_dock_unpins(qtbot, window):
    comparison = window.comparison
    comparison.pin_action.trigger()
    comparison.dock.close()
    assert not comparison.active and not comparison.pin_action.isChecked()


def test_compare_with_a_saved_file(qtbot, window, tmp_path, catalog, monkeypatch):
    other = load_scenario(scenarios_dir() / "deepseek_v3_reference.json")
    path = tmp_path / "other.json"
    save_scenario(other, path)
    _open(window, "llama31_405b_reference")
    monkeypatch.setattr(window.comparison, "ask_compare_path", lambda: str(path))
    window.comparison.file_action.trigger()
    assert window.comparison.active
    assert "other.json" in window.comparison.view.baseline_label.text()
    total = next(d for d in window.comparison.view.comparisons[0].deltas if d.key == "total")
    assert total.baseline < total.current  # DeepSeek V3 (baseline) costs less than 405B


def test_compare_with_a_broken_file_keeps_everything(qtbot, window, tmp_path, monkeypatch):
    path = tmp_path / "broken.json"
    path.write_text(json.dumps({"schema_version": 1, "name": "x"}))
    shown = []
    monkeypatch.setattr(window, "show_open_error", lambda exc: shown.append(exc))
    before = window.document.scenario
    assert not window.comparison.compare_with_file(path)
    assert shown and not window.comparison.active
    assert window.document.scenario == before


@pytest.mark.parametrize("name", ["training_tab", "breakeven_tab"])
def test_drawer_fits_a_1366_by_768_window(qtbot, window, name):
    window.resize(1366, 768)
    _open(window, "breakeven_midsize_bank" if name == "breakeven_tab"
          else "llama31_405b_reference")
    tab = getattr(window, name)
    window.tabs.setCurrentWidget(tab)
    tab.sensitivity.toggle.setChecked(True)
    qtbot.waitUntil(lambda: tab.sensitivity.result is not None)
    assert window.minimumSizeHint().height() <= 768
    assert window.minimumSizeHint().width() <= 1366


def test_a_drag_sweeps_once_after_the_last_tick(qtbot, window, monkeypatch):
    import econplan.core.sensitivity as sensitivity

    _open(window, "llama31_405b_reference")
    drawer = window.training_tab.sensitivity
    drawer.toggle.setChecked(True)
    calls = []
    real = sensitivity.tornado
    monkeypatch.setattr(sensitivity, "tornado",
                        lambda *args: calls.append(args) or real(*args))
    for step in range(10):  # ten ticks of one drag, each shown by the tab at once
        window.document.set_values({"training.mfu.high": 0.36 + step / 100}, "drag")
        window.training_tab.recompute()
    assert calls == []  # the tab kept up; the sweep waits for the drag to stop
    qtbot.waitUntil(lambda: len(calls) == 1, timeout=3000)
    assert drawer.result.bars  # and it swept the final values


def test_closed_drawer_never_sweeps(qtbot, window, monkeypatch):
    import econplan.core.sensitivity as sensitivity

    calls = []
    monkeypatch.setattr(sensitivity, "tornado", lambda *args: calls.append(args))
    window.document.set_values({"training.mfu.high": 0.4}, "edit")
    window.training_tab.recompute()
    assert not window.training_tab.sensitivity._timer.isActive()  # nothing scheduled
    assert calls == []


def test_a_tornado_built_in_the_dark_theme_has_a_dark_legend_and_a_visible_centre(qtbot, window):
    from econplan.desktop import theme
    from econplan.desktop.chart_theme import legend_background
    from econplan.desktop.tornado_chart import TornadoChart
    from PySide6.QtGui import QColor

    window.theme_actions["dark"].trigger()
    try:
        chart = TornadoChart()
        qtbot.addWidget(chart)
        legend = chart.getPlotItem().legend
        assert legend.opts["brush"].color() == legend_background()
        for _sample, label in legend.items:  # light text on the chart's dark background
            assert QColor(label.opts["color"]) == QColor(theme.current().chart_text)
        line = chart.central_line.pen.color()
        assert theme.contrast_ratio(line, QColor(theme.current().chart_bg)) >= 3, line.name()
    finally:
        window.theme_actions["light"].trigger()
