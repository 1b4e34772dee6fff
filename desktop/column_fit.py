"""Columns fitted to their texts from widths measured once per text.

A header that resizes its sections to their contents measures every cell of those
columns whenever any cell changes: ~9 ms a tick for the largest routing portfolio's role
table (215 rows), where a head-count edit changes seven cells. A table whose columns fit
themselves here measures each distinct text once, with the same delegate and options Qt's
own fitting uses, and sizes a column from the widths it already knows. The widths are
Qt's (``tests/desktop/test_column_fit.py`` compares them with a header that fits itself).
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtWidgets import QHeaderView, QStyleOptionViewItem, QTableView


class ColumnFit:
    """Fits the columns of ``table`` its header resizes to their contents, in their place.

    Those columns become fixed (as fitted ones are: the user cannot drag them) and
    ``fit`` sizes them; the last column, if it stretches, stays as it is.
    """

    def __init__(self, table: QTableView):
        self.table = table
        header = table.horizontalHeader()
        last = header.count() - 1 if header.stretchLastSection() else -1
        self.columns = tuple(c for c in range(header.count()) if c != last and
                             header.sectionResizeMode(c) == QHeaderView.ResizeMode.ResizeToContents)
        for column in self.columns:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        self._widths: dict[tuple[str, bool], int] = {}  # (text, bold) → the delegate's width

    def forget(self) -> None:
        """Measure again: the font or the style changed."""
        self._widths.clear()

    def fit(self, rows: Sequence[Sequence[str]], bold_rows: frozenset[int]) -> None:
        """Size the fitted columns for ``rows``, which the table's cells show now."""
        table = self.table
        table.ensurePolished()
        header = table.horizontalHeader()
        option = QStyleOptionViewItem()
        table.initViewItemOption(option)
        delegate = table.itemDelegate()
        model = table.model()
        widths = self._widths
        grid = 1 if table.showGrid() else 0  # as QTableView::sizeHintForColumn adds
        for column in self.columns:
            widest = 0
            for r, row in enumerate(rows):
                if column >= len(row):
                    continue
                key = (row[column], r in bold_rows)
                width = widths.get(key)
                if width is None:
                    width = widths[key] = delegate.sizeHint(option,
                                                            model.index(r, column)).width()
                widest = max(widest, width)
            size = min(max(widest + grid, header.sectionSizeHint(column),
                           header.minimumSectionSize()), header.maximumSectionSize())
            if header.sectionSize(column) != size:
                header.resizeSection(column, size)
