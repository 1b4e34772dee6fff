"""Inputs of the Vertical playbook planner (``scenario.playbook``).

A vertical model's first version is a list of phases, each with a duration
and a cost range; a phase may start before the previous one ends (its
``overlap_share`` of the previous phase's duration). After the first version
ships, the model is refreshed every quarter at an ongoing cost. The vertical
(finance, real estate, corporate intelligence, or a custom one) describes what
is built: base model, continued pre-training corpus, distillation targets,
data sources and the tasks it serves.
"""

from __future__ import annotations

import datetime as dt
from typing import Annotated

from econplan.core.model_base import InputModel, bounded, range_type
from pydantic import Field, model_validator

GENERIC_VERTICAL_ID = "generic"
CUSTOM_VERTICAL_ID = "custom"
MAX_PHASES = 8
MAX_MONTHS = 120.0
MAX_USD = 1e10

Identifier = Annotated[str, Field(pattern=r"^[a-z0-9_]+$", min_length=1, max_length=40)]
ShortText = Annotated[str, Field(max_length=300)]


MIN_MONTHS = 0.1  # about three days: a phase shorter than that is not a phase


MonthsRange = range_type("MonthsRange", MIN_MONTHS, MAX_MONTHS, "months")
UsdRange = range_type("UsdRange", 0, MAX_USD, "USD")


class PlaybookPhase(InputModel):
    phase_id: Identifier
    name: Annotated[str, Field(min_length=1, max_length=100)]
    deliverable: ShortText
    months: MonthsRange
    cost_usd: UsdRange
    overlap_share: Annotated[float, bounded(
        0, 1,
        "Share of the previous phase's duration during which this phase already "
        "runs (0 = starts when the previous one ends); ignored for the first phase")]


class VerticalTask(InputModel):
    """A task the vertical model serves, with its current and fine-tuned cost per unit."""

    task: Annotated[str, Field(min_length=1, max_length=120)]
    complexity: Annotated[str, Field(max_length=40)]
    unit: Annotated[str, Field(max_length=60, description="What one cost is for, e.g. 'M tokens'")]
    current_usd: UsdRange | None = Field(description="Current cost per unit (low–high), if stated")
    finetuned_usd: Annotated[float, bounded(0, MAX_USD, "USD per unit")] | None = Field(
        description="Cost per unit with the fine-tuned model, if stated")
    current_text: ShortText
    finetuned_text: ShortText


class VerticalProfile(InputModel):
    vertical_id: Identifier
    name: Annotated[str, Field(min_length=1, max_length=120)]
    base_model: ShortText
    cpt_tokens: Annotated[float, bounded(
        0, 1e15, "Continued pre-training corpus in tokens (0 = not stated)")]
    cpt_corpus: ShortText
    distill_targets: ShortText
    data_sources: Annotated[list[Annotated[str, Field(min_length=1, max_length=120)]],
                            Field(max_length=40)]
    tasks: Annotated[list[VerticalTask], Field(max_length=40)]


class PlaybookInputs(InputModel):
    start_date: Annotated[dt.date, Field(ge=dt.date(2000, 1, 1), le=dt.date(2100, 12, 31))]
    vertical: VerticalProfile
    phases: Annotated[list[PlaybookPhase], Field(min_length=1, max_length=MAX_PHASES)]
    ongoing_usd_per_quarter: UsdRange
    horizon_quarters: Annotated[int, bounded(1, 40, "Quarters shown after the first version")]

    @model_validator(mode="after")
    def _unique_phase_ids(self) -> PlaybookInputs:
        ids = [phase.phase_id for phase in self.phases]
        if len(set(ids)) != len(ids):
            raise ValueError(f"phase ids must be unique (got {', '.join(ids)})")
        return self
