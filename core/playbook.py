"""Vertical playbook planner: phases, first-version cost and timeline, spend over time.

Pure functions over ``PlaybookInputs`` and the catalog; no I/O, no Qt. The
seed (000 §5–§6) gives three phases for the first strong version of a
vertical model family (3–6, 1–2 and 1–2 months; $300K–$1.5M, $100K–$500K and
$50K–$300K), a stated total (4–8 months, $0.5M–$2.5M), quarterly refreshes at
$50K–$300K, and per-vertical first-version costs.

* A phase starts when ``overlap_share`` of the previous phase's duration
  remains (0 = strictly one after the other). The first version ships when
  the last phase ends.
* Each phase's cost is spent evenly over its duration; after launch, one
  refresh per quarter is paid when that quarter ends.
* Three cases: *low* takes every range at its low end (shortest phases,
  lowest costs), *high* at its high end, *base* at the midpoints.
"""

from __future__ import annotations

import calendar
import datetime as dt
import math
from collections.abc import Callable
from functools import lru_cache
from typing import Any

from econplan.core.assumptions import assumption, assumption_value
from econplan.core.catalog import Catalog
from econplan.core.estimate import Estimate, total
from econplan.core.formatting import range_text, usd_range
from econplan.core.model_base import CoreModel
from econplan.core.playbook_inputs import (
    CUSTOM_VERTICAL_ID,
    GENERIC_VERTICAL_ID,
    PlaybookInputs,
    PlaybookPhase,
    VerticalProfile,
)
from econplan.core.provenance import CatalogRef, assumption_refs, cite, refs_for, unique

MONTHS_PER_QUARTER = 3
SEED_PHASE_IDS = ("phase_1", "phase_2", "phase_3")
CASES = ("low", "base", "high")
CASE_LABELS = {
    "low": "Low case: short phases, low costs",
    "base": "Base case: midpoints",
    "high": "High case: long phases, high costs",
}
# The seed's five steps and the phase that does the work, matched by name:
# "CPT + curation" = steps 1–2, "SFT + alignment" = step 3, "Distill" = step 4,
# "Ongoing (quarterly)" = step 5 "Iterate quarterly".
STEP_PHASES = {
    "pick_base_cpt": "phase_1",
    "heavy_curation": "phase_1",
    "sft_alignment": "phase_2",
    "distillation": "phase_3",
    "iterate_quarterly": "ongoing",
    "sft_distill": "phase_2 + phase_3",
}
_EPS = 1e-9


class Cases(CoreModel):
    """One figure in each case (not necessarily ordered: a fast cheap plan refreshes sooner)."""

    low: float
    base: float
    high: float

    def get(self, case: str) -> float:
        return getattr(self, case)


class CaseDates(CoreModel):
    low: dt.date
    base: dt.date
    high: dt.date


class PhaseResult(CoreModel):
    phase_id: str
    name: str
    deliverable: str
    overlap_share: float
    months: Estimate
    cost_usd: Estimate
    start_month: Estimate
    end_month: Estimate
    start_date: CaseDates
    end_date: CaseDates


class SeedTotal(CoreModel):
    months_low: float
    months_high: float
    cost_usd_low: float
    cost_usd_high: float
    source: str
    as_of: str


class SpendCurve(CoreModel):
    """Cumulative spend of one case at its breakpoints (linear in between, steps at refreshes)."""

    case: str
    label: str
    months: list[float]
    cumulative_usd: list[float]


class QuarterSpend(CoreModel):
    quarter: int
    end_month: float
    end_date: dt.date
    spent_in_quarter_usd: Cases
    cumulative_usd: Cases


class ApproachRow(CoreModel):
    approach_id: str
    approach: str
    cost_usd_low: float | None
    cost_usd_high: float | None
    months_low: float | None
    months_high: float | None
    time_text: str
    domain_quality: str
    inference_cost: str
    is_plan: bool
    source: str


