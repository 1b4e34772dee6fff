"""The Self-host break-even section of the proposal."""

from __future__ import annotations

from typing import Any

from core import breakeven, training
from core.catalog import Catalog, CatalogError
from core.formatting import compact, usd
from core.provenance import unique
from core.report_blocks import (
    Block,
    Chart,
    Heading,
    KeyFigure,
    Paragraph,
    ReportSection,
    Table,
    make_table,
)
from core.scenario import Scenario

TITLE = "Self-host break-even"
# The constraint reason that turned the cost-based choice into the recommendation.
_DECIDING_REASON = {
    "self_host_latency": "latency target rules the API out",
    "self_host_required": "Data may not leave the premises",
    "hosted_ft": "No ML/SRE capacity: use the vendor's hosted fine-tuning",
    "self_host": "Vendor portability matters: a model fine-tuned",
}


def _against(data: dict[str, Any]) -> str:
    return "the human process" if data["baseline"] == "human" else "the API"


def payback_text(data: dict[str, Any]) -> str:
    """Payback as the tab shows it: months, or days under a month, or "never"."""
    payback = data["payback_months"]
    if payback is None:
        return "never"
    if payback >= 1:
        return f"{payback:.1f} months"
    return f"{payback * data['days_per_month']:.0f} days"


def breakeven_text(volume: float | None) -> str:
    return "never" if volume is None else f"{compact(volume)}/month"


def roi_text(roi: float | None) -> str:
    return "—" if roi is None else f"{roi:,.0%}"


def _economic_choice(data: dict[str, Any], serving: str) -> str:
    payback = data["payback_months"]
    if data["monthly_savings_usd"] > 0 and payback is not None \
            and payback <= data["months_until_retrain"]:
        return "self_host" if serving == "gpu" else "hosted_ft"
    return "keep_human" if data["baseline"] == "human" else "api"


def deciding_reason(data: dict[str, Any], serving: str) -> str:
    """The planner's reason for its recommendation: the cost reason, or the constraint
    reason when a constraint changed the choice."""
    reasons = data["reasons"]
    choice = data["recommendation_id"]
    if choice != _economic_choice(data, serving) and choice in _DECIDING_REASON:
        for reason in reasons:
            if _DECIDING_REASON[choice] in reason:
                return reason
    return reasons[0] if reasons else ""


def _serving_text(scenario: Scenario, data: dict[str, Any], catalog: Catalog) -> str:
    host = scenario.breakeven.selfhost
    if host.serving == "hosted":
        return f"a vendor-hosted fine-tune at {usd(host.hosted_usd_per_query)} a query"
    replicas = data["replicas"]
    return (f"{replicas} {_gpu_name(host.gpu_id, catalog)} replica"
            f"{'s' if replicas != 1 else ''} at ${host.usd_per_gpu_hour:.4g}/GPU-hour")


def _gpu_name(gpu_id: str, catalog: Catalog) -> str:
    if not gpu_id:
        return "GPU"
    try:
        return catalog.row("gpus", "gpu_id", gpu_id)["name"]
    except CatalogError:
        return gpu_id


