"""Self-host break-even planner: API vs a fine-tuned model (vs the human process).

Pure functions over ``BreakevenInputs`` and the catalog; no I/O, no Qt.
Formulas (seeds 002, 003, 004; DESIGN.md):

* API cost per query = tokens × $/M (cached input at the cached price, the
  batch share at the batch price; where the catalog has no such price, the
  seed's conventions: cached input = 10% of input, batch = 50%).
* Self-host monthly = replicas × $/GPU-hour × 730 h + maintenance + ML
  engineers + oversight + per-query costs (failures, hosted price, the
  traffic share left on the API). Replicas = ⌈peak-free load / (throughput ×
  utilisation)⌉ + spare replicas for the uptime target.
* Break-even volume = fixed costs / (baseline − self-host cost per query),
  fixed costs = the one-off investment spread over the months until the next
  retrain + fixed monthly costs + the replicas that volume needs: the monthly
  volume at which the baseline's bill equals the self-hosted all-in bill.
* Payback months = investment / monthly savings (the crossing of cumulative
  savings and investment when API prices decline); first-year ROI =
  (first-year savings − investment) / investment.
"""

from __future__ import annotations

import math
from functools import lru_cache

import numpy as np
from econplan.core.assumptions import assumption_value
from econplan.core.breakeven_decision import (
    HEADLINES,
    BreakevenOption,
    Decision,
    decide,
    recommendation_id,
)
from econplan.core.breakeven_inputs import BreakevenInputs
from econplan.core.breakeven_serving import ServingDerivation, effective_inputs
from econplan.core.catalog import Catalog
from econplan.core.errors import PlanError
from econplan.core.model_base import CoreModel
from econplan.core.provenance import CatalogRef, assumption_refs, cite, refs_for, unique

HOURS_PER_MONTH = 24 * 365 / 12  # 730 h: the seed's RTX 5090 at $0.36/h ≈ "$260 per month"
SECONDS_PER_DAY = 86_400
CHART_MONTHS = 36
PAYBACK_SEARCH_MONTHS = 1_200
MAX_BREAKEVEN_QUERIES_PER_MONTH = 1e15


class CostLine(CoreModel):
    line_id: str
    label: str
    usd: float
    basis: str


class Tier(CoreModel):
    tier_id: str
    label: str
    verdict: str
    reason: str
    seed_boundaries: str


class BreakevenResult(CoreModel):
    queries_per_month: float
    queries_per_day: float
    days_per_month: float
    api_usd_per_query: float
    api_price_basis: str
    selfhost_usd_per_query: float | None
    selfhost_all_in_monthly_usd: float
    selfhost_all_in_usd_per_query: float | None
    amortised_investment_usd: float
    human_usd_per_query: float | None
    replicas_for_volume: int
    spare_replicas: int
    replicas: int
    api_monthly_usd: float
    selfhost_monthly_usd: float
    human_monthly_usd: float | None
    monthly_lines: list[CostLine]
    one_off_lines: list[CostLine]
    investment_usd: float
    retrain_usd: float
    baseline: str
    baseline_monthly_usd: float
    monthly_savings_usd: float
    annual_savings_usd: float
    breakeven_queries_per_month: float | None
    human_breakeven_queries_per_month: float | None
    payback_months: float | None
    first_year_roi: float | None
    months_until_retrain: float
    pays_back_before_retrain: bool
    amortisation: str
    tier: Tier
    recommendation_id: str
    recommendation: str
    reasons: list[str]
    options: list[BreakevenOption]
    decision: Decision
    failure_cost_parity_usd: float | None
    months: list[int]
    cumulative_api_usd: list[float]
    cumulative_selfhost_usd: list[float]
    cumulative_human_usd: list[float] | None
    crossover_month: float | None
    volume_curve_queries: list[float]
    volume_curve_api_usd: list[float]
    volume_curve_selfhost_usd: list[float]
    volume_curve_human_usd: list[float] | None
    warnings: list[str]
    # Where a replica's capacity came from: "typed" in, or "derived" from the model and
    # GPU (then ``serving`` holds the derivation and a replica may span several GPUs).
    capacity_source: str
    queries_per_second_per_replica: float
    gpus_per_replica: int
    serving: ServingDerivation | None


# -- catalog look-ups -------------------------------------------------------------------


@lru_cache(maxsize=8)
def days_per_month(catalog: Catalog) -> float:
    return float(assumption_value(catalog, "breakeven_days_per_month"))


@lru_cache(maxsize=8)
def discount_conventions(catalog: Catalog) -> dict[str, dict]:
    return {row["convention_id"]: row
            for row in catalog.table("api_discount_conventions").iter_rows(named=True)}