class TaskResult(CoreModel):
    task: str
    complexity: str
    unit: str
    current_usd_low: float | None
    current_usd_high: float | None
    finetuned_usd: float | None
    cost_ratio_low: float | None
    cost_ratio_high: float | None
    current_text: str
    finetuned_text: str


class StepRow(CoreModel):
    step_id: str
    steps: str
    step: str
    description: str
    cost_usd_low: float | None
    cost_usd_high: float | None
    covered_by: str
    note: str
    source: str


class VerticalCost(CoreModel):
    vertical: str
    cost_usd_low: float
    cost_usd_high: float
    source: str


class PlaybookResult(CoreModel):
    vertical_id: str
    vertical_name: str
    start_date: dt.date
    phases: list[PhaseResult]
    first_version_cost_usd: Estimate
    first_version_months: Estimate
    sequential_months: Estimate
    launch_date: CaseDates
    seed_total: SeedTotal | None
    seed_vertical_cost: VerticalCost | None
    reconciliation: list[str]
    ongoing_usd_per_quarter: Estimate
    horizon_quarters: int
    horizon_months: float
    horizon_date: dt.date
    refreshes_in_horizon: Cases
    horizon_spend_usd: Estimate
    horizon_spend_by_case: Cases
    quarters: list[QuarterSpend]
    curves: list[SpendCurve]
    comparison: list[ApproachRow]
    tasks: list[TaskResult]
    steps: list[StepRow]
    warnings: list[str]



# -- dates ---------------------------------------------------------------------------------

def datetime_at(start: dt.date, months: float) -> dt.datetime:
    """``start`` plus a (fractional) number of calendar months.

    Whole months are calendar months (the day is clamped to the month's
    length); the fraction is that share of the following month's days, so
    month offsets map to dates monotonically.
    """
    whole = math.floor(months + _EPS)
    fraction = max(months - whole, 0.0)
    year, month_index = divmod(start.month - 1 + whole, 12)
    year += start.year
    month = month_index + 1
    day = min(start.day, calendar.monthrange(year, month)[1])
    anchor = dt.datetime(year, month, day)
    next_year, next_index = divmod(month, 12)
    following = dt.datetime(year + next_year, next_index + 1,
                            min(start.day, calendar.monthrange(year + next_year,
                                                               next_index + 1)[1]))
    return anchor + (following - anchor) * fraction


def date_at(start: dt.date, months: float) -> dt.date:
    return datetime_at(start, months).date()


# -- schedule ------------------------------------------------------------------------------

def _case_value(low: float, high: float, case: str) -> float:
    return {"low": low, "base": (low + high) / 2, "high": high}[case]


def phase_durations(phases: list[PlaybookPhase], case: str) -> list[float]:
    return [_case_value(p.months.low, p.months.high, case) for p in phases]


def schedule(phases: list[PlaybookPhase], durations: list[float],
             maximum: Callable[[Any, Any], Any] = max) -> list[tuple[float, float]]:
    """(start, end) month of each phase: each starts when its overlap share of the previous
    phase's duration remains, never before the previous one starts. ``maximum`` is
    ``numpy.maximum`` when the durations are arrays of Monte Carlo draws."""
    spans: list[tuple[float, float]] = []
    for index, (phase, duration) in enumerate(zip(phases, durations, strict=True)):
        if index == 0:
            start = 0.0
        else:
            previous_start, previous_end = spans[-1]
            previous_duration = durations[index - 1]
            start = maximum(previous_start,
                            previous_end - phase.overlap_share * previous_duration)
        spans.append((start, start + duration))
    return spans


def refreshes_by(month: float, launch: float) -> int:
    """Refreshes paid by ``month``: one at the end of each full quarter after launch."""
    if month + _EPS < launch:
        return 0
    return math.floor((month - launch) / MONTHS_PER_QUARTER + _EPS)


