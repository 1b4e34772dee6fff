"""Table plumbing every tab shares: fill a result table in place, and the editable list table.

A ``QTableWidget`` whose header resizes to its contents re-measures columns as cells
change, so a naive refill costs rows × columns measurements per tick (quadratic in the
rows). Here a fill touches only cells whose text or format changed, holds resizing and
repaints while it does, and lets the header measure once afterwards.
"""

from __future__ import annotations

from collections.abc import Callable, Collection, Iterable, Iterator, Mapping, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from typing import Any

from econplan.desktop import theme
from econplan.desktop.column_fit import FitsOwnColumns
from econplan.desktop.covered_updates import DeferWhileCovered
from econplan.desktop.document import ScenarioDocument
from econplan.desktop.row_table import RowTable
from pydantic import BaseModel, ValidationError
from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractItemView,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QPushButton,
    QTableWidget,
    QTableWidgetItem,
    QVBoxLayout,
    QWidget,
)

RIGHT = Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter
_FIT = QHeaderView.ResizeMode.ResizeToContents


@contextmanager
def suspended_resizing(table: QTableWidget) -> Iterator[None]:
    """No column measuring while cells change; one resize when done.

    Updates stay on: the cells' own repaints are merged into one region until the event
    loop runs, while turning updates off and on repaints the whole table, its header and
    scroll bars included, on every tick.
    """
    header = table.horizontalHeader()
    fitted = [i for i in range(header.count()) if header.sectionResizeMode(i) == _FIT]
    for index in fitted:
        header.setSectionResizeMode(index, QHeaderView.ResizeMode.Interactive)
    try:
        yield
    finally:
        # Restoring the mode schedules a single (delayed) measurement of these columns.
        for index in fitted:
            header.setSectionResizeMode(index, _FIT)


BATCHED_CELLS = 100


@contextmanager
def _cell_signals_held(table: QTableWidget, held: bool) -> Iterator[None]:
    """The model's per-cell change signals held while cells change, then one repaint.

    Only for text, font and tip changes of existing items (no rows or items added):
    nothing else listens to a result table's model but its view and header, and a
    table that fits its own columns needs neither told of each cell."""
    if not held:
        yield
        return
    model = table.model()
    model.blockSignals(True)
    try:
        yield
    finally:
        model.blockSignals(False)
        table.viewport().update()


def _set_bold(item: QTableWidgetItem, bold: bool) -> None:
    font = item.font()
    if font.bold() != bold:
        font.setBold(bold)
        item.setFont(font)


# (row, column, text, tooltip or None, write the text, write the bold flag); None: ask Qt.
_Cell = tuple[int, int, str, "str | None", "bool | None", "bool | None"]


def _cells_read_from_qt(table: QTableWidget, rows: Sequence[Sequence[str]],
                        bold_rows: Collection[int],
                        tooltips: Mapping[tuple[int, int], str]) -> list[_Cell]:
    """The cells that differ from what the table's items hold (an editable table)."""
    work: list[_Cell] = []
    count = table.rowCount()
    for r, values in enumerate(rows):
        for c, text in enumerate(values):
            item = table.item(r, c) if r < count else None
            tip = tooltips.get((r, c))
            if (item is None or item.text() != text or item.font().bold() != (r in bold_rows)
                    or (tip is not None and item.toolTip() != tip)):
                work.append((r, c, text, tip, None, None))
    return work


