"""``econplan --self-test``: proof that an installed or frozen copy works on this machine.

It opens the window offscreen, plans every bundled example (each figure must be a
finite number), shows each example in the window, writes a PDF proposal to a
temporary folder, prints one summary line and exits 0 — or names every step that
failed and exits 1. It needs no display and writes nothing outside its temporary
folder (settings go there too).
"""

from __future__ import annotations

import math
import os
import sys
import tempfile
import time
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any, TextIO


def _non_finite(value: Any, where: str = "") -> Iterator[str]:
    """The paths of every NaN or infinite number in a JSON-like value."""
    if isinstance(value, float) and not math.isfinite(value):
        yield where or "(top)"
    elif isinstance(value, dict):
        for key, item in value.items():
            yield from _non_finite(item, f"{where}.{key}" if where else str(key))
    elif isinstance(value, list):
        for index, item in enumerate(value):
            yield from _non_finite(item, f"{where}[{index}]")


class _Checks:
    def __init__(self) -> None:
        self.passed = 0
        self.failures: list[str] = []

    def run(self, name: str, step: Callable[[], None]) -> None:
        try:
            step()
        except Exception as exc:  # a self-test reports every failure, whatever it is
            lines = str(exc).strip().splitlines() or [type(exc).__name__]
            detail = " ".join(line.strip() for line in lines[:3])
            self.failures.append(f"{name}: {type(exc).__name__}: {detail[:300]}")
        else:
            self.passed += 1


def run_self_test(out: TextIO | None = None) -> int:
    out = out or sys.stdout
    started = time.perf_counter()
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    workdir = Path(tempfile.mkdtemp(prefix="econplan-self-test-"))
    # Keep the user's own settings, autosave and recent files out of the test.
    for variable in ("XDG_CONFIG_HOME", "XDG_DATA_HOME", "XDG_STATE_HOME", "XDG_CACHE_HOME"):
        os.environ[variable] = str(workdir / variable.lower())

    from econplan.core.catalog import load_catalog
    from econplan.core.compute import compute_all
    from econplan.core.paths import scenarios_dir
    from econplan.core.scenario_io import load_scenario

    checks = _Checks()
    catalog_box: list[Any] = []
    checks.run("catalog", lambda: catalog_box.append(load_catalog()))
    if not catalog_box:
        return _finish(out, checks, started, pages=0)
    catalog = catalog_box[0]
    examples = sorted(scenarios_dir().glob("*.json"))
    if not examples:
        checks.failures.append(f"examples: none found in {scenarios_dir()}")

    def plan_example(path: Path) -> Callable[[], None]:
        def step() -> None:
            figures = compute_all(load_scenario(path), catalog)
            bad = list(_non_finite(figures))
            if bad:
                raise ValueError(f"non-finite figures at {', '.join(bad[:5])}")
        return step

    planned: list[Path] = []
    for path in examples:
        before = len(checks.failures)
        checks.run(f"plan {path.stem}", plan_example(path))
        if len(checks.failures) == before:
            planned.append(path)

    from PySide6.QtCore import qInstallMessageHandler
    from PySide6.QtWidgets import QApplication

    from econplan.desktop.app import create_application
    from econplan.desktop.main_window import MainWindow

    # The offscreen platform warns about window-manager hints it cannot honour; only
    # that noise is dropped, every other Qt message still reaches stderr.
    def quiet_offscreen_hints(_mode, _context, message: str) -> None:
        if "propagateSizeHints" not in message:
            print(message, file=sys.stderr)

    qInstallMessageHandler(quiet_offscreen_hints)
    app = create_application([sys.argv[0]])
    window_box: list[MainWindow] = []

    def open_window() -> None:
        window = MainWindow(catalog)
        window.show()
        QApplication.processEvents()
        window_box.append(window)

    checks.run("window", open_window)
    if window_box:
        window = window_box[0]

        def show_example(path: Path) -> Callable[[], None]:
            def step() -> None:
                window.document.replace(load_scenario(path), None)
                for index in range(window.tabs.count()):
                    window.tabs.setCurrentIndex(index)
                    QApplication.processEvents()
            return step

        for path in examples:
            checks.run(f"show {path.stem}", show_example(path))

    pages_box: list[int] = []

    def write_pdf() -> None:
        from econplan.core.report import build_report
        from econplan.desktop.pdf_report import write_report_pdf

        if not planned:
            raise ValueError("no example planned, so none to write")
        report = build_report(load_scenario(planned[0]), catalog)
        target = workdir / "self-test-proposal.pdf"
        pages_box.append(write_report_pdf(report, target))
        if target.stat().st_size < 1_000:
            raise ValueError(f"the PDF is only {target.stat().st_size} bytes")

    checks.run("pdf", write_pdf)
    if window_box:
        window_box[0].document.undo_stack.setClean()  # nothing to save: close quietly
        window_box[0].close()
    app.processEvents()
    return _finish(out, checks, started, pages=pages_box[0] if pages_box else 0,
                   examples=len(examples))


def _finish(out: TextIO, checks: _Checks, started: float, pages: int, examples: int = 0) -> int:
    seconds = time.perf_counter() - started
    if checks.failures:
        print(f"econplan self-test: FAILED {len(checks.failures)} of "
              f"{len(checks.failures) + checks.passed} checks in {seconds:.1f} s", file=out)
        for failure in checks.failures:
            print(f"  - {failure}", file=out)
        return 1
    print(f"econplan self-test: OK — {checks.passed} checks, {examples} examples planned and "
          f"shown, a {pages}-page PDF written, {seconds:.1f} s", file=out)
    return 0
