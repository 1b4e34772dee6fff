"""Self-host break-even planner: prices, replicas, the training link, constraints, tiers.
No Qt."""

import itertools
import json
from pathlib import Path

import pytest
from econplan.core import breakeven, training
from econplan.core.breakeven_inputs import BreakevenInputs
from econplan.core.compute import compute_all
from econplan.core.defaults import default_scenario
from econplan.core.scenario_io import load_scenario


@pytest.fixture(scope="module")
def scenario(catalog):
    return default_scenario(catalog)


@pytest.fixture(scope="module")
def base(scenario) -> BreakevenInputs:
    return scenario.breakeven


def changed(inputs: BreakevenInputs, **values) -> BreakevenInputs:
    payload = inputs.model_dump()
    for path, value in values.items():
        *parents, leaf = path.split("__")
        target = payload
        for part in parents:
            target = target[part]
        target[leaf] = value
    return BreakevenInputs.model_validate(payload)


def test_default_query_on_gpt54_standard_costs_one_cent(base, catalog):
    # Seed 004: 1,000-token queries with 500-token responses at $2.50 / $15.00 per MTok.
    result = breakeven.plan(base, catalog)
    assert result.api_usd_per_query == pytest.approx(0.01)
    assert result.api_monthly_usd == pytest.approx(base.queries_per_month * 0.01)


def test_cached_input_and_batch_use_the_seed_conventions(base, catalog):
    cached = breakeven.plan(changed(base, api__cached_input_share=0.5), catalog)
    # Half the input at 10% of $2.50: 1,000 × (0.5 × 2.5 + 0.5 × 0.25) + 500 × 15.
    assert cached.api_usd_per_query == pytest.approx((1000 * 1.375 + 500 * 15) / 1e6)
    assert "convention" in cached.api_price_basis and "002_" in cached.api_price_basis
    batch = breakeven.plan(changed(base, api__batch_share=1.0), catalog)
    assert batch.api_usd_per_query == pytest.approx(0.005)  # Batch API = 50% of base
    per_query = breakeven.plan(changed(base, api__pricing="per_query", api__batch_share=0.5),
                               catalog)
    assert per_query.api_usd_per_query == pytest.approx(base.api.usd_per_query * 0.75)


def test_replicas_cover_the_load_at_the_planned_utilisation(base, catalog):
    # 16,200 tok/s ÷ 500 output tokens = 32.4 QPS; at 50% utilisation 16.2 QPS per replica.
    per_replica_month = 16.2 * 30 * 86_400
    assert breakeven.replicas_for(base, catalog, per_replica_month) == 1
    assert breakeven.replicas_for(base, catalog, per_replica_month * 1.01) == 2
    spare = changed(base, selfhost__spare_replicas=2, queries_per_month=per_replica_month * 3)
    result = breakeven.plan(spare, catalog)
    assert (result.replicas_for_volume, result.spare_replicas, result.replicas) == (3, 2, 5)
    gpu = next(line for line in result.monthly_lines if line.line_id == "gpu")
    assert gpu.usd == pytest.approx(5 * 2.0 * 730)


def test_an_h100_month_is_730_hours(catalog):
    # Seed 004: an RTX 5090 at $0.36/hour costs "roughly $260 per month".
    monthly = 0.36 * breakeven.HOURS_PER_MONTH
    assert monthly == pytest.approx(262.8)


def test_breakeven_volume_is_fixed_costs_over_the_per_query_margin(base, catalog):
    hosted = changed(base, selfhost__serving="hosted", selfhost__hosted_usd_per_query=0.002)
    result = breakeven.plan(hosted, catalog)
    fixed = sum(line.usd for line in result.monthly_lines if line.line_id != "hosted")
    fixed += result.investment_usd / base.months_until_retrain
    assert result.breakeven_queries_per_month == pytest.approx(fixed / (0.01 - 0.002))


