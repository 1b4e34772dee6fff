"""Instructions to the first painted window, app against floor, counted by callgrind.

The wall-clock cold start (``cold_start.py``) moves by a fifth between runs on a shared
machine; the instructions do not. Each probe of ``cold_start`` (the floor: the libraries
and an empty window; the app: EconPlan with the default scenario) runs once under
``valgrind --tool=callgrind`` and ends with ``os._exit`` right after its first paint, so
neither teardown nor anything after the paint is counted; the app's bands are held off
(``_DRAWS_HELD``). The project's bytecode is
compiled first and each probe starts with empty settings, as for the wall-clock run.

Run: python tests/benchmarks/start_instructions.py   (valgrind needed; ~4 minutes)
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
import tempfile
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[2]))

from tests.benchmarks.cold_start import (
    APP_PROBE,
    CORE_ONLY_PROBE,
    FLOOR_PROBE,
    ROOT,
    WIDGETS_ONLY_PROBE,
    compile_project,
    probe_env,
)

_EXIT_AFTER_PAINT = "\nimport os\nos._exit(0)\n"
# The bands' draws start on their worker once the window has painted, and the catalog's
# unread tables come in with them: how far they get before the probe exits follows the
# wall clock (callgrind runs ~50× slower), and moved the app's count by ~0.2 G between
# runs of the same code. Held off, the count ends at the paint.
_DRAWS_HELD = ("\nfrom econplan.desktop import plan_session\n"
               "plan_session.DRAWS_QUIET_MS = 3_600_000\n")


def _with_draws_held(probe: str) -> str:
    # Once the Qt application is made, as the window's own imports are: imported earlier,
    # the desktop modules were walked by collections that a start never makes.
    before, _, rest = probe.partition("app = create_application([])")
    return before + "app = create_application([])" + _DRAWS_HELD + rest


def count(probe: str) -> int:
    """Instructions the probe executes from the interpreter's start to its first paint."""
    with tempfile.TemporaryDirectory() as folder:
        out = Path(folder) / "callgrind.out"
        result = subprocess.run(
            ["valgrind", "--tool=callgrind", f"--callgrind-out-file={out}", sys.executable,
             "-c", probe + _EXIT_AFTER_PAINT],
            cwd=ROOT, capture_output=True, text=True, timeout=1800, check=True,
            env=probe_env(Path(folder)))
    match = re.search(r"Collected : (\d+)", result.stderr)
    if match is None or "PAINTED" not in result.stdout:
        raise RuntimeError("the probe did not paint under callgrind")
    return int(match.group(1))


def main() -> None:
    if shutil.which("valgrind") is None:
        print("start instructions: valgrind is not installed")
        return
    compile_project()
    with ThreadPoolExecutor(max_workers=2) as pool:
        floor, app, core, widgets = pool.map(count, [
            FLOOR_PROBE, _with_draws_held(APP_PROBE), CORE_ONLY_PROBE, WIDGETS_ONLY_PROBE])
    print("instructions to the first painted window (callgrind):")
    print(f"  floor {floor / 1e9:.2f} G, app {app / 1e9:.2f} G (×{app / floor:.2f}); "
          f"the app's own {(app - floor) / 1e9:.2f} G")
    print(f"  its halves on the floor (cold_start.py): core only {core / 1e9:.2f} G "
          f"(×{core / floor:.2f}), widgets only {widgets / 1e9:.2f} G "
          f"(×{widgets / floor:.2f})")

if __name__ == "__main__":
    main()
