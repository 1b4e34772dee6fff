"""Nothing a user reads in the app says "seed", names a document by its file name or shows
an internal id: documents are named by their titles (econplan.core.provenance).

Walks every widget of every tab at 1366×768 — texts, tooltips, accessible names and
descriptions, window and tab titles, table headers and cells, combo items, chart titles,
axis labels, legend entries and text items on the charts.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import pyqtgraph as pg
import pytest
from econplan.core.paths import scenarios_dir
from PySide6.QtCore import QAbstractItemModel, QAbstractListModel, QModelIndex, Qt
from PySide6.QtGui import QAction
from PySide6.QtWidgets import (
    QAbstractButton,
    QAbstractItemView,
    QAbstractSpinBox,
    QComboBox,
    QGraphicsTextItem,
    QGroupBox,
    QLabel,
    QLineEdit,
    QTabBar,
    QWidget,
)
from view_helpers import settle

SEED_WORD = re.compile(r"\bseeds?\b", re.I)
# The Monte Carlo draw's "random seed" is the word's other meaning, and the right one there.
RANDOM_SEED = re.compile(r"\brandom seeds?\b", re.I)
FILE_NAME = re.compile(r"\b\d{3}_[0-9a-f]{8,}\.txt\b")
# Catalog and scenario ids: snake_case words ("gpu_id", "commercial_small") and dotted
# scenario paths ("breakeven.human").
SNAKE_ID = re.compile(r"\b[a-z][a-z0-9]*(?:_[a-z0-9]+)+\b")
SCENARIO_PATH = re.compile(r"\b(?:training|dataset|playbook|routing|breakeven|uncertainty)"
                           r"\.[a-z_]+\b")
CODE_CITATION = re.compile(r"\S+\.py\b(?:\s*\([^)]*\))?")
TEXT_ROLES = (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole,
              Qt.ItemDataRole.AccessibleTextRole, Qt.ItemDataRole.AccessibleDescriptionRole)
MAX_ROWS = 400  # a catalog table's rows beyond this add nothing new to check


def problems_in(text: str, ids_allowed: bool = False) -> list[str]:
    """What a reader should not meet in ``text``."""
    found = [m.group(0) for m in SEED_WORD.finditer(RANDOM_SEED.sub("", text))]
    found += FILE_NAME.findall(text)
    if not ids_allowed:
        # A cited source file ("models/llama3_1/api/sku_list.py (… model_args)") is the
        # citation's own words.
        prose = CODE_CITATION.sub("", text)
        found += SNAKE_ID.findall(prose) + SCENARIO_PATH.findall(prose)
    return found


def model_texts(model: QAbstractItemModel) -> Iterator[tuple[str, str]]:
    root = QModelIndex()
    rows = model.rowCount(root)
    # A list model (QListWidget's) hides columnCount from Python: it has one column.
    columns = 1 if isinstance(model, QAbstractListModel) else model.columnCount(root)
    for orientation in (Qt.Orientation.Horizontal, Qt.Orientation.Vertical):
        count = columns if orientation == Qt.Orientation.Horizontal else rows
        for section in range(min(count, MAX_ROWS)):
            for role in (Qt.ItemDataRole.DisplayRole, Qt.ItemDataRole.ToolTipRole):
                yield f"header {section}", model.headerData(section, orientation, role)
    for row in range(min(rows, MAX_ROWS)):
        for column in range(columns):
            index = model.index(row, column)
            for role in TEXT_ROLES:
                yield f"cell {row},{column}", model.data(index, role)


def widget_texts(widget: QWidget) -> Iterator[tuple[str, str]]:
    yield "windowTitle", widget.windowTitle()
    yield "toolTip", widget.toolTip()
    yield "whatsThis", widget.whatsThis()
    yield "statusTip", widget.statusTip()
    yield "accessibleName", widget.accessibleName()
    yield "accessibleDescription", widget.accessibleDescription()
    if isinstance(widget, (QLabel, QAbstractButton)):
        yield "text", widget.text()
    if isinstance(widget, QLineEdit):
        yield "placeholder", widget.placeholderText()
    if isinstance(widget, QGroupBox):
        yield "title", widget.title()
    if isinstance(widget, QAbstractSpinBox):
        yield "suffix", getattr(widget, "suffix", str)()
        yield "special", widget.specialValueText()
    if isinstance(widget, QComboBox):
        for i in range(widget.count()):
            yield f"item {i}", widget.itemText(i)
            yield f"item {i} tip", widget.itemData(i, Qt.ItemDataRole.ToolTipRole)
    if isinstance(widget, QTabBar):
        for i in range(widget.count()):
            yield f"tab {i}", widget.tabText(i)
            yield f"tab {i} tip", widget.tabToolTip(i)
    if isinstance(widget, QAbstractItemView) and widget.model() is not None:
        yield from model_texts(widget.model())
    if isinstance(widget, pg.GraphicsView):
        yield from chart_texts(widget)


def chart_texts(view: pg.GraphicsView) -> Iterator[tuple[str, str]]:
    for item in view.scene().items():
        yield "chart item tip", item.toolTip()
        if isinstance(item, QGraphicsTextItem):
            yield "chart text", item.toPlainText()
        if isinstance(item, pg.LabelItem):
            yield "chart label", item.text
        if isinstance(item, pg.AxisItem):
            yield "axis label", f"{item.labelText} {item.labelUnits}"
        if isinstance(item, pg.ScatterPlotItem):
            for tip in item.data["data"][:MAX_ROWS]:
                if isinstance(tip, str):
                    yield "point tip", tip


def user_texts(root: QWidget) -> Iterator[tuple[QWidget | QAction, str, str]]:
    for widget in [root, *root.findChildren(QWidget)]:
        for where, text in widget_texts(widget):
            if isinstance(text, str) and text:
                yield widget, where, text
    for action in root.findChildren(QAction):
        for where, text in (("action", action.text()), ("action tip", action.toolTip()),
                            ("action status", action.statusTip())):
            if text:
                yield action, where, text


def describe(owner: QWidget | QAction) -> str:
    name = owner.objectName() or type(owner).__name__
    if isinstance(owner, QWidget):
        name += f" «{owner.accessibleName()}»" if owner.accessibleName() else ""
    return name


def offending(root: QWidget, catalog_tab) -> list[str]:
    # The catalog browser shows the tables as stored and describes them by their column
    # names: ids are its data.
    catalog_data = {catalog_tab.table_view, catalog_tab.tables.table_list,
                    catalog_tab.header.summary, catalog_tab.header.description,
                    *catalog_tab.table_view.findChildren(QWidget)}
    found = []
    for owner, where, text in user_texts(root):
        ids_allowed = owner in catalog_data
        bad = problems_in(text, ids_allowed)
        if bad:
            found.append(f"{describe(owner)} {where}: {sorted(set(bad))} in {text[:160]!r}")
    return sorted(set(found))


def test_the_check_catches_each_kind_of_word():
    assert problems_in("Role (seed 000 §7)") == ["seed"]
    assert problems_in("Seeds' figures") == ["Seeds"]
    assert problems_in("Random seed 42 for the draw") == []
    assert problems_in("from 000_40311fb54337ffce.txt §3") == ["000_40311fb54337ffce.txt"]
    assert problems_in("commercial_small") == ["commercial_small"]
    assert problems_in("see breakeven.human") == ["breakeven.human"]
    assert problems_in("gpu_id", ids_allowed=True) == []
    assert problems_in("Seedling 2.5× seeded") == []


@pytest.mark.parametrize("example", [None, "llama31_405b_reference.json",
                                     "playbook_finance.json", "routing_seed_14_roles.json"])
def test_no_seed_file_name_or_id_anywhere_a_user_reads(window, qtbot, example):
    window.resize(1366, 768)
    if example:
        window.open_example(scenarios_dir() / example)
    window.build_all_tabs()
    for index in range(window.tabs.count()):
        window.tabs.setCurrentIndex(index)
        tab = window.tabs.currentWidget()
        if hasattr(tab, "recompute"):
            tab.recompute()
        settle(qtbot)
    catalog = window.catalog_tab
    texts = offending(window, catalog)
    # The catalog browser shows one table at a time: read each one.
    for name in window.catalog.table_names():
        catalog.select_table(name)
        texts += [f"catalog table {name}: {line}" for line in offending(catalog, catalog)
                  if line.startswith(("QTableView", "QHeaderView", "QLabel"))]
    assert texts == [], f"{len(texts)} texts:\n" + "\n".join(texts[:80])
