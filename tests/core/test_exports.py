"""CSV and XLSX exports hold exactly the report's tables; failures leave no file."""

import csv
import os

import openpyxl
import pytest
from econplan.core.exports import FORMULA_TRIGGERS, csv_safe, write_tables_csv, write_tables_xlsx
from econplan.core.report import build_report
from econplan.core.report_blocks import Table
from hypothesis import given
from hypothesis import strategies as st


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


# -- formulas never reach a spreadsheet (OWASP CSV injection) ------------------------------

NAME_PAYLOADS = ['=HYPERLINK("http://x","y")', "=cmd|' /C calc'!A0", "+1+1", "-2+3",
                 "@SUM(A1)"]
# Names are stripped by the scenario model, so leading tab and CR are tested on a table.
ALL_PAYLOADS = [*NAME_PAYLOADS, "\t=1", "\r=1"]


@pytest.fixture(scope="module")
def hostile_report(catalog):
    from econplan.core.defaults import default_scenario
    from econplan.core.scenario import Scenario

    payload = default_scenario(catalog).model_dump()
    payload["routing"]["custom_roles"] = [{"name": name, "headcount": 3}
                                          for name in NAME_PAYLOADS]
    report = build_report(Scenario.model_validate(payload), catalog)
    extra = Table(table_id="routing_payloads", title="Payloads", columns=["text", "number"],
                  rows=[[text, "-2"] for text in ALL_PAYLOADS],
                  values=[[text, -2.5] for text in ALL_PAYLOADS])
    section = report.sections[[s.planner_id for s in report.sections].index("routing")]
    section.blocks.append(extra)
    return report


def _cells(path):
    workbook = openpyxl.load_workbook(path)
    return [cell for sheet in workbook for row in sheet.iter_rows() for cell in row
            if cell.value is not None]


def test_xlsx_writes_formula_like_names_as_plain_text(tmp_path, hostile_report):
    path = write_tables_xlsx(hostile_report, tmp_path / "plan.xlsx")
    cells = _cells(path)
    by_value = {cell.value: cell for cell in cells}
    for payload in ALL_PAYLOADS:
        # XlsxWriter stores CR as Excel's escape _x000D_, which openpyxl does not decode.
        cell = by_value[payload.replace("\r", "_x000D_")]
        assert cell.data_type == "s", payload
        assert cell.hyperlink is None
    assert not any(cell.data_type == "f" for cell in cells)
    assert not any(cell.hyperlink is not None for cell in cells)
    assert -2.5 in by_value and by_value[-2.5].data_type == "n"


def test_xlsx_holds_no_formula_anywhere_in_the_file(tmp_path, hostile_report):
    import zipfile

    path = write_tables_xlsx(hostile_report, tmp_path / "plan.xlsx")
    with zipfile.ZipFile(path) as archive:
        sheets = [archive.read(n) for n in archive.namelist() if n.startswith("xl/worksheets/")]
        assert not any(n.startswith("xl/worksheets/_rels") for n in archive.namelist())
    assert all(b"<f>" not in sheet and b"<f " not in sheet for sheet in sheets)


def test_csv_neutralises_formula_like_text_and_keeps_numbers(tmp_path, hostile_report):
    written = write_tables_csv(hostile_report, tmp_path)
    roles = next(p for p in written if p.name == "routing-roles.csv")
    payloads = next(p for p in written if p.name == "routing-payloads.csv")
    role_text = roles.read_text()
    for name in NAME_PAYLOADS:
        with roles.open(newline="") as handle:
            assert ["'" + name] in [row[:1] for row in csv.reader(handle)]
    assert "\n=" not in role_text and "\n+" not in role_text and "\n@" not in role_text
    with payloads.open(newline="") as handle:
        rows = list(csv.reader(handle))
    assert rows[1:] == [["'" + text, "-2.5"] for text in ALL_PAYLOADS]
    # Text fields are quoted and numbers bare, as OWASP recommends.
    assert payloads.read_text().splitlines()[1] == '"\'=HYPERLINK(""http://x"",""y"")",-2.5'


@given(st.text(max_size=40))
def test_no_csv_cell_can_start_a_formula(text):
    cell = csv_safe(text)
    assert not str(cell).startswith(FORMULA_TRIGGERS) or _is_plain_number(str(cell))


def _is_plain_number(text: str) -> bool:
    try:
        float(text)
    except ValueError:
        return False
    return text.lstrip("-")[:1].isdigit()


def test_plain_negative_numbers_in_text_stay_as_they_are():
    assert csv_safe("-2.5") == "-2.5"
    assert csv_safe("-1e6") == "-1e6"
    assert csv_safe("-2+3") == "'-2+3"
    assert csv_safe(-2) == -2
