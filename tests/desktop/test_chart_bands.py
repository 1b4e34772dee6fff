"""P10–P90 bands on the tabs' charts: drawn once the draws arrive, dropped on an edit."""

from __future__ import annotations

from pathlib import Path

import pytest
from econplan.core.paths import scenarios_dir
from econplan.core.plan import compute_plan
from econplan.core.scenario_io import load_scenario, save_scenario
from econplan.desktop.document import ScenarioDocument
from econplan.desktop.training_tab import TrainingTab
from PySide6.QtWidgets import QApplication

LLAMA = Path("resources/scenarios/llama31_405b_reference.json")


@pytest.fixture
def training_tab(qtbot, catalog):
    tab = TrainingTab(ScenarioDocument(load_scenario(LLAMA, catalog)), catalog)
    qtbot.addWidget(tab)
    tab.show()
    yield tab
    tab.session.wait_for_draws()


@pytest.fixture
def window(window):
    """The shared window (tests/desktop/conftest.py), its draws finished before teardown."""
    yield window
    window.session.wait_for_draws()


def _legend_texts(chart) -> list[str]:
    legend = chart.extras.key.legend
    return [] if legend is None else [label.text for _, label in legend.items]


def test_breakdown_whiskers_appear_after_the_draws_and_go_on_an_edit(qtbot, training_tab):
    chart = training_tab.breakdown_chart
    whiskers = chart.extras.whiskers
    assert not whiskers.isVisible()  # no draws yet: no band, not a stale one
    qtbot.waitUntil(lambda: whiskers.isVisible(), timeout=20_000)
    band = training_tab.session.uncertainty.series["training.cost_lines"]
    assert chart.extras.keys[::-1][0] == "compute"  # the first line is at the top
    assert "thick whisker: P10–P90 of 10,000 draws" in _legend_texts(chart)
    lows = whiskers.opts["x"] - whiskers.opts["left"]
    assert sorted(lows) == pytest.approx(sorted(band.p10))
    # An edit drops the bands with the replanned bars, in the same repaint (the draws
    # rerun once the inputs are quiet).
    before = training_tab.result
    training_tab.document.set_value("training.gpu_count", 8000)
    qtbot.waitUntil(lambda: training_tab.result is not before, timeout=5_000)
    assert training_tab.session.uncertainty is None
    assert not whiskers.isVisible()
    assert _legend_texts(chart) == ["P10–P90: redrawing…"]
    qtbot.waitUntil(lambda: whiskers.isVisible(), timeout=20_000)


# -- bands on the other tabs -------------------------------------------------------------

def _wait_for_bands(qtbot, window) -> None:
    qtbot.waitUntil(lambda: window.session.uncertainty is not None, timeout=20_000)
    QApplication.processEvents()


def test_the_spend_fan_follows_the_draws_and_an_edit(qtbot, window):
    window.open_path(scenarios_dir() / "playbook_finance.json")
    tab = window.playbook_tab
    window.tabs.setCurrentWidget(tab)
    chart = tab.spend_chart
    _wait_for_bands(qtbot, window)
    fan = chart.extras.fans["spend"]
    qtbot.waitUntil(fan.isVisible, timeout=5_000)
    band = window.session.uncertainty.series["playbook.cumulative_usd"]
    _, high = fan.high.getData()
    assert list(high) == band.p90
    assert "shaded: P10–P90 of 10,000 draws" in _legend_texts(chart)
    before = tab.result
    window.document.set_value("playbook.phases.0.cost_usd.high", 1_500_000.0)
    qtbot.waitUntil(lambda: tab.result is not before, timeout=5_000)
    assert not fan.isVisible()  # no stale fan while the new draws run
    assert "P10–P90: redrawing…" in _legend_texts(chart)
    _wait_for_bands(qtbot, window)
    qtbot.waitUntil(fan.isVisible, timeout=5_000)
    assert list(fan.high.getData()[1]) == \
        window.session.uncertainty.series["playbook.cumulative_usd"].p90 != band.p90


def test_break_even_fans_only_what_the_draws_move(qtbot, window):
    window.open_path(scenarios_dir() / "breakeven_autocomplete_500k.json")
    tab = window.breakeven_tab
    window.tabs.setCurrentWidget(tab)
    _wait_for_bands(qtbot, window)
    fan = tab.cumulative_chart.extras.fans["selfhost"]
    # A typed-in fine-tuning cost holds no range: no band to draw, and none drawn.
    assert window.session.uncertainty.series_band("breakeven.cumulative_selfhost_usd") is None
    assert not fan.isVisible()
    window.document.set_value("breakeven.one_off.finetune_source", "training_plan")
    _wait_for_bands(qtbot, window)
    qtbot.waitUntil(fan.isVisible, timeout=5_000)
    low, high = fan.low.getData()[1], fan.high.getData()[1]
    assert (low <= high).all() and (high > low).any()


