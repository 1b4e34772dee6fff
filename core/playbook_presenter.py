"""What a person reads of a playbook result: cards, tables, notes, recommendation."""

from __future__ import annotations

import datetime as dt

from econplan.core import playbook
from econplan.core.formatting import usd, usd_range
from econplan.core.playbook import PlaybookResult
from econplan.core.playbook_inputs import GENERIC_VERTICAL_ID
from econplan.core.report_blocks import Card, Presentation, Table, estimate_row, make_table
from econplan.core.uncertainty import Uncertainty
from econplan.core.uncertainty_text import never_or, with_bands


def months_text(value: float) -> str:
    return f"{value:.3g}"


def day_text(value: dt.date) -> str:
    return f"{value.day} {value:%b %Y}"


def month_range(low: dt.date, high: dt.date) -> str:
    """'Jun–Oct 2026', 'Dec 2026–Feb 2027', or one month."""
    if (low.year, low.month) == (high.year, high.month):
        return f"{low:%b %Y}"
    if low.year == high.year:
        return f"{low:%b}–{high:%b %Y}"
    return f"{low:%b %Y}–{high:%b %Y}"


def subject(result: PlaybookResult) -> str:
    if result.vertical_id == GENERIC_VERTICAL_ID:
        return "the vertical model"
    return f"the {result.vertical_name} model"


def _phases_table(result: PlaybookResult) -> Table:
    rows = []
    for phase in result.phases:
        overlap = f"{phase.overlap_share:.0%}" if phase.overlap_share else "—"
        rows.append((
            [phase.name, months_text(phase.months.low), months_text(phase.months.high),
             usd(phase.cost_usd.low), usd(phase.cost_usd.high), overlap,
             day_text(phase.end_date.low), day_text(phase.end_date.high)],
            [phase.name, phase.months.low, phase.months.high, phase.cost_usd.low,
             phase.cost_usd.high, phase.overlap_share, phase.end_date.low.isoformat(),
             phase.end_date.high.isoformat()]))
    months, cost, launch = (result.first_version_months, result.first_version_cost_usd,
                            result.launch_date)
    label = "Total: first version"
    rows.append((
        [label, months_text(months.low), months_text(months.high), usd(cost.low),
         usd(cost.high), "",
         day_text(launch.low), day_text(launch.high)],
        [label, months.low, months.high, cost.low, cost.high, None, launch.low.isoformat(),
         launch.high.isoformat()]))
    return make_table(
        "playbook_phases", "Phases (low case: short and cheap; high case: long and costly)",
        ["Phase", "Months low", "Months high", "Cost low", "Cost high", "Overlap",
         "Ends, low case", "Ends, high case"], rows, [1, 2, 3, 4, 5])


def _headline_table(result: PlaybookResult) -> Table:
    refreshes = result.refreshes_in_horizon
    launch = result.launch_date
    rows = [
        estimate_row("First-version cost", result.first_version_cost_usd),
        estimate_row("Months to first version", result.first_version_months,
                     months_text),
        (["Ships", f"{launch.low:%b %Y}", f"{launch.base:%b %Y}", f"{launch.high:%b %Y}"],
         ["Ships", launch.low.isoformat(), launch.base.isoformat(), launch.high.isoformat()]),
        estimate_row("Refresh per quarter", result.ongoing_usd_per_quarter),
        ([f"Refreshes by {result.horizon_date:%b %Y}", f"{refreshes.low:g}",
          f"{refreshes.base:g}", f"{refreshes.high:g}"],
         [f"Refreshes by {result.horizon_date:%b %Y}", refreshes.low, refreshes.base,
          refreshes.high]),
        estimate_row(f"Spend over {result.horizon_quarters} quarters",
                     result.horizon_spend_usd),
    ]
    return make_table("playbook_headline", "Headline figures", ["Figure", "Low", "Base", "High"],
                      rows, [1, 2, 3])


def _quarters_table(result: PlaybookResult) -> Table:
    rows = []
    for q in result.quarters:
        spent, cumulative = q.spent_in_quarter_usd, q.cumulative_usd
        rows.append((
            [f"Q{q.quarter}", day_text(q.end_date), usd(spent.base), usd(cumulative.low),
             usd(cumulative.base), usd(cumulative.high)],
            [f"Q{q.quarter}", q.end_date.isoformat(), spent.base, cumulative.low,
             cumulative.base, cumulative.high]))
    return make_table("playbook_quarters", "Spend by quarter",
                      ["Quarter", "Ends", "Spent in quarter (base)", "Cumulative, low case",
                       "Cumulative, base case", "Cumulative, high case"], rows, [2, 3, 4, 5])


def _approaches_table(result: PlaybookResult) -> Table:
    rows = []
    for row in result.comparison:
        low = "—" if row.cost_usd_low is None else usd(row.cost_usd_low)
        high = "—" if row.cost_usd_high is None else usd(row.cost_usd_high)
        rows.append(([row.approach, low, high, row.time_text, row.domain_quality,
                      row.inference_cost],
                     [row.approach, row.cost_usd_low, row.cost_usd_high, row.time_text,
                      row.domain_quality, row.inference_cost]))
    return make_table("playbook_approaches", "This plan against the seed's approaches",
                      ["Approach", "Cost low", "Cost high", "Time", "Domain quality",
                       "Inference cost"], rows, [1, 2])