def _cells_changed_since(shown: tuple, rows: tuple[tuple[str, ...], ...],
                         bold_rows: frozenset[int], tooltips: Mapping[tuple[int, int], str],
                         row_count: int) -> list[_Cell]:
    """The cells that differ from what ``fill_table`` last showed, compared in Python.

    Only for a read-only table, which nothing but ``fill_table`` writes: its items hold
    what it last showed, in the rows the table still has (it may have been emptied).
    """
    old_rows, old_bold, old_tips = shown
    old_tips = dict(old_tips)
    known = min(row_count, len(old_rows))
    retipped = {r for (r, c), tip in tooltips.items() if old_tips.get((r, c)) != tip}
    work: list[_Cell] = []
    for r, values in enumerate(rows):
        bold = r in bold_rows
        if r >= known:
            work.extend((r, c, text, tooltips.get((r, c)), True, bold)
                        for c, text in enumerate(values))
            continue
        old = old_rows[r]
        rebold = bold != (r in old_bold)
        if old == values and not rebold and r not in retipped:
            continue
        for c, text in enumerate(values):
            tip = tooltips.get((r, c))
            new_cell = c >= len(old)
            rewrite = new_cell or old[c] != text
            if rewrite or rebold or (tip is not None and old_tips.get((r, c)) != tip):
                work.append((r, c, text, tip, rewrite, rebold or (new_cell and bold)))
    return work


def fill_table(table: QTableWidget | RowTable, rows: Sequence[Sequence[str]], *,
               numeric_columns: Collection[int] = (), bold_rows: Collection[int] = (),
               tooltips: Mapping[tuple[int, int], str] | None = None,
               locked_columns: Collection[int] = ()) -> int:
    """Show ``rows`` of text in ``table``, changing only what differs; returns cells written.

    Numeric columns are right-aligned; ``tooltips`` maps (row, column) to a cell's tip;
    ``locked_columns`` are not editable (for tables the user can type into).
    """
    if isinstance(table, RowTable):
        return table.show_rows(rows, numeric_columns=numeric_columns, bold_rows=bold_rows,
                               tooltips=tooltips)
    tooltips = tooltips or {}
    # A result table (not editable) remembers what it shows: a refill is then compared
    # with that in Python, touching Qt only for the cells that changed (an unchanged
    # refill, most ticks of a drag, is one comparison). An editable table is always
    # compared with its items, since the user may have typed into them.
    texts = tuple(map(tuple, rows))
    bold = frozenset(bold_rows)
    shown = (texts, bold, tuple(sorted(tooltips.items())))
    read_only = table.editTriggers() == QAbstractItemView.EditTrigger.NoEditTriggers
    previous = getattr(table, "_econplan_shown", None) if read_only else None
    if previous == shown and table.rowCount() == len(rows):
        return 0
    if previous is not None:
        work = _cells_changed_since(previous, texts, bold, tooltips, table.rowCount())
    else:
        work = _cells_read_from_qt(table, rows, bold, tooltips)
    if not work and table.rowCount() == len(rows):
        table._econplan_shown = shown
        return 0
    fit = getattr(table, "column_fit", None)
    # A table that fits its own columns repaints its cells at once after a large rewrite
    # of rows it already has, instead of being told of each cell: the view's handling
    # of ~1,300 single-cell changes was ~4 ms of a year tick of the largest portfolio.
    batched = (fit is not None and len(work) >= BATCHED_CELLS
               and table.rowCount() == len(rows))
    with suspended_resizing(table), _cell_signals_held(table, batched):
        if table.rowCount() != len(rows):
            table.setRowCount(len(rows))
        for r, c, text, tip, rewrite, rebold in work:
            item = table.item(r, c)
            if item is None:
                item = QTableWidgetItem()
                if c in numeric_columns:
                    item.setTextAlignment(RIGHT)
                if c in locked_columns:
                    item.setFlags(item.flags() & ~Qt.ItemFlag.ItemIsEditable)
                table.setItem(r, c, item)
                rewrite, rebold = True, r in bold
            if rewrite is None:
                if item.text() != text:
                    item.setText(text)
                _set_bold(item, r in bold)
            else:
                if rewrite:
                    item.setText(text)
                if rebold:
                    _set_bold(item, r in bold)
            if tip is not None:
                item.setToolTip(tip)
    table._econplan_shown = shown
    if fit is not None:
        fit.fit(texts, bold)
    return len(work)


class ResultTable(DeferWhileCovered, FitsOwnColumns, QTableWidget):
    """A read-only table of results; on a covered page of a tab widget its fill can wait
    for the page to be opened (``defer_while_covered``), and its fitted columns can fit
    themselves from widths measured once per text (``fit_columns_itself``)."""


