"""Training budget planner: compute, GPU-hours, wall-clock and all-in cost.

Pure functions over ``TrainingInputs`` and the catalog; no I/O, no Qt.
Formulas (DESIGN.md, seeds 000 and 003):

* FLOPs = 6 · N · D (dense) or 6 · N_active · D (MoE)
* GPU-hours = FLOPs / (dense BF16 peak · MFU · 3600)
* fine-tune GPU-hours = tokens / throughput · epochs
* all-in = compute · (1 + Σ beyond-compute multipliers) + people-hours
"""

from __future__ import annotations

import math
from functools import lru_cache

from econplan.core.catalog import Catalog
from econplan.core.errors import PlanError
from econplan.core.estimate import Estimate, total
from econplan.core.model_base import CoreModel
from econplan.core.provenance import CatalogRef, assumption_refs, refs_for, unique
from econplan.core.scenario import Range, TrainingInputs, TrainingMode
from econplan.core.training_checks import (
    GoodputCheck,
    MemoryCheck,
    goodput_check,
    implied_mfu_check,
    memory_check,
)
from econplan.core.training_goodput import ImpliedMfu

SECONDS_PER_HOUR = 3600.0
HOURS_PER_YEAR = 24.0 * 365.0
FLOPS_PER_PARAM_TOKEN = 6.0

BEYOND_COMPUTE_IDS = ("data_curation", "post_training", "talent", "failed_runs", "storage_infra")


class CostLine(CoreModel):
    category_id: str
    label: str
    kind: str  # "compute" | "beyond_compute" | "people" | "ongoing"
    cost_usd: Estimate
    basis: str


class ReferencePoint(CoreModel):
    """A real training run or catalog estimate to set the plan beside."""

    label: str
    short_label: str
    kind: str  # "run" (a real training run) or "size_estimate" (seed cost-by-size row)
    flops: float
    cost_usd_low: float
    cost_usd_high: float
    basis: str
    table: str
    source: str
    as_of: str


class TrainingResult(CoreModel):
    mode: TrainingMode
    mode_label: str
    gpu_name: str
    training_tokens: float
    flops: float
    peak_tflops: float | None
    gpu_hours_per_run: Estimate
    training_runs: Estimate
    gpu_hours: Estimate
    wall_clock_days: Estimate
    usd_per_gpu_hour: Estimate
    compute_cost_usd: Estimate
    lines: list[CostLine]
    one_off_usd: Estimate
    ongoing_usd: Estimate
    total_usd: Estimate
    warnings: list[str]
    references: list[ReferencePoint]
    # Checks beside the budget (core.training_checks): memory per GPU (None when the GPU
    # has no datasheet figures), interruptions at the plan's scale, and the MFU implied
    # by reported GPU-hours (None when none were entered).
    memory: MemoryCheck | None
    goodput: GoodputCheck
    implied_mfu: ImpliedMfu | None


def training_flops(flops_params: float, tokens: float) -> float:
    return FLOPS_PER_PARAM_TOKEN * flops_params * tokens


def gpu_hours_from_flops(flops: float, peak_tflops: float, mfu: float) -> float:
    return flops / (peak_tflops * 1e12 * mfu * SECONDS_PER_HOUR)


def finetune_gpu_hours(tokens: float, throughput_tokens_per_s: float, epochs: float) -> float:
    return tokens / throughput_tokens_per_s / SECONDS_PER_HOUR * epochs


def owned_usd_per_gpu_hour(purchase_usd: float, life_years: float, utilisation: float) -> float:
    """Purchase price spread over the hours the GPU is actually busy in its life."""
    return purchase_usd / (life_years * HOURS_PER_YEAR * utilisation)


@lru_cache(maxsize=8)
def _gpus_by_id(catalog: Catalog) -> dict[str, dict]:
    # Built once per catalog: a polars filter per slider tick would cost more than the plan.
    return {row["gpu_id"]: row for row in catalog.table("gpus").iter_rows(named=True)}


def gpu_row(catalog: Catalog, gpu_id: str) -> dict:
    try:
        return _gpus_by_id(catalog)[gpu_id]
    except KeyError:
        raise PlanError(f"GPU {gpu_id!r} is not in the catalog") from None


