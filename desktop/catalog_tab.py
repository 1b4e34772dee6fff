"""Read-only browser of every catalog table.

The left pane lists the tables; the right pane shows the chosen table's
description above a sortable, filterable grid. The grid's model keeps the
polars frame and formats cells only when Qt asks for them, so large tables
cost nothing until they are scrolled into view. Sorting and filtering run on
the polars frame, never on display strings, so ``10`` sorts after ``9``.
"""

from __future__ import annotations

import enum
import math
from collections.abc import Callable
from datetime import date, datetime

import polars as pl
from econplan.core.catalog import Catalog
from econplan.core.provenance import UNDATED, readable, source_index
from econplan.core.source_documents import readable_sources
from econplan.desktop.disagreement_views import CatalogDisagreementLine, current_row
from PySide6.QtCore import QAbstractTableModel, QModelIndex, QPersistentModelIndex, Qt
from PySide6.QtGui import QAction, QFont, QKeySequence
from PySide6.QtWidgets import (
    QAbstractItemView,
    QApplication,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QSplitter,
    QStyledItemDelegate,
    QStyleOptionViewItem,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

EMPTY_CELL = "—"
RAW_VALUE_ROLE = Qt.ItemDataRole.UserRole
ROOT = QModelIndex()  # the invisible root of a flat table model
SOURCE_COLUMNS = ("source", "as_of")
RANGE_SUFFIXES = ("_low", "_high")

# Below this magnitude numbers read fine with thousands separators; above it
# (parameter and token counts, FLOPs) the digits stop being countable.
SCIENTIFIC_ABOVE = 1e9
# Tiny non-zero values would otherwise round to "0".
SCIENTIFIC_BELOW = 1e-4
# Four-digit values (years, GPU counts) are left without a separator.
SEPARATOR_FROM = 1e4

UNIT_SUFFIX_HELP = {
    "_usd": "_usd: US dollars",
    "_share": "_share: fraction shown as %",
    "_frac": "_frac: fraction shown as %",
}
RANGE_SUFFIX_HELP = {
    "_low": "_low: lower end of a range (the source gives a range, not one number)",
    "_high": "_high: upper end of a range (the source gives a range, not one number)",
}
COLUMN_HELP = {
    "source": "Where the figure comes from: the document's title and where in it",
    "as_of": "When the figure was published or measured",
}

# Caps keep a wide text column from pushing source/as_of off-screen.
MAX_COLUMN_WIDTH = 320
SOURCE_COLUMN_MIN_WIDTH = 220
SOURCE_COLUMN_MAX_WIDTH = 380
COLUMN_PADDING = 12


class ColumnKind(enum.Enum):
    MONEY = "money"
    FRACTION = "fraction"
    NUMBER = "number"
    TEXT = "text"


def _split_range(column: str) -> tuple[str, str | None]:
    """Split off a range marker wherever it sits: both cost_usd_low and
    cost_low_usd give ("cost_usd", "_low"), so the unit suffix is still found."""
    parts = column.split("_")
    for position in range(len(parts) - 1, 0, -1):
        marker = f"_{parts[position]}"
        if marker in RANGE_SUFFIXES:
            return "_".join(parts[:position] + parts[position + 1 :]), marker
    return column, None


def column_kind(column: str, dtype: pl.DataType) -> ColumnKind:
    """How a column's cells are shown, from its dtype and unit suffix."""
    if not dtype.is_numeric():
        return ColumnKind.TEXT
    stem, _ = _split_range(column)
    if stem.endswith("_usd"):
        return ColumnKind.MONEY
    if stem.endswith(("_share", "_frac")):
        return ColumnKind.FRACTION
    return ColumnKind.NUMBER


def column_tooltip(column: str, dtype: pl.DataType) -> str:
    """Header tooltip: the name, what its unit suffix means and how it is shown."""
    lines = [f"{column}  ({dtype})"]
    if column in COLUMN_HELP:
        lines.append(COLUMN_HELP[column])
    stem, range_marker = _split_range(column)
    lines += [help_ for suffix, help_ in UNIT_SUFFIX_HELP.items() if stem.endswith(suffix)]
    if range_marker is not None:
        lines.append(RANGE_SUFFIX_HELP[range_marker])
    if column_kind(column, dtype) is ColumnKind.NUMBER:
        lines.append("plain number; 1e9 and above shown as 3.6e13 (= 3.6 × 10¹³)")
    return "\n".join(lines)


def _trim_zeros(text: str) -> str:
    return text.rstrip("0").rstrip(".") if "." in text else text


def _scientific(value: float) -> str:
    """Four significant digits, no "+" or leading zeros in the exponent: "3.6e13"."""
    mantissa, exponent = f"{value:.3e}".split("e")
    return f"{_trim_zeros(mantissa)}e{int(exponent)}"


def format_number(value: float) -> str:
    """Readable plain number.

    Rule: magnitudes of 1e9 and above (and non-zero ones below 1e-4) use compact
    scientific notation with up to four significant digits, e.g. 3.6e13 -> "3.6e13";
    from 10,000 up to 1e9 thousands separators, e.g. 30840000 -> "30,840,000";
    below 10,000 no separator, so years stay "2024". Up to six significant digits
    are kept and trailing zeros dropped (989.0 -> "989", 0.35 -> "0.35").
    """
    if isinstance(value, float) and not math.isfinite(value):
        return "NaN" if math.isnan(value) else ("∞" if value > 0 else "-∞")
    magnitude = abs(value)
    if magnitude >= SCIENTIFIC_ABOVE or (0 < magnitude < SCIENTIFIC_BELOW):
        return _scientific(float(value))
    separator = "," if magnitude >= SEPARATOR_FROM else ""
    if isinstance(value, int):
        return f"{value:{separator}d}"
    decimals = 0 if magnitude == 0 else max(0, min(6, 5 - math.floor(math.log10(magnitude))))
    return _trim_zeros(f"{value:{separator}.{decimals}f}")


def format_money(value: float) -> str:
    """US dollars: whole dollars with separators from $100, cents below, and
    four significant digits below $1 so per-token prices do not show as $0.00."""
    if isinstance(value, float) and not math.isfinite(value):
        return format_number(value)
    sign = "-" if value < 0 else ""
    magnitude = abs(value)
    if magnitude >= 100 or magnitude == 0:
        text = f"{magnitude:,.0f}"
    elif magnitude >= 1:
        text = f"{magnitude:,.2f}"
    else:
        text = f"{magnitude:.4g}" if magnitude >= SCIENTIFIC_BELOW else _scientific(magnitude)
    return f"{sign}${text}"


def format_fraction(value: float) -> str:
    """A fraction in [0, 1] as a percent with up to two decimals: 0.805 -> "80.5%"."""
    if isinstance(value, float) and not math.isfinite(value):
        return format_number(value)
    return f"{_trim_zeros(f'{value * 100:,.2f}')}%"


def format_cell(kind: ColumnKind, value: object) -> str:
    """Display text for one cell; None becomes an em dash."""
    if value is None:
        return EMPTY_CELL
    if isinstance(value, bool) or not isinstance(value, int | float):
        if isinstance(value, date | datetime):
            return value.isoformat()
        return str(value)
    if kind is ColumnKind.MONEY:
        return format_money(value)
    if kind is ColumnKind.FRACTION:
        return format_fraction(value)
    return format_number(value)


def row_filter_expr(frame: pl.DataFrame, text: str) -> pl.Expr:
    """Rows where any cell's value, as text, contains ``text`` (case-insensitive).

    It matches the stored value (60000000.0), not the display text ($60,000,000):
    the frame is never formatted as a whole, so filtering stays cheap.
    """
    needle = text.lower()
    matches = [
        pl.col(name).cast(pl.String).str.to_lowercase().str.contains(needle, literal=True)
        for name, dtype in frame.schema.items()
        if not dtype.is_nested()
    ]
    if not matches:
        return pl.lit(False)
    return pl.any_horizontal(matches).fill_null(False)


def sort_frame(frame: pl.DataFrame, column: str, descending: bool) -> pl.DataFrame:
    """Sort by the column's values (numbers numerically, text case-insensitively),
    nulls last whatever the direction so empty cells never crowd the top."""
    key = pl.col(column)
    if frame.schema[column] == pl.String:
        key = key.str.to_lowercase()
    return frame.sort(key, descending=descending, nulls_last=True, maintain_order=True)


class PolarsTableModel(QAbstractTableModel):
    """Read-only model over a polars frame; cells are formatted lazily in data().

    Holds the table as loaded, the same rows in the current sort order, and the
    visible (filtered) rows; sort and filter both rebuild the visible rows from
    those, so either can change without undoing the other.
    """

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._loaded = pl.DataFrame()
        self._sorted = self._loaded
        self._visible = self._loaded
        self._visible_columns: list[pl.Series] = []
        self._kinds: list[ColumnKind] = []
        self._filter_text = ""

    # -- public API --------------------------------------------------------

    def set_frame(self, frame: pl.DataFrame) -> None:
        """Show a new table; keeps the current row filter text."""
        self.beginResetModel()
        self._loaded = frame
        self._sorted = frame
        self._kinds = [column_kind(name, dtype) for name, dtype in frame.schema.items()]
        self._visible = self._filtered(frame)
        self._visible_columns = self._visible.get_columns()
        self.endResetModel()

    def set_filter(self, text: str) -> None:
        self._filter_text = text.strip()
        self._replace_rows(self._filtered(self._sorted))

    def frame(self) -> pl.DataFrame:
        """The rows currently shown, in display order."""
        return self._visible

    def total_rows(self) -> int:
        return self._loaded.height

    def column_names(self) -> list[str]:
        return self._loaded.columns

    def cell_text(self, row: int, column: int) -> str:
        return format_cell(self._kinds[column], self._visible_columns[column][row])

    # -- Qt model interface ------------------------------------------------

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else self._visible.height

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = ROOT) -> int:
        return 0 if parent.isValid() else self._visible.width

    def data(
        self,
        index: QModelIndex | QPersistentModelIndex,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> object:
        if not index.isValid():
            return None
        row, column = index.row(), index.column()
        if role == Qt.ItemDataRole.DisplayRole:
            return self.cell_text(row, column)
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment(column)
        if role == Qt.ItemDataRole.ToolTipRole:
            # Full text for elided cells, the stored value for rounded numbers.
            value = self._visible_columns[column][row]
            return None if value is None else str(value)
        if role == RAW_VALUE_ROLE:
            return self._visible_columns[column][row]
        return None

    def headerData(
        self,
        section: int,
        orientation: Qt.Orientation,
        role: int = Qt.ItemDataRole.DisplayRole,
    ) -> object:
        if orientation != Qt.Orientation.Horizontal or section >= self._visible.width:
            return super().headerData(section, orientation, role)
        name = self._visible.columns[section]
        if role == Qt.ItemDataRole.DisplayRole:
            return name
        if role == Qt.ItemDataRole.ToolTipRole:
            return column_tooltip(name, self._visible.schema[name])
        if role == Qt.ItemDataRole.TextAlignmentRole:
            return self._alignment(section)
        return None

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        # A negative column is Qt's "no sort": back to the catalog's own order.
        if column < 0 or column >= self._loaded.width:
            self._sorted = self._loaded
        else:
            descending = order == Qt.SortOrder.DescendingOrder
            self._sorted = sort_frame(self._loaded, self._loaded.columns[column], descending)
        self._replace_rows(self._filtered(self._sorted))

    # -- internals ---------------------------------------------------------

    def _alignment(self, column: int) -> Qt.AlignmentFlag:
        if self._kinds[column] is ColumnKind.TEXT:
            return Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter
        return Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter

    def _filtered(self, frame: pl.DataFrame) -> pl.DataFrame:
        if not self._filter_text or frame.width == 0:
            return frame
        return frame.filter(row_filter_expr(frame, self._filter_text))

    def _replace_rows(self, rows: pl.DataFrame) -> None:
        # Remove-then-insert rather than a model reset: a reset would make the
        # header forget the column widths on every filter keystroke.
        if self._visible.height:
            self.beginRemoveRows(QModelIndex(), 0, self._visible.height - 1)
            self._visible = self._visible.clear()
            self._visible_columns = self._visible.get_columns()
            self.endRemoveRows()
        if rows.height:
            self.beginInsertRows(QModelIndex(), 0, rows.height - 1)
        self._visible = rows
        self._visible_columns = rows.get_columns()
        if rows.height:
            self.endInsertRows()


def selection_as_tsv(view: QTableView) -> str | None:
    """Selected cells as tab-separated display text, spanning the selection's
    bounding box; unselected cells inside it and nulls are left empty so a
    spreadsheet reads them as blanks, not as dashes. None when nothing is selected."""
    model = view.model()
    indexes = view.selectionModel().selectedIndexes()
    if not indexes:
        return None
    selected = {(index.row(), index.column()) for index in indexes}
    rows = range(min(r for r, _ in selected), max(r for r, _ in selected) + 1)
    columns = range(min(c for _, c in selected), max(c for _, c in selected) + 1)
    lines = []
    for row in rows:
        cells = []
        for column in columns:
            index = model.index(row, column)
            empty = (row, column) not in selected or index.data(RAW_VALUE_ROLE) is None
            cells.append("" if empty else str(index.data(Qt.ItemDataRole.DisplayRole)))
        lines.append("\t".join(cells))
    return "\n".join(lines)


class SourceElidingDelegate(QStyledItemDelegate):
    """Elides the source column in the middle, other columns at the right.

    Citations differ at both ends (document name first, section last), while a
    description such as "GPT-style decoder 1.3B, AdamW" must keep its start.
    """

    def initStyleOption(self, option: QStyleOptionViewItem, index: QModelIndex) -> None:
        super().initStyleOption(option, index)
        model = index.model()
        name = model.headerData(index.column(), Qt.Orientation.Horizontal)
        if name == "source":
            option.textElideMode = Qt.TextElideMode.ElideMiddle


class ProvenanceLine(QLabel):
    """Full source and as_of of the current row, below the grid.

    Wide tables push the source column past the right edge; this keeps every
    figure's provenance readable without scrolling sideways.
    """

    PROMPT = "Select a cell to see its row's full source."

    def __init__(self, model: PolarsTableModel, parent: QWidget | None = None) -> None:
        super().__init__(self.PROMPT, parent)
        self._model = model
        self.setWordWrap(True)
        self.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        model.modelReset.connect(self.clear_row)
        model.rowsRemoved.connect(self.clear_row)

    def clear_row(self, *_args: object) -> None:
        self.setText(self.PROMPT if "source" in self._model.column_names() else "")

    def show_row(self, current: QModelIndex, _previous: QModelIndex | None = None) -> None:
        names = self._model.column_names()
        if not current.isValid() or "source" not in names:
            self.clear_row()
            return
        row = self._model.frame().row(current.row(), named=True)
        # Seed documents by title: a user never reads their file names.
        source = readable_sources(row["source"]) if row["source"] is not None else EMPTY_CELL
        as_of = row.get("as_of")
        dated = ""
        if "as_of" in row:
            when = format_cell(ColumnKind.TEXT, as_of)
            dated = f"  ·  {when}" if as_of == UNDATED else f"  ·  as of {when}"
        self.setText(f"Source: {source}{dated}")


def readable_frame(catalog: Catalog, frame: pl.DataFrame) -> pl.DataFrame:
    """The table as a reader sees it: sources by document title and place, never by file
    name; a row with no date says "undated"."""
    if "matches" in frame.columns:
        # The keys rows are matched by (file names among them) are machinery, not reading.
        frame = frame.drop("matches")
    # Notes and other texts name documents by title too ("seed 000 gives …" is the
    # catalog's shorthand); ids stay as stored, they are what a row is found by.
    texts = [name for name, dtype in frame.schema.items()
             if dtype == pl.String and name != "source" and not name.endswith("_id")]
    frame = frame.with_columns(pl.col(texts).map_elements(readable, return_dtype=pl.String))
    if "source" not in frame.columns:
        return frame
    index = source_index(catalog)

    def cited(text: str | None) -> str | None:
        if text is None:
            return None
        where = index.locator(text)
        title = index.title(text)
        return f"{title}, {where}" if where and index.resolve(text) else title

    columns = [pl.col("source").map_elements(cited, return_dtype=pl.String)]
    if "as_of" in frame.columns:
        columns.append(pl.when(pl.col("as_of") == "n.d.").then(pl.lit(UNDATED))
                       .otherwise(pl.col("as_of")).alias("as_of"))
    return frame.with_columns(columns)


class TableListPanel(QWidget):
    """The list of catalog tables with its own name filter."""

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.name_filter = QLineEdit(placeholderText="Filter tables…", clearButtonEnabled=True)
        self.table_list = QListWidget()
        self.table_list.setUniformItemSizes(True)
        self.name_filter.setAccessibleName("Filter catalog tables by name")
        self.table_list.setAccessibleName("Catalog tables")
        for name in catalog.table_names():
            item = QListWidgetItem(readable(catalog.title(name)))
            item.setData(Qt.ItemDataRole.UserRole, name)
            rows = catalog.table(name).height
            item.setToolTip(f"{name}\n{rows:,} row{'s' if rows != 1 else ''}")
            self.table_list.addItem(item)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.name_filter)
        layout.addWidget(self.table_list)
        self.name_filter.textChanged.connect(self._apply_name_filter)

    def item_for(self, name: str) -> QListWidgetItem | None:
        for row in range(self.table_list.count()):
            item = self.table_list.item(row)
            if item.data(Qt.ItemDataRole.UserRole) == name:
                return item
        return None

    def visible_titles(self) -> list[str]:
        return [
            self.table_list.item(row).text()
            for row in range(self.table_list.count())
            if not self.table_list.item(row).isHidden()
        ]

    def _apply_name_filter(self, text: str) -> None:
        needle = text.strip().lower()
        for row in range(self.table_list.count()):
            item = self.table_list.item(row)
            haystack = f"{item.text()} {item.data(Qt.ItemDataRole.UserRole)}".lower()
            item.setHidden(needle not in haystack)


