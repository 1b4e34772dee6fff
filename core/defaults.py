"""A fresh scenario whose every default is read from the catalog, with its source.

``default_sources`` maps each scenario field path to the catalog source of its
default, so the window can cite it in the field's tooltip.
"""

from __future__ import annotations

from collections.abc import Collection
from typing import Any

from econplan.core import breakeven, dataset, playbook, routing
from econplan.core.assumptions import assumption
from econplan.core.catalog import Catalog
from econplan.core.planner_ids import PLANNER_IDS
from econplan.core.provenance import cite
from econplan.core.scenario import SCHEMA_VERSION, Scenario, TrainingMode
from econplan.core.training import BEYOND_COMPUTE_IDS
from econplan.core.training_goodput import interruption_defaults
from econplan.core.uncertainty_inputs import default_uncertainty_payload

DEFAULT_GPU_ID = "h100_sxm"



def gpu_price_values(catalog: Catalog, gpu_id: str) -> dict[str, float]:
    """Cloud $/hour and purchase ranges the catalog gives for a GPU (absent figures skipped)."""
    row = catalog.row("gpus", "gpu_id", gpu_id)
    values: dict[str, float] = {}
    if row["cloud_usd_per_hour_low"] is not None:
        values["training.usd_per_gpu_hour.low"] = row["cloud_usd_per_hour_low"]
        values["training.usd_per_gpu_hour.high"] = row["cloud_usd_per_hour_high"]
    if row["purchase_usd_low"] is not None:
        values["training.owned.purchase_usd.low"] = row["purchase_usd_low"]
        values["training.owned.purchase_usd.high"] = row["purchase_usd_high"]
    return values


def iteration_runs(catalog: Catalog, complexity_id: str) -> dict[str, float]:
    row = catalog.row("iteration_multipliers", "complexity_id", complexity_id)
    return {
        "training.hidden.training_runs.low": row["multiplier_low"],
        "training.hidden.training_runs.high": row["multiplier_high"],
    }


def _phase_hours(catalog: Catalog, phase: str, column: str) -> tuple[float, float]:
    # Over the rows in Python: a dozen rows, and a polars filter and sum cost ~5–10 ms
    # each time (four of them were a tenth of building the default scenario).
    rows = [row for row in catalog.table("hidden_cost_activities").iter_rows(named=True)
            if row["phase"] == phase]
    low = sum(row[f"{column}_low"] or 0.0 for row in rows)
    high = sum(row[f"{column}_high"] or 0.0 for row in rows)
    return float(low), float(high)


def estimated_throughput(peak_tflops: float, mfu: float, flops_params: float) -> float:
    """Training tokens/s per GPU implied by 6·N FLOPs per token at a given MFU."""
    return peak_tflops * 1e12 * mfu / (6.0 * flops_params)


def default_sources(catalog: Catalog,
                    sections: Collection[str] | None = None) -> dict[str, str]:
    """Each field path's catalog citation; of the paths in ``sections`` only when given
    (the same entries: a tab asks for its own sections and leaves the tables the other
    planners cite unread until their tabs are built)."""
    def wanted(section: str) -> bool:
        return sections is None or section in sections

    sources: dict[str, str] = {}
    assumptions = catalog.table("planner_assumptions")
    for row in assumptions.iter_rows(named=True):
        for path in (p.strip() for p in str(row["applies_to"]).split(";")):
            if wanted(path.split(".", 1)[0]):
                sources[path] = cite(row)
    if wanted("training"):
        sources.update(_training_sources(catalog))
    for section, planner in (("dataset", dataset), ("playbook", playbook),
                             ("routing", routing), ("breakeven", breakeven)):
        if wanted(section):
            sources.update(planner.default_sources(catalog))
    return sources


def _training_sources(catalog: Catalog) -> dict[str, str]:
    sources: dict[str, str] = {}
    gpu = catalog.row("gpus", "gpu_id", DEFAULT_GPU_ID)
    for path in ("training.gpu_id", "training.usd_per_gpu_hour", "training.owned.purchase_usd"):
        sources[path] = cite(gpu)
    for row in catalog.table("beyond_compute_multipliers").iter_rows(named=True):
        sources[f"training.beyond_compute.{row['category_id']}"] = cite(row)
    hidden = catalog.table("hidden_cost_activities").row(0, named=True)
    for field in ("data_preparation_hours", "evaluation_hours", "infrastructure_setup_hours",
                  "maintenance_hours_per_month"):
        sources[f"training.hidden.{field}"] = cite(hidden)
    iteration = catalog.table("iteration_multipliers").row(0, named=True)
    sources["training.hidden.training_runs"] = cite(iteration)
    sources["training.hidden.task_complexity"] = cite(iteration)
    report = catalog.row("training_interruptions", "report_id", "llama3_405b_pretraining")
    sources["training.goodput"] = cite(report)
    return sources


