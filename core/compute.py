"""Every derived figure of a scenario as one JSON-ready dictionary.

This is what ``econplan compute`` prints and what the report is built from,
so the CLI, the window and the PDF agree. Keys are documented in
docs/compute-json.md.
"""

from __future__ import annotations

from typing import Any

from core import training
from core.catalog import Catalog
from core.scenario import Scenario


def compute_all(scenario: Scenario, catalog: Catalog) -> dict[str, Any]:
    return {
        "scenario": scenario.name,
        "schema_version": scenario.schema_version,
        "catalog": {
            "schema_version": catalog.meta.get("schema_version"),
            "sources_sha256": catalog.meta.get("sources_sha256"),
        },
        "training": training.plan(scenario.training, catalog).model_dump(mode="json"),
    }
