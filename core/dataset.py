"""Dataset sizing planner: how many tokens, of what, and what the data costs.

Pure functions over the training plan's inputs (parameters, architecture,
tokens, fine-tuning examples), the dataset section (corpus mix, cost per
example) and the catalog; no I/O, no Qt. Seed 000 §1–§2:

* Chinchilla-optimal tokens = ~20 tokens per parameter (DeepMind 2022)
* 2026 practice: 100–60,000+ tokens per parameter; the seed's practical
  ranges by model size (7B, 32B, 80B, 130B rows)
* FLOPs = 6 · N · D (N active for MoE)
* synthetic examples $0.10–1.00 per 1K, human annotation $1–100 each;
  5,000+ fine-tuning examples recommended, fewer than 2,000 risks degradation
"""

from __future__ import annotations

import math
from functools import lru_cache
from typing import Any

from econplan.core import training
from econplan.core.assumptions import assumption
from econplan.core.catalog import Catalog
from econplan.core.dataset_inputs import CORPUS_CATEGORY_IDS, DatasetInputs
from econplan.core.errors import PlanError
from econplan.core.estimate import Estimate
from econplan.core.formatting import compact
from econplan.core.model_base import CoreModel
from econplan.core.provenance import CatalogRef, assumption_refs, cite, refs_for, unique
from econplan.core.training_inputs import TrainingInputs, TrainingMode

DATA_CURATION_ID = "data_curation"


class CorpusCategory(CoreModel):
    category_id: str
    label: str
    share: float
    tokens: float
    seed_share_low: float
    seed_share_high: float
    seed_tokens_low: float
    seed_tokens_high: float
    in_seed_range: bool
    source: str


class PracticalRange(CoreModel):
    """The seed row of 2026 practical token budgets used for the plan's model size."""

    size_id: str
    size_label: str
    row_params: float
    exact: bool
    rule: str
    tokens_low: float
    tokens_high: float
    tokens_per_param_low: float
    tokens_per_param_high: float
    tokens_per_param_qualifier: str
    chinchilla_tokens: float
    examples: str
    position: str  # where the plan's tokens sit: "below", "within" or "above"
    source: str
    as_of: str


class FinetuneDataset(CoreModel):
    examples: int
    tokens_per_example: int
    tokens: float
    epochs: float
    synthetic_share: float
    synthetic_examples: int
    human_examples: int
    synthetic_cost_usd: Estimate
    human_cost_usd: Estimate
    acquisition_cost_usd: Estimate
    recommended_examples: int
    degradation_below_examples: int
    source: str


class ReferenceModel(CoreModel):
    """A released model from the seed's over-training table, for the tokens-vs-params chart."""

    model_id: str
    model: str
    params: float
    flops_params: float
    tokens: float
    tokens_per_param: float
    vs_chinchilla: float
    moe: bool
    source: str
    as_of: str


class PracticalRow(CoreModel):
    size_id: str
    params: float
    tokens_low: float
    tokens_high: float


class DatasetResult(CoreModel):
    mode: TrainingMode
    mode_label: str
    is_finetune: bool
    architecture: str
    params: float
    flops_params: float
    pretraining_tokens: float
    training_tokens: float
    tokens_per_param: float
    chinchilla_tokens_per_param: float
    chinchilla_tokens: float
    multiple_over_chinchilla: float
    practical: PracticalRange
    flops: float
    corpus: list[CorpusCategory]
    finetune: FinetuneDataset
    data_cost_usd: Estimate | None
    data_cost_label: str
    data_cost_basis: str
    warnings: list[str]
    notes: list[str]
    references: list[ReferenceModel]
    practical_rows: list[PracticalRow]



def size_label(params: float) -> str:
    """7e9 -> '7B', 6e8 -> '600M' (the seed's size names)."""
    return compact(params)


