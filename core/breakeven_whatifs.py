"""The break-even sensitivity exercise of "Economics of Custom Models" as what-ifs.

The document's Prompt 2 ("Break-Even Sensitivity") asks four questions of a
break-even result:
1. How does break-even change if API prices drop 50%?
2. … if the infrastructure costs are 2× higher?
3. What's the break-even if 99.9% uptime is needed (requiring redundancy)?
4. At what failure rate does the fine-tuned model need to beat the API to justify
   the investment?

The first three are edits of the inputs, combinable as toggles; each gives a delta on
every headline of the break-even planner. The fourth is solved: the highest failure
rate of the fine-tuned model at which it still pays back before the retrain, with the
other active toggles applied.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from econplan.core.breakeven import BreakevenResult, api_cost_per_query
from econplan.core.catalog import Catalog
from econplan.core.compare import FigureDelta, figure_deltas
from econplan.core.errors import PlanError
from econplan.core.headlines import headline_figures
from econplan.core.plan import compute_planner, upstream_of
from econplan.core.scenario import Scenario
from econplan.core.scenario_paths import with_values
from econplan.core.sensitivity import planner_result
from pydantic import ValidationError

API_HALF = "api_half"
INFRA_DOUBLE = "infra_double"
REDUNDANT = "redundant"
WHATIF_IDS = (API_HALF, INFRA_DOUBLE, REDUNDANT)

WHATIF_LABELS = {
    API_HALF: "API prices −50%",
    INFRA_DOUBLE: "Infrastructure cost ×2",
    REDUNDANT: "99.9% uptime (redundant replica)",
}

WHATIF_DESCRIPTIONS = {
    API_HALF: "Every API price halves: the price per query of the chosen API, cached and "
              "batch discounts included, at half.",
    INFRA_DOUBLE: "Serving infrastructure costs twice as much: the GPU-hour price of each "
                  "replica (or the hosted fine-tuning price per query) doubles.",
    REDUNDANT: "N+1 redundancy: at least one standby replica beyond what the load needs, so "
               "one replica can fail without the service going down.",
}

# Bisection steps: 2⁻²⁰ ≈ 1e-6 of the [0, 1] interval, below the 0.01% a rate is shown to.
FAILURE_RATE_STEPS = 20


class WhatIfError(ValueError):
    """A what-if cannot be applied to these inputs (says which and why)."""


def _api_half(scenario: Scenario, catalog: Catalog) -> dict:
    # Priced per query at half the full per-query price, so catalog cached and batch
    # prices (which a per-token edit would not halve) are halved too.
    price, _ = api_cost_per_query(scenario.breakeven, catalog)
    return {"breakeven.api.pricing": "per_query", "breakeven.api.usd_per_query": price / 2,
            "breakeven.api.batch_share": 0.0}


def _infra_double(scenario: Scenario, catalog: Catalog) -> dict:
    host = scenario.breakeven.selfhost
    if host.serving == "hosted":
        return {"breakeven.selfhost.hosted_usd_per_query": host.hosted_usd_per_query * 2}
    return {"breakeven.selfhost.usd_per_gpu_hour": host.usd_per_gpu_hour * 2}


def _redundant(scenario: Scenario, catalog: Catalog) -> dict:
    host = scenario.breakeven.selfhost
    if host.serving == "hosted":
        raise WhatIfError("99.9% uptime: the vendor hosts the fine-tuned model, so its "
                          "service level, not replicas of yours, sets the uptime")
    return {"breakeven.selfhost.spare_replicas": max(host.spare_replicas, 1)}


_EDITS: dict[str, Callable[[Scenario, Catalog], dict]] = {
    API_HALF: _api_half, INFRA_DOUBLE: _infra_double, REDUNDANT: _redundant,
}


def apply_whatifs(scenario: Scenario, catalog: Catalog, active: Iterable[str]) -> Scenario:
    """The scenario with the active what-ifs applied in a fixed order (API, infra, uptime).

    Raises WhatIfError naming the what-if when its edited value leaves the input's bounds
    or it does not apply to these inputs."""
    chosen = set(active)
    unknown = chosen - set(WHATIF_IDS)
    if unknown:
        raise ValueError(f"unknown what-if {sorted(unknown)}; choose from {list(WHATIF_IDS)}")
    for whatif_id in WHATIF_IDS:
        if whatif_id not in chosen:
            continue
        try:
            scenario = with_values(scenario, _EDITS[whatif_id](scenario, catalog))
        except ValidationError as exc:
            field = ".".join(str(p) for p in exc.errors()[0]["loc"])
            raise WhatIfError(f"{WHATIF_LABELS[whatif_id]}: the edited value of {field} is out "
                              f"of bounds ({exc.errors()[0]['msg']})") from None
    return scenario


@dataclass(frozen=True)
class WhatIfOutcome:
    active: tuple[str, ...]
    result: BreakevenResult | None  # None: the planner refused the edited inputs
    deltas: list[FigureDelta]  # every break-even headline, baseline → what-if
    problem: str = ""


def _breakeven(scenario: Scenario, catalog: Catalog) -> BreakevenResult | None:
    result = planner_result("breakeven", scenario, catalog)
    return result if isinstance(result, BreakevenResult) else None


def whatif_outcome(scenario: Scenario, catalog: Catalog, active: Iterable[str],
                   baseline: BreakevenResult | None = None) -> WhatIfOutcome:
    """The break-even headlines with the active what-ifs, as deltas from the plan's own."""
    chosen = tuple(w for w in WHATIF_IDS if w in set(active))
    baseline = baseline or _breakeven(scenario, catalog)
    if baseline is None:
        return WhatIfOutcome(chosen, None, [], "the break-even plan cannot be computed")
    try:
        edited = apply_whatifs(scenario, catalog, chosen)
    except WhatIfError as exc:
        return WhatIfOutcome(chosen, None, [], str(exc))
    result = _breakeven(edited, catalog)
    if result is None:
        return WhatIfOutcome(chosen, None, [], "the planner cannot plan the edited inputs")
    deltas = figure_deltas(headline_figures("breakeven", baseline),
                           headline_figures("breakeven", result))
    return WhatIfOutcome(chosen, result, deltas)


