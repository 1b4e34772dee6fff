"""Regenerate docs/screenshots/*.png offscreen: python3 docs/make_screenshots.py

Every tab at 1366×768 (the commonest small laptop screen) in the light and the dark theme,
a few at 1920×1080 (a projector), and presentation mode at 1920×1080.
``--only NAME`` takes one shot's name (e.g. ``routing_tab``) to look at a single tab.
"""

from __future__ import annotations

import argparse
import os
import sys
import time
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from econplan.core.catalog import load_catalog  # noqa: E402
from econplan.core.paths import scenarios_dir  # noqa: E402
from econplan.desktop.app import create_application  # noqa: E402

LAPTOP = (1366, 768)
PROJECTOR = (1920, 1080)
# (file name, the window's tab attribute, example to open, catalog table to select)
SHOTS = [
    ("training_tab", "training_tab", "pretrain_32b_seed_table.json", None),
    ("training_tab_finetune", "training_tab", "task_management_assistant.json", None),
    ("dataset_tab", "dataset_tab", "dataset_qwen25_7b_overtrained.json", None),
    ("dataset_tab_finetune", "dataset_tab", "dataset_synthetic_1m_finetune.json", None),
    ("playbook_tab", "playbook_tab", "playbook_finance.json", None),
    ("routing_tab", "routing_tab", "routing_seed_14_roles.json", None),
    ("breakeven_tab", "breakeven_tab", "breakeven_task_assistant_5m.json", None),
    ("breakeven_tab_roi", "breakeven_tab", "breakeven_roi_framework.json", None),
    ("catalog_tab", "catalog_tab", None, "gpus"),
]
# Charts with their P10–P90 bands (after the draws) and with a pinned baseline drawn faint:
# (file name, tab attribute, example, an edit made after opening it (None: none), the chart
# to scroll into view). Names starting "baseline_" pin the example before the edit.
BAND_SHOTS = [
    ("bands_training", "training_tab", "llama31_405b_reference.json", None,
     "breakdown_chart"),
    ("bands_playbook", "playbook_tab", "playbook_finance.json", None, "spend_chart"),
    # The fine-tuning cost taken from the Training budget plan: the fine-tuned model's
    # cumulative cost and its payback get a band.
    ("bands_breakeven", "breakeven_tab", "breakeven_autocomplete_500k.json",
     {"breakeven.one_off.finetune_source": "training_plan"}, "cumulative_chart"),
    ("baseline_overlay_playbook", "playbook_tab", "playbook_finance.json",
     {"playbook.phases.0.months.high": 4.0, "playbook.phases.0.cost_usd.high": 800_000.0},
     "spend_chart"),
    ("baseline_overlay_training", "training_tab", "llama31_405b_reference.json",
     {"training.beyond_compute.data_curation.multiplier.high": 6.0}, "breakdown_chart"),
]
PROJECTOR_SHOTS = ("training_tab", "routing_tab", "breakeven_tab")
PRESENTATION_SHOTS = ("training_tab", "breakeven_tab")


def settle(app) -> None:
    for _ in range(6):
        app.processEvents()


def columns_settled(app, window) -> None:
    """Wait for figure tables that hold a narrowing back while fills come quickly (the
    window's first fill and the example's follow each other at once here)."""
    from econplan.desktop.column_fit import FitsOwnColumns
    from PySide6.QtWidgets import QTableView

    def narrowing() -> bool:
        return any(table.column_fit is not None and table.column_fit.narrowing()
                   for table in window.findChildren(QTableView)
                   if isinstance(table, FitsOwnColumns))

    while narrowing():
        app.processEvents()
        time.sleep(0.01)
    settle(app)


