"""The seed's worked examples, reproduced from the bundled presets within the seed's rounding."""

import math

import pytest
from econplan.core import training


def plan(presets, catalog, name):
    return training.plan(presets[name].training, catalog)


def round_sig(value: float, digits: int) -> float:
    return float(f"{value:.{digits - 1}e}")


def test_flops_table_of_seed_000_is_reproduced(catalog):
    rows = catalog.table("training_flops_examples").iter_rows(named=True)
    checked = 0
    for row in rows:
        params = row["active_params"] or row["params"]
        flops = training.training_flops(params, row["tokens"])
        assert round_sig(flops, 2) == pytest.approx(row["flops"], rel=1e-9), row["model"]
        checked += 1
    assert checked == 5


def test_llama_31_405b_gpu_hours_and_compute_cost(presets, catalog):
    result = plan(presets, catalog, "llama31_405b_reference")
    # Seed 000 §4: 30.84M H100-hours × $2/hr ≈ $60M compute.
    assert result.gpu_hours.base == pytest.approx(30.84e6, rel=0.005)
    assert result.compute_cost_usd.base == pytest.approx(60e6, abs=5e6)
    assert result.usd_per_gpu_hour.base == 2.0


def test_deepseek_v3_moe_uses_active_parameters(presets, catalog):
    result = plan(presets, catalog, "deepseek_v3_reference")
    assert presets["deepseek_v3_reference"].training.architecture == "moe"
    assert round_sig(result.flops, 2) == 3.3e24
    assert result.gpu_hours.base == pytest.approx(2.79e6, rel=0.01)
    assert round(result.compute_cost_usd.base / 1e6, 1) == 5.6


@pytest.mark.parametrize("name, size", [
    ("pretrain_7b_seed_table", 7e9),
    ("pretrain_32b_seed_table", 32e9),
    ("pretrain_80b_seed_table", 80e9),
    ("pretrain_130b_seed_table", 130e9),
])
def test_compute_only_cost_by_size_falls_in_the_seed_range(presets, catalog, name, size):
    row = catalog.row("compute_cost_by_size", "params", size)
    result = plan(presets, catalog, name)
    compute = result.compute_cost_usd
    assert row["compute_usd_low"] <= compute.low
    assert compute.high <= row["compute_usd_high"]


def test_finetune_qlora_8b_on_a100_one_hour(presets, catalog):
    result = plan(presets, catalog, "finetune_llama31_8b_qlora_a100")
    assert result.gpu_hours.base == pytest.approx(1.0)
    assert (result.compute_cost_usd.low, result.compute_cost_usd.high) == pytest.approx((2, 4))


def test_finetune_lora_70b_on_four_a100s_eight_hours(presets, catalog):
    result = plan(presets, catalog, "finetune_llama31_70b_lora_4xa100")
    assert result.wall_clock_days.base * 24 == pytest.approx(8.0)
    assert (result.compute_cost_usd.low, result.compute_cost_usd.high) == pytest.approx((80, 120))


def test_finetune_qlora_mistral_on_t4_three_hours(presets, catalog):
    result = plan(presets, catalog, "finetune_mistral_7b_qlora_t4")
    assert result.gpu_hours.base == pytest.approx(3.0)
    assert (result.compute_cost_usd.low, result.compute_cost_usd.high) == pytest.approx((1, 2))


def test_qlora_8b_on_h100_costs_4_to_28_dollars(presets, catalog):
    result = plan(presets, catalog, "finetune_llama3_8b_qlora_h100")
    assert (result.gpu_hours.low, result.gpu_hours.high) == pytest.approx((2, 8))
    assert (result.compute_cost_usd.low, result.compute_cost_usd.high) == pytest.approx((4, 28))


def test_task_management_assistant_investment_is_7100(presets, catalog):
    result = plan(presets, catalog, "task_management_assistant")
    # Seed 003: data prep $4,000 + 10 runs × $10 + evaluation $2,000 + setup $1,000.
    assert result.one_off_usd.base == pytest.approx(7_100)
    assert result.one_off_usd.low == result.one_off_usd.high
    maintenance = next(line for line in result.lines if line.category_id == "maintenance")
    assert maintenance.cost_usd.base / presets["task_management_assistant"].training.hidden \
        .months_in_production == pytest.approx(200)


def test_every_preset_plans_without_warnings_about_physics(presets, catalog):
    assert len(presets) >= 11
    for name, scenario in presets.items():
        result = training.plan(scenario.training, catalog)
        assert result.total_usd.low <= result.total_usd.base <= result.total_usd.high, name
        assert not any("not physically reachable" in w for w in result.warnings), name
        assert math.isfinite(result.total_usd.high)
