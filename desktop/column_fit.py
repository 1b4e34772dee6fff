"""Columns fitted to their texts from widths measured once per text.

A header that resizes its sections to their contents measures every cell of those
columns whenever any cell changes: ~9 ms a tick for the largest routing portfolio's role
table (215 rows), where a head-count edit changes seven cells. A table whose columns fit
themselves here measures each distinct text once, with the same delegate and options Qt's
own fitting uses, and sizes a column from the widths it already knows. The widths are
Qt's (``tests/desktop/test_column_fit.py`` compares them with a header that fits itself).
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QHeaderView, QStyleOptionViewItem, QTableView

NARROW_AFTER_MS = 500  # longer than the pauses within a drag


class ColumnFit:
    """Fits the columns of ``table`` its header resizes to their contents, in their place.

    Those columns become fixed (as fitted ones are: the user cannot drag them) and
    ``fit`` sizes them; the last column, if it stretches, stays as it is.
    """

    def __init__(self, table: QTableView, narrow_when_quiet: bool = False):
        self.table = table
        header = table.horizontalHeader()
        last = header.count() - 1 if header.stretchLastSection() else -1
        self.columns = tuple(c for c in range(header.count()) if c != last and
                             header.sectionResizeMode(c) == QHeaderView.ResizeMode.ResizeToContents)
        for column in self.columns:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Fixed)
        self._widths: dict[tuple[str, bool], int] = {}  # (text, bold) → the delegate's width
        # A column that would narrow waits until the fills stop: during a drag a figure's
        # width goes up and down by a digit, and each new width re-laid the columns out and
        # repainted the whole table (the slowest ticks of a Training-tab drag).
        self._narrowing: QTimer | None = None
        self._filled_at = -math.inf  # time.monotonic() of the latest fit
        # The rows and bold rows of the latest fit (``refit`` fits them again); none yet.
        self._fitted: tuple[Sequence[Sequence[str]], frozenset[int]] = ((), frozenset())
        if narrow_when_quiet:
            self._narrowing = QTimer(table)
            self._narrowing.setSingleShot(True)
            self._narrowing.setInterval(NARROW_AFTER_MS)
            self._narrowing.timeout.connect(self.refit)

    def narrowing(self) -> bool:
        """Whether a column waits to narrow until the fills stop."""
        return self._narrowing is not None and self._narrowing.isActive()

    def forget(self) -> None:
        """Measure again: the font or the style changed."""
        self._widths.clear()

    def refit(self) -> None:
        """Fit the texts of the latest ``fit`` exactly (narrowing too), if the table still
        has their rows."""
        if self.table.model().rowCount() == len(self._fitted[0]):
            self.fit(*self._fitted, exactly=True)

    def fit(self, rows: Sequence[Sequence[str]], bold_rows: frozenset[int],
            exactly: bool = False) -> None:
        """Size the fitted columns for ``rows``, which the table's cells show now: at once
        where a column widens, once the fills have stopped where one narrows (if the fit
        narrows when quiet), unless ``exactly``."""
        header = self.table.horizontalHeader()
        # Only a fill that follows another closely (a drag) holds a narrowing back: one
        # after a pause (an example opened, a typed value) fits exactly at once.
        now = time.monotonic()
        hold = (self._narrowing is not None and not exactly
                and now - self._filled_at < NARROW_AFTER_MS / 1000)
        self._filled_at = now
        self._fitted = (rows, bold_rows)
        held = False
        for column, size in self._sizes(rows, bold_rows):
            current = header.sectionSize(column)
            if hold and size < current:
                held = True
            elif size != current:
                header.resizeSection(column, size)
        if held:
            self._narrowing.start()  # again: the timer counts from the latest fill
        elif self._narrowing is not None:
            self._narrowing.stop()

    def _sizes(self, rows: Sequence[Sequence[str]],
               bold_rows: frozenset[int]) -> list[tuple[int, int]]:
        """(column, width) that fits each fitted column's texts, as Qt would fit it."""
        table = self.table
        table.ensurePolished()
        header = table.horizontalHeader()
        option = QStyleOptionViewItem()
        table.initViewItemOption(option)
        delegate = table.itemDelegate()
        model = table.model()
        widths = self._widths
        grid = 1 if table.showGrid() else 0  # as QTableView::sizeHintForColumn adds
        sizes = []
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
            sizes.append((column, min(max(widest + grid, header.sectionSizeHint(column),
                                          header.minimumSectionSize()),
                                      header.maximumSectionSize())))
        return sizes
