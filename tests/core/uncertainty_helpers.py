"""Shared by the Monte Carlo tests: the examples, linked or not, and ranges collapsed to
points."""

from __future__ import annotations

from pathlib import Path

from econplan.core.catalog import load_catalog
from econplan.core.scenario import Scenario
from econplan.core.scenario_io import load_scenario
from econplan.core.uncertainty_ranges import range_inputs

EXAMPLES = sorted(Path("resources/scenarios").glob("*.json"))
CATALOG = load_catalog()


def example(path: Path, linked: bool = False) -> Scenario:
    scenario = load_scenario(path, CATALOG)
    if linked:  # the break-even fine-tuning cost taken from the (uncertain) training plan
        payload = scenario.model_dump(mode="json")
        payload["breakeven"]["one_off"]["finetune_source"] = "training_plan"
        scenario = Scenario.model_validate(payload)
    return scenario


def collapsed(scenario: Scenario, fractions: dict[str, float]) -> Scenario:
    """Every range set to one point: low + fraction · (high − low)."""
    payload = scenario.model_dump(mode="json")
    for item in range_inputs(scenario, CATALOG):
        node = payload
        for part in item.path.split("."):
            node = node[int(part)] if part.isdigit() else node[part]
        point = item.low + fractions.get(item.path, 0.5) * (item.high - item.low)
        point = min(max(point, item.low), item.high)
        node["low"] = node["high"] = point
    return Scenario.model_validate(payload)


def collapsed_runs(path: Path, draws: int, seed: int):
    """(uncertainty, plan) of the example with every range collapsed to its midpoint,
    unlinked and linked: the draws then must agree with the deterministic planners."""
    from econplan.core.plan import compute_plan
    from econplan.core.uncertainty import compute_uncertainty

    for linked in (False, True):
        scenario = collapsed(example(path, linked), {})
        yield (scenario, compute_uncertainty(scenario, CATALOG, draws=draws, seed=seed),
               compute_plan(scenario, CATALOG))
