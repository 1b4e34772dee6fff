"""Regenerate docs/screenshots/*.png offscreen: python3 docs/make_screenshots.py"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from econplan.core.catalog import load_catalog  # noqa: E402
from econplan.core.paths import scenarios_dir  # noqa: E402
from econplan.desktop.app import create_application  # noqa: E402

SIZE = (1480, 920)


def main() -> None:
    app = create_application([])
    from econplan.desktop.main_window import MainWindow

    window = MainWindow(load_catalog())
    window.resize(*SIZE)
    window.show()
    out = ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    # (file name, the window's tab attribute, example to open, catalog table to select)
    shots = [
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
    for name, tab_name, example, table in shots:
        if example:
            window.open_example(scenarios_dir() / example)
        if table:
            window.catalog_tab.select_table(table)
        tab = getattr(window, tab_name)
        window.tabs.setCurrentWidget(tab)
        if hasattr(tab, "recompute"):  # the 30 ms recompute timer may not have fired yet
            tab.recompute()
        for _ in range(5):
            app.processEvents()
        window.grab().save(str(out / f"{name}.png"))
        print(out / f"{name}.png")
    window.document.undo_stack.setClean()
    window.close()


if __name__ == "__main__":
    main()