@lru_cache(maxsize=8)
def chinchilla_tokens_per_param(catalog: Catalog) -> float:
    """The Chinchilla ratio (~20) as the seed's table gives it; every row states the same."""
    ratios = set(catalog.table("chinchilla_tokens")["tokens_per_param"].to_list())
    if len(ratios) != 1:
        raise PlanError(f"chinchilla_tokens holds several ratios: {sorted(ratios)}")
    return float(ratios.pop())


def chinchilla_tokens(params: float, ratio: float) -> float:
    return params * ratio


@lru_cache(maxsize=8)
def _practical_rows(catalog: Catalog) -> tuple[dict[str, Any], ...]:
    rows = catalog.table("recommended_dataset_sizes").sort("params").iter_rows(named=True)
    return tuple(rows)


def practical_row(catalog: Catalog, params: float) -> tuple[dict[str, Any], bool, str]:
    """The seed row for a model size and the rule that chose it.

    The seed gives rows for 7B, 32B, 80B and 130B only. For any other size the
    row whose size is nearest on a log scale is used, and the rule says so:
    no figure is interpolated or invented.
    """
    rows = _practical_rows(catalog)
    sizes = ", ".join(size_label(row["params"]) for row in rows)
    for row in rows:
        if math.isclose(row["params"], params, rel_tol=1e-9):
            return row, True, f"Seed row for {size_label(params)}."
    nearest = min(rows, key=lambda row: (abs(math.log(row["params"] / params)), row["params"]))
    label = size_label(nearest["params"])
    if params < rows[0]["params"]:
        where = f"below the smallest seed size: showing the {label} row"
    elif params > rows[-1]["params"]:
        where = f"above the largest seed size: showing the {label} row"
    else:
        where = f"showing the nearest seed size on a log scale, {label}"
    rule = (f"The seed has no row for {size_label(params)} ({where}); it gives rows for "
            f"{sizes} only.")
    return nearest, False, rule


def _practical_range(catalog: Catalog, flops_params: float, tokens: float,
                     moe: bool) -> PracticalRange:
    row, exact, rule = practical_row(catalog, flops_params)
    if moe:
        rule += " A mixture-of-experts model is matched by its active parameters (the seed's " \
                "rows are dense models)."
    if tokens < row["practical_tokens_low"]:
        position = "below"
    elif tokens > row["practical_tokens_high"]:
        position = "above"
    else:
        position = "within"
    return PracticalRange(
        size_id=row["size_id"],
        size_label=size_label(row["params"]),
        row_params=row["params"],
        exact=exact,
        rule=rule,
        tokens_low=row["practical_tokens_low"],
        tokens_high=row["practical_tokens_high"],
        tokens_per_param_low=row["tokens_per_param_low"],
        tokens_per_param_high=row["tokens_per_param_high"],
        tokens_per_param_qualifier=row["tokens_per_param_qualifier"] or "",
        chinchilla_tokens=row["chinchilla_tokens"],
        examples=row["examples"] or "",
        position=position,
        source=row["source"],
        as_of=row["as_of"],
    )


@lru_cache(maxsize=8)
def _corpus_rows(catalog: Catalog) -> dict[str, dict[str, Any]]:
    rows = {row["category_id"]: row
            for row in catalog.table("corpus_composition").iter_rows(named=True)}
    if tuple(rows) != CORPUS_CATEGORY_IDS:
        raise PlanError(
            f"corpus_composition categories {tuple(rows)} differ from {CORPUS_CATEGORY_IDS}")
    return rows


def corpus_tokens(inputs: DatasetInputs, tokens: float, catalog: Catalog) -> list[CorpusCategory]:
    rows = _corpus_rows(catalog)
    categories = []
    for category_id, share in inputs.corpus.as_dict().items():
        row = rows[category_id]
        low, high = row["share_low"], row["share_high"]
        categories.append(CorpusCategory(
            category_id=category_id,
            label=row["category"],
            share=share,
            tokens=share * tokens,
            seed_share_low=low,
            seed_share_high=high,
            seed_tokens_low=low * tokens,
            seed_tokens_high=high * tokens,
            in_seed_range=low - 1e-9 <= share <= high + 1e-9,
            source=cite(row),
        ))
    return categories


