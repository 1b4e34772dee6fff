"""The Vertical playbook section of the proposal."""

from __future__ import annotations

import datetime as dt
from typing import Any

from core import playbook
from core.catalog import Catalog
from core.formatting import compact, usd, usd_range
from core.playbook import PlaybookResult
from core.playbook_inputs import GENERIC_VERTICAL_ID
from core.report_blocks import (
    Block,
    Chart,
    Heading,
    KeyFigure,
    Paragraph,
    ReportSection,
    Table,
    estimate_row,
    make_table,
)
from core.scenario import Scenario

TITLE = "Vertical playbook"


def _months(value: float) -> str:
    return f"{value:.3g}"


def _day(value: dt.date) -> str:
    return f"{value.day} {value:%b %Y}"


def _month_range(low: dt.date, high: dt.date) -> str:
    """'Jun–Oct 2026', 'Dec 2026–Feb 2027', or one month."""
    if (low.year, low.month) == (high.year, high.month):
        return f"{low:%b %Y}"
    if low.year == high.year:
        return f"{low:%b}–{high:%b %Y}"
    return f"{low:%b %Y}–{high:%b %Y}"


def _subject(result: PlaybookResult) -> str:
    if result.vertical_id == GENERIC_VERTICAL_ID:
        return "the vertical model"
    return f"the {result.vertical_name} model"


def _inputs_table(scenario: Scenario, result: PlaybookResult) -> Table:
    inputs = scenario.playbook
    profile = inputs.vertical
    ongoing = inputs.ongoing_usd_per_quarter
    rows: list[tuple[str, str]] = [
        ("Vertical", result.vertical_name),
        ("Start date", _day(result.start_date)),
        ("Horizon", f"{result.horizon_quarters} quarters (to {_day(result.horizon_date)})"),
        ("Refresh per quarter after launch", usd_range(ongoing.low, ongoing.high)),
    ]
    if profile.base_model:
        rows.append(("Base model", profile.base_model))
    if profile.cpt_tokens or profile.cpt_corpus:
        corpus = compact(profile.cpt_tokens) + " tokens" if profile.cpt_tokens else ""
        rows.append(("Continued pre-training corpus",
                     " of ".join(part for part in (corpus, profile.cpt_corpus) if part)))
    if profile.distill_targets:
        rows.append(("Distil to", profile.distill_targets))
    if profile.data_sources:
        rows.append(("Data sources", "; ".join(profile.data_sources)))
    return Table(table_id="playbook_inputs", title="Inputs", columns=["Input", "Value"],
                 rows=[list(r) for r in rows], values=[list(r) for r in rows])


