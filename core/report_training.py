"""The Training budget section of the proposal."""

from __future__ import annotations

from typing import Any

from core import training
from core.catalog import Catalog
from core.formatting import compact, duration_days, range_text, scientific, usd, usd_range
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
from core.training import TrainingResult


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


def training_section(scenario: Scenario, figures: dict[str, Any],
                     catalog: Catalog) -> ReportSection:
    data = figures["training"]
    result = TrainingResult.model_validate(data)
    headline = make_table(
        "training_headline", "Headline figures", ["Figure", "Low", "Base", "High"],
        [
            estimate_row("GPU-hours", data["gpu_hours"], compact),
            estimate_row("Wall-clock per run", data["wall_clock_days"], duration_days),
            estimate_row("Price per GPU-hour", data["usd_per_gpu_hour"]),
            estimate_row("Compute cost", data["compute_cost_usd"]),
            estimate_row("One-off total", data["one_off_usd"]),
            estimate_row("Ongoing total", data["ongoing_usd"]),
            estimate_row("Total", data["total_usd"]),
        ],
        [1, 2, 3],
    )
    breakdown_rows = []
    for line in data["lines"]:
        cells, raw = estimate_row(line["label"], line["cost_usd"])
        breakdown_rows.append(([*cells, line["basis"]], [*raw, line["basis"]]))
    breakdown = make_table("training_breakdown", "Cost breakdown",
                       ["Category", "Low", "Base", "High", "Basis"], breakdown_rows, [1, 2, 3])
    total = result.total_usd
    compute = result.compute_cost_usd
    wall = result.wall_clock_days
    blocks: list[Block] = [
        Heading(text="Training budget"),
        Paragraph(text=(
            f"{result.mode_label} of a {compact(scenario.training.params)}-parameter model: "
            f"{scientific(result.flops)} FLOPs on {scenario.training.gpu_count:,} × "
            f"{result.gpu_name}. Total {usd_range(total.low, total.high)} (base "
            f"{usd(total.base)}); compute {usd_range(compute.low, compute.high)}."
        )),
        _training_inputs_table(scenario, result),
        headline,
        breakdown,
        Chart(chart_id="training_cost_breakdown", title="Cost breakdown",
              caption="Bars show the base estimate, whiskers the low–high range.",
              payload=data),
        Chart(chart_id="training_reference_runs", title="Plan vs reference runs",
              caption="Training FLOPs against cost, log-log; grey points are catalog runs "
                      "and the seed's cost-by-size estimates.",
              payload=data),
    ]
    blocks += [Paragraph(text=warning, style="warning") for warning in result.warnings]
    compute_share = result.compute_cost_usd.base / total.base if total.base else 0
    others = [line for line in result.lines if line.kind != "compute"]
    largest = max(others, key=lambda line: line.cost_usd.base, default=None)
    recommendation = (
        f"Budget {usd_range(total.low, total.high)} for training (base {usd(total.base)}); "
        f"compute is {compute_share:.0%} of the base"
        + (f", and the largest other line is {largest.label.lower()} "
           f"({usd(largest.cost_usd.base)})." if largest else ".")
    )
    key_figures = [
        KeyFigure(label="Training budget", value=usd(total.base),
                  detail=usd_range(total.low, total.high)),
        KeyFigure(label="Training timeline", value=duration_days(result.wall_clock_days.base),
                  detail=f"{range_text(wall.low, wall.high, duration_days)} per run"),
    ]
    return ReportSection(planner_id="training", title="Training budget", blocks=blocks,
                         key_figures=key_figures, recommendation=recommendation,
                         sources=training.sources_used(scenario.training, catalog))
