"""DESIGN.md: core/ imports neither Qt nor the desktop, so scripts and the CLI run
with no display and the dependency arrows point one way (econplan → desktop → core)."""

import subprocess
import sys
from pathlib import Path

CORE = Path(__file__).resolve().parents[2] / "core"


def _core_modules() -> list[str]:
    names = []
    for path in sorted(CORE.rglob("*.py")):
        parts = path.relative_to(CORE.parent).with_suffix("").parts
        names.append(".".join(parts[:-1] if parts[-1] == "__init__" else parts))
    return names


def test_importing_every_core_module_loads_no_qt_and_no_desktop():
    modules = _core_modules()
    code = (
        "import importlib, sys\n"
        f"for name in {modules!r}: importlib.import_module(name)\n"
        "bad = sorted(m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'pyqtgraph', 'shiboken6', 'desktop', 'econplan'))\n"
        "print(','.join(bad))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=CORE.parent, check=True)
    assert result.stdout.strip() == ""
    assert len(modules) >= 8


def test_compute_command_loads_no_qt():
    code = (
        "import sys\n"
        "from econplan.cli import main\n"
        "import contextlib, io\n"
        "with contextlib.redirect_stdout(io.StringIO()):\n"
        "    main(['compute', 'resources/scenarios/task_management_assistant.json'])\n"
        "print(','.join(sorted(m for m in sys.modules if m.split('.')[0] in "
        "('PySide6', 'pyqtgraph', 'core', 'desktop') or m.startswith('econplan.desktop'))))\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True,
                            cwd=CORE.parent, check=True)
    assert result.stdout.strip() == ""
