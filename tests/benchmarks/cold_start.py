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
