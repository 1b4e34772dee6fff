"""The inputs that move the budget most: a one-at-a-time sweep of range inputs.

Each range input of the included planners is set to its low end, then its high end, with
every other input where it is (a range's base figure is its midpoint); the budget over the
plan's horizon is computed for both: every sweep at once on the Monte Carlo's vectorised
planners, or — where a serving decision could flip — by re-planning, one end at a time, the
planners that read the swept input and those that take their results. The tornado chart
elsewhere is a fuller view; this is the proposal's short list.
"""

from __future__ import annotations

from collections.abc import Iterator

import numpy as np
from econplan.core.catalog import Catalog
from econplan.core.errors import PlanError
from econplan.core.model_base import CoreModel, Range
from econplan.core.plan import PLANNER_IDS, Plan, compute_planner, input_sections, upstream_of
from econplan.core.report_budget import build_budget
from econplan.core.scenario import Scenario
from pydantic import BaseModel

# How the app's input labels name each range (the tabs' form rows).
LABELS = {
    "training.mfu": "MFU",
    "training.usd_per_gpu_hour": "Cloud price per GPU-hour",
    "training.owned.purchase_usd": "GPU purchase price",
    "training.finetune.throughput_tokens_per_s": "Throughput per GPU",
    "training.beyond_compute.data_curation.multiplier": "Data curation & annotation multiplier",
    "training.beyond_compute.post_training.multiplier": "Post-training multiplier",
    "training.beyond_compute.talent.multiplier": "Talent multiplier",
    "training.beyond_compute.failed_runs.multiplier": "Failed runs multiplier",
    "training.beyond_compute.storage_infra.multiplier": "Storage & infrastructure multiplier",
    "training.hidden.data_preparation_hours": "Data preparation hours",
    "training.hidden.evaluation_hours": "Evaluation hours",
    "training.hidden.infrastructure_setup_hours": "Infrastructure setup hours",
    "training.hidden.maintenance_hours_per_month": "Maintenance hours a month",
    "training.hidden.training_runs": "Training runs",
    "dataset.synthetic_usd_per_example": "Synthetic $/example",
    "dataset.human_usd_per_example": "Human $/example",
    "playbook.ongoing_usd_per_quarter": "Refresh per quarter",
}


class Driver(CoreModel):
    path: str
    label: str
    low_input: float
    high_input: float
    budget_at_low: float
    budget_at_high: float

    @property
    def swing(self) -> float:
        return abs(self.budget_at_high - self.budget_at_low)


def _ranges(model: BaseModel, path: str) -> Iterator[tuple[str, Range]]:
    for name in type(model).model_fields:
        value = getattr(model, name)
        if isinstance(value, Range):
            yield f"{path}{name}", value
        elif isinstance(value, BaseModel):
            yield from _ranges(value, f"{path}{name}.")
        elif isinstance(value, list):
            for index, item in enumerate(value):
                if isinstance(item, BaseModel):
                    yield from _ranges(item, f"{path}{name}.{index}.")


def label_of(scenario: Scenario, path: str) -> str:
    if path in LABELS:
        return LABELS[path]
    parts = path.split(".")
    if parts[:2] == ["playbook", "phases"] and len(parts) == 4:
        phase = scenario.playbook.phases[int(parts[2])]
        what = "duration" if parts[3] == "months" else "cost"
        return f"{phase.name} {what}"
    return parts[-1].replace("_", " ").capitalize()


def _with_value(data: dict, path: str, value: float) -> dict:
    node = data
    *head, last = path.split(".")
    for part in head:
        node = node[int(part)] if isinstance(node, list) else node[part]
    node[last] = {**node[last], "low": value, "high": value}
    return data


def _affected(section: str, scenario: Scenario) -> list[str]:
    """Planners that read ``section``, and those that take their results, in plan order."""
    affected: list[str] = []
    for planner_id in PLANNER_IDS:
        reads = section in input_sections(planner_id, scenario)
        if reads or any(up in affected for up in upstream_of(planner_id, scenario)):
            affected.append(planner_id)
    return affected


def _horizon_budget(scenario: Scenario, plan: Plan, catalog: Catalog, included: list[str],
                    affected: list[str]) -> float:
    results = {p: plan.result(p) for p in PLANNER_IDS}
    for planner_id in affected:
        upstream = {name: results[name] for name in upstream_of(planner_id, scenario)}
        results[planner_id] = compute_planner(planner_id, scenario, catalog, upstream)
    swept = Plan(**results, problems={})
    return build_budget(scenario, swept, included).horizon_total