def fill_when_shown(table: ResultTable | RowTable, fill: Callable[[Any, Any], None],
                    result: Any) -> None:
    """``fill(table, result)`` now, or when the table's page is opened if it is covered:
    the largest routing portfolio's covered task table cost ~25 ms a tick to fill and
    measure, for nobody to see."""
    if not table.defer_while_covered(fill, result):
        fill(table, result)


class RowTexts:
    """The texts of a table row per result object, made once.

    A planner that hands back the objects of rows that did not change (the routing plan
    keeps its task, role and RM figures between plans) has a tick format only new rows;
    the rows kept are the same tuples, which ``fill_table`` compares by identity first.
    """

    def __init__(self, make: Callable[[Any], tuple[str, ...]], kept: int = 8_192):
        self._make = make
        self._kept = kept
        # id → (the object, kept alive so that its id stays its own, and its texts)
        self._rows: dict[int, tuple[Any, tuple[str, ...]]] = {}

    def __call__(self, objects: Iterable[Any]) -> list[tuple[str, ...]]:
        rows = []
        for obj in objects:
            known = self._rows.get(id(obj))
            if known is None or known[0] is not obj:
                if len(self._rows) >= self._kept:
                    self._rows.clear()
                known = self._rows[id(obj)] = (obj, self._make(obj))
            rows.append(known[1])
        return rows


def figure_table(headers: list[str], stretch: Collection[int]) -> ResultTable:
    """A result table whose figures change on every tick: the ``stretch`` columns share the
    spare width, the others fit their texts from widths measured once per text
    (``fit_columns_itself``), so the header neither re-measures every cell nor repaints
    itself and the whole table each tick; a column narrows once a drag has stopped."""
    table = read_only_table(headers)
    header = table.horizontalHeader()
    for column in range(len(headers)):
        header.setSectionResizeMode(column, QHeaderView.ResizeMode.Stretch if column in stretch
                                    else _FIT)
    table.fit_columns_itself(narrow_when_quiet=True)
    return table


def read_only_table(headers: list[str]) -> ResultTable:
    table = ResultTable(0, len(headers))
    table.setHorizontalHeaderLabels(headers)
    table.verticalHeader().hide()
    table.setEditTriggers(QTableWidget.EditTrigger.NoEditTriggers)
    return table


# -- an editable list of scenario rows ----------------------------------------------------


@dataclass
class Column:
    """One column of a ListTable: how a row field is shown and parsed back."""

    key: str
    header: str
    kind: str = "text"  # text | number | int | bool | choice | label
    scale: float = 1.0  # display = stored / scale (e.g. 0.01 shows a fraction as %)
    choices: list[tuple[str, Any]] = field(default_factory=list)
    tooltip: str = ""
    display: Callable[[dict], str] | None = None  # for read-only label columns
    editable: Callable[[dict], bool] | None = None  # per-row editability
    none_text: str = ""
    cell_tooltip: Callable[[dict], str] | None = None