def _ratio(value: float | None) -> str:
    if value is None:
        return "—"
    return f"{value:,.0f}×" if value >= 1000 else f"{value:.3g}×"


def _money(value: float | None) -> str:
    return "—" if value is None else usd(value)


def _tasks_table(result: PlaybookResult) -> Table:
    """The vertical's tasks in the seed's words, with the cost ratio where it gives both
    costs per the same unit."""
    rows = []
    for task in result.tasks:
        rows.append((
            [task.task, task.current_text or "—", task.finetuned_text or "—",
             _ratio(task.cost_ratio_low), _ratio(task.cost_ratio_high)],
            [task.task, task.current_text, task.finetuned_text, task.cost_ratio_low,
             task.cost_ratio_high]))
    return make_table("playbook_tasks", f"{result.vertical_name}: tasks",
                      ["Task", "Today (as the seed states)", "Fine-tuned (as the seed states)",
                       "Cost ratio low", "Cost ratio high"], rows, [3, 4])


def _steps_table(result: PlaybookResult) -> Table:
    rows = []
    for step in result.steps:
        done_in = step.covered_by.replace("phase_", "phase ").replace("ongoing", "refreshes")
        label = f"{step.steps}. {step.step}"
        rows.append((
            [label, step.description, _money(step.cost_usd_low), _money(step.cost_usd_high),
             done_in],
            [label, step.description, step.cost_usd_low, step.cost_usd_high, done_in]))
    return make_table("playbook_steps", "The seed's five steps and where the plan does them",
                      ["Step", "What", "Seed cost low", "Seed cost high", "Done in"], rows,
                      [2, 3])


def _recommendation(result: PlaybookResult) -> str:
    cost, months = result.first_version_cost_usd, result.first_version_months
    ongoing, spend = result.ongoing_usd_per_quarter, result.horizon_spend_usd
    return (f"Fund the first version of {subject(result)} with "
            f"{usd_range(cost.low, cost.high)} over "
            f"{playbook.months_range(months.low, months.high)} months (ships "
            f"{month_range(result.launch_date.low, result.launch_date.high)}), then "
            f"{usd_range(ongoing.low, ongoing.high)} per quarter for refreshes: "
            f"{usd_range(spend.low, spend.high)} in all by {result.horizon_date:%b %Y}.")


def _cards(result: PlaybookResult) -> list[Card]:
    cost, months = result.first_version_cost_usd, result.first_version_months
    ongoing, spend = result.ongoing_usd_per_quarter, result.horizon_spend_usd
    launch = result.launch_date
    # The seed figure to compare with: the vertical's own, else the generic Total row.
    seed = ""
    if result.seed_vertical_cost:
        vertical = result.seed_vertical_cost
        seed = f"seed {usd_range(vertical.cost_usd_low, vertical.cost_usd_high)}"
    elif result.seed_total:
        total = result.seed_total
        seed = f"seed total {usd_range(total.cost_usd_low, total.cost_usd_high)}"
    return [
        Card(key="cost", label="First-version cost", value=usd(cost.base),
             range_text=usd_range(cost.low, cost.high), caption=seed,
             tooltip="Sum of the phases' costs."),
        Card(key="time", label="Time to first version", value=f"{months_text(months.base)} months",
             range_text=f"{playbook.months_range(months.low, months.high)} months",
             caption=f"ships {launch.low:%b %Y}–{launch.high:%b %Y}",
             tooltip="When the last phase ends, with the phases' overlap."),
        Card(key="ongoing", label="Refresh per quarter", value=usd(ongoing.base),
             range_text=usd_range(ongoing.low, ongoing.high),
             tooltip="Ongoing cost per quarter after launch."),
        Card(key="horizon", label=f"Playbook spend, {result.horizon_quarters} quarters",
             value=usd(spend.base), range_text=usd_range(spend.low, spend.high),
             caption=f"{result.horizon_quarters} quarters to {result.horizon_date:%b %Y}",
             tooltip="First version plus the refreshes paid by then."),
    ]


def present(result: PlaybookResult, *, tables: bool = True,
            uncertainty: Uncertainty | None = None) -> Presentation:
    """The playbook result as a person reads it.

    ``tables=False`` skips the result tables: a tab fills its own, and a slider tick
    should not build them."""
    builders = [_headline_table, _phases_table, _quarters_table, _approaches_table,
                *([_tasks_table] if result.tasks else []), _steps_table]
    cards = with_bands(_cards(result), uncertainty, {
        "cost": ("playbook.first_version_cost_usd", never_or(usd)),
        # Two significant figures: a percentile of draws is no more exact than "7 months"
        # ("6.99 months" read as false precision on the card).
        "time": ("playbook.first_version_months",
                 never_or(lambda months: f"{float(f'{months:.2g}'):g} months")),
        "ongoing": ("playbook.ongoing_usd_per_quarter", never_or(usd)),
    })
    return Presentation(planner_id="playbook", cards=cards,
                        summary_keys=["cost", "time", "ongoing", "horizon"],
                        tables=[build(result) for build in builders] if tables else [],
                        notes=playbook.schedule_notes(result), warnings=list(result.warnings),
                        recommendation=_recommendation(result))
