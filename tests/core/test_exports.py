"""CSV and XLSX exports hold exactly the report's tables; failures leave no file."""

import csv
import os

import openpyxl
import pytest

from core.exports import write_tables_csv, write_tables_xlsx
from core.report import build_report


@pytest.fixture(scope="module")
def report(catalog, presets):
    return build_report(presets["task_management_assistant"], catalog)


def test_xlsx_has_one_sheet_per_planner_with_numeric_values(tmp_path, report):
    path = write_tables_xlsx(report, tmp_path / "plan.xlsx")
    workbook = openpyxl.load_workbook(path)
    planners = {planner for planner, _ in report.tables()}
    assert len(workbook.sheetnames) == len(planners)
    sheet = workbook["Training budget"]
    cells = [[c.value for c in row] for row in sheet.iter_rows()]
    _, breakdown = next(t for t in report.tables() if t[1].table_id == "training_breakdown")
    header_at = next(i for i, row in enumerate(cells) if row[:5] == breakdown.columns)
    for offset, expected in enumerate(breakdown.values, 1):
        row = cells[header_at + offset][: len(expected)]
        assert row[0] == expected[0]
        assert row[1:4] == pytest.approx(expected[1:4])


def test_csv_files_match_the_tables(tmp_path, report):
    written = write_tables_csv(report, tmp_path)
    assert len(written) == len(report.tables())
    for path, (_, table) in zip(written, report.tables(), strict=True):
        with path.open() as handle:
            rows = list(csv.reader(handle))
        assert rows[0] == table.columns
        assert len(rows) == len(table.values) + 1
        for got, expected in zip(rows[1:], table.values, strict=True):
            assert got[0] == str(expected[0])
    assert oct(os.stat(written[0]).st_mode & 0o777) != oct(0o600)


def test_unwritable_target_raises(report):
    # /sys refuses new files even to root (the tests run as root in CI).
    with pytest.raises(PermissionError):
        write_tables_xlsx(report, "/sys/plan.xlsx")


def test_missing_folder_is_a_clear_error(tmp_path, report):
    with pytest.raises(OSError, match="folder does not exist"):
        write_tables_xlsx(report, tmp_path / "nope" / "plan.xlsx")
    with pytest.raises(OSError, match="folder does not exist"):
        write_tables_csv(report, tmp_path / "nope")


def test_failure_midway_leaves_no_partial_file(tmp_path, report, monkeypatch):
    import xlsxwriter

    def explode(self):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(xlsxwriter.Workbook, "close", explode)
    with pytest.raises(OSError, match="No space"):
        write_tables_xlsx(report, tmp_path / "plan.xlsx")
    assert list(tmp_path.iterdir()) == []
