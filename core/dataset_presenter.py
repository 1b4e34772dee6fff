"""What a person reads of a dataset result: cards, tables, notes, recommendation."""

from __future__ import annotations

from econplan.core.dataset import DatasetResult
from econplan.core.formatting import compact, range_text, scientific, usd, usd_range
from econplan.core.report_blocks import Card, Presentation, Table, estimate_row, make_table
from econplan.core.uncertainty import Uncertainty
from econplan.core.uncertainty_text import never_or, with_bands


def per_param(value: float) -> str:
    return f"{value:,.0f}" if value >= 10 else f"{value:,.3g}"


def multiple(value: float) -> str:
    return f"{value:,.3g}×"


def practical_name(result: DatasetResult) -> str:
    practical = result.practical
    return (f"{practical.size_label} models" if practical.exact
            else f"{practical.size_label} models (nearest seed row)")


def _token_table(result: DatasetResult) -> Table:
    """The plan's tokens against Chinchilla and the seed's 2026 practical range."""
    practical = result.practical
    qualifier = practical.tokens_per_param_qualifier
    row_name = f"{practical.size_label} row" + ("" if practical.exact else ", nearest")
    rows = [
        (["This plan", compact(result.training_tokens), per_param(result.tokens_per_param),
          multiple(result.multiple_over_chinchilla)],
         ["This plan", result.training_tokens, result.tokens_per_param,
          result.multiple_over_chinchilla]),
        (["Chinchilla-optimal", compact(result.chinchilla_tokens),
          per_param(result.chinchilla_tokens_per_param), multiple(1.0)],
         ["Chinchilla-optimal", result.chinchilla_tokens, result.chinchilla_tokens_per_param,
          1.0]),
        ([f"2026 practical, {row_name}: low", compact(practical.tokens_low),
          per_param(practical.tokens_per_param_low), "—"],
         [f"2026 practical, {row_name}: low", practical.tokens_low,
          practical.tokens_per_param_low, None]),
        ([f"2026 practical, {row_name}: high", compact(practical.tokens_high),
          per_param(practical.tokens_per_param_high) + qualifier, "—"],
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
        cells, raw = estimate_row(label, cost)
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
        cells, raw = estimate_row(result.data_cost_label, cost)
        cells, raw = [*cells, result.data_cost_basis], [*raw, result.data_cost_basis]
    return make_table("dataset_cost", "Data cost", ["Item", "Low", "Base", "High", "Basis"],
                      [(cells, raw)], [1, 2, 3])


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
            f"({multiple(result.multiple_over_chinchilla)} Chinchilla)")
    span = range_text(practical.tokens_low, practical.tokens_high)
    if result.tokens_per_param < result.chinchilla_tokens_per_param:
        text += ", fewer than Chinchilla-optimal: the model would be under-trained for its size."
    else:
        text += (f", {practical.position} the {span} tokens the seed gives as "
                 f"2026 practice for {practical_name(result)}.")
    if cost is not None:
        text += (f" Data curation and annotation take {usd_range(cost.low, cost.high)} of the "
                 "training budget.")
    return text


def _pretraining_cards(result: DatasetResult) -> list[Card]:
    practical = result.practical
    active = "active " if result.architecture == "moe" else ""
    return [
        Card(key="tokens", label="Training tokens", value=compact(result.pretraining_tokens),
             caption=(f"{result.tokens_per_param:,.0f} per param · "
                      f"{result.multiple_over_chinchilla:,.3g}× Chinchilla"),
             tooltip="The plan's token count."),
        Card(key="chinchilla", label="Chinchilla-optimal",
             value=compact(result.chinchilla_tokens),
             caption=(f"{result.chinchilla_tokens_per_param:g} per param × "
                      f"{compact(result.flops_params)} {active}params"),
             tooltip="~20 tokens per parameter (DeepMind 2022, in “Model Training Economics: "
                     "From Chinchilla to Vertical AI” §1)."),
        Card(key="practical",
             label=f"2026 practical · {practical.size_label}"
                   + ("" if practical.exact else " row"),
             value=range_text(practical.tokens_low, practical.tokens_high),
             caption=(f"{practical.tokens_per_param_low:,.0f}–"
                      f"{practical.tokens_per_param_high:,.0f}"
                      f"{practical.tokens_per_param_qualifier} per param · "
                      f"plan {practical.position}"),
             tooltip="The recommended dataset size for the model size (“Model Training "
                     "Economics: From Chinchilla to Vertical AI”)."),
    ]


def _finetune_cards(result: DatasetResult) -> list[Card]:
    data = result.finetune
    return [
        Card(key="tokens", label="Fine-tuning tokens", value=compact(data.tokens),
             caption=(f"{data.examples:,} examples × {data.tokens_per_example:,} tokens "
                      f"× {data.epochs:g} epochs"),
             tooltip="Examples × tokens per example × epochs."),
        Card(key="examples", label="Fine-tuning examples", value=f"{data.examples:,}",
             caption=(f"{data.synthetic_examples:,} synthetic · {data.human_examples:,} "
                      f"human · {data.recommended_examples:,}+ recommended"),
             tooltip="Synthetic and human-annotated examples."),
    ]


def _data_card(result: DatasetResult) -> Card:
    label = "Data acquisition" if result.is_finetune else "Data curation (in training)"
    tooltip = f"{result.data_cost_label}: {result.data_cost_basis}"
    cost = result.data_cost_usd
    if cost is None:
        return Card(key="data", label=label, value="—", caption=result.data_cost_basis,
                    tooltip=tooltip)
    return Card(key="data", label=label, value=usd(cost.base),
                range_text=usd_range(cost.low, cost.high), tooltip=tooltip)


def present(result: DatasetResult, *, tables: bool = True,
            uncertainty: Uncertainty | None = None) -> Presentation:
    """The dataset result as a person reads it.

    ``tables=False`` skips the result tables: a tab fills its own, and a slider tick
    should not build them."""
    cards = _finetune_cards(result) if result.is_finetune else _pretraining_cards(result)
    # Two significant digits, as the seed prints FLOPs (3.4 × 10²³); fits a narrow card.
    cards += [Card(key="flops", label="Training FLOPs", value=scientific(result.flops, digits=1),
                   caption="6·N·tokens·epochs" if result.is_finetune else "6·N·D",
                   tooltip="6 · N · D (N active for MoE)."),
              _data_card(result)]
    cards = with_bands(cards, uncertainty, {"data": ("dataset.data_cost_usd", never_or(usd))})
    if result.is_finetune:
        builders = [_finetune_table]
        # The planner's notes describe the pre-training corpus only.
        notes = []
    else:
        builders = [_token_table, _corpus_table]
        notes = [f"Practical range: {result.notes[0]}", *result.notes[1:]]
    notes.append(f"{result.data_cost_label}: {result.data_cost_basis}.")
    return Presentation(
        planner_id="dataset", cards=cards,
        summary_keys=["examples" if result.is_finetune else "tokens", "data"],
        tables=[build(result) for build in (*builders, _cost_table)] if tables else [],
        notes=notes, warnings=list(result.warnings),
        recommendation=_recommendation(result))
