"""The serving derivation, the training checks and the sources' disagreements, driven
through the real widgets offscreen."""

from __future__ import annotations

import pytest
from econplan.core.defaults import default_scenario
from econplan.desktop.breakeven_tab import BreakevenTab
from econplan.desktop.catalog_tab import CatalogBrowserTab
from econplan.desktop.document import ScenarioDocument
from econplan.desktop.training_tab import TrainingTab


def _tab(qtbot, tab_class, catalog, scenario):
    widget = tab_class(ScenarioDocument(scenario), catalog)
    qtbot.addWidget(widget)
    widget.resize(1366, 768)
    widget.show()
    return widget


@pytest.fixture
def breakeven_tab(qtbot, catalog):
    scenario = default_scenario(catalog)
    scenario.breakeven.queries_per_month = 50_000_000
    return _tab(qtbot, BreakevenTab, catalog, scenario)


def test_switching_capacity_to_derived_changes_the_breakeven_result(qtbot, breakeven_tab):
    tab = breakeven_tab
    assert not tab.capacity_inputs.model.isVisibleTo(tab)
    assert tab.qps_row.isVisibleTo(tab)
    assert tab.serving_panel.typed_note.isVisibleTo(tab.serving_panel)
    typed = tab.result
    combo = tab.capacity_inputs.source
    combo.setCurrentIndex(combo.findData("derived"))
    assert tab.document.scenario.breakeven.capacity.source == "derived"
    qtbot.waitUntil(lambda: tab.result is not typed and tab.result.serving is not None)
    derived = tab.result
    assert derived.queries_per_second_per_replica != typed.queries_per_second_per_replica
    assert derived.replicas != typed.replicas
    # The derivation inputs replace the typed throughput.
    assert tab.capacity_inputs.model.isVisibleTo(tab) and not tab.qps_row.isVisibleTo(tab)
    # The derivation table, the roofline chart and the calibration are filled.
    table = tab.serving_panel.derivation_table
    labels = [table.item(r, 0).text() for r in range(table.rowCount())]
    assert "Queries per second per replica" in labels and "Replicas" in labels
    row = labels.index("Queries per second per replica")
    assert table.item(row, 1).text() == f"{derived.queries_per_second_per_replica:,.2f}"
    xs, _ = tab.serving_panel.chart.modelled_curve.getData()
    assert len(xs) == len(derived.serving.roofline)
    assert tab.serving_panel.calibration_table.rowCount() == \
        len(derived.serving.calibration) + len(derived.serving.capacity_checks)
    # A bigger served model changes the answer again; undo goes back to typed.
    model = tab.capacity_inputs.model
    model.setCurrentIndex(model.findData("llama31_70b"))
    qtbot.waitUntil(lambda: tab.result.serving is not None
                    and tab.result.serving.model_id == "llama31_70b")
    assert tab.result.gpus_per_replica >= 2
    tab.document.undo_stack.undo()
    tab.document.undo_stack.undo()
    qtbot.waitUntil(lambda: tab.result.serving is None)
    assert tab.result.queries_per_second_per_replica == typed.queries_per_second_per_replica


def test_a_derivation_that_cannot_be_computed_is_shown_not_raised(qtbot, breakeven_tab):
    tab = breakeven_tab
    tab.document.set_values({"breakeven.capacity.source": "derived",
                             "breakeven.selfhost.gpu_id": ""}, "test", mergeable=False)
    qtbot.waitUntil(lambda: tab.warning_label.isVisibleTo(tab)
                    and "breakeven.selfhost.gpu_id" in tab.warning_label.text())
    assert tab.serving_panel.typed_note.isVisibleTo(tab.serving_panel)


