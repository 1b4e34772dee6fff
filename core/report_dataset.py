"""The Dataset sizing section of the proposal."""

from __future__ import annotations

from typing import Any

from core import dataset
from core.catalog import Catalog
from core.dataset import DatasetResult
from core.formatting import compact, range_text, scientific, usd, usd_range
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

TITLE = "Dataset sizing"


def _per_param(value: float) -> str:
    return f"{value:,.0f}" if value >= 10 else f"{value:,.3g}"


def _multiple(value: float) -> str:
    return f"{value:,.3g}×"


def _practical_name(result: DatasetResult) -> str:
    practical = result.practical
    return (f"{practical.size_label} models" if practical.exact
            else f"{practical.size_label} models (nearest seed row)")


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


def _token_table(result: DatasetResult) -> Table:
    """The plan's tokens against Chinchilla and the seed's 2026 practical range."""
    practical = result.practical
    qualifier = practical.tokens_per_param_qualifier
    row_name = f"{practical.size_label} row" + ("" if practical.exact else ", nearest")
    rows = [
        (["This plan", compact(result.training_tokens), _per_param(result.tokens_per_param),
          _multiple(result.multiple_over_chinchilla)],
         ["This plan", result.training_tokens, result.tokens_per_param,
          result.multiple_over_chinchilla]),
        (["Chinchilla-optimal", compact(result.chinchilla_tokens),
          _per_param(result.chinchilla_tokens_per_param), _multiple(1.0)],
         ["Chinchilla-optimal", result.chinchilla_tokens, result.chinchilla_tokens_per_param,
          1.0]),
        ([f"2026 practical, {row_name}: low", compact(practical.tokens_low),
          _per_param(practical.tokens_per_param_low), "—"],
         [f"2026 practical, {row_name}: low", practical.tokens_low,
          practical.tokens_per_param_low, None]),
        ([f"2026 practical, {row_name}: high", compact(practical.tokens_high),
          _per_param(practical.tokens_per_param_high) + qualifier, "—"],
         [f"2026 practical, {row_name}: high", practical.tokens_high,
          practical.tokens_per_param_high, None]),
    ]
    return make_table("dataset_tokens", "Token budget",
                      ["Figure", "Tokens", "Tokens / parameter", "× Chinchilla"], rows,
                      [1, 2, 3])


def _corpus_table(result: DatasetResult) -> Table:
    rows = []
    for c in result.corpus:
        label = c.label + ("" if c.in_seed_range else " (outside the seed's range)")
        rows.append((
            [label, f"{c.share:.1%}", compact(c.tokens), f"{c.seed_share_low:.0%}",
             f"{c.seed_share_high:.0%}", compact(c.seed_tokens_low),
             compact(c.seed_tokens_high)],
            [label, c.share, c.tokens, c.seed_share_low, c.seed_share_high,
             c.seed_tokens_low, c.seed_tokens_high]))
    share = sum(c.share for c in result.corpus)
    tokens = sum(c.tokens for c in result.corpus)
    rows.append((["Total", f"{share:.1%}", compact(tokens), "", "", "", ""],
                 ["Total", share, tokens, None, None, None, None]))
    return make_table("dataset_corpus", "Corpus composition",
                      ["Category", "Share", "Tokens", "Seed share low", "Seed share high",
                       "Seed tokens low", "Seed tokens high"], rows, [1, 2, 3, 4, 5, 6])


def _finetune_table(result: DatasetResult) -> Table:
    data = result.finetune
    rows = []
    for label, count, cost in (
            ("Synthetic (API)", data.synthetic_examples, data.synthetic_cost_usd),
            ("Human-annotated", data.human_examples, data.human_cost_usd),
            ("Total", data.examples, data.acquisition_cost_usd)):
        cells, raw = estimate_row(label, cost.model_dump())
        rows.append(([cells[0], f"{count:,}", *cells[1:]], [raw[0], count, *raw[1:]]))
    return make_table("dataset_examples", "Fine-tuning examples",
                      ["Examples", "Count", "Cost low", "Cost base", "Cost high"], rows,
                      [1, 2, 3, 4])


def _cost_table(result: DatasetResult) -> Table:
    cost = result.data_cost_usd
    if cost is None:
        cells = [result.data_cost_label, "—", "—", "—", result.data_cost_basis]
        raw = [result.data_cost_label, None, None, None, result.data_cost_basis]
    else:
        cells, raw = estimate_row(result.data_cost_label, cost.model_dump())
        cells, raw = [*cells, result.data_cost_basis], [*raw, result.data_cost_basis]
    return make_table("dataset_cost", "Data cost", ["Item", "Low", "Base", "High", "Basis"],
                      [(cells, raw)], [1, 2, 3])


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
            f"{compact(result.training_tokens)} tokens: {_per_param(result.tokens_per_param)} "
            f"tokens per parameter, {_multiple(result.multiple_over_chinchilla)} the "
            f"Chinchilla-optimal {compact(result.chinchilla_tokens)} (~"
            f"{result.chinchilla_tokens_per_param:g} per parameter) and "
            f"{practical.position} the seed's 2026 practical range for "
            f"{_practical_name(result)}, "
            f"{range_text(practical.tokens_low, practical.tokens_high)} tokens. "
            f"Training FLOPs {scientific(result.flops)}. ")
    if cost is not None:
        text += (f"{result.data_cost_label}: {usd_range(cost.low, cost.high)} (base "
                 f"{usd(cost.base)}), a line of the training budget.")
    else:
        text += f"{result.data_cost_label}: not estimated ({result.data_cost_basis})."
    return text


