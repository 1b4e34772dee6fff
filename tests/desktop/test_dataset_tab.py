"""The Dataset sizing tab driven through its real widgets, offscreen, beside the Training tab."""

import math

import pytest
from econplan.core import dataset
from econplan.core.dataset_inputs import CORPUS_CATEGORY_IDS
from econplan.core.formatting import compact, scientific
from econplan.desktop.dataset_tab import DatasetTab
from econplan.desktop.document import ScenarioDocument
from econplan.desktop.training_tab import TrainingTab


@pytest.fixture
def document(catalog):
    from econplan.core.defaults import default_scenario

    return ScenarioDocument(default_scenario(catalog))


@pytest.fixture
def tab(qtbot, document, catalog):
    widget = DatasetTab(document, catalog)
    qtbot.addWidget(widget)
    widget.resize(1400, 900)
    return widget


@pytest.fixture
def training_tab(qtbot, document, catalog):
    widget = TrainingTab(document, catalog)
    qtbot.addWidget(widget)
    return widget


def expected(tab) -> dataset.DatasetResult:
    scenario = tab.document.scenario
    return dataset.plan(scenario.training, scenario.dataset, tab.catalog)


def shares(tab) -> dict[str, float]:
    return tab.document.scenario.dataset.corpus.as_dict()


def test_dragging_the_tokens_slider_updates_the_cards_and_the_training_tab(
        qtbot, tab, training_tab):
    before = tab.tokens_card.value_text
    slider = tab.field("training.tokens").slider
    slider.setValue(slider.value() + 80)
    qtbot.waitUntil(lambda: tab.tokens_card.value_text != before)
    tokens = tab.document.scenario.training.tokens
    assert tab.tokens_card.value_text == compact(tokens)
    assert tab.flops_card.value_text == scientific(expected(tab).flops, digits=1)
    # The same number on the Training budget tab, through its own widget.
    assert training_tab.field("training.tokens").spin.value() == pytest.approx(tokens / 1e9,
                                                                               abs=0.05)
    qtbot.waitUntil(lambda: training_tab.flops_card.value_text == scientific(6 * 7e9 * tokens))


def test_tokens_typed_on_the_training_tab_show_on_the_dataset_tab(qtbot, tab, training_tab):
    training_tab.field("training.tokens").spin.setValue(14_000)  # 14T tokens
    assert tab.document.scenario.training.tokens == pytest.approx(14e12)
    assert tab.field("training.tokens").spin.value() == pytest.approx(14_000)
    assert tab.ratio_field.spin.value() == pytest.approx(2_000)
    qtbot.waitUntil(lambda: tab.tokens_card.value_text == "14T")
    assert "2,000 per param" in tab.tokens_card.detail_label.text()


def test_ratio_sets_the_training_tokens(qtbot, tab, training_tab):
    tab.ratio_field.spin.setValue(20)  # Chinchilla
    assert tab.document.scenario.training.tokens == pytest.approx(140e9)
    assert training_tab.field("training.tokens").spin.value() == pytest.approx(140)
    qtbot.waitUntil(lambda: tab.tokens_card.value_text == "140B")
    assert tab.chinchilla_card.value_text == "140B"
    assert "1× Chinchilla" in tab.tokens_card.detail_label.text()


def test_ratio_slider_covers_chinchilla_to_qwen3(tab):
    slider = tab.ratio_field.slider
    slider.setValue(slider.maximum())
    assert tab.document.scenario.training.tokens == pytest.approx(60_000 * 7e9)
    slider.setValue(slider.minimum())
    assert tab.document.scenario.training.tokens == pytest.approx(20 * 7e9)
    assert tab.document.undo_stack.count() == 1  # one drag, one step


def test_changing_parameters_keeps_the_tokens_and_moves_the_ratio(tab, training_tab):
    tokens = tab.document.scenario.training.tokens
    training_tab.field("training.params").spin.setValue(14)
    assert tab.document.scenario.training.tokens == tokens
    assert tab.ratio_field.spin.value() == pytest.approx(tokens / 14e9, abs=0.05)
    assert tab.field("training.params").spin.value() == pytest.approx(14)


def test_setting_one_share_rebalances_the_others_in_one_step(qtbot, tab):
    before = shares(tab)
    tab.share_fields["web"].spin.setValue(60)
    after = shares(tab)
    assert after["web"] == pytest.approx(0.6)
    assert math.fsum(after.values()) == pytest.approx(1.0, abs=1e-9)
    rest = 1 - before["web"]
    for category_id in CORPUS_CATEGORY_IDS[1:]:
        assert after[category_id] == pytest.approx(before[category_id] / rest * 0.4)
        # Visibly: the other share fields show their new values.
        shown = tab.share_fields[category_id].spin.value()
        assert shown == pytest.approx(after[category_id] * 100, abs=0.05)
    assert tab.document.undo_stack.count() == 1
    tab.document.undo_stack.undo()
    assert shares(tab) == before
    assert tab.share_fields["code"].spin.value() == pytest.approx(before["code"] * 100, abs=0.05)
    qtbot.waitUntil(lambda: tab.table.item(0, 1).text() == f"{before['web']:.1%}")


