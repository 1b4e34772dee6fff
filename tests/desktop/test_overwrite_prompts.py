"""Save As and exports ask before replacing files, also names the app completed itself."""

import os
from pathlib import Path

from econplan.core.report import ReportOptions
from econplan.desktop import overwrite
from PySide6.QtWidgets import QMessageBox


class Answers:
    """Stands in for the question dialog: records what was asked, answers as told."""

    def __init__(self, answer: bool):
        self.answer = answer
        self.asked: list[list[Path]] = []

    def __call__(self, existing: list[Path]) -> bool:
        self.asked.append(list(existing))
        return self.answer


def test_save_as_asks_when_it_added_the_extension(tmp_path, window, monkeypatch):
    existing = tmp_path / "plan.json"
    existing.write_text("keep me")
    os.chmod(existing, 0o600)
    monkeypatch.setattr(window, "ask_save_path", lambda: str(tmp_path / "plan"))
    refuse = Answers(False)
    monkeypatch.setattr(window, "ask_overwrite", refuse)
    assert not window.save_as()
    assert refuse.asked == [[existing]]
    assert existing.read_text() == "keep me"
    accept = Answers(True)
    monkeypatch.setattr(window, "ask_overwrite", accept)
    assert window.save_as()
    assert existing.read_text().startswith("{")
    assert os.stat(existing).st_mode & 0o777 == 0o600


def test_save_as_to_a_new_name_does_not_ask(tmp_path, window, monkeypatch):
    monkeypatch.setattr(window, "ask_save_path", lambda: str(tmp_path / "fresh"))
    never = Answers(False)
    monkeypatch.setattr(window, "ask_overwrite", never)
    assert window.save_as()
    assert never.asked == [] and (tmp_path / "fresh.json").exists()


def test_csv_export_into_a_folder_with_files_asks_once(tmp_path, window, monkeypatch):
    kept = tmp_path / "training-breakdown.csv"
    kept.write_text("keep me")
    refuse = Answers(False)
    monkeypatch.setattr(window.exports, "ask_overwrite", refuse)
    assert not window.exports.write_csv(tmp_path)
    assert refuse.asked == [[kept]]
    assert [p.name for p in tmp_path.iterdir()] == [kept.name]
    assert "no file was replaced" in window.exports.last_message
    monkeypatch.setattr(window.exports, "ask_overwrite", Answers(True))
    assert window.exports.write_csv(tmp_path)
    assert kept.read_text() != "keep me"


def test_chart_and_xlsx_and_pdf_exports_ask_before_replacing(tmp_path, window, monkeypatch):
    chart = tmp_path / "training_cost_breakdown.png"
    chart.write_bytes(b"keep me")
    workbook = tmp_path / "tables.xlsx"
    workbook.write_bytes(b"keep me")
    pdf = tmp_path / "plan.pdf"
    pdf.write_bytes(b"keep me")
    refuse = Answers(False)
    monkeypatch.setattr(window.exports, "ask_overwrite", refuse)
    assert not window.exports.write_charts(tmp_path, "png")
    assert not window.exports.write_xlsx(tmp_path / "tables")  # ".xlsx" added by the app
    assert not window.exports.write_pdf(ReportOptions(), pdf)
    assert [chart] in refuse.asked and [workbook] in refuse.asked and [pdf] in refuse.asked
    assert all(p.read_bytes() == b"keep me" for p in (chart, workbook, pdf))
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([chart.name, workbook.name,
                                                                pdf.name])


def test_the_question_names_the_files_and_defaults_to_no(tmp_path, monkeypatch):
    files = [tmp_path / f"t{i}.csv" for i in range(8)]
    asked = []

    def question(parent, title, text, buttons, default):
        asked.append((text, default))
        return QMessageBox.StandardButton.No

    monkeypatch.setattr(QMessageBox, "question", question)
    assert not overwrite.ask_replace(None, files)
    text, default = asked[0]
    assert default == QMessageBox.StandardButton.No
    assert "8 files already exist" in text and "t0.csv" in text and "2 more" in text
    assert overwrite.overwrite_question(files[:1]).startswith("t0.csv already exists")