class _Case:
    """The schedule and spend of one case (all ranges at one end, or at their midpoints)."""

    def __init__(self, inputs: PlaybookInputs, case: str):
        self.case = case
        phases = inputs.phases
        self.durations = phase_durations(phases, case)
        self.spans = schedule(phases, self.durations)
        self.costs = [_case_value(p.cost_usd.low, p.cost_usd.high, case) for p in phases]
        self.launch = max(end for _, end in self.spans)
        ongoing = inputs.ongoing_usd_per_quarter
        self.refresh_cost = _case_value(ongoing.low, ongoing.high, case)

    def first_version_spent(self, month: float) -> float:
        spent = 0.0
        for (start, end), cost in zip(self.spans, self.costs, strict=True):
            if month >= end:
                spent += cost
            elif month > start:
                spent += cost * (month - start) / (end - start)
        return spent

    def cumulative(self, month: float) -> float:
        return self.first_version_spent(month) + \
            refreshes_by(month, self.launch) * self.refresh_cost

    def curve(self, horizon: float) -> SpendCurve:
        breakpoints = {0.0, horizon}
        for start, end in self.spans:
            breakpoints.update(m for m in (start, end) if m <= horizon)
        refresh_months = []
        k = 1
        while self.launch + MONTHS_PER_QUARTER * k <= horizon + _EPS:
            refresh_months.append(self.launch + MONTHS_PER_QUARTER * k)
            k += 1
        months: list[float] = []
        values: list[float] = []
        for month in sorted(breakpoints | set(refresh_months)):
            if month in refresh_months:
                # The step: the value just before the refresh is paid, then after.
                months.append(month)
                values.append(self.first_version_spent(month)
                              + (refreshes_by(month, self.launch) - 1) * self.refresh_cost)
            months.append(month)
            values.append(self.cumulative(month))
        return SpendCurve(case=self.case, label=CASE_LABELS[self.case], months=months,
                          cumulative_usd=values)


def _cases(inputs: PlaybookInputs) -> dict[str, _Case]:
    return {case: _Case(inputs, case) for case in CASES}


def _estimate(values: dict[str, float]) -> Estimate:
    # The cases are computed separately; at equal ends (low = high = 120 months) their
    # sums can differ in the last bit, which must neither put base outside [low, high]
    # nor low above high (0.1 + 2e-17 against 0.1 was found by the fuzzer).
    low, high = sorted((values["low"], values["high"]))
    return Estimate(low=low, base=min(max(values["base"], low), high), high=high)


def _case_values(values: dict[str, float]) -> Cases:
    return Cases(low=values["low"], base=values["base"], high=values["high"])


# -- catalog look-ups ----------------------------------------------------------------------

@lru_cache(maxsize=8)
def _phase_rows(catalog: Catalog) -> dict[str, dict[str, Any]]:
    return {row["phase_id"]: row for row in catalog.table("playbook_phases").iter_rows(named=True)}


@lru_cache(maxsize=8)
def _vertical_rows(catalog: Catalog) -> dict[str, dict[str, Any]]:
    return {row["vertical_id"]: row for row in catalog.table("verticals").iter_rows(named=True)}


def vertical_ids(catalog: Catalog) -> tuple[str, ...]:
    return tuple(_vertical_rows(catalog))


def seed_total(catalog: Catalog) -> SeedTotal:
    row = _phase_rows(catalog)["total"]
    return SeedTotal(months_low=row["months_low"], months_high=row["months_high"],
                     cost_usd_low=row["cost_usd_low"], cost_usd_high=row["cost_usd_high"],
                     source=row["source"], as_of=row["as_of"])


def seed_vertical_cost(catalog: Catalog, vertical_id: str) -> VerticalCost | None:
    row = _vertical_rows(catalog).get(vertical_id)
    if row is None:
        return None
    return VerticalCost(vertical=row["vertical"], cost_usd_low=row["cost_usd_low"],
                        cost_usd_high=row["cost_usd_high"], source=cite(row))