@lru_cache(maxsize=8)
def measured_gemm_ceiling(catalog: Catalog) -> float | None:
    """Highest MFU measured for a dense BF16 GEMM on a real H100 (a physical upper bound)."""
    measurements = catalog.tables.get("gpu_measurements")
    if measurements is None:
        return None
    # A few rows: Python over them, not a polars filter (~5–10 ms of the first plan).
    gemm = [mfu for kind, mfu in zip(measurements["kind"].to_list(),
                                     measurements["mfu"].to_list(), strict=True)
            if kind == "gemm" and mfu is not None]
    return float(max(gemm)) if gemm else None


def span(low: float, high: float) -> str:
    """'3–28' for a range, '10' when both ends agree."""
    return f"{low:g}" if low == high else f"{low:g}–{high:g}"


def _range_estimate(value: Range) -> Estimate:
    return Estimate.from_range(value.low, value.high)


def _price_per_gpu_hour(inputs: TrainingInputs) -> tuple[Estimate, str]:
    if inputs.pricing == "cloud":
        return _range_estimate(inputs.usd_per_gpu_hour), "cloud rental $/GPU-hour"
    owned = inputs.owned

    def per_hour(purchase: float) -> float:
        return owned_usd_per_gpu_hour(purchase, owned.life_years, owned.utilisation)

    estimate = Estimate(
        low=per_hour(owned.purchase_usd.low),
        base=per_hour(owned.purchase_usd.mid),
        high=per_hour(owned.purchase_usd.high),
    )
    basis = (
        f"owned GPU amortised over {owned.life_years:g} years at "
        f"{owned.utilisation:.0%} utilisation"
    )
    return estimate, basis


def _gpu_hours_per_run(
    inputs: TrainingInputs, peak_tflops: float | None, gpu_name: str
) -> tuple[float, float, Estimate]:
    """Training tokens, nominal FLOPs and GPU-hours of one run."""
    if inputs.mode.is_finetune:
        data = inputs.finetune
        tokens = data.examples * data.tokens_per_example
        flops = training_flops(inputs.flops_params, tokens * data.epochs)
        throughput = data.throughput_tokens_per_s
        hours = Estimate(
            low=finetune_gpu_hours(tokens, throughput.high, data.epochs),
            base=finetune_gpu_hours(tokens, throughput.mid, data.epochs),
            high=finetune_gpu_hours(tokens, throughput.low, data.epochs),
        )
        return tokens, flops, hours
    if peak_tflops is None:
        raise PlanError(
            f"{gpu_name} has no dense BF16 peak in the catalog, so pre-training GPU-hours "
            "cannot be derived from FLOPs; pick another GPU"
        )
    flops = training_flops(inputs.flops_params, inputs.tokens)
    mfu = inputs.mfu
    hours = Estimate(
        low=gpu_hours_from_flops(flops, peak_tflops, mfu.high),
        base=gpu_hours_from_flops(flops, peak_tflops, mfu.mid),
        high=gpu_hours_from_flops(flops, peak_tflops, mfu.low),
    )
    return inputs.tokens, flops, hours


def _beyond_compute_lines(inputs: TrainingInputs, compute: Estimate, catalog: Catalog) -> list:
    labels = {}
    if "beyond_compute_multipliers" in catalog.tables:
        table = catalog.table("beyond_compute_multipliers")
        labels = dict(zip(table["category_id"], table["category"], strict=True))
    lines = []
    for category_id in BEYOND_COMPUTE_IDS:
        item = getattr(inputs.beyond_compute, category_id)
        if not item.enabled:
            continue
        lines.append(
            CostLine(
                category_id=category_id,
                label=labels.get(category_id, category_id.replace("_", " ").capitalize()),
                kind="beyond_compute",
                cost_usd=compute * _range_estimate(item.multiplier),
                basis=f"{span(item.multiplier.low, item.multiplier.high)}× compute",
            )
        )
    return lines


def _people_lines(inputs: TrainingInputs) -> list[CostLine]:
    hidden = inputs.hidden
    rate = hidden.hourly_rate_usd
    activities = (
        ("data_preparation", "Data preparation", hidden.data_preparation_hours),
        ("evaluation", "Evaluation development", hidden.evaluation_hours),
        ("infrastructure_setup", "Infrastructure setup", hidden.infrastructure_setup_hours),
    )
    lines = [
        CostLine(
            category_id=category_id,
            label=label,
            kind="people",
            cost_usd=_range_estimate(hours) * rate,
            basis=f"{span(hours.low, hours.high)} h × ${rate:,.0f}/h",
        )
        for category_id, label, hours in activities
    ]
    if hidden.months_in_production:
        monthly = hidden.maintenance_hours_per_month
        lines.append(
            CostLine(
                category_id="maintenance",
                label="Maintenance",
                kind="ongoing",
                cost_usd=_range_estimate(monthly) * (rate * hidden.months_in_production),
                basis=(
                    f"{span(monthly.low, monthly.high)} h/month × ${rate:,.0f}/h × "
                    f"{hidden.months_in_production} months"
                ),
            )
        )
    return lines


