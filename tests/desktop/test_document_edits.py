"""An edit validates only the sections it touches, with the same outcome as validating all.

``with_values`` hands the untouched sections over as the models they are; whatever the
edit, the result (or the refusal and where it points) must be what dumping, editing and
validating the whole scenario gives, and the scenario it started from must not change.
"""

from __future__ import annotations

import copy

import pytest
from econplan.core.scenario import Scenario
from econplan.desktop.document import _set_path, with_values
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pydantic import ValidationError

PATHS = ["training.params", "training.tokens", "training.mfu.low", "training.mfu.high",
         "dataset.corpus.web", "playbook.horizon_quarters", "routing.year",
         "breakeven.queries_per_month", "name", "planners", "routing.headcount.0.headcount",
         "routing.quality_bar.simple", "routing.custom_tasks", "routing.categories.1.enabled",
         "playbook.phases.0.cost_usd.low", "uncertainty"]
VALUES = st.one_of(st.floats(min_value=-1e3, max_value=1e13, allow_nan=False),
                   st.integers(min_value=-5, max_value=3000), st.just(["training"]),
                   st.just([]), st.text(max_size=5))


def validated_whole(scenario: Scenario, values: dict) -> Scenario:
    payload = scenario.model_dump(mode="python")
    for path, value in values.items():
        _set_path(payload, path, copy.deepcopy(value))
    return Scenario.model_validate(payload)


def outcome(make):
    try:
        return make()
    except ValidationError as exc:
        return [error["loc"] for error in exc.errors()]


@settings(max_examples=150, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.dictionaries(st.sampled_from(PATHS), VALUES, min_size=1, max_size=3))
def test_an_edit_ends_as_a_whole_validation_would(scenario, values):
    before = scenario.model_dump(mode="python")
    assert outcome(lambda: with_values(scenario, values)) == outcome(
        lambda: validated_whole(scenario, values))
    assert scenario.model_dump(mode="python") == before  # the undo step's scenario


def test_untouched_sections_are_the_same_objects(scenario):
    edited = with_values(scenario, {"training.params": scenario.training.params * 2})
    assert edited.training is not scenario.training
    assert edited.training.params == scenario.training.params * 2
    for name in ("dataset", "playbook", "routing", "breakeven", "uncertainty"):
        assert getattr(edited, name) is getattr(scenario, name)


def test_untouched_fields_of_an_edited_section_are_the_same_objects(scenario):
    routing = scenario.routing
    edited = with_values(scenario, {"routing.year": 2030 if routing.year != 2030 else 2024,
                                    "routing.headcount.0.headcount": 9})
    assert edited.routing.headcount[0].headcount == 9
    for name in ("categories", "quality_bar", "custom_roles", "custom_tasks"):
        assert getattr(edited.routing, name) == getattr(routing, name)
    assert edited.routing.quality_bar is routing.quality_bar
    assert all(a is b for a, b in zip(edited.routing.categories, routing.categories,
                                      strict=True))


@pytest.fixture
def scenario(catalog) -> Scenario:
    from econplan.core.defaults import default_scenario

    return default_scenario(catalog)
