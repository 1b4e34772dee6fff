"""Result tables to CSV and XLSX, from the same report model the PDF is drawn from.

Numbers are written as numbers (the report keeps each table's raw values), so
a spreadsheet can recompute from them. Every file is written beside its target
and renamed into place: a failure leaves no half-written file.
"""

from __future__ import annotations

import csv
import io
import os
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import xlsxwriter

from core.report import PLANNER_TITLES, Report, Table
from core.scenario_io import atomic_write_text, give_default_permissions


@contextmanager
def atomic_target(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yields a temporary path beside ``path``; renamed onto it only on success."""
    target = Path(path)
    if not target.parent.is_dir():
        raise OSError(f"folder does not exist: {target.parent}")
    fd, tmp_name = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    os.close(fd)
    tmp = Path(tmp_name)
    try:
        yield tmp
        give_default_permissions(tmp)
        os.replace(tmp, target)
    except BaseException:
        tmp.unlink(missing_ok=True)
        raise


def table_rows(table: Table) -> list[list[object]]:
    return [list(table.columns)] + [list(row) for row in (table.values or table.rows)]


def table_csv_text(table: Table) -> str:
    buffer = io.StringIO()
    csv.writer(buffer, lineterminator="\n").writerows(table_rows(table))
    return buffer.getvalue()


def csv_file_name(planner_id: str, table: Table) -> str:
    return f"{planner_id}-{table.table_id.removeprefix(planner_id + '_')}.csv"


def write_tables_csv(report: Report, directory: str | os.PathLike[str]) -> list[Path]:
    """One CSV per result table, named ``<planner>-<table>.csv``."""
    folder = Path(directory)
    if not folder.is_dir():
        raise OSError(f"folder does not exist: {folder}")
    written = []
    for planner_id, table in report.tables():
        path = folder / csv_file_name(planner_id, table)
        atomic_write_text(path, table_csv_text(table))
        written.append(path)
    return written


def write_tables_xlsx(report: Report, path: str | os.PathLike[str]) -> Path:
    """One worksheet per planner with its tables one under another."""
    with atomic_target(path) as tmp:
        workbook = xlsxwriter.Workbook(str(tmp), {"nan_inf_to_errors": True})
        title_format = workbook.add_format({"bold": True, "font_size": 12})
        header_format = workbook.add_format({"bold": True, "bg_color": "#E8EEF5"})
        money = workbook.add_format({"num_format": "#,##0.00"})
        by_planner: dict[str, list[Table]] = {}
        for planner_id, table in report.tables():
            by_planner.setdefault(planner_id, []).append(table)
        for planner_id, tables in by_planner.items():
            sheet = workbook.add_worksheet(PLANNER_TITLES.get(planner_id, planner_id)[:31])
            row = 0
            widths: dict[int, int] = {}
            for table in tables:
                sheet.write(row, 0, table.title, title_format)
                row += 1
                for col, name in enumerate(table.columns):
                    sheet.write(row, col, name, header_format)
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
                        else:
                            sheet.write(row, col, value)
                            widths[col] = max(widths.get(col, 0), min(len(str(value)), 60))
                    row += 1
                row += 1
            for col, width in widths.items():
                sheet.set_column(col, col, width + 2)
        workbook.close()
    return Path(path)