@lru_cache(maxsize=8)
def api_price_rows(catalog: Catalog) -> dict[str, dict]:
    """API models with both an input and an output price (the ones a query can be priced on)."""
    return {row["price_id"]: row for row in catalog.table("api_prices").iter_rows(named=True)
            if row["usd_per_mtok_input"] is not None and row["usd_per_mtok_output"] is not None}


@lru_cache(maxsize=8)
def _tiers(catalog: Catalog) -> dict[str, dict]:
    return {row["tier_id"]: row for row in catalog.table("volume_tiers").iter_rows(named=True)}


# -- per-query and monthly costs --------------------------------------------------------


def api_cost_per_query(inputs: BreakevenInputs, catalog: Catalog) -> tuple[float, str]:
    """API $ per query before failures, and how it was priced."""
    api = inputs.api
    conventions = discount_conventions(catalog)
    row = api_price_rows(catalog).get(api.price_id)
    parts = []
    batch_share_of_base = conventions["batch"]["share_of_base"]
    if api.pricing == "per_query":
        base = api.usd_per_query
        parts.append(f"${api.usd_per_query:g} per query")
    else:
        cached_price = row.get("usd_per_mtok_cached_input") if row else None
        if cached_price is None:
            cached_price = api.usd_per_mtok_input * conventions["cached_input"]["share_of_base"]
            cached_basis = (f"cached input at {conventions['cached_input']['share_of_base']:.0%} "
                            f"of input (convention, {conventions['cached_input']['source']})")
        else:
            cached_basis = f"cached input ${cached_price:g}/M (catalog)"
        cached = api.cached_input_share
        input_cost = inputs.input_tokens * ((1 - cached) * api.usd_per_mtok_input
                                            + cached * cached_price)
        base = (input_cost + inputs.output_tokens * api.usd_per_mtok_output) / 1e6
        parts.append(f"{inputs.input_tokens:,.0f} in × ${api.usd_per_mtok_input:g}/M + "
                     f"{inputs.output_tokens:,.0f} out × ${api.usd_per_mtok_output:g}/M")
        if cached > 0:
            parts.append(f"{cached:.0%} {cached_basis}")
    if api.batch_share > 0:
        batch_price = row.get("usd_per_mtok_batch_input") if row and api.pricing == "per_token" \
            else None
        if batch_price is not None:
            batch_share_of_base = batch_price / api.usd_per_mtok_input
            batch_basis = "catalog batch price"
        else:
            batch_basis = f"convention, {conventions['batch']['source']}"
        base *= 1 - api.batch_share + api.batch_share * batch_share_of_base
        parts.append(f"{api.batch_share:.0%} by batch at {batch_share_of_base:.0%} of base "
                     f"({batch_basis})")
    return base, "; ".join(parts)


def replicas_for(inputs: BreakevenInputs, catalog: Catalog, queries_per_month: float) -> int:
    """Serving replicas the fine-tuned share of the volume needs (no spares)."""
    if inputs.selfhost.serving != "gpu":
        return 0
    host = inputs.selfhost
    load_qps = queries_per_month * host.traffic_share / (days_per_month(catalog) * SECONDS_PER_DAY)
    capacity = host.queries_per_second_per_replica * host.utilisation
    # A deployed model needs one replica even when idle; the small epsilon keeps an
    # exact fit (load == capacity) from rounding up through float noise.
    ratio = load_qps / capacity
    return max(1, math.ceil(ratio - 1e-9 * max(1.0, ratio)))


