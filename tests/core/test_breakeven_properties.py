"""Rules of the break-even planner that hold for every valid input."""

import itertools

import pytest
from econplan.core import breakeven
from econplan.core.breakeven_inputs import BreakevenInputs
from econplan.core.defaults import default_scenario
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

hypothesis_settings = settings(max_examples=60, deadline=None,
                               suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def base(catalog) -> BreakevenInputs:
    return default_scenario(catalog).breakeven


def inputs_with(base: BreakevenInputs, **values) -> BreakevenInputs:
    payload = base.model_dump()
    for path, value in values.items():
        *parents, leaf = path.split("__")
        target = payload
        for part in parents:
            target = target[part]
        target[leaf] = value
    return BreakevenInputs.model_validate(payload)


workloads = st.fixed_dictionaries({
    "queries_per_month": st.floats(1e3, 1e9),
    "input_tokens": st.floats(10, 20_000),
    "output_tokens": st.floats(10, 5_000),
    "api__usd_per_mtok_input": st.floats(0.05, 20),
    "api__usd_per_mtok_output": st.floats(0.1, 80),
    "api__cached_input_share": st.floats(0, 1),
    "api__batch_share": st.floats(0, 1),
    "selfhost__serving": st.sampled_from(["gpu", "hosted"]),
    "selfhost__usd_per_gpu_hour": st.floats(0.1, 20),
    "selfhost__queries_per_second_per_replica": st.floats(0.5, 500),
    "selfhost__utilisation": st.floats(0.1, 1.0),
    "selfhost__spare_replicas": st.integers(0, 4),
    "selfhost__hosted_usd_per_query": st.floats(0, 0.05),
    "selfhost__traffic_share": st.floats(0.1, 1.0),
    "monthly__ml_engineers": st.floats(0, 2),
    "one_off__finetune_usd": st.floats(0, 1e6),
})


@hypothesis_settings
@given(values=workloads)
def test_at_the_breakeven_volume_both_monthly_costs_are_equal(catalog, base, values):
    inputs = inputs_with(base, **values)
    volume = breakeven.api_breakeven_volume(inputs, catalog)
    assume(volume is not None)
    api, selfhost = breakeven.monthly_costs(inputs, catalog, volume)
    assert api == pytest.approx(selfhost, rel=1e-9)
    # Just below it the API is cheaper (the break-even is the first crossing).
    api_below, selfhost_below = breakeven.monthly_costs(inputs, catalog, volume * 0.999)
    assert api_below <= selfhost_below * (1 + 1e-9)


@hypothesis_settings
@given(values=workloads, factor=st.floats(1.0, 10.0), per_query=st.booleans())
def test_a_higher_api_price_never_lowers_savings(catalog, base, values, factor, per_query):
    cheap = inputs_with(base, **values, api__pricing="per_query" if per_query else "per_token")
    dear = inputs_with(
        cheap, api__usd_per_query=cheap.api.usd_per_query * factor,
        api__usd_per_mtok_input=cheap.api.usd_per_mtok_input * factor,
        api__usd_per_mtok_output=cheap.api.usd_per_mtok_output * factor)
    low = breakeven.plan(cheap, catalog)
    high = breakeven.plan(dear, catalog)
    assert high.monthly_savings_usd >= low.monthly_savings_usd - 1e-6 * abs(
        low.monthly_savings_usd)
    if low.breakeven_queries_per_month is not None:
        assert high.breakeven_queries_per_month is not None
        assert high.breakeven_queries_per_month <= low.breakeven_queries_per_month * (1 + 1e-9)


@hypothesis_settings
@given(values=workloads, extra=st.integers(1, 10))
def test_more_replicas_never_lower_the_self_host_cost(catalog, base, values, extra):
    fewer = inputs_with(base, **{**values, "selfhost__serving": "gpu"})
    more = inputs_with(fewer, selfhost__spare_replicas=fewer.selfhost.spare_replicas + extra)
    a = breakeven.plan(fewer, catalog)
    b = breakeven.plan(more, catalog)
    assert b.replicas == a.replicas + extra
    assert b.selfhost_monthly_usd >= a.selfhost_monthly_usd
    assert b.monthly_savings_usd <= a.monthly_savings_usd


@hypothesis_settings
@given(values=workloads, factor=st.floats(1.0, 100.0))
def test_more_volume_never_needs_fewer_replicas(catalog, base, values, factor):
    inputs = inputs_with(base, **{**values, "selfhost__serving": "gpu"})
    volume = inputs.queries_per_month
    assert breakeven.replicas_for(inputs, catalog, volume * factor) >= \
        breakeven.replicas_for(inputs, catalog, volume)


@hypothesis_settings
@given(values=workloads)
def test_cumulative_costs_start_at_the_investment_and_never_fall(catalog, base, values):
    result = breakeven.plan(inputs_with(base, **values), catalog)
    assert result.cumulative_selfhost_usd[0] == pytest.approx(result.investment_usd)
    for series in (result.cumulative_api_usd, result.cumulative_selfhost_usd):
        assert all(b >= a for a, b in itertools.pairwise(series))
    if result.payback_months is not None and result.monthly_savings_usd > 0:
        assert result.payback_months == pytest.approx(
            result.investment_usd / result.monthly_savings_usd, rel=1e-6)


constraint_flags = st.fixed_dictionaries({
    "constraints__no_capable_api": st.booleans(),
    "constraints__data_on_premises": st.booleans(),
    "constraints__latency_target": st.booleans(),
    "constraints__latency_target_ms": st.sampled_from([100.0, 300.0, 3000.0]),
    "human__enabled": st.booleans(),
    "human__hours_per_task": st.floats(0.001, 1.0),
})


def hard_allowed_costs(result, inputs, catalog) -> dict[str, float]:
    """The options the hard constraints allow, priced from the planner's own figures, worked
    out here from the constraints themselves rather than read from the decision."""
    latency = {row["option_id"]: row
               for row in catalog.table("latency_comparison").iter_rows(named=True)}
    constraints = inputs.constraints
    fine_tuned = "self_host" if inputs.selfhost.serving == "gpu" else "hosted_ft"
    costs = {"api": result.api_monthly_usd, fine_tuned: result.selfhost_all_in_monthly_usd}
    if inputs.human.enabled:
        costs["keep_human"] = result.human_monthly_usd
    out = set()
    if constraints.no_capable_api:
        out |= {"api"}
    if constraints.data_on_premises:
        out |= {"api", "hosted_ft"}
    target = constraints.latency_target_ms
    if constraints.latency_target and latency["gpt_4o_mini"]["latency_ms_low"] > target \
            and latency["self_hosted_7b"]["latency_ms_high"] <= target:
        out |= {"api", "hosted_ft", "keep_human"}
    return {option: cost for option, cost in costs.items() if option not in out}


@hypothesis_settings
@given(values=workloads, flags=constraint_flags)
def test_the_recommendation_is_never_dearer_than_the_cheapest_allowed_option(
        catalog, base, values, flags):
    inputs = inputs_with(base, **values, **flags)
    result = breakeven.plan(inputs, catalog)
    decision = result.decision
    allowed = hard_allowed_costs(result, inputs, catalog)
    if allowed:
        assert decision.monthly_usd <= min(allowed.values()) * (1 + 1e-12)
    chosen = next(o for o in result.options if o.option_id == decision.option_id)
    assert chosen.allowed and chosen.monthly_usd == decision.monthly_usd
    assert all(decision.monthly_usd <= o.monthly_usd for o in result.options if o.allowed)
    if decision.runner_up_id is not None:
        assert decision.runner_up_id != decision.option_id
        assert decision.runner_up_monthly_usd >= decision.monthly_usd
    # The id is data the sentence does not have to carry.
    assert result.recommendation_id.startswith(decision.option_id)


@hypothesis_settings
@given(values=workloads, soft=st.fixed_dictionaries({
    "constraints__no_ml_capacity": st.booleans(),
    "constraints__vendor_portability": st.booleans()}))
def test_soft_constraints_never_leave_no_option(catalog, base, values, soft):
    result = breakeven.plan(inputs_with(base, **values, **soft), catalog)
    assert any(option.allowed for option in result.options)
    if not any(soft.values()):
        assert all(option.allowed for option in result.options)
