"""Catalog ids a scenario names (GPU, role, model category, API model), checked on load.

An id the catalog does not know would otherwise pass the loader and fail later in a
planner with no field path; here it is reported at its path with the nearest known
ids, so a typo such as "h100_sxn" is a one-line fix.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterable

from econplan.core.catalog import Catalog
from econplan.core.scenario import Scenario
from econplan.core.scenario_io import quote

SUGGESTIONS = 3
# The catalog's API prices are keyed by the source they come from (s003_claude_35_haiku).
CATALOG_PRICE_ID = re.compile(r"s\d{3}_")
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
    architectures = _ids(catalog, "model_architectures", "model_id")
    serving_model = scenario.breakeven.capacity.model_id
    if serving_model not in architectures:
        problems.append(_problem("breakeven.capacity.model_id", "model architecture",
                                 serving_model, architectures))
    memory_model = scenario.training.memory.model_id
    if memory_model and memory_model not in architectures:  # "" = closest in size
        problems.append(_problem("training.memory.model_id", "model architecture",
                                 memory_model, architectures))
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


def without_gone_prices(scenario: Scenario, catalog: Catalog) -> tuple[Scenario, list[str]]:
    """The scenario with an API model that was one of the user's own prices, and is gone
    from them, turned into typed-in prices, and a note saying so.

    The break-even API model only names where its prices came from: the scenario keeps
    the prices themselves, so a plan made with one of the user's own models still opens
    after that price is reset, with the same figures. Catalog models are named by their
    source ("s003_…"); an unknown id of that form is a typo and stays an error."""
    api = scenario.breakeven.api
    if not api.price_id or CATALOG_PRICE_ID.match(api.price_id) \
            or api.price_id in _ids(catalog, "api_prices", "price_id"):
        return scenario, []
    note = (f"The API model {quote(api.price_id)}, one of your own prices, is no longer in "
            "your prices; the plan keeps its prices as typed-in figures "
            f"(${api.usd_per_mtok_input:g} / ${api.usd_per_mtok_output:g} per million tokens).")
    breakeven = scenario.breakeven.model_copy(
        update={"api": api.model_copy(update={"price_id": ""})})
    return scenario.model_copy(update={"breakeven": breakeven}), [note]