class _Model:
    """Monthly cost functions of one set of inputs, shared by every result figure."""

    def __init__(self, inputs: BreakevenInputs, catalog: Catalog, investment: float,
                 gpus_per_replica: int = 1):
        self.inputs = inputs
        self.investment = investment
        # The one-off investment spread over the model's life (until the next retrain):
        # the part of "fixed costs" that makes a volume break even over that life.
        self.amortised = investment / inputs.months_until_retrain
        self.catalog = catalog
        host = inputs.selfhost
        failure = inputs.cost_per_failure_usd
        self.api_price, self.api_basis = api_cost_per_query(inputs, catalog)
        self.api_failure = inputs.api.failure_rate * failure
        self.api_per_query = self.api_price + self.api_failure
        self.share = host.traffic_share
        hosted = host.hosted_usd_per_query if host.serving == "hosted" else 0.0
        self.finetuned_per_query = hosted + host.failure_rate * failure
        self.selfhost_variable = self.variable(1.0)
        monthly = inputs.monthly
        rate = inputs.one_off.hourly_rate_usd
        self.fixed_lines = [
            CostLine(line_id="maintenance", label="Maintenance",
                     usd=monthly.maintenance_hours * rate,
                     basis=f"{monthly.maintenance_hours:g} h/month × ${rate:,.0f}/h"),
            CostLine(line_id="ml_engineers", label="ML engineers (MLOps)",
                     usd=monthly.ml_engineers * monthly.hours_per_engineer_month * rate,
                     basis=(f"{monthly.ml_engineers:g} engineer × "
                            f"{monthly.hours_per_engineer_month:g} h × ${rate:,.0f}/h")),
            CostLine(line_id="oversight", label="Human oversight", usd=monthly.oversight_usd,
                     basis="per month"),
        ]
        self.fixed = sum(line.usd for line in self.fixed_lines)
        # A replica whose weights need tensor parallelism rents all of its GPUs.
        self.gpus_per_replica = gpus_per_replica
        self.gpu_month = (host.usd_per_gpu_hour * HOURS_PER_MONTH * gpus_per_replica
                          if host.serving == "gpu" else 0.0)
        self.spares = host.spare_replicas if host.serving == "gpu" else 0
        # The cumulative curves ask for the same volume every month (and the volume
        # curve for the same points): sizing the replicas reads the catalog, so once is enough.
        self._replicas: dict[float, int] = {}
        human = inputs.human
        self.human_per_query = human.hours_per_task * human.hourly_rate_usd if human.enabled \
            else None

    def variable(self, api_factor: float) -> float:
        """Self-host cost per query that scales with volume; only the traffic left on the
        API follows the API's price decline."""
        api = self.api_price * api_factor + self.api_failure
        return self.share * self.finetuned_per_query + (1 - self.share) * api

    def replicas(self, volume: float) -> int:
        if self.inputs.selfhost.serving != "gpu":
            return 0
        if volume not in self._replicas:
            self._replicas[volume] = replicas_for(self.inputs, self.catalog, volume) \
                + self.spares
        return self._replicas[volume]

    def selfhost_monthly(self, volume: float, api_factor: float = 1.0) -> float:
        return self.fixed + self.replicas(volume) * self.gpu_month \
            + self.variable(api_factor) * volume

    def api_monthly(self, volume: float, api_factor: float = 1.0) -> float:
        return (self.api_price * api_factor + self.api_failure) * volume

    def human_monthly(self, volume: float) -> float | None:
        return None if self.human_per_query is None else self.human_per_query * volume

    def selfhost_all_in(self, volume: float) -> float:
        """Self-host monthly cost with the investment amortised until the retrain."""
        return self.selfhost_monthly(volume) + self.amortised

    def breakeven(self, baseline_per_query: float) -> float | None:
        """Monthly volume where baseline × volume equals the all-in self-host monthly cost:
        fixed costs (amortised investment + fixed monthly + replicas) / (baseline −
        self-host cost per query)."""
        margin = baseline_per_query - self.selfhost_variable
        if margin <= 0:
            return None
        fixed = self.amortised + self.fixed
        if self.inputs.selfhost.serving != "gpu":
            return _finite(fixed / margin)
        # With k load replicas the crossing is v_k = (fixed + G·(spares + k)) / margin; it is
        # the break-even when k replicas really suffice there: v_k ≤ k·C/s, C = queries one
        # replica serves a month, s = traffic share. That holds from the k solved below on.
        host = self.inputs.selfhost
        per_replica = (host.queries_per_second_per_replica * host.utilisation
                       * days_per_month(self.catalog) * SECONDS_PER_DAY / host.traffic_share)
        gain_per_replica = margin * per_replica - self.gpu_month
        if gain_per_replica <= 0:
            return None  # each extra replica costs more than the queries it serves save
        needed = (fixed + self.gpu_month * self.spares) / gain_per_replica
        if needed > MAX_BREAKEVEN_QUERIES_PER_MONTH:  # also inf, from a subnormal gain
            return None  # more replicas than any workload has queries: no break-even
        replicas = max(1, math.ceil(needed - 1e-12))
        return _finite((fixed + self.gpu_month * (self.spares + replicas)) / margin)


def _ratio(numerator: float, denominator: float) -> float | None:
    """A per-unit figure, or None when there is no unit to divide by: a denominator of
    0 or a subnormal one (a volume of 5e-324 queries) gives no meaningful ratio."""
    if denominator <= 0:
        return None
    ratio = numerator / denominator
    return ratio if math.isfinite(ratio) else None


