"""The catalog browser tab: table list, lazy formatting, sort, filter, copy."""

from __future__ import annotations

import polars as pl
import pytest
from econplan.core.catalog import Catalog
from econplan.desktop.catalog_tab import (
    EMPTY_CELL,
    CatalogBrowserTab,
    ColumnKind,
    column_kind,
    format_fraction,
    format_money,
    format_number,
)
from PySide6.QtCore import QItemSelection, QItemSelectionModel, Qt
from PySide6.QtWidgets import QApplication

SEED_000 = "000_40311fb54337ffce.txt, cost table"


def gpu_prices() -> pl.DataFrame:
    return pl.DataFrame(
        {
            "gpu": ["H100 SXM", "A100 80GB", "L40S", "B200"],
            "peak_bf16_tflops": [989.0, 312.0, 362.0, None],
            "hourly_low_usd": [2.0, 1.1, 0.85, 4.5],
            "hourly_high_usd": [3.5, 1.9, 1.2, 6.0],
            "source": [SEED_000, SEED_000, "vendor datasheet", "vendor datasheet"],
            "as_of": ["2025-01", "2025-01", "2025-01", "2025-06"],
        }
    )


def training_runs() -> pl.DataFrame:
    # Rank values chosen so string sorting ("10" < "9") and numeric sorting differ.
    return pl.DataFrame(
        {
            "model": ["Llama 3.1 405B", "Llama 3.1 405B", "DeepSeek V3", "Tiny"],
            "rank": [9, 10, 2, 1],
            "tokens": [1.56e13, 1.56e13, 1.48e13, 3.6e13],
            "compute_usd": [60_000_000.0, 170_000_000.0, 5_576_000.0, None],
            "mfu_share": [0.38, 0.41, None, 0.805],
            "source": ["seed 000 §2", "seed 001 estimate", "seed 000 §2", "made up"],
            "as_of": ["2024-07", "2024-09", "2024-12", "2025-01"],
        }
    )


def make_catalog() -> Catalog:
    index = pl.DataFrame(
        {
            "table_name": ["gpu_prices", "training_runs"],
            "title": ["GPU prices", "Training runs"],
            "description": ["Rental prices per GPU-hour.", "Published frontier training runs."],
        }
    )
    return Catalog.from_frames(
        {
            "gpu_prices": gpu_prices(),
            "training_runs": training_runs(),
            "catalog_tables": index,
        }
    )


@pytest.fixture
def tab(qtbot) -> CatalogBrowserTab:
    widget = CatalogBrowserTab(make_catalog())
    qtbot.addWidget(widget)
    widget.resize(1280, 800)
    return widget


def column_texts(tab: CatalogBrowserTab, column_name: str) -> list[str]:
    model = tab.table_model
    column = model.column_names().index(column_name)
    return [model.index(row, column).data() for row in range(model.rowCount())]


def header_names(tab: CatalogBrowserTab) -> list[str]:
    model = tab.table_model
    return [
        model.headerData(c, Qt.Orientation.Horizontal, Qt.ItemDataRole.DisplayRole)
        for c in range(model.columnCount())
    ]


def test_list_shows_every_table_with_title_and_tooltip(tab):
    titles = tab.tables.visible_titles()
    assert titles == ["GPU prices", "Training runs"]
    item = tab.tables.item_for("training_runs")
    assert "training_runs" in item.toolTip()
    assert "4 rows" in item.toolTip()


def test_table_name_filter_hides_other_tables(tab):
    tab.tables.name_filter.setText("train")
    assert tab.tables.visible_titles() == ["Training runs"]


def test_first_table_is_selected_on_start(tab):
    assert tab.current_table() == "gpu_prices"
    assert tab.visible_row_count() == 4


def test_selecting_table_fills_model_with_its_rows_and_columns(tab):
    tab.select_table("training_runs")
    assert tab.current_table() == "training_runs"
    assert tab.table_model.rowCount() == 4
    assert header_names(tab) == training_runs().columns
    assert column_texts(tab, "model")[2] == "DeepSeek V3"
    assert tab.header.description.text() == "Published frontier training runs."
    assert tab.header.title.text() == "Training runs"


def test_selecting_unknown_table_raises(tab):
    with pytest.raises(KeyError):
        tab.select_table("no_such_table")


def test_source_and_as_of_columns_are_present_and_shown(tab):
    tab.select_table("training_runs")
    names = header_names(tab)
    assert names[-2:] == ["source", "as_of"]
    header = tab.table_view.horizontalHeader()
    for name in ("source", "as_of"):
        column = names.index(name)
        assert not tab.table_view.isColumnHidden(column)
        assert header.sectionSize(column) > 0
    source_column = names.index("source")
    assert header.sectionSize(source_column) >= 200
    full_text = tab.table_model.index(1, source_column).data(Qt.ItemDataRole.ToolTipRole)
    assert full_text == "seed 001 estimate"


