"""fill_table compares a result table's new rows with the ones it last showed, in Python.

Whatever sequence of fills a table goes through, it must end up showing exactly the
last rows (text, bold rows, tooltips, row count), as a table filled once would; and it
must write only the cells that changed. An editable table is still compared with its
items, since the user may have typed into them.
"""

from econplan.desktop.tables import fill_table, read_only_table
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtWidgets import QTableWidget

from tests.desktop.table_helpers import shown

COLUMNS = 3


def written(table: QTableWidget, action) -> set[tuple[int, int]]:
    cells: list = []
    table.itemChanged.connect(cells.append)
    try:
        action()
    finally:
        table.itemChanged.disconnect(cells.append)
    return {(item.row(), item.column()) for item in cells}


def test_only_changed_cells_are_written_and_the_row_count_follows(qtbot):
    table = read_only_table(["a", "b", "c"])
    qtbot.addWidget(table)
    rows = [[f"r{r}", str(r), f"${r}"] for r in range(6)]
    assert fill_table(table, rows, bold_rows={5}) == 18
    longer = [*(list(r) for r in rows[:5]), ["r5", "5", "$5.5"], ["Total", "", "$99"]]
    # One cell changed, one row added; the bold row moves from 5 to the new total row.
    assert written(table, lambda: fill_table(table, longer, bold_rows={6})) == {
        (5, 0), (5, 1), (5, 2), (6, 0), (6, 1), (6, 2)}
    assert shown(table)[0] == longer and shown(table)[1] == {6}
    shorter = [list(r) for r in longer[:3]]
    shorter[1][2] = "$1.5"
    assert written(table, lambda: fill_table(table, shorter)) == {(1, 2)}
    assert table.rowCount() == 3
    assert shown(table) == (shorter, set(), {})
    # Growing back rewrites the rows that were dropped, not the ones kept.
    assert written(table, lambda: fill_table(table, longer, bold_rows={6})) >= {
        (3, 0), (6, 2)}
    assert shown(table)[0] == longer and shown(table)[1] == {6}


def test_a_tooltip_change_is_written_without_the_text(qtbot):
    table = read_only_table(["a", "b"])
    qtbot.addWidget(table)
    fill_table(table, [["x", "1"], ["y", "2"]], tooltips={(0, 1): "one"})
    assert fill_table(table, [["x", "1"], ["y", "2"]], tooltips={(0, 1): "uno"}) == 1
    assert table.item(0, 1).toolTip() == "uno"


def test_an_emptied_result_table_is_filled_again(qtbot):
    table = read_only_table(["a"])
    qtbot.addWidget(table)
    fill_table(table, [["1"], ["2"]])
    table.setRowCount(0)  # a panel with nothing to show empties it outside fill_table
    assert fill_table(table, [["1"], ["2"]]) == 2
    assert shown(table)[0] == [["1"], ["2"]]


def test_an_editable_table_shows_the_rows_again_over_what_was_typed(qtbot):
    table = QTableWidget(0, 2)  # editable: the user may type into it
    qtbot.addWidget(table)
    rows = [["a", "1"], ["b", "2"]]
    fill_table(table, rows, locked_columns={0})
    table.item(1, 1).setText("typed")
    assert fill_table(table, rows, locked_columns={0}) == 1
    assert table.item(1, 1).text() == "2"
    assert fill_table(table, rows, locked_columns={0}) == 0


cells = st.sampled_from(["", "a", "b", "$1", "$2", "Total"])
fills = st.lists(st.tuples(
    st.lists(st.lists(cells, min_size=COLUMNS, max_size=COLUMNS), max_size=7),
    st.sets(st.integers(0, 7), max_size=2),
    st.dictionaries(st.tuples(st.integers(0, 6), st.integers(0, COLUMNS - 1)),
                    st.sampled_from(["tip", "other tip"]), max_size=3),
    st.booleans()), min_size=1, max_size=6)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=fills)
def test_any_sequence_of_fills_shows_what_one_fill_of_the_last_rows_shows(qtbot, steps):
    table = read_only_table(["a", "b", "c"])
    fresh = read_only_table(["a", "b", "c"])
    for rows, bold, tips, empty_first in steps:
        if empty_first:
            table.setRowCount(0)
        tips = {k: v for k, v in tips.items() if k[0] < len(rows)}
        fill_table(table, rows, bold_rows=bold, tooltips=tips)
    rows, bold, tips, _ = steps[-1]
    tips = {k: v for k, v in tips.items() if k[0] < len(rows)}
    fill_table(fresh, rows, bold_rows=bold, tooltips=tips)
    got, expected = shown(table), shown(fresh)
    assert got[0] == expected[0] and got[1] == expected[1]
    # A tip stays until another replaces it (fill_table never clears one): the last
    # fill's tips are all there.
    assert all(got[2].get(k) == v for k, v in expected[2].items())
    # And a refill of the same rows writes nothing.
    assert fill_table(table, rows, bold_rows=bold, tooltips=tips) == 0
    table.deleteLater()
    fresh.deleteLater()
