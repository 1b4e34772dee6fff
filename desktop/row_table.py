"""A read-only table of text rows shown through a model: result tables of hundreds of rows.

A ``QTableWidget`` keeps an item per cell, and a year tick of the largest routing
portfolio rewrote ~1,300 of them, one Python call each (~10 ms of a 30 ms tick). Here the
model holds the rows as the tuples the tab formatted; a fill compares them with the rows
shown (by identity first: ``RowTexts`` hands back the same tuple for an unchanged row),
signals ``dataChanged`` over just the changed cells (``_changes``), and the view asks
``data`` only for the cells it paints. ``fill_table`` fills these tables as it fills item
tables.
"""

from __future__ import annotations

from collections.abc import Collection, Mapping, Sequence
from itertools import chain
from operator import ne
from typing import Any

from econplan.desktop.column_fit import FitsOwnColumns
from econplan.desktop.covered_updates import DeferWhileCovered
from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QObject,
    QPersistentModelIndex,
    Qt,
)
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QAbstractItemView, QHeaderView, QTableView, QWidget

# Roles and alignments as plain ints: the view asks ``data`` for seven roles of every cell
# it paints, and an enum returned or compared costs twice a plain int's round trip.
_RIGHT = (Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter).value
_LEFT = (Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter).value
_DISPLAY = Qt.ItemDataRole.DisplayRole.value
_FONT = Qt.ItemDataRole.FontRole.value
_ALIGNMENT = Qt.ItemDataRole.TextAlignmentRole.value
_TIP = Qt.ItemDataRole.ToolTipRole.value
_FLAGS = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
_Index = QModelIndex | QPersistentModelIndex


def _bold() -> QFont:
    # Only the weight is set: the delegate resolves it over the view's own font, so a bold
    # row follows the table's font (zoom, presentation) as its other rows do.
    font = QFont()
    font.setBold(True)
    return font


