"""The scenario: every planner input, bounded, saved as versioned JSON.

One ``Scenario`` is the single source of truth. Fields carry no defaults:
a file that lacks a value is an error naming the field, and fresh scenarios
come from :func:`core.defaults.default_scenario`, which reads the catalog so
each default has a source.
"""

from __future__ import annotations

from enum import StrEnum
from typing import Annotated, Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

SCHEMA_VERSION = 1


class _Model(BaseModel):
    # extra="forbid": a misspelt key in a hand-edited file is an error, not ignored.
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Range(_Model):
    """A low–high pair of non-negative numbers; ranges are never collapsed."""

    low: Annotated[float, Field(ge=0, allow_inf_nan=False)]
    high: Annotated[float, Field(ge=0, allow_inf_nan=False)]

    @model_validator(mode="after")
    def _ordered(self) -> Range:
        if self.low > self.high:
            raise ValueError(f"low ({self.low:g}) must not exceed high ({self.high:g})")
        return self

    @property
    def mid(self) -> float:
        return (self.low + self.high) / 2


class FractionRange(Range):
    """A range of fractions in (0, 1], e.g. model FLOPs utilisation."""

    low: Annotated[float, Field(gt=0, le=1, allow_inf_nan=False)]
    high: Annotated[float, Field(gt=0, le=1, allow_inf_nan=False)]


class PositiveRange(Range):
    low: Annotated[float, Field(gt=0, allow_inf_nan=False)]
    high: Annotated[float, Field(gt=0, allow_inf_nan=False)]


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


class OwnedHardware(_Model):
    """An owned GPU priced as its purchase amortised over its useful life."""

    purchase_usd: Range
    life_years: Annotated[float, Field(gt=0, le=15)]
    utilisation: Annotated[float, Field(gt=0, le=1)]


class FineTuneData(_Model):
    examples: Annotated[int, Field(ge=1, le=1_000_000_000)]
    tokens_per_example: Annotated[int, Field(ge=1, le=10_000_000)]
    epochs: Annotated[float, Field(gt=0, le=100)]
    throughput_tokens_per_s: PositiveRange = Field(
        description="Training tokens per second per GPU (low–high)"
    )


class BeyondComputeItem(_Model):
    enabled: bool
    multiplier: Range


class BeyondCompute(_Model):
    """Costs beyond compute as multiples of the compute bill (seed 000 §4)."""

    data_curation: BeyondComputeItem
    post_training: BeyondComputeItem
    talent: BeyondComputeItem
    failed_runs: BeyondComputeItem
    storage_infra: BeyondComputeItem


TaskComplexity = Literal["well_defined", "medium", "novel"]


class HiddenCosts(_Model):
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


class TrainingInputs(_Model):
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


class Scenario(_Model):
    schema_version: Literal[1]
    name: Annotated[str, Field(min_length=1, max_length=200)]
    description: Annotated[str, Field(max_length=20_000)]
    training: TrainingInputs
