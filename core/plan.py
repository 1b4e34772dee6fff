"""One typed plan: every planner's result for a scenario, computed once.

``compute_plan`` runs the five planners in dependency order and resolves the
dependencies between them here, once: the dataset's pre-training data cost and
a linked break-even fine-tuning cost both take the training plan computed for
the same scenario. ``upstream_of`` and ``input_sections`` state those
dependencies as data, so a caller that recomputes only what changed (the
desktop session) follows the same rules. JSON appears only at the edges
(``core.compute``, the exporters).
"""

from __future__ import annotations

from collections.abc import Mapping

from econplan.core import breakeven, dataset, playbook, routing, training
from econplan.core.breakeven import BreakevenResult
from econplan.core.catalog import Catalog
from econplan.core.dataset import DatasetResult
from econplan.core.errors import PlanError
from econplan.core.model_base import CoreModel
from econplan.core.planner_ids import PLANNER_IDS, PLANNER_TITLES, PlannerId
from econplan.core.playbook import PlaybookResult
from econplan.core.routing import RoutingResult
from econplan.core.scenario import Scenario
from econplan.core.training import TrainingResult
from pydantic import BaseModel, ConfigDict

__all__ = [
    "PLANNER_IDS", "PLANNER_TITLES", "Plan", "PlanError", "PlannerId", "compute_plan",
    "compute_planner", "input_sections", "upstream_of",
]


class Plan(CoreModel):
    """Each planner's typed result, or None with the reason in ``problems``."""

    # Built when first made (an export, a comparison, the proposal), not when imported, as
    # every CoreModel: its validator holds every planner's result schema again, ~0.1 s of
    # start-up that the first window never used.
    model_config = ConfigDict(frozen=True)

    training: TrainingResult | None
    dataset: DatasetResult | None
    playbook: PlaybookResult | None
    routing: RoutingResult | None
    breakeven: BreakevenResult | None
    problems: dict[str, str]

    def result(self, planner_id: PlannerId) -> BaseModel | None:
        _check(planner_id)
        return getattr(self, planner_id)

    def require(self, planner_id: PlannerId) -> BaseModel:
        """The planner's result, or the PlanError that stopped it (naming the planner)."""
        result = self.result(planner_id)
        if result is None:
            raise PlanError(f"{PLANNER_TITLES[planner_id]}: {self.problems[planner_id]}")
        return result


def _check(planner_id: str) -> None:
    if planner_id not in PLANNER_IDS:
        raise ValueError(f"unknown planner {planner_id!r}; choose from {list(PLANNER_IDS)}")


def _dataset_reads_training_plan(scenario: Scenario) -> bool:
    # A pre-training plan's data cost is the training plan's data-curation line; the
    # fine-tuning data cost and every other dataset figure come from the training inputs.
    inputs = scenario.training
    return not inputs.mode.is_finetune and inputs.beyond_compute.data_curation.enabled


def upstream_of(planner_id: PlannerId, scenario: Scenario) -> tuple[PlannerId, ...]:
    """Planners whose results this planner takes for this scenario."""
    _check(planner_id)
    if planner_id == "dataset" and _dataset_reads_training_plan(scenario):
        return ("training",)
    if planner_id == "breakeven" \
            and scenario.breakeven.one_off.finetune_source == "training_plan":
        return ("training",)
    return ()


def input_sections(planner_id: PlannerId, scenario: Scenario) -> tuple[str, ...]:
    """Scenario sections this planner reads directly (upstream results aside)."""
    _check(planner_id)
    if planner_id == "dataset":
        # The dataset sizes the training plan's own tokens, parameters and examples.
        return ("training", "dataset")
    return (planner_id,)


def compute_planner(planner_id: PlannerId, scenario: Scenario, catalog: Catalog,
                    upstream: Mapping[str, BaseModel | None]) -> BaseModel:
    """One planner's result; ``upstream`` holds the results ``upstream_of`` names (None for
    one that failed). Raises PlanError when the inputs cannot be planned together."""
    _check(planner_id)
    if planner_id == "training":
        return training.plan(scenario.training, catalog)
    if planner_id == "dataset":
        return dataset.plan(scenario.training, scenario.dataset, catalog,
                            upstream.get("training"))
    if planner_id == "playbook":
        return playbook.plan(scenario.playbook, catalog)
    if planner_id == "routing":
        return routing.plan(scenario.routing, catalog)
    linked = "training" in upstream_of("breakeven", scenario)
    if linked and upstream.get("training") is None:
        raise PlanError("the fine-tuning cost is linked to the Training budget, which cannot "
                        "be planned; fix it there or enter the cost here")
    return breakeven.plan(scenario.breakeven, catalog,
                          upstream.get("training") if linked else None)


def compute_plan(scenario: Scenario, catalog: Catalog) -> Plan:
    """Every planner for a scenario, each dependency computed once."""
    results: dict[str, BaseModel | None] = {}
    problems: dict[str, str] = {}
    for planner_id in PLANNER_IDS:
        upstream = {name: results[name] for name in upstream_of(planner_id, scenario)}
        try:
            results[planner_id] = compute_planner(planner_id, scenario, catalog, upstream)
        except PlanError as exc:
            results[planner_id] = None
            problems[planner_id] = str(exc)
    return Plan(**results, problems=problems)