@lru_cache(maxsize=8)
def _acquisition_rows(catalog: Catalog) -> dict[str, dict[str, Any]]:
    return {row["method_id"]: row
            for row in catalog.table("data_acquisition_costs").iter_rows(named=True)}


def example_thresholds(catalog: Catalog) -> tuple[int, int, str]:
    """(recommended minimum, degradation threshold, citation) for a fine-tuning dataset."""
    row = _acquisition_rows(catalog)["min_viable_finetune_dataset"]
    return int(row["min_examples"]), int(row["degradation_below_examples"]), cite(row)


def finetune_dataset(training_inputs: TrainingInputs, inputs: DatasetInputs,
                     catalog: Catalog) -> FinetuneDataset:
    data = training_inputs.finetune
    synthetic = round(data.examples * inputs.finetune_synthetic_share)
    human = data.examples - synthetic
    synthetic_cost = Estimate.from_range(*(synthetic * end for end in (
        inputs.synthetic_usd_per_example.low, inputs.synthetic_usd_per_example.high)))
    human_cost = Estimate.from_range(*(human * end for end in (
        inputs.human_usd_per_example.low, inputs.human_usd_per_example.high)))
    recommended, degradation, source = example_thresholds(catalog)
    return FinetuneDataset(
        examples=data.examples,
        tokens_per_example=data.tokens_per_example,
        tokens=float(data.examples * data.tokens_per_example),
        epochs=data.epochs,
        synthetic_share=inputs.finetune_synthetic_share,
        synthetic_examples=synthetic,
        human_examples=human,
        synthetic_cost_usd=synthetic_cost,
        human_cost_usd=human_cost,
        acquisition_cost_usd=synthetic_cost + human_cost,
        recommended_examples=recommended,
        degradation_below_examples=degradation,
        source=source,
    )


@lru_cache(maxsize=8)
def reference_models(catalog: Catalog) -> tuple[ReferenceModel, ...]:
    """The seed's real-world over-training table (Qwen3 0.6B … Llama 3.1 405B)."""
    models = []
    for row in catalog.table("overtraining_ratios").iter_rows(named=True):
        moe = row["active_params"] is not None
        models.append(ReferenceModel(
            model_id=row["model_id"],
            model=row["model"],
            params=row["params"],
            flops_params=row["active_params"] if moe else row["params"],
            tokens=row["tokens"],
            tokens_per_param=row["tokens_per_param"],
            vs_chinchilla=row["vs_chinchilla"],
            moe=moe,
            source=row["source"],
            as_of=row["as_of"],
        ))
    return tuple(models)


def _pretraining_data_cost(training_inputs: TrainingInputs, catalog: Catalog,
                           training_result: training.TrainingResult | None
                           ) -> tuple[Estimate | None, str, str]:
    label = "Data curation & annotation"
    item = training_inputs.beyond_compute.data_curation
    if not item.enabled:
        return None, label, "excluded on the Training budget tab"
    try:
        result = training_result or training.plan(training_inputs, catalog)
    except PlanError as exc:
        return None, label, f"needs the compute bill, which cannot be planned: {exc}"
    line = next(line for line in result.lines if line.category_id == DATA_CURATION_ID)
    return line.cost_usd, line.label, f"{line.basis} (the Training budget's beyond-compute line)"


def _warnings(result_mode: TrainingMode, ratio: float, chinchilla: float,
              finetune: FinetuneDataset, references: tuple[ReferenceModel, ...],
              source: str) -> list[str]:
    warnings = []
    if result_mode.is_finetune:
        if finetune.examples < finetune.degradation_below_examples:
            warnings.append(
                f"{finetune.examples:,} examples: fewer than "
                f"{finetune.degradation_below_examples:,} risks degradation "
                f"({finetune.recommended_examples:,}+ recommended) — {finetune.source}.")
        elif finetune.examples < finetune.recommended_examples:
            warnings.append(
                f"{finetune.examples:,} examples: {finetune.recommended_examples:,}+ are "
                f"recommended for a fine-tuning dataset — {finetune.source}.")
        return warnings
    if ratio < chinchilla:
        warnings.append(
            f"{ratio:,.3g} tokens per parameter is below Chinchilla's ~{chinchilla:g}: the model "
            f"is under-trained for its size — {source}.")
    largest = max(references, key=lambda model: model.tokens_per_param, default=None)
    if largest is not None and ratio > largest.tokens_per_param:
        warnings.append(
            f"{ratio:,.0f} tokens per parameter is beyond the largest ratio the seed reports "
            f"({largest.model}, {largest.tokens_per_param:,.0f}).")
    return warnings


