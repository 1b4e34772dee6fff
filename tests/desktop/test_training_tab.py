"""The Training budget tab driven through its real widgets, offscreen."""

import pytest
from econplan.core import training
from econplan.core.formatting import scientific, usd
from econplan.desktop.document import ScenarioDocument
from econplan.desktop.training_tab import TrainingTab


@pytest.fixture
def tab(qtbot, catalog):
    from econplan.core.defaults import default_scenario

    document = ScenarioDocument(default_scenario(catalog))
    widget = TrainingTab(document, catalog)
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    return widget


def expected_total(tab) -> str:
    return usd(training.plan(tab.document.scenario.training, tab.catalog).total_usd.base)


def test_dragging_the_parameters_slider_updates_the_total_card(qtbot, tab):
    before = tab.total_card.value_text
    slider = tab.field("training.params").slider
    slider.setValue(slider.value() + 120)
    qtbot.waitUntil(lambda: tab.total_card.value_text != before)
    assert tab.total_card.value_text == expected_total(tab)
    assert tab.flops_card.value_text == scientific(tab.result.flops)


def test_spin_box_edit_sets_the_scenario_in_display_units(qtbot, tab):
    tab.field("training.params").spin.setValue(70)
    assert tab.document.scenario.training.params == pytest.approx(70e9)
    qtbot.waitUntil(lambda: tab.total_card.value_text == expected_total(tab))


def test_each_slider_drag_is_one_undo_step(qtbot, tab):
    slider = tab.field("training.tokens").slider
    start = tab.document.scenario.training.tokens
    for step in range(1, 6):
        slider.setValue(slider.value() + step)
    assert tab.document.undo_stack.count() == 1
    tab.document.undo_stack.undo()
    assert tab.document.scenario.training.tokens == start
    assert tab.field("training.tokens").spin.value() == pytest.approx(start / 1e9)


def test_range_low_dragged_past_high_moves_high_too(tab):
    price = tab.field("training.usd_per_gpu_hour")
    price.low.spin.setValue(7.5)
    value = tab.document.scenario.training.usd_per_gpu_hour
    assert (value.low, value.high) == (7.5, 7.5)
    assert price.high.spin.value() == 7.5


def test_choosing_a_gpu_takes_its_catalog_price(tab, catalog):
    a100 = catalog.table("gpus").filter(catalog.table("gpus")["gpu_id"] == "a100_80gb").row(
        0, named=True)
    combo = tab.gpu_field
    combo.setCurrentIndex(combo.findData("a100_80gb"))
    price = tab.document.scenario.training.usd_per_gpu_hour
    assert (price.low, price.high) == (a100["cloud_usd_per_hour_low"],
                                       a100["cloud_usd_per_hour_high"])
    tab.document.undo_stack.undo()
    assert tab.document.scenario.training.gpu_id == "h100_sxm"
    assert combo.currentData() == "h100_sxm"


def test_fine_tuning_mode_shows_its_inputs_and_people_costs(qtbot, tab):
    assert not tab.finetune_group.isVisibleTo(tab)
    tab.mode_field.setCurrentIndex(tab.mode_field.findData("finetune_qlora"))
    inputs = tab.document.scenario.training
    assert inputs.hidden.enabled and not inputs.beyond_compute.data_curation.enabled
    assert tab.finetune_group.isVisibleTo(tab)
    qtbot.waitUntil(lambda: tab.total_card.value_text == expected_total(tab))
    kinds = {line.kind for line in tab.result.lines}
    assert kinds == {"compute", "people", "ongoing"}


def test_rejected_value_reverts_the_widget(qtbot, tab):
    rejected = []
    tab.document.rejected.connect(lambda path, message: rejected.append(path))
    assert not tab.document.set_value("training.gpu_count", 0)
    assert rejected == ["training.gpu_count"]
    assert tab.document.scenario.training.gpu_count >= 1


def test_cost_breakdown_chart_has_one_bar_per_cost_line(qtbot, tab):
    tab.recompute()
    bars = tab.breakdown_chart.bars.opts["width"]
    assert len(bars) == len(tab.result.lines)
    assert tab.breakdown_table.rowCount() == len(tab.result.lines) + 1


def test_reference_chart_shows_catalog_runs_and_the_plan(tab, catalog):
    points = training.reference_points(catalog)
    chart = tab.reference_chart
    shown = (len(chart.reference_points.data) + len(chart.all_in_points.data)
             + len(chart.estimate_points.data))
    assert shown == len(points) >= 10
    assert len(chart.estimate_points.data) == 4  # the seed's 7B/32B/80B/130B cost rows
    # Compute-only runs and published all-in estimates are told apart, as is the plan's
    # compute (star) from its all-in total (diamond).
    assert len(chart.reference_points.data) == 3  # the reference_runs rows: compute only
    assert len(chart.plan_point.data) == 1
    # The legend and the axis's tooltip say which marker is which (the axis's caption is
    # short: the laptop's chart is ~300 px tall).
    tip = chart.getPlotItem().getAxis("left").toolTip()
    assert "compute only" in tip and "all-in" in tip
    names = [label.text for _sample, label in chart.extra_legends[0].items]
    assert any("compute" in name for name in names) and any("all-in" in name for name in names)
    result = tab.result
    if result.total_usd.base > result.compute_cost_usd.base:
        assert chart.plan_all_in_point.data["y"][0] > chart.plan_point.data["y"][0]


def test_tooltips_cite_where_defaults_come_from(tab):
    # The document by its title (the catalog row cites its file, 000_….txt §3).
    assert ("Model Training Economics: From Chinchilla to Vertical AI, §3 Training Time"
            in tab.field("training.mfu").toolTip())
    multiplier = tab.field("training.beyond_compute.data_curation.multiplier")
    assert "Beyond Compute" in multiplier.toolTip()
    params = tab.field("training.params")
    assert "Recommended Dataset Sizes" in params.toolTip()
    assert "Accepted:" in params.toolTip()
    assert "EconPlan planning assumptions" in tab.field("training.finetune.epochs").toolTip()


def test_model_picker_fills_a_real_models_size_and_tokens(tab):
    picker = tab.model_picker
    index = picker.findData("deepseek_v3")
    assert index > 0
    picker.activated.emit(index)
    inputs = tab.document.scenario.training
    assert (inputs.architecture, inputs.params, inputs.active_params, inputs.tokens) == (
        "moe", 671e9, 37e9, 14.8e12)
    assert tab.active_row.isVisibleTo(tab)
    tab.document.undo_stack.undo()
    assert tab.document.scenario.training.architecture == "dense"
