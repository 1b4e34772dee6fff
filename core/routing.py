"""Routing overspend planner: all-large vs cheapest-adequate routing, by role and by task.

Pure functions over ``RoutingInputs`` and the catalog; no I/O, no Qt.
Rules (seed 000 §4, §7, §8, §9):

* A call costs tokens × the category's single $/M figure (the seed prices its
  per-task costs this way: 700 tokens × Fine-Tuned $0.04/M = $0.000028 for
  ticket classification).
* Routed: each task goes to the cheapest enabled category that meets the
  quality bar of its complexity; the domain categories (no MMLU figure) serve
  only narrow tasks. All-large: every call goes to Commercial Large.
* Prices for other years follow the seed's trajectory (2024–2030, $/M input);
  years the table skips are interpolated on a log scale; the three
  categories it does not project follow the geometric mean of the four it does.
* Reasoning multiplier RM = quality gain % / cost multiple, with the verdict of
  the nearest seed task at or below it.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable, Mapping
from functools import lru_cache
from operator import attrgetter
from types import MappingProxyType
from typing import Any

from econplan.core.assumptions import assumption
from econplan.core.catalog import Catalog
from econplan.core.errors import PlanError
from econplan.core.model_base import CoreModel
from econplan.core.provenance import CatalogRef, assumption_refs, cite, refs_for, unique
from econplan.core.routing_inputs import (
    COMPLEXITIES,
    COMPLEXITY_LABELS,
    FIRST_YEAR,
    LAST_YEAR,
    CategoryChoice,
    Complexity,
    CustomTask,
    RoutingInputs,
)

BASE_YEAR = 2025  # seed 000 §4 "Cost per Million Tokens (2025 Pricing)"; §7 per worker 2025
ALL_LARGE_CATEGORY = "commercial_large"
YEARS = tuple(range(FIRST_YEAR, LAST_YEAR + 1))
# A seed per-task row is reproduced by a category when tokens × its price matches
# every year from the base year on within this tolerance (the seed rounds to 2–3 digits).
TRAJECTORY_MATCH_TOLERANCE = 0.01


class CategoryYearPrice(CoreModel):
    category_id: str
    label: str
    usd_per_mtok: dict[int, float]  # year -> price used
    from_seed: dict[int, bool]  # year -> printed in the seed's trajectory table
    seed_range_low: float
    seed_range_high: float
    enabled: bool
    quality: float | None
    basis: str


class RoleCost(CoreModel):
    role_id: str
    label: str
    origin: str  # "seed" or "yours"
    headcount: int
    optimal_per_worker_usd: float
    all_large_per_worker_usd: float
    optimal_daily_usd: float
    all_large_daily_usd: float
    optimal_annual_usd: float
    all_large_annual_usd: float
    overspend_multiple: float | None
    seed_optimal_per_worker_usd: float | None
    seed_all_large_per_worker_usd: float | None
    seed_overspend_multiple: float | None
    basis: str


class TaskCost(CoreModel):
    task_id: str
    name: str
    origin: str
    role: str
    complexity: Complexity
    narrow: bool
    tokens: float
    calls_per_worker_per_day: float | None
    workers: int
    routed_category_id: str
    routed_category: str
    routed_usd_per_call: float
    all_large_usd_per_call: float
    routed_daily_per_worker_usd: float | None
    all_large_daily_per_worker_usd: float | None
    overspend_multiple: float | None
    projection_routed: dict[int, float]
    projection_all_large: dict[int, float]
    seed_usd_per_call: dict[int, float]
    basis: str


class RmTask(CoreModel):
    name: str
    origin: str
    gain_pct: float
    cost_multiple: float
    rm: float
    verdict: str
    seed_rm: float | None
    seed_verdict: str | None


class RmBand(CoreModel):
    verdict: str
    rm_from: float
    rm_to: float | None
    anchor_task: str


class MixShare(CoreModel):
    category_id: str
    label: str
    share: float


class RoutingResult(CoreModel):
    year: int
    workdays_per_year: float
    roles: list[RoleCost]
    optimal_daily_usd: float
    all_large_daily_usd: float
    optimal_annual_usd: float
    all_large_annual_usd: float
    overspend_daily_usd: float
    overspend_annual_usd: float
    overspend_multiple: float | None
    routing_mix: list[MixShare]
    tasks: list[TaskCost]
    seed_only_tasks: list[str]
    categories: list[CategoryYearPrice]
    trajectory_years: list[int]
    reasoning: list[RmTask]
    rm_bands: list[RmBand]
    rm_band_rule: str
    seed_total: dict[str, float | str]
    notes: list[str]
    warnings: list[str]


# -- prices -----------------------------------------------------------------------------


@lru_cache(maxsize=8)
def _trajectory(catalog: Catalog) -> dict[str, dict[int, float]]:
    table: dict[str, dict[int, float]] = {}
    for row in catalog.table("price_trajectory").iter_rows(named=True):
        table.setdefault(row["category_id"], {})[row["year"]] = row["usd_per_mtok_input"]
    return table


def _interpolated(points: dict[int, float], year: int) -> float:
    """The trajectory price in ``year``, log-linear between the seed's printed years."""
    if year in points:
        return points[year]
    years = sorted(points)
    if year < years[0] or year > years[-1]:
        raise PlanError(f"year {year} is outside the price trajectory {years[0]}–{years[-1]}")
    after = next(y for y in years if y > year)
    before = max(y for y in years if y < year)
    t = (year - before) / (after - before)
    return math.exp(math.log(points[before]) * (1 - t) + math.log(points[after]) * t)