def _warnings(inputs: TrainingInputs, catalog: Catalog, wall_days: Estimate) -> list[str]:
    warnings = []
    ceiling = measured_gemm_ceiling(catalog)
    if not inputs.mode.is_finetune and ceiling is not None and inputs.mfu.high > ceiling:
        warnings.append(
            f"MFU {inputs.mfu.high:.0%} is above the {ceiling:.0%} a dense BF16 GEMM reached "
            "on a real H100 SXM (shared/measurements): not physically reachable for a "
            "training step."
        )
    if inputs.pricing == "cloud" and inputs.usd_per_gpu_hour.high == 0:
        warnings.append("Cloud price is $0/GPU-hour: compute is free in this plan.")
    if wall_days.high > 365:
        warnings.append(
            f"Wall-clock is up to {wall_days.high:,.0f} days on {inputs.gpu_count:,} GPUs; "
            "a larger cluster shortens it."
        )
    return warnings


@lru_cache(maxsize=8)
def reference_points(catalog: Catalog) -> tuple[ReferencePoint, ...]:
    """Catalog runs with both a FLOPs figure and a cost, for the log-log chart."""
    points: list[ReferencePoint] = []
    for table, cost_low, cost_high in (
        ("reference_runs", "compute_usd_low", "compute_usd_high"),
        ("known_training_costs", "cost_usd_low", "cost_usd_high"),
    ):
        if table not in catalog.tables:
            continue
        for row in catalog.table(table).iter_rows(named=True):
            params = row.get("active_params") or row.get("params")
            tokens = row.get("tokens")
            if not params or not tokens or row[cost_low] is None:
                continue
            year = f", {row['year']}" if row.get("year") else ""
            points.append(
                ReferencePoint(
                    label=f"{row['model']}{year}",
                    short_label=str(row["model"]),
                    kind="run",
                    flops=training_flops(params, tokens),
                    cost_usd_low=row[cost_low],
                    cost_usd_high=row[cost_high] if row[cost_high] is not None else row[cost_low],
                    basis=row.get("cost_basis") or "",
                    table=table,
                    source=row["source"],
                    as_of=row["as_of"],
                )
            )
    # The same run in two tables (Llama 3.1 405B: compute-only vs estimated) keeps both
    # points; their labels say which figure each is.
    by_flops: dict[float, list[int]] = {}
    for index, point in enumerate(points):
        by_flops.setdefault(round(point.flops, -20), []).append(index)
    for indices in by_flops.values():
        if len(indices) > 1:
            for index in indices:
                point = points[index]
                suffix = "compute" if point.table == "reference_runs" else "est."
                points[index] = point.model_copy(
                    update={"short_label": f"{point.short_label} · {suffix}"})
    if {"compute_cost_by_size", "training_flops_examples"} <= set(catalog.tables):
        flops_by_params = {
            row["params"]: row["flops"]
            for row in catalog.table("training_flops_examples").iter_rows(named=True)
            if row.get("architecture") == "dense"
        }
        for row in catalog.table("compute_cost_by_size").iter_rows(named=True):
            flops = flops_by_params.get(row["params"])
            if flops is None:
                continue
            points.append(
                ReferencePoint(
                    label=f"{row['params'] / 1e9:g}B (seed table)",
                    short_label=f"{row['params'] / 1e9:g}B",
                    kind="size_estimate",
                    flops=flops,
                    cost_usd_low=row["compute_usd_low"],
                    cost_usd_high=row["compute_usd_high"],
                    basis="compute-only estimate by model size",
                    table="compute_cost_by_size",
                    source=row["source"],
                    as_of=row["as_of"],
                )
            )
    return tuple(points)


