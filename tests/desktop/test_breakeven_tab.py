"""The Self-host break-even tab driven through its real widgets, offscreen."""

import pytest
from econplan.core import breakeven, training
from econplan.core.formatting import usd
from econplan.desktop.breakeven_tab import BreakevenTab
from econplan.desktop.document import ScenarioDocument


def make_tab(qtbot, catalog, scenario) -> BreakevenTab:
    widget = BreakevenTab(ScenarioDocument(scenario), catalog)
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    return widget


@pytest.fixture
def tab(qtbot, catalog, presets):
    return make_tab(qtbot, catalog, presets["breakeven_task_assistant_5m"])


def expected(tab) -> breakeven.BreakevenResult:
    scenario = tab.document.scenario
    return breakeven.plan(scenario.breakeven, tab.catalog,
                          training.plan(scenario.training, tab.catalog))


def test_the_task_assistant_preset_shows_the_seeds_payback(tab):
    assert tab.payback_card.value_text == "5.1 months"
    assert tab.savings_card.value_text == "$200"
    assert tab.recommendation_label.text() == "Fine-tune and self-host"
    assert tab.cumulative_chart.crossover_line.isVisible()
    assert tab.cumulative_chart.crossover_line.value() == pytest.approx(5.1)


def test_dragging_the_volume_slider_updates_the_cards_live(qtbot, tab):
    slider = tab.field("breakeven.queries_per_month").slider
    before = tab.savings_card.value_text
    for step in range(1, 6):
        slider.setValue(slider.value() - 20 * step)
    assert tab.document.undo_stack.count() == 1  # one drag, one undo step
    qtbot.waitUntil(lambda: tab.savings_card.value_text != before)
    assert tab.savings_card.value_text == usd(expected(tab).monthly_savings_usd)
    tab.document.undo_stack.undo()
    assert tab.document.scenario.breakeven.queries_per_month == 5_000_000


def test_volume_per_day_shows_the_day_field(qtbot, tab):
    assert tab.per_month_row.isVisibleTo(tab) and not tab.per_day_row.isVisibleTo(tab)
    tab.unit_field.setCurrentIndex(tab.unit_field.findData("day"))
    assert tab.per_day_row.isVisibleTo(tab) and not tab.per_month_row.isVisibleTo(tab)
    assert tab.per_day_row.spin.value() == pytest.approx(5_000_000 / 30, abs=1)
    tab.per_day_row.spin.setValue(1000)
    assert tab.document.scenario.breakeven.queries_per_month == pytest.approx(30_000)


def test_choosing_an_api_model_sets_its_prices(tab, catalog):
    combo = tab.api_field
    combo.setCurrentIndex(combo.findData("s004_claude_opus_48"))
    api = tab.document.scenario.breakeven.api
    assert (api.usd_per_mtok_input, api.usd_per_mtok_output, api.pricing) == (
        5.0, 25.0, "per_token")
    assert tab.input_price_row.isVisibleTo(tab) and not tab.query_price_row.isVisibleTo(tab)
    tab.document.undo_stack.undo()
    assert tab.document.scenario.breakeven.api.pricing == "per_query"


@pytest.mark.parametrize("path, recommendation", [
    ("breakeven.constraints.data_on_premises", "Self-host (data must stay on the premises)"),
    # Without ML/SRE capacity the hosted fine-tune is priced too: at 5M queries a month its
    # per-query price costs more than the API, so the API is the cheapest option left.
    ("breakeven.constraints.no_ml_capacity", "Stay on the API"),
    ("breakeven.constraints.no_capable_api", "Fine-tune and self-host"),
])
def test_toggling_a_constraint_changes_the_recommendation(qtbot, tab, path, recommendation):
    before = tab.result.decision
    tab.field(path).setChecked(True)
    qtbot.waitUntil(lambda: tab.result.decision != before)
    assert tab.recommendation_label.text() == recommendation
    assert len(tab.result.reasons) >= 2
    assert any("seed 00" in reason for reason in tab.result.reasons)
    assert tab.result.decision.reason_id != "cheapest" or path.endswith("no_ml_capacity")
    # Shown in the reader's words: the document's title, not "seed 003".
    from econplan.core.provenance import readable

    assert tab.reasons_label.text().startswith(f"• {readable(tab.result.decision.reason)}")
    assert "seed" not in tab.reasons_label.text().lower()