def budget_drivers(scenario: Scenario, plan: Plan, catalog: Catalog, included: list[str],
                   count: int = 3) -> list[Driver]:
    """The ``count`` range inputs whose low..high swing moves the horizon budget most."""
    candidates = _candidates(scenario, included)
    drivers = _swept_at_once(scenario, plan, catalog, included, candidates)
    if drivers is None:
        drivers = _swept_one_by_one(scenario, plan, catalog, included, candidates)
    # Ties (three phases' durations moving the budget alike) in the inputs' own order:
    # a swing is compared to nine figures, not to the last bit of floating point.
    drivers.sort(key=lambda d: -float(f"{d.swing:.9g}"))
    return [d for d in drivers if d.swing > 0][:count]


Candidate = tuple[str, Range, list[str]]  # path, its range, the planners it moves


def _candidates(scenario: Scenario, included: list[str]) -> list[Candidate]:
    """Every range input the included planners (or those they take results from) read."""
    sections = {section for p in included for section in input_sections(p, scenario)}
    for p in included:
        for up in upstream_of(p, scenario):
            sections.update(input_sections(up, scenario))
    candidates = []
    for path, value in _ranges(scenario, ""):
        section = path.split(".")[0]
        if section not in sections or value.low == value.high:
            continue
        affected = [p for p in _affected(section, scenario)
                    if p in included or any(p in upstream_of(i, scenario) for i in included)]
        if affected:
            candidates.append((path, value, affected))
    return candidates


def _swept_at_once(scenario: Scenario, plan: Plan, catalog: Catalog, included: list[str],
                   candidates: list[Candidate]) -> list[Driver] | None:
    """Every sweep in one vectorised evaluation (core/monte_carlo.py on two points per
    input, the budget added up as core/report_bands.py adds a draw's): the planners' own
    formulas, twenty times faster than re-planning each end. None where that cannot stand
    for re-planning: a serving decision that a training input could flip, an input the
    draws do not know, or an end a planner refuses."""
    from econplan.core.monte_carlo import evaluate, midpoints
    from econplan.core.report_bands import budget_totals

    if "breakeven" in included and "training" in upstream_of("breakeven", scenario):
        return None
    mids = midpoints(scenario, catalog)
    if not candidates or any(path not in mids for path, _, _ in candidates):
        return None
    ends: dict[str, list[tuple[int, Range]]] = {}
    for index, (path, value, _) in enumerate(candidates):
        ends.setdefault(path, []).append((index, value))

    def value_of(path: str) -> np.ndarray:
        values = np.full(2 * len(candidates), float(mids[path]))
        for index, value in ends.get(path, []):
            values[2 * index], values[2 * index + 1] = value.low, value.high
        return values

    figures, problems = evaluate(scenario, catalog, value_of)
    if problems:
        return None
    budget = build_budget(scenario, plan, included)
    totals = budget_totals(scenario, plan, budget, included, figures, value_of)["horizon_total"]
    if not np.isfinite(totals).all():
        return None
    return [Driver(path=path, label=label_of(scenario, path), low_input=value.low,
                   high_input=value.high, budget_at_low=float(totals[2 * index]),
                   budget_at_high=float(totals[2 * index + 1]))
            for index, (path, value, _) in enumerate(candidates)]


def _swept_one_by_one(scenario: Scenario, plan: Plan, catalog: Catalog, included: list[str],
                      candidates: list[Candidate]) -> list[Driver]:
    data = scenario.model_dump(mode="json")
    drivers: list[Driver] = []
    for path, value, affected in candidates:
        section = path.split(".")[0]
        ends = []
        try:
            for end in (value.low, value.high):
                swept = Scenario.model_validate(_with_value(
                    {**data, section: _copy(data[section])}, path, end))
                ends.append(_horizon_budget(swept, plan, catalog, included, affected))
        except (PlanError, ValueError):
            continue  # an end the planner refuses says nothing about sensitivity
        drivers.append(Driver(path=path, label=label_of(scenario, path), low_input=value.low,
                              high_input=value.high, budget_at_low=ends[0],
                              budget_at_high=ends[1]))
    return drivers


def _copy(value):
    # Sections are plain JSON data: a structural copy keeps the original untouched.
    if isinstance(value, dict):
        return {k: _copy(v) for k, v in value.items()}
    if isinstance(value, list):
        return [_copy(v) for v in value]
    return value