@lru_cache(maxsize=64)
def price_index(catalog: Catalog, category_id: str, year: int) -> float:
    """Price in ``year`` relative to the base year, from the seed's trajectory."""
    trajectory = _trajectory(catalog)
    if category_id in trajectory:
        points = trajectory[category_id]
        return _interpolated(points, year) / _interpolated(points, BASE_YEAR)
    # Categories the seed does not project move with the ones it does (geometric mean).
    logs = [math.log(price_index(catalog, other, year)) for other in sorted(trajectory)]
    return math.exp(sum(logs) / len(logs))


def category_price(catalog: Catalog, choice: CategoryChoice, year: int) -> float:
    return choice.usd_per_mtok * price_index(catalog, choice.category_id, year)


@lru_cache(maxsize=8)
def _categories_by_id(catalog: Catalog) -> dict[str, dict]:
    return {row["category_id"]: row for row in catalog.table("model_categories")
            .iter_rows(named=True)}


def category_label(catalog: Catalog, category_id: str) -> str:
    row = _categories_by_id(catalog).get(category_id)
    return row["category"] if row else category_id.replace("_", " ").capitalize()


def default_category_price(row: dict, trajectory: dict[str, dict[int, float]]) -> float:
    """Base-year price point of a category: its trajectory figure, else the range's
    geometric mean (the seed's ranges span orders of magnitude)."""
    points = trajectory.get(row["category_id"])
    if points and BASE_YEAR in points:
        return points[BASE_YEAR]
    return math.sqrt(row["usd_per_mtok_low"] * row["usd_per_mtok_high"])


# -- routing ----------------------------------------------------------------------------


def _eligible(choice: CategoryChoice, complexity: Complexity, narrow: bool,
              inputs: RoutingInputs) -> bool:
    if not choice.enabled:
        return False
    if choice.quality is None:  # domain models: only the narrow tasks they are tuned for
        return narrow
    return choice.quality >= getattr(inputs.quality_bar, complexity)


def route(inputs: RoutingInputs, catalog: Catalog, complexity: Complexity, narrow: bool,
          year: int) -> tuple[CategoryChoice, bool]:
    """The cheapest category meeting the bar; (choice, met). Unmet: the best quality one."""
    eligible = [c for c in inputs.categories if _eligible(c, complexity, narrow, inputs)]
    if eligible:
        return min(eligible, key=lambda c: category_price(catalog, c, year)), True
    enabled = [c for c in inputs.categories if c.enabled]
    if not enabled:
        raise PlanError("no model category is enabled; enable at least one to route to")
    return max(enabled, key=lambda c: (c.quality or 0.0, -category_price(catalog, c, year))), \
        False


def _large(inputs: RoutingInputs) -> CategoryChoice:
    for choice in inputs.categories:
        if choice.category_id == ALL_LARGE_CATEGORY:
            return choice
    raise PlanError("the all-large baseline needs the Commercial Large category")


@lru_cache(maxsize=8)
def _reasoning_rows(catalog: Catalog) -> tuple[dict, ...]:
    return tuple(catalog.table("reasoning_multiplier_tasks").iter_rows(named=True))


def reasoning_bands(catalog: Catalog) -> list[RmBand]:
    """Verdict bands anchored on the seed's six tasks: each band starts at a seed task's RM."""
    rows = sorted(_reasoning_rows(catalog), key=lambda r: r["gain_pct"] / r["cost_multiple"])
    bands = []
    for index, row in enumerate(rows):
        upper = rows[index + 1] if index + 1 < len(rows) else None
        bands.append(RmBand(
            verdict=row["verdict"],
            rm_from=0.0 if index == 0 else row["gain_pct"] / row["cost_multiple"],
            rm_to=upper["gain_pct"] / upper["cost_multiple"] if upper else None,
            anchor_task=row["task"],
        ))
    return bands


RM_BAND_RULE = (
    "The seed gives a verdict per task but no thresholds. EconPlan gives an RM the verdict "
    "of the nearest seed task at or below it (below the lowest seed task: that task's "
    "verdict), so each band starts at one seed task's RM."
)


@lru_cache(maxsize=8)
def _seed_total(catalog: Catalog) -> tuple[tuple[str, float | str], ...]:
    """The seed's printed total and the sums of its role rows (read once per catalog)."""
    total_row = catalog.table("role_overspend_total").row(0, named=True)
    seed_rows = catalog.table("role_overspend")
    return (
        ("printed_optimal_usd_per_day", total_row["optimal_usd_per_day"]),
        ("printed_all_large_usd_per_day", total_row["all_large_usd_per_day"]),
        ("printed_overspend_multiple", total_row["overspend_multiple"]),
        ("rows_optimal_usd_per_day", float(seed_rows["optimal_usd_per_day"].sum())),
        ("rows_all_large_usd_per_day", float(seed_rows["all_large_usd_per_day"].sum())),
        ("note", total_row["note"]),
        ("source", total_row["source"]),
    )


@lru_cache(maxsize=8)
def _bands(catalog: Catalog) -> tuple[RmBand, ...]:
    return tuple(reasoning_bands(catalog))


@lru_cache(maxsize=8)
def _seed_rm_tasks(catalog: Catalog) -> tuple[RmTask, ...]:
    bands = list(_bands(catalog))
    return tuple(
        RmTask(name=row["task"], origin="seed 000 §7", gain_pct=row["gain_pct"],
               cost_multiple=row["cost_multiple"],
               rm=reasoning_multiplier(row["gain_pct"], row["cost_multiple"]),
               verdict=rm_verdict(reasoning_multiplier(row["gain_pct"], row["cost_multiple"]),
                                  bands),
               seed_rm=row["rm"], seed_verdict=row["verdict"])
        for row in _reasoning_rows(catalog))


