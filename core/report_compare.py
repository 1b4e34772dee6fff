"""The proposal's optional comparison: this plan against a baseline or another plan.

Every headline figure of the included planners with its absolute and % change, from
``core/compare.py`` — the comparison the app's compare dock and ``econplan compare`` show —
and one sentence on how the budget to approve differs.
"""

from __future__ import annotations

from econplan.core.compare import FigureDelta, compare_plans, delta_text
from econplan.core.errors import PlanError
from econplan.core.model_base import CoreModel
from econplan.core.plan import Plan
from econplan.core.provenance import readable
from econplan.core.report_blocks import Heading, Paragraph, ReportSection, Table
from econplan.core.report_budget import Budget, build_budget, money
from econplan.core.scenario import Scenario
from pydantic import ConfigDict

COLUMNS = ["Section", "Figure", "Baseline", "This plan", "Change", "Change %"]


class Baseline(CoreModel):
    """What the plan is compared with: a name for the reader, its scenario and plan."""

    model_config = ConfigDict(frozen=True)

    name: str
    scenario: Scenario
    plan: Plan


def _change(label: str, before: float, after: float) -> str:
    delta = after - before
    if abs(delta) <= 1e-9 * max(abs(before), abs(after), 1.0):
        return f"the same {label} ({money(after)})"
    direction = "higher" if delta > 0 else "lower"
    share = f", {abs(delta) / abs(before):.0%}" if before else ""
    return f"{label} {money(abs(delta))} {direction} ({money(before)} → {money(after)}{share})"


def budget_sentence(name: str, baseline: Budget | None, current: Budget, problem: str = "") -> str:
    """One sentence on how the budget to approve differs from the baseline's."""
    if baseline is None:
        return f"The budget cannot be compared: {name} {problem}."
    before = (baseline.one_off.base, baseline.recurring_per_year.base, baseline.horizon_total)
    after = (current.one_off.base, current.recurring_per_year.base, current.horizon_total)
    if before == after or all(abs(a - b) <= 1e-9 * max(abs(a), abs(b), 1.0)
                              for a, b in zip(before, after, strict=True)):
        return (f"No change in the budget against {name}: the same one-off "
                f"({money(after[0])}), recurring ({money(after[1])} a year) and "
                f"{current.horizon_quarters}-quarter ({money(after[2])}) totals.")
    quarters = current.horizon_quarters
    horizon = f"spend over {quarters} quarters"
    if baseline.horizon_quarters != quarters:
        horizon += f" (the baseline's over {baseline.horizon_quarters})"
    parts = [_change("one-off budget", before[0], after[0]),
             _change("recurring budget a year", before[1], after[1]),
             _change(horizon, before[2], after[2])]
    return f"Against {name}, this plan's {parts[0]}, {parts[1]} and {parts[2]}."


def _row(title: str, delta: FigureDelta) -> list[str]:
    if not delta.changed:
        return [title, delta.label, delta.baseline_text, delta.current_text, "no change", ""]
    absolute, percent = delta_text(delta)
    return [title, delta.label, delta.baseline_text, delta.current_text, absolute, percent]


def comparison_section(baseline: Baseline, scenario: Scenario, plan: Plan, current: Budget,
                       included: list[str]) -> ReportSection:
    """The comparison of the included planners' headlines and of the budget."""
    name = f"“{readable(baseline.name)}”"
    try:
        before: Budget | None = build_budget(baseline.scenario, baseline.plan, included)
        problem = ""
    except (PlanError, ValueError) as exc:
        before, problem = None, f"cannot be planned ({readable(str(exc))})"
    rows: list[list[str]] = []
    changed = 0
    for comparison in compare_plans(baseline.plan, plan):
        if comparison.planner_id not in included:
            continue
        if comparison.problem and not comparison.deltas:
            rows.append([comparison.title, readable(comparison.problem), "", "", "", ""])
        for delta in comparison.deltas:
            changed += delta.changed
            rows.append([readable(cell) for cell in _row(comparison.title, delta)])
    sentence = budget_sentence(name, before, current, problem)
    if not changed and rows:
        sentence += " No headline figure changes."
    blocks = [
        Heading(text=f"Comparison with {name}", level=1),
        Paragraph(text=sentence),
        Table(table_id="comparison", title="Headline figures against the baseline",
              columns=COLUMNS, rows=rows, values=rows, numeric_columns=[2, 3, 4, 5]),
    ]
    return ReportSection(planner_id="comparison", title="Comparison", blocks=blocks,
                         key_figures=[], recommendation="", sources=[])