def test_the_api_picker_says_where_sources_disagree(qtbot, breakeven_tab):
    tab = breakeven_tab
    assert not tab.api_disagreement.isVisibleTo(tab)
    tab.api_field.setCurrentIndex(tab.api_field.findData("s003_claude_35_haiku"))
    qtbot.waitUntil(lambda: tab.api_disagreement.isVisibleTo(tab))
    text = tab.api_disagreement.text()
    assert "$0.25" in text and "$0.8" in text and "used by the plan" in text
    assert "Economics of Custom Models" in text and ".txt" not in text
    index = tab.api_field.findData("s003_claude_35_haiku")
    from PySide6.QtCore import Qt
    assert "Claude Haiku" in tab.api_field.itemData(index, Qt.ItemDataRole.ToolTipRole)


@pytest.fixture
def training_tab(qtbot, catalog):
    return _tab(qtbot, TrainingTab, catalog, default_scenario(catalog))


def test_the_memory_warning_appears_for_an_impossible_plan(qtbot, training_tab):
    tab = training_tab
    assert "⚠" not in checks_title(tab)
    assert tab.checks_panel.verdict.text().startswith("✓ Fits")
    tab.document.set_values({"training.params": 405e9, "training.active_params": 405e9,
                             "training.gpu_count": 2}, "test", mergeable=False)
    # The page's title flags the plan while another page is open ...
    qtbot.waitUntil(lambda: "⚠" in checks_title(tab))
    # ... and the page says why when it is opened.
    tab.detail_pages.setCurrentWidget(tab.checks_panel)
    assert tab.checks_panel.verdict.text().startswith("✗ Memory:")
    assert tab.warning_label.isVisibleTo(tab) and "Memory:" in tab.warning_label.text()
    fewest = tab.result.memory.memory.min_gpus
    assert f"at least {fewest:,} GPUs" in tab.checks_panel.verdict.text()
    tab.document.set_values({"training.gpu_count": fewest}, "enough", mergeable=False)
    qtbot.waitUntil(lambda: "⚠" not in checks_title(tab))


def test_the_implied_mfu_can_be_used_for_the_plan(qtbot, training_tab):
    tab = training_tab
    rejected = []
    tab.document.rejected.connect(lambda path, message: rejected.append(path))
    tab.checks_inputs.use_mfu.click()
    assert rejected == ["training.reported_gpu_hours"]
    hours = tab.result.gpu_hours.base * 2
    tab.field("training.reported_gpu_hours").spin.setValue(hours)
    qtbot.waitUntil(lambda: tab.result.implied_mfu is not None)
    implied = tab.result.implied_mfu.mfu
    tab.checks_inputs.use_mfu.click()
    mfu = tab.document.scenario.training.mfu
    assert mfu.low == mfu.high == pytest.approx(implied, abs=1e-4)
    # The plan now reproduces the reported GPU-hours.
    qtbot.waitUntil(lambda: tab.result.gpu_hours.base == pytest.approx(hours, rel=1e-3))


def test_the_catalog_browser_shows_other_sources_for_a_row(qtbot, catalog):
    tab = CatalogBrowserTab(catalog)
    qtbot.addWidget(tab)
    tab.select_table("api_prices")
    model = tab.table_model
    row = next(r for r in range(model.rowCount())
               if model.frame().row(r, named=True)["price_id"] == "s003_claude_35_haiku")
    tab.table_view.setCurrentIndex(model.index(row, 0))
    assert tab.disagreement.isVisibleTo(tab)
    assert "Claude Haiku" in tab.disagreement.text() and ".txt" not in tab.disagreement.text()
    from econplan.core.disagreement_text import disagreement_note
    other = next(r for r in range(model.rowCount()) if not disagreement_note(
        catalog, "api_prices", model.frame().row(r, named=True)["price_id"]))
    tab.table_view.setCurrentIndex(model.index(other, 0))
    assert not tab.disagreement.isVisibleTo(tab)


def checks_title(tab) -> str:
    """The title of the memory page, wherever it sits among the detail pages."""
    return tab.detail_pages.tabText(tab.detail_pages.indexOf(tab.checks_panel))