def test_no_breakeven_when_self_hosting_costs_more_per_query(base, catalog):
    hosted = changed(base, selfhost__serving="hosted", selfhost__hosted_usd_per_query=0.02)
    result = breakeven.plan(hosted, catalog)
    assert result.breakeven_queries_per_month is None
    assert result.tier.tier_id == "low" and "no volume" in result.tier.reason


def test_tiers_are_computed_from_the_breakeven_volume(base, catalog):
    volume = breakeven.api_breakeven_volume(base, catalog)
    tiers = {}
    for factor in (0.5, 2.0, 6.0):
        result = breakeven.plan(changed(base, queries_per_month=volume * factor), catalog)
        tiers[factor] = result.tier.tier_id
    assert tiers == {0.5: "low", 2.0: "mid", 6.0: "high"}
    seed = catalog.table("volume_tiers")
    assert result.tier.verdict in seed["verdict"].to_list()
    assert "5×" in result.tier.seed_boundaries


def test_payback_and_roi_follow_the_seed_formulas(base, catalog):
    hosted = changed(base, selfhost__serving="hosted", selfhost__hosted_usd_per_query=0.001,
                     queries_per_month=2_000_000.0)
    result = breakeven.plan(hosted, catalog)
    savings = result.api_monthly_usd - result.selfhost_monthly_usd
    assert result.payback_months == pytest.approx(result.investment_usd / savings)
    assert result.first_year_roi == pytest.approx(
        (12 * savings - result.investment_usd) / result.investment_usd)


def test_api_price_decline_delays_payback(base, catalog):
    hosted = changed(base, selfhost__serving="hosted", selfhost__hosted_usd_per_query=0.001,
                     queries_per_month=1_000_000.0, one_off__finetune_usd=50_000.0,
                     monthly__ml_engineers=0.0)
    flat = breakeven.plan(hosted, catalog)
    falling = breakeven.plan(changed(hosted, api_price_decline_per_year=0.45), catalog)
    assert falling.payback_months > flat.payback_months
    assert falling.annual_savings_usd < flat.annual_savings_usd
    assert falling.cumulative_api_usd[-1] < flat.cumulative_api_usd[-1]


def test_retraining_repeats_the_finetuning_cost_in_the_cumulative_chart(base, catalog):
    result = breakeven.plan(base, catalog)
    steps = [b - a for a, b in itertools.pairwise(result.cumulative_selfhost_usd)]
    assert steps[8] - steps[7] == pytest.approx(base.one_off.finetune_usd)  # month 9
    assert result.cumulative_selfhost_usd[0] == pytest.approx(result.investment_usd)


def test_linked_finetune_cost_follows_the_training_plan(scenario, catalog):
    linked = changed(scenario.breakeven, one_off__finetune_source="training_plan")
    small = training.plan(scenario.training.model_copy(update={"params": 7e9}), catalog)
    payload = scenario.training.model_dump()
    payload["params"] = payload["active_params"] = 70e9
    large = training.plan(type(scenario.training).model_validate(payload), catalog)
    cheap = breakeven.plan(linked, catalog, small)
    dear = breakeven.plan(linked, catalog, large)
    assert cheap.one_off_lines[0].usd == pytest.approx(small.one_off_usd.base)
    assert dear.investment_usd > cheap.investment_usd
    assert dear.breakeven_queries_per_month > cheap.breakeven_queries_per_month
    with pytest.raises(breakeven.PlanError, match="no training plan"):
        breakeven.plan(linked, catalog)


def test_linking_a_plan_with_people_hours_warns_of_double_counting(presets, catalog):
    fte = presets["breakeven_task_api_digital_fte"]
    inputs = changed(fte.breakeven, one_off__setup_hours=10.0)
    result = breakeven.plan(inputs, catalog, training.plan(fte.training, catalog))
    assert any("twice" in w for w in result.warnings)


# -- constraints --------------------------------------------------------------------------