def default_scenario(catalog: Catalog) -> Scenario:
    def low_high(assumption_id: str) -> dict[str, float]:
        row = assumption(catalog, assumption_id)
        return {"low": row["value_low"], "high": row["value_high"]}

    def value(assumption_id: str) -> float:
        return assumption(catalog, assumption_id)["value_low"]

    gpu = catalog.row("gpus", "gpu_id", DEFAULT_GPU_ID)
    params = value("params")
    mfu = low_high("mfu")
    multipliers = {
        row["category_id"]: row
        for row in catalog.table("beyond_compute_multipliers").iter_rows(named=True)
    }
    complexity = "medium"
    runs = iteration_runs(catalog, complexity)
    throughput = {
        end: estimated_throughput(gpu["dense_bf16_tflops"], mfu[end], params)
        for end in ("low", "high")
    }

    def hours_range(phase: str, column: str) -> dict[str, float]:
        low, high = _phase_hours(catalog, phase, column)
        return {"low": low, "high": high}

    payload = {
        "schema_version": SCHEMA_VERSION,
        "name": "Untitled plan",
        "description": "",
        "organisation": "",
        "author": "",
        "planners": list(PLANNER_IDS),
        "training": {
            "mode": TrainingMode.PRETRAIN,
            "architecture": "dense",
            "params": params,
            "active_params": params,
            "tokens": value("tokens"),
            "gpu_id": DEFAULT_GPU_ID,
            "gpu_count": int(value("gpu_count")),
            "mfu": mfu,
            "pricing": "cloud",
            "usd_per_gpu_hour": {
                "low": gpu["cloud_usd_per_hour_low"], "high": gpu["cloud_usd_per_hour_high"],
            },
            "owned": {
                "purchase_usd": {"low": gpu["purchase_usd_low"], "high": gpu["purchase_usd_high"]},
                "life_years": value("owned_life_years"),
                "utilisation": value("owned_utilisation"),
            },
            "finetune": {
                "examples": int(value("finetune_examples")),
                "tokens_per_example": int(value("tokens_per_example")),
                "epochs": value("epochs"),
                "throughput_tokens_per_s": throughput,
            },
            "beyond_compute": {
                category_id: {
                    "enabled": True,
                    "multiplier": {
                        "low": multipliers[category_id]["multiplier_low"],
                        "high": multipliers[category_id]["multiplier_high"],
                    },
                }
                for category_id in BEYOND_COMPUTE_IDS
            },
            "hidden": {
                "enabled": False,
                "hourly_rate_usd": value("hourly_rate_usd"),
                "data_preparation_hours": hours_range("data_preparation", "setup_hours"),
                "evaluation_hours": hours_range("evaluation", "setup_hours"),
                "infrastructure_setup_hours": hours_range("infrastructure", "setup_hours"),
                "maintenance_hours_per_month": hours_range("infrastructure", "monthly_hours"),
                "months_in_production": int(value("months_in_production")),
                "task_complexity": complexity,
                "training_runs": {
                    "low": runs["training.hidden.training_runs.low"],
                    "high": runs["training.hidden.training_runs.high"],
                },
            },
            "memory": default_memory_payload(),
            "goodput": default_goodput_payload(catalog),
            "reported_gpu_hours": 0.0,
        },
        "dataset": dataset.default_payload(catalog),
        "playbook": playbook.default_payload(catalog),
        "routing": routing.default_inputs_payload(catalog),
        "breakeven": breakeven.default_inputs_payload(catalog),
        "uncertainty": default_uncertainty_payload(),
    }
    return Scenario.model_validate(payload)


def default_memory_payload() -> dict[str, Any]:
    """Fully sharded data parallelism (ZeRO stage 3 / FSDP) with mixed-precision AdamW and
    activation checkpointing (full recomputation): the usual setup of FSDP and QLoRA
    recipes, and the one that lets a run without tensor or pipeline parallelism (which
    the memory check does not model) hold large models; the shapes come from the
    closest catalog architecture."""
    return {"model_id": "", "zero_stage": 3, "optimizer": "adamw", "micro_batch": 1,
            "sequence_length": 4096, "recompute": "full", "lora_rank": 16}


def default_goodput_payload(catalog: Catalog) -> dict[str, Any]:
    """The Llama 3 405B run's interruption rate; the report gives no restart time or
    checkpoint interval, so they are set to the largest pair (restart = half the interval)
    that still meets its reported effective training time on its own 16,384 GPUs."""
    report = interruption_defaults(catalog)
    lost = report.max_lost_hours_per_interruption
    return {"interruptions_per_1000_gpu_days": report.interruptions_per_1000_gpu_days,
            "restart_hours": lost / 2, "checkpoint_interval_hours": lost,
            "checkpoint_save_hours": 0.0}


def mode_switch_values(mode: TrainingMode) -> dict[str, Any]:
    """Cost families that fit a mode: multipliers for pre-training, people-hours for fine-tuning.

    The seed's beyond-compute multipliers describe pre-training from scratch;
    a fine-tuning project's hidden costs are hours (seed 003). Either can be
    switched back on by hand afterwards.
    """
    finetune = TrainingMode(mode).is_finetune
    values: dict[str, Any] = {
        "training.mode": TrainingMode(mode),
        "training.hidden.enabled": finetune,
    }
    for category_id in BEYOND_COMPUTE_IDS:
        values[f"training.beyond_compute.{category_id}.enabled"] = not finetune
    return values


def reference_model_values(catalog: Catalog, model_id: str) -> dict[str, Any]:
    """Size, architecture and training tokens of a real model from the over-training table."""
    row = catalog.row("overtraining_ratios", "model_id", model_id)
    moe = row["active_params"] is not None
    return {
        "training.architecture": "moe" if moe else "dense",
        "training.params": row["params"],
        "training.active_params": row["active_params"] if moe else row["params"],
        "training.tokens": row["tokens"],
    }
