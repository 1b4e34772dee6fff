"""Application start-up: Qt application, settings, fonts, catalog, main window."""

from __future__ import annotations

import sys
import time
from functools import cache
from pathlib import Path

import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QSettings
from PySide6.QtGui import QFont, QFontDatabase
from PySide6.QtWidgets import QApplication, QMessageBox

from core.catalog import CatalogError, load_catalog
from core.paths import resources_dir

ORGANISATION = "EconPlan"
APPLICATION = "EconPlan"
UI_FONT_FAMILY = "DejaVu Sans"


def configure_application_identity() -> None:
    QCoreApplication.setOrganizationName(ORGANISATION)
    QCoreApplication.setOrganizationDomain("econplan.local")
    QCoreApplication.setApplicationName(APPLICATION)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)


@cache
def register_bundled_fonts() -> list[str]:
    """Register the bundled TTFs once: with no system fonts Qt silently draws boxes."""
    families: list[str] = []
    for path in sorted((resources_dir() / "fonts").glob("*.ttf")):
        font_id = QFontDatabase.addApplicationFont(str(path))
        if font_id >= 0:
            families += QFontDatabase.applicationFontFamilies(font_id)
    return families


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance() or QApplication(argv if argv is not None else sys.argv)
    configure_application_identity()
    if UI_FONT_FAMILY in register_bundled_fonts():
        app.setFont(QFont(UI_FONT_FAMILY, 10))
    pg.setConfigOptions(antialias=True, background="w", foreground="k")
    return app


def run_app(scenario_path: str | None = None) -> int:
    started = time.perf_counter()
    app = create_application()
    try:
        catalog = load_catalog()
    except CatalogError as exc:
        QMessageBox.critical(None, "EconPlan cannot start",
                             f"The bundled catalog could not be read:\n{exc}")
        return 1
    from desktop.main_window import MainWindow

    window = MainWindow(catalog)
    if scenario_path:
        window.open_path(Path(scenario_path))
    window.show()
    window.statusBar().showMessage(
        f"Ready in {time.perf_counter() - started:.2f} s", 5000)
    return app.exec()
