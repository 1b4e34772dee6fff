"""The Self-host break-even section of the proposal."""

from __future__ import annotations

from econplan.core import breakeven, training
from econplan.core.breakeven import BreakevenResult
from econplan.core.breakeven_presenter import against, gpu_name, present, serving_text
from econplan.core.catalog import Catalog
from econplan.core.formatting import compact, usd
from econplan.core.plan import Plan
from econplan.core.provenance import unique
from econplan.core.report_blocks import Block, Chart, Heading, Paragraph, ReportSection, Table
from econplan.core.scenario import Scenario

TITLE = "Self-host break-even"


def _inputs_table(scenario: Scenario, result: BreakevenResult, catalog: Catalog) -> Table:
    inputs = scenario.breakeven
    api, host = inputs.api, inputs.selfhost
    rows: list[tuple[str, str]] = [
        ("Volume", f"{result.queries_per_month:,.0f} queries a month "
                   f"({result.queries_per_day:,.0f} a day on {result.days_per_month:g}-day "
                   "months)"),
    ]
    if api.pricing == "per_token":
        rows.append(("Tokens per query", f"{inputs.input_tokens:,.0f} in + "
                                         f"{inputs.output_tokens:,.0f} out"))
        row = breakeven.api_price_rows(catalog).get(api.price_id)
        model = " ".join(p for p in (row["provider"], row["model"]) if p) if row else "typed in"
        rows.append(("API", f"{model}: ${api.usd_per_mtok_input:g}/M input, "
                            f"${api.usd_per_mtok_output:g}/M output"))
    else:
        rows.append(("API", f"${api.usd_per_query:g} per query"))
    if api.cached_input_share > 0 and api.pricing == "per_token":
        rows.append(("Cached input", f"{api.cached_input_share:.0%} of input tokens"))
    if api.batch_share > 0:
        rows.append(("Sent by batch", f"{api.batch_share:.0%} of queries"))
    if host.serving == "gpu":
        rows.append(("Fine-tuned model", (
            f"own GPUs: {gpu_name(host.gpu_id, catalog)} at ${host.usd_per_gpu_hour:.4g}/h, "
            f"{host.queries_per_second_per_replica:.3g} queries/s per replica at "
            f"{host.utilisation:.0%} load, {host.spare_replicas} spare")))
    else:
        rows.append(("Fine-tuned model",
                     f"vendor-hosted fine-tune at ${host.hosted_usd_per_query:g} per query"))
    rows.append(("Traffic on the fine-tuned model", f"{host.traffic_share:.0%} of queries"))
    if api.failure_rate > 0 or host.failure_rate > 0 or inputs.cost_per_failure_usd > 0:
        rows.append(("Failures", f"API {api.failure_rate:.1%}, fine-tuned "
                                 f"{host.failure_rate:.1%}; ${inputs.cost_per_failure_usd:g} "
                                 "per failure"))
    rows.append(("Fine-tuning cost", "linked to the Training budget plan"
                 if inputs.one_off.finetune_source == "training_plan" else "entered here"))
    rows.append(("Retrain every", f"{inputs.months_until_retrain:g} months"))
    rows.append(("API price decline", f"{inputs.api_price_decline_per_year:.0%} a year"))
    if inputs.human.enabled:
        rows.append(("Human process", f"{inputs.human.hours_per_task:g} h × "
                                      f"${inputs.human.hourly_rate_usd:g}/h per task"))
    rows.append(("Compared against", against(result)))
    constraints = inputs.constraints
    active = [text for on, text in (
        (constraints.no_capable_api, "no commercial model can do the task"),
        (constraints.data_on_premises, "data must stay on the premises"),
        (constraints.latency_target, f"latency target {constraints.latency_target_ms:g} ms"),
        (constraints.no_ml_capacity, "no ML/SRE capacity"),
        (constraints.vendor_portability, "vendor portability matters"),
    ) if on]
    rows.append(("Constraints", "; ".join(active) or "none"))
    return Table(table_id="breakeven_inputs", title="Inputs", columns=["Input", "Value"],
                 rows=[list(r) for r in rows], values=[list(r) for r in rows])


