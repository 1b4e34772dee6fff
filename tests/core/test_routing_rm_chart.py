"""The RM chart's tasks: every one up to 14, else the published ones and yours with the
highest RM (hundreds of names on one axis were an unreadable black block)."""

import pytest
from econplan.core import routing
from econplan.core.defaults import default_scenario
from econplan.core.routing_presenter import (
    RM_CHART_TASKS,
    RM_CHART_TITLE,
    rm_chart_tasks,
    rm_chart_title,
)

from tests.core.test_routing_chart_bars import report_caption


def with_tasks(scenario, count: int):
    payload = scenario.model_dump(mode="python")
    payload["routing"]["custom_tasks"] = [
        {"name": f"Task {i}", "role": "", "calls_per_worker_per_day": 5.0,
         "input_tokens": 400.0, "output_tokens": 150.0, "complexity": "medium",
         "narrow": False, "reasoning_gain_pct": float(i % 12),
         "reasoning_cost_multiple": 1.0 + i % 7}
        for i in range(count)]
    return type(scenario).model_validate(payload)


@pytest.fixture(scope="module")
def many(catalog):
    return with_tasks(default_scenario(catalog), 500)


def test_up_to_14_tasks_every_one_is_drawn(catalog):
    tasks = routing.plan(with_tasks(default_scenario(catalog), 3).routing, catalog).reasoning
    assert len(tasks) <= RM_CHART_TASKS
    assert rm_chart_tasks(tasks) == tasks
    assert rm_chart_title(tasks) == RM_CHART_TITLE


def test_past_14_the_published_tasks_and_yours_with_the_highest_rm(catalog, many):
    tasks = routing.plan(many.routing, catalog).reasoning
    assert len(tasks) > RM_CHART_TASKS
    shown = rm_chart_tasks(tasks)
    assert len(shown) == RM_CHART_TASKS
    published = [t for t in tasks if t.origin != "yours"]
    assert published and all(t in shown for t in published)
    yours_shown = [t for t in shown if t.origin == "yours"]
    left_out = [t for t in tasks if t.origin == "yours" and t not in shown]
    assert min(t.rm for t in yours_shown) >= max(t.rm for t in left_out)
    assert shown == [t for t in tasks if t in shown]  # in the order the result lists them
    assert rm_chart_title(tasks) == f"RM: {RM_CHART_TASKS} of {len(tasks)} tasks"


def test_the_reports_caption_says_which_tasks_are_drawn(catalog, many):
    def caption(scenario) -> str:
        return report_caption(catalog, scenario, "routing_reasoning_multiplier")

    assert "are drawn" not in caption(default_scenario(catalog))
    assert "14 are drawn: the published ones, then yours with the highest RM" in caption(many)
