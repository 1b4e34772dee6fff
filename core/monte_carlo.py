"""Vectorised Monte Carlo over the five planners: every headline figure per draw.

The planners' formulas are reused, not restated: the training and playbook
arithmetic calls the planners' own formula functions (``training_flops``,
``gpu_hours_from_flops``, ``finetune_gpu_hours``, ``owned_usd_per_gpu_hour``,
``playbook.schedule``) on numpy arrays, and the break-even draws reuse the
planner's monthly cost model for everything the draws do not change. What is
left here is how those pieces add up; ``tests/core/test_uncertainty_*`` holds
it to the deterministic planners: at any single point of every range (every
example scenario, random points) the figures here equal the planner's.

A figure is an array with one value per draw: ``inf`` where it never happens
(no break-even, no payback), ``nan`` where it is not defined in that plan.
"""

from __future__ import annotations

import math
import threading
from collections.abc import Callable
from typing import Any

import numpy as np
from econplan.core import breakeven, playbook, routing, training
from econplan.core.breakeven_inputs import BreakevenInputs
from econplan.core.catalog import Catalog
from econplan.core.dataset import finetune_dataset
from econplan.core.dataset_inputs import DatasetInputs
from econplan.core.distributions import quantile
from econplan.core.errors import PlanError
from econplan.core.playbook_inputs import PlaybookInputs
from econplan.core.routing_inputs import RoutingInputs
from econplan.core.scenario import Scenario
from econplan.core.training_inputs import TrainingInputs
from econplan.core.uncertainty_ranges import group_of, range_inputs

Figures = dict[str, np.ndarray]
# Figures that are a chart's series rather than a headline. A planner's bars are figures
# "<prefix><key>" (one per bar, in the chart's order); a curve is one figure of shape
# (rows, draws) with its x values under "<id>:x". Point i of a curve is row ``row[i]``
# (default: row i) plus a constant ``offset[i]`` (default 0), when given: the percentiles
# of a row shifted by a constant are its percentiles shifted, so rows are ranked once.
LINE_PREFIX = {"training": "training.line.", "dataset": "dataset.line."}
X_SUFFIX, OFFSET_SUFFIX, ROW_SUFFIX = ":x", ":offset", ":row"
# The value of a range input by field path: an array of draws, or one point (a float).
ValueOf = Callable[[str], Any]


# -- drawing the inputs ------------------------------------------------------------------

class Draws:
    """The draws of every range input, reproducible from the seed.

    Each range is one (Latin hypercube) uniform draw pushed through its distribution's
    inverse CDF;
    grouped inputs share their uniform draw (they move together). The uniforms are
    drawn at once, one row per range input (or group) in a fixed order, so a seed
    gives the same figures every run; an input is transformed only when a planner
    reads it (the owned-GPU price of a cloud plan never is)."""

    def __init__(self, scenario: Scenario, catalog: Catalog, draws: int, seed: int):
        self.draws = draws
        self.inputs = {item.path: item for item in range_inputs(scenario, catalog)}
        groups = group_of(scenario)
        rows: dict[str, int] = {}
        self.row_of: dict[str, int] = {}
        for path in self.inputs:
            key = "group:" + groups[path] if path in groups else path
            self.row_of[path] = rows.setdefault(key, len(rows))
        self.uniforms = latin_hypercube(np.random.default_rng(seed), max(len(rows), 1), draws)
        self.values: dict[str, Any] = {}

    def __call__(self, path: str) -> Any:
        if path not in self.values:
            item = self.inputs[path]
            if item.low == item.high:
                self.values[path] = float(item.low)  # a point: no array to carry
            else:
                self.values[path] = quantile(item.kind, item.low, item.high,
                                             self.uniforms[self.row_of[path]], item.mode)
        return self.values[path]


