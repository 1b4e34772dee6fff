"""Cold start pays for the first window only (issue 8): what it does not show is imported,
built or read later. Each check runs in a fresh interpreter, so an eager import anywhere
in the chain shows up, whatever the test process imported before."""

from __future__ import annotations

import functools
import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

_FIRST_WINDOW = r"""
import gc, importlib.abc, json, sys
import_order = []
collecting_while_imported = {}
class _ImportOrder(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path, target=None):
        import_order.append(name)  # then the other finders find it
        collecting_while_imported.setdefault(name, gc.isenabled())
sys.meta_path.insert(0, _ImportOrder())
from econplan.cli import hold_collection
hold_collection()  # as the econplan command does before the window's imports
from econplan.desktop import heap
heap.enable()  # as start_window does first
from econplan.desktop.app import create_application
from econplan.core.catalog import load_catalog
app = create_application([])
frozen_after_app = gc.get_freeze_count()
collections = []
gc.callbacks.append(lambda phase, info: phase == "start" and collections.append(info))
collections_while_starting = None
_start_up_done = heap.start_up_done
imported_until_painted = None
def _counted_start_up_done():
    global collections_while_starting, imported_until_painted
    collections_while_starting = len(collections)
    imported_until_painted = list(import_order)
    _start_up_done()
heap.start_up_done = _counted_start_up_done
catalog = load_catalog()
from econplan.desktop.main_window import MainWindow
from econplan.core.plan import Plan
from econplan.desktop.charts import ReferenceRunsChart
placements = []
_place = ReferenceRunsChart.place_labels
def _counted(self, *args):
    placements.append(self.isVisible())
    _place(self, *args)
ReferenceRunsChart.place_labels = _counted
imported = {name: name in sys.modules for name in (
    "econplan.core.compare", "econplan.core.report", "econplan.desktop.pdf_report",
    "econplan.core.exports")}
window = MainWindow(catalog)
modules = sorted(name for name in sys.modules if name.startswith("econplan."))
placements_while_built = len(placements)
window.show()
for _ in range(10):
    app.processEvents()
from econplan.core.model_base import CoreModel
from econplan.desktop.fields import NumberField
from PySide6.QtWidgets import QLabel
def _models(base):
    for model in base.__subclasses__():
        yield model
        yield from _models(model)
models = set(_models(CoreModel))
shown = {
    "imported": imported,
    "imported_until_painted": imported_until_painted,
    "modules": modules,
    "models_imported": sorted(model.__name__ for model in models),
    "models_built": sorted(model.__name__ for model in models
                           if model.__dict__.get("__pydantic_complete__")),
    "plan_schema_built": Plan.__pydantic_complete__,
    "tables_read": sorted(catalog.tables._frames),
    "tables": len(catalog.tables),
    "file_open": catalog.tables._con is not None,
    "frozen_after_app": frozen_after_app,
    "collections_while_starting": collections_while_starting,
    "collecting_while_imported": {name: collecting_while_imported[name] for name in (
        "duckdb", "polars", "pydantic", "numpy", "PySide6.QtWidgets", "pyqtgraph")},
    "figure": window.training_tab.total_card.value_label.text(),
    "field_notices": len(window.findChildren(QLabel, "fieldNotice")),
    "number_fields": len(window.findChildren(NumberField)),
    "placements_while_built": placements_while_built,
    "placements_until_painted": placements,
}
# Collection is off while the draws run on their worker (desktop/heap.py): read it after.
window.session.wait_for_draws()
shown["collector_enabled"] = gc.isenabled()
print(json.dumps(shown))
"""


@functools.lru_cache(maxsize=1)
def _first_window() -> dict:
    """One fresh interpreter's first window, read by every test here (a start costs ~4 s
    of the suite)."""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    result = subprocess.run([sys.executable, "-c", _FIRST_WINDOW], capture_output=True,
                            text=True, cwd=ROOT, env=env, check=True, timeout=120)
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_the_first_window_leaves_comparison_report_and_exports_for_later():
    shown = _first_window()
    assert not any(shown["imported"].values()), shown["imported"]
    # The plan of every planner is made for an export or a comparison, not to paint.
    assert shown["plan_schema_built"] is False
    assert shown["figure"].startswith("$")  # and yet the window shows its figures


