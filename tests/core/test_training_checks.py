"""Memory per GPU, goodput and implied MFU on the training plan (schema 6)."""

from __future__ import annotations

import pytest
from econplan.core import training
from econplan.core.compute import compute_all
from econplan.core.defaults import default_scenario
from econplan.core.scenario import TrainingMode
from econplan.core.serving_presenter import goodput_table, memory_table
from econplan.core.training_checks import closest_architecture
from econplan.core.training_presenter import present
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st


def _training(catalog, **update):
    inputs = default_scenario(catalog).training
    memory = update.pop("memory", {})
    goodput = update.pop("goodput", {})
    return inputs.model_copy(update={
        **update, "memory": inputs.memory.model_copy(update=memory),
        "goodput": inputs.goodput.model_copy(update=goodput)})


def test_a_plan_whose_gpus_cannot_hold_the_model_warns_with_the_fewest_gpus(catalog):
    inputs = _training(catalog, params=70e9, active_params=70e9, gpu_count=1,
                       memory={"zero_stage": 3})
    result = training.plan(inputs, catalog)
    check = result.memory
    assert check is not None and not check.memory.fits
    assert check.memory.min_gpus is not None and check.memory.min_gpus > 1
    assert check.warning in result.warnings
    assert f"at least {check.memory.min_gpus:,} GPUs" in check.warning
    # The presenter carries it to the tab, the report and the command line.
    assert check.warning in present(result).warnings
    # With the fewest GPUs it names, the plan fits.
    enough = training.plan(inputs.model_copy(update={"gpu_count": check.memory.min_gpus}),
                           catalog)
    assert enough.memory.memory.fits and not any(w.startswith("Memory:")
                                                 for w in enough.warnings)


def test_the_default_plan_fits(catalog):
    result = training.plan(default_scenario(catalog).training, catalog)
    assert result.memory.memory.fits
    assert "training_memory" in {t.table_id for t in present(result).tables}


def test_qlora_needs_less_memory_than_lora_than_full(catalog):
    totals = {}
    for mode in (TrainingMode.FINETUNE_FULL, TrainingMode.FINETUNE_LORA,
                 TrainingMode.FINETUNE_QLORA):
        inputs = _training(catalog, mode=mode, params=8.03e9, active_params=8.03e9,
                           gpu_count=1, memory={"zero_stage": 0})
        totals[mode] = training.plan(inputs, catalog).memory.memory.total_gb
    assert totals[TrainingMode.FINETUNE_QLORA] < totals[TrainingMode.FINETUNE_LORA] \
        < totals[TrainingMode.FINETUNE_FULL]


def test_shapes_come_from_the_closest_architecture_or_the_chosen_one(catalog):
    assert closest_architecture(catalog, 8e9, moe=False).model_id == "llama31_8b"
    assert closest_architecture(catalog, 671e9, moe=True).model_id == "deepseek_v3"
    chosen = training.plan(_training(catalog, memory={"model_id": "qwen3_32b"}), catalog)
    assert chosen.memory.model == "Qwen3 32B"
    assert "plan's" in chosen.memory.shapes_note  # 7B plan on a 32B shape: N from the plan


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(short=st.integers(256, 32_000), extra=st.integers(1, 32_000),
       recompute=st.sampled_from(["none", "selective", "full"]))
def test_training_memory_grows_with_the_sequence(catalog, short, extra, recompute):
    def total(length: int) -> float:
        inputs = _training(catalog, memory={"sequence_length": length,
                                            "recompute": recompute})
        return training.plan(inputs, catalog).memory.memory.total_gb

    assert total(short + extra) > total(short)


def test_goodput_reproduces_the_report_at_its_own_scale(catalog):
    # The default restart and checkpoint interval are the largest that meet the Llama 3
    # report's 90% effective training time on its 16,384 GPUs.
    inputs = _training(catalog, gpu_count=16_384, params=405e9, active_params=405e9,
                       tokens=15.6e12)
    result = training.plan(inputs, catalog)
    assert result.goodput.goodput.goodput == pytest.approx(0.9, abs=1e-6)
    assert result.goodput.goodput.extra_gpu_hours > 0
    assert result.goodput.goodput.extra_cost_usd == pytest.approx(
        result.goodput.goodput.extra_gpu_hours * result.usd_per_gpu_hour.base)
    assert [row[0] for row in goodput_table(result).rows][:2] == \
        ["Interruptions expected", "Goodput"]


def test_reported_gpu_hours_imply_the_mfu_that_reproduces_them(catalog):
    plain = training.plan(default_scenario(catalog).training, catalog)
    assert plain.implied_mfu is None
    reported = plain.gpu_hours.base * 1.25
    result = training.plan(_training(catalog, reported_gpu_hours=reported), catalog)
    implied = result.implied_mfu
    assert implied is not None
    # The plan's base GPU-hours are at the MFU range's midpoint; 25% more hours imply
    # 1/1.25 of it.
    assert implied.mfu == pytest.approx(default_scenario(catalog).training.mfu.mid / 1.25)
    assert implied.mfu_while_running >= implied.mfu
    rows = {row[0] for row in goodput_table(result).rows}
    assert {"Implied MFU", "Implied MFU while running"} <= rows


def test_too_few_reported_hours_warn(catalog):
    result = training.plan(_training(catalog, reported_gpu_hours=1.0), catalog)
    assert result.implied_mfu.mfu > 1
    assert any("imply an MFU" in w for w in result.warnings)


def test_compute_json_has_memory_goodput_and_implied_mfu(catalog):
    scenario = default_scenario(catalog)
    payload = compute_all(scenario, catalog)["training"]
    assert payload["memory"]["memory"]["total_gb"] > 0
    assert 0 < payload["goodput"]["goodput"]["goodput"] <= 1
    assert payload["implied_mfu"] is None
    assert memory_table(training.plan(scenario.training, catalog)) is not None
