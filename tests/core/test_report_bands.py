"""P10–P90 of the budget to approve: each draw's planners added up, shared money once."""

from __future__ import annotations

import json

import numpy as np
import pytest
from econplan.core.monte_carlo import Draws, evaluate, midpoints
from econplan.core.plan import compute_plan
from econplan.core.report import ReportOptions, build_report
from econplan.core.report_bands import budget_bands, budget_totals
from econplan.core.report_budget import build_budget

EVERY_PLANNER = ["training", "dataset", "playbook", "routing", "breakeven"]
KEYS = ("one_off", "recurring_per_year", "horizon_total")


def _base(budget) -> dict[str, float]:
    return {"one_off": budget.one_off.base, "recurring_per_year": budget.recurring_per_year.base,
            "horizon_total": budget.horizon_total}


def test_at_the_midpoints_the_totals_are_the_budgets_base(catalog, presets):
    """The draws add the planners up exactly as the base case does, in every example, with
    its own planners and with all five (shared money counted once either way)."""
    for name, scenario in presets.items():
        plan = compute_plan(scenario, catalog)
        mids = midpoints(scenario, catalog)
        figures, _ = evaluate(scenario, catalog, mids.__getitem__)
        for included in (list(scenario.planners), EVERY_PLANNER):
            budget = build_budget(scenario, plan, included)
            totals = budget_totals(scenario, plan, budget, included, figures, mids.__getitem__)
            for key, base in _base(budget).items():
                assert totals[key][0] == pytest.approx(base, rel=1e-9, abs=1e-6), (name, key)


def test_bands_are_ordered_and_inside_the_all_at_one_end_range(catalog, presets):
    for name, scenario in presets.items():
        report = build_report(scenario, catalog, ReportOptions(planners=EVERY_PLANNER,
                                                               draws=2_000, seed=1))
        assert report.bands is not None, name
        budget = report.budget
        for key in KEYS:
            p10, p50, p90 = report.bands.totals[key]
            assert p10 <= p50 <= p90, (name, key)
        for key, estimate in (("one_off", budget.one_off),
                              ("recurring_per_year", budget.recurring_per_year)):
            p10, _, p90 = report.bands.totals[key]
            tolerance = 1e-9 * max(abs(estimate.high), 1.0)
            assert estimate.low - tolerance <= p10 and p90 <= estimate.high + tolerance, \
                (name, key)


def test_the_base_case_sits_inside_the_band_of_a_moving_total(catalog, presets):
    """P10 ≤ base ≤ P90 wherever the draws move a total (the midpoint is a typical draw)."""
    for name in ("playbook_finance", "pretrain_7b_seed_table", "task_management_assistant"):
        scenario = presets[name]
        report = build_report(scenario, catalog, ReportOptions(planners=EVERY_PLANNER,
                                                               draws=10_000, seed=0))
        for key, base in _base(report.budget).items():
            p10, _, p90 = report.bands.totals[key]
            if p10 != p90:
                assert p10 <= base <= p90, (name, key)


def test_band_of_a_total_is_not_the_sum_of_the_planners_bands(catalog, presets):
    """Training and the playbook both move the one-off total: its P10 is above the sum of
    their P10s (every range at its low end at once is rarer than either alone)."""
    from econplan.core.uncertainty import compute_uncertainty

    scenario = presets["playbook_finance"]
    plan = compute_plan(scenario, catalog)
    budget = build_budget(scenario, plan, ["training", "playbook"])
    bands = budget_bands(scenario, catalog, plan, budget, ["training", "playbook"], 10_000, 0)
    alone = compute_uncertainty(scenario, catalog, 10_000, 0).bands
    training_p10 = alone["training.total_usd"].p10
    playbook_p10 = alone["playbook.first_version_cost_usd"].p10
    assert bands.totals["one_off"][0] > training_p10 + playbook_p10


def test_single_planner_totals_equal_econplan_compute_draws(catalog, presets, capsys):
    """A plan whose one-off is one headline: its band is the one `econplan compute --draws`
    prints for that headline, with the same draws and seed."""
    from econplan.core.paths import scenarios_dir

    from econplan.cli import main

    for name, headline in (("playbook_finance", "playbook.first_version_cost_usd"),
                           ("pretrain_7b_seed_table", "training.total_usd")):
        scenario = presets[name]
        assert main(["compute", str(scenarios_dir() / f"{name}.json"), "--draws", "5000",
                     "--seed", "7"]) == 0
        band = json.loads(capsys.readouterr().out)["uncertainty"]["bands"][headline]
        planner = headline.split(".")[0]
        report = build_report(scenario, catalog, ReportOptions(planners=[planner],
                                                               draws=5_000, seed=7))
        p10, p50, p90 = report.bands.totals["one_off"]
        assert (p10, p50, p90) == pytest.approx((band["p10"], band["p50"], band["p90"]),
                                                rel=1e-12)


def test_bands_are_reproducible_from_the_seed(catalog, presets):
    scenario = presets["playbook_finance"]

    def bands(seed: int):
        return build_report(scenario, catalog, ReportOptions(
            planners=EVERY_PLANNER, draws=3_000, seed=seed)).bands

    assert bands(3) == bands(3)
    assert bands(3).totals != bands(4).totals
    assert bands(3).draws == 3_000 and bands(3).seed == 3
    # No seed given: the scenario's own, as the app's uncertainty view draws.
    own = build_report(scenario, catalog, ReportOptions(planners=EVERY_PLANNER, draws=3_000))
    assert own.bands.seed == scenario.uncertainty.seed


def test_no_draws_no_bands_and_too_few_draws_refused(catalog, presets):
    scenario = presets["playbook_finance"]
    assert build_report(scenario, catalog, ReportOptions()).bands is None
    with pytest.raises(ValueError, match="Monte Carlo draws"):
        ReportOptions(draws=50)


def test_a_plan_with_no_range_gives_a_point_band(catalog, presets):
    scenario = presets["breakeven_team_500_qpd"]
    report = build_report(scenario, catalog, ReportOptions(draws=1_000, seed=0))
    for key, base in _base(report.budget).items():
        assert report.bands.totals[key] == pytest.approx((base, base, base))


def test_linked_fine_tuning_moves_the_serving_budget_when_training_is_left_out(catalog, presets):
    """A break-even plan whose fine-tuning cost is the training plan's: with the training
    budget included the serving line's one-off holds no fine-tuning (counted once); left
    out, the serving line carries the drawn fine-tuning cost."""
    for name, scenario in presets.items():
        if scenario.breakeven.one_off.finetune_source != "training_plan":
            continue
        plan = compute_plan(scenario, catalog)
        if plan.breakeven.decision.option_id not in {"self_host", "hosted_ft",
                                                      "self_host_latency",
                                                      "self_host_required"}:
            continue
        sampled = Draws(scenario, catalog, 500, 0)
        figures, _ = evaluate(scenario, catalog, sampled)
        alone = build_budget(scenario, plan, ["breakeven"])
        totals = budget_totals(scenario, plan, alone, ["breakeven"], figures, sampled)
        assert np.ptp(totals["one_off"]) == pytest.approx(np.ptp(
            figures["training.one_off_usd"]), rel=1e-9), name
        together = build_budget(scenario, plan, ["training", "breakeven"])
        both = budget_totals(scenario, plan, together, ["training", "breakeven"], figures,
                             sampled)
        assert np.allclose(both["one_off"] - figures["training.one_off_usd"],
                           together.lines[1].one_off.base), name
        return
    pytest.skip("no example links a fine-tuned serving plan to its training plan")