def test_the_sensitivity_drawer_imports_its_sweep_and_chart_when_first_opened():
    # Closed in the first window; every planner's headline code comes with the sweep.
    modules = set(_first_window()["modules"])
    assert "econplan.desktop.sensitivity_panel" in modules
    assert not {"econplan.core.sensitivity", "econplan.core.headlines",
                "econplan.desktop.tornado_chart"} & modules


def test_the_first_window_imports_no_core_module_after_qt():
    # Every module imported after PySide6 has its source read by PySide6's import hook;
    # the core comes in before Qt (desktop/__init__.py, where a module named here goes).
    order = _first_window()["imported_until_painted"]
    assert "econplan.core.defaults" in order
    after_qt = order[order.index("PySide6.QtCore"):]
    assert [name for name in after_qt if name.startswith("econplan.core")] == []


def test_a_number_field_makes_its_notice_when_it_first_has_one_to_show():
    # tests/desktop/test_keyboard.py shows a refused and a clamped value's notice.
    shown = _first_window()
    assert shown["number_fields"] > 40
    assert shown["field_notices"] == 0


def test_the_reference_runs_are_named_once_at_the_size_the_window_paints():
    shown = _first_window()
    assert shown["placements_while_built"] == 0
    assert shown["placements_until_painted"] == [True]  # on screen, before its first paint


def test_the_monte_carlo_is_imported_by_its_first_draws_after_the_first_paint():
    # The draws' worker imports it (tests/desktop/test_uncertainty_desktop.py has the bands).
    modules = set(_first_window()["modules"])
    assert not {"econplan.core.uncertainty", "econplan.core.monte_carlo"} & modules


def test_the_first_window_builds_the_validators_of_the_models_it_uses_only():
    shown = _first_window()
    built, imported = set(shown["models_built"]), shown["models_imported"]
    assert {"Scenario", "TrainingResult"} <= built  # what the first window shows
    # The other planners' results are imported (the session's plan names them) but their
    # schemas wait for the tab that shows them (core/model_base.py::CoreModel).
    assert {"DatasetResult", "PlaybookResult", "RoutingResult", "BreakevenResult"} \
        <= set(imported)
    assert not built & {"DatasetResult", "PlaybookResult", "RoutingResult",
                        "BreakevenResult", "Uncertainty"}, sorted(built)
    assert len(built) < len(imported) / 3, sorted(built)


def test_the_first_window_reads_part_of_the_catalog_and_lets_the_file_go():
    shown = _first_window()
    assert "gpus" in shown["tables_read"]
    assert len(shown["tables_read"]) < shown["tables"] / 2, shown["tables_read"]
    # The Training tab's tooltips cite the training defaults only: the tables behind the
    # break-even citations are read when that tab is built (PlannerTab._tip).
    assert not {"ft_mlops", "api_discount_conventions"} & set(shown["tables_read"])
    assert shown["file_open"] is False


def test_start_up_keeps_the_libraries_out_of_the_collectors_walks():
    shown = _first_window()
    assert shown["frozen_after_app"] > 10_000  # the libraries, frozen with the Qt app
    # From the Qt app to the first window's first paint (the window's imports, its build)
    # nothing is collected; after it, collection is back.
    assert shown["collections_while_starting"] == 0
    # Held off by the command before the libraries were imported, on again once painted.
    assert not any(shown["collecting_while_imported"].values()), \
        shown["collecting_while_imported"]
    assert shown["collector_enabled"] is True


def test_the_bands_are_drawn_once_the_window_has_painted(qtbot, catalog):
    from econplan.desktop.main_window import MainWindow

    window = MainWindow(catalog)
    qtbot.addWidget(window)
    session = window.session
    assert session._draws_timer.isActive()  # the Training tab asked for its bands
    qtbot.waitUntil(lambda: not session._draws_timer.isActive())  # their quiet delay is over
    assert session.draws_runs == 0  # held: the window has not painted yet
    window.show()
    qtbot.waitUntil(lambda: session.draws_runs == 1)
    qtbot.waitUntil(lambda: session.uncertainty is not None, timeout=30_000)
