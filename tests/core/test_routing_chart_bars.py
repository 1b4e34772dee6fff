"""The role chart's bars: every role up to the seed's 14, else the largest 12 and the rest."""

import pytest
from econplan.core import routing
from econplan.core.defaults import default_scenario
from econplan.core.report import ReportOptions, build_report
from econplan.core.routing_presenter import (
    ROLE_CHART_LARGEST,
    ROLE_CHART_TITLE,
    role_chart_bars,
    role_chart_title,
)


def largest_portfolio(scenario, catalog):
    """The default scenario with 200 roles and 500 tasks of your own (the schema's most)."""
    payload = scenario.model_dump(mode="python")
    payload["routing"]["custom_roles"] = [{"name": f"Role {i}", "headcount": 5 + i % 50}
                                          for i in range(200)]
    payload["routing"]["custom_tasks"] = [
        {"name": f"Task {i}", "role": f"Role {i % 200}", "calls_per_worker_per_day": 5.0 + i % 40,
         "input_tokens": 400.0 + i, "output_tokens": 150.0 + i % 300,
         "complexity": ("simple", "medium", "hard", "frontier")[i % 4], "narrow": i % 5 == 0,
         "reasoning_gain_pct": 0.0, "reasoning_cost_multiple": 1.0}
        for i in range(500)]
    return type(scenario).model_validate(payload)


@pytest.fixture(scope="module")
def default_result(catalog):
    return routing.plan(default_scenario(catalog).routing, catalog)


@pytest.fixture(scope="module")
def largest(catalog):
    return largest_portfolio(default_scenario(catalog), catalog)


@pytest.fixture(scope="module")
def largest_result(catalog, largest):
    return routing.plan(largest.routing, catalog)


def test_the_seeds_14_roles_are_drawn_one_bar_each_as_listed(default_result):
    roles = default_result.roles
    assert len(roles) == 14
    bars = role_chart_bars(roles)
    assert [(b.label, b.optimal_daily_usd, b.all_large_daily_usd, b.overspend_multiple,
             b.roles) for b in bars] == \
        [(r.label, r.optimal_daily_usd, r.all_large_daily_usd, r.overspend_multiple, 1)
         for r in roles]
    assert role_chart_title(roles) == ROLE_CHART_TITLE


def test_past_14_roles_the_largest_12_are_drawn_and_the_rest_summed(largest_result):
    roles = largest_result.roles
    assert len(roles) == 214
    bars = role_chart_bars(roles)
    assert len(bars) == ROLE_CHART_LARGEST + 1
    drawn, other = bars[:-1], bars[-1]
    # The roles that cost most on all-large, in the order the result lists them.
    largest = sorted(roles, key=lambda r: -r.all_large_daily_usd)[:ROLE_CHART_LARGEST]
    assert {b.label for b in drawn} == {r.label for r in largest}
    listed = [r.label for r in roles]
    assert [b.label for b in drawn] == sorted((b.label for b in drawn), key=listed.index)
    assert min(b.all_large_daily_usd for b in drawn) >= max(
        r.all_large_daily_usd for r in roles if r.label not in {b.label for b in drawn})
    # The other bar sums the rest: the chart's total is the result's total.
    assert other.label == "Other 202 roles" and other.roles == 202
    assert sum(b.optimal_daily_usd for b in bars) == pytest.approx(
        largest_result.optimal_daily_usd, rel=1e-12)
    assert sum(b.all_large_daily_usd for b in bars) == pytest.approx(
        largest_result.all_large_daily_usd, rel=1e-12)
    assert other.overspend_multiple == pytest.approx(
        other.all_large_daily_usd / other.optimal_daily_usd)
    assert role_chart_title(roles) == "Top 12 of 214 roles"


def report_caption(catalog, scenario, chart_id: str) -> str:
    """The PDF caption of one of the routing section's charts."""
    report = build_report(scenario, catalog, ReportOptions(planners=["routing"]))
    section = next(s for s in report.sections if s.planner_id == "routing")
    return next(b.caption for b in section.blocks if getattr(b, "chart_id", None) == chart_id)


def test_the_reports_caption_says_when_roles_are_grouped(catalog, largest):
    def caption(scenario) -> str:
        return report_caption(catalog, scenario, "routing_role_cost")

    assert "summed" not in caption(default_scenario(catalog))
    assert "Of the 214 roles, the 12 with the largest all-large cost are drawn; the other " \
           "202 are summed in one bar" in caption(largest)