# A task's RM reads nothing the year, head-counts or routes change: the largest portfolio
# would otherwise build its 500 again on every tick.
@lru_cache(maxsize=4_096)
def _your_rm_task(catalog: Catalog, name: str, gain_pct: float,
                  cost_multiple: float) -> RmTask:
    rm = reasoning_multiplier(gain_pct, cost_multiple)
    return RmTask(name=name, origin="yours", gain_pct=gain_pct, cost_multiple=cost_multiple,
                  rm=rm, verdict=rm_verdict(rm, list(_bands(catalog))), seed_rm=None,
                  seed_verdict=None)


def reasoning_multiplier(gain_pct: float, cost_multiple: float) -> float:
    return gain_pct / cost_multiple


def rm_verdict(rm: float, bands: list[RmBand]) -> str:
    verdict = bands[0].verdict
    for band in bands:
        if rm >= band.rm_from:
            verdict = band.verdict
    return verdict


# -- catalog tasks ------------------------------------------------------------------------


def _seed_evolution(catalog: Catalog) -> dict[str, dict]:
    tasks: dict[str, dict] = {}
    for row in catalog.table("per_task_cost_evolution").iter_rows(named=True):
        entry = tasks.setdefault(row["task_id"], {"task": row["task"],
                                                  "complexity": row["complexity"].lower(),
                                                  "costs": {}, "source": row["source"]})
        entry["costs"][row["year"]] = row["usd_per_invocation"]
    return tasks


def _matching_category(costs: dict[int, float], catalog: Catalog) -> tuple[str, float] | None:
    """The trajectory category whose prices reproduce a seed per-task row (and its tokens)."""
    trajectory = _trajectory(catalog)
    for category_id, points in trajectory.items():
        if BASE_YEAR not in costs or BASE_YEAR not in points:
            continue
        tokens = costs[BASE_YEAR] / points[BASE_YEAR] * 1e6
        checked = [y for y in costs if y >= BASE_YEAR and y in points]
        if all(abs(tokens * points[y] / 1e6 - costs[y]) <= TRAJECTORY_MATCH_TOLERANCE * costs[y]
               for y in checked):
            return category_id, round(tokens, 6)
    return None


@lru_cache(maxsize=8)
def catalog_tasks(catalog: Catalog) -> tuple[dict, ...]:
    """The seed's tasks with the token count their printed cost implies.

    Top-10 tasks: tokens = $ per invocation / the 2025 price of the category the
    seed routes them to. Per-task evolution rows: tokens from the trajectory
    category that reproduces the row from 2025 on; a row no category reproduces
    (email drafting) stays a seed reference only.
    """
    trajectory = _trajectory(catalog)
    evolution = _seed_evolution(catalog)
    tasks = []
    for row in catalog.table("top_tasks").sort("rank").iter_rows(named=True):
        price = trajectory[row["category_id"]][BASE_YEAR]
        seed = evolution.get(row["task_id"])
        tasks.append({
            "task_id": row["task_id"], "name": row["task"],
            "origin": "seed 000 §7 top-10 task",
            "complexity": seed["complexity"] if seed else "simple",
            "narrow": row["category_id"] == "fine_tuned",
            "tokens": round(row["usd_per_invocation"] / price * 1e6, 6),
            "calls": row["daily_invocations"],
            "seed_costs": seed["costs"] if seed else {BASE_YEAR: row["usd_per_invocation"]},
            "basis": (f"{row['usd_per_invocation']:g} $/call ÷ "
                      f"{category_label(catalog, row['category_id'])} ${price:g}/M "
                      f"({BASE_YEAR}) = tokens; {row['source']}"),
        })
    listed = {t["task_id"] for t in tasks}
    for task_id, seed in evolution.items():
        if task_id in listed:
            continue
        match = _matching_category(seed["costs"], catalog)
        if match is None:
            continue
        category_id, tokens = match
        tasks.append({
            "task_id": task_id, "name": seed["task"], "origin": "seed 000 §9 per-task cost",
            "complexity": seed["complexity"], "narrow": False, "tokens": tokens, "calls": None,
            "seed_costs": seed["costs"],
            "basis": (f"tokens from the seed's {BASE_YEAR} cost at the "
                      f"{category_label(catalog, category_id)} price, which reproduces its "
                      f"{BASE_YEAR}–{max(seed['costs'])} row; {seed['source']}"),
        })
    return tuple(tasks)


@lru_cache(maxsize=8)
def seed_only_tasks(catalog: Catalog) -> tuple[str, ...]:
    used = {t["task_id"] for t in catalog_tasks(catalog)}
    return tuple(seed["task"] for task_id, seed in _seed_evolution(catalog).items()
                 if task_id not in used)


@lru_cache(maxsize=8)
def catalog_roles(catalog: Catalog) -> tuple[dict, ...]:
    return tuple(catalog.table("role_overspend").iter_rows(named=True))


def role_label(row: dict) -> str:
    return f"{row['department']} ({row['role']})"


@lru_cache(maxsize=8)
def _per_worker_index_rate(catalog: Catalog) -> tuple[float, str]:
    """Yearly factor of the optimal per-worker cost from the seed's 2025 → 2030 projection."""
    table = catalog.table("per_worker_cost").sort("year")
    first, last = table.row(0, named=True), table.row(table.height - 1, named=True)
    rate = (last["usd_per_day"] / first["usd_per_day"]) ** (1 / (last["year"] - first["year"]))
    basis = (f"${first['usd_per_day']:g}/day ({first['year']}) → ${last['usd_per_day']:g}/day "
             f"({last['year']}), {last['source']}")
    return rate, basis


