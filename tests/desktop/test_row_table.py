"""The model table the routing results use: it shows exactly the rows of its last fill (as
an item table filled once does), tells its view only of the cells that changed, and its
fitted columns never cut a text."""

from econplan.desktop.row_table import ROWS_SIGNALLED_APART, RowTable
from econplan.desktop.tables import fill_table, read_only_table
from hypothesis import HealthCheck, example, given, settings
from hypothesis import strategies as st
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QHeaderView, QStyleOptionViewItem

from tests.desktop.table_helpers import shown

COLUMNS = 3


def row_table(qtbot, fits_itself: bool = False) -> RowTable:
    table = RowTable([f"Column {c}" for c in range(COLUMNS)])
    qtbot.addWidget(table)
    if fits_itself:
        header = table.horizontalHeader()
        header.setSectionResizeMode(QHeaderView.ResizeMode.ResizeToContents)
        header.setStretchLastSection(True)
        table.fit_columns_itself()
    return table


class Signals:
    """What the model told its view."""

    def __init__(self, table: RowTable):
        model = table.model()
        self.changed: list[tuple[int, int, int, int]] = []
        self.inserted: list[tuple[int, int]] = []
        self.removed: list[tuple[int, int]] = []
        model.dataChanged.connect(lambda a, b, _roles=(): self.changed.append(
            (a.row(), a.column(), b.row(), b.column())))
        model.rowsInserted.connect(lambda _p, first, last: self.inserted.append((first, last)))
        model.rowsRemoved.connect(lambda _p, first, last: self.removed.append((first, last)))


cells = st.sampled_from(["", "a", "b", "$1", "$2", "Total"])
fills = st.lists(st.tuples(
    st.lists(st.lists(cells, min_size=COLUMNS, max_size=COLUMNS), max_size=24),
    st.sets(st.integers(0, 24), max_size=2),
    st.dictionaries(st.tuples(st.integers(0, 23), st.integers(0, COLUMNS - 1)),
                    st.sampled_from(["tip", "other tip"]), max_size=3)),
    min_size=1, max_size=6)


@settings(max_examples=60, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=fills)
def test_any_sequence_of_fills_shows_the_last_rows_and_signals_only_what_changed(qtbot, steps):
    table = row_table(qtbot)
    signals = Signals(table)
    previous = ([], set(), {})
    for rows, bold, tips in steps:
        tips = {k: v for k, v in tips.items() if k[0] < len(rows)}
        signals.changed.clear()
        fill_table(table, rows, bold_rows=bold, tooltips=tips, numeric_columns={1})
        got = shown(table)
        fresh = read_only_table(["a", "b", "c"])  # an item table filled once
        fill_table(fresh, rows, bold_rows={b for b in bold if b < len(rows)}, tooltips=tips)
        assert got == shown(fresh)
        fresh.deleteLater()
        # The cells of the rows kept that differ from the fill before, and no others, are
        # signalled: a range a run of adjacent rows (their changed columns) when few rows
        # changed, else the one range that bounds them.
        old_texts, old_bold, old_tips = previous
        kept = min(len(old_texts), len(rows))
        differ = {(r, c) for r in range(kept) for c in range(COLUMNS)
                  if old_texts[r][c] != got[0][r][c] or (r in old_bold) != (r in got[1])
                  or old_tips.get((r, c)) != got[2].get((r, c))}
        assert signals.changed == expected_ranges(differ)
        previous = got


def expected_ranges(cells: set[tuple[int, int]]) -> list[tuple[int, int, int, int]]:
    rows = sorted({r for r, _ in cells})
    if not rows:
        return []
    if len(rows) > ROWS_SIGNALLED_APART:
        return [(rows[0], min(c for _, c in cells), rows[-1], max(c for _, c in cells))]
    runs = [[rows[0]]]
    for r in rows[1:]:
        if r == runs[-1][-1] + 1:
            runs[-1].append(r)
        else:
            runs.append([r])
    return [(run[0], min(c for q, c in cells if q in run), run[-1],
             max(c for q, c in cells if q in run)) for run in runs]


def test_a_role_and_the_total_row_are_signalled_apart(qtbot):
    """A head-count edit changes a role and the total row: a range over both repainted
    every row between them."""
    table = row_table(qtbot)
    rows = [[f"r{r}", f"{r}", f"${r}"] for r in range(300)]
    fill_table(table, rows, bold_rows={299})
    signals = Signals(table)
    rows[2] = ["r2", "20", "$20"]
    rows[299] = ["r299", "299", "$318"]
    assert fill_table(table, rows, bold_rows={299}) == 3
    assert signals.changed == [(2, 1, 2, 2), (299, 2, 299, 2)]
    rows[3] = ["r3", "30", "$3"]
    rows[4] = ["r4", "4", "$40"]
    fill_table(table, rows, bold_rows={299})
    assert signals.changed[2:] == [(3, 1, 4, 2)]  # adjacent rows: one range
    del signals.changed[2:]
    rows = [[text + "!" for text in row] for row in rows]  # every row: one range
    fill_table(table, rows, bold_rows={299})
    assert signals.changed[2:] == [(0, 0, 299, 2)]


def test_one_changed_cell_is_one_cell_signalled_and_an_equal_fill_nothing(qtbot):
    table = row_table(qtbot)
    signals = Signals(table)
    rows = [[f"r{r}", f"{r}", f"${r}"] for r in range(300)]
    assert fill_table(table, rows, bold_rows={299}) == 900
    assert signals.inserted == [(0, 299)] and signals.changed == []
    rows[150] = ["r150", "150", "$150.5"]
    assert fill_table(table, rows, bold_rows={299}) == 1
    assert signals.changed == [(150, 2, 150, 2)]
    assert fill_table(table, [tuple(r) for r in rows], bold_rows={299}) == 0
    assert len(signals.changed) == 1
    assert fill_table(table, rows[:10]) == 290 * 3 + 0  # rows dropped; the bold row went too
    assert signals.removed == [(10, 299)]


