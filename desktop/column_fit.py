"""Columns fitted to their texts from widths measured once per text.

A header that resizes its sections to their contents measures every cell of those
columns whenever any cell changes: ~9 ms a tick for the largest routing portfolio's role
table (215 rows), where a head-count edit changes seven cells. A table whose columns fit
themselves here measures each distinct text once, with the same delegate and options Qt's
own fitting uses, and sizes a column from the widths it already knows. Of the texts it
has not seen it measures only those that could be wider than the widest it knows (an
upper bound from the characters' advances rules the others out), so a year tick that
brings hundreds of new figures measures a few. The widths are Qt's
(``tests/desktop/test_column_fit.py`` compares them with a header that fits itself, and
checks that no cell is wider than its column).
"""

from __future__ import annotations

import math
import time
from collections.abc import Sequence
from operator import itemgetter

from PySide6.QtCore import QEvent, QTimer
from PySide6.QtGui import QFontMetricsF
from PySide6.QtWidgets import QHeaderView, QStyleOptionViewItem, QTableView

SOFT_HYPHEN = "\N{SOFT HYPHEN}"
NARROW_AFTER_MS = 500  # longer than the pauses within a drag
RECENT_FITS = 16  # the seven price years, a few times over
# A cell's width is its text's advance, rounded, and the margins; with overhanging glyphs
# (bold, fallback fonts) it was seen up to 3 px further from the advance than for figures.
BOUND_SLACK_PX = 3.0


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
        self._bold_widths: dict[str, int] = {}  # text in a bold row → its width
        self._plain_widths: dict[str, int] = {}  # text in a row not bold → its width
        # What bounds a text's width from above without asking the delegate (``_advance``).
        self._metrics: QFontMetricsF | None = None
        self._advances: dict[str, float] = {}  # text → its advance in the font
        self._padding: float | None = None  # the widest cell width less its text's advance
        self._bounds: dict[str, float] = {}  # text not measured → its width's upper bound
        self._header_hints: dict[int, int] = {}  # column → its header's own width
        self._recent: dict[tuple, list[tuple[int, int]]] = {}  # (rows, bold) → sizes
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
        self._bold_widths.clear()
        self._plain_widths.clear()
        self._metrics, self._padding = None, None
        self._advances.clear()
        self._bounds.clear()
        self._header_hints.clear()
        self._recent.clear()

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
        for column, size in self._sizes_of(rows, bold_rows):
            current = header.sectionSize(column)
            if hold and size < current:
                held = True
            elif size != current:
                header.resizeSection(column, size)
        if held:
            self._narrowing.start()  # again: the timer counts from the latest fill
        elif self._narrowing is not None:
            self._narrowing.stop()

    def _sizes_of(self, rows: Sequence[Sequence[str]],
                  bold_rows: frozenset[int]) -> list[tuple[int, int]]:
        """``_sizes``, remembered for the rows of the latest few fits: a year drag goes
        back and forth over the same few years, whose rows are then equal tuples."""
        if not isinstance(rows, tuple):
            return self._sizes(rows, bold_rows)
        key = (rows, bold_rows)
        sizes = self._recent.pop(key, None)
        if sizes is None:
            sizes = self._sizes(rows, bold_rows)
        self._recent[key] = sizes  # the most recent last
        if len(self._recent) > RECENT_FITS:
            del self._recent[next(iter(self._recent))]
        return sizes

    def _sizes(self, rows: Sequence[Sequence[str]],
               bold_rows: frozenset[int]) -> list[tuple[int, int]]:
        """(column, width) that fits each fitted column's texts, as Qt would fit it."""
        table = self.table
        table.ensurePolished()
        header = table.horizontalHeader()
        grid = 1 if table.showGrid() else 0  # as QTableView::sizeHintForColumn adds
        measure = _Measurer(table)
        plain = [r for r in range(len(rows)) if r not in bold_rows] if bold_rows else None
        plain_rows = rows if plain is None else [rows[r] for r in plain]
        short = min(map(len, plain_rows), default=0)
        sizes = []
        for column in self.columns:
            if column < short:
                texts = set(map(itemgetter(column), plain_rows))
            else:
                texts = {row[column] for row in plain_rows if column < len(row)}
            widest = self._widest(texts, column, rows, plain, measure)
            for r in bold_rows:
                if r < len(rows) and column < len(rows[r]):
                    text = rows[r][column]
                    width = self._bold_widths.get(text)
                    if width is None:
                        width = self._bold_widths[text] = measure(r, column)
                    widest = max(widest, width)
            hint = self._header_hints.get(column)
            if hint is None:  # the header measures its label afresh each time it is asked
                hint = self._header_hints[column] = header.sectionSizeHint(column)
            sizes.append((column, min(max(widest + grid, hint, header.minimumSectionSize()),
                                      header.maximumSectionSize())))
        return sizes

    def _widest(self, texts: set[str], column: int, rows: Sequence[Sequence[str]],
                plain: list[int] | None, measure: _Measurer) -> int:
        """The widest of ``texts`` (in rows not bold), measuring only the texts that could
        be wider than the widest one measured: a year shown for the first time brings
        ~1,300 new figures to the largest role table, at ~15 µs a measurement. A text is
        bounded from above by its advance with the widest margins measured so far and a
        few pixels of slack; one bounded no wider than the widest measured text is not
        measured (its bound is kept for the fits to come)."""
        measured, bounds = self._plain_widths, self._bounds
        widest = max(map(measured.__getitem__, texts & measured.keys()), default=0)
        unmeasured = texts - measured.keys()
        if not unmeasured:
            return widest
        where: dict[str, int] = {}

        def measure_text(text: str) -> int:
            if not where:
                at = range(len(rows)) if plain is None else plain
                where.update((rows[r][column], r) for r in at if column < len(rows[r]))
            width = measured[text] = measure(where[text], column)
            bounds.pop(text, None)
            padding = width - self._advance(text)
            if self._padding is None or padding > self._padding:
                self._padding = padding
            return max(widest, width)

        unseen = unmeasured - bounds.keys()
        if unseen:
            if self._padding is None:  # the first text measured tells the cell's margins
                first = max(unseen, key=len)
                widest = measure_text(first)
                unmeasured.discard(first)
                unseen.discard(first)
            margin = self._padding + BOUND_SLACK_PX
            bounds.update((text, self._advance(text) + margin) for text in unseen)
        if not unmeasured or max(map(bounds.__getitem__, unmeasured)) <= widest:
            return widest
        for text in sorted(unmeasured, key=bounds.__getitem__, reverse=True):
            if bounds[text] <= widest:
                break
            widest = measure_text(text)
        return widest

    def _advance(self, text: str) -> float:
        """``text``'s advance in the table's font (in a row not bold): the same shaping
        of the same text the delegate lays out, a third of the cost of asking it. The
        delegate's width is that advance, rounded, and the cell's margins."""
        advance = self._advances.get(text)
        if advance is None:
            if self._metrics is None:
                self._metrics = QFontMetricsF(self.table.font())
            # A soft hyphen advances nothing, except at the end of a line, where the
            # delegate draws it as a hyphen: counted as one, the bound stays a bound.
            advance = self._advances[text] = self._metrics.horizontalAdvance(
                text.replace(SOFT_HYPHEN, "-"))
        return advance


