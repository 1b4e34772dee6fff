"""The scenario: every planner input, bounded, saved as versioned JSON.

One ``Scenario`` is the single source of truth. Fields carry no defaults:
a file that lacks a value is an error naming the field, and fresh scenarios
come from :func:`core.defaults.default_scenario`, which reads the catalog so
each default has a source. Each planner's inputs live in their own module.
"""

from __future__ import annotations

from typing import Annotated, Literal

from econplan.core.breakeven_inputs import BreakevenInputs
from econplan.core.dataset_inputs import DatasetInputs
from econplan.core.model_base import FractionRange, InputModel, PositiveRange, Range
from econplan.core.planner_ids import PLANNER_IDS, PlannerId
from econplan.core.playbook_inputs import PlaybookInputs
from econplan.core.routing_inputs import RoutingInputs
from econplan.core.training_inputs import MODE_LABELS, TrainingInputs, TrainingMode
from pydantic import Field, field_validator

SCHEMA_VERSION = 5

__all__ = [
    "MODE_LABELS",
    "SCHEMA_VERSION",
    "FractionRange",
    "PositiveRange",
    "Range",
    "Scenario",
    "TrainingInputs",
    "TrainingMode",
]


class Scenario(InputModel):
    schema_version: Literal[5]
    name: Annotated[str, Field(min_length=1, max_length=200)]
    description: Annotated[str, Field(max_length=20_000)]
    organisation: Annotated[str, Field(max_length=200)]
    author: Annotated[str, Field(max_length=200)]
    # The planners this plan uses: a proposal includes these by default. The others
    # still compute (they share the scenario) but are not part of the plan's budget.
    planners: Annotated[list[PlannerId], Field(min_length=1, max_length=len(PLANNER_IDS))]
    training: TrainingInputs
    dataset: DatasetInputs
    playbook: PlaybookInputs
    routing: RoutingInputs
    breakeven: BreakevenInputs

    @field_validator("planners")
    @classmethod
    def _planners_once_in_order(cls, planners: list[PlannerId]) -> list[PlannerId]:
        if len(set(planners)) != len(planners):
            raise ValueError("each planner may be listed once")
        return [p for p in PLANNER_IDS if p in planners]
