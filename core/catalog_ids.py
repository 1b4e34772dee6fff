"""Catalog ids a scenario names (GPU, role, model category, API model), checked on load.

An id the catalog does not know would otherwise pass the loader and fail later in a
planner with no field path; here it is reported at its path with the nearest known
ids, so a typo such as "h100_sxn" is a one-line fix.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from econplan.core.catalog import Catalog
from econplan.core.scenario import Scenario
from econplan.core.scenario_io import quote

SUGGESTIONS = 3
SIMILARITY_CUTOFF = 0.5


def _ids(catalog: Catalog, table: str, column: str) -> set[str]:
    return {value for value in catalog.table(table)[column].to_list() if value}


def _problem(path: str, kind: str, value: str, known: Iterable[str]) -> tuple[str, str]:
    nearest = difflib.get_close_matches(value, sorted(known), n=SUGGESTIONS,
                                        cutoff=SIMILARITY_CUTOFF)
    hint = f"; did you mean {', '.join(repr(n) for n in nearest)}?" if nearest else ""
    return path, f"unknown {kind} {quote(value)} (not in the catalog){hint}"


def unknown_catalog_ids(scenario: Scenario, catalog: Catalog) -> list[tuple[str, str]]:
    """(field path, message) for every id the catalog does not hold."""
    problems = []
    gpus = _ids(catalog, "gpus", "gpu_id")
    if scenario.training.gpu_id not in gpus:
        problems.append(_problem("training.gpu_id", "GPU", scenario.training.gpu_id, gpus))
    selfhost_gpu = scenario.breakeven.selfhost.gpu_id
    if selfhost_gpu and selfhost_gpu not in gpus:  # "" = a GPU not in the catalog, priced by hand
        problems.append(_problem("breakeven.selfhost.gpu_id", "GPU", selfhost_gpu, gpus))
    price_id = scenario.breakeven.api.price_id
    prices = _ids(catalog, "api_prices", "price_id")
    if price_id and price_id not in prices:  # "" = prices typed in
        problems.append(_problem("breakeven.api.price_id", "API model", price_id, prices))
    categories = _ids(catalog, "model_categories", "category_id")
    for index, choice in enumerate(scenario.routing.categories):
        if choice.category_id not in categories:
            problems.append(_problem(f"routing.categories[{index}].category_id",
                                     "model category", choice.category_id, categories))
    roles = _ids(catalog, "role_overspend", "role_id")
    for index, head in enumerate(scenario.routing.headcount):
        if head.role_id not in roles:
            problems.append(_problem(f"routing.headcount[{index}].role_id", "role",
                                     head.role_id, roles))
    return problems
