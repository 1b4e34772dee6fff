"""The JSON edge of a plan: every derived figure of a scenario as one dictionary.

This is what ``econplan compute`` prints. The keys are a contract for people's
scripts, documented in docs/compute-json.md: keys may be added, never removed
or renamed. The figures come from one typed :class:`core.plan.Plan`.
"""

from __future__ import annotations

from typing import Any

from econplan.core.catalog import Catalog
from econplan.core.plan import PLANNER_IDS, Plan, compute_plan
from econplan.core.scenario import Scenario


def compute_all(scenario: Scenario, catalog: Catalog, plan: Plan | None = None) -> dict[str, Any]:
    """The plan as JSON-ready data; ``plan`` when already computed for this scenario.

    Raises PlanError (naming the planner) when any planner cannot plan its inputs."""
    plan = plan or compute_plan(scenario, catalog)
    payload: dict[str, Any] = {
        "scenario": scenario.name,
        "schema_version": scenario.schema_version,
        "catalog": {
            "schema_version": catalog.meta.get("schema_version"),
            "sources_sha256": catalog.meta.get("sources_sha256"),
        },
    }
    for planner_id in PLANNER_IDS:
        payload[planner_id] = plan.require(planner_id).model_dump(mode="json")
    return payload