def round_to(value: float, step: float) -> float:
    """Round half up to a multiple of ``step`` (how the seed's totals read)."""
    return math.floor(value / step + 0.5) * step


@lru_cache(maxsize=8)
def seed_reconciliation(catalog: Catalog) -> tuple[str, ...]:
    """Where the seed's own playbook figures disagree, computed from the catalog."""
    phases = _phase_rows(catalog)
    seed = seed_total(catalog)
    seed_phases = [phases[pid] for pid in SEED_PHASE_IDS]
    months_low = sum(p["months_low"] for p in seed_phases)
    months_high = sum(p["months_high"] for p in seed_phases)
    cost_low = sum(p["cost_usd_low"] for p in seed_phases)
    cost_high = sum(p["cost_usd_high"] for p in seed_phases)
    lines = [
        f"The seed's three phases add up to {months_low:g}–{months_high:g} months end to end, "
        f"its Total row says {seed.months_low:g}–{seed.months_high:g}: the phases overlap. "
        "EconPlan starts each phase when a quarter of the previous one remains, which gives "
        f"{seed.months_low:g}–{seed.months_high:g} months (a calibration; the seed states no "
        "overlap).",
        f"The phases cost {usd_range(cost_low, cost_high)} in sum; the Total row's "
        f"{usd_range(seed.cost_usd_low, seed.cost_usd_high)} is that sum rounded to the "
        f"nearest $0.5M ({usd_range(round_to(cost_low, 5e5), round_to(cost_high, 5e5))}).",
    ]
    steps = {row["step_id"]: row for row in catalog.table("playbook_steps").iter_rows(named=True)}
    if {"pick_base_cpt", "heavy_curation", "sft_distill"} <= set(steps):
        s1, s2, s34 = steps["pick_base_cpt"], steps["heavy_curation"], steps["sft_distill"]
        p1, p2, p3 = seed_phases
        steps_34 = usd_range(s34["cost_usd_low"], s34["cost_usd_high"])
        phases_23 = usd_range(p2["cost_usd_low"] + p3["cost_usd_low"],
                              p2["cost_usd_high"] + p3["cost_usd_high"])
        steps_12 = usd_range(s1["cost_usd_low"] + s2["cost_usd_low"],
                             s1["cost_usd_high"] + s2["cost_usd_high"])
        phase_1 = usd_range(p1["cost_usd_low"], p1["cost_usd_high"])
        lines.append(
            f"Steps 3–4 (SFT + distill, {steps_34}) match phases 2 + 3 ({phases_23}); steps "
            f"1 + 2 ({steps_12}) are wider than phase 1 ({phase_1}), which does the same work: "
            "the plan uses the phases.")
    approaches = {row["approach_id"]: row
                  for row in catalog.table("approach_comparison").iter_rows(named=True)}
    oss = approaches.get("oss_ft_distill")
    if oss is not None and (oss["months_low"], oss["months_high"]) != (seed.months_low,
                                                                      seed.months_high):
        lines.append(
            f"The seed's approach comparison gives Open-source + FT + Distill "
            f"{oss['months_low']:g}–{oss['months_high']:g} months; its Total row "
            f"{seed.months_low:g}–{seed.months_high:g}. Both are shown as printed.")
    return tuple(lines)