def latin_hypercube(rng: np.random.Generator, rows: int, draws: int) -> np.ndarray:
    """Uniform draws stratified per row: each of the ``draws`` equal slices of [0, 1)
    holds exactly one draw of every input, in an independent random order per input.
    Every input's distribution is then covered evenly, so percentiles settle with far
    fewer draws than plain random sampling (a P50 that moved 1–2% between 10,000 and
    100,000 plain draws moves well under 1%)."""
    slices = rng.permuted(np.broadcast_to(np.arange(draws), (rows, draws)), axis=1)
    return (slices + rng.random((rows, draws))) / draws


def draw_inputs(scenario: Scenario, catalog: Catalog, draws: int, seed: int) -> dict[str, Any]:
    """Every range input's draws (an array, or a float for a collapsed range)."""
    sampled = Draws(scenario, catalog, draws, seed)
    return {path: sampled(path) for path in sampled.inputs}


def midpoints(scenario: Scenario, catalog: Catalog) -> dict[str, float]:
    """Every range input at its midpoint: the point the planners' "base" is computed at."""
    return {item.path: scenario_range(scenario, item.path).mid
            for item in range_inputs(scenario, catalog)}


def scenario_range(scenario: Scenario, path: str) -> Any:
    value: Any = scenario
    for part in path.split("."):
        value = value[int(part)] if part.isdigit() else getattr(value, part)
    return value


# -- the planners on arrays ----------------------------------------------------------------

def training_figures(inputs: TrainingInputs, catalog: Catalog, value: ValueOf) -> Figures:
    """Training totals per draw, assembled as ``training.plan`` assembles its base."""
    gpu = training.gpu_row(catalog, inputs.gpu_id)
    peak = gpu.get("dense_bf16_tflops")
    peak_tflops = float(peak) if peak is not None and not math.isnan(peak) else None
    if inputs.mode.is_finetune:
        data = inputs.finetune
        tokens = data.examples * data.tokens_per_example
        hours = training.finetune_gpu_hours(
            tokens, value("training.finetune.throughput_tokens_per_s"), data.epochs)
    else:
        if peak_tflops is None:
            raise PlanError(f"{gpu['name']} has no dense BF16 peak in the catalog")
        flops = training.training_flops(inputs.flops_params, inputs.tokens)
        hours = training.gpu_hours_from_flops(flops, peak_tflops, value("training.mfu"))
    runs = (value("training.hidden.training_runs")
            if inputs.mode.is_finetune and inputs.hidden.enabled else 1.0)
    if inputs.pricing == "cloud":
        price = value("training.usd_per_gpu_hour")
    else:
        owned = inputs.owned
        price = training.owned_usd_per_gpu_hour(value("training.owned.purchase_usd"),
                                                owned.life_years, owned.utilisation)
    compute_per_run = hours * price
    compute = compute_per_run * runs
    # The cost breakdown's lines, keyed by the planner's category ids (its bars' whiskers).
    lines: Figures = {"compute": compute}
    one_off = 0.0 + compute
    data_curation = None
    for category_id in training.BEYOND_COMPUTE_IDS:
        item = getattr(inputs.beyond_compute, category_id)
        if item.enabled:
            line = compute_per_run * value(f"training.beyond_compute.{category_id}.multiplier")
            lines[category_id] = line
            one_off = one_off + line
            if category_id == "data_curation":
                data_curation = line
    ongoing = 0.0
    hidden = inputs.hidden
    if hidden.enabled:
        rate = hidden.hourly_rate_usd
        for category_id in ("data_preparation", "evaluation", "infrastructure_setup"):
            line = value(f"training.hidden.{category_id}_hours") * rate
            lines[category_id] = line
            one_off = one_off + line
        if hidden.months_in_production:
            ongoing = ongoing + value("training.hidden.maintenance_hours_per_month") * (
                rate * hidden.months_in_production)
            lines["maintenance"] = ongoing
    return {
        **{LINE_PREFIX["training"] + key: _array(line) for key, line in lines.items()},
        "training.total_usd": _array(one_off + ongoing),
        "training.compute_cost_usd": _array(compute),
        "training.gpu_hours": _array(hours * runs),
        "training.wall_clock_days": _array(hours * (1 / (inputs.gpu_count * 24.0))),
        # Not headlines: what the dataset and break-even planners take from training.
        "training.one_off_usd": _array(one_off),
        "training.data_curation_usd": _array(data_curation if data_curation is not None
                                             else math.nan),
    }


