"""The Routing overspend section of the proposal."""

from __future__ import annotations

from econplan.core import routing
from econplan.core.catalog import Catalog
from econplan.core.formatting import usd
from econplan.core.plan import Plan
from econplan.core.report_blocks import Block, Chart, Heading, Paragraph, ReportSection, Table
from econplan.core.routing import RoutingResult
from econplan.core.routing_inputs import COMPLEXITIES, COMPLEXITY_LABELS
from econplan.core.routing_presenter import (
    RM_CHART_TASKS,
    ROLE_CHART_EVERY_ROLE_UP_TO,
    ROLE_CHART_LARGEST,
    mix_shares,
    present,
)
from econplan.core.scenario import Scenario

TITLE = "Routing overspend"


def _inputs_table(scenario: Scenario, result: RoutingResult) -> Table:
    inputs = scenario.routing
    bar = inputs.quality_bar
    staffed = [r for r in result.roles if r.headcount > 0]
    workers = sum(r.headcount for r in result.roles)
    rows: list[tuple[str, str]] = [
        ("Price year", str(result.year)),
        ("Working days per year", f"{result.workdays_per_year:g}"),
        ("Quality bar (MMLU-equivalent)",
         " · ".join(f"{COMPLEXITY_LABELS[c]} {getattr(bar, c):.0%}" for c in COMPLEXITIES)),
        ("Head-count", f"{workers:,} workers in {len(staffed)} of {len(result.roles)} roles"),
        ("Your roles", ", ".join(r.name for r in inputs.custom_roles) or "none"),
        ("Your tasks", ", ".join(t.name for t in inputs.custom_tasks) or "none"),
        ("Baseline", "every call on Commercial Large (all-large)"),
        ("Routing rule", "each task to the cheapest category in use that meets its quality "
                         "bar; Fine-Tuned and Specialist serve narrow tasks only"),
    ]
    return Table(table_id="routing_inputs", title="Inputs", columns=["Input", "Value"],
                 rows=[list(r) for r in rows], values=[list(r) for r in rows])


def _summary(result: RoutingResult) -> str:
    workers = sum(r.headcount for r in result.roles)
    text = (
        f"{len(result.roles)} roles, {workers:,} workers, at {result.year} prices and "
        f"{result.workdays_per_year:g} working days a year. Sending every call to a Commercial "
        f"Large model costs {usd(result.all_large_annual_usd)} a year "
        f"({usd(result.all_large_daily_usd)} a day); routing each task to the cheapest "
        f"category that meets its quality bar costs {usd(result.optimal_annual_usd)} "
        f"({usd(result.optimal_daily_usd)} a day)."
    )
    multiple = result.overspend_multiple
    if multiple is not None:
        text += (f" All-large spends {multiple:.1f}× the routed cost: "
                 f"{usd(result.overspend_annual_usd)} a year more.")
    mix = mix_shares(result)
    if mix:
        text += (f" By daily call volume, {mix[0].share:.0%} of task calls go to "
                 f"{mix[0].label}"
                 + "".join(f", {m.share:.0%} to {m.label}" for m in mix[1:]) + ".")
    return text


def _role_chart_caption(result: RoutingResult) -> str:
    caption = ("Daily cost of all workers in each role: hatched orange, every call on a "
               "Commercial Large model; solid blue, each task routed to the cheapest adequate "
               "category. The label at each hatched bar is the role's overspend multiple.")
    count = len(result.roles)
    if count > ROLE_CHART_EVERY_ROLE_UP_TO:
        caption += (f" Of the {count} roles, the {ROLE_CHART_LARGEST} with the largest "
                    f"all-large cost are drawn; the other {count - ROLE_CHART_LARGEST} are "
                    "summed in one bar (every role is in the table below).")
    return caption


def _rm_chart_caption(result: RoutingResult) -> str:
    caption = ("RM = quality gain % ÷ cost multiple of a reasoning model over an instruct "
               "model, log scale; each shaded band is a verdict and starts at one seed task's "
               "RM.")
    count = len(result.reasoning)
    if count > RM_CHART_TASKS:
        caption += (f" Of the {count} tasks, {RM_CHART_TASKS} are drawn: the published ones, "
                    "then yours with the highest RM (every task is in the table below).")
    return caption


def routing_section(scenario: Scenario, plan: Plan, catalog: Catalog) -> ReportSection:
    result: RoutingResult = plan.require("routing")
    shown = present(result)
    headline, roles, categories, tasks, projection, reasoning = shown.tables
    role_bases, *notes, rm_rule = shown.notes
    planner_notes = [Paragraph(text=note, style="note") for note in notes]
    blocks: list[Block] = [
        Heading(text=TITLE),
        Paragraph(text=_summary(result)),
        _inputs_table(scenario, result),
        headline,
    ]
    blocks += [Paragraph(text=warning, style="warning") for warning in shown.warnings]
    blocks += [
        Chart(chart_id="routing_role_cost", title="Daily cost by role",
              caption=_role_chart_caption(result), payload=result),
        roles,
        Paragraph(text=role_bases, style="note"),
        *planner_notes[:1],
        Chart(chart_id="routing_price_trajectory", title="Price by category",
              caption=f"Price per million tokens by category, 2024–2030, log scale. Solid lines "
                      "follow the seed's trajectory (dots: years it prints), dashed lines the "
                      "geometric mean of the projected categories; faint lines are categories "
                      f"not in use. The dashed vertical line marks the plan year ({result.year}).",
              payload=result),
        categories,
        tasks,
        projection,
        *planner_notes[1:],
        Chart(chart_id="routing_reasoning_multiplier", title="Reasoning multiplier",
              caption=_rm_chart_caption(result), payload=result),
        reasoning,
        Paragraph(text=rm_rule, style="note"),
    ]
    return ReportSection(planner_id="routing", title=TITLE, blocks=blocks,
                         key_figures=shown.summary_cards, recommendation=shown.recommendation,
                         sources=routing.sources_used(scenario.routing, catalog))
