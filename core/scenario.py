"""The scenario: every planner input, bounded, saved as versioned JSON.

One ``Scenario`` is the single source of truth. Fields carry no defaults:
a file that lacks a value is an error naming the field, and fresh scenarios
come from :func:`core.defaults.default_scenario`, which reads the catalog so
each default has a source. Each planner's inputs live in their own module.
"""

from __future__ import annotations

from typing import Annotated, Literal

from pydantic import Field

from core.breakeven_inputs import BreakevenInputs
from core.dataset_inputs import DatasetInputs
from core.model_base import FractionRange, InputModel, PositiveRange, Range
from core.playbook_inputs import PlaybookInputs
from core.routing_inputs import RoutingInputs
from core.training_inputs import MODE_LABELS, TrainingInputs, TrainingMode

SCHEMA_VERSION = 4

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
    schema_version: Literal[4]
    name: Annotated[str, Field(min_length=1, max_length=200)]
    description: Annotated[str, Field(max_length=20_000)]
    training: TrainingInputs
    dataset: DatasetInputs
    playbook: PlaybookInputs
    routing: RoutingInputs
    breakeven: BreakevenInputs