def plan(training_inputs: TrainingInputs, inputs: DatasetInputs, catalog: Catalog,
         training_result: training.TrainingResult | None = None) -> DatasetResult:
    """Dataset sizing of the training plan's inputs; a pre-training plan's data cost is the
    training plan's data-curation line, taken from ``training_result`` when the caller has
    already planned ``training_inputs`` (else planned here)."""
    mode = training_inputs.mode
    flops_params = training_inputs.flops_params
    moe = training_inputs.architecture == "moe"
    tokens = training_inputs.tokens
    ratio = tokens / flops_params
    chinchilla_ratio = chinchilla_tokens_per_param(catalog)
    optimal = chinchilla_tokens(flops_params, chinchilla_ratio)
    finetune = finetune_dataset(training_inputs, inputs, catalog)
    references = reference_models(catalog)
    chinchilla_source = cite(catalog.table("chinchilla_tokens").row(0, named=True))

    if mode.is_finetune:
        training_tokens = finetune.tokens
        flops = training.training_flops(flops_params, finetune.tokens * finetune.epochs)
        data_cost = finetune.acquisition_cost_usd
        data_label = "Data acquisition"
        data_basis = (f"{finetune.synthetic_examples:,} synthetic + {finetune.human_examples:,} "
                      "human-annotated examples × $/example")
    else:
        training_tokens = tokens
        flops = training.training_flops(flops_params, tokens)
        data_cost, data_label, data_basis = _pretraining_data_cost(training_inputs, catalog,
                                                                   training_result)

    practical = _practical_range(catalog, flops_params, tokens, moe)
    corpus = corpus_tokens(inputs, tokens, catalog)
    notes = [practical.rule]
    outside = [c for c in corpus if not c.in_seed_range]
    for category in outside:
        notes.append(
            f"{category.label}: {category.share:.1%} is outside the seed's typical "
            f"{category.seed_share_low:.0%}–{category.seed_share_high:.0%}.")
    return DatasetResult(
        mode=mode,
        mode_label=mode.label,
        is_finetune=mode.is_finetune,
        architecture=training_inputs.architecture,
        params=training_inputs.params,
        flops_params=flops_params,
        pretraining_tokens=tokens,
        training_tokens=training_tokens,
        tokens_per_param=ratio,
        chinchilla_tokens_per_param=chinchilla_ratio,
        chinchilla_tokens=optimal,
        multiple_over_chinchilla=tokens / optimal,
        practical=practical,
        flops=flops,
        corpus=corpus,
        finetune=finetune,
        data_cost_usd=data_cost,
        data_cost_label=data_label,
        data_cost_basis=data_basis,
        warnings=_warnings(mode, ratio, chinchilla_ratio, finetune, references,
                           chinchilla_source),
        notes=notes,
        references=list(references),
        practical_rows=list(practical_rows(catalog)),
    )


@lru_cache(maxsize=8)
def practical_rows(catalog: Catalog) -> tuple[PracticalRow, ...]:
    """The seed's 2026 practical token ranges by model size, for the chart."""
    return tuple(PracticalRow(size_id=row["size_id"], params=row["params"],
                              tokens_low=row["practical_tokens_low"],
                              tokens_high=row["practical_tokens_high"])
                 for row in _practical_rows(catalog))


def tokens_for_ratio(ratio: float, flops_params: float) -> float:
    """The token count a tokens-per-parameter ratio stands for (the ratio is never stored)."""
    return ratio * flops_params