def dataset_figures(training_inputs: TrainingInputs, inputs: DatasetInputs, catalog: Catalog,
                    value: ValueOf, trained: Figures | None) -> Figures:
    if training_inputs.mode.is_finetune:
        data = finetune_dataset(training_inputs, inputs, catalog)
        tokens = data.tokens
        synthetic = data.synthetic_examples * value("dataset.synthetic_usd_per_example")
        human = data.human_examples * value("dataset.human_usd_per_example")
        return {"dataset.training_tokens": _array(tokens),
                "dataset.data_cost_usd": _array(synthetic + human),
                # The fine-tuning data cost chart's two bars.
                LINE_PREFIX["dataset"] + "synthetic": _array(synthetic),
                LINE_PREFIX["dataset"] + "human": _array(human)}
    tokens = training_inputs.tokens
    enabled = training_inputs.beyond_compute.data_curation.enabled
    cost = trained["training.data_curation_usd"] if enabled and trained else math.nan
    return {"dataset.training_tokens": _array(tokens), "dataset.data_cost_usd": _array(cost)}


def playbook_figures(inputs: PlaybookInputs, value: ValueOf) -> Figures:
    phases = inputs.phases
    durations = [value(f"playbook.phases.{i}.months") for i in range(len(phases))]
    spans = playbook.schedule(phases, durations, maximum=np.maximum)
    cost = sum(value(f"playbook.phases.{i}.cost_usd") for i in range(len(phases)))
    launch = spans[0][1]
    for _, end in spans[1:]:
        launch = np.maximum(launch, end)
    refresh = value("playbook.ongoing_usd_per_quarter")
    months = spend_months(inputs.horizon_quarters * playbook.MONTHS_PER_QUARTER)
    return {
        "playbook.first_version_cost_usd": _array(cost),
        "playbook.first_version_months": _array(launch),
        "playbook.ongoing_usd_per_quarter": _array(refresh),
        "playbook.cumulative_usd": _cumulative_spend(
            months, spans, [value(f"playbook.phases.{i}.cost_usd") for i in range(len(phases))],
            launch, refresh),
        "playbook.cumulative_usd" + X_SUFFIX: months,
    }


def spend_months(horizon: float) -> np.ndarray:
    """The months the spend fan is drawn at: month ends up to five years, then 60 even
    steps (the fan is percentiles of every draw at every point: points cost time)."""
    return np.linspace(0.0, horizon, int(min(math.ceil(horizon), 60)) + 1)


def _cumulative_spend(months: np.ndarray, spans: list, costs: list, launch: Any,
                      refresh: Any) -> np.ndarray:
    """Cumulative spend at ``months`` per draw, shape (months, draws): each phase's cost
    accrues linearly over its span, a refresh is paid at each full quarter after launch
    (``playbook._Case.cumulative`` on arrays). Built in place and in single precision
    (dollars to 7 digits, plenty for a shaded fan), and per phase only on the months its
    span can reach: the fan reruns with every draw of the bands."""
    f32 = np.float32
    columns = max(np.size(launch), np.size(refresh),
                  *(np.size(c) for c in costs), *(np.size(s) for s, _ in spans))
    total = np.zeros((months.size, columns), dtype=f32)
    at = months.astype(f32)[:, None]
    for (start, end), cost in zip(spans, costs, strict=True):
        start, end = (np.broadcast_to(np.asarray(v, dtype=float), (columns,))
                      for v in (start, end))
        first = int(np.searchsorted(months, start.min(), side="right"))
        done = int(np.searchsorted(months, end.max(), side="left"))
        cost32 = np.broadcast_to(np.asarray(cost, dtype=f32), (columns,))
        total[done:] += cost32  # every draw has finished the phase by these months
        if first < done:  # a phase lasts at least MIN_MONTHS (playbook_inputs)
            share = at[first:done] - start.astype(f32)
            share *= (cost / (end - start)).astype(f32)  # spent per month of the phase
            np.maximum(share, 0.0, out=share)
            np.minimum(share, cost32, out=share)
            total[first:done] += share
    launch = np.atleast_1d(launch)
    first = int(np.searchsorted(months, launch.min() + playbook.MONTHS_PER_QUARTER - 1e-6))
    if first < months.size:  # no refresh is paid before a quarter after the earliest launch
        eps = 1e-9  # playbook._EPS: a refresh due exactly at a month is paid in it
        due = months[first:, None] - launch  # double: a refresh due at month m is exact
        due *= 1 / playbook.MONTHS_PER_QUARTER
        due += eps
        np.floor(due, out=due)
        np.maximum(due, 0.0, out=due)  # before launch (floor < 0): no refresh yet
        total[first:] += due.astype(f32) * np.asarray(refresh, dtype=f32)
    return total


