"""Cold start to the first painted window, against a floor process in the same run.

The floor imports what the app is built on (PySide6, pyqtgraph, polars, duckdb, pydantic,
numpy) and shows an empty QMainWindow; the app probe starts EconPlan with the default
scenario. Both report when their first frame was painted and their peak RSS.

The project's own modules are compiled to bytecode (``__pycache__``, git-ignored) before
anything is timed: the libraries' bytecode was compiled when pip installed them, and an
installed EconPlan (a wheel, the PyInstaller build) has its own too, so without this step a
shell with PYTHONDONTWRITEBYTECODE=1 would time compiling ~200 source files on every start,
which no user's start does.

Two more probes split the app's start in its two halves, each on top of the floor: the
core work the first window shows (pydantic's models, the catalog, the default scenario
validated and planned) with an empty window, and the first window's widgets by kind and
number (inputs, labels, menus, tables, two pyqtgraph charts) with none of EconPlan's
code. Neither half can be skipped by a window that shows the default scenario; each
printed beside the floor shows what the budget leaves for the other.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_WAIT_FOR_PAINT = r"""
import re, time
from PySide6.QtCore import QEvent, QObject
class _Painted(QObject):
    seen = False
    def eventFilter(self, obj, event):
        if event.type() == QEvent.Type.Paint:
            _Painted.seen = True
        return False
_watch = _Painted()
# On the window, not the application: a filter on the application is a Python call for
# every event of every object, and the app has ~1,400 objects to the floor's few (it added
# ~15 ms to the app's start and nothing to the floor's). The window's own paint comes
# first in the frame that paints its children; the loop ends when that frame is done.
window.installEventFilter(_watch)
window.show()
_deadline = time.perf_counter() + 20
while not _Painted.seen and time.perf_counter() < _deadline:
    app.processEvents()
app.processEvents()
# VmHWM, not ru_maxrss: the latter keeps the parent's peak across fork and exec.
_status = open("/proc/self/status").read()
print("PAINTED", re.search(r"VmHWM:\s+(\d+)", _status).group(1), flush=True)
"""

FLOOR_PROBE = r"""
import duckdb, numpy, polars, pydantic, pyqtgraph
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
window = QMainWindow()
window.resize(1480, 900)
""" + _WAIT_FOR_PAINT

APP_PROBE = r"""
from econplan.cli import hold_collection
hold_collection()  # as the econplan command does before the window's imports
from econplan.desktop import heap
heap.enable()  # as start_window does first
from econplan.desktop.app import create_application
from econplan.core.catalog import load_catalog
app = create_application([])
catalog = load_catalog()
from econplan.desktop.main_window import MainWindow
window = MainWindow(catalog)
window.resize(1480, 900)  # a first start's size on a screen with room for it (as the floor)
""" + _WAIT_FOR_PAINT

CORE_ONLY_PROBE = r"""
import duckdb, numpy, polars, pydantic, pyqtgraph
from PySide6.QtWidgets import QApplication, QMainWindow
app = QApplication([])
from econplan.core.catalog import load_catalog
from econplan.core.defaults import default_scenario
from econplan.core.plan import compute_planner
catalog = load_catalog()
compute_planner("training", default_scenario(catalog), catalog, {})
window = QMainWindow()
window.resize(1480, 900)
""" + _WAIT_FOR_PAINT

# The Training tab's first window as counted on 2026-12-04 (804 widgets: 47 number
# boxes with a slider each, 24 combo boxes, 147 labels, 6 groups, 4 tables, 23 menus,
# six tabs, two charts), built with fewer (673: 48 boxes and sliders, 24 combo boxes,
# 100 labels, 6 groups, 4 tables, 24 menus, six tabs, two charts: bars; points on log
# axes), so it rather understates what the widgets cost.
WIDGETS_ONLY_PROBE = r"""
import duckdb, numpy, polars, pydantic, pyqtgraph as pg
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (QApplication, QComboBox, QDoubleSpinBox, QFormLayout,
    QGroupBox, QHBoxLayout, QLabel, QMainWindow, QScrollArea, QSlider, QTableWidget,
    QTableWidgetItem, QTabWidget, QVBoxLayout, QWidget)
app = QApplication([])
window = QMainWindow()
tabs = QTabWidget()
page = QWidget()
tabs.addTab(page, "Training budget")
for name in ("Dataset sizing", "Vertical playbook", "Routing overspend",
             "Self-host break-even", "Compare"):
    tabs.addTab(QWidget(), name)
column = QWidget()
inputs = QVBoxLayout(column)
for group_number in range(6):
    group = QGroupBox(f"Group {group_number}")
    form = QFormLayout(group)
    for row in range(8):
        line = QWidget()
        parts = QHBoxLayout(line)
        if row < 4:
            choice = QComboBox()
            choice.addItems([f"Choice {i}" for i in range(8)])
            parts.addWidget(choice)
        box = QDoubleSpinBox()
        box.setRange(0, 1e6)
        box.setValue(42.5)
        slider = QSlider(Qt.Orientation.Horizontal)
        parts.addWidget(box)
        parts.addWidget(slider)
        parts.addWidget(QLabel("$/GPU-h"))
        form.addRow(f"Input {group_number}.{row}", line)
    inputs.addWidget(group)
