"""Instructions per slider tick, counted by callgrind: a figure this noisy machine repeats.

Wall and CPU times of a tick move by a fifth between runs here (other jobs share the two
cores); the instructions a tick executes do not. Each input of ``tab_benchmarks`` is
driven in its own process under ``valgrind --tool=callgrind``, counting only ticks after
warm-up: the value change runs from a zero-delay timer so that everything a tick does
(the edit, the recompute, the layout and the paint) happens inside the event loop, whose
inclusive count is read. The bare widget of ``ui_latency`` is counted the same way and
printed beside each input as the baseline. Deferred work that a tick does not include
(the draws, the price-date note, autosave, the routing tab's planning of the years either
side, a note's room given back) is held off, as the latency benchmark settles it between
ticks, and each tick starts a burst of edits of its own (``ui_latency.edits_ended``), as
one made from rest does: under valgrind a tick's passes of the event loop take long
enough for every such timer to fire inside them.

The inputs marked ``LARGEST`` run on the largest portfolio the schema allows (routing roles
and tasks, playbook phases: ``tab_benchmarks.largest_portfolio``), where a tick's cost is
the size of its tables and charts.

Run: python tests/benchmarks/tick_instructions.py [label prefix ...]   (valgrind needed;
about a minute per input, two at a time).
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
TICKS = 10
WARM_UP = 4
PASSES = 12  # event-loop passes per tick: every timer, layout and paint it causes runs
LARGEST = ", largest"
INPUT_LABELS = ["training parameters", "dataset tokens/param", "playbook phase cost",
                f"playbook phase cost{LARGEST}", "routing price year", "routing head-count cell",
                f"routing price year{LARGEST}", f"routing head-count cell{LARGEST}",
                "break-even queries"]
BARE = "bare widget"


def _child(label: str) -> None:
    """Runs under callgrind: builds the window, warms the input up, counts TICKS ticks."""
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    sys.path.insert(0, str(ROOT))
    from econplan.core.catalog import load_catalog
    from econplan.desktop.app import create_application
    from econplan.desktop.main_window import MainWindow
    from PySide6.QtCore import QTimer

    from tests.benchmarks.tab_benchmarks import largest_portfolio, show_tab, tab_inputs
    from tests.benchmarks.ui_latency import BareWidget, edits_ended

    app = create_application([])
    catalog = load_catalog()
    window = MainWindow(catalog)
    window.resize(1480, 900)
    window.show()
    if label == BARE:
        widget = BareWidget()
        widget.show()
        action = widget.action()
    else:
        input_label, largest, _ = label.partition(LARGEST)
        if largest:
            window.document.replace(largest_portfolio(window.document.scenario, catalog), None)
        _label, attribute, build = next(e for e in tab_inputs(window)
                                        if e[0] == input_label)
        action = build(show_tab(window, attribute))
    for _ in range(50):
        app.processEvents()
    for timer in window.findChildren(QTimer):
        if timer.interval() > 0:  # deferred work, settled between ticks in the latency run
            timer.setInterval(3_600_000)

    def tick() -> None:
        # From rest, as in the latency run: outside the counted event loop, and with
        # nothing left to do (a tick from rest places every name in full).
        edits_ended(window)
        QTimer.singleShot(0, action)
        for _ in range(PASSES):
            app.processEvents()

    for _ in range(WARM_UP):
        tick()
    subprocess.run(["callgrind_control", "-i", "on", str(os.getpid())], capture_output=True)
    for _ in range(TICKS):
        tick()
    subprocess.run(["callgrind_control", "-i", "off", str(os.getpid())], capture_output=True)
    window.document.undo_stack.setClean()
    os._exit(0)  # the count is written at exit; a full teardown would only add time


def count(label: str) -> int:
    """Instructions per tick of ``label`` (the event loop's inclusive count / TICKS)."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "callgrind.out"
        subprocess.run(["valgrind", "--tool=callgrind", "--instr-atstart=no",
                        f"--callgrind-out-file={out}", sys.executable, __file__,
                        "--child", label],
                       capture_output=True, check=True, timeout=1800)
        report = subprocess.run(["callgrind_annotate", "--inclusive=yes", str(out)],
                                capture_output=True, text=True, check=True).stdout
    match = re.search(r"^\s*([\d,]+) .*QCoreApplication::processEvents\(", report, re.M)
    if match is None:
        raise RuntimeError(f"no event-loop count for {label!r}")
    return int(match.group(1).replace(",", "")) // TICKS


def main(prefixes: list[str]) -> None:
    if shutil.which("valgrind") is None:
        print("tick instructions: valgrind is not installed")
        return
    labels = [label for label in INPUT_LABELS
              if not prefixes or any(label.startswith(p) for p in prefixes)]
    with ThreadPoolExecutor(max_workers=2) as pool:
        counts = dict(zip([BARE, *labels], pool.map(count, [BARE, *labels]), strict=True))
    bare = counts[BARE]
    print(f"instructions per tick (callgrind, {TICKS} ticks after {WARM_UP} warm-up):")
    print(f"  {BARE:<33} {bare / 1e6:7.1f} M")
    for label in labels:
        print(f"  {label:<33} {counts[label] / 1e6:7.1f} M   ×{counts[label] / bare:4.1f} bare")


if __name__ == "__main__":
    if sys.argv[1:2] == ["--child"]:
        _child(sys.argv[2])
    else:
        main(sys.argv[1:])
