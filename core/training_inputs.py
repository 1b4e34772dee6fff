"""Inputs of the Training budget planner (``scenario.training``)."""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import Field, model_validator

from core.model_base import FractionRange, InputModel, PositiveRange, Range


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


class OwnedHardware(InputModel):
    """An owned GPU priced as its purchase amortised over its useful life."""

    purchase_usd: Range
    life_years: Annotated[float, Field(gt=0, le=15)]
    utilisation: Annotated[float, Field(gt=0, le=1)]


class FineTuneData(InputModel):
    examples: Annotated[int, Field(ge=1, le=1_000_000_000)]
    tokens_per_example: Annotated[int, Field(ge=1, le=10_000_000)]
    epochs: Annotated[float, Field(gt=0, le=100)]
    throughput_tokens_per_s: PositiveRange = Field(
        description="Training tokens per second per GPU (low–high)"
    )


class BeyondComputeItem(InputModel):
    enabled: bool
    multiplier: Range


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
    hourly_rate_usd: Annotated[float, Field(gt=0, le=10_000)]
    data_preparation_hours: Range
    evaluation_hours: Range
    infrastructure_setup_hours: Range
    maintenance_hours_per_month: Range
    months_in_production: Annotated[int, Field(ge=0, le=120)]
    task_complexity: TaskComplexity
    training_runs: PositiveRange = Field(
        description="Complete training runs the project will need (iteration multiplier)"
    )


class TrainingInputs(InputModel):
    mode: TrainingMode
    architecture: Literal["dense", "moe"]
    params: Annotated[float, Field(ge=1e6, le=1e14, description="Total parameters")]
    active_params: Annotated[
        float, Field(ge=1e6, le=1e14, description="Parameters active per token (MoE)")
    ]
    tokens: Annotated[
        float, Field(ge=1e6, le=1e15, description="Pre-training or continued pre-training tokens")
    ]
    gpu_id: Annotated[str, Field(min_length=1, max_length=64)]
    gpu_count: Annotated[int, Field(ge=1, le=1_000_000)]
    mfu: FractionRange
    pricing: Literal["cloud", "owned"]
    usd_per_gpu_hour: Range
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