# -- plan -------------------------------------------------------------------------------


class _Routes:
    """The routing answers of one set of categories and quality bars, each worked out once.

    A route depends only on (complexity, narrow, year) and a price only on (category,
    year), while a plan asks for them once per task and projection year (500 tasks × 8
    routes). A task's cost depends on nothing else but the task, its workers and the
    year, so it is kept too: a tick that moves the year or a head-count finds most of
    them from an earlier plan (``_routes_for``). The answers are the ones ``route``,
    ``category_price`` and ``_task_cost`` give, so the figures are bit-for-bit those of
    working everything out again.
    """

    def __init__(self, inputs: RoutingInputs, catalog: Catalog):
        self.inputs = inputs
        self.catalog = catalog
        self.large = _large(inputs)
        self._routes: dict[tuple[str, bool, int], tuple[CategoryChoice, bool]] = {}
        self._prices: dict[tuple[int, int], float] = {}
        self._labels: dict[str, str] = {}
        self._year_prices: dict[tuple[int, str, bool], tuple[float, ...]] = {}
        self._task_costs: dict[tuple, tuple[TaskCost, str | None]] = {}
        self._any_year: dict[tuple, TaskCost] = {}  # (key, workers) → its cost in a year

    def task_cost(self, key: tuple, task: Callable[[], dict], workers: int,
                  year: int) -> tuple[TaskCost, str | None]:
        """``_task_cost`` of the task ``task()`` makes, which ``key`` names completely;
        with its warning. The task is made only when its cost is not known yet."""
        memo_key = (key, workers, year)
        known = self._task_costs.get(memo_key)
        if known is None:
            if len(self._task_costs) >= TASK_COSTS_KEPT:
                self._task_costs.clear()
                self._any_year.clear()
            other_year = self._any_year.get((key, workers))
            if other_year is None:
                known = _task_cost(self, task(), workers, year)
                self._any_year[(key, workers)] = known[0]
            else:
                known = _task_cost_in(self, other_year, year)
            self._task_costs[memo_key] = known
        return known

    def route(self, complexity: Complexity, narrow: bool,
              year: int) -> tuple[CategoryChoice, bool]:
        key = (complexity, narrow, year)
        answer = self._routes.get(key)
        if answer is None:
            answer = self._routes[key] = route(self.inputs, self.catalog, complexity, narrow,
                                               year)
        return answer

    def price(self, choice: CategoryChoice, year: int) -> float:
        # By identity: the choices are the inputs' own objects, alive for the whole plan.
        key = (id(choice), year)
        price = self._prices.get(key)
        if price is None:
            price = self._prices[key] = category_price(self.catalog, choice, year)
        return price

    def year_prices(self, choice: CategoryChoice | None, complexity: Complexity = "simple",
                    narrow: bool = False) -> tuple[float, ...]:
        """$/M in each of ``YEARS``: of ``choice``, or else of the route of a task."""
        key = (id(choice), complexity, narrow)
        prices = self._year_prices.get(key)
        if prices is None:
            prices = self._year_prices[key] = tuple(
                self.price(self.route(complexity, narrow, year)[0] if choice is None else choice,
                           year)
                for year in YEARS)
        return prices

    def label(self, category_id: str) -> str:
        label = self._labels.get(category_id)
        if label is None:
            label = self._labels[category_id] = category_label(self.catalog, category_id)
        return label


# Task costs one set of routes keeps (the largest portfolio's ~510 tasks in each of the
# seven years, and room for head-count edits), and the sets of routes kept.
TASK_COSTS_KEPT = 8_192
ROUTES_KEPT = 4
_kept_routes: dict[tuple, _Routes] = {}
_kept_routes_lock = threading.Lock()  # the desktop's draws plan on a worker thread


def _routes_key(inputs: RoutingInputs, catalog: Catalog) -> tuple:
    """Everything a route, a price or a task's cost reads from the inputs but the year."""
    return (catalog, tuple((c.category_id, c.enabled, c.usd_per_mtok, c.quality)
                           for c in inputs.categories),
            tuple(getattr(inputs.quality_bar, c) for c in COMPLEXITIES))


def _routes_for(inputs: RoutingInputs, catalog: Catalog) -> _Routes:
    """The routes of these categories and bars, kept from an earlier plan if there was one."""
    key = _routes_key(inputs, catalog)
    with _kept_routes_lock:
        routes = _kept_routes.pop(key, None)
        if routes is None:
            routes = _Routes(inputs, catalog)
        _kept_routes[key] = routes  # the most recent last
        while len(_kept_routes) > ROUTES_KEPT:
            _kept_routes.pop(next(iter(_kept_routes)))
    return routes


def forget_kept_work() -> None:
    """Drop the plans, routes, task, role and RM figures earlier plans kept (a plan from
    nothing)."""
    with _kept_routes_lock:
        _kept_routes.clear()
        _kept_layouts.clear()
    _role_cost.cache_clear()
    _your_rm_task.cache_clear()


def _your_task(index: int, custom: CustomTask) -> dict:
    return {
        "task_id": f"custom_{index + 1}", "name": custom.name, "origin": "yours",
        "role": custom.role.strip(), "complexity": custom.complexity,
        "narrow": custom.narrow, "tokens": custom.input_tokens + custom.output_tokens,
        "calls": custom.calls_per_worker_per_day, "basis": f"your task (row {index + 1})",
    }


