"""Benchmarks quoted in closing notes: start-up, catalog load, planner and slider latency.

Run: python tests/benchmarks/run_benchmarks.py   (offscreen; prints one line per figure)
Options: --no-scale (skip the largest portfolios), --quick (tabs only: no scale, cold start
or PDF), --routing (the routing tab's inputs only, default scenario and largest portfolio).
Timings are medians of repeated runs on this machine, not pass/fail tests.
Instructions per tick, which this noisy machine repeats where times do not, are counted
by tests/benchmarks/tick_instructions.py (under valgrind; run on its own).
"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
BENCH_PROPOSAL = "playbook_finance.json"  # the committed sample proposal
EVERY_PLANNER = ["training", "dataset", "playbook", "routing", "breakeven"]
sys.path.insert(0, str(ROOT))

from tests.benchmarks.cold_start import print_cold_start  # noqa: E402
from tests.benchmarks.tab_benchmarks import run_ui_benchmarks  # noqa: E402
from tests.benchmarks.timing import median_ms  # noqa: E402


def main() -> None:
    from econplan.core import training
    from econplan.core.catalog import load_catalog
    from econplan.core.defaults import default_scenario

    print(f"catalog load (open, names, columns; tables read when first used): "
          f"{median_ms(load_catalog, 20):.1f} ms median of 20")
    print(f"catalog load and every table read (duckdb -> polars): "
          f"{median_ms(lambda: load_catalog().tables.read_all(), 20):.1f} ms median of 20")
    catalog = load_catalog()
    inputs = default_scenario(catalog).training
    print(f"training.plan(): {median_ms(lambda: training.plan(inputs, catalog), 200):.3f} ms "
          "median of 200")
    from tests.benchmarks.monte_carlo import run_timing

    run_timing(catalog)

    from econplan.desktop import heap
    from econplan.desktop.app import create_application
    from econplan.desktop.main_window import MainWindow

    app = create_application([])
    window = MainWindow(catalog)
    window.show()
    heap.enable()  # as start_window does: the built window is frozen out of the collector
    heap.freeze_long_lived()
    quick = "--quick" in sys.argv
    routing_only = "--routing" in sys.argv
    run_ui_benchmarks(app, window, catalog, scale=not quick and "--no-scale" not in sys.argv,
                      only="routing" if routing_only else None)
    if quick or routing_only:
        return
    print_cold_start()

    import tempfile

    from econplan.core.report import ReportOptions, build_report
    from econplan.core.scenario_io import load_scenario
    from econplan.desktop.pdf_report import write_report_pdf

    scenario = load_scenario(ROOT / "resources" / "scenarios" / BENCH_PROPOSAL)
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "proposal.pdf"
        pages: list[int] = []

        def export() -> None:
            report = build_report(scenario, catalog, ReportOptions(planners=EVERY_PLANNER))
            pages.append(write_report_pdf(report, target))

        elapsed = median_ms(export, 5)
        print(f"PDF proposal ({len(EVERY_PLANNER)} planners, "
              f"{pages[-1]} pages, {target.stat().st_size / 1024:.0f} KiB), build + write: "
              f"{elapsed:.0f} ms median of 5")
    window.document.undo_stack.setClean()
    window.close()


if __name__ == "__main__":
    main()
