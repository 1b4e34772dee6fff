"""The Training budget section of the proposal."""

from __future__ import annotations

from econplan.core import training
from econplan.core.catalog import Catalog
from econplan.core.formatting import compact, range_text, scientific, usd, usd_range
from econplan.core.plan import Plan
from econplan.core.report_blocks import Block, Chart, Heading, Paragraph, ReportSection, Table
from econplan.core.scenario import Scenario
from econplan.core.training import TrainingResult
from econplan.core.training_presenter import present


def _training_inputs_table(scenario: Scenario, result: TrainingResult) -> Table:
    inputs = scenario.training
    rows: list[tuple[str, str]] = [
        ("Mode", result.mode_label),
        ("Architecture", "Mixture of experts" if inputs.architecture == "moe" else "Dense"),
        ("Parameters", compact(inputs.params)),
    ]
    if inputs.architecture == "moe":
        rows.append(("Active parameters", compact(inputs.active_params)))
    if inputs.mode.is_finetune:
        data = inputs.finetune
        rows += [
            ("Examples × tokens per example", f"{data.examples:,} × {data.tokens_per_example:,}"),
            ("Epochs", f"{data.epochs:g}"),
            ("Throughput per GPU", range_text(data.throughput_tokens_per_s.low,
                                              data.throughput_tokens_per_s.high) + " tokens/s"),
        ]
    else:
        rows += [("Training tokens", compact(inputs.tokens)),
                 ("MFU", range_text(inputs.mfu.low * 100, inputs.mfu.high * 100) + "%")]
    rows += [("GPU", f"{result.gpu_name} × {inputs.gpu_count:,}")]
    if inputs.pricing == "cloud":
        rows.append(("Cloud price per GPU-hour",
                     usd_range(inputs.usd_per_gpu_hour.low, inputs.usd_per_gpu_hour.high)))
    else:
        owned = inputs.owned
        rows.append(("Owned GPU", f"{usd_range(owned.purchase_usd.low, owned.purchase_usd.high)}"
                                  f" over {owned.life_years:g} years at "
                                  f"{owned.utilisation:.0%} utilisation"))
    for line in result.lines:
        if line.kind != "compute":
            rows.append((line.label, line.basis))
    return Table(table_id="training_inputs", title="Inputs", columns=["Input", "Value"],
                 rows=[list(r) for r in rows], values=[list(r) for r in rows])


def training_section(scenario: Scenario, plan: Plan, catalog: Catalog) -> ReportSection:
    result: TrainingResult = plan.require("training")
    shown = present(result)
    total = result.total_usd
    compute = result.compute_cost_usd
    blocks: list[Block] = [
        Heading(text="Training budget"),
        Paragraph(text=(
            f"{result.mode_label} of a {compact(scenario.training.params)}-parameter model: "
            f"{scientific(result.flops)} FLOPs on {scenario.training.gpu_count:,} × "
            f"{result.gpu_name}. Total {usd_range(total.low, total.high)} (base "
            f"{usd(total.base)}); compute {usd_range(compute.low, compute.high)}."
        )),
        _training_inputs_table(scenario, result),
        *shown.tables,
        Chart(chart_id="training_cost_breakdown", title="Cost breakdown",
              caption="Bars show the base estimate, whiskers the low–high range.",
              payload=result),
        Chart(chart_id="training_reference_runs", title="Plan vs reference runs",
              caption="Training FLOPs against cost, log-log; grey points are catalog runs "
                      "and the seed's cost-by-size estimates.",
              payload=result),
    ]
    blocks += [Paragraph(text=warning, style="warning") for warning in shown.warnings]
    return ReportSection(planner_id="training", title="Training budget", blocks=blocks,
                         key_figures=shown.summary_cards, recommendation=shown.recommendation,
                         sources=training.sources_used(scenario.training, catalog))
