"""Cold start to the first painted window, against a floor process in the same run.

The floor imports what the app is built on (PySide6, pyqtgraph, polars, duckdb, pydantic,
numpy) and shows an empty QMainWindow; the app probe starts EconPlan with the default
scenario. Both report when their first frame was painted and their peak RSS.

The project's own modules are compiled to bytecode (``__pycache__``, git-ignored) before
anything is timed: the libraries' bytecode was compiled when pip installed them, and an
installed EconPlan (a wheel, the PyInstaller build) has its own too, so without this step a
shell with PYTHONDONTWRITEBYTECODE=1 would time compiling ~200 source files on every start,
which no user's start does.
"""

from __future__ import annotations

import statistics
import subprocess
import sys
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
app.installEventFilter(_watch)
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
from econplan.desktop import heap
heap.enable()  # as start_window does first
from econplan.desktop.app import create_application
from econplan.core.catalog import load_catalog
app = create_application([])
catalog = load_catalog()
from econplan.desktop.main_window import MainWindow
window = MainWindow(catalog)
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


def _first_paint(probe: str) -> tuple[float, float]:
    """(seconds from process spawn to first painted frame, peak RSS in MiB)."""
    start = time.perf_counter()
    process = subprocess.Popen([sys.executable, "-c", probe], cwd=ROOT, text=True,
                               stdout=subprocess.PIPE, stderr=subprocess.DEVNULL,
                               env={**__import__("os").environ, "QT_QPA_PLATFORM": "offscreen"})
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
    floor, app, floor_rss, app_rss = [], [], [], []
    for _ in range(repeat):  # interleaved, so machine load hits both alike
        seconds, rss = _first_paint(FLOOR_PROBE)
        floor.append(seconds)
        floor_rss.append(rss)
        seconds, rss = _first_paint(APP_PROBE)
        app.append(seconds)
        app_rss.append(rss)
    f, a = statistics.median(floor), statistics.median(app)
    print(f"cold start to first painted window: app {a:.2f} s vs floor {f:.2f} s "
          f"(×{a / f:.2f}; budget ×1.3, goal ×1.15), median of {repeat}", flush=True)
    print(f"peak RSS after start: app {statistics.median(app_rss):.0f} MiB vs floor "
          f"{statistics.median(floor_rss):.0f} MiB (budget 250 MiB)", flush=True)


if __name__ == "__main__":
    print_cold_start()