def take(app, catalog, shot, size, path: Path, presenting: bool = False) -> None:
    """One shot in a fresh window (offscreen, a reused window can grab stale table areas)."""
    from econplan.desktop.appearance import Appearance
    from econplan.desktop.main_window import MainWindow

    _name, tab_name, example, table = shot
    window = MainWindow(catalog)
    window.resize(*size)
    window.show()
    if example:
        window.open_example(scenarios_dir() / example)
    if table:
        window.catalog_tab.select_table(table)
    tab = getattr(window, tab_name)
    window.tabs.setCurrentWidget(tab)
    if presenting:
        # As a projector shows it: the offscreen screen is small, so the scale of a
        # 1080-line screen is set directly rather than by going full screen.
        window.menuBar().hide()
        window.statusBar().hide()
        Appearance.instance().set_presentation_height(size[1])
        tab.set_presenting(True)
    if hasattr(tab, "recompute"):  # the zero-delay recompute may not have fired yet
        tab.recompute()
    settle(app)
    columns_settled(app, window)
    window.grab().save(str(path))
    print(path)
    if presenting:
        tab.set_presenting(False)
        Appearance.instance().set_presentation_height(0)
    window.document.undo_stack.setClean()
    window.close()
    window.deleteLater()
    settle(app)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--only", help="one shot's name")
    parser.add_argument("--out", default=str(ROOT / "docs" / "screenshots"))
    args = parser.parse_args()
    app = create_application([])
    from econplan.desktop.appearance import Appearance
    from econplan.desktop.main_window import MainWindow

    catalog = load_catalog()
    appearance = Appearance.instance()
    appearance.mode, appearance.zoom = "light", 1.0  # not saved: the user's choice stays
    out = Path(args.out)
    out.mkdir(parents=True, exist_ok=True)
    shots = [s for s in SHOTS if not args.only or s[0] == args.only]
    for mode in ("light", "dark"):
        appearance.mode = mode
        appearance.apply()
        suffix = "" if mode == "light" else "_dark"
        for shot in shots:
            take(app, catalog, shot, LAPTOP, out / f"{shot[0]}{suffix}.png")
    appearance.mode = "light"
    appearance.apply()
    for shot in shots:
        if shot[0] in PROJECTOR_SHOTS:
            take(app, catalog, shot, PROJECTOR, out / f"{shot[0]}_1920.png")
    for shot in shots:
        if shot[0] in PRESENTATION_SHOTS:
            take(app, catalog, shot, PROJECTOR, out / f"{shot[0]}_presentation.png",
                 presenting=True)
    for mode in ("light", "dark"):
        appearance.mode = mode
        appearance.apply()
        for shot in BAND_SHOTS:
            if not args.only or args.only in (shot[0], "bands"):
                path = out / f"{shot[0]}{'' if mode == 'light' else '_dark'}.png"
                band_shot(app, catalog, shot, path)
    appearance.mode = "light"
    appearance.apply()
    if not args.only or args.only == "sensitivity":
        # The tornado, what-ifs and comparison shots, in a fresh window at the laptop size.
        window = MainWindow(load_catalog())
        window.resize(*LAPTOP)
        window.show()
        for name, grab in sensitivity_shots(window, app):
            grab.save(str(out / f"{name}.png"))
            print(out / f"{name}.png")
        window.document.undo_stack.setClean()
        window.close()


def band_shot(app, catalog, shot, path: Path) -> None:
    """One tab once its Monte Carlo bands are drawn, its chart scrolled into view."""
    import time

    from econplan.desktop.main_window import MainWindow

    _name, tab_name, example, edit, chart_name = shot
    window = MainWindow(catalog)
    window.resize(*LAPTOP)
    window.show()
    window.open_example(scenarios_dir() / example)
    tab = getattr(window, tab_name)
    window.tabs.setCurrentWidget(tab)
    tab.recompute()
    if _name.startswith("baseline_"):
        window.comparison.pin_action.trigger()
        window.comparison.dock.hide()  # the chart is the subject: the dock has its own shot
    if edit is not None:
        window.document.set_values(edit, "Change for the shot", mergeable=False)
        tab.recompute()
    deadline = time.monotonic() + 30
    while window.session.uncertainty is None and time.monotonic() < deadline:
        app.processEvents()
        time.sleep(0.02)
    settle(app)
    chart = getattr(tab, chart_name)
    scroll = chart.parentWidget()
    while scroll is not None and not hasattr(scroll, "ensureWidgetVisible"):
        scroll = scroll.parentWidget()
    if scroll is not None:  # the chart's legend in view: under the plot, or in it at the top
        if chart.extras.key.own:
            bottom = chart.mapTo(scroll.widget(), chart.rect().bottomLeft()).y()
            scroll.verticalScrollBar().setValue(max(bottom + 8 - scroll.viewport().height(), 0))
        else:
            top = chart.mapTo(scroll.widget(), chart.rect().topLeft()).y()
            scroll.verticalScrollBar().setValue(max(top - 8, 0))
    settle(app)
    window.grab().save(str(path))
    print(path)
    window.session.wait_for_draws()
    window.document.undo_stack.setClean()
    window.close()
    window.deleteLater()
    settle(app)


def _settle(app) -> None:
    for _ in range(10):
        app.processEvents()


def sensitivity_shots(window, app):
    """The tornado drawer, the break-even what-ifs and the comparison dock."""
    window.open_example(scenarios_dir() / "llama31_405b_reference.json")
    tab = window.training_tab
    window.tabs.setCurrentWidget(tab)
    tab.sensitivity.toggle.setChecked(True)
    _settle(app)
    yield "training_tornado", window.grab()
    tab.sensitivity.toggle.setChecked(False)
    window.resize(1920, 1080)  # wide enough for the comparison to dock beside the tabs
    window.comparison.pin_action.trigger()
    window.document.set_values({"training.beyond_compute.data_curation.multiplier.high": 6.0},
                               "Narrow the data-curation range", mergeable=False)
    _settle(app)
    window.comparison.refresh()
    yield "compare_baseline", window.grab()
    window.comparison.unpin()
    window.resize(*LAPTOP)
    window.document.undo_stack.setClean()  # a shot, not work to save
    window.open_example(scenarios_dir() / "breakeven_midsize_bank.json")
    tab = window.breakeven_tab
    window.tabs.setCurrentWidget(tab)
    tab.sensitivity.toggle.setChecked(True)
    tab.whatif_panel.toggles["api_half"].setChecked(True)
    tab.whatif_panel.failure_cost.setValue(2.0)
    tab.whatif_panel.solve_button.click()
    _settle(app)
    yield "breakeven_whatifs", window.grab()
    tab.sensitivity.toggle.setChecked(False)


if __name__ == "__main__":
    main()