class RowModel(QAbstractTableModel):
    """Rows of texts; bold rows, right-aligned (numeric) columns and per-cell tooltips."""

    def __init__(self, headers: Sequence[str], parent: QObject | None = None):
        super().__init__(parent)
        self.headers = list(headers)
        self.rows: tuple[tuple[str, ...], ...] = ()
        self.bold_rows: frozenset[int] = frozenset()
        self.numeric_columns: frozenset[int] = frozenset()
        self.tooltips: dict[tuple[int, int], str] = {}
        self._bold_font = _bold()

    # -- what the view asks -----------------------------------------------------------------

    def rowCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008 (Qt's default)
        return 0 if parent.isValid() else len(self.rows)

    def columnCount(self, parent: _Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self.headers)

    def data(self, index: _Index, role: int = _DISPLAY) -> Any:
        # Asked for every role of every painted cell: the common answers come first.
        if role == _DISPLAY:
            row = self.rows[index.row()]
            c = index.column()
            return row[c] if c < len(row) else ""
        if role == _FONT:
            return self._bold_font if index.row() in self.bold_rows else None
        if role == _ALIGNMENT:
            return _RIGHT if index.column() in self.numeric_columns else _LEFT
        if role == _TIP:
            return self.tooltips.get((index.row(), index.column())) if self.tooltips else None
        return None

    def headerData(self, section: int, orientation: Qt.Orientation,
                   role: int = _DISPLAY) -> Any:
        # Only the column titles: the vertical header is hidden, and the header asks for
        # every role of every section it paints.
        if (role == _DISPLAY and orientation == Qt.Orientation.Horizontal
                and section < len(self.headers)):
            return self.headers[section]
        return None

    def flags(self, index: _Index) -> Qt.ItemFlag:
        return _FLAGS if index.isValid() else Qt.ItemFlag.NoItemFlags

    # -- filling ----------------------------------------------------------------------------

    def show(self, rows: tuple[tuple[str, ...], ...], bold_rows: frozenset[int],
             tooltips: Mapping[tuple[int, int], str],
             numeric_columns: frozenset[int]) -> int:
        """Show ``rows``; returns the cells whose text, weight or tip changed (rows added or
        removed count all their cells). The view is told of rows inserted or removed at
        the end, and of the changed cells of the rows kept by one ``dataChanged`` a run of
        adjacent changed rows, or one over all of them if many rows changed
        (``_changes``)."""
        tooltips = dict(tooltips)
        old_rows, old_bold, old_tips = self.rows, self.bold_rows, self.tooltips
        kept = min(len(rows), len(old_rows))
        changed, ranges = _changes(
            old_rows, rows, kept, old_bold ^ bold_rows,
            {k for k in old_tips.keys() | tooltips.keys()
             if k[0] < kept and old_tips.get(k) != tooltips.get(k)})
        realigned = numeric_columns != self.numeric_columns and kept > 0
        if len(rows) < len(old_rows):
            self.beginRemoveRows(QModelIndex(), len(rows), len(old_rows) - 1)
            self.rows = rows
            self.endRemoveRows()
            changed += sum(map(len, old_rows[len(rows):]))
        self.rows, self.bold_rows, self.tooltips = rows, bold_rows, tooltips
        self.numeric_columns = numeric_columns
        if len(rows) > len(old_rows):
            self.beginInsertRows(QModelIndex(), len(old_rows), len(rows) - 1)
            self.endInsertRows()
            changed += sum(map(len, rows[len(old_rows):]))
        if realigned:
            ranges = [(0, 0, kept - 1, len(self.headers) - 1)]
        for top, left, bottom, right in ranges:
            self.dataChanged.emit(self.index(top, left), self.index(bottom, right))
        return changed


# Up to this many changed rows are signalled a run of adjacent rows each; more, as one
# range. A head-count edit changes a role and the total row below it: their bounding range
# repainted every row between them (asking the model for each cell), a run each the two.
ROWS_SIGNALLED_APART = 16

_Range = tuple[int, int, int, int]  # top, left, bottom, right


def _changes(old: Sequence[tuple[str, ...]], new: Sequence[tuple[str, ...]], kept: int,
             rebold: Collection[int], retipped: Collection[tuple[int, int]]
             ) -> tuple[int, list[_Range]]:
    """(cells changed, the ranges that hold them) among the first ``kept`` rows: a range
    per run of adjacent changed rows (over their changed columns) if few rows changed,
    else their bounding range."""
    rows = [r for r in range(kept) if old[r] is not new[r] and old[r] != new[r]]
    spans: dict[int, tuple[int, int]] = {}  # row → (left, right), rows signalled apart

    def widen(r: int, left: int, right: int) -> None:
        known = spans.get(r)
        spans[r] = (left, right) if known is None else (min(known[0], left),
                                                         max(known[1], right))

    changed = 0
    if len(rows) <= ROWS_SIGNALLED_APART:
        for r in rows:
            differs = list(map(ne, old[r], new[r]))
            differs.extend([True] * abs(len(old[r]) - len(new[r])))
            changed += differs.count(True)
            widen(r, differs.index(True), len(differs) - 1 - differs[::-1].index(True))
        bounding = None
    else:
        # Compared column by column (a year tick changes ~1,300 cells of the largest role
        # table): a column changed if any of its cells did.
        before, after = [old[r] for r in rows], [new[r] for r in rows]
        width = len(after[0])
        if all(len(row) == width for row in before) and all(len(row) == width for row in after):
            changed = sum(map(ne, chain.from_iterable(before), chain.from_iterable(after)))
            columns = [c for c, (a, b) in enumerate(zip(zip(*before, strict=True),
                                                        zip(*after, strict=True),
                                                        strict=True)) if a != b]
        else:
            changed = sum(max(len(a), len(b)) for a, b in zip(before, after, strict=True))
            columns = [0, max(map(len, before + after)) - 1]
        bounding = [rows[0], columns[0], rows[-1], columns[-1]]
    for r in rebold:
        if r < kept:
            changed += len(new[r])
            widen(r, 0, max(len(new[r]) - 1, 0))
    for r, c in retipped:
        changed += 1
        widen(r, c, c)
    if bounding is None:
        if len(spans) <= ROWS_SIGNALLED_APART:
            return changed, _runs(spans)
        bounding = [kept, 1 << 30, -1, -1]
    for r, (left, right) in spans.items():
        bounding = [min(bounding[0], r), min(bounding[1], left), max(bounding[2], r),
                    max(bounding[3], right)]
    return changed, [(bounding[0], bounding[1], bounding[2], bounding[3])]


def _runs(spans: dict[int, tuple[int, int]]) -> list[_Range]:
    """A range per run of adjacent rows, over the columns that changed in any of them."""
    ranges: list[list[int]] = []
    for r, (left, right) in sorted(spans.items()):
        if ranges and ranges[-1][2] == r - 1:
            run = ranges[-1]
            run[1], run[2], run[3] = min(run[1], left), r, max(run[3], right)
        else:
            ranges.append([r, left, r, right])
    return [(top, left, bottom, right) for top, left, bottom, right in ranges]


class TitlesHeader(QHeaderView):
    """A column header that shows titles only: the cells' ``dataChanged`` does not reach it
    unless one of its sections sizes itself to the cells. An item view repaints its whole
    viewport for a change of more than one cell, and the header is a view of the table's
    model: a head-count edit (its role's row and the total row) repainted the header and
    asked the model for every title (default-scenario ticks: head-count cell 20.0M → 18.7M
    instructions, price year 27.6M → 26.3M)."""

    def __init__(self, parent: QWidget):
        super().__init__(Qt.Orientation.Horizontal, parent)
        # As QTableView sets up the header it makes itself.
        self.setSectionsClickable(True)
        self.setHighlightSections(True)

    def dataChanged(self, top_left: QModelIndex, bottom_right: QModelIndex,
                    roles: Sequence[int] = ()) -> None:
        stretched = self.count() - 1 if self.stretchLastSection() else -1
        if any(self.sectionResizeMode(c) == QHeaderView.ResizeMode.ResizeToContents
               for c in range(top_left.column(), bottom_right.column() + 1)
               if c != stretched):  # the stretched last section is sized by the width
            super().dataChanged(top_left, bottom_right, roles)


class RowTable(DeferWhileCovered, FitsOwnColumns, QTableView):
    """A read-only table over a ``RowModel``; filled through ``tables.fill_table``."""

    def __init__(self, headers: Sequence[str], parent: QWidget | None = None):
        super().__init__(parent)
        self.setHorizontalHeader(TitlesHeader(self))
        self.setModel(RowModel(headers, self))
        self.verticalHeader().hide()
        self.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)

    def model(self) -> RowModel:
        return super().model()  # type: ignore[return-value]

    def show_rows(self, rows: Sequence[Sequence[str]], *, numeric_columns: Collection[int] = (),
                  bold_rows: Collection[int] = (),
                  tooltips: Mapping[tuple[int, int], str] | None = None) -> int:
        """Show ``rows``; returns the cells changed. An equal fill returns at once."""
        texts = rows if isinstance(rows, tuple) else tuple(rows)
        if not all(type(row) is tuple for row in texts):
            texts = tuple(map(tuple, texts))
        bold, numeric = frozenset(bold_rows), frozenset(numeric_columns)
        model = self.model()
        tips = tooltips or {}
        if (texts == model.rows and bold == model.bold_rows and tips == model.tooltips
                and numeric == model.numeric_columns):
            return 0
        changed = model.show(texts, bold, tips, numeric)
        if self.column_fit is not None:
            self.column_fit.fit(texts, bold)
        return changed