def _year_figures(routes: _Routes, complexity: Complexity, narrow: bool, name: str,
                  tokens: float, calls: float | None,
                  year: int) -> tuple[dict[str, Any], str | None]:
    """The fields of a task's cost that its year changes (its route and prices), and the
    warning of a route that meets no bar."""
    choice, met = routes.route(complexity, narrow, year)
    warning = None if met else (
        f"No enabled category meets the {COMPLEXITY_LABELS[complexity].lower()} "
        f"quality bar for “{name}”; it is routed to "
        f"{routes.label(choice.category_id)} (best quality enabled).")
    routed = tokens * routes.price(choice, year) / 1e6
    all_large = tokens * routes.price(routes.large, year) / 1e6
    return {
        "routed_category_id": choice.category_id,
        "routed_category": routes.label(choice.category_id),
        "routed_usd_per_call": routed, "all_large_usd_per_call": all_large,
        "routed_daily_per_worker_usd": None if calls is None else routed * calls,
        "all_large_daily_per_worker_usd": None if calls is None else all_large * calls,
        "overspend_multiple": all_large / routed if routed > 0 else None,
    }, warning


def _task_cost(routes: _Routes, task: dict, workers: int,
               year: int) -> tuple[TaskCost, str | None]:
    large = routes.large
    tokens = task["tokens"]
    calls = task["calls"]
    figures, warning = _year_figures(routes, task["complexity"], task["narrow"], task["name"],
                                     tokens, calls, year)
    routed_prices = routes.year_prices(None, task["complexity"], task["narrow"])
    large_prices = routes.year_prices(large)
    return TaskCost(
        task_id=task["task_id"], name=task["name"], origin=task["origin"],
        role=task.get("role", ""), complexity=task["complexity"], narrow=task["narrow"],
        tokens=tokens, calls_per_worker_per_day=calls, workers=workers, **figures,
        projection_routed={y: tokens * price / 1e6
                           for y, price in zip(YEARS, routed_prices, strict=True)},
        projection_all_large={y: tokens * price / 1e6
                              for y, price in zip(YEARS, large_prices, strict=True)},
        seed_usd_per_call=dict(task.get("seed_costs", {})),
        basis=task["basis"],
    ), warning


def _task_cost_in(routes: _Routes, cost: TaskCost, year: int) -> tuple[TaskCost, str | None]:
    """``cost``, a ``_task_cost`` of the same task and workers in another year, in ``year``:
    only the year's fields are worked out again, and the copy is not validated again (a
    year shown for the first time validated ~510 task costs of the largest portfolio,
    ~10 ms). Its figures are those of ``_task_cost``: the same inputs, the same
    arithmetic (the validated tokens and calls are the same numbers as floats)."""
    figures, warning = _year_figures(routes, cost.complexity, cost.narrow, cost.name,
                                     cost.tokens, cost.calls_per_worker_per_day, year)
    return cost.model_copy(update=figures), warning


def _category_prices(inputs: RoutingInputs, catalog: Catalog) -> list[CategoryYearPrice]:
    trajectory = _trajectory(catalog)
    result = []
    for choice in inputs.categories:
        row = _categories_by_id(catalog).get(choice.category_id, {})
        seeded = trajectory.get(choice.category_id, {})
        basis = ("seed trajectory (log-interpolated in years it skips)" if seeded else
                 "no seed trajectory: follows the geometric mean of the four projected "
                 "categories")
        result.append(CategoryYearPrice(
            category_id=choice.category_id, label=category_label(catalog, choice.category_id),
            usd_per_mtok={y: category_price(catalog, choice, y) for y in YEARS},
            from_seed={y: y in seeded and math.isclose(choice.usd_per_mtok, seeded[BASE_YEAR])
                       for y in YEARS},
            seed_range_low=row.get("usd_per_mtok_low") or choice.usd_per_mtok,
            seed_range_high=row.get("usd_per_mtok_high") or choice.usd_per_mtok,
            enabled=choice.enabled, quality=choice.quality, basis=basis,
        ))
    return result


# A head-count edit changes one role and a year tick finds the roles of the years before:
# the largest portfolio has 214 of them.
@lru_cache(maxsize=4_096)
def _role_cost(role_id: str, label: str, origin: str, count: int, optimal: float,
               all_large: float, days: float, seed: tuple[float, float, float] | None,
               basis: str) -> RoleCost:
    return RoleCost(
        role_id=role_id, label=label, origin=origin, headcount=count,
        optimal_per_worker_usd=optimal, all_large_per_worker_usd=all_large,
        optimal_daily_usd=optimal * count, all_large_daily_usd=all_large * count,
        optimal_annual_usd=optimal * count * days,
        all_large_annual_usd=all_large * count * days,
        overspend_multiple=all_large / optimal if optimal > 0 else None,
        seed_optimal_per_worker_usd=seed[0] if seed else None,
        seed_all_large_per_worker_usd=seed[1] if seed else None,
        seed_overspend_multiple=seed[2] if seed else None,
        basis=basis,
    )


def plan(inputs: RoutingInputs, catalog: Catalog) -> RoutingResult:
    return _layout_for(inputs, catalog).plan(inputs)


@lru_cache(maxsize=8)
def _seed_roles(catalog: Catalog) -> Mapping[str, dict]:
    """role_id → the catalog's role row, read-only (shared by every plan)."""
    return MappingProxyType({row["role_id"]: row for row in catalog_roles(catalog)})


