"""The budget to approve: one-off and recurring totals across the included planners.

Every figure is read from the typed plan (the figures ``econplan compute`` prints and the
tabs show); nothing is recomputed here. Where two planners count the same money — a
pre-training plan's data cost is the training plan's data-curation line, a linked
fine-tuning cost is the training plan's total — it is counted once, under the Training
budget, and the line says so.
"""

from __future__ import annotations

import math

from econplan.core.breakeven import BreakevenResult
from econplan.core.estimate import Estimate
from econplan.core.formatting import usd
from econplan.core.model_base import CoreModel
from econplan.core.plan import PLANNER_TITLES, Plan, upstream_of
from econplan.core.scenario import Scenario

DEFAULT_HORIZON_QUARTERS = 8
MONTHS_PER_QUARTER = 3
# The options whose budget is the fine-tuned model's (investment, then running costs).
FINE_TUNED_OPTIONS = {"self_host", "hosted_ft", "self_host_latency", "self_host_required"}


class BudgetLine(CoreModel):
    planner_id: str
    label: str
    one_off: Estimate
    recurring_per_year: Estimate
    quarters: list[float]  # base-case spend in each quarter of the horizon
    note: str = ""


class Budget(CoreModel):
    horizon_quarters: int
    quarter_labels: list[str]
    lines: list[BudgetLine]

    @property
    def one_off(self) -> Estimate:
        return _sum(line.one_off for line in self.lines)

    @property
    def recurring_per_year(self) -> Estimate:
        return _sum(line.recurring_per_year for line in self.lines)

    @property
    def quarter_totals(self) -> list[float]:
        return [sum(line.quarters[q] for line in self.lines)
                for q in range(self.horizon_quarters)]

    @property
    def horizon_total(self) -> float:
        return sum(self.quarter_totals)


def money(value: float) -> str:
    """Dollars to three significant figures, as the summary's cards show them: "$314", not
    "$314.06" beside "$1.2K"."""
    return usd(float(f"{value:.3g}"))


def _sum(estimates) -> Estimate:
    result = Estimate.exact(0.0)
    for estimate in estimates:
        result = result + estimate
    return result


def _zero() -> Estimate:
    return Estimate.exact(0.0)


def _spread(per_quarter: float, quarters: int, months: float | None = None) -> list[float]:
    """``per_quarter`` in each quarter, for the first ``months`` only when given."""
    spend = []
    for q in range(quarters):
        start = q * MONTHS_PER_QUARTER
        if months is None:
            share = 1.0
        else:
            share = min(max(months - start, 0.0), MONTHS_PER_QUARTER) / MONTHS_PER_QUARTER
        spend.append(per_quarter * share)
    return spend


def _up_front(amount: float, quarters: int) -> list[float]:
    return [amount] + [0.0] * (quarters - 1)


def _training(scenario: Scenario, plan: Plan, quarters: int) -> BudgetLine:
    result = plan.require("training")
    months = scenario.training.hidden.months_in_production if scenario.training.hidden.enabled \
        else 0
    ongoing = result.ongoing_usd
    per_year = ongoing.scale(12 / months) if months and ongoing.base > 0 else _zero()
    spend = _up_front(result.one_off_usd.base, quarters)
    if months and ongoing.base > 0:
        recurring = _spread(ongoing.base * MONTHS_PER_QUARTER / months, quarters, months)
        spend = [a + b for a, b in zip(spend, recurring, strict=True)]
    note = (f"maintenance for {months:g} months in production" if per_year.base > 0 else "")
    return BudgetLine(planner_id="training", label="Training run and its people",
                      one_off=result.one_off_usd, recurring_per_year=per_year,
                      quarters=spend, note=note)


def _dataset(scenario: Scenario, plan: Plan, quarters: int, included: list[str]) -> BudgetLine:
    result = plan.require("dataset")
    label = result.data_cost_label or "Dataset"
    if "training" in upstream_of("dataset", scenario) and "training" in included:
        return BudgetLine(planner_id="dataset", label=label, one_off=_zero(),
                          recurring_per_year=_zero(), quarters=[0.0] * quarters,
                          note="counted in the Training budget's data-curation line")
    cost = result.data_cost_usd or _zero()
    return BudgetLine(planner_id="dataset", label=label, one_off=cost,
                      recurring_per_year=_zero(), quarters=_up_front(cost.base, quarters))


