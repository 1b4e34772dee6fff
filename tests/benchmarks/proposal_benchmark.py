"""Benchmark: a five-planner proposal built and written (budget ≤ 1 s, issue 12).

Run: python tests/benchmarks/proposal_benchmark.py   (offscreen; prints its figures)
A proposal reuses the chart widgets an earlier one built (updated in place, as a tab
updates its charts); the first proposal of a session builds them, and is timed apart.
The proposal's time is printed beside a baseline from the same run — one compute_plan of
the same scenario, the work every proposal starts from — and their ratio, so a loaded
machine (shared cores) can be told apart from a slower proposal.
"""

from __future__ import annotations

import os
import statistics
import sys
import tempfile
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from tests.benchmarks.timing import median_ms  # noqa: E402

SCENARIO = "playbook_finance.json"  # the committed sample proposal
EVERY_PLANNER = ["training", "dataset", "playbook", "routing", "breakeven"]
BUDGET_MS = 1000.0


def main() -> float:
    from econplan.core.catalog import load_catalog
    from econplan.core.plan import compute_plan
    from econplan.core.report import ReportOptions, build_report
    from econplan.core.scenario_io import load_scenario
    from econplan.desktop.app import create_application
    from econplan.desktop.pdf_report import release_charts, write_report_pdf

    create_application([])
    catalog = load_catalog()
    scenario = load_scenario(ROOT / "resources" / "scenarios" / SCENARIO)
    # As the app and `econplan report` export it: with the budget's P10–P90 from the
    # scenario's own draws (10,000).
    options = ReportOptions(planners=EVERY_PLANNER, title="Budget 2027",
                            organisation="Acme Bank", author="A. Planner",
                            draws=scenario.uncertainty.draws)
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "proposal.pdf"
        pages: list[int] = []

        def export() -> None:
            report = build_report(scenario, catalog, options)
            pages.append(write_report_pdf(report, target))

        export()  # warm-up: fonts registered, chart classes imported
        baseline = median_ms(lambda: compute_plan(scenario, catalog), 7)
        build = median_ms(lambda: build_report(scenario, catalog, options), 5)
        elapsed = median_ms(export, 5)

        firsts = []
        for _ in range(5):
            release_charts()  # as in a session's first proposal: every chart built anew
            firsts.append(median_ms(export, 1))
        first = statistics.median(firsts)
        print(f"baseline compute_plan: {baseline:.0f} ms median of 7")
        print(f"proposal model (5 planners, with the budget-driver sweep and "
              f"{options.draws:,} draws): {build:.0f} ms")
        print(f"PDF proposal (5 planners, {pages[-1]} pages, "
              f"{target.stat().st_size / 1024:.0f} KiB), build + write: {elapsed:.0f} ms median "
              f"of 5 = {elapsed / baseline:.1f}× baseline; budget {BUDGET_MS:.0f} ms "
              f"({'within' if elapsed <= BUDGET_MS else 'OVER'})")
        print(f"first proposal of a session (every chart built): {first:.0f} ms median of 5 "
              f"= {first / baseline:.1f}× baseline ({'within' if first <= BUDGET_MS else 'OVER'})")
    return elapsed


if __name__ == "__main__":
    main()
