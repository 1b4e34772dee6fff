"""Every planner of a scenario computed once, as one typed, immutable plan.

Dependencies between planners are resolved here and nowhere else: the
break-even planner may take its fine-tuning cost from the training plan.
JSON appears only at the edges (``core.compute``, exports).
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Literal

from pydantic import BaseModel, ConfigDict

from core import breakeven, dataset, playbook, routing, training
from core.breakeven import BreakevenResult
from core.catalog import Catalog
from core.dataset import DatasetResult
from core.playbook import PlaybookResult
from core.routing import RoutingResult
from core.scenario import Scenario
from core.training import TrainingResult

PlannerId = Literal["training", "dataset", "playbook", "routing", "breakeven"]
PLANNER_IDS: tuple[PlannerId, ...] = ("training", "dataset", "playbook", "routing", "breakeven")

# A planner refuses inputs it cannot plan with one of these; anything else is a bug.
PLANNING_ERRORS = (ValueError, KeyError)


class Plan(BaseModel):
    model_config = ConfigDict(frozen=True)

    training: TrainingResult | None = None
    dataset: DatasetResult | None = None
    playbook: PlaybookResult | None = None
    routing: RoutingResult | None = None
    breakeven: BreakevenResult | None = None
    # Planner id -> why that planner refused the scenario's inputs.
    problems: dict[str, str] = {}

    def result(self, planner_id: PlannerId) -> BaseModel | None:
        return getattr(self, planner_id)


def _linked_to_training(scenario: Scenario) -> bool:
    return scenario.breakeven.one_off.finetune_source == "training_plan"


def upstream_of(planner_id: PlannerId, scenario: Scenario) -> tuple[PlannerId, ...]:
    """The planners whose results ``planner_id`` reads."""
    if planner_id == "breakeven" and _linked_to_training(scenario):
        return ("training",)
    return ()


def input_sections(planner_id: PlannerId, scenario: Scenario) -> tuple[str, ...]:
    """The scenario sections ``planner_id`` reads, directly or through its upstream."""
    sections: tuple[str, ...] = {
        "training": ("training",),
        "dataset": ("training", "dataset"),
        "playbook": ("playbook",),
        "routing": ("routing",),
        "breakeven": ("breakeven",),
    }[planner_id]
    for upstream in upstream_of(planner_id, scenario):
        sections += tuple(s for s in input_sections(upstream, scenario) if s not in sections)
    return sections


def compute_planner(planner_id: PlannerId, scenario: Scenario, catalog: Catalog,
                    upstream: Mapping[str, BaseModel | None]) -> BaseModel:
    """One planner's result; raises one of ``PLANNING_ERRORS`` when it cannot plan."""
    if planner_id == "training":
        return training.plan(scenario.training, catalog)
    if planner_id == "dataset":
        return dataset.plan(scenario.training, scenario.dataset, catalog)
    if planner_id == "playbook":
        return playbook.plan(scenario.playbook, catalog)
    if planner_id == "routing":
        return routing.plan(scenario.routing, catalog)
    return breakeven.plan(scenario.breakeven, catalog, upstream.get("training"))


def compute_plan(scenario: Scenario, catalog: Catalog) -> Plan:
    """Every planner, each computed once, upstream first."""
    results: dict[str, BaseModel | None] = {}
    problems: dict[str, str] = {}
    for planner_id in PLANNER_IDS:
        upstream = {u: results.get(u) for u in upstream_of(planner_id, scenario)}
        try:
            results[planner_id] = compute_planner(planner_id, scenario, catalog, upstream)
        except PLANNING_ERRORS as exc:
            results[planner_id] = None
            problems[planner_id] = str(exc)
    return Plan(**results, problems=problems)