class _Measurer:
    """Qt's width of a cell's text: the table's delegate, with the options Qt's own fitting
    uses, asked for the cell at (row, column)."""

    def __init__(self, table: QTableView):
        self._option = QStyleOptionViewItem()
        table.initViewItemOption(self._option)
        self._delegate = table.itemDelegate()
        self._model = table.model()

    def __call__(self, row: int, column: int) -> int:
        return self._delegate.sizeHint(self._option, self._model.index(row, column)).width()


class FitsOwnColumns:
    """Mixin for a QTableView (put it before the Qt base) whose columns the header fits to
    their contents: ``fit_columns_itself`` has ``fill_table`` fit them instead, measuring
    only texts it has not seen; for tables of hundreds of rows."""

    column_fit: ColumnFit | None = None

    def fit_columns_itself(self, narrow_when_quiet: bool = False) -> None:
        """With ``narrow_when_quiet`` a column narrows only once the fills stop."""
        self.column_fit = ColumnFit(self, narrow_when_quiet)  # type: ignore[arg-type]

    def changeEvent(self, event: QEvent) -> None:
        super().changeEvent(event)  # type: ignore[misc]
        if self.column_fit is not None and event.type() in (QEvent.Type.FontChange,
                                                            QEvent.Type.StyleChange):
            self.column_fit.forget()
            self.column_fit.refit()
