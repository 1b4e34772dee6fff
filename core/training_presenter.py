"""What a person reads of a training result: cards, tables, warnings, recommendation."""

from __future__ import annotations

from typing import TYPE_CHECKING

from econplan.core.formatting import compact, duration_days, range_text, scientific, usd, usd_range
from econplan.core.published_figures import PublishedComparison, published_comparisons
from econplan.core.report_blocks import Card, Presentation, Table, estimate_row, make_table
from econplan.core.serving_presenter import goodput_table, memory_table
from econplan.core.training import TrainingResult
from econplan.core.uncertainty_text import never_or, with_bands

if TYPE_CHECKING:
    from econplan.core.uncertainty import Uncertainty


def _cards(result: TrainingResult) -> list[Card]:
    total = result.total_usd
    split = ""
    if result.ongoing_usd.high > 0:
        split = f"one-off {usd(result.one_off_usd.base)} + ongoing {usd(result.ongoing_usd.base)}"
    gpu_hours = result.gpu_hours
    wall = result.wall_clock_days
    return [
        Card(key="total", label="Training budget", value=usd(total.base),
             range_text=usd_range(total.low, total.high), caption=split,
             tooltip="All-in: compute plus every included cost family (base value, low–high "
                     "below)."),
        Card(key="gpu_hours", label="GPU-hours", value=compact(gpu_hours.base),
             range_text=range_text(gpu_hours.low, gpu_hours.high), caption=result.gpu_name,
             tooltip="GPU-hours over all training runs."),
        Card(key="wall_clock", label="Training timeline", value=duration_days(wall.base),
             range_text=f"{range_text(wall.low, wall.high, duration_days)} per run",
             tooltip="One run on the whole cluster."),
        Card(key="flops", label="Training FLOPs", value=scientific(result.flops),
             caption=f"{compact(result.training_tokens)} tokens · {result.mode_label}",
             tooltip="6 · N · D (N active for MoE)."),
    ]


def _tables(result: TrainingResult) -> list[Table]:
    headline = make_table(
        "training_headline", "Headline figures", ["Figure", "Low", "Base", "High"],
        [
            estimate_row("GPU-hours", result.gpu_hours, compact),
            estimate_row("Wall-clock per run", result.wall_clock_days, duration_days),
            estimate_row("Price per GPU-hour", result.usd_per_gpu_hour),
            estimate_row("Compute cost", result.compute_cost_usd),
            estimate_row("One-off total", result.one_off_usd),
            estimate_row("Ongoing total", result.ongoing_usd),
            estimate_row("Total", result.total_usd),
        ],
        [1, 2, 3],
    )
    rows = []
    for line in result.lines:
        cells, raw = estimate_row(line.label, line.cost_usd)
        rows.append(([*cells, line.basis], [*raw, line.basis]))
    breakdown = make_table("training_breakdown", "Cost breakdown",
                           ["Category", "Low", "Base", "High", "Basis"], rows, [1, 2, 3])
    memory = memory_table(result)
    return [headline, breakdown, *([memory] if memory else []), goodput_table(result)]


def published_table(comparisons: list[PublishedComparison]) -> Table:
    """The plan's figures beside the published ones for the same run, like with like."""
    rows = []
    for c in comparisons:
        published = usd_range(c.published_usd_low, c.published_usd_high) \
            if c.published_usd_low != c.published_usd_high else usd(c.published_usd_low)
        gap = ("+" if c.gap_usd > 0 else "−" if c.gap_usd < 0 else "") + usd(abs(c.gap_usd))
        share = "—" if c.gap_share is None else f"{c.gap_share:+.0%}"
        rows.append((
            [c.label, usd(c.plan_usd.base), usd_range(c.plan_usd.low, c.plan_usd.high),
             published, gap, share, f"{c.published_basis}; {c.source}"],
            [c.label, c.plan_usd.base, f"{c.plan_usd.low}–{c.plan_usd.high}",
             c.published_usd_low, c.gap_usd, c.gap_share, f"{c.published_basis}; {c.source}"]))
    return make_table("training_published", "Published figures for this run",
                      ["Figure", "Plan (base)", "Plan range", "Published", "Gap", "Gap %",
                       "Published basis and source"], rows, [1, 2, 3, 4, 5])


def _recommendation(result: TrainingResult) -> str:
    total = result.total_usd
    compute_share = result.compute_cost_usd.base / total.base if total.base else 0
    others = [line for line in result.lines if line.kind != "compute"]
    largest = max(others, key=lambda line: line.cost_usd.base, default=None)
    return (f"Budget {usd_range(total.low, total.high)} for training (base {usd(total.base)}); "
            f"compute is {compute_share:.0%} of the base"
            + (f", and the largest other line is {largest.label.lower()} "
               f"({usd(largest.cost_usd.base)})." if largest else "."))


def present(result: TrainingResult, *, tables: bool = True,
            uncertainty: Uncertainty | None = None) -> Presentation:
    """The training result as a person reads it.

    ``tables=False`` skips the result tables: a tab fills its own, and a slider tick
    should not build them."""
    cards = with_bands(_cards(result), uncertainty, {
        "total": ("training.total_usd", never_or(usd)),
        "gpu_hours": ("training.gpu_hours", never_or(compact)),
        "wall_clock": ("training.wall_clock_days", never_or(duration_days)),
    })
    published = published_comparisons(result)
    result_tables = _tables(result) if tables else []
    if tables and published:
        result_tables.append(published_table(published))
    return Presentation(planner_id="training", cards=cards,
                        summary_keys=["total", "wall_clock"],
                        tables=result_tables, notes=[c.sentence for c in published],
                        warnings=list(result.warnings), recommendation=_recommendation(result))