def test_row_filter_narrows_rows_and_updates_count_label(tab):
    tab.select_table("training_runs")
    assert tab.row_count_label.text() == "4 of 4 rows"
    tab.set_row_filter("LLAMA")
    assert tab.visible_row_count() == 2
    assert tab.row_count_label.text() == "2 of 4 rows"
    assert tab.row_filter.text() == "LLAMA"
    assert set(column_texts(tab, "model")) == {"Llama 3.1 405B"}
    # Any column matches, not just the first: "estimate" is only in source.
    tab.set_row_filter("estimate")
    assert tab.row_count_label.text() == "1 of 4 rows"
    tab.set_row_filter("")
    assert tab.visible_row_count() == 4


def test_typing_in_filter_box_filters(tab, qtbot):
    tab.select_table("gpu_prices")
    qtbot.keyClicks(tab.row_filter, "datasheet")
    qtbot.waitUntil(lambda: tab.visible_row_count() == 2)
    assert tab.row_count_label.text() == "2 of 4 rows"


def test_filter_with_no_match_leaves_empty_table(tab):
    tab.set_row_filter("zzz-no-match")
    assert tab.visible_row_count() == 0
    assert tab.row_count_label.text() == "0 of 4 rows"


def test_header_click_sorts_numerically_not_as_text(tab, qtbot):
    tab.select_table("training_runs")
    rank = header_names(tab).index("rank")
    tab.table_view.sortByColumn(rank, Qt.SortOrder.AscendingOrder)
    assert column_texts(tab, "rank") == ["1", "2", "9", "10"]
    tab.table_view.sortByColumn(rank, Qt.SortOrder.DescendingOrder)
    assert column_texts(tab, "rank") == ["10", "9", "2", "1"]


def test_nulls_sort_last_in_both_directions(tab):
    tab.select_table("training_runs")
    money = header_names(tab).index("compute_usd")
    for order in (Qt.SortOrder.AscendingOrder, Qt.SortOrder.DescendingOrder):
        tab.table_view.sortByColumn(money, order)
        assert column_texts(tab, "compute_usd")[-1] == EMPTY_CELL


def test_sort_and_filter_combine(tab):
    tab.select_table("training_runs")
    tab.set_row_filter("llama")
    money = header_names(tab).index("compute_usd")
    tab.table_view.sortByColumn(money, Qt.SortOrder.DescendingOrder)
    assert column_texts(tab, "compute_usd") == ["$170,000,000", "$60,000,000"]
    tab.set_row_filter("")
    assert column_texts(tab, "compute_usd")[:2] == ["$170,000,000", "$60,000,000"]


def test_switching_table_resets_sort_to_catalog_order(tab):
    tab.select_table("training_runs")
    tab.table_view.sortByColumn(1, Qt.SortOrder.AscendingOrder)
    tab.select_table("gpu_prices")
    tab.select_table("training_runs")
    assert column_texts(tab, "rank") == ["9", "10", "2", "1"]


def test_money_share_count_and_null_formatting(tab):
    tab.select_table("training_runs")
    assert column_texts(tab, "compute_usd") == [
        "$60,000,000",
        "$170,000,000",
        "$5,576,000",
        EMPTY_CELL,
    ]
    assert column_texts(tab, "mfu_share") == ["38%", "41%", EMPTY_CELL, "80.5%"]
    assert column_texts(tab, "tokens") == ["1.56e13", "1.56e13", "1.48e13", "3.6e13"]
    tab.select_table("gpu_prices")
    assert column_texts(tab, "hourly_low_usd") == ["$2.00", "$1.10", "$0.85", "$4.50"]
    assert column_texts(tab, "peak_bf16_tflops")[0] == "989"


def test_numbers_right_aligned_text_left_aligned(tab):
    tab.select_table("training_runs")
    model = tab.table_model
    names = header_names(tab)
    role = Qt.ItemDataRole.TextAlignmentRole
    money_alignment = model.index(0, names.index("compute_usd")).data(role)
    text_alignment = model.index(0, names.index("model")).data(role)
    assert Qt.AlignmentFlag(money_alignment) & Qt.AlignmentFlag.AlignRight
    assert Qt.AlignmentFlag(text_alignment) & Qt.AlignmentFlag.AlignLeft


def test_header_tooltips_explain_unit_suffixes(tab):
    tab.select_table("training_runs")
    model = tab.table_model
    names = header_names(tab)

    def tooltip(name: str) -> str:
        return model.headerData(
            names.index(name), Qt.Orientation.Horizontal, Qt.ItemDataRole.ToolTipRole
        )

    assert "_usd: US dollars" in tooltip("compute_usd")
    assert "_share: fraction shown as %" in tooltip("mfu_share")
    tab.select_table("gpu_prices")
    names = header_names(tab)
    assert "_usd: US dollars" in tooltip("hourly_low_usd")
    assert "_low:" in tooltip("hourly_low_usd")