def _comparison(catalog: Catalog, cost: Estimate, months: Estimate) -> list[ApproachRow]:
    rows = []
    plan_like = None
    for row in catalog.table("approach_comparison").iter_rows(named=True):
        if row["approach_id"] == "oss_ft_distill":
            plan_like = row
        rows.append(ApproachRow(
            approach_id=row["approach_id"], approach=row["approach"],
            cost_usd_low=row["cost_usd_low"], cost_usd_high=row["cost_usd_high"],
            months_low=row["months_low"], months_high=row["months_high"],
            time_text=row["time_text"], domain_quality=row["domain_quality"],
            inference_cost=row["inference_cost"], is_plan=False, source=cite(row)))
    rows.append(ApproachRow(
        approach_id="this_plan", approach="This plan",
        cost_usd_low=cost.low, cost_usd_high=cost.high,
        months_low=months.low, months_high=months.high,
        time_text=f"{months.low:.3g}–{months.high:.3g} mo",
        domain_quality=plan_like["domain_quality"] if plan_like else "",
        inference_cost=plan_like["inference_cost"] if plan_like else "",
        is_plan=True,
        source=("computed from the phases; quality and inference as the seed's "
                "Open-source + FT + Distill row") if plan_like else "computed from the phases"))
    return rows


def _tasks(profile: VerticalProfile) -> list[TaskResult]:
    results = []
    for task in profile.tasks:
        current, finetuned = task.current_usd, task.finetuned_usd
        ratio_low = ratio_high = None
        if current is not None and finetuned:
            ratios = (current.low / finetuned, current.high / finetuned)
            # A subnormal fine-tuned cost makes the ratio infinite: no ratio, not "inf×".
            if all(math.isfinite(ratio) for ratio in ratios):
                ratio_low, ratio_high = ratios
        results.append(TaskResult(
            task=task.task, complexity=task.complexity, unit=task.unit,
            current_usd_low=current.low if current else None,
            current_usd_high=current.high if current else None,
            finetuned_usd=finetuned, cost_ratio_low=ratio_low, cost_ratio_high=ratio_high,
            current_text=task.current_text, finetuned_text=task.finetuned_text))
    return results


@lru_cache(maxsize=8)
def seed_steps(catalog: Catalog) -> tuple[StepRow, ...]:
    rows = []
    for row in catalog.table("playbook_steps").iter_rows(named=True):
        first, last = row["step_from"], row["step_to"]
        rows.append(StepRow(
            step_id=row["step_id"], steps=str(first) if first == last else f"{first}–{last}",
            step=row["step"], description=row["description"] or "",
            cost_usd_low=row["cost_usd_low"], cost_usd_high=row["cost_usd_high"],
            covered_by=STEP_PHASES.get(row["step_id"], ""), note=row["note"] or "",
            source=cite(row)))
    return tuple(rows)


def _warnings(inputs: PlaybookInputs, cases: dict[str, _Case], horizon: float) -> list[str]:
    warnings = []
    if cases["high"].launch > horizon:
        warnings.append(
            f"The horizon ({inputs.horizon_quarters} quarters) ends before the first version "
            f"ships in the high case ({cases['high'].launch:.3g} months): extend it to see "
            "the refreshes.")
    for index, phase in enumerate(inputs.phases[1:], 1):
        if phase.overlap_share >= 1:
            warnings.append(f"{phase.name} starts together with "
                            f"{inputs.phases[index - 1].name} (100% overlap).")
    return warnings