class _LatestOnly:
    """The last few results of a deterministic step, keyed by its inputs' JSON: the
    draws rerun on every slider tick, mostly with this planner's inputs unchanged."""

    def __init__(self, size: int = 4):
        self.size = size
        self.entries: dict[tuple[str, int], Any] = {}
        self.lock = threading.Lock()  # the desktop draws on a worker thread

    def get(self, inputs: Any, catalog: Catalog, compute: Callable[[], Any]) -> Any:
        key = (inputs.model_dump_json(), id(catalog))
        with self.lock:
            if key in self.entries:
                return self.entries[key]
        value = compute()
        with self.lock:
            if len(self.entries) >= self.size:
                self.entries.pop(next(iter(self.entries)))
            self.entries[key] = value
        return value


_routing_results = _LatestOnly()
_breakeven_curves = _LatestOnly()
_breakeven_results = _LatestOnly()
_breakeven_charts = _LatestOnly()


def routing_figures(inputs: RoutingInputs, catalog: Catalog) -> Figures:
    # The routing inputs hold no ranges: its figures are the same in every draw.
    result = _routing_results.get(inputs, catalog, lambda: routing.plan(inputs, catalog))
    multiple = result.overspend_multiple
    return {
        "routing.all_large_annual_usd": _array(result.all_large_annual_usd),
        "routing.optimal_annual_usd": _array(result.optimal_annual_usd),
        "routing.overspend_multiple": _array(math.nan if multiple is None else multiple),
    }


def breakeven_figures(inputs: BreakevenInputs, catalog: Catalog,
                      trained: Figures | None) -> Figures:
    """Break-even per draw. Only the linked fine-tuning cost is uncertain (the section
    holds no ranges): it moves the investment, the retrain cost and what depends on them,
    so everything else comes once from the planner's own monthly cost model."""
    result = _breakeven_results.get(inputs, catalog, lambda: breakeven.plan(inputs, catalog)) \
        if inputs.one_off.finetune_source == "manual" else None
    if result is not None:  # nothing uncertain: the planner's own figures, exactly
        return {key: _array(_planner_value(result, key)) for key in BREAKEVEN_FIGURES}
    one_off = inputs.one_off
    rate = one_off.hourly_rate_usd
    if one_off.finetune_source == "training_plan":
        if trained is None:
            raise PlanError("the fine-tuning cost is linked to the Training budget, which "
                            "cannot be planned")
        finetune = trained["training.one_off_usd"]
    else:
        finetune = np.asarray(one_off.finetune_usd, dtype=float)
    investment = _array(0 + finetune + one_off.setup_hours * rate
                        + one_off.data_prep_hours * rate)
    model, gap, savings = _breakeven_curves.get(
        inputs, catalog, lambda: _investment_free_curves(inputs, catalog))
    human = inputs.compare_against == "human"
    baseline_per_query = model.human_per_query if human else model.api_per_query
    payback = _payback(gap, investment) if savings > 0 else np.full(investment.shape, np.inf)
    first_year = -gap[12]  # first-year savings: baseline minus self-host, year 1
    with np.errstate(divide="ignore", invalid="ignore"):
        roi = np.where(investment > 0, (first_year - investment) / investment, np.nan)
    months = inputs.months_until_retrain
    volumes = _breakeven_volume(model, inputs, catalog, baseline_per_query,
                                investment / months)
    return {
        "breakeven.breakeven_queries_per_month": volumes,
        "breakeven.payback_months": payback,
        "breakeven.first_year_roi": _array(roi),
        "breakeven.pays_back_before_retrain": (payback <= months).astype(float),
        **_selfhost_chart(inputs, catalog, investment, trained),
    }