def test_copy_puts_selected_cells_on_clipboard_as_tsv(tab):
    tab.select_table("training_runs")
    model = tab.table_model
    names = header_names(tab)
    top_left = model.index(0, names.index("model"))
    bottom_right = model.index(2, names.index("compute_usd"))
    tab.table_view.selectionModel().select(
        QItemSelection(top_left, bottom_right), QItemSelectionModel.SelectionFlag.ClearAndSelect
    )
    tab.copy_action.trigger()
    assert QApplication.clipboard().text() == (
        "Llama 3.1 405B\t9\t1.56e13\t$60,000,000\n"
        "Llama 3.1 405B\t10\t1.56e13\t$170,000,000\n"
        "DeepSeek V3\t2\t1.48e13\t$5,576,000"
    )


def test_copy_leaves_nulls_empty(tab):
    tab.select_table("training_runs")
    null_cell = tab.table_model.index(3, header_names(tab).index("compute_usd"))
    tab.table_view.selectionModel().select(
        null_cell, QItemSelectionModel.SelectionFlag.ClearAndSelect
    )
    QApplication.clipboard().setText("previous")
    tab.copy_action.trigger()
    assert QApplication.clipboard().text() == ""


def test_ctrl_f_focuses_row_filter(tab, qtbot):
    tab.show()
    qtbot.waitExposed(tab)
    tab.activateWindow()
    tab.table_view.setFocus()
    qtbot.waitUntil(tab.table_view.hasFocus)
    qtbot.keyClick(tab.table_view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    qtbot.waitUntil(tab.row_filter.hasFocus)


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (3.6e13, "3.6e13"),
        (405_000_000_000, "4.05e11"),
        (30_840_000.0, "30,840,000"),
        (2024, "2024"),
        (989.0, "989"),
        (0.35, "0.35"),
        (0.0, "0"),
        (-12_345.5, "-12,345.5"),
        (2.5e-5, "2.5e-5"),
    ],
)
def test_format_number(value, text):
    assert format_number(value) == text


@pytest.mark.parametrize(
    ("value", "text"),
    [
        (60_000_000.0, "$60,000,000"),
        (2.0, "$2.00"),
        (0.0025, "$0.0025"),
        (-1500.0, "-$1,500"),
    ],
)
def test_format_money(value, text):
    assert format_money(value) == text


def test_format_fraction():
    assert format_fraction(0.805) == "80.5%"
    assert format_fraction(1.0) == "100%"
    assert format_fraction(0.0012) == "0.12%"


@pytest.mark.parametrize(
    ("column", "kind"),
    [
        ("compute_usd", ColumnKind.MONEY),
        ("cost_usd_low", ColumnKind.MONEY),
        ("cost_low_usd", ColumnKind.MONEY),
        ("mfu_frac_high", ColumnKind.FRACTION),
        ("data_share", ColumnKind.FRACTION),
        ("params", ColumnKind.NUMBER),
    ],
)
def test_column_kind_reads_unit_suffix_around_range_marker(column, kind):
    assert column_kind(column, pl.Float64()) is kind


def test_text_column_is_text_whatever_its_name():
    assert column_kind("note_usd", pl.String()) is ColumnKind.TEXT


def test_copy_without_selection_leaves_clipboard_alone(tab):
    tab.table_view.clearSelection()
    QApplication.clipboard().setText("previous")
    tab.copy_action.trigger()
    assert QApplication.clipboard().text() == "previous"


def test_ctrl_c_on_table_copies_whole_selection(tab, qtbot):
    tab.show()
    qtbot.waitExposed(tab)
    tab.activateWindow()
    tab.select_table("gpu_prices")
    model = tab.table_model
    tab.table_view.setFocus()
    qtbot.waitUntil(tab.table_view.hasFocus)
    tab.table_view.selectionModel().select(
        QItemSelection(model.index(0, 0), model.index(1, 0)),
        QItemSelectionModel.SelectionFlag.ClearAndSelect,
    )
    qtbot.keyClick(tab.table_view, Qt.Key.Key_C, Qt.KeyboardModifier.ControlModifier)
    assert QApplication.clipboard().text() == "H100 SXM\nA100 80GB"


def test_provenance_line_shows_full_source_of_current_row(tab):
    tab.select_table("training_runs")
    assert "Select a cell" in tab.provenance.text()
    tab.table_view.setCurrentIndex(tab.table_model.index(1, 0))
    assert tab.provenance.text() == "Source: seed 001 estimate  ·  as of 2024-09"
    tab.select_table("gpu_prices")
    assert "Select a cell" in tab.provenance.text()


def test_filtering_keeps_fitted_column_widths(tab):
    tab.select_table("training_runs")
    header = tab.table_view.horizontalHeader()
    widths = [header.sectionSize(c) for c in range(header.count())]
    tab.set_row_filter("llama")
    tab.set_row_filter("")
    assert [header.sectionSize(c) for c in range(header.count())] == widths
