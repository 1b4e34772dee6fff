"""Result tables that wait while covered, and rows formatted once per result object.

A covered page's table is filled when its page is opened, with exactly what a fill at
the time of the edit would have shown; the routing tab's tables, filled tick after tick,
end up equal to tables filled once from the last result.
"""

import pytest
from econplan.desktop import routing_tab
from econplan.desktop.tables import RowTexts, fill_table, fill_when_shown, read_only_table
from PySide6.QtWidgets import QTabWidget

from tests.core.test_routing_chart_bars import largest_portfolio
from tests.desktop.table_helpers import row_count, shown
from tests.desktop.test_chart_paints import tick


def fill_rows(table, rows) -> None:
    fill_table(table, rows, bold_rows={len(rows) - 1})


def test_a_covered_table_is_filled_when_its_page_is_opened(qtbot):
    tabs = QTabWidget()
    qtbot.addWidget(tabs)
    front, covered = read_only_table(["a", "b"]), read_only_table(["a", "b"])
    tabs.addTab(front, "front")
    tabs.addTab(covered, "covered")
    tabs.show()
    qtbot.waitExposed(tabs)
    rows = [["x", "1"], ["Total", "2"]]
    fill_when_shown(front, fill_rows, rows)
    fill_when_shown(covered, fill_rows, [["old", "0"]])
    fill_when_shown(covered, fill_rows, rows)  # the latest wins
    assert row_count(front) == 2
    assert row_count(covered) == 0  # nobody sees it: nothing filled yet
    tabs.setCurrentWidget(covered)
    assert shown(covered) == shown(front) == ([["x", "1"], ["Total", "2"]], {1}, {})


def test_a_table_in_no_shown_window_is_filled_at_once(qtbot):
    table = read_only_table(["a"])
    qtbot.addWidget(table)
    fill_when_shown(table, fill_rows, [["1"]])
    assert shown(table)[0] == [["1"]]


class Row:
    def __init__(self, value: int):
        self.value = value


def test_row_texts_are_made_once_per_object():
    made = []
    texts = RowTexts(lambda row: (made.append(row.value), (str(row.value),))[1])
    first, second = Row(1), Row(2)
    rows = texts([first, second])
    assert rows == [("1",), ("2",)]
    again = texts([second, first, Row(1)])
    assert again == [("2",), ("1",), ("1",)]
    assert again[0] is rows[1] and again[1] is rows[0]
    assert made == [1, 2, 1]  # the new object only


def test_row_texts_forget_when_full():
    texts = RowTexts(lambda row: (str(row.value),), kept=2)
    rows = [Row(i) for i in range(5)]
    assert texts(rows) == [(str(i),) for i in range(5)]
    assert len(texts._rows) <= 2


def test_the_routing_tables_show_what_one_fill_of_the_last_result_shows(qtbot, window,
                                                                        catalog):
    tab = window.routing_tab
    window.tabs.setCurrentWidget(tab)
    window.document.replace(largest_portfolio(window.document.scenario, catalog), None)
    qtbot.waitUntil(lambda: len(tab.result.roles) == 214)
    tab.result_tabs.setCurrentWidget(tab.roles_result)
    filled = tab.tasks_result.model().rows  # what fill_table showed last
    before = shown(tab.tasks_result)
    for year in (2027, 2030, 2024):
        tick(qtbot, window, tab, "routing.year", year)
    assert tab.tasks_result.model().rows is filled  # covered: its table waited
    assert shown(tab.tasks_result) == before
    tab.result_tabs.setCurrentWidget(tab.tasks_result)
    tick(qtbot, window, tab, "routing.headcount.0.headcount", 77)
    for table, fill in ((tab.roles_result, routing_tab._fill_roles),
                        (tab.tasks_result, routing_tab._fill_tasks),
                        (tab.rm_result, routing_tab._fill_reasoning)):
        tab.result_tabs.setCurrentWidget(table)  # a covered page catches up when opened
        fresh = read_only_table([""] * table.model().columnCount())
        qtbot.addWidget(fresh)
        fill(fresh, tab.result)
        assert shown(table) == shown(fresh)


def test_a_large_rewrite_of_a_self_fitting_table_shows_the_rows_and_repaints(qtbot):
    """Past BATCHED_CELLS changed cells the model's per-cell signals are held and the
    view repaints once: the table must still show exactly the new rows."""
    from econplan.desktop.tables import BATCHED_CELLS
    from PySide6.QtCore import QEvent, QObject
    from PySide6.QtWidgets import QApplication, QHeaderView

    def self_fitting():
        table = read_only_table(["a", "b", "c"])
        qtbot.addWidget(table)
        table.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        table.fit_columns_itself()
        table.show()
        return table

    table, fresh = self_fitting(), self_fitting()
    rows = [[f"r{r}", f"{r}", f"${r}"] for r in range(300)]
    fill_table(table, rows, bold_rows={299})
    QApplication.processEvents()
    changed = [[f"r{r}", f"{r * 7}", f"${r}.5"] for r in range(300)]

    class Paints(QObject):
        count = 0

        def eventFilter(self, obj, event):
            if obj is table.viewport() and event.type() == QEvent.Type.Paint:
                self.count += 1
            return False

    paints = Paints()
    table.viewport().installEventFilter(paints)
    assert fill_table(table, changed, bold_rows={0}) >= BATCHED_CELLS
    fill_table(fresh, changed, bold_rows={0})
    assert shown(table) == shown(fresh)
    qtbot.waitUntil(lambda: paints.count > 0)


FIGURE_TABLES = [("training_tab", "breakdown_table", "training.params", [3e10, 4e10]),
                 ("playbook_tab", "quarter_table", "playbook.phases.0.cost_usd.low",
                  [120_000, 150_000]),
                 ("breakeven_tab", "lines_table", "breakeven.queries_per_month",
                  [2e6, 3e6])]


@pytest.mark.parametrize(("name", "attribute", "path", "values"), FIGURE_TABLES)
def test_figure_tables_fit_their_columns_and_show_every_text_whole(qtbot, window, name,
                                                                   attribute, path, values):
    """The tables whose figures change on every tick fit their columns themselves (the
    header re-measured every cell and repainted itself and the table each tick); each
    fitted column is as wide as Qt's own fitting would make it."""
    tab = getattr(window, name)
    window.tabs.setCurrentWidget(tab)
    qtbot.waitExposed(window)
    table = getattr(tab, attribute)
    assert table.column_fit is not None and table.column_fit.columns
    for value in values:
        tick(qtbot, window, tab, path, value)
        header = table.horizontalHeader()
        for column in table.column_fit.columns:
            assert header.sectionSize(column) >= table.sizeHintForColumn(column), column