def _inputs_table(scenario: Scenario, data: dict[str, Any], catalog: Catalog) -> Table:
    inputs = scenario.breakeven
    api, host = inputs.api, inputs.selfhost
    rows: list[tuple[str, str]] = [
        ("Volume", f"{data['queries_per_month']:,.0f} queries a month "
                   f"({data['queries_per_day']:,.0f} a day on {data['days_per_month']:g}-day "
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
            f"own GPUs: {_gpu_name(host.gpu_id, catalog)} at ${host.usd_per_gpu_hour:.4g}/h, "
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
    rows.append(("Compared against", _against(data)))
    constraints = inputs.constraints
    active = [text for on, text in (
        (constraints.data_on_premises, "data must stay on the premises"),
        (constraints.latency_target, f"latency target {constraints.latency_target_ms:g} ms"),
        (constraints.no_ml_capacity, "no ML/SRE capacity"),
        (constraints.vendor_portability, "vendor portability matters"),
    ) if on]
    rows.append(("Constraints", "; ".join(active) or "none"))
    return Table(table_id="breakeven_inputs", title="Inputs", columns=["Input", "Value"],
                 rows=[list(r) for r in rows], values=[list(r) for r in rows])


def _headline_table(data: dict[str, Any]) -> Table:
    against = _against(data)
    rows = [
        (["API per query", usd(data["api_usd_per_query"]), data["api_price_basis"]],
         ["API per query", data["api_usd_per_query"], data["api_price_basis"]]),
        (["Fine-tuned per query (running)", usd(data["selfhost_usd_per_query"]),
          "monthly running cost ÷ queries"],
         ["Fine-tuned per query (running)", data["selfhost_usd_per_query"],
          "monthly running cost ÷ queries"]),
        (["Fine-tuned per query (with one-off)", usd(data["selfhost_all_in_usd_per_query"]),
          "including the one-off ÷ months to the retrain"],
         ["Fine-tuned per query (with one-off)", data["selfhost_all_in_usd_per_query"],
          "including the one-off ÷ months to the retrain"]),
    ]
    if data["human_usd_per_query"] is not None:
        rows.append((["Human process per task", usd(data["human_usd_per_query"]),
                      "hours per task × rate"],
                     ["Human process per task", data["human_usd_per_query"],
                      "hours per task × rate"]))
    volume = f"{compact(data['queries_per_month'])} queries"
    rows += [
        (["API per month", usd(data["api_monthly_usd"]), volume],
         ["API per month", data["api_monthly_usd"], volume]),
    ]
    if data["human_monthly_usd"] is not None:
        rows.append((["Human process per month", usd(data["human_monthly_usd"]), volume],
                     ["Human process per month", data["human_monthly_usd"], volume]))
    savings_basis = (f"{against} {usd(data['baseline_monthly_usd'])} − fine-tuned "
                     f"{usd(data['selfhost_monthly_usd'])} a month")
    breakeven_basis = (f"against {against}: fixed costs (with the one-off ÷ months to the "
                       "retrain) ÷ (baseline − fine-tuned cost per query)")
    rows += [
        (["Fine-tuned per month", usd(data["selfhost_monthly_usd"]), "running cost, table below"],
         ["Fine-tuned per month", data["selfhost_monthly_usd"], "running cost, table below"]),
        (["Monthly savings", usd(data["monthly_savings_usd"]), savings_basis],
         ["Monthly savings", data["monthly_savings_usd"], savings_basis]),
        (["Break-even volume", breakeven_text(data["breakeven_queries_per_month"]),
          breakeven_basis],
         ["Break-even volume (queries/month)", data["breakeven_queries_per_month"],
          breakeven_basis]),
    ]
    if data["baseline"] == "api" and data["human_breakeven_queries_per_month"] is not None:
        human = data["human_breakeven_queries_per_month"]
        rows.append((["Break-even against the human process", breakeven_text(human),
                      "same rule, human cost per task as the baseline"],
                     ["Break-even against the human process (queries/month)", human,
                      "same rule, human cost per task as the baseline"]))
    rows += [
        (["Payback", payback_text(data), data["amortisation"]],
         ["Payback (months)", data["payback_months"], data["amortisation"]]),
        (["First-year savings", usd(data["annual_savings_usd"]),
          "12 months of baseline − fine-tuned running cost, API prices declining"],
         ["First-year savings", data["annual_savings_usd"],
          "12 months of baseline − fine-tuned running cost, API prices declining"]),
        (["First-year ROI", roi_text(data["first_year_roi"]),
          f"(first-year savings − investment {usd(data['investment_usd'])}) ÷ investment"],
         ["First-year ROI", data["first_year_roi"],
          f"(first-year savings − investment {usd(data['investment_usd'])}) ÷ investment"]),
    ]
    if data["failure_cost_parity_usd"] is not None:
        basis = ("above this cost per failure the accuracy gap outweighs the inference "
                 "savings")
        rows.append((["Failure cost at parity", usd(data["failure_cost_parity_usd"]), basis],
                     ["Failure cost at parity", data["failure_cost_parity_usd"], basis]))
    return make_table("breakeven_headline", "Headline figures", ["Figure", "Value", "Basis"],
                      rows, [1])


def _lines_table(table_id: str, title: str, lines: list[dict[str, Any]],
                 total: tuple[str, float, str]) -> Table:
    rows = [([line["label"], usd(line["usd"]), line["basis"]],
             [line["label"], line["usd"], line["basis"]]) for line in lines]
    label, value, basis = total
    rows.append(([label, usd(value), basis], [label, value, basis]))
    return make_table(table_id, title, ["Line", "Cost", "Basis"], rows, [1])


def _summary(scenario: Scenario, data: dict[str, Any], catalog: Catalog) -> str:
    against = _against(data)
    text = (f"{compact(data['queries_per_month'])} queries a month "
            f"({compact(data['queries_per_day'])} a day). The API costs "
            f"{usd(data['api_usd_per_query'])} a query, {usd(data['api_monthly_usd'])} a month")
    if data["human_monthly_usd"] is not None:
        text += (f"; the human process {usd(data['human_usd_per_query'])} a task, "
                 f"{usd(data['human_monthly_usd'])} a month")
    text += (f"; the fine-tuned model, on {_serving_text(scenario, data, catalog)}, costs "
             f"{usd(data['selfhost_monthly_usd'])} a month after a one-off investment of "
             f"{usd(data['investment_usd'])}. ")
    savings = data["monthly_savings_usd"]
    if savings > 0:
        text += f"Against {against} it saves {usd(savings)} a month"
    else:
        text += f"Against {against} it costs {usd(-savings)} a month more"
    volume = data["breakeven_queries_per_month"]
    text += ("; no volume breaks even." if volume is None else
             f"; it breaks even at {compact(volume)} queries a month.")
    # When it saves nothing the amortisation line only repeats the monthly loss.
    return text + (f" {data['amortisation']}" if savings > 0 else "")


def breakeven_section(scenario: Scenario, figures: dict[str, Any],
                      catalog: Catalog) -> ReportSection:
    data = figures["breakeven"]
    inputs = scenario.breakeven
    serving = inputs.selfhost.serving
    tier = data["tier"]
    headline = data["recommendation"]
    months = data["months"][-1]
    crossover = data["crossover_month"]
    blocks: list[Block] = [
        Heading(text=TITLE),
        Paragraph(text=_summary(scenario, data, catalog)),
        Heading(level=2, text=f"Recommendation: {headline}"),
        *[Paragraph(text=f"• {reason}") for reason in data["reasons"]],
        Paragraph(text=(f"Volume tier (seed 004, computed against the API): {tier['label']} — "
                        f"{tier['verdict']}: {tier['reason']}. Tier bounds: "
                        f"{tier['seed_boundaries']}."), style="note"),
    ]
    blocks += [Paragraph(text=warning, style="warning") for warning in data["warnings"]]
    blocks += [
        _inputs_table(scenario, data, catalog),
        _headline_table(data),
        Chart(chart_id="breakeven_cumulative_cost", title="Cumulative cost",
              caption=(f"Cumulative cost over {months} months: the fine-tuned line starts at the "
                       f"one-off investment ({usd(data['investment_usd'])}) and steps up at each "
                       f"retrain ({usd(data['retrain_usd'])} every "
                       f"{data['months_until_retrain']:g} months); API prices fall "
                       f"{inputs.api_price_decline_per_year:.0%} a year. "
                       + (f"The lines cross at {crossover:.1f} months." if crossover is not None
                          else f"The lines do not cross within {months} months.")),
              payload=data),
        Chart(chart_id="breakeven_volume_cost", title="Monthly cost vs volume",
              caption=("Monthly cost against monthly volume, log–log, at today's prices; the "
                       "fine-tuned line includes the one-off spread over the months to the "
                       "retrain" + (" and steps up where another GPU replica is needed"
                                    if serving == "gpu" else "")
                       + ". Dashed line: break-even; red line: this plan's volume."),
              payload=data),
        _lines_table("breakeven_monthly", f"Monthly cost at {compact(data['queries_per_month'])} "
                     "queries", data["monthly_lines"],
                     ("Total fine-tuned per month", data["selfhost_monthly_usd"],
                      "sum of the lines above")),
        _lines_table("breakeven_one_off", "One-off investment", data["one_off_lines"],
                     ("Total investment", data["investment_usd"],
                      f"retraining repeats {usd(data['retrain_usd'])} every "
                      f"{data['months_until_retrain']:g} months; "
                      f"{usd(data['amortised_investment_usd'])} per month of life in the "
                      "break-even")),
    ]
    against = "human process" if data["baseline"] == "human" else "the API"
    payback = data["payback_months"]
    if data["pays_back_before_retrain"]:
        payback_value = payback_text(data)
        payback_detail = f"before the retrain at {data['months_until_retrain']:g} months"
    else:
        payback_value = "never amortises"
        if data["monthly_savings_usd"] <= 0:
            payback_detail = f"costs {usd(-data['monthly_savings_usd'])} a month more"
        elif payback is None:
            payback_detail = "API price decline erases the savings"
        else:
            payback_detail = (f"payback {payback_text(data)}, retrain at "
                              f"{data['months_until_retrain']:g}")
    key_figures = [
        KeyFigure(label="Break-even volume",
                  value=breakeven_text(data["breakeven_queries_per_month"]),
                  detail=f"vs {against}; plan {compact(data['queries_per_month'])}/month"),
        KeyFigure(label="Self-host payback", value=payback_value, detail=payback_detail),
        KeyFigure(label="First-year ROI", value=roi_text(data["first_year_roi"]),
                  detail=f"on a {usd(data['investment_usd'])} investment"),
    ]
    reason = deciding_reason(data, serving)
    recommendation = f"{headline}. {reason}".strip()
    sources = breakeven.sources_used(inputs, catalog)
    if inputs.one_off.finetune_source == "training_plan":
        sources = unique(sources + training.sources_used(scenario.training, catalog))
    return ReportSection(planner_id="breakeven", title=TITLE, blocks=blocks,
                         key_figures=key_figures, recommendation=recommendation,
                         sources=sources)