def _playbook(plan: Plan, quarters: int) -> BudgetLine:
    result = plan.require("playbook")
    spend = [q.spent_in_quarter_usd.base for q in result.quarters][:quarters]
    spend += [0.0] * (quarters - len(spend))
    return BudgetLine(planner_id="playbook", label=f"{result.vertical_name} model: first "
                      "version, then quarterly refreshes",
                      one_off=result.first_version_cost_usd,
                      recurring_per_year=result.ongoing_usd_per_quarter.scale(4),
                      quarters=spend)


def _routing(plan: Plan, quarters: int) -> BudgetLine:
    result = plan.require("routing")
    per_year = Estimate.exact(result.optimal_annual_usd)
    return BudgetLine(planner_id="routing", label="Model calls, each task routed to the "
                      "cheapest model that meets its quality bar",
                      one_off=_zero(), recurring_per_year=per_year,
                      quarters=_spread(result.optimal_annual_usd / 4, quarters))


def _breakeven(scenario: Scenario, plan: Plan, quarters: int, included: list[str]) -> BudgetLine:
    result: BreakevenResult = plan.require("breakeven")
    decision = result.decision
    note = ""
    if decision.option_id in FINE_TUNED_OPTIONS:
        one_off = result.investment_usd
        linked = "training" in upstream_of("breakeven", scenario) and "training" in included
        if linked:
            # The fine-tuning line is the training plan's total: counted there once.
            one_off -= sum(line.usd for line in result.one_off_lines if line.line_id == "finetune")
            note = "fine-tuning counted in the Training budget"
        monthly = result.selfhost_monthly_usd
        retrain_per_year = (result.retrain_usd * 12 / result.months_until_retrain
                            if result.months_until_retrain > 0 else 0.0)
        per_year = monthly * 12 + retrain_per_year
        spend = _up_front(one_off, quarters)
        spend = [s + monthly * MONTHS_PER_QUARTER for s in spend]
        if result.months_until_retrain > 0:
            retrain_months = result.months_until_retrain
            n = 1
            while n * retrain_months < quarters * MONTHS_PER_QUARTER:
                spend[int(n * retrain_months // MONTHS_PER_QUARTER)] += result.retrain_usd
                n += 1
    else:
        one_off = 0.0
        monthly = (result.human_monthly_usd if decision.option_id == "keep_human"
                   and result.human_monthly_usd is not None else result.api_monthly_usd)
        per_year = monthly * 12
        spend = _spread(monthly * MONTHS_PER_QUARTER, quarters)
    return BudgetLine(planner_id="breakeven", label=f"Serving: {decision.label}",
                      one_off=Estimate.exact(max(one_off, 0.0)),
                      recurring_per_year=Estimate.exact(per_year), quarters=spend, note=note)


def horizon_quarters(plan: Plan, included: list[str]) -> int:
    """The plan's horizon: the playbook's when it is included, else two years."""
    if "playbook" in included and plan.playbook is not None:
        return max(1, plan.playbook.horizon_quarters)
    return DEFAULT_HORIZON_QUARTERS


def quarter_labels(plan: Plan, included: list[str], quarters: int) -> list[str]:
    if "playbook" in included and plan.playbook is not None:
        dates = [q.end_date for q in plan.playbook.quarters][:quarters]
        if len(dates) == quarters:
            return [f"Q{i + 1} (to {d:%b %Y})" for i, d in enumerate(dates)]
    return [f"Q{i + 1}" for i in range(quarters)]


def build_budget(scenario: Scenario, plan: Plan, included: list[str]) -> Budget:
    """The budget across ``included`` planners (each must have a result: PlanError if not)."""
    quarters = horizon_quarters(plan, included)
    lines: list[BudgetLine] = []
    for planner_id in included:
        if planner_id == "training":
            lines.append(_training(scenario, plan, quarters))
        elif planner_id == "dataset":
            lines.append(_dataset(scenario, plan, quarters, included))
        elif planner_id == "playbook":
            lines.append(_playbook(plan, quarters))
        elif planner_id == "routing":
            lines.append(_routing(plan, quarters))
        elif planner_id == "breakeven":
            lines.append(_breakeven(scenario, plan, quarters, included))
    for line in lines:
        if not all(math.isfinite(v) for v in line.quarters):
            raise ValueError(f"{PLANNER_TITLES[line.planner_id]}: spend is not finite")
    return Budget(horizon_quarters=quarters,
                  quarter_labels=quarter_labels(plan, included, quarters), lines=lines)
