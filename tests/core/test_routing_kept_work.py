"""Plans keep what a later plan can reuse: a tick that moves the year or a head-count finds
most task, role and RM figures from an earlier plan, and a plan of a year and head-counts
shown before is handed back whole. Whatever was kept, a plan must equal the plan made
from nothing, figure for figure.
"""

import copy

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


# -- plans kept whole: a sequence of edits, each plan against one made from nothing -------

# A few values per input, so that a sequence goes back to plans it made before.
one_edit = st.one_of(
    st.tuples(st.just("year"), st.integers(2024, 2030)),
    st.tuples(st.just("workdays_per_year"), st.sampled_from([220.0, 250.0])),
    st.tuples(st.just("headcount"), st.integers(0, 13), st.sampled_from([0, 3, 40])),
    st.tuples(st.just("custom_roles"), st.integers(0, 1), st.sampled_from([0, 2, 9])),
    st.tuples(st.just("calls"), st.integers(0, 3), st.sampled_from([0.0, 4.0, 250.0])),
    st.tuples(st.just("role"), st.integers(0, 3),
              st.sampled_from(["Claims", "claims ", "Finance (Analyst)", "Nobody", ""])),
    st.tuples(st.just("enabled"), st.sampled_from(["open_source", "commercial_small"]),
              st.booleans()),
    st.tuples(st.just("large_price"), st.sampled_from([15.0, 0.01])),
)


@pytest.fixture(scope="module")
def portfolio(catalog) -> dict:
    payload = default_scenario(catalog).routing.model_dump()
    payload["custom_roles"] = [{"name": "Claims", "headcount": 3},
                               {"name": "Intake", "headcount": 1}]
    payload["custom_tasks"] = [
        {"name": f"Task {i}", "role": role, "calls_per_worker_per_day": 10.0 + i,
         "input_tokens": 400.0 * (i + 1), "output_tokens": 150.0, "complexity": complexity,
         "narrow": i % 2 == 0, "reasoning_gain_pct": 3.0 * i,
         "reasoning_cost_multiple": 1.5 + i}
        for i, (role, complexity) in enumerate(
            [("Claims", "simple"), ("Finance (Analyst)", "medium"), ("", "hard"),
             ("Nobody", "frontier")])]
    return payload


def apply(payload: dict, edit: tuple) -> dict:
    payload = copy.deepcopy(payload)
    kind, *values = edit
    if kind in ("year", "workdays_per_year"):
        payload[kind] = values[0]
    elif kind == "headcount":
        payload["headcount"][values[0]]["headcount"] = values[1]
    elif kind == "custom_roles":
        payload["custom_roles"][values[0]]["headcount"] = values[1]
    elif kind == "calls":
        payload["custom_tasks"][values[0]]["calls_per_worker_per_day"] = values[1]
    elif kind == "role":
        payload["custom_tasks"][values[0]]["role"] = values[1]
    elif kind == "enabled":
        for category in payload["categories"]:
            if category["category_id"] == values[0]:
                category["enabled"] = values[1]
    else:
        for category in payload["categories"]:
            if category["category_id"] == "commercial_large":
                category["usd_per_mtok"] = values[0]
    return payload


@settings(max_examples=80, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(edits=st.lists(one_edit, min_size=1, max_size=25))
def test_each_plan_of_a_sequence_of_edits_is_the_plan_made_from_nothing(catalog, portfolio,
                                                                       edits):
    payload = portfolio
    steps = []
    for edit in edits:
        payload = apply(payload, edit)
        steps.append(RoutingInputs.model_validate(payload))
    routing.forget_kept_work()
    kept = [routing.plan(inputs, catalog).model_dump_json() for inputs in steps]
    for inputs, dumped in zip(steps, kept, strict=True):
        # Exactly: the JSON text of every figure, warning and note, in order.
        assert dumped == fresh_plan(inputs, catalog).model_dump_json()


def test_a_state_shown_before_is_handed_back_as_it_was(catalog, portfolio):
    routing.forget_kept_work()
    payload = portfolio
    first = routing.plan(RoutingInputs.model_validate(payload), catalog)
    for edit in [("year", 2027), ("headcount", 0, 40), ("headcount", 0, 3), ("year", 2025)]:
        payload = apply(payload, edit)
        routing.plan(RoutingInputs.model_validate(payload), catalog)
    # Back to the first year and head-count, in inputs validated afresh.
    payload = apply(apply(payload, ("headcount", 0, portfolio["headcount"][0]["headcount"])),
                    ("year", portfolio["year"]))
    assert routing.plan(RoutingInputs.model_validate(payload), catalog) is first


def test_a_head_count_edit_keeps_the_years_tasks(catalog, portfolio, monkeypatch):
    # No task names the first seed role: its head-count changes no task's workers, so the
    # year's tasks are not asked for again, even for a head-count not seen before.
    routing.forget_kept_work()
    before = routing.plan(RoutingInputs.model_validate(portfolio), catalog)
    asked = []
    monkeypatch.setattr(routing._Routes, "task_cost",
                        lambda *args: asked.append(args) or pytest.fail("a task again"))
    after = routing.plan(RoutingInputs.model_validate(
        apply(portfolio, ("headcount", 0, 777))), catalog)
    assert asked == []
    assert after.roles[0].headcount == 777
    assert after.tasks == before.tasks


def test_the_kept_plans_are_bounded(catalog, portfolio):
    routing.forget_kept_work()
    for count in range(routing.STATES_KEPT + 5):
        for year in (2024, 2030):  # a task names Claims: each count is a new task part too
            routing.plan(RoutingInputs.model_validate(
                apply(apply(portfolio, ("custom_roles", 0, count)), ("year", year))), catalog)
    [layout] = routing._kept_layouts.values()
    for year in (2024, 2030):
        assert len(layout._plans[year]) == routing.STATES_KEPT
        assert len(layout._task_parts[year]) == routing.TASK_PARTS_KEPT
    for price in (1.0, 2.0, 3.0, 4.0, 5.0, 6.0):  # six more layouts
        routing.plan(RoutingInputs.model_validate(apply(portfolio, ("large_price", price))),
                     catalog)
    assert len(routing._kept_layouts) == routing.LAYOUTS_KEPT
    assert layout not in routing._kept_layouts.values()  # the least recent went first


def test_the_shared_role_rows_cannot_be_changed(catalog):
    # Every plan reads the same role table: a plan that wrote into it would change the
    # plans kept and the ones to come.
    roles = routing._seed_roles(catalog)
    with pytest.raises(TypeError):
        roles["someone"] = {}  # type: ignore[index]
    assert routing._seed_roles(catalog) is roles
