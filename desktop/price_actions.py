"""File → Import prices… and File → Your prices…: the user's own prices in the running window.

The window plans on the bundled catalog with the user's overrides laid over it. After an
import or a reset the overrides file has changed, so the window lays the file over the
bundled catalog again and every planner and picker uses the new figures at once.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtGui import QAction
from PySide6.QtWidgets import QMenu

if TYPE_CHECKING:
    from econplan.desktop.main_window import MainWindow


class PriceActions:
    def __init__(self, window: MainWindow):
        self.window = window
        self.import_action = QAction("&Import prices…", window)
        self.import_action.setStatusTip(
            "Compare a LiteLLM price file you downloaded with the catalog and use its prices")
        self.import_action.triggered.connect(self.import_prices)
        self.manage_action = QAction("Your &prices…", window)
        self.manage_action.setStatusTip("The prices of your own that replace the catalog's")
        self.manage_action.triggered.connect(self.manage_prices)

    def install(self, menu: QMenu) -> None:
        menu.addAction(self.import_action)
        menu.addAction(self.manage_action)

    def import_prices(self) -> None:
        # Imported on use: the dialogs are not needed to show the first window.
        from econplan.desktop.price_import_dialog import PriceImportDialog

        dialog = PriceImportDialog(self.window.bundled_catalog, self.window)
        dialog.applied.connect(lambda _overrides: self.window.reload_user_prices())
        dialog.open()
        self.dialog = dialog  # kept for tests and so it is not collected while open

    def manage_prices(self) -> None:
        from econplan.desktop.overrides_dialog import OverridesDialog

        dialog = OverridesDialog(self.window)
        dialog.changed.connect(lambda _overrides: self.window.reload_user_prices())
        dialog.open()
        self.dialog = dialog
