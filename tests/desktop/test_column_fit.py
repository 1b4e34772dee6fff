"""Columns that fit themselves from widths measured once per text end as wide as Qt's own
fitting makes them, after any sequence of fills and a font change, and a refill measures
only the texts it has not seen."""

from econplan.desktop.tables import ResultTable, fill_table, read_only_table
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from PySide6.QtGui import QFont
from PySide6.QtWidgets import QApplication, QHeaderView, QStyledItemDelegate

COLUMNS = 4


def fitted_table(qtbot, fits_itself: bool, narrow_when_quiet: bool = False) -> ResultTable:
    table = read_only_table([f"Column {c}" for c in range(COLUMNS)])
    qtbot.addWidget(table)
    header = table.horizontalHeader()
    header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
    header.setStretchLastSection(True)
    if fits_itself:
        table.fit_columns_itself(narrow_when_quiet)
    table.resize(900, 300)
    table.show()
    return table


def widths(table: ResultTable) -> list[int]:
    QApplication.processEvents()  # Qt fits its columns on a timer
    header = table.horizontalHeader()
    return [header.sectionSize(c) for c in range(COLUMNS - 1)]  # the last one stretches


texts = st.sampled_from(["", "x", "$1.68", "$12,345,678", "Total", "a much longer cell text",
                         "28.3×", "—", "Customer Service (Support)"])
fills = st.lists(st.tuples(
    st.lists(st.lists(texts, min_size=COLUMNS, max_size=COLUMNS), max_size=9),
    st.sets(st.integers(0, 9), max_size=2)), min_size=1, max_size=4)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=fills)
def test_fitted_columns_are_as_wide_as_qt_fits_them(qtbot, steps):
    own, qt = fitted_table(qtbot, True), fitted_table(qtbot, False)
    for rows, bold in steps:
        for table in (own, qt):
            fill_table(table, rows, bold_rows=bold, numeric_columns={1, 2})
        assert widths(own) == widths(qt)
    font = QFont(own.font())
    font.setPointSize(font.pointSize() + 4)
    for table in (own, qt):
        table.setFont(font)
    assert widths(own) == widths(qt)
    for table in (own, qt):
        table.close()
        table.deleteLater()


class CountingDelegate(QStyledItemDelegate):
    def __init__(self, parent=None):
        super().__init__(parent)
        self.measured: list[str] = []

    def sizeHint(self, option, index):
        self.measured.append(index.data())
        return super().sizeHint(option, index)


def test_a_fill_measures_only_new_texts_that_could_be_the_widest(qtbot):
    """Measuring a text costs ~15 µs; a year shown for the first time brings hundreds of
    new figures. Only those whose upper bound passes the widest measured text are
    measured, and the columns are still as wide as Qt's own fitting makes them."""
    own, qt = fitted_table(qtbot, True), fitted_table(qtbot, False)
    delegate = CountingDelegate(own)
    own.setItemDelegate(delegate)
    # As in a role table: names and figures of many magnitudes.
    rows = [[f"Role {r}", f"{r:,}", f"${r ** 3 / 7:,.2f}", "basis"] for r in range(200)]
    for table in (own, qt):
        fill_table(table, rows)
    assert widths(own) == widths(qt)
    # Texts as wide as the widest ("Role 1xx") are measured; narrower ones are not.
    figures = [text for text in delegate.measured if text.startswith("$")]
    assert rows[-1][2] in figures and len(figures) < 20
    assert len(delegate.measured) < 200 * 3 / 2
    delegate.measured.clear()
    rows[0][1] = "12"  # new, and narrower than the widest
    rows[5][2] = "$1.50"  # shown before in another row
    for table in (own, qt):
        fill_table(table, rows)
    assert delegate.measured == [] and widths(own) == widths(qt)
    rows[3][1] = "123,456"  # new, and wider
    for table in (own, qt):
        fill_table(table, rows)
    assert delegate.measured == ["123,456"] and widths(own) == widths(qt)


def test_during_a_drag_a_column_widens_at_once_and_narrows_when_the_fills_stop(qtbot):
    """A figure's width goes up and down by a digit as a slider moves; each new column
    width re-laid the columns out and repainted the whole table. A figure table widens a
    column at once (nothing is cut off), narrows it once the fills stop, and fits at
    once a fill that follows a pause."""
    own, qt = fitted_table(qtbot, True, narrow_when_quiet=True), fitted_table(qtbot, False)
    wide = [["Compute", "$1,234,567", "$1.85M", "basis"]]
    narrow = [["Compute", "$1.2M", "$1.85M", "basis"]]
    wider = [["Compute", "$1.2M", "$12,345,678.00", "basis"]]
    for table in (own, qt):
        fill_table(table, wide, numeric_columns={1, 2})
    assert widths(own) == widths(qt)  # the first fill fits at once
    held = widths(own)
    for table in (own, qt):
        fill_table(table, narrow, numeric_columns={1, 2})
    assert widths(own)[1] == held[1] > widths(qt)[1]  # held back while the fills go on
    for table in (own, qt):
        fill_table(table, wider, numeric_columns={1, 2})
    assert widths(own)[2] == widths(qt)[2] > held[2]  # a wider figure shows whole at once
    qtbot.waitUntil(lambda: widths(own) == widths(qt), timeout=3000)
    qtbot.wait(600)  # a pause: the next fill is not part of a drag
    for table in (own, qt):
        fill_table(table, wide, numeric_columns={1, 2})
        fill_table(table, [["Compute", "$1", "$2", "basis"]], numeric_columns={1, 2})
    # The first fill after the pause fits exactly; the one right after it is held.
    assert widths(own)[1] > widths(qt)[1]
    qtbot.waitUntil(lambda: widths(own) == widths(qt), timeout=3000)