def _finite(volume: float) -> float | None:
    """A break-even beyond any real workload (or overflowing) is no break-even."""
    return volume if volume <= MAX_BREAKEVEN_QUERIES_PER_MONTH else None


# -- results ----------------------------------------------------------------------------


def _one_off(inputs: BreakevenInputs, training_result) -> tuple[list[CostLine], float, list[str]]:
    one_off = inputs.one_off
    warnings = []
    if one_off.finetune_source == "training_plan":
        if training_result is None:
            raise PlanError("the fine-tuning cost is linked to the Training budget, but no "
                            "training plan result was given")
        cost = training_result.one_off_usd
        finetune = CostLine(
            line_id="finetune", label="Fine-tuning (Training budget tab)", usd=cost.base,
            basis=(f"{training_result.mode_label} on {training_result.gpu_name}: one-off "
                   f"${cost.low:,.0f}–${cost.high:,.0f}, base used"))
        retrain = training_result.compute_cost_usd.base
        people = [line for line in training_result.lines if line.kind == "people"]
        if people and (one_off.setup_hours or one_off.data_prep_hours):
            warnings.append("The linked training plan already counts people-hours "
                            f"({', '.join(line.label.lower() for line in people)}); the setup "
                            "and data-preparation hours here may count them twice.")
    else:
        finetune = CostLine(line_id="finetune", label="Fine-tuning", usd=one_off.finetune_usd,
                            basis="entered")
        retrain = one_off.finetune_usd
    rate = one_off.hourly_rate_usd
    lines = [
        finetune,
        CostLine(line_id="setup", label="Infrastructure setup",
                 usd=one_off.setup_hours * rate,
                 basis=f"{one_off.setup_hours:g} h × ${rate:,.0f}/h"),
        CostLine(line_id="data_prep", label="Data preparation and development",
                 usd=one_off.data_prep_hours * rate,
                 basis=f"{one_off.data_prep_hours:g} h × ${rate:,.0f}/h"),
    ]
    return lines, retrain, warnings


def _cumulative(model: _Model, volume: float, investment: float, retrain: float,
                months: int, with_retrain: bool) -> tuple[list, list, list | None]:
    """Cumulative API, self-hosted and human cost at each month end (index 0 = today).

    Vectorised: the payback search spans decades of months on every slider tick."""
    decline = model.inputs.api_price_decline_per_year
    month = np.arange(1, months + 1, dtype=float)
    factor = (1 - decline) ** ((month - 1) / 12)  # month 1 at today's prices
    api_price = model.api_price * factor + model.api_failure
    api_steps = api_price * volume
    variable = model.share * model.finetuned_per_query + (1 - model.share) * api_price
    self_steps = model.fixed + model.replicas(volume) * model.gpu_month + variable * volume
    if with_retrain:
        # Counted, not stepped through: a short retrain interval costs no more time.
        # The tolerance keeps a retrain due exactly at a month end (9 / 9) in that month.
        due = np.floor(month / model.inputs.months_until_retrain + 1e-9)
        self_steps = self_steps + np.diff(due, prepend=0.0) * retrain
    api = np.concatenate(([0.0], np.cumsum(api_steps))).tolist()
    selfhost = (investment + np.concatenate(([0.0], np.cumsum(self_steps)))).tolist()
    human = None
    if model.human_per_query is not None:
        human = np.concatenate(([0.0], np.cumsum(np.full(months, model.human_monthly(volume))))
                               ).tolist()
    return api, selfhost, human


def _crossing(baseline: list[float], selfhost: list[float]) -> float | None:
    """First time (months, linear within a month) the baseline's cumulative cost reaches
    the self-hosted one's."""
    if selfhost[0] <= baseline[0]:
        return 0.0
    for month in range(1, len(baseline)):
        before = selfhost[month - 1] - baseline[month - 1]
        after = selfhost[month] - baseline[month]
        if after <= 0 < before:
            return month - 1 + before / (before - after)
    return None


