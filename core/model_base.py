"""Shared building blocks of the scenario's input models: strict models and ranges."""

from __future__ import annotations

from typing import Annotated

from pydantic import BaseModel, ConfigDict, Field, model_validator


class InputModel(BaseModel):
    # extra="forbid": a misspelt key in a hand-edited file is an error, not ignored.
    model_config = ConfigDict(extra="forbid", validate_assignment=True)


class Range(InputModel):
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