def _selfhost_chart(inputs: BreakevenInputs, catalog: Catalog, investment: np.ndarray,
                    trained: Figures | None) -> Figures:
    """The fine-tuned model's cumulative cost on the chart's months, per draw: the
    investment, the running costs and a retrain (the training compute) each time one is
    due, as ``breakeven._cumulative`` draws it."""
    if trained is None:
        return {}
    running, retrains_due = _breakeven_charts.get(inputs, catalog,
                                                  lambda: _chart_curves(inputs, catalog))
    retrain = trained["training.compute_cost_usd"]
    months = np.arange(breakeven.CHART_MONTHS + 1, dtype=float)
    # Month m costs running[m] (the same in every draw) + investment + k·retrain, k the
    # retrains due by then: a few distinct rows of draws, each shifted by a constant.
    counts, row = np.unique(retrains_due, return_inverse=True)
    rows = investment[None, :] + counts[:, None] * retrain[None, :]
    series = "breakeven.cumulative_selfhost_usd"
    return {series: rows, series + X_SUFFIX: months, series + OFFSET_SUFFIX: running,
            series + ROW_SUFFIX: row.astype(float)}


def _chart_curves(inputs: BreakevenInputs, catalog: Catalog) -> tuple[np.ndarray, np.ndarray]:
    """The self-hosted running cost on the chart's months without investment or retrains,
    and how many retrains are due by each month end."""
    model = breakeven._Model(inputs, catalog, 0.0)
    _, running, _ = breakeven._cumulative(model, inputs.queries_per_month, 0.0, 1.0,
                                          breakeven.CHART_MONTHS, False)
    month = np.arange(breakeven.CHART_MONTHS + 1, dtype=float)
    due = np.floor(month / inputs.months_until_retrain + 1e-9)
    return np.asarray(running), due


BREAKEVEN_FIGURES = ("breakeven.breakeven_queries_per_month", "breakeven.payback_months",
                     "breakeven.first_year_roi", "breakeven.pays_back_before_retrain")


def _investment_free_curves(inputs: BreakevenInputs, catalog: Catalog):
    """The planner's monthly cost model and its cumulative curves without the investment:
    the investment only shifts the self-hosted curve up, so each draw's payback is where
    the gap first covers its investment."""
    model = breakeven._Model(inputs, catalog, 0.0)
    volume = inputs.queries_per_month
    human = inputs.compare_against == "human"
    api_cum, self_cum, human_cum = breakeven._cumulative(
        model, volume, 0.0, 0.0, breakeven.PAYBACK_SEARCH_MONTHS, False)
    base_cum = np.asarray(human_cum if human else api_cum)
    gap = np.asarray(self_cum) - base_cum  # self-host minus baseline, before investment
    baseline_monthly = model.human_monthly(volume) if human else model.api_monthly(volume)
    savings = baseline_monthly - model.selfhost_monthly(volume)
    return model, gap, savings


def _planner_value(result: breakeven.BreakevenResult, key: str) -> float:
    name = key.split(".", 1)[1]
    value = getattr(result, name)
    if isinstance(value, bool):
        return float(value)
    if value is None:
        return np.nan if name == "first_year_roi" else np.inf
    return float(value)