def plan(inputs: PlaybookInputs, catalog: Catalog) -> PlaybookResult:
    cases = _cases(inputs)
    horizon = inputs.horizon_quarters * MONTHS_PER_QUARTER
    start = inputs.start_date

    phases = []
    for index, phase in enumerate(inputs.phases):
        starts = {case: cases[case].spans[index][0] for case in CASES}
        ends = {case: cases[case].spans[index][1] for case in CASES}
        phases.append(PhaseResult(
            phase_id=phase.phase_id, name=phase.name, deliverable=phase.deliverable,
            overlap_share=phase.overlap_share if index else 0.0,
            months=Estimate.from_range(phase.months.low, phase.months.high),
            cost_usd=Estimate.from_range(phase.cost_usd.low, phase.cost_usd.high),
            start_month=_estimate(starts), end_month=_estimate(ends),
            start_date=CaseDates(**{c: date_at(start, m) for c, m in starts.items()}),
            end_date=CaseDates(**{c: date_at(start, m) for c, m in ends.items()}),
        ))
    cost = total([phase.cost_usd for phase in phases])
    launch = {case: cases[case].launch for case in CASES}
    months = _estimate(launch)

    quarters = []
    previous = {case: 0.0 for case in CASES}
    for quarter in range(1, inputs.horizon_quarters + 1):
        month = quarter * MONTHS_PER_QUARTER
        cumulative = {case: cases[case].cumulative(month) for case in CASES}
        quarters.append(QuarterSpend(
            quarter=quarter, end_month=month, end_date=date_at(start, month),
            spent_in_quarter_usd=_case_values(
                {case: cumulative[case] - previous[case] for case in CASES}),
            cumulative_usd=_case_values(cumulative)))
        previous = cumulative
    at_horizon = {case: cases[case].cumulative(horizon) for case in CASES}
    ordered = sorted(at_horizon.values())

    profile = inputs.vertical
    try:
        seed = seed_total(catalog)
    except KeyError:
        seed = None
    return PlaybookResult(
        vertical_id=profile.vertical_id,
        vertical_name=profile.name,
        start_date=start,
        phases=phases,
        first_version_cost_usd=cost,
        first_version_months=months,
        sequential_months=total([phase.months for phase in phases]),
        launch_date=CaseDates(**{c: date_at(start, m) for c, m in launch.items()}),
        seed_total=seed,
        seed_vertical_cost=seed_vertical_cost(catalog, profile.vertical_id),
        reconciliation=list(seed_reconciliation(catalog)),
        ongoing_usd_per_quarter=Estimate.from_range(inputs.ongoing_usd_per_quarter.low,
                                                    inputs.ongoing_usd_per_quarter.high),
        horizon_quarters=inputs.horizon_quarters,
        horizon_months=float(horizon),
        horizon_date=date_at(start, horizon),
        refreshes_in_horizon=_case_values(
            {case: float(refreshes_by(horizon, launch[case])) for case in CASES}),
        horizon_spend_usd=Estimate(low=ordered[0], base=at_horizon["base"], high=ordered[-1]),
        horizon_spend_by_case=_case_values(at_horizon),
        quarters=quarters,
        curves=[cases[case].curve(horizon) for case in CASES],
        comparison=_comparison(catalog, cost, months),
        tasks=_tasks(profile),
        steps=list(seed_steps(catalog)),
        warnings=_warnings(inputs, cases, horizon),
    )


# -- presets and defaults ------------------------------------------------------------------

def seed_phases(catalog: Catalog, overlap_share: float) -> list[dict[str, Any]]:
    rows = _phase_rows(catalog)
    return [{
        "phase_id": phase_id,
        "name": rows[phase_id]["phase"],
        "deliverable": rows[phase_id]["deliverable"] or "",
        "months": {"low": rows[phase_id]["months_low"], "high": rows[phase_id]["months_high"]},
        "cost_usd": {"low": rows[phase_id]["cost_usd_low"],
                     "high": rows[phase_id]["cost_usd_high"]},
        "overlap_share": 0.0 if index == 0 else overlap_share,
    } for index, phase_id in enumerate(SEED_PHASE_IDS)]


def default_overlap_share(catalog: Catalog) -> float:
    return assumption_value(catalog, "playbook_overlap_share")


def scaled_phases(catalog: Catalog, cost_low: float, cost_high: float) -> list[dict[str, Any]]:
    """The seed's phases with their costs scaled to a first-version total.

    The seed gives each vertical's first-version cost but no per-phase split;
    the split follows the seed's generic phases (low ends scaled to the low
    total, high ends to the high total). Durations stay the seed's.
    """
    phases = seed_phases(catalog, default_overlap_share(catalog))
    sum_low = math.fsum(p["cost_usd"]["low"] for p in phases)
    sum_high = math.fsum(p["cost_usd"]["high"] for p in phases)
    for phase in phases:
        phase["cost_usd"] = {"low": phase["cost_usd"]["low"] * cost_low / sum_low,
                             "high": phase["cost_usd"]["high"] * cost_high / sum_high}
    return phases


