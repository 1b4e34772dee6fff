"""Rules of the routing planner that hold for every valid input."""

import pytest
from econplan.core import routing
from econplan.core.defaults import default_scenario
from econplan.core.routing_inputs import COMPLEXITIES, RoutingInputs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

hypothesis_settings = settings(max_examples=50, deadline=None,
                               suppress_health_check=[HealthCheck.function_scoped_fixture])

tasks = st.lists(st.fixed_dictionaries({
    "name": st.sampled_from(["A", "B", "C", "D"]),
    "role": st.just(""),
    "calls_per_worker_per_day": st.floats(0, 500),
    "input_tokens": st.floats(0, 50_000),
    "output_tokens": st.floats(0, 10_000),
    "complexity": st.sampled_from(COMPLEXITIES),
    "narrow": st.booleans(),
    "reasoning_gain_pct": st.floats(0, 100),
    "reasoning_cost_multiple": st.floats(0.5, 20),
}), max_size=5)
bars = st.fixed_dictionaries({c: st.floats(0.5, 0.96) for c in COMPLEXITIES})


@pytest.fixture(scope="module")
def base(catalog) -> RoutingInputs:
    return default_scenario(catalog).routing


def changed(inputs: RoutingInputs, **values) -> RoutingInputs:
    return RoutingInputs.model_validate({**inputs.model_dump(), **values})


@hypothesis_settings
@given(custom=tasks, bar=bars, year=st.integers(2024, 2030))
def test_routed_never_costs_more_than_all_large_when_large_qualifies(catalog, base, custom,
                                                                     bar, year):
    inputs = changed(base, custom_tasks=custom, quality_bar=bar, year=year)
    large_quality = next(c.quality for c in inputs.categories
                         if c.category_id == "commercial_large")
    for task in routing.plan(inputs, catalog).tasks:
        if getattr(inputs.quality_bar, task.complexity) <= large_quality:
            assert task.routed_usd_per_call <= task.all_large_usd_per_call * (1 + 1e-12)


@hypothesis_settings
@given(custom=tasks, bar=bars, raise_by=st.floats(0.0, 0.3))
def test_a_higher_quality_bar_never_lowers_the_routed_cost(catalog, base, custom, bar,
                                                          raise_by):
    low = routing.plan(changed(base, custom_tasks=custom, quality_bar=bar), catalog)
    higher = {c: min(v + raise_by, 0.96) for c, v in bar.items()}
    high = routing.plan(changed(base, custom_tasks=custom, quality_bar=higher), catalog)
    for a, b in zip(low.tasks, high.tasks, strict=True):
        assert b.routed_usd_per_call >= a.routed_usd_per_call * (1 - 1e-12)


@hypothesis_settings
@given(counts=st.lists(st.integers(0, 10_000), min_size=14, max_size=14))
def test_role_costs_scale_with_head_count(catalog, base, counts):
    headcount = [{"role_id": h.role_id, "headcount": n}
                 for h, n in zip(base.headcount, counts, strict=True)]
    result = routing.plan(changed(base, headcount=headcount), catalog)
    seed = catalog.table("role_overspend")
    expected = sum(n * v for n, v in zip(counts, seed["optimal_usd_per_day"], strict=True))
    assert result.optimal_daily_usd == pytest.approx(expected)
    assert result.all_large_daily_usd >= result.optimal_daily_usd
