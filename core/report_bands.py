"""P10 / P50 / P90 of the budget to approve, from the Monte Carlo draws.

The band of a total is taken from the totals of each draw — every included planner's
figures from the same draw, added up — not from adding the planners' own P10s and P90s
(which would claim every range at its low end at once). Each draw adds the planners up as
``core/report_budget.py`` adds the base case: money two planners share (a pre-training
plan's data cost, a fine-tuning cost linked to the training plan) is counted once, under
the Training budget. The draws are the ones ``econplan compute --draws`` summarises
(``core/monte_carlo.py``, same draws and seed); at every range's midpoint the totals here
equal the budget's base figures (tests/core/test_report_bands.py holds them to it).

A draw keeps the plan's own serving decision (the break-even option the base case
chose); the draws move its costs, not the choice.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import numpy as np
from econplan.core import playbook
from econplan.core.catalog import Catalog
from econplan.core.model_base import CoreModel
from econplan.core.monte_carlo import Draws, Figures, evaluate
from econplan.core.plan import Plan, upstream_of
from econplan.core.report_budget import (
    FINE_TUNED_OPTIONS,
    MONTHS_PER_QUARTER,
    Budget,
    BudgetLine,
)
from econplan.core.scenario import Scenario
from econplan.core.uncertainty import percentiles
from pydantic import ConfigDict

# The budget totals that carry a band, as the executive summary names them.
TOTALS = ("one_off", "recurring_per_year", "horizon_total")
ValueOf = Callable[[str], Any]


class BudgetBands(CoreModel):
    """P10, P50 and P90 of each budget total over ``draws`` draws from ``seed``."""

    model_config = ConfigDict(frozen=True)

    draws: int
    seed: int
    totals: dict[str, tuple[float, float, float]]

    def band(self, key: str) -> tuple[float, float, float] | None:
        return self.totals.get(key)


class _Line:
    """One budget line per draw: one-off, recurring a year, spend over the horizon."""

    def __init__(self, one_off: Any, per_year: Any, horizon: Any):
        self.one_off, self.per_year, self.horizon = one_off, per_year, horizon

    @classmethod
    def fixed(cls, line: BudgetLine) -> _Line:
        """A line no range moves: its base figures in every draw."""
        return cls(line.one_off.base, line.recurring_per_year.base, sum(line.quarters))


def _nan_as_zero(values: Any) -> Any:
    return np.nan_to_num(np.asarray(values, dtype=float), nan=0.0)


def _training(scenario: Scenario, line: BudgetLine, figures: Figures, months_ahead: float) -> _Line:
    one_off = figures["training.one_off_usd"]
    if line.recurring_per_year.base <= 0:
        return _Line(one_off, 0.0, one_off)
    months = scenario.training.hidden.months_in_production
    ongoing = figures["training.total_usd"] - one_off  # maintenance while in production
    return _Line(one_off, ongoing * (12 / months),
                 one_off + ongoing * (min(months, months_ahead) / months))


def _dataset(line: BudgetLine, figures: Figures) -> _Line:
    if line.note:  # counted in the Training budget's data-curation line
        return _Line.fixed(line)
    cost = _nan_as_zero(figures["dataset.data_cost_usd"])
    return _Line(cost, 0.0, cost)


def _playbook(scenario: Scenario, figures: Figures, value: ValueOf, months_ahead: float) -> _Line:
    """The first version's spend and the refreshes paid by the horizon, per draw — the
    planner's ``_Case.cumulative`` with each phase's drawn duration and cost."""
    phases = scenario.playbook.phases
    durations = [value(f"playbook.phases.{i}.months") for i in range(len(phases))]
    costs = [value(f"playbook.phases.{i}.cost_usd") for i in range(len(phases))]
    spans = playbook.schedule(phases, durations, maximum=np.maximum)
    spent: Any = 0.0
    launch: Any = 0.0
    for (start, end), cost in zip(spans, costs, strict=True):
        start, end = np.asarray(start, dtype=float), np.asarray(end, dtype=float)
        with np.errstate(divide="ignore", invalid="ignore"):
            share = np.clip((months_ahead - start) / (end - start), 0.0, 1.0)
        spent = spent + cost * np.where(months_ahead >= end, 1.0, share)
        launch = np.maximum(launch, end)
    refresh = value("playbook.ongoing_usd_per_quarter")
    refreshes = np.vectorize(playbook.refreshes_by, otypes=[float])(months_ahead, launch)
    return _Line(figures["playbook.first_version_cost_usd"], refresh * 4,
                 spent + refreshes * refresh)


def _breakeven(scenario: Scenario, plan: Plan, line: BudgetLine, figures: Figures,
               included: list[str], quarters: int) -> _Line:
    result = plan.require("breakeven")
    if result.decision.option_id not in FINE_TUNED_OPTIONS \
            or "training" not in upstream_of("breakeven", scenario):
        return _Line.fixed(line)  # an API or people's bill, or a fine-tuning cost entered
    # The fine-tuning cost is the training plan's, drawn with it; the retrain is its compute.
    if "training" in included:
        one_off: Any = line.one_off.base  # fine-tuning counted in the Training budget
    else:
        finetune_base = sum(item.usd for item in result.one_off_lines if item.line_id == "finetune")
        one_off = np.maximum(result.investment_usd - finetune_base
                             + figures["training.one_off_usd"], 0.0)
    retrain = figures["training.compute_cost_usd"]
    monthly = result.selfhost_monthly_usd
    every = result.months_until_retrain
    per_year = monthly * 12 + (retrain * (12 / every) if every > 0 else 0.0)
    retrains = 0
    if every > 0:
        while (retrains + 1) * every < quarters * MONTHS_PER_QUARTER:
            retrains += 1
    return _Line(one_off, per_year,
                 one_off + monthly * MONTHS_PER_QUARTER * quarters + retrain * retrains)


def budget_totals(scenario: Scenario, plan: Plan, budget: Budget, included: list[str],
                  figures: Figures, value: ValueOf) -> dict[str, np.ndarray]:
    """The budget's totals for each draw (``figures`` and ``value`` from one evaluation of
    ``core.monte_carlo``: arrays of draws, or points)."""
    quarters = budget.horizon_quarters
    months_ahead = float(quarters * MONTHS_PER_QUARTER)
    lines = []
    for line in budget.lines:
        if line.planner_id == "training":
            lines.append(_training(scenario, line, figures, months_ahead))
        elif line.planner_id == "dataset":
            lines.append(_dataset(line, figures))
        elif line.planner_id == "playbook":
            lines.append(_playbook(scenario, figures, value, months_ahead))
        elif line.planner_id == "breakeven":
            lines.append(_breakeven(scenario, plan, line, figures, included, quarters))
        else:  # routing: its inputs hold no ranges
            lines.append(_Line.fixed(line))
    return {
        "one_off": _total(line.one_off for line in lines),
        "recurring_per_year": _total(line.per_year for line in lines),
        "horizon_total": _total(line.horizon for line in lines),
    }


def _total(values) -> np.ndarray:
    total: Any = 0.0
    for value in values:
        total = total + np.asarray(value, dtype=float)
    return np.atleast_1d(np.asarray(total, dtype=float))


def budget_bands(scenario: Scenario, catalog: Catalog, plan: Plan, budget: Budget,
                 included: list[str], draws: int, seed: int) -> BudgetBands | None:
    """The bands of the budget's totals over ``draws`` draws; None when a planner the
    budget includes cannot be drawn (the summary then shows the base case alone)."""
    sampled = Draws(scenario, catalog, draws, seed)
    figures, problems = evaluate(scenario, catalog, sampled)
    needed = set(included) | {up for p in included for up in upstream_of(p, scenario)}
    if needed & set(problems):
        return None
    totals = budget_totals(scenario, plan, budget, included, figures, sampled)
    bands = {}
    for key, values in totals.items():
        if not np.isfinite(values).all():
            return None
        p10, p50, p90 = percentiles(values)
        bands[key] = (p10, p50, p90)
    return BudgetBands(draws=draws, seed=seed, totals=bands)
