"""Application start-up: Qt application, settings, fonts, catalog, main window."""

from __future__ import annotations

import sys
import time
from pathlib import Path

import pyqtgraph as pg
from econplan.core.catalog import CatalogError, load_catalog
from econplan.desktop import heap
from econplan.desktop.fonts import UI_FONT_FAMILY, register_bundled_fonts
from econplan.desktop.icons import app_icon
from PySide6.QtCore import QCoreApplication, QSettings, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QMainWindow, QMessageBox

ORGANISATION = "EconPlan"
APPLICATION = "EconPlan"


def configure_application_identity() -> None:
    QCoreApplication.setOrganizationName(ORGANISATION)
    QCoreApplication.setOrganizationDomain("econplan.local")
    QCoreApplication.setApplicationName(APPLICATION)
    QSettings.setDefaultFormat(QSettings.Format.IniFormat)


def create_application(argv: list[str] | None = None) -> QApplication:
    app = QApplication.instance()
    if app is None:
        app = QApplication(argv if argv is not None else sys.argv)
        heap.freeze_imports()  # the libraries, out of the cycle collector's walks
    configure_application_identity()
    if UI_FONT_FAMILY in register_bundled_fonts():
        app.setFont(QFont(UI_FONT_FAMILY, 10))
    pg.setConfigOptions(antialias=True, background="w", foreground="k")
    app.setWindowIcon(app_icon())
    return app


def show_catalog_notice(window: QMainWindow, notice: str) -> QMessageBox:
    """Say once, without blocking start-up, that the catalog file could not be used."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Catalog file not used",
                      "EconPlan works normally with a catalog rebuilt from its sources.",
                      QMessageBox.StandardButton.Ok, window)
    box.setInformativeText(notice)
    box.setObjectName("catalogNoticeBox")
    box.open()
    return box


def show_price_notice(window: QMainWindow, notes: list[str]) -> QMessageBox:
    """Say once, without blocking start-up, which of the user's own prices are not used."""
    box = QMessageBox(QMessageBox.Icon.Warning, "Some of your prices are not used",
                      "EconPlan plans with the catalog's figures where yours cannot be used. "
                      "File → Your prices… lists and resets them.",
                      QMessageBox.StandardButton.Ok, window)
    box.setInformativeText("\n".join(notes))
    box.setObjectName("priceNoticeBox")
    box.open()
    return box


def start_window(scenario_path: str | None = None) -> QMainWindow | None:
    """The shown main window with the catalog, the file to open and any crash recovery;
    None when no catalog can be had at all (the user has been told)."""
    started = time.perf_counter()
    heap.enable()  # before the application is created: it freezes the libraries
    create_application()
    try:
        catalog = load_catalog()
    except CatalogError as exc:
        QMessageBox.critical(None, "EconPlan cannot start",
                             f"The bundled catalog could not be read:\n{exc}")
        return None
    from econplan.core.price_overrides import with_user_overrides
    from econplan.desktop.main_window import MainWindow

    planning_catalog, price_notes = with_user_overrides(catalog)
    window = MainWindow(planning_catalog, bundled_catalog=catalog)
    if scenario_path:
        window.open_path(Path(scenario_path))
    window.show()
    # After the first paint: what the window holds now lives as long as the window.
    QTimer.singleShot(0, heap.freeze_long_lived)
    window.offer_recovery()
    if catalog.notice:
        window.catalog_notice_box = show_catalog_notice(window, catalog.notice)
    if price_notes:
        window.price_notice_box = show_price_notice(window, price_notes)
    window.statusBar().showMessage(
        f"Ready in {time.perf_counter() - started:.2f} s", 5000)
    return window


def run_app(scenario_path: str | None = None) -> int:
    window = start_window(scenario_path)
    if window is None:
        return 1
    return QApplication.instance().exec()
