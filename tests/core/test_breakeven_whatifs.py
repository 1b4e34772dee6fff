"""The break-even sensitivity exercise: what-if toggles and the failure-rate solve."""

from __future__ import annotations

import pytest
from econplan.core.breakeven_whatifs import (
    API_HALF,
    INFRA_DOUBLE,
    REDUNDANT,
    WHATIF_IDS,
    apply_whatifs,
    failure_rate_threshold,
    whatif_outcome,
)
from econplan.core.plan import compute_plan
from econplan.core.scenario_paths import with_values
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

BREAKEVEN = ["breakeven_14b_qlora", "breakeven_autocomplete_500k", "breakeven_icd10_coding",
             "breakeven_legal_contracts_5k_qpd", "breakeven_midsize_bank",
             "breakeven_task_assistant_5m", "breakeven_team_100k_qpd",
             "task_management_assistant"]


def _savings(outcome):
    return next(d for d in outcome.deltas if d.key == "savings")


@pytest.mark.parametrize("name", BREAKEVEN)
def test_api_half_halves_the_api_price(presets, catalog, name):
    scenario = presets[name]
    before = compute_plan(scenario, catalog).breakeven
    after = compute_plan(apply_whatifs(scenario, catalog, [API_HALF]), catalog).breakeven
    assert after.api_usd_per_query == pytest.approx(before.api_usd_per_query / 2, rel=1e-6)


@settings(max_examples=30, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(name=st.sampled_from(BREAKEVEN),
       volume=st.floats(1e3, 1e8),
       input_price=st.floats(0.01, 50), output_price=st.floats(0.01, 100),
       active=st.sets(st.sampled_from(WHATIF_IDS)))
def test_whatif_signs(presets, catalog, name, volume, input_price, output_price, active):
    scenario = with_values(presets[name], {
        "breakeven.queries_per_month": volume, "breakeven.api.pricing": "per_token",
        "breakeven.api.usd_per_mtok_input": input_price,
        "breakeven.api.usd_per_mtok_output": output_price})
    base = compute_plan(scenario, catalog).breakeven
    outcome = whatif_outcome(scenario, catalog, active)
    if outcome.result is None:  # a hosted model has no replicas to make redundant
        assert REDUNDANT in active and outcome.problem
        return
    after = outcome.result
    # Halving API prices never makes the API dearer; costlier infrastructure and a
    # standby replica never make self-hosting cheaper.
    assert after.api_usd_per_query <= base.api_usd_per_query * (1 + 1e-12)
    assert after.api_monthly_usd <= base.api_monthly_usd * (1 + 1e-12) + 1e-9
    if API_HALF not in active:
        assert after.selfhost_monthly_usd >= base.selfhost_monthly_usd - 1e-9
    if base.baseline == "api" or API_HALF not in active:
        assert _savings(outcome).current <= _savings(outcome).baseline + 1e-6
    assert {d.key for d in outcome.deltas} == {"savings", "breakeven", "payback", "roi"}


def test_no_whatif_changes_nothing(presets, catalog):
    outcome = whatif_outcome(presets["breakeven_midsize_bank"], catalog, [])
    assert all(d.delta in (0, None) for d in outcome.deltas)


def test_redundancy_adds_a_standby_replica(presets, catalog):
    scenario = with_values(presets["breakeven_midsize_bank"],
                           {"breakeven.selfhost.spare_replicas": 0})
    outcome = whatif_outcome(scenario, catalog, [REDUNDANT])
    assert outcome.result.spare_replicas == 1
    base = compute_plan(scenario, catalog).breakeven
    assert outcome.result.replicas == base.replicas + 1


def test_infra_double_doubles_the_gpu_price(presets, catalog):
    scenario = presets["breakeven_midsize_bank"]
    edited = apply_whatifs(scenario, catalog, [INFRA_DOUBLE])
    assert edited.breakeven.selfhost.usd_per_gpu_hour == \
        2 * scenario.breakeven.selfhost.usd_per_gpu_hour


@pytest.mark.parametrize("name", ["breakeven_14b_qlora", "breakeven_legal_contracts_5k_qpd",
                                  "breakeven_midsize_bank"])
def test_failure_rate_threshold_is_the_edge_of_paying(presets, catalog, name):
    scenario = presets[name]
    solved = failure_rate_threshold(scenario, catalog, cost_per_failure_usd=5.0)
    assert solved.status == "threshold"
    rate = solved.max_failure_rate

    def pays(r):
        edited = with_values(scenario, {"breakeven.cost_per_failure_usd": 5.0,
                                        "breakeven.selfhost.failure_rate": r})
        return compute_plan(edited, catalog).breakeven.pays_back_before_retrain

    assert pays(rate)
    assert not pays(min(1.0, rate + 1e-6))
    assert "percentage points" in solved.sentence


def test_failure_rate_without_a_failure_cost_is_irrelevant(presets, catalog):
    solved = failure_rate_threshold(presets["breakeven_14b_qlora"], catalog)
    assert solved.status == "irrelevant" and solved.max_failure_rate is None


def test_never_pays_is_reported(presets, catalog):
    solved = failure_rate_threshold(presets["task_management_assistant"], catalog,
                                    cost_per_failure_usd=1.0)
    assert solved.status == "never"
