"""The Dataset sizing section of the proposal."""

from __future__ import annotations

from econplan.core import dataset
from econplan.core.catalog import Catalog
from econplan.core.dataset import DatasetResult
from econplan.core.dataset_presenter import multiple, per_param, practical_name, present
from econplan.core.formatting import compact, range_text, scientific, usd, usd_range
from econplan.core.plan import Plan
from econplan.core.report_blocks import Block, Chart, Heading, Paragraph, ReportSection, Table
from econplan.core.scenario import Scenario

TITLE = "Dataset sizing"


def _inputs_table(scenario: Scenario, result: DatasetResult) -> Table:
    training_inputs = scenario.training
    rows: list[tuple[str, str]] = [
        ("Mode", result.mode_label),
        ("Architecture", "Mixture of experts" if result.architecture == "moe" else "Dense"),
        ("Parameters", compact(result.params)),
    ]
    if result.architecture == "moe":
        rows.append(("Active parameters", compact(result.flops_params)))
    if result.is_finetune:
        data = result.finetune
        inputs = scenario.dataset
        rows += [
            ("Examples", f"{data.examples:,}"),
            ("Tokens per example", f"{data.tokens_per_example:,}"),
            ("Epochs", f"{data.epochs:g}"),
            ("Synthetic share", f"{data.synthetic_share:.0%}"),
            ("Synthetic $ per example", usd_range(inputs.synthetic_usd_per_example.low,
                                                  inputs.synthetic_usd_per_example.high)),
            ("Human-annotated $ per example", usd_range(inputs.human_usd_per_example.low,
                                                        inputs.human_usd_per_example.high)),
        ]
    else:
        rows.append(("Training tokens", compact(result.pretraining_tokens)))
        rows += [(f"Corpus share: {c.label}", f"{c.share:.1%}") for c in result.corpus]
        curation = training_inputs.beyond_compute.data_curation
        rows.append(("Data curation & annotation",
                     "included (Training budget's beyond-compute line)" if curation.enabled
                     else "excluded on the Training budget tab"))
    return Table(table_id="dataset_inputs", title="Inputs", columns=["Input", "Value"],
                 rows=[list(r) for r in rows], values=[list(r) for r in rows])


def _summary(result: DatasetResult) -> str:
    size = compact(result.params)
    active = (f" ({compact(result.flops_params)} active)" if result.architecture == "moe"
              else "")
    cost = result.data_cost_usd
    if result.is_finetune:
        data = result.finetune
        text = (f"Fine-tuning dataset for a {size}-parameter model{active}: {data.examples:,} "
                f"examples × {data.tokens_per_example:,} tokens = {compact(data.tokens)} tokens, "
                f"{data.epochs:g} epochs, {scientific(result.flops)} training FLOPs. "
                f"{data.synthetic_examples:,} synthetic and {data.human_examples:,} "
                "human-annotated examples")
        if cost is not None:
            text += f" cost {usd_range(cost.low, cost.high)} (base {usd(cost.base)})."
        else:
            text += "."
        return text
    practical = result.practical
    text = (f"{result.mode_label} of a {size}-parameter model{active} on "
            f"{compact(result.training_tokens)} tokens: {per_param(result.tokens_per_param)} "
            f"tokens per parameter, {multiple(result.multiple_over_chinchilla)} the "
            f"Chinchilla-optimal {compact(result.chinchilla_tokens)} (~"
            f"{result.chinchilla_tokens_per_param:g} per parameter) and "
            f"{practical.position} the seed's 2026 practical range for "
            f"{practical_name(result)}, "
            f"{range_text(practical.tokens_low, practical.tokens_high)} tokens. "
            f"Training FLOPs {scientific(result.flops)}. ")
    if cost is not None:
        text += (f"{result.data_cost_label}: {usd_range(cost.low, cost.high)} (base "
                 f"{usd(cost.base)}), a line of the training budget.")
    else:
        text += f"{result.data_cost_label}: not estimated ({result.data_cost_basis})."
    return text


def dataset_section(scenario: Scenario, plan: Plan, catalog: Catalog) -> ReportSection:
    result: DatasetResult = plan.require("dataset")
    shown = present(result)
    *result_tables, cost_table = shown.tables
    blocks: list[Block] = [
        Heading(text=TITLE),
        Paragraph(text=_summary(result)),
        _inputs_table(scenario, result),
        *result_tables,
        cost_table,
    ]
    blocks += [Paragraph(text=warning, style="warning") for warning in shown.warnings]
    blocks += [Paragraph(text=note, style="note") for note in shown.notes]
    blocks += [
        Chart(chart_id="dataset_tokens_vs_params", title="Tokens vs parameters",
              caption=("Training tokens against parameters (active for MoE), log-log: the "
                       "seed's released models, the Chinchilla line (~"
                       f"{result.chinchilla_tokens_per_param:g} tokens per parameter) and the "
                       "seed's 2026 practical ranges by model size."),
              payload=result),
        Chart(chart_id="dataset_composition",
              title="Fine-tuning data cost" if result.is_finetune else "Corpus composition",
              caption=("Bars show the base cost of each kind of example, whiskers the low–high "
                       "range." if result.is_finetune else
                       "Bars show the plan's tokens per category, whiskers the seed's typical "
                       "share of the same token count."),
              payload=result),
    ]
    return ReportSection(planner_id="dataset", title=TITLE, blocks=blocks,
                         key_figures=shown.summary_cards, recommendation=shown.recommendation,
                         sources=dataset.sources_used(scenario.training, scenario.dataset,
                                                      catalog))