# The fields of a custom task, all of which a plan reads (its cost, role and RM).
_task_fields = attrgetter("name", "role", "calls_per_worker_per_day", "input_tokens",
                         "output_tokens", "complexity", "narrow", "reasoning_gain_pct",
                         "reasoning_cost_multiple")


def _layout_key(inputs: RoutingInputs, catalog: Catalog) -> tuple:
    """Everything a plan reads from the inputs but the year, head-counts and working days."""
    return (_routes_key(inputs, catalog), tuple(h.role_id for h in inputs.headcount),
            tuple(r.name for r in inputs.custom_roles),
            tuple(map(_task_fields, inputs.custom_tasks)))


def _state_key(inputs: RoutingInputs) -> tuple:
    """What a plan reads that its layout does not (the year is the memo's other key)."""
    return (inputs.workdays_per_year, tuple(h.headcount for h in inputs.headcount),
            tuple(r.headcount for r in inputs.custom_roles))


class _TaskPart:
    """The tasks of a plan in one year with given workers per task, and what follows from
    them alone: warnings, each role's added per-worker cost, the routing mix."""

    __slots__ = ("extra_by_role", "mix", "tasks", "warnings")

    def __init__(self, tasks: list[TaskCost], warnings: list[str],
                 extra_by_role: dict[str, tuple[float, float]], mix: list[MixShare]):
        self.tasks = tasks
        self.warnings = warnings
        self.extra_by_role = extra_by_role
        self.mix = mix