@dataclass(frozen=True)
class FailureRateThreshold:
    """The fine-tuned model's failure rate at which the investment just pays (question 4)."""

    status: str  # "threshold" | "always" | "never" | "irrelevant"
    max_failure_rate: float | None  # highest fine-tuned failure rate that still pays
    api_failure_rate: float
    current_failure_rate: float
    sentence: str
    deltas: list[FigureDelta]  # the headlines with the fine-tuned failure rate at the threshold


def _rate(share: float) -> str:
    # Small rates keep two significant digits: 0.014% is not "0.0%".
    return f"{share:.1%}" if share == 0 or share >= 0.01 else f"{share * 100:.2g}%"


def _points(share: float) -> str:
    return f"{share * 100:.2g} percentage points"


class _Payback:
    """Whether the plan pays back before the retrain at a given fine-tuned failure rate.

    The upstream plans (a linked training plan) do not depend on the rate, so they are
    computed once; each probe swaps the rate into unvalidated copies (a rate in [0, 1]
    is within the field's bounds) instead of validating a whole scenario per step."""

    def __init__(self, scenario: Scenario, catalog: Catalog):
        self.scenario, self.catalog = scenario, catalog
        self.upstream = {name: planner_result(name, scenario, catalog)
                         for name in upstream_of("breakeven", scenario)}

    def result(self, rate: float) -> BreakevenResult | None:
        inputs = self.scenario.breakeven
        selfhost = inputs.selfhost.model_copy(update={"failure_rate": rate})
        edited = self.scenario.model_copy(
            update={"breakeven": inputs.model_copy(update={"selfhost": selfhost})})
        try:
            result = compute_planner("breakeven", edited, self.catalog, self.upstream)
        except PlanError:
            return None
        return result if isinstance(result, BreakevenResult) else None

    def pays(self, rate: float) -> bool:
        result = self.result(rate)
        return result is not None and result.pays_back_before_retrain


def failure_rate_threshold(scenario: Scenario, catalog: Catalog, active: Iterable[str] = (),
                           cost_per_failure_usd: float | None = None) -> FailureRateThreshold:
    """Solve for the highest fine-tuned failure rate at which the investment still pays
    back before the retrain (with the active what-ifs applied, and ``cost_per_failure_usd``
    in place of the plan's own when given). Savings fall as the fine-tuned model fails
    more often, so the rate is found by bisection on [0, 1]."""
    if cost_per_failure_usd is not None:
        scenario = with_values(scenario, {"breakeven.cost_per_failure_usd": cost_per_failure_usd})
    edited = apply_whatifs(scenario, catalog, active)
    inputs = edited.breakeven
    api_rate, current = inputs.api.failure_rate, inputs.selfhost.failure_rate
    baseline = _breakeven(scenario, catalog)
    if inputs.cost_per_failure_usd == 0:
        return FailureRateThreshold(
            "irrelevant", None, api_rate, current,
            "A failed answer costs $0 in this plan, so the failure rate does not change the "
            "economics; set a cost per failure to solve for it.", [])
    payback = _Payback(edited, catalog)
    if not payback.pays(0.0):
        return FailureRateThreshold(
            "never", None, api_rate, current,
            "Even a fine-tuned model that never fails does not pay back before the retrain.",
            [])
    if payback.pays(1.0):
        return FailureRateThreshold(
            "always", 1.0, api_rate, current,
            "The fine-tuned model pays back before the retrain whatever its failure rate.", [])
    low, high = 0.0, 1.0  # pays at low, not at high
    for _ in range(FAILURE_RATE_STEPS):
        middle = (low + high) / 2
        if payback.pays(middle):
            low = middle
        else:
            high = middle
    at_threshold = payback.result(low)
    deltas = []
    if baseline is not None and at_threshold is not None:
        deltas = figure_deltas(headline_figures("breakeven", baseline),
                               headline_figures("breakeven", at_threshold))
    if low < api_rate:
        verdict = f"it must beat the API's failure rate by at least {_points(api_rate - low)}"
    else:
        verdict = f"it may fail up to {_points(low - api_rate)} more often than the API"
    sentence = (f"The investment pays back before the retrain while the fine-tuned model fails "
                f"on at most {_rate(low)} of queries (the API fails on {_rate(api_rate)}; this "
                f"plan assumes {_rate(current)}): {verdict}.")
    return FailureRateThreshold("threshold", low, api_rate, current, sentence, deltas)