def _phases_table(result: PlaybookResult) -> Table:
    rows = []
    for phase in result.phases:
        overlap = f"{phase.overlap_share:.0%}" if phase.overlap_share else "—"
        rows.append((
            [phase.name, _months(phase.months.low), _months(phase.months.high),
             usd(phase.cost_usd.low), usd(phase.cost_usd.high), overlap,
             _day(phase.end_date.low), _day(phase.end_date.high)],
            [phase.name, phase.months.low, phase.months.high, phase.cost_usd.low,
             phase.cost_usd.high, phase.overlap_share, phase.end_date.low.isoformat(),
             phase.end_date.high.isoformat()]))
    months, cost, launch = (result.first_version_months, result.first_version_cost_usd,
                            result.launch_date)
    label = "Total: first version"
    rows.append((
        [label, _months(months.low), _months(months.high), usd(cost.low), usd(cost.high), "",
         _day(launch.low), _day(launch.high)],
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
        estimate_row("First-version cost", result.first_version_cost_usd.model_dump()),
        estimate_row("Months to first version", result.first_version_months.model_dump(),
                     _months),
        (["Ships", f"{launch.low:%b %Y}", f"{launch.base:%b %Y}", f"{launch.high:%b %Y}"],
         ["Ships", launch.low.isoformat(), launch.base.isoformat(), launch.high.isoformat()]),
        estimate_row("Refresh per quarter", result.ongoing_usd_per_quarter.model_dump()),
        ([f"Refreshes by {result.horizon_date:%b %Y}", f"{refreshes.low:g}",
          f"{refreshes.base:g}", f"{refreshes.high:g}"],
         [f"Refreshes by {result.horizon_date:%b %Y}", refreshes.low, refreshes.base,
          refreshes.high]),
        estimate_row(f"Spend over {result.horizon_quarters} quarters",
                     result.horizon_spend_usd.model_dump()),
    ]
    return make_table("playbook_headline", "Headline figures", ["Figure", "Low", "Base", "High"],
                      rows, [1, 2, 3])


def _quarters_table(result: PlaybookResult) -> Table:
    rows = []
    for q in result.quarters:
        spent, cumulative = q.spent_in_quarter_usd, q.cumulative_usd
        rows.append((
            [f"Q{q.quarter}", _day(q.end_date), usd(spent.base), usd(cumulative.low),
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


def _summary(result: PlaybookResult) -> str:
    cost, months = result.first_version_cost_usd, result.first_version_months
    ongoing, spend = result.ongoing_usd_per_quarter, result.horizon_spend_usd
    launch = result.launch_date
    subject = _subject(result)
    return (f"A first version of {subject} in {len(result.phases)} phases from "
            f"{_day(result.start_date)}: it costs {usd_range(cost.low, cost.high)} (base "
            f"{usd(cost.base)}) and ships after {playbook.months_range(months.low, months.high)} "
            f"months ({_month_range(launch.low, launch.high)}). After launch each quarterly "
            f"refresh costs {usd_range(ongoing.low, ongoing.high)}; over "
            f"{result.horizon_quarters} quarters to {result.horizon_date:%b %Y} the playbook "
            f"spends {usd_range(spend.low, spend.high)} (base {usd(spend.base)}).")


def _recommendation(result: PlaybookResult) -> str:
    cost, months = result.first_version_cost_usd, result.first_version_months
    ongoing, spend = result.ongoing_usd_per_quarter, result.horizon_spend_usd
    return (f"Fund the first version of {_subject(result)} with "
            f"{usd_range(cost.low, cost.high)} over "
            f"{playbook.months_range(months.low, months.high)} months (ships "
            f"{_month_range(result.launch_date.low, result.launch_date.high)}), then "
            f"{usd_range(ongoing.low, ongoing.high)} per quarter for refreshes: "
            f"{usd_range(spend.low, spend.high)} in all by {result.horizon_date:%b %Y}.")


def _key_figures(result: PlaybookResult) -> list[KeyFigure]:
    cost, months = result.first_version_cost_usd, result.first_version_months
    ongoing, spend = result.ongoing_usd_per_quarter, result.horizon_spend_usd
    return [
        KeyFigure(label="First-version cost", value=usd(cost.base),
                  detail=usd_range(cost.low, cost.high)),
        KeyFigure(label="Time to first version", value=f"{_months(months.base)} months",
                  detail=f"{playbook.months_range(months.low, months.high)} months · ships "
                         f"{_month_range(result.launch_date.low, result.launch_date.high)}"),
        KeyFigure(label="Refresh per quarter", value=usd(ongoing.base),
                  detail=usd_range(ongoing.low, ongoing.high)),
        KeyFigure(label=f"Playbook spend, {result.horizon_quarters} quarters",
                  value=usd(spend.base),
                  detail=f"{usd_range(spend.low, spend.high)} · to "
                         f"{result.horizon_date:%b %Y}"),
    ]


def playbook_section(scenario: Scenario, figures: dict[str, Any],
                     catalog: Catalog) -> ReportSection:
    data = figures["playbook"]
    result = PlaybookResult.model_validate(data)
    blocks: list[Block] = [
        Heading(text=TITLE),
        Paragraph(text=_summary(result)),
        _inputs_table(scenario, result),
        _headline_table(result),
        _phases_table(result),
    ]
    blocks += [Paragraph(text=note, style="note") for note in playbook.schedule_notes(result)]
    blocks += [Paragraph(text=warning, style="warning") for warning in result.warnings]
    blocks += [
        Chart(chart_id="playbook_timeline", title="Timeline",
              caption="Each phase in the low case (short phases, dark bar) and the high case "
                      "(long phases, light bar), with its duration and cost; diamonds mark "
                      "the quarterly refreshes after launch.",
              payload=data),
        Chart(chart_id="playbook_cumulative_spend", title="Cumulative spend",
              caption="Spend from the start date to the horizon in each case: phases spend "
                      "evenly over their duration, each refresh is paid when its quarter "
                      "ends; dots mark the launch.",
              payload=data),
        _quarters_table(result),
        _approaches_table(result),
    ]
    if result.tasks:
        blocks.append(_tasks_table(result))
    blocks.append(_steps_table(result))
    if result.reconciliation:
        # Where the seed's own playbook figures disagree, as the planner reports it.
        blocks.append(Heading(level=2, text="Where the seed's figures disagree"))
        blocks += [Paragraph(text=line, style="note") for line in result.reconciliation]
    return ReportSection(planner_id="playbook", title=TITLE, blocks=blocks,
                         key_figures=_key_figures(result),
                         recommendation=_recommendation(result),
                         sources=playbook.sources_used(scenario.playbook, catalog))
