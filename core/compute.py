"""Every derived figure of a scenario as one JSON-ready dictionary.

This is what ``econplan compute`` prints and what the report is built from,
so the CLI, the window and the PDF agree. Keys are documented in
docs/compute-json.md.
"""

from __future__ import annotations

from typing import Any

from core import breakeven, dataset, playbook, routing, training
from core.catalog import Catalog
from core.scenario import Scenario


def compute_all(scenario: Scenario, catalog: Catalog) -> dict[str, Any]:
    training_result = training.plan(scenario.training, catalog)
    return {
        "scenario": scenario.name,
        "schema_version": scenario.schema_version,
        "catalog": {
            "schema_version": catalog.meta.get("schema_version"),
            "sources_sha256": catalog.meta.get("sources_sha256"),
        },
        "training": training_result.model_dump(mode="json"),
        "dataset": dataset.plan(scenario.training, scenario.dataset, catalog)
        .model_dump(mode="json"),
        "playbook": playbook.plan(scenario.playbook, catalog).model_dump(mode="json"),
        "routing": routing.plan(scenario.routing, catalog).model_dump(mode="json"),
        # The break-even may take its fine-tuning cost from the training plan above.
        "breakeven": breakeven.plan(scenario.breakeven, catalog, training_result)
        .model_dump(mode="json"),
    }