def _payback(gap: np.ndarray, investment: np.ndarray) -> np.ndarray:
    """First (linear within a month) time the baseline's savings cover the investment:
    the self-hosted minus baseline cumulative cost, ``investment + gap``, reaches 0."""
    lowest = np.minimum.accumulate(gap)
    # First month whose running lowest gap reaches -investment; len(gap) when never.
    month = np.searchsorted(-lowest, investment, side="left")
    never = month >= len(gap)
    month = np.clip(month, 1, len(gap) - 1)
    before = investment + gap[month - 1]
    after = investment + gap[month]
    with np.errstate(divide="ignore", invalid="ignore"):
        crossing = month - 1 + before / (before - after)
    crossing = np.where(investment <= 0, 0.0, crossing)
    return np.where(never & (investment > 0), np.inf, crossing)


def _breakeven_volume(model: Any, inputs: BreakevenInputs, catalog: Catalog,
                      baseline_per_query: float | None, amortised: np.ndarray) -> np.ndarray:
    """``_Model.breakeven`` over an array of amortised investments."""
    never = np.full(amortised.shape, np.inf)
    if baseline_per_query is None:
        return never
    margin = baseline_per_query - model.selfhost_variable
    if margin <= 0:
        return never
    fixed = amortised + model.fixed
    limit = breakeven.MAX_BREAKEVEN_QUERIES_PER_MONTH
    if inputs.selfhost.serving != "gpu":
        with np.errstate(over="ignore", divide="ignore"):
            volume = fixed / margin
        return np.where(volume <= limit, volume, np.inf)
    host = inputs.selfhost
    per_replica = (host.queries_per_second_per_replica * host.utilisation
                   * breakeven.days_per_month(catalog) * breakeven.SECONDS_PER_DAY
                   / host.traffic_share)
    gain = margin * per_replica - model.gpu_month
    if gain <= 0:
        return never
    # At the inputs' bounds these can overflow to inf: that is "no break-even", as below.
    with np.errstate(over="ignore", divide="ignore", invalid="ignore"):
        needed = (fixed + model.gpu_month * model.spares) / gain
        replicas = np.maximum(1, np.ceil(needed - 1e-12))
        volume = (fixed + model.gpu_month * (model.spares + replicas)) / margin
    return np.where((needed <= limit) & (volume <= limit), volume, np.inf)


def _array(value: Any) -> np.ndarray:
    return np.atleast_1d(np.asarray(value, dtype=float))


# -- all five ----------------------------------------------------------------------------

def evaluate(scenario: Scenario, catalog: Catalog,
             value: ValueOf) -> tuple[Figures, dict[str, str]]:
    """Every headline figure of every planner for the input values ``value`` gives (arrays
    of draws, or points); planners that cannot be planned are in the problems."""
    figures: Figures = {}
    problems: dict[str, str] = {}
    trained: Figures | None = None

    def run(planner_id: str, compute: Callable[[], Figures]) -> Figures | None:
        try:
            result = compute()
        except PlanError as exc:
            problems[planner_id] = str(exc)
            return None
        figures.update(result)
        return result

    trained = run("training", lambda: training_figures(scenario.training, catalog, value))
    run("dataset", lambda: dataset_figures(scenario.training, scenario.dataset, catalog,
                                           value, trained))
    run("playbook", lambda: playbook_figures(scenario.playbook, value))
    run("routing", lambda: routing_figures(scenario.routing, catalog))
    linked = scenario.breakeven.one_off.finetune_source == "training_plan"
    run("breakeven", lambda: breakeven_figures(scenario.breakeven, catalog,
                                               trained if linked else None))
    return figures, problems


def simulate(scenario: Scenario, catalog: Catalog, draws: int,
             seed: int) -> tuple[Figures, dict[str, str]]:
    """``draws`` Monte Carlo draws of every headline figure, reproducible from ``seed``:
    arrays of ``draws`` values, or of one value where the figure holds no range."""
    figures, problems = evaluate(scenario, catalog, Draws(scenario, catalog, draws, seed))
    # A figure with one value is the same in every draw (nothing it depends on is a range).
    return figures, problems