class _Layout:
    """The plans of one portfolio: its categories, bars, roles and tasks, whatever the year,
    head-counts and working days.

    What none of those three moves is worked out once, when the layout is made (the
    checks, each task's role, the RM tasks, the category prices, the notes). A plan is kept
    per year and state (working days and head-counts), the latest ``STATES_KEPT`` per year;
    the tasks of a year per workers of each task, the latest ``TASK_PARTS_KEPT``. A plan reads
    nothing else, and results and their parts are never changed once made, so a kept plan
    is the plan worked out again, figure for figure; a tick back to a year or a head-count
    shown before hands back the same result object.
    """

    def __init__(self, inputs: RoutingInputs, catalog: Catalog):
        if not any(c.enabled for c in inputs.categories):
            raise PlanError("no model category is enabled; enable at least one to route to")
        known = _categories_by_id(catalog)
        for choice in inputs.categories:
            if choice.category_id not in known:
                raise PlanError(f"model category {choice.category_id!r} is not in the catalog")
        _large(inputs)  # the all-large baseline must exist
        seed_roles = self.seed_roles = _seed_roles(catalog)
        for h in inputs.headcount:
            if h.role_id not in seed_roles:
                raise PlanError(f"role {h.role_id!r} is not in the catalog's role table")
        self.catalog = catalog

        # Custom tasks add their calls to the role they name (seed role label or custom
        # name).
        role_keys = {role_label(row).casefold(): rid for rid, row in seed_roles.items()}
        role_keys.update({r.name.strip().casefold(): f"custom:{r.name.strip()}"
                          for r in inputs.custom_roles})
        # Per task: the key of its cost, the role it adds to (None: none), and the warning
        # of a role that is not there.
        self.custom_tasks: list[tuple[tuple, str | None, str | None]] = []
        for index, custom in enumerate(inputs.custom_tasks):
            role = custom.role.strip()
            key = role_keys.get(role.casefold()) if role else None
            missing = (f"Task “{custom.name}” names the role “{custom.role}”, which is not "
                       "a role here; its calls are counted in no role.") \
                if role and key is None else None
            # Everything the task's figures read: its row number (its id and basis) and its
            # fields, so an equal key is an equal task.
            self.custom_tasks.append(
                (("yours", index, custom.name, role, custom.complexity, custom.narrow,
                  custom.input_tokens + custom.output_tokens,
                  custom.calls_per_worker_per_day), key, missing))
        self.named_roles = {key for _, key, _ in self.custom_tasks if key is not None}

        self.categories = _category_prices(inputs, catalog)
        self.bands = list(_bands(catalog))
        self.reasoning = [*_seed_rm_tasks(catalog),
                          *(_your_rm_task(catalog, custom.name, custom.reasoning_gain_pct,
                                          custom.reasoning_cost_multiple)
                            for custom in inputs.custom_tasks)]
        self.seed_total = dict(_seed_total(catalog))
        self.notes = _plan_notes(catalog, self.seed_total)
        self.seed_only = list(seed_only_tasks(catalog))
        self._plans: dict[int, dict[tuple, RoutingResult]] = {}
        self._task_parts: dict[int, dict[tuple, _TaskPart]] = {}
        self._lock = threading.Lock()

    def plan(self, inputs: RoutingInputs) -> RoutingResult:
        year = inputs.year
        state = _state_key(inputs)
        with self._lock:
            result = _kept(self._plans, year, state)
        if result is None:
            result = self._plan(inputs)
            with self._lock:
                _keep(self._plans, year, state, result, STATES_KEPT)
        return result

    def _plan(self, inputs: RoutingInputs) -> RoutingResult:
        catalog = self.catalog
        year = inputs.year
        headcount = {h.role_id: h.headcount for h in inputs.headcount}
        workers_by_key = {rid: headcount.get(rid, 0) for rid in self.seed_roles}
        workers_by_key.update({f"custom:{r.name.strip()}": r.headcount
                               for r in inputs.custom_roles})
        workers = tuple(workers_by_key.get(key, 1) if key else 1
                        for _, key, _ in self.custom_tasks)
        with self._lock:
            part = _kept(self._task_parts, year, workers)
        if part is None:
            part = self._task_part(inputs, workers)
            with self._lock:
                _keep(self._task_parts, year, workers, part, TASK_PARTS_KEPT)

        extra_by_role = part.extra_by_role
        warnings = list(part.warnings)
        optimal_rate, optimal_basis = _per_worker_index_rate(catalog)
        optimal_index = optimal_rate ** (year - BASE_YEAR)
        large_index = price_index(catalog, ALL_LARGE_CATEGORY, year)
        days = inputs.workdays_per_year
        roles: list[RoleCost] = []

        year_basis = "" if year == BASE_YEAR else (
            f"; {year}: all-large × {large_index:.3g} (Large trajectory), optimal × "
            f"{optimal_index:.3g} (per-worker projection {optimal_basis})")
        for role_id, row in self.seed_roles.items():
            extra_optimal, extra_large = extra_by_role.get(role_id, (0.0, 0.0))
            extra = " + your tasks" if role_id in extra_by_role else ""
            roles.append(_role_cost(
                role_id, role_label(row), "seed", headcount.get(role_id, 0),
                row["optimal_usd_per_day"] * optimal_index + extra_optimal,
                row["all_large_usd_per_day"] * large_index + extra_large, days,
                (row["optimal_usd_per_day"], row["all_large_usd_per_day"],
                 row["overspend_multiple"]),
                f"seed 000 §7 per-worker $/day ({BASE_YEAR}){year_basis}{extra}"))
        for custom in inputs.custom_roles:
            key = f"custom:{custom.name.strip()}"
            optimal, all_large = extra_by_role.get(key, (0.0, 0.0))
            if key not in self.named_roles:
                warnings.append(f"Role “{custom.name}” has no tasks yet; add tasks that name "
                                "it.")
            roles.append(_role_cost(key, custom.name.strip(), "yours", custom.headcount,
                                    optimal, all_large, days, None,
                                    "sum of its tasks: calls × tokens × $/M"))

        optimal_daily = sum(r.optimal_daily_usd for r in roles)
        large_daily = sum(r.all_large_daily_usd for r in roles)
        return RoutingResult(
            year=year, workdays_per_year=days, roles=roles,
            optimal_daily_usd=optimal_daily, all_large_daily_usd=large_daily,
            optimal_annual_usd=optimal_daily * days, all_large_annual_usd=large_daily * days,
            overspend_daily_usd=large_daily - optimal_daily,
            overspend_annual_usd=(large_daily - optimal_daily) * days,
            overspend_multiple=large_daily / optimal_daily if optimal_daily > 0 else None,
            routing_mix=part.mix, tasks=part.tasks, seed_only_tasks=self.seed_only,
            categories=self.categories, trajectory_years=list(YEARS),
            reasoning=self.reasoning, rm_bands=self.bands, rm_band_rule=RM_BAND_RULE,
            seed_total=self.seed_total, notes=self.notes, warnings=warnings,
        )

    def _task_part(self, inputs: RoutingInputs, workers: tuple[int, ...]) -> _TaskPart:
        catalog = self.catalog
        year = inputs.year
        routes = _routes_for(inputs, catalog)
        tasks: list[TaskCost] = []
        warnings: list[str] = []

        def add_task(key: tuple, task: Callable[[], dict], workers: int) -> TaskCost:
            cost, warning = routes.task_cost(key, task, workers, year)
            tasks.append(cost)
            if warning is not None:
                warnings.append(warning)
            return cost

        for index, task in enumerate(catalog_tasks(catalog)):
            add_task(("catalog", index), lambda task=task: task, 1)
        extra_by_role: dict[str, tuple[float, float]] = {}
        for index, (custom, (task_key, role_key, missing), count) in enumerate(
                zip(inputs.custom_tasks, self.custom_tasks, workers, strict=True)):
            if missing is not None:
                warnings.append(missing)
            cost = add_task(task_key,
                            lambda index=index, custom=custom: _your_task(index, custom), count)
            if role_key is not None:
                optimal, all_large = extra_by_role.get(role_key, (0.0, 0.0))
                extra_by_role[role_key] = (
                    optimal + (cost.routed_daily_per_worker_usd or 0.0),
                    all_large + (cost.all_large_daily_per_worker_usd or 0.0))

        weights: dict[str, float] = {}
        for task in tasks:
            if task.calls_per_worker_per_day:
                weight = task.calls_per_worker_per_day * task.workers
                weights[task.routed_category_id] = (weights.get(task.routed_category_id, 0.0)
                                                    + weight)
        total_calls = sum(weights.values())
        mix = [MixShare(category_id=c.category_id, label=category_label(catalog, c.category_id),
                        share=weights.get(c.category_id, 0.0) / total_calls if total_calls
                        else 0.0)
               for c in inputs.categories]
        return _TaskPart(tasks, warnings, extra_by_role, mix)


def _plan_notes(catalog: Catalog, seed_total: dict[str, float | str]) -> list[str]:
    rows_optimal = seed_total["rows_optimal_usd_per_day"]
    rows_large = seed_total["rows_all_large_usd_per_day"]
    notes = [
        (f"Seed's printed TOTAL ${seed_total['printed_optimal_usd_per_day']:g} vs "
         f"${seed_total['printed_all_large_usd_per_day']:g}/day "
         f"({seed_total['printed_overspend_multiple']:g}×); its 14 role rows sum to "
         f"${seed_total['rows_optimal_usd_per_day']:.3f} vs "
         f"${seed_total['rows_all_large_usd_per_day']:.2f} "
         f"({rows_optimal / seed_total['printed_optimal_usd_per_day'] - 1:.1%}"
         " above the printed optimal total). Both give "
         f"{rows_large / rows_optimal:.1f}×. "
         "EconPlan sums the rows."),
        "Calls are priced at the category's single $/M figure for every token, as the seed "
        "prices its per-task costs.",
    ]
    if seed_only_tasks(catalog):
        notes.append(
            "Seed per-task rows no category's trajectory reproduces (kept as seed figures "
            f"only): {', '.join(seed_only_tasks(catalog))}.")
    return notes