def _tier(volume: float, breakeven: float | None, catalog: Catalog) -> Tier:
    tiers = _tiers(catalog)
    ratio = tiers["high"]["queries_per_month_low"] / tiers["mid"]["queries_per_month_low"]
    seed = (f"seed 004 puts them at {tiers['mid']['queries_per_month_low']:,.0f} and "
            f"{tiers['high']['queries_per_month_low']:,.0f} queries/month; EconPlan anchors the "
            f"first at the computed break-even and keeps the seed's {ratio:g}× span")
    if breakeven is None or volume < breakeven:
        tier_id = "low"
        reason = ("no volume breaks even" if breakeven is None else
                  f"{volume:,.0f} queries/month is below the API break-even of {breakeven:,.0f}")
    elif volume < ratio * breakeven:
        tier_id = "mid"
        reason = (f"{volume:,.0f} queries/month is between the API break-even "
                  f"({breakeven:,.0f}) and {ratio:g}× it")
    else:
        tier_id = "high"
        reason = (f"{volume:,.0f} queries/month is over {ratio:g}× the API break-even "
                  f"({breakeven:,.0f})")
    row = tiers[tier_id]
    return Tier(tier_id=tier_id, label=row["tier"].split(" (")[0], verdict=row["verdict"],
                reason=reason, seed_boundaries=seed)


def _cost_sentence(inputs: BreakevenInputs, savings: float, payback: float | None) -> str:
    """The fine-tuned model against the chosen baseline: savings and payback."""
    retrain = inputs.months_until_retrain
    against = "the human process" if inputs.compare_against == "human" else "the API"
    if savings <= 0:
        return (f"At this volume the fine-tuned model costs ${-savings:,.0f} a month more than "
                f"{against}.")
    if payback is not None and payback <= retrain:
        return (f"The fine-tuned model saves ${savings:,.0f} a month against {against} and "
                f"pays back in {payback:.1f} months, before the retrain at {retrain:g} months.")
    payback_text = "never" if payback is None else f"{payback:.1f} months"
    return (f"It saves ${savings:,.0f} a month against {against} but pays back in "
            f"{payback_text}, after the retrain at {retrain:g} months: training never "
            "amortises.")


def _option_costs(model: _Model, inputs: BreakevenInputs, catalog: Catalog,
                  volume: float) -> dict[str, float]:
    """All-in monthly cost of every option at today's prices; the fine-tuned model both ways
    it can be served (the decision uses the other way only when the set one is ruled out)."""
    costs = {"api": model.api_monthly(volume)}
    if model.human_per_query is not None:
        costs["keep_human"] = model.human_monthly(volume)
    configured = "self_host" if inputs.selfhost.serving == "gpu" else "hosted_ft"
    costs[configured] = model.selfhost_all_in(volume)
    other = inputs.model_copy(update={"selfhost": inputs.selfhost.model_copy(
        update={"serving": "hosted" if configured == "self_host" else "gpu"})})
    alternate = "hosted_ft" if configured == "self_host" else "self_host"
    costs[alternate] = _Model(other, catalog, model.investment).selfhost_all_in(volume)
    return costs


def _volume_curve(model: _Model, volume: float, breakeven: float | None):
    anchors = [v for v in (volume, breakeven) if v and v > 0]
    low = max(min(anchors) / 300 if anchors else 100.0, 1.0)
    high = max(max(anchors) * 300 if anchors else 1e8, low * 10)
    count = 90
    step = (math.log10(high) - math.log10(low)) / (count - 1)
    volumes = [10 ** (math.log10(low) + i * step) for i in range(count)]
    return (volumes, [model.api_monthly(v) for v in volumes],
            [model.selfhost_all_in(v) for v in volumes],
            None if model.human_per_query is None else [model.human_monthly(v) for v in volumes])


