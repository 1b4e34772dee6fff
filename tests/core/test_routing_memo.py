"""The planner works each route out once per plan: it must pick what the rule picks.

``plan`` remembers the route of each (complexity, narrow, year) and the price of each
(category, year) for the whole call. These properties compare every task's routed
category and $/call, in the plan year and in each projection year, with the rule
written out here from scratch over random category prices, qualities and bars.
"""

import pytest
from econplan.core import routing
from econplan.core.defaults import default_scenario
from econplan.core.routing_inputs import COMPLEXITIES, RoutingInputs
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from tests.core.test_routing_properties import tasks

hypothesis_settings = settings(max_examples=60, deadline=None,
                               suppress_health_check=[HealthCheck.function_scoped_fixture])

# Few distinct values, so that ties (same price, same quality) come up often.
prices = st.sampled_from([0.01, 0.04, 0.5, 0.5, 3.0, 15.0, 60.0]) | st.floats(1e-4, 10_000)
qualities = st.none() | st.sampled_from([0.5, 0.8, 0.85, 0.9, 0.95]) | st.floats(0.01, 1)
bars = st.fixed_dictionaries({c: st.floats(0.5, 0.96) for c in COMPLEXITIES})


@pytest.fixture(scope="module")
def base(catalog) -> RoutingInputs:
    return default_scenario(catalog).routing


def reference_route(inputs: RoutingInputs, catalog, complexity: str, narrow: bool,
                    year: int):
    """The routing rule, step by step and with nothing remembered."""
    bar = getattr(inputs.quality_bar, complexity)
    best = None
    for choice in inputs.categories:
        if not choice.enabled:
            continue
        if choice.quality is None and not narrow:
            continue
        if choice.quality is not None and choice.quality < bar:
            continue
        price = choice.usd_per_mtok * routing.price_index(catalog, choice.category_id, year)
        if best is None or price < best[1]:  # the first of equally cheap ones
            best = (choice, price)
    if best is not None:
        return best[0]
    fallback = None
    for choice in inputs.categories:
        if not choice.enabled:
            continue
        price = choice.usd_per_mtok * routing.price_index(catalog, choice.category_id, year)
        rank = (choice.quality or 0.0, -price)
        if fallback is None or rank > fallback[1]:
            fallback = (choice, rank)
    return fallback[0]


@hypothesis_settings
@given(data=st.data(), custom=tasks, bar=bars, year=st.integers(2024, 2030))
def test_every_task_goes_where_the_rule_sends_it_in_every_year(catalog, base, data, custom,
                                                               bar, year):
    categories = []
    for choice in base.categories:
        categories.append({"category_id": choice.category_id,
                           "enabled": data.draw(st.booleans(), label="enabled"),
                           "usd_per_mtok": data.draw(prices, label="price"),
                           "quality": data.draw(qualities, label="quality")})
    if not any(c["enabled"] for c in categories):
        categories[0]["enabled"] = True
    inputs = RoutingInputs.model_validate({**base.model_dump(), "categories": categories,
                                           "custom_tasks": custom, "quality_bar": bar,
                                           "year": year})
    result = routing.plan(inputs, catalog)
    for task in result.tasks:
        expected = reference_route(inputs, catalog, task.complexity, task.narrow, year)
        assert task.routed_category_id == expected.category_id, task.name
        # The same category the public one-call rule picks, too.
        assert routing.route(inputs, catalog, task.complexity, task.narrow,
                             year)[0] is expected
        assert task.routed_usd_per_call == \
            task.tokens * routing.category_price(catalog, expected, year) / 1e6
        for projected in routing.YEARS:
            choice = reference_route(inputs, catalog, task.complexity, task.narrow, projected)
            assert task.projection_routed[projected] == \
                task.tokens * routing.category_price(catalog, choice, projected) / 1e6
