"""The Vertical playbook section of the proposal."""

from __future__ import annotations

from econplan.core import playbook
from econplan.core.catalog import Catalog
from econplan.core.formatting import compact, usd, usd_range
from econplan.core.plan import Plan
from econplan.core.playbook import PlaybookResult
from econplan.core.playbook_presenter import day_text, month_range, present, subject
from econplan.core.report_blocks import Block, Chart, Heading, Paragraph, ReportSection, Table
from econplan.core.scenario import Scenario

TITLE = "Vertical playbook"


def _inputs_table(scenario: Scenario, result: PlaybookResult) -> Table:
    inputs = scenario.playbook
    profile = inputs.vertical
    ongoing = inputs.ongoing_usd_per_quarter
    rows: list[tuple[str, str]] = [
        ("Vertical", result.vertical_name),
        ("Start date", day_text(result.start_date)),
        ("Horizon", f"{result.horizon_quarters} quarters (to {day_text(result.horizon_date)})"),
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


def _summary(result: PlaybookResult) -> str:
    cost, months = result.first_version_cost_usd, result.first_version_months
    ongoing, spend = result.ongoing_usd_per_quarter, result.horizon_spend_usd
    launch = result.launch_date
    return (f"A first version of {subject(result)} in {len(result.phases)} phases from "
            f"{day_text(result.start_date)}: it costs {usd_range(cost.low, cost.high)} (base "
            f"{usd(cost.base)}) and ships after {playbook.months_range(months.low, months.high)} "
            f"months ({month_range(launch.low, launch.high)}). After launch each quarterly "
            f"refresh costs {usd_range(ongoing.low, ongoing.high)}; over "
            f"{result.horizon_quarters} quarters to {result.horizon_date:%b %Y} the playbook "
            f"spends {usd_range(spend.low, spend.high)} (base {usd(spend.base)}).")


def playbook_section(scenario: Scenario, plan: Plan, catalog: Catalog) -> ReportSection:
    result: PlaybookResult = plan.require("playbook")
    shown = present(result)
    headline, phases, quarters, approaches, *seed_tables = shown.tables
    blocks: list[Block] = [
        Heading(text=TITLE),
        Paragraph(text=_summary(result)),
        _inputs_table(scenario, result),
        headline,
        phases,
    ]
    blocks += [Paragraph(text=note, style="note") for note in shown.notes]
    blocks += [Paragraph(text=warning, style="warning") for warning in shown.warnings]
    blocks += [
        Chart(chart_id="playbook_timeline", title="Timeline",
              caption="Each phase in the low case (short phases, dark bar) and the high case "
                      "(long phases, light bar), with its duration and cost; diamonds mark "
                      "the quarterly refreshes after launch.",
              payload=result),
        Chart(chart_id="playbook_cumulative_spend", title="Cumulative spend",
              caption="Spend from the start date to the horizon in each case: phases spend "
                      "evenly over their duration, each refresh is paid when its quarter "
                      "ends; dots mark the launch.",
              payload=result),
        quarters,
        approaches,
        *seed_tables,
    ]
    if result.reconciliation:
        # Where the seed's own playbook figures disagree, as the planner reports it.
        blocks.append(Heading(level=2, text="Where the seed's figures disagree"))
        blocks += [Paragraph(text=line, style="note") for line in result.reconciliation]
    return ReportSection(planner_id="playbook", title=TITLE, blocks=blocks,
                         key_figures=shown.summary_cards, recommendation=shown.recommendation,
                         sources=playbook.sources_used(scenario.playbook, catalog))
