"""Result tables to CSV and XLSX, from the same report model the PDF is drawn from.

Numbers are written as numbers (the report keeps each table's raw values), so
a spreadsheet can recompute from them. Text is only ever text: names typed by
users (roles, tasks, data sources) can begin with ``=``, ``+``, ``-`` or ``@``,
which a spreadsheet would run as a formula (CSV injection), so XLSX cells are
written as strings with formula and link detection off, and CSV cells that could
be read as a formula get OWASP's leading single quote. Every file goes through
the atomic writer: a failure leaves no half-written file.
"""

from __future__ import annotations

import csv
import io
import os
import re
from pathlib import Path

import xlsxwriter
from econplan.core.atomic_write import atomic_path, atomic_write_text
from econplan.core.report import PLANNER_TITLES, Report, Table

# OWASP's list: a cell starting with any of these may be evaluated by a spreadsheet.
FORMULA_TRIGGERS = ("=", "+", "-", "@", "\t", "\r")
_PLAIN_NUMBER = re.compile(r"-?\d+(\.\d+)?([eE][-+]?\d+)?")


def is_formula_like(text: str) -> bool:
    """True for text a spreadsheet could run; a plain negative number such as "-2.5" is not."""
    return text.startswith(FORMULA_TRIGGERS) and not _PLAIN_NUMBER.fullmatch(text)


def csv_safe(value: object) -> object:
    """A CSV cell that cannot run: formula-like text gets a leading single quote."""
    if isinstance(value, str) and is_formula_like(value):
        return "'" + value
    return value


def table_rows(table: Table) -> list[list[object]]:
    return [list(table.columns)] + [list(row) for row in (table.values or table.rows)]


def table_csv_text(table: Table) -> str:
    buffer = io.StringIO()
    # Every text field quoted, numbers bare: the quoting OWASP asks for, and numbers
    # stay numbers for the spreadsheet.
    writer = csv.writer(buffer, lineterminator="\n", quoting=csv.QUOTE_NONNUMERIC)
    writer.writerows([csv_safe(value) for value in row] for row in table_rows(table))
    return buffer.getvalue()


def csv_file_name(planner_id: str, table: Table) -> str:
    return f"{planner_id}-{table.table_id.removeprefix(planner_id + '_')}.csv"


def csv_paths(report: Report, directory: str | os.PathLike[str]) -> list[Path]:
    """The files ``write_tables_csv`` writes, so a caller can ask before replacing any."""
    return [Path(directory) / csv_file_name(planner_id, table)
            for planner_id, table in report.tables()]


def write_tables_csv(report: Report, directory: str | os.PathLike[str]) -> list[Path]:
    """One CSV per result table, named ``<planner>-<table>.csv``."""
    folder = Path(directory)
    if not folder.is_dir():
        raise OSError(f"folder does not exist: {folder}")
    paths = csv_paths(report, folder)
    for path, (_planner_id, table) in zip(paths, report.tables(), strict=True):
        atomic_write_text(path, table_csv_text(table))
    return paths


def write_tables_xlsx(report: Report, path: str | os.PathLike[str]) -> Path:
    """One worksheet per planner with its tables one under another."""
    with atomic_path(path) as tmp:
        # No string is ever turned into a formula or a link; cells are typed explicitly.
        workbook = xlsxwriter.Workbook(str(tmp), {"nan_inf_to_errors": True,
                                                  "strings_to_formulas": False,
                                                  "strings_to_urls": False,
                                                  "strings_to_numbers": False})
        title_format = workbook.add_format({"bold": True, "font_size": 12})
        header_format = workbook.add_format({"bold": True, "bg_color": "#E8EEF5"})
        money = workbook.add_format({"num_format": "#,##0.00"})
        # The quote prefix keeps formula-like text as text even after a user edits the cell.
        quoted = workbook.add_format({"quote_prefix": True})
        by_planner: dict[str, list[Table]] = {}
        for planner_id, table in report.tables():
            by_planner.setdefault(planner_id, []).append(table)
        for planner_id, tables in by_planner.items():
            sheet = workbook.add_worksheet(PLANNER_TITLES.get(planner_id, planner_id)[:31])
            row = 0
            widths: dict[int, int] = {}
            for table in tables:
                sheet.write_string(row, 0, table.title, title_format)
                row += 1
                for col, name in enumerate(table.columns):
                    sheet.write_string(row, col, name, header_format)
                    widths[col] = max(widths.get(col, 0), len(name))
                row += 1
                for values in table.values or table.rows:
                    for col, value in enumerate(values):
                        if isinstance(value, int | float) and not isinstance(value, bool):
                            # Thousands separators for amounts; tiny per-call costs keep
                            # every digit (a 2-decimal format would show $0.000028 as 0.00).
                            style = money if abs(value) >= 1 else None
                            sheet.write_number(row, col, value, style)
                            widths[col] = max(widths.get(col, 0), 14)
                        elif value is None:
                            sheet.write_blank(row, col, None)
                        else:
                            text = str(value)
                            style = quoted if is_formula_like(text) else None
                            sheet.write_string(row, col, text, style)
                            widths[col] = max(widths.get(col, 0), min(len(str(value)), 60))
                    row += 1
                row += 1
            for col, width in widths.items():
                sheet.set_column(col, col, width + 2)
        workbook.close()
    return Path(path)
