"""The role chart past the seed's 14 roles: the largest 12 and one bar for the rest."""

import pytest
from econplan.core import routing
from econplan.core.defaults import default_scenario
from econplan.desktop.routing_charts import RoleOverspendChart

from tests.core.test_routing_chart_bars import largest_portfolio


@pytest.fixture(scope="module")
def results(catalog):
    scenario = default_scenario(catalog)
    return (routing.plan(scenario.routing, catalog),
            routing.plan(largest_portfolio(scenario, catalog).routing, catalog))


def drawn(chart: RoleOverspendChart) -> tuple[list[str], list[float], list[float], list[str]]:
    """Top to bottom: labels, all-large and routed widths, visible multiple labels."""
    ticks = chart.getPlotItem().getAxis("left")._tickLevels[0]
    labels = [text for _, text in sorted(ticks, key=lambda t: -t[0])]
    large = list(chart.large_bars.opts["width"])[::-1]
    optimal = list(chart.optimal_bars.opts["width"])[::-1]
    multiples = chart.multiples.texts()[::-1]
    return labels, large, optimal, multiples


def test_the_default_draws_every_role_as_before(qtbot, results):
    default, _ = results
    chart = RoleOverspendChart()
    qtbot.addWidget(chart)
    chart.update_result(default)
    labels, large, optimal, multiples = drawn(chart)
    assert labels == [r.label for r in default.roles]
    assert large == [r.all_large_daily_usd for r in default.roles]
    assert optimal == [r.optimal_daily_usd for r in default.roles]
    assert multiples == [f"{r.overspend_multiple:.1f}×" for r in default.roles]
    assert chart.chart_title == "Cost per day by role"


def test_214_roles_draw_13_bars_that_sum_to_the_total_and_the_title_says_so(qtbot, results):
    default, largest = results
    chart = RoleOverspendChart()
    qtbot.addWidget(chart)
    chart.resize(470, 420)
    chart.update_result(largest)
    labels, large, optimal, multiples = drawn(chart)
    assert len(labels) == len(large) == len(multiples) == 13
    assert labels[-1] == "Other 202 roles"
    assert sum(large) == pytest.approx(largest.all_large_daily_usd, rel=1e-12)
    assert sum(optimal) == pytest.approx(largest.optimal_daily_usd, rel=1e-12)
    assert multiples[-1] == f"{large[-1] / optimal[-1]:.1f}×"
    assert chart.chart_title == "Top 12 of 214 roles"
    assert "Top 12 of 214 roles" in chart.getPlotItem().titleLabel.text
    # Back to the seed's roles: the chart is the default one again.
    chart.update_result(default)
    assert drawn(chart)[0] == [r.label for r in default.roles]
    assert len(drawn(chart)[3]) == 14
    assert chart.chart_title == "Cost per day by role"


def test_the_rm_chart_names_at_most_14_tasks_of_500(qtbot, catalog):
    from econplan.core.routing_presenter import RM_CHART_TASKS, RM_CHART_TITLE
    from econplan.desktop.routing_charts import ReasoningMultiplierChart

    from tests.core.test_routing_rm_chart import with_tasks

    chart = ReasoningMultiplierChart()
    qtbot.addWidget(chart)
    chart.update_result(routing.plan(default_scenario(catalog).routing, catalog))
    assert chart.chart_title == RM_CHART_TITLE
    chart.update_result(routing.plan(with_tasks(default_scenario(catalog), 500).routing,
                                     catalog))
    assert len(chart._labels) == RM_CHART_TASKS
    assert len(chart.bars.data) == RM_CHART_TASKS
    assert chart.chart_title.startswith(f"RM: {RM_CHART_TASKS} of ")


def test_the_role_axis_holds_still_when_an_edit_changes_which_roles_are_drawn(qtbot, catalog,
                                                                               results):
    """Room for every role's name: a head-count that moves a role in or out of the largest
    12 changes the names on the axis, not the plot's place (no layout, no whole repaint)."""
    _, largest = results
    widest = max((r for r in largest.roles if r.origin == "seed"), key=lambda r: len(r.label))
    scenario = largest_portfolio(default_scenario(catalog), catalog)

    def with_headcount(count: int) -> routing.RoutingResult:
        payload = scenario.routing.model_dump()
        for row in payload["headcount"]:
            if row["role_id"] == widest.role_id:
                row["headcount"] = count
        return routing.plan(type(scenario.routing).model_validate(payload), catalog)

    chart = RoleOverspendChart()
    qtbot.addWidget(chart)
    chart.resize(470, 420)
    chart.update_result(with_headcount(10_000))  # the largest of all
    axis = chart.getPlotItem().getAxis("left")
    width = axis.maximumWidth()  # what the chart asks for (laid out later)
    assert widest.label in drawn(chart)[0]
    chart.update_result(with_headcount(0))  # out of the largest 12
    assert widest.label not in drawn(chart)[0]
    assert axis.maximumWidth() == width