def _recommendation(result: DatasetResult) -> str:
    cost = result.data_cost_usd
    if result.is_finetune:
        data = result.finetune
        text = (f"Acquire {data.examples:,} fine-tuning examples ({data.synthetic_examples:,} "
                f"synthetic, {data.human_examples:,} human-annotated)")
        if cost is not None:
            text += f" for {usd_range(cost.low, cost.high)} (base {usd(cost.base)})"
        if data.examples < data.degradation_below_examples:
            text += (f"; fewer than {data.degradation_below_examples:,} examples risks "
                     f"degradation, so grow the set to {data.recommended_examples:,}+.")
        elif data.examples < data.recommended_examples:
            text += f"; the seed recommends {data.recommended_examples:,}+ examples."
        else:
            text += (f", at least the {data.recommended_examples:,} examples the seed "
                     "recommends.")
        return text
    practical = result.practical
    text = (f"Plan {compact(result.training_tokens)} training tokens "
            f"({_multiple(result.multiple_over_chinchilla)} Chinchilla)")
    span = range_text(practical.tokens_low, practical.tokens_high)
    if result.tokens_per_param < result.chinchilla_tokens_per_param:
        text += ", fewer than Chinchilla-optimal: the model would be under-trained for its size."
    else:
        text += (f", {practical.position} the {span} tokens the seed gives as "
                 f"2026 practice for {_practical_name(result)}.")
    if cost is not None:
        text += (f" Data curation and annotation take {usd_range(cost.low, cost.high)} of the "
                 "training budget.")
    return text


def _key_figures(result: DatasetResult) -> list[KeyFigure]:
    cost = result.data_cost_usd
    if result.is_finetune:
        data = result.finetune
        figures = [KeyFigure(label="Fine-tuning data", value=f"{data.examples:,} examples",
                             detail=f"{compact(data.tokens)} tokens · "
                                    f"{data.recommended_examples:,}+ recommended")]
    else:
        figures = [KeyFigure(
            label="Training tokens", value=compact(result.training_tokens),
            detail=f"{_multiple(result.multiple_over_chinchilla)} Chinchilla · "
                   f"{_per_param(result.tokens_per_param)}/param")]
    label = "Data acquisition" if result.is_finetune else "Data curation (in training)"
    if cost is None:
        figures.append(KeyFigure(label=label, value="—", detail="not estimated"))
    else:
        figures.append(KeyFigure(label=label, value=usd(cost.base),
                                 detail=usd_range(cost.low, cost.high)))
    return figures


def dataset_section(scenario: Scenario, figures: dict[str, Any],
                    catalog: Catalog) -> ReportSection:
    data = figures["dataset"]
    result = DatasetResult.model_validate(data)
    blocks: list[Block] = [
        Heading(text=TITLE),
        Paragraph(text=_summary(result)),
        _inputs_table(scenario, result),
    ]
    if result.is_finetune:
        blocks.append(_finetune_table(result))
    else:
        blocks += [_token_table(result), _corpus_table(result)]
    blocks.append(_cost_table(result))
    blocks += [Paragraph(text=warning, style="warning") for warning in result.warnings]
    # The planner's notes: which seed row the practical range comes from, and corpus shares
    # outside the seed's ranges (they describe the pre-training corpus only).
    if not result.is_finetune:
        blocks += [Paragraph(text=note, style="note")
                   for note in (f"Practical range: {result.notes[0]}", *result.notes[1:])]
    blocks += [
        Chart(chart_id="dataset_tokens_vs_params", title="Tokens vs parameters",
              caption=("Training tokens against parameters (active for MoE), log-log: the "
                       "seed's released models, the Chinchilla line (~"
                       f"{result.chinchilla_tokens_per_param:g} tokens per parameter) and the "
                       "seed's 2026 practical ranges by model size."),
              payload=data),
        Chart(chart_id="dataset_composition",
              title="Fine-tuning data cost" if result.is_finetune else "Corpus composition",
              caption=("Bars show the base cost of each kind of example, whiskers the low–high "
                       "range." if result.is_finetune else
                       "Bars show the plan's tokens per category, whiskers the seed's typical "
                       "share of the same token count."),
              payload=data),
    ]
    return ReportSection(planner_id="dataset", title=TITLE, blocks=blocks,
                         key_figures=_key_figures(result),
                         recommendation=_recommendation(result),
                         sources=dataset.sources_used(scenario.training, scenario.dataset,
                                                      catalog))