def plan(inputs: TrainingInputs, catalog: Catalog) -> TrainingResult:
    gpu = gpu_row(catalog, inputs.gpu_id)
    peak = gpu.get("dense_bf16_tflops")
    peak_tflops = float(peak) if peak is not None and not math.isnan(peak) else None

    tokens, flops, hours_per_run = _gpu_hours_per_run(inputs, peak_tflops, gpu["name"])
    runs = (
        _range_estimate(inputs.hidden.training_runs)
        if inputs.mode.is_finetune and inputs.hidden.enabled
        else Estimate.exact(1.0)
    )
    gpu_hours = hours_per_run * runs
    wall_days = hours_per_run.scale(1 / (inputs.gpu_count * 24.0))
    price, price_basis = _price_per_gpu_hour(inputs)
    compute_per_run = hours_per_run * price
    compute = compute_per_run * runs

    run_word = "run" if runs.high == 1 else "runs"
    runs_text = span(runs.low, runs.high)
    lines = [
        CostLine(
            category_id="compute",
            label="Compute",
            kind="compute",
            cost_usd=compute,
            basis=f"GPU-hours × {price_basis}, {runs_text} {run_word}",
        )
    ]
    lines += _beyond_compute_lines(inputs, compute_per_run, catalog)
    if inputs.hidden.enabled:
        lines += _people_lines(inputs)

    one_off = total([line.cost_usd for line in lines if line.kind != "ongoing"])
    ongoing = total([line.cost_usd for line in lines if line.kind == "ongoing"])
    warnings = _warnings(inputs, catalog, wall_days)
    memory = memory_check(inputs, catalog)
    if memory is not None and memory.warning:
        warnings.append(memory.warning)
    interruptions = goodput_check(inputs, wall_days.base * 24.0, runs.base, price.base)
    implied = implied_mfu_check(inputs, flops, peak_tflops, interruptions.goodput.goodput)
    if implied is not None and implied.mfu > 1:
        warnings.append(
            f"The reported {inputs.reported_gpu_hours:,.0f} GPU-hours imply an MFU of "
            f"{implied.mfu:.0%}: fewer hours than this plan's FLOPs need at the GPU's peak.")
    return TrainingResult(
        mode=inputs.mode,
        mode_label=inputs.mode.label,
        gpu_name=gpu["name"],
        training_tokens=tokens,
        flops=flops,
        peak_tflops=peak_tflops,
        gpu_hours_per_run=hours_per_run,
        training_runs=runs,
        gpu_hours=gpu_hours,
        wall_clock_days=wall_days,
        usd_per_gpu_hour=price,
        compute_cost_usd=compute,
        lines=lines,
        one_off_usd=one_off,
        ongoing_usd=ongoing,
        total_usd=one_off + ongoing,
        warnings=warnings,
        references=list(reference_points(catalog)),
        memory=memory,
        goodput=interruptions,
        implied_mfu=implied,
    )


def sources_used(inputs: TrainingInputs, catalog: Catalog) -> list[CatalogRef]:
    """The catalog rows behind a training plan's figures and defaults."""
    gpu = gpu_row(catalog, inputs.gpu_id)
    refs = [CatalogRef(table="gpus", key=inputs.gpu_id,
                       figure=f"{gpu['name']}: dense BF16 peak, price ranges",
                       source=gpu["source"], as_of=gpu["as_of"])]
    if not inputs.mode.is_finetune:
        refs += refs_for(catalog, "gpu_measurements", "workload",
                         figure="Measured H100 SXM MFU (sanity bound)")
    refs += refs_for(catalog, "beyond_compute_multipliers", "category_id",
                     [c for c in BEYOND_COMPUTE_IDS
                      if getattr(inputs.beyond_compute, c).enabled],
                     figure="Beyond-compute multiplier")
    if inputs.hidden.enabled:
        refs += refs_for(catalog, "hidden_cost_activities", "activity_id",
                         figure="Hidden-cost activity hours")
        refs += refs_for(catalog, "iteration_multipliers", "complexity_id",
                         [inputs.hidden.task_complexity], figure="Iteration multiplier")
    refs += assumption_refs(catalog, "training.")
    refs += refs_for(catalog, "gpu_specs", "gpu_id", [inputs.gpu_id],
                     figure="GPU memory (memory check)")
    if inputs.memory.model_id:
        refs += refs_for(catalog, "model_architectures", "model_id", [inputs.memory.model_id],
                         figure="Layer shapes (memory check)")
    refs += refs_for(catalog, "training_interruptions", "report_id",
                     figure="Interruption rate (goodput defaults)")
    for table, key in (("reference_runs", "run_id"), ("known_training_costs", "model_id"),
                       ("compute_cost_by_size", "size_id")):
        refs += refs_for(catalog, table, key, figure="Reference run for comparison")
    return unique(refs)
