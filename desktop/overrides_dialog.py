"""Your prices: the overrides in the user file, each with its source and date; reset them."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from econplan.core.price_overrides import (
    PriceOverrides,
    figures_text,
    load_overrides,
    overrides_path,
    save_overrides,
)
from econplan.desktop import theme
from econplan.desktop.price_import_dialog import price_table, show_rows
from PySide6.QtCore import Signal
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QLabel,
    QMessageBox,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

Confirm = Callable[[QWidget, str], bool]
COLUMNS = ("Kind", "Id", "Name", "Figures", "As of", "Source")
KIND_LABELS = {"api": "API price", "gpu": "GPU price", "rate": "Hourly rate"}


def confirm_with_message_box(parent: QWidget, question: str) -> bool:
    answer = QMessageBox.question(parent, "Reset prices", question)
    return answer == QMessageBox.StandardButton.Yes


def _name(item) -> str:
    return getattr(item, "model", None) or getattr(item, "name", None) or ""


class OverridesDialog(QDialog):
    """Lists the user's overrides; Reset removes the selected one, Reset all every one."""

    changed = Signal(object)  # the PriceOverrides now in the user file

    def __init__(self, parent: QWidget | None = None, overrides_file: Path | None = None,
                 confirm: Confirm = confirm_with_message_box):
        super().__init__(parent)
        self.setWindowTitle("Your prices")
        self.overrides_file = overrides_file
        self.confirm = confirm
        self.overrides = PriceOverrides()
        self.where = QLabel(f"Kept in {overrides_file or overrides_path()}; the bundled "
                            "catalog is never changed.")
        self.where.setWordWrap(True)
        self.table = price_table(COLUMNS)
        self.table.itemSelectionChanged.connect(self._update_buttons)
        self.problem_label = QLabel()
        theme.set_role(self.problem_label, "error")
        self.problem_label.setWordWrap(True)
        self.reset_button = QPushButton("Reset")
        self.reset_button.setToolTip("Use the catalog's price again for the selected row")
        self.reset_button.clicked.connect(self.reset_selected)
        self.reset_all_button = QPushButton("Reset all")
        self.reset_all_button.clicked.connect(self.reset_all)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.addButton(self.reset_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.addButton(self.reset_all_button, QDialogButtonBox.ButtonRole.ActionRole)
        buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addWidget(self.where)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.problem_label)
        layout.addWidget(buttons)
        self.resize(860, 420)
        self.reload()

    def reload(self) -> None:
        loaded = load_overrides(self.overrides_file)
        self.overrides = loaded.overrides
        self.problem = loaded.problem
        self.problem_label.setText(loaded.problem or "")
        show_rows(self.table, [[KIND_LABELS[item.kind], item.key, _name(item),
                                 figures_text(item), item.as_of, item.source]
                                for item in self.overrides.overrides])
        self._update_buttons()

    def _update_buttons(self) -> None:
        self.reset_button.setEnabled(bool(self.table.selectionModel().selectedRows()))
        # A broken file can only be fixed by starting afresh.
        self.reset_all_button.setEnabled(bool(self.overrides.overrides) or bool(self.problem))

    def _save(self, overrides: PriceOverrides) -> None:
        try:
            save_overrides(overrides, self.overrides_file)
        except OSError as exc:
            self.problem_label.setText(f"Could not save your prices: {exc.strerror or exc}")
            return
        self.reload()
        self.changed.emit(self.overrides)

    def reset_selected(self) -> None:
        rows = sorted({index.row() for index in self.table.selectionModel().selectedRows()})
        items = [self.overrides.overrides[row] for row in rows]
        overrides = self.overrides
        for item in items:
            overrides = overrides.without(item.kind, item.key)
        if items:
            self._save(overrides)

    def reset_all(self) -> None:
        if self.confirm(self, "Remove every price of your own and use the catalog's again?"):
            self._save(PriceOverrides())
