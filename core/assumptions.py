"""The one way to read a planner assumption (a default with its source) from the catalog."""

from __future__ import annotations

from typing import Any

from econplan.core.catalog import Catalog


def assumption(catalog: Catalog, assumption_id: str) -> dict[str, Any]:
    """The ``planner_assumptions`` row of an assumption: value_low/value_high, source, as_of."""
    return catalog.row("planner_assumptions", "assumption_id", assumption_id)


def assumption_value(catalog: Catalog, assumption_id: str) -> float:
    """An assumption's single value (its low end; single-valued rows repeat it as high)."""
    return assumption(catalog, assumption_id)["value_low"]