def test_cells_answer_as_an_item_tables_do(qtbot):
    table = row_table(qtbot)
    fill_table(table, [["x", "1"], ["Total", "2"]], numeric_columns={1}, bold_rows={1},
               tooltips={(0, 1): "exactly 1"})
    model = table.model()
    right = Qt.AlignmentFlag.AlignRight.value
    assert model.index(0, 1).data(Qt.ItemDataRole.TextAlignmentRole) & right
    assert not model.index(0, 0).data(Qt.ItemDataRole.TextAlignmentRole) & right
    assert model.index(0, 2).data() == ""  # a short row's missing cell is empty
    assert model.index(0, 1).data(Qt.ItemDataRole.ToolTipRole) == "exactly 1"
    assert not model.flags(model.index(0, 0)) & Qt.ItemFlag.ItemIsEditable
    assert model.headerData(2, Qt.Orientation.Horizontal) == "Column 2"
    assert model.index(0, 0).data(Qt.ItemDataRole.FontRole) is None
    # Only the weight is set: the rest is the table's own font (zoom, presentation).
    font = table.font()
    font.setPointSize(font.pointSize() + 6)
    table.setFont(font)
    bold = model.index(1, 0).data(Qt.ItemDataRole.FontRole).resolve(table.font())
    assert bold.bold() and bold.pointSize() == font.pointSize()


def cell_widths(table) -> list[list[int]]:
    """Each cell's width as Qt measures it for fitting (the delegate, and the grid)."""
    option = QStyleOptionViewItem()
    table.initViewItemOption(option)
    model, delegate = table.model(), table.itemDelegate()
    grid = 1 if table.showGrid() else 0
    return [[delegate.sizeHint(option, model.index(r, c)).width() + grid
             for r in range(model.rowCount())] for c in range(COLUMNS - 1)]


any_text = st.text(st.characters(codec="utf-8", exclude_categories=("Cs", "Cc", "Zl", "Zp")),
                   max_size=24)
figures = st.builds(lambda x, d: f"${x:,.{d}f}", st.floats(0, 1e9), st.integers(0, 3))
texts = st.one_of(any_text, figures, st.sampled_from(["—", "28.3×", "Total", "1,234"]))
text_fills = st.lists(st.tuples(
    st.lists(st.lists(texts, min_size=COLUMNS, max_size=COLUMNS), min_size=1, max_size=30),
    st.sets(st.integers(0, 29), max_size=2)), min_size=1, max_size=4)


@settings(max_examples=40, deadline=None,
          suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(steps=text_fills, point_size=st.sampled_from([0, 9, 13, 20]))
# A soft hyphen is drawn as a hyphen at the end of a line, and advances nothing elsewhere.
@example(steps=[([["", "", ""]] * 6 + [["", "0000000D§Æ\xad", ""], ["", "$100,000,000", ""]],
                 set())], point_size=0)
def test_no_fitted_column_is_narrower_than_a_cell_it_shows(qtbot, steps, point_size):
    """Of the texts it has not seen the fit measures only those that could be wider than
    the widest it knows; whatever the texts and the font, none is cut."""
    table = row_table(qtbot, fits_itself=True)
    if point_size:
        font = table.font()
        font.setPointSize(point_size)
        table.setFont(font)
    table.show()
    header = table.horizontalHeader()
    for rows, bold in steps:
        fill_table(table, rows, bold_rows=bold)
        QApplication.processEvents()
        table.column_fit.refit()  # a fill during a drag may hold a narrowing back
        for column, widths in enumerate(cell_widths(table)):
            assert header.sectionSize(column) >= max(widths), (column, rows)
            assert header.sectionSize(column) == max(max(widths),
                                                     header.sectionSizeHint(column))
    table.close()


def test_a_fill_repaints_the_cells_it_changed_not_the_column_titles(qtbot):
    """The header is a view of the same model: a change of two rows repainted all of it
    (``TitlesHeader``). A section that sizes itself to its cells still hears of them."""
    from PySide6.QtCore import QEvent, QObject

    class Paints(QObject):
        count = 0

        def eventFilter(self, obj, event) -> bool:
            if event.type() == QEvent.Type.Paint:
                Paints.count += 1
            return False

    table = row_table(qtbot, fits_itself=True)
    table.resize(500, 300)
    table.show()
    qtbot.waitExposed(table)
    header = table.horizontalHeader()
    assert header.sectionsClickable() and header.highlightSections()  # as QTableView's own
    fill_table(table, [["a", "1", "x"], ["b", "2", "y"], ["Total", "3", "z"]])
    QApplication.processEvents()
    paints = Paints()
    header.viewport().installEventFilter(paints)
    fill_table(table, [["a", "10", "x"], ["b", "2", "y"], ["Total", "12", "z"]])
    for _ in range(5):
        QApplication.processEvents()
    assert Paints.count == 0
    assert [header.model().headerData(c, Qt.Orientation.Horizontal)
            for c in range(COLUMNS)] == ["Column 0", "Column 1", "Column 2"]

    header.setSectionResizeMode(1, QHeaderView.ResizeMode.ResizeToContents)
    fill_table(table, [["a", "100000000", "x"], ["b", "2", "y"], ["Total", "1", "z"]])
    for _ in range(5):
        QApplication.processEvents()
    assert Paints.count > 0
    assert header.sectionSize(1) >= table.sizeHintForColumn(1)