def _task_payload(row: dict[str, Any]) -> dict[str, Any]:
    if row["usd_per_mtok_current_low"] is not None:
        unit = "M tokens"
        current = {"low": row["usd_per_mtok_current_low"],
                   "high": row["usd_per_mtok_current_high"]}
        finetuned = row["usd_per_mtok_finetuned"]
    elif row["current_usd_low"] is not None:
        unit = (row["current_usd_unit"] or "").removeprefix("per ")
        current = {"low": row["current_usd_low"], "high": row["current_usd_high"]}
        same_unit = row["finetuned_usd_unit"] == row["current_usd_unit"]
        finetuned = row["finetuned_usd"] if same_unit else None
    else:
        unit, current, finetuned = "", None, None
    return {
        "task": row["task"], "complexity": row["complexity"] or "", "unit": unit,
        "current_usd": current, "finetuned_usd": finetuned,
        "current_text": row["current_cost_text"] or "",
        "finetuned_text": row["finetuned_text"] or "",
    }


def generic_profile() -> dict[str, Any]:
    return {"vertical_id": GENERIC_VERTICAL_ID, "name": "No specific vertical (seed §5 playbook)",
            "base_model": "", "cpt_tokens": 0.0, "cpt_corpus": "", "distill_targets": "",
            "data_sources": [], "tasks": []}


def vertical_profile(catalog: Catalog, vertical_id: str) -> dict[str, Any]:
    if vertical_id == GENERIC_VERTICAL_ID:
        return generic_profile()
    row = _vertical_rows(catalog)[vertical_id]
    sources = (catalog.table("vertical_data_sources")
               .filter(catalog.table("vertical_data_sources")["vertical_id"] == vertical_id)
               .sort("position")["data_source"].to_list())
    tasks = catalog.table("vertical_tasks").filter(
        catalog.table("vertical_tasks")["vertical_id"] == vertical_id)
    return {
        "vertical_id": vertical_id, "name": row["vertical"], "base_model": row["base_models"],
        "cpt_tokens": row["cpt_tokens"] or 0.0, "cpt_corpus": row["cpt_corpus"] or "",
        "distill_targets": row["distill_targets"] or "", "data_sources": sources,
        "tasks": [_task_payload(task) for task in tasks.iter_rows(named=True)],
    }


def vertical_values(catalog: Catalog, vertical_id: str) -> dict[str, Any]:
    """Scenario values that start a playbook for a vertical (one undo step in the window).

    ``generic`` is the seed's §5 playbook; a catalog vertical also scales the
    phase costs to its first-version cost (see :func:`scaled_phases`).
    """
    if vertical_id == GENERIC_VERTICAL_ID:
        phases = seed_phases(catalog, default_overlap_share(catalog))
    else:
        cost = seed_vertical_cost(catalog, vertical_id)
        if cost is None:
            raise KeyError(f"vertical {vertical_id!r} is not in the catalog")
        phases = scaled_phases(catalog, cost.cost_usd_low, cost.cost_usd_high)
    return {"playbook.vertical": vertical_profile(catalog, vertical_id),
            "playbook.phases": phases}


def custom_vertical_values(profile: VerticalProfile) -> dict[str, Any]:
    """Make the current vertical a custom one, keeping everything already filled in."""
    payload = profile.model_dump(mode="json")
    payload["vertical_id"] = CUSTOM_VERTICAL_ID
    if profile.vertical_id != CUSTOM_VERTICAL_ID:
        payload["name"] = "Custom vertical"
    return {"playbook.vertical": payload}