# Plans kept per layout and year, and task parts (a new head-count that moves no task's
# workers needs only its roles worked out). At the largest portfolio a plan holds ~24 KB
# of its own (lists of the tasks, roles and RM tasks it shares with other plans) and a
# task part ~40 KB (each role's added cost): 4 layouts × 7 years × (16 + 4) held 15.9 MB
# (tracemalloc; 16 task parts a year instead of 4 held 27.6 MB).
STATES_KEPT = 16
TASK_PARTS_KEPT = 4
LAYOUTS_KEPT = 4
_kept_layouts: dict[tuple, _Layout] = {}


def _kept(kept: dict[int, dict[tuple, Any]], year: int, key: tuple) -> Any:
    entries = kept.get(year)
    if entries is None:
        return None
    value = entries.pop(key, None)
    if value is not None:
        entries[key] = value  # the most recent last
    return value


def _keep(kept: dict[int, dict[tuple, Any]], year: int, key: tuple, value: Any,
          most: int) -> None:
    entries = kept.setdefault(year, {})
    entries.pop(key, None)
    entries[key] = value
    while len(entries) > most:
        entries.pop(next(iter(entries)))


def _layout_for(inputs: RoutingInputs, catalog: Catalog) -> _Layout:
    """The layout of these inputs, kept from an earlier plan if there was one."""
    key = _layout_key(inputs, catalog)
    with _kept_routes_lock:
        layout = _kept_layouts.pop(key, None)
        if layout is not None:
            _kept_layouts[key] = layout  # the most recent last
            return layout
    layout = _Layout(inputs, catalog)  # raises PlanError for inputs it cannot plan
    with _kept_routes_lock:
        _kept_layouts[key] = _kept_layouts.pop(key, layout)
        while len(_kept_layouts) > LAYOUTS_KEPT:
            _kept_layouts.pop(next(iter(_kept_layouts)))
        return _kept_layouts[key]


def sources_used(inputs: RoutingInputs, catalog: Catalog) -> list[CatalogRef]:
    """The catalog rows behind a routing plan's figures and defaults."""
    refs = refs_for(catalog, "model_categories", "category_id",
                    [c.category_id for c in inputs.categories],
                    figure="$/M range, MMLU quality")
    refs += refs_for(catalog, "price_trajectory", "category_id",
                     figure="$/M input by year")
    refs += refs_for(catalog, "role_overspend", "role_id",
                     figure="Per-worker $/day")
    refs += refs_for(catalog, "role_overspend_total", "total_id",
                     figure="Printed total")
    if inputs.year != BASE_YEAR:
        refs += refs_for(catalog, "per_worker_cost", "year",
                         figure="Per-worker $/day by year")
    refs += refs_for(catalog, "top_tasks", "task_id", figure="Calls/day, $/call")
    refs += refs_for(catalog, "per_task_cost_evolution", "task_id",
                     figure="$/call by year")
    refs += refs_for(catalog, "reasoning_multiplier_tasks", "task_id",
                     figure="Gain %, cost ×, verdict")
    refs += assumption_refs(catalog, "routing.")
    return unique(refs)


def complexity_items() -> list[tuple[str, str]]:
    return [(COMPLEXITY_LABELS[c], c) for c in COMPLEXITIES]


# -- defaults ---------------------------------------------------------------------------

# Categories switched off in a fresh plan: Specialist models (66M–1B) are task-specific;
# the seed routes its narrow top-10 tasks to Fine-Tuned, so routing them to Specialist
# by default would not reproduce it. Enable it where such a model exists for the task.
DEFAULT_DISABLED_CATEGORIES = ("specialist",)


def default_inputs_payload(catalog: Catalog) -> dict:
    """The routing section of a fresh scenario, every value read from the catalog."""
    trajectory = _trajectory(catalog)
    categories = []
    for row in catalog.table("model_categories").iter_rows(named=True):
        categories.append({
            "category_id": row["category_id"],
            "enabled": row["category_id"] not in DEFAULT_DISABLED_CATEGORIES,
            "usd_per_mtok": default_category_price(row, trajectory),
            "quality": row["mmlu_frac_low"],
        })
    headcount = int(assumption(catalog, "routing_headcount")["value_low"])
    return {
        "year": int(assumption(catalog, "routing_year")["value_low"]),
        "workdays_per_year": assumption(catalog, "routing_workdays")["value_low"],
        "quality_bar": {c: assumption(catalog, f"routing_quality_{c}")["value_low"]
                        for c in COMPLEXITIES},
        "categories": categories,
        "headcount": [{"role_id": row["role_id"], "headcount": headcount}
                      for row in catalog_roles(catalog)],
        "custom_roles": [],
        "custom_tasks": [],
    }


def default_sources(catalog: Catalog) -> dict[str, str]:
    """Citations of the routing defaults that do not come from planner_assumptions."""

    sources = {}
    categories = catalog.table("model_categories").row(0, named=True)
    trajectory = catalog.table("price_trajectory").row(0, named=True)
    sources["routing.categories"] = (f"{cite(categories)}; prices from {cite(trajectory)}; "
                                     + cite(assumption(catalog, "routing_category_price")))
    return sources
