"""File → Export from the window: PDF, XLSX, CSV and charts, with failures reported."""

from pathlib import Path

import openpyxl
from econplan.core.report import PLANNER_TITLES, SECTION_BUILDERS, Chart, ReportOptions
from econplan.desktop.export_dialog import ExportPdfDialog
from pypdf import PdfReader
from PySide6.QtWidgets import QMessageBox


def test_export_menu_and_shortcut(window):
    assert window.exports.pdf_action.shortcut().toString() == "Ctrl+E"
    titles = [a.text() for a in window.menuBar().actions()[0].menu().actions()]
    assert "&Export" in titles


def test_pdf_export_writes_the_proposal_and_reports_it(tmp_path, window, monkeypatch):
    target = tmp_path / "proposal.pdf"
    options = ReportOptions(title="Q3 plan", organisation="Acme")
    monkeypatch.setattr(window.exports, "ask_pdf_options", lambda: (options, target))
    assert window.exports.export_pdf()
    assert "Q3 plan" in PdfReader(target).pages[0].extract_text().replace("\t", " ")
    assert window.exports.last_message.startswith(f"Exported {target}")
    assert not window.document.is_modified  # exports never change the scenario


def test_pdf_export_failure_is_reported_and_writes_nothing(window, monkeypatch):
    warnings = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    assert not window.exports.write_pdf(ReportOptions(), Path("/sys/proposal.pdf"))
    assert "Nothing was written" in warnings[0]


def test_xlsx_csv_and_chart_exports(tmp_path, window):
    assert window.exports.write_xlsx(tmp_path / "tables")
    sheets = openpyxl.load_workbook(tmp_path / "tables.xlsx").sheetnames
    assert sheets == [PLANNER_TITLES[planner] for planner in SECTION_BUILDERS]
    csv_dir = tmp_path / "csv"
    csv_dir.mkdir()
    assert window.exports.write_csv(csv_dir)
    assert any(p.name.startswith("training-") for p in csv_dir.iterdir())
    for kind in ("png", "svg", "pdf"):
        folder = tmp_path / kind
        folder.mkdir()
        assert window.exports.write_charts(folder, kind)
        files = sorted(folder.iterdir())
        charts = [b for s in window.exports._report().sections for b in s.blocks
                  if isinstance(b, Chart)]
        assert [f.suffix for f in files] == [f".{kind}"] * len(charts)
    assert b"<path" in (tmp_path / "svg" / "training_cost_breakdown.svg").read_bytes()
    for page in PdfReader(tmp_path / "pdf" / "training_reference_runs.pdf").pages:
        assert list(page.images) == []


def test_dialog_names_the_field_that_blocks_export(qtbot, tmp_path):
    dialog = ExportPdfDialog("My plan", str(tmp_path))
    qtbot.addWidget(dialog)
    assert dialog.problem() == ""
    assert dialog.output_path() == tmp_path / "My plan.pdf"
    dialog.title_edit.setText("  ")
    assert dialog.problem().startswith("Title:")
    dialog.title_edit.setText("Plan")
    for box in dialog.planner_boxes.values():
        box.setChecked(False)
    assert dialog.problem().startswith("Include:")
    next(iter(dialog.planner_boxes.values())).setChecked(True)
    dialog.path_edit.setText(str(tmp_path / "missing" / "x.pdf"))
    assert dialog.problem().startswith("Save as:")
    dialog.accept()
    assert "does not exist" in dialog.error_label.text()