def plan(inputs: BreakevenInputs, catalog: Catalog, training_result=None) -> BreakevenResult:
    """Break-even of a fine-tuned model; ``training_result`` (a TrainingResult) is used when
    the fine-tuning cost is linked to the Training budget plan."""
    if inputs.api.pricing == "per_token" and inputs.api.price_id and \
            inputs.api.price_id not in api_price_rows(catalog):
        raise PlanError(f"API model {inputs.api.price_id!r} has no input/output price in the "
                        "catalog")
    if inputs.compare_against == "human" and not inputs.human.enabled:
        raise PlanError("comparing against the human process needs the human process "
                        "switched on")
    typed_inputs = inputs
    inputs, serving = effective_inputs(inputs, catalog)
    gpus_per_replica = serving.gpus_per_replica if serving else 1
    volume = inputs.queries_per_month
    one_off_lines, retrain, warnings = _one_off(inputs, training_result)
    investment = sum(line.usd for line in one_off_lines)
    model = _Model(inputs, catalog, investment, gpus_per_replica)

    api_monthly = model.api_monthly(volume)
    selfhost_monthly = model.selfhost_monthly(volume)
    human_monthly = model.human_monthly(volume)
    baseline_monthly = human_monthly if inputs.compare_against == "human" else api_monthly
    savings = baseline_monthly - selfhost_monthly

    # Payback recovers the investment from savings (retraining is the amortisation test).
    api_cum, self_cum, human_cum = _cumulative(model, volume, investment, retrain,
                                               PAYBACK_SEARCH_MONTHS, False)
    base_cum = human_cum if inputs.compare_against == "human" else api_cum
    payback = _crossing(base_cum, self_cum) if savings > 0 else None
    first_year = base_cum[12] - (self_cum[12] - investment)
    roi = _ratio(first_year - investment, investment)

    retrain_months = inputs.months_until_retrain
    before_retrain = payback is not None and payback <= retrain_months
    if savings <= 0:
        amortisation = (f"Never amortises: the fine-tuned model costs ${-savings:,.0f} a month "
                        "more than the baseline.")
    elif payback is None:
        amortisation = "Never amortises: declining API prices erase the savings first."
    elif before_retrain:
        amortisation = (f"Pays back in {payback:.1f} months, before the retrain at "
                        f"{retrain_months:g} months.")
    else:
        amortisation = (f"Never amortises: payback takes {payback:.1f} months, after the "
                        f"retrain at {retrain_months:g} months.")

    chart_api, chart_self, chart_human = _cumulative(model, volume, investment, retrain,
                                                     CHART_MONTHS, True)
    chart_base = chart_human if inputs.compare_against == "human" else chart_api
    api_breakeven = model.breakeven(model.api_per_query)
    human_breakeven = (model.breakeven(model.human_per_query)
                       if model.human_per_query is not None else None)
    options, decision, constraint_sentences = decide(
        inputs, catalog, _option_costs(model, inputs, catalog, volume), retrain, warnings)
    choice = recommendation_id(decision)
    reasons = [decision.reason, _cost_sentence(inputs, savings, payback),
               *[s for s in constraint_sentences if s not in decision.reason]]

    host = inputs.selfhost
    replicas_needed = replicas_for(inputs, catalog, volume) if host.serving == "gpu" else 0
    monthly_lines = []
    if host.serving == "gpu":
        replicas = replicas_needed + host.spare_replicas
        monthly_lines.append(CostLine(
            line_id="gpu", label="GPU serving", usd=replicas * model.gpu_month,
            basis=(f"{replicas} replica{'s' if replicas != 1 else ''} "
                   f"({replicas_needed} for the load + {host.spare_replicas} spare) × "
                   + (f"{gpus_per_replica} GPUs × " if gpus_per_replica > 1 else "")
                   + f"${host.usd_per_gpu_hour:.4g}/h × {HOURS_PER_MONTH:.0f} h")))
    else:
        monthly_lines.append(CostLine(
            line_id="hosted", label="Hosted fine-tuned model",
            usd=volume * host.traffic_share * host.hosted_usd_per_query,
            basis=f"${host.hosted_usd_per_query:g} per query"))
    if host.traffic_share < 1:
        monthly_lines.append(CostLine(
            line_id="api_remainder", label="Traffic left on the API",
            usd=volume * (1 - host.traffic_share) * model.api_price,
            basis=f"{1 - host.traffic_share:.0%} of queries × ${model.api_price:.3g}"))
    failures = volume * host.traffic_share * host.failure_rate * inputs.cost_per_failure_usd \
        + volume * (1 - host.traffic_share) * inputs.api.failure_rate * inputs.cost_per_failure_usd
    if failures > 0:
        monthly_lines.append(CostLine(line_id="failures", label="Failures", usd=failures,
                                      basis=f"failure rate × ${inputs.cost_per_failure_usd:g}"))
    monthly_lines += [line for line in model.fixed_lines if line.usd > 0]

    parity = None
    failure_gap = inputs.api.failure_rate - host.failure_rate
    served = volume * host.traffic_share
    if failure_gap > 0 and served > 0:
        inference_savings = (api_monthly - selfhost_monthly) - failure_gap * served * \
            inputs.cost_per_failure_usd
        parity = _ratio(abs(inference_savings), failure_gap * served)
    if (inputs.api.failure_rate > 0 or host.failure_rate > 0) \
            and inputs.cost_per_failure_usd == 0:
        warnings.append("Failure rates are set but a failure costs $0, so they change "
                        "nothing; enter a cost per failure.")
    tier = _tier(volume, api_breakeven, catalog)
    return BreakevenResult(
        queries_per_month=volume, queries_per_day=volume / days_per_month(catalog),
        days_per_month=days_per_month(catalog),
        api_usd_per_query=model.api_per_query, api_price_basis=model.api_basis,
        selfhost_usd_per_query=_ratio(selfhost_monthly, volume),
        selfhost_all_in_monthly_usd=model.selfhost_all_in(volume),
        selfhost_all_in_usd_per_query=_ratio(model.selfhost_all_in(volume), volume),
        amortised_investment_usd=model.amortised,
        human_usd_per_query=model.human_per_query,
        replicas_for_volume=replicas_needed, spare_replicas=model.spares,
        replicas=model.replicas(volume),
        api_monthly_usd=api_monthly, selfhost_monthly_usd=selfhost_monthly,
        human_monthly_usd=human_monthly, monthly_lines=monthly_lines,
        one_off_lines=one_off_lines, investment_usd=investment, retrain_usd=retrain,
        baseline=inputs.compare_against, baseline_monthly_usd=baseline_monthly,
        monthly_savings_usd=savings, annual_savings_usd=first_year,
        breakeven_queries_per_month=(human_breakeven if inputs.compare_against == "human"
                                     else api_breakeven),
        human_breakeven_queries_per_month=human_breakeven,
        payback_months=payback, first_year_roi=roi, months_until_retrain=retrain_months,
        pays_back_before_retrain=before_retrain, amortisation=amortisation, tier=tier,
        recommendation_id=choice, recommendation=HEADLINES[choice], reasons=reasons,
        options=options, decision=decision,
        failure_cost_parity_usd=parity,
        months=list(range(CHART_MONTHS + 1)), cumulative_api_usd=chart_api,
        cumulative_selfhost_usd=chart_self, cumulative_human_usd=chart_human,
        crossover_month=_crossing(chart_base, chart_self),
        volume_curve_queries=(curve := _volume_curve(model, volume, api_breakeven))[0],
        volume_curve_api_usd=curve[1], volume_curve_selfhost_usd=curve[2],
        volume_curve_human_usd=curve[3], warnings=warnings,
        capacity_source=typed_inputs.capacity.source if serving else "typed",
        queries_per_second_per_replica=host.queries_per_second_per_replica,
        gpus_per_replica=gpus_per_replica, serving=serving,
    )


