"""File → Import prices…: read a LiteLLM price file, show what would change, apply or cancel.

Nothing is written until Apply; a broken file, or a broken overrides file that
applying would overwrite, leaves Apply disabled with the reason shown.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from pathlib import Path

from econplan.core.catalog import Catalog
from econplan.core.litellm_import import (
    PriceFileError,
    PriceImport,
    RejectedEntry,
    import_prices,
    merged_overrides,
)
from econplan.core.price_overrides import apply_overrides, load_overrides, save_overrides
from econplan.desktop import theme
from econplan.desktop.tables import fill_table, read_only_table
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QFileDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QTableWidget,
    QTabWidget,
    QVBoxLayout,
    QWidget,
)

FileChooser = Callable[[QWidget], str]
DIFF_COLUMNS = ("Status", "Model", "Price id", "File entry", "Per million tokens (in/out)")
STATUS_ORDER = ("changed", "new", "unchanged")


def choose_price_file(parent: QWidget) -> str:
    path, _ = QFileDialog.getOpenFileName(parent, "Import prices from a LiteLLM price file", "",
                                          "JSON (*.json);;All files (*)")
    return path


def show_rows(table: QTableWidget, rows: list[list[str]]) -> None:
    """Every cell's full text is its tooltip: long price changes are cut at the window's
    edge. The columns are measured once, after the fill."""
    fill_table(table, rows, tooltips={(r, c): text for r, row in enumerate(rows)
                                      for c, text in enumerate(row)})
    table.resizeColumnsToContents()


def price_table(columns: tuple[str, ...]) -> QTableWidget:
    table = read_only_table(list(columns))
    table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
    table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
    table.horizontalHeader().setStretchLastSection(True)
    return table


class PriceImportDialog(QDialog):
    """Shows the diff of a price file against the catalog (with the user's overrides)."""

    applied = Signal(object)  # the PriceOverrides now in the user file

    def __init__(self, catalog: Catalog, parent: QWidget | None = None,
                 choose_file: FileChooser = choose_price_file,
                 overrides_file: Path | None = None, today: dt.date | None = None):
        super().__init__(parent)
        self.setWindowTitle("Import prices")
        self.catalog = catalog
        self.choose_file = choose_file
        self.overrides_file = overrides_file
        self.today = today
        self.price_import: PriceImport | None = None
        self.loaded = load_overrides(overrides_file)

        self.path_edit = QLineEdit()
        self.path_edit.setReadOnly(True)
        self.path_edit.setPlaceholderText("A model_prices_and_context_window.json you downloaded")
        browse = QPushButton("Choose file…")
        browse.clicked.connect(self.browse)
        path_row = QHBoxLayout()
        path_row.addWidget(self.path_edit, 1)
        path_row.addWidget(browse)

        self.summary = QLabel("Choose a LiteLLM price file. The app stays offline: download "
                              "the file yourself.")
        self.summary.setWordWrap(True)
        self.diff_table = price_table(DIFF_COLUMNS)
        self.invalid_list = QListWidget()
        self.skipped_list = QListWidget()
        self.tabs = QTabWidget()
        self.tabs.addTab(self.diff_table, "Prices")
        self.tabs.addTab(self.invalid_list, "Invalid")
        self.tabs.addTab(self.skipped_list, "Skipped")
        self.include_new = QCheckBox("Add models the catalog does not have")
        self.include_new.setChecked(True)
        self.include_new.toggled.connect(self._update_apply)
        self.error_label = QLabel()
        theme.set_role(self.error_label, "error")
        self.error_label.setWordWrap(True)
        self.buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Apply
                                        | QDialogButtonBox.StandardButton.Cancel)
        self.apply_button = self.buttons.button(QDialogButtonBox.StandardButton.Apply)
        self.apply_button.clicked.connect(self.apply)
        self.buttons.rejected.connect(self.reject)

        layout = QVBoxLayout(self)
        layout.addLayout(path_row)
        layout.addWidget(self.summary)
        layout.addWidget(self.tabs, 1)
        layout.addWidget(self.include_new)
        layout.addWidget(self.error_label)
        layout.addWidget(self.buttons)
        self.resize(900, 560)
        if self.loaded.problem:
            self.error_label.setText(self.loaded.problem + " Reset all overrides to import.")
        self._update_apply()

    def browse(self) -> None:
        path = self.choose_file(self)
        if path:
            self.load_file(Path(path))

    def load_file(self, path: Path) -> None:
        self.path_edit.setText(str(path))
        self.price_import = None
        try:
            effective = apply_overrides(self.catalog, self.loaded.overrides)
            self.price_import = import_prices(path, effective, self.today)
        except PriceFileError as exc:
            self.error_label.setText(f"{exc}. Nothing will be written.")
            self.summary.setText("")
            show_rows(self.diff_table, [])
            self.invalid_list.clear()
            self.skipped_list.clear()
        else:
            self.error_label.setText(self.loaded.problem or "")
            self._show(self.price_import)
        self._update_apply()

    def _show(self, result: PriceImport) -> None:
        counts = {status: len(result.of_status(status)) for status in STATUS_ORDER}
        self.summary.setText(
            f"{counts['changed']} changed, {counts['new']} new, {counts['unchanged']} unchanged; "
            f"{len(result.file.invalid)} invalid, "
            f"{len(result.file.skipped) + len(result.duplicates)} skipped. "
            f"Applied prices are dated {result.file.imported_on.isoformat()}.")
        rows = [[diff.status, diff.model, diff.price_id, diff.price.name, diff.describe()]
                for status in STATUS_ORDER for diff in result.of_status(status)]
        show_rows(self.diff_table, rows)
        _fill_list(self.invalid_list, result.file.invalid)
        _fill_list(self.skipped_list, result.file.skipped + result.duplicates)
        self.tabs.setTabText(1, f"Invalid ({len(result.file.invalid)})")
        self.tabs.setTabText(2, f"Skipped ({self.skipped_list.count()})")
        self.include_new.setText(f"Add models the catalog does not have ({counts['new']})")

    def pending(self) -> int:
        """How many prices Apply would write."""
        if self.price_import is None:
            return 0
        return len(self.price_import.overrides(self.include_new.isChecked()))

    def _update_apply(self) -> None:
        count = self.pending()
        self.apply_button.setEnabled(count > 0 and not self.loaded.problem)
        self.apply_button.setText(f"Apply {count} prices" if count else "Apply")

    def apply(self) -> None:
        if self.price_import is None or not self.apply_button.isEnabled():
            return
        overrides = merged_overrides(self.loaded.overrides, self.price_import,
                                     self.include_new.isChecked())
        try:
            save_overrides(overrides, self.overrides_file)
        except OSError as exc:
            self.error_label.setText(f"Could not save your prices: {exc.strerror or exc}")
            return
        self.applied.emit(overrides)
        self.accept()


def _fill_list(widget: QListWidget, entries: list[RejectedEntry]) -> None:
    widget.clear()
    widget.addItems([f"{entry.name}: {entry.reason}" for entry in entries])