def test_fine_tuning_data_cost_gets_whiskers(qtbot, window):
    window.open_path(scenarios_dir() / "finetune_llama31_8b_qlora_a100.json")
    tab = window.dataset_tab
    window.tabs.setCurrentWidget(tab)
    _wait_for_bands(qtbot, window)
    whiskers = tab.composition_chart.extras.whiskers
    qtbot.waitUntil(whiskers.isVisible, timeout=5_000)
    band = window.session.uncertainty.series["dataset.cost_lines"].by_key()
    highs = whiskers.opts["x"] + whiskers.opts["right"]
    assert sorted(highs) == pytest.approx(sorted(v[2] for v in band.values() if v[2] > v[0]))


def test_a_tab_shown_after_the_draws_gets_its_bands_at_once(qtbot, window):
    window.open_path(scenarios_dir() / "playbook_finance.json")
    _wait_for_bands(qtbot, window)  # drawn while the training tab is on screen
    window.tabs.setCurrentWidget(window.playbook_tab)
    QApplication.processEvents()
    assert window.playbook_tab.spend_chart.extras.fans["spend"].isVisible()


# -- the baseline drawn faint --------------------------------------------------------------

def test_a_pinned_baseline_is_drawn_faint_follows_tabs_and_undo_and_unpins(qtbot, window):
    window.open_path(scenarios_dir() / "playbook_finance.json")
    comparison = window.comparison
    comparison.pin_action.trigger()
    training = window.training_tab.breakdown_chart
    outline = training.extras.baseline
    assert outline.isVisible()
    name = "Baseline: “Playbook: Finance & Banking”"
    assert name in _legend_texts(training)
    widths = list(outline.opts["width"])
    # Edit the current plan: the baseline stays as pinned, the bars move.
    window.document.set_value("training.beyond_compute.data_curation.multiplier.high", 6.0)
    qtbot.waitUntil(lambda: window.training_tab.result.total_usd.high < 1e9, timeout=5_000)
    assert list(outline.opts["width"]) == widths
    # A tab built after the pin draws the baseline when first shown.
    window.tabs.setCurrentWidget(window.playbook_tab)
    QApplication.processEvents()
    spend = window.playbook_tab.spend_chart
    baseline_curve = spend.extras.baselines["base"]
    assert baseline_curve.isVisible()
    assert any(text.startswith("Baseline: ") for text in _legend_texts(spend))
    pinned = list(baseline_curve.getData()[1])
    window.document.set_value("playbook.phases.0.cost_usd.high", 1_500_000.0)
    window.document.undo_stack.undo()
    QApplication.processEvents()
    assert list(baseline_curve.getData()[1]) == pinned  # undo moves the current side only
    # Back and forth between tabs keeps it; unpin takes it off every chart.
    window.tabs.setCurrentWidget(window.training_tab)
    window.tabs.setCurrentWidget(window.playbook_tab)
    assert baseline_curve.isVisible() and outline.isVisible()
    comparison.unpin()
    assert not baseline_curve.isVisible() and not outline.isVisible()
    assert not any(text.startswith("Baseline: ") for text in _legend_texts(spend))
    assert not any(text.startswith("Baseline: ") for text in _legend_texts(training))


def test_a_compared_file_is_the_faint_baseline(qtbot, window, tmp_path, catalog):
    window.open_path(scenarios_dir() / "breakeven_team_500_qpd.json")
    other = load_scenario(scenarios_dir() / "breakeven_team_100k_qpd.json", catalog)
    path = tmp_path / "other.json"
    save_scenario(other, path)
    window.tabs.setCurrentWidget(window.breakeven_tab)
    assert window.comparison.compare_with_file(path)
    chart = window.breakeven_tab.cumulative_chart
    baseline = compute_plan(other, catalog).breakeven
    curve = chart.extras.baselines["selfhost"]
    assert list(curve.getData()[1]) == baseline.cumulative_selfhost_usd
    assert f"Baseline: “{other.name}”"[:10] in " ".join(_legend_texts(chart))
    top = chart.getPlotItem().getViewBox().viewRange()[1][1]
    assert top >= max(baseline.cumulative_api_usd)  # the baseline stays in view


def test_legend_entries_taken_off_are_deleted_and_the_key_stays_in_its_scene(qtbot):
    # pyqtgraph's removeItem only closes an entry: closed entries piled up under the
    # legend, their wrappers left to the cycle collector while Qt still used them.
    import pyqtgraph as pg
    import shiboken6
    from econplan.desktop.chart_bands import ChartKey
    from PySide6.QtCore import QCoreApplication, QEvent

    plot = pg.PlotWidget()
    qtbot.addWidget(plot)
    key = ChartKey(plot)
    taken_off = []
    for step in range(5):
        sample = pg.PlotDataItem([0, 1], [1, 1])
        key.set("band", sample, f"P10–P90, draw {step}")
        taken_off += [entry for entry in key.legend.items]
        key.remove("band")
    QCoreApplication.sendPostedEvents(None, QEvent.Type.DeferredDelete)
    assert key.legend.items == []
    assert not any(shiboken6.isValid(widget) for entry in taken_off for widget in entry)
    assert key.legend.childItems() == []  # nothing left under the legend
    assert key.legend.scene() is plot.scene() and not key.legend.isVisible()
    key.set("band", pg.PlotDataItem([0, 1], [1, 1]), "P10–P90")
    assert key.legend.isVisible() and key.text("band") == "P10–P90"
