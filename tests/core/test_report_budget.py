"""The budget to approve and the inputs that move it: read from the plan, counted once."""

from __future__ import annotations

import pytest
from econplan.core.budget_drivers import budget_drivers
from econplan.core.plan import compute_plan
from econplan.core.report import ReportOptions, build_report
from econplan.core.report_budget import build_budget

EVERY_PLANNER = ["training", "dataset", "playbook", "routing", "breakeven"]


@pytest.fixture(scope="module")
def finance(catalog, presets):
    scenario = presets["playbook_finance"]
    return scenario, compute_plan(scenario, catalog)


def test_budget_lines_are_the_plans_figures(finance):
    scenario, plan = finance
    budget = build_budget(scenario, plan, EVERY_PLANNER)
    lines = {line.planner_id: line for line in budget.lines}
    assert lines["training"].one_off == plan.training.one_off_usd
    assert lines["playbook"].one_off == plan.playbook.first_version_cost_usd
    per_quarter = plan.playbook.ongoing_usd_per_quarter.base
    assert lines["playbook"].recurring_per_year.base == per_quarter * 4
    assert lines["routing"].recurring_per_year.base == plan.routing.optimal_annual_usd
    # Pre-training data curation is the training plan's line: counted once, there.
    assert lines["dataset"].one_off.base == 0 and "Training budget" in lines["dataset"].note
    assert budget.quarter_totals[: len(plan.playbook.quarters)] == pytest.approx(
        [sum(line.quarters[q] for line in budget.lines)
         for q in range(len(plan.playbook.quarters))])
    assert sum(budget.quarter_totals) == pytest.approx(budget.horizon_total)


def test_a_linked_fine_tuning_cost_is_counted_once(catalog, presets):
    scenario = presets["breakeven_task_api_digital_fte"]
    plan = compute_plan(scenario, catalog)
    alone = build_budget(scenario, plan, ["breakeven"])
    both = build_budget(scenario, plan, ["training", "breakeven"])
    # The example self-hosts with its fine-tuning cost linked to the training plan.
    assert plan.breakeven.decision.option_id == "self_host"
    assert scenario.breakeven.one_off.finetune_source == "training_plan"
    finetune = sum(line.usd for line in plan.breakeven.one_off_lines if line.line_id == "finetune")
    assert finetune == pytest.approx(plan.training.one_off_usd.base)
    assert alone.one_off.base == pytest.approx(plan.breakeven.investment_usd)
    assert both.lines[1].one_off.base == pytest.approx(alone.lines[0].one_off.base - finetune)
    assert "Training budget" in both.lines[1].note


def test_drivers_are_the_largest_swings_and_each_end_is_real(catalog, finance):
    scenario, plan = finance
    drivers = budget_drivers(scenario, plan, catalog, EVERY_PLANNER, count=10)
    swings = [d.swing for d in drivers]
    assert swings == sorted(swings, reverse=True) and swings[0] > 0
    refresh = next(d for d in drivers if d.path == "playbook.ongoing_usd_per_quarter")
    assert refresh.label == "Refresh per quarter"
    low, high = scenario.playbook.ongoing_usd_per_quarter.low, \
        scenario.playbook.ongoing_usd_per_quarter.high
    assert (refresh.low_input, refresh.high_input) == (low, high)
    assert refresh.budget_at_high > refresh.budget_at_low


def test_bands_are_drawn_when_asked(catalog, finance):
    scenario, plan = finance
    report = build_report(scenario, catalog, ReportOptions(planners=["playbook"], draws=1_000,
                                                           seed=0), plan=plan)
    assert report.bands is not None and report.bands.draws == 1_000
    assert set(report.bands.totals) == {"one_off", "recurring_per_year", "horizon_total"}
    assert report.planners == ["playbook"] and report.drivers


def test_unknown_or_no_planner_is_refused(catalog, finance):
    scenario, plan = finance
    with pytest.raises(ValueError, match="unknown planner"):
        build_report(scenario, catalog, ReportOptions(planners=["nope"]), plan=plan)
    with pytest.raises(ValueError, match="at least one"):
        build_report(scenario, catalog, ReportOptions(planners=[]), plan=plan)


def test_sweeping_every_input_at_once_equals_replanning_each_end(catalog, presets):
    """The vectorised sweep gives what re-planning each end gives, in every example."""
    from econplan.core.budget_drivers import _candidates, _swept_at_once, _swept_one_by_one

    compared = 0
    for name, scenario in presets.items():
        plan = compute_plan(scenario, catalog)
        for included in (list(scenario.planners), EVERY_PLANNER):
            candidates = _candidates(scenario, included)
            at_once = _swept_at_once(scenario, plan, catalog, included, candidates)
            if at_once is None:
                continue
            compared += 1
            one_by_one = _swept_one_by_one(scenario, plan, catalog, included, candidates)
            assert [d.path for d in at_once] == [d.path for d in one_by_one], name
            for fast, slow in zip(at_once, one_by_one, strict=True):
                assert fast.budget_at_low == pytest.approx(slow.budget_at_low, rel=1e-9)
                assert fast.budget_at_high == pytest.approx(slow.budget_at_high, rel=1e-9)
    assert compared > 30
