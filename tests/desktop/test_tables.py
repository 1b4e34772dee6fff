"""Shared table plumbing: a refill changes only what differs and measures columns once."""

import pytest
from econplan.desktop.tables import fill_table
from PySide6.QtWidgets import QApplication, QHeaderView, QTableWidget


class CountingTable(QTableWidget):
    """Counts how often the header asks a column for its content width."""

    def __init__(self, columns: int):
        super().__init__(0, columns)
        self.measured = 0
        self.horizontalHeader().setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)

    def sizeHintForColumn(self, column: int) -> int:
        self.measured += 1
        return super().sizeHintForColumn(column)


def rows_of(count: int, tick: int) -> list[list[str]]:
    return [[f"row {r}", f"{(r + 1) * tick:,}", f"${r * tick / 7:,.2f}"] for r in range(count)]


def measurements_for_a_refill(qtbot, count: int) -> int:
    table = CountingTable(3)
    qtbot.addWidget(table)
    table.show()
    fill_table(table, rows_of(count, 1), numeric_columns={1, 2})
    QApplication.processEvents()
    table.measured = 0
    fill_table(table, rows_of(count, 2), numeric_columns={1, 2})
    QApplication.processEvents()
    return table.measured


def test_a_refill_measures_each_column_a_bounded_number_of_times(qtbot):
    small = measurements_for_a_refill(qtbot, 10)
    large = measurements_for_a_refill(qtbot, 400)
    assert 0 < large <= 2 * 3  # once or twice per column, never per cell
    assert large == small  # independent of the number of rows


def test_an_unchanged_refill_touches_no_cell(qtbot):
    table = CountingTable(3)
    qtbot.addWidget(table)
    assert fill_table(table, rows_of(50, 1)) == 150
    changed = []
    table.itemChanged.connect(changed.append)
    assert fill_table(table, rows_of(50, 1)) == 0
    rows = rows_of(50, 1)
    rows[7][2] = "changed"
    assert fill_table(table, rows) == 1
    assert [(item.row(), item.column()) for item in changed] == [(7, 2)]


def test_fill_sets_alignment_bold_rows_tooltips_and_row_count(qtbot):
    table = QTableWidget(0, 2)
    qtbot.addWidget(table)
    fill_table(table, [["a", "1"], ["Total", "2"]], numeric_columns={1}, bold_rows={1},
               tooltips={(0, 1): "exactly 1"}, locked_columns={1})
    assert table.rowCount() == 2
    assert table.item(1, 0).font().bold() and not table.item(0, 0).font().bold()
    assert table.item(0, 1).textAlignment() & 0x2  # Qt.AlignRight
    assert table.item(0, 1).toolTip() == "exactly 1"
    assert not table.item(0, 1).flags() & table.item(0, 1).flags().ItemIsEditable
    fill_table(table, [["only"]])
    assert table.rowCount() == 1


@pytest.mark.parametrize("count", [3, 120])
def test_list_table_rewrites_only_the_edited_row(qtbot, catalog, count):
    from econplan.core.defaults import default_scenario
    from econplan.desktop.document import ScenarioDocument
    from econplan.desktop.routing_tab import RoutingTab

    scenario = default_scenario(catalog)
    roles = [{"name": f"Role {i}", "headcount": i + 1} for i in range(count)]
    document = ScenarioDocument(scenario)
    document.set_values({"routing.custom_roles": roles})
    tab = RoutingTab(document, catalog)
    qtbot.addWidget(tab)
    table = tab.roles_table
    changed = []
    table.table.itemChanged.connect(changed.append)
    table.set_cell(1, "headcount", "77")
    assert document.scenario.routing.custom_roles[1].headcount == 77
    # The typed cell, and (after the document's change) nothing else of the list.
    assert {(item.row(), item.column()) for item in changed} == {(1, 1)}
    assert table.table.item(1, 1).text() == "77"