def _summary(scenario: Scenario, result: BreakevenResult, catalog: Catalog) -> str:
    text = (f"{compact(result.queries_per_month)} queries a month "
            f"({compact(result.queries_per_day)} a day). The API costs "
            f"{usd(result.api_usd_per_query)} a query, {usd(result.api_monthly_usd)} a month")
    if result.human_monthly_usd is not None:
        text += (f"; the human process {usd(result.human_usd_per_query)} a task, "
                 f"{usd(result.human_monthly_usd)} a month")
    text += (f"; the fine-tuned model, on {serving_text(scenario, result, catalog)}, costs "
             f"{usd(result.selfhost_monthly_usd)} a month after a one-off investment of "
             f"{usd(result.investment_usd)}. ")
    savings = result.monthly_savings_usd
    if savings > 0:
        text += f"Against {against(result)} it saves {usd(savings)} a month"
    else:
        text += f"Against {against(result)} it costs {usd(-savings)} a month more"
    volume = result.breakeven_queries_per_month
    text += ("; no volume breaks even." if volume is None else
             f"; it breaks even at {compact(volume)} queries a month.")
    # When it saves nothing the amortisation line only repeats the monthly loss.
    return text + (f" {result.amortisation}" if savings > 0 else "")


def breakeven_section(scenario: Scenario, plan: Plan, catalog: Catalog) -> ReportSection:
    result: BreakevenResult = plan.require("breakeven")
    shown = present(result)
    inputs = scenario.breakeven
    serving = inputs.selfhost.serving
    months = result.months[-1]
    crossover = result.crossover_month
    headline_table, monthly_table, one_off_table = shown.tables
    blocks: list[Block] = [
        Heading(text=TITLE),
        Paragraph(text=_summary(scenario, result, catalog)),
        Heading(level=2, text=f"Recommendation: {shown.headline}"),
        *[Paragraph(text=f"• {reason}") for reason in shown.reasons],
        Paragraph(text=f"{shown.tier} {shown.tier_bounds}", style="note"),
    ]
    blocks += [Paragraph(text=warning, style="warning") for warning in shown.warnings]
    blocks += [
        _inputs_table(scenario, result, catalog),
        shown.options_table,
        headline_table,
        Chart(chart_id="breakeven_cumulative_cost", title="Cumulative cost",
              caption=(f"Cumulative cost over {months} months: the fine-tuned line starts at the "
                       f"one-off investment ({usd(result.investment_usd)}) and steps up at each "
                       f"retrain ({usd(result.retrain_usd)} every "
                       f"{result.months_until_retrain:g} months); API prices fall "
                       f"{inputs.api_price_decline_per_year:.0%} a year. "
                       + (f"The lines cross at {crossover:.1f} months." if crossover is not None
                          else f"The lines do not cross within {months} months.")),
              payload=result),
        Chart(chart_id="breakeven_volume_cost", title="Monthly cost vs volume",
              caption=("Monthly cost against monthly volume, log–log, at today's prices; the "
                       "fine-tuned line includes the one-off spread over the months to the "
                       "retrain" + (" and steps up where another GPU replica is needed"
                                    if serving == "gpu" else "")
                       + ". Dashed line: break-even; red line: this plan's volume."),
              payload=result),
        monthly_table,
        one_off_table,
    ]
    sources = breakeven.sources_used(inputs, catalog)
    if inputs.one_off.finetune_source == "training_plan":
        sources = unique(sources + training.sources_used(scenario.training, catalog))
    return ReportSection(planner_id="breakeven", title=TITLE, blocks=blocks,
                         key_figures=shown.summary_cards, recommendation=shown.recommendation,
                         sources=sources)
