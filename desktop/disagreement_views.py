"""Where sources disagree, shown where the figure is picked or browsed.

``with_disagreements`` adds every source's figure to a picker item's tooltip;
``DisagreementNote`` is a small line under a picker saying that sources disagree about
the chosen row, with each source (by document title) and which one the plan uses;
``CatalogDisagreementLine`` does the same for the row selected in the catalog browser.
The sentences come from ``core.disagreement_text``.
"""

from __future__ import annotations

from econplan.core.catalog import Catalog
from econplan.core.disagreement_text import disagreement_note, disagreement_summary
from PySide6.QtCore import QModelIndex
from PySide6.QtWidgets import QLabel, QWidget

# Own background and text colour: readable on light and dark palettes alike.
NOTE_TEXT_STYLE = ("background: #fff8e6; color: #6b4200; border: 1px solid #ecd9a8;"
                   " border-radius: 4px; padding: 4px;")


def with_disagreements(catalog: Catalog, table: str, key: str, tooltip: str,
                       used_table: str | None = None) -> str:
    """``tooltip`` plus every source's figure when the sources disagree about the row.

    ``used_table`` names the table whose row of the same key the plan takes the figure
    from (the training memory check reads GPU memory from the datasheet table)."""
    note = disagreement_note(catalog, table, key, (used_table or table, key))
    return f"{tooltip}\n\n{note}" if note else tooltip


class DisagreementNote(QLabel):
    """'Sources disagree' under a picker, for its current catalog row (hidden otherwise)."""

    def __init__(self, catalog: Catalog, table: str, used_table: str | None = None,
                 parent: QWidget | None = None):
        super().__init__(parent)
        self.catalog = catalog
        self.table = table
        self.used_table = used_table or table
        self._key: str | None = None
        self.setWordWrap(True)
        self.setStyleSheet(NOTE_TEXT_STYLE)
        self.hide()

    def show_for(self, key: str) -> None:
        if key == self._key:
            return
        self._key = key
        used = (self.used_table, key)
        summary = disagreement_summary(self.catalog, self.table, key, used) if key else ""
        # Figures and documents on screen; the full citations (sections, dates) on hover.
        self.setText(f"⚠ {summary}" if summary else "")
        self.setToolTip(disagreement_note(self.catalog, self.table, key, used) if key else "")
        self.setVisible(bool(summary))


class CatalogDisagreementLine(QLabel):
    """Under the catalog grid: other sources' figures for the selected row, if any."""

    def __init__(self, catalog: Catalog, parent: QWidget | None = None):
        super().__init__(parent)
        self.catalog = catalog
        self.setWordWrap(True)
        self.setStyleSheet(NOTE_TEXT_STYLE)
        self.hide()

    def show_row(self, table: str, row: dict | None) -> None:
        note = ""
        if row is not None:
            key_column = next(iter(row))  # every catalog table starts with its key
            note = disagreement_note(self.catalog, table, str(row[key_column]))
        self.setText(note)
        self.setVisible(bool(note))

    def clear(self, *_args: object) -> None:
        self.show_row("", None)


def current_row(model, index: QModelIndex) -> dict | None:
    """The catalog row under ``index`` of the browser's table model, or None."""
    if not index.isValid():
        return None
    return model.frame().row(index.row(), named=True)