def test_a_latency_target_overrides_the_api(qtbot, catalog, presets):
    tab = make_tab(qtbot, catalog, presets["breakeven_team_500_qpd"])
    assert tab.recommendation_label.text() == "Stay on the API"
    assert not tab.latency_row.isEnabled()
    tab.field("breakeven.constraints.latency_target").setChecked(True)
    assert tab.latency_row.isEnabled()
    qtbot.waitUntil(lambda: "latency" in tab.recommendation_label.text())
    assert "300 ms" in tab.reasons_label.text()


def test_the_finetuning_cost_can_follow_the_training_plan(qtbot, catalog, presets):
    tab = make_tab(qtbot, catalog, presets["breakeven_task_api_digital_fte"])
    assert tab.linked_label.isVisibleTo(tab) and not tab.finetune_row.isVisibleTo(tab)
    assert tab.roi_card.detail_label.text() == "investment $7.1K"
    # An edit on the Training budget side moves the break-even investment.
    tab.document.set_value("training.hidden.data_preparation_hours.high", 140.0)
    qtbot.waitUntil(lambda: tab.roi_card.detail_label.text() != "investment $7.1K")
    assert tab.result.investment_usd == pytest.approx(expected(tab).investment_usd)
    assert tab.result.investment_usd > 7_100


def test_switching_the_link_on_uses_the_training_plan(qtbot, tab):
    before = tab.result.investment_usd
    tab.source_field.setCurrentIndex(tab.source_field.findData("training_plan"))
    qtbot.waitUntil(lambda: tab.result.investment_usd != before)
    plan = training.plan(tab.document.scenario.training, tab.catalog)
    assert tab.result.one_off_lines[0].usd == pytest.approx(plan.one_off_usd.base)
    assert "Training budget" in tab.linked_label.text()


def test_switching_the_human_process_off_compares_against_the_api(qtbot, catalog, presets):
    tab = make_tab(qtbot, catalog, presets["breakeven_roi_framework"])
    assert tab.roi_card.value_text == "903%"
    tab.human_check.setChecked(False)
    inputs = tab.document.scenario.breakeven
    assert not inputs.human.enabled and inputs.compare_against == "api"
    assert tab.document.undo_stack.count() == 1
    qtbot.waitUntil(lambda: tab.result.baseline == "api")
    assert tab.cumulative_chart.human_curve.xData is None or \
        len(tab.cumulative_chart.human_curve.xData) == 0


def test_a_planner_error_is_shown_not_raised(qtbot, tab):
    tab.document.set_value("breakeven.compare_against", "human")
    qtbot.waitUntil(lambda: tab.warning_label.isVisibleTo(tab))
    assert "Cannot plan" in tab.warning_label.text() and tab.result is None


def test_throughput_picker_fills_gpu_price_and_capacity(tab, catalog):
    picker = tab.throughput_picker
    index = picker.findData("llama31_8b_h100")
    picker.activated.emit(index)
    host = tab.document.scenario.breakeven.selfhost
    assert host.gpu_id == "h100_sxm" and host.usd_per_gpu_hour == 2.0
    assert host.queries_per_second_per_replica == pytest.approx(16_200 / 200)
    tab.document.undo_stack.undo()
    assert tab.document.scenario.breakeven.selfhost.gpu_id == ""


def test_volume_chart_marks_the_breakeven_and_the_plan(tab):
    chart = tab.volume_chart
    assert chart.breakeven_line.isVisible()
    assert 10 ** chart.breakeven_line.value() == pytest.approx(
        tab.result.breakeven_queries_per_month)
    assert 10 ** chart.volume_line.value() == pytest.approx(5_000_000)
    assert "break-even" in chart.breakeven_label.textItem.toPlainText()