class ListTable(QWidget):
    """A table bound to a list field of the scenario.

    Every edit (a cell, an added or removed row) replaces the whole list through
    ``document.set_values`` as one undo step. A cell that does not parse, or that
    the row's model refuses, is reverted with a message naming its row and column.
    A refresh rewrites only the rows whose values changed since they were shown.
    """

    def __init__(self, document: ScenarioDocument, path: str, columns: list[Column],
                 row_model: type[BaseModel], new_row: Callable[[], dict] | None = None,
                 noun: str = "row", tooltip: str = "", parent: QWidget | None = None):
        super().__init__(parent)
        self.document = document
        self.path = path
        self.columns = columns
        self.row_model = row_model
        self.new_row = new_row
        self.noun = noun
        self._updating = False
        self._shown: list[BaseModel | None] = []  # the row each table row shows

        self.table = QTableWidget(0, len(columns))
        self.table.setHorizontalHeaderLabels([c.header for c in columns])
        self.table.verticalHeader().setDefaultSectionSize(24)
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setToolTip(tooltip)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        for index, column in enumerate(columns):
            if column.tooltip:
                self.table.horizontalHeaderItem(index).setToolTip(column.tooltip)
        self.table.itemChanged.connect(self._item_changed)
        self.error_label = QLabel()
        self.error_label.setWordWrap(True)
        theme.set_role(self.error_label, "error")
        self.error_label.hide()

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.table)
        if new_row is not None:
            buttons = QHBoxLayout()
            self.add_button = QPushButton(f"Add {noun}")
            self.remove_button = QPushButton(f"Remove selected {noun}")
            self.add_button.clicked.connect(self.add_row)
            self.remove_button.clicked.connect(self.remove_selected)
            buttons.addWidget(self.add_button)
            buttons.addWidget(self.remove_button)
            buttons.addStretch(1)
            layout.addLayout(buttons)
        layout.addWidget(self.error_label)
        self.refresh()

    # -- model <-> table ------------------------------------------------------------------

    def rows(self) -> list[dict]:
        return [row.model_dump() for row in self.document.value(self.path)]

    def _text(self, column: Column, row: dict) -> str:
        if column.display is not None:
            return column.display(row)
        value = row.get(column.key)
        if value is None:
            return column.none_text
        if column.kind == "choice":
            return next((label for label, v in column.choices if v == value), str(value))
        if column.kind in ("number", "int"):
            shown = value / column.scale
            return f"{shown:,.0f}" if column.kind == "int" else f"{shown:,.4g}"
        return str(value)

    def refresh(self) -> None:
        models = list(self.document.value(self.path))
        changed = [r for r, model in enumerate(models)
                   if r >= len(self._shown) or self._shown[r] != model]
        if not changed and len(models) == self.table.rowCount():
            return
        rows = {r: models[r].model_dump() for r in changed}
        # An edit typed into a cell comes back as the text typed: nothing to write, and
        # suspending the columns' fit would have Qt measure every cell again and repaint
        # the header (~1.5M instructions of a head-count edit's 22.5M).
        if len(models) == self.table.rowCount() and all(
                self._row_shown(r, row) for r, row in rows.items()):
            self._shown = models
            return
        self._updating = True
        try:
            with suspended_resizing(self.table):
                if self.table.rowCount() != len(models):
                    self.table.setRowCount(len(models))
                for r, row in rows.items():
                    self._show_row(r, row)
        finally:
            self._updating = False
        self._shown = models
        self._fit_height(len(models))

    def _cell(self, column: Column, row: dict) -> tuple[Qt.ItemFlag, str, Qt.CheckState | None]:
        """A cell's flags, text and (in a bool column) check state for ``row``."""
        editable = column.kind != "label" and (
            column.editable is None or column.editable(row))
        flags = Qt.ItemFlag.ItemIsEnabled | Qt.ItemFlag.ItemIsSelectable
        if column.kind == "bool":
            if editable:
                flags |= Qt.ItemFlag.ItemIsUserCheckable
            return flags, "", (Qt.CheckState.Checked if row.get(column.key)
                               else Qt.CheckState.Unchecked)
        if editable:
            flags |= Qt.ItemFlag.ItemIsEditable
        return flags, self._text(column, row), None

    def _row_shown(self, r: int, row: dict) -> bool:
        """Whether the cells of row ``r`` already show ``row``."""
        for c, column in enumerate(self.columns):
            item = self.table.item(r, c)
            if item is None:
                return False
            flags, text, check = self._cell(column, row)
            if (item.flags() != flags or item.text() != text
                    or (check is not None and item.checkState() != check)
                    or (column.cell_tooltip is not None
                        and item.toolTip() != column.cell_tooltip(row))):
                return False
        return True

    def _show_row(self, r: int, row: dict) -> None:
        for c, column in enumerate(self.columns):
            item = self.table.item(r, c)
            if item is None:
                item = QTableWidgetItem()
                if column.kind in ("number", "int"):
                    item.setTextAlignment(RIGHT)
                if column.kind == "choice":
                    item.setToolTip("One of: " + ", ".join(lb for lb, _ in column.choices))
                self.table.setItem(r, c, item)
            flags, text, check = self._cell(column, row)
            if check is not None:
                item.setCheckState(check)
            # setFlags always signals a change; an unchanged cell must not re-measure.
            if item.flags() != flags:
                item.setFlags(flags)
            if item.text() != text:
                item.setText(text)
            if column.cell_tooltip is not None:
                item.setToolTip(column.cell_tooltip(row))

    def _fit_height(self, count: int) -> None:
        # Short lists show every row (the panel scrolls, not the table).
        shown = max(count, 2)
        header = self.table.horizontalHeader().height() or 24
        scroll = self.table.horizontalScrollBar().sizeHint().height()
        height = header + shown * self.table.verticalHeader().defaultSectionSize() + scroll + 6
        self.table.setFixedHeight(min(height, 460))

    def _parse(self, column: Column, text: str, item: QTableWidgetItem) -> Any:
        if column.kind == "bool":
            return item.checkState() == Qt.CheckState.Checked
        text = text.strip()
        if column.kind in ("number", "int"):
            try:
                value = float(text.replace(",", "").replace("%", "").replace("$", ""))
            except ValueError:
                raise ValueError(f"“{text}” is not a number") from None
            value *= column.scale
            if column.kind == "int":
                if value != int(value):
                    raise ValueError(f"“{text}” is not a whole number")
                return int(value)
            return value
        if column.kind == "choice":
            for label, value in column.choices:
                if text.casefold() in (label.casefold(), str(value).casefold()):
                    return value
            accepted = ", ".join(label for label, _ in column.choices)
            raise ValueError(f"“{text}” is not one of: {accepted}")
        return text

    def _problem(self, row: int, column: Column, message: str) -> None:
        self.error_label.setText(f"Row {row + 1}, column “{column.header}”: {message}. "
                                 "The cell was not changed.")
        self.error_label.show()

    def _revert(self, row: int) -> None:
        # The cell holds what was typed, not what the row holds: show the row again.
        if row < len(self._shown):
            self._shown[row] = None
        self.refresh()

    def _item_changed(self, item: QTableWidgetItem) -> None:
        if self._updating:
            return
        r, c = item.row(), item.column()
        column = self.columns[c]
        rows = self.rows()
        try:
            value = self._parse(column, item.text(), item)
        except ValueError as exc:
            self._problem(r, column, str(exc))
            self._revert(r)
            return
        rows[r][column.key] = value
        try:
            self.row_model.model_validate(rows[r])
        except ValidationError as exc:
            error = exc.errors(include_url=False)[0]
            field_name = error["loc"][0] if error["loc"] else column.key
            bad = next((col for col in self.columns if col.key == field_name), column)
            self._problem(r, bad, error["msg"])
            self._revert(r)
            return
        self.error_label.hide()
        if not self.document.set_values({self.path: rows},
                                        f"Edit {self.noun} {r + 1}: {column.header}",
                                        mergeable=False):
            self._problem(r, column, "the scenario refused this value")
            self._revert(r)

    def add_row(self) -> None:
        rows = [*self.rows(), self.new_row()]
        self.document.set_values({self.path: rows}, f"Add {self.noun}", mergeable=False)

    def remove_selected(self) -> None:
        selected = sorted({index.row() for index in self.table.selectedIndexes()})
        if not selected:
            self.error_label.setText(f"Select a {self.noun} to remove first.")
            self.error_label.show()
            return
        rows = [row for i, row in enumerate(self.rows()) if i not in selected]
        label = f"Remove {self.noun}" + ("s" if len(selected) > 1 else "")
        self.document.set_values({self.path: rows}, label, mergeable=False)

    def set_cell(self, row: int, column_key: str, text: str) -> None:
        """Type into a cell as a user would (tests, scripting)."""
        column = next(i for i, c in enumerate(self.columns) if c.key == column_key)
        self.table.item(row, column).setText(text)
