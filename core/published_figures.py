"""Published figures beside the plan's own: the same run's cost as the sources state it.

When the plan is the pre-training of a run the catalog holds a published cost for
(the same FLOPs, 6·N·D), both are shown with the gap, each compared like with like:
a compute-only figure (Llama 3.1 405B: ~$60M, 30.84M H100-hours × $2) against the
plan's compute cost, an estimated all-in training cost (~$170M) against the plan's
all-in total.
"""

from __future__ import annotations

from typing import Literal

from econplan.core.estimate import Estimate
from econplan.core.formatting import usd, usd_range
from econplan.core.model_base import CoreModel, midpoint
from econplan.core.source_documents import readable_sources
from econplan.core.training import TrainingResult
from econplan.core.training_inputs import TrainingMode

# The same run: FLOPs within 1% (the catalog rounds parameters and tokens).
SAME_RUN_TOLERANCE = 0.01

COMPUTE_TABLES = {"reference_runs", "compute_cost_by_size"}

Scope = Literal["compute", "all_in"]

SCOPE_LABELS: dict[str, str] = {"compute": "Compute cost", "all_in": "All-in training cost"}


class PublishedComparison(CoreModel):
    subject: str  # the run as the catalog names it
    scope: Scope  # what both figures count: compute only, or everything
    label: str
    plan_usd: Estimate  # the plan's figure of the same scope
    published_usd_low: float
    published_usd_high: float
    published_basis: str  # "compute-only", "estimated training cost"
    source: str  # the document's title and section
    as_of: str
    gap_usd: float  # plan base − published (midpoint of the published range)
    gap_share: float | None  # gap ÷ published; None when the published figure is 0
    published_within_plan_range: bool
    sentence: str


def _scope(table: str) -> Scope:
    return "compute" if table in COMPUTE_TABLES else "all_in"


def published_comparisons(result: TrainingResult) -> list[PublishedComparison]:
    """Published costs of the run this plan pre-trains, each against the plan's figure
    of the same scope; none for fine-tunes or runs the catalog has no cost for."""
    if result.mode != TrainingMode.PRETRAIN or result.flops <= 0:
        return []
    comparisons = []
    for point in result.references:
        if point.kind != "run" or abs(point.flops - result.flops) > \
                SAME_RUN_TOLERANCE * result.flops:
            continue
        scope = _scope(point.table)
        plan = result.compute_cost_usd if scope == "compute" else result.total_usd
        published = midpoint(point.cost_usd_low, point.cost_usd_high)
        gap = plan.base - published
        share = gap / published if published > 0 else None
        within = plan.low <= point.cost_usd_high and point.cost_usd_low <= plan.high
        comparisons.append(PublishedComparison(
            subject=point.short_label.split(" · ")[0], scope=scope, label=SCOPE_LABELS[scope],
            plan_usd=plan, published_usd_low=point.cost_usd_low,
            published_usd_high=point.cost_usd_high, published_basis=point.basis,
            source=readable_sources(point.source), as_of=point.as_of, gap_usd=gap,
            gap_share=share, published_within_plan_range=within,
            sentence=_sentence(point.short_label.split(" · ")[0], scope, plan, point.cost_usd_low,
                               point.cost_usd_high, gap, share, within, point.basis)))
    comparisons.sort(key=lambda c: c.scope != "compute")  # compute first, then all-in
    return comparisons


def _sentence(subject: str, scope: Scope, plan: Estimate, low: float, high: float, gap: float,
              share: float | None, within: bool, basis: str) -> str:
    what = "compute" if scope == "compute" else "all-in cost"
    published = usd(low) if low == high else usd_range(low, high)
    direction = "above" if gap > 0 else "below"
    gap_text = "matches it" if gap == 0 else (
        f"is {usd(abs(gap))} {direction} it" + (f" ({abs(share):.0%})" if share is not None
                                                else ""))
    overlap = ("the plan's range includes the published figure" if within
               else "the published figure lies outside the plan's range")
    return (f"{subject}: the plan's {what} {usd(plan.base)} (range "
            f"{usd_range(plan.low, plan.high)}) against the published {published} "
            f"({basis}); the plan {gap_text}, and {overlap}.")
