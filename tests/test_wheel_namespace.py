"""One namespace: the wheel installs econplan (with econplan.core and econplan.desktop) and
nothing else at the top of site-packages, so no bare "core" or "desktop" can collide with
another distribution's."""

from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_the_wheel_holds_only_the_econplan_package(tmp_path):
    # No build isolation: the build uses the installed setuptools and needs no network.
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation",
                    "-q", "-w", str(tmp_path), str(ROOT)], check=True, capture_output=True)
    wheel = next(tmp_path.glob("econplan-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    top = {name.split("/", 1)[0] for name in names}
    assert top == {"econplan", next(t for t in top if t.endswith(".dist-info"))}
    assert "econplan/core/plan.py" in names and "econplan/desktop/main_window.py" in names
    assert "econplan/cli.py" in names
    entry_points = next(n for n in names if n.endswith("entry_points.txt"))
    assert "econplan = econplan.cli:main" in zipfile.ZipFile(wheel).read(entry_points).decode()