class TableHeader(QWidget):
    """Title, a one-line summary and the catalog's description of the table."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.title = QLabel()
        title_font = QFont(self.title.font())
        title_font.setPointSizeF(title_font.pointSizeF() * 1.3)
        title_font.setBold(True)
        self.title.setFont(title_font)
        self.summary = QLabel()
        self.description = QLabel()
        self.description.setWordWrap(True)
        self.description.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)

        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.setSpacing(2)
        layout.addWidget(self.title)
        layout.addWidget(self.summary)
        layout.addWidget(self.description)

    def show_table(self, catalog: Catalog, name: str) -> None:
        frame = catalog.table(name)
        self.title.setText(readable(catalog.title(name)))
        self.summary.setText(f"table {name} · {frame.height:,} rows × {frame.width} columns")
        self.description.setText(readable(catalog.describe(name))
                                 or "No description in the catalog index.")


class CatalogBrowserTab(QWidget):
    """Read-only browser of every catalog table (see the module docstring)."""

    def __init__(self, catalog: Catalog, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._catalog = catalog
        self._current = ""
        self.table_model = PolarsTableModel(self)

        self.tables = TableListPanel(catalog)
        self.header = TableHeader()
        self.row_filter = QLineEdit(placeholderText="Filter rows…", clearButtonEnabled=True)
        self.row_filter.setAccessibleName("Filter the table's rows")
        self.row_count_label = QLabel()
        self.table_view = self._build_table_view()
        self.provenance = ProvenanceLine(self.table_model)
        self.disagreement = CatalogDisagreementLine(catalog)
        self.copy_action = self._build_action("Copy", QKeySequence.StandardKey.Copy, self.copy)
        self.find_action = self._build_action(
            "Filter rows", QKeySequence.StandardKey.Find, self.focus_row_filter
        )
        self.table_view.addAction(self.copy_action)
        self.table_view.setContextMenuPolicy(Qt.ContextMenuPolicy.ActionsContextMenu)
        self._lay_out()

        self.tables.table_list.currentItemChanged.connect(self._on_table_chosen)
        self.row_filter.textChanged.connect(self.set_row_filter)
        self.table_model.rowsInserted.connect(self._update_row_count)
        self.table_model.rowsRemoved.connect(self._update_row_count)
        self.table_model.modelReset.connect(self._update_row_count)
        self.table_view.selectionModel().currentChanged.connect(self.provenance.show_row)
        self.table_view.selectionModel().currentChanged.connect(self._show_disagreement)
        self.table_model.modelReset.connect(self.disagreement.clear)

        names = catalog.table_names()
        if names:
            self.select_table(names[0])
        else:
            self._update_row_count()

    # -- public API --------------------------------------------------------

    def select_table(self, name: str) -> None:
        item = self.tables.item_for(name)
        if item is None:
            raise KeyError(f"catalog has no table {name!r}")
        self.tables.table_list.setCurrentItem(item)

    def current_table(self) -> str:
        return self._current

    def set_row_filter(self, text: str) -> None:
        # Keep the line edit in step when called from code or tests.
        if self.row_filter.text() != text:
            self.row_filter.setText(text)  # re-enters through textChanged
            return
        self.table_model.set_filter(text)

    def visible_row_count(self) -> int:
        return self.table_model.rowCount()

    def copy(self) -> None:
        text = selection_as_tsv(self.table_view)
        if text is not None:
            QApplication.clipboard().setText(text)

    def focus_row_filter(self) -> None:
        self.row_filter.setFocus(Qt.FocusReason.ShortcutFocusReason)
        self.row_filter.selectAll()

    # -- construction ------------------------------------------------------

    def _build_table_view(self) -> QTableView:
        view = QTableView()
        view.setAccessibleName("Catalog table rows")
        view.setModel(self.table_model)
        view.setAlternatingRowColors(True)
        view.setWordWrap(False)
        view.setTextElideMode(Qt.TextElideMode.ElideRight)
        view.setItemDelegate(SourceElidingDelegate(view))
        # Compact rows: the default leaves room for editors this view never opens.
        view.verticalHeader().setDefaultSectionSize(view.fontMetrics().height() + 8)
        view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectItems)
        view.setSelectionMode(QAbstractItemView.SelectionMode.ExtendedSelection)
        view.setEditTriggers(QAbstractItemView.EditTrigger.NoEditTriggers)
        view.setHorizontalScrollMode(QAbstractItemView.ScrollMode.ScrollPerPixel)
        # Row numbers would change under sort and filter, so they mean nothing.
        view.verticalHeader().hide()
        header = view.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setHighlightSections(False)
        header.setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        view.setSortingEnabled(True)
        return view

    def _build_action(
        self, text: str, keys: QKeySequence.StandardKey, slot: Callable[[], None]
    ) -> QAction:
        action = QAction(text, self)
        action.setShortcut(QKeySequence(keys))
        # Scoped to this tab so other tabs keep their own Ctrl+C / Ctrl+F.
        action.setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        action.triggered.connect(slot)
        self.addAction(action)
        return action

    def _lay_out(self) -> None:
        copy_button = QToolButton()
        copy_button.setDefaultAction(self.copy_action)
        copy_button.setToolTip("Copy selected cells as tab-separated text (Ctrl+C)")
        filter_row = QHBoxLayout()
        filter_row.addWidget(self.row_filter, 1)
        filter_row.addWidget(self.row_count_label)
        filter_row.addWidget(copy_button)

        right = QWidget()
        right_layout = QVBoxLayout(right)
        right_layout.setContentsMargins(0, 0, 0, 0)
        right_layout.addWidget(self.header)
        right_layout.addLayout(filter_row)
        right_layout.addWidget(self.table_view, 1)
        right_layout.addWidget(self.provenance)
        right_layout.addWidget(self.disagreement)

        splitter = QSplitter(Qt.Orientation.Horizontal)
        splitter.addWidget(self.tables)
        splitter.addWidget(right)
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([220, 1040])
        splitter.setChildrenCollapsible(False)

        layout = QVBoxLayout(self)
        layout.addWidget(splitter)

    # -- reactions ---------------------------------------------------------

    def _show_disagreement(self, current: QModelIndex, _previous: object = None) -> None:
        self.disagreement.show_row(self._current, current_row(self.table_model, current))

    def _on_table_chosen(self, item: QListWidgetItem | None, _previous: object = None) -> None:
        if item is None:
            return
        name = item.data(Qt.ItemDataRole.UserRole)
        self._current = name
        self.header.show_table(self._catalog, name)
        # Each table starts in catalog order; sorting is per look, not sticky.
        self.table_view.horizontalHeader().setSortIndicator(-1, Qt.SortOrder.AscendingOrder)
        self.table_model.set_frame(readable_frame(self._catalog, self._catalog.table(name)))
        self._fit_columns()

    def _fit_columns(self) -> None:
        self.table_view.resizeColumnsToContents()
        header = self.table_view.horizontalHeader()
        for column, name in enumerate(self.table_model.column_names()):
            # Fitted widths let neighbouring right- and left-aligned text touch.
            width = header.sectionSize(column) + COLUMN_PADDING
            if name == "source":
                width = max(SOURCE_COLUMN_MIN_WIDTH, min(width, SOURCE_COLUMN_MAX_WIDTH))
            else:
                width = min(width, MAX_COLUMN_WIDTH)
            header.resizeSection(column, width)

    def _update_row_count(self, *_args: object) -> None:
        total = self.table_model.total_rows()
        noun = "row" if total == 1 else "rows"
        self.row_count_label.setText(f"{self.table_model.rowCount():,} of {total:,} {noun}")