def default_start_date(catalog: Catalog) -> dt.date:
    """The first day of the month the seed's playbook figures are dated."""
    as_of = _phase_rows(catalog)["phase_1"]["as_of"]
    year, month = (int(part) for part in as_of.split("-")[:2])
    return dt.date(year, month, 1)


def default_payload(catalog: Catalog) -> dict[str, Any]:
    ongoing = _phase_rows(catalog)["ongoing"]
    horizon = assumption(catalog, "playbook_horizon_quarters")
    return {
        "start_date": default_start_date(catalog),
        "vertical": generic_profile(),
        "phases": seed_phases(catalog, default_overlap_share(catalog)),
        "ongoing_usd_per_quarter": {"low": ongoing["cost_usd_low"],
                                    "high": ongoing["cost_usd_high"]},
        "horizon_quarters": int(horizon["value_low"]),
    }


def sources_used(inputs: PlaybookInputs, catalog: Catalog) -> list[CatalogRef]:
    """The catalog rows behind a playbook's figures, seed comparisons and defaults."""
    refs = refs_for(catalog, "playbook_phases", "phase_id",
                    figure="Seed phase duration and cost")
    refs += refs_for(catalog, "playbook_steps", "step_id", figure="Seed playbook step cost")
    refs += refs_for(catalog, "approach_comparison", "approach_id",
                     figure="Approach cost, time and quality")
    vertical_id = inputs.vertical.vertical_id
    if vertical_id in _vertical_rows(catalog):
        refs += refs_for(catalog, "verticals", "vertical_id", [vertical_id],
                         figure="Vertical stack and first-version cost")
        for table, key in (("vertical_data_sources", "data_source_id"),
                           ("vertical_tasks", "task_id")):
            frame = catalog.table(table)
            keys = frame.filter(frame["vertical_id"] == vertical_id)[key].to_list()
            refs += refs_for(catalog, table, key, keys,
                             figure="Vertical data source" if table == "vertical_data_sources"
                             else "Vertical task cost per unit")
    refs += assumption_refs(catalog, "playbook.")
    return unique(refs)


def default_sources(catalog: Catalog) -> dict[str, str]:
    rows = _phase_rows(catalog)
    sources = {
        "playbook.phases": cite(rows["phase_1"]),
        "playbook.ongoing_usd_per_quarter": cite(rows["ongoing"]),
        "playbook.start_date": (f"EconPlan assumption: the month the seed's playbook figures "
                                f"are dated ({cite(rows['phase_1'])})"),
    }
    return sources


def months_range(low: float, high: float) -> str:
    """'4–8' months, or one figure when both ends agree."""
    return range_text(low, high, lambda months: f"{months:.3g}", separator="–")


def schedule_notes(result: PlaybookResult) -> list[str]:
    """The overlap, and the plan against the seed's stated totals (tab and report)."""
    cost = result.first_version_cost_usd
    sequential = result.sequential_months
    months = result.first_version_months
    notes = [f"Phases end to end: {months_range(sequential.low, sequential.high)} months; "
             f"with their overlap the first version ships after "
             f"{months_range(months.low, months.high)} months."]
    if result.seed_total:
        seed = result.seed_total
        notes.append(
            f"Sum of the phases {usd_range(cost.low, cost.high)}; the seed's stated total "
            f"{usd_range(seed.cost_usd_low, seed.cost_usd_high)}, "
            f"{months_range(seed.months_low, seed.months_high)} months.")
    vertical = result.seed_vertical_cost
    if vertical:
        match = (math.isclose(cost.low, vertical.cost_usd_low, rel_tol=1e-6)
                 and math.isclose(cost.high, vertical.cost_usd_high, rel_tol=1e-6))
        notes.append(
            f"{vertical.vertical}: the seed's first-version cost "
            f"{usd_range(vertical.cost_usd_low, vertical.cost_usd_high)}; "
            + ("the phases are the seed's generic split, scaled to it." if match
               else "the plan's phases differ from it."))
    return notes
