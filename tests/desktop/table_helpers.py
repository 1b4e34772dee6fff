"""What a table shows, read through its model: the same for an item table (QTableWidget)
and a model table (``row_table.RowTable``), so tests compare either kind with the other."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QAbstractItemView


def shown(table: QAbstractItemView) -> tuple[list[list[str]], set[int], dict]:
    """(the rows' texts, the bold rows, the tooltips by (row, column)) of ``table``."""
    model = table.model()
    texts, bold, tips = [], set(), {}
    for r in range(model.rowCount()):
        row = []
        for c in range(model.columnCount()):
            index = model.index(r, c)
            row.append(index.data(Qt.ItemDataRole.DisplayRole) or "")
            font = index.data(Qt.ItemDataRole.FontRole)
            if font is not None and font.bold():
                bold.add(r)
            tip = index.data(Qt.ItemDataRole.ToolTipRole)
            if tip:
                tips[(r, c)] = tip
        texts.append(row)
    return texts, bold, tips


def row_count(table: QAbstractItemView) -> int:
    return table.model().rowCount()


def cell_text(table: QAbstractItemView, row: int, column: int) -> str:
    return table.model().index(row, column).data() or ""
