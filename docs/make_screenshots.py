"""Regenerate docs/screenshots/*.png offscreen: python3 docs/make_screenshots.py"""

from __future__ import annotations

import os
import sys
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from core.catalog import load_catalog  # noqa: E402
from core.paths import scenarios_dir  # noqa: E402
from desktop.app import create_application  # noqa: E402

SIZE = (1480, 920)


def main() -> None:
    app = create_application([])
    from desktop.main_window import MainWindow

    window = MainWindow(load_catalog())
    window.resize(*SIZE)
    window.show()
    out = ROOT / "docs" / "screenshots"
    out.mkdir(parents=True, exist_ok=True)
    shots = [
        ("training_tab", 0, "pretrain_32b_seed_table.json", None),
        ("training_tab_finetune", 0, "task_management_assistant.json", None),
        ("catalog_tab", 1, None, "gpus"),
    ]
    for name, index, example, table in shots:
        if example:
            window.open_example(scenarios_dir() / example)
        if table:
            window.catalog_tab.select_table(table)
        window.tabs.setCurrentIndex(index)
        window.training_tab.recompute()
        for _ in range(5):
            app.processEvents()
        window.grab().save(str(out / f"{name}.png"))
        print(out / f"{name}.png")
    window.document.undo_stack.setClean()
    window.close()


if __name__ == "__main__":
    main()