def _model(inputs: BreakevenInputs, catalog: Catalog, training_result=None) -> _Model:
    inputs, serving = effective_inputs(inputs, catalog)
    lines, _, _ = _one_off(inputs, training_result)
    return _Model(inputs, catalog, sum(line.usd for line in lines),
                  serving.gpus_per_replica if serving else 1)


def api_breakeven_volume(inputs: BreakevenInputs, catalog: Catalog,
                         training_result=None) -> float | None:
    model = _model(inputs, catalog, training_result)
    return model.breakeven(model.api_per_query)


def monthly_costs(inputs: BreakevenInputs, catalog: Catalog, volume: float,
                  training_result=None) -> tuple[float, float]:
    """(API, all-in self-host) monthly cost at a volume, at today's prices."""
    model = _model(inputs, catalog, training_result)
    return model.api_monthly(volume), model.selfhost_all_in(volume)


# -- defaults ---------------------------------------------------------------------------


def default_inputs_payload(catalog: Catalog) -> dict:
    """The break-even section of a fresh scenario, every value read from the catalog."""
    def value(assumption_id: str) -> float:
        return assumption_value(catalog, assumption_id)

    price = api_price_rows(catalog)["s004_gpt_54_standard"]
    per_query = catalog.row("cost_per_query_comparison", "approach_id", "gpt_4o_mini")
    output_tokens = value("breakeven_output_tokens")
    return {
        "queries_per_month": value("breakeven_volume"),
        "volume_unit": "month",
        "input_tokens": value("breakeven_input_tokens"),
        "output_tokens": output_tokens,
        "api": {
            "price_id": price["price_id"], "pricing": "per_token",
            "usd_per_mtok_input": price["usd_per_mtok_input"],
            "usd_per_mtok_output": price["usd_per_mtok_output"],
            "usd_per_query": per_query["usd_per_query"],
            "cached_input_share": 0.0, "batch_share": 0.0,
            "failure_rate": value("breakeven_failures"),
        },
        "selfhost": {
            "serving": "gpu", "gpu_id": "h100_sxm",
            "usd_per_gpu_hour": value("breakeven_gpu"),
            "queries_per_second_per_replica": value("breakeven_throughput") / output_tokens,
            "utilisation": value("breakeven_utilisation"),
            "spare_replicas": int(value("breakeven_spare_replicas")),
            "hosted_usd_per_query": value("breakeven_hosted_price"),
            "traffic_share": value("breakeven_traffic_share"),
            "failure_rate": value("breakeven_failures"),
        },
        "one_off": {
            "finetune_source": "manual",
            "finetune_usd": value("breakeven_finetune_usd"),
            "setup_hours": value("breakeven_setup_hours"),
            "data_prep_hours": value("breakeven_data_prep_hours"),
            "hourly_rate_usd": value("breakeven_hourly_rate"),
        },
        "monthly": {
            "maintenance_hours": value("breakeven_maintenance_hours"),
            "ml_engineers": value("breakeven_ml_engineers"),
            "hours_per_engineer_month": value("breakeven_engineer_hours"),
            "oversight_usd": value("breakeven_oversight"),
        },
        "months_until_retrain": value("breakeven_retrain_months"),
        "api_price_decline_per_year": value("breakeven_price_decline"),
        "cost_per_failure_usd": value("breakeven_failures"),
        "human": {
            "enabled": False,
            "hours_per_task": value("breakeven_human_hours"),
            "hourly_rate_usd": value("breakeven_human_rate"),
        },
        "compare_against": "api",
        "constraints": {
            "data_on_premises": False, "no_capable_api": False, "latency_target": False,
            "latency_target_ms": value("breakeven_latency_ms"),
            "no_ml_capacity": False, "vendor_portability": False,
        },
        "capacity": default_capacity_payload(),
    }


