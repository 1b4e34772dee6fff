"""Inputs of the Routing overspend planner (``scenario.routing``).

The seed's fourteen roles keep their per-worker costs in the catalog; the
scenario holds only what the organisation decides: head-counts, the model
categories it will route to (price point and quality), the quality bar each
complexity level needs, the year, and roles and tasks of its own.
"""

from __future__ import annotations

from typing import Annotated, Literal

from econplan.core.model_base import InputModel, bounded
from pydantic import Field, model_validator

Complexity = Literal["simple", "medium", "hard", "frontier"]
COMPLEXITIES: tuple[Complexity, ...] = ("simple", "medium", "hard", "frontier")
COMPLEXITY_LABELS = {"simple": "Simple", "medium": "Medium", "hard": "Hard",
                     "frontier": "Frontier"}

FIRST_YEAR = 2024
LAST_YEAR = 2030

Name = Annotated[str, Field(min_length=1, max_length=80)]
HeadCount = Annotated[int, bounded(0, 10_000_000, "workers")]


class RoleHeadcount(InputModel):
    """How many workers the organisation has in one of the catalog's roles."""

    role_id: Annotated[str, Field(min_length=1, max_length=64)]
    headcount: HeadCount


class CustomRole(InputModel):
    """A role the seed does not list; its cost comes from the tasks assigned to it."""

    name: Name
    headcount: HeadCount


class CustomTask(InputModel):
    """A task of the organisation's own portfolio.

    ``role`` names the role that performs it (a custom role's name or a catalog
    role's label such as "Finance (Analyst)"); its calls add to that role's
    per-worker cost. ``narrow`` marks a task a fine-tuned model can serve (the
    seed routes its narrow high-volume tasks to Fine-Tuned models). The
    reasoning gain and cost multiple feed the reasoning multiplier.
    """

    name: Name
    role: Annotated[str, Field(max_length=80)]
    calls_per_worker_per_day: Annotated[float, bounded(0, 1_000_000, "calls per worker a day")]
    input_tokens: Annotated[float, bounded(0, 10_000_000, "input tokens per call")]
    output_tokens: Annotated[float, bounded(0, 10_000_000, "output tokens per call")]
    complexity: Complexity
    narrow: bool
    reasoning_gain_pct: Annotated[float, bounded(0, 1_000, "quality gain from reasoning, %")]
    reasoning_cost_multiple: Annotated[float, bounded(0.01, 1_000, "cost multiple of reasoning")]


class CategoryChoice(InputModel):
    """One of the seven model categories: whether to route to it, its price and quality.

    ``usd_per_mtok`` is the price in the categories' base year (the seed's
    "2025 Pricing"); other years follow the price trajectory. ``quality`` is the
    MMLU-equivalent fraction a category can be relied on for; None for the
    domain categories (Fine-Tuned, Specialist), which serve narrow tasks only.
    """

    category_id: Annotated[str, Field(min_length=1, max_length=64)]
    enabled: bool
    usd_per_mtok: Annotated[float, bounded(1e-4, 10_000, "USD per million tokens")]
    quality: Annotated[float, bounded(0.01, 1, "MMLU-equivalent quality")] | None = Field(
        description="None for the domain categories")


Fraction = Annotated[float, bounded(0.01, 1, "MMLU-equivalent quality")]


class QualityBar(InputModel):
    """Minimum MMLU-equivalent quality a general model needs, by task complexity."""

    simple: Fraction
    medium: Fraction
    hard: Fraction
    frontier: Fraction


class RoutingInputs(InputModel):
    year: Annotated[int, bounded(FIRST_YEAR, LAST_YEAR, "year of the prices")]
    workdays_per_year: Annotated[float, bounded(1, 366, "workdays a year")]
    quality_bar: QualityBar
    categories: Annotated[list[CategoryChoice], Field(min_length=1, max_length=32)]
    headcount: Annotated[list[RoleHeadcount], Field(max_length=200)]
    custom_roles: Annotated[list[CustomRole], Field(max_length=200)]
    custom_tasks: Annotated[list[CustomTask], Field(max_length=500)]

    @model_validator(mode="after")
    def _unique_names(self) -> RoutingInputs:
        for label, values in (
            ("category_id", [c.category_id for c in self.categories]),
            ("role_id", [h.role_id for h in self.headcount]),
            ("custom role name", [r.name.strip().casefold() for r in self.custom_roles]),
        ):
            seen = set()
            for value in values:
                if value in seen:
                    raise ValueError(f"{label} {value!r} appears twice")
                seen.add(value)
        return self
