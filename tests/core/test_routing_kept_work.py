"""Plans keep what a later plan can reuse: a tick that moves the year or a head-count finds
most task, role and RM figures from an earlier plan. Whatever was kept, a plan must equal
the plan made from nothing, figure for figure.
"""

import pytest
from econplan.core import routing
from econplan.core.defaults import default_scenario
from econplan.core.routing_inputs import COMPLEXITIES, RoutingInputs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.core.test_routing_properties import bars, tasks

hypothesis_settings = settings(max_examples=60, deadline=None,
                               suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def base(catalog) -> RoutingInputs:
    payload = default_scenario(catalog).routing.model_dump()
    payload["custom_roles"] = [{"name": "Claims", "headcount": 3}]
    return RoutingInputs.model_validate(payload)


def fresh_plan(inputs: RoutingInputs, catalog) -> routing.RoutingResult:
    routing.forget_kept_work()
    return routing.plan(inputs, catalog)


edits = st.fixed_dictionaries({
    "year": st.integers(2024, 2030),
    "workdays_per_year": st.sampled_from([220.0, 250.0]),
    "headcount": st.lists(st.integers(0, 50), min_size=14, max_size=14),
    "claims": st.integers(0, 9),
    "custom_tasks": tasks.map(lambda ts: [{**t, "role": r} for t, r in
                                          zip(ts, ["Claims", "", "Finance (Analyst)",
                                                   "Nobody", "claims "], strict=False)]),
    "quality_bar": bars | st.none(),
    "large_price": st.sampled_from([15.0, 0.01]) | st.none(),
})


def edited(base: RoutingInputs, edit: dict) -> RoutingInputs:
    payload = base.model_dump()
    payload["year"] = edit["year"]
    payload["workdays_per_year"] = edit["workdays_per_year"]
    for row, count in zip(payload["headcount"], edit["headcount"], strict=True):
        row["headcount"] = count
    payload["custom_roles"][0]["headcount"] = edit["claims"]
    payload["custom_tasks"] = edit["custom_tasks"]
    if edit["quality_bar"] is not None:
        payload["quality_bar"] = edit["quality_bar"]
    if edit["large_price"] is not None:
        for category in payload["categories"]:
            if category["category_id"] == "commercial_large":
                category["usd_per_mtok"] = edit["large_price"]
    return RoutingInputs.model_validate(payload)


@hypothesis_settings
@given(steps=st.lists(edits, min_size=1, max_size=5))
def test_a_plan_after_other_plans_equals_the_plan_made_from_nothing(catalog, base, steps):
    plans = [(edited(base, step), None) for step in steps]
    routing.forget_kept_work()
    plans = [(inputs, routing.plan(inputs, catalog)) for inputs, _ in plans]
    for inputs, kept in plans:
        assert kept.model_dump() == fresh_plan(inputs, catalog).model_dump()


def test_a_year_tick_reuses_the_figures_of_a_year_shown_before(catalog, base):
    routing.forget_kept_work()
    first = routing.plan(base.model_copy(update={"year": 2025}), catalog)
    routing.plan(base.model_copy(update={"year": 2027}), catalog)
    again = routing.plan(base.model_copy(update={"year": 2025}), catalog)
    assert all(a is b for a, b in zip(first.tasks, again.tasks, strict=True))
    assert all(a is b for a, b in zip(first.roles, again.roles, strict=True))
    assert all(a is b for a, b in zip(first.reasoning, again.reasoning, strict=True))


def test_a_head_count_edit_makes_again_only_the_role_it_changes(catalog, base):
    routing.forget_kept_work()
    before = routing.plan(base, catalog)
    payload = base.model_dump()
    payload["headcount"][0]["headcount"] += 7
    after = routing.plan(RoutingInputs.model_validate(payload), catalog)
    assert [a is b for a, b in zip(before.roles, after.roles, strict=True)] == \
        [False] + [True] * (len(before.roles) - 1)
    # No task names the first role, so none of them is worked out again.
    assert all(a is b for a, b in zip(before.tasks, after.tasks, strict=True))


def test_other_categories_or_bars_are_routed_again(catalog, base):
    routing.forget_kept_work()
    before = routing.plan(base, catalog)
    after = routing.plan(RoutingInputs.model_validate(
        {**base.model_dump(), "quality_bar": {c: 0.5 for c in COMPLEXITIES}}), catalog)
    assert not any(a is b for a, b in zip(before.tasks, after.tasks, strict=True))