scroll = QScrollArea()
scroll.setWidget(column)
scroll.setWidgetResizable(True)
results = QWidget()
shown = QVBoxLayout(results)
cards = QHBoxLayout()
for card in range(4):
    cards.addWidget(QLabel(f"<b>Card {card}</b><br><span style='font-size:20pt'>$1.23M"
                           "</span><br>$1.0M–$1.5M"))
shown.addLayout(cards)
bars = pg.PlotWidget()
bars.addItem(pg.BarGraphItem(x=numpy.arange(6), height=numpy.arange(6) + 1.0, width=0.6))
bars.setLabel("left", "Cost ($)")
points = pg.PlotWidget()
points.plot(numpy.logspace(0, 3, 12), numpy.logspace(1, 5, 12), pen=None, symbol="o")
points.setLogMode(True, True)
points.setLabel("bottom", "Training FLOPs")
shown.addWidget(bars, 1)
shown.addWidget(points, 1)
for _ in range(4):
    table = QTableWidget(6, 4)
    for r in range(6):
        for c in range(4):
            table.setItem(r, c, QTableWidgetItem(f"{r}.{c}"))
    shown.addWidget(table)
layout = QHBoxLayout(page)
layout.addWidget(scroll)
layout.addWidget(results, 1)
window.setCentralWidget(tabs)
for menu_number in range(23):
    menu = window.menuBar().addMenu(f"Menu {menu_number}")
    for action in range(6):
        menu.addAction(f"Action {action}")
window.statusBar().showMessage("Catalog: 78 tables")
window.resize(1480, 900)
""" + _WAIT_FOR_PAINT


# Compiles the package the probe imports (wherever it resolves: the editable install, a
# worktree on PYTHONPATH) into its __pycache__ folders; compileall writes even when
# PYTHONDONTWRITEBYTECODE is set, and skips files whose bytecode is up to date.
COMPILE_PROJECT = r"""
import compileall, importlib.util
for name in ("econplan", "econplan.core", "econplan.desktop"):
    for folder in importlib.util.find_spec(name).submodule_search_locations:
        compileall.compile_dir(folder, maxlevels=0, quiet=1)
"""


def compile_project() -> None:
    """Bytecode for the project's modules, as an installed app has (see the docstring)."""
    subprocess.run([sys.executable, "-c", COMPILE_PROJECT], cwd=ROOT, check=True,
                   stdout=subprocess.DEVNULL)


def probe_env(profile: Path) -> dict[str, str]:
    """The environment of a probe: offscreen, and a first start's empty settings, data and
    cache folders under ``profile``. With the user's own, the app started with whatever
    window, theme and zoom a benchmark or screenshot run last saved there."""
    return {**os.environ, "QT_QPA_PLATFORM": "offscreen",
            **{name: str(profile / name.lower())
               for name in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_CACHE_HOME")}}


def _first_paint(probe: str) -> tuple[float, float]:
    """(seconds from process spawn to first painted frame, peak RSS in MiB)."""
    with tempfile.TemporaryDirectory(prefix="econplan-cold-start-") as profile:
        env = probe_env(Path(profile))
        start = time.perf_counter()
        process = subprocess.Popen([sys.executable, "-c", probe], cwd=ROOT, text=True,
                                   stdout=subprocess.PIPE, stderr=subprocess.DEVNULL, env=env)
        return _painted(process, start)


def _painted(process: subprocess.Popen, start: float) -> tuple[float, float]:
    assert process.stdout is not None
    for line in process.stdout:
        if line.startswith("PAINTED"):
            elapsed = time.perf_counter() - start
            rss_mib = int(line.split()[1]) / 1024
            process.wait()
            return elapsed, rss_mib
    process.wait()
    raise RuntimeError(f"probe exited ({process.returncode}) before painting")


def print_cold_start(repeat: int = 5) -> None:
    compile_project()
    probes = {"floor": FLOOR_PROBE, "app": APP_PROBE, "core": CORE_ONLY_PROBE,
              "widgets": WIDGETS_ONLY_PROBE}
    seconds: dict[str, list[float]] = {name: [] for name in probes}
    rss: dict[str, list[float]] = {name: [] for name in probes}
    for _ in range(repeat):  # interleaved, so machine load hits every probe alike
        for name, probe in probes.items():
            elapsed, peak = _first_paint(probe)
            seconds[name].append(elapsed)
            rss[name].append(peak)
    median = {name: statistics.median(values) for name, values in seconds.items()}
    f, a = median["floor"], median["app"]
    print(f"cold start to first painted window: app {a:.2f} s vs floor {f:.2f} s "
          f"(×{a / f:.2f}; budget ×1.3, goal ×1.15), median of {repeat}", flush=True)
    print(f"  its halves on the floor: core only {median['core']:.2f} s "
          f"(×{median['core'] / f:.2f}), widgets only {median['widgets']:.2f} s "
          f"(×{median['widgets'] / f:.2f})", flush=True)
    print(f"peak RSS after start: app {statistics.median(rss['app']):.0f} MiB vs floor "
          f"{statistics.median(rss['floor']):.0f} MiB (budget 250 MiB)", flush=True)


if __name__ == "__main__":
    print_cold_start()