def default_capacity_payload() -> dict:
    """Typed-in throughput, as before schema 6; deriving it starts from Llama 3.1 8B at
    BF16, the model of the seed's "8B on an H100" vLLM figure (the default GPU)."""
    return {"source": "typed", "model_id": "llama31_8b", "precision": "bf16",
            "context_tokens": 0, "batch": 0}


def sources_used(inputs: BreakevenInputs, catalog: Catalog) -> list[CatalogRef]:
    """The catalog rows behind a break-even plan's figures and defaults (a fine-tuning cost
    linked to the training plan cites that plan's sources separately)."""
    api = inputs.api
    refs: list[CatalogRef] = []
    if api.pricing == "per_token" and api.price_id:
        refs += refs_for(catalog, "api_prices", "price_id", [api.price_id],
                         figure="$/M input and output")
    conventions = []
    row = api_price_rows(catalog).get(api.price_id) if api.pricing == "per_token" else None
    if api.pricing == "per_token" and api.cached_input_share > 0 \
            and (row is None or row.get("usd_per_mtok_cached_input") is None):
        conventions.append("cached_input")
    if api.batch_share > 0 and (row is None or row.get("usd_per_mtok_batch_input") is None):
        conventions.append("batch")
    refs += refs_for(catalog, "api_discount_conventions", "convention_id", conventions,
                     figure="Share of the base price")
    refs += refs_for(catalog, "volume_tiers", "tier_id", figure="Tier bounds, verdict")
    if inputs.constraints.latency_target:
        refs += refs_for(catalog, "latency_comparison", "option_id",
                         figure="Latency, ms")
    if inputs.monthly.ml_engineers > 0:
        refs += refs_for(catalog, "ft_mlops", "item_id",
                         figure="ML engineers per model")
    refs += assumption_refs(catalog, "breakeven.")
    if inputs.capacity.source == "derived" and inputs.selfhost.serving == "gpu":
        refs += refs_for(catalog, "model_architectures", "model_id", [inputs.capacity.model_id],
                         figure="Model configuration (serving capacity)")
        refs += refs_for(catalog, "gpu_specs", "gpu_id", [inputs.selfhost.gpu_id],
                         figure="Memory, bandwidth and dense peaks (serving capacity)")
        refs += refs_for(catalog, "inference_throughput", "throughput_id",
                         figure="vLLM throughput (serving efficiency calibration)")
        refs += refs_for(catalog, "self_hosted_setups", "setup_id",
                         figure="Self-hosted capacity (second check)")
    return unique(refs)


def default_sources(catalog: Catalog) -> dict[str, str]:
    """Citations of break-even defaults that do not come from planner_assumptions."""

    price = api_price_rows(catalog)["s004_gpt_54_standard"]
    sources = {
        "breakeven.api.usd_per_mtok_input": cite(price),
        "breakeven.api.usd_per_mtok_output": cite(price),
        "breakeven.api.price_id": cite(price),
        "breakeven.api.usd_per_query": cite(
            catalog.row("cost_per_query_comparison", "approach_id", "gpt_4o_mini")),
    }
    conventions = discount_conventions(catalog)
    sources["breakeven.api.cached_input_share"] = cite(conventions["cached_input"])
    sources["breakeven.api.batch_share"] = cite(conventions["batch"])
    sources["breakeven.monthly.ml_engineers"] = cite(catalog.table("ft_mlops").row(0, named=True))
    return sources