def sources_used(training_inputs: TrainingInputs, inputs: DatasetInputs,
                 catalog: Catalog) -> list[CatalogRef]:
    """The catalog rows behind a dataset plan's figures, charts and defaults."""
    flops_params = training_inputs.flops_params
    chinchilla = catalog.table("chinchilla_tokens")
    same_size = [row["size_id"] for row in chinchilla.iter_rows(named=True)
                 if math.isclose(row["params"], flops_params, rel_tol=1e-9)]
    refs = refs_for(catalog, "chinchilla_tokens", "size_id",
                    same_size or [chinchilla.row(0, named=True)["size_id"]],
                    figure="Chinchilla-optimal ~20 tokens per parameter")
    refs += refs_for(catalog, "recommended_dataset_sizes", "size_id",
                     figure="2026 practical token range by model size")
    refs += refs_for(catalog, "overtraining_ratios", "model_id",
                     figure="Released model's tokens and parameters (chart)")
    if training_inputs.mode.is_finetune:
        refs += refs_for(catalog, "data_acquisition_costs", "method_id",
                         figure="Cost per example and minimum dataset size")
        refs += assumption_refs(catalog, "dataset.")
        refs += assumption_refs(catalog, "training.finetune.")
    else:
        refs += refs_for(catalog, "corpus_composition", "category_id",
                         figure="Typical share of the training corpus")
        refs += assumption_refs(catalog, "training.params")
        refs += assumption_refs(catalog, "training.tokens")
        if training_inputs.beyond_compute.data_curation.enabled:
            refs += refs_for(catalog, "beyond_compute_multipliers", "category_id",
                             [DATA_CURATION_ID], figure="Data curation multiplier of compute")
            try:
                gpu = training.gpu_row(catalog, training_inputs.gpu_id)
            except PlanError:
                gpu = None
            if gpu is not None:
                refs.append(CatalogRef(
                    table="gpus", key=training_inputs.gpu_id,
                    figure=f"{gpu['name']}: dense BF16 peak, price ranges (compute bill)",
                    source=gpu["source"], as_of=gpu["as_of"]))
            refs += assumption_refs(catalog, "training.mfu")
    return unique(refs)


# -- defaults ------------------------------------------------------------------------------

def default_corpus_shares(catalog: Catalog) -> dict[str, float]:
    """Midpoints of the seed's share ranges, scaled so the five sum to 100%.

    The midpoints (45, 20, 15, 12.5, 10%) sum to 102.5%; scaled, each stays
    inside the seed's own range.
    """
    rows = _corpus_rows(catalog)
    mids = {cid: (row["share_low"] + row["share_high"]) / 2 for cid, row in rows.items()}
    total = math.fsum(mids.values())
    shares = {cid: mid / total for cid, mid in mids.items()}
    largest = max(shares, key=shares.get)
    shares[largest] += 1.0 - math.fsum(shares.values())
    return shares


def default_payload(catalog: Catalog) -> dict[str, Any]:
    acquisition = _acquisition_rows(catalog)
    synthetic = acquisition["synthetic_api"]
    human = acquisition["human_annotation"]
    share = assumption(catalog, "finetune_synthetic_share")
    return {
        "corpus": default_corpus_shares(catalog),
        "finetune_synthetic_share": share["value_low"],
        "synthetic_usd_per_example": {"low": synthetic["usd_per_example_low"],
                                      "high": synthetic["usd_per_example_high"]},
        "human_usd_per_example": {"low": human["usd_per_example_low"],
                                  "high": human["usd_per_example_high"]},
    }


def default_sources(catalog: Catalog) -> dict[str, str]:
    sources = {}
    for category_id, row in _corpus_rows(catalog).items():
        sources[f"dataset.corpus.{category_id}"] = cite(row)
    acquisition = _acquisition_rows(catalog)
    sources["dataset.synthetic_usd_per_example"] = cite(acquisition["synthetic_api"])
    sources["dataset.human_usd_per_example"] = cite(acquisition["human_annotation"])
    return sources
