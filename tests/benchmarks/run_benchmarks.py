"""Benchmarks quoted in closing notes: start-up, catalog load, planner and slider latency.

Run: python tests/benchmarks/run_benchmarks.py   (offscreen; prints one line per figure)
Timings are medians of repeated runs on this machine, not pass/fail tests.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[2]
BENCH_PROPOSAL = "playbook_finance.json"  # the committed sample proposal
sys.path.insert(0, str(ROOT))

WINDOW_PROBE = r"""
import os, sys, time
t0 = time.perf_counter()
from PySide6.QtWidgets import QApplication
from desktop.app import create_application
from core.catalog import load_catalog
app = create_application([])
catalog = load_catalog()
from desktop.main_window import MainWindow
window = MainWindow(catalog)
window.show()
app.processEvents()
window.grab()  # forces a full paint of the first frame
print(time.perf_counter() - t0)
"""


def median_ms(fn, repeat: int) -> float:
    samples = []
    for _ in range(repeat):
        start = time.perf_counter()
        fn()
        samples.append((time.perf_counter() - start) * 1000)
    return statistics.median(samples)


def window_appears_s(repeat: int = 5) -> float:
    samples = []
    for _ in range(repeat):
        out = subprocess.run([sys.executable, "-c", WINDOW_PROBE], cwd=ROOT, check=True,
                             capture_output=True, text=True).stdout
        samples.append(float(out.strip().splitlines()[-1]))
    return statistics.median(samples)


def main() -> None:
    from core import training
    from core.catalog import load_catalog
    from core.defaults import default_scenario

    print(f"catalog load (duckdb -> polars): {median_ms(load_catalog, 20):.1f} ms median of 20")
    catalog = load_catalog()
    inputs = default_scenario(catalog).training
    print(f"training.plan(): {median_ms(lambda: training.plan(inputs, catalog), 200):.3f} ms "
          "median of 200")

    from PySide6.QtWidgets import QApplication

    from desktop.app import create_application
    from desktop.main_window import MainWindow

    app = create_application([])
    window = MainWindow(catalog)
    window.show()
    app.processEvents()
    tab = window.training_tab
    slider = tab.field("training.params").slider

    def slider_tick() -> None:
        slider.setValue((slider.value() + 7) % 1000)
        tab.recompute()  # what the 30 ms debounce timer runs once the drag pauses
        QApplication.processEvents()

    print(f"slider tick -> scenario update + recompute + chart/card refresh: "
          f"{median_ms(slider_tick, 100):.2f} ms median of 100")
    print(f"window appears (new process: imports, catalog, window, first paint): "
          f"{window_appears_s():.2f} s median of 5")

    import tempfile

    from core.report import build_report
    from core.scenario_io import load_scenario
    from desktop.pdf_report import write_report_pdf

    scenario = load_scenario(ROOT / "resources" / "scenarios" / BENCH_PROPOSAL)
    with tempfile.TemporaryDirectory() as folder:
        target = Path(folder) / "proposal.pdf"
        pages: list[int] = []

        def export() -> None:
            report = build_report(scenario, catalog)
            pages.append(write_report_pdf(report, target))

        elapsed = median_ms(export, 5)
        print(f"PDF proposal ({len(build_report(scenario, catalog).sections)} planners, "
              f"{pages[-1]} pages, {target.stat().st_size / 1024:.0f} KiB), build + write: "
              f"{elapsed:.0f} ms median of 5")
    window.document.undo_stack.setClean()
    window.close()


if __name__ == "__main__":
    main()