@pytest.fixture(scope="module")
def profitable(base) -> BreakevenInputs:
    """Self-hosting clearly pays: 3M queries a month."""
    return changed(base, queries_per_month=3_000_000.0)


def test_economics_alone_choose_self_hosting(profitable, catalog):
    result = breakeven.plan(profitable, catalog)
    assert result.recommendation_id == "self_host"
    assert result.decision.reason_id == "cheapest"
    assert result.decision.runner_up_id == "api"
    assert "pays back" in result.reasons[1]


def test_no_capable_api_rules_the_api_out_however_cheap(base, catalog):
    result = breakeven.plan(changed(base, constraints__no_capable_api=True), catalog)
    assert breakeven.plan(base, catalog).recommendation_id == "api"
    assert result.recommendation_id == "self_host"
    assert result.decision.reason_id == "no_capable_api"
    api = next(option for option in result.options if option.option_id == "api")
    assert not api.allowed and api.ruled_out_by == "no_capable_api"
    assert api.monthly_usd < result.decision.monthly_usd


def test_data_on_premises_requires_self_hosting_whatever_the_cost(base, catalog):
    result = breakeven.plan(changed(base, constraints__data_on_premises=True), catalog)
    assert breakeven.plan(base, catalog).recommendation_id == "api"
    assert result.recommendation_id == "self_host_required"
    assert any("may not leave the premises" in r for r in result.reasons)


def test_latency_target_below_api_latency_favours_a_small_model(base, catalog):
    result = breakeven.plan(changed(base, constraints__latency_target=True), catalog)
    assert result.recommendation_id == "self_host_latency"
    relaxed = changed(base, constraints__latency_target=True,
                      constraints__latency_target_ms=3000.0)
    assert breakeven.plan(relaxed, catalog).recommendation_id == "api"
    impossible = changed(base, constraints__latency_target=True,
                         constraints__latency_target_ms=20.0)
    assert any("No option meets" in w for w in breakeven.plan(impossible, catalog).warnings)


def test_no_ml_capacity_turns_self_hosting_into_hosted_finetuning(profitable, catalog):
    result = breakeven.plan(changed(profitable, constraints__no_ml_capacity=True), catalog)
    assert result.recommendation_id == "hosted_ft"
    assert any("ML/SRE capacity" in r for r in result.reasons)


def test_vendor_portability_moves_hosted_finetuning_to_open_weights(profitable, catalog):
    hosted = changed(profitable, selfhost__serving="hosted",
                     selfhost__hosted_usd_per_query=0.002)
    assert breakeven.plan(hosted, catalog).recommendation_id == "hosted_ft"
    portable = breakeven.plan(changed(hosted, constraints__vendor_portability=True), catalog)
    assert portable.recommendation_id == "self_host"
    assert any("full retraining" in r for r in portable.reasons)


def test_human_baseline_needs_the_human_process(base, catalog):
    with pytest.raises(breakeven.PlanError, match="human process"):
        breakeven.plan(changed(base, compare_against="human"), catalog)


# -- compute and files ----------------------------------------------------------------------

def test_compute_all_has_routing_and_breakeven(scenario, catalog):
    payload = compute_all(scenario, catalog)
    assert {"routing", "breakeven"} <= set(payload)
    json.dumps(payload)
    assert payload["breakeven"]["recommendation"] == "Stay on the API"
    assert payload["routing"]["overspend_multiple"] == pytest.approx(16.01 / 5.025)


def test_version_1_file_opens_with_routing_and_breakeven_defaults(catalog):
    sample = Path(__file__).resolve().parents[1] / "data" / "scenario_v1.json"
    raw = json.loads(sample.read_text())
    assert raw["schema_version"] == 1 and "routing" not in raw and "breakeven" not in raw
    migrated = load_scenario(sample)
    defaults = default_scenario(catalog)
    assert migrated.routing == defaults.routing
    assert migrated.breakeven == defaults.breakeven
    assert breakeven.plan(migrated.breakeven, catalog).recommendation
