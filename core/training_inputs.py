"""Inputs of the Training budget planner (``scenario.training``)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from econplan.core.model_base import MAX_HOURS, FractionRange, InputModel, bounded, range_type
from pydantic import Field, model_validator


class TrainingMode(StrEnum):
    PRETRAIN = "pretrain"
    CONTINUED_PRETRAIN = "continued_pretrain"
    FINETUNE_FULL = "finetune_full"
    FINETUNE_LORA = "finetune_lora"
    FINETUNE_QLORA = "finetune_qlora"

    @property
    def is_finetune(self) -> bool:
        return self.value.startswith("finetune")

    @property
    def label(self) -> str:
        return MODE_LABELS[self]


MODE_LABELS = {
    TrainingMode.PRETRAIN: "Pre-training from scratch",
    TrainingMode.CONTINUED_PRETRAIN: "Continued pre-training",
    TrainingMode.FINETUNE_FULL: "Fine-tuning (full)",
    TrainingMode.FINETUNE_LORA: "Fine-tuning (LoRA)",
    TrainingMode.FINETUNE_QLORA: "Fine-tuning (QLoRA)",
}


GpuHourPriceRange = range_type("GpuHourPriceRange", 0, 10_000, "USD per GPU-hour")
GpuPurchaseRange = range_type("GpuPurchaseRange", 0, 1e8, "USD per GPU")
MultiplierRange = range_type("MultiplierRange", 0, 100, "multiple of the compute bill")
HoursRange = range_type("HoursRange", 0, MAX_HOURS, "hours")
ThroughputRange = range_type("ThroughputRange", 0.01, 1e7, "tokens per second per GPU")
# At least the one run that produces the model.
TrainingRunsRange = range_type("TrainingRunsRange", 1, 100, "complete training runs")


class OwnedHardware(InputModel):
    """An owned GPU priced as its purchase amortised over its useful life."""

    purchase_usd: GpuPurchaseRange
    life_years: Annotated[float, bounded(0.25, 15, "Useful life in years")]
    utilisation: Annotated[float, bounded(0.01, 1, "Share of the life the GPU is busy")]


class FineTuneData(InputModel):
    examples: Annotated[int, bounded(1, 1_000_000_000, "Fine-tuning examples")]
    tokens_per_example: Annotated[int, bounded(1, 10_000_000, "Average tokens per example")]
    epochs: Annotated[float, bounded(0.01, 100, "Passes over the data")]
    throughput_tokens_per_s: ThroughputRange = Field(
        description="Training tokens per second per GPU (low–high)"
    )


class BeyondComputeItem(InputModel):
    enabled: bool
    multiplier: MultiplierRange


class BeyondCompute(InputModel):
    """Costs beyond compute as multiples of the compute bill (seed 000 §4)."""

    data_curation: BeyondComputeItem
    post_training: BeyondComputeItem
    talent: BeyondComputeItem
    failed_runs: BeyondComputeItem
    storage_infra: BeyondComputeItem


TaskComplexity = Literal["well_defined", "medium", "novel"]


class HiddenCosts(InputModel):
    """People-hours and iteration of a fine-tuning project (seed 003)."""

    enabled: bool
    hourly_rate_usd: Annotated[float, bounded(1, 10_000, "USD per engineer-hour")]
    data_preparation_hours: HoursRange
    evaluation_hours: HoursRange
    infrastructure_setup_hours: HoursRange
    maintenance_hours_per_month: HoursRange
    months_in_production: Annotated[int, bounded(0, 120, "Months the model is maintained")]
    task_complexity: TaskComplexity
    training_runs: TrainingRunsRange = Field(
        description="Complete training runs the project will need (iteration multiplier)"
    )


class TrainingInputs(InputModel):
    mode: TrainingMode
    architecture: Literal["dense", "moe"]
    params: Annotated[float, bounded(1e6, 1e14, "Total parameters")]
    active_params: Annotated[float, bounded(1e6, 1e14, "Parameters active per token (MoE)")]
    tokens: Annotated[
        float, bounded(1e6, 1e15, "Pre-training or continued pre-training tokens")
    ]
    gpu_id: Annotated[str, Field(min_length=1, max_length=64, description="A catalog GPU id")]
    gpu_count: Annotated[int, bounded(1, 1_000_000, "GPUs in the cluster")]
    mfu: FractionRange
    pricing: Literal["cloud", "owned"]
    usd_per_gpu_hour: GpuHourPriceRange
    owned: OwnedHardware
    finetune: FineTuneData
    beyond_compute: BeyondCompute
    hidden: HiddenCosts

    @model_validator(mode="after")
    def _active_not_above_total(self) -> TrainingInputs:
        if self.architecture == "moe" and self.active_params > self.params:
            raise ValueError(
                f"active_params ({self.active_params:.3g}) must not exceed params "
                f"({self.params:.3g}) for a mixture-of-experts model"
            )
        return self

    @property
    def flops_params(self) -> float:
        """Parameters that cost FLOPs per token: all of them, or the active ones (MoE)."""
        return self.active_params if self.architecture == "moe" else self.params