def test_each_share_drag_is_its_own_undo_step(tab):
    for category_id in ("web", "code"):
        slider = tab.share_fields[category_id].slider
        for step in range(1, 4):
            slider.setValue(slider.value() + 5 * step)
    assert tab.document.undo_stack.count() == 2
    assert math.fsum(shares(tab).values()) == pytest.approx(1.0, abs=1e-9)


def test_composition_chart_and_table_show_tokens_per_category(qtbot, tab):
    tab.recompute()
    assert len(tab.composition_chart.bars.opts["width"]) == 5
    assert tab.table.rowCount() == 6
    web_tokens = shares(tab)["web"] * tab.document.scenario.training.tokens
    assert tab.table.item(0, 2).text() == compact(web_tokens)
    assert tab.table.item(5, 1).text() == "100.0%"


def test_tokens_chart_shows_the_seeds_models_chinchilla_and_the_plan(tab, catalog):
    chart = tab.tokens_chart
    assert len(chart.model_points.data) == catalog.table("overtraining_ratios").height == 8
    assert len(chart._labels) == 8
    x, y = chart.chinchilla_line.getData()
    assert y[0] - x[0] == pytest.approx(math.log10(20))
    assert len(chart.plan_point.data) == 1
    assert chart.plan_point.data[0]["x"] == pytest.approx(math.log10(7e9))


def test_practical_range_card_says_which_seed_row(qtbot, tab):
    tab.field("training.params").spin.setValue(20)
    qtbot.waitUntil(lambda: "32B row" in tab.practical_card.title_label.text())
    assert "no row for 20B" in tab.notes_label.text()
    assert tab.practical_card.value_text == "4T – 10T"


def test_fine_tuning_mode_sizes_examples_and_warns_below_2000(qtbot, tab):
    assert not tab.finetune_group.isVisibleTo(tab)
    tab.mode_field.setCurrentIndex(tab.mode_field.findData("finetune_qlora"))
    assert tab.finetune_group.isVisibleTo(tab)
    assert not tab.corpus_group.isVisibleTo(tab)
    tab.field("training.finetune.examples").spin.setValue(1_500)
    qtbot.waitUntil(lambda: tab.warning_label.isVisibleTo(tab))
    assert "fewer than 2,000 risks degradation" in tab.warning_label.text()
    tab.field("training.finetune.examples").spin.setValue(5_000)
    qtbot.waitUntil(lambda: not tab.warning_label.isVisibleTo(tab))
    assert tab.chinchilla_card.value_text == "5,000"
    assert tab.table.item(2, 0).text() == "Total"
    cost = expected(tab).finetune.acquisition_cost_usd
    assert tab.data_card.detail_label.text().startswith("$")
    assert cost.low > 0


def test_synthetic_share_changes_the_acquisition_cost(qtbot, tab):
    tab.mode_field.setCurrentIndex(tab.mode_field.findData("finetune_lora"))
    tab.field("dataset.finetune_synthetic_share").spin.setValue(100)
    qtbot.waitUntil(lambda: tab.data_card.value_text == "$2.75")
    # 5,000 examples × $0.0001–0.001 = $0.50–$5.
    assert tab.result.data_cost_usd.low == pytest.approx(0.5)


def test_model_picker_sets_a_moe_model(tab):
    tab.model_picker.activated.emit(tab.model_picker.findData("deepseek_v3"))
    training = tab.document.scenario.training
    assert training.architecture == "moe" and training.active_params == 37e9
    assert tab.active_row.isVisibleTo(tab)
    assert tab.ratio_field.spin.value() == pytest.approx(400)


def test_tooltips_cite_the_seed(tab):
    assert "Training Corpus Composition" in tab.share_fields["web"].toolTip()
    assert "Data Economics" in tab.field("dataset.human_usd_per_example").toolTip()
    assert "Chinchilla" in tab.ratio_field.toolTip()


def test_composition_axis_title_follows_the_mode_and_is_only_set_when_it_changes(
        qtbot, tab, monkeypatch):
    axis = tab.composition_chart.getPlotItem().getAxis("bottom")

    def caption():  # the whole caption, and the one on screen is it or its elided start
        full = getattr(axis, "_full_label", axis.labelText)
        assert full.startswith(axis.labelText.removesuffix("…"))
        return full

    assert caption() == "Tokens · typical range"
    relabels = []
    real = axis.setLabel
    monkeypatch.setattr(axis, "setLabel", lambda *a, **k: (relabels.append(a), real(*a, **k)))
    before = tab.result
    assert tab.document.set_value("training.tokens", 3e12)
    qtbot.waitUntil(lambda: tab.result is not before)
    assert relabels == []  # an equal caption would have redrawn the axis
    assert caption() == "Tokens · typical range"
    tab.mode_field.setCurrentIndex(tab.mode_field.findData("finetune_qlora"))
    qtbot.waitUntil(lambda: caption() == "US dollars · low–high")
    assert relabels
