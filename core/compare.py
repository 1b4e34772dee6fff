"""Two plans side by side: every headline figure with its absolute and % delta.

The figures are the presenters' cards (core/headlines.py gives each its number), so
what is compared is what the tabs, the proposal and the command line show.
"""

from __future__ import annotations

import math
from dataclasses import asdict, dataclass
from typing import Any

from econplan.core.catalog import Catalog
from econplan.core.headlines import Figure, format_figure, headline_figures
from econplan.core.plan import PLANNER_IDS, PLANNER_TITLES, Plan, compute_plan
from econplan.core.scenario import Scenario


@dataclass(frozen=True)
class FigureDelta:
    key: str
    label: str
    unit: str
    baseline: float | None
    current: float | None
    baseline_text: str
    current_text: str

    @property
    def delta(self) -> float | None:
        """current − baseline; None when either side has no number."""
        if self.baseline is None or self.current is None:
            return None
        return self.current - self.baseline

    @property
    def delta_share(self) -> float | None:
        """The delta as a share of the baseline; None where the baseline is 0 or missing."""
        delta = self.delta
        if delta is None:
            return None
        if delta == 0:
            return 0.0
        if self.baseline == 0:
            return None
        share = delta / abs(self.baseline)
        return share if math.isfinite(share) else None

    @property
    def changed(self) -> bool:
        return self.baseline_text != self.current_text or (self.delta or 0) != 0

    def as_dict(self) -> dict[str, Any]:
        return {**asdict(self), "delta": self.delta, "delta_share": self.delta_share}


def figure_deltas(baseline: list[Figure], current: list[Figure]) -> list[FigureDelta]:
    """Pairs the figures by card key, in the current plan's card order; a card only one
    side shows (a fine-tune's "examples" against a pre-training's "chinchilla") is kept
    with None on the other side."""
    before = {figure.key: figure for figure in baseline}
    after = {figure.key: figure for figure in current}
    keys = [f.key for f in current] + [f.key for f in baseline if f.key not in after]
    deltas = []
    for key in keys:
        old, new = before.get(key), after.get(key)
        shown = new or old
        assert shown is not None
        deltas.append(FigureDelta(
            key=key, label=shown.label, unit=shown.unit,
            baseline=old.value if old else None, current=new.value if new else None,
            baseline_text=old.text if old else "—", current_text=new.text if new else "—"))
    return deltas


@dataclass(frozen=True)
class PlannerComparison:
    planner_id: str
    title: str
    deltas: list[FigureDelta]
    problem: str = ""  # a side that cannot be planned, named


def compare_plans(baseline: Plan, current: Plan) -> list[PlannerComparison]:
    """Every planner's headline deltas, baseline → current."""
    comparisons = []
    for planner_id in PLANNER_IDS:
        old, new = baseline.result(planner_id), current.result(planner_id)
        problems = []
        if old is None:
            problems.append(f"baseline: {baseline.problems.get(planner_id, 'not planned')}")
        if new is None:
            problems.append(f"current: {current.problems.get(planner_id, 'not planned')}")
        before = headline_figures(planner_id, old) if old is not None else []
        after = headline_figures(planner_id, new) if new is not None else []
        comparisons.append(PlannerComparison(
            planner_id=planner_id, title=PLANNER_TITLES[planner_id],
            deltas=figure_deltas(before, after), problem="; ".join(problems)))
    return comparisons


def compare_scenarios(baseline: Scenario, current: Scenario,
                      catalog: Catalog) -> list[PlannerComparison]:
    return compare_plans(compute_plan(baseline, catalog), compute_plan(current, catalog))


def delta_text(delta: FigureDelta) -> tuple[str, str]:
    """The absolute and % delta as a person reads them ("+$12.5M", "+4.2%")."""
    value = delta.delta
    if value is None:
        return "—", "—"
    sign = "+" if value > 0 else "−" if value < 0 else "±"
    absolute = sign + format_figure(abs(value), delta.unit).lstrip("+")  # type: ignore[arg-type]
    share = delta.delta_share
    percent = "—" if share is None else f"{'+' if share > 0 else '−' if share < 0 else '±'}" \
        f"{abs(share):.1%}"
    return absolute, percent


def comparison_payload(comparisons: list[PlannerComparison], baseline_name: str,
                       current_name: str) -> dict[str, Any]:
    """The comparison as JSON-ready data (``econplan compare --json``)."""
    return {
        "baseline": baseline_name,
        "current": current_name,
        "planners": {
            c.planner_id: {"title": c.title, "problem": c.problem,
                           "figures": [d.as_dict() for d in c.deltas]}
            for c in comparisons
        },
    }


def comparison_rows(comparisons: list[PlannerComparison]) -> list[list[str]]:
    """One row per figure: planner, figure, baseline, current, delta, % delta."""
    rows = []
    for comparison in comparisons:
        if comparison.problem and not comparison.deltas:
            rows.append([comparison.title, comparison.problem, "", "", "", ""])
        for delta in comparison.deltas:
            absolute, percent = delta_text(delta)
            rows.append([comparison.title, delta.label, delta.baseline_text, delta.current_text,
                         absolute, percent])
    return rows


COLUMNS = ["Planner", "Figure", "A (baseline)", "B", "Δ", "Δ %"]


def comparison_table_text(comparisons: list[PlannerComparison], baseline_name: str,
                          current_name: str) -> str:
    """The comparison as an aligned plain-text table (``econplan compare``)."""
    rows = comparison_rows(comparisons)
    columns = [*COLUMNS[:2], f"A: {baseline_name}", f"B: {current_name}", *COLUMNS[4:]]
    widths = [max(len(str(row[i])) for row in [columns, *rows]) for i in range(len(columns))]
    numeric = {2, 3, 4, 5}

    def line(cells: list[str]) -> str:
        return "  ".join(cell.rjust(w) if i in numeric else cell.ljust(w)
                         for i, (cell, w) in enumerate(zip(cells, widths, strict=True))).rstrip()

    out = [line(columns), "  ".join("-" * w for w in widths)]
    previous = None
    for row in rows:
        shown = ["" if row[0] == previous else row[0], *row[1:]]
        previous = row[0]
        out.append(line(shown))
    return "\n".join(out)
